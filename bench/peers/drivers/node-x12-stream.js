// node-x12 `stream`: the README's streaming recipe for large files: the file
// is piped through an X12Parser Transform, every X12Segment it emits is
// collected, and getInterchangeFromSegments() builds the object model at the
// end. segments = segments the stream emitted; interchanges/groups/sets come
// from the object model built at the end.
// The parser is NOT strict here: in strict mode node-x12 1.7.1 re-checks the
// ISA length at the start of every stream chunk and throws on the second
// chunk; non-strict, it merges all interchanges into one.
'use strict';
const fs = require('fs');
const { peer, fileArg, emit, fail } = require('./lib.js');
const { countModel } = require('./node-x12-parse.js');
const { X12Parser } = peer('node-x12');

const parser = new X12Parser(false);
const segments = [];
const input = fs.createReadStream(fileArg());
input.on('error', (err) => fail(err.message));
input.pipe(parser)
  .on('data', (segment) => segments.push(segment))
  .on('error', (err) => fail(err.message))
  .on('end', () => {
    const result = parser.getInterchangeFromSegments(segments);
    emit('node-x12', 'stream', { ...countModel(result), segments: segments.length });
  });
