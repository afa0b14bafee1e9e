// @stedi/x12-tools `parse`: the whole file is read into a string (the library
// has no streaming API) and metadata() builds its envelope tree: interchanges,
// each with its own delimiters, functional groups and transaction sets, with
// byte spans. That tree is the library's parse result; it does not list the
// segments, so no segment count is printed (stedi-format.js counts them).
'use strict';
const fs = require('fs');
const { peer, fileArg, emit } = require('./lib.js');
const x12 = peer('@stedi/x12-tools');

const meta = x12.metadata(fs.readFileSync(fileArg(), 'latin1'));
const n = { interchanges: meta.interchanges.length, groups: 0, sets: 0 };
for (const ic of meta.interchanges) {
  for (const group of ic.functionalGroups) {
    n.groups += 1;
    n.sets += group.transactionSets.length;
  }
}
emit('@stedi/x12-tools', 'parse', n);
