// AVX2 Goldilocks arithmetic: lane helpers on __m256i (four u64 lanes) and the 4-lane packed
// field type field::avx2::PackedFe, plus its cubic extension PackedExt3 (packed_ext3.inc).
// Everything here is compiled for AVX2 (target region, see field/simd.h) and may only run
// after field::cpu_has_avx2() said yes.
//
// Invariant: every PackedFe holds canonical lanes in [0, p). The helpers that return
// non-canonical values say so (kCanonical = false: a value in [0, 2^64) that only a
// multiplication may consume). Unsigned comparisons use the sign-flip trick: x ^ 2^63
// compared as signed.
#pragma once

#include <immintrin.h>

#include <array>
#include <cstddef>
#include <cstdint>

#include "field/ext3.h"
#include "field/goldilocks.h"
#include "field/simd.h"

ZISKC_BEGIN_TARGET_AVX2
namespace ziskc::field::avx2 {

using V = __m256i;

ZISKC_SIMD_INLINE V sign_bit() { return _mm256_set1_epi64x(static_cast<long long>(1ull << 63)); }
ZISKC_SIMD_INLINE V epsilon() { return _mm256_set1_epi64x(0xFFFFFFFFll); }
ZISKC_SIMD_INLINE V modulus() { return _mm256_set1_epi64x(static_cast<long long>(Fe::kP)); }
// (p - 1) with its sign bit flipped, for "x >= p" as "x ^ 2^63 > (p - 1) ^ 2^63".
ZISKC_SIMD_INLINE V p_minus_1_flipped() {
  return _mm256_set1_epi64x(static_cast<long long>((Fe::kP - 1) ^ (1ull << 63)));
}

// a + c for canonical a, given nc = p - c and nc_s = nc ^ 2^63: a - nc, plus p on borrow.
ZISKC_SIMD_INLINE V add_neg(V a, V nc, V nc_s) {
  const V d = _mm256_sub_epi64(a, nc);
  const V borrow = _mm256_cmpgt_epi64(nc_s, _mm256_xor_si256(a, sign_bit()));  // a < nc
  return _mm256_add_epi64(d, _mm256_and_si256(borrow, modulus()));
}

// a + c for a constant c < p.
ZISKC_SIMD_INLINE V add_const(V a, std::uint64_t c) {
  const std::uint64_t nc = Fe::kP - c;
  return add_neg(a, _mm256_set1_epi64x(static_cast<long long>(nc)),
                 _mm256_set1_epi64x(static_cast<long long>(nc ^ (1ull << 63))));
}

// a + b mod p for canonical a, b.
ZISKC_SIMD_INLINE V add(V a, V b) {
  const V nb = _mm256_sub_epi64(modulus(), b);  // in (0, p]
  return add_neg(a, nb, _mm256_xor_si256(nb, sign_bit()));
}

// a - b mod p for canonical a, b: plus p on borrow.
ZISKC_SIMD_INLINE V sub(V a, V b) {
  const V d = _mm256_sub_epi64(a, b);
  const V borrow =
      _mm256_cmpgt_epi64(_mm256_xor_si256(b, sign_bit()), _mm256_xor_si256(a, sign_bit()));
  return _mm256_add_epi64(d, _mm256_and_si256(borrow, modulus()));
}

// Reduction of the 128-bit value hi:lo (same steps as Fe::reduce128) to [0, p), or to
// [0, 2^64) when kCanonical is false. Works on sign-flipped values so unsigned wrap-arounds
// show up as signed compares.
template <bool kCanonical = true>
ZISKC_SIMD_INLINE V reduce128(V lo, V hi) {
  const V hi_hi = _mm256_srli_epi64(hi, 32);
  const V lo_s = _mm256_xor_si256(lo, sign_bit());
  V t0_s = _mm256_sub_epi64(lo_s, hi_hi);
  const V borrow = _mm256_cmpgt_epi64(t0_s, lo_s);  // lo < hi_hi: add p = subtract epsilon
  t0_s = _mm256_sub_epi64(t0_s, _mm256_and_si256(borrow, epsilon()));
  const V t1 = _mm256_mul_epu32(hi, epsilon());  // (hi mod 2^32) * epsilon
  V r_s = _mm256_add_epi64(t0_s, t1);
  const V carry = _mm256_cmpgt_epi64(t0_s, r_s);  // wrapped past 2^64: subtract p = add eps
  r_s = _mm256_add_epi64(r_s, _mm256_and_si256(carry, epsilon()));
  if constexpr (kCanonical) {
    const V ge_p = _mm256_cmpgt_epi64(r_s, p_minus_1_flipped());
    r_s = _mm256_add_epi64(r_s, _mm256_and_si256(ge_p, epsilon()));
  }
  return _mm256_xor_si256(r_s, sign_bit());
}

// Full 64x64 -> 128-bit product of any u64 inputs from four 32x32 multiplies;
// b_hi = b >> 32 (precomputed for constants).
ZISKC_SIMD_INLINE void mul_wide(V a, V b, V b_hi, V& lo, V& hi) {
  const V a_hi = _mm256_srli_epi64(a, 32);
  const V ll = _mm256_mul_epu32(a, b);
  const V lh = _mm256_mul_epu32(a, b_hi);
  const V hl = _mm256_mul_epu32(a_hi, b);
  const V hh = _mm256_mul_epu32(a_hi, b_hi);
  const V t0 = _mm256_add_epi64(hl, _mm256_srli_epi64(ll, 32));
  const V t1 = _mm256_add_epi64(lh, _mm256_and_si256(t0, epsilon()));
  hi = _mm256_add_epi64(hh, _mm256_add_epi64(_mm256_srli_epi64(t0, 32), _mm256_srli_epi64(t1, 32)));
  lo = _mm256_blend_epi32(ll, _mm256_slli_epi64(t1, 32), 0b10101010);
}

template <bool kCanonical = true>
ZISKC_SIMD_INLINE V mul(V a, V b) {
  V lo, hi;
  mul_wide(a, b, _mm256_srli_epi64(b, 32), lo, hi);
  return reduce128<kCanonical>(lo, hi);
}

// a * b for a b whose high halves b_hi = b >> 32 are precomputed (constants, twiddles).
ZISKC_SIMD_INLINE V mul_hi(V a, V b, V b_hi) {
  V lo, hi;
  mul_wide(a, b, b_hi, lo, hi);
  return reduce128(lo, hi);
}

// a * b + c mod p with c canonical: c is folded into the 128-bit product before reducing.
ZISKC_SIMD_INLINE V mul_add(V a, V b, V b_hi, V c) {
  V lo, hi;
  mul_wide(a, b, b_hi, lo, hi);
  const V lo2 = _mm256_add_epi64(lo, c);
  const V carry =
      _mm256_cmpgt_epi64(_mm256_xor_si256(lo, sign_bit()), _mm256_xor_si256(lo2, sign_bit()));
  hi = _mm256_sub_epi64(hi, carry);  // carry mask is -1: hi + 1 (hi <= 2^64 - 2^33 + 1)
  return reduce128(lo2, hi);
}

// 4-lane packed Goldilocks element: the Fe interface lane-wise, plus loads, stores and the
// shuffles the NTT needs.
struct PackedFe {
  static constexpr std::size_t kWidth = 4;
  V v;

