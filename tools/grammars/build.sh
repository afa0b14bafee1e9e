#!/usr/bin/env bash
# Regenerates the grammar files that come from public material (see grammars/*/*/SOURCES.md).
#   tools/grammars/build.sh CORPUS_DIR EDIENGINE_GIT_DIR BOTS_GRAMMARS_GIT_DIR
# CORPUS_DIR is the shared corpus (it holds pyx12-maps and edifact-mapping); the other two are git
# directories of github.com/olmelabs/EdiEngine and github.com/bots-edi/bots-grammars (the `fetch`
# tool's mirrors).
set -euo pipefail
cd "$(dirname "$0")/../.."
corpus=${1:?corpus dir}
ediengine=${2:?EdiEngine git dir}
bots=${3:?bots-grammars git dir}
pyx12=$corpus/pyx12-maps
from_pyx12=tools/grammars/pyx12_to_wharf.py
from_ediengine=tools/grammars/ediengine_to_wharf.py
out=grammars/x12

mkdir -p "$out/004010" "$out/005010"
rm -f "$out"/004010/*.grammar "$out"/005010/*.grammar

# 004010: the base standard's sets, EdiEngine's tables with bots-grammars' mandatory segments.
python3 "$from_ediengine" "$ediengine" "$out/004010" --sets 850 810 855 856 860 940 945 997 \
  --bots "$bots" --names "$pyx12/dataele.xml"

# 005010: pyx12's maps for the acknowledgments and the 837P guide. pyx12's maps are the HIPAA
# guides' versions; wharf acknowledges every functional group, so the guides' lists of functional
# groups and transaction sets are widened, and ST03 too (GS08 picks the guide, and files name
# earlier releases of it). 005010's 997 is 004010's with the version in AK103 and guides in ST03
# and AK203, and 005010's longer lists of set and group error codes (AK5, AK9).
python3 "$from_pyx12" --elements "$pyx12/dataele.xml" > "$out/005010/elements-pyx12.grammar"
python3 "$from_pyx12" "$pyx12/997.4010.xml" --set 997 --group FA --name "Functional Acknowledgment" --key 997 \
  --widen AK101 AK201 AK403 AK502 AK503 AK504 AK505 AK506 AK905 AK906 AK907 AK908 AK909 \
  --append-element ST:03:1705:O AK1:03:480:O AK2:03:1705:O > "$out/005010/997.grammar"
python3 "$from_pyx12" "$pyx12/999.5010X231.A1.xml" --set 999 --group FA --guide 005010X231A1 \
  --name "Implementation Acknowledgment" --key X231 --widen ST03 AK101 AK201 > "$out/005010/999.grammar"
python3 "$from_pyx12" "$pyx12/837.5010.X222.A1.xml" --set 837 --group HC --guide 005010X222A1 \
  --name "Health Care Claim: Professional" --key X222 --codes "$pyx12/codes.xml" --widen ST03 --business-unit CLM01 \
  > "$out/005010/837P.grammar"
# 005010 retail sets: bots-grammars' 5010 structures over EdiEngine's segment tables.
python3 "$from_ediengine" "$ediengine" "$out/005010" --sets 850 810 856 --version 005010 --bots "$bots" \
  --names "$pyx12/dataele.xml" --exclude-elements "$out/005010/elements-pyx12.grammar"

# EDIFACT: edifact-mapping's D96A, D97B and D01B messages (with syntax 4's UNH, UNS and UNT) and
# the CONTRL message of syntax 3 and 4. The script writes each folder's SOURCES.md too, with the
# irregularities it found in the mapping (also printed on stderr).
edifact=grammars/edifact
for folder in D96A D97B D01B syntax3 syntax4; do
  mkdir -p "$edifact/$folder"
  rm -f "$edifact/$folder"/*.grammar
done
python3 tools/grammars/edifact_to_wharf.py "$corpus/edifact-mapping" "$edifact"
