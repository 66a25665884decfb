#!/usr/bin/env bash
# Every end-to-end figure of bench/RESULTS.md, in one run:
#
#   bash bench/run_all.sh            # BENCH_DOCS=100000 generated releases by default
#   BENCH_DOCS=10000 SKIP_SPACY=1 bash bench/run_all.sh
#
# 1. machine and load; 2. `attache ingest` of the real White House readouts (when
# ../shared is present) and of BENCH_DOCS generated releases (`gen-corpus`, seed 1):
# documents/s, MB/s, peak resident memory (GNU time), database size against input size;
# 3. query latency p50/p99 on the generated database (`e2e queries`, 200 runs per query
# with varied arguments); 4. server throughput: `attache serve` on 127.0.0.1 under wrk
# (2 threads, 20 connections, 10 s, requests cycling through search, events of a pair,
# timeline, upcoming); 5. spaCy side by side (bench/spacy_compare.sh).
# Everything runs on loopback, bounded in time and count. Scratch files live in
# $CARGO_TARGET_DIR/bench-work (else target/bench-work) and are reused when present.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
shared="${ATTACHE_SHARED:-$root/../shared}"
target="${CARGO_TARGET_DIR:-$root/target}"
work="$target/bench-work"
docs="${BENCH_DOCS:-100000}"
port="${BENCH_PORT:-18080}"
mkdir -p "$work"
bin="$target/release/attache"
e2e="$target/release/e2e"

echo "== machine"
echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'), $(nproc) cores"
echo "ram: $(free -g | awk '/Mem:/{print $2}') GiB"
echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ); commit $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo '?')"
echo "load: $(uptime | sed 's/.*load average: //')"

cargo build --release -q -p attache -p attache-bench --manifest-path "$root/Cargo.toml"

# ingest NAME INPUT: a fresh database, GNU time's peak memory, sizes.
ingest() {
  local name="$1" input="$2" db="$work/$1.db"
  rm -f "$db" "$db-wal" "$db-shm"
  echo "load before: $(uptime | sed 's/.*load average: //')"
  /usr/bin/time -v "$bin" ingest --db "$db" "$input" >"$work/$name.out" 2>"$work/$name.err" || true
  grep -E '^attache: ingested|ingested' "$work/$name.err" | tail -1
  awk -F': ' '/Maximum resident set size/{printf "peak resident memory: %.1f MB\n", $2/1024}
             /Elapsed \(wall clock\)/{print "wall: " $2}
             /User time/{u=$2} /System time/{s=$2} END{printf "cpu: %.1f s\n", u+s}' "$work/$name.err"
  local in_bytes db_bytes
  in_bytes=$(du -sb "$input" | cut -f1)
  db_bytes=$(( $(stat -c %s "$db") + $(stat -c %s "$db-wal" 2>/dev/null || echo 0) ))
  awk -v i="$in_bytes" -v d="$db_bytes" 'BEGIN{printf "input: %.1f MB, database: %.1f MB (%.2fx input)\n", i/1e6, d/1e6, d/i}'
}

if [ -d "$shared/real/wh-readouts" ]; then
  echo "== ingest: $shared/real/wh-readouts"
  ingest real "$shared/real/wh-readouts"
else
  echo "SKIP: $shared/real/wh-readouts is absent"
fi

corpus="$work/gen-$docs-seed1.jsonl"
if [ ! -s "$corpus" ]; then
  "$target/release/gen-corpus" --count "$docs" --seed 1 --out "$corpus.tmp"
  mv "$corpus.tmp" "$corpus"
fi
echo "== ingest: $docs generated releases ($corpus)"
ingest "gen-$docs" "$corpus"
db="$work/gen-$docs.db"

echo "== queries on $db (load: $(uptime | sed 's/.*load average: //'))"
"$e2e" queries --db "$db" --rounds 200

echo "== server: attache serve on 127.0.0.1:$port, wrk 2 threads, 20 connections, 10 s"
if command -v wrk >/dev/null; then
  "$e2e" wrk-script --db "$db" --out "$work/wrk.lua"
  "$bin" serve --db "$db" --addr "127.0.0.1:$port" >"$work/serve.log" 2>&1 &
  server=$!
  trap 'kill "$server" 2>/dev/null || true' EXIT
  for _ in $(seq 1 100); do
    curl -sf "http://127.0.0.1:$port/api/stats" >/dev/null 2>&1 && break
    sleep 0.2
  done
  echo "load: $(uptime | sed 's/.*load average: //')"
  wrk -t2 -c20 -d10s --timeout 5s -s "$work/wrk.lua" "http://127.0.0.1:$port"
  kill "$server" 2>/dev/null || true
  wait "$server" 2>/dev/null || true
  trap - EXIT
else
  echo "SKIP: wrk is not installed (apt-get install -y wrk)"
fi

if [ "${SKIP_SPACY:-0}" != 1 ]; then
  echo "== spaCy side by side (load: $(uptime | sed 's/.*load average: //'))"
  bash "$root/bench/spacy_compare.sh"
fi
echo "== done (load: $(uptime | sed 's/.*load average: //'))"
