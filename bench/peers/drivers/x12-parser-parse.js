// x12-parser (npm) `parse`: the file is piped through the library's X12parser
// Transform stream, as its README shows; every segment object it pushes is
// counted as it comes and then dropped. interchanges/groups/sets = ISA/GS/ST
// segments seen. The library builds each segment object (name + numbered
// elements), which is the work measured.
'use strict';
const fs = require('fs');
const { peer, fileArg, emit, fail } = require('./lib.js');
const { X12parser } = peer('x12-parser');

const n = { interchanges: 0, groups: 0, sets: 0, segments: 0 };
const input = fs.createReadStream(fileArg());
input.on('error', (err) => fail(err.message));
input.pipe(new X12parser())
  .on('data', (segment) => {
    n.segments += 1;
    if (segment.name === 'ISA') n.interchanges += 1;
    else if (segment.name === 'GS') n.groups += 1;
    else if (segment.name === 'ST') n.sets += 1;
  })
  .on('error', (err) => fail(err.message))
  .on('end', () => emit('x12-parser', 'parse', n));
