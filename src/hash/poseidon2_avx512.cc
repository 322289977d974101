// AVX-512 Poseidon2 kernel: eight independent permutations, one per 64-bit lane of a
// __m512i (same lane-wise structure as poseidon2_avx2.cc). Unsigned compares into mask
// registers and masked adds make each modular add/reduction about half the instructions of
// the AVX2 version. Compiled with target attributes and only called after a CPUID check.
//
// Arithmetic invariant: every vector value holds canonical field elements in [0, p).
// GCC 12's AVX-512 shift/mask intrinsics start from _mm512_undefined_*() and trip a false
// -Wuninitialized once inlined; the undefined inputs are fully overwritten by the operation.
#pragma GCC diagnostic ignored "-Wuninitialized"
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#include <immintrin.h>

#include "hash/poseidon2_internal.h"

#define ZISKC_AVX512 __attribute__((target("avx512f,avx512dq,avx512vl,avx512bw")))
#define ZISKC_AVX512_INLINE \
  __attribute__((target("avx512f,avx512dq,avx512vl,avx512bw"), always_inline)) inline

namespace ziskc::hash::detail {
namespace {

using Z = __m512i;

ZISKC_AVX512_INLINE Z epsilon() { return _mm512_set1_epi64(0xFFFFFFFFll); }
ZISKC_AVX512_INLINE Z modulus() { return _mm512_set1_epi64(static_cast<long long>(field::Fe::kP)); }

// a + b for canonical a, b, written as a - (p - b) with p added back on borrow.
ZISKC_AVX512_INLINE Z add(Z a, Z b) {
  const Z nb = _mm512_sub_epi64(modulus(), b);  // in (0, p]
  const Z d = _mm512_sub_epi64(a, nb);
  const __mmask8 borrow = _mm512_cmplt_epu64_mask(a, nb);
  return _mm512_mask_add_epi64(d, borrow, d, modulus());
}

// Same with the negated constant precomputed: a + c where nc = p - c.
ZISKC_AVX512_INLINE Z add_neg(Z a, Z nc) {
  const Z d = _mm512_sub_epi64(a, nc);
  const __mmask8 borrow = _mm512_cmplt_epu64_mask(a, nc);
  return _mm512_mask_add_epi64(d, borrow, d, modulus());
}

// Reduction of hi:lo to [0, 2^64) (kCanonical = false; only multiplications may consume such
// a value) or to [0, p).
template <bool kCanonical = true>
ZISKC_AVX512_INLINE Z reduce128(Z lo, Z hi) {
  const Z hi_hi = _mm512_srli_epi64(hi, 32);
  Z t0 = _mm512_sub_epi64(lo, hi_hi);
  t0 = _mm512_mask_sub_epi64(t0, _mm512_cmplt_epu64_mask(lo, hi_hi), t0, epsilon());
  const Z t1 = _mm512_mul_epu32(hi, epsilon());
  Z r = _mm512_add_epi64(t0, t1);
  r = _mm512_mask_add_epi64(r, _mm512_cmplt_epu64_mask(r, t1), r, epsilon());
  if constexpr (!kCanonical) return r;
  return _mm512_mask_sub_epi64(r, _mm512_cmpge_epu64_mask(r, modulus()), r, modulus());
}

// Full 64x64 -> 128-bit product of any u64 inputs; b_hi = b >> 32 (precomputed for constants).
ZISKC_AVX512_INLINE void mul_wide(Z a, Z b, Z b_hi, Z& lo, Z& hi) {
  const Z a_hi = _mm512_srli_epi64(a, 32);
  const Z ll = _mm512_mul_epu32(a, b);
  const Z lh = _mm512_mul_epu32(a, b_hi);
  const Z hl = _mm512_mul_epu32(a_hi, b);
  const Z hh = _mm512_mul_epu32(a_hi, b_hi);
  const Z t0 = _mm512_add_epi64(hl, _mm512_srli_epi64(ll, 32));
  const Z t1 = _mm512_add_epi64(lh, _mm512_and_si512(t0, epsilon()));
  hi = _mm512_add_epi64(hh, _mm512_add_epi64(_mm512_srli_epi64(t0, 32), _mm512_srli_epi64(t1, 32)));
  lo = _mm512_mask_blend_epi32(0xAAAA, ll, _mm512_slli_epi64(t1, 32));
}

ZISKC_AVX512_INLINE void square_wide(Z a, Z& lo, Z& hi) {
  const Z a_hi = _mm512_srli_epi64(a, 32);
  const Z ll = _mm512_mul_epu32(a, a);
  const Z lh = _mm512_mul_epu32(a, a_hi);
  const Z hh = _mm512_mul_epu32(a_hi, a_hi);
  const Z t0 = _mm512_add_epi64(lh, _mm512_srli_epi64(ll, 32));
  const Z t1 = _mm512_add_epi64(lh, _mm512_and_si512(t0, epsilon()));
  hi = _mm512_add_epi64(hh, _mm512_add_epi64(_mm512_srli_epi64(t0, 32), _mm512_srli_epi64(t1, 32)));
  lo = _mm512_mask_blend_epi32(0xAAAA, ll, _mm512_slli_epi64(t1, 32));
}

template <bool kCanonical = true>
ZISKC_AVX512_INLINE Z mul(Z a, Z b) {
  Z lo, hi;
  mul_wide(a, b, _mm512_srli_epi64(b, 32), lo, hi);
  return reduce128<kCanonical>(lo, hi);
}

template <bool kCanonical = true>
ZISKC_AVX512_INLINE Z square(Z a) {
  Z lo, hi;
  square_wide(a, lo, hi);
  return reduce128<kCanonical>(lo, hi);
}

// a * b + c (c canonical), c folded into the 128-bit product; b_hi = b >> 32.
ZISKC_AVX512_INLINE Z mul_add(Z a, Z b, Z b_hi, Z c) {
  Z lo, hi;
  mul_wide(a, b, b_hi, lo, hi);
  const Z lo2 = _mm512_add_epi64(lo, c);
  hi = _mm512_mask_add_epi64(hi, _mm512_cmplt_epu64_mask(lo2, c), hi, _mm512_set1_epi64(1));
  return reduce128(lo2, hi);
}

// x^7; the intermediate powers only feed multiplications, so they skip canonicalization.
ZISKC_AVX512_INLINE Z pow7(Z x) {
  const Z x2 = square<false>(x);
  const Z x3 = mul<false>(x2, x);
  const Z x4 = square<false>(x2);
  return mul(x3, x4);
}

ZISKC_AVX512_INLINE void matmul_m4(Z* x) {
  const Z t0 = add(x[0], x[1]);
  const Z t1 = add(x[2], x[3]);
  const Z t2 = add(add(x[1], x[1]), t1);
  const Z t3 = add(add(x[3], x[3]), t0);
  const Z t1_2 = add(t1, t1);
  const Z t0_2 = add(t0, t0);
  const Z t4 = add(add(t1_2, t1_2), t3);
  const Z t5 = add(add(t0_2, t0_2), t2);
  x[0] = add(t3, t5);
  x[1] = t5;
  x[2] = add(t2, t4);
  x[3] = t4;
}

template <std::size_t W>
ZISKC_AVX512_INLINE void matmul_external(Z* s) {
  for (std::size_t i = 0; i < W; i += 4) matmul_m4(&s[i]);
  Z col[4];
  for (std::size_t c = 0; c < 4; ++c) {
    col[c] = s[c];
    for (std::size_t i = c + 4; i < W; i += 4) col[c] = add(col[c], s[i]);
  }
  for (std::size_t i = 0; i < W; ++i) s[i] = add(s[i], col[i % 4]);
}

template <std::size_t W>
ZISKC_AVX512_INLINE void full_round(Z* s, const std::uint64_t* rc) {
  for (std::size_t i = 0; i < W; ++i) {
    const Z nc = _mm512_set1_epi64(static_cast<long long>(field::Fe::kP - rc[i]));
    s[i] = pow7(add_neg(s[i], nc));
  }
  matmul_external<W>(s);
}

}  // namespace

template <std::size_t W>
ZISKC_AVX512 void permute_x8_avx512(std::array<field::Fe, W>* states) {
  using T = Poseidon2Tables<W>;
  constexpr std::size_t kHalfFull = 4;
  constexpr std::size_t kPartial = 22;
  // Transpose through a small buffer: lane k of s[i] is element i of state k.
  alignas(64) std::uint64_t buf[W][8];
  for (std::size_t k = 0; k < 8; ++k)
    for (std::size_t i = 0; i < W; ++i) buf[i][k] = states[k][i].value();
  Z s[W];
  for (std::size_t i = 0; i < W; ++i) s[i] = _mm512_load_si512(buf[i]);

  matmul_external<W>(s);
  for (std::size_t r = 0; r < kHalfFull; ++r) full_round<W>(s, T::kRc + r * W);
  const std::uint64_t* prc = T::kRc + kHalfFull * W;
  Z diag[W], diag_hi[W];
  for (std::size_t i = 0; i < W; ++i) {
    diag[i] = _mm512_set1_epi64(static_cast<long long>(T::kDiag[i]));
    diag_hi[i] = _mm512_srli_epi64(diag[i], 32);
  }
  for (std::size_t r = 0; r < kPartial; ++r) {
    s[0] = pow7(add_neg(s[0], _mm512_set1_epi64(static_cast<long long>(field::Fe::kP - prc[r]))));
    Z part[W / 2];
    for (std::size_t i = 0; i < W / 2; ++i) part[i] = add(s[2 * i], s[2 * i + 1]);
    std::size_t m = W / 2;
    while (m > 1) {
      const std::size_t half = m / 2;
      for (std::size_t i = 0; i < half; ++i) part[i] = add(part[2 * i], part[2 * i + 1]);
      if (m % 2) part[half] = part[m - 1];
      m = half + (m % 2);
    }
    const Z sum = part[0];
    for (std::size_t i = 0; i < W; ++i) s[i] = mul_add(s[i], diag[i], diag_hi[i], sum);
  }
  const std::uint64_t* rc2 = prc + kPartial;
  for (std::size_t r = 0; r < kHalfFull; ++r) full_round<W>(s, rc2 + r * W);

  for (std::size_t i = 0; i < W; ++i) _mm512_store_si512(buf[i], s[i]);
  for (std::size_t k = 0; k < 8; ++k)
    for (std::size_t i = 0; i < W; ++i) states[k][i] = field::Fe::from_canonical(buf[i][k]);
}

ZISKC_AVX512 void avx512_lane_ops_for_testing(const std::uint64_t* a, const std::uint64_t* b,
                                              const std::uint64_t* c, LaneOps* out) {
  const Z va = _mm512_loadu_si512(a);
  const Z vb = _mm512_loadu_si512(b);
  const Z vc = _mm512_loadu_si512(c);
  alignas(64) std::uint64_t r[4][8];
  _mm512_store_si512(r[0], mul(va, vb));
  _mm512_store_si512(r[1], add(va, vb));
  _mm512_store_si512(r[2], mul_add(va, vb, _mm512_srli_epi64(vb, 32), vc));
  _mm512_store_si512(r[3], pow7(va));
  for (int k = 0; k < 8; ++k) out[k] = LaneOps{r[0][k], r[1][k], r[2][k], r[3][k]};
}

bool cpu_has_avx512() {
  static const bool has = __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512dq") &&
                          __builtin_cpu_supports("avx512vl") && __builtin_cpu_supports("avx512bw");
  return has;
}

template void permute_x8_avx512<8>(std::array<field::Fe, 8>*);
template void permute_x8_avx512<12>(std::array<field::Fe, 12>*);
template void permute_x8_avx512<16>(std::array<field::Fe, 16>*);

}  // namespace ziskc::hash::detail
