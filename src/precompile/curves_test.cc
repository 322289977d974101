// curve_add / curve_dbl / complex_op against independent implementations: libsecp256k1
// (secp256k1_ec_pubkey_combine sums public keys), OpenSSL EC_POINT_add/EC_POINT_dbl (P-256),
// and textbook affine formulas over GMP for every curve (including non-canonical coordinates,
// which ZisK reduces mod p). Edge cases: x1 == x2 and y == 0 have no affine result.
#include "precompile/curves.h"

#include <gtest/gtest.h>
#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/obj_mac.h>
#include <secp256k1.h>

#include <cstring>

#include "precompile/test_util.h"

namespace ziskc::precompile {
namespace {

using testing::from_mpz;
using testing::Mpz;
using testing::to_mpz;
using Words = std::vector<std::uint64_t>;

struct CurveRef {
  Curve curve;
  const char* p;
  const char* a;  // coefficient a (0 or p - 3)
  const char* b;
  const char* gx;
  const char* gy;
};

const CurveRef kCurves[] = {
    {Curve::kSecp256k1, "fffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2f", "0",
     "7", "79be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798",
     "483ada7726a3c4655da4fbfc0e1108a8fd17b448a68554199c47d08ffb10d4b8"},
    {Curve::kSecp256r1, "ffffffff00000001000000000000000000000000ffffffffffffffffffffffff",
     "ffffffff00000001000000000000000000000000fffffffffffffffffffffffc",
     "5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604b",
     "6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296",
     "4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5"},
    {Curve::kBn254, "30644e72e131a029b85045b68181585d97816a916871ca8d3c208c16d87cfd47", "0", "3",
     "1", "2"},
    {Curve::kBls12381,
     "1a0111ea397fe69a4b1ba7b6434bacd764774b84f38512bf6730d2a0f6b0f6241eabfffeb153ffffb9feffffffffa"
     "aab",
     "0", "4",
     "17f1d3a73197d7942695638c4fa9ac0fc3688c4f9774b905a14e3a3f171bac586c55e83ff97a1aeffb3af00adb22c"
     "6bb",
     "08b3f481e3aaa0f1a09e30ed741d8ae4fcf5e095d5d00af600db18cb2c04b3edd03cc744a2888ae40caa232946c5e"
     "7e1"},
};

// Textbook affine formulas over GMP; false where ZisK has no result.
bool ref_add(const CurveRef& c, const Words& p1, const Words& p2, Words& out) {
  const std::size_t n = coordinate_words(c.curve);
  Mpz p(c.p), x1 = to_mpz(p1.data(), n), y1 = to_mpz(p1.data() + n, n);
  Mpz x2 = to_mpz(p2.data(), n), y2 = to_mpz(p2.data() + n, n), lam, t, x3, y3;
  mpz_sub(t.get(), x2.get(), x1.get());
  mpz_mod(t.get(), t.get(), p.get());
  if (mpz_sgn(t.get()) == 0) return false;
  mpz_invert(t.get(), t.get(), p.get());
  mpz_sub(lam.get(), y2.get(), y1.get());
  mpz_mul(lam.get(), lam.get(), t.get());
  mpz_mod(lam.get(), lam.get(), p.get());
  mpz_mul(x3.get(), lam.get(), lam.get());
  mpz_sub(x3.get(), x3.get(), x1.get());
  mpz_sub(x3.get(), x3.get(), x2.get());
  mpz_mod(x3.get(), x3.get(), p.get());
  mpz_sub(y3.get(), x1.get(), x3.get());
  mpz_mul(y3.get(), y3.get(), lam.get());
  mpz_sub(y3.get(), y3.get(), y1.get());
  mpz_mod(y3.get(), y3.get(), p.get());
  out = from_mpz(x3, n);
  const Words y = from_mpz(y3, n);
  out.insert(out.end(), y.begin(), y.end());
  return true;
}

bool ref_dbl(const CurveRef& c, const Words& p1, Words& out) {
  const std::size_t n = coordinate_words(c.curve);
  Mpz p(c.p), a(c.a), x = to_mpz(p1.data(), n), y = to_mpz(p1.data() + n, n), lam, t, x3, y3;
  mpz_mul_2exp(t.get(), y.get(), 1);
  mpz_mod(t.get(), t.get(), p.get());
  if (mpz_sgn(t.get()) == 0) return false;
  mpz_invert(t.get(), t.get(), p.get());
  mpz_mul(lam.get(), x.get(), x.get());
  mpz_mul_ui(lam.get(), lam.get(), 3);
  mpz_add(lam.get(), lam.get(), a.get());
  mpz_mul(lam.get(), lam.get(), t.get());
  mpz_mod(lam.get(), lam.get(), p.get());
  mpz_mul(x3.get(), lam.get(), lam.get());
  mpz_submul_ui(x3.get(), x.get(), 2);
  mpz_mod(x3.get(), x3.get(), p.get());
  mpz_sub(y3.get(), x.get(), x3.get());
  mpz_mul(y3.get(), y3.get(), lam.get());
  mpz_sub(y3.get(), y3.get(), y.get());
  mpz_mod(y3.get(), y3.get(), p.get());
  out = from_mpz(x3, n);
  const Words yy = from_mpz(y3, n);
  out.insert(out.end(), yy.begin(), yy.end());
  return true;
}

bool on_curve(const CurveRef& c, const Words& pt) {
  const std::size_t n = coordinate_words(c.curve);
  Mpz p(c.p), a(c.a), b(c.b), x = to_mpz(pt.data(), n), y = to_mpz(pt.data() + n, n), l, r;
  mpz_mul(l.get(), y.get(), y.get());
  mpz_mod(l.get(), l.get(), p.get());
  mpz_mul(r.get(), x.get(), x.get());
  mpz_add(r.get(), r.get(), a.get());
  mpz_mul(r.get(), r.get(), x.get());
  mpz_add(r.get(), r.get(), b.get());
  mpz_mod(r.get(), r.get(), p.get());
  return mpz_cmp(l.get(), r.get()) == 0;
}

// A coordinate: uniform below 2^(64n) (often non-canonical for BN254/BLS), or reduced, or p + k.
Words random_coordinate(std::mt19937_64& rng, const CurveRef& c) {
  const std::size_t n = coordinate_words(c.curve);
  Words v = testing::random_limbs(rng, n);
  Mpz m = to_mpz(v.data(), n), p(c.p), lim;
  mpz_ui_pow_ui(lim.get(), 2, 64 * n);
  switch (rng() % 4) {
    case 0:
      mpz_mod(m.get(), m.get(), p.get());
      break;
    case 1:
      mpz_add_ui(m.get(), p.get(), rng() % 3);
      if (mpz_cmp(m.get(), lim.get()) >= 0) mpz_mod(m.get(), m.get(), p.get());
      break;
    default:
      break;
  }
  return from_mpz(m, n);
}

TEST(Curves, AddAndDblMatchGmpFormulas) {
  auto rng = testing::seeded_rng(5001);
  for (const CurveRef& c : kCurves) {
    const std::size_t n = coordinate_words(c.curve);
    for (int iter = 0; iter < 1500; ++iter) {
      Words p1 = random_coordinate(rng, c), y1 = random_coordinate(rng, c);
      p1.insert(p1.end(), y1.begin(), y1.end());
      Words p2 = random_coordinate(rng, c), y2 = random_coordinate(rng, c);
      p2.insert(p2.end(), y2.begin(), y2.end());
      if (iter % 50 == 0) std::copy(p1.begin(), p1.begin() + n, p2.begin());  // x1 == x2
      Words expected, got(2 * n);
      const bool ok = ref_add(c, p1, p2, expected);
      ASSERT_EQ(curve_add(c.curve, p1.data(), p2.data(), got.data()), ok) << "add " << iter;
      if (ok) {
        ASSERT_EQ(got, expected) << "add, curve " << static_cast<int>(c.curve);
      }
      const bool dok = ref_dbl(c, p1, expected);
      ASSERT_EQ(curve_dbl(c.curve, p1.data(), got.data()), dok);
      if (dok) {
        ASSERT_EQ(got, expected) << "dbl, curve " << static_cast<int>(c.curve);
      }
    }
  }
}

TEST(Curves, EdgeCasesHaveNoAffineResult) {
  for (const CurveRef& c : kCurves) {
    const std::size_t n = coordinate_words(c.curve);
    Words g = from_mpz(Mpz(c.gx), n), gy = from_mpz(Mpz(c.gy), n);
    g.insert(g.end(), gy.begin(), gy.end());
    Words out(2 * n, 0xAA), untouched = out;
    EXPECT_FALSE(curve_add(c.curve, g.data(), g.data(), out.data())) << "P + P";
    Words neg = g;  // -P: same x
    Mpz p(c.p), y = to_mpz(g.data() + n, n);
    mpz_sub(y.get(), p.get(), y.get());
    const Words ny = from_mpz(y, n);
    std::copy(ny.begin(), ny.end(), neg.begin() + static_cast<std::ptrdiff_t>(n));
    EXPECT_FALSE(curve_add(c.curve, g.data(), neg.data(), out.data())) << "P + (-P)";
    // x2 = x1 + p (the same field element, non-canonical) when it fits.
    Mpz x = to_mpz(g.data(), n), lim;
    mpz_add(x.get(), x.get(), p.get());
    mpz_ui_pow_ui(lim.get(), 2, 64 * n);
    if (mpz_cmp(x.get(), lim.get()) < 0) {
      Words alias = neg;
      const Words xs = from_mpz(x, n);
      std::copy(xs.begin(), xs.end(), alias.begin());
      EXPECT_FALSE(curve_add(c.curve, g.data(), alias.data(), out.data())) << "x1 == x2 mod p";
    }
    Words two_torsion = g;  // y = 0 (not on the curve; the precompile does not check)
    std::fill(two_torsion.begin() + static_cast<std::ptrdiff_t>(n), two_torsion.end(), 0);
    EXPECT_FALSE(curve_dbl(c.curve, two_torsion.data(), out.data()));
    EXPECT_EQ(out, untouched) << "failed operations leave the output alone";
  }
}

TEST(Curves, GeneratorMultiplesStayOnTheCurve) {
  for (const CurveRef& c : kCurves) {
    const std::size_t n = coordinate_words(c.curve);
    Words g = from_mpz(Mpz(c.gx), n), gy = from_mpz(Mpz(c.gy), n);
    g.insert(g.end(), gy.begin(), gy.end());
    ASSERT_TRUE(on_curve(c, g));
    Words acc(2 * n);
    ASSERT_TRUE(curve_dbl(c.curve, g.data(), acc.data()));  // 2G
    for (int k = 3; k < 40; ++k) {
      ASSERT_TRUE(curve_add(c.curve, acc.data(), g.data(), acc.data())) << k << "G";  // aliasing
      ASSERT_TRUE(on_curve(c, acc)) << k << "G";
    }
  }
}

// secp256k1 against libsecp256k1: the sum of public keys d1*G + d2*G and 2*(d*G).
TEST(Curves, Secp256k1MatchesLibsecp256k1) {
  auto rng = testing::seeded_rng(5002);
  secp256k1_context* ctx = secp256k1_context_create(SECP256K1_CONTEXT_NONE);
  auto random_key = [&](secp256k1_pubkey& pk, Words& xy) {
    std::uint8_t sk[32];
    do {
      for (auto& b : sk) b = static_cast<std::uint8_t>(rng());
    } while (!secp256k1_ec_seckey_verify(ctx, sk));
    ASSERT_TRUE(secp256k1_ec_pubkey_create(ctx, &pk, sk));
    std::uint8_t ser[65];
    std::size_t len = sizeof(ser);
    secp256k1_ec_pubkey_serialize(ctx, ser, &len, &pk, SECP256K1_EC_UNCOMPRESSED);
    xy.assign(8, 0);
    for (int i = 0; i < 32; ++i) {  // big-endian bytes -> little-endian limbs
      xy[3 - i / 8] |= std::uint64_t{ser[1 + i]} << (8 * (7 - i % 8));
      xy[7 - i / 8] |= std::uint64_t{ser[33 + i]} << (8 * (7 - i % 8));
    }
  };
  for (int iter = 0; iter < 300; ++iter) {
    secp256k1_pubkey k1, k2, sum;
    Words p1, p2, expected;
    random_key(k1, p1);
    random_key(k2, p2);
    const secp256k1_pubkey* both[2] = {&k1, &k2};
    ASSERT_TRUE(secp256k1_ec_pubkey_combine(ctx, &sum, both, 2));
    std::uint8_t ser[65];
    std::size_t len = sizeof(ser);
    secp256k1_ec_pubkey_serialize(ctx, ser, &len, &sum, SECP256K1_EC_UNCOMPRESSED);
    expected.assign(8, 0);
    for (int i = 0; i < 32; ++i) {
      expected[3 - i / 8] |= std::uint64_t{ser[1 + i]} << (8 * (7 - i % 8));
      expected[7 - i / 8] |= std::uint64_t{ser[33 + i]} << (8 * (7 - i % 8));
    }
    Words got(8);
    ASSERT_TRUE(curve_add(Curve::kSecp256k1, p1.data(), p2.data(), got.data()));
    ASSERT_EQ(got, expected) << "add " << iter;

    const secp256k1_pubkey* twice[2] = {&k1, &k1};
    ASSERT_TRUE(secp256k1_ec_pubkey_combine(ctx, &sum, twice, 2));
    len = sizeof(ser);
    secp256k1_ec_pubkey_serialize(ctx, ser, &len, &sum, SECP256K1_EC_UNCOMPRESSED);
    expected.assign(8, 0);
    for (int i = 0; i < 32; ++i) {
      expected[3 - i / 8] |= std::uint64_t{ser[1 + i]} << (8 * (7 - i % 8));
      expected[7 - i / 8] |= std::uint64_t{ser[33 + i]} << (8 * (7 - i % 8));
    }
    ASSERT_TRUE(curve_dbl(Curve::kSecp256k1, p1.data(), got.data()));
    ASSERT_EQ(got, expected) << "dbl " << iter;
  }
  secp256k1_context_destroy(ctx);
}

// P-256 against OpenSSL's EC_POINT arithmetic.
TEST(Curves, Secp256r1MatchesOpenSsl) {
  auto rng = testing::seeded_rng(5003);
  EC_GROUP* group = EC_GROUP_new_by_curve_name(NID_X9_62_prime256v1);
  BN_CTX* bn = BN_CTX_new();
  BIGNUM *k = BN_new(), *x = BN_new(), *y = BN_new();
  auto to_words = [](const BIGNUM* v) {
    std::uint8_t be[32];
    BN_bn2binpad(v, be, 32);
    Words w(4, 0);
    for (int i = 0; i < 32; ++i) w[3 - i / 8] |= std::uint64_t{be[i]} << (8 * (7 - i % 8));
    return w;
  };
  auto affine = [&](const EC_POINT* pt) {
    EC_POINT_get_affine_coordinates(group, pt, x, y, bn);
    Words w = to_words(x), wy = to_words(y);
    w.insert(w.end(), wy.begin(), wy.end());
    return w;
  };
  EC_POINT *a = EC_POINT_new(group), *b = EC_POINT_new(group), *r = EC_POINT_new(group);
  for (int iter = 0; iter < 300; ++iter) {
    std::uint8_t kb[32];
    for (auto& v : kb) v = static_cast<std::uint8_t>(rng());
    BN_bin2bn(kb, 32, k);
    EC_POINT_mul(group, a, k, nullptr, nullptr, bn);
    for (auto& v : kb) v = static_cast<std::uint8_t>(rng());
    BN_bin2bn(kb, 32, k);
    EC_POINT_mul(group, b, k, nullptr, nullptr, bn);
    const Words pa = affine(a), pb = affine(b);
    Words got(8);
    EC_POINT_add(group, r, a, b, bn);
    ASSERT_TRUE(curve_add(Curve::kSecp256r1, pa.data(), pb.data(), got.data()));
    ASSERT_EQ(got, affine(r)) << "add " << iter;
    EC_POINT_dbl(group, r, a, bn);
    ASSERT_TRUE(curve_dbl(Curve::kSecp256r1, pa.data(), got.data()));
    ASSERT_EQ(got, affine(r)) << "dbl " << iter;
  }
  EC_POINT_free(a);
  EC_POINT_free(b);
  EC_POINT_free(r);
  BN_free(k);
  BN_free(x);
  BN_free(y);
  BN_CTX_free(bn);
  EC_GROUP_free(group);
}

TEST(Curves, ComplexOpsMatchGmp) {
  auto rng = testing::seeded_rng(5004);
  for (const CurveRef& c : {kCurves[2], kCurves[3]}) {
    const std::size_t n = coordinate_words(c.curve);
    for (int iter = 0; iter < 2000; ++iter) {
      Words f1 = random_coordinate(rng, c), t = random_coordinate(rng, c);
      f1.insert(f1.end(), t.begin(), t.end());
      Words f2 = random_coordinate(rng, c);
      t = random_coordinate(rng, c);
      f2.insert(f2.end(), t.begin(), t.end());
      Mpz p(c.p), a = to_mpz(f1.data(), n), b = to_mpz(f1.data() + n, n);
      Mpz cc = to_mpz(f2.data(), n), d = to_mpz(f2.data() + n, n), re, im, u;
      for (ComplexOp op : {ComplexOp::kAdd, ComplexOp::kSub, ComplexOp::kMul}) {
        if (op == ComplexOp::kAdd) {
          mpz_add(re.get(), a.get(), cc.get());
          mpz_add(im.get(), b.get(), d.get());
        } else if (op == ComplexOp::kSub) {
          mpz_sub(re.get(), a.get(), cc.get());
          mpz_sub(im.get(), b.get(), d.get());
        } else {
          mpz_mul(re.get(), a.get(), cc.get());
          mpz_mul(u.get(), b.get(), d.get());
          mpz_sub(re.get(), re.get(), u.get());
          mpz_mul(im.get(), a.get(), d.get());
          mpz_mul(u.get(), b.get(), cc.get());
          mpz_add(im.get(), im.get(), u.get());
        }
        mpz_mod(re.get(), re.get(), p.get());
        mpz_mod(im.get(), im.get(), p.get());
        Words expected = from_mpz(re, n), ei = from_mpz(im, n);
        expected.insert(expected.end(), ei.begin(), ei.end());
        Words got(2 * n);
        complex_op(c.curve, op, f1.data(), f2.data(), got.data());
        ASSERT_EQ(got, expected) << "op " << static_cast<int>(op) << " iteration " << iter;
      }
    }
  }
}

}  // namespace
}  // namespace ziskc::precompile
