#!/usr/bin/env python3
"""Rewrites EdiEngine's X12 004010 definitions as wharf grammar files.

EdiEngine (https://github.com/olmelabs/EdiEngine, MIT licence) carries the X12 004010 tables as
generated C#: one class per data element (type, lengths, allowed codes), composite, segment
(elements with their requirement designator, syntax notes) and transaction set map (segments and
loops with max use). This script reads those facts out of the C# text and writes them in wharf's
grammar format for the transaction sets asked for, with only the segments, composites, elements
and code lists they use.

EdiEngine marks every segment after a loop's trigger Optional, even where the standard says
Mandatory (AK5 in the 997, for one). With --bots, the usage is taken from bots-grammars'
structure of the same set (only the fact "mandatory or not", compared segment by segment).

    tools/grammars/ediengine_to_wharf.py EDIENGINE_GIT_DIR OUT_DIR --sets 850 810 ... [--bots BOTS_GIT_DIR]
"""
import argparse
import ast
import os
import re
import subprocess
import sys

ROOT = "EdiStandards/X12_004010"
NAMES = {"850": ("Purchase Order", "PO"), "810": ("Invoice", "IN"), "855": ("Purchase Order Acknowledgment", "PR"),
         "856": ("Ship Notice/Manifest", "SH"), "860": ("Purchase Order Change Request - Buyer Initiated", "PC"),
         "940": ("Warehouse Shipping Order", "OW"), "945": ("Warehouse Shipping Advice", "SW"),
         "997": ("Functional Acknowledgment", "FA")}


def git_show(repo, path):
    return subprocess.run(["git", "--git-dir", repo, "show", f"HEAD:{path}"], capture_output=True, text=True,
                          check=True).stdout


def classes(source):
    """Maps class name -> body text for every `public class X : Base` in a C# file."""
    result = {}
    for match in re.finditer(r"public class (\w+) : (\w+)", source):
        start = source.index("{", match.end())
        depth, i = 0, start
        while True:
            if source[i] == "{":
                depth += 1
            elif source[i] == "}":
                depth -= 1
                if depth == 0:
                    break
            i += 1
        result[match.group(1)] = source[start:i]
    return result


def parse_elements(repo):
    elements = {}
    for name, body in classes(git_show(repo, f"{ROOT}/DataElements/DataElements.cs")).items():
        if not name.startswith("E_"):
            continue
        kind = re.search(r"DataType = DataType\.(\w+)", body).group(1)
        low = int(re.search(r"MinLength = (\d+)", body).group(1))
        high = int(re.search(r"MaxLength = (\d+)", body).group(1))
        codes = re.search(r"AllowedValues\.AddRange\(new\[\] \{([^}]*)\}", body)
        values = re.findall(r'"([^"]*)"', codes.group(1)) if codes else []
        if kind.startswith("R"):
            kind = "R"  # R8 and the like are still decimals; the lengths say the rest
        elements[name[2:].lstrip("0") or "0"] = (kind, low, high, values)
    return elements


def parse_members(body):
    """(reference, usage, max) for each `new X { ReqDes = ... }` in the class's own Content list
    (a map class also holds its nested loop classes, whose members are not its own)."""
    start = body.find("Content.AddRange(")
    if start < 0:
        return []
    body = body[start:body.index("});", start)]
    members = []
    for match in re.finditer(r"new\s+(\w+)(?:\(this\))?(?:\(\))?\s*\{\s*ReqDes = RequirementDesignator\.(\w+)"
                             r"(?:,\s*MaxOccurs = (\d+))?", body):
        members.append((match.group(1), "M" if match.group(2) == "Mandatory" else "O", match.group(3)))
    return members


def parse_composites(repo):
    composites = {}
    for name, body in classes(git_show(repo, f"{ROOT}/DataElements/CompositeDataElements.cs")).items():
        composites[name] = [(ref[2:].lstrip("0"), usage) for ref, usage, _ in parse_members(body)]
    return composites


