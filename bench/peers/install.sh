#!/usr/bin/env bash
# Installs the peer EDI libraries that bench/peers/drivers/ measure wharf against.
# Run as root from anywhere: bash bench/peers/install.sh. Safe to run again.
#  - Debian: libx12-parser-perl (X12::Parser) and miller (mlr), only if missing;
#    nodejs/npm too if this machine has no npm.
#  - npm: the versions pinned in bench/peers/package.json + package-lock.json,
#    installed with `npm ci` into bench/peers/node/ (gitignored).
# Nothing here is used by wharf's build or tests.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

if [[ $(id -u) -ne 0 ]]; then
  echo "install.sh: run as root (it uses apt-get)" >&2
  exit 1
fi

# --- Debian packages ---------------------------------------------------------
installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q '^install ok installed$'; }
candidate() { apt-cache policy "$1" 2>/dev/null | awk '/Candidate:/ { print $2 }'; }

wanted=(libx12-parser-perl miller)
command -v npm >/dev/null || wanted+=(nodejs npm)
missing=()
for pkg in "${wanted[@]}"; do installed "$pkg" || missing+=("$pkg"); done
if ((${#missing[@]})); then
  for pkg in "${missing[@]}"; do
    c=$(candidate "$pkg")
    if [[ -z $c || $c == "(none)" ]]; then
      apt-get update
      break
    fi
  done
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
fi

# --- npm packages, pinned ----------------------------------------------------
mkdir -p "$here/node"
cp "$here/package.json" "$here/package-lock.json" "$here/node/"
(cd "$here/node" && npm ci --no-audit --no-fund --loglevel=error)

# --- versions ----------------------------------------------------------------
echo "node $(node --version)"
for pkg in node-x12 x12-parser edifact @stedi/x12-tools; do
  version=$(node -p "require('$here/node/node_modules/$pkg/package.json').version")
  echo "npm $pkg $version"
done
echo "perl X12::Parser $(perl -MX12::Parser -e 'print $X12::Parser::VERSION') (Debian libx12-parser-perl $(dpkg-query -W -f='${Version}' libx12-parser-perl))"
echo "$(mlr --version) (Debian miller $(dpkg-query -W -f='${Version}' miller))"
