#!/usr/bin/env bash
# cli_test.sh ZISKC EXAMPLES_DIR WORK_DIR: `ziskc prove` of the fibonacci example alone, then as
# `mpirun -np 2` and `-np 3` (oversubscribed) jobs, with every rank executing and with
# --execute-on root: the proof files must be byte-identical and verify; in root execution an
# MPMD launch where rank 1 gets a nonexistent ELF and input still proves the same bytes (only
# rank 0 reads files); a rank given another input is refused by the handshake; then rank 1 is
# killed at the commit and at the prove phase, and in root execution at the chunk exchange
# (ZISKC_TEST_MPI_DIE=1:<phase>): the job must exit non-zero within the time limit and leave no
# proof file.
set -euo pipefail
ziskc=$1
examples=$2
work=$3
here=$(cd "$(dirname "$0")" && pwd)
rm -rf "$work"
mkdir -p "$work"
elf=$examples/fibonacci.elf
input=$examples/fibonacci.bin
# Small instances (2^12 rows): two Main instances and several of the machines and tables.
args=(-e "$elf" -i "$input" --instance-log-height 12 --cache-dir "$work/cache")

"$ziskc" prove "${args[@]}" -o "$work/single.bin" 2>"$work/single.log" ||
  { cat "$work/single.log"; exit 1; }
for mode in all root; do
  for np in 2 3; do
    run=np$np-$mode
    if ! ZISKC_MPI_TIMEOUT=120 "$here/mpirun.sh" "$np" "$ziskc" prove "${args[@]}" \
        --execute-on "$mode" -o "$work/$run.bin" 2>"$work/$run.log"; then
      cat "$work/$run.log"
      echo "FAIL: mpirun -np $np ziskc prove --execute-on $mode failed"
      exit 1
    fi
    cmp "$work/single.bin" "$work/$run.bin" ||
      { echo "FAIL: -np $np --execute-on $mode proof differs from the single-process proof"; exit 1; }
    grep -q "rank 1/$np:" "$work/$run.log" || { cat "$work/$run.log"; echo "FAIL: no rank 1"; exit 1; }
    "$ziskc" verify -p "$work/$run.bin" >"$work/verify-$run.log" 2>&1 ||
      { cat "$work/verify-$run.log"; echo "FAIL: -np $np --execute-on $mode proof does not verify"; exit 1; }
    echo "ok: -np $np --execute-on $mode proof identical to the single-process one and verifies"
  done
done

root_flag=()
if [ "$(id -u)" = 0 ]; then root_flag=(--allow-run-as-root); fi

# Root execution needs no files on the other ranks: rank 1 gets a nonexistent ELF and input.
if ! timeout 120 mpirun "${root_flag[@]}" --bind-to none --mca mpi_yield_when_idle 1 \
    -np 1 "$ziskc" prove "${args[@]}" --execute-on root -o "$work/nofiles.bin" : \
    -np 1 "$ziskc" prove -e "$work/missing.elf" -i "$work/missing.bin" \
    --instance-log-height 12 --cache-dir "$work/cache" --execute-on root -o "$work/nofiles.bin" \
    >"$work/nofiles.log" 2>&1; then
  cat "$work/nofiles.log"; echo "FAIL: root execution with no files on rank 1 failed"; exit 1
fi
cmp "$work/single.bin" "$work/nofiles.bin" ||
  { echo "FAIL: root execution without files on rank 1: proof differs"; exit 1; }
echo "ok: --execute-on root with a nonexistent ELF and input on rank 1: identical proof"

# Every rank executing, a rank given another input: the handshake refuses the job on every
# rank; rank 0 names the field; exit 2; no file. (MPMD launch: rank 0 and rank 1 get different
# command lines.)
printf '\x08\0\0\0\0\0\0\0\x07\0\0\0\0\0\0\0' >"$work/other.bin"
set +e
timeout 60 mpirun "${root_flag[@]}" --bind-to none -np 1 "$ziskc" prove "${args[@]}" \
  --execute-on all -o "$work/mismatch.bin" : -np 1 "$ziskc" prove -e "$elf" -i "$work/other.bin" \
  --instance-log-height 12 --cache-dir "$work/cache" --execute-on all -o "$work/mismatch.bin" \
  >"$work/mismatch.log" 2>&1
rc=$?
set -e
if [ "$rc" -eq 0 ] || ls "$work"/mismatch.bin* >/dev/null 2>&1; then
  cat "$work/mismatch.log"; echo "FAIL: ranks with different inputs proved (exit $rc)"; exit 1
fi
grep -q "error: rank 1 does not match rank 0: input digest" "$work/mismatch.log" ||
  { cat "$work/mismatch.log"; echo "FAIL: no handshake error"; exit 1; }
echo "ok: a rank with another input is refused (exit $rc), no proof file"

for phase in commit prove root:chunks; do
  mode=all
  if [ "${phase%%:*}" = root ]; then mode=root; phase=${phase#root:}; fi
  start=$(date +%s)
  set +e
  ZISKC_TEST_MPI_DIE=1:$phase ZISKC_MPI_TIMEOUT=60 "$here/mpirun.sh" 2 -x ZISKC_TEST_MPI_DIE \
    "$ziskc" prove "${args[@]}" --execute-on "$mode" -o "$work/killed.bin" >"$work/killed.log" 2>&1
  rc=$?
  set -e
  elapsed=$(( $(date +%s) - start ))
  if [ "$rc" -eq 0 ]; then cat "$work/killed.log"; echo "FAIL: the job with a killed rank exited 0"; exit 1; fi
  if [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ] && [ "$elapsed" -ge 60 ]; then
    echo "FAIL: the job with a killed rank hung (timeout after ${elapsed} s)"; exit 1
  fi
  if ls "$work"/killed.bin* >/dev/null 2>&1; then echo "FAIL: a proof file was left"; exit 1; fi
  grep -q "killed at phase $phase" "$work/killed.log" || { cat "$work/killed.log"; echo "FAIL: hook did not fire"; exit 1; }
  echo "ok: a rank killed at phase $phase (--execute-on $mode) ends the job (exit $rc after ${elapsed} s), no proof file"
done
