// edifact (npm) `parse`: the file is streamed in chunks into the library's
// event-driven Parser (no Validator, so no segment/element definitions are
// checked), the way its README shows. Each segment is built as
// {name, elements: [[components]]} like the README's example and then dropped.
// The encoding level is taken from UNB's syntax identifier, as the library's
// own Reader does with autoDetectEncoding. segments = segments the parser
// opened (a UNA header is consumed by the parser and not counted);
// interchanges/groups/sets = UNB/UNG/UNH segments seen.
'use strict';
const fs = require('fs');
const { peer, fileArg, emit, fail } = require('./lib.js');
const Parser = peer('edifact/parser.js');

const n = { interchanges: 0, groups: 0, sets: 0, segments: 0 };
const parser = new Parser();
let segment = null;
let elements = null;
let components = null;
let syntaxIdentifier = false;

parser.onopensegment = (name) => {
  segment = { name, elements: (elements = []) };
  n.segments += 1;
  if (name === 'UNB') { n.interchanges += 1; syntaxIdentifier = true; }
  else if (name === 'UNG') n.groups += 1;
  else if (name === 'UNH') n.sets += 1;
};
parser.onelement = () => { elements.push((components = [])); };
parser.oncomponent = (value) => {
  if (syntaxIdentifier) { parser.encoding(value); syntaxIdentifier = false; }
  components.push(value);
};
parser.onclosesegment = () => { segment = null; };

const input = fs.createReadStream(fileArg(), { encoding: 'latin1' });
input.on('error', (err) => fail(err.message));
input.on('data', (chunk) => parser.write(chunk));
input.on('end', () => {
  parser.end();
  emit('edifact', 'parse', n);
});
