// Keccak-f[1600]: the round written out over 25 lane variables (theta, rho and pi into b, chi,
// iota), so the compiler keeps the state in registers; rotation offsets and the pi placement are
// FIPS 202's r[x][y] and (x, y) -> (y, 2x + 3y).
#include "precompile/keccak.h"

#include <bit>

#include "field/simd.h"

#if defined(__x86_64__)
#include <immintrin.h>
#endif

namespace ziskc::precompile {
namespace {

constexpr std::uint64_t kRoundConstants[24] = {
    0x0000000000000001, 0x0000000000008082, 0x800000000000808a, 0x8000000080008000,
    0x000000000000808b, 0x0000000080000001, 0x8000000080008081, 0x8000000000008009,
    0x000000000000008a, 0x0000000000000088, 0x0000000080008009, 0x000000008000000a,
    0x000000008000808b, 0x800000000000008b, 0x8000000000008089, 0x8000000000008003,
    0x8000000000008002, 0x8000000000000080, 0x000000000000800a, 0x800000008000000a,
    0x8000000080008081, 0x8000000000008080, 0x0000000080000001, 0x8000000080008008,
};

#if defined(__x86_64__)
// AVX-512: plane y (lanes x = 0..4 of row y) in one zmm register (lanes 5..7 unused). theta and
// chi are three-input logic (vpternlogq), rho a per-lane rotate (vprolvq); pi gathers output
// plane Y' lane j from input plane j, lane (j + 3Y') mod 5, with two two-source permutes and a
// permute in parallel, then two blends.
// Full-mask forms of vpermq / vprolvq / vprolq: the unmasked intrinsics of GCC 12 start from
// _mm512_undefined_epi32(), which trips a false -Wuninitialized once inlined.
__attribute__((target("avx512f"))) inline __m512i perm(__m512i idx, __m512i a) {
  return _mm512_mask_permutexvar_epi64(a, 0xFF, idx, a);
}
__attribute__((target("avx512f"))) inline __m512i rolv(__m512i a, __m512i r) {
  return _mm512_mask_rolv_epi64(a, 0xFF, a, r);
}
__attribute__((target("avx512f"))) inline __m512i rol1(__m512i a) {
  return _mm512_mask_rol_epi64(a, 0xFF, a, 1);
}

__attribute__((target("avx512f"))) void keccak_f1600_avx512(std::uint64_t state[25]) {
  __m512i p[5];
  for (int y = 0; y < 5; ++y) p[y] = _mm512_maskz_loadu_epi64(0x1F, state + 5 * y);
  const __m512i minus1 = _mm512_setr_epi64(4, 0, 1, 2, 3, 5, 6, 7);
  const __m512i plus1 = _mm512_setr_epi64(1, 2, 3, 4, 0, 5, 6, 7);
  const __m512i plus2 = _mm512_setr_epi64(2, 3, 4, 0, 1, 5, 6, 7);
  const __m512i rho[5] = {
      _mm512_setr_epi64(0, 1, 62, 28, 27, 0, 0, 0), _mm512_setr_epi64(36, 44, 6, 55, 20, 0, 0, 0),
      _mm512_setr_epi64(3, 10, 43, 25, 39, 0, 0, 0), _mm512_setr_epi64(41, 45, 15, 21, 8, 0, 0, 0),
      _mm512_setr_epi64(18, 2, 61, 56, 14, 0, 0, 0)};
  // pi: for output plane Y', s_j = (j + 3Y') mod 5 is the lane taken from input plane j.
  constexpr int kS[5][5] = {
      {0, 1, 2, 3, 4}, {3, 4, 0, 1, 2}, {1, 2, 3, 4, 0}, {4, 0, 1, 2, 3}, {2, 3, 4, 0, 1}};
  __m512i pi01[5], pi23[5], pi4[5];
  for (int o = 0; o < 5; ++o) {
    pi01[o] = _mm512_setr_epi64(kS[o][0], 8 + kS[o][1], 0, 0, 0, 0, 0, 0);
    pi23[o] = _mm512_setr_epi64(0, 0, kS[o][2], 8 + kS[o][3], 0, 0, 0, 0);
    pi4[o] = _mm512_set1_epi64(kS[o][4]);
  }
  for (int round = 0; round < 24; ++round) {
    // theta
    const __m512i c = _mm512_ternarylogic_epi64(_mm512_ternarylogic_epi64(p[0], p[1], p[2], 0x96),
                                                p[3], p[4], 0x96);
    const __m512i cm1 = perm(minus1, c);
    const __m512i cp1 = rol1(perm(plus1, c));
    // theta then rho
    __m512i r[5];
    for (int y = 0; y < 5; ++y) {
      r[y] = rolv(_mm512_ternarylogic_epi64(p[y], cm1, cp1, 0x96), rho[y]);
    }
    // pi, then chi on each new plane
    for (int o = 0; o < 5; ++o) {
      const __m512i u = _mm512_permutex2var_epi64(r[0], pi01[o], r[1]);
      const __m512i w = _mm512_permutex2var_epi64(r[2], pi23[o], r[3]);
      const __m512i x = perm(pi4[o], r[4]);
      const __m512i b = _mm512_mask_blend_epi64(0x10, _mm512_mask_blend_epi64(0x0C, u, w), x);
      p[o] = _mm512_ternarylogic_epi64(b, perm(plus1, b), perm(plus2, b), 0xD2);
    }
    // iota
    p[0] = _mm512_mask_xor_epi64(p[0], 0x01, p[0],
                                 _mm512_set1_epi64(static_cast<long long>(kRoundConstants[round])));
  }
  for (int y = 0; y < 5; ++y) _mm512_mask_storeu_epi64(state + 5 * y, 0x1F, p[y]);
}
#endif
}  // namespace

void keccak_f1600_portable(std::uint64_t state[25]) {
  std::uint64_t a0 = state[0], a1 = state[1], a2 = state[2], a3 = state[3], a4 = state[4];
  std::uint64_t a5 = state[5], a6 = state[6], a7 = state[7], a8 = state[8], a9 = state[9];
  std::uint64_t a10 = state[10], a11 = state[11], a12 = state[12], a13 = state[13];
  std::uint64_t a14 = state[14], a15 = state[15], a16 = state[16], a17 = state[17];
  std::uint64_t a18 = state[18], a19 = state[19], a20 = state[20], a21 = state[21];
  std::uint64_t a22 = state[22], a23 = state[23], a24 = state[24];
  for (int round = 0; round < 24; ++round) {
    const std::uint64_t c0 = a0 ^ a5 ^ a10 ^ a15 ^ a20, c1 = a1 ^ a6 ^ a11 ^ a16 ^ a21;
    const std::uint64_t c2 = a2 ^ a7 ^ a12 ^ a17 ^ a22, c3 = a3 ^ a8 ^ a13 ^ a18 ^ a23;
    const std::uint64_t c4 = a4 ^ a9 ^ a14 ^ a19 ^ a24;
    const std::uint64_t d0 = c4 ^ std::rotl(c1, 1), d1 = c0 ^ std::rotl(c2, 1);
    const std::uint64_t d2 = c1 ^ std::rotl(c3, 1), d3 = c2 ^ std::rotl(c4, 1);
    const std::uint64_t d4 = c3 ^ std::rotl(c0, 1);
    // rho and pi: b[y + 5((2x + 3y) mod 5)] = rotl(a[x + 5y] ^ d[x], r[x][y])
    const std::uint64_t b0 = a0 ^ d0;
    const std::uint64_t b1 = std::rotl(a6 ^ d1, 44);
    const std::uint64_t b2 = std::rotl(a12 ^ d2, 43);
    const std::uint64_t b3 = std::rotl(a18 ^ d3, 21);
    const std::uint64_t b4 = std::rotl(a24 ^ d4, 14);
    const std::uint64_t b5 = std::rotl(a3 ^ d3, 28);
    const std::uint64_t b6 = std::rotl(a9 ^ d4, 20);
    const std::uint64_t b7 = std::rotl(a10 ^ d0, 3);
    const std::uint64_t b8 = std::rotl(a16 ^ d1, 45);
    const std::uint64_t b9 = std::rotl(a22 ^ d2, 61);
    const std::uint64_t b10 = std::rotl(a1 ^ d1, 1);
    const std::uint64_t b11 = std::rotl(a7 ^ d2, 6);
    const std::uint64_t b12 = std::rotl(a13 ^ d3, 25);
    const std::uint64_t b13 = std::rotl(a19 ^ d4, 8);
    const std::uint64_t b14 = std::rotl(a20 ^ d0, 18);
    const std::uint64_t b15 = std::rotl(a4 ^ d4, 27);
    const std::uint64_t b16 = std::rotl(a5 ^ d0, 36);
    const std::uint64_t b17 = std::rotl(a11 ^ d1, 10);
    const std::uint64_t b18 = std::rotl(a17 ^ d2, 15);
    const std::uint64_t b19 = std::rotl(a23 ^ d3, 56);
    const std::uint64_t b20 = std::rotl(a2 ^ d2, 62);
    const std::uint64_t b21 = std::rotl(a8 ^ d3, 55);
    const std::uint64_t b22 = std::rotl(a14 ^ d4, 39);
    const std::uint64_t b23 = std::rotl(a15 ^ d0, 41);
    const std::uint64_t b24 = std::rotl(a21 ^ d1, 2);
    // chi
    a0 = b0 ^ (~b1 & b2);
    a1 = b1 ^ (~b2 & b3);
    a2 = b2 ^ (~b3 & b4);
    a3 = b3 ^ (~b4 & b0);
    a4 = b4 ^ (~b0 & b1);
    a5 = b5 ^ (~b6 & b7);
    a6 = b6 ^ (~b7 & b8);
    a7 = b7 ^ (~b8 & b9);
    a8 = b8 ^ (~b9 & b5);
    a9 = b9 ^ (~b5 & b6);
    a10 = b10 ^ (~b11 & b12);
    a11 = b11 ^ (~b12 & b13);
    a12 = b12 ^ (~b13 & b14);
    a13 = b13 ^ (~b14 & b10);
    a14 = b14 ^ (~b10 & b11);
    a15 = b15 ^ (~b16 & b17);
    a16 = b16 ^ (~b17 & b18);
    a17 = b17 ^ (~b18 & b19);
    a18 = b18 ^ (~b19 & b15);
    a19 = b19 ^ (~b15 & b16);
    a20 = b20 ^ (~b21 & b22);
    a21 = b21 ^ (~b22 & b23);
    a22 = b22 ^ (~b23 & b24);
    a23 = b23 ^ (~b24 & b20);
    a24 = b24 ^ (~b20 & b21);
    // iota
    a0 ^= kRoundConstants[round];
  }
  state[0] = a0, state[1] = a1, state[2] = a2, state[3] = a3, state[4] = a4;
  state[5] = a5, state[6] = a6, state[7] = a7, state[8] = a8, state[9] = a9;
  state[10] = a10, state[11] = a11, state[12] = a12, state[13] = a13, state[14] = a14;
  state[15] = a15, state[16] = a16, state[17] = a17, state[18] = a18, state[19] = a19;
  state[20] = a20, state[21] = a21, state[22] = a22, state[23] = a23, state[24] = a24;
}

bool keccak_uses_avx512() {
#if defined(__x86_64__)
  return field::simd_level() == field::SimdLevel::kAvx512;
#else
  return false;
#endif
}

void keccak_f1600(std::uint64_t state[25]) {
#if defined(__x86_64__)
  if (keccak_uses_avx512()) {
    keccak_f1600_avx512(state);
    return;
  }
#endif
  keccak_f1600_portable(state);
}

}  // namespace ziskc::precompile