def parse_segments(repo):
    segments = {}
    for name, body in classes(git_show(repo, f"{ROOT}/Segments/Segments.cs")).items():
        notes = re.search(r"SyntaxNotes\.AddRange\(new\[\] \{([^}]*)\}", body)
        rules = re.findall(r'"([^"]*)"', notes.group(1)) if notes else []
        uses = []
        for ref, usage, _ in parse_members(body):
            uses.append((ref[2:].lstrip("0") if ref.startswith("E_") else ref, usage))
        # Some notes EdiEngine lists name positions the segment does not have (they belong to
        # its composites): such a note cannot be checked at the segment and is left out.
        fitting = [r for r in rules if all(int(r[i:i + 2]) <= len(uses) for i in range(1, len(r), 2))]
        if len(fitting) != len(rules):
            dropped = sorted(set(rules) - set(fitting))
            print(f"segment {name}: syntax notes beyond its {len(uses)} elements left out: {' '.join(dropped)}",
                  file=sys.stderr)
        segments[name] = (uses, fitting)
    return segments


def parse_map(repo, set_id):
    """The set's structure: a list of nodes (tag, usage, max) or ('loop', trigger, usage, max, children)."""
    source = git_show(repo, f"{ROOT}/Maps/M_{set_id}.cs")
    bodies = classes(source)

    def build(body):
        nodes = []
        for ref, usage, max_use in parse_members(body):
            count = ">1" if max_use in (None, "999999") else max_use
            if ref.startswith("L_"):
                children = build(bodies[ref])
                nodes.append(("loop", children[0][1] if children[0][0] != "loop" else children[0][1], usage, count, children))
            else:
                nodes.append(("segment", ref, usage, count))
        return nodes

    return build(bodies[f"M_{set_id}"])


def bots_structure(bots_repo, set_id):
    """bots-grammars' tree for the set, as nested (id, min, children) tuples, or None."""
    try:
        source = git_show(bots_repo, f"x12/4010/{set_id}004010.py")
    except subprocess.CalledProcessError:
        return None
    literal = source[source.index("structure"):]
    literal = literal[literal.index("["):]
    for key in ("ID", "MIN", "MAX", "LEVEL"):
        literal = re.sub(rf"\b{key}\b", f"'{key}'", literal)
    tree = ast.literal_eval(literal)

    def convert(node):
        return (node["ID"], node["MIN"], [convert(child) for child in node.get("LEVEL", [])])

    st = convert(tree[0])
    return st[2]  # the children of ST: the set's content, with SE last


def apply_bots_usage(nodes, bots, corrections):
    """Marks mandatory what bots' MIN says is, walking both trees in their common order."""
    if bots is None:
        return nodes
    result, j = [], 0
    for node in nodes:
        tag = node[1]
        while j < len(bots) and bots[j][0] != tag:
            j += 1
        if j == len(bots):
            result.append(node)
            continue
        bots_id, bots_min, bots_children = bots[j]
        j += 1
        usage = node[2]
        if bots_min >= 1 and usage == "O":
            usage = "M"
            corrections.append(tag)
        if node[0] == "loop":
            # bots puts a loop's trigger as the parent node and the rest as its LEVEL children.
            children = [node[4][0]] + apply_bots_usage(node[4][1:], bots_children, corrections)
            result.append(("loop", node[1], usage, node[3], children))
        else:
            result.append(("segment", node[1], usage, node[3]))
    return result


def bots_tree(bots_repo, path):
    """bots-grammars' structure as wharf nodes: ('segment', tag, usage, max) / ('loop', ...)."""
    source = git_show(bots_repo, path)
    literal = source[source.index("structure"):]
    literal = literal[literal.index("["):]
    for key in ("ID", "MIN", "MAX", "LEVEL"):
        literal = re.sub(rf"\b{key}\b", f"'{key}'", literal)

    def convert(node):
        usage = "M" if node["MIN"] >= 1 else "O"
        count = ">1" if node["MAX"] >= 99999 else str(node["MAX"])
        if not node.get("LEVEL"):
            return ("segment", node["ID"], usage, count)
        children = [("segment", node["ID"], "M", "1")] + [convert(child) for child in node["LEVEL"]]
        return ("loop", node["ID"], usage, count, children)

    st = ast.literal_eval(literal)[0]
    return [convert(child) for child in st["LEVEL"] if child["ID"] != "SE"]


