// Free-input call machine: honest traces of fcall_param / fcall / fcall_get records (edge and
// random b, every call id and word count the transpiler emits as a) pass the row checker and
// balance the operation bus against Main's assumes; every mutated cell, a wrong or
// non-canonical c, flag = 1, a non-fcall op and a padding slot that tries to send are rejected;
// a full STARK proof verifies and a tampered witness does not. The reference semantics is
// ZisK's opc_fcall_param / opc_fcall / opc_fcall_get (core/src/zisk_ops.rs): c = b, flag = 0
// (sm/fcall/fcall_system_test.cc checks ziskc's emulator against it on a real run).
#include "sm/fcall/fcall.h"

#include <gtest/gtest.h>

#include <random>

#include "sm/binary_add/op_testing.h"
#include "stark/keys.h"
#include "stark/prover.h"
#include "stark/shape.h"
#include "stark/verifier.h"

namespace ziskc::sm {
namespace {

using zisk::Op;

const Op kOps[] = {Op::kFcallParam, Op::kFcall, Op::kFcallGet};
// a as the transpiler emits it: word counts of fcall_param (1, 2, 4, .., 256), call ids of
// fcall (< 2^10: 19 uint256_div, 23 input_ready, 1023 the largest), 0 for fcall_get; and the
// largest a the machine accepts.
const std::uint64_t kAs[] = {0, 1, 2, 8, 19, 23, 256, 1023, 0xffffffff};

// The tuple Main sends for a free-input call step: (c, flag) = (b, 0) (ZisK's opc_fcall*).
std::vector<Fe> main_tuple(const OpRecord& r) {
  return {Fe::from_u64(static_cast<std::uint64_t>(r.op)),
          Fe::from_u64(r.a & 0xffffffffu),
          Fe::from_u64(r.a >> 32),
          Fe::from_u64(r.b & 0xffffffffu),
          Fe::from_u64(r.b >> 32),
          Fe::from_u64(r.b & 0xffffffffu),
          Fe::from_u64(r.b >> 32),
          Fe::zero()};
}

std::vector<stark::DirectTerm> main_assumes(std::span<const OpRecord> records) {
  std::vector<stark::DirectTerm> out;
  for (const OpRecord& r : records) {
    out.push_back({.bus = kOperationBus, .tuple = main_tuple(r), .multiplicity = -Fe::one()});
  }
  return out;
}

// Every op with every a and every edge b, then `random` records with random op, a and b.
std::vector<OpRecord> test_records(std::size_t random, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::vector<OpRecord> out;
  for (Op op : kOps) {
    for (std::uint64_t a : kAs) {
      for (std::uint64_t b : testing::edge_values()) out.push_back({op, a, b});
    }
  }
  for (std::size_t i = 0; i < random; ++i) {
    out.push_back({kOps[rng() % 3], kAs[rng() % std::size(kAs)], testing::random_operand(rng)});
  }
  return out;
}

struct Built {
  std::vector<OpRecord> records;
  poly::RowMajorMatrix trace;
};

Built build(std::vector<OpRecord> records, unsigned log_height) {
  TableCounts range16(kTableRows);
  auto trace = fcall_trace(records, log_height, range16);
  // The machine looks nothing up.
  for (std::uint64_t c : range16.counts()) EXPECT_EQ(c, 0u);
  return {std::move(records), std::move(trace)};
}

// Height for n records with at least one padding row.
unsigned log_for(std::size_t n) {
  unsigned k = 4;
  while ((std::size_t{1} << k) < fcall_rows(n) + 1) ++k;
  return k;
}

FcallSlot<Fe>& slot_of(poly::RowMajorMatrix& t, std::size_t record) {
  return *reinterpret_cast<FcallSlot<Fe>*>(t.values.data() + record * kFcallSlotWidth);
}

bool accepted(const poly::RowMajorMatrix& t, std::span<const stark::DirectTerm> assumes,
              std::string* why = nullptr) {
  return testing::cheater_accepted(*fcall_air(), t, assumes, {}, why);
}

TEST(FcallTest, ProvesExactlyTheFreeInputCalls) {
  for (const auto& info : zisk::op_table()) {
    EXPECT_EQ(fcall_proves(info.op), info.machine == zisk::Machine::kFcall) << info.name;
  }
  EXPECT_EQ(kFcallRecordsPerRow, 2u);
  EXPECT_EQ(fcall_rows(0), 0u);
  EXPECT_EQ(fcall_rows(1), 1u);
  EXPECT_EQ(fcall_rows(4), 2u);
  EXPECT_EQ(fcall_rows(5), 3u);
  EXPECT_EQ(kFcallWidth, 10u);
}

// The cost docs/sm/fcall.md states: 10 columns for 2 ops, 2 interactions in 1 logUp column,
// degree 3.
TEST(FcallTest, ShapeIsTheDocumentedCost) {
  auto shape = stark::analyze_air(*fcall_air(), 3);
  ASSERT_TRUE(shape.is_ok()) << shape.status().message();
  EXPECT_EQ(shape->info.num_main, 10u);
  EXPECT_EQ(shape->interactions.size(), 2u);
  EXPECT_EQ(shape->logup_columns.size(), 1u);
  EXPECT_EQ(shape->max_degree, 3);
}

TEST(FcallTest, HonestTracesBalance) {
  const std::uint64_t seed = 0xfca1;
  SCOPED_TRACE(::testing::Message() << "seed " << seed);
  auto records = test_records(2000, seed);
  Built b = build(records, log_for(records.size()));
  for (std::size_t i = 0; i < b.records.size(); ++i) {
    const auto& s = slot_of(b.trace, i);
    ASSERT_EQ(s.b[0].value() | s.b[1].value() << 32, b.records[i].b) << "record " << i;
    ASSERT_EQ(s.kind.value() + 0xf6, static_cast<std::uint64_t>(b.records[i].op));
  }
  testing::expect_honest_balanced(*fcall_air(), b.trace, main_assumes(b.records), {});
}

TEST(FcallTest, EmptyOddAndFullInstances) {
  const auto air = fcall_air();
  Built empty = build({}, 4);
  for (Fe v : empty.trace.values) EXPECT_TRUE(v.is_zero());
  testing::expect_honest_balanced(*air, empty.trace, {}, {});
  // An odd count leaves the second slot of the last active row as padding.
  auto records = test_records(0, 1);
  records.resize(31);
  Built odd = build(records, 4);
  testing::expect_honest_balanced(*air, odd.trace, main_assumes(odd.records), {});
  records = test_records(0, 2);
  records.resize(16 * kFcallSlots);
  Built full = build(records, 4);
  testing::expect_honest_balanced(*air, full.trace, main_assumes(full.records), {});
}

TEST(FcallTest, ParallelBuilderMatchesSerial) {
  // 2^19 records take the chunked path; the rows are those of one-record builds.
  auto records = test_records((1 << 19) - 3 * std::size(kAs) * testing::edge_values().size(), 3);
  ASSERT_EQ(records.size(), 1u << 19);
  Built b = build(records, 18);
  for (std::size_t i : {std::size_t{0}, std::size_t{12345}, records.size() - 1}) {
    Built one = build({records[i]}, 4);
    for (std::size_t k = 0; k < kFcallSlotWidth; ++k) {
      EXPECT_EQ(b.trace.values[i * kFcallSlotWidth + k], one.trace.values[k]) << i;
    }
  }
  EXPECT_TRUE(stark::check_constraints(*fcall_air(), 0, b.trace, nullptr, {}, {}).is_ok());
}

TEST(FcallTest, EveryMutatedCellIsRejected) {
  auto records = test_records(40, 0xfca2);
  records.resize(100 * kFcallSlots);  // every active row full
  Built b = build(records, 7);
  testing::expect_mutations_rejected(*fcall_air(), b.trace, fcall_rows(records.size()),
                                     main_assumes(records), {}, 0xfca3);
}

// Main assumes a wrong result for one step: c != b (off by one, random, the same value with a
// non-canonical limb, a limb of 2^32 or more) or flag = 1. Neither the honest row nor the row
// re-solved for the wrong c (b := c, the only way to change c) balances it.
TEST(FcallTest, WrongResultsAreRejected) {
  std::mt19937_64 rng(0xfca4);
  auto records = test_records(0, 5);
  records.resize(64);
  Built b = build(records, 6);
  const std::uint64_t p = Fe::kP;
  for (std::size_t i : {std::size_t{0}, std::size_t{17}, std::size_t{40}, std::size_t{63}}) {
    const OpRecord& rec = records[i];
    const std::uint64_t lo = rec.b & 0xffffffffu, hi = rec.b >> 32;
    const std::uint64_t wrong = rec.b + 1 + rng() % 1000;
    const std::vector<std::array<std::uint64_t, 3>> claims = {
        {wrong & 0xffffffffu, wrong >> 32, 0},     // another value
        {lo + (1ull << 32), hi, 0},                // c_lo >= 2^32: same value mod 2^32
        {lo, hi + (1ull << 32), 0},                // c_hi >= 2^32
        {lo == 0 ? p - 1 : lo - 1, hi, 0},         // c_lo - 1 in the field
        {(lo + p - (1ull << 32)) % p, hi + 1, 0},  // c_lo + 2^32 c_hi unchanged in the field
        {lo, hi, 1},                               // flag = 1
    };
    for (const auto& [c_lo, c_hi, flag] : claims) {
      auto assumes = main_assumes(records);
      assumes[i].tuple[5] = Fe::from_u64(c_lo);
      assumes[i].tuple[6] = Fe::from_u64(c_hi);
      assumes[i].tuple[7] = Fe::from_u64(flag);
      std::string why;
      EXPECT_FALSE(accepted(b.trace, assumes, &why)) << "record " << i << " c_lo " << c_lo;
      // Re-solved: the row's b is the claimed c (its b limbs then differ from Main's).
      poly::RowMajorMatrix t = b.trace;
      slot_of(t, i).b[0] = Fe::from_u64(c_lo);
      slot_of(t, i).b[1] = Fe::from_u64(c_hi);
      EXPECT_FALSE(accepted(t, assumes, &why)) << "re-solved record " << i << " c_lo " << c_lo;
    }
  }
}

// A slot claiming any other op (the neighbours 0xf5 / 0xf9, copyb, add, halt) fails the kind
// constraint, whatever Main assumes; so does a kind outside {0, 1, 2} on a padding slot.
TEST(FcallTest, OtherOpsAreRejected) {
  auto records = test_records(0, 6);
  records.resize(8);
  Built b = build(records, 4);
  for (Op op : {Op::kSecp256k1Dbl, Op::kSha256, Op::kCopyB, Op::kAdd, Op::kHalt, Op::kPubOut}) {
    poly::RowMajorMatrix t = b.trace;
    const std::uint64_t code = static_cast<std::uint64_t>(op);
    slot_of(t, 3).kind = Fe::from_u64(code) - Fe::from_u64(0xf6);
    auto assumes = main_assumes(records);
    assumes[3].tuple[0] = Fe::from_u64(code);
    std::string why;
    EXPECT_FALSE(accepted(t, assumes, &why)) << zisk::op_name(op);
    EXPECT_NE(why.find("fcall.s1.kind"), std::string::npos) << why;
  }
  poly::RowMajorMatrix t = b.trace;
  slot_of(t, 9).kind = Fe::from_u64(3);  // row 4, padding
  std::string why;
  EXPECT_FALSE(accepted(t, main_assumes(records), &why));
  EXPECT_NE(why.find("fcall.s1.kind"), std::string::npos) << why;
}

// Main only sends a_hi = 0 for free-input calls; a claim with a_hi != 0 is not provable.
TEST(FcallTest, HighHalfOfAIsNeverProved) {
  auto records = test_records(0, 7);
  records.resize(8);
  Built b = build(records, 4);
  auto assumes = main_assumes(records);
  assumes[2].tuple[2] = Fe::one();
  EXPECT_FALSE(accepted(b.trace, assumes));
}

// A padding slot (sel = 0) sends nothing whatever its other cells hold, so it cannot stand in
// for a step Main assumes; sel must be a bit (2 or -1 would send copies).
TEST(FcallTest, PaddingSlotsSendNothing) {
  auto records = test_records(0, 8);
  records.resize(10);
  Built b = build(records, 4);
  const auto assumes = main_assumes(records);
  poly::RowMajorMatrix t = b.trace;
  // Slot 12 (row 6) is padding: fill it like an honest fcall_get of 0x1234 without sel.
  auto& s = slot_of(t, 12);
  s.kind = Fe::from_u64(2);
  s.b[0] = Fe::from_u64(0x1234);
  EXPECT_TRUE(testing::row_sends_nothing(*fcall_air(), t, 6));
  auto more = assumes;
  more.push_back({.bus = kOperationBus,
                  .tuple = main_tuple({Op::kFcallGet, 0, 0x1234}),
                  .multiplicity = -Fe::one()});
  std::string why;
  EXPECT_TRUE(accepted(t, assumes));
  EXPECT_FALSE(accepted(t, more, &why));
  EXPECT_NE(why.find("bus 1"), std::string::npos) << why;
  // An honest slot whose sel is cleared leaves its own step unproved.
  poly::RowMajorMatrix cleared = b.trace;
  slot_of(cleared, 4).sel = Fe::zero();
  EXPECT_FALSE(accepted(cleared, assumes));
  // sel = 2 or -1 fails the bit constraint.
  for (Fe bad : {Fe::from_u64(2), -Fe::one()}) {
    poly::RowMajorMatrix u = t;
    slot_of(u, 12).sel = bad;
    EXPECT_FALSE(accepted(u, more, &why));
    EXPECT_NE(why.find("fcall.s0.sel_bool"), std::string::npos) << why;
  }
}

// Full proof: one instance (100 calls in 2^6 rows), Main's assumes as direct terms.
TEST(FcallTest, StarkProofVerifiesAndTamperedWitnessFails) {
  auto params = stark::make_params({.security_bits = 100,
                                    .log_blowup = 1,
                                    .grinding_bits = 4,
                                    .log_fold = 3,
                                    .log_final_degree = 3});
  ASSERT_TRUE(params.is_ok());
  std::vector<stark::AirPtr> airs = {fcall_air()};
  auto pk = stark::setup(airs, *params, {});
  ASSERT_TRUE(pk.is_ok()) << pk.status().message();
  auto records = test_records(20, 0xfca6);
  records.resize(100);
  Built b = build(records, 6);
  const auto direct = main_assumes(records);
  auto specs = [](poly::RowMajorMatrix machine) {
    return std::vector<stark::InstanceSpec>{
        {.air_id = 0,
         .log_height = 6,
         .instance_values = {},
         .witness = [machine]() -> Result<poly::RowMajorMatrix> { return machine; }}};
  };
  auto proof = stark::prove(*pk, {}, specs(b.trace), {.direct_terms = &direct});
  ASSERT_TRUE(proof.is_ok()) << proof.status().message();
  EXPECT_TRUE(stark::verify(pk->vk, airs, *proof, direct, {.min_security_bits = 100}).is_ok());
  // A wrong fcall_get answer in row 5 (b_lo of slot 0 + 1): forced through the prover, refused.
  poly::RowMajorMatrix bad = b.trace;
  slot_of(bad, 10).b[0] += Fe::one();
  auto forged = stark::prove(*pk, {}, specs(bad), {.unchecked_for_tests = true});
  ASSERT_TRUE(forged.is_ok()) << forged.status().message();
  EXPECT_EQ(stark::verify(pk->vk, airs, *forged, direct, {.min_security_bits = 100}).code(),
            ErrorCode::kVerifyFailed);
}

}  // namespace
}  // namespace ziskc::sm
