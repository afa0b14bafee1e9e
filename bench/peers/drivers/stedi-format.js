// @stedi/x12-tools `format`: the whole file is read into a string and
// format() rewrites it one segment per line (the library's own segment
// tokeniser, honouring each interchange's delimiters). segments = lines of
// that output; output_bytes = its UTF-8 length.
'use strict';
const fs = require('fs');
const { peer, fileArg, emit } = require('./lib.js');
const x12 = peer('@stedi/x12-tools');

const text = x12.format(fs.readFileSync(fileArg(), 'latin1'));
let segments = 0;
for (const line of text.split('\n')) if (line.trim() !== '') segments += 1;
emit('@stedi/x12-tools', 'format', { segments, output_bytes: Buffer.byteLength(text) });
