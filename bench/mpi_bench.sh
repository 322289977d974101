#!/usr/bin/env bash
# bench/mpi_bench.sh [BUILD] [ELF] [INPUT] [LOG_HEIGHT]: distributed proving on this host
# (docs/DISTRIBUTED.md, PERFORMANCE.md "Distributed proving"). Proves the guest (default: the
# sha256 example, small input) at instance height 2^LOG_HEIGHT (default 14) as one process with
# every core and with one thread, then as `mpirun -np 2` with one thread per rank (bound to a core each), once with
# every rank executing (--execute-on all) and once with rank 0 alone executing (--execute-on
# root); checks the three proofs are byte-identical and prints, for each run, the wall time,
# the job's CPU seconds (all processes), per-rank wall / CPU / peak RSS / instances, and the
# time each rank spent in the exchanges (waiting included). One run each, same conditions: the
# load (uptime) is printed before each run. Run by `make bench` (scripts/bench.sh) when the
# build has MPI.
set -euo pipefail
BUILD=${1:-build}
elf=${2:-$BUILD/examples/sha256.elf}
input=${3:-$BUILD/examples/sha256.bin}
h=${4:-14}
ziskc=$BUILD/bin/ziskc
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cores=$(nproc)
root_flag=()
if [ "$(id -u)" = 0 ]; then root_flag=(--allow-run-as-root); fi
args=(prove -e "$elf" -i "$input" --instance-log-height "$h" --cache-dir "$work/cache")
"$ziskc" rom-setup -e "$elf" --cache-dir "$work/cache" >/dev/null 2>&1 || true
timed=()
if [ -x /usr/bin/time ]; then timed=(/usr/bin/time -f "job: %e s wall, %U s user + %S s sys (every process)"); fi

echo "== distributed proving: $(basename "$elf") $(basename "$input"), instances <= 2^$h," \
  "$cores cores, $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "-- N=1 ($cores threads), load $(cut -d' ' -f1-3 /proc/loadavg)"
OMP_NUM_THREADS=$cores "${timed[@]}" "$ziskc" "${args[@]}" -o "$work/n1.bin" 2>"$work/n1.log"
grep -E "^job|^proved|^phases|^proof:" "$work/n1.log"
# One thread: the CPU seconds to compare with N = 2's (spinning OpenMP workers inflate the
# multi-threaded process's CPU on a loaded machine).
echo "-- N=1 (1 thread), load $(cut -d' ' -f1-3 /proc/loadavg)"
OMP_NUM_THREADS=1 "${timed[@]}" "$ziskc" "${args[@]}" -o "$work/n1t1.bin" 2>"$work/n1t1.log"
grep -E "^job|^proved|^phases|^proof:" "$work/n1t1.log"
threads=$(( cores / 2 > 0 ? cores / 2 : 1 ))
bind=(--bind-to core)
if [ "$cores" -lt 2 ]; then bind=(--bind-to none --oversubscribe); fi
for mode in all root; do
  echo "-- N=2 --execute-on $mode ($threads thread(s) per rank), load $(cut -d' ' -f1-3 /proc/loadavg)"
  "${timed[@]}" timeout 1800 mpirun -np 2 "${bind[@]}" "${root_flag[@]}" \
    -x OMP_NUM_THREADS=$threads "$ziskc" "${args[@]}" --execute-on "$mode" \
    -o "$work/n2$mode.bin" 2>"$work/n2$mode.log"
  grep -E "^job|^rank|^proved|^phases|^proof:" "$work/n2$mode.log"
  if cmp -s "$work/n1.bin" "$work/n2$mode.bin"; then
    echo "proof identical to N=1: yes"
  else
    echo "proof identical to N=1: NO"
    exit 1
  fi
done
