#!/usr/bin/env python3
"""Rewrites php-edifact/edifact-mapping's UN/EDIFACT tables as wharf grammar files.

edifact-mapping (https://github.com/php-edifact/edifact-mapping, an LGPL-3.0 package whose data is
rebuilt from the UNECE UNTDID directories) holds, per directory (D96A, D97B, D01B, ...):
  segments.xml              segments, with their composites and data elements inline
                            (id, name, required="true", type a/an/n, maxlength or length)
  codes.xml                 code lists: data element id -> code id + desc (and a title from D97B on)
  messages/*.xml            message structures: <segment id maxrepeat required>, nested <group>
  service_codes_v3/v4.xml   the syntax 3 / 4 service code lists (0001, 0083, 0085, ...)
and, for the syntax itself, Service_V3/ and Service_V4/ with the service segments (UNH, UNT, UCI,
UCM, ...) and messages/contrl.xml.

This script writes, under OUT_DIR (grammars/edifact):
  D96A/, D97B/, D01B/   elements.grammar, segments.grammar and one <message>.grammar per message
                        in MESSAGES that the directory has (UNH, UNS and UNT from Service_V4)
  syntax3/, syntax4/    contrl.grammar with its segments and elements, from Service_V3 / _V4, and
                        the service code lists of that syntax version
  */SOURCES.md          what came from where, the licence, the commit, known limits and every
                        irregularity found in the source (also printed on stderr)
Only what the messages use is written: segments, composites, elements and their code lists.

    tools/grammars/edifact_to_wharf.py MAPPING_DIR OUT_DIR
"""
import argparse
import collections
import os
import re
import sys
import textwrap
import xml.etree.ElementTree as ET

GENERATOR = "tools/grammars/edifact_to_wharf.py"
REPOSITORY = "https://github.com/php-edifact/edifact-mapping"
DIRECTORIES = ("D96A", "D97B", "D01B")
MESSAGES = ("orders", "ordrsp", "desadv", "invoic", "pricat", "iftmin", "aperak")
# syntax folder -> (the mapping's service folder, the syntax version number of its code lists)
SYNTAXES = {"syntax3": ("Service_V3", "3"), "syntax4": ("Service_V4", "4")}
# The directories' messages start with UNH and end with UNT (some have UNS) but their
# segments.xml lacks the service segments; syntax 4's are a superset of syntax 3's (S016-S018 are
# conditional), so a message read in either syntax fits them.
ENVELOPE = ("Service_V4", "4")

MESSAGE_NAMES = {
    "ORDERS": "Purchase order message",
    "ORDRSP": "Purchase order response message",
    "DESADV": "Despatch advice message",
    "INVOIC": "Invoice message",
    "PRICAT": "Price/sales catalogue message",
    "IFTMIN": "Instruction message",
    "APERAK": "Application error and acknowledgement message",
    "CONTRL": "Syntax and service report message",
}

# Service code lists that name message types, directory versions and releases (0065, 0052,
# 0054) grow with every directory; a closed list from 2001 would reject a CONTRL or UNH naming
# a later message or directory, so these elements are written without codes.
OPEN_LISTS = {"0052", "0054", "0065"}

# ISO 9735-4 puts S017 (message implementation guideline identification) between S016 and S018
# in UNH. The mapping's Service_V4 UNH lacks it, which would move S018 to position 06; it is
# restated here (the same as bots-grammars' UNH records, e.g. edifact/D96A/recordsD96AUN.py).
S017 = ("S017", "messageImplementationGuidelineIdentification", [
    ("0121", "messageImplementationGuidelineIdentification", "an", 14, True),
    ("0122", "messageImplementationGuidelineVersionNumber", "an", 3, False),
    ("0124", "messageImplementationGuidelineReleaseNumber", "an", 3, False),
    ("0051", "controllingAgencyCoded", "an", 3, False),
])

Element = collections.namedtuple("Element", "id name type length fixed place")  # one occurrence
Composite = collections.namedtuple("Composite", "id name members")              # members: [(Element, usage)]
Segment = collections.namedtuple("Segment", "id name uses")                     # uses: [(Element|Composite, usage)]


class Notes:
    """Irregularities of one output folder: printed on stderr and listed in its SOURCES.md."""

    def __init__(self, folder):
        self.folder = folder
        self.lines = []

    def add(self, text, echo=True):
        if text not in self.lines:
            self.lines.append(text)
            if echo:
                print(f"edifact_to_wharf: {self.folder}: {text}", file=sys.stderr)


