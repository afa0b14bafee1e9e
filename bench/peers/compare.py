#!/usr/bin/env python3
"""wharf beside its peers, on the same files, in one run.

For each generated file (X12 from seven partners with their own separators and line endings, the
same with one partner's separators throughout, EDIFACT interchanges with UNA and release
characters, the same as one interchange, and CSV; 10 MB, 100 MB and 1 GB by default) every job that
reads that format runs once per round, the jobs alternating, for --reps rounds: the physical limits
(`cat > /dev/null`, a memchr scan), wharf's commands, and each peer's driver (bench/peers/drivers,
installed by bench/peers/install.sh). A table per file gives the best time of the rounds (noise on a
shared machine only ever slows a run), MB/s, how many times faster wharf's matching job was, the
peak RSS, and what each counted: a count that differs from wharf's is flagged, never hidden.
With --write-results the tables replace the "Side by side with peers" section of bench/RESULTS.md.

  bench/peers/compare.py [--sizes 10,100,1024] [--reps 3] [--files x12-mixed,...] [--write-results]
"""
import argparse
import datetime
import json
import os
import platform
import re
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PEERS = os.path.join(ROOT, "bench", "peers")
DRIVERS = os.path.join(PEERS, "drivers")
RELEASE = os.path.join(ROOT, "build", "release")
WHARF = os.path.join(RELEASE, "src", "wharf")
GENERATE = os.path.join(RELEASE, "bench", "wharf-generate-corpus")
MEMCHR = os.path.join(RELEASE, "bench", "wharf-memchr-scan")
RESULTS = os.path.join(ROOT, "bench", "RESULTS.md")
BEGIN_MARK = "<!-- peers: begin (written by bench/peers/compare.py) -->"
END_MARK = "<!-- peers: end -->"


def node(script, *args):
    return ["node", "--max-old-space-size=16384", os.path.join(DRIVERS, script), *args]


# The files: name -> (format, wharf-generate-corpus flags). Most peers take the separators of the
# whole file from its first header, so the one-profile X12 file and the one-interchange EDIFACT
# file show their speed where the realistic files show only that they fail.
FILES = {
    "x12-mixed": ("x12", []),
    "x12-single-profile": ("x12", ["--single-profile"]),
    "edifact-mixed": ("edifact", ["--edifact"]),
    "edifact-one-interchange": ("edifact", ["--edifact", "--single-interchange", "--single-profile"]),
    "csv": ("csv", ["--csv"]),
}


def wharf_rows(group, what, command, *args):
    """wharf's row of a group (what the others are compared with) and the same on 2 threads."""
    return [(group, who, what if threads == "1" else "the same, `-j2`", [WHARF, command, "--threads", threads, *args])
            for who, threads in (("wharf", "1"), ("wharf, 2 threads", "2"))]


# (group, who, what it does, argv with {file}). Within a group, wharf's row is what the others
# are compared with.
def jobs_for(name, fmt, outputs):
    out = os.path.join(outputs, "out")
    home = os.path.join(outputs, "home")
    partners = os.path.join(ROOT, "bench", "partners")
    limits = [
        ("limit", "cat", "read the file: `cat > /dev/null`", ["sh", "-c", 'cat "$0" > /dev/null', "{file}"]),
        ("limit", "memchr", "memchr for the terminator over the mapped file",
         [MEMCHR, "{file}", {"x12": "~", "edifact": "'", "csv": "\n"}[fmt]]),
    ]
    parse_rows = wharf_rows("parse", "tokenize + envelopes (`validate --envelope-only`)",
                            "validate", "--envelope-only", "--summary", "{file}")
    json_args = ("translate", "--to", "json", "--summary", "-o", out, "{file}")
    if fmt == "x12":
        engine = [("engine", f"wharf run, {threads} thread{'s' if threads == '2' else ''}",
                   "partners, store, archive, 997s, JSON per interchange" if threads == "1" else "the same on 2 threads",
                   ["sh", "-c", 'rm -rf "$1" && exec "$0" run --home "$1" --partners "$2" --threads "$3" "$4" >/dev/null',
                    WHARF, home, partners, threads, "{file}"])
                  for threads in ("1", "2")]
        return (limits + parse_rows + [
            ("parse", "node-x12", "X12Parser to an interchange object", node("node-x12-parse.js", "{file}")),
            ("parse", "x12-parser", "stream parser, every segment", node("x12-parser-parse.js", "{file}")),
            ("parse", "@stedi/x12-tools", "parse", node("stedi-parse.js", "{file}")),
            ("parse", "X12::Parser (Perl)", "every segment", ["perl", os.path.join(DRIVERS, "x12-parser-perl-parse.pl"), "{file}"]),
        ] + wharf_rows("json", "validate against the grammars + JSON (`translate --to json`)", *json_args) + [
            ("json", "node-x12", "parse + toJSON", node("node-x12-json.js", "{file}")),
        ] + wharf_rows("997", "validate + 997 (`ack --type 997`)", "ack", "--type", "997", "--summary", "-o", out, "{file}") + [
            ("997", "@stedi/x12-tools", "ack() per group (AK1/AK9 only)", node("stedi-ack.js", "{file}")),
        ] + (engine if name == "x12-mixed" else []))
    if fmt == "edifact":
        return (limits + parse_rows + [("parse", "edifact", "Parser, every segment", node("edifact-parse.js", "{file}"))]
                + wharf_rows("json", "validate against D96A + JSON (`translate --to json`)", *json_args))
    return limits + [
        ("json", "wharf", "CSV to JSON Lines (`translate --from csv`)",
         [WHARF, "translate", "--from", "csv", "--to", "json", "--summary", "-o", out, "{file}"]),
        ("json", "Miller", "`mlr --icsv --ojson cat`", [os.path.join(DRIVERS, "miller-json.sh"), "{file}"]),
    ]


