#!/usr/bin/env bash
# End-to-end benchmark. For each corpus size: generates a seeded corpus, measures the floor
# (read + xxh3 of every byte, same file, same binary), runs `zeef clean` at --threads 1 and
# 2 with defaults, and writes one table per size to BENCHMARKS.md.
# Usage: benches/end_to_end.sh [SEED] [DOCS...]
#   defaults: seed 1, sizes 20000 (≈ 87 MB) and 235000 (≈ 1 GB); needs ~3 GB free in $TMPDIR.
#   REPEATS (default 3): runs per thread count, alternating; the median run is reported.
set -euo pipefail
cd "$(dirname "$0")/.."
seed=${1:-1}
shift || true
sizes=("${@:-20000 235000}")
repeats=${REPEATS:-3}
read -r -a sizes <<< "${sizes[*]}"
work=$(mktemp -d "${TMPDIR:-/tmp}/zeef-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT

cargo build --release --quiet
zeef=target/release/zeef

sections=""
for docs in "${sizes[@]}"; do
  corpus="$work/corpus.jsonl"
  "$zeef" generate --docs "$docs" --seed "$seed" -o "$corpus"
  size=$(stat -c %s "$corpus")

  "$zeef" floor "$corpus" > /dev/null # warm the page cache
  floor=$("$zeef" floor "$corpus")
  floor_mbs=$(python3 -c "import json,sys; print(round(json.loads(sys.argv[1])['mb_per_s'], 1))" "$floor")

  # Runs alternate between one and two threads, so drift on a shared machine (this kind of
  # VM varies by a third over an hour) falls on both alike; the table shows each thread
  # count's median run and the range of all its runs.
  for rep in $(seq "$repeats"); do
    for threads in 1 2; do
      /usr/bin/time -f "%M" -o "$work/rss-$threads-$rep" \
        "$zeef" clean "$corpus" -o "$work/out-$threads.jsonl" \
        --report "$work/report-$threads-$rep.json" -j "$threads" -q
    done
  done
  rows=""
  for threads in 1 2; do
    rows+=$(python3 - "$work" "$threads" "$repeats" "$floor_mbs" "$size" "$docs" <<'PY'
import json, shutil, sys
work, threads, repeats, floor, size = sys.argv[1], sys.argv[2], int(sys.argv[3]), float(sys.argv[4]), int(sys.argv[5])
docs = sys.argv[6]
runs = []
for rep in range(1, repeats + 1):
    report = json.load(open(f"{work}/report-{threads}-{rep}.json"))
    rss_kb = int(open(f"{work}/rss-{threads}-{rep}").read().split()[-1])
    runs.append((report["timing"]["total_ms"], rep, report, rss_kb))
runs.sort()
total_ms, rep, report, rss_kb = runs[len(runs) // 2]
shutil.copy(f"{work}/report-{threads}-{rep}.json", f"{work}/report-{threads}.json")
t, c = report["timing"], report["counts"]
seconds = total_ms / 1000
mbs = size / 1e6 / seconds
spread = f"{runs[0][0] / 1000:.2f}–{runs[-1][0] / 1000:.2f}"
stages = ", ".join(f"{k} {v / 1000:.2f}" for k, v in t["stages_ms"].items())
peak = max(r[3] for r in runs) * 1024
memory = t["memory"]
counting = max(r[2]["timing"]["memory"]["counting_peak_rss_bytes"] for r in runs)
distinct = memory["distinct_blocks_counted"]
# For the marginal costs between corpus sizes, computed after the last size.
with open(f"{work}/memory.jsonl", "a") as out:
    out.write(json.dumps({"docs": int(docs), "threads": threads, "documents": c["documents"],
                          "peak": peak, "counting": counting, "distinct": distinct}) + "\n")
print(f"| {threads} | {seconds:.2f} | {spread} | {mbs:.1f} | {c['documents'] / seconds:.0f} | "
      f"{peak / 2**20:.0f} | {peak / c['documents']:.0f} | {counting / 2**20:.0f} | {distinct} | "
      f"{counting / max(distinct, 1):.0f} | {mbs / floor:.3f} | {stages} |")
PY
)$'\n'
  done
  cmp -s "$work/out-1.jsonl" "$work/out-2.jsonl" && identical="byte-identical" || identical="DIFFERENT (a bug)"
  summary=$(python3 - "$work/report-1.json" "$work/report-2.json" "$identical" <<'PY'
import json, sys
one, two = (json.load(open(p)) for p in sys.argv[1:3])
c = one["counts"]
print(f"Documents: {c['documents']}, sites: {c['sites']}, blocks: {c['blocks']}, "
      f"repeated blocks held by the site statistics: {c['repeated_blocks']}, "
      f"clusters: {c['clusters']}, documents dropped: {c['documents_dropped']}.  \n"
      f"Scaling, 2 threads over 1: {one['timing']['total_ms'] / two['timing']['total_ms']:.2f}x; "
      f"corpus output at -j1 and -j2: {sys.argv[3]}.")
PY
)
  sections+="
## \`zeef generate --docs $docs --seed $seed\`: $((size / 1000000)) MB of JSONL

Floor (\`zeef floor\`: read the file and xxh3 every byte, page cache warm): $floor_mbs MB/s.

| threads | seconds (median) | range of $repeats runs | MB/s | docs/s | peak RSS MB | RSS bytes/doc | counting peak MB | distinct blocks counted | counting bytes/block | ratio to floor | stage seconds |
|---|---|---|---|---|---|---|---|---|---|---|---|
$rows
$summary
"
  rm -f "$corpus" "$work"/out-*.jsonl
done

# What one more document and one more distinct block cost: the growth of the peaks between
# the smallest and the largest corpus, over the growth of what they hold. Unlike the
# per-document figures above, these leave the fixed costs out.
marginal=""
if [ "${#sizes[@]}" -ge 2 ]; then
  marginal=$(python3 - "$work/memory.jsonl" <<'PY'
import json, sys
rows = [json.loads(line) for line in open(sys.argv[1])]
lines = ["## Memory per document and per distinct block", "",
         "Growth of peak RSS from the smallest corpus to the largest, over the growth of the "
         "documents (whole run) and of the distinct block keys the first pass held at its "
         "end (the counting peak):", ""]
for threads in ("1", "2"):
    mine = sorted((r for r in rows if r["threads"] == threads), key=lambda r: r["docs"])
    small, large = mine[0], mine[-1]
    per_doc = (large["peak"] - small["peak"]) / max(1, large["documents"] - small["documents"])
    per_block = (large["counting"] - small["counting"]) / max(1, large["distinct"] - small["distinct"])
    lines.append(f"- -j{threads}: {per_doc:.0f} bytes per document, {per_block:.0f} bytes per "
                 f"distinct block.")
print("\n".join(lines))
PY
)
fi

cat > BENCHMARKS.md <<MD
# Benchmarks

Produced by \`benches/end_to_end.sh $seed ${sizes[*]}\` on $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB,
$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(date -u +%Y-%m-%d).

Defaults: clutter and dedup on, corpus and report written. Each thread count ran $repeats
times, alternating with the other; the row is its median run (peak RSS is the largest of
all runs). MB/s are megabytes (10^6) of the input file per second of the whole run (both passes over the input, dedup, writing). RSS
per document is peak RSS over documents, an upper bound on what a document costs (it
includes the fixed costs). Stage seconds come from \`report.json\`'s timing block; \`read\`
is reading and parsing in both passes, \`site_stats\` the first pass's segmentation,
normalisation and counting. Peak RSS is measured by \`/usr/bin/time\`; the counting peak
(the first pass's, when it holds every distinct block key it has seen, before it forgets
those seen on one page) and the distinct blocks counted come from \`report.json\`'s
\`timing.memory\`.
$sections
$marginal
MD
cat BENCHMARKS.md
