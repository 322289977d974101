// AVX2 Poseidon2 kernels: 4 or 8 independent permutations, one state per 64-bit lane of a
// __m256i, with one or two groups of 4 interleaved (round structure: poseidon2_kernel.inc).
// Compiled with target("avx2") in a target region and only called after a CPUID check, so the
// binary still runs on CPUs without AVX2.
//
// Arithmetic invariant: canonical values in and out; inside, the ranges documented in
// poseidon2_kernel.inc (lane helpers of field/packed_avx2.h).
#include <immintrin.h>

#include "field/packed_avx2.h"
#include "field/simd.h"
#include "hash/poseidon2_internal.h"

// Everything below is compiled for the kernel's ISA (a target region, field/simd.h), which
// also covers the explicit instantiations at the end: a target attribute on a template
// definition alone is not applied to instantiations of a template declared without it.
ZISKC_BEGIN_TARGET_AVX2
namespace ziskc::hash::detail {
namespace {

namespace fa = field::avx2;
using fa::V;

// Lane arithmetic for poseidon2_kernel.inc (contract there). Unsigned compares are signed
// compares of sign-flipped values.
struct Avx2Ops {
  using V = fa::V;
  static constexpr std::size_t kLanes = 4;
  struct Wide {
    V lo, hi;
  };
  static ZISKC_SIMD_INLINE V bcast(std::uint64_t x) {
    return _mm256_set1_epi64x(static_cast<long long>(x));
  }
  static ZISKC_SIMD_INLINE V flip(V x) { return _mm256_xor_si256(x, fa::sign_bit()); }
  // All-ones where a < b (unsigned).
  static ZISKC_SIMD_INLINE V lt(V a, V b) { return _mm256_cmpgt_epi64(flip(b), flip(a)); }
  static ZISKC_SIMD_INLINE V add64(V a, V b) { return _mm256_add_epi64(a, b); }
  static ZISKC_SIMD_INLINE V high_half(V a) { return _mm256_srli_epi64(a, 32); }
  static ZISKC_SIMD_INLINE V low_half(V a) { return _mm256_and_si256(a, fa::epsilon()); }
  // H 2^32 + L for H, L < 2^39: (H mod 2^32) 2^32 + L + (H >> 32)(2^32 - 1), one carry
  // (worth 2^64 = eps mod p) corrected; the small second term cannot overflow again.
  static ZISKC_SIMD_INLINE V fold(V h, V l) {
    const V a = _mm256_slli_epi64(h, 32);
    const V b = _mm256_add_epi64(l, _mm256_mul_epu32(_mm256_srli_epi64(h, 32), fa::epsilon()));
    const V r = _mm256_add_epi64(a, b);
    return _mm256_add_epi64(r, _mm256_and_si256(lt(r, b), fa::epsilon()));
  }
  // r >= p exactly when r + eps wraps past 2^64 (p + eps = 2^64), leaving r - p < eps.
  static ZISKC_SIMD_INLINE V canonical(V r) {
    const V t = _mm256_add_epi64(r, fa::epsilon());
    return _mm256_blendv_epi8(r, t, lt(t, fa::epsilon()));
  }
  // a + c as a - (p - c), plus p on borrow: any u64 a, result in [0, 2^64).
  static ZISKC_SIMD_INLINE V add_const(V a, std::uint64_t c) { return fa::add_const(a, c); }
  // x^7; the intermediate powers only feed multiplications, so they skip canonicalization.
  template <bool kCanonical>
  static ZISKC_SIMD_INLINE V pow7(V x) {
    const V x2 = fa::mul<false>(x, x);
    const V x3 = fa::mul<false>(x2, x);
    const V x4 = fa::mul<false>(x2, x2);
    return fa::mul<kCanonical>(x3, x4);
  }
  static ZISKC_SIMD_INLINE Wide widen_sum(V a, V b) {
    const V lo = _mm256_add_epi64(a, b);
    return {lo, _mm256_srli_epi64(lt(lo, a), 63)};
  }
  static ZISKC_SIMD_INLINE Wide add(Wide a, V b) {
    const V lo = _mm256_add_epi64(a.lo, b);
    return {lo, _mm256_sub_epi64(a.hi, lt(lo, b))};  // the mask is -1: hi + 1
  }
  static ZISKC_SIMD_INLINE Wide add(Wide a, Wide b) {
    const V lo = _mm256_add_epi64(a.lo, b.lo);
    return {lo, _mm256_sub_epi64(_mm256_add_epi64(a.hi, b.hi), lt(lo, b.lo))};
  }
  // Lane k = address of rows[k]; gather(addr, j) = lane k holds rows[k][j].
  static ZISKC_SIMD_INLINE V addresses(const field::Fe* const* rows) {
    return _mm256_loadu_si256(reinterpret_cast<const V*>(rows));
  }
  static ZISKC_SIMD_INLINE V gather(V addr, std::size_t j) {
    return _mm256_i64gather_epi64(nullptr, _mm256_add_epi64(addr, bcast(8 * j)), 1);
  }
  // Digest k = lanes k of s[0..4) (canonical).
  static ZISKC_SIMD_INLINE void store_digests(const V* s, Digest* out) {
    alignas(32) std::uint64_t buf[4][4];
    for (std::size_t c = 0; c < 4; ++c) _mm256_store_si256(reinterpret_cast<V*>(buf[c]), s[c]);
    for (std::size_t k = 0; k < 4; ++k)
      for (std::size_t c = 0; c < 4; ++c) out[k].v[c] = field::Fe::from_canonical(buf[c][k]);
  }
  static ZISKC_SIMD_INLINE V mul_add_reduce(V a, V d, V d_hi, Wide c) {
    V lo, hi;
    fa::mul_wide(a, d, d_hi, lo, hi);
    const Wide r = add(Wide{c.lo, _mm256_add_epi64(hi, c.hi)}, lo);
    return fa::reduce128<false>(r.lo, r.hi);
  }
};

#include "hash/poseidon2_kernel.inc"

// 4x4 transpose of 64-bit elements: rows r0..r3 -> columns.
ZISKC_SIMD_INLINE void transpose4(V& r0, V& r1, V& r2, V& r3) {
  const V t0 = _mm256_unpacklo_epi64(r0, r1);  // r0[0] r1[0] r0[2] r1[2]
  const V t1 = _mm256_unpackhi_epi64(r0, r1);  // r0[1] r1[1] r0[3] r1[3]
  const V t2 = _mm256_unpacklo_epi64(r2, r3);
  const V t3 = _mm256_unpackhi_epi64(r2, r3);
  r0 = _mm256_permute2x128_si256(t0, t2, 0x20);
  r1 = _mm256_permute2x128_si256(t1, t3, 0x20);
  r2 = _mm256_permute2x128_si256(t0, t2, 0x31);
  r3 = _mm256_permute2x128_si256(t1, t3, 0x31);
}

// 4 * N states; lane k of s[n][i] is element i of state 4n + k.
template <std::size_t W, std::size_t N>
void permute_lanes(std::array<field::Fe, W>* states) {
  static_assert(sizeof(std::array<field::Fe, W>) == W * 8);
  V s[N][W];
  for (std::size_t n = 0; n < N; ++n) {
    std::array<field::Fe, W>* st = states + 4 * n;
    for (std::size_t j = 0; j < W; j += 4) {
      V r0 = _mm256_loadu_si256(reinterpret_cast<const V*>(st[0].data() + j));
      V r1 = _mm256_loadu_si256(reinterpret_cast<const V*>(st[1].data() + j));
      V r2 = _mm256_loadu_si256(reinterpret_cast<const V*>(st[2].data() + j));
      V r3 = _mm256_loadu_si256(reinterpret_cast<const V*>(st[3].data() + j));
      transpose4(r0, r1, r2, r3);
      s[n][j] = r0;
      s[n][j + 1] = r1;
      s[n][j + 2] = r2;
      s[n][j + 3] = r3;
    }
  }
  Poseidon2Kernel<Avx2Ops>::permute<W, N>(s);
  for (std::size_t n = 0; n < N; ++n) {
    std::array<field::Fe, W>* st = states + 4 * n;
    for (std::size_t j = 0; j < W; j += 4) {
      V r0 = s[n][j], r1 = s[n][j + 1], r2 = s[n][j + 2], r3 = s[n][j + 3];
      transpose4(r0, r1, r2, r3);
      _mm256_storeu_si256(reinterpret_cast<V*>(st[0].data() + j), r0);
      _mm256_storeu_si256(reinterpret_cast<V*>(st[1].data() + j), r1);
      _mm256_storeu_si256(reinterpret_cast<V*>(st[2].data() + j), r2);
      _mm256_storeu_si256(reinterpret_cast<V*>(st[3].data() + j), r3);
    }
  }
}

}  // namespace

template <std::size_t W>
void permute_x4_avx2(std::array<field::Fe, W>* states) {
  permute_lanes<W, 1>(states);
}

template <std::size_t W>
void permute_x8_avx2(std::array<field::Fe, W>* states) {
  permute_lanes<W, 2>(states);
}

template <std::size_t W>
void hash_rows_x8_avx2(const field::Fe* const* rows, std::size_t len, Digest* out) {
  static_assert(sizeof(const field::Fe*) == 8);
  Poseidon2Kernel<Avx2Ops>::hash_rows<W, 2>(rows, len, out);
}

void avx2_lane_ops_for_testing(const std::uint64_t* a, const std::uint64_t* b,
                               const std::uint64_t* c, LaneOps* out) {
  const V va = _mm256_loadu_si256(reinterpret_cast<const V*>(a));
  const V vb = _mm256_loadu_si256(reinterpret_cast<const V*>(b));
  const V vc = _mm256_loadu_si256(reinterpret_cast<const V*>(c));
  alignas(32) std::uint64_t r[4][4];
  _mm256_store_si256(reinterpret_cast<V*>(r[0]), fa::mul(va, vb));
  _mm256_store_si256(reinterpret_cast<V*>(r[1]), fa::add(va, vb));
  _mm256_store_si256(reinterpret_cast<V*>(r[2]),
                     fa::mul_add(va, vb, _mm256_srli_epi64(vb, 32), vc));
  _mm256_store_si256(reinterpret_cast<V*>(r[3]), Avx2Ops::pow7<true>(va));
  for (int k = 0; k < 4; ++k) out[k] = LaneOps{r[0][k], r[1][k], r[2][k], r[3][k]};
}

void avx2_lazy_ops_for_testing(const std::uint64_t* a, const std::uint64_t* b,
                               const std::uint64_t* c, LazyLaneOps* out) {
  using O = Avx2Ops;
  const V va = _mm256_loadu_si256(reinterpret_cast<const V*>(a));
  const V vb = _mm256_loadu_si256(reinterpret_cast<const V*>(b));
  const V vc = _mm256_loadu_si256(reinterpret_cast<const V*>(c));
  const O::Wide w = O::add(O::add(O::widen_sum(va, vc), vc), vb);
  alignas(32) std::uint64_t r[5][4];
  _mm256_store_si256(reinterpret_cast<V*>(r[0]),
                     O::mul_add_reduce(va, vb, _mm256_srli_epi64(vb, 32), w));
  _mm256_store_si256(reinterpret_cast<V*>(r[1]), O::pow7<false>(va));
  _mm256_store_si256(reinterpret_cast<V*>(r[2]), O::add_const(va, b[0]));
  _mm256_store_si256(reinterpret_cast<V*>(r[3]),
                     O::fold(_mm256_srli_epi64(va, 25), _mm256_srli_epi64(vc, 25)));
  _mm256_store_si256(reinterpret_cast<V*>(r[4]), O::canonical(va));
  for (int k = 0; k < 4; ++k) out[k] = LazyLaneOps{r[0][k], r[1][k], r[2][k], r[3][k], r[4][k]};
}

template void permute_x4_avx2<8>(std::array<field::Fe, 8>*);
template void permute_x4_avx2<12>(std::array<field::Fe, 12>*);
template void permute_x4_avx2<16>(std::array<field::Fe, 16>*);
template void permute_x8_avx2<8>(std::array<field::Fe, 8>*);
template void permute_x8_avx2<12>(std::array<field::Fe, 12>*);
template void permute_x8_avx2<16>(std::array<field::Fe, 16>*);
template void hash_rows_x8_avx2<8>(const field::Fe* const*, std::size_t, Digest*);
template void hash_rows_x8_avx2<12>(const field::Fe* const*, std::size_t, Digest*);
template void hash_rows_x8_avx2<16>(const field::Fe* const*, std::size_t, Digest*);

}  // namespace ziskc::hash::detail
ZISKC_END_TARGET

namespace ziskc::hash::detail {
// Outside the target region: it must run on every CPU.
bool cpu_has_avx2() { return field::cpu_has_avx2(); }
}  // namespace ziskc::hash::detail
