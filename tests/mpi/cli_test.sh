#!/usr/bin/env bash
# cli_test.sh ZISKC EXAMPLES_DIR WORK_DIR: `ziskc prove` of the fibonacci example alone, then as
# `mpirun -np 2` and `-np 3` (oversubscribed) jobs: the proof files must be byte-identical and
# verify; a rank given another input is refused by the handshake; then rank 1 is killed at the
# commit and at the prove phase (ZISKC_TEST_MPI_DIE=1:<phase>): the job must exit non-zero
# within the time limit and leave no proof file.
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
for np in 2 3; do
  if ! ZISKC_MPI_TIMEOUT=120 "$here/mpirun.sh" "$np" "$ziskc" prove "${args[@]}" \
      -o "$work/np$np.bin" 2>"$work/np$np.log"; then
    cat "$work/np$np.log"
    echo "FAIL: mpirun -np $np ziskc prove failed"
    exit 1
  fi
  cmp "$work/single.bin" "$work/np$np.bin" ||
    { echo "FAIL: -np $np proof differs from the single-process proof"; exit 1; }
  grep -q "rank 1/$np:" "$work/np$np.log" || { cat "$work/np$np.log"; echo "FAIL: no rank 1"; exit 1; }
  "$ziskc" verify -p "$work/np$np.bin" >"$work/verify$np.log" 2>&1 ||
    { cat "$work/verify$np.log"; echo "FAIL: -np $np proof does not verify"; exit 1; }
  echo "ok: -np $np proof identical to the single-process one and verifies"
done

# A rank given another input: the handshake refuses the job on every rank; rank 0 names the
# field; exit 2; no file. (MPMD launch: rank 0 and rank 1 get different command lines.)
root_flag=()
if [ "$(id -u)" = 0 ]; then root_flag=(--allow-run-as-root); fi
printf '\x08\0\0\0\0\0\0\0\x07\0\0\0\0\0\0\0' >"$work/other.bin"
set +e
timeout 60 mpirun "${root_flag[@]}" --bind-to none -np 1 "$ziskc" prove "${args[@]}" \
  -o "$work/mismatch.bin" : -np 1 "$ziskc" prove -e "$elf" -i "$work/other.bin" \
  --instance-log-height 12 --cache-dir "$work/cache" -o "$work/mismatch.bin" \
  >"$work/mismatch.log" 2>&1
rc=$?
set -e
if [ "$rc" -eq 0 ] || ls "$work"/mismatch.bin* >/dev/null 2>&1; then
  cat "$work/mismatch.log"; echo "FAIL: ranks with different inputs proved (exit $rc)"; exit 1
fi
grep -q "error: rank 1 does not match rank 0: input digest" "$work/mismatch.log" ||
  { cat "$work/mismatch.log"; echo "FAIL: no handshake error"; exit 1; }
echo "ok: a rank with another input is refused (exit $rc), no proof file"

for phase in commit prove; do
  start=$(date +%s)
  set +e
  ZISKC_TEST_MPI_DIE=1:$phase ZISKC_MPI_TIMEOUT=60 "$here/mpirun.sh" 2 -x ZISKC_TEST_MPI_DIE \
    "$ziskc" prove "${args[@]}" -o "$work/killed.bin" >"$work/killed.log" 2>&1
  rc=$?
  set -e
  elapsed=$(( $(date +%s) - start ))
  if [ "$rc" -eq 0 ]; then cat "$work/killed.log"; echo "FAIL: the job with a killed rank exited 0"; exit 1; fi
  if [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ] && [ "$elapsed" -ge 60 ]; then
    echo "FAIL: the job with a killed rank hung (timeout after ${elapsed} s)"; exit 1
  fi
  if ls "$work"/killed.bin* >/dev/null 2>&1; then echo "FAIL: a proof file was left"; exit 1; fi
  grep -q "killed at phase $phase" "$work/killed.log" || { cat "$work/killed.log"; echo "FAIL: hook did not fire"; exit 1; }
  echo "ok: a rank killed at phase $phase ends the job (exit $rc after ${elapsed} s), no proof file"
done