def bots_records(bots_repo, path):
    """Segment tag -> element list [(usage, min, max, type) or ('composite', [...])] from a bots
    records file."""
    source = git_show(bots_repo, path)
    literal = source[source.index("recorddefs"):]
    literal = literal[literal.index("{"):]
    records = ast.literal_eval(literal)

    def field(spec):
        if isinstance(spec[2], list):  # a composite: its components
            return ("composite", spec[1], [field(c) for c in spec[2]])
        length = spec[2]
        low, high = (length if isinstance(length, tuple) else (1, length))
        return ("element", spec[1], low, high, spec[3])

    return {tag: [field(spec) for spec in specs[1:]] for tag, specs in records.items()}


def used(nodes, segments, composites, seen_segments, seen_composites, seen_elements):
    for node in nodes:
        if node[0] == "loop":
            used(node[4], segments, composites, seen_segments, seen_composites, seen_elements)
            continue
        tag = node[1]
        seen_segments.add(tag)
        for ref, _ in segments[tag][0]:
            if ref in composites:
                seen_composites.add(ref)
                seen_elements.update(e for e, _ in composites[ref])
            else:
                seen_elements.add(ref)


def write_structure(nodes, indent, counter, out):
    for node in nodes:
        if node[0] == "loop":
            out.append(f"{indent}loop {node[1]} {node[3]} {node[2]}")
            write_structure(node[4], indent + "  ", counter, out)
            out.append(f"{indent}end")
        else:
            counter[0] += 10
            out.append(f"{indent}{counter[0]:04d} {node[1]} {node[2]} {node[3]}")


HEADER = ("# {what}: generated by tools/grammars/ediengine_to_wharf.py from EdiEngine's X12 004010 tables\n"
          "# (https://github.com/olmelabs/EdiEngine, MIT licence; see SOURCES.md). Edit the generator, not this file.\n")

# Level 3 totals the X12 tables state in each set's notes on CTT ("Number of line items (CTT01) is
# the accumulation of the number of PO1 segments. If used, hash total (CTT02) is the sum of the
# value of quantities ordered (PO102) for each PO1 segment."): facts of the standard, the same
# in 004010 and 005010.
TOTALS = {"850": ["CTT01 count PO1", "CTT02 sum PO102"], "855": ["CTT01 count PO1", "CTT02 sum PO102"],
          "810": ["CTT01 count IT1", "CTT02 sum IT102"], "856": ["CTT01 count HL", "CTT02 sum SN102"],
          "860": ["CTT01 count POC", "CTT02 sum POC03"]}


