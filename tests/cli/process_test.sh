#!/usr/bin/env bash
# Drives the real wharf executable: standard input, exit statuses, and no temp files left behind.
set -u
wharf=$1
fixtures=$2
failures=0
check() {  # check NAME EXPECTED ACTUAL
  if [ "$2" != "$3" ]; then echo "FAIL $1: expected [$2], got [$3]"; failures=$((failures + 1)); else echo "ok   $1"; fi
}
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

"$wharf" validate "$fixtures/valid_850.edi"; check "valid exits 0" 0 $?
"$wharf" validate "$fixtures/missing_se.edi" >/dev/null; check "findings exit 1" 1 $?
"$wharf" validate /nonexistent 2>/dev/null; check "unreadable exits 2" 2 $?
"$wharf" translate --to json 2>/dev/null; check "no input exits 2" 2 $?

out=$("$wharf" translate - --to json < "$fixtures/valid_850.edi"); check "stdin translate exits 0" 0 $?
case "$out" in *'"file":"<stdin>"'*) check "stdin named <stdin>" yes yes ;; *) check "stdin named <stdin>" yes no ;; esac

line=$("$wharf" validate - < "$fixtures/missing_iea.edi")
check "stdin finding line" "<stdin>:000000101:8: TA1-023 interchange 000000101 has no IEA trailer: it ends after segment 8 (GE) (line 8, column 1)" "$line"

cat "$fixtures/valid_850.edi" "$fixtures/valid_850.edi" | "$wharf" validate - >/dev/null; check "piped concatenation exits 0" 0 $?

"$wharf" translate "$fixtures/binary_garbage.edi" --to json -o "$scratch/out.jsonl" 2>/dev/null; check "garbage exits 1" 1 $?
check "no output file for garbage" "" "$(ls -A "$scratch")"

head -c 300 "$fixtures/valid_two_interchanges_crlf.edi" > "$scratch/truncated.edi"
"$wharf" validate "$scratch/truncated.edi" >/dev/null; check "truncated exits 1" 1 $?

echo "$((17 - failures)) passed, $failures failed"
[ "$failures" -eq 0 ]
