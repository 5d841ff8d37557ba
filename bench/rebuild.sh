#!/usr/bin/env bash
# What the build cache (issue 14) buys: a cold build, a rebuild of the unchanged archive and a
# rebuild after a one-file edit, of the same archive with the same binary (docs/performance.md,
# "Session 8").
#
#   bash bench/rebuild.sh SITE [ROUNDS]       e.g. SITE from `dossier-bench generate --articles 10000`
#
# Each round, in this order: a build with `--no-cache` (from scratch, without the cache's own
# costs); a cold build with the cache as by default but empty (the cache folder and output
# removed); a rebuild with nothing changed; a rebuild after one more line is appended to one
# article (the first edit after a cold build: it digests every page, reusing none, as the cold
# build digests none); and a rebuild after a line appended to another article (an edit with the
# last build's digests at hand: the editor's usual case). Each edit's output is compared with a
# `--no-cache` build of the same files, and the script stops if they differ. Output under
# /dev/shm when there is one; timed by GNU time. Prints the median wall time, CPU (user+sys) and
# peak RSS of each kind, and each median over the cold build's. SITE is edited (two lines per
# round): use a generated copy.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SITE="$(cd "${1:?usage: bash bench/rebuild.sh SITE [ROUNDS]}" && pwd)"
ROUNDS="${2:-5}"
BIN="${DOSSIER_BIN:-$ROOT/target/release/dossier}"
WORK="$(mktemp -d "$( [ -d /dev/shm ] && echo /dev/shm || echo "${TMPDIR:-/tmp}")/dossier-rebuild-XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
OUT="$WORK/out"
RESULTS="$WORK/results.tsv"
export XDG_CACHE_HOME="$WORK/cache-home"

timed() { # LABEL ROUND ARGS...: one build into $OUT, its figures appended to $RESULTS
    local label="$1" round="$2"
    shift 2
    /usr/bin/time -f "%e %U %S %M" -o "$WORK/time" "$BIN" build --root "$SITE" --out "$OUT" --quiet "$@"
    echo "$round $label $(cat "$WORK/time")" >> "$RESULTS"
    echo "round $round/$ROUNDS: $label $(cut -d' ' -f1 "$WORK/time") s" >&2
}

same_as_clean() { # the output equals a --no-cache build's of the same files
    rm -rf "$WORK/scratch"
    cp -r "$OUT" "$WORK/cached"
    "$BIN" build --root "$SITE" --out "$WORK/scratch" --quiet --no-cache
    diff -r "$WORK/cached" "$WORK/scratch" > /dev/null || { echo "$1: the output differs from a clean build's" >&2; exit 1; }
    rm -rf "$WORK/cached"
}

mapfile -t ARTICLES < <(find "$SITE/content/articles" -name '*.md' | sort | head -n "$((2 * ROUNDS))")
for round in $(seq 1 "$ROUNDS"); do
    rm -rf "$OUT" "$SITE/.dossier-cache"
    timed no-cache "$round" --no-cache
    rm -rf "$OUT"
    timed cold "$round"
    timed unchanged "$round"
    echo "Một dòng thêm ở vòng $round." >> "${ARTICLES[$((2 * round - 2))]}"
    timed first-edit "$round"
    echo "Một dòng nữa ở vòng $round." >> "${ARTICLES[$((2 * round - 1))]}"
    timed edit "$round"
    same_as_clean "round $round"
done

python3 - "$RESULTS" <<'PY'
import statistics, sys
runs = {}
for line in open(sys.argv[1]):
    round_, label, wall, user, system, rss = line.split()
    runs.setdefault(label, []).append((float(wall), float(user) + float(system), int(rss) / 1024))
cold = statistics.median(wall for wall, _, _ in runs["cold"])
print("| build | wall, median | CPU, median | peak RSS, median | wall / cold build's |")
print("| --- | ---: | ---: | ---: | ---: |")
for label, rows in runs.items():
    walls, cpus, rss = zip(*rows)
    print(f"| {label} | {statistics.median(walls):.2f} s | {statistics.median(cpus):.2f} s | "
          f"{statistics.median(rss):.0f} MiB | {statistics.median(walls) / cold:.3f} |")
PY