def total_lines(set_id):
    return [f"  check {check}" for check in TOTALS.get(set_id, [])]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("repo", help="EdiEngine's git directory")
    parser.add_argument("out", help="the grammar folder to write (grammars/x12/004010)")
    parser.add_argument("--sets", nargs="+", required=True)
    parser.add_argument("--bots", help="bots-grammars' git directory, for mandatory segments")
    parser.add_argument("--names", help="pyx12's dataele.xml, for element names")
    parser.add_argument("--version", default="004010",
                        help="005010: structures and extra elements from bots-grammars' 5010 tables, codes dropped")
    parser.add_argument("--exclude-elements", help="an elements grammar whose elements this folder already has")
    args = parser.parse_args()
    if args.version == "005010":
        return main_005010(args)

    elements = parse_elements(args.repo)
    composites = parse_composites(args.repo)
    segments = parse_segments(args.repo)
    names = {}
    if args.names:
        for match in re.finditer(r'ele_num="(\w+)"[^>]*name="([^"]*)"', open(args.names).read()):
            names[match.group(1)] = match.group(2)

    seen_segments, seen_composites, seen_elements = {"ST", "SE"}, set(), set()
    for tag in ("ST", "SE"):
        used([("segment", tag, "M", "1")], segments, composites, seen_segments, seen_composites, seen_elements)
    for set_id in args.sets:
        nodes = parse_map(args.repo, set_id)
        corrections = []
        if args.bots:
            nodes = apply_bots_usage(nodes, bots_structure(args.bots, set_id), corrections)
        if corrections:
            print(f"{set_id}: marked mandatory after bots-grammars: {' '.join(corrections)}", file=sys.stderr)
        used(nodes, segments, composites, seen_segments, seen_composites, seen_elements)
        name, group = NAMES[set_id]
        out = [HEADER.format(what=f"{set_id} {name}"),
               "# Positions are ordinals in steps of 10, not the standard's position numbers.",
               f'set {set_id} "{name}" group {group}', "  0000 ST M 1"]
        write_structure(nodes, "  ", [0], out)
        out.append("  9999 SE M 1")
        out.extend(total_lines(set_id))
        out.append("end")
        with open(os.path.join(args.out, f"{set_id}.grammar"), "w") as f:
            f.write("\n".join(out) + "\n")

    out = [HEADER.format(what="Data elements and code lists of the sets in this folder")]
    for number in sorted(seen_elements, key=lambda n: (len(n), n)):
        kind, low, high, values = elements[number]
        name = names.get(number, "").replace('"', "'")
        out.append(f'element {number} {kind} {low}/{high} "{name}"')
    for number in sorted(seen_elements, key=lambda n: (len(n), n)):
        kind, low, high, values = elements[number]
        if values:
            out.append(f'codes {number} "{names.get(number, "").replace(chr(34), chr(39))}"')
            out.extend(f'  "{v}"' if " " in v else f"  {v}" for v in values)
            out.append("end")
    with open(os.path.join(args.out, "elements.grammar"), "w") as f:
        f.write("\n".join(out) + "\n")

    out = [HEADER.format(what="Composites and segments of the sets in this folder")]
    for cid in sorted(seen_composites):
        out.append(f'composite {cid} ""')
        out.extend(f"  {i:02d} {ref} {usage}" for i, (ref, usage) in enumerate(composites[cid], 1))
        out.append("end")
    for tag in sorted(seen_segments):
        uses, rules = segments[tag]
        out.append(f'segment {tag} ""')
        out.extend(f"  {i:02d} {ref} {usage}" for i, (ref, usage) in enumerate(uses, 1))
        if rules:
            out.append("  rule " + " ".join(rules))
        out.append("end")
    with open(os.path.join(args.out, "segments.grammar"), "w") as f:
        f.write("\n".join(out) + "\n")


