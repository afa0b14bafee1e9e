#!/usr/bin/env python3
"""Rewrites pyx12 transaction set maps as wharf grammar files.

pyx12 (https://github.com/azoner/pyx12, BSD licence) describes each implementation guide as an
XML map: loops, segments in the order of the guide's tables, elements with their usage, repeat
and allowed codes, syntax notes. This script reads the facts out of such a map and writes them in
wharf's grammar format (grammars/README.md): one segment variant per place a segment stands in
the guide (`NM1@X222/1000A`), because a guide gives the same segment different rules in
different loops, and one composite variant per use that narrows codes.

    tools/grammars/pyx12_to_wharf.py MAP.xml --set 837 --group HC --guide 005010X222A1 \\
        --name "Health Care Claim: Professional" --codes codes.xml > 837P.grammar
    tools/grammars/pyx12_to_wharf.py 997.4010.xml --set 997 --group FA --widen AK101 AK201 AK403 > 997.grammar
    tools/grammars/pyx12_to_wharf.py --elements dataele.xml > elements.grammar
"""
import argparse
import sys
import xml.etree.ElementTree as ET


def text(node, tag, default=""):
    child = node.find(tag)
    return child.text.strip() if child is not None and child.text else default


def count(value):
    """pyx12 writes unbounded as '>1'; wharf writes it the same way."""
    value = value.strip()
    return ">1" if value.startswith(">") else str(int(value))


USAGE = {"R": "M", "S": "O", "N": "N"}


class Writer:
    def __init__(self, key, external, widen=(), appended=()):
        self.key = key            # short name that keeps variant ids unique across files
        self.widen = set(widen)   # element xids whose code narrowing is dropped
        self.appended = {}        # tag -> extra element use lines
        for spec in appended:     # "AK1:03:480:O"
            tag, position, ref, usage = spec.split(":")
            self.appended.setdefault(tag, []).append(f"{int(position):02d} {ref} {usage}")
        self.external = external  # external code lists pyx12 names by id
        self.segments = []        # (id, name, lines)
        self.composites = []
        self.used_lists = set()
        self.variant_numbers = {}

    def variant_id(self, tag, loop):
        base = f"{tag}@{self.key}/{loop}" if loop else f"{tag}@{self.key}"
        n = self.variant_numbers.get(base, 0) + 1
        self.variant_numbers[base] = n
        return base if n == 1 else f"{base}.{n}"

    def codes_suffix(self, element):
        if element.get("xid") in self.widen:
            return ""  # the guide's narrowing does not hold for wharf's use of the set
        codes = element.find("valid_codes")
        if codes is None:
            return ""
        if codes.get("external"):
            name = codes.get("external")
            if name in self.external:
                self.used_lists.add(name)
                return f" list {name}"
            return ""
        values = [c.text.strip() for c in codes.findall("code") if c.text and c.text.strip()]
        values = [f'"{v}"' if " " in v else v for v in values]  # "SITUATIONAL TRIGGER"
        return (" codes " + " ".join(values)) if values else ""

    def use_line(self, element, position):
        usage = USAGE.get(text(element, "usage", "S"), "O")
        ref = text(element, "data_ele")
        repeat = text(element, "repeat", "1")
        repeat_text = "" if repeat == "1" else f" x{count(repeat)}"
        return f"  {position:02d} {ref} {usage}{repeat_text}{self.codes_suffix(element)}"

    def composite(self, node, owner):
        cid = text(node, "data_ele")
        lines = []
        for component in node.findall("element"):
            seq = int(text(component, "seq"))
            lines.append(self.use_line(component, seq))
        rules = [s.text.strip() for s in node.findall("syntax") if s.text]
        if rules:
            lines.append("  rule " + " ".join(rules))
        variant = f"{cid}@{owner}"
        self.composites.append((variant, text(node, "name"), lines))
        return variant

    def segment(self, node, loop):
        tag = node.get("xid")
        sid = self.variant_id(tag, loop)
        lines = []
        for child in node:
            if child.tag == "element":
                lines.append(self.use_line(child, int(text(child, "seq"))))
            elif child.tag == "composite":
                seq = int(text(child, "seq"))
                variant = self.composite(child, f"{sid}-{seq:02d}")
                usage = USAGE.get(text(child, "usage", "S"), "O")
                repeat = text(child, "repeat", "1")
                repeat_text = "" if repeat == "1" else f" x{count(repeat)}"
                lines.append(f"  {seq:02d} {variant} {usage}{repeat_text}")
        for extra in self.appended.get(tag, []):  # elements a later version added
            lines.append(f"  {extra}")
        rules = [s.text.strip() for s in node.findall("syntax") if s.text]
        if rules:
            lines.append("  rule " + " ".join(rules))
        self.segments.append((sid, text(node, "name"), lines))
        return sid


