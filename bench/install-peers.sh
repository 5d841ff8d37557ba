#!/usr/bin/env bash
# Installs the peers `dossier-bench run --peers` compares with, if missing:
#   - Hugo, Debian's package (apt-get install -y hugo; bookworm has 0.111.3),
#   - Pagefind, the npm package, into target/bench-tools/ (its linux-x64 binary comes as an
#     optional dependency, @pagefind/linux-x64, so no download outside the npm registry).
# Also GNU time and perf, used by the profile in docs/performance.md. Run as root.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PAGEFIND_VERSION="1.6.0"
TOOLS="$ROOT/target/bench-tools"

missing=()
command -v hugo >/dev/null || missing+=(hugo)
command -v perf >/dev/null || missing+=(linux-perf)
if ((${#missing[@]})); then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq "${missing[@]}" >/dev/null
fi

if [[ ! -x "$TOOLS/node_modules/@pagefind/linux-x64/bin/pagefind_extended" ]]; then
    mkdir -p "$TOOLS"
    npm install --silent --no-save --no-audit --no-fund --prefix "$TOOLS" "pagefind@$PAGEFIND_VERSION"
fi

echo "hugo: $(hugo version | cut -d' ' -f1-2)"
echo "pagefind: $("$TOOLS/node_modules/@pagefind/linux-x64/bin/pagefind_extended" --version)"
