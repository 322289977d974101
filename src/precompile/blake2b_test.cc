// blake2b_round composed into the BLAKE2b compression function F (RFC 7693 §3.2: 12 rounds,
// round i using SIGMA[i mod 10]) and compared with libb2 on one- and two-block messages, plus the
// RFC 7693 Appendix A vector BLAKE2b-512("abc").
#include "precompile/blake2b.h"

#include <blake2.h>
#include <gtest/gtest.h>

#include <cstring>

#include "precompile/test_util.h"

namespace ziskc::precompile {
namespace {

constexpr std::uint64_t kIv[8] = {0x6a09e667f3bcc908, 0xbb67ae8584caa73b, 0x3c6ef372fe94f82b,
                                  0xa54ff53a5f1d36f1, 0x510e527fade682d1, 0x9b05688c2b3e6c1f,
                                  0x1f83d9abfb41bd6b, 0x5be0cd19137e2179};

// F(h, m, t, f) built from the precompile's round.
void compress(std::uint64_t h[8], const std::uint8_t block[128], std::uint64_t t, bool last) {
  std::uint64_t v[16], m[16];
  std::memcpy(m, block, 128);
  for (int i = 0; i < 8; ++i) {
    v[i] = h[i];
    v[i + 8] = kIv[i];
  }
  v[12] ^= t;
  if (last) v[14] = ~v[14];
  for (std::uint32_t r = 0; r < 12; ++r) blake2b_round(v, m, r);
  for (int i = 0; i < 8; ++i) h[i] ^= v[i] ^ v[i + 8];
}

std::vector<std::uint8_t> hash(const std::uint8_t* msg, std::size_t len) {
  std::uint64_t h[8];
  std::memcpy(h, kIv, sizeof(h));
  h[0] ^= 0x01010040;  // digest length 64, no key, fanout 1, depth 1
  std::size_t off = 0;
  while (len - off > 128) {
    compress(h, msg + off, off + 128, false);
    off += 128;
  }
  std::uint8_t last[128] = {};
  if (len > off) std::memcpy(last, msg + off, len - off);
  compress(h, last, len, true);
  std::vector<std::uint8_t> out(64);
  std::memcpy(out.data(), h, 64);
  return out;
}

TEST(Blake2b, Rfc7693AbcVector) {
  const std::uint8_t abc[3] = {'a', 'b', 'c'};
  const std::vector<std::uint8_t> expected = {
      0xBA, 0x80, 0xA5, 0x3F, 0x98, 0x1C, 0x4D, 0x0D, 0x6A, 0x27, 0x97, 0xB6, 0x9F,
      0x12, 0xF6, 0xE9, 0x4C, 0x21, 0x2F, 0x14, 0x68, 0x5A, 0xC4, 0xB7, 0x4B, 0x12,
      0xBB, 0x6F, 0xDB, 0xFF, 0xA2, 0xD1, 0x7D, 0x87, 0xC5, 0x39, 0x2A, 0xAB, 0x79,
      0x2D, 0xC2, 0x52, 0xD5, 0xDE, 0x45, 0x33, 0xCC, 0x95, 0x18, 0xD3, 0x8A, 0xA8,
      0xDB, 0xF1, 0x92, 0x5A, 0xB9, 0x23, 0x86, 0xED, 0xD4, 0x00, 0x99, 0x23};
  EXPECT_EQ(hash(abc, 3), expected);
}

TEST(Blake2b, MatchesLibb2) {
  auto rng = testing::seeded_rng(6001);
  for (int iter = 0; iter < 1000; ++iter) {
    const std::size_t len = rng() % 257;  // up to three blocks
    std::vector<std::uint8_t> msg(len);
    for (auto& b : msg) b = static_cast<std::uint8_t>(rng());
    std::vector<std::uint8_t> expected(64);
    ASSERT_EQ(blake2b(expected.data(), msg.data(), nullptr, 64, len, 0), 0);
    ASSERT_EQ(hash(msg.data(), len), expected) << "length " << len;
  }
}

TEST(Blake2b, RoundIndexIsTakenModTen) {
  auto rng = testing::seeded_rng(6002);
  std::uint64_t v[16], w[16], m[16];
  for (int i = 0; i < 16; ++i) {
    v[i] = w[i] = rng();
    m[i] = rng();
  }
  blake2b_round(v, m, 3);
  blake2b_round(w, m, 13);
  EXPECT_EQ(std::memcmp(v, w, sizeof(v)), 0);
}

}  // namespace
}  // namespace ziskc::precompile
