// The Montgomery fields of fields.h against GMP: the moduli against their published hex values,
// reduction of non-canonical inputs, add/sub/mul/pow, and inversion (the optimised binary GCD
// must conclude by itself and agree with GMP and with the slow binary Euclid).
#include "precompile/fields.h"

#include <gtest/gtest.h>

#include "precompile/test_util.h"

namespace ziskc::precompile {
namespace {

using testing::from_mpz;
using testing::Mpz;
using testing::to_mpz;
using Words = std::vector<std::uint64_t>;

template <class F>
void check_field(const char* p_hex, std::uint64_t seed) {
  constexpr std::size_t n = F::N;
  Mpz p(p_hex);
  ASSERT_EQ(Words(F::modulus().begin(), F::modulus().end()), from_mpz(p, n)) << p_hex;
  auto rng = testing::seeded_rng(seed);
  auto random_uint = [&] {
    Words w = testing::random_limbs(rng, n);
    typename F::Uint u;
    for (std::size_t i = 0; i < n; ++i) u[i] = w[i];
    return u;
  };
  int fast_inversions = 0;
  for (int iter = 0; iter < 2000; ++iter) {
    const auto ua = random_uint(), ub = random_uint();
    const auto a = F::from_uint(ua), b = F::from_uint(ub);
    Mpz ma = to_mpz(ua.data(), n), mb = to_mpz(ub.data(), n), t;
    mpz_mod(ma.get(), ma.get(), p.get());
    mpz_mod(mb.get(), mb.get(), p.get());
    auto words = [&](const typename F::Elem& e) {
      const auto u = F::to_uint(e);
      return Words(u.begin(), u.end());
    };
    ASSERT_EQ(words(a), from_mpz(ma, n)) << "reduction";
    mpz_add(t.get(), ma.get(), mb.get());
    mpz_mod(t.get(), t.get(), p.get());
    ASSERT_EQ(words(F::add(a, b)), from_mpz(t, n));
    mpz_sub(t.get(), ma.get(), mb.get());
    mpz_mod(t.get(), t.get(), p.get());
    ASSERT_EQ(words(F::sub(a, b)), from_mpz(t, n));
    mpz_mul(t.get(), ma.get(), mb.get());
    mpz_mod(t.get(), t.get(), p.get());
    ASSERT_EQ(words(F::mul(a, b)), from_mpz(t, n));
    if (iter % 20 == 0) {
      Mpz e = to_mpz(ub.data(), n);  // the exponent is used as given
      mpz_powm(t.get(), ma.get(), e.get(), p.get());
      ASSERT_EQ(words(F::pow(a, ub)), from_mpz(t, n)) << "pow";
    }
    if (mpz_sgn(ma.get()) != 0) {
      ASSERT_NE(mpz_invert(t.get(), ma.get(), p.get()), 0);
      ASSERT_EQ(words(F::inv(a)), from_mpz(t, n)) << "inverse";
      // The plain inverse paths on the plain value itself.
      typename F::Uint plain;
      const Words canon = from_mpz(ma, n);
      for (std::size_t i = 0; i < n; ++i) plain[i] = canon[i];
      typename F::Uint fast;
      if (bingcd_inverse(plain, F::modulus(), F::kC.n0, fast))
        ++fast_inversions;
      else
        ADD_FAILURE() << "bingcd did not conclude";
      ASSERT_EQ(Words(fast.begin(), fast.end()), from_mpz(t, n));
      const auto slow = F::slow_inverse(plain);
      ASSERT_EQ(Words(slow.begin(), slow.end()), from_mpz(t, n));
    }
  }
  EXPECT_GT(fast_inversions, 1500);
  // Edge values for the inverse: 1, p - 1, 2, powers of two.
  for (const char* e : {"1", "2", "3"}) {
    Mpz v(e), inv;
    mpz_invert(inv.get(), v.get(), p.get());
    const Words w = from_mpz(v, n);
    const auto x = F::from_limbs(w.data());
    const auto u = F::to_uint(F::inv(x));
    EXPECT_EQ(Words(u.begin(), u.end()), from_mpz(inv, n)) << e;
  }
  Mpz pm1;
  mpz_sub_ui(pm1.get(), p.get(), 1);
  const Words w = from_mpz(pm1, n);
  const auto u = F::to_uint(F::inv(F::from_limbs(w.data())));
  EXPECT_EQ(Words(u.begin(), u.end()), w) << "(p-1)^-1 = p-1";
  EXPECT_TRUE(F::is_zero(F::inv(F::zero()))) << "inv(0) is 0, not a hang";
}

TEST(Fields, Secp256k1Fp) {
  check_field<Secp256k1Fp>("fffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2f",
                           1101);
}
TEST(Fields, Secp256k1Fn) {
  check_field<Secp256k1Fn>("fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141",
                           1102);
}
TEST(Fields, Secp256r1Fp) {
  check_field<Secp256r1Fp>("ffffffff00000001000000000000000000000000ffffffffffffffffffffffff",
                           1103);
}
TEST(Fields, Secp256r1Fn) {
  check_field<Secp256r1Fn>("ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551",
                           1104);
}
TEST(Fields, Bn254Fp) {
  check_field<Bn254Fp>("30644e72e131a029b85045b68181585d97816a916871ca8d3c208c16d87cfd47", 1105);
}
TEST(Fields, Bls12381Fp) {
  check_field<Bls12381Fp>(
      "1a0111ea397fe69a4b1ba7b6434bacd764774b84f38512bf6730d2a0f6b0f6241eabfffeb153ffffb9feffffffff"
      "aaab",
      1106);
}

}  // namespace
}  // namespace ziskc::precompile