def wharf_counts(stderr):
    """The counts of wharf's --summary line."""
    counts = {}
    for key, pattern in (("interchanges", r"(\d+) interchanges?"), ("sets", r"(\d+) transaction sets?"),
                         ("sets", r"(\d+) messages?"), ("segments", r"(\d+) segments?"), ("records", r"(\d+) records?")):
        match = re.search(pattern, stderr)
        if match:
            counts[key] = int(match.group(1))
    if "records" in counts:
        counts["records"] -= 1  # the header
    return counts


def run_once(argv, timeout):
    with tempfile.NamedTemporaryFile("r", suffix=".time") as timing:
        started = time.monotonic()
        try:
            done = subprocess.run(["/usr/bin/time", "-f", "%M", "-o", timing.name, *argv], capture_output=True,
                                  text=True, errors="replace", timeout=timeout)
        except subprocess.TimeoutExpired:
            return {"failed": f"over {timeout} s"}
        seconds = time.monotonic() - started
        lines = timing.read().strip().splitlines()
    rss_kb = int(lines[-1]) if lines and lines[-1].isdigit() else 0
    is_wharf = argv[0] == WHARF
    if done.returncode not in (0, 1) or (done.returncode == 1 and not is_wharf):
        reason = (done.stderr.strip().splitlines() or ["exit status %d" % done.returncode])[-1]
        return {"failed": reason[:120], "seconds": seconds, "rss_kb": rss_kb}
    counts = {}
    for line in done.stdout.splitlines()[::-1]:
        if line.startswith("{"):
            try:
                counts = json.loads(line)
                break
            except json.JSONDecodeError:
                pass
    if is_wharf:
        counts = wharf_counts(done.stderr)
    return {"seconds": seconds, "rss_kb": rss_kb, "counts": counts}


def generate(name, megabytes, work):
    fmt, flags = FILES[name]
    path = os.path.join(work, f"{name}-{megabytes}MB.{'csv' if fmt == 'csv' else 'edi'}")
    if not os.path.exists(path):
        subprocess.run([GENERATE, "--bytes", str(megabytes * 1024 * 1024), *flags, path], check=True)
    return path


def compare_counts(counts, reference):
    """'yes', or what differs from wharf's counts."""
    differ = []
    for key in ("interchanges", "sets", "segments", "records"):
        if key in counts and key in reference and counts[key] != reference[key]:
            differ.append(f"{key} {counts[key]} (wharf {reference[key]})")
    return "**no**: " + ", ".join(differ) if differ else "yes"


def table(path, jobs, results):
    size = os.path.getsize(path)
    lines = [f"**{os.path.basename(path)}** ({size / 1e6:.0f} MB)", "",
             "| job | program | what it does | best time | MB/s | wharf is | peak RSS | counted | agrees |",
             "|---|---|---|---:|---:|---:|---:|---|---|"]
    reference_time, reference_counts = {}, {}
    for (group, who, what, _), result in zip(jobs, results):
        ok = [r for r in result if "failed" not in r]
        if group in ("parse", "json", "997") and who == "wharf" and ok:
            reference_time[group] = min(r["seconds"] for r in ok)
            reference_counts[group] = ok[0]["counts"]
    for (group, who, what, _), result in zip(jobs, results):
        ok = [r for r in result if "failed" not in r]
        if not ok:
            reason = result[0]["failed"] if result else "not run"
            lines.append(f"| {group} | {who} | {what} | failed: {reason} | | | | | |")
            continue
        best = min(r["seconds"] for r in ok)
        rss = max(r["rss_kb"] for r in ok) / 1024
        counts = ok[0]["counts"]
        counted = ", ".join(f"{v} {k}" for k, v in counts.items() if k in ("interchanges", "sets", "segments", "records", "count"))
        ratio, agrees = "", ""
        if group in reference_time and who.startswith("wharf,"):
            ratio = f"{reference_time[group] / best:.2f}× 1 thread"
            agrees = compare_counts(counts, reference_counts[group])
        elif group in reference_time and who != "wharf":
            ratio = f"{best / reference_time[group]:.1f}×"
            agrees = compare_counts(counts, reference_counts[group])
        lines.append(f"| {group} | {who} | {what} | {best:.2f} s | {size / 1e6 / best:.0f} | {ratio} | {rss:.0f} MiB | "
                     f"{counted} | {agrees} |")
    return lines


