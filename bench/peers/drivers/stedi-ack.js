// @stedi/x12-tools `ack`: one 997 per functional group. The library's ack()
// takes X12 text and returns a 997 interchange (AK1 + AK9, no AK2/AK5), but
// for the FIRST group of its input only, with AK9 counting the sets of the
// whole input. So the driver first runs metadata() to find each group's span,
// then calls ack() on a one-group interchange (the group's own ISA, the GS..GE
// text, an IEA) with a driver-chosen 9-digit control number. output_bytes = total length of the 997 strings; the counts
// are the interchanges/groups/sets that were acknowledged (sets = AK9-02 sums).
'use strict';
const fs = require('fs');
const { peer, fileArg, emit, fail } = require('./lib.js');
const x12 = peer('@stedi/x12-tools');

const text = fs.readFileSync(fileArg(), 'latin1');
const meta = x12.metadata(text);
const n = { interchanges: 0, groups: 0, sets: 0, output_bytes: 0 };
let control = 0;
for (const ic of meta.interchanges) {
  n.interchanges += 1;
  const d = ic.delimiters;
  for (const group of ic.functionalGroups) {
    control += 1;
    const number = String(control).padStart(9, '0');
    const oneGroup = ic.envelope.segments.isa + d.segment +
      text.slice(group.span.start, group.span.end) + d.segment + // span ends before GE's terminator
      ['IEA', '1', ic.envelope.segments.isa.slice(90, 99)].join(d.element) + d.segment;
    const ack = x12.ack(oneGroup, number, String(control));
    if (ack === undefined) fail(`ack() returned nothing for group ${group.envelope && group.envelope.controlNumber}`);
    n.groups += 1;
    n.sets += Number(ack.match(/AK9.(?:[AEPRMW]).(\d+)/)[1]);
    n.output_bytes += Buffer.byteLength(ack);
  }
}
emit('@stedi/x12-tools', 'ack', n);
