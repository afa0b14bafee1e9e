#!/usr/bin/env python3
"""Reference counts for the peer benchmarks (not a peer, not timed).

usage: truth.py FILE

Counts interchanges, groups, transaction sets / messages and segments the
way the standards define them, honouring each interchange's own delimiters:
X12 takes them from its ISA (element at byte 3, component at 104, segment
terminator at 105; CR/LF after a terminator is filler), EDIFACT from an
optional UNA (which is not counted as a segment) with its release character.
Prints one JSON line in the drivers' format with "peer":"truth", so a driver's
line can be compared with it field by field.
"""
import json
import sys


def x12(data):
    n = {"interchanges": 0, "groups": 0, "sets": 0, "segments": 0}
    pos = data.find(b"ISA")
    while pos >= 0:
        elem, term = data[pos + 3:pos + 4], data[pos + 105:pos + 106]
        while True:  # segments of this interchange, up to its IEA
            end = data.find(term, pos)
            if end < 0:
                raise SystemExit("truth: unterminated segment at byte %d" % pos)
            seg, pos = data[pos:end].lstrip(b"\r\n"), end + 1
            if not seg:
                continue
            tag = seg.split(elem, 1)[0]
            n["segments"] += 1
            if tag == b"GS":
                n["groups"] += 1
            elif tag == b"ST":
                n["sets"] += 1
            elif tag == b"IEA":
                n["interchanges"] += 1
                break
        pos = data.find(b"ISA", pos)
    return n


def edifact(data):
    n = {"interchanges": 0, "groups": 0, "sets": 0, "segments": 0}
    i, size = 0, len(data)
    comp, elem, rel, term = b":", b"+", b"?", b"'"
    while i < size:
        while i < size and data[i:i + 1] in b"\r\n":
            i += 1
        if i >= size:
            break
        if data[i:i + 3] == b"UNA":
            comp, elem, rel, term = (data[i + 3:i + 4], data[i + 4:i + 5],
                                     data[i + 6:i + 7], data[i + 8:i + 9])
            i += 9
            continue
        j = i
        while j < size and data[j:j + 1] != term:
            j += 2 if data[j:j + 1] == rel else 1
        tag = data[i:i + 3]
        n["segments"] += 1
        if tag == b"UNG":
            n["groups"] += 1
        elif tag == b"UNH":
            n["sets"] += 1
        elif tag == b"UNZ":
            n["interchanges"] += 1
            comp, elem, rel, term = b":", b"+", b"?", b"'"  # UNA is per interchange
        i = j + 1
    return n


def main():
    if len(sys.argv) != 2:
        raise SystemExit("usage: truth.py FILE")
    data = open(sys.argv[1], "rb").read()
    head = data.lstrip(b"\r\n\t ")[:3]
    n = edifact(data) if head in (b"UNA", b"UNB") else x12(data)
    print(json.dumps({"peer": "truth", "job": "count", **n}, separators=(",", ":")))


if __name__ == "__main__":
    main()
