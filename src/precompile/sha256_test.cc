// sha256_compress against OpenSSL's SHA-256 block function (driven through SHA256_CTX with a
// chosen chaining value) and the FIPS 180-2 Appendix B.1 "abc" vector; the SHA-NI and portable
// paths are compared with each other.
#define OPENSSL_SUPPRESS_DEPRECATED  // SHA256_CTX is the only way to set the chaining value
#include "precompile/sha256.h"

#include <gtest/gtest.h>
#include <openssl/sha.h>

#include <cstring>

#include "precompile/test_util.h"

namespace ziskc::precompile {
namespace {

constexpr std::uint32_t kIv[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                                  0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};

TEST(Sha256, AbcVector) {
  std::uint8_t block[64] = {'a', 'b', 'c', 0x80};
  block[63] = 24;  // message length in bits
  constexpr std::uint32_t kDigest[8] = {0xba7816bf, 0x8f01cfea, 0x414140de, 0x5dae2223,
                                        0xb00361a3, 0x96177a9c, 0xb410ff61, 0xf20015ad};
  std::uint32_t s[8], p[8];
  std::memcpy(s, kIv, sizeof(s));
  std::memcpy(p, kIv, sizeof(p));
  sha256_compress(s, block);
  sha256_compress_portable(p, block);
  for (int i = 0; i < 8; ++i) {
    EXPECT_EQ(s[i], kDigest[i]) << "word " << i;
    EXPECT_EQ(p[i], kDigest[i]) << "portable word " << i;
  }
}

TEST(Sha256, MatchesOpenSslBlockFunctionOnRandomStates) {
  std::cout << "[ info     ] SHA-NI " << (sha256_uses_sha_ni() ? "used" : "not available") << "\n";
  auto rng = testing::seeded_rng(3001);
  for (int iter = 0; iter < 2000; ++iter) {
    std::uint32_t state[8];
    std::uint8_t block[64];
    for (auto& w : state) w = static_cast<std::uint32_t>(rng());
    for (auto& b : block) b = static_cast<std::uint8_t>(rng());

    SHA256_CTX ctx;
    SHA256_Init(&ctx);
    for (int i = 0; i < 8; ++i) ctx.h[i] = state[i];
    SHA256_Update(&ctx, block, 64);  // exactly one block: one call of the block function

    std::uint32_t fast[8], portable[8];
    std::memcpy(fast, state, sizeof(fast));
    std::memcpy(portable, state, sizeof(portable));
    sha256_compress(fast, block);
    sha256_compress_portable(portable, block);
    for (int i = 0; i < 8; ++i) {
      ASSERT_EQ(fast[i], ctx.h[i]) << "iteration " << iter << " word " << i;
      ASSERT_EQ(portable[i], ctx.h[i]) << "portable, iteration " << iter << " word " << i;
    }
  }
}

}  // namespace
}  // namespace ziskc::precompile
