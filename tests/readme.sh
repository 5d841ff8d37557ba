#!/usr/bin/env bash
# The README's first command, run as a newcomer runs it (step `readme` of tests/run.sh, or
# `bash tests/readme.sh` alone), so that it cannot break again unnoticed.
#
# Clones the repository's committed HEAD (what a newcomer gets: uncommitted changes are not in
# it, as on CI), takes the first ```sh block of the clone's README.md, runs it in the clone, and
# checks that it exits 0 and writes public/index.html. The command is read from the README, never
# copied here. The clone and its cargo target folder are at fixed paths under target/readme/, and
# the target folder is kept between runs: only the first run compiles the dependencies in release
# mode (minutes); later runs recompile dossier alone.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WORK="$ROOT/target/readme"
CLONE="$WORK/clone"

rm -rf "$CLONE"
mkdir -p "$WORK"
git clone --quiet --no-checkout "$ROOT" "$CLONE"
git -C "$CLONE" checkout --quiet --detach "$(git -C "$ROOT" rev-parse HEAD)"

# The lines between the first line "```sh" and the next line "```".
COMMAND="$(awk '/^```sh$/ && !seen { inside = 1; seen = 1; next } inside && /^```$/ { exit } inside { print }' "$CLONE/README.md")"
if [ -z "$COMMAND" ]; then
    echo "tests/readme.sh: README.md has no \`\`\`sh block" >&2
    exit 1
fi

echo "README.md's first command, in a fresh clone of $(git -C "$CLONE" rev-parse --short HEAD):"
echo "$COMMAND" | sed 's/^/    /'
cd "$CLONE"
if ! CARGO_TARGET_DIR="$WORK/target" bash -euo pipefail -c "$COMMAND"; then
    echo "tests/readme.sh: README.md's first command failed in the fresh clone" >&2
    exit 1
fi
if [ ! -f public/index.html ]; then
    echo "tests/readme.sh: README.md's first command exited 0 but wrote no public/index.html" >&2
    exit 1
fi
echo "README.md's first command built public/index.html"
