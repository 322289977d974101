// AVX-512 Poseidon2 kernels: 8 or 16 independent permutations, one state per 64-bit lane of
// a __m512i, with one or two groups of 8 interleaved (round structure: poseidon2_kernel.inc).
// Unsigned compares into mask registers and masked adds make each modular add or reduction
// about half the instructions of the AVX2 version. Compiled for AVX-512 F+DQ+VL+BW in a target
// region and only called after a CPUID check.
//
// Arithmetic invariant: canonical values in and out; inside, the ranges documented in
// poseidon2_kernel.inc. GCC 12's AVX-512 shift/mask intrinsics start from _mm512_undefined_*()
// and trip a false -Wuninitialized once inlined; the undefined inputs are fully overwritten.
#pragma GCC diagnostic ignored "-Wuninitialized"
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#include <immintrin.h>

#include "field/packed_avx512.h"
#include "field/simd.h"
#include "hash/poseidon2_internal.h"

// Everything below is compiled for the kernel's ISA (a target region, field/simd.h), which
// also covers the explicit instantiations at the end: a target attribute on a template
// definition alone is not applied to instantiations of a template declared without it.
ZISKC_BEGIN_TARGET_AVX512
namespace ziskc::hash::detail {
namespace {

namespace fa = field::avx512;
using fa::Z;

// Lane arithmetic for poseidon2_kernel.inc (contract there), on the field layer's helpers.
// High 32-bit halves that only feed _mm512_mul_epu32 (which reads the low half of each lane)
// come from a shuffle (movehdup) instead of a shift, and the low word is assembled with
// moveldup: shuffles issue on other ports than the shifts and multiplies.
ZISKC_SIMD_INLINE Z hi32(Z a) { return _mm512_shuffle_epi32(a, _MM_PERM_DDBB); }
ZISKC_SIMD_INLINE Z lo32_up(Z a) { return _mm512_shuffle_epi32(a, _MM_PERM_CCAA); }

ZISKC_SIMD_INLINE void mul_wide(Z a, Z b, Z b_hi, Z& lo, Z& hi) {
  const Z a_hi = hi32(a);
  const Z ll = _mm512_mul_epu32(a, b);
  const Z lh = _mm512_mul_epu32(a, b_hi);
  const Z hl = _mm512_mul_epu32(a_hi, b);
  const Z hh = _mm512_mul_epu32(a_hi, b_hi);
  const Z t0 = _mm512_add_epi64(hl, _mm512_srli_epi64(ll, 32));
  const Z t1 = _mm512_add_epi64(lh, _mm512_and_si512(t0, fa::epsilon()));
  hi = _mm512_add_epi64(hh, _mm512_add_epi64(_mm512_srli_epi64(t0, 32), _mm512_srli_epi64(t1, 32)));
  lo = _mm512_mask_blend_epi32(0xAAAA, ll, lo32_up(t1));
}
ZISKC_SIMD_INLINE void square_wide(Z a, Z& lo, Z& hi) {
  const Z a_hi = hi32(a);
  const Z ll = _mm512_mul_epu32(a, a);
  const Z lh = _mm512_mul_epu32(a, a_hi);
  const Z hh = _mm512_mul_epu32(a_hi, a_hi);
  const Z t0 = _mm512_add_epi64(lh, _mm512_srli_epi64(ll, 32));
  const Z t1 = _mm512_add_epi64(lh, _mm512_and_si512(t0, fa::epsilon()));
  hi = _mm512_add_epi64(hh, _mm512_add_epi64(_mm512_srli_epi64(t0, 32), _mm512_srli_epi64(t1, 32)));
  lo = _mm512_mask_blend_epi32(0xAAAA, ll, lo32_up(t1));
}
template <bool kCanonical>
ZISKC_SIMD_INLINE Z mul(Z a, Z b) {
  Z lo, hi;
  mul_wide(a, b, hi32(b), lo, hi);
  return fa::reduce128<kCanonical>(lo, hi);
}
template <bool kCanonical>
ZISKC_SIMD_INLINE Z square(Z a) {
  Z lo, hi;
  square_wide(a, lo, hi);
  return fa::reduce128<kCanonical>(lo, hi);
}

struct Avx512Ops {
  using V = Z;
  static constexpr std::size_t kLanes = 8;
  struct Wide {
    Z lo, hi;
  };
  static ZISKC_SIMD_INLINE Z bcast(std::uint64_t x) {
    return _mm512_set1_epi64(static_cast<long long>(x));
  }
  static ZISKC_SIMD_INLINE Z one() { return _mm512_set1_epi64(1); }
  static ZISKC_SIMD_INLINE Z add64(Z a, Z b) { return _mm512_add_epi64(a, b); }
  static ZISKC_SIMD_INLINE Z high_half(Z a) { return _mm512_srli_epi64(a, 32); }
  static ZISKC_SIMD_INLINE Z low_half(Z a) { return _mm512_and_si512(a, fa::epsilon()); }
  // H 2^32 + L for H, L < 2^39: (H mod 2^32) 2^32 + L + (H >> 32)(2^32 - 1), one carry
  // (worth 2^64 = eps mod p) corrected; the small second term cannot overflow again.
  static ZISKC_SIMD_INLINE Z fold(Z h, Z l) {
    const Z a = _mm512_slli_epi64(h, 32);
    const Z b = _mm512_add_epi64(l, _mm512_mul_epu32(_mm512_srli_epi64(h, 32), fa::epsilon()));
    const Z r = _mm512_add_epi64(a, b);
    return _mm512_mask_add_epi64(r, _mm512_cmplt_epu64_mask(r, b), r, fa::epsilon());
  }
  static ZISKC_SIMD_INLINE Z canonical(Z r) {
    return _mm512_mask_sub_epi64(r, _mm512_cmpge_epu64_mask(r, fa::modulus()), r, fa::modulus());
  }
  // a + c as a - (p - c), plus p on borrow: any u64 a, result in [0, 2^64).
  static ZISKC_SIMD_INLINE Z add_const(Z a, std::uint64_t c) {
    return fa::add_neg(a, bcast(field::Fe::kP - c));
  }
  // x^7; the intermediate powers only feed multiplications, so they skip canonicalization.
  template <bool kCanonical>
  static ZISKC_SIMD_INLINE Z pow7(Z x) {
    const Z x2 = square<false>(x);
    const Z x3 = mul<false>(x2, x);
    const Z x4 = square<false>(x2);
    return mul<kCanonical>(x3, x4);
  }
  static ZISKC_SIMD_INLINE Wide widen_sum(Z a, Z b) {
    const Z lo = _mm512_add_epi64(a, b);
    return {lo, _mm512_maskz_mov_epi64(_mm512_cmplt_epu64_mask(lo, a), one())};
  }
  static ZISKC_SIMD_INLINE Wide add(Wide a, Z b) {
    const Z lo = _mm512_add_epi64(a.lo, b);
    return {lo, _mm512_mask_add_epi64(a.hi, _mm512_cmplt_epu64_mask(lo, b), a.hi, one())};
  }
  static ZISKC_SIMD_INLINE Wide add(Wide a, Wide b) {
    const Z lo = _mm512_add_epi64(a.lo, b.lo);
    const Z hi = _mm512_add_epi64(a.hi, b.hi);
    return {lo, _mm512_mask_add_epi64(hi, _mm512_cmplt_epu64_mask(lo, b.lo), hi, one())};
  }
  // Lane k = address of rows[k]; gather(addr, j) = lane k holds rows[k][j].
  static ZISKC_SIMD_INLINE Z addresses(const field::Fe* const* rows) {
    return _mm512_loadu_si512(rows);
  }
  static ZISKC_SIMD_INLINE Z gather(Z addr, std::size_t j) {
    return _mm512_i64gather_epi64(_mm512_add_epi64(addr, bcast(8 * j)), nullptr, 1);
  }
  // Digest k = lanes k of s[0..4) (canonical).
  static ZISKC_SIMD_INLINE void store_digests(const Z* s, Digest* out) {
    alignas(64) std::uint64_t buf[4][8];
    for (std::size_t c = 0; c < 4; ++c) _mm512_store_si512(buf[c], s[c]);
    for (std::size_t k = 0; k < 8; ++k)
      for (std::size_t c = 0; c < 4; ++c) out[k].v[c] = field::Fe::from_canonical(buf[c][k]);
  }
  static ZISKC_SIMD_INLINE Z mul_add_reduce(Z a, Z d, Z d_hi, Wide c) {
    Z lo, hi;
    mul_wide(a, d, d_hi, lo, hi);
    const Wide r = add(Wide{c.lo, _mm512_add_epi64(hi, c.hi)}, lo);
    return fa::reduce128<false>(r.lo, r.hi);
  }
};

#include "hash/poseidon2_kernel.inc"

// 8 * N states: transposed through a small buffer so that lane k of s[n][i] is element i of
// state 8n + k.
template <std::size_t W, std::size_t N>
void permute_lanes(std::array<field::Fe, W>* states) {
  alignas(64) std::uint64_t buf[N][W][8];
  for (std::size_t n = 0; n < N; ++n)
    for (std::size_t k = 0; k < 8; ++k)
      for (std::size_t i = 0; i < W; ++i) buf[n][i][k] = states[8 * n + k][i].value();
  Z s[N][W];
  for (std::size_t n = 0; n < N; ++n)
    for (std::size_t i = 0; i < W; ++i) s[n][i] = _mm512_load_si512(buf[n][i]);
  Poseidon2Kernel<Avx512Ops>::permute<W, N>(s);
  for (std::size_t n = 0; n < N; ++n)
    for (std::size_t i = 0; i < W; ++i) _mm512_store_si512(buf[n][i], s[n][i]);
  for (std::size_t n = 0; n < N; ++n)
    for (std::size_t k = 0; k < 8; ++k)
      for (std::size_t i = 0; i < W; ++i)
        states[8 * n + k][i] = field::Fe::from_canonical(buf[n][i][k]);
}

}  // namespace

template <std::size_t W>
void permute_x8_avx512(std::array<field::Fe, W>* states) {
  permute_lanes<W, 1>(states);
}

template <std::size_t W>
void permute_x16_avx512(std::array<field::Fe, W>* states) {
  permute_lanes<W, 2>(states);
}

template <std::size_t W, std::size_t K>
void hash_rows_avx512(const field::Fe* const* rows, std::size_t len, Digest* out) {
  static_assert(sizeof(const field::Fe*) == 8 && K % 8 == 0);
  Poseidon2Kernel<Avx512Ops>::hash_rows<W, K / 8>(rows, len, out);
}

void avx512_lane_ops_for_testing(const std::uint64_t* a, const std::uint64_t* b,
                                 const std::uint64_t* c, LaneOps* out) {
  const Z va = _mm512_loadu_si512(a);
  const Z vb = _mm512_loadu_si512(b);
  const Z vc = _mm512_loadu_si512(c);
  alignas(64) std::uint64_t r[4][8];
  _mm512_store_si512(r[0], fa::mul(va, vb));
  _mm512_store_si512(r[1], fa::add(va, vb));
  _mm512_store_si512(r[2], fa::mul_add(va, vb, _mm512_srli_epi64(vb, 32), vc));
  _mm512_store_si512(r[3], Avx512Ops::pow7<true>(va));
  for (int k = 0; k < 8; ++k) out[k] = LaneOps{r[0][k], r[1][k], r[2][k], r[3][k]};
}

void avx512_lazy_ops_for_testing(const std::uint64_t* a, const std::uint64_t* b,
                                 const std::uint64_t* c, LazyLaneOps* out) {
  using O = Avx512Ops;
  const Z va = _mm512_loadu_si512(a);
  const Z vb = _mm512_loadu_si512(b);
  const Z vc = _mm512_loadu_si512(c);
  const O::Wide w = O::add(O::add(O::widen_sum(va, vc), vc), vb);
  alignas(64) std::uint64_t r[5][8];
  _mm512_store_si512(r[0], O::mul_add_reduce(va, vb, _mm512_srli_epi64(vb, 32), w));
  _mm512_store_si512(r[1], O::pow7<false>(va));
  _mm512_store_si512(r[2], O::add_const(va, b[0]));
  _mm512_store_si512(r[3], O::fold(_mm512_srli_epi64(va, 25), _mm512_srli_epi64(vc, 25)));
  _mm512_store_si512(r[4], O::canonical(va));
  for (int k = 0; k < 8; ++k) out[k] = LazyLaneOps{r[0][k], r[1][k], r[2][k], r[3][k], r[4][k]};
}

template void permute_x8_avx512<8>(std::array<field::Fe, 8>*);
template void permute_x8_avx512<12>(std::array<field::Fe, 12>*);
template void permute_x8_avx512<16>(std::array<field::Fe, 16>*);
template void permute_x16_avx512<8>(std::array<field::Fe, 8>*);
template void permute_x16_avx512<12>(std::array<field::Fe, 12>*);
template void permute_x16_avx512<16>(std::array<field::Fe, 16>*);
template void hash_rows_avx512<8, 8>(const field::Fe* const*, std::size_t, Digest*);
template void hash_rows_avx512<12, 8>(const field::Fe* const*, std::size_t, Digest*);
template void hash_rows_avx512<16, 8>(const field::Fe* const*, std::size_t, Digest*);
template void hash_rows_avx512<8, 16>(const field::Fe* const*, std::size_t, Digest*);
template void hash_rows_avx512<12, 16>(const field::Fe* const*, std::size_t, Digest*);
template void hash_rows_avx512<16, 16>(const field::Fe* const*, std::size_t, Digest*);

}  // namespace ziskc::hash::detail
ZISKC_END_TARGET

namespace ziskc::hash::detail {
// Outside the target region: it must run on every CPU.
bool cpu_has_avx512() { return field::cpu_has_avx512(); }
}  // namespace ziskc::hash::detail