def structure(writer, node, loop, indent, out):
    """Writes the children of a pyx12 loop: wrapper loops are flattened into their parent."""
    for child in node:
        if child.tag == "segment":
            sid = writer.segment(child, loop)
            usage = USAGE.get(text(child, "usage", "S"), "O")
            out.append(f"{indent}{text(child, 'pos')} {sid} {usage} {count(text(child, 'max_use', '1'))}")
        elif child.tag == "loop":
            if child.get("type") == "wrapper":
                structure(writer, child, loop, indent, out)
                continue
            lid = child.get("xid")
            usage = USAGE.get(text(child, "usage", "S"), "O")
            level = ""
            first = child.find("segment")
            if first is not None and first.get("xid") == "HL":
                for element in first.findall("element"):
                    if element.get("xid") == "HL03":
                        codes = [c.text.strip() for c in element.findall("valid_codes/code")]
                        if len(codes) == 1:
                            level = f" level {codes[0]}"
            out.append(f"{indent}loop {lid} {count(text(child, 'repeat', '1'))} {usage}{level}")
            structure(writer, child, lid, indent + "  ", out)
            out.append(f"{indent}end")


def find_st_loop(root):
    for loop in root.iter("loop"):
        if loop.get("xid") == "ST_LOOP":
            return loop
    sys.exit("no ST_LOOP in the map")


def load_external(path):
    lists = {}
    if not path:
        return lists
    for codeset in ET.parse(path).getroot().findall("codeset"):
        lists[text(codeset, "id")] = (text(codeset, "name"), [c.text.strip() for c in codeset.iter("code") if c.text])
    return lists


def convert_map(args):
    external = load_external(args.codes)
    root = ET.parse(args.map).getroot()
    writer = Writer(args.key, external, args.widen, args.append_element)
    body = []
    structure(writer, find_st_loop(root), "", "  ", body)
    out = [f"# {args.name}: generated by tools/grammars/pyx12_to_wharf.py from pyx12's {args.map.split('/')[-1]}",
           "# (https://github.com/azoner/pyx12, BSD licence; see SOURCES.md). Edit the generator, not this file.", ""]
    for name in sorted(writer.used_lists):
        title, codes = external[name]
        out.append(f'codes {name} "{title}"')
        out.extend(f"  {code}" for code in codes)
        out.append("end")
        out.append("")
    for cid, title, lines in writer.composites:
        out.append(f'composite {cid} "{title}"')
        out.extend(lines)
        out.append("end")
    out.append("")
    for sid, title, lines in writer.segments:
        out.append(f'segment {sid} "{title}"')
        out.extend(lines)
        out.append("end")
    out.append("")
    guide = f" guide {args.guide}" if args.guide else ""
    out.append(f'set {args.set} "{args.name}" group {args.group}{guide}')
    out.extend(body)
    if args.business_unit:
        out.append(f"  context {args.business_unit}")
    out.append("end")
    print("\n".join(out))


def convert_elements(path):
    print("# Data element dictionary: generated by tools/grammars/pyx12_to_wharf.py from pyx12's dataele.xml")
    print("# (https://github.com/azoner/pyx12, BSD licence; see SOURCES.md).")
    seen = {}
    for element in ET.parse(path).getroot().findall("data_ele"):
        number = element.get("ele_num")
        lengths = (int(element.get("min_len")), int(element.get("max_len")))
        if number in seen:  # pyx12 lists a few twice: keep the widest lengths
            old = seen[number]
            seen[number] = (old[0], min(old[1], lengths[0]), max(old[2], lengths[1]), old[3])
            continue
        seen[number] = (element.get("data_type"), lengths[0], lengths[1], element.get("name").replace('"', "'"))
    # pyx12 gives element 447 (Loop Identifier Code) 1/4, but 005010's loop ids run to six
    # characters ("2010AA", which pyx12's own 837 map uses).
    corrections = {"447": ("AN", 1, 6)}
    for number, (kind, low, high, name) in seen.items():
        if number in corrections:
            kind, low, high = corrections[number]
        print(f'element {number} {kind} {low}/{high} "{name}"')


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("map", nargs="?")
    parser.add_argument("--elements", help="convert pyx12's dataele.xml instead of a map")
    parser.add_argument("--codes", help="pyx12's codes.xml, for the external code lists a map names")
    parser.add_argument("--set", help="ST01 of the set")
    parser.add_argument("--group", help="GS01 of the set")
    parser.add_argument("--guide", default="", help="the implementation guide id (GS08/ST03)")
    parser.add_argument("--name", default="", help="the set's name")
    parser.add_argument("--key", default="", help="short tag for variant ids, unique in the version")
    parser.add_argument("--append-element", nargs="*", default=[],
                        help="TAG:POS:REF:USAGE, an element the map's version lacks (AK1:03:480:O)")
    parser.add_argument("--business-unit", default="",
                        help="the element a 999 names the business unit by (CLM01 for a claim)")
    parser.add_argument("--widen", nargs="*", default=[],
                        help="element ids (AK101) whose guide code list is dropped for the element's own")
    args = parser.parse_args()
    if args.elements:
        convert_elements(args.elements)
    elif args.map:
        if not args.key:
            args.key = args.guide or args.set
        convert_map(args)
    else:
        parser.error("give a map or --elements")


if __name__ == "__main__":
    main()
