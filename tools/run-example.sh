#!/usr/bin/env bash
# The README's first command: install what is missing, build wharf, and run it on the bundled
# examples: validate with a summary, translate to JSON, show the findings on two broken X12 files
# (envelope errors; standard errors found by the grammars) and the 997 answering the second; then
# the same for UN/EDIFACT: a D96A ORDERS interchange, a broken one and the CONTRL answering it;
# then the engine: the partner files checked, `wharf run` over examples/ into a wharf home with its
# embedded RocksDB store, the same run again (nothing new), and the archive.
set -euo pipefail
cd "$(dirname "$0")/.."

bash tools/install-deps.sh
cmake --preset release >/dev/null
cmake --build --preset release --target wharf

wharf=build/release/src/wharf
out=build/example
mkdir -p "$out"

echo
echo "== wharf validate examples/x12/*.edi examples/edifact/*.edi"
"$wharf" validate --summary examples/x12/*.edi examples/edifact/*.edi

echo
echo "== wharf translate examples/x12/*.edi examples/edifact/*.edi --to json -o $out/interchanges.jsonl"
"$wharf" translate examples/x12/*.edi examples/edifact/*.edi --to json -o "$out/interchanges.jsonl" --summary
echo "first document, shortened:"
head -c 600 "$out/interchanges.jsonl"
echo " ..."

for broken in examples/x12/broken/acme-850-broken.edi examples/x12/broken/acme-850-standard-errors.edi \
              examples/edifact/broken/lindqvist-orders-errors.edi; do
  echo
  echo "== wharf validate $broken (findings expected, exit status 1)"
  status=0
  "$wharf" validate "$broken" || status=$?
  echo "exit status $status"
  [ "$status" -eq 1 ]
done

echo
echo "== wharf ack examples/x12/broken/acme-850-standard-errors.edi --type 997 -o $out/acme-997.edi"
"$wharf" ack examples/x12/broken/acme-850-standard-errors.edi --type 997 -o "$out/acme-997.edi" 2>/dev/null
cat "$out/acme-997.edi"

echo
echo "== wharf ack examples/edifact/broken/lindqvist-orders-errors.edi --type CONTRL -o $out/lindqvist-contrl.edi"
"$wharf" ack examples/edifact/broken/lindqvist-orders-errors.edi --type CONTRL -o "$out/lindqvist-contrl.edi" 2>/dev/null
cat "$out/lindqvist-contrl.edi"
echo "the EDIFACT document, shortened:"
edifact_document=$(grep -a -m1 '"standard":"EDIFACT"' "$out/interchanges.jsonl")
echo "${edifact_document:0:700} ..."

echo
echo "== wharf partners check partners/examples"
"$wharf" partners check partners/examples

home="$out/home"
rm -rf "$home"
echo
echo "== wharf run --home $home --partners partners/examples examples"
echo "   (exit status 1 expected: the broken examples have errors, and the 810 and 856 are ours to"
echo "   send, so no partner file claims them: they go to the dead-letter folder)"
status=0
"$wharf" run --home "$home" --partners partners/examples examples || status=$?
echo "exit status $status"
[ "$status" -eq 1 ]
echo "what the home holds (besides store/):"
(cd "$home" && find . -path ./store -prune -o -type f -print | LC_ALL=C sort)
echo "the 997 answering the ACME order:"
cat "$home/partners/acme/acks/997-1.edi"

echo
echo "== the same run again: every input was processed before, nothing is done twice"
"$wharf" run --home "$home" --partners partners/examples examples

echo
echo "== wharf archive list --home $home --partner acme"
"$wharf" archive list --home "$home" --partner acme
