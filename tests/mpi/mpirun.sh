#!/usr/bin/env bash
# mpirun.sh NP PROGRAM [ARGS...]: runs PROGRAM as an NP-rank Open MPI job on this host, with
# --oversubscribe when NP exceeds the cores, --allow-run-as-root only when run as root (CI), and
# a hard time limit so that a hung job fails instead of blocking the test run.
set -euo pipefail
np=$1
shift
flags=(-np "$np" --bind-to none --mca mpi_yield_when_idle 1)
if [ "$np" -gt "$(nproc)" ]; then flags+=(--oversubscribe); fi
if [ "$(id -u)" = 0 ]; then flags+=(--allow-run-as-root); fi
exec timeout --kill-after=10 "${ZISKC_MPI_TIMEOUT:-300}" mpirun "${flags[@]}" "$@"