  static ZISKC_SIMD_INLINE PackedFe zero() { return {_mm256_setzero_si256()}; }
  static ZISKC_SIMD_INLINE PackedFe one() { return {_mm256_set1_epi64x(1)}; }
  static ZISKC_SIMD_INLINE PackedFe broadcast(Fe x) {
    return {_mm256_set1_epi64x(static_cast<long long>(x.value()))};
  }
  static ZISKC_SIMD_INLINE PackedFe load(const Fe* p) {
    return {_mm256_loadu_si256(reinterpret_cast<const V*>(p))};
  }
  ZISKC_SIMD_INLINE void store(Fe* p) const { _mm256_storeu_si256(reinterpret_cast<V*>(p), v); }
  // The first n < kWidth lanes from memory, the others zero; and the matching store.
  static ZISKC_SIMD_INLINE V lane_mask(std::size_t n) {
    return _mm256_cmpgt_epi64(_mm256_set1_epi64x(static_cast<long long>(n)),
                              _mm256_setr_epi64x(0, 1, 2, 3));
  }
  static ZISKC_SIMD_INLINE PackedFe load_partial(const Fe* p, std::size_t n) {
    return {_mm256_maskload_epi64(reinterpret_cast<const long long*>(p), lane_mask(n))};
  }
  ZISKC_SIMD_INLINE void store_partial(Fe* p, std::size_t n) const {
    _mm256_maskstore_epi64(reinterpret_cast<long long*>(p), lane_mask(n), v);
  }
  ZISKC_SIMD_INLINE std::array<Fe, kWidth> to_array() const {
    std::array<Fe, kWidth> a;
    store(a.data());
    return a;
  }
  ZISKC_SIMD_INLINE Fe lane(std::size_t i) const { return to_array()[i]; }

