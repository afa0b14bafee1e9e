// Helpers shared by the Node peer drivers (not a driver itself).
// Peers are loaded from bench/peers/node/node_modules, where install.sh puts them.
'use strict';
const path = require('path');
const { createRequire } = require('module');

const driver = path.basename(process.argv[1] || 'driver');

function fail(message) {
  process.stderr.write(`${driver}: ${message}\n`);
  process.exit(1);
}

// Any exception a peer throws, even from inside a stream callback, ends the
// driver with a one-line message and a non-zero exit status.
process.on('uncaughtException', (err) => fail(err && err.message ? err.message : String(err)));

const peerRequire = createRequire(path.join(__dirname, '..', 'node', 'package.json'));

function peer(name) {
  try {
    return peerRequire(name);
  } catch (err) {
    return fail(`cannot load ${name} (run bench/peers/install.sh): ${err.message}`);
  }
}

function fileArg() {
  if (process.argv.length !== 3) fail('usage: node ' + driver + ' FILE');
  return process.argv[2];
}

// The one result line: {"peer":..,"job":..,<counts>}; undefined counts are left out.
function emit(peerName, job, counts) {
  const line = { peer: peerName, job };
  for (const key of ['interchanges', 'groups', 'sets', 'segments', 'records', 'output_bytes']) {
    if (counts[key] !== undefined) line[key] = counts[key];
  }
  process.stdout.write(JSON.stringify(line) + '\n');
}

module.exports = { peer, fileArg, emit, fail };
