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

#include "field/packed_avx512.h"
#include "field/simd.h"
#include "hash/poseidon2_internal.h"

#define ZISKC_AVX512 __attribute__((target("avx512f,avx512dq,avx512vl,avx512bw")))
#define ZISKC_AVX512_INLINE \
  __attribute__((target("avx512f,avx512dq,avx512vl,avx512bw"), always_inline)) inline

// Everything below is compiled for the kernel's ISA (a target region, field/simd.h), which
// also covers the explicit instantiations at the end: a target attribute on a template
// definition alone is not applied to instantiations of a template declared without it.
ZISKC_BEGIN_TARGET_AVX512
namespace ziskc::hash::detail {
namespace {

// The Goldilocks lane arithmetic (add, add_neg, reduce128, mul_wide, square, mul, mul_add) is
// the field layer's (field/packed_avx512.h), compiled for the same target.
using namespace field::avx512;  // NOLINT(google-build-using-namespace): lane helpers

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

template void permute_x8_avx512<8>(std::array<field::Fe, 8>*);
template void permute_x8_avx512<12>(std::array<field::Fe, 12>*);
template void permute_x8_avx512<16>(std::array<field::Fe, 16>*);

}  // namespace ziskc::hash::detail
ZISKC_END_TARGET

namespace ziskc::hash::detail {
// Outside the target region: it must run on every CPU.
bool cpu_has_avx512() { return field::cpu_has_avx512(); }
}  // namespace ziskc::hash::detail