# ---- reading the mapping ------------------------------------------------------------------------

def words(camel):
    """The mapping's camelCase name as words: "documentmessageNumber" -> "Documentmessage number".
    A capital starts a new word, lower-cased (without a blank after '-', '(' or '/': "sub-Line").
    Double quotes would end the grammar's quoted string, so they become single quotes."""
    out = []
    for i, ch in enumerate(camel or ""):
        if ch.isupper():
            if i > 0 and camel[i - 1] not in " -(/":
                out.append(" ")
            out.append(ch.lower())
        else:
            out.append(ch)
    text = "".join(out).strip()
    for run_together, spelled in SLASHED.items():  # the camelCase names lost UNTDID's slashes
        text = text.replace(run_together, spelled)
    return clean(text[:1].upper() + text[1:])


# Run-together words in the mapping's names and how UNTDID writes them.
SLASHED = {"documentmessage": "document/message", "datetimeperiod": "date/time/period",
           "dutytaxfee": "duty/tax/fee", "placelocation": "place/location",
           "requestnotification": "request/notification"}


def clean(text):
    """One line, no double quotes: the grammar's strings cannot escape them."""
    return " ".join((text or "").split()).replace('"', "'")


def read_element(node, place):
    # Most elements give maxlength; a few (0001, 0017, 7124, ...) give length, UNTDID's fixed
    # length. The grammar's EDIFACT format has maximum lengths only, so length counts as the
    # maximum and is remembered for a comment.
    fixed = node.get("length")
    length = node.get("maxlength") or fixed
    return Element(node.get("id"), node.get("name"), node.get("type"), int(length) if length else 0,
                   fixed is not None and node.get("maxlength") is None, place)


def usage_of(node):
    return "M" if node.get("required") == "true" else "C"


def read_segments(path):
    """tag -> Segment, with its composites and elements as they stand inline in segments.xml."""
    segments = {}
    for seg in ET.parse(path).getroot():
        uses = []
        for i, child in enumerate(seg, 1):
            place = f"{seg.get('id')}{i:02d}"
            if child.tag == "composite_data_element":
                members = [(read_element(el, f"{place}-{j:02d}"), usage_of(el)) for j, el in enumerate(child, 1)]
                uses.append((Composite(child.get("id"), child.get("name"), members), usage_of(child)))
            else:
                uses.append((read_element(child, place), usage_of(child)))
        segments[seg.get("id")] = Segment(seg.get("id"), seg.get("name"), uses)
    return segments


def add_s017(segments, notes):
    """Inserts S017 after S016 in UNH when the mapping left it out (see S017)."""
    unh = segments.get("UNH")
    ids = [use.id for use, _ in unh.uses] if unh else []
    if "S016" not in ids or "S017" in ids:
        return
    at = ids.index("S016") + 1
    cid, name, parts = S017
    members = [(Element(eid, ename, kind, length, False, f"UNH{at + 1:02d}-{j:02d}"), "M" if required else "C")
               for j, (eid, ename, kind, length, required) in enumerate(parts, 1)]
    unh.uses.insert(at, (Composite(cid, name, members), "C"))
    notes.add("Service_V4's UNH has S016 and S018 but no S017 (ISO 9735-4 puts it between them); "
              "S017 (0121, 0122, 0124, 0051) added at UNH06 (see S017 in the generator), S018 moved to UNH07")


def restore_currency(segments, notes):
    """Puts 6345 (the ISO 4217 currency) back into C504 where the mapping dropped it: UNTDID has
    C504 = 6347 M, 6345 C, 6343 C, 6348 C in every directory, and a message's "CUX+2:USD:4" must
    read USD as the currency, not as the qualifier 6343."""
    restored = set()
    for segment in segments.values():
        for part, _ in segment.uses:
            if not isinstance(part, Composite) or part.id != "C504":
                continue
            ids = [e.id for e, _ in part.members]
            if "6345" in ids or ids[:1] != ["6347"]:
                continue
            first = part.members[0][0]
            place = first.place[:-3]
            part.members.insert(1, (Element("6345", "currencyCoded", "an", 3, False, place + "-02"), "C"))
            for j, (element, usage) in enumerate(part.members, 1):
                part.members[j - 1] = (element._replace(place=f"{place}-{j:02d}"), usage)
            restored.add(segment.id)
    if restored:
        notes.add("C504 lacks 6345 (Currency, an..3) in " + ", ".join(sorted(restored)) +
                  "; UNTDID has C504 = 6347, 6345, 6343, 6348, so 6345 was put back at C504-02")


