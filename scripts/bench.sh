#!/usr/bin/env bash
# `make bench`: runs every Google Benchmark binary in the build.
set -euo pipefail
BUILD=${1:-build}
shopt -s nullglob
for b in "$BUILD"/bin/bench_*; do
  echo "== $b"
  "$b" --benchmark_counters_tabular=true
done
