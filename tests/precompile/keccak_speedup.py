#!/usr/bin/env python3
"""Issue 6 performance check: keccak-f through the precompile vs the software keccak example.

Runs `ziskc execute` on guests/keccak_bench.elf (n precompile calls) and on examples/keccak.elf
(software Keccak-256 over --sw-bytes pseudo-random bytes), measures each run's CPU time (user +
sys of the child, best of --repeats, minus the cost of the same guest on an empty workload),
and prints the time per permutation of both and their ratio. Exit status 1 if the ratio is
below --min-ratio.

  keccak_speedup.py ZISKC BENCH_ELF KECCAK_ELF [--calls 100000] [--sw-bytes 1000000]
"""
import argparse
import os
import resource
import struct
import subprocess
import sys
import tempfile


def cpu_seconds(cmd):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def best(cmd, repeats):
    return min(cpu_seconds(cmd) for _ in range(repeats))


def record_file(directory, name, payload):
    path = os.path.join(directory, name)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(payload)) + payload + b"\0" * (-len(payload) % 8))
    return path


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("ziskc")
    ap.add_argument("bench_elf")
    ap.add_argument("keccak_elf")
    ap.add_argument("--sw-bytes", type=int, default=1000000)
    ap.add_argument("--calls", type=int, default=100000)
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--min-ratio", type=float, default=50.0)
    args = ap.parse_args()

    msg_len = args.sw_bytes
    sw_permutations = msg_len // 136 + 1  # Keccak-256: rate 136 bytes, one padded final block

    with tempfile.TemporaryDirectory() as tmp:
        sw_in = record_file(tmp, "msg.bin", bytes((i * 131 + 7) & 0xFF for i in range(msg_len)))
        calls_in = record_file(tmp, "calls.bin", struct.pack("<Q", args.calls))
        zero_in = record_file(tmp, "zero.bin", struct.pack("<Q", 0))
        empty_in = record_file(tmp, "empty.bin", b"")
        run = lambda elf, inp: [args.ziskc, "execute", "-e", elf, "-i", inp]
        pre = best(run(args.bench_elf, calls_in), args.repeats)
        pre0 = best(run(args.bench_elf, zero_in), args.repeats)
        sw = best(run(args.keccak_elf, sw_in), args.repeats)
        sw0 = best(run(args.keccak_elf, empty_in), args.repeats)

    per_pre = (pre - pre0) / args.calls
    per_sw = (sw - sw0) / (sw_permutations - 1)  # the empty run still does one permutation
    ratio = per_sw / per_pre
    print(f"precompile: {args.calls} calls, {pre:.4f} s CPU (empty run {pre0:.4f} s): "
          f"{per_pre * 1e9:.0f} ns per keccak-f")
    print(f"software:   {sw_permutations} permutations over {msg_len} bytes, {sw:.4f} s CPU "
          f"(empty run {sw0:.4f} s): {per_sw * 1e9:.0f} ns per permutation")
    print(f"speedup per permutation: {ratio:.1f}x (required >= {args.min_ratio:g}x)")
    return 0 if ratio >= args.min_ratio else 1


if __name__ == "__main__":
    sys.exit(main())
