// The big-integer precompiles: add256 (0x811), arith256 (0x801), arith256_mod (0x802) and
// arith384_mod (0x80B), on little-endian u64 limbs, with ZisK's semantics:
//  - add256: c = (a + b + cin) mod 2^256, returns the carry out. As ZisK's helper, only cin == 1
//    adds one; any other cin value adds nothing (ZisK's prover requires cin in {0, 1}).
//  - arith256: dh * 2^256 + dl = a * b + c (never overflows 512 bits).
//  - arith_mod: d = (a * b + c) mod m for any a, b, c (not required to be below m); m == 0 has no
//    result (ZisK divides by zero and aborts): returns false.
#pragma once

#include <cstdint>

namespace ziskc::precompile {

std::uint64_t add256(const std::uint64_t a[4], const std::uint64_t b[4], std::uint64_t cin,
                     std::uint64_t c[4]);
void arith256(const std::uint64_t a[4], const std::uint64_t b[4], const std::uint64_t c[4],
              std::uint64_t dl[4], std::uint64_t dh[4]);
bool arith256_mod(const std::uint64_t a[4], const std::uint64_t b[4], const std::uint64_t c[4],
                  const std::uint64_t m[4], std::uint64_t d[4]);
bool arith384_mod(const std::uint64_t a[6], const std::uint64_t b[6], const std::uint64_t c[6],
                  const std::uint64_t m[6], std::uint64_t d[6]);

}  // namespace ziskc::precompile
