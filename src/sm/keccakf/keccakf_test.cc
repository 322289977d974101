// The KeccakF machine on its own (sm/keccakf/air.h): completeness on random states (the trace's
// output row against the emulator's keccak_f1600, the XKCP zero-state vector and OpenSSL's
// SHAKE128); the bus messages balance against the tuples Main and the memory machines send;
// the row checker names the failing constraint for corrupted cells of every column group, a
// wrong output word, a wrong round constant, shifted round flags and a call without its stores;
// full STARK proofs: the honest one verifies, a wrong statement and tampered witnesses do not.
#include "sm/keccakf/keccakf.h"

#include <gtest/gtest.h>
#include <openssl/evp.h>

#include <cstddef>
#include <cstring>
#include <iostream>
#include <random>
#include <string>

#include "precompile/keccak.h"
#include "sm/keccakf/air.h"
#include "stark/prover.h"
#include "stark/row_checker.h"
#include "stark/verifier.h"
#include "zisk/instruction.h"

namespace ziskc::sm {
namespace {

using field::Fe;
using Lanes = std::array<std::uint64_t, kKeccakLanes>;

constexpr std::size_t col(std::size_t offset_bytes) { return offset_bytes / sizeof(Fe); }
constexpr std::size_t kColRound = col(offsetof(KeccakfCols<Fe>, round));
constexpr std::size_t kColSel = col(offsetof(KeccakfCols<Fe>, sel));
constexpr std::size_t kColStep = col(offsetof(KeccakfCols<Fe>, step));
constexpr std::size_t kColAddr = col(offsetof(KeccakfCols<Fe>, addr));
constexpr std::size_t kColA = col(offsetof(KeccakfCols<Fe>, a));
constexpr std::size_t kColC = col(offsetof(KeccakfCols<Fe>, c));
constexpr std::size_t kColCPrime = col(offsetof(KeccakfCols<Fe>, c_prime));
constexpr std::size_t kColAPrime = col(offsetof(KeccakfCols<Fe>, a_prime));
constexpr std::size_t kColApp = col(offsetof(KeccakfCols<Fe>, a_pp));
constexpr std::size_t kColApp00Bits = col(offsetof(KeccakfCols<Fe>, a_pp00_bits));
constexpr std::size_t kColAppp00 = col(offsetof(KeccakfCols<Fe>, a_ppp00));

std::mt19937_64 seeded(std::uint64_t seed) {
  std::cout << "[ seed     ] " << seed << "\n";
  return std::mt19937_64(seed);
}

std::uint64_t lane_at(const poly::RowMajorMatrix& t, std::size_t row, std::size_t c0) {
  return t.at(row, c0).value() | (t.at(row, c0 + 1).value() << 32);
}
// The output lanes of the round-23 row (A''' at (0, 0), A'' elsewhere).
Lanes output_at(const poly::RowMajorMatrix& t, std::size_t row) {
  Lanes s{};
  for (unsigned i = 0; i < kKeccakLanes; ++i) {
    s[i] = i == 0 ? lane_at(t, row, kColAppp00) : lane_at(t, row, kColApp + 2 * i);
  }
  return s;
}

KeccakfRecord record(std::uint64_t step, std::uint64_t addr, const Lanes& in) {
  return {.step = step, .addr = addr, .in = in};
}

std::vector<KeccakfRecord> random_records(std::mt19937_64& rng, std::size_t n) {
  std::vector<KeccakfRecord> out;
  for (std::size_t k = 0; k < n; ++k) {
    Lanes s;
    for (auto& v : s) v = rng();
    out.push_back(record(1000 + 7 * k, 0xA001'0000 + 256 * k, s));
  }
  return out;
}

const stark::Air& air() {
  static const stark::AirPtr a = stark::make_air<KeccakfAir>();
  return *a;
}

std::optional<stark::ConstraintFailure> failure(const poly::RowMajorMatrix& t) {
  auto r = stark::find_constraint_failure(air(), 0, t, nullptr, {}, {});
  ZISKC_CHECK(r.is_ok(), "shape");
  return *r;
}

// The tuples the other machines send for the records: Main assumes the op (-1), the memory
// machines prove the loads and stores (+1).
std::vector<stark::DirectTerm> terms_of(std::span<const KeccakfRecord> recs) {
  std::vector<stark::DirectTerm> out;
  const auto u = [](std::uint64_t v) { return Fe::from_u64(v); };
  for (const KeccakfRecord& r : recs) {
    out.push_back({kOperationBus,
                   {u(0xf1), u(0), u(0), u(r.addr), u(0), u(0), u(0), u(0), u(r.step), u(0)},
                   -Fe::one()});
    std::vector<MemAccess> acc;
    keccakf_mem_accesses(r, acc);
    for (const MemAccess& a : acc) {
      out.push_back(
          {kMemoryBus,
           {u(a.mem_op), u(a.addr), u(a.mem_step), u(8), u(a.value & 0xFFFFFFFF), u(a.value >> 32)},
           Fe::one()});
    }
  }
  return out;
}

TEST(KeccakfTest, TraceComputesKeccakF) {
  auto rng = seeded(0x6b656363);
  std::vector<KeccakfRecord> recs = random_records(rng, 3);
  recs.push_back(record(5, 0xA000'0100, Lanes{}));  // the XKCP zero state
  // SHAKE128 of the empty message: 0x1F, then the last rate byte (167) gets 0x80.
  Lanes shake{};
  shake[0] = 0x1F;
  shake[20] = std::uint64_t{0x80} << 56;
  recs.push_back(record(6, 0xA000'0200, shake));
  constexpr unsigned kLogH = 7;  // 128 rows: 5 calls and a cut padding permutation
  ASSERT_EQ(keccakf_calls_per_instance(kLogH), recs.size());
  const poly::RowMajorMatrix t = keccakf_trace(recs, kLogH);
  const Status st = stark::check_constraints(air(), 0, t, nullptr, {}, {});
  ASSERT_TRUE(st.is_ok()) << st.message();
  for (std::size_t k = 0; k < recs.size(); ++k) {
    const std::size_t r0 = kKeccakRounds * k;
    for (unsigned i = 0; i < kKeccakLanes; ++i) {
      EXPECT_EQ(lane_at(t, r0, kColA + 2 * i), recs[k].in[i]) << "call " << k << " lane " << i;
    }
    Lanes want = recs[k].in;
    precompile::keccak_f1600_portable(want.data());
    EXPECT_EQ(output_at(t, r0 + kKeccakRounds - 1), want) << "call " << k;
    EXPECT_EQ(keccakf_output(recs[k]), want);
  }
  // XKCP KeccakF-1600-IntermediateValues.txt: the zero state after the permutation (lanes 0, 1,
  // 24).
  const Lanes zero_out = output_at(t, kKeccakRounds * 4 - 1);
  EXPECT_EQ(zero_out[0], 0xF1258F7940E1DDE7ull);
  EXPECT_EQ(zero_out[1], 0x84D5CCF933C0478Aull);
  EXPECT_EQ(zero_out[24], 0xEAF1FF7B5CECA249ull);
  // OpenSSL: SHAKE128("") squeezes the first 21 lanes of the permuted padded block.
  std::uint8_t out[168];
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  ASSERT_NE(ctx, nullptr);
  ASSERT_EQ(EVP_DigestInit_ex(ctx, EVP_shake128(), nullptr), 1);
  ASSERT_EQ(EVP_DigestFinalXOF(ctx, out, sizeof(out)), 1);
  EVP_MD_CTX_free(ctx);
  const Lanes shake_out = output_at(t, kKeccakRounds * 5 - 1);
  EXPECT_EQ(std::memcmp(shake_out.data(), out, sizeof(out)), 0);
  // Padding rows send nothing and start from the zero state.
  EXPECT_TRUE(t.at(kKeccakRounds * 5, kColSel).is_zero());
  EXPECT_TRUE(t.at(t.rows - 1, kColSel).is_zero());
}

TEST(KeccakfTest, BusMessagesAreWhatMainAndMemorySend) {
  auto rng = seeded(0x6b656364);
  const std::vector<KeccakfRecord> recs = random_records(rng, 2);
  const poly::RowMajorMatrix t = keccakf_trace(recs, 6);
  stark::BusDebugger bus;
  ASSERT_TRUE(bus.add_instance(air(), 0, t, nullptr, {}, {}).is_ok());
  std::vector<stark::DirectTerm> terms = terms_of(recs);
  for (const auto& d : terms) bus.add_direct(d);
  EXPECT_TRUE(bus.unbalanced().empty()) << bus.report();
  // Another output word stored (the memory machines' side of the statement) does not balance.
  stark::BusDebugger wrong;
  ASSERT_TRUE(wrong.add_instance(air(), 0, t, nullptr, {}, {}).is_ok());
  terms.back().tuple[4] += Fe::one();
  for (const auto& d : terms) wrong.add_direct(d);
  EXPECT_EQ(wrong.unbalanced().size(), 2u) << wrong.report();
}

TEST(KeccakfTest, RowCheckerFindsCorruptedCells) {
  auto rng = seeded(0x6b656365);
  const std::vector<KeccakfRecord> recs = random_records(rng, 2);
  constexpr unsigned kLogH = 6;  // two calls, a padding permutation cut after 16 rows
  const poly::RowMajorMatrix honest = keccakf_trace(recs, kLogH);
  ASSERT_FALSE(failure(honest).has_value());
  // Sampled cells of every column group, on rows of both calls, a padding row and the last row.
  struct Group {
    const char* name;
    std::size_t first, count;
  };
  const Group groups[] = {{"round", kColRound, kKeccakRounds},
                          {"sel", kColSel, 1},
                          {"step", kColStep, 1},
                          {"addr", kColAddr, 1},
                          {"a", kColA, 2 * kKeccakLanes},
                          {"c", kColC, 5 * 64},
                          {"c_prime", kColCPrime, 5 * 64},
                          {"a_prime", kColAPrime, kKeccakLanes * 64},
                          {"a_pp", kColApp, 2 * kKeccakLanes},
                          {"a_pp00_bits", kColApp00Bits, 64},
                          {"a_ppp00", kColAppp00, 2}};
  const std::size_t rows[] = {0, 1, 11, 23, 24, 40, 47, 50, honest.rows - 1};
  for (const Group& g : groups) {
    for (int sample = 0; sample < 4; ++sample) {
      const std::size_t c = g.first + rng() % g.count;
      const std::size_t r = rows[rng() % std::size(rows)];
      poly::RowMajorMatrix t = honest;
      t.at(r, c) += Fe::one();
      const auto f = failure(t);
      ASSERT_TRUE(f.has_value()) << g.name << " column " << c << " row " << r;
      // The failure is at the cell's row, or at the row before (a transition reading it).
      EXPECT_TRUE(f->row == r || f->row + 1 == r) << g.name << ": " << f->to_string();
    }
  }
  const std::size_t last = kKeccakRounds - 1;
  {  // A wrong output word: lane 7 of the first call's last round.
    poly::RowMajorMatrix t = honest;
    t.at(last, kColApp + 14) = Fe::from_u64(t.at(last, kColApp + 14).value() ^ 1);
    const auto f = failure(t);
    ASSERT_TRUE(f.has_value());
    EXPECT_EQ(f->constraint, "keccakf.chi_limb");
    EXPECT_EQ(f->row, last);
  }
  {  // ι with another round's constant on round 5 (the limbs canonical and self-consistent).
    poly::RowMajorMatrix t = honest;
    const std::uint64_t app00 = lane_at(t, 5, kColApp);
    const std::uint64_t w = app00 ^ kKeccakRoundConstants[6];
    t.at(5, kColAppp00) = Fe::from_u64(w & 0xFFFFFFFF);
    t.at(5, kColAppp00 + 1) = Fe::from_u64(w >> 32);
    const auto f = failure(t);
    ASSERT_TRUE(f.has_value());
    EXPECT_EQ(f->constraint, "keccakf.iota");
    EXPECT_EQ(f->row, 5u);
  }
  {  // Round flags swapped on one row (rounds 6 and 7 of the second call).
    poly::RowMajorMatrix t = honest;
    std::swap(t.at(30, kColRound + 6), t.at(30, kColRound + 7));
    const auto f = failure(t);
    ASSERT_TRUE(f.has_value());
    EXPECT_EQ(f->constraint, "keccakf.round_next");
    EXPECT_EQ(f->row, 29u);
  }
  {  // A call that drops its stores: sel cleared on its round-23 row.
    poly::RowMajorMatrix t = honest;
    t.at(last, kColSel) = Fe::zero();
    const auto f = failure(t);
    ASSERT_TRUE(f.has_value());
    EXPECT_EQ(f->constraint, "keccakf.latch_sel");
    EXPECT_EQ(f->row, last - 1);
  }
  {  // The cut padding permutation made a call (it has no round-23 row in the instance).
    poly::RowMajorMatrix t = honest;
    for (std::size_t r = 2 * kKeccakRounds; r < t.rows; ++r) t.at(r, kColSel) = Fe::one();
    const auto f = failure(t);
    ASSERT_TRUE(f.has_value());
    EXPECT_EQ(f->constraint, "keccakf.last_row_no_call");
  }
}

TEST(KeccakfTest, RecordFromStepChecksTheAccesses) {
  auto rng = seeded(0x6b656366);
  zisk::ZiskInst inst;
  inst.op = zisk::Op::kKeccak;
  Lanes in;
  for (auto& v : in) v = rng();
  const KeccakfRecord want = record(77, 0xA000'1000, in);
  const Lanes out = keccakf_output(want);
  std::vector<emu::MemAccess> acc;
  for (unsigned i = 0; i < kKeccakLanes; ++i) {
    acc.push_back({.kind = emu::MemAccess::kLoad,
                   .slot = emu::kSlotOpRead,
                   .addr = want.addr + 8 * i,
                   .value = in[i]});
  }
  for (unsigned i = 0; i < kKeccakLanes; ++i) {
    acc.push_back({.kind = emu::MemAccess::kStore,
                   .slot = emu::kSlotOpWrite,
                   .addr = want.addr + 8 * i,
                   .value = out[i]});
  }
  emu::StepRecord s{.step = 77, .pc = 0x1000, .inst = &inst, .b = want.addr, .accesses = acc};
  std::vector<KeccakfRecord> recs;
  ASSERT_TRUE(keccakf_record_from_step(s, recs).is_ok());
  ASSERT_EQ(recs.size(), 1u);
  EXPECT_EQ(recs[0].in, in);
  EXPECT_EQ(recs[0].addr, want.addr);
  // A wrong written word, a misaligned address, a non-keccakf op.
  acc.back().value ^= 4;
  s.accesses = acc;
  EXPECT_EQ(keccakf_record_from_step(s, recs).code(), ErrorCode::kInvalidArgument);
  acc.back().value ^= 4;
  s.accesses = acc;
  s.b += 4;
  EXPECT_EQ(keccakf_record_from_step(s, recs).code(), ErrorCode::kInvalidArgument);
  s.b -= 4;
  inst.op = zisk::Op::kSha256;
  const Status st = keccakf_record_from_step(s, recs);
  EXPECT_EQ(st.code(), ErrorCode::kInvalidArgument);
  EXPECT_NE(st.message().find("step 77"), std::string::npos) << st.message();
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

TEST(KeccakfTest, FullProofVerifiesAndTamperingFails) {
  auto rng = seeded(0x6b656367);
  const std::vector<KeccakfRecord> recs = random_records(rng, 2);
  const poly::RowMajorMatrix honest = keccakf_trace(recs, 6);
  const std::vector<stark::DirectTerm> terms = terms_of(recs);
  const std::vector<stark::AirPtr> airs = {stark::make_air<KeccakfAir>()};
  auto pk = stark::setup(airs, test_params(), {});
  ASSERT_TRUE(pk.is_ok()) << pk.status().message();
  const auto specs = [](const poly::RowMajorMatrix& t) {
    return std::vector<stark::InstanceSpec>{
        {0, 6, {}, [t]() -> Result<poly::RowMajorMatrix> { return t; }}};
  };
  auto proof = stark::prove(*pk, {}, specs(honest), {.direct_terms = &terms});
  ASSERT_TRUE(proof.is_ok()) << proof.status().message();
  const Status ok = stark::verify(pk->vk, airs, *proof, terms);
  EXPECT_TRUE(ok.is_ok()) << ok.message();
  // The statement with another output word stored.
  std::vector<stark::DirectTerm> wrong = terms;
  wrong.back().tuple[5] += Fe::one();
  EXPECT_EQ(stark::verify(pk->vk, airs, *proof, wrong).code(), ErrorCode::kVerifyFailed);
  // Tampered witnesses proven by a cheating prover: an A' bit in the middle of the first call,
  // an output limb of the second call's last round.
  for (auto [r, c] : {std::pair<std::size_t, std::size_t>{11, kColAPrime + 700},
                      {2 * kKeccakRounds - 1, kColApp + 9}}) {
    SCOPED_TRACE(::testing::Message() << "row " << r << " column " << c);
    poly::RowMajorMatrix t = honest;
    t.at(r, c) += Fe::one();
    auto bad = stark::prove(*pk, {}, specs(t), {.unchecked_for_tests = true});
    ASSERT_TRUE(bad.is_ok()) << bad.status().message();
    EXPECT_EQ(stark::verify(pk->vk, airs, *bad, terms).code(), ErrorCode::kVerifyFailed);
  }
}

}  // namespace
}  // namespace ziskc::sm
