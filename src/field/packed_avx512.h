// AVX-512 Goldilocks arithmetic: lane helpers on __m512i (eight u64 lanes) and the 8-lane
// packed field type field::avx512::PackedFe, plus PackedExt3 (packed_common.inc). Compiled for
// AVX-512 F+DQ+VL+BW (target region, see field/simd.h); may only run after
// field::cpu_has_avx512() said yes. Unsigned compares into mask registers and masked adds make
// each modular add or reduction about half the instructions of the AVX2 version.
//
// Invariant: every PackedFe holds canonical lanes in [0, p); helpers with kCanonical = false
// return values in [0, 2^64) that only a multiplication may consume.
//
// GCC 12's AVX-512 shift/mask intrinsics start from _mm512_undefined_*() and trip a false
// -Wuninitialized once inlined; the undefined inputs are fully overwritten by the operation.
#pragma once

#include <immintrin.h>

#include <array>
#include <cstddef>
#include <cstdint>

#include "field/ext3.h"
#include "field/goldilocks.h"
#include "field/simd.h"

ZISKC_BEGIN_TARGET_AVX512
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wuninitialized"
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
namespace ziskc::field::avx512 {

using Z = __m512i;

ZISKC_SIMD_INLINE Z epsilon() { return _mm512_set1_epi64(0xFFFFFFFFll); }
ZISKC_SIMD_INLINE Z modulus() { return _mm512_set1_epi64(static_cast<long long>(Fe::kP)); }

// a + b for canonical a, b, written as a - (p - b) with p added back on borrow.
ZISKC_SIMD_INLINE Z add(Z a, Z b) {
  const Z nb = _mm512_sub_epi64(modulus(), b);  // in (0, p]
  const Z d = _mm512_sub_epi64(a, nb);
  const __mmask8 borrow = _mm512_cmplt_epu64_mask(a, nb);
  return _mm512_mask_add_epi64(d, borrow, d, modulus());
}

// Same with the negated constant precomputed: a + c where nc = p - c.
ZISKC_SIMD_INLINE Z add_neg(Z a, Z nc) {
  const Z d = _mm512_sub_epi64(a, nc);
  const __mmask8 borrow = _mm512_cmplt_epu64_mask(a, nc);
  return _mm512_mask_add_epi64(d, borrow, d, modulus());
}

// a - b for canonical a, b: plus p on borrow.
ZISKC_SIMD_INLINE Z sub(Z a, Z b) {
  const Z d = _mm512_sub_epi64(a, b);
  return _mm512_mask_add_epi64(d, _mm512_cmplt_epu64_mask(a, b), d, modulus());
}

// Reduction of hi:lo to [0, 2^64) (kCanonical = false) or to [0, p).
template <bool kCanonical = true>
ZISKC_SIMD_INLINE Z reduce128(Z lo, Z hi) {
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
ZISKC_SIMD_INLINE void mul_wide(Z a, Z b, Z b_hi, Z& lo, Z& hi) {
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

ZISKC_SIMD_INLINE void square_wide(Z a, Z& lo, Z& hi) {
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
ZISKC_SIMD_INLINE Z mul(Z a, Z b) {
  Z lo, hi;
  mul_wide(a, b, _mm512_srli_epi64(b, 32), lo, hi);
  return reduce128<kCanonical>(lo, hi);
}

// a * b for a b whose high halves b_hi = b >> 32 are precomputed (constants, twiddles).
ZISKC_SIMD_INLINE Z mul_hi(Z a, Z b, Z b_hi) {
  Z lo, hi;
  mul_wide(a, b, b_hi, lo, hi);
  return reduce128(lo, hi);
}

template <bool kCanonical = true>
ZISKC_SIMD_INLINE Z square(Z a) {
  Z lo, hi;
  square_wide(a, lo, hi);
  return reduce128<kCanonical>(lo, hi);
}

// a * b + c (c canonical), c folded into the 128-bit product; b_hi = b >> 32.
ZISKC_SIMD_INLINE Z mul_add(Z a, Z b, Z b_hi, Z c) {
  Z lo, hi;
  mul_wide(a, b, b_hi, lo, hi);
  const Z lo2 = _mm512_add_epi64(lo, c);
  hi = _mm512_mask_add_epi64(hi, _mm512_cmplt_epu64_mask(lo2, c), hi, _mm512_set1_epi64(1));
  return reduce128(lo2, hi);
}

// 8-lane packed Goldilocks element: the Fe interface lane-wise, plus loads, stores and the
// shuffles the NTT needs.
struct PackedFe {
  static constexpr std::size_t kWidth = 8;
  Z v;

  static ZISKC_SIMD_INLINE PackedFe zero() { return {_mm512_setzero_si512()}; }
  static ZISKC_SIMD_INLINE PackedFe one() { return {_mm512_set1_epi64(1)}; }
  static ZISKC_SIMD_INLINE PackedFe broadcast(Fe x) {
    return {_mm512_set1_epi64(static_cast<long long>(x.value()))};
  }
  static ZISKC_SIMD_INLINE PackedFe load(const Fe* p) { return {_mm512_loadu_si512(p)}; }
  ZISKC_SIMD_INLINE void store(Fe* p) const { _mm512_storeu_si512(p, v); }
  // The first n < kWidth lanes from memory, the others zero; and the matching store.
  static ZISKC_SIMD_INLINE PackedFe load_partial(const Fe* p, std::size_t n) {
    return {_mm512_maskz_loadu_epi64(static_cast<__mmask8>((1u << n) - 1), p)};
  }
  ZISKC_SIMD_INLINE void store_partial(Fe* p, std::size_t n) const {
    _mm512_mask_storeu_epi64(p, static_cast<__mmask8>((1u << n) - 1), v);
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
    return {sub(_mm512_setzero_si512(), a.v)};
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
    return _mm512_cmpeq_epu64_mask(a.v, b.v) == 0xFF;
  }
  ZISKC_SIMD_INLINE PackedFe square() const { return {avx512::square(v)}; }
  PackedFe pow(std::uint64_t e) const;
  PackedFe inverse() const;  // lane-wise; zero lanes stay zero

  // NTT shuffles (see avx2::PackedFe): x, y hold e[0..16); a = the e[i] with (i & H) == 0,
  // b = those with (i & H) != 0, in increasing i. H in {1, 2, 4}.
  template <std::size_t H>
  static ZISKC_SIMD_INLINE void deinterleave(PackedFe x, PackedFe y, PackedFe& a, PackedFe& b) {
    static_assert(H == 1 || H == 2 || H == 4);
    if constexpr (H == 4) {
      a.v = _mm512_shuffle_i64x2(x.v, y.v, 0x44);
      b.v = _mm512_shuffle_i64x2(x.v, y.v, 0xEE);
    } else if constexpr (H == 2) {
      a.v = _mm512_permutex2var_epi64(x.v, _mm512_setr_epi64(0, 1, 4, 5, 8, 9, 12, 13), y.v);
      b.v = _mm512_permutex2var_epi64(x.v, _mm512_setr_epi64(2, 3, 6, 7, 10, 11, 14, 15), y.v);
    } else {
      a.v = _mm512_permutex2var_epi64(x.v, _mm512_setr_epi64(0, 2, 4, 6, 8, 10, 12, 14), y.v);
      b.v = _mm512_permutex2var_epi64(x.v, _mm512_setr_epi64(1, 3, 5, 7, 9, 11, 13, 15), y.v);
    }
  }
  template <std::size_t H>
  static ZISKC_SIMD_INLINE void interleave(PackedFe a, PackedFe b, PackedFe& x, PackedFe& y) {
    static_assert(H == 1 || H == 2 || H == 4);
    if constexpr (H == 4) {
      x.v = _mm512_shuffle_i64x2(a.v, b.v, 0x44);
      y.v = _mm512_shuffle_i64x2(a.v, b.v, 0xEE);
    } else if constexpr (H == 2) {
      x.v = _mm512_permutex2var_epi64(a.v, _mm512_setr_epi64(0, 1, 8, 9, 2, 3, 10, 11), b.v);
      y.v = _mm512_permutex2var_epi64(a.v, _mm512_setr_epi64(4, 5, 12, 13, 6, 7, 14, 15), b.v);
    } else {
      x.v = _mm512_permutex2var_epi64(a.v, _mm512_setr_epi64(0, 8, 1, 9, 2, 10, 3, 11), b.v);
      y.v = _mm512_permutex2var_epi64(a.v, _mm512_setr_epi64(4, 12, 5, 13, 6, 14, 7, 15), b.v);
    }
  }
  // Lane j = t[j / H] (the twiddle of lane j after deinterleave<H>); reads t[0 .. 8 / H).
  template <std::size_t H>
  static ZISKC_SIMD_INLINE PackedFe load_repeated(const Fe* t) {
    static_assert(H == 1 || H == 2 || H == 4);
    if constexpr (H == 1) {
      return load(t);
    } else {
      const Z few = _mm512_maskz_loadu_epi64(static_cast<__mmask8>((1u << (8 / H)) - 1), t);
      const Z idx = H == 2 ? _mm512_setr_epi64(0, 0, 1, 1, 2, 2, 3, 3)
                           : _mm512_setr_epi64(0, 0, 0, 0, 1, 1, 1, 1);
      return {_mm512_permutexvar_epi64(idx, few)};
    }
  }
};

// Lazy sum of products sum_i a_i * b_i, lane-wise (any u64 a_i, b_i; b_hi = b >> 32, so a
// broadcast constant's high half is computed once): the exact integer
// lo + 2^64 * (mid + lo_carries) + 2^128 * mid_carries, reduced once by reduce(). Each term is
// the 4-product mul_wide plus two adds with carry counts, against a full reduction and a
// modular add per term for mul + add. Valid for fewer than 2^32 terms (carry counts < 2^32).
struct PackedDotAccumulator {
  Z lo = _mm512_setzero_si512(), mid = _mm512_setzero_si512();
  Z lo_carries = _mm512_setzero_si512(), mid_carries = _mm512_setzero_si512();

  ZISKC_SIMD_INLINE void add_product(PackedFe a, PackedFe b, PackedFe b_hi) {
    Z plo, phi;
    mul_wide(a.v, b.v, b_hi.v, plo, phi);
    const Z one = _mm512_set1_epi64(1);
    lo = _mm512_add_epi64(lo, plo);
    lo_carries =
        _mm512_mask_add_epi64(lo_carries, _mm512_cmplt_epu64_mask(lo, plo), lo_carries, one);
    mid = _mm512_add_epi64(mid, phi);
    mid_carries =
        _mm512_mask_add_epi64(mid_carries, _mm512_cmplt_epu64_mask(mid, phi), mid_carries, one);
  }
  // The canonical sum: 2^128 = -2^32 (mod p), and mid_carries * 2^32 < 2^64 is reduced by one
  // conditional subtraction of p.
  ZISKC_SIMD_INLINE PackedFe reduce() const {
    const Z m = _mm512_add_epi64(mid, lo_carries);
    const Z top_carries = _mm512_mask_add_epi64(mid_carries, _mm512_cmplt_epu64_mask(m, lo_carries),
                                                mid_carries, _mm512_set1_epi64(1));
    const Z r = reduce128<true>(lo, m);
    Z top = _mm512_slli_epi64(top_carries, 32);
    top = _mm512_mask_sub_epi64(top, _mm512_cmpge_epu64_mask(top, modulus()), top, modulus());
    return {sub(r, top)};
  }
};

using Packed = PackedFe;
#include "field/packed_common.inc"

}  // namespace ziskc::field::avx512
#pragma GCC diagnostic pop
ZISKC_END_TARGET
