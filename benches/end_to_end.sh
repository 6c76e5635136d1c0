#!/usr/bin/env bash
# End-to-end benchmark: generates a seeded corpus, measures the floor (read + xxh3 of every
# byte, same file, same binary), runs `zeef clean` at --threads 1 and 2, and writes a table
# to BENCHMARKS.md. Usage: benches/end_to_end.sh [DOCS] [SEED]   (defaults: 20000, 1)
set -euo pipefail
cd "$(dirname "$0")/.."
docs=${1:-20000}
seed=${2:-1}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cargo build --release --quiet
zeef=target/release/zeef
corpus="$work/corpus.jsonl"
"$zeef" generate --docs "$docs" --seed "$seed" -o "$corpus"
size=$(stat -c %s "$corpus")

"$zeef" floor "$corpus" > /dev/null # warm the page cache
floor=$("$zeef" floor "$corpus")
floor_mbs=$(python3 -c "import json,sys; print(json.loads(sys.argv[1])['mb_per_s'])" "$floor")

rows=""
for threads in 1 2; do
  /usr/bin/time -f "%M" -o "$work/rss" \
    "$zeef" clean "$corpus" -o "$work/out.jsonl" --report "$work/report.json" -j "$threads" -q
  rss_kb=$(cat "$work/rss")
  rows+=$(python3 - "$work/report.json" "$rss_kb" "$floor_mbs" "$threads" <<'PY'
import json, sys
report, rss_kb, floor, threads = json.load(open(sys.argv[1])), int(sys.argv[2]), float(sys.argv[3]), sys.argv[4]
t, c = report["timing"], report["counts"]
stages = ", ".join(f"{k} {v / 1000:.2f}" for k, v in t["stages_ms"].items())
print(f"| {threads} | {t['total_ms'] / 1000:.2f} | {t['mb_per_s']:.1f} | {t['docs_per_s']:.0f} | "
      f"{rss_kb / 1024:.0f} | {t['mb_per_s'] / floor:.3f} | {stages} |")
PY
)$'\n'
done

cat > BENCHMARKS.md <<MD
# Benchmarks

Produced by \`benches/end_to_end.sh $docs $seed\` on $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB,
$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(date -u +%Y-%m-%d).

Corpus: \`zeef generate --docs $docs --seed $seed\`, $((size / 1000000)) MB of JSONL.
Floor: read the file and xxh3 every byte in the same binary (\`zeef floor\`): $floor_mbs MB/s.
Defaults otherwise (clutter and dedup on, corpus and report written).

| threads | seconds | MB/s (text) | docs/s | peak RSS MB | ratio to floor | stage seconds |
|---|---|---|---|---|---|---|
$rows
MD
cat BENCHMARKS.md
