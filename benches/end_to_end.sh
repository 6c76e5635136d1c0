#!/usr/bin/env bash
# End-to-end benchmark: generates a seeded corpus, measures the floor (read + xxh3 of every
# byte, same file, same binary), runs `zeef clean` at --threads 1 and 2 with defaults, and
# writes a table to BENCHMARKS.md.
# Usage: benches/end_to_end.sh [DOCS] [SEED]   (defaults: 20000, 1; 235000 docs ≈ 1 GB)
set -euo pipefail
cd "$(dirname "$0")/.."
docs=${1:-20000}
seed=${2:-1}
work=$(mktemp -d "${TMPDIR:-/tmp}/zeef-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT

cargo build --release --quiet
zeef=target/release/zeef
corpus="$work/corpus.jsonl"
"$zeef" generate --docs "$docs" --seed "$seed" -o "$corpus"
size=$(stat -c %s "$corpus")

"$zeef" floor "$corpus" > /dev/null # warm the page cache
floor=$("$zeef" floor "$corpus")
floor_mbs=$(python3 -c "import json,sys; print(round(json.loads(sys.argv[1])['mb_per_s'], 1))" "$floor")

rows=""
for threads in 1 2; do
  /usr/bin/time -f "%M" -o "$work/rss" \
    "$zeef" clean "$corpus" -o "$work/out.jsonl" --report "$work/report-$threads.json" -j "$threads" -q
  rss_kb=$(cat "$work/rss")
  rows+=$(python3 - "$work/report-$threads.json" "$rss_kb" "$floor_mbs" "$threads" "$size" <<'PY'
import json, sys
report = json.load(open(sys.argv[1]))
rss_kb, floor, threads, size = int(sys.argv[2]), float(sys.argv[3]), sys.argv[4], int(sys.argv[5])
t, c = report["timing"], report["counts"]
seconds = t["total_ms"] / 1000
mbs = size / 1e6 / seconds
stages = ", ".join(f"{k} {v / 1000:.2f}" for k, v in t["stages_ms"].items())
print(f"| {threads} | {seconds:.2f} | {mbs:.1f} | {c['documents'] / seconds:.0f} | "
      f"{rss_kb / 1024:.0f} | {rss_kb * 1024 / c['documents']:.0f} | {mbs / floor:.3f} | {stages} |")
PY
)$'\n'
done
summary=$(python3 - "$work/report-1.json" "$work/report-2.json" <<'PY'
import json, sys
one, two = (json.load(open(p)) for p in sys.argv[1:3])
c = one["counts"]
print(f"Documents: {c['documents']}, sites: {c['sites']}, blocks: {c['blocks']}, "
      f"repeated blocks held by the site statistics: {c['repeated_blocks']}, "
      f"clusters: {c['clusters']}, documents dropped: {c['documents_dropped']}.  \n"
      f"Scaling, 2 threads over 1: {one['timing']['total_ms'] / two['timing']['total_ms']:.2f}x.")
PY
)

cat > BENCHMARKS.md <<MD
# Benchmarks

Produced by \`benches/end_to_end.sh $docs $seed\` on $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB,
$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(date -u +%Y-%m-%d).

Corpus: \`zeef generate --docs $docs --seed $seed\`, $((size / 1000000)) MB of JSONL.
Floor: read the file and xxh3 every byte in the same binary (\`zeef floor\`): $floor_mbs MB/s.
Defaults otherwise: clutter and dedup on, corpus and report written. MB/s are megabytes
(10^6) of the input file per second of the whole run; RSS per document is peak RSS over
documents, an upper bound on what a document costs (it includes the fixed costs).

| threads | seconds | MB/s | docs/s | peak RSS MB | RSS bytes/doc | ratio to floor | stage seconds |
|---|---|---|---|---|---|---|---|
$rows
$summary
MD
cat BENCHMARKS.md
