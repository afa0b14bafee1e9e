#!/usr/bin/env bash
# End-to-end benchmark of `wharf run`: a generated batch of many partners' files (X12 from seven
# partners, EDIFACT from one), processed with the store and the archive on, into a fresh home,
# on 1 and on 2 threads. Prints wall time, throughput and peak RSS per run.
# usage: bench/run_e2e.sh [TOTAL_MB (default 1024)] [RUNS (default 3)]
# Needs the release build: cmake --preset release && cmake --build --preset release
set -euo pipefail
cd "$(dirname "$0")/.."
total_mb=${1:-1024}
runs=${2:-3}
wharf=build/release/src/wharf
generate=build/release/bench/wharf-generate-corpus
work=${WHARF_BENCH_DIR:-/tmp/wharf-e2e}
corpus="$work/corpus-$total_mb"

# 7/8 of the bytes in X12 files of about 32 MB, 1/8 EDIFACT; control numbers continue from file
# to file, per partner, as a real drop's would (one gap per partner at each file boundary).
if [ ! -d "$corpus" ]; then
  mkdir -p "$corpus.tmp"
  file_mb=32
  files=$(( (total_mb + file_mb - 1) / file_mb ))
  for i in $(seq 1 "$files"); do
    if [ $((i % 8)) -eq 0 ]; then
      "$generate" --edifact --bytes $((file_mb << 20)) --seed "$i" --first-control $((i * 100000 + 1)) \
        "$corpus.tmp/$(printf 'drop-%03d' "$i").edi"
    else
      "$generate" --bytes $((file_mb << 20)) --seed "$i" --first-control $((i * 100000)) \
        "$corpus.tmp/$(printf 'drop-%03d' "$i").edi"
    fi
  done
  mv "$corpus.tmp" "$corpus"
fi
bytes=$(cat "$corpus"/*.edi | wc -c)
echo "corpus: $corpus, $(ls "$corpus" | wc -l) files, $bytes bytes; $(nproc) cores: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2)"

for threads in 1 2; do
  for run in $(seq 1 "$runs"); do
    home="$work/home"
    rm -rf "$home"
    # The previous run's 2 GB are still being written back and the deleted home's blocks
    # discarded (the filesystem is mounted with discard): let the disk settle first.
    sync
    sleep 15
    /usr/bin/time -f "%e %M" -o "$work/time" "$wharf" run --home "$home" --partners bench/partners "$corpus" \
      --threads "$threads" --no-progress --summary-json "$work/summary.json" 2>"$work/stderr" >/dev/null || true
    read -r seconds rss_kb < "$work/time"
    interchanges=$(grep -o '"interchanges":[0-9]*' "$work/summary.json" | cut -d: -f2)
    errors=$(grep -o '"errors":[0-9]*' "$work/summary.json" | cut -d: -f2)
    awk -v t="$threads" -v s="$seconds" -v b="$bytes" -v r="$rss_kb" -v n="$interchanges" -v e="$errors" \
      'BEGIN { printf "threads %d  %6.2f s  %7.1f MB/s  peak RSS %6.1f MiB  %d interchanges  %d errors\n", t, s, b / 1e6 / s, r / 1024, n, e }'
  done
done
du -sh "$work/home/store" "$work/home/partners" | sed 's/^/home: /'
