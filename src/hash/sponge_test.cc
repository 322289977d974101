// Row hashing and compression: published linear-hash vectors, the short-row rule, and the
// 4-lane row hasher against the scalar one.
#include "hash/sponge.h"

#include <gtest/gtest.h>

#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

namespace ziskc::hash {
namespace {

std::vector<std::uint64_t> load_linear_kat(std::size_t width) {
  const std::string path = std::string(ZISKC_TEST_DATA_DIR) + "/poseidon2/linear_hash_kat.txt";
  std::ifstream in(path);
  EXPECT_TRUE(in.good()) << "cannot open " << path;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream ls(line);
    std::size_t w = 0;
    char colon = 0;
    ls >> w >> colon;
    if (w != width) continue;
    std::vector<std::uint64_t> out;
    std::string hex;
    while (ls >> hex) out.push_back(std::stoull(hex, nullptr, 16));
    return out;
  }
  ADD_FAILURE() << "no vector for width " << width;
  return {};
}

template <std::size_t W>
void check_linear_kat() {
  std::vector<Fe> row;
  for (std::uint64_t i = 1; i <= 20; ++i) row.push_back(Fe::from_u64(i));
  const Digest d = hash_row<W>(row);
  const auto expected = load_linear_kat(W);
  ASSERT_EQ(expected.size(), 4u);
  for (int i = 0; i < 4; ++i) EXPECT_EQ(d.v[i].value(), expected[i]) << "W " << W << " i " << i;
}

TEST(Sponge, LinearHashKnownAnswers) {
  check_linear_kat<8>();
  check_linear_kat<12>();
  check_linear_kat<16>();
}

TEST(Sponge, ShortRowsAreTheirOwnDigest) {
  const std::vector<Fe> row = {Fe::from_u64(5), Fe::from_u64(6), Fe::from_u64(7)};
  const Digest d = hash_row<16>(row);
  EXPECT_EQ(d.v[0].value(), 5u);
  EXPECT_EQ(d.v[1].value(), 6u);
  EXPECT_EQ(d.v[2].value(), 7u);
  EXPECT_EQ(d.v[3].value(), 0u);
  EXPECT_EQ(hash_row<12>(std::span<const Fe>()), Digest{});
}

TEST(Sponge, FiveElementsArePermuted) {
  std::vector<Fe> row(5, Fe::one());
  Poseidon2<16>::State s{};
  for (int i = 0; i < 5; ++i) s[i] = Fe::one();
  Poseidon2<16>::permute(s);
  const Digest d = hash_row<16>(row);
  for (int i = 0; i < 4; ++i) EXPECT_EQ(d.v[i], s[i]);
}

// The batched row hashes (register-resident SIMD sponges, or the generic batch on the scalar
// backend) under every backend this CPU has, on separately allocated rows (arbitrary
// addresses for the gathers) of lengths around the block boundaries.
TEST(Sponge, RowsX8AndX16MatchScalar) {
  std::mt19937_64 rng(11);
  for (SimdBackend cap : {SimdBackend::kScalar, SimdBackend::kAvx2, SimdBackend::kAvx512}) {
    limit_simd_backend(cap);
    SCOPED_TRACE(::testing::Message() << "backend " << simd_backend_name(active_simd_backend()));
    for (std::size_t len : {0u, 3u, 4u, 5u, 8u, 12u, 13u, 24u, 25u, 100u}) {
      std::vector<std::vector<Fe>> rows(16, std::vector<Fe>(len));
      const Fe* ptrs[16];
      for (int k = 0; k < 16; ++k) {
        for (auto& x : rows[k]) x = Fe::from_u64(rng());
        ptrs[k] = rows[k].data();
      }
      Digest out8[8], out12[8], out16[8], wide8[16], wide12[16], wide16[16];
      hash_rows_x8<8>(ptrs, len, out8);
      hash_rows_x8<12>(ptrs, len, out12);
      hash_rows_x8<16>(ptrs, len, out16);
      hash_rows_x16<8>(ptrs, len, wide8);
      hash_rows_x16<12>(ptrs, len, wide12);
      hash_rows_x16<16>(ptrs, len, wide16);
      for (int k = 0; k < 16; ++k) {
        if (k < 8) {
          EXPECT_EQ(out8[k], hash_row<8>(rows[k])) << "len " << len << " lane " << k;
          EXPECT_EQ(out12[k], hash_row<12>(rows[k])) << "len " << len << " lane " << k;
          EXPECT_EQ(out16[k], hash_row<16>(rows[k])) << "len " << len << " lane " << k;
        }
        EXPECT_EQ(wide8[k], hash_row<8>(rows[k])) << "x16 len " << len << " lane " << k;
        EXPECT_EQ(wide12[k], hash_row<12>(rows[k])) << "x16 len " << len << " lane " << k;
        EXPECT_EQ(wide16[k], hash_row<16>(rows[k])) << "x16 len " << len << " lane " << k;
      }
    }
  }
  limit_simd_backend(SimdBackend::kAvx512);
}

TEST(Sponge, CompressionMatchesPermutationLayout) {
  Digest a, b, c, d;
  for (int i = 0; i < 4; ++i) {
    a.v[i] = Fe::from_u64(i);
    b.v[i] = Fe::from_u64(4 + i);
    c.v[i] = Fe::from_u64(8 + i);
    d.v[i] = Fe::from_u64(12 + i);
  }
  // [0..8) + zero capacity, and [0..16): first 4 outputs of the permutation.
  Poseidon2<12>::State s12{};
  for (int i = 0; i < 8; ++i) s12[i] = Fe::from_u64(i);
  Poseidon2<12>::permute(s12);
  const Digest c2 = compress2(a, b);
  for (int i = 0; i < 4; ++i) EXPECT_EQ(c2.v[i], s12[i]);
  // compress4 of [0..16) is the first 4 elements of the width-16 KAT.
  const Digest c4 = compress4(a, b, c, d);
  EXPECT_EQ(c4.v[0].value(), 0x85c54702470d9756ull);
  EXPECT_EQ(c4.v[3].value(), 0xf3fde5edd3050ac8ull);
  EXPECT_NE(compress2(a, b), compress2(b, a));
}

}  // namespace
}  // namespace ziskc::hash
