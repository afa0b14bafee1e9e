#!/usr/bin/env bash
# The README's second command (and what .ci/run calls): install what is missing, build the test
# configuration (AddressSanitizer + UndefinedBehaviorSanitizer) and run every test with CTest.
set -euo pipefail
cd "$(dirname "$0")/.."

bash tools/install-deps.sh
cmake --preset test >/dev/null
cmake --build --preset test
ctest --preset test
