// AVX2 Poseidon2 kernel: four independent permutations, one per 64-bit lane, so every
// state element is one __m256i and the round structure is the scalar one (poseidon2.cc)
// applied lane-wise. Compiled with target("avx2") and only called after a CPUID check,
// so the binary still runs on CPUs without AVX2.
//
// Arithmetic invariant: every vector value holds canonical field elements in [0, p) (the lane
// helpers of field/packed_avx2.h).
#include <immintrin.h>

#include "field/packed_avx2.h"
#include "field/simd.h"
#include "hash/poseidon2_internal.h"

#define ZISKC_AVX2 __attribute__((target("avx2")))
#define ZISKC_AVX2_INLINE __attribute__((target("avx2"), always_inline)) inline

// Everything below is compiled for the kernel's ISA (a target region, field/simd.h), which
// also covers the explicit instantiations at the end: a target attribute on a template
// definition alone is not applied to instantiations of a template declared without it.
ZISKC_BEGIN_TARGET_AVX2
namespace ziskc::hash::detail {
namespace {

// The Goldilocks lane arithmetic (add, add_const, reduce128, mul_wide, mul, mul_add) is the
// field layer's (field/packed_avx2.h), compiled for the same target.
using namespace field::avx2;  // NOLINT(google-build-using-namespace): lane helpers

// x^7; the intermediate powers only feed multiplications, so they skip canonicalization.
ZISKC_AVX2_INLINE V pow7(V x) {
  const V x2 = mul<false>(x, x);
  const V x3 = mul<false>(x2, x);
  const V x4 = mul<false>(x2, x2);
  return mul(x3, x4);
}

ZISKC_AVX2_INLINE void matmul_m4(V* x) {
  const V t0 = add(x[0], x[1]);
  const V t1 = add(x[2], x[3]);
  const V t2 = add(add(x[1], x[1]), t1);
  const V t3 = add(add(x[3], x[3]), t0);
  const V t1_2 = add(t1, t1);
  const V t0_2 = add(t0, t0);
  const V t4 = add(add(t1_2, t1_2), t3);
  const V t5 = add(add(t0_2, t0_2), t2);
  x[0] = add(t3, t5);
  x[1] = t5;
  x[2] = add(t2, t4);
  x[3] = t4;
}

template <std::size_t W>
ZISKC_AVX2_INLINE void matmul_external(V* s) {
  for (std::size_t i = 0; i < W; i += 4) matmul_m4(&s[i]);
  V col[4];
  for (std::size_t c = 0; c < 4; ++c) {
    col[c] = s[c];
    for (std::size_t i = c + 4; i < W; i += 4) col[c] = add(col[c], s[i]);
  }
  for (std::size_t i = 0; i < W; ++i) s[i] = add(s[i], col[i % 4]);
}

template <std::size_t W>
ZISKC_AVX2_INLINE void full_round(V* s, const std::uint64_t* rc) {
  for (std::size_t i = 0; i < W; ++i) {
    s[i] = pow7(add_const(s[i], rc[i]));
  }
  matmul_external<W>(s);
}

// 4x4 transpose of 64-bit elements: rows r0..r3 -> columns.
ZISKC_AVX2_INLINE void transpose4(V& r0, V& r1, V& r2, V& r3) {
  const V t0 = _mm256_unpacklo_epi64(r0, r1);  // r0[0] r1[0] r0[2] r1[2]
  const V t1 = _mm256_unpackhi_epi64(r0, r1);  // r0[1] r1[1] r0[3] r1[3]
  const V t2 = _mm256_unpacklo_epi64(r2, r3);
  const V t3 = _mm256_unpackhi_epi64(r2, r3);
  r0 = _mm256_permute2x128_si256(t0, t2, 0x20);
  r1 = _mm256_permute2x128_si256(t1, t3, 0x20);
  r2 = _mm256_permute2x128_si256(t0, t2, 0x31);
  r3 = _mm256_permute2x128_si256(t1, t3, 0x31);
}

}  // namespace

template <std::size_t W>
ZISKC_AVX2 void permute_x4_avx2(std::array<field::Fe, W>* states) {
  static_assert(sizeof(std::array<field::Fe, W>) == W * 8);
  using T = Poseidon2Tables<W>;
  constexpr std::size_t kHalfFull = 4;
  constexpr std::size_t kPartial = 22;
  V s[W];
  // Load: block j of 4 elements from each of the 4 states, transposed so s[i] = element i.
  for (std::size_t j = 0; j < W; j += 4) {
    V r0 = _mm256_loadu_si256(reinterpret_cast<const V*>(states[0].data() + j));
    V r1 = _mm256_loadu_si256(reinterpret_cast<const V*>(states[1].data() + j));
    V r2 = _mm256_loadu_si256(reinterpret_cast<const V*>(states[2].data() + j));
    V r3 = _mm256_loadu_si256(reinterpret_cast<const V*>(states[3].data() + j));
    transpose4(r0, r1, r2, r3);
    s[j] = r0;
    s[j + 1] = r1;
    s[j + 2] = r2;
    s[j + 3] = r3;
  }

  matmul_external<W>(s);
  for (std::size_t r = 0; r < kHalfFull; ++r) full_round<W>(s, T::kRc + r * W);
  const std::uint64_t* prc = T::kRc + kHalfFull * W;
  V diag[W], diag_hi[W];
  for (std::size_t i = 0; i < W; ++i) {
    diag[i] = _mm256_set1_epi64x(static_cast<long long>(T::kDiag[i]));
    diag_hi[i] = _mm256_srli_epi64(diag[i], 32);
  }
  for (std::size_t r = 0; r < kPartial; ++r) {
    s[0] = pow7(add_const(s[0], prc[r]));
    // Pairwise tree keeps the dependency chain short.
    V part[W / 2];
    for (std::size_t i = 0; i < W / 2; ++i) part[i] = add(s[2 * i], s[2 * i + 1]);
    std::size_t m = W / 2;
    while (m > 1) {
      const std::size_t half = m / 2;
      for (std::size_t i = 0; i < half; ++i) part[i] = add(part[2 * i], part[2 * i + 1]);
      if (m % 2) part[half] = part[m - 1];
      m = half + (m % 2);
    }
    const V sum = part[0];
    for (std::size_t i = 0; i < W; ++i) s[i] = mul_add(s[i], diag[i], diag_hi[i], sum);
  }
  const std::uint64_t* rc2 = prc + kPartial;
  for (std::size_t r = 0; r < kHalfFull; ++r) full_round<W>(s, rc2 + r * W);

  for (std::size_t j = 0; j < W; j += 4) {
    V r0 = s[j], r1 = s[j + 1], r2 = s[j + 2], r3 = s[j + 3];
    transpose4(r0, r1, r2, r3);
    _mm256_storeu_si256(reinterpret_cast<V*>(states[0].data() + j), r0);
    _mm256_storeu_si256(reinterpret_cast<V*>(states[1].data() + j), r1);
    _mm256_storeu_si256(reinterpret_cast<V*>(states[2].data() + j), r2);
    _mm256_storeu_si256(reinterpret_cast<V*>(states[3].data() + j), r3);
  }
}

ZISKC_AVX2 void avx2_lane_ops_for_testing(const std::uint64_t* a, const std::uint64_t* b,
                                          const std::uint64_t* c, LaneOps* out) {
  const V va = _mm256_loadu_si256(reinterpret_cast<const V*>(a));
  const V vb = _mm256_loadu_si256(reinterpret_cast<const V*>(b));
  const V vc = _mm256_loadu_si256(reinterpret_cast<const V*>(c));
  alignas(32) std::uint64_t r[4][4];
  _mm256_store_si256(reinterpret_cast<V*>(r[0]), mul(va, vb));
  _mm256_store_si256(reinterpret_cast<V*>(r[1]), add(va, vb));
  _mm256_store_si256(reinterpret_cast<V*>(r[2]), mul_add(va, vb, _mm256_srli_epi64(vb, 32), vc));
  _mm256_store_si256(reinterpret_cast<V*>(r[3]), pow7(va));
  for (int k = 0; k < 4; ++k) out[k] = LaneOps{r[0][k], r[1][k], r[2][k], r[3][k]};
}

template void permute_x4_avx2<8>(std::array<field::Fe, 8>*);
template void permute_x4_avx2<12>(std::array<field::Fe, 12>*);
template void permute_x4_avx2<16>(std::array<field::Fe, 16>*);

}  // namespace ziskc::hash::detail
ZISKC_END_TARGET

namespace ziskc::hash::detail {
// Outside the target region: it must run on every CPU.
bool cpu_has_avx2() { return field::cpu_has_avx2(); }
}  // namespace ziskc::hash::detail
