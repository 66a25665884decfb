#!/usr/bin/env bash
# Bounded load test of `attache serve` on 127.0.0.1 only.
#
#   scripts/load.sh [DOCS] [CLIENTS] [SECONDS]      (defaults: 10000 50 30)
#
# Builds a knowledge base of DOCS generated releases (crates/bench `gen-corpus` when
# present, else the examples replicated with varied text), serves it on a free
# 127.0.0.1 port, and runs `wrk` (apt-get install -y wrk) with CLIENTS connections for
# SECONDS against each endpoint in turn: full-text search, the events API, the events
# page, the search page and the home page. Prints requests/s, p50/p99 latency and the
# number of non-2xx answers per endpoint; exits 1 if any answer was not 2xx.
#
# Environment: LOAD_PROFILE=release|debug (default release), LOAD_DIR (work folder,
# default a temporary one; a knowledge base already there is reused), WRK_THREADS (2).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
DOCS=${1:-10000}
CLIENTS=${2:-50}
SECS=${3:-30}
PROFILE=${LOAD_PROFILE:-release}
THREADS=${WRK_THREADS:-2}
WORK=${LOAD_DIR:-$(mktemp -d)}
mkdir -p "$WORK"
command -v wrk >/dev/null || { echo "load.sh: wrk is missing (apt-get install -y wrk)" >&2; exit 2; }

flag=(); [ "$PROFILE" = release ] && flag=(--release)
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
BIN=$TARGET/$PROFILE/attache
have_bench=0; [ -f crates/bench/Cargo.toml ] && have_bench=1
if [ $have_bench = 1 ]; then
    cargo build -q "${flag[@]}" -p attache -p attache-bench
else
    cargo build -q "${flag[@]}" -p attache
fi

DB=$WORK/load.db
if [ ! -s "$DB" ]; then
    INPUT=$WORK/releases.jsonl
    if [ $have_bench = 1 ]; then
        "$TARGET/$PROFILE/gen-corpus" --count "$DOCS" --out "$INPUT"
    else
        # The examples as JSON Lines, replicated with a varied first sentence (so
        # that no copy is a duplicate of another).
        "$BIN" doc --jsonl examples > "$WORK/examples.jsonl" 2>/dev/null || true
        n=$(wc -l < "$WORK/examples.jsonl")
        : > "$INPUT"
        i=0
        while [ $i -lt "$DOCS" ]; do
            awk -v base=$i '{ sub(/"text":"/, "\"text\":\"Release " base + NR ". "); print }' \
                "$WORK/examples.jsonl" >> "$INPUT"
            i=$((i + n))
        done
    fi
    start=$(date +%s)
    "$BIN" ingest --db "$DB" --batch 1000 "$INPUT" || true
    echo "load.sh: ingested in $(( $(date +%s) - start )) s" >&2
fi

LOG=$WORK/serve.log
RUST_LOG=warn "$BIN" serve --db "$DB" --addr 127.0.0.1:0 2> "$LOG" &
PID=$!
trap 'kill -TERM $PID 2>/dev/null; wait $PID 2>/dev/null || true' EXIT
base=""
for _ in $(seq 1 300); do
    base=$(sed -n 's|^attache: serving on \(http://127\.0\.0\.1:[0-9]*\)/.*|\1|p' "$LOG" | head -1)
    [ -n "$base" ] && break
    sleep 0.1
done
[ -n "$base" ] || { echo "load.sh: the server did not start:" >&2; cat "$LOG" >&2; exit 2; }
docs=$(curl -s "$base/api/stats" | sed -n 's/.*"documents":\([0-9]*\).*/\1/p')
echo "load.sh: $base over $docs documents; $CLIENTS clients, ${SECS}s per endpoint, $PROFILE build"

bad=0
printf '%-34s %10s %10s %10s %8s\n' endpoint req/s p50 p99 non-2xx
for path in "/api/search?q=minister" "/api/events?limit=50" "/events" "/search?q=cooperation" "/"; do
    out=$(wrk -t"$THREADS" -c"$CLIENTS" -d"${SECS}s" --latency "$base$path" 2>&1)
    rps=$(awk '/^Requests\/sec/ {print $2}' <<<"$out")
    p50=$(awk '$1 == "50%" {print $2}' <<<"$out")
    p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
    non2xx=$(awk '/Non-2xx/ {print $NF}' <<<"$out")
    errs=$(awk '/Socket errors/ {print}' <<<"$out")
    printf '%-34s %10s %10s %10s %8s\n' "$path" "${rps:-?}" "${p50:-?}" "${p99:-?}" "${non2xx:-0}"
    [ -n "$errs" ] && echo "    $errs"
    [ -n "$non2xx" ] && [ "$non2xx" != 0 ] && bad=1
done
grep -i "locked\|panic\| 5[0-9][0-9] " "$LOG" | head -5 || true
exit $bad
