#!/usr/bin/env bash
# `make bench`: runs every Google Benchmark binary in the build.
set -euo pipefail
BUILD=${1:-build}
shopt -s nullglob
for b in "$BUILD"/bin/bench_*; do
  echo "== $b"
  "$b" --benchmark_counters_tabular=true
done
# Distributed proving (bench/mpi_bench.sh) when ziskc was built with MPI and mpirun is there.
if command -v mpirun >/dev/null && ldd "$BUILD/bin/ziskc" 2>/dev/null | grep -q libmpi &&
  [ -f "$BUILD/examples/sha256.elf" ]; then
  bash "$(dirname "$0")/../bench/mpi_bench.sh" "$BUILD"
fi
