// Shared helpers for the poly tests: seeded random matrices and the naive reference
// algorithms every fast path is checked against.
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <ostream>
#include <random>
#include <string>
#include <vector>

#include "poly/matrix.h"

namespace ziskc::field {
// Readable failure messages for gtest.
inline void PrintTo(Fe x, std::ostream* os) { *os << x.value(); }
inline void PrintTo(const Ext3& x, std::ostream* os) {
  *os << "(" << x[0].value() << ", " << x[1].value() << ", " << x[2].value() << ")";
}
}  // namespace ziskc::field

namespace ziskc::poly::testing {

// A seeded generator whose seed is printed (as a test property and on stdout), so a failure
// can be replayed. ZISKC_TEST_SEED overrides the default seed.
inline std::uint64_t test_seed() {
  static const std::uint64_t seed = [] {
    const char* env = std::getenv("ZISKC_TEST_SEED");
    const std::uint64_t s = env ? std::strtoull(env, nullptr, 0) : std::random_device{}();
    std::printf("poly tests: seed %llu (set ZISKC_TEST_SEED to replay)\n",
                static_cast<unsigned long long>(s));
    return s;
  }();
  return seed;
}

inline std::mt19937_64 make_rng(std::uint64_t salt) {
  ::testing::Test::RecordProperty("seed", std::to_string(test_seed()));
  return std::mt19937_64(test_seed() ^ (salt * 0x9E3779B97F4A7C15ull));
}

inline Fe random_fe(std::mt19937_64& rng) { return Fe::from_u64(rng()); }

inline RowMajorMatrix random_matrix(std::size_t rows, std::size_t cols, std::mt19937_64& rng) {
  RowMajorMatrix m = RowMajorMatrix::zeros(rows, cols);
  for (auto& v : m.values) v = random_fe(rng);
  return m;
}

// out[k] = sum_i in[i] * root^(i k): the O(n^2) DFT.
inline std::vector<Fe> naive_dft(const std::vector<Fe>& in, Fe root) {
  const std::size_t n = in.size();
  std::vector<Fe> out(n);
  Fe wk = Fe::one();
  for (std::size_t k = 0; k < n; ++k, wk *= root) {
    Fe acc = Fe::zero(), w = Fe::one();
    for (std::size_t i = 0; i < n; ++i, w *= wk) acc += in[i] * w;
    out[k] = acc;
  }
  return out;
}

inline std::vector<Fe> column(const RowMajorMatrix& m, std::size_t c) {
  std::vector<Fe> v(m.rows);
  for (std::size_t r = 0; r < m.rows; ++r) v[r] = m.at(r, c);
  return v;
}

// Horner evaluation of a base-field polynomial at a base-field point.
inline Fe horner(const std::vector<Fe>& coeffs, Fe x) {
  Fe acc = Fe::zero();
  for (std::size_t i = coeffs.size(); i-- > 0;) acc = acc * x + coeffs[i];
  return acc;
}

}  // namespace ziskc::poly::testing
