#!/usr/bin/env bash
# Runs the benchmark suite several times and prints, per benchmark, the best throughput seen.
# On a shared virtual machine noise only ever slows a run down, so the best of several runs is
# the steadiest figure; the ratio tokenizer/memchr is also given per run, where both share the noise.
#   bench/best_of.sh [RUNS] [extra Google Benchmark flags...]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
shift || true
bench=build/release/bench/wharf_bench
[ -x "$bench" ] || { echo "build the release preset first: cmake --preset release && cmake --build --preset release" >&2; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for run in $(seq "$runs"); do
  "$bench" --benchmark_min_time=1 --benchmark_format=json "$@" > "$tmp/run-$run.json"
done
python3 - "$tmp"/run-*.json <<'PY'
import json, sys
best, ratios = {}, []
for path in sys.argv[1:]:
    run = {b["name"]: b for b in json.load(open(path))["benchmarks"]}
    for name, b in run.items():
        rate = b.get("bytes_per_second", 0) / 1e6
        if rate > best.get(name, (0, ""))[0]:
            best[name] = (rate, b.get("label", ""))
    if "BM_MemchrSegmentTerminator" in run and "BM_Tokenize/2" in run:
        ratios.append(run["BM_Tokenize/2"]["bytes_per_second"] / run["BM_MemchrSegmentTerminator"]["bytes_per_second"])
for name, (rate, label) in best.items():
    print(f"{name:45s} {rate:9.0f} MB/s  {label}")
if ratios:
    print("tokenize (avx2) / memchr, per run: " + ", ".join(f"{r:.0%}" for r in ratios))
PY
