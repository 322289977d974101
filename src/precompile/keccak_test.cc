// keccak_f1600 against (1) the Keccak team's published permutation of the zero state
// (XKCP tests/TestVectors/KeccakF-1600-IntermediateValues.txt), (2) a textbook implementation
// of FIPS 202 §3 written here with its round constants and rotation offsets derived from the
// spec's LFSR and (t+1)(t+2)/2 walk rather than tables, and (3) OpenSSL's SHAKE128, whose
// squeezed blocks are the first 21 lanes of successive permutations of the padded message.
#include "precompile/keccak.h"

#include <gtest/gtest.h>
#include <openssl/evp.h>

#include <bit>
#include <cstring>

#include "precompile/test_util.h"

namespace ziskc::precompile {
namespace {

// FIPS 202 Algorithm 5: rc(t), one bit of the round-constant LFSR.
bool rc_bit(int t) {
  if (t % 255 == 0) return true;
  std::uint8_t r = 0x80;  // R = 10000000 (R[0] is the most significant bit here)
  for (int i = 1; i <= t % 255; ++i) {
    const bool r8 = r & 1;                   // R[7] before the shift becomes R[8]
    r >>= 1;                                 // R = 0 || R
    if (r8) r ^= 0x80 | 0x08 | 0x04 | 0x02;  // R[0], R[4], R[5], R[6] ^= R[8]
  }
  return r & 0x80;
}

void reference_keccak_f(std::uint64_t lanes[25]) {
  std::uint64_t a[5][5];
  for (int x = 0; x < 5; ++x)
    for (int y = 0; y < 5; ++y) a[x][y] = lanes[x + 5 * y];
  // rho offsets: walk (x, y) -> (y, 2x + 3y) from (1, 0), offset (t+1)(t+2)/2 mod 64.
  int rho[5][5] = {};
  for (int t = 0, x = 1, y = 0; t < 24; ++t) {
    rho[x][y] = ((t + 1) * (t + 2) / 2) % 64;
    const int nx = y, ny = (2 * x + 3 * y) % 5;
    x = nx;
    y = ny;
  }
  for (int ir = 0; ir < 24; ++ir) {
    std::uint64_t c[5], d[5], b[5][5];
    for (int x = 0; x < 5; ++x) c[x] = a[x][0] ^ a[x][1] ^ a[x][2] ^ a[x][3] ^ a[x][4];
    for (int x = 0; x < 5; ++x) d[x] = c[(x + 4) % 5] ^ std::rotl(c[(x + 1) % 5], 1);
    for (int x = 0; x < 5; ++x)
      for (int y = 0; y < 5; ++y) a[x][y] ^= d[x];
    for (int x = 0; x < 5; ++x)
      for (int y = 0; y < 5; ++y) b[y][(2 * x + 3 * y) % 5] = std::rotl(a[x][y], rho[x][y]);
    for (int x = 0; x < 5; ++x)
      for (int y = 0; y < 5; ++y) a[x][y] = b[x][y] ^ (~b[(x + 1) % 5][y] & b[(x + 2) % 5][y]);
    std::uint64_t rc = 0;
    for (int j = 0; j <= 6; ++j) {
      if (rc_bit(j + 7 * ir)) rc |= std::uint64_t{1} << ((1 << j) - 1);
    }
    a[0][0] ^= rc;
  }
  for (int x = 0; x < 5; ++x)
    for (int y = 0; y < 5; ++y) lanes[x + 5 * y] = a[x][y];
}

TEST(Keccak, ZeroStateKnownAnswer) {
  // XKCP KeccakF-1600-IntermediateValues.txt, "State after permutation" of the all-zero state.
  constexpr std::uint64_t kExpected[25] = {
      0xF1258F7940E1DDE7, 0x84D5CCF933C0478A, 0xD598261EA65AA9EE, 0xBD1547306F80494D,
      0x8B284E056253D057, 0xFF97A42D7F8E6FD4, 0x90FEE5A0A44647C4, 0x8C5BDA0CD6192E76,
      0xAD30A6F71B19059C, 0x30935AB7D08FFC64, 0xEB5AA93F2317D635, 0xA9A6E6260D712103,
      0x81A57C16DBCF555F, 0x43B831CD0347C826, 0x01F22F1A11A5569F, 0x05E5635A21D9AE61,
      0x64BEFEF28CC970F2, 0x613670957BC46611, 0xB87C5A554FD00ECB, 0x8C3EE88A1CCF32C8,
      0x940C7922AE3A2614, 0x1841F924A2C509E4, 0x16F53526E70465C2, 0x75F644E97F30A13B,
      0xEAF1FF7B5CECA249};
  std::uint64_t s[25] = {};
  keccak_f1600(s);
  for (int i = 0; i < 25; ++i) EXPECT_EQ(s[i], kExpected[i]) << "lane " << i;
  std::uint64_t r[25] = {};
  reference_keccak_f(r);
  for (int i = 0; i < 25; ++i) EXPECT_EQ(r[i], kExpected[i]) << "reference lane " << i;
}

TEST(Keccak, MatchesTextbookImplementationOnRandomStates) {
  std::cout << "[ info     ] AVX-512 " << (keccak_uses_avx512() ? "used" : "not available") << "\n";
  auto rng = testing::seeded_rng(2001);
  for (int iter = 0; iter < 500; ++iter) {
    std::uint64_t a[25], b[25], c[25];
    for (int i = 0; i < 25; ++i) a[i] = b[i] = c[i] = rng();
    keccak_f1600(a);
    reference_keccak_f(b);
    keccak_f1600_portable(c);
    for (int i = 0; i < 25; ++i) ASSERT_EQ(a[i], b[i]) << "iteration " << iter << " lane " << i;
    for (int i = 0; i < 25; ++i) ASSERT_EQ(c[i], b[i]) << "portable, lane " << i;
  }
}

TEST(Keccak, MatchesOpenSslShake128Squeeze) {
  auto rng = testing::seeded_rng(2002);
  constexpr int kRate = 168, kBlocks = 4;
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  ASSERT_NE(ctx, nullptr);
  for (int iter = 0; iter < 200; ++iter) {
    const std::size_t len = rng() % kRate;  // one absorbed block
    std::uint8_t msg[kRate];
    for (std::size_t i = 0; i < len; ++i) msg[i] = static_cast<std::uint8_t>(rng());
    std::uint8_t out[kRate * kBlocks];
    ASSERT_EQ(EVP_DigestInit_ex(ctx, EVP_shake128(), nullptr), 1);
    ASSERT_EQ(EVP_DigestUpdate(ctx, msg, len), 1);
    ASSERT_EQ(EVP_DigestFinalXOF(ctx, out, sizeof(out)), 1);

    std::uint8_t block[200] = {};
    std::memcpy(block, msg, len);
    block[len] ^= 0x1F;  // SHAKE domain bits and the first padding bit
    block[kRate - 1] ^= 0x80;
    std::uint64_t s[25];
    std::memcpy(s, block, sizeof(s));
    for (int k = 0; k < kBlocks; ++k) {
      keccak_f1600(s);
      ASSERT_EQ(std::memcmp(s, out + kRate * k, kRate), 0)
          << "iteration " << iter << " block " << k;
    }
  }
  EVP_MD_CTX_free(ctx);
}

}  // namespace
}  // namespace ziskc::precompile
