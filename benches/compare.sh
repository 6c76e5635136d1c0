#!/usr/bin/env bash
# Compares two zeef builds before a speed change lands: do they write the same, and which
# is faster? On a shared VM one run of each says little (wall time drifts by ±15% over an
# hour), so the runs alternate and the minimum and median of each are shown.
#
# Usage: benches/compare.sh OLD_BINARY NEW_BINARY CORPUS...
#   For every CORPUS: both builds run `zeef clean` with --clusters and --report, once with
#   --explain and --block-features and once without; the corpus, clusters, explain and
#   feature outputs must be byte-identical, and so must the report less its `timing` block
#   and the output paths. Any difference is printed and the exit code is 1.
#   Then, on the first CORPUS, REPEATS (default 3) alternating runs per build at -j1 and
#   -j2 give wall seconds, user CPU seconds and peak RSS.
#   CALLGRIND=1 also counts each build's instructions on the first CORPUS at -j1 (valgrind
#   must be installed; use a small corpus, it runs 50 times slower). Unlike wall time, the
#   count is the same from run to run.
set -euo pipefail
[ $# -ge 3 ] || { sed -n '2,17p' "$0" >&2; exit 2; }
old=$(realpath "$1") new=$(realpath "$2")
shift 2
repeats=${REPEATS:-3}
work=$(mktemp -d "${TMPDIR:-/tmp}/zeef-compare.XXXXXX")
trap 'rm -rf "$work"' EXIT

# The report with what may differ between runs taken out.
comparable_report() {
  python3 - "$1" <<'PY'
import json, sys
report = json.load(open(sys.argv[1]))
report.pop("timing", None)
report.get("config", {}).pop("outputs", None)
print(json.dumps(report, sort_keys=True))
PY
}

same=1
for corpus in "$@"; do
  for explain in with without; do
    for build in old new; do
      dir="$work/$build"
      mkdir -p "$dir"
      binary=$old
      [ "$build" = new ] && binary=$new
      extra=()
      [ "$explain" = with ] && extra=(--explain "$dir/explain.jsonl" --block-features "$dir/features.jsonl")
      "$binary" clean "$corpus" -o "$dir/out.jsonl" --clusters "$dir/clusters.jsonl" \
        --report "$dir/report.json" -q "${extra[@]}"
      comparable_report "$dir/report.json" > "$dir/report.comparable"
    done
    outputs=(out.jsonl clusters.jsonl report.comparable)
    [ "$explain" = with ] && outputs+=(explain.jsonl features.jsonl)
    for output in "${outputs[@]}"; do
      if ! cmp -s "$work/old/$output" "$work/new/$output"; then
        echo "DIFFERENT: $output on $corpus ($explain --explain)"
        same=0
      fi
    done
    rm -f "$work"/old/* "$work"/new/*
  done
done
[ "$same" = 1 ] && echo "identical: every output on $# corpora, with and without --explain"

corpus=$1
size=$(stat -c %s "$corpus")
for rep in $(seq "$repeats"); do
  for build in old new; do
    binary=$old
    [ "$build" = new ] && binary=$new
    for threads in 1 2; do
      /usr/bin/time -f "$build $threads %e %U %M" -a -o "$work/times" \
        "$binary" clean "$corpus" -o "$work/out.jsonl" -j "$threads" -q
    done
  done
done
python3 - "$work/times" "$size" "$repeats" "$corpus" <<'PY'
import collections, statistics, sys
runs = collections.defaultdict(list)
for line in open(sys.argv[1]):
    build, threads, wall, user, rss = line.split()
    runs[(build, threads)].append((float(wall), float(user), int(rss)))
size = int(sys.argv[2])
print(f"{sys.argv[4]} ({size / 1e6:.1f} MB), {sys.argv[3]} alternating runs of each build:")
print("| build | threads | wall s min | wall s median | MB/s at median | user s median | peak RSS MB |")
print("|---|---|---|---|---|---|---|")
for (build, threads), r in sorted(runs.items(), key=lambda kv: (kv[0][0] != "old", kv[0][1])):
    walls = sorted(x[0] for x in r)
    median = statistics.median(walls)
    print(f"| {build} | {threads} | {walls[0]:.2f} | {median:.2f} | {size / 1e6 / median:.1f} | "
          f"{statistics.median(x[1] for x in r):.2f} | {max(x[2] for x in r) / 1024:.0f} |")
PY

if [ "${CALLGRIND:-0}" = 1 ]; then
  for build in old new; do
    binary=$old
    [ "$build" = new ] && binary=$new
    count=$(valgrind --tool=callgrind --callgrind-out-file="$work/callgrind.$build" \
      "$binary" clean "$corpus" -o "$work/out.jsonl" -j1 -q 2>&1 | awk '/refs:/ {print $NF}')
    echo "$build: $count instructions at -j1"
  done
fi
[ "$same" = 1 ]
