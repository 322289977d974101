// The batched Merkle check against hash::MerkleTreeVerifier: honest openings of trees of
// several shapes pass; every tampered opening (a value, a sibling, a padding sibling made
// non-zero) fails with the reference verifier's message.
#include "stark/merkle_batch.h"

#include <gtest/gtest.h>

#include <random>

#include "hash/merkle.h"

namespace ziskc::stark {
namespace {

TEST(MerkleBatchTest, AgreesWithTheReferenceVerifier) {
  const std::uint64_t seed = 99;
  std::mt19937_64 rng(seed);
  SCOPED_TRACE(::testing::Message() << "seed " << seed);
  for (std::size_t height :
       {std::size_t{1}, std::size_t{2}, std::size_t{8}, std::size_t{32}, std::size_t{1024}}) {
    for (std::size_t width :
         {std::size_t{1}, std::size_t{4}, std::size_t{6}, std::size_t{24}, std::size_t{64}}) {
      std::vector<Fe> values(height * width);
      for (Fe& v : values) v = Fe::from_u64(rng());
      auto tree = hash::MerkleTree::build(values, width, height, 4);
      ASSERT_TRUE(tree.is_ok());
      auto ref = hash::MerkleTreeVerifier::create(width, height, 4);
      ASSERT_TRUE(ref.is_ok());
      const std::size_t nq = 19;  // not a multiple of 8
      std::vector<std::uint64_t> idx(nq);
      std::vector<TreeOpening> ops(nq);
      for (std::size_t q = 0; q < nq; ++q) {
        idx[q] = rng() % height;
        hash::MerkleOpening o = tree->open_row(idx[q]);
        ops[q] = {o.values, o.siblings};
      }
      std::vector<const TreeOpening*> ptrs(nq);
      for (std::size_t q = 0; q < nq; ++q) ptrs[q] = &ops[q];
      for (const Status& st : verify_openings(*ref, width, height, tree->root(), idx, ptrs)) {
        EXPECT_TRUE(st.is_ok()) << st.message();
      }
      // Tamper one opening in three ways, including padding siblings where the top level is
      // padded (height 2, 8, 32 with arity 4).
      for (int kind = 0; kind < 3; ++kind) {
        std::vector<TreeOpening> bad = ops;
        const std::size_t q = rng() % nq;
        if (kind == 0) {
          bad[q].values[rng() % width] += Fe::one();
        } else if (!bad[q].siblings.empty()) {
          const std::size_t s =
              kind == 1 ? rng() % bad[q].siblings.size() : bad[q].siblings.size() - 1;
          bad[q].siblings[s].v[0] += Fe::one();
        } else {
          continue;
        }
        for (std::size_t k = 0; k < nq; ++k) ptrs[k] = &bad[k];
        auto res = verify_openings(*ref, width, height, tree->root(), idx, ptrs);
        Status expect = ref->verify(tree->root(), idx[q],
                                    hash::MerkleOpening{idx[q], bad[q].values, bad[q].siblings});
        ASSERT_FALSE(expect.is_ok());
        EXPECT_EQ(res[q].code(), expect.code());
        EXPECT_EQ(res[q].message(), expect.message());
        for (std::size_t k = 0; k < nq; ++k) {
          if (k != q && !(bad[k] == bad[q])) {
            EXPECT_TRUE(res[k].is_ok());
          }
        }
      }
    }
  }
}

}  // namespace
}  // namespace ziskc::stark
