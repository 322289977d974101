// add256, arith256, arith256_mod, arith384_mod against GMP on random and edge operands
// (all-ones, zero, operands above the modulus, modulus 1 and 2^k, even moduli).
#include "precompile/arith.h"

#include <gtest/gtest.h>

#include "precompile/mp.h"
#include "precompile/test_util.h"

namespace ziskc::precompile {
namespace {

using testing::from_mpz;
using testing::Mpz;
using testing::random_limbs;
using testing::to_mpz;

TEST(Arith, Add256MatchesGmp) {
  auto rng = testing::seeded_rng(4001);
  for (int iter = 0; iter < 5000; ++iter) {
    const auto a = random_limbs(rng, 4), b = random_limbs(rng, 4);
    const std::uint64_t cin = rng() % 2;
    std::uint64_t c[4];
    const std::uint64_t cout = add256(a.data(), b.data(), cin, c);
    Mpz s = to_mpz(a.data(), 4), mb = to_mpz(b.data(), 4);
    mpz_add(s.get(), s.get(), mb.get());
    mpz_add_ui(s.get(), s.get(), cin);
    const auto expected = from_mpz(s, 5);
    ASSERT_EQ(std::vector<std::uint64_t>(c, c + 4),
              std::vector<std::uint64_t>(expected.begin(), expected.begin() + 4));
    ASSERT_EQ(cout, expected[4]);
  }
}

TEST(Arith, Add256CarryInOtherThanOneAddsNothing) {
  // ZisK's precompiles_helpers::add256 adds 1 only for cin == 1.
  const std::uint64_t a[4] = {~0ull, ~0ull, ~0ull, ~0ull}, b[4] = {0, 0, 0, 0};
  std::uint64_t c[4];
  EXPECT_EQ(add256(a, b, 1, c), 1u);
  EXPECT_EQ(c[0], 0u);
  EXPECT_EQ(add256(a, b, 2, c), 0u);
  EXPECT_EQ(c[0], ~0ull);
  EXPECT_EQ(add256(a, b, ~0ull, c), 0u);
}

TEST(Arith, Arith256MatchesGmp) {
  auto rng = testing::seeded_rng(4002);
  for (int iter = 0; iter < 5000; ++iter) {
    const auto a = random_limbs(rng, 4), b = random_limbs(rng, 4), c = random_limbs(rng, 4);
    std::uint64_t dl[4], dh[4];
    arith256(a.data(), b.data(), c.data(), dl, dh);
    Mpz t = to_mpz(a.data(), 4), mb = to_mpz(b.data(), 4), mc = to_mpz(c.data(), 4);
    mpz_mul(t.get(), t.get(), mb.get());
    mpz_add(t.get(), t.get(), mc.get());
    const auto expected = from_mpz(t, 8);
    for (int i = 0; i < 4; ++i) {
      ASSERT_EQ(dl[i], expected[i]);
      ASSERT_EQ(dh[i], expected[4 + i]);
    }
  }
}

template <std::size_t N>
void check_mod(std::mt19937_64& rng, int iters) {
  for (int iter = 0; iter < iters; ++iter) {
    auto a = random_limbs(rng, N), b = random_limbs(rng, N), c = random_limbs(rng, N);
    auto m = random_limbs(rng, N);
    switch (rng() % 6) {
      case 0:
        m.assign(N, 0);
        m[0] = 1;
        break;  // module 1
      case 1:
        m.assign(N, 0);
        m[rng() % N] = 1ull << (rng() % 64);
        break;  // power of two
      case 2:
        m[0] &= ~1ull;
        break;  // even
      default:
        break;
    }
    if (mp::significant_limbs(m) == 0) m[0] = 7;
    std::uint64_t d[N];
    const bool ok = N == 4 ? arith256_mod(a.data(), b.data(), c.data(), m.data(), d)
                           : arith384_mod(a.data(), b.data(), c.data(), m.data(), d);
    ASSERT_TRUE(ok);
    Mpz t = to_mpz(a.data(), N), mb = to_mpz(b.data(), N), mc = to_mpz(c.data(), N);
    Mpz mm = to_mpz(m.data(), N);
    mpz_mul(t.get(), t.get(), mb.get());
    mpz_add(t.get(), t.get(), mc.get());
    mpz_mod(t.get(), t.get(), mm.get());
    ASSERT_EQ(std::vector<std::uint64_t>(d, d + N), from_mpz(t, N)) << "iteration " << iter;
  }
}

TEST(Arith, Arith256ModMatchesGmp) {
  auto rng = testing::seeded_rng(4003);
  check_mod<4>(rng, 5000);
}

TEST(Arith, Arith384ModMatchesGmp) {
  auto rng = testing::seeded_rng(4004);
  check_mod<6>(rng, 5000);
}

TEST(Arith, ZeroModuleIsRejected) {
  const std::uint64_t a[6] = {1, 2, 3, 4, 5, 6}, z[6] = {};
  std::uint64_t d[6];
  EXPECT_FALSE(arith256_mod(a, a, a, z, d));
  EXPECT_FALSE(arith384_mod(a, a, a, z, d));
}

}  // namespace
}  // namespace ziskc::precompile
