#!/usr/bin/env bash
# Fuzz the readers and extraction of attache for a bounded time per target.
#
#   scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]
#
# Targets (fuzz/fuzz_targets/): html, feed, front_matter, jsonl, any_format, extract;
# all of them by default, 60 s each (or $FUZZ_SECONDS). Installs cargo-fuzz when it is
# missing (`cargo install cargo-fuzz --locked`). Runs on the STABLE toolchain:
# `cargo fuzz run --sanitizer none` needs no nightly features (the default address
# sanitizer would need `-Zsanitizer`, i.e. nightly; set FUZZ_SANITIZER=address and
# FUZZ_TOOLCHAIN=+nightly to use it). Seeds: examples/ and tests/hostile/.
# Build output goes to $FUZZ_TARGET_DIR (default fuzz/target).
#
# A crash or timeout is copied to tests/hostile/regressions/<target>-<artifact>, which
# `crates/attache/tests/hostile_inputs.rs` replays through every reader and extraction;
# the script then exits 1. Summary: target, seconds, executions, crashes.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
SECS=${1:-${FUZZ_SECONDS:-60}}
[ $# -gt 0 ] && shift
TARGETS=("$@")
[ ${#TARGETS[@]} -eq 0 ] && TARGETS=(html feed front_matter jsonl any_format extract)
SANITIZER=${FUZZ_SANITIZER:-none}
TOOLCHAIN=${FUZZ_TOOLCHAIN:-}
TARGET_DIR=${FUZZ_TARGET_DIR:-$ROOT/fuzz/target}

if ! cargo fuzz --version >/dev/null 2>&1; then
    echo "fuzz.sh: installing cargo-fuzz" >&2
    cargo install cargo-fuzz --locked
fi

seed() { # target -> corpus dir with the project's own inputs as seeds
    local dir=$ROOT/fuzz/corpus/$1
    mkdir -p "$dir"
    if [ -z "$(ls -A "$dir")" ]; then
        find "$ROOT/examples" "$ROOT/tests/hostile" -type f -size -256k ! -name 'README*' \
            -exec cp {} "$dir/" \;
    fi
    echo "$dir"
}

summary=()
failed=0
for t in "${TARGETS[@]}"; do
    corpus=$(seed "$t")
    log=$(mktemp)
    echo "fuzz.sh: $t for ${SECS}s" >&2
    rc=0
    # shellcheck disable=SC2086
    cargo $TOOLCHAIN fuzz run --sanitizer "$SANITIZER" --target-dir "$TARGET_DIR" "$t" "$corpus" -- \
        -max_total_time="$SECS" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
        -print_final_stats=1 >"$log" 2>&1 || rc=$?
    runs=$(grep -Eo 'Done [0-9]+ runs' "$log" | grep -Eo '[0-9]+' | tail -1 || true)
    [ -z "$runs" ] && runs=$(grep -Eo 'stat::number_of_executed_units: *[0-9]+' "$log" | grep -Eo '[0-9]+$' | tail -1 || true)
    crashes=0
    for a in "$ROOT"/fuzz/artifacts/"$t"/*; do
        [ -f "$a" ] || continue
        dest=$ROOT/tests/hostile/regressions/$t-$(basename "$a")
        if [ ! -f "$dest" ]; then
            cp "$a" "$dest"
            crashes=$((crashes + 1))
            echo "fuzz.sh: $t: new failing input saved as $dest" >&2
        fi
    done
    if [ $rc -ne 0 ] && [ $crashes -eq 0 ]; then
        echo "fuzz.sh: $t exited $rc without an artifact; log:" >&2
        tail -30 "$log" >&2
    fi
    [ $rc -ne 0 ] && failed=1
    summary+=("$(printf '%-13s %5ss %12s runs %3s new crash(es)' "$t" "$SECS" "${runs:-?}" "$crashes")")
    rm -f "$log"
done
printf '%s\n' "${summary[@]}"
exit $failed
