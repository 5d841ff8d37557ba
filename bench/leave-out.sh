#!/usr/bin/env bash
# What the views (issue 11) and the open data exports (issue 12) add to a build, measured by
# leaving each out of the same binary (docs/performance.md, "Session 6").
#
#   bash bench/leave-out.sh SITE [ROUNDS]       e.g. SITE from `dossier-bench generate --articles 10000`
#
# 1. Checks out HEAD into a temporary git worktree, applies bench/leave-out.patch there (`build`
#    reads DOSSIER_WITHOUT: `views` skips rendering the matrix, claims list, disputes, timeline,
#    tag pages and entity feeds; `exports` skips the files under data/ and actors/<id>.json,
#    countries/<id>.json; the patch is never part of the product) and builds it with
#    `cargo build --release` into target/leave-out/ (the first run compiles the dependencies).
# 2. Builds SITE ROUNDS times (default 7) with each variant (everything, without the exports,
#    without the views' pages), in an order rotated every round, into a fresh folder on /dev/shm
#    when there is one, timed by GNU time.
# 3. Prints each variant's median wall time, CPU (user+sys) and peak RSS, and the median over the
#    rounds of everything's time divided by the variant's.
# The patch follows src/lib.rs, src/render/mod.rs and src/export/mod.rs: when they change so that
# it no longer applies, this script says so; update the patch with them.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SITE="$(cd "${1:?usage: bash bench/leave-out.sh SITE [ROUNDS]}" && pwd)"
ROUNDS="${2:-7}"
WORK="$(mktemp -d "$( [ -d /dev/shm ] && echo /dev/shm || echo "${TMPDIR:-/tmp}")/dossier-leave-out-XXXXXX")"
TREE="$WORK/tree"
cleanup() {
    git -C "$ROOT" worktree remove --force "$TREE" 2>/dev/null || true
    rm -rf "$WORK"
}
trap cleanup EXIT

git -C "$ROOT" worktree add --quiet --detach "$TREE" HEAD
if ! git -C "$TREE" apply "$ROOT/bench/leave-out.patch"; then
    echo "bench/leave-out.patch no longer applies to HEAD: update it with the code it patches" >&2
    exit 1
fi
CARGO_TARGET_DIR="$ROOT/target/leave-out" cargo build --release --quiet --manifest-path "$TREE/Cargo.toml" --bin dossier
BIN="$WORK/dossier"
cp "$ROOT/target/leave-out/release/dossier" "$BIN"

VARIANTS=("everything:" "without-exports:exports" "without-views:views")
RESULTS="$WORK/results.tsv"
for round in $(seq 1 "$ROUNDS"); do
    for offset in 0 1 2; do
        IFS=: read -r label without <<< "${VARIANTS[$(( (round + offset) % 3 ))]}"
        out="$WORK/out-$label"
        rm -rf "$out"
        DOSSIER_WITHOUT="$without" /usr/bin/time -f "%e %U %S %M" -o "$WORK/time" \
            "$BIN" build --root "$SITE" --out "$out" --quiet --no-cache
        echo "$round $label $(cat "$WORK/time") $(du -sb "$out" | cut -f1)" >> "$RESULTS"
        echo "round $round/$ROUNDS: $label $(cut -d' ' -f1 "$WORK/time") s" >&2
    done
done

python3 - "$RESULTS" <<'PY'
import statistics, sys
rows = [line.split() for line in open(sys.argv[1])]
runs = {}
for round_, label, wall, user, system, rss, size in rows:
    runs.setdefault(label, {})[round_] = (float(wall), float(user) + float(system), int(rss) / 1024, int(size))
print("| variant | wall, median | CPU, median | peak RSS, median | output bytes | wall: everything / variant, median of rounds |")
print("| --- | ---: | ---: | ---: | ---: | ---: |")
for label, by_round in runs.items():
    walls, cpus, rss, sizes = zip(*by_round.values())
    ratio = statistics.median(runs["everything"][r][0] / by_round[r][0] for r in by_round)
    print(f"| {label} | {statistics.median(walls):.2f} s | {statistics.median(cpus):.2f} s | "
          f"{statistics.median(rss):.0f} MiB | {sizes[0]:,} | {ratio:.3f} |")
PY
