// run(): ZisK's parameter-block layouts through a test Memory, for every precompile kind —
// which words are read directly at rs1 and which through pointers, where results go, the
// returned c value — plus every guest-fault path (misaligned or unmapped blocks and operands,
// read-only outputs, rejected values). The algorithms themselves are tested against independent
// implementations in the per-family tests; here each kind is compared with the direct call.
#include <gtest/gtest.h>

#include <cstring>
#include <fstream>
#include <set>
#include <sstream>

#include "field/goldilocks.h"
#include "hash/poseidon2.h"
#include "precompile/arith.h"
#include "precompile/blake2b.h"
#include "precompile/curves.h"
#include "precompile/keccak.h"
#include "precompile/precompile.h"
#include "precompile/sha256.h"
#include "precompile/test_util.h"

namespace ziskc::precompile {
namespace {

using testing::TestMemory;
using Words = std::vector<std::uint64_t>;

constexpr std::uint64_t kBlock = 0xA0000000;  // parameter block
constexpr std::uint64_t kOps = 0xA0001000;    // operands: 8 slots of 32 words
constexpr std::uint64_t kRom = 0x80000000;    // read-only region
std::uint64_t slot(int i) { return kOps + 256 * static_cast<std::uint64_t>(i); }

class RunTest : public ::testing::Test {
 protected:
  void SetUp() override {
    mem_.add_region(kBlock, 64);
    mem_.add_region(kOps, 8 * 32);
    mem_.add_region(kRom, 64, /*writable=*/false);
  }
  Words random_words(std::size_t n) {
    Words w(n);
    for (auto& v : w) v = rng_();
    return w;
  }
  TestMemory mem_;
  std::mt19937_64 rng_{7001};
};

TEST(PrecompileTable, MatchesTheCsrPortsOfDesign) {
  const std::pair<Kind, std::uint16_t> expected[] = {{Kind::kKeccakF, 0x800},
                                                     {Kind::kArith256, 0x801},
                                                     {Kind::kArith256Mod, 0x802},
                                                     {Kind::kSecp256k1Add, 0x803},
                                                     {Kind::kSecp256k1Dbl, 0x804},
                                                     {Kind::kSha256, 0x805},
                                                     {Kind::kBn254CurveAdd, 0x806},
                                                     {Kind::kBn254CurveDbl, 0x807},
                                                     {Kind::kBn254ComplexAdd, 0x808},
                                                     {Kind::kBn254ComplexSub, 0x809},
                                                     {Kind::kBn254ComplexMul, 0x80A},
                                                     {Kind::kArith384Mod, 0x80B},
                                                     {Kind::kBls12381CurveAdd, 0x80C},
                                                     {Kind::kBls12381CurveDbl, 0x80D},
                                                     {Kind::kBls12381ComplexAdd, 0x80E},
                                                     {Kind::kBls12381ComplexSub, 0x80F},
                                                     {Kind::kBls12381ComplexMul, 0x810},
                                                     {Kind::kAdd256, 0x811},
                                                     {Kind::kPoseidon2, 0x812},
                                                     {Kind::kSecp256r1Add, 0x817},
                                                     {Kind::kSecp256r1Dbl, 0x818},
                                                     {Kind::kBlake2bRound, 0x819}};
  std::set<std::string> names;
  for (const auto& [kind, csr] : expected) {
    EXPECT_EQ(info(kind).csr, csr);
    EXPECT_EQ(info(kind).kind, kind);
    ASSERT_NE(find_by_csr(csr), nullptr);
    EXPECT_EQ(find_by_csr(csr)->kind, kind);
    names.insert(info(kind).name);
  }
  EXPECT_EQ(names.size(), static_cast<std::size_t>(Kind::kCount));
  for (std::uint16_t csr : {0x7FF, 0x813, 0x814, 0x815, 0x816, 0x81A, 0x8C0, 0x8F0}) {
    EXPECT_EQ(find_by_csr(csr), nullptr) << std::hex << csr;
  }
}

TEST_F(RunTest, KeccakInPlace) {
  Words s = random_words(25), expected = s;
  keccak_f1600(expected.data());
  mem_.poke(kBlock, s);
  auto r = run(Kind::kKeccakF, kBlock, mem_);
  ASSERT_TRUE(r.is_ok()) << r.status().message();
  EXPECT_EQ(*r, 0u);
  EXPECT_EQ(mem_.peek(kBlock, 25), expected);
}

TEST_F(RunTest, Sha256ThroughPointers) {
  Words state = random_words(4), input = random_words(8);
  mem_.poke(slot(0), state);
  mem_.poke(slot(1), input);
  mem_.poke(kBlock, Words{slot(0), slot(1)});
  std::uint32_t h[8];
  std::memcpy(h, state.data(), 32);
  sha256_compress(h, reinterpret_cast<const std::uint8_t*>(input.data()));
  Words expected(4);
  std::memcpy(expected.data(), h, 32);
  ASSERT_TRUE(run(Kind::kSha256, kBlock, mem_).is_ok());
  EXPECT_EQ(mem_.peek(slot(0), 4), expected);
  EXPECT_EQ(mem_.peek(slot(1), 8), input) << "the input block is not written";
}

TEST_F(RunTest, Sha256StateWordOrderIsNativeU32) {
  // SHA-256("abc"): the state words H0..H7 are u32 in order, two per u64 (H0 in the low half).
  const Words iv = {0xbb67ae856a09e667, 0xa54ff53a3c6ef372, 0x9b05688c510e527f, 0x5be0cd191f83d9ab};
  Words block(8, 0);
  block[0] = 0x0000000080636261;  // "abc" 0x80 in message order
  block[7] = 0x1800000000000000;  // length 24 bits, big-endian in the last bytes
  mem_.poke(slot(0), iv);
  mem_.poke(slot(1), block);
  mem_.poke(kBlock, Words{slot(0), slot(1)});
  ASSERT_TRUE(run(Kind::kSha256, kBlock, mem_).is_ok());
  EXPECT_EQ(mem_.peek(slot(0), 4), (Words{0x8f01cfeaba7816bf, 0x5dae2223414140de,
                                          0x96177a9cb00361a3, 0xf20015adb410ff61}));
}

TEST_F(RunTest, Add256ReturnsTheCarry) {
  const Words a = {~0ull, ~0ull, ~0ull, ~0ull}, b = {1, 0, 0, 0};
  mem_.poke(slot(0), a);
  mem_.poke(slot(1), b);
  mem_.poke(kBlock, Words{slot(0), slot(1), 1, slot(2)});
  auto r = run(Kind::kAdd256, kBlock, mem_);
  ASSERT_TRUE(r.is_ok());
  EXPECT_EQ(*r, 1u);
  EXPECT_EQ(mem_.peek(slot(2), 4), (Words{1, 0, 0, 0}));
  mem_.poke(kBlock, Words{slot(0), slot(1), 0, slot(0)});  // c aliases a
  r = run(Kind::kAdd256, kBlock, mem_);
  ASSERT_TRUE(r.is_ok());
  EXPECT_EQ(*r, 1u);
  EXPECT_EQ(mem_.peek(slot(0), 4), (Words{0, 0, 0, 0}));
}

TEST_F(RunTest, Arith256WritesLowAndHighHalves) {
  Words a = random_words(4), b = random_words(4), c = random_words(4);
  Words dl(4), dh(4);
  arith256(a.data(), b.data(), c.data(), dl.data(), dh.data());
  mem_.poke(slot(0), a);
  mem_.poke(slot(1), b);
  mem_.poke(slot(2), c);
  mem_.poke(kBlock, Words{slot(0), slot(1), slot(2), slot(3), slot(4)});
  ASSERT_TRUE(run(Kind::kArith256, kBlock, mem_).is_ok());
  EXPECT_EQ(mem_.peek(slot(3), 4), dl);
  EXPECT_EQ(mem_.peek(slot(4), 4), dh);
  // Outputs aliasing inputs: everything is read before anything is written.
  mem_.poke(kBlock, Words{slot(0), slot(1), slot(2), slot(0), slot(1)});
  ASSERT_TRUE(run(Kind::kArith256, kBlock, mem_).is_ok());
  EXPECT_EQ(mem_.peek(slot(0), 4), dl);
  EXPECT_EQ(mem_.peek(slot(1), 4), dh);
}

TEST_F(RunTest, ArithModBothWidths) {
  for (std::size_t n : {4u, 6u}) {
    Words a = random_words(n), b = random_words(n), c = random_words(n), m = random_words(n);
    Words d(n);
    if (n == 4)
      arith256_mod(a.data(), b.data(), c.data(), m.data(), d.data());
    else
      arith384_mod(a.data(), b.data(), c.data(), m.data(), d.data());
    mem_.poke(slot(0), a);
    mem_.poke(slot(1), b);
    mem_.poke(slot(2), c);
    mem_.poke(slot(3), m);
    mem_.poke(kBlock, Words{slot(0), slot(1), slot(2), slot(3), slot(4)});
    const Kind kind = n == 4 ? Kind::kArith256Mod : Kind::kArith384Mod;
    ASSERT_TRUE(run(kind, kBlock, mem_).is_ok());
    EXPECT_EQ(mem_.peek(slot(4), n), d);
    mem_.poke(slot(3), Words(n, 0));
    auto r = run(kind, kBlock, mem_);
    ASSERT_FALSE(r.is_ok());
    EXPECT_EQ(r.status().code(), ErrorCode::kGuestFault);
    EXPECT_NE(r.status().message().find("module is zero"), std::string::npos);
  }
}

struct CurveCase {
  Kind add, dbl;
  Curve curve;
};

TEST_F(RunTest, CurveAddAndDblLayouts) {
  for (const CurveCase& cc :
       {CurveCase{Kind::kSecp256k1Add, Kind::kSecp256k1Dbl, Curve::kSecp256k1},
        CurveCase{Kind::kSecp256r1Add, Kind::kSecp256r1Dbl, Curve::kSecp256r1},
        CurveCase{Kind::kBn254CurveAdd, Kind::kBn254CurveDbl, Curve::kBn254},
        CurveCase{Kind::kBls12381CurveAdd, Kind::kBls12381CurveDbl, Curve::kBls12381}}) {
    const std::size_t w = 2 * static_cast<std::size_t>(coordinate_words(cc.curve));
    Words p1 = random_words(w), p2 = random_words(w), sum(w), twice(w);
    ASSERT_TRUE(curve_add(cc.curve, p1.data(), p2.data(), sum.data()));
    ASSERT_TRUE(curve_dbl(cc.curve, p1.data(), twice.data()));
    mem_.poke(slot(0), p1);
    mem_.poke(slot(1), p2);
    mem_.poke(kBlock, Words{slot(0), slot(1)});
    ASSERT_TRUE(run(cc.add, kBlock, mem_).is_ok());
    EXPECT_EQ(mem_.peek(slot(0), w), sum) << "the sum replaces p1";
    EXPECT_EQ(mem_.peek(slot(1), w), p2);
    // dbl: the point itself is the parameter block.
    mem_.poke(slot(2), p1);
    ASSERT_TRUE(run(cc.dbl, slot(2), mem_).is_ok());
    EXPECT_EQ(mem_.peek(slot(2), w), twice);
    // Equal x: guest fault, p1 untouched.
    mem_.poke(slot(1), p1);
    mem_.poke(slot(0), p1);
    auto r = run(cc.add, kBlock, mem_);
    ASSERT_FALSE(r.is_ok());
    EXPECT_EQ(r.status().code(), ErrorCode::kGuestFault);
    EXPECT_EQ(mem_.peek(slot(0), w), p1);
    Words flat = p1;
    std::fill(flat.begin() + static_cast<std::ptrdiff_t>(w / 2), flat.end(), 0);
    mem_.poke(slot(2), flat);
    r = run(cc.dbl, slot(2), mem_);
    ASSERT_FALSE(r.is_ok());
    EXPECT_EQ(r.status().code(), ErrorCode::kGuestFault);
  }
}

TEST_F(RunTest, ComplexLayouts) {
  const std::pair<Kind, ComplexOp> bn[] = {{Kind::kBn254ComplexAdd, ComplexOp::kAdd},
                                           {Kind::kBn254ComplexSub, ComplexOp::kSub},
                                           {Kind::kBn254ComplexMul, ComplexOp::kMul}};
  const std::pair<Kind, ComplexOp> bls[] = {{Kind::kBls12381ComplexAdd, ComplexOp::kAdd},
                                            {Kind::kBls12381ComplexSub, ComplexOp::kSub},
                                            {Kind::kBls12381ComplexMul, ComplexOp::kMul}};
  for (int family = 0; family < 2; ++family) {
    const Curve curve = family == 0 ? Curve::kBn254 : Curve::kBls12381;
    const std::size_t w = family == 0 ? 8 : 12;
    for (const auto& [kind, op] : family == 0 ? std::span(bn) : std::span(bls)) {
      Words f1 = random_words(w), f2 = random_words(w), expected(w);
      complex_op(curve, op, f1.data(), f2.data(), expected.data());
      mem_.poke(slot(0), f1);
      mem_.poke(slot(1), f2);
      mem_.poke(kBlock, Words{slot(0), slot(1)});
      ASSERT_TRUE(run(kind, kBlock, mem_).is_ok()) << info(kind).name;
      EXPECT_EQ(mem_.peek(slot(0), w), expected) << info(kind).name;
    }
  }
}

TEST_F(RunTest, Blake2bRoundLayout) {
  Words v = random_words(16), m = random_words(16), expected = v;
  blake2b_round(expected.data(), m.data(), 7);
  mem_.poke(slot(0), v);
  mem_.poke(slot(1), m);
  mem_.poke(kBlock, Words{7, slot(0), slot(1)});
  ASSERT_TRUE(run(Kind::kBlake2bRound, kBlock, mem_).is_ok());
  EXPECT_EQ(mem_.peek(slot(0), 16), expected);
  EXPECT_EQ(mem_.peek(slot(1), 16), m);
}

std::vector<std::uint64_t> poseidon2_kat16() {
  std::ifstream in(std::string(ZISKC_TEST_DATA_DIR) + "/poseidon2/permutation_kat.txt");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("16:", 0) != 0) continue;
    std::istringstream ls(line.substr(3));
    std::vector<std::uint64_t> out;
    std::string hex;
    while (ls >> hex) out.push_back(std::stoull(hex, nullptr, 16));
    return out;
  }
  return {};
}

