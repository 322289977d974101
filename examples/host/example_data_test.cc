// Tests of the examples' host side: the references against published vectors and against
// OpenSSL, the input-file encoding, and the expected outputs on known answers.
#include "examples/host/example_data.h"

#include <gtest/gtest.h>
#include <openssl/evp.h>

#include <string>

namespace ziskc::examples {
namespace {

std::span<const std::uint8_t> bytes_of(std::string_view s) {
  return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
}

std::string hex(std::span<const std::uint8_t> b) {
  static const char* kDigits = "0123456789abcdef";
  std::string out;
  for (std::uint8_t x : b) {
    out += kDigits[x >> 4];
    out += kDigits[x & 15];
  }
  return out;
}

TEST(Reference, Keccak256PublishedVectors) {
  // keccak256("") is Ethereum's empty-code hash (Yellow Paper, KECCAK_EMPTY); the fox vector
  // is the Keccak-256 example of Wikipedia's SHA-3 article (original Keccak padding).
  EXPECT_EQ(hex(keccak256(bytes_of(""))),
            "c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470");
  EXPECT_EQ(hex(keccak256(bytes_of("The quick brown fox jumps over the lazy dog"))),
            "4d741b6f1eb29cb2a9b9911c82f56fa8d73b04959d3d9d222895df6c0b28aa15");
}

TEST(Reference, KeccakF1600OfZeroState) {
  // KeccakF-1600-IntermediateValues.txt (Keccak team): first lanes after one permutation of
  // the all-zero state.
  std::array<std::uint64_t, 25> s{};
  keccak_f1600(s);
  EXPECT_EQ(s[0], 0xF1258F7940E1DDE7ull);
  EXPECT_EQ(s[1], 0x84D5CCF933C0478Aull);
  EXPECT_EQ(s[2], 0xD598261EA65AA9EEull);
  EXPECT_EQ(s[3], 0xBD1547306F80494Dull);
}

TEST(Reference, Sha3PaddingMatchesOpenSsl) {
  // The same sponge with SHA-3's domain byte 0x06 must be OpenSSL's SHA3-256, on every length
  // around the 136-byte rate boundaries.
  for (std::size_t len = 0; len <= 420; ++len) {
    const auto msg = pseudo_random_bytes(len, 7 + len);
    std::array<std::uint8_t, 32> want{};
    unsigned int n = 0;
    ASSERT_EQ(EVP_Digest(msg.data(), msg.size(), want.data(), &n, EVP_sha3_256(), nullptr), 1);
    ASSERT_EQ(n, 32u);
    ASSERT_EQ(hex(keccak_sponge256(msg, 0x06)), hex(want)) << "length " << len;
  }
}

TEST(Reference, Sha256Fips180Vector) {
  // FIPS 180-2, appendix B.1.
  EXPECT_EQ(hex(sha256(bytes_of("abc"))),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(Reference, Fnv1a32Vectors) {
  // FNV test suite (isthe.com/chongo/tech/comp/fnv): "", "a", "foobar".
  EXPECT_EQ(fnv1a32(bytes_of("")), 0x811c9dc5u);
  EXPECT_EQ(fnv1a32(bytes_of("a")), 0xe40c292cu);
  EXPECT_EQ(fnv1a32(bytes_of("foobar")), 0xbf9cf968u);
}

TEST(Records, EncodeDecodeRoundTrip) {
  std::vector<Record> in{{}, {1}, {1, 2, 3, 4, 5, 6, 7}, {1, 2, 3, 4, 5, 6, 7, 8}, Record(100, 9)};
  const auto file = encode_records(in);
  EXPECT_EQ(file.size(), 8u * 5 + 0 + 8 + 8 + 8 + 104);
  auto out = decode_records(file);
  ASSERT_TRUE(out) << out.status().message();
  EXPECT_EQ(*out, in);
}

TEST(Records, TruncatedFileIsAnError) {
  auto file = encode_records(std::vector<Record>{Record(20, 1)});
  file.resize(8 + 10);
  auto out = decode_records(file);
  ASSERT_FALSE(out);
  EXPECT_EQ(out.status().code(), ErrorCode::kBadInput);
}

TEST(Expected, KnownAnswers) {
  // fib(90) = 2880067194370816120; fib(100) = 354224848179261915075, mod 2^64 below.
  auto fib = expected_outputs("fibonacci", std::vector<Record>{u64_record(100)});
  ASSERT_TRUE(fib);
  EXPECT_EQ((std::uint64_t{(*fib)[2]} << 32) | (*fib)[1], 3736710778780434371ull);
  fib = expected_outputs("fibonacci", std::vector<Record>{u64_record(90)});
  EXPECT_EQ((std::uint64_t{(*fib)[2]} << 32) | (*fib)[1], 2880067194370816120ull);
  // pi(10000) = 1229, and the primes below 10^4 sum to 5736396 (OEIS A046731).
  auto primes = expected_outputs("cxx_primes", std::vector<Record>{u32_record(10000)});
  ASSERT_TRUE(primes);
  EXPECT_EQ((*primes)[1], 1229u);
  EXPECT_EQ((*primes)[2], 5736396u);
  // Below 1000, 871 has the longest Collatz trajectory: 178 steps (OEIS A006877).
  auto collatz = expected_outputs("collatz", std::vector<Record>{u32_record(1000)});
  ASSERT_TRUE(collatz);
  EXPECT_EQ((*collatz)[1], 871u);
  EXPECT_EQ((*collatz)[2], 178u);
  // sort: 3 1 2 -> 1 2 3, checksum 1*1 + 2*2 + 3*3 = 14.
  Record three;
  for (std::uint32_t v : {3u, 1u, 2u}) {
    const Record r = u32_record(v);
    three.insert(three.end(), r.begin(), r.end());
  }
  auto sorted = expected_outputs("sort", std::vector<Record>{three});
  ASSERT_TRUE(sorted);
  EXPECT_EQ((*sorted)[0], 3u);
  EXPECT_EQ((*sorted)[1], 1u);
  EXPECT_EQ((*sorted)[2], 3u);
  EXPECT_EQ((*sorted)[3], 2u);
  EXPECT_EQ((*sorted)[4], 14u);
}

TEST(Expected, MalformedRecordsAreErrors) {
  EXPECT_FALSE(expected_outputs("fibonacci", std::vector<Record>{}));
  EXPECT_FALSE(expected_outputs("fibonacci", std::vector<Record>{u32_record(1)}));
  EXPECT_FALSE(expected_outputs("sort", std::vector<Record>{Record(5, 0)}));
  EXPECT_FALSE(expected_outputs("records", std::vector<Record>{u32_record(3), Record(2)}));
  EXPECT_FALSE(expected_outputs("records", std::vector<Record>{u32_record(63)}));
  EXPECT_FALSE(expected_outputs("nope", std::vector<Record>{}));
}

TEST(Inputs, EveryExampleHasADefaultInputWithExpectedOutputs) {
  for (std::string_view name : example_names()) {
    auto in = make_input(name, 0, 1);
    ASSERT_TRUE(in) << name;
    EXPECT_TRUE(expected_outputs(name, *in)) << name;
  }
}

}  // namespace
}  // namespace ziskc::examples
