// Keccak-f[1600], the permutation behind precompile 0x800 (ZisK `keccak`, opcode 0xf1).
// The state is 25 lanes, lane i = A[x][y] with i = x + 5y, each lane a little-endian u64 as
// it lies in guest memory (FIPS 202 / the Keccak reference's lane order).
#pragma once

#include <cstdint>

namespace ziskc::precompile {

// The 24-round permutation, in place: AVX-512 when field::simd_level() is kAvx512 (the CPU has
// it and neither limit_simd_level() nor ZISKC_SIMD caps it), the portable code otherwise.
void keccak_f1600(std::uint64_t state[25]);

// The portable implementation (tests compare both paths).
void keccak_f1600_portable(std::uint64_t state[25]);
// True if keccak_f1600() currently uses AVX-512.
bool keccak_uses_avx512();

}  // namespace ziskc::precompile