TEST_F(RunTest, Poseidon2KnownAnswerAndNonCanonicalInputs) {
  // The width-16 permutation of [0..15] (pil2-proofman golden value; ZisK's `fields` crate test
  // test_poseidon2_16 has the same output).
  Words s(16);
  for (std::uint64_t i = 0; i < 16; ++i) s[i] = i;
  mem_.poke(kBlock, s);
  ASSERT_TRUE(run(Kind::kPoseidon2, kBlock, mem_).is_ok());
  const Words kat = poseidon2_kat16();
  ASSERT_EQ(kat.size(), 16u);
  EXPECT_EQ(mem_.peek(kBlock, 16), kat);
  // Inputs >= p are taken mod p (Goldilocks::new), outputs are canonical.
  for (std::uint64_t i = 0; i < 16; ++i) s[i] = i + (i % 2 ? field::Fe::kP : 0);
  mem_.poke(kBlock, s);
  ASSERT_TRUE(run(Kind::kPoseidon2, kBlock, mem_).is_ok());
  EXPECT_EQ(mem_.peek(kBlock, 16), kat);
}

TEST_F(RunTest, MisalignedAndUnmappedBlocksAreGuestFaults) {
  for (const Info& pc : precompile_table()) {
    for (std::uint64_t addr :
         {kBlock + 4, kBlock + 1, std::uint64_t{0x10}, ~std::uint64_t{7}, kBlock + 8 * 60}) {
      auto r = run(pc.kind, addr, mem_);
      ASSERT_FALSE(r.is_ok()) << pc.name << " at " << addr;
      EXPECT_EQ(r.status().code(), ErrorCode::kGuestFault) << pc.name;
      EXPECT_NE(r.status().message().find(pc.name), std::string::npos) << r.status().message();
    }
  }
}

