// node-x12 `parse`: the whole file is read into a string and parsed by
// X12Parser(strict=true).parse() into node-x12's object model (one
// X12Interchange, or an X12FatInterchange when the file holds several), as
// the library's README shows. Counts are read back from that object model
// (countModel is shared with node-x12-json.js and node-x12-stream.js).
// The streaming path is measured separately by node-x12-stream.js.
'use strict';
const fs = require('fs');
const { peer, fileArg, emit } = require('./lib.js');
const { X12Parser } = peer('node-x12');

if (require.main === module) {
  const parser = new X12Parser(true);
  const result = parser.parse(fs.readFileSync(fileArg(), 'utf8'));
  emit('node-x12', 'parse', countModel(result));
}

function countModel(result) {
  const interchanges = result.interchanges ? result.interchanges : [result];
  const n = { interchanges: interchanges.length, groups: 0, sets: 0, segments: 0 };
  for (const ic of interchanges) {
    n.segments += 2; // ISA, IEA
    for (const group of ic.functionalGroups) {
      n.groups += 1;
      n.segments += 2; // GS, GE
      for (const set of group.transactions) {
        n.sets += 1;
        n.segments += 2 + set.segments.length; // ST, SE and the body
      }
    }
  }
  return n;
}

module.exports = { countModel };