def composites_of(segments):
    """composite id -> member element ids, as the segments use them (the first one read)."""
    found = {}
    for segment in segments.values():
        for part, _ in segment.uses:
            if isinstance(part, Composite):
                found.setdefault(part.id, [e.id for e, _ in part.members])
    return found


def is_subsequence(short, long):
    it = iter(long)
    return all(any(x == y for y in it) for x in short)


def restore_from_neighbours(segments, mapping, directory, notes):
    """Puts back composite members the mapping dropped from one directory: where the directories
    before and after it (D96A and D01B around D97B) agree on a composite and this directory's
    members are a proper part of theirs in the same order, the neighbours' members are used.
    (UNTDID changes composites by adding members at the end or renaming, never by dropping a
    middle member for one directory only.)"""
    ordered = [d for d in DIRECTORIES if os.path.isdir(os.path.join(mapping, d))]
    at = ordered.index(directory)
    if at == 0 or at + 1 >= len(ordered):
        return
    before = read_segments(os.path.join(mapping, ordered[at - 1], "segments.xml"))
    after = composites_of(read_segments(os.path.join(mapping, ordered[at + 1], "segments.xml")))
    model = {}
    for segment in before.values():
        for part, _ in segment.uses:
            if isinstance(part, Composite):
                model.setdefault(part.id, part)
    restored = {}
    for segment in segments.values():
        for index, (part, usage) in enumerate(segment.uses):
            if not isinstance(part, Composite) or part.id not in model:
                continue
            mine = [e.id for e, _ in part.members]
            theirs = [e.id for e, _ in model[part.id].members]
            if mine == theirs or after.get(part.id) != theirs or not is_subsequence(mine, theirs):
                continue
            place = part.members[0][0].place[:-3] if part.members else f"{segment.id}{index + 1:02d}"
            kept = {e.id: (e, u) for e, u in part.members}
            members = []
            for j, (element, member_usage) in enumerate(model[part.id].members, 1):
                element, member_usage = kept.get(element.id, (element, member_usage))
                members.append((element._replace(place=f"{place}-{j:02d}"), member_usage))
            part.members[:] = members
            restored.setdefault(part.id, sorted(set(theirs) - set(mine)))
    for cid, missing in sorted(restored.items()):
        notes.add(f"composite {cid} lacks {', '.join(missing)}, which {ordered[at - 1]} and {ordered[at + 1]} both "
                  f"have; their members were used")


def read_message(path):
    """The structure: [('segment', tag, usage, max)] and ('loop', id, usage, max, children)."""
    def convert(node):
        items = []
        for child in node:
            if child.tag == "segment":
                items.append(("segment", child.get("id"), usage_of(child), int(child.get("maxrepeat", "1"))))
            elif child.tag == "group":
                items.append(("loop", child.get("id"), usage_of(child), int(child.get("maxrepeat", "1")),
                              convert(child)))
        return items
    return convert(ET.parse(path).getroot())


def code_text(code):
    # From D97B on, codes.xml has a short title and a long desc; D96A's desc is the title.
    return clean(code.get("title") or code.get("desc"))


def read_codes(path, notes, used=None):
    """element id -> [(code, description)] in source order. A list given more than once (D96A
    repeats most lists) is taken in its most frequent form; a code given twice keeps its first
    description. Both are noted, for the lists in `used` (every list when None)."""
    forms = collections.defaultdict(list)
    for node in ET.parse(path).getroot():
        forms[node.get("id")].append(tuple((c.get("id") or "", code_text(c)) for c in node))
    lists = {}
    name = os.path.relpath(path, os.path.dirname(os.path.dirname(path)))
    for eid, variants in forms.items():
        counts = collections.Counter(variants)
        best = max(variants, key=lambda v: counts[v])  # max keeps the first of equals
        noted = used is None or eid in used
        if len(counts) > 1 and noted:
            notes.add(f"{name}: list {eid} is given {len(variants)} times in {len(counts)} forms; the one given "
                      f"{counts[best]} times ({len(best)} code{'' if len(best) == 1 else 's'}) is used")
        kept, codes = {}, []
        for code, text in best:
            code = code.strip()
            if not code:
                continue  # the grammar has no empty code
            if code in kept:
                if noted:
                    notes.add(f"{name}: list {eid} gives code {code} twice; the first description is kept "
                              f"({kept[code]!r}), the other ({text!r}) dropped")
                continue
            kept[code] = text
            codes.append((code, text))
        lists[eid] = codes
    return lists


