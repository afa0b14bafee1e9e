#!/usr/bin/env bash
# Kill -9 at many points of `wharf run`, rerun until it finishes, and require the wharf home to
# end up exactly as after one uninterrupted run: the same files with the same bytes, the same
# control numbers, counters and archive. Two kinds of kill:
#   1. at chosen steps of the commit ($WHARF_CRASH_AT=N ends the process with _exit(137) at its
#      Nth fault point: before the files are published, between files and ledger, after the
#      ledger), cycling through every kind of step, one run after another;
#   2. SIGKILL from outside after a random delay, wherever the process happens to be.
# usage: crash_test.sh WHARF GENERATE_CORPUS SOURCE_DIR
set -euo pipefail
wharf=$1
generate=$2
source_dir=$3
work=$(mktemp -d)
# On failure, the end of every run's standard error says what the runs saw.
trap 'status=$?; if [ $status -ne 0 ] && [ -f "$work/log" ]; then echo "--- last lines of the runs standard error:"; tail -25 "$work/log"; fi; rm -rf "$work"' EXIT

# Inputs: generated X12 (7 partners) and EDIFACT, the examples (dead letters, errors), and a
# duplicate of one example under another name. Pieces of 20 KB cut most generated X12
# interchanges inside, so that crashes also fall between the parts of a joined interchange.
mkdir -p "$work/in/x12" "$work/in/examples" "$work/partners"
"$generate" --bytes 800000 --seed 1 --first-control 1000 "$work/in/x12/a.edi"
"$generate" --bytes 800000 --seed 2 --first-control 2000 "$work/in/x12/b.edi"
"$generate" --edifact --bytes 200000 --first-control 3001 "$work/in/edifact.edi"
cp "$source_dir"/examples/x12/*.edi "$source_dir"/examples/edifact/*.edi "$work/in/examples/"
cp "$source_dir/examples/x12/acme-850-004010.edi" "$work/in/zz-resent.edi" && echo >> "$work/in/zz-resent.edi"
cp "$source_dir"/bench/partners/*.toml "$source_dir"/partners/examples/*.toml "$work/partners/"

run() {  # run HOME [env...]: one `wharf run` over the inputs; prints its exit status
  local home=$1; shift
  local status=0
  env "$@" "$wharf" run --home "$home" --partners "$work/partners" "$work/in" --now 2026-11-29T06:00:00Z \
    --piece-size 20000 --commit-bytes 60000 --threads 2 --no-progress >/dev/null 2>>"$work/log" || status=$?
  echo "$status"
}

state() {  # state HOME: everything that must match, as text
  local home=$1
  (cd "$home" && find . -path ./store -prune -o -type f -print | LC_ALL=C sort | while read -r f; do
     echo "$f $(sha256sum < "$f" | cut -c1-16)"
   done)
  "$wharf" archive controls --home "$home"
  "$wharf" archive list --home "$home" | tee "$work/entries"
  # Every entry's bytes (a large interchange's are archived part by part ahead of its entry).
  cut -d' ' -f1 "$work/entries" | while read -r key; do
    echo "$key $("$wharf" archive show --home "$home" "$key" | sha256sum | cut -c1-16)"
  done
  # No part of a large interchange left without its entry, none missing.
  "$wharf" archive check --home "$home" | sed 's/^/archive check: /' || true
}

status=$(run "$work/reference")
[ "$status" -eq 1 ] || { echo "reference run: exit status $status (expected 1: the examples have errors)"; cat "$work/log"; exit 1; }
state "$work/reference" > "$work/reference.state"
interchanges=$(grep -c '^ic/' "$work/reference.state")
[ "$interchanges" -gt 20 ] || { echo "too few interchanges in the reference: $interchanges"; exit 1; }

finished() {  # finished STATUS WHAT: a run that ends exits 0 (clean) or 1 (findings), nothing else
  [ "$1" -eq 0 ] || [ "$1" -eq 1 ] || { echo "$2: exit status $1"; exit 1; }
}

same_state() {  # same_state EXPECTED_STATE HOME WHAT: HOME must hold exactly what EXPECTED_STATE lists
  state "$2" > "$2.state"
  diff -u "$1" "$2.state" || { echo "$3"; exit 1; }
}

crash_until_done() {  # crash_until_done COMMAND HOME: COMMAND (run or replay) over HOME with
  # $WHARF_CRASH_AT cycling through the kinds of fault point, until it finishes; counts in $crashed
  local command=$1 home=$2 status attempt
  crashed=0
  for attempt in $(seq 1 300); do
    status=$("$command" "$home" WHARF_CRASH_AT=$(( (attempt % 6) + 1 )))
    if [ "$status" -eq 137 ]; then crashed=$((crashed + 1)); continue; fi
    finished "$status" "$command after $crashed crashes"
    return
  done
  echo "$command still crashing after 300 attempts"; exit 1
}

# 1. Crashes at chosen fault points, cycling through the three kinds of step.
crash_until_done run "$work/stepped"
crashes=$crashed
[ "$crashes" -ge 15 ] || { echo "only $crashes crashes: the fault points were not reached"; exit 1; }
same_state "$work/reference.state" "$work/stepped" \
  "after $crashes crashes at fault points the home differs from the uninterrupted run"

# 2. SIGKILL after random delays.
kills=0
for attempt in $(seq 1 60); do
  "$wharf" run --home "$work/killed" --partners "$work/partners" "$work/in" --now 2026-11-29T06:00:00Z \
    --piece-size 20000 --commit-bytes 60000 --threads 2 --no-progress >/dev/null 2>>"$work/log" &
  pid=$!
  sleep "0.$(printf '%03d' $((RANDOM % 400)))"
  if kill -9 "$pid" 2>/dev/null; then kills=$((kills + 1)); fi
  wait "$pid" 2>/dev/null || true
done
finished "$(run "$work/killed")" "final run after $kills kills"
same_state "$work/reference.state" "$work/killed" "after $kills kill -9 the home differs from the uninterrupted run"
# 3. A crash after a group's files are published but before the store has them, then a new
#    input that sorts first (a drop folder keeps filling): the rerun must finish the interrupted
#    group first, so that the acknowledgments already published keep their control numbers and
#    their bytes, and the new input's get new numbers.
status=$(run "$work/reordered" WHARF_CRASH_AT=2)
[ "$status" -eq 137 ] || { echo "expected a crash between publishing and the store: exit status $status"; exit 1; }
# (hidden temporaries are files of pieces still in flight, not published: the rerun removes them)
(cd "$work/reordered" && find partners -path '*/acks/*' -type f ! -name '.*' | LC_ALL=C sort | xargs sha256sum) > "$work/published"
[ -s "$work/published" ] || { echo "no acknowledgment was published before the crash"; exit 1; }
"$generate" --edifact --bytes 50000 --seed 9 --first-control 9001 "$work/in/0-early.edi"
status=$(run "$work/reordered")
rm "$work/in/0-early.edi"
finished "$status" "rerun after adding an input"
if ! (cd "$work/reordered" && sha256sum --quiet -c "$work/published"); then
  echo "acknowledgments published before the crash were rewritten with other content"; exit 1
fi
duplicated=$("$wharf" archive list --home "$work/reordered" --direction out | awk '{print $4, $7, $6}' | sort | uniq -d)
[ -z "$duplicated" ] || { echo "control numbers used twice: $duplicated"; exit 1; }

# 4. A replay killed at fault points and started again resumes: it ends as one uninterrupted
#    replay does (the same translations, acknowledgments with the same control numbers and sent
#    interchanges in resend/, nothing replayed twice, not the acknowledgments it archived
#    itself). Once finished, the same replay runs again in full.
replay() {  # replay HOME [env...]: one `wharf replay` of everything archived; prints its exit status
  local home=$1; shift
  local status=0
  env "$@" "$wharf" replay --home "$home" --partners "$work/partners" --force \
    --now 2026-11-30T06:00:00Z --piece-size 20000 --commit-bytes 60000 --threads 2 --no-progress \
    --summary-json "$work/replay.json" >/dev/null 2>>"$work/log" || status=$?
  echo "$status"
}
cp -r "$work/reference" "$work/replayed"
cp -r "$work/reference" "$work/replay-crashed"
finished "$(replay "$work/replayed")" "replay"
state "$work/replayed" > "$work/replayed.state"
crash_until_done replay "$work/replay-crashed"
replay_crashes=$crashed
[ "$replay_crashes" -ge 5 ] || { echo "only $replay_crashes replay crashes: the fault points were not reached"; exit 1; }
same_state "$work/replayed.state" "$work/replay-crashed" \
  "after $replay_crashes crashes the replayed home differs from one uninterrupted replay"
finished "$(replay "$work/replayed")" "a finished replay started again"
received=$(grep -c ' in ' "$work/entries" || true)
grep -q "\"interchanges\":$received," "$work/replay.json" ||
  { echo "a finished replay started again did not replay all $received received interchanges:"; cat "$work/replay.json"; exit 1; }

# 5. A crash after the second group's files are published but before the store has them, then
#    another command before the rerun: a replay of what the store has. Its acknowledgments must
#    not take the numbers of those already published (their files would be rewritten), and the
#    rerun after it must not either.
status=$(run "$work/interleaved" WHARF_CRASH_AT=5)
[ "$status" -eq 137 ] || { echo "expected a crash at the second group's publish: exit status $status"; exit 1; }
(cd "$work/interleaved" && find partners -path '*/acks/*' -type f ! -name '.*' | LC_ALL=C sort | xargs sha256sum) > "$work/published-5"
[ -s "$work/published-5" ] || { echo "no acknowledgment was published before the crash"; exit 1; }
finished "$(replay "$work/interleaved")" "a replay after a crash"
grep -q '"interchanges":[1-9]' "$work/replay.json" || { echo "the replay replayed nothing:"; cat "$work/replay.json"; exit 1; }
if ! (cd "$work/interleaved" && sha256sum --quiet -c "$work/published-5"); then
  echo "a replay rewrote acknowledgments that an interrupted run had published"; exit 1
fi
finished "$(run "$work/interleaved")" "the rerun after a replay"
if ! (cd "$work/interleaved" && sha256sum --quiet -c "$work/published-5"); then
  echo "the rerun after a replay rewrote acknowledgments that an interrupted run had published"; exit 1
fi
duplicated=$("$wharf" archive list --home "$work/interleaved" --direction out | awk '{print $4, $7, $6}' | sort | uniq -d)
[ -z "$duplicated" ] || { echo "control numbers used twice after a crash, a replay and a rerun: $duplicated"; exit 1; }

# 6. A crash before the first group is committed, with pieces small enough that interchanges
#    are cut (their parts go to the store as they come), then a rerun whose pieces are larger
#    than any interchange: it archives them whole, and the dead run's parts must not stay.
status=$(run "$work/uncut" WHARF_CRASH_AT=1)
[ "$status" -eq 137 ] || { echo "expected a crash before the first publish: exit status $status"; exit 1; }
if "$wharf" archive check --home "$work/uncut" > "$work/uncut.check"; then
  echo "the dead run left no parts: the case is not tested"; exit 1
fi
status=0
"$wharf" run --home "$work/uncut" --partners "$work/partners" "$work/in" --now 2026-11-29T06:00:00Z \
  --piece-size 100000000 --commit-bytes 60000 --threads 2 --no-progress >/dev/null 2>>"$work/log" || status=$?
finished "$status" "a rerun that cuts nothing"
"$wharf" archive check --home "$work/uncut" || { echo "parts of the dead run stayed after a rerun that cut nothing"; exit 1; }

# A last run over the same inputs finds nothing new.
"$wharf" run --home "$work/killed" --partners "$work/partners" "$work/in" --summary-json "$work/last.json" \
  --no-progress >/dev/null 2>&1 || true
grep -q '"interchanges":0,' "$work/last.json" || { echo "a rerun processed something again:"; cat "$work/last.json"; exit 1; }
echo "ok: $crashes crashes at fault points and $kills kill -9, $interchanges interchanges, homes identical;" \
  "$(wc -l < "$work/published") acknowledgments published before a crash kept their bytes when a new input came first;" \
  "$replay_crashes replay crashes ended as one replay; a replay between a crash and its rerun took no published number;" \
  "$(wc -l < "$work/uncut.check") parts of a dead run went with a rerun that cut nothing"
