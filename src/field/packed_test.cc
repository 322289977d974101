// Packed-type specifics the typed laws do not reach: partial loads and stores, the NTT
// shuffles (deinterleave / interleave / load_repeated) against their index definitions, and
// the run-time SIMD level selection.
#include <gtest/gtest.h>

#include <random>
#include <vector>

#include "field/packed_test_ops.h"
#include "field/simd.h"
#include "field/test_util.h"

namespace ziskc::field {
namespace {

using testing::PackedOps;

class PackedSpecifics : public ::testing::TestWithParam<const PackedOps* (*)()> {
 protected:
  void SetUp() override {
    ops_ = GetParam()();
    if (!ops_->supported()) GTEST_SKIP() << "CPU lacks " << simd_level_name(ops_->level);
  }
  const PackedOps* ops_ = nullptr;
};

std::vector<Fe> iota(std::size_t n, std::uint64_t base) {
  std::vector<Fe> v(n);
  for (std::size_t i = 0; i < n; ++i) v[i] = Fe::from_u64(base + i);
  return v;
}

TEST_P(PackedSpecifics, PartialLoadStore) {
  const std::size_t w = ops_->width;
  const std::vector<Fe> a = iota(w, 100);
  for (std::size_t n = 0; n <= w; ++n) {
    std::vector<Fe> out(w, Fe::from_u64(7));
    ops_->partial(a.data(), n, out.data());
    for (std::size_t k = 0; k < w; ++k) ASSERT_EQ(out[k], k < n ? a[k] : Fe::zero()) << n << k;
  }
}

TEST_P(PackedSpecifics, NttShufflesMatchTheirDefinition) {
  const std::size_t w = ops_->width;
  const std::vector<Fe> xy = iota(2 * w, 1);
  for (std::size_t h = 1; h < w; h *= 2) {
    std::vector<Fe> ab(2 * w), back(2 * w);
    ops_->deinterleave(h, xy.data(), ab.data());
    // a = e[i] with (i & h) == 0 in increasing i, b = the others.
    std::vector<Fe> expect;
    for (std::size_t i = 0; i < 2 * w; ++i)
      if ((i & h) == 0) expect.push_back(xy[i]);
    for (std::size_t i = 0; i < 2 * w; ++i)
      if ((i & h) != 0) expect.push_back(xy[i]);
    ASSERT_EQ(ab, expect) << "h = " << h;
    ops_->interleave(h, ab.data(), back.data());
    ASSERT_EQ(back, xy) << "h = " << h;
    std::vector<Fe> rep(w);
    const std::vector<Fe> t = iota(w, 50);
    ops_->load_repeated(h, t.data(), rep.data());
    for (std::size_t j = 0; j < w; ++j) ASSERT_EQ(rep[j], t[j / h]) << "h = " << h;
  }
}

// The lazy dot product against Fe arithmetic: edge values on every other term (carries of the
// low and the middle word on many terms), random values, and 70,000 terms of (p - 1)^2 (the
// largest products: the middle word carries on about every other term).
TEST_P(PackedSpecifics, DotAccumulatorMatchesFieldArithmetic) {
  const std::size_t w = ops_->width;
  const std::vector<std::uint64_t>& edges = testing::edge_values();
  const std::vector<std::size_t> lengths = {0, 1, 2, 7, 1000, 70000};
  std::mt19937_64 rng = testing::make_rng(17);
  for (const std::size_t terms : lengths) {
    std::vector<Fe> a(terms * w), b(terms * w);
    for (std::size_t i = 0; i < a.size(); ++i) {
      const bool edge = (i / w) % 2 == 0;
      a[i] = edge ? Fe::from_canonical(edges[rng() % edges.size()]) : Fe::from_u64(rng());
      b[i] = edge ? Fe::from_canonical(edges[rng() % edges.size()]) : Fe::from_u64(rng());
    }
    if (terms == 70000) {  // all lanes p - 1: the largest products and carry counts
      for (std::size_t i = 0; i < a.size(); ++i) a[i] = b[i] = Fe::zero() - Fe::one();
    }
    std::vector<Fe> out(w);
    ops_->dot(a.data(), b.data(), terms, out.data());
    for (std::size_t k = 0; k < w; ++k) {
      Fe ref = Fe::zero();
      for (std::size_t t = 0; t < terms; ++t) ref += a[t * w + k] * b[t * w + k];
      ASSERT_EQ(out[k], ref) << "terms " << terms << " lane " << k;
    }
  }
}

const PackedOps* scalar() { return &testing::scalar_ops(); }
const PackedOps* avx2() { return &testing::avx2_ops(); }
const PackedOps* avx512() { return &testing::avx512_ops(); }
INSTANTIATE_TEST_SUITE_P(Isa, PackedSpecifics, ::testing::Values(scalar, avx2, avx512),
                         [](const auto& param_info) {
                           return std::string(simd_level_name(param_info.param()->level));
                         });

TEST(SimdLevel, CapAndDetection) {
  const SimdLevel best = simd_level();
  EXPECT_EQ(best == SimdLevel::kAvx512, cpu_has_avx512() && best == SimdLevel::kAvx512);
  limit_simd_level(SimdLevel::kScalar);
  EXPECT_EQ(simd_level(), SimdLevel::kScalar);
  limit_simd_level(SimdLevel::kAvx2);
  EXPECT_EQ(simd_level(), cpu_has_avx2() ? SimdLevel::kAvx2 : SimdLevel::kScalar);
  limit_simd_level(SimdLevel::kAvx512);
  EXPECT_EQ(simd_level(), cpu_has_avx512() ? SimdLevel::kAvx512
                          : cpu_has_avx2() ? SimdLevel::kAvx2
                                           : SimdLevel::kScalar);
  EXPECT_STREQ(simd_level_name(SimdLevel::kAvx2), "avx2");
}

}  // namespace
}  // namespace ziskc::field
