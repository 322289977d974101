// Field tests. One typed suite runs the same laws and reference checks over Fe, Ext3 and the
// packed types of every ISA (through the lane adaptors of test_util.h): random elements plus
// edge values, checked against integer arithmetic mod p (unsigned __int128 %), not against
// the reductions under test. Then Fe and Ext3 specifics: from_u64/from_i64, two-adic roots
// (order exactly 2^k, Plonky2's published generator), the group generator, inverse and
// batch_inverse (with zeros), the lazy accumulator, Frobenius, and that X^3 - X - 1 is
// irreducible (so Ext3 is a field).
#include <gtest/gtest.h>

#include <vector>

#include "field/ext3.h"
#include "field/goldilocks.h"
#include "field/test_util.h"

namespace ziskc::field {
namespace {

using testing::edge_values;
using testing::ExtLanes;
using testing::Lanes;
using testing::make_rng;
using testing::random_ext;
using testing::random_fe;

// p^3 - 2 as three little-endian 64-bit limbs (for the Ext3 inverse reference a^(p^3 - 2)).
std::array<std::uint64_t, 3> p_cubed_minus_2() {
  // Multiply limb vectors by p = 2^64 - 2^32 + 1 with 128-bit intermediates.
  auto mul_p = [](const std::vector<std::uint64_t>& x) {
    std::vector<std::uint64_t> r(x.size() + 1, 0);
    unsigned __int128 carry = 0;
    for (std::size_t i = 0; i < r.size(); ++i) {
      const unsigned __int128 xi = i < x.size() ? x[i] : 0;
      const unsigned __int128 t = xi * Fe::kP + carry;
      r[i] = static_cast<std::uint64_t>(t);
      carry = t >> 64;
    }
    return r;
  };
  std::vector<std::uint64_t> p3 = mul_p(mul_p({Fe::kP}));
  // Subtract 2 (p^3 is odd and large, no borrow past limb 1 in practice; handled anyway).
  std::uint64_t borrow = 2;
  for (auto& limb : p3) {
    const std::uint64_t before = limb;
    limb -= borrow;
    borrow = before < borrow ? 1 : 0;
  }
  return {p3[0], p3[1], p3[2]};
}

Ext3 ref_ext_pow_big(const Ext3& a, const std::array<std::uint64_t, 3>& e) {
  Ext3 r = Ext3::one();
  for (int limb = 2; limb >= 0; --limb)
    for (int bit = 63; bit >= 0; --bit) {
      r = testing::ref_ext_mul(r, r);
      if ((e[limb] >> bit) & 1) r = testing::ref_ext_mul(r, a);
    }
  return r;
}

// ---- Per-type traits: random elements, edge elements and reference operations. ----

template <class T>
struct Traits;

template <>
struct Traits<Fe> {
  static bool supported() { return true; }
  static Fe random(std::mt19937_64& rng) { return random_fe(rng); }
  static Fe edge(std::size_t i, std::size_t j) {
    (void)j;
    return Fe::from_canonical(edge_values()[i % edge_values().size()]);
  }
  static Fe ref_add(Fe a, Fe b) {
    return Fe::from_canonical(testing::ref_add(a.value(), b.value()));
  }
  static Fe ref_sub(Fe a, Fe b) {
    return Fe::from_canonical(testing::ref_sub(a.value(), b.value()));
  }
  static Fe ref_mul(Fe a, Fe b) {
    return Fe::from_canonical(testing::ref_mul(a.value(), b.value()));
  }
  static Fe ref_neg(Fe a) { return ref_sub(Fe::zero(), a); }
  static Fe ref_inverse(Fe a) {
    return Fe::from_canonical(testing::ref_pow(a.value(), Fe::kP - 2));
  }
};

template <>
struct Traits<Ext3> {
  static bool supported() { return true; }
  static Ext3 random(std::mt19937_64& rng) { return random_ext(rng); }
  static Ext3 edge(std::size_t i, std::size_t j) {
    const auto& e = edge_values();
    return Ext3(Fe::from_canonical(e[i % e.size()]), Fe::from_canonical(e[j % e.size()]),
                Fe::from_canonical(e[(i + j) % e.size()]));
  }
  template <class F>
  static Ext3 each(const Ext3& a, const Ext3& b, F f) {
    return Ext3(f(a[0], b[0]), f(a[1], b[1]), f(a[2], b[2]));
  }
  static Ext3 ref_add(Ext3 a, Ext3 b) { return each(a, b, Traits<Fe>::ref_add); }
  static Ext3 ref_sub(Ext3 a, Ext3 b) { return each(a, b, Traits<Fe>::ref_sub); }
  static Ext3 ref_mul(Ext3 a, Ext3 b) { return testing::ref_ext_mul(a, b); }
  static Ext3 ref_neg(Ext3 a) { return ref_sub(Ext3::zero(), a); }
  static Ext3 ref_inverse(Ext3 a) {
    static const auto e = p_cubed_minus_2();
    return ref_ext_pow_big(a, e);
  }
};

// Lane adaptors: reference = the scalar reference lane by lane.
template <class L, class S>
struct LaneTraits {
  static bool supported() { return L::ops().supported(); }
  static L random(std::mt19937_64& rng) {
    L r;
    for (auto& x : r.v) x = Traits<S>::random(rng);
    return r;
  }
  static L edge(std::size_t i, std::size_t j) {
    L r;
    for (std::size_t k = 0; k < L::kLanes; ++k) r.v[k] = Traits<S>::edge(i + k, j + 3 * k);
    return r;
  }
  template <class F>
  static L each(const L& a, const L& b, F f) {
    L r;
    for (std::size_t k = 0; k < L::kLanes; ++k) r.v[k] = f(a.v[k], b.v[k]);
    return r;
  }
  static L ref_add(const L& a, const L& b) { return each(a, b, Traits<S>::ref_add); }
  static L ref_sub(const L& a, const L& b) { return each(a, b, Traits<S>::ref_sub); }
  static L ref_mul(const L& a, const L& b) { return each(a, b, Traits<S>::ref_mul); }
  static L ref_neg(const L& a) { return ref_sub(L::zero(), a); }
  static L ref_inverse(const L& a) {
    return each(a, a, [](const S& x, const S&) { return Traits<S>::ref_inverse(x); });
  }
};

using ScalarLanes = Lanes<testing::scalar_ops>;
using Avx2Lanes = Lanes<testing::avx2_ops>;
using Avx512Lanes = Lanes<testing::avx512_ops>;
using ScalarExtLanes = ExtLanes<testing::scalar_ops>;
using Avx2ExtLanes = ExtLanes<testing::avx2_ops>;
using Avx512ExtLanes = ExtLanes<testing::avx512_ops>;
template <>
struct Traits<ScalarLanes> : LaneTraits<ScalarLanes, Fe> {};
template <>
struct Traits<Avx2Lanes> : LaneTraits<Avx2Lanes, Fe> {};
template <>
struct Traits<Avx512Lanes> : LaneTraits<Avx512Lanes, Fe> {};
template <>
struct Traits<ScalarExtLanes> : LaneTraits<ScalarExtLanes, Ext3> {};
template <>
struct Traits<Avx2ExtLanes> : LaneTraits<Avx2ExtLanes, Ext3> {};
template <>
struct Traits<Avx512ExtLanes> : LaneTraits<Avx512ExtLanes, Ext3> {};

// ---- The typed suite. ----

template <class T>
class FieldLaws : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!Traits<T>::supported()) GTEST_SKIP() << "CPU lacks this SIMD level";
  }
  T random() { return Traits<T>::random(rng_); }
  std::mt19937_64 rng_ = make_rng(reinterpret_cast<std::uintptr_t>(&typeid(T)) & 0xFFFF);
};

