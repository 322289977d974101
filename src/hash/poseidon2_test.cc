// Poseidon2 known-answer tests (tests/data/poseidon2/, published by pil2-proofman's goldilocks
// tests and the HorizenLabs reference) and agreement of the scalar and SIMD paths.
#include "hash/poseidon2.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "hash/poseidon2_internal.h"

namespace ziskc::hash {
namespace {

// Reads "width: hex hex ..." lines from tests/data/poseidon2/permutation_kat.txt.
std::vector<std::uint64_t> load_kat(const std::string& key) {
  const std::string path = std::string(ZISKC_TEST_DATA_DIR) + "/poseidon2/permutation_kat.txt";
  std::ifstream in(path);
  EXPECT_TRUE(in.good()) << "cannot open " << path;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream ls(line);
    std::string word;
    ls >> word;
    if (word != key + ":") continue;
    std::vector<std::uint64_t> out;
    std::string hex;
    while (ls >> hex) out.push_back(std::stoull(hex, nullptr, 16));
    return out;
  }
  ADD_FAILURE() << "no vector " << key;
  return {};
}

template <std::size_t W>
void check_kat() {
  typename Poseidon2<W>::State s;
  for (std::size_t i = 0; i < W; ++i) s[i] = Fe::from_u64(i);
  Poseidon2<W>::permute(s);
  const auto expected = load_kat(std::to_string(W));
  ASSERT_EQ(expected.size(), W);
  for (std::size_t i = 0; i < W; ++i) {
    EXPECT_EQ(s[i].value(), expected[i]) << "width " << W << " element " << i;
  }
}

TEST(Poseidon2, KnownAnswerWidth8) { check_kat<8>(); }
TEST(Poseidon2, KnownAnswerWidth12) { check_kat<12>(); }
TEST(Poseidon2, KnownAnswerWidth16) { check_kat<16>(); }

TEST(Poseidon2, KnownAnswerWidth12FromOne) {
  Poseidon2<12>::State s;
  for (std::size_t i = 0; i < 12; ++i) s[i] = Fe::from_u64(i + 1);
  Poseidon2<12>::permute(s);
  const auto expected = load_kat("12-from-1");
  ASSERT_EQ(expected.size(), 4u);
  for (std::size_t i = 0; i < 4; ++i) EXPECT_EQ(s[i].value(), expected[i]) << "element " << i;
}

TEST(Poseidon2, Width12StartsWithPublishedValue) {
  Poseidon2<12>::State s;
  for (std::size_t i = 0; i < 12; ++i) s[i] = Fe::from_u64(i);
  Poseidon2<12>::permute(s);
  EXPECT_EQ(s[0].value(), 0x01eaef96bdf1c0c1ull);
}

template <std::size_t W>
void check_x8_matches_scalar(std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  for (int trial = 0; trial < 50; ++trial) {
    std::array<typename Poseidon2<W>::State, 16> a;
    for (auto& st : a) {
      for (auto& x : st) {
        // Mix uniform values with edge values (0, 1, p-1, p-2^32).
        const std::uint64_t r = rng();
        switch (r % 8) {
          case 0:
            x = Fe::zero();
            break;
          case 1:
            x = Fe::from_canonical(Fe::kP - 1);
            break;
          case 2:
            x = Fe::from_canonical(Fe::kP - (1ull << 32));
            break;
          default:
            x = Fe::from_u64(rng());
            break;
        }
      }
    }
    auto b = a;
    auto c = a;
    auto d = a;
    Poseidon2<W>::permute_x8(a.data());
    Poseidon2<W>::permute_x8(a.data() + 8);
    Poseidon2<W>::permute_x4(c.data());
    Poseidon2<W>::permute_x4(c.data() + 4);
    Poseidon2<W>::permute_x16(d.data());
    for (auto& st : b) Poseidon2<W>::permute(st);
    for (int k = 0; k < 16; ++k) {
      ASSERT_EQ(d[k], b[k]) << "x16 path, seed " << seed << " trial " << trial << " lane " << k;
      if (k < 8) {
        ASSERT_EQ(c[k], b[k]) << "x4 path, seed " << seed << " trial " << trial << " lane " << k;
      }
      for (std::size_t i = 0; i < W; ++i) {
        ASSERT_EQ(a[k][i].value(), b[k][i].value())
            << "seed " << seed << " trial " << trial << " lane " << k << " element " << i;
        ASSERT_LT(a[k][i].value(), Fe::kP);
      }
    }
  }
}

// Runs the batched paths under every backend this CPU has (scalar, AVX2, AVX-512).
TEST(Poseidon2, BatchedPathsMatchScalarOnEveryBackend) {
  const std::uint64_t seed = 0x5eed0001;
  for (SimdBackend cap : {SimdBackend::kScalar, SimdBackend::kAvx2, SimdBackend::kAvx512}) {
    limit_simd_backend(cap);
    SCOPED_TRACE(::testing::Message() << "backend " << simd_backend_name(active_simd_backend()));
    check_x8_matches_scalar<8>(seed);
    check_x8_matches_scalar<12>(seed);
    check_x8_matches_scalar<16>(seed);
  }
  limit_simd_backend(SimdBackend::kAvx512);
}

TEST(Poseidon2, PermuteManyMatchesScalarIncludingTail) {
  std::mt19937_64 rng(7);
  std::vector<Poseidon2<16>::State> a(16 * 9 + 8 + 3);  // x16 groups, an x8 group, tail
  for (auto& st : a)
    for (auto& x : st) x = Fe::from_u64(rng());
  auto b = a;
  Poseidon2<16>::permute_many(a);
  for (auto& st : b) Poseidon2<16>::permute(st);
  for (std::size_t k = 0; k < a.size(); ++k) ASSERT_EQ(a[k], b[k]) << "state " << k;
}

TEST(Poseidon2, ForcedScalarBackendAgrees) {
  std::array<Poseidon2<12>::State, 4> a{};
  for (int k = 0; k < 4; ++k)
    for (std::size_t i = 0; i < 12; ++i) a[k][i] = Fe::from_u64(k * 100 + i);
  auto b = a;
  limit_simd_backend(SimdBackend::kScalar);
  EXPECT_EQ(active_simd_backend(), SimdBackend::kScalar);
  Poseidon2<12>::permute_x4(a.data());
  limit_simd_backend(SimdBackend::kAvx512);
  Poseidon2<12>::permute_x4(b.data());
  EXPECT_EQ(a, b);
}

// Every pair from a list of edge values (and a few random ones) through the SIMD lane
// arithmetic, against Fe. Covers the rare branches of the 128-bit reduction: lo < hi >> 32
// (e.g. 2^48 * 2^48 = 2^96), carries, results equal to p - 1, zero.
TEST(Poseidon2, SimdLaneArithmeticEdgeCases) {
  const std::uint64_t p = Fe::kP;
  std::vector<std::uint64_t> vals = {0,
                                     1,
                                     2,
                                     0xFFFFFFFFull,
                                     1ull << 32,
                                     (1ull << 32) + 1,
                                     1ull << 48,
                                     (1ull << 48) + 1,
                                     (1ull << 48) - 1,
                                     1ull << 63,
                                     (1ull << 63) - 1,
                                     p - 1,
                                     p - 2,
                                     p - (1ull << 32),
                                     p - (1ull << 32) - 1,
                                     p - (1ull << 48),
                                     0x8000000080000000ull,
                                     0xFFFFFFFE00000000ull};
  std::mt19937_64 rng(3);
  for (int i = 0; i < 14; ++i) vals.push_back(rng() % p);
  std::vector<std::array<std::uint64_t, 3>> triples;
  for (auto a : vals)
    for (auto b : vals) triples.push_back({a, b, vals[(a ^ b) % vals.size()]});
  auto check = [&](int lanes, auto fn, const char* name) {
    for (std::size_t t0 = 0; t0 < triples.size(); t0 += lanes) {
      std::uint64_t a[8] = {}, b[8] = {}, c[8] = {};
      for (int k = 0; k < lanes && t0 + k < triples.size(); ++k) {
        a[k] = triples[t0 + k][0];
        b[k] = triples[t0 + k][1];
        c[k] = triples[t0 + k][2];
      }
      detail::LaneOps out[8];
      fn(a, b, c, out);
      for (int k = 0; k < lanes; ++k) {
        const Fe fa = Fe::from_canonical(a[k]), fb = Fe::from_canonical(b[k]);
        const Fe fc = Fe::from_canonical(c[k]);
        ASSERT_EQ(out[k].mul, (fa * fb).value()) << name << " mul " << a[k] << " " << b[k];
        ASSERT_EQ(out[k].add, (fa + fb).value()) << name << " add " << a[k] << " " << b[k];
        ASSERT_EQ(out[k].mul_add, (fa * fb + fc).value()) << name << " mul_add " << a[k];
        ASSERT_EQ(out[k].pow7, fa.pow(7).value()) << name << " pow7 " << a[k];
      }
    }
  };
  check(1, detail::scalar_lane_ops_for_testing, "scalar");
  if (detail::cpu_has_avx2()) check(4, detail::avx2_lane_ops_for_testing, "avx2");
  if (detail::cpu_has_avx512()) check(8, detail::avx512_lane_ops_for_testing, "avx512");
}

// The kernels' lazy steps take values anywhere in [0, 2^64), including the non-canonical
// [p, 2^64), and must agree with exact 128-bit arithmetic mod p (mul_add: a * b + a + 2c + b
// through the 128-bit accumulator; pow7 with a lazy last step; add_const; the external
// matrix's fold of H 2^32 + L for H, L < 2^39; the final canonicalisation).
TEST(Poseidon2, SimdLazyLaneArithmeticEdgeCases) {
  const std::uint64_t p = Fe::kP;
  std::vector<std::uint64_t> any = {0,
                                    1,
                                    0xFFFFFFFFull,
                                    1ull << 32,
                                    1ull << 63,
                                    p - 1,
                                    p,
                                    p + 1,
                                    p + 0xFFFFFFFEull,
                                    ~0ull,
                                    ~0ull - 1,
                                    0xFFFFFFFF00000000ull,
                                    0x8000000080000000ull,
                                    (1ull << 48) - 1};
  std::vector<std::uint64_t> canon = {
      0,          1,     2,     0xFFFFFFFFull,    1ull << 32,
      1ull << 63, p - 1, p - 2, p - (1ull << 32), 0xFFFFFFFE00000000ull};
  std::mt19937_64 rng(11);
  for (int i = 0; i < 10; ++i) {
    any.push_back(rng());
    canon.push_back(rng() % p);
  }
  using u128 = unsigned __int128;
  const auto modp = [p](u128 x) { return static_cast<std::uint64_t>(x % p); };
  const auto pow7 = [&](std::uint64_t a) {
    const Fe x = Fe::from_canonical(a % p);
    return x.pow(7).value();
  };
  std::vector<std::array<std::uint64_t, 3>> triples;
  for (auto a : any)
    for (auto b : canon) triples.push_back({a, b, any[(a ^ b) % any.size()]});
  auto check = [&](int lanes, auto fn, const char* name) {
    for (std::size_t t0 = 0; t0 < triples.size(); t0 += lanes) {
      std::uint64_t a[8] = {}, b[8] = {}, c[8] = {};
      for (int k = 0; k < lanes && t0 + k < triples.size(); ++k) {
        a[k] = triples[t0 + k][0];
        b[k] = triples[t0 + k][1];
        c[k] = triples[t0 + k][2];
      }
      detail::LazyLaneOps out[8];
      fn(a, b, c, out);
      for (int k = 0; k < lanes; ++k) {
        const u128 sum = u128{a[k]} + 2 * u128{c[k]} + b[k];
        const std::uint64_t want = modp(modp(u128{a[k]} * b[k]) + u128{modp(sum)});
        ASSERT_EQ(out[k].mul_add % p, want) << name << " mul_add " << a[k] << " " << b[k];
        ASSERT_EQ(out[k].pow7 % p, pow7(a[k])) << name << " pow7 " << a[k];
        ASSERT_EQ(out[k].add_const % p, modp(u128{a[k]} + b[0])) << name << " add_const " << a[k];
        ASSERT_EQ(out[k].fold % p, modp((u128{a[k] >> 25} << 32) + (c[k] >> 25)))
            << name << " fold " << a[k] << " " << c[k];
        ASSERT_EQ(out[k].canonical, a[k] % p) << name << " canonical " << a[k];
      }
    }
  };
  if (detail::cpu_has_avx2()) check(4, detail::avx2_lazy_ops_for_testing, "avx2");
  if (detail::cpu_has_avx512()) check(8, detail::avx512_lazy_ops_for_testing, "avx512");
}

}  // namespace
}  // namespace ziskc::hash