  friend ZISKC_SIMD_INLINE PackedFe operator+(PackedFe a, PackedFe b) { return {add(a.v, b.v)}; }
  friend ZISKC_SIMD_INLINE PackedFe operator-(PackedFe a, PackedFe b) { return {sub(a.v, b.v)}; }
  friend ZISKC_SIMD_INLINE PackedFe operator-(PackedFe a) {
    return {sub(_mm256_setzero_si256(), a.v)};
  }
  friend ZISKC_SIMD_INLINE PackedFe operator*(PackedFe a, PackedFe b) { return {mul(a.v, b.v)}; }
  // a * b where b_hi holds the high halves b >> 32 (precomputed for constant factors).
  static ZISKC_SIMD_INLINE PackedFe mul_with_hi(PackedFe a, PackedFe b, PackedFe b_hi) {
    return {mul_hi(a.v, b.v, b_hi.v)};
  }
  ZISKC_SIMD_INLINE PackedFe& operator+=(PackedFe b) { return *this = *this + b; }
  ZISKC_SIMD_INLINE PackedFe& operator-=(PackedFe b) { return *this = *this - b; }
  ZISKC_SIMD_INLINE PackedFe& operator*=(PackedFe b) { return *this = *this * b; }
  friend ZISKC_SIMD_INLINE bool operator==(PackedFe a, PackedFe b) {
    return _mm256_movemask_epi8(_mm256_cmpeq_epi64(a.v, b.v)) == -1;
  }
  ZISKC_SIMD_INLINE PackedFe square() const { return {mul(v, v)}; }
  PackedFe pow(std::uint64_t e) const;
  PackedFe inverse() const;  // lane-wise; zero lanes stay zero

  // NTT shuffles. x, y hold 2 * kWidth consecutive elements e[0..8); deinterleave<H> splits
  // them into a = the e[i] with (i & H) == 0 and b = those with (i & H) != 0, both in
  // increasing i, so a[j] and b[j] are the two inputs of one butterfly of half-size H.
  // interleave<H> is its inverse. H in {1, 2}.
  template <std::size_t H>
  static ZISKC_SIMD_INLINE void deinterleave(PackedFe x, PackedFe y, PackedFe& a, PackedFe& b) {
    static_assert(H == 1 || H == 2);
    if constexpr (H == 2) {
      a.v = _mm256_permute2x128_si256(x.v, y.v, 0x20);
      b.v = _mm256_permute2x128_si256(x.v, y.v, 0x31);
    } else {
      // unpack gives x0 y0 x2 y2 / x1 y1 x3 y3; swap the middle lanes.
      a.v = _mm256_permute4x64_epi64(_mm256_unpacklo_epi64(x.v, y.v), 0b11011000);
      b.v = _mm256_permute4x64_epi64(_mm256_unpackhi_epi64(x.v, y.v), 0b11011000);
    }
  }
  template <std::size_t H>
  static ZISKC_SIMD_INLINE void interleave(PackedFe a, PackedFe b, PackedFe& x, PackedFe& y) {
    static_assert(H == 1 || H == 2);
    if constexpr (H == 2) {
      x.v = _mm256_permute2x128_si256(a.v, b.v, 0x20);
      y.v = _mm256_permute2x128_si256(a.v, b.v, 0x31);
    } else {
      const V ap = _mm256_permute4x64_epi64(a.v, 0b11011000);  // a0 a2 a1 a3
      const V bp = _mm256_permute4x64_epi64(b.v, 0b11011000);
      x.v = _mm256_unpacklo_epi64(ap, bp);  // a0 b0 a1 b1
      y.v = _mm256_unpackhi_epi64(ap, bp);  // a2 b2 a3 b3
    }
  }
  // Lane j = t[j / H] (the twiddle of lane j after deinterleave<H>).
  template <std::size_t H>
  static ZISKC_SIMD_INLINE PackedFe load_repeated(const Fe* t) {
    static_assert(H == 1 || H == 2);
    if constexpr (H == 1) {
      return load(t);
    } else {
      const V two = _mm256_castsi128_si256(_mm_loadu_si128(reinterpret_cast<const __m128i*>(t)));
      return {_mm256_permute4x64_epi64(two, 0b01010000)};
    }
  }
};

// Sum of products with the interface of avx512::PackedDotAccumulator (reduced per term here:
// AVX2 has no unsigned compares into masks, so the carry counts would cost what they save).
struct PackedDotAccumulator {
  PackedFe sum = PackedFe::zero();
  ZISKC_SIMD_INLINE void add_product(PackedFe a, PackedFe b, PackedFe b_hi) {
    sum += PackedFe::mul_with_hi(a, b, b_hi);
  }
  ZISKC_SIMD_INLINE PackedFe reduce() const { return sum; }
};

using Packed = PackedFe;
#include "field/packed_common.inc"

}  // namespace ziskc::field::avx2
ZISKC_END_TARGET