using FieldTypes = ::testing::Types<Fe, Ext3, ScalarLanes, Avx2Lanes, Avx512Lanes, ScalarExtLanes,
                                    Avx2ExtLanes, Avx512ExtLanes>;
class FieldTypeNames {
 public:
  template <class T>
  static std::string GetName(int) {
    if constexpr (std::is_same_v<T, Fe>) return "Fe";
    if constexpr (std::is_same_v<T, Ext3>) return "Ext3";
    if constexpr (std::is_same_v<T, ScalarLanes>) return "PackedScalar";
    if constexpr (std::is_same_v<T, Avx2Lanes>) return "PackedAvx2";
    if constexpr (std::is_same_v<T, Avx512Lanes>) return "PackedAvx512";
    if constexpr (std::is_same_v<T, ScalarExtLanes>) return "PackedExt3Scalar";
    if constexpr (std::is_same_v<T, Avx2ExtLanes>) return "PackedExt3Avx2";
    if constexpr (std::is_same_v<T, Avx512ExtLanes>) return "PackedExt3Avx512";
    return "?";
  }
};
TYPED_TEST_SUITE(FieldLaws, FieldTypes, FieldTypeNames);

TYPED_TEST(FieldLaws, RingAxioms) {
  using T = TypeParam;
  const T zero = T::zero(), one = T::one();
  for (int it = 0; it < 300; ++it) {
    const T a = this->random(), b = this->random(), c = this->random();
    ASSERT_EQ(a + b, b + a);
    ASSERT_EQ(a * b, b * a);
    ASSERT_EQ((a + b) + c, a + (b + c));
    ASSERT_EQ((a * b) * c, a * (b * c));
    ASSERT_EQ(a * (b + c), a * b + a * c);
    ASSERT_EQ(a + zero, a);
    ASSERT_EQ(a * one, a);
    ASSERT_EQ(a * zero, zero);
    ASSERT_EQ(a - a, zero);
    ASSERT_EQ(a + (-a), zero);
    ASSERT_EQ(-(-a), a);
    ASSERT_EQ((a - b) + b, a);
    ASSERT_EQ(a - b, a + (-b));
    ASSERT_EQ(a.square(), a * a);
    T acc = a;
    acc += b;
    ASSERT_EQ(acc, a + b);
    acc *= c;
    ASSERT_EQ(acc, (a + b) * c);
  }
}