def main_005010(args):
    """005010 sets: the structure (order, mandatory, max use) is bots-grammars' 5010 one; each
    segment is EdiEngine's 004010 definition, with the elements 5010 added at its end taken from
    bots' 5010 records, and segments new in 5010 wholly from those records (their elements then
    have no data element number and are named TAGnn). Code lists are left out: 5010's lists are
    longer than 004010's and no permissive source has them, so ID elements take any value."""
    elements = parse_elements(args.repo)
    composites = parse_composites(args.repo)
    segments = parse_segments(args.repo)
    records = bots_records(args.bots, "x12/5010/records005010.py")
    existing = set()
    if args.exclude_elements:
        existing = set(re.findall(r"^element (\S+)", open(args.exclude_elements).read(), re.M))
    names = {}
    if args.names:
        for match in re.finditer(r'ele_num="(\w+)"[^>]*name="([^"]*)"', open(args.names).read()):
            names[match.group(1)] = match.group(2)
    header = HEADER.replace("EdiEngine's X12 004010 tables", "EdiEngine's X12 004010 tables and bots-grammars'\n# 5010 structures")
    header = header.replace("MIT licence;", "MIT licence, and https://github.com/bots-edi/bots-grammars;")
    new_elements = {}  # pseudo element id -> (type, low, high)
    seg_lines = {}
    seen_elements, seen_composites = set(), set()

    def pseudo(tag, position, spec):
        eid = f"{tag}{position:02d}"
        kind = spec[4] if spec[4] in ("AN", "ID", "DT", "TM", "R", "N0", "N2") else "AN"
        new_elements[eid] = (kind, spec[2], spec[3])
        return eid

    def segment_lines(tag):
        record = records.get(tag, [])
        lines, rules = [], []
        if tag in segments:
            uses, rules = segments[tag]
            for i, (ref, usage) in enumerate(uses, 1):
                lines.append(f"  {i:02d} {ref} {usage}")
                if ref in composites:
                    seen_composites.add(ref)
                    seen_elements.update(e for e, _ in composites[ref])
                else:
                    seen_elements.add(ref)
            start = len(uses)
        else:
            start = 0
        for i, spec in enumerate(record[start:], start + 1):
            usage = "M" if spec[1] == "M" else "O"
            if spec[0] == "composite":
                cid = f"{tag}{i:02d}C"
                comp = [(pseudo(cid, j, c), "M" if c[1] == "M" else "O") for j, c in enumerate(spec[2], 1)]
                composites[cid] = comp
                seen_composites.add(cid)
                lines.append(f"  {i:02d} {cid} {usage}")
            else:
                lines.append(f"  {i:02d} {pseudo(tag, i, spec)} {usage}")
        return lines, rules

    def walk(nodes):
        for node in nodes:
            if node[0] == "loop":
                walk(node[4])
            elif node[1] not in seg_lines:
                seg_lines[node[1]] = segment_lines(node[1])

    seg_lines["ST"] = segment_lines("ST")
    seg_lines["SE"] = segment_lines("SE")
    for set_id in args.sets:
        nodes = bots_tree(args.bots, f"x12/5010/{set_id}005010.py")
        walk(nodes)
        name, group = NAMES[set_id]
        out = [header.format(what=f"{set_id} {name}"),
               "# Positions are ordinals in steps of 10, not the standard's position numbers.",
               f'set {set_id} "{name}" group {group}', "  0000 ST M 1"]
        write_structure(nodes, "  ", [0], out)
        out.append("  9999 SE M 1")
        out.extend(total_lines(set_id))
        out.append("end")
        with open(os.path.join(args.out, f"{set_id}.grammar"), "w") as f:
            f.write("\n".join(out) + "\n")

    out = [header.format(what="Data elements of the 5010 retail sets not in elements-pyx12.grammar")]
    for number in sorted(seen_elements - existing, key=lambda n: (len(n), n)):
        kind, low, high, _ = elements[number]
        out.append(f'element {number} {kind} {low}/{high} "{names.get(number, "").replace(chr(34), chr(39))}"')
    for eid, (kind, low, high) in sorted(new_elements.items()):
        out.append(f'element {eid} {kind} {low}/{high} ""')
    with open(os.path.join(args.out, "elements-retail.grammar"), "w") as f:
        f.write("\n".join(out) + "\n")
    out = [header.format(what="Composites and segments of the 5010 retail sets")]
    for cid in sorted(seen_composites):
        out.append(f'composite {cid} ""')
        out.extend(f"  {i:02d} {ref} {usage}" for i, (ref, usage) in enumerate(composites[cid], 1))
        out.append("end")
    for tag in sorted(seg_lines):
        lines, rules = seg_lines[tag]
        out.append(f'segment {tag} ""')
        out.extend(lines)
        if rules:
            out.append("  rule " + " ".join(rules))
        out.append("end")
    with open(os.path.join(args.out, "segments-retail.grammar"), "w") as f:
        f.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
