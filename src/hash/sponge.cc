// Row hashing and compression (layout and padding rules in sponge.h).
#include "hash/sponge.h"

#include <algorithm>

#include "base/check.h"
#include "hash/poseidon2_internal.h"

namespace ziskc::hash {

template <std::size_t W>
Digest hash_row(std::span<const Fe> row) {
  Digest d;
  if (row.size() <= kDigestSize) {
    std::copy(row.begin(), row.end(), d.v.begin());
    return d;
  }
  constexpr std::size_t kRate = W - 4;
  typename Poseidon2<W>::State s{};
  std::size_t pos = 0;
  while (pos < row.size()) {
    // Capacity <- first 4 elements of the previous output (zero for the first block).
    if (pos > 0) std::copy_n(s.begin(), 4, s.begin() + kRate);
    const std::size_t n = std::min(kRate, row.size() - pos);
    std::copy_n(row.begin() + pos, n, s.begin());
    std::fill(s.begin() + n, s.begin() + kRate, Fe::zero());
    Poseidon2<W>::permute(s);
    pos += n;
  }
  std::copy_n(s.begin(), 4, d.v.begin());
  return d;
}

namespace {

// K rows of equal length through the K-state batch permutation P (permute_x8 or permute_x16).
template <std::size_t W, std::size_t K, void (*P)(typename Poseidon2<W>::State*)>
void hash_rows_batch(const Fe* const rows[K], std::size_t len, Digest out[K]) {
  if (len <= kDigestSize) {
    for (std::size_t k = 0; k < K; ++k) out[k] = hash_row<W>(std::span<const Fe>(rows[k], len));
    return;
  }
  constexpr std::size_t kRate = W - 4;
  std::array<typename Poseidon2<W>::State, K> s{};
  std::size_t pos = 0;
  while (pos < len) {
    const std::size_t n = std::min(kRate, len - pos);
    for (std::size_t k = 0; k < K; ++k) {
      if (pos > 0) std::copy_n(s[k].begin(), 4, s[k].begin() + kRate);
      std::copy_n(rows[k] + pos, n, s[k].begin());
      std::fill(s[k].begin() + n, s[k].begin() + kRate, Fe::zero());
    }
    P(s.data());
    pos += n;
  }
  for (std::size_t k = 0; k < K; ++k) std::copy_n(s[k].begin(), 4, out[k].v.begin());
}

}  // namespace

// SIMD backends use the register-resident kernels (poseidon2_internal.h); the scalar backend
// (and rows of <= 4 elements, which are their own digests) the generic batch above.
template <std::size_t W>
void hash_rows_x8(const Fe* const rows[8], std::size_t len, Digest out[8]) {
  if (len > kDigestSize) {
    switch (active_simd_backend()) {
      case SimdBackend::kAvx512:
        detail::hash_rows_avx512<W, 8>(rows, len, out);
        return;
      case SimdBackend::kAvx2:
        detail::hash_rows_x8_avx2<W>(rows, len, out);
        return;
      case SimdBackend::kScalar:
        break;
    }
  }
  hash_rows_batch<W, 8, &Poseidon2<W>::permute_x8>(rows, len, out);
}

template <std::size_t W>
void hash_rows_x16(const Fe* const rows[16], std::size_t len, Digest out[16]) {
  if (len > kDigestSize) {
    switch (active_simd_backend()) {
      case SimdBackend::kAvx512:
        detail::hash_rows_avx512<W, 16>(rows, len, out);
        return;
      case SimdBackend::kAvx2:
        detail::hash_rows_x8_avx2<W>(rows, len, out);
        detail::hash_rows_x8_avx2<W>(rows + 8, len, out + 8);
        return;
      case SimdBackend::kScalar:
        break;
    }
  }
  hash_rows_batch<W, 16, &Poseidon2<W>::permute_x16>(rows, len, out);
}

Digest compress2(const Digest& left, const Digest& right) {
  Poseidon2<12>::State s{};
  std::copy_n(left.v.begin(), 4, s.begin());
  std::copy_n(right.v.begin(), 4, s.begin() + 4);
  Poseidon2<12>::permute(s);
  Digest d;
  std::copy_n(s.begin(), 4, d.v.begin());
  return d;
}

Digest compress4(const Digest& d0, const Digest& d1, const Digest& d2, const Digest& d3) {
  Poseidon2<16>::State s;
  std::copy_n(d0.v.begin(), 4, s.begin());
  std::copy_n(d1.v.begin(), 4, s.begin() + 4);
  std::copy_n(d2.v.begin(), 4, s.begin() + 8);
  std::copy_n(d3.v.begin(), 4, s.begin() + 12);
  Poseidon2<16>::permute(s);
  Digest d;
  std::copy_n(s.begin(), 4, d.v.begin());
  return d;
}

Digest compress_children(std::span<const Digest> children) {
  if (children.size() == 2) return compress2(children[0], children[1]);
  ZISKC_CHECK(children.size() == 4, "compress_children: arity must be 2 or 4");
  return compress4(children[0], children[1], children[2], children[3]);
}

template Digest hash_row<8>(std::span<const Fe>);
template Digest hash_row<12>(std::span<const Fe>);
template Digest hash_row<16>(std::span<const Fe>);
template void hash_rows_x8<8>(const Fe* const[8], std::size_t, Digest[8]);
template void hash_rows_x8<12>(const Fe* const[8], std::size_t, Digest[8]);
template void hash_rows_x8<16>(const Fe* const[8], std::size_t, Digest[8]);
template void hash_rows_x16<8>(const Fe* const[16], std::size_t, Digest[16]);
template void hash_rows_x16<12>(const Fe* const[16], std::size_t, Digest[16]);
template void hash_rows_x16<16>(const Fe* const[16], std::size_t, Digest[16]);

}  // namespace ziskc::hash