TYPED_TEST(FieldLaws, MatchesReferenceArithmetic) {
  using T = TypeParam;
  using R = Traits<T>;
  auto check = [](const T& a, const T& b) {
    ASSERT_EQ(a + b, R::ref_add(a, b));
    ASSERT_EQ(a - b, R::ref_sub(a, b));
    ASSERT_EQ(a * b, R::ref_mul(a, b));
    ASSERT_EQ(-a, R::ref_neg(a));
    ASSERT_EQ(a.square(), R::ref_mul(a, a));
  };
  const std::size_t ne = edge_values().size();
  for (std::size_t i = 0; i < ne; ++i)
    for (std::size_t j = 0; j < ne; ++j) {
      ASSERT_NO_FATAL_FAILURE(check(R::edge(i, j), R::edge(j, i + 5)));
    }
  for (int it = 0; it < 2000; ++it) ASSERT_NO_FATAL_FAILURE(check(this->random(), this->random()));
}

TYPED_TEST(FieldLaws, InverseAndPow) {
  using T = TypeParam;
  using R = Traits<T>;
  EXPECT_TRUE(T::zero().inverse().is_zero());
  EXPECT_EQ(T::one().inverse(), T::one());
  const int iters = std::is_same_v<T, Ext3> || std::is_same_v<T, Fe> ? 100 : 10;
  for (int it = 0; it < iters; ++it) {
    const T a = this->random();
    const T inv = a.inverse();
    ASSERT_EQ(inv, R::ref_inverse(a));  // lane-wise, zero lanes map to zero
    ASSERT_EQ(inv.inverse(), a);
    ASSERT_EQ(a.pow(0), T::one());
    ASSERT_EQ(a.pow(1), a);
    ASSERT_EQ(a.pow(5), a * a * a * a * a);
    const std::uint64_t e1 = this->rng_() >> 1, e2 = this->rng_() >> 1;
    ASSERT_EQ(a.pow(e1) * a.pow(e2), a.pow(e1 + e2));
  }
  // Non-zero elements: a * a^-1 = 1 in every lane.
  for (std::size_t i = 1; i < edge_values().size(); ++i) {
    const T a = R::edge(i, i);
    if (!(a.inverse() * a == T::one())) {
      ASSERT_EQ(a.inverse(), R::ref_inverse(a));  // a has a zero lane
    }
  }
}

// ---- Fe specifics. ----

