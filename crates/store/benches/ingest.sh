#!/usr/bin/env bash
# Ingest throughput and peak memory of the release binary.
#
#   bash crates/store/benches/ingest.sh [INPUT_DIR]
#
# 1. Ingests INPUT_DIR (default ../shared/real/wh-readouts) into a fresh database and
#    prints the run's summary (documents, docs/s, MB/s of text) and the peak resident
#    memory (GNU time's "Maximum resident set size").
# 2. Generates a JSON Lines input of 100,000 releases (~60 MB) and ingests it the same
#    way, to show that memory stays bounded whatever the input size.
set -euo pipefail
root="$(cd "$(dirname "$0")/../../.." && pwd)"
input="${1:-$root/../shared/real/wh-readouts}"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
cargo build --release -p attache --manifest-path "$root/Cargo.toml" >&2
bin="${CARGO_TARGET_DIR:-$root/target}/release/attache"

run() {
  /usr/bin/time -v "$bin" ingest --db "$tmp/$1.db" "$2" 2> "$tmp/$1.err" >/dev/null || true
  grep '^attache: ingested' "$tmp/$1.err"
  grep 'Maximum resident set size' "$tmp/$1.err" | awk '{printf "peak memory: %.1f MB\n", $6/1024}'
}

if [ -d "$input" ]; then
  echo "== $input"
  run real "$input"
else
  echo "SKIP: $input is absent"
fi

echo "== 100,000 generated releases (JSON Lines)"
python3 - "$tmp/big.jsonl" <<'PY'
import json, sys
pairs = [("Belarus", "Kazakhstan", "Minsk"), ("Uzbekistan", "Kyrgyzstan", "Tashkent"),
         ("Armenia", "France", "Yerevan"), ("Japan", "Turkey", "Tokyo")]
with open(sys.argv[1], "w") as f:
    for i in range(100_000):
        a, b, city = pairs[i % 4]
        day, month = 1 + i % 28, 1 + (i // 28) % 12
        text = (f"On {month:02}/{day:02} the Minister of Foreign Affairs of {a} held talks in {city} "
                f"with the Ambassador of {b}. The sides discussed trade, transport and industry "
                f"(release number {i}).\n\nThe parties agreed to continue consultations. " * 3)
        f.write(json.dumps({"title": f"Talks of {a} and {b} ({i})", "text": text,
                            "published": f"2023-{month:02}-{day:02}", "language": "en"}) + "\n")
PY
ls -l "$tmp/big.jsonl" | awk '{printf "input: %.1f MB\n", $5/1e6}'
run big "$tmp/big.jsonl"
