// Evaluation tests: Horner against naive power sums, barycentric against Horner on the
// subgroup and on cosets, and the domain's vanishing polynomial.
#include "poly/eval.h"

#include <gtest/gtest.h>

#include "poly/ntt.h"
#include "poly/test_util.h"

namespace ziskc::poly {
namespace {

using testing::make_rng;
using testing::random_fe;
using testing::random_matrix;

Ext3 random_ext(std::mt19937_64& rng) {
  return Ext3(random_fe(rng), random_fe(rng), random_fe(rng));
}

TEST(Eval, HornerMatchesPowerSum) {
  auto rng = make_rng(11);
  for (std::size_t n : {0, 1, 2, 7, 64}) {
    std::vector<Fe> c(n);
    std::vector<Ext3> ce(n);
    for (auto& x : c) x = random_fe(rng);
    for (auto& x : ce) x = random_ext(rng);
    const Ext3 z = random_ext(rng);
    Ext3 expect = Ext3::zero(), expect_e = Ext3::zero(), zi = Ext3::one();
    for (std::size_t i = 0; i < n; ++i, zi *= z) {
      expect += zi * c[i];
      expect_e += zi * ce[i];
    }
    EXPECT_EQ(evaluate_coeffs(c, z), expect) << n;
    EXPECT_EQ(evaluate_coeffs(ce, z), expect_e) << n;
  }
}

TEST(Eval, LongInputsMatchSerialHorner) {
  // Above 2^14 coefficients evaluate_coeffs splits the work into chunks.
  auto rng = make_rng(14);
  for (std::size_t n : {std::size_t{1} << 14, (std::size_t{1} << 16) + 5}) {
    std::vector<Fe> c(n);
    std::vector<Ext3> ce(n);
    for (auto& x : c) x = random_fe(rng);
    for (auto& x : ce) x = random_ext(rng);
    const Ext3 z = random_ext(rng);
    Ext3 expect = Ext3::zero(), expect_e = Ext3::zero();
    for (std::size_t i = n; i-- > 0;) {
      expect = expect * z + c[i];
      expect_e = expect_e * z + ce[i];
    }
    EXPECT_EQ(evaluate_coeffs(c, z), expect) << n;
    EXPECT_EQ(evaluate_coeffs(ce, z), expect_e) << n;
  }
}

TEST(Eval, BarycentricMatchesHorner) {
  auto rng = make_rng(12);
  for (unsigned k : {0u, 1u, 3u, 8u, 12u, 15u}) {
    for (bool coset : {false, true}) {
      const Domain d{.log_n = k, .shift = coset ? random_fe(rng) : Fe::one()};
      const std::size_t cols = 5;
      const RowMajorMatrix coeffs = random_matrix(d.size(), cols, rng);
      // Evaluations on d: coefficients of p(shift * X) are c_i * shift^i.
      RowMajorMatrix evals = coeffs;
      Fe s = Fe::one();
      for (std::size_t i = 0; i < d.size(); ++i, s *= d.shift)
        for (auto& v : evals.row(i)) v *= s;
      ntt_columns(evals);
      for (std::size_t i = 0; i < d.size(); i += std::max<std::size_t>(1, d.size() / 5))
        ASSERT_EQ(evals.at(i, 0), testing::horner(testing::column(coeffs, 0), d.element(i)));
      const Ext3 z = random_ext(rng);
      const std::vector<Ext3> got = evaluate_columns_at(evals, d, z);
      ASSERT_EQ(got.size(), cols);
      for (std::size_t c = 0; c < cols; ++c)
        EXPECT_EQ(got[c], evaluate_coeffs(testing::column(coeffs, c), z)) << "k " << k;
      // The pair (z, z * omega) against Horner at both points (k 12 and 15 span two chunks,
      // so the row after a chunk's last one is read across the boundary and at the wrap).
      const Ext3 zw = z * d.generator();
      const ColumnPairValues pair = evaluate_columns_at_pair(evals, d, z);
      ASSERT_EQ(pair.at_z.size(), cols);
      ASSERT_EQ(pair.at_z_omega.size(), cols);
      for (std::size_t c = 0; c < cols; ++c) {
        EXPECT_EQ(pair.at_z[c], got[c]) << "k " << k;
        EXPECT_EQ(pair.at_z_omega[c], evaluate_coeffs(testing::column(coeffs, c), zw)) << "k " << k;
      }
    }
  }
}

TEST(Domain, ElementsAndVanishing) {
  auto rng = make_rng(13);
  for (unsigned k : {0u, 1u, 5u, 10u}) {
    const Domain d{.log_n = k, .shift = random_fe(rng)};
    EXPECT_EQ(d.size(), std::size_t{1} << k);
    EXPECT_EQ(d.generator().pow(d.size()), Fe::one());
    if (k > 0) {
      EXPECT_NE(d.generator().pow(d.size() / 2), Fe::one());
    }
    EXPECT_EQ(d.element(0), d.shift);
    EXPECT_EQ(d.element(d.size()), d.shift);  // wraps
    for (std::size_t i = 0; i < d.size(); i += 1 + d.size() / 7) {
      EXPECT_TRUE(d.vanishing_at(d.element(i)).is_zero());
      EXPECT_TRUE(d.vanishing_at(Ext3(d.element(i))).is_zero());
    }
    // Off the domain: (x / shift)^n - 1 computed the slow way.
    const Fe x = random_fe(rng);
    EXPECT_EQ(d.vanishing_at(x), (x * d.shift.inverse()).pow(d.size()) - Fe::one());
    const Ext3 z = random_ext(rng);
    EXPECT_EQ(d.vanishing_at(z), (z * d.shift.inverse()).pow(d.size()) - Fe::one());
    EXPECT_FALSE(d.vanishing_at(z).is_zero());
  }
}

}  // namespace
}  // namespace ziskc::poly