TEST(Fe, Conversions) {
  EXPECT_EQ(Fe::from_u64(Fe::kP).value(), 0u);
  EXPECT_EQ(Fe::from_u64(Fe::kP + 5).value(), 5u);
  EXPECT_EQ(Fe::from_u64(~0ull).value(), ~0ull - Fe::kP);
  EXPECT_EQ(Fe::from_u64(Fe::kP - 1).value(), Fe::kP - 1);
  EXPECT_EQ(Fe::from_i64(0), Fe::zero());
  EXPECT_EQ(Fe::from_i64(-1).value(), Fe::kP - 1);
  EXPECT_EQ(Fe::from_i64(5).value(), 5u);
  EXPECT_EQ(Fe::from_i64(INT64_MAX).value(), static_cast<std::uint64_t>(INT64_MAX));
  EXPECT_EQ(Fe::from_i64(INT64_MIN).value(), Fe::kP - (1ull << 63));
  EXPECT_EQ(Fe::from_i64(-INT64_MAX).value(), Fe::kP - static_cast<std::uint64_t>(INT64_MAX));
  auto rng = make_rng(100);
  for (int it = 0; it < 1000; ++it) {
    const auto v = static_cast<std::int64_t>(rng());
    const Fe expect = v >= 0 ? Fe::from_u64(static_cast<std::uint64_t>(v))
                             : Fe::zero() - Fe::from_u64(0 - static_cast<std::uint64_t>(v));
    ASSERT_EQ(Fe::from_i64(v), expect) << v;
    ASSERT_EQ(Fe::from_i64(v) + Fe::from_i64(-v), Fe::zero()) << v;
  }
  static_assert(Fe::from_i64(-2) + Fe::from_u64(2) == Fe::zero());
}

TEST(Fe, TwoAdicRoots) {
  // Plonky2 / Plonky3 POWER_OF_TWO_GENERATOR: 7^((p - 1) / 2^32).
  EXPECT_EQ(Fe::two_adic_root(32).value(), 1753635133440165772ull);
  EXPECT_EQ(Fe::two_adic_root(32).value(), testing::ref_pow(7, (Fe::kP - 1) >> 32));
  EXPECT_EQ(Fe::two_adic_root(0), Fe::one());
  EXPECT_EQ(Fe::two_adic_root(1).value(), Fe::kP - 1);
  EXPECT_EQ(Fe::two_adic_root(2).value(), 1ull << 48);  // 2^96 = -1, so (2^48)^2 = -1
  for (unsigned k = 1; k <= 32; ++k) {
    const Fe r = Fe::two_adic_root(k);
    // Order exactly 2^k: r^(2^(k-1)) = -1 (hence r^(2^k) = 1 and no smaller power of 2).
    Fe x = r;
    for (unsigned i = 1; i < k; ++i) x = x.square();
    ASSERT_EQ(x.value(), Fe::kP - 1) << k;
    ASSERT_EQ(r.square(), Fe::two_adic_root(k - 1)) << k;
  }
}

TEST(Fe, GeneratorGeneratesTheMultiplicativeGroup) {
  // p - 1 = 2^32 * 3 * 5 * 17 * 257 * 65537.
  const std::uint64_t primes[] = {2, 3, 5, 17, 257, 65537};
  std::uint64_t m = Fe::kP - 1;
  for (std::uint64_t q : primes)
    while (m % q == 0) m /= q;
  EXPECT_EQ(m, 1u);
  for (std::uint64_t q : primes)
    EXPECT_NE(Fe::from_u64(Fe::kGenerator).pow((Fe::kP - 1) / q), Fe::one()) << q;
}

TEST(Fe, InverseMatchesFermatAndBatchInverse) {
  auto rng = make_rng(101);
  for (int it = 0; it < 500; ++it) {
    const Fe a = random_fe(rng);
    ASSERT_EQ(a.inverse(), a.pow(Fe::kP - 2));
    if (!a.is_zero()) {
      ASSERT_EQ(a * a.inverse(), Fe::one());
    }
  }
  static_assert(Fe::from_u64(3).inverse() * Fe::from_u64(3) == Fe::one());
  for (std::size_t n : {0, 1, 2, 7, 100}) {
    std::vector<Fe> xs(n);
    for (auto& x : xs) x = rng() % 4 == 0 ? Fe::zero() : random_fe(rng);
    std::vector<Fe> got = xs;
    batch_inverse(got);
    for (std::size_t i = 0; i < n; ++i) ASSERT_EQ(got[i], xs[i].inverse()) << i;
  }
  std::vector<Fe> zeros(5);
  batch_inverse(zeros);
  for (Fe z : zeros) EXPECT_TRUE(z.is_zero());
}

