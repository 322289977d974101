// The field and curve free-input calls against GMP (inverses, square roots and their
// non-residue witnesses, Fp2 arithmetic, line coefficients), OpenSSL ECDSA signatures (the
// secp256r1 point hint must give R with R.x = r mod n) and ZisK's own unit-test vectors
// (ziskos fcalls_impl: secp256k1/fp_inv.rs, fp_sqrt.rs, secp256r1/ecdsa.rs, bls12_381/fp_sqrt.rs,
// fp2_sqrt.rs).
#define OPENSSL_SUPPRESS_DEPRECATED  // EC_KEY: the shortest way to make test signatures
#include <gtest/gtest.h>
#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/ecdsa.h>
#include <openssl/obj_mac.h>

#include "precompile/precompile.h"
#include "precompile/test_util.h"

namespace ziskc::precompile {
namespace {

using testing::from_mpz;
using testing::Mpz;
using testing::to_mpz;
using Words = std::vector<std::uint64_t>;

constexpr const char* kSecpP = "fffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2f";
constexpr const char* kSecpN = "fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141";
constexpr const char* kR1N = "ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551";
constexpr const char* kBnP = "30644e72e131a029b85045b68181585d97816a916871ca8d3c208c16d87cfd47";
constexpr const char* kBlsP =
    "1a0111ea397fe69a4b1ba7b6434bacd764774b84f38512bf6730d2a0f6b0f6241eabfffeb153ffffb9feffffffffaa"
    "ab";

Words call(std::uint32_t id, const Words& params) {
  auto r = fcall(id, params);
  EXPECT_TRUE(r.is_ok()) << r.status().message();
  return r.is_ok() ? *r : Words{};
}

Words cat(std::initializer_list<Words> parts) {
  Words out;
  for (const Words& p : parts) out.insert(out.end(), p.begin(), p.end());
  return out;
}

// A random value of n limbs: reduced mod p, or any n-limb value (often non-canonical).
Words random_value(std::mt19937_64& rng, const char* p_hex, std::size_t n) {
  Words v = testing::random_limbs(rng, n);
  if (rng() % 3 != 0) {
    Mpz m = to_mpz(v.data(), n), p(p_hex);
    mpz_mod(m.get(), m.get(), p.get());
    v = from_mpz(m, n);
  }
  return v;
}

Mpz mod(const Mpz& a, const char* p_hex) {
  Mpz r, p(p_hex);
  mpz_mod(r.get(), a.get(), p.get());
  return r;
}

void check_inverse(std::uint32_t id, const char* p_hex, std::size_t n, std::size_t pushed,
                   std::uint64_t seed) {
  auto rng = testing::seeded_rng(seed);
  Mpz p(p_hex);
  for (int iter = 0; iter < 300; ++iter) {
    Words a = random_value(rng, p_hex, n);
    Mpz ma = mod(to_mpz(a.data(), n), p_hex), inv;
    if (mpz_sgn(ma.get()) == 0) continue;
    a.resize(pushed, 0xfeedface);  // the padding of an 8-word push of a 6-word value is ignored
    ASSERT_NE(mpz_invert(inv.get(), ma.get(), p.get()), 0);
    ASSERT_EQ(call(id, a), from_mpz(inv, n)) << fcall_name(id);
  }
  Words zero(pushed, 0);
  std::copy_n(from_mpz(p, n).begin(), n, zero.begin());  // p itself is zero mod p
  for (const Words& z : {Words(pushed, 0), zero}) {
    auto r = fcall(id, z);
    ASSERT_FALSE(r.is_ok());
    EXPECT_EQ(r.status().code(), ErrorCode::kGuestFault);
  }
}

TEST(FcallField, Inverses) {
  check_inverse(kFcallSecp256k1FpInv, kSecpP, 4, 4, 9001);
  check_inverse(kFcallSecp256k1FnInv, kSecpN, 4, 4, 9002);
  check_inverse(kFcallSecp256r1FnInv, kR1N, 4, 4, 9003);
  check_inverse(kFcallBn254FpInv, kBnP, 4, 4, 9004);
  check_inverse(kFcallBls12381FpInv, kBlsP, 6, 8, 9005);
  // ziskos secp256k1/fp_inv.rs test_inv.
  EXPECT_EQ(
      call(kFcallSecp256k1FpInv,
           {0xf9ee4256a589409f, 0xa21a3985f17502d0, 0xb3eb393d00dc480c, 0x142def02c537eced}),
      (Words{0xc198809f72408ac9, 0xa8726302e84e0c65, 0xde970a9a3b70d025, 0xf70d37bc0fece9b8}));
}

TEST(FcallField, Secp256k1SqrtZiskVectors) {
  // ziskos secp256k1/fp_sqrt.rs tests.
  const Words p_minus_one = {0xfffffffefffffc2e, ~0ull, ~0ull, ~0ull};
  EXPECT_EQ(call(kFcallSecp256k1FpSqrt, {1, 0, 0, 0, 1}), (Words{1, 1, 0, 0, 0}));
  EXPECT_EQ(call(kFcallSecp256k1FpSqrt, {1, 0, 0, 0, 0}), cat({{1}, p_minus_one}));
  const Words x = {0x643764b2faa1592a, 0x4ac3ab52286f702a, 0x6591d88c833ffd4f, 0xc6fb7a1e514eac26};
  EXPECT_EQ(
      call(kFcallSecp256k1FpSqrt, cat({x, {0}})),
      (Words{1, 0xa3d2fb0160f29df6, 0x3ebce4d565b52649, 0x4cdec0bf5c968639, 0x123e42087c415355}));
  EXPECT_EQ(
      call(kFcallSecp256k1FpSqrt, cat({x, {1}})),
      (Words{1, 0x5c2d04fd9f0d5e39, 0xc1431b2a9a4ad9b6, 0xb3213f40a36979c6, 0xedc1bdf783beacaa}));
  const Words nx = {0x643764b2faa1592c, 0x4ac3ab52286f702a, 0x6591d88c833ffd4f, 0xc6fb7a1e514eac26};
  const Words nqr_root = {0, 0xdab2978e63122590, 0x5dc785c971480237, 0x87a60df9f92b07b9,
                          0x855b365e9f83d30d};
  EXPECT_EQ(call(kFcallSecp256k1FpSqrt, cat({nx, {0}})), nqr_root);
  EXPECT_EQ(call(kFcallSecp256k1FpSqrt, cat({nx, {1}})), nqr_root) << "no parity for non-residues";
}

// Square roots against GMP: a residue gets r with r^2 = a, a non-residue r with r^2 = nqr * a.
void check_sqrt(std::uint32_t id, const char* p_hex, std::size_t n, std::size_t pushed,
                unsigned nqr, bool parity, std::uint64_t seed) {
  auto rng = testing::seeded_rng(seed);
  Mpz p(p_hex);
  int residues = 0;
  for (int iter = 0; iter < 300; ++iter) {
    Words a = random_value(rng, p_hex, n);
    const std::uint64_t want_parity = rng() % 2;
    Words params = a;
    params.resize(pushed, 0);
    if (parity) params.push_back(want_parity);
    const Words out = call(id, params);
    ASSERT_EQ(out.size(), n + 1);
    Mpz ma = to_mpz(a.data(), n), r = to_mpz(out.data() + 1, n), sq, t;
    ASSERT_LT(mpz_cmp(r.get(), p.get()), 0) << "canonical root";
    mpz_mul(sq.get(), r.get(), r.get());
    mpz_mod(sq.get(), sq.get(), p.get());
    // ZisK's residue test compares with the unreduced input: a >= p is reported non-residue.
    const bool canonical = mpz_cmp(ma.get(), p.get()) < 0;
    const bool qr = canonical && mpz_legendre(ma.get(), p.get()) >= 0;
    ASSERT_EQ(out[0], qr ? 1u : 0u);
    if (qr) {
      ++residues;
      ASSERT_EQ(mpz_cmp(sq.get(), ma.get()), 0);
      if (parity) {
        ASSERT_EQ(out[1] & 1, mpz_sgn(r.get()) == 0 ? 0 : want_parity);
      }
    } else {
      // The witness (nqr * a)^((p+1)/4): a root of nqr * a when a is a canonical non-residue;
      // for a non-canonical input it is whatever that power is, as in ZisK.
      Mpz e;
      mpz_add_ui(e.get(), p.get(), 1);
      mpz_fdiv_q_2exp(e.get(), e.get(), 2);
      mpz_mul_ui(t.get(), ma.get(), nqr);
      mpz_mod(t.get(), t.get(), p.get());
      Mpz w;
      mpz_powm(w.get(), t.get(), e.get(), p.get());
      ASSERT_EQ(mpz_cmp(r.get(), w.get()), 0);
      if (canonical) {
        ASSERT_EQ(mpz_cmp(sq.get(), t.get()), 0);
      }
    }
  }
  EXPECT_GT(residues, 50);
}

TEST(FcallField, SquareRoots) {
  check_sqrt(kFcallSecp256k1FpSqrt, kSecpP, 4, 4, 3, true, 9011);
  check_sqrt(kFcallBls12381FpSqrt, kBlsP, 6, 8, 2, false, 9012);
}

TEST(FcallField, Bls12381FpSqrtZiskVectors) {
  // ziskos bls12_381/fp_sqrt.rs tests (the input pushed as 8 words).
  EXPECT_EQ(call(kFcallBls12381FpSqrt, {1, 0, 0, 0, 0, 0, 0, 0}), (Words{1, 1, 0, 0, 0, 0, 0}));
  EXPECT_EQ(
      call(kFcallBls12381FpSqrt, {0xf22cb1516a067d13, 0x3e46be206ab02de6, 0x93153c30d0917c98,
                                  0x597d68ca77b5fa6d, 0x44a50733df914e5e, 0xf7377b1bb431d82, 0, 0}),
      (Words{1, 0x516e9b68ec7e4040, 0x4b1f0de82104d372, 0x7e742e30000909d7, 0x44051766a1553492,
             0xe7043ea4bffc292f, 0x3efcb69d6bf0ce0}));
  EXPECT_EQ(call(kFcallBls12381FpSqrt,
                 {0x361799ccd540a764, 0xf606e6b453a13bd8, 0x8880bd6a4b0b963a, 0x8c9a8b3ba67f6d02,
                  0x922d30923791c733, 0x1975e3ccd03944ca, 0, 0}),
            (Words{0, 0x5514d9e1a2faebf1, 0x391ed94dec028013, 0x5a8c79b17991fded,
                   0x56207337f5f736d0, 0xc6f1181533cc4b6, 0xb1d40edb0c1fec0}));
}

TEST(FcallField, Bls12381Fp2SqrtZiskVectors) {
  // ziskos bls12_381/fp2_sqrt.rs tests: sqrt(1) = -1, a residue, and a non-residue (root of
  // a * (1 + u)).
  EXPECT_EQ(call(kFcallBls12381Fp2Sqrt, cat({{1}, Words(11, 0)})),
            cat({{1, 0xB9FEFFFFFFFFAAAA, 0x1EABFFFEB153FFFF, 0x6730D2A0F6B0F624, 0x64774B84F38512BF,
                  0x4B1BA7B6434BACD7, 0x1A0111EA397FE69A},
                 Words(6, 0)}));
  EXPECT_EQ(
      call(kFcallBls12381Fp2Sqrt,
           {0x10486089be1876e9, 0xcf0c3012bf0c13ef, 0x51621421d2c37a8d, 0xd52db71259449a47,
            0x370fd7a0a4be29da, 0xc3d4fd75c076215, 0x3e6ff1a3151b0959, 0x9f0b2a8dea2c9f82,
            0xb83d47ccb71501e2, 0xa8c917818d857f05, 0xc48150d1cd95e0c6, 0x112ca78116187cc8}),
      (Words{1, 0xcca66dfc0d7f69c9, 0xaf22cf40d2f4555, 0x92a6870798aff4d7, 0xe595438fb87ee1fc,
             0x6f5e96c633b39798, 0x215675032da3de5, 0x1ef8b538e151e6f3, 0x94b37a0021182ef6,
             0xea0d1db797288ba2, 0x567c72d5af34be56, 0x5470d2ed597db716, 0x10b61243878d0170}));
  EXPECT_EQ(
      call(kFcallBls12381Fp2Sqrt,
           {0x5531f66e0c366bf8, 0x35f8f154ff2974e6, 0xaa81eb7e92ae7b5e, 0x8a521c9ff4654bc0,
            0xa224f0e84356bba8, 0xffbbc4bdd5425cb, 0xf16972261c97a569, 0xbf071b2a52d05a68,
            0xbaa99b2bc5260f74, 0xedbd0c20e26eb5e5, 0x6f3229e291d1d67a, 0x119353ab08784f06}),
      (Words{0, 0x6d8e1fc1edb82644, 0xa6964afc770dab5d, 0x37d90a0e925a572d, 0x3547fbc3f051b409,
             0xd3cdef010df23067, 0x159b8fd2cca0a180, 0xe0c163a5a7441092, 0xf61c7202d7c3af80,
             0xf80c7aa929cb1e62, 0xa076467c356a64cf, 0x695e3d70b6a86704, 0xb1ecd8ecdb0e8d2}));
}

// Fp2 = Fp[u]/(u^2 + 1) over GMP for the reference computations.
struct Fp2Ref {
  Mpz re, im;
};
Fp2Ref fp2_load(const std::uint64_t* w, std::size_t n, const char* p_hex) {
  return {mod(to_mpz(w, n), p_hex), mod(to_mpz(w + n, n), p_hex)};
}
Fp2Ref fp2_mul(const Fp2Ref& a, const Fp2Ref& b, const char* p_hex) {
  Mpz re, im, t;
  mpz_mul(re.get(), a.re.get(), b.re.get());
  mpz_mul(t.get(), a.im.get(), b.im.get());
  mpz_sub(re.get(), re.get(), t.get());
  mpz_mul(im.get(), a.re.get(), b.im.get());
  mpz_mul(t.get(), a.im.get(), b.re.get());
  mpz_add(im.get(), im.get(), t.get());
  return {mod(re, p_hex), mod(im, p_hex)};
}
Fp2Ref fp2_sub(const Fp2Ref& a, const Fp2Ref& b, const char* p_hex) {
  Mpz re, im;
  mpz_sub(re.get(), a.re.get(), b.re.get());
  mpz_sub(im.get(), a.im.get(), b.im.get());
  return {mod(re, p_hex), mod(im, p_hex)};
}
// Inverse via the norm, computed with GMP's mpz_invert (false for zero).
bool fp2_inv(const Fp2Ref& a, const char* p_hex, Fp2Ref& out) {
  Mpz norm, t, p(p_hex);
  mpz_mul(norm.get(), a.re.get(), a.re.get());
  mpz_mul(t.get(), a.im.get(), a.im.get());
  mpz_add(norm.get(), norm.get(), t.get());
  if (mpz_invert(norm.get(), norm.get(), p.get()) == 0) return false;
  mpz_mul(t.get(), a.re.get(), norm.get());
  out.re = mod(t, p_hex);
  mpz_mul(t.get(), a.im.get(), norm.get());
  mpz_neg(t.get(), t.get());
  out.im = mod(t, p_hex);
  return true;
}
Words fp2_words(const Fp2Ref& a, std::size_t n) {
  return cat({from_mpz(a.re, n), from_mpz(a.im, n)});
}

void check_fp2_and_lines(std::uint32_t inv_id, std::uint32_t add_id, std::uint32_t dbl_id,
                         const char* p_hex, std::size_t n, std::uint64_t seed) {
  auto rng = testing::seeded_rng(seed);
  auto rnd2 = [&] { return cat({random_value(rng, p_hex, n), random_value(rng, p_hex, n)}); };
  for (int iter = 0; iter < 200; ++iter) {
    const Words a = rnd2();
    Fp2Ref inv;
    if (fp2_inv(fp2_load(a.data(), n, p_hex), p_hex, inv)) {
      ASSERT_EQ(call(inv_id, a), fp2_words(inv, n));
    }
    const Words x1 = rnd2(), y1 = rnd2(), x2 = rnd2(), y2 = rnd2();
    const Fp2Ref X1 = fp2_load(x1.data(), n, p_hex), Y1 = fp2_load(y1.data(), n, p_hex);
    const Fp2Ref X2 = fp2_load(x2.data(), n, p_hex), Y2 = fp2_load(y2.data(), n, p_hex);
    Fp2Ref d;
    if (fp2_inv(fp2_sub(X2, X1, p_hex), p_hex, d)) {
      const Fp2Ref lambda = fp2_mul(d, fp2_sub(Y2, Y1, p_hex), p_hex);
      const Fp2Ref mu = fp2_sub(Y1, fp2_mul(lambda, X1, p_hex), p_hex);
      ASSERT_EQ(call(add_id, cat({x1, y1, x2, y2})), cat({fp2_words(lambda, n), fp2_words(mu, n)}));
    } else {
      ASSERT_FALSE(fcall(add_id, cat({x1, y1, x2, y2})).is_ok());
    }
    // Tangent: lambda = 3x^2 / 2y.
    Fp2Ref two_y{Mpz(), Mpz()};
    mpz_mul_ui(two_y.re.get(), Y1.re.get(), 2);
    mpz_mul_ui(two_y.im.get(), Y1.im.get(), 2);
    if (!fp2_inv(two_y, p_hex, d)) {
      ASSERT_FALSE(fcall(dbl_id, cat({x1, y1})).is_ok());
      continue;
    }
    Fp2Ref l2 = fp2_mul(d, fp2_mul(X1, X1, p_hex), p_hex);
    mpz_mul_ui(l2.re.get(), l2.re.get(), 3);
    mpz_mul_ui(l2.im.get(), l2.im.get(), 3);
    l2 = {mod(l2.re, p_hex), mod(l2.im, p_hex)};
    const Fp2Ref mu2 = fp2_sub(Y1, fp2_mul(l2, X1, p_hex), p_hex);
    ASSERT_EQ(call(dbl_id, cat({x1, y1})), cat({fp2_words(l2, n), fp2_words(mu2, n)}));
  }
  const Words zero(4 * n, 0);
  for (std::uint32_t id : {inv_id, dbl_id}) {
    auto r = fcall(id, zero);
    ASSERT_FALSE(r.is_ok());
    EXPECT_EQ(r.status().code(), ErrorCode::kGuestFault);
  }
  auto r = fcall(add_id, Words(8 * n, 5));  // x1 == x2
  ASSERT_FALSE(r.is_ok());
  EXPECT_EQ(r.status().code(), ErrorCode::kGuestFault);
}

TEST(FcallField, Fp2InverseAndTwistLines) {
  check_fp2_and_lines(kFcallBn254Fp2Inv, kFcallBn254TwistAddLineCoeffs,
                      kFcallBn254TwistDblLineCoeffs, kBnP, 4, 9021);
  check_fp2_and_lines(kFcallBls12381Fp2Inv, kFcallBls12381TwistAddLineCoeffs,
                      kFcallBls12381TwistDblLineCoeffs, kBlsP, 6, 9022);
}

TEST(FcallField, Bls12381Fp2SqrtMatchesGmp) {
  auto rng = testing::seeded_rng(9023);
  Mpz p(kBlsP);
  for (int iter = 0; iter < 60; ++iter) {
    const Words a = cat({random_value(rng, kBlsP, 6), random_value(rng, kBlsP, 6)});
    const Words out = call(kFcallBls12381Fp2Sqrt, a);
    ASSERT_EQ(out.size(), 13u);
    const Fp2Ref A = fp2_load(a.data(), 6, kBlsP), r = fp2_load(out.data() + 1, 6, kBlsP);
    const Fp2Ref sq = fp2_mul(r, r, kBlsP);
    // a is a square in Fp2 iff its norm is a square in Fp.
    Mpz norm, t;
    mpz_mul(norm.get(), A.re.get(), A.re.get());
    mpz_mul(t.get(), A.im.get(), A.im.get());
    mpz_add(norm.get(), norm.get(), t.get());
    mpz_mod(norm.get(), norm.get(), p.get());
    const bool qr = mpz_legendre(norm.get(), p.get()) >= 0;
    ASSERT_EQ(out[0], qr ? 1u : 0u);
    const Fp2Ref target = qr ? A : fp2_mul(A, Fp2Ref{Mpz("1"), Mpz("1")}, kBlsP);
    ASSERT_EQ(mpz_cmp(sq.re.get(), target.re.get()), 0);
    ASSERT_EQ(mpz_cmp(sq.im.get(), target.im.get()), 0);
  }
}

TEST(FcallField, GlvDecomposition) {
  // k = k1 + k2*lambda (mod n) with |k1|, |k2| < 2^128, recomputed with GMP as lib-c does.
  auto rng = testing::seeded_rng(9031);
  Mpz n(kSecpN), lambda("5363ad4cc05c30e0a5261c028812645a122e22ea20816678df02967c1b23bd72");
  Mpz a1("3086D221A7D46BCDE86C90E49284EB15"), mb1("E4437ED6010E88286F547FA90ABFE4C3");
  Mpz a2("114CA50F7A8E2F3F657C1108D9D44CFD8"), b2("3086D221A7D46BCDE86C90E49284EB15");
  auto round_div = [&](const Mpz& num) {  // num >= 0: floor((2 num + n) / 2n)
    Mpz t, d;
    mpz_mul_2exp(t.get(), num.get(), 1);
    mpz_add(t.get(), t.get(), n.get());
    mpz_mul_2exp(d.get(), n.get(), 1);
    mpz_fdiv_q(t.get(), t.get(), d.get());
    return t;
  };
  for (int iter = 0; iter < 500; ++iter) {
    const Words k = random_value(rng, kSecpN, 4);
    const Words out = call(kFcallSecp256k1GlvDecompose, k);
    ASSERT_EQ(out.size(), 10u);
    Mpz mk = to_mpz(k.data(), 4), t, c1, c2, k1, k2;
    mpz_mul(t.get(), b2.get(), mk.get());
    c1 = round_div(t);
    mpz_mul(t.get(), mb1.get(), mk.get());
    c2 = round_div(t);
    mpz_mul(k1.get(), c1.get(), a1.get());
    mpz_addmul(k1.get(), c2.get(), a2.get());
    mpz_sub(k1.get(), mk.get(), k1.get());
    mpz_mul(k2.get(), c1.get(), mb1.get());
    mpz_submul(k2.get(), c2.get(), b2.get());
    ASSERT_EQ(out[8], mpz_sgn(k1.get()) < 0 ? 1u : 0u);
    ASSERT_EQ(out[9], mpz_sgn(k2.get()) < 0 ? 1u : 0u);
    mpz_abs(t.get(), k1.get());
    ASSERT_EQ(Words(out.begin(), out.begin() + 4), from_mpz(t, 4));
    ASSERT_LT(mpz_sizeinbase(t.get(), 2), 129u);
    mpz_abs(t.get(), k2.get());
    ASSERT_EQ(Words(out.begin() + 4, out.begin() + 8), from_mpz(t, 4));
    ASSERT_LT(mpz_sizeinbase(t.get(), 2), 129u);
    // k1 + k2 * lambda == k (mod n)
    mpz_mul(t.get(), k2.get(), lambda.get());
    mpz_add(t.get(), t.get(), k1.get());
    mpz_sub(t.get(), t.get(), mk.get());
    mpz_mod(t.get(), t.get(), n.get());
    ASSERT_EQ(mpz_sgn(t.get()), 0);
  }
}

Words be_words(const BIGNUM* v) {
  std::uint8_t be[32];
  BN_bn2binpad(v, be, 32);
  Words w(4, 0);
  for (int i = 0; i < 32; ++i) w[3 - i / 8] |= std::uint64_t{be[i]} << (8 * (7 - i % 8));
  return w;
}

TEST(FcallField, Secp256r1EcdsaPointHint) {
  // The earlier id-5 form (20 words): P = (z/s) G + (r/s) PK. For a valid OpenSSL signature,
  // P.x mod n == r. Also ZisK's ecdsa.rs vector 2G + 3G = 5G (pk = G, z = 2, r = 3, s = 1).
  const Words g = {0xF4A13945D898C296, 0x77037D812DEB33A0, 0xF8BCE6E563A440F2, 0x6B17D1F2E12C4247,
                   0xCBB6406837BF51F5, 0x2BCE33576B315ECE, 0x8EE7EB4A7C0F9E16, 0x4FE342E2FE1A7F9B};
  EXPECT_EQ(call(kFcallSecp256r1FnInv, cat({g, {2, 0, 0, 0}, {3, 0, 0, 0}, {1, 0, 0, 0}})),
            (Words{0x21554a0dc3d033ed, 0xef8c82fd1f5be524, 0xd784c85608668fdf, 0x51590b7a515140d2,
                   0xd1d0bb44fda16da4, 0xd012f00d4d80888, 0x8ae1bf36bf8a7926, 0xe0c17da8904a727d}));
  auto rng = testing::seeded_rng(9041);
  EC_KEY* key = EC_KEY_new_by_curve_name(NID_X9_62_prime256v1);
  BN_CTX* bn = BN_CTX_new();
  BIGNUM *x = BN_new(), *y = BN_new();
  for (int iter = 0; iter < 8; ++iter) {
    ASSERT_EQ(EC_KEY_generate_key(key), 1);
    EC_POINT_get_affine_coordinates(EC_KEY_get0_group(key), EC_KEY_get0_public_key(key), x, y, bn);
    const Words pk = cat({be_words(x), be_words(y)});
    std::uint8_t digest[32];
    for (auto& b : digest) b = static_cast<std::uint8_t>(rng());
    ECDSA_SIG* sig = ECDSA_do_sign(digest, 32, key);
    ASSERT_NE(sig, nullptr);
    const BIGNUM *r, *s;
    ECDSA_SIG_get0(sig, &r, &s);
    BN_bin2bn(digest, 32, x);
    const Words out = call(kFcallSecp256r1FnInv, cat({pk, be_words(x), be_words(r), be_words(s)}));
    ASSERT_EQ(out.size(), 8u);
    Mpz px = to_mpz(out.data(), 4), n(kR1N), wr = to_mpz(be_words(r).data(), 4);
    mpz_mod(px.get(), px.get(), n.get());
    EXPECT_EQ(mpz_cmp(px.get(), wr.get()), 0) << "R.x mod n == r";
    ECDSA_SIG_free(sig);
  }
  BN_free(x);
  BN_free(y);
  BN_CTX_free(bn);
  EC_KEY_free(key);
  auto bad = fcall(kFcallSecp256r1FnInv, cat({g, {1, 0, 0, 0}, {1, 0, 0, 0}, {0, 0, 0, 0}}));
  ASSERT_FALSE(bad.is_ok());
  EXPECT_EQ(bad.status().code(), ErrorCode::kGuestFault);
}

}  // namespace
}  // namespace ziskc::precompile