def release_key(directory):
    """D96A < D97B < D01B: the two-digit year of a directory name read as 19xx/20xx."""
    year = int(directory[1:3])
    return (1900 + year if year >= 90 else 2000 + year, directory[3:])


def service_codes(mapping, version, notes, used):
    """The syntax `version` service code lists: the union of every directory's
    service_codes_v<version>.xml, oldest first, so that a code any release lists is accepted and
    the newest release's description wins. Irregularities are noted for the lists in `used` (all
    when None). Returns (lists, the files read)."""
    files = sorted((d for d in os.listdir(mapping) if re.fullmatch(r"D\d\d[A-Z]", d)
                    and os.path.isfile(os.path.join(mapping, d, f"service_codes_v{version}.xml"))), key=release_key)
    merged, origin = {}, {}
    for directory in files:
        for eid, codes in read_codes(os.path.join(mapping, directory, f"service_codes_v{version}.xml"), notes,
                                     used).items():
            target = merged.setdefault(eid, {})
            for code, text in codes:
                target[code] = text
            origin.setdefault(eid, []).append((directory, {c for c, _ in codes}))
    # Lists grow from release to release; a code an older release lists and a newer one does not
    # is worth a note (it is kept: data written to the older release may carry it).
    for eid in sorted(set(origin) & (set(origin) if used is None else used) - OPEN_LISTS):
        older = set()
        for directory, codes in origin[eid]:
            dropped = older - codes
            if dropped:
                notes.add(f"service list {eid} (syntax {version}): {directory}'s lacks "
                          f"{' '.join(sorted(dropped, key=natural))}, which older directories list; kept")
            older |= codes
    return {eid: list(codes.items()) for eid, codes in merged.items()}, files


# ---- collecting what the messages use -----------------------------------------------------------

def walk(structure):
    """Every segment tag of a structure, in order, through its loops."""
    for item in structure:
        if item[0] == "loop":
            yield from walk(item[4])
        else:
            yield item[1]


class Folder:
    """The segments, composites and elements one output folder needs, merged and checked."""

    def __init__(self, notes):
        self.notes = notes
        self.segments = {}
        self.composites = {}
        self.occurrences = collections.defaultdict(list)  # element id -> [Element]

    def use_segment(self, segment):
        if segment.id in self.segments:
            return
        self.segments[segment.id] = segment
        for part, _ in segment.uses:
            if isinstance(part, Composite):
                self.use_composite(part)
            else:
                self.occurrences[part.id].append(part)

    def use_composite(self, composite):
        known = self.composites.get(composite.id)
        shape = [(e.id, u) for e, u in composite.members]
        if known is not None:
            if [(e.id, u) for e, u in known.members] != shape:
                self.notes.add(f"composite {composite.id} differs between segments; the first one read is kept")
        else:
            self.composites[composite.id] = composite
        for element, _ in composite.members:
            self.occurrences[element.id].append(element)

    def elements(self):
        """element id -> (type, max length, fixed length or None, name): the widest of its
        occurrences, each difference noted."""
        result = {}
        for eid, seen in sorted(self.occurrences.items()):
            kinds = sorted({e.type for e in seen})
            kind = kinds[0] if len(kinds) == 1 else "an"  # a and n both fit in an
            length = max(e.length for e in seen)
            if len(kinds) > 1 or len({e.length for e in seen}) > 1:
                first_place = {}
                for e in seen:
                    first_place.setdefault(f"{e.type}..{e.length}", e.place)
                forms = [f"{form} (at {place})" for form, place in sorted(first_place.items())]
                self.notes.add(f"element {eid} is {' / '.join(forms)} in different places; {kind}..{length} is used")
            if length == 0:
                self.notes.add(f"element {eid} has no length in the source (at {seen[0].place}); written ..0")
            fixed = length if all(e.fixed for e in seen) else None
            names = [e.name for e in seen if e.name]
            if len(set(names)) > 1:
                self.notes.add(f"element {eid} has names {', '.join(sorted(set(names)))}; {names[0]} is used")
            result[eid] = (kind, length, fixed, words(names[0] if names else ""))
        return result


