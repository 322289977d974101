// Merkle tree: roots against a direct recursive reference, openings verify, and every bit
// flip in an opening (values, siblings, index) is rejected.
#include "hash/merkle.h"

#include <gtest/gtest.h>

#include <random>
#include <vector>

#include "hash/merkle_verifier.h"

namespace ziskc::hash {
namespace {

std::vector<Fe> random_matrix(std::size_t width, std::size_t height, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::vector<Fe> m(width * height);
  for (auto& x : m) x = Fe::from_u64(rng());
  return m;
}

// Straightforward reference: hash rows one by one, then fold levels with zero padding.
Digest reference_root(const std::vector<Fe>& m, std::size_t width, std::size_t height,
                      unsigned arity) {
  std::vector<Digest> level;
  for (std::size_t i = 0; i < height; ++i) {
    std::span<const Fe> row(m.data() + i * width, width);
    level.push_back(arity == 2 ? hash_row<12>(row) : hash_row<16>(row));
  }
  while (level.size() > 1) {
    while (level.size() % arity) level.push_back(Digest{});
    std::vector<Digest> next;
    for (std::size_t i = 0; i < level.size(); i += arity) {
      next.push_back(compress_children(std::span<const Digest>(&level[i], arity)));
    }
    level = next;
  }
  return level[0];
}

struct Shape {
  std::size_t width, height;
  unsigned arity;
};

class MerkleShapes : public ::testing::TestWithParam<Shape> {};

TEST_P(MerkleShapes, RootMatchesReferenceAndOpeningsVerify) {
  const Shape sh = GetParam();
  const auto m = random_matrix(sh.width, sh.height, 1000 + sh.height * 7 + sh.arity);
  auto tree = MerkleTree::build(m, sh.width, sh.height, sh.arity);
  ASSERT_TRUE(tree.is_ok()) << tree.status().message();
  EXPECT_EQ(tree->root(), reference_root(m, sh.width, sh.height, sh.arity));
  auto ver = MerkleTreeVerifier::create(sh.width, sh.height, sh.arity);
  ASSERT_TRUE(ver.is_ok());
  std::vector<std::uint64_t> rows;
  for (std::uint64_t r = 0; r < sh.height; r += 1 + sh.height / 9) rows.push_back(r);
  rows.push_back(sh.height - 1);
  auto openings = tree->open(rows);
  ASSERT_TRUE(openings.is_ok());
  Status st = ver->verify_all(tree->root(), rows, *openings);
  EXPECT_TRUE(st.is_ok()) << st.message();
}

INSTANTIATE_TEST_SUITE_P(Shapes, MerkleShapes,
                         ::testing::Values(Shape{1, 1, 4}, Shape{3, 1, 2}, Shape{7, 2, 2},
                                           Shape{5, 5, 4}, Shape{13, 17, 2}, Shape{100, 64, 4},
                                           Shape{12, 65, 4}, Shape{4, 33, 2}, Shape{25, 1000, 4},
                                           Shape{0, 6, 4}));

TEST(Merkle, EveryBitFlipIsRejected) {
  for (unsigned arity : {2u, 4u}) {
    const std::size_t width = 6, height = 23;  // padded levels on both arities
    const auto m = random_matrix(width, height, 77 + arity);
    auto tree = MerkleTree::build(m, width, height, arity);
    ASSERT_TRUE(tree.is_ok());
    auto ver = MerkleTreeVerifier::create(width, height, arity);
    ASSERT_TRUE(ver.is_ok());
    for (std::uint64_t row : {0ull, 9ull, 22ull}) {
      const MerkleOpening good = tree->open_row(row);
      ASSERT_TRUE(ver->verify(tree->root(), row, good).is_ok());
      int checked = 0;
      // Values.
      for (std::size_t i = 0; i < good.values.size(); ++i) {
        for (int bit = 0; bit < 64; ++bit) {
          MerkleOpening bad = good;
          bad.values[i] = Fe::from_u64(good.values[i].value() ^ (1ull << bit));
          EXPECT_FALSE(ver->verify(tree->root(), row, bad).is_ok())
              << "arity " << arity << " row " << row << " value " << i << " bit " << bit;
          ++checked;
        }
      }
      // Siblings.
      for (std::size_t s = 0; s < good.siblings.size(); ++s) {
        for (int e = 0; e < 4; ++e) {
          for (int bit = 0; bit < 64; ++bit) {
            MerkleOpening bad = good;
            bad.siblings[s].v[e] = Fe::from_u64(good.siblings[s].v[e].value() ^ (1ull << bit));
            EXPECT_FALSE(ver->verify(tree->root(), row, bad).is_ok())
                << "arity " << arity << " row " << row << " sibling " << s << " bit " << bit;
            ++checked;
          }
        }
      }
      // Index: a flipped index is rejected both when the verifier queried the original row
      // and when it queried the flipped row (the path then does not fit).
      for (int bit = 0; bit < 64; ++bit) {
        MerkleOpening bad = good;
        bad.index ^= 1ull << bit;
        EXPECT_FALSE(ver->verify(tree->root(), row, bad).is_ok()) << "index bit " << bit;
        EXPECT_FALSE(ver->verify(tree->root(), bad.index, bad).is_ok()) << "index bit " << bit;
        ++checked;
      }
      EXPECT_GT(checked, 64 * 7);
    }
  }
}

TEST(Merkle, PreciseErrors) {
  const std::size_t width = 3, height = 10;
  const auto m = random_matrix(width, height, 5);
  auto tree = MerkleTree::build(m, width, height, 4);
  ASSERT_TRUE(tree.is_ok());
  auto ver = MerkleTreeVerifier::create(width, height, 4);
  ASSERT_TRUE(ver.is_ok());
  MerkleOpening o = tree->open_row(9);
  MerkleOpening short_values = o;
  short_values.values.pop_back();
  Status st = ver->verify(tree->root(), 9, short_values);
  EXPECT_EQ(st.code(), ErrorCode::kMalformedProof);
  EXPECT_EQ(st.message(), "merkle opening of row 9: expected 3 values, got 2");
  MerkleOpening short_sib = o;
  short_sib.siblings.pop_back();
  st = ver->verify(tree->root(), 9, short_sib);
  EXPECT_EQ(st.code(), ErrorCode::kMalformedProof);
  EXPECT_EQ(st.message(), "merkle opening of row 9: expected 6 siblings (2 levels x 3), got 5");
  // Row 9 sits in the last group of level 0 ({8, 9, 10, 11}): 10 and 11 are padding.
  MerkleOpening pad = o;
  pad.siblings[1].v[0] = Fe::one();
  st = ver->verify(tree->root(), 9, pad);
  EXPECT_EQ(st.message(),
            "merkle opening of row 9: level 0: sibling at position 10 is padding and must be "
            "zero");
  MerkleOpening wrong = o;
  wrong.values[0] += Fe::one();
  st = ver->verify(tree->root(), 9, wrong);
  EXPECT_EQ(st.code(), ErrorCode::kVerifyFailed);
  std::vector<std::uint64_t> idx = {9};
  std::vector<MerkleOpening> ops = {wrong};
  st = ver->verify_all(tree->root(), idx, ops);
  EXPECT_EQ(st.message(),
            "query 0: merkle opening of row 9: path does not reach the root (2 levels)");
  EXPECT_FALSE(tree->open(std::vector<std::uint64_t>{10}).is_ok());
}

TEST(Merkle, BuildRejectsBadShapes) {
  std::vector<Fe> m(10);
  EXPECT_EQ(MerkleTree::build(m, 3, 3, 4).status().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(MerkleTree::build(m, 5, 2, 3).status().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(MerkleTree::build(m, 5, 0, 4).status().code(), ErrorCode::kInvalidArgument);
  EXPECT_FALSE(MerkleTreeVerifier::create(5, 2, 8).is_ok());
  EXPECT_FALSE(MerkleTreeVerifier::create(5, 0, 4).is_ok());
  EXPECT_FALSE(MerkleTreeVerifier::create(0, (1ull << 32) + 1, 4).is_ok());
  EXPECT_EQ(MerkleTree::build({}, 0, (1ull << 32) + 1, 4).status().code(),
            ErrorCode::kInvalidArgument);
}

}  // namespace
}  // namespace ziskc::hash
