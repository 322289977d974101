// Transcript: determinism, domain separation, sensitivity to every input, padding
// injectivity, index range, and proof-of-work grinding.
#include "hash/transcript.h"

#include <gtest/gtest.h>

#include <set>
#include <vector>

namespace ziskc::hash {
namespace {

std::vector<std::uint64_t> draw(Transcript& t, int n) {
  std::vector<std::uint64_t> out;
  for (int i = 0; i < n; ++i) out.push_back(t.squeeze_fe().value());
  return out;
}

TEST(Transcript, Deterministic) {
  Transcript a("ziskc-test"), b("ziskc-test");
  for (Transcript* t : {&a, &b}) {
    t->absorb(Fe::from_u64(42));
    t->absorb(field::Ext3(Fe::from_u64(1), Fe::from_u64(2), Fe::from_u64(3)));
  }
  EXPECT_EQ(draw(a, 30), draw(b, 30));
  EXPECT_EQ(a.squeeze_ext3(), b.squeeze_ext3());
}

TEST(Transcript, LabelsSeparateDomains) {
  Transcript a("stark"), b("starK"), c("stark-longer-label-than-seven-bytes"), d("");
  const auto va = draw(a, 3), vb = draw(b, 3), vc = draw(c, 3), vd = draw(d, 3);
  EXPECT_NE(va, vb);
  EXPECT_NE(va, vc);
  EXPECT_NE(va, vd);
  // A label and the same bytes absorbed later differ (the length is absorbed first).
  Transcript e("ab");
  Transcript f("a");
  f.absorb(Fe::from_u64('b'));
  EXPECT_NE(draw(e, 2), draw(f, 2));
}

TEST(Transcript, EveryInputMatters) {
  std::vector<Fe> base(30);
  for (std::size_t i = 0; i < base.size(); ++i) base[i] = Fe::from_u64(i * 3 + 1);
  Transcript ref("x");
  ref.absorb(base);
  const auto expected = draw(ref, 4);
  for (std::size_t i = 0; i < base.size(); ++i) {
    auto changed = base;
    changed[i] += Fe::one();
    Transcript t("x");
    t.absorb(changed);
    EXPECT_NE(draw(t, 4), expected) << "element " << i;
  }
}

TEST(Transcript, PaddingIsInjective) {
  // [x] vs [x, 0] vs [x, 1], and 12 vs 13 elements around a block boundary.
  std::set<std::vector<std::uint64_t>> seen;
  for (int len = 0; len <= 26; ++len) {
    for (std::uint64_t tail : {0ull, 1ull}) {
      Transcript t("pad");
      for (int i = 0; i + 1 < len; ++i) t.absorb(Fe::from_u64(7));
      if (len > 0) t.absorb(Fe::from_u64(tail));
      auto v = draw(t, 2);
      if (len == 0 && tail == 1) continue;  // same as len 0, tail 0
      EXPECT_TRUE(seen.insert(v).second) << "len " << len << " tail " << tail;
    }
  }
}

TEST(Transcript, SqueezeContinuesAcrossBlocksAndAbsorbResets) {
  Transcript a("s");
  const auto v = draw(a, 30);  // 3 permutations' worth
  EXPECT_EQ(std::set<std::uint64_t>(v.begin(), v.end()).size(), v.size());
  Transcript b("s");
  EXPECT_EQ(draw(b, 5), std::vector<std::uint64_t>(v.begin(), v.begin() + 5));
  b.absorb(Fe::zero());
  EXPECT_NE(draw(b, 1)[0], v[5]);
}

TEST(Transcript, IndicesInRange) {
  Transcript t("idx");
  for (unsigned bits : {0u, 1u, 5u, 20u, 32u}) {
    for (auto i : t.squeeze_indices(200, bits)) EXPECT_LT(i, 1ull << bits);
  }
  // All 16 values of a 4-bit index show up in 1000 draws (probability of failure < 2^-80).
  std::set<std::uint64_t> seen;
  for (auto i : t.squeeze_indices(1000, 4)) seen.insert(i);
  EXPECT_EQ(seen.size(), 16u);
}

TEST(Transcript, GrindingFindsVerifiableNonce) {
  for (unsigned bits : {0u, 1u, 8u, 14u}) {
    Transcript prover("pow");
    prover.absorb(Fe::from_u64(bits + 1000));
    const std::uint64_t nonce = prover.grind(bits);
    Transcript verifier("pow");
    verifier.absorb(Fe::from_u64(bits + 1000));
    EXPECT_TRUE(verifier.check_pow(nonce, bits)) << "bits " << bits;
    // The smallest nonce is returned: every smaller one fails.
    for (std::uint64_t n = 0; n < nonce && n < 2000; ++n) {
      EXPECT_FALSE(verifier.check_pow(n, bits)) << "bits " << bits << " nonce " << n;
    }
    if (bits >= 8) {
      EXPECT_FALSE(verifier.check_pow(nonce + 1, bits) && verifier.check_pow(nonce + 2, bits) &&
                   verifier.check_pow(nonce + 3, bits));
    }
    // Grinding does not absorb: both transcripts still agree afterwards.
    EXPECT_EQ(prover.squeeze_fe(), verifier.squeeze_fe());
  }
}

TEST(Transcript, PowDependsOnState) {
  Transcript a("pow");
  a.absorb(Fe::from_u64(1));
  const std::uint64_t nonce = a.grind(12);
  int accepted = 0;
  for (std::uint64_t v = 2; v < 12; ++v) {
    Transcript b("pow");
    b.absorb(Fe::from_u64(v));
    accepted += b.check_pow(nonce, 12);
  }
  EXPECT_LE(accepted, 1);  // each passes with probability 2^-12
  EXPECT_FALSE(a.check_pow(Fe::kP, 0));
}

}  // namespace
}  // namespace ziskc::hash