# ---- writing ------------------------------------------------------------------------------------

def header(what, source):
    return (f"# {what}: generated by {GENERATOR}\n"
            f"# from edifact-mapping's {source}\n"
            f"# ({REPOSITORY}, LGPL-3.0 package; UNTDID facts; see SOURCES.md).\n"
            "# Edit the generator, not this file.\n")


def natural(code):
    """Sort key putting 2 before 10 and numbers before letters."""
    return [(0, int(part), part) if part.isdigit() else (1, 0, part) for part in re.findall(r"\d+|\D+", code)]


def code_token(code):
    # Quoted when a blank, '#' (a comment) or a quote would cut it, or when it reads "end".
    if re.search(r'[\s#"]', code) or code == "end":
        return '"' + code.replace('"', "'") + '"'
    return code


def elements_text(folder, codes, head):
    out = [head]
    elements = folder.elements()
    for eid, (kind, length, fixed, name) in elements.items():
        # A fixed length (the source's `length` instead of `maxlength`) is written as EDIFACT
        # writes it, an4; the rest as an..35.
        out.append(f'element {eid} {kind}{fixed} "{name}"' if fixed else f'element {eid} {kind}..{length} "{name}"')
    for eid, (_, _, _, name) in elements.items():
        values = codes.get(eid)
        if not values:
            continue
        out.append(f'codes {eid} "{name}"')
        out.extend(f'  {code_token(code)} "{text}"' for code, text in sorted(values, key=lambda c: natural(c[0])))
        out.append("end")
    return "\n".join(out) + "\n"


def segments_text(folder, head):
    out = [head]
    for cid, composite in sorted(folder.composites.items()):
        out.append(f'composite {cid} "{words(composite.name)}"')
        out.extend(f"  {i:02d} {e.id} {usage}" for i, (e, usage) in enumerate(composite.members, 1))
        out.append("end")
    for tag, segment in sorted(folder.segments.items()):
        out.append(f'segment {tag} "{words(segment.name)}"')
        out.extend(f"  {i:02d} {part.id} {usage}" for i, (part, usage) in enumerate(segment.uses, 1))
        out.append("end")
    return "\n".join(out) + "\n"


def structure_lines(items, indent, counter, out, first_in_loop=False):
    for n, item in enumerate(items):
        if item[0] == "loop":
            out.append(f"{indent}loop {item[1]} {item[3]} {item[2]}")
            structure_lines(item[4], indent + "  ", counter, out, first_in_loop=True)
            out.append(f"{indent}end")
        else:
            counter[0] += 10
            # A loop's first segment is its trigger: present whenever the loop is.
            usage = "M" if first_in_loop and n == 0 else item[2]
            out.append(f"{indent}{counter[0]:04d} {item[1]} {usage} {item[3]}")


def set_text(message, structure, head):
    out = [head, "# Positions are ordinals in steps of 10 through the groups, not UNTDID's position numbers.",
           f'set {message} "{MESSAGE_NAMES.get(message, "")}"']
    structure_lines(structure, "  ", [0], out)
    out.append("end")
    return "\n".join(out) + "\n"


def write(path, text):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


def check_loops(structure, message, notes):
    for item in structure:
        if item[0] == "loop":
            first = item[4][0] if item[4] else None
            if first is None or first[0] != "segment" or first[2] != "M":
                notes.add(f"{message} {item[1]}: its first entry is not a mandatory segment; written M as the trigger")
            check_loops(item[4], message, notes)


# ---- the folders --------------------------------------------------------------------------------

def commit_of(mapping):
    try:
        text = open(os.path.join(mapping, "SOURCE.md"), encoding="utf-8").read()
    except OSError:
        return "unknown"
    match = re.search(r"\b[0-9a-f]{40}\b", text)
    return match.group(0) if match else "unknown"