def machine():
    model = "unknown CPU"
    try:
        with open("/proc/cpuinfo") as cpuinfo:
            model = next(l.split(":", 1)[1].strip() for l in cpuinfo if l.startswith("model name"))
    except (OSError, StopIteration):
        pass
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return f"{os.cpu_count()} × {model}, {memory:.0f} GiB, {platform.system()} {platform.release()}"


def versions():
    found = []
    for argv, name in ((["node", "--version"], "Node.js"), (["mlr", "--version"], "Miller"),
                       (["perl", "-MX12::Parser", "-e", "print $X12::Parser::VERSION"], "X12::Parser")):
        try:
            found.append(f"{name} {subprocess.run(argv, capture_output=True, text=True).stdout.strip()}")
        except OSError:
            found.append(f"{name} missing")
    try:
        with open(os.path.join(PEERS, "package.json")) as package:
            found += [f"{n} {v}" for n, v in json.load(package).get("dependencies", {}).items()]
    except OSError:
        pass
    return ", ".join(found)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10,100,1024", help="file sizes in MiB, comma-separated")
    parser.add_argument("--files", default=",".join(FILES), help="which files, comma-separated: " + ", ".join(FILES))
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--large-reps", type=int, default=1, help="rounds for files of 1 GB and more (peers take minutes)")
    parser.add_argument("--timeout", type=int, default=600, help="seconds one run may take")
    parser.add_argument("--work", default="/tmp/wharf-peers", help="where the generated files go")
    # The peers keep their output in memory and drop it; wharf writes and syncs its output, which
    # on a tmpfs measures wharf rather than the disk.
    parser.add_argument("--outputs", default="/dev/shm/wharf-peers" if os.path.isdir("/dev/shm") else "/tmp/wharf-peers-out",
                        help="where wharf's outputs and its run's home go")
    parser.add_argument("--write-results", action="store_true")
    args = parser.parse_args()
    for needed in (WHARF, GENERATE, MEMCHR):
        if not os.path.exists(needed):
            sys.exit(f"compare.py: {needed} is missing: cmake --preset release && cmake --build --preset release")
    os.makedirs(args.work, exist_ok=True)
    os.makedirs(args.outputs, exist_ok=True)
    started = datetime.datetime.now(datetime.timezone.utc)
    report = []
    for name in args.files.split(","):
        if name not in FILES:
            sys.exit(f"compare.py: no file '{name}' (there are: {', '.join(FILES)})")
        for megabytes in (int(s) for s in args.sizes.split(",")):
            path = generate(name, megabytes, args.work)
            jobs = jobs_for(name, FILES[name][0], args.outputs)
            results = [[] for _ in jobs]
            for rep in range(args.reps if megabytes < 1000 else args.large_reps):
                for i, (group, who, what, argv) in enumerate(jobs):
                    if results[i] and "failed" in results[i][-1]:
                        continue  # a peer that failed once is not run again on this file
                    result = run_once([a.replace("{file}", path) for a in argv], args.timeout)
                    results[i].append(result)
                    shown = result.get("failed") or f"{result['seconds']:.2f} s"
                    print(f"  {os.path.basename(path)} round {rep + 1}: {who} {group}: {shown}", file=sys.stderr)
            lines = table(path, jobs, results)
            print("\n".join(lines) + "\n", flush=True)
            report += lines + [""]
    if args.write_results:
        header = [BEGIN_MARK, "", f"Measured {started:%Y-%m-%d} with `bench/peers/compare.py --sizes {args.sizes} "
                  f"--reps {args.reps} --large-reps {args.large_reps}` on {machine()}; {versions()}.", ""]
        section = "\n".join(header + report + [END_MARK])
        with open(RESULTS) as f:
            text = f.read()
        if BEGIN_MARK in text:
            text = text[:text.index(BEGIN_MARK)] + section + text[text.index(END_MARK) + len(END_MARK):]
        else:
            text += "\n## Side by side with peers\n\n" + section + "\n"
        with open(RESULTS, "w") as f:
            f.write(text)
        print(f"compare.py: tables written to {RESULTS}", file=sys.stderr)


if __name__ == "__main__":
    main()
