// node-x12 `json`: parse the whole file as node-x12-parse.js does, then turn
// the interchange object into a JSON string with JSON.stringify(), which calls
// the library's own toJSON() (its "JS EDI Notation"). output_bytes is the
// UTF-8 length of that string; counts come from the parsed object model.
'use strict';
const fs = require('fs');
const { peer, fileArg, emit } = require('./lib.js');
const { countModel } = require('./node-x12-parse.js');
const { X12Parser } = peer('node-x12');

const parser = new X12Parser(true);
const result = parser.parse(fs.readFileSync(fileArg(), 'utf8'));
const json = JSON.stringify(result);
emit('node-x12', 'json', { ...countModel(result), output_bytes: Buffer.byteLength(json) });
