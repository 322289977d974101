// The integer free-input calls and the dispatcher against GMP and ZisK's own unit-test vectors
// (ziskos fcalls_impl: uint256/div.rs, uint256/inv.rs, uint256/inv_mod.rs, bigint_div.rs).
#include <gtest/gtest.h>

#include "precompile/mp.h"
#include "precompile/precompile.h"
#include "precompile/test_util.h"

namespace ziskc::precompile {
namespace {

using testing::from_mpz;
using testing::Mpz;
using testing::random_limbs;
using testing::to_mpz;
using Words = std::vector<std::uint64_t>;

Words call(std::uint32_t id, const Words& params) {
  auto r = fcall(id, params);
  EXPECT_TRUE(r.is_ok()) << r.status().message();
  return r.is_ok() ? *r : Words{};
}

void expect_fault(std::uint32_t id, const Words& params, const char* needle) {
  auto r = fcall(id, params);
  ASSERT_FALSE(r.is_ok()) << "id " << id;
  EXPECT_EQ(r.status().code(), ErrorCode::kGuestFault);
  EXPECT_NE(r.status().message().find(needle), std::string::npos) << r.status().message();
}

Words cat(std::initializer_list<Words> parts) {
  Words out;
  for (const Words& p : parts) out.insert(out.end(), p.begin(), p.end());
  return out;
}

TEST(Fcall, DispatcherErrorsAndNames) {
  expect_fault(0, {}, "unknown id 0");
  expect_fault(24, {1, 2, 3, 4}, "unknown id 24");
  expect_fault(1023, {}, "unknown id 1023");
  expect_fault(kFcallSecp256k1FpInv, {1, 2, 3}, "needs 4 parameter words, got 3");
  expect_fault(kFcallBls12381TwistAddLineCoeffs, Words(47, 1), "needs 48");
  expect_fault(kFcallBinDecomp, Words(kFcallParamsMax + 1, 0), "more than ZisK's maximum");
  EXPECT_STREQ(fcall_name(kFcallSecp256k1FpInv), "secp256k1_fp_inv");
  EXPECT_STREQ(fcall_name(kFcallInputReady), "input_ready");
  EXPECT_EQ(fcall_name(0), nullptr);
  EXPECT_EQ(fcall_name(99), nullptr);
  for (std::uint32_t id = 1; id <= 23; ++id) EXPECT_NE(fcall_name(id), nullptr) << id;
}

TEST(Fcall, InputReadyHasNoResult) {
  EXPECT_TRUE(call(kFcallInputReady, {0x40000100}).empty());
  EXPECT_TRUE(call(kFcallInputReady, {}).empty());
}

TEST(Fcall, BinDecomp) {
  EXPECT_EQ(call(kFcallBinDecomp, {1, 0}), (Words{0}));
  EXPECT_EQ(call(kFcallBinDecomp, {0}), (Words{0}));
  EXPECT_EQ(call(kFcallBinDecomp, {1, 0b1011}), (Words{4, 1, 0, 1, 1}));
  EXPECT_EQ(call(kFcallBinDecomp, {2, 0, 1}), cat({{65, 1}, Words(64, 0)}));
  auto rng = testing::seeded_rng(8001);
  for (int iter = 0; iter < 200; ++iter) {
    const std::size_t len = 1 + rng() % 8;
    Words p = {len};
    for (std::size_t i = 0; i < len; ++i) p.push_back(rng() % 4 == 0 ? 0 : rng() >> (rng() % 64));
    const Words out = call(kFcallBinDecomp, p);
    Mpz x = to_mpz(p.data() + 1, len);
    const std::size_t bits = mpz_sgn(x.get()) == 0 ? 0 : mpz_sizeinbase(x.get(), 2);
    ASSERT_EQ(out.size(), bits + 1);
    ASSERT_EQ(out[0], bits);
    for (std::size_t i = 0; i < bits; ++i) {
      ASSERT_EQ(out[1 + i], static_cast<std::uint64_t>(mpz_tstbit(x.get(), bits - 1 - i)));
    }
  }
  expect_fault(kFcallBinDecomp, {3, 1, 2}, "length 3 exceeds");
  expect_fault(kFcallBinDecomp, cat({{385}, Words(385, ~0ull)}), "result words");
}

TEST(Fcall, MsbPos) {
  // Two-operand forms: (x, y) of 4 words, of 6 words pushed as 8 + 8 (y at word 8) or 12.
  EXPECT_EQ(call(kFcallMsbPos256, {0, 0, 5, 0, 0, 0, 0x10, 0}), (Words{2, 4}));
  EXPECT_EQ(call(kFcallMsbPos256, {0, 0, 0, 1, 0, 0, 0, 0x8000000000000000}), (Words{3, 63}));
  Words p16(16, 0);
  p16[3] = 1;
  p16[6] = 0xdead;  // padding word of the x push: ignored
  p16[8 + 3] = 0x100;
  EXPECT_EQ(call(kFcallMsbPos384, p16), (Words{3, 8}));
  Words p12(12, 0);
  p12[5] = 2;
  p12[6 + 5] = 1;
  EXPECT_EQ(call(kFcallMsbPos384, p12), (Words{5, 1}));
  // Count-prefixed forms: [n, v0, v1, ...].
  EXPECT_EQ(call(kFcallMsbPos256, {1, 7, 0, 0, 0}), (Words{0, 2}));
  EXPECT_EQ(call(kFcallMsbPos256, {3, 0, 0, 1, 0, 0, 0, 9, 0, 0, 0, 3, 0}), (Words{2, 3}));
  EXPECT_EQ(call(kFcallMsbPos384, {1, 0, 0, 0, 0, 0, 0x40}), (Words{5, 6}));
  expect_fault(kFcallMsbPos256, Words(8, 0), "every input is zero");
  expect_fault(kFcallMsbPos256, {2, 1, 2, 3, 4}, "do not fit");
  expect_fault(kFcallMsbPos384, {0, 1, 2, 3, 4, 5, 6}, "do not fit");
}

TEST(Fcall, Uint256DivMatchesGmpAndZiskVectors) {
  // ziskos uint256/div.rs test_div_a_gt_b.
  const Words a = {0x16b12176aedd308e, 0x9d331c2b34766fc9, 0xb7f85b22001249e, 0x3b4e3fc5e0d8b014};
  const Words b = {0x16b12176aedd308e, 0x9d331c2b34766fc9, 0xb7f85b22001249e, 0x0};
  EXPECT_EQ(call(kFcallUint256Div, cat({a, b})),
            (Words{0x2868ebf5edfaecd5, 0x5, 0x0, 0x0, 0xdbb84a86764e268, 0xfd48d6ec2b636246,
                   0xadbb6db4207ffb8, 0x0}));
  auto rng = testing::seeded_rng(8002);
  for (int iter = 0; iter < 2000; ++iter) {
    const Words x = random_limbs(rng, 4);
    Words y = random_limbs(rng, 4);
    if (mp::significant_limbs(y) == 0) y[0] = 1;
    const Words out = call(kFcallUint256Div, cat({x, y}));
    Mpz mx = to_mpz(x.data(), 4), my = to_mpz(y.data(), 4), q, r;
    mpz_tdiv_qr(q.get(), r.get(), mx.get(), my.get());
    ASSERT_EQ(out, cat({from_mpz(q, 4), from_mpz(r, 4)}));
  }
  expect_fault(kFcallUint256Div, cat({a, Words(4, 0)}), "division by zero");
}

TEST(Fcall, Uint256InvMatchesGmpAndZiskVectors) {
  // ziskos uint256/inv.rs tests.
  EXPECT_EQ(call(kFcallUint256Inv, {0, 0, 0, 0}), (Words{0, 0, 0, 0, 0}));
  EXPECT_EQ(call(kFcallUint256Inv, {2, 3, 4, 5}), (Words{0, 0, 0, 0, 0}));
  EXPECT_EQ(call(kFcallUint256Inv, {3, 0, 0, 0}), (Words{1, 0xaaaaaaaaaaaaaaab, 0xaaaaaaaaaaaaaaaa,
                                                         0xaaaaaaaaaaaaaaaa, 0xaaaaaaaaaaaaaaaa}));
  EXPECT_EQ(
      call(kFcallUint256Inv,
           {0xee453cbb08caf011, 0x403f9ad46fdfbf18, 0x190bbcf54d8ad535, 0x9d4a5af226af865c}),
      (Words{1, 0x91f6316a1db400f1, 0xa62de0c72fbf1f2b, 0x8cc70b2dcf824747, 0x78bccb02bfaa76af}));
  auto rng = testing::seeded_rng(8003);
  Mpz two256;
  mpz_ui_pow_ui(two256.get(), 2, 256);
  for (int iter = 0; iter < 1000; ++iter) {
    Words x = random_limbs(rng, 4);
    x[0] |= 1;
    const Words out = call(kFcallUint256Inv, x);
    Mpz mx = to_mpz(x.data(), 4), inv;
    ASSERT_NE(mpz_invert(inv.get(), mx.get(), two256.get()), 0);
    ASSERT_EQ(out, cat({{1}, from_mpz(inv, 4)}));
  }
}

TEST(Fcall, Uint256InvModMatchesGmpAndZiskVectors) {
  // ziskos uint256/inv_mod.rs tests.
  EXPECT_EQ(call(kFcallUint256InvMod, {1, 2, 3, 4, 1, 0, 0, 0}), cat({{1}, Words(12, 0)}));
  EXPECT_EQ(call(kFcallUint256InvMod, {13, 0, 0, 0, 12, 0, 0, 0}), cat({{1, 1}, Words(11, 0)}));
  EXPECT_EQ(call(kFcallUint256InvMod, {6, 0, 0, 0, 12, 0, 0, 0}),
            (Words{0, 6, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0}));
  const Words m = {0xacca9ca1b4f3b763, 0x57d556242ac9c0ed, 0x6e3d795231a618cb, 0x36835e1b448f5df6};
  EXPECT_EQ(
      call(kFcallUint256InvMod,
           cat({{0x48c964556ed2d279, 0xf692d9a779303069, 0xcc8d5e70e9f03415, 0xec53e64d5abb6d04},
                m})),
      cat({{1, 0xcede99fad6bbe0a2, 0x2c99e1d7ed681658, 0x2a8d1689b5e7bfaf, 0x20d97a86f6e5e3a4},
           Words(8, 0)}));
  EXPECT_EQ(call(kFcallUint256InvMod,
                 cat({{0x844efa1db3aaaa7d, 0xfbc4783fdfea63b7, 0xd30100f0dc1f7df6, 0x444a}, m})),
            (Words{0, 0x844efa1db3aaaa7d, 0xfbc4783fdfea63b7, 0xd30100f0dc1f7df6, 0x444a, 1, 0, 0,
                   0, 0xcc58ffcfaf5f, 0, 0, 0}));
  auto rng = testing::seeded_rng(8004);
  for (int iter = 0; iter < 2000; ++iter) {
    const Words x = random_limbs(rng, 4);
    Words y = random_limbs(rng, 4);
    if (iter % 3 == 0) y[0] &= ~std::uint64_t{1};  // even moduli: common factors
    if (mp::significant_limbs(y) == 0) y[0] = 6;
    const Words out = call(kFcallUint256InvMod, cat({x, y}));
    Mpz mx = to_mpz(x.data(), 4), my = to_mpz(y.data(), 4), inv, g, t;
    if (mpz_cmp_ui(my.get(), 1) == 0) continue;  // covered above
    if (mpz_invert(inv.get(), mx.get(), my.get()) != 0) {
      ASSERT_EQ(out, cat({{1}, from_mpz(inv, 4), Words(8, 0)}));
    } else {
      mpz_gcd(g.get(), mx.get(), my.get());
      Words expected = cat({{0}, from_mpz(g, 4)});
      mpz_tdiv_q(t.get(), mx.get(), g.get());
      expected = cat({expected, from_mpz(t, 4)});
      mpz_tdiv_q(t.get(), my.get(), g.get());
      expected = cat({expected, from_mpz(t, 4)});
      ASSERT_EQ(out, expected);
    }
  }
  expect_fault(kFcallUint256InvMod, {1, 0, 0, 0, 0, 0, 0, 0}, "zero modulus");
}

TEST(Fcall, BigintDivMatchesGmpAndZiskVectors) {
  // ziskos bigint_div.rs test_div: quotient and remainder padded to 4 limbs.
  const Words a = {0x16b12176aedd308e, 0x9d331c2b34766fc9, 0xb7f85b22001249e, 0x3b4e3fc5e0d8b014};
  const Words b = {0x16b12176aedd308e, 0x9d331c2b34766fc9, 0xb7f85b22001249e, 0x0};
  EXPECT_EQ(call(kFcallBigintDiv, cat({{4}, a, {4}, b})),
            (Words{4, 0x2868ebf5edfaecd5, 0x5, 0x0, 0x0, 4, 0xdbb84a86764e268, 0xfd48d6ec2b636246,
                   0xadbb6db4207ffb8, 0x0}));
  EXPECT_EQ(call(kFcallBigintDiv, cat({{4}, Words(4, 0), {4}, b})),
            (Words{4, 0, 0, 0, 0, 4, 0, 0, 0, 0}));
  auto rng = testing::seeded_rng(8005);
  for (int iter = 0; iter < 1000; ++iter) {
    const std::size_t la = rng() % 40, lb = 1 + rng() % 20;
    Words x = random_limbs(rng, la), y = random_limbs(rng, lb);
    if (mp::significant_limbs(y) == 0) y[0] = 1 + rng() % 9;
    const Words out = call(kFcallBigintDiv, cat({{la}, x, {lb}, y}));
    Mpz mx = to_mpz(x.data(), la), my = to_mpz(y.data(), lb), q, r;
    mpz_tdiv_qr(q.get(), r.get(), mx.get(), my.get());
    auto padded = [](const Mpz& v) {
      const std::size_t limbs = mpz_sgn(v.get()) == 0 ? 0 : (mpz_sizeinbase(v.get(), 2) + 63) / 64;
      const std::size_t len = limbs == 0 ? 4 : (limbs + 3) / 4 * 4;
      return cat({{len}, from_mpz(v, len)});
    };
    ASSERT_EQ(out, cat({padded(q), padded(r)})) << "la " << la << " lb " << lb;
  }
  expect_fault(kFcallBigintDiv, cat({{1}, {5}, {1}, {0}}), "division by zero");
  expect_fault(kFcallBigintDiv, {9, 1, 2}, "length of a");
  expect_fault(kFcallBigintDiv, {1, 5, 7, 1}, "length of b");
  expect_fault(kFcallBigintDiv, {0}, "two length words");
}

}  // namespace
}  // namespace ziskc::precompile

namespace ziskc::precompile {
namespace {

// Every id with random parameter words of random length (including none and more than any hint
// reads): each call either succeeds or is a located guest fault, never anything else.
TEST(Fcall, RandomParametersNeverCrash) {
  auto rng = testing::seeded_rng(8100);
  for (int iter = 0; iter < 3000; ++iter) {
    const std::uint32_t id = static_cast<std::uint32_t>(rng() % 30);
    std::size_t n = rng() % 4 == 0 ? rng() % (kFcallParamsMax + 20) : rng() % 50;
    if (id == kFcallSecp256r1FnInv && n >= 20 && iter % 10 != 0) n = 4;  // ECDSA is slow
    Words p(n);
    for (auto& v : p) {
      const int k = static_cast<int>(rng() % 4);
      v = k == 0 ? rng() % 8 : k == 1 ? ~std::uint64_t{0} : rng();
    }
    auto r = fcall(id, p);
    if (!r.is_ok()) {
      ASSERT_EQ(r.status().code(), ErrorCode::kGuestFault) << r.status().message();
    } else {
      ASSERT_LE(r->size(), kFcallResultMax);
    }
  }
}

}  // namespace
}  // namespace ziskc::precompile