TEST_F(RunTest, BadOperandPointersAreGuestFaults) {
  const Kind indirect[] = {Kind::kSha256,          Kind::kArith256,
                           Kind::kArith256Mod,     Kind::kArith384Mod,
                           Kind::kSecp256k1Add,    Kind::kSecp256r1Add,
                           Kind::kBn254CurveAdd,   Kind::kBls12381CurveAdd,
                           Kind::kBn254ComplexMul, Kind::kBls12381ComplexAdd,
                           Kind::kAdd256,          Kind::kBlake2bRound};
  for (Kind kind : indirect) {
    for (std::uint64_t bad : {slot(0) + 4, std::uint64_t{0x1000}, kRom + 8 * 63}) {
      // Every pointer of the block points at the bad address (index 0 is a value for blake2b).
      Words block(5, bad);
      if (kind == Kind::kBlake2bRound) block[0] = 0;
      if (kind == Kind::kAdd256) block[2] = 0;
      mem_.poke(kBlock, block);
      auto r = run(kind, kBlock, mem_);
      ASSERT_FALSE(r.is_ok()) << info(kind).name;
      EXPECT_EQ(r.status().code(), ErrorCode::kGuestFault);
    }
  }
}

TEST_F(RunTest, ReadOnlyOutputIsAGuestFault) {
  mem_.poke(slot(0), random_words(4));
  mem_.poke(slot(1), random_words(4));
  mem_.poke(kBlock, Words{slot(0), slot(1), 0, kRom});
  auto r = run(Kind::kAdd256, kBlock, mem_);
  ASSERT_FALSE(r.is_ok());
  EXPECT_EQ(r.status().code(), ErrorCode::kGuestFault);
  EXPECT_NE(r.status().message().find("cannot write c"), std::string::npos) << r.status().message();
  // A keccak state in ROM can be read but not written back.
  r = run(Kind::kKeccakF, kRom, mem_);
  ASSERT_FALSE(r.is_ok());
  EXPECT_EQ(r.status().code(), ErrorCode::kGuestFault);
}