TEST(Fe, AccumulatorIsTheSumOfProducts) {
  auto rng = make_rng(102);
  for (std::size_t n : {0, 1, 3, 100, 5000}) {
    FeAccumulator acc;
    Fe expect = Fe::zero();
    for (std::size_t i = 0; i < n; ++i) {
      // Worst case for the carry word: products near p^2.
      const Fe a = i % 3 == 0 ? Fe::from_canonical(Fe::kP - 1) : random_fe(rng);
      const Fe b = i % 3 == 0 ? Fe::from_canonical(Fe::kP - 1) : random_fe(rng);
      acc.add_product(a, b);
      acc.add(b);
      expect += a * b + b;
    }
    ASSERT_EQ(acc.reduce(), expect) << n;
  }
}

// ---- Ext3 specifics. ----

TEST(Ext3, FrobeniusIsThePthPower) {
  auto rng = make_rng(103);
  for (int it = 0; it < 50; ++it) {
    const Ext3 a = random_ext(rng);
    const Ext3 ap = a.frobenius();
    ASSERT_EQ(ap, a.pow(Fe::kP));
    ASSERT_EQ(ap.frobenius().frobenius(), a);  // a^(p^3) = a
    // The norm a^(1 + p + p^2) lies in F_p.
    const Ext3 norm = a * ap * ap.frobenius();
    ASSERT_TRUE(norm[1].is_zero() && norm[2].is_zero());
    // Base elements are fixed.
    ASSERT_EQ(Ext3(a[0]).frobenius(), Ext3(a[0]));
  }
}

TEST(Ext3, BaseFieldEmbedding) {
  auto rng = make_rng(104);
  for (int it = 0; it < 100; ++it) {
    const Fe x = random_fe(rng), y = random_fe(rng);
    const Ext3 a = random_ext(rng);
    ASSERT_EQ(Ext3(x) * Ext3(y), Ext3(x * y));
    ASSERT_EQ(Ext3(x).inverse(), Ext3(x.inverse()));
    ASSERT_EQ(a * x, a * Ext3(x));
    ASSERT_EQ(x * a, a * Ext3(x));
    ASSERT_EQ(a + x, a + Ext3(x));
    ASSERT_EQ(a - x, a - Ext3(x));
  }
  // X^3 = X + 1.
  const Ext3 X(Fe::zero(), Fe::one(), Fe::zero());
  EXPECT_EQ(X * X * X, X + Ext3::one());
}

TEST(Ext3, BatchInverseWithZeros) {
  auto rng = make_rng(105);
  std::vector<Ext3> xs(64);
  for (auto& x : xs) x = rng() % 5 == 0 ? Ext3::zero() : random_ext(rng);
  std::vector<Ext3> got = xs;
  batch_inverse(std::span<Ext3>(got));
  for (std::size_t i = 0; i < xs.size(); ++i) ASSERT_EQ(got[i], xs[i].inverse()) << i;
}

// gcd over F_p of two polynomials (coefficient vectors, low degree first).
std::vector<Fe> poly_gcd(std::vector<Fe> a, std::vector<Fe> b) {
  auto trim = [](std::vector<Fe>& v) {
    while (!v.empty() && v.back().is_zero()) v.pop_back();
  };
  trim(a);
  trim(b);
  while (!b.empty()) {
    // a = a mod b
    while (a.size() >= b.size()) {
      const Fe f = a.back() * b.back().inverse();
      const std::size_t shift = a.size() - b.size();
      for (std::size_t i = 0; i < b.size(); ++i) a[shift + i] -= f * b[i];
      trim(a);
      if (a.empty()) break;
    }
    std::swap(a, b);
  }
  return a;
}

TEST(Ext3, ModulusIsIrreducible) {
  // A cubic is irreducible over F_p iff it has no root, iff gcd(X^p - X, f) = 1.
  // X^p mod f = Ext3 X raised to p.
  const Ext3 X(Fe::zero(), Fe::one(), Fe::zero());
  const Ext3 xp = X.pow(Fe::kP);
  const std::vector<Fe> g = {xp[0], xp[1] - Fe::one(), xp[2]};
  const std::vector<Fe> f = {Fe::zero() - Fe::one(), Fe::zero() - Fe::one(), Fe::zero(), Fe::one()};
  const std::vector<Fe> d = poly_gcd(f, g);
  ASSERT_EQ(d.size(), 1u) << "X^3 - X - 1 has a root in F_p";
}

}  // namespace
}  // namespace ziskc::field
