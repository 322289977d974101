// mp.h against GMP: Knuth division on random and adversarial limb patterns (the correction and
// add-back steps of algorithm D are only reached by special limb values), msb, fixed-width ops.
#include "precompile/mp.h"

#include <gtest/gtest.h>

#include "precompile/test_util.h"

namespace ziskc::precompile {
namespace {

using testing::from_mpz;
using testing::Mpz;
using testing::to_mpz;

// Limbs drawn from values that stress quotient estimation (top-bit patterns, all ones, zeros).
std::uint64_t edgy_limb(std::mt19937_64& rng) {
  static constexpr std::uint64_t kEdges[] = {0,
                                             1,
                                             ~std::uint64_t{0},
                                             0x8000000000000000,
                                             0x7fffffffffffffff,
                                             0xfffffffffffffffe,
                                             0x8000000000000001};
  return rng() % 3 == 0 ? rng() : kEdges[rng() % 7];
}

void check_divmod(const std::vector<std::uint64_t>& a, const std::vector<std::uint64_t>& b) {
  std::vector<std::uint64_t> q(a.size()), r(b.size());
  mp::divmod(a, b, q, r);
  Mpz ma = to_mpz(a.data(), a.size()), mb = to_mpz(b.data(), b.size()), mq, mr;
  mpz_tdiv_qr(mq.get(), mr.get(), ma.get(), mb.get());
  ASSERT_EQ(q, from_mpz(mq, q.size())) << "quotient, na=" << a.size() << " nb=" << b.size();
  ASSERT_EQ(r, from_mpz(mr, r.size())) << "remainder, na=" << a.size() << " nb=" << b.size();
}

TEST(Mp, DivmodMatchesGmpOnEdgyLimbs) {
  auto rng = testing::seeded_rng(1001);
  for (int iter = 0; iter < 20000; ++iter) {
    const std::size_t na = 1 + rng() % 12, nb = 1 + rng() % 8;
    std::vector<std::uint64_t> a(na), b(nb);
    for (auto& v : a) v = edgy_limb(rng);
    for (auto& v : b) v = edgy_limb(rng);
    if (mp::significant_limbs(b) == 0) b[0] = 1 + rng() % 5;
    check_divmod(a, b);
  }
}

TEST(Mp, DivmodMatchesGmpOnUniformLimbs) {
  auto rng = testing::seeded_rng(1002);
  for (int iter = 0; iter < 5000; ++iter) {
    const std::size_t na = 1 + rng() % 9, nb = 1 + rng() % 6;
    std::vector<std::uint64_t> a(na), b(nb);
    for (auto& v : a) v = rng();
    for (auto& v : b) v = rng();
    b[nb - 1] >>= rng() % 64;  // every normalisation shift
    if (mp::significant_limbs(b) == 0) b[0] = 3;
    check_divmod(a, b);
  }
}

TEST(Mp, DivmodWideDividend) {
  // bigint_div hint sizes: 256-limb dividend, 128-limb divisor (heap scratch path).
  auto rng = testing::seeded_rng(1003);
  for (int iter = 0; iter < 20; ++iter) {
    std::vector<std::uint64_t> a(256), b(1 + rng() % 128);
    for (auto& v : a) v = edgy_limb(rng);
    for (auto& v : b) v = rng();
    check_divmod(a, b);
  }
}

TEST(Mp, DivmodKnownAddBackCase) {
  // Knuth's qhat is one too large here and the multiply-subtract goes negative:
  // a = 2^192 - 2^128 + ... chosen as in Hacker's Delight's divmnu test (0x8000.../0x7fff...).
  check_divmod({0, 0, 0x8000000000000000, 0x7fffffffffffffff}, {1, 0, 0x8000000000000000});
  check_divmod({0, 0xfffffffffffffffe, 0, 0x8000000000000000},
               {0xffffffffffffffff, 0x8000000000000000});
  check_divmod({0x0000000000000003, 0, 0x8000000000000000},
               {0x0000000000000001, 0, 0x2000000000000000});
}

TEST(Mp, SmallDividendAndSingleLimbDivisor) {
  check_divmod({5}, {7});
  check_divmod({0, 0, 0}, {1, 2});
  check_divmod({~0ull, ~0ull, ~0ull}, {10});
  check_divmod({1, 2, 3}, {0, 0, 0, 9});  // divisor wider than the dividend
}

TEST(Mp, MsbAndSignificantLimbs) {
  const std::vector<std::uint64_t> zero(4, 0);
  EXPECT_EQ(mp::msb_index(zero), -1);
  EXPECT_EQ(mp::significant_limbs(zero), 0u);
  const std::vector<std::uint64_t> v = {1, 0, 0x10, 0};
  EXPECT_EQ(mp::msb_index(v), 128 + 4);
  EXPECT_EQ(mp::significant_limbs(v), 3u);
}

TEST(Mp, FixedWidthAddSubMulMatchGmp) {
  auto rng = testing::seeded_rng(1004);
  for (int iter = 0; iter < 2000; ++iter) {
    mp::Uint<4> a, b;
    for (auto& v : a) v = edgy_limb(rng);
    for (auto& v : b) v = edgy_limb(rng);
    mp::Uint<4> s, d;
    const std::uint64_t carry = mp::add(s, a, b);
    const std::uint64_t borrow = mp::sub(d, a, b);
    const mp::Uint<8> p = mp::mul(a, b);
    Mpz ma = to_mpz(a.data(), 4), mb = to_mpz(b.data(), 4), t;
    mpz_add(t.get(), ma.get(), mb.get());
    std::vector<std::uint64_t> sum(s.begin(), s.end());
    sum.push_back(carry);
    ASSERT_EQ(sum, from_mpz(t, 5));
    mpz_mul(t.get(), ma.get(), mb.get());
    ASSERT_EQ(std::vector<std::uint64_t>(p.begin(), p.end()), from_mpz(t, 8));
    ASSERT_EQ(borrow, mpz_cmp(ma.get(), mb.get()) < 0 ? 1u : 0u);
    ASSERT_EQ(mp::cmp(a, b), (mpz_cmp(ma.get(), mb.get()) > 0) - (mpz_cmp(ma.get(), mb.get()) < 0));
  }
}

}  // namespace
}  // namespace ziskc::precompile
