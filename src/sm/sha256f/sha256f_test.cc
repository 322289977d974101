// The Sha256F machine on its own (sm/sha256f/air.h): completeness on random states and blocks
// (the trace's output row against the emulator's compression and OpenSSL's SHA-256 block
// function with a chosen chaining value) and the FIPS 180-2 "abc" vector through the u64 words
// the guest passes; the bus messages balance against the tuples Main and the memory machines
// send; the row checker names the failing constraint for corrupted cells of every column group,
// a wrong output word, a wrong round constant, broken carries, a wrong schedule word and a call
// without its stores; full STARK proofs: the honest one verifies, a wrong statement and
// tampered witnesses do not.
#define OPENSSL_SUPPRESS_DEPRECATED  // SHA256_CTX is the only way to set the chaining value
#include "sm/sha256f/sha256f.h"

#include <gtest/gtest.h>
#include <openssl/sha.h>

#include <bit>
#include <cstddef>
#include <cstring>
#include <iostream>
#include <random>
#include <string>

#include "precompile/sha256.h"
#include "sm/sha256f/air.h"
#include "stark/prover.h"
#include "stark/row_checker.h"
#include "stark/shape.h"
#include "stark/verifier.h"
#include "zisk/instruction.h"

namespace ziskc::sm {
namespace {

using field::Fe;
using State = std::array<std::uint64_t, kSha256StateWords>;
using Block = std::array<std::uint64_t, kSha256InputWords>;

constexpr std::size_t col(std::size_t offset_bytes) { return offset_bytes / sizeof(Fe); }
#define SHA_COL(name) col(offsetof(Sha256fCols<Fe>, name))
constexpr std::size_t kColRound = SHA_COL(round);
constexpr std::size_t kColSel = SHA_COL(sel);
constexpr std::size_t kColStep = SHA_COL(step);
constexpr std::size_t kColAddr = SHA_COL(addr);
constexpr std::size_t kColStatePtr = SHA_COL(state_ptr);
constexpr std::size_t kColInputPtr = SHA_COL(input_ptr);
constexpr std::size_t kColHIn = SHA_COL(h_in);
constexpr std::size_t kColW = SHA_COL(w);
constexpr std::size_t kColSig0 = SHA_COL(sig0);
constexpr std::size_t kColSig1 = SHA_COL(sig1);
constexpr std::size_t kColWCarry = SHA_COL(w_carry);
constexpr std::size_t kColA = SHA_COL(a);
constexpr std::size_t kColE = SHA_COL(e);
constexpr std::size_t kColBigSig0 = SHA_COL(big_sig0);
constexpr std::size_t kColBigSig1 = SHA_COL(big_sig1);
constexpr std::size_t kColCh = SHA_COL(ch);
constexpr std::size_t kColMaj = SHA_COL(maj);
constexpr std::size_t kColACarry = SHA_COL(a_carry);
constexpr std::size_t kColECarry = SHA_COL(e_carry);
constexpr std::size_t kColOut = SHA_COL(out);
constexpr std::size_t kColOutCarry = SHA_COL(out_carry);
#undef SHA_COL
constexpr std::size_t kLast = kSha256Rounds - 1;

constexpr std::uint32_t kIv[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                                  0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};

std::mt19937_64 seeded(std::uint64_t seed) {
  std::cout << "[ seed     ] " << seed << "\n";
  return std::mt19937_64(seed);
}

std::uint32_t word_at(const poly::RowMajorMatrix& t, std::size_t row, std::size_t c0) {
  std::uint32_t v = 0;
  for (unsigned j = 0; j < 32; ++j) v |= static_cast<std::uint32_t>(t.at(row, c0 + j).value()) << j;
  return v;
}
void set_word(poly::RowMajorMatrix& t, std::size_t row, std::size_t c0, std::uint32_t v) {
  for (unsigned j = 0; j < 32; ++j) t.at(row, c0 + j) = Fe::from_u64((v >> j) & 1);
}
// The output state words of a call's round-63 row.
State output_at(const poly::RowMajorMatrix& t, std::size_t row) {
  State s{};
  for (unsigned i = 0; i < kSha256StateWords; ++i) {
    s[i] = word_at(t, row, kColOut + 64 * i) |
           (std::uint64_t{word_at(t, row, kColOut + 64 * i + 32)} << 32);
  }
  return s;
}

Sha256fRecord record(std::uint64_t step, std::uint64_t addr, const State& s, const Block& in) {
  return {.step = step,
          .addr = addr,
          .state_ptr = addr + 0x100,
          .input_ptr = addr + 0x200,
          .state = s,
          .input = in};
}

std::vector<Sha256fRecord> random_records(std::mt19937_64& rng, std::size_t n) {
  std::vector<Sha256fRecord> out;
  for (std::size_t k = 0; k < n; ++k) {
    State s;
    Block in;
    for (auto& v : s) v = rng();
    for (auto& v : in) v = rng();
    out.push_back(record(1000 + 7 * k, 0xA001'0000 + 1024 * k, s, in));
  }
  return out;
}

const stark::Air& air() {
  static const stark::AirPtr a = stark::make_air<Sha256fAir>();
  return *a;
}

std::optional<stark::ConstraintFailure> failure(const poly::RowMajorMatrix& t) {
  auto r = stark::find_constraint_failure(air(), 0, t, nullptr, {}, {});
  ZISKC_CHECK(r.is_ok(), "shape");
  return *r;
}

// The tuples the other machines send for the records: Main assumes the op (-1), the memory
// machines prove the loads and stores (+1).
std::vector<stark::DirectTerm> terms_of(std::span<const Sha256fRecord> recs) {
  std::vector<stark::DirectTerm> out;
  const auto u = [](std::uint64_t v) { return Fe::from_u64(v); };
  for (const Sha256fRecord& r : recs) {
    out.push_back({kOperationBus,
                   {u(0xf9), u(0), u(0), u(r.addr), u(0), u(0), u(0), u(0), u(r.step), u(0)},
                   -Fe::one()});
    std::vector<MemAccess> acc;
    sha256f_mem_accesses(r, acc);
    for (const MemAccess& a : acc) {
      out.push_back(
          {kMemoryBus,
           {u(a.mem_op), u(a.addr), u(a.mem_step), u(8), u(a.value & 0xFFFFFFFF), u(a.value >> 32)},
           Fe::one()});
    }
  }
  return out;
}

TEST(Sha256fTest, ShapeIsDegreeThree) {
  // 2007 constraints (docs/sm/sha256f.md), 19 interactions (op, 14 loads, 4 stores), degree 3.
  auto shape = stark::analyze_air(air(), 3);
  ASSERT_TRUE(shape.is_ok()) << shape.status().message();
  EXPECT_EQ(shape->info.num_main, 1187u);
  EXPECT_EQ(shape->constraints.size(), 2007u);
  EXPECT_EQ(shape->interactions.size(), 19u);
  EXPECT_FALSE(stark::analyze_air(air(), 2).is_ok());
}

TEST(Sha256fTest, TraceComputesTheCompression) {
  auto rng = seeded(0x73686131);
  std::vector<Sha256fRecord> recs = random_records(rng, 3);
  // FIPS 180-2 Appendix B.1: "abc" padded, from the IV, as the guest's u64 words.
  std::uint8_t abc[64] = {'a', 'b', 'c', 0x80};
  abc[63] = 24;
  State iv;
  Block abc_words;
  std::memcpy(iv.data(), kIv, sizeof(kIv));
  std::memcpy(abc_words.data(), abc, sizeof(abc));
  recs.push_back(record(5, 0xA000'0100, iv, abc_words));
  constexpr unsigned kLogH = 8;  // 256 rows: 4 calls
  ASSERT_EQ(sha256f_calls_per_instance(kLogH), recs.size());
  const poly::RowMajorMatrix t = sha256f_trace(recs, kLogH);
  const Status st = stark::check_constraints(air(), 0, t, nullptr, {}, {});
  ASSERT_TRUE(st.is_ok()) << st.message();
  for (std::size_t k = 0; k < recs.size(); ++k) {
    const std::size_t r0 = kSha256Rounds * k;
    for (unsigned i = 0; i < 8; ++i) {
      EXPECT_EQ(t.at(r0, kColHIn + i).value(),
                (recs[k].state[i / 2] >> (32 * (i % 2))) & 0xFFFFFFFF);
    }
    // OpenSSL's block function with the record's chaining value.
    SHA256_CTX ctx;
    SHA256_Init(&ctx);
    for (unsigned i = 0; i < 8; ++i) {
      ctx.h[i] = static_cast<std::uint32_t>(recs[k].state[i / 2] >> (32 * (i % 2)));
    }
    std::uint8_t block[64];
    std::memcpy(block, recs[k].input.data(), sizeof(block));
    SHA256_Update(&ctx, block, 64);
    State want{};
    for (unsigned i = 0; i < kSha256StateWords; ++i) {
      want[i] = ctx.h[2 * i] | (std::uint64_t{ctx.h[2 * i + 1]} << 32);
    }
    EXPECT_EQ(output_at(t, r0 + kLast), want) << "call " << k;
    EXPECT_EQ(sha256f_output(recs[k]), want) << "call " << k;
  }
  // The "abc" digest (FIPS 180-2 B.1): H_0 = ba7816bf, ..., H_7 = f20015ad.
  const State abc_out = output_at(t, 3 * kSha256Rounds + kLast);
  EXPECT_EQ(abc_out[0], 0x8f01cfea'ba7816bfull);
  EXPECT_EQ(abc_out[1], 0x5dae2223'414140deull);
  EXPECT_EQ(abc_out[2], 0x96177a9c'b00361a3ull);
  EXPECT_EQ(abc_out[3], 0xf20015ad'b410ff61ull);
  // Row 0's window is the big-endian message: W_0 = "abc\x80".
  EXPECT_EQ(word_at(t, 3 * kSha256Rounds, kColW), 0x61626380u);
}

TEST(Sha256fTest, PaddingCallsSendNothingAndSatisfyTheConstraints) {
  auto rng = seeded(0x73686132);
  const std::vector<Sha256fRecord> recs = random_records(rng, 1);
  const poly::RowMajorMatrix t = sha256f_trace(recs, 8);
  EXPECT_TRUE(stark::check_constraints(air(), 0, t, nullptr, {}, {}).is_ok());
  for (std::size_t r = kSha256Rounds; r < t.rows; ++r) {
    ASSERT_TRUE(t.at(r, kColSel).is_zero()) << "row " << r;
  }
  // The padding call computes the compression of the zero state and block.
  Sha256fRecord zero{};
  EXPECT_EQ(output_at(t, 2 * kSha256Rounds - 1), sha256f_output(zero));
}

TEST(Sha256fTest, BusMessagesAreWhatMainAndMemorySend) {
  auto rng = seeded(0x73686133);
  const std::vector<Sha256fRecord> recs = random_records(rng, 2);
  const poly::RowMajorMatrix t = sha256f_trace(recs, 7);
  stark::BusDebugger bus;
  ASSERT_TRUE(bus.add_instance(air(), 0, t, nullptr, {}, {}).is_ok());
  std::vector<stark::DirectTerm> terms = terms_of(recs);
  for (const auto& d : terms) bus.add_direct(d);
  EXPECT_TRUE(bus.unbalanced().empty()) << bus.report();
  // Another output word stored does not balance; neither does an input word with its bytes in
  // the other order (the machine's W_0 is the big-endian u32 of the first four bytes).
  {
    stark::BusDebugger wrong;
    ASSERT_TRUE(wrong.add_instance(air(), 0, t, nullptr, {}, {}).is_ok());
    std::vector<stark::DirectTerm> w = terms;
    w.back().tuple[4] += Fe::one();
    for (const auto& d : w) wrong.add_direct(d);
    EXPECT_EQ(wrong.unbalanced().size(), 2u) << wrong.report();
  }
  {
    stark::BusDebugger wrong;
    ASSERT_TRUE(wrong.add_instance(air(), 0, t, nullptr, {}, {}).is_ok());
    std::vector<stark::DirectTerm> w = terms;
    // terms: op, block 0, block 1, 4 state loads, input word 0 at index 7.
    const std::uint32_t lo = static_cast<std::uint32_t>(w[7].tuple[4].value());
    ASSERT_NE(lo, __builtin_bswap32(lo));
    w[7].tuple[4] = Fe::from_u64(__builtin_bswap32(lo));
    for (const auto& d : w) wrong.add_direct(d);
    EXPECT_EQ(wrong.unbalanced().size(), 2u) << wrong.report();
  }
}

TEST(Sha256fTest, RowCheckerFindsCorruptedCells) {
  auto rng = seeded(0x73686134);
  const std::vector<Sha256fRecord> recs = random_records(rng, 2);
  constexpr unsigned kLogH = 8;  // two calls, two padding calls
  const poly::RowMajorMatrix honest = sha256f_trace(recs, kLogH);
  ASSERT_FALSE(failure(honest).has_value());
  struct Group {
    const char* name;
    std::size_t first, count;
    bool round63_only;  // out / out_carry are only read on round-63 rows
  };
  const Group groups[] = {{"round", kColRound, kSha256Rounds, false},
                          {"sel", kColSel, 1, false},
                          {"step", kColStep, 1, false},
                          {"addr", kColAddr, 1, false},
                          {"state_ptr", kColStatePtr, 1, false},
                          {"input_ptr", kColInputPtr, 1, false},
                          {"h_in", kColHIn, 8, false},
                          {"w", kColW, 16 * 32, false},
                          {"sig0", kColSig0, 1, false},
                          {"sig1", kColSig1, 1, false},
                          {"a", kColA, 5 * 32, false},
                          {"e", kColE, 5 * 32, false},
                          {"big_sig0", kColBigSig0, 1, false},
                          {"big_sig1", kColBigSig1, 1, false},
                          {"ch", kColCh, 1, false},
                          {"maj", kColMaj, 1, false},
                          {"a_carry", kColACarry, 3, false},
                          {"e_carry", kColECarry, 3, false},
                          {"out", kColOut, 8 * 32, true},
                          {"out_carry", kColOutCarry, 8, true}};
  const std::size_t rows[] = {0, 1, 30, 62, 63, 64, 100, 127, 128, 200, honest.rows - 1};
  const std::size_t rows63[] = {63, 127, 191, 255};
  for (const Group& g : groups) {
    for (int sample = 0; sample < 5; ++sample) {
      const std::size_t c = g.first + rng() % g.count;
      const std::size_t r =
          g.round63_only ? rows63[rng() % std::size(rows63)] : rows[rng() % std::size(rows)];
      poly::RowMajorMatrix t = honest;
      t.at(r, c) += Fe::one();
      const auto f = failure(t);
      ASSERT_TRUE(f.has_value()) << g.name << " column " << c << " row " << r;
      EXPECT_TRUE(f->row == r || f->row + 1 == r) << g.name << ": " << f->to_string();
    }
  }
  // The schedule carry (read by the transition to the next round, so not on round 63).
  for (std::size_t r : {0u, 20u, 62u, 140u}) {
    poly::RowMajorMatrix t = honest;
    t.at(r, kColWCarry + 1) += Fe::one();
    const auto f = failure(t);
    ASSERT_TRUE(f.has_value()) << "w_carry row " << r;
    EXPECT_EQ(f->row, r);
  }
  {  // A wrong output word: H'_3 of the first call (bits still boolean).
    poly::RowMajorMatrix t = honest;
    set_word(t, kLast, kColOut + 3 * 32, word_at(t, kLast, kColOut + 3 * 32) ^ 0x100);
    const auto f = failure(t);
    ASSERT_TRUE(f.has_value());
    EXPECT_EQ(f->constraint, "sha256f.out");
    EXPECT_EQ(f->row, kLast);
  }
  {  // Round 5 computed with round 6's constant (new a and e, carries and all later rows too).
    poly::RowMajorMatrix t = honest;
    const std::size_t r = 5;
    const auto bits = [&](std::size_t c0) { return word_at(t, r, c0); };
    const std::uint32_t a = bits(kColA + 32), b = bits(kColA + 64), c = bits(kColA + 96),
                        d = bits(kColA + 128), e = bits(kColE + 32), f = bits(kColE + 64),
                        g = bits(kColE + 96), h = bits(kColE + 128), w = bits(kColW);
    const std::uint32_t s1 = std::rotr(e, 6) ^ std::rotr(e, 11) ^ std::rotr(e, 25);
    const std::uint32_t s0 = std::rotr(a, 2) ^ std::rotr(a, 13) ^ std::rotr(a, 22);
    const std::uint64_t t1 = std::uint64_t{h} + s1 + ((e & f) ^ (~e & g)) + kSha256K[6] + w;
    const std::uint64_t na = t1 + s0 + ((a & b) ^ (a & c) ^ (b & c)), ne = t1 + d;
    ASSERT_NE(kSha256K[5], kSha256K[6]);
    set_word(t, r, kColA, static_cast<std::uint32_t>(na));
    set_word(t, r, kColE, static_cast<std::uint32_t>(ne));
    for (unsigned k = 0; k < 3; ++k) {
      t.at(r, kColACarry + k) = Fe::from_u64((na >> (32 + k)) & 1);
      t.at(r, kColECarry + k) = Fe::from_u64((ne >> (32 + k)) & 1);
    }
    const auto fl = failure(t);
    ASSERT_TRUE(fl.has_value());
    EXPECT_EQ(fl->constraint, "sha256f.new_e");
    EXPECT_EQ(fl->row, r);
  }
  {  // A broken carry: new a's carry off by one (the limb unchanged).
    poly::RowMajorMatrix t = honest;
    const std::size_t r = 10;
    t.at(r, kColACarry) = Fe::one() - t.at(r, kColACarry);
    const auto f = failure(t);
    ASSERT_TRUE(f.has_value());
    EXPECT_EQ(f->constraint, "sha256f.new_a");
    EXPECT_EQ(f->row, r);
  }
  {  // A carry that is not a small integer: the carry of 2^32 moved into the limb's top bit is
     // impossible, so try the carry's value kept with a non-bit digit (a_carry = (2, 0, 0) for 2).
    poly::RowMajorMatrix t = honest;
    std::size_t r = 0;
    while (r < kSha256Rounds &&
           (t.at(r, kColECarry + 1).is_zero() || !t.at(r, kColECarry).is_zero()))
      ++r;
    ASSERT_LT(r, kSha256Rounds) << "no round with e carry bit 1 set and bit 0 clear";
    t.at(r, kColECarry) = Fe::from_u64(2);
    t.at(r, kColECarry + 1) = Fe::zero();
    const auto f = failure(t);
    ASSERT_TRUE(f.has_value());
    EXPECT_EQ(f->constraint, "sha256f.e_carry_bool");
    EXPECT_EQ(f->row, r);
  }
  {  // A wrong schedule word W_16 (its bits boolean, the window shifted consistently after it).
    poly::RowMajorMatrix t = honest;
    const std::uint32_t w16 = word_at(t, 1, kColW + 15 * 32) ^ 1;
    for (std::size_t r = 1; r <= 16; ++r) set_word(t, r, kColW + (16 - r) * 32, w16);
    const auto f = failure(t);
    ASSERT_TRUE(f.has_value());
    EXPECT_EQ(f->constraint, "sha256f.schedule");
    EXPECT_EQ(f->row, 0u);
  }
  {  // Round flags swapped on one row (rounds 6 and 7 of the second call).
    poly::RowMajorMatrix t = honest;
    std::swap(t.at(70, kColRound + 6), t.at(70, kColRound + 7));
    const auto f = failure(t);
    ASSERT_TRUE(f.has_value());
    EXPECT_EQ(f->constraint, "sha256f.round_next");
    EXPECT_EQ(f->row, 69u);
  }
  {  // A call that drops its stores: sel cleared on its round-63 row.
    poly::RowMajorMatrix t = honest;
    t.at(kLast, kColSel) = Fe::zero();
    const auto f = failure(t);
    ASSERT_TRUE(f.has_value());
    EXPECT_EQ(f->constraint, "sha256f.latch_sel");
    EXPECT_EQ(f->row, kLast - 1);
  }
}

// Witnesses that only one constraint stops, each named: the other constraints hold (limbs kept
// equal by a non-bit digit, sums kept by a carry solved in the field, a latched value changed on
// every row of the call, a limb whose only reader is its own check).
TEST(Sha256fTest, EachGuardIsTheOnlyOneThatCatchesItsCheat) {
  auto rng = seeded(0x73686137);
  const std::vector<Sha256fRecord> recs = random_records(rng, 2);
  const poly::RowMajorMatrix honest = sha256f_trace(recs, 7);
  ASSERT_FALSE(failure(honest).has_value());
  const auto expect_caught = [](const poly::RowMajorMatrix& t, const char* name, std::size_t row) {
    const auto f = failure(t);
    ASSERT_TRUE(f.has_value()) << name;
    EXPECT_EQ(f->constraint, name);
    EXPECT_EQ(f->row, row) << f->to_string();
  };
  {  // The input state changed on every row of the call (so the latch holds).
    for (auto [col, name] : {std::pair<std::size_t, const char*>{kColHIn + 2, "sha256f.h_in_a"},
                             {kColHIn + 6, "sha256f.h_in_e"}}) {
      poly::RowMajorMatrix t = honest;
      for (std::size_t r = 0; r < kSha256Rounds; ++r) t.at(r, col) += Fe::one();
      expect_caught(t, name, 0);
    }
  }
  // Bits (0, 1) at positions j, j + 1 of a word replaced by the digits (2, 0): the same limb
  // (and, within a byte, the same byte-swapped limb), on a row where nothing else reads the bits.
  const auto non_bit = [&](std::size_t row, std::size_t word_col, const char* name) {
    poly::RowMajorMatrix t = honest;
    std::size_t j = 0;
    while (j < 31 && !(j % 8 != 7 && t.at(row, word_col + j).is_zero() &&
                       t.at(row, word_col + j + 1) == Fe::one())) {
      ++j;
    }
    ASSERT_LT(j, 31u) << name << ": no bit pair (0, 1) in a byte";
    t.at(row, word_col + j) = Fe::from_u64(2);
    t.at(row, word_col + j + 1) = Fe::zero();
    expect_caught(t, name, row);
  };
  non_bit(0, kColW, "sha256f.w_bool");               // W_0: read as a limb only on row 0
  non_bit(0, kColA + 4 * 32, "sha256f.a_bool");      // d on round 0: limbs only
  non_bit(0, kColE + 4 * 32, "sha256f.e_bool");      // h on round 0: limbs only
  non_bit(kLast, kColOut + 32, "sha256f.out_bool");  // an output word: its limb only
  // A limb off by one: its own check is the first to fail (before the sums that read it).
  for (auto [c, name] : {std::pair<std::size_t, const char*>{kColBigSig0, "sha256f.big_sig0"},
                         {kColBigSig1, "sha256f.big_sig1"},
                         {kColCh, "sha256f.ch"},
                         {kColMaj, "sha256f.maj"},
                         {kColSig0, "sha256f.sig0"},
                         {kColSig1, "sha256f.sig1"}}) {
    poly::RowMajorMatrix t = honest;
    t.at(10, c) += Fe::one();
    expect_caught(t, name, 10);
  }
  // Another result word with its carry solved in the field (so the sum holds): only the carry's
  // booleanity stops it. carry0' = carry0 + (v - v') / 2^32.
  const Fe inv32 = Fe::from_u64(std::uint64_t{1} << 32).inverse();
  const auto solved = [&](std::size_t limb_row, std::size_t word_col, std::size_t carry_row,
                          std::size_t carry_col, const char* name) {
    poly::RowMajorMatrix t = honest;
    const std::uint32_t v = word_at(t, limb_row, word_col), v2 = v ^ 0x10;
    set_word(t, limb_row, word_col, v2);
    t.at(carry_row, carry_col) += (Fe::from_u64(v) - Fe::from_u64(v2)) * inv32;
    expect_caught(t, name, carry_row);
  };
  solved(kLast, kColOut + 3 * 32, kLast, kColOutCarry + 3, "sha256f.out_carry_bool");
  solved(10, kColA, 10, kColACarry, "sha256f.a_carry_bool");
  solved(10, kColE, 10, kColECarry, "sha256f.e_carry_bool");
  solved(11, kColW + 15 * 32, 10, kColWCarry, "sha256f.w_carry_bool");
}

// A replayed step of the call `want` (accesses in the emulator's order).
struct FakeStep {
  zisk::ZiskInst inst;
  std::vector<emu::MemAccess> acc;
  emu::StepRecord step(const Sha256fRecord& r) const {
    return {.step = r.step, .pc = 0x1000, .inst = &inst, .b = r.addr, .accesses = acc};
  }
};
FakeStep fake_step(const Sha256fRecord& r) {
  FakeStep s;
  s.inst.op = zisk::Op::kSha256;
  const auto load = [&](std::uint64_t addr, std::uint64_t v) {
    s.acc.push_back(
        {.kind = emu::MemAccess::kLoad, .slot = emu::kSlotOpRead, .addr = addr, .value = v});
  };
  load(r.addr, r.state_ptr);
  load(r.addr + 8, r.input_ptr);
  for (unsigned j = 0; j < kSha256StateWords; ++j) load(r.state_ptr + 8 * j, r.state[j]);
  for (unsigned j = 0; j < kSha256InputWords; ++j) load(r.input_ptr + 8 * j, r.input[j]);
  const State out = sha256f_output(r);
  for (unsigned j = 0; j < kSha256StateWords; ++j) {
    s.acc.push_back({.kind = emu::MemAccess::kStore,
                     .slot = emu::kSlotOpWrite,
                     .addr = r.state_ptr + 8 * j,
                     .value = out[j]});
  }
  return s;
}

TEST(Sha256fTest, RecordFromStepChecksTheAccesses) {
  auto rng = seeded(0x73686135);
  const Sha256fRecord want = random_records(rng, 1)[0];
  FakeStep f = fake_step(want);
  std::vector<Sha256fRecord> recs;
  ASSERT_TRUE(sha256f_record_from_step(f.step(want), recs).is_ok());
  ASSERT_EQ(recs.size(), 1u);
  EXPECT_EQ(recs[0].state, want.state);
  EXPECT_EQ(recs[0].input, want.input);
  EXPECT_EQ(recs[0].state_ptr, want.state_ptr);
  EXPECT_EQ(recs[0].input_ptr, want.input_ptr);
  // A wrong written word.
  FakeStep g = f;
  g.acc.back().value ^= 4;
  EXPECT_EQ(sha256f_record_from_step(g.step(want), recs).code(), ErrorCode::kInvalidArgument);
  // A misaligned block, a misaligned state pointer.
  emu::StepRecord s = f.step(want);
  s.b += 4;
  EXPECT_EQ(sha256f_record_from_step(s, recs).code(), ErrorCode::kInvalidArgument);
  Sha256fRecord mis = want;
  mis.state_ptr += 4;
  FakeStep m = fake_step(mis);
  EXPECT_EQ(sha256f_record_from_step(m.step(mis), recs).code(), ErrorCode::kInvalidArgument);
  // An input overlapping the state: not supported (one mem_step for both loads of a word).
  Sha256fRecord ov = want;
  ov.input_ptr = ov.state_ptr + 8;
  FakeStep o = fake_step(ov);
  const Status ovs = sha256f_record_from_step(o.step(ov), recs);
  EXPECT_EQ(ovs.code(), ErrorCode::kUnsupported);
  EXPECT_NE(ovs.message().find("not supported yet"), std::string::npos) << ovs.message();
  // Another op.
  FakeStep k = f;
  k.inst.op = zisk::Op::kKeccak;
  const Status st = sha256f_record_from_step(k.step(want), recs);
  EXPECT_EQ(st.code(), ErrorCode::kInvalidArgument);
  EXPECT_NE(st.message().find("step " + std::to_string(want.step)), std::string::npos)
      << st.message();
  EXPECT_EQ(recs.size(), 1u);
}

stark::StarkParams test_params() {
  auto p = stark::make_params({.security_bits = 128,
                               .log_blowup = 1,
                               .grinding_bits = 8,
                               .log_fold = 2,
                               .log_final_degree = 2});
  ZISKC_CHECK(p.is_ok(), "params");
  return *p;
}

TEST(Sha256fTest, FullProofVerifiesAndTamperingFails) {
  auto rng = seeded(0x73686136);
  const std::vector<Sha256fRecord> recs = random_records(rng, 2);
  constexpr unsigned kLogH = 7;
  const poly::RowMajorMatrix honest = sha256f_trace(recs, kLogH);
  const std::vector<stark::DirectTerm> terms = terms_of(recs);
  const std::vector<stark::AirPtr> airs = {stark::make_air<Sha256fAir>()};
  auto pk = stark::setup(airs, test_params(), {});
  ASSERT_TRUE(pk.is_ok()) << pk.status().message();
  const auto specs = [](const poly::RowMajorMatrix& t) {
    return std::vector<stark::InstanceSpec>{
        {0, kLogH, {}, [t]() -> Result<poly::RowMajorMatrix> { return t; }}};
  };
  auto proof = stark::prove(*pk, {}, specs(honest), {.direct_terms = &terms});
  ASSERT_TRUE(proof.is_ok()) << proof.status().message();
  const Status ok = stark::verify(pk->vk, airs, *proof, terms);
  EXPECT_TRUE(ok.is_ok()) << ok.message();
  // The statement with another output word stored.
  std::vector<stark::DirectTerm> wrong = terms;
  wrong.back().tuple[5] += Fe::one();
  EXPECT_EQ(stark::verify(pk->vk, airs, *proof, wrong).code(), ErrorCode::kVerifyFailed);
  // Tampered witnesses proven by a cheating prover: a window bit in the middle of the first
  // call, an e bit, an output bit of the second call's last round.
  for (auto [r, c] : {std::pair<std::size_t, std::size_t>{11, kColW + 200},
                      {40, kColE + 70},
                      {2 * kSha256Rounds - 1, kColOut + 77}}) {
    SCOPED_TRACE(::testing::Message() << "row " << r << " column " << c);
    poly::RowMajorMatrix t = honest;
    t.at(r, c) = Fe::one() - t.at(r, c);
    auto bad = stark::prove(*pk, {}, specs(t), {.unchecked_for_tests = true});
    ASSERT_TRUE(bad.is_ok()) << bad.status().message();
    EXPECT_EQ(stark::verify(pk->vk, airs, *bad, terms).code(), ErrorCode::kVerifyFailed);
  }
}

}  // namespace
}  // namespace ziskc::sm