def build_directory(mapping, directory, out_dir, envelope, envelope_codes, envelope_files, envelope_notes):
    notes = Notes(directory)
    segments = read_segments(os.path.join(mapping, directory, "segments.xml"))
    restore_currency(segments, notes)
    restore_from_neighbours(segments, mapping, directory, notes)
    folder = Folder(notes)
    written, missing, from_envelope = [], [], set()
    os.makedirs(out_dir, exist_ok=True)
    for name in MESSAGES:
        path = os.path.join(mapping, directory, "messages", f"{name}.xml")
        if not os.path.isfile(path):
            missing.append(name.upper())
            notes.add(f"no {name}.xml in {directory}/messages; {name}.grammar not written")
            continue
        structure = read_message(path)
        check_loops(structure, name.upper(), notes)
        for tag in walk(structure):
            if tag in segments:
                folder.use_segment(segments[tag])
            elif tag in envelope:
                from_envelope.add(tag)
                folder.use_segment(envelope[tag])
            else:
                notes.add(f"{name.upper()} uses segment {tag}, defined neither in {directory} nor in "
                          f"{ENVELOPE[0]}; left out")
        head = header(f"{name.upper()} {MESSAGE_NAMES[name.upper()]}", f"{directory}")
        write(os.path.join(out_dir, f"{name}.grammar"), set_text(name.upper(), structure, head))
        written.append(name.upper())
    if from_envelope:
        for line in envelope_notes.lines:  # already printed once, under Service_V4
            notes.add(line, echo=False)
    codes = read_codes(os.path.join(mapping, directory, "codes.xml"), notes, set(folder.occurrences))
    # The service elements (0xxx) have no list in codes.xml; they take the syntax 4 service lists,
    # the syntax their segments come from.
    service = {eid: values for eid, values in envelope_codes.items() if eid not in OPEN_LISTS}
    all_codes = dict(codes)
    for eid in folder.occurrences:
        if eid in service and eid not in codes:
            all_codes[eid] = service[eid]
    source = f"{directory} and {ENVELOPE[0]}"
    write(os.path.join(out_dir, "elements.grammar"),
          elements_text(folder, all_codes,
                        header("Data elements and code lists of the messages in this folder", source)))
    write(os.path.join(out_dir, "segments.grammar"),
          segments_text(folder, header("Composites and segments of the messages in this folder", source)))
    used_codes = sorted(e for e in folder.occurrences if all_codes.get(e))
    without = sorted(e for e in folder.occurrences if e in KNOWN_EXTERNAL and not all_codes.get(e))
    facts = {
        "messages": written, "missing": missing, "envelope": sorted(from_envelope),
        "elements": len(folder.occurrences), "composites": len(folder.composites), "segments": len(folder.segments),
        "code lists": len(used_codes), "service lists": sorted(e for e in used_codes if e[0] == "0"),
        "fixed": sorted(e for e, v in folder.elements().items() if v[2]), "external": without,
        "envelope files": envelope_files,
    }
    write(os.path.join(out_dir, "SOURCES.md"), directory_sources(directory, facts, notes, commit_of(mapping)))


def build_syntax(mapping, name, out_dir):
    service_dir, version = SYNTAXES[name]
    notes = Notes(name)
    segments = read_segments(os.path.join(mapping, service_dir, "segments.xml"))
    if version == "4":
        add_s017(segments, notes)
    structure = read_message(os.path.join(mapping, service_dir, "messages", "contrl.xml"))
    check_loops(structure, "CONTRL", notes)
    folder = Folder(notes)
    for tag in walk(structure):
        if tag in segments:
            folder.use_segment(segments[tag])
        else:
            notes.add(f"CONTRL uses segment {tag}, not defined in {service_dir}; left out")
    codes, files = service_codes(mapping, version, notes, set(folder.occurrences))
    codes = {eid: values for eid, values in codes.items() if eid not in OPEN_LISTS}
    if not files:
        notes.add(f"the mapping has no syntax {version} service code list (service_codes_v{version}.xml); "
                  "no code lists written")
    os.makedirs(out_dir, exist_ok=True)
    write(os.path.join(out_dir, "contrl.grammar"),
          set_text("CONTRL", structure, header(f"CONTRL {MESSAGE_NAMES['CONTRL']}", service_dir)))
    lists = "service_codes_v{} of {}".format(version, ", ".join(files)) if files else "no code lists"
    write(os.path.join(out_dir, "elements.grammar"),
          elements_text(folder, codes, header("Data elements and code lists of CONTRL", f"{service_dir} ({lists})")))
    write(os.path.join(out_dir, "segments.grammar"),
          segments_text(folder, header("Composites and segments of CONTRL", service_dir)))
    used_codes = sorted(e for e in folder.occurrences if codes.get(e))
    facts = {"service": service_dir, "version": version, "files": files, "code lists": used_codes,
             "open": sorted(OPEN_LISTS & set(folder.occurrences)),
             "no list": sorted(e for e in folder.occurrences if not codes.get(e) and e not in OPEN_LISTS),
             "elements": len(folder.occurrences), "composites": len(folder.composites),
             "segments": sorted(folder.segments), "fixed": sorted(e for e, v in folder.elements().items() if v[2])}
    write(os.path.join(out_dir, "SOURCES.md"), syntax_sources(name, facts, notes, commit_of(mapping)))


