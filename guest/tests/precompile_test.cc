// Tests of the precompile wrappers of ziskc/precompiles.h (label e2e): precompile_guest.c calls
// each precompile through its wrapper under `ziskc execute`, and the result must be what an
// independent host computation gives: GMP for big-integer and field arithmetic and for the
// BN254 / BLS12-381 affine curve formulas, OpenSSL for secp256k1 / P-256 points, FIPS 180-2 and
// RFC 7693 vectors for SHA-256 and BLAKE2b, the examples' FIPS 202 Keccak-f, the project's
// Poseidon2. A wrong CSR number or parameter block layout fails here. Skips, saying so, while
// `ziskc execute` or the precompile answers "not supported yet".
#include <gmp.h>
#include <gtest/gtest.h>
#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/obj_mac.h>

#include <array>
#include <cstring>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "base/bytes.h"
#include "examples/host/example_data.h"
#include "hash/poseidon2.h"
#include "sdk/process.h"

namespace ziskc {
namespace {

using Limbs = std::vector<std::uint64_t>;

// ---- host big integers (GMP) ----
struct Z {
  mpz_t v;
  Z() { mpz_init(v); }
  explicit Z(const char* hex) { mpz_init_set_str(v, hex, 16); }
  Z(const Z& o) { mpz_init_set(v, o.v); }
  Z& operator=(const Z& o) {
    mpz_set(v, o.v);
    return *this;
  }
  ~Z() { mpz_clear(v); }
};
Z from_limbs(const Limbs& l) {
  Z z;
  mpz_import(z.v, l.size(), -1, 8, 0, 0, l.data());
  return z;
}
Limbs to_limbs(const Z& z, std::size_t n) {
  Limbs l(n, 0);
  std::size_t count = 0;
  Z m = z;
  if (mpz_sizeinbase(m.v, 2) <= 64 * n) mpz_export(l.data(), &count, -1, 8, 0, 0, m.v);
  return l;
}
Z mod(const Z& a, const Z& p) {
  Z r;
  mpz_mod(r.v, a.v, p.v);
  return r;
}
Limbs random_limbs(std::size_t n, std::uint64_t seed) {
  const auto bytes = examples::pseudo_random_bytes(8 * n, seed);
  Limbs l(n);
  std::memcpy(l.data(), bytes.data(), 8 * n);
  return l;
}

// Affine short-Weierstrass y^2 = x^3 + b (a = 0) over F_p: P + Q (P != +-Q) and 2P.
struct Point {
  Z x, y;
};
Point ec_add(const Point& p1, const Point& p2, const Z& p) {
  Z num, den, l, x3, y3;
  mpz_sub(num.v, p2.y.v, p1.y.v);
  mpz_sub(den.v, p2.x.v, p1.x.v);
  mpz_mod(den.v, den.v, p.v);
  mpz_invert(den.v, den.v, p.v);
  mpz_mul(l.v, num.v, den.v);
  mpz_mod(l.v, l.v, p.v);
  mpz_mul(x3.v, l.v, l.v);
  mpz_sub(x3.v, x3.v, p1.x.v);
  mpz_sub(x3.v, x3.v, p2.x.v);
  mpz_mod(x3.v, x3.v, p.v);
  mpz_sub(y3.v, p1.x.v, x3.v);
  mpz_mul(y3.v, y3.v, l.v);
  mpz_sub(y3.v, y3.v, p1.y.v);
  mpz_mod(y3.v, y3.v, p.v);
  return {x3, y3};
}
Point ec_dbl(const Point& p1, const Z& p) {
  Z num, den, l, x3, y3;
  mpz_mul(num.v, p1.x.v, p1.x.v);
  mpz_mul_ui(num.v, num.v, 3);
  mpz_mul_ui(den.v, p1.y.v, 2);
  mpz_invert(den.v, den.v, p.v);
  mpz_mul(l.v, num.v, den.v);
  mpz_mod(l.v, l.v, p.v);
  mpz_mul(x3.v, l.v, l.v);
  mpz_submul_ui(x3.v, p1.x.v, 2);
  mpz_mod(x3.v, x3.v, p.v);
  mpz_sub(y3.v, p1.x.v, x3.v);
  mpz_mul(y3.v, y3.v, l.v);
  mpz_sub(y3.v, y3.v, p1.y.v);
  mpz_mod(y3.v, y3.v, p.v);
  return {x3, y3};
}
bool on_curve(const Point& q, const Z& p, unsigned long b) {
  Z l, r;
  mpz_mul(l.v, q.y.v, q.y.v);
  mpz_mod(l.v, l.v, p.v);
  mpz_pow_ui(r.v, q.x.v, 3);
  mpz_add_ui(r.v, r.v, b);
  mpz_mod(r.v, r.v, p.v);
  return mpz_cmp(l.v, r.v) == 0;
}
Limbs point_limbs(const Point& q, std::size_t n) {
  Limbs l = to_limbs(q.x, n), y = to_limbs(q.y, n);
  l.insert(l.end(), y.begin(), y.end());
  return l;
}

const Z kBn254P("30644e72e131a029b85045b68181585d97816a916871ca8d3c208c16d87cfd47");
const Z kBls12381P(
    "1a0111ea397fe69a4b1ba7b6434bacd764774b84f38512bf6730d2a0f6b0f6241eabfffeb153ffffb9fefffffff"
    "faaab");

// ---- running the guest ----
std::string write_input(const std::string& name, const std::vector<Limbs>& operands,
                        std::uint32_t csr) {
  base::ByteWriter w;
  w.u64(4);
  w.u32(csr);
  w.u32(0);
  for (const Limbs& l : operands) {
    w.u64(8 * l.size());
    for (std::uint64_t x : l) w.u64(x);
  }
  const std::string path =
      (std::filesystem::path(::testing::TempDir()) / ("ziskc_pc_" + name + ".bin")).string();
  EXPECT_TRUE(base::write_file_atomic(path, w.data()));
  return path;
}

// The output words of the run as bytes (little-endian), or nullopt if unsupported (skipped).
std::optional<std::vector<std::uint8_t>> run_guest(std::uint32_t csr,
                                                   const std::vector<Limbs>& operands,
                                                   std::vector<std::uint32_t>* words = nullptr) {
  const std::string input = write_input(std::to_string(csr), operands, csr);
  auto r = sdk::run_process(
      {ZISKC_BIN, "execute", "-e", std::string(ZISKC_GUEST_TEST_DIR) + "/precompile_guest.elf",
       "-i", input, "-c"},
      sdk::Stderr::kSeparate);
  if (!r) {
    ADD_FAILURE() << r.status().message();
    return std::nullopt;
  }
  if (r->exit_code != 0 && r->errors.find("not supported yet") != std::string::npos) {
    return std::nullopt;
  }
  EXPECT_EQ(r->exit_code, 0) << r->errors;
  std::vector<std::uint8_t> bytes;
  std::vector<std::uint32_t> w;
  for (std::size_t pos = 0; pos + 9 <= r->output.size(); pos += 9) {
    const auto v = static_cast<std::uint32_t>(std::stoul(r->output.substr(pos, 8), nullptr, 16));
    w.push_back(v);
    for (int i = 0; i < 4; ++i) bytes.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
  }
  EXPECT_EQ(w.size(), 64u) << r->output;
  if (words != nullptr) *words = w;
  return bytes;
}

Limbs limbs_of(const std::vector<std::uint8_t>& bytes, std::size_t n) {
  Limbs l(n);
  std::memcpy(l.data(), bytes.data(), 8 * n);
  return l;
}

#define RUN_OR_SKIP(var, csr, ...)                                                  \
  auto var##_opt = run_guest(csr, __VA_ARGS__);                                     \
  if (!var##_opt) GTEST_SKIP() << "ziskc execute or precompile: not supported yet"; \
  const std::vector<std::uint8_t>& var = *var##_opt

TEST(PrecompileWrappers, KeccakF) {
  const Limbs state = random_limbs(25, 11);
  RUN_OR_SKIP(out, 0x800, {state});
  std::array<std::uint64_t, 25> want{};
  std::copy(state.begin(), state.end(), want.begin());
  examples::keccak_f1600(want);
  EXPECT_EQ(limbs_of(out, 25), Limbs(want.begin(), want.end()));
}

TEST(PrecompileWrappers, Sha256Fips180Abc) {
  // FIPS 180-2 B.1: one block "abc" from the initial hash value.
  const std::uint32_t h0[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                               0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
  Limbs state(4), block(8, 0);
  std::memcpy(state.data(), h0, 32);
  std::uint8_t b[64] = {'a', 'b', 'c', 0x80};
  b[63] = 24;
  std::memcpy(block.data(), b, 64);
  std::vector<std::uint32_t> words;
  RUN_OR_SKIP(out, 0x805, {state, block}, &words);
  (void)out;
  const std::uint32_t want[8] = {0xba7816bf, 0x8f01cfea, 0x414140de, 0x5dae2223,
                                 0xb00361a3, 0x96177a9c, 0xb410ff61, 0xf20015ad};
  for (int i = 0; i < 8; ++i) EXPECT_EQ(words[i], want[i]) << "H" << i;
}

TEST(PrecompileWrappers, Arith256AndAdd256) {
  const Limbs a = random_limbs(4, 21), b = random_limbs(4, 22), c = random_limbs(4, 23);
  RUN_OR_SKIP(out, 0x801, {a, b, c});
  Z d;
  mpz_mul(d.v, from_limbs(a).v, from_limbs(b).v);
  mpz_add(d.v, d.v, from_limbs(c).v);
  EXPECT_EQ(limbs_of(out, 8), to_limbs(d, 8));

  std::vector<std::uint32_t> words;
  RUN_OR_SKIP(sum, 0x811, {a, b, Limbs{1}}, &words);
  Z s;
  mpz_add(s.v, from_limbs(a).v, from_limbs(b).v);
  mpz_add_ui(s.v, s.v, 1);
  Z two256, low;
  mpz_ui_pow_ui(two256.v, 2, 256);
  mpz_mod(low.v, s.v, two256.v);
  EXPECT_EQ(limbs_of(sum, 4), to_limbs(low, 4));
  EXPECT_EQ(words[63], mpz_cmp(s.v, two256.v) >= 0 ? 1u : 0u);
}

TEST(PrecompileWrappers, ArithMod256And384) {
  for (std::size_t n : {4u, 6u}) {
    const Limbs a = random_limbs(n, 31), b = random_limbs(n, 32), c = random_limbs(n, 33);
    Limbs m = random_limbs(n, 34);
    m.back() |= 1ull << 63;
    m[0] |= 1;
    RUN_OR_SKIP(out, n == 4 ? 0x802 : 0x80B, {a, b, c, m});
    Z d;
    mpz_mul(d.v, from_limbs(a).v, from_limbs(b).v);
    mpz_add(d.v, d.v, from_limbs(c).v);
    EXPECT_EQ(limbs_of(out, n), to_limbs(mod(d, from_limbs(m)), n)) << n * 64 << " bits";
  }
}

// secp256k1 and P-256 through OpenSSL: P = k1*G, Q = k2*G.
void check_openssl_curve(int nid, std::uint32_t add_csr, std::uint32_t dbl_csr) {
  EC_GROUP* group = EC_GROUP_new_by_curve_name(nid);
  ASSERT_NE(group, nullptr);
  BN_CTX* ctx = BN_CTX_new();
  auto point_of = [&](unsigned long k) {
    EC_POINT* pt = EC_POINT_new(group);
    BIGNUM* bk = BN_new();
    BN_set_word(bk, k);
    EC_POINT_mul(group, pt, bk, nullptr, nullptr, ctx);
    BN_free(bk);
    return pt;
  };
  auto limbs_from = [&](const EC_POINT* pt) {
    BIGNUM *x = BN_new(), *y = BN_new();
    EC_POINT_get_affine_coordinates(group, pt, x, y, ctx);
    Limbs l(8);
    std::uint8_t buf[32];
    BN_bn2lebinpad(x, buf, 32);
    std::memcpy(l.data(), buf, 32);
    BN_bn2lebinpad(y, buf, 32);
    std::memcpy(l.data() + 4, buf, 32);
    BN_free(x);
    BN_free(y);
    return l;
  };
  EC_POINT *p = point_of(123456789), *q = point_of(987654321), *r = EC_POINT_new(group);
  EC_POINT_add(group, r, p, q, ctx);
  const Limbs want_add = limbs_from(r);
  EC_POINT_dbl(group, r, p, ctx);
  const Limbs want_dbl = limbs_from(r);
  const Limbs lp = limbs_from(p), lq = limbs_from(q);
  EC_POINT_free(p);
  EC_POINT_free(q);
  EC_POINT_free(r);
  BN_CTX_free(ctx);
  EC_GROUP_free(group);
  RUN_OR_SKIP(sum, add_csr, {lp, lq});
  EXPECT_EQ(limbs_of(sum, 8), want_add);
  RUN_OR_SKIP(dbl, dbl_csr, {lp});
  EXPECT_EQ(limbs_of(dbl, 8), want_dbl);
}

TEST(PrecompileWrappers, Secp256k1) { check_openssl_curve(NID_secp256k1, 0x803, 0x804); }
TEST(PrecompileWrappers, Secp256r1) { check_openssl_curve(NID_X9_62_prime256v1, 0x817, 0x818); }

void check_pairing_curve(const Point& g, const Z& p, unsigned long b, std::size_t n,
                         std::uint32_t add_csr, std::uint32_t dbl_csr) {
  ASSERT_TRUE(on_curve(g, p, b));
  const Point g2 = ec_dbl(g, p), g3 = ec_add(g, g2, p);
  ASSERT_TRUE(on_curve(g3, p, b));
  RUN_OR_SKIP(sum, add_csr, {point_limbs(g, n), point_limbs(g2, n)});
  EXPECT_EQ(limbs_of(sum, 2 * n), point_limbs(g3, n));
  RUN_OR_SKIP(dbl, dbl_csr, {point_limbs(g2, n)});
  EXPECT_EQ(limbs_of(dbl, 2 * n), point_limbs(ec_dbl(g2, p), n));
}

TEST(PrecompileWrappers, Bn254Curve) {
  check_pairing_curve({Z("1"), Z("2")}, kBn254P, 3, 4, 0x806, 0x807);  // G1 = (1, 2)
}

TEST(PrecompileWrappers, Bls12381Curve) {
  // The G1 generator (draft-irtf-cfrg-pairing-friendly-curves, BLS12_381 G1 base point).
  const Point g{Z("17f1d3a73197d7942695638c4fa9ac0fc3688c4f9774b905a14e3a3f171bac586c55e83ff97a"
                  "1aeffb3af00adb22c6bb"),
                Z("08b3f481e3aaa0f1a09e30ed741d8ae4fcf5e095d5d00af600db18cb2c04b3edd03cc744a2888"
                  "ae40caa232946c5e7e1")};
  check_pairing_curve(g, kBls12381P, 4, 6, 0x80C, 0x80D);
}

// Fp2 = Fp[u]/(u^2 + 1): add, sub, mul of random elements.
void check_complex(const Z& p, std::size_t n, std::uint32_t first_csr) {
  auto rnd = [&](std::uint64_t seed) { return mod(from_limbs(random_limbs(n, seed)), p); };
  const Z a = rnd(41), b = rnd(42), c = rnd(43), d = rnd(44);
  Limbs f1 = to_limbs(a, n), f2 = to_limbs(c, n);
  const Limbs bl = to_limbs(b, n), dl = to_limbs(d, n);
  f1.insert(f1.end(), bl.begin(), bl.end());
  f2.insert(f2.end(), dl.begin(), dl.end());
  Z re, im, t;
  for (int op = 0; op < 3; ++op) {
    if (op == 0) {
      mpz_add(re.v, a.v, c.v);
      mpz_add(im.v, b.v, d.v);
    } else if (op == 1) {
      mpz_sub(re.v, a.v, c.v);
      mpz_sub(im.v, b.v, d.v);
    } else {
      mpz_mul(re.v, a.v, c.v);
      mpz_mul(t.v, b.v, d.v);
      mpz_sub(re.v, re.v, t.v);
      mpz_mul(im.v, a.v, d.v);
      mpz_addmul(im.v, b.v, c.v);
    }
    Limbs want = to_limbs(mod(re, p), n);
    const Limbs wi = to_limbs(mod(im, p), n);
    want.insert(want.end(), wi.begin(), wi.end());
    RUN_OR_SKIP(out, first_csr + op, {f1, f2});
    EXPECT_EQ(limbs_of(out, 2 * n), want) << "operation " << op;
  }
}

TEST(PrecompileWrappers, Bn254Complex) { check_complex(kBn254P, 4, 0x808); }
TEST(PrecompileWrappers, Bls12381Complex) { check_complex(kBls12381P, 6, 0x80E); }

TEST(PrecompileWrappers, Poseidon2) {
  Limbs state(16);
  for (int i = 0; i < 16; ++i) state[i] = static_cast<std::uint64_t>(i);
  RUN_OR_SKIP(out, 0x812, {state});
  hash::Poseidon2<16>::State s{};
  using Elem = hash::Poseidon2<16>::State::value_type;
  for (int i = 0; i < 16; ++i) s[i] = Elem::from_u64(state[i]);
  hash::Poseidon2<16>::permute(s);
  Limbs want(16);
  for (int i = 0; i < 16; ++i) want[i] = s[i].value();
  EXPECT_EQ(limbs_of(out, 16), want);
}

TEST(PrecompileWrappers, Blake2bRoundComposesRfc7693Abc) {
  RUN_OR_SKIP(out, 0x819, {});
  // RFC 7693 Appendix A: BLAKE2b-512("abc").
  static const char* kWant =
      "ba80a53f981c4d0d6a2797b69f12f6e94c212f14685ac4b74b12bb6fdbffa2d17d87c5392aab792dc252d5de"
      "4533cc9518d38aa8dbf1925ab92386edd4009923";
  std::string hex;
  for (int i = 0; i < 64; ++i) {
    static const char* d = "0123456789abcdef";
    hex += d[out[i] >> 4];
    hex += d[out[i] & 15];
  }
  EXPECT_EQ(hex, kWant);
}

TEST(FreeInputWrappers, FieldInversesPushedEveryWay) {
  // ids 1, 2, 6: secp256k1 p and n, BN254 p; pushed by value, by address (run-time count) and
  // by address (compile-time count). The guest checks the hint with arith256_mod.
  const std::pair<std::uint32_t, const char*> cases[] = {
      {1, "fffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2f"},
      {2, "fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141"},
      {6, "30644e72e131a029b85045b68181585d97816a916871ca8d3c208c16d87cfd47"}};
  for (const auto& [id, modulus] : cases) {
    const Z p(modulus);
    const Z x = mod(from_limbs(random_limbs(4, 50 + id)), p);
    std::vector<std::uint32_t> words;
    RUN_OR_SKIP(out, 0x8C0 + id, {to_limbs(x, 4), to_limbs(p, 4)}, &words);
    Z inv;
    ASSERT_NE(mpz_invert(inv.v, x.v, p.v), 0);
    EXPECT_EQ(limbs_of(out, 4), to_limbs(inv, 4)) << "fcall " << id;
    EXPECT_EQ(words[63], 1u) << "fcall " << id << ": the guest's own check failed";
  }
}

}  // namespace
}  // namespace ziskc
