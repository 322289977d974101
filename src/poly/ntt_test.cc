// NTT tests: every size 2^0..2^10 and several column counts against the naive DFT, round
// trips on 2^16..2^20, bit reversal, and the coset LDE against direct evaluation of the
// interpolant (natural and bit-reversed row orders).
#include "poly/ntt.h"

#include <gtest/gtest.h>

#include <map>
#include <thread>
#include <tuple>
#include <utility>

#include "field/simd.h"
#include "poly/test_util.h"

namespace ziskc::poly {
namespace {

using testing::column;
using testing::horner;
using testing::make_rng;
using testing::naive_dft;
using testing::random_matrix;

constexpr std::size_t kColumnCounts[] = {1, 2, 3, 4, 5, 8, 12, 17, 100};

// Every test runs once per SIMD level the CPU has (scalar, AVX2, AVX-512), through the
// run-time cap, so each kernel build is checked against the same references.
class NttLevels : public ::testing::TestWithParam<field::SimdLevel> {
 protected:
  void SetUp() override {
    const auto level = GetParam();
    if ((level == field::SimdLevel::kAvx2 && !field::cpu_has_avx2()) ||
        (level == field::SimdLevel::kAvx512 && !field::cpu_has_avx512()))
      GTEST_SKIP() << "CPU lacks " << field::simd_level_name(level);
    field::limit_simd_level(level);
    ASSERT_EQ(field::simd_level(), level);
  }
  void TearDown() override { field::limit_simd_level(field::SimdLevel::kAvx512); }
};

TEST_P(NttLevels, NttSingleVectorMatchesNaiveDftAllSmallSizes) {
  auto rng = make_rng(1);
  for (unsigned k = 0; k <= 10; ++k) {
    const std::size_t n = std::size_t{1} << k;
    std::vector<Fe> v(n);
    for (auto& x : v) x = testing::random_fe(rng);
    const auto expect = naive_dft(v, Fe::two_adic_root(k));
    std::vector<Fe> got = v;
    ntt(got);
    ASSERT_EQ(got, expect) << "n = " << n;
    intt(got);
    ASSERT_EQ(got, v) << "n = " << n;
  }
}

// The naive DFTs of the inputs below, computed once and shared by the SIMD levels (the inputs
// come from the same seeded generator for every level).
struct NaiveCase {
  RowMajorMatrix input;
  std::vector<std::vector<Fe>> forward, inverse;  // per column
};
const NaiveCase& naive_case(unsigned k, std::size_t cols, std::mt19937_64& rng) {
  static std::map<std::pair<unsigned, std::size_t>, NaiveCase> cache;
  const std::size_t n = std::size_t{1} << k;
  RowMajorMatrix m = random_matrix(n, cols, rng);
  auto [it, fresh] = cache.try_emplace({k, cols});
  NaiveCase& nc = it->second;
  if (fresh) {
    const Fe root = Fe::two_adic_root(k);
    const Fe n_inv = Fe::from_u64(n).inverse();
    for (std::size_t c = 0; c < cols; ++c) {
      nc.forward.push_back(naive_dft(column(m, c), root));
      // The inverse DFT is the DFT with root^-1, scaled by 1/n.
      auto inv = naive_dft(column(m, c), root.inverse());
      for (auto& x : inv) x *= n_inv;
      nc.inverse.push_back(std::move(inv));
    }
    nc.input = std::move(m);
  } else {
    EXPECT_EQ(nc.input.values, m.values) << "inputs differ between levels";
  }
  return nc;
}

TEST_P(NttLevels, NttColumnsMatchNaiveDftAllSmallSizes) {
  auto rng = make_rng(2);
  for (unsigned k = 0; k <= 10; ++k) {
    const std::size_t n = std::size_t{1} << k;
    for (std::size_t cols : kColumnCounts) {
      if (k == 10 && cols > 17) continue;  // naive DFT cost
      const NaiveCase& nc = naive_case(k, cols, rng);
      RowMajorMatrix f = nc.input;
      ntt_columns(f);
      for (std::size_t c = 0; c < cols; ++c)
        ASSERT_EQ(column(f, c), nc.forward[c])
            << "n = " << n << " cols = " << cols << " column " << c;
      RowMajorMatrix g = nc.input;
      intt_columns(g);
      for (std::size_t c = 0; c < cols; ++c)
        ASSERT_EQ(column(g, c), nc.inverse[c])
            << "n = " << n << " cols = " << cols << " column " << c;
    }
  }
}

TEST_P(NttLevels, NttRoundTripLargeSizes) {
  auto rng = make_rng(3);
  // (rows, cols) beyond the in-cache size, so the strided-group levels run: wide rows with a
  // partial vector (100 = 12 * 8 + 4), merged narrow rows (3, 9), single columns.
  const std::pair<unsigned, std::size_t> shapes[] = {{13, 100}, {16, 9}, {17, 3},
                                                     {18, 1},   {19, 1}, {20, 1}};
  for (const auto& [k, cols] : shapes) {
    const std::size_t n = std::size_t{1} << k;
    const RowMajorMatrix m = random_matrix(n, cols, rng);
    RowMajorMatrix f = m;
    ntt_columns(f);
    // Spot-check a few outputs against direct evaluation of the polynomial.
    const Fe root = Fe::two_adic_root(k);
    for (std::size_t c = 0; c < cols; ++c) {
      const std::vector<Fe> col = column(m, c);
      for (std::size_t probe : {std::size_t{0}, std::size_t{1}, n / 3, n - 1})
        ASSERT_EQ(f.at(probe, c), horner(col, root.pow(probe))) << "n = " << n;
    }
    intt_columns(f);
    ASSERT_EQ(f.values, m.values) << "n = " << n;
  }
}

TEST_P(NttLevels, NttRoundTripSingleVectorLarge) {
  auto rng = make_rng(4);
  const std::size_t n = std::size_t{1} << 18;
  std::vector<Fe> v(n);
  for (auto& x : v) x = testing::random_fe(rng);
  std::vector<Fe> w = v;
  ntt(w);
  EXPECT_EQ(w[5], horner(v, Fe::two_adic_root(18).pow(5)));
  intt(w);
  EXPECT_EQ(w, v);
}

TEST_P(NttLevels, NttBitReverseRows) {
  EXPECT_EQ(bit_reverse(0b0011, 4), 0b1100u);
  EXPECT_EQ(bit_reverse(1, 1), 1u);
  EXPECT_EQ(bit_reverse(5, 0), 0u);
  auto rng = make_rng(5);
  // Up to 2^16 rows so that the tiled path (at least 2^(2q) rows) runs for every width.
  for (unsigned k : {0u, 1u, 2u, 3u, 5u, 8u, 10u, 11u, 12u, 14u, 16u}) {
    for (std::size_t cols : {std::size_t{1}, std::size_t{3}, std::size_t{16}, std::size_t{100}}) {
      if (k == 16 && cols == 100) continue;
      const std::size_t n = std::size_t{1} << k;
      const RowMajorMatrix m = random_matrix(n, cols, rng);
      RowMajorMatrix r = m;
      bit_reverse_rows(r);
      for (std::size_t i = 0; i < n; ++i)
        for (std::size_t c = 0; c < cols; ++c)
          ASSERT_EQ(r.at(i, c), m.at(bit_reverse(i, k), c)) << "n = " << n;
      bit_reverse_rows(r);
      ASSERT_EQ(r.values, m.values);
    }
  }
}

// Checks out (rows = n << log_blowup) against p_c(shift * omega_N^j) for sampled rows, where
// p_c has coefficients coeffs[:, c].
void expect_coset_evaluations(const RowMajorMatrix& out, const RowMajorMatrix& coeffs,
                              unsigned log_blowup, Fe shift, RowOrder order, std::mt19937_64& rng) {
  const std::size_t big = coeffs.rows << log_blowup;
  ASSERT_EQ(out.rows, big);
  ASSERT_EQ(out.cols, coeffs.cols);
  unsigned log_big = 0;
  while ((std::size_t{1} << log_big) < big) ++log_big;
  const Fe root = Fe::two_adic_root(log_big);
  std::vector<std::size_t> probes = {0, big - 1};
  for (int t = 0; t < 12; ++t) probes.push_back(rng() % big);
  if (big <= 64) {
    probes.clear();
    for (std::size_t i = 0; i < big; ++i) probes.push_back(i);
  }
  std::vector<std::vector<Fe>> cols(coeffs.cols);
  for (std::size_t c = 0; c < coeffs.cols; ++c) cols[c] = column(coeffs, c);
  for (std::size_t i : probes) {
    const std::size_t j = order == RowOrder::kNatural ? i : bit_reverse(i, log_big);
    const Fe x = shift * root.pow(j);
    for (std::size_t c = 0; c < coeffs.cols; ++c)
      ASSERT_EQ(out.at(i, c), horner(cols[c], x))
          << "rows " << coeffs.rows << " blowup 2^" << log_blowup << " row " << i << " col " << c;
  }
}

TEST_P(NttLevels, LdeCosetNttFromCoeffsMatchesHorner) {
  auto rng = make_rng(6);
  const Fe shift = Fe::from_u64(Fe::kGenerator);
  for (unsigned k : {0u, 1u, 2u, 3u, 5u, 8u, 11u}) {
    for (unsigned log_blowup : {0u, 1u, 2u, 3u}) {
      for (std::size_t cols : {std::size_t{1}, std::size_t{4}, std::size_t{13}}) {
        const RowMajorMatrix coeffs = random_matrix(std::size_t{1} << k, cols, rng);
        for (RowOrder order : {RowOrder::kNatural, RowOrder::kBitReversed}) {
          const RowMajorMatrix out = coset_ntt_from_coeffs(coeffs, log_blowup, shift, order);
          expect_coset_evaluations(out, coeffs, log_blowup, shift, order, rng);
        }
      }
    }
  }
}

TEST_P(NttLevels, LdeCosetLdeAgreesWithInterpolant) {
  auto rng = make_rng(7);
  for (unsigned k : {0u, 1u, 4u, 9u, 12u, 14u}) {
    for (unsigned log_blowup : {1u, 2u}) {
      const std::size_t n = std::size_t{1} << k;
      const std::size_t cols = k == 12 ? 100 : k >= 14 ? 3 : 7;
      // Random coefficients, their evaluations on <omega_n>, then the LDE of those.
      const RowMajorMatrix coeffs = random_matrix(n, cols, rng);
      RowMajorMatrix evals = coeffs;
      ntt_columns(evals);
      const Fe shift = testing::random_fe(rng);
      for (RowOrder order : {RowOrder::kNatural, RowOrder::kBitReversed}) {
        const RowMajorMatrix lde = coset_lde(evals, log_blowup, shift, order);
        expect_coset_evaluations(lde, coeffs, log_blowup, shift, order, rng);
      }
    }
  }
}

TEST_P(NttLevels, LdeLargeBlowups) {
  // Blowups larger than an in-cache block: the natural-order LDE folds all log_blowup bottom
  // layers into its spread, so the sub-blocks of the big transform must keep that many.
  auto rng = make_rng(12);
  for (const auto& [k, log_blowup, cols] :
       {std::tuple{4u, 10u, std::size_t{40}}, std::tuple{0u, 12u, std::size_t{3}},
        std::tuple{6u, 8u, std::size_t{1}}}) {
    const RowMajorMatrix coeffs = random_matrix(std::size_t{1} << k, cols, rng);
    RowMajorMatrix evals = coeffs;
    ntt_columns(evals);
    const Fe shift = testing::random_fe(rng);
    for (RowOrder order : {RowOrder::kNatural, RowOrder::kBitReversed}) {
      SCOPED_TRACE(::testing::Message() << "k " << k << " blowup 2^" << log_blowup);
      expect_coset_evaluations(coset_lde(evals, log_blowup, shift, order), coeffs, log_blowup,
                               shift, order, rng);
      expect_coset_evaluations(coset_ntt_from_coeffs(coeffs, log_blowup, shift, order), coeffs,
                               log_blowup, shift, order, rng);
    }
  }
}

TEST_P(NttLevels, LdeLowDegreeExtensionOfSubgroupRestrictsToInput) {
  // With shift 1 and natural order, every 2^log_blowup-th row of the LDE is the input.
  auto rng = make_rng(8);
  const RowMajorMatrix evals = random_matrix(1 << 10, 6, rng);
  const RowMajorMatrix lde = coset_lde(evals, 2, Fe::one(), RowOrder::kNatural);
  for (std::size_t i = 0; i < evals.rows; ++i)
    for (std::size_t c = 0; c < evals.cols; ++c) ASSERT_EQ(lde.at(4 * i, c), evals.at(i, c));
}

TEST_P(NttLevels, LdeIntoReusesOrResizesItsOutput) {
  auto rng = make_rng(9);
  const RowMajorMatrix evals = random_matrix(1 << 9, 5, rng);
  const Fe shift = Fe::from_u64(Fe::kGenerator);
  for (RowOrder order : {RowOrder::kNatural, RowOrder::kBitReversed}) {
    const RowMajorMatrix expect = coset_lde(evals, 2, shift, order);
    RowMajorMatrix out = random_matrix(expect.rows, expect.cols, rng);  // stale contents
    const Fe* storage = out.values.data();
    coset_lde_into(evals, 2, shift, order, out);
    EXPECT_EQ(out.values.data(), storage);
    EXPECT_EQ(out.values, expect.values);
    RowMajorMatrix small = random_matrix(3, 2, rng);  // wrong shape: replaced
    coset_lde_into(evals, 2, shift, order, small);
    EXPECT_EQ(small.rows, expect.rows);
    EXPECT_EQ(small.cols, expect.cols);
    EXPECT_EQ(small.values, expect.values);
    RowMajorMatrix from_coeffs = random_matrix(expect.rows, expect.cols, rng);
    coset_ntt_from_coeffs_into(evals, 2, shift, order, from_coeffs);
    EXPECT_EQ(from_coeffs.values, coset_ntt_from_coeffs(evals, 2, shift, order).values);
  }
}

// Random shapes (odd column counts, sizes around the in-cache limit) against Horner.
TEST_P(NttLevels, RandomShapesAgreeWithHorner) {
  auto rng = make_rng(11);
  for (int t = 0; t < 8; ++t) {
    const unsigned k = 6 + static_cast<unsigned>(rng() % 8);  // 2^6 .. 2^13 rows
    const std::size_t cols = 1 + rng() % 40;
    const unsigned log_blowup = static_cast<unsigned>(rng() % 3);
    const RowMajorMatrix coeffs = random_matrix(std::size_t{1} << k, cols, rng);
    RowMajorMatrix evals = coeffs;
    ntt_columns(evals);
    const Fe shift = testing::random_fe(rng);
    for (RowOrder order : {RowOrder::kNatural, RowOrder::kBitReversed}) {
      SCOPED_TRACE(::testing::Message()
                   << "k " << k << " cols " << cols << " blowup 2^" << log_blowup);
      expect_coset_evaluations(coset_lde(evals, log_blowup, shift, order), coeffs, log_blowup,
                               shift, order, rng);
    }
    intt_columns(evals);
    ASSERT_EQ(evals.values, coeffs.values) << "k " << k << " cols " << cols;
  }
}

// Transforms started from several threads at once (the prover extends instances in parallel)
// share the twiddle cache while it grows; each must match its serial result.
TEST_P(NttLevels, ConcurrentCallersAgreeWithSerial) {
  auto rng = make_rng(10);
  std::vector<RowMajorMatrix> inputs, expect;
  for (unsigned k = 8; k <= 15; ++k) inputs.push_back(random_matrix(std::size_t{1} << k, 3, rng));
  for (const auto& m : inputs)
    expect.push_back(coset_lde(m, 1, Fe::from_u64(7), RowOrder::kNatural));
  std::vector<RowMajorMatrix> got(inputs.size());
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < inputs.size(); ++i)
    threads.emplace_back(
        [&, i] { got[i] = coset_lde(inputs[i], 1, Fe::from_u64(7), RowOrder::kNatural); });
  for (auto& t : threads) t.join();
  for (std::size_t i = 0; i < inputs.size(); ++i) EXPECT_EQ(got[i].values, expect[i].values) << i;
}

INSTANTIATE_TEST_SUITE_P(Simd, NttLevels,
                         ::testing::Values(field::SimdLevel::kScalar, field::SimdLevel::kAvx2,
                                           field::SimdLevel::kAvx512),
                         [](const auto& param_info) {
                           return std::string(field::simd_level_name(param_info.param));
                         });

}  // namespace
}  // namespace ziskc::poly