# Elements whose values come from lists outside UNTDID (ISO 3166 countries, ISO 4217 currencies,
# UN/ECE Recommendation 20 units): the mapping has no codes for them, which SOURCES.md says.
KNOWN_EXTERNAL = {"3207": "ISO 3166 country codes", "6345": "ISO 4217 currency codes",
                  "6411": "UN/ECE Recommendation 20 units of measure"}


# ---- SOURCES.md ---------------------------------------------------------------------------------

def wrap(text, bullet=False):
    """A paragraph (or a "- " list item) wrapped at 100 columns, as the other SOURCES.md are."""
    return textwrap.fill(text, 100, subsequent_indent="  " if bullet else "", break_long_words=False,
                         break_on_hyphens=False)


def preamble(title):
    return [f"# {title}", "",
            wrap(f"Generated by `tools/grammars/build.sh` (`{GENERATOR}`); do not edit the `.grammar` files by hand, "
                 "change the generator instead. This file is written by the generator too."),
            "", "| file | facts from | licence |", "|---|---|---|"]


def origin(commit):
    return ["", wrap(f"edifact-mapping: {REPOSITORY}, commit {commit} (a copy is in the team's shared corpus, "
                     "`edifact-mapping/`; its `LICENSE` is the LGPL-3.0). The facts it carries are UNECE's: the "
                     "UNTDID directories, the service code lists (UNSL) and ISO 9735.")]


def limits(fixed, directory):
    items = [
        "Lengths: the mapping gives a maximum length only, so every element is written `TYPE..MAX` and read as 1 "
        "to MAX characters; fixed-length formats (UNTDID's `an3`, `n6`) cannot be told from `an..3`, `n..6`. Where "
        "the source gives a fixed `length` instead of a `maxlength`, the element is written fixed, as `n3` "
        f"({', '.join(fixed) or 'none here'}).",
        "Positions in a set are ordinals in steps of 10 running through the groups (UNTDID numbers the group "
        "headers too, so its position numbers differ). A group's first segment is its trigger and is written M.",
        "No dependency notes (the D1..D8 rules between a segment's or composite's elements): the mapping has none.",
    ]
    if directory:
        items += [
            "The B/C (batch/common) usage indicators of D97B's and D01B's `segments.xml` are not used.",
            "Code lists are the directory's as the mapping has them. D97B's and D01B's `codes.xml` give a code a "
            "short `title` and a long `desc`; the title is written (D96A's `desc` is already the title).",
            f"The service lists that grow with every directory ({', '.join(sorted(OPEN_LISTS))}: message types, "
            "versions, releases) are left out, so UNH's S009 takes any value there.",
        ]
    return ["", "Known limits, kept here so that nobody mistakes them for the standard:"] + \
        [wrap("- " + item, bullet=True) for item in items]


def directory_sources(directory, facts, notes, commit):
    messages = ", ".join(f"`{m.lower()}.grammar`" for m in facts["messages"])
    lists = ", ".join(f"`{f}/service_codes_v4.xml`" for f in facts["envelope files"]) or "none in the mapping"
    lines = preamble(f"Sources of the EDIFACT {directory} grammars") + [
        f"| {messages} | edifact-mapping's `{directory}/messages/*.xml`: message structures (segment order, "
        "groups, max repeat, mandatory or conditional) | LGPL-3.0 package; UNTDID facts |",
        f"| `segments.grammar`, `elements.grammar` | `{directory}/segments.xml`: segments, composites, elements "
        f"(type, maximum length, mandatory); `{ENVELOPE[0]}/segments.xml`: {', '.join(facts['envelope'])} with "
        "their composites and elements (syntax 4's, a superset of syntax 3's) | LGPL-3.0 package; UNTDID and "
        "ISO 9735 facts |",
        f"| code lists in `elements.grammar` | `{directory}/codes.xml`; for the service elements "
        f"({', '.join(facts['service lists']) or 'none'}) the syntax 4 service code list ({lists}) "
        "| LGPL-3.0 package; UNTDID facts |",
    ] + origin(commit) + ["", wrap(
        f"Written: {len(facts['messages'])} messages, {facts['segments']} segments, {facts['composites']} "
        f"composites, {facts['elements']} elements, {facts['code lists']} code lists.")]
    if facts["missing"]:
        lines += ["", wrap(f"Asked for but not in the mapping's {directory}: {', '.join(facts['missing'])}.")]
    lines += limits(facts["fixed"], True)
    for eid, what in sorted(KNOWN_EXTERNAL.items()):
        if eid in facts["external"]:
            lines.append(wrap(f"- {eid} takes {what}; the mapping has no list for it, so any value is accepted.",
                              bullet=True))
    lines += irregularities(notes)
    return "\n".join(lines) + "\n"


