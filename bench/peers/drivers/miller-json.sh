#!/usr/bin/env bash
# miller `json`: `mlr --icsv --ojson cat FILE` converts an RFC 4180 CSV file
# with a header line (quoted fields with commas, line breaks and doubled
# quotes) to a JSON array; mlr's default CSV reader is the RFC 4180 one
# (not --csvlite, no --implicit-csv-header, no --lazy-quotes). The JSON goes
# into one awk pass that counts its bytes and its records (mlr writes each
# record's opening "{" alone at the start of a line; nested maps are indented)
# and is then dropped. records = data rows, header excluded.
set -euo pipefail
if [[ $# -ne 1 ]]; then echo "usage: $0 FILE.csv" >&2; exit 2; fi
[[ -r $1 ]] || { echo "$0: cannot read $1" >&2; exit 1; }
command -v mlr >/dev/null || { echo "$0: mlr not installed (run bench/peers/install.sh)" >&2; exit 1; }

counts=$(mlr --icsv --ojson cat "$1" |
  LC_ALL=C awk '{ bytes += length($0) + 1 } /^\{/ { records++ } END { printf "%.0f %.0f\n", records, bytes }')
read -r records bytes <<<"$counts"
printf '{"peer":"miller","job":"json","records":%d,"output_bytes":%d}\n' "$records" "$bytes"