TEST(FcallParamWords, ZisKPortTable) {
  const std::uint32_t expected[16] = {1, 2, 4, 8, 12, 16, 20, 24, 28, 32, 48, 64, 80, 96, 128, 256};
  for (std::uint16_t p = 0; p < 16; ++p) EXPECT_EQ(fcall_param_words(0x8F0 + p), expected[p]);
  EXPECT_EQ(fcall_param_words(0x8EF), 0u);
  EXPECT_EQ(fcall_param_words(0x900), 0u);
  static_assert(fcall_param_words(0x8F3) == 8);
}

}  // namespace
}  // namespace ziskc::precompile

namespace ziskc::precompile {
namespace {

// Random parameter blocks (random words, pointers into, near and outside the mapped regions):
// every run either succeeds or is a guest fault naming the precompile.
TEST(Run, RandomBlocksNeverCrash) {
  auto rng = testing::seeded_rng(7100);
  TestMemory mem;
  mem.add_region(kBlock, 64);
  mem.add_region(kOps, 8 * 32);
  mem.add_region(kRom, 64, /*writable=*/false);
  auto random_pointer = [&]() -> std::uint64_t {
    switch (rng() % 5) {
      case 0:
        return slot(static_cast<int>(rng() % 8));
      case 1:
        return kOps + 8 * (rng() % 260);  // near the end of the operand region
      case 2:
        return kRom + 8 * (rng() % 70);  // read-only
      case 3:
        return rng();  // anywhere
      default:
        return kOps + (rng() % 2048);  // possibly misaligned
    }
  };
  for (int iter = 0; iter < 20000; ++iter) {
    Words ops(8 * 32);
    for (auto& v : ops) v = rng();
    mem.poke(kOps, ops);
    Words block(64);
    for (auto& v : block) v = rng() % 3 == 0 ? rng() : random_pointer();
    mem.poke(kBlock, block);
    const Kind kind = static_cast<Kind>(rng() % static_cast<std::uint64_t>(Kind::kCount));
    const std::uint64_t addr = rng() % 4 == 0 ? random_pointer() : kBlock;
    auto r = run(kind, addr, mem);
    if (!r.is_ok()) {
      ASSERT_EQ(r.status().code(), ErrorCode::kGuestFault) << r.status().message();
      ASSERT_NE(r.status().message().find(info(kind).name), std::string::npos);
    }
  }
}

}  // namespace
}  // namespace ziskc::precompile