def syntax_sources(name, facts, notes, commit):
    version, service = facts["version"], facts["service"]
    if len(facts["files"]) > 1:
        lists = (f"the syntax {version} service code lists of the mapping's {', '.join(facts['files'])} "
                 f"(`service_codes_v{version}.xml`), merged: a code any of them lists is accepted, the newest "
                 "one's description is kept")
    elif facts["files"]:
        lists = f"the syntax {version} service code list, `{facts['files'][0]}/service_codes_v{version}.xml`"
    else:
        lists = f"none: the mapping has no syntax {version} service code list"
    lines = preamble(f"Sources of the EDIFACT syntax {version} grammars") + [
        f"| `contrl.grammar` | edifact-mapping's `{service}/messages/contrl.xml`: the CONTRL structure "
        "| LGPL-3.0 package; ISO 9735 facts |",
        f"| `segments.grammar`, `elements.grammar` | `{service}/segments.xml`: {', '.join(facts['segments'])} with "
        "their composites and elements | LGPL-3.0 package; ISO 9735 facts |",
        f"| code lists in `elements.grammar` | {lists} | LGPL-3.0 package; UNSL facts |",
    ] + origin(commit) + [
        "", wrap(f"Written: CONTRL, {len(facts['segments'])} segments, {facts['composites']} composites, "
                 f"{facts['elements']} elements, code lists for {', '.join(facts['code lists']) or 'none'}. "
                 f"Elements without a list (free values, or no list in the mapping): "
                 f"{', '.join(facts['no list']) or 'none'}."),
    ]
    lines += limits(facts["fixed"], False)
    lines.append(wrap(f"- {', '.join(facts['open'])} (message type, version, release, in S009 of UNH and UCM) have "
                      "no list: the service lists stop at the mapping's newest directory, and a CONTRL reports on "
                      "messages of any directory.", bullet=True))
    lines += irregularities(notes)
    return "\n".join(lines) + "\n"


def irregularities(notes):
    if not notes.lines:
        return ["", "No irregularities were found in the source data used here."]
    return ["", "Irregularities in the source data used here, and what the generator did (also printed on stderr):"] + \
        [wrap(f"- {line}", bullet=True) for line in notes.lines]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("mapping", metavar="MAPPING_DIR", help="edifact-mapping's folder (D96A/, Service_V4/, ...)")
    parser.add_argument("out", metavar="OUT_DIR", help="the folder to write into (grammars/edifact)")
    args = parser.parse_args()

    envelope_notes = Notes(ENVELOPE[0])
    envelope = read_segments(os.path.join(args.mapping, ENVELOPE[0], "segments.xml"))
    add_s017(envelope, envelope_notes)
    envelope_codes, envelope_files = service_codes(args.mapping, ENVELOPE[1], envelope_notes, None)
    if not envelope_files:
        envelope_notes.add(f"no service_codes_v{ENVELOPE[1]}.xml in the mapping; service elements have no codes")
    for directory in DIRECTORIES:
        if not os.path.isdir(os.path.join(args.mapping, directory)):
            print(f"edifact_to_wharf: {directory}: not in the mapping; skipped", file=sys.stderr)
            continue
        build_directory(args.mapping, directory, os.path.join(args.out, directory), envelope, envelope_codes,
                        envelope_files, envelope_notes)
    for name in sorted(SYNTAXES):
        build_syntax(args.mapping, name, os.path.join(args.out, name))


if __name__ == "__main__":
    main()
