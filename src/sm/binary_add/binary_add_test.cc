// BinaryAdd: honest traces of edge and random additions pass the row checker and balance the
// operation bus against Main's assumes (zisk::apply<add>) and Range16 against the table; every
// mutated cell, an internally consistent wrong sum and a padding row that tries to send are
// rejected; a full STARK proof verifies and a tampered witness does not.
#include "sm/binary_add/binary_add.h"

#include <gtest/gtest.h>

#include <random>

#include "sm/binary_add/op_testing.h"
#include "stark/keys.h"
#include "stark/prover.h"
#include "stark/shape.h"
#include "stark/verifier.h"

namespace ziskc::sm {
namespace {

using testing::range16_fixture;
using testing::TableFixture;

const std::vector<zisk::Op> kOps = {zisk::Op::kAdd};

struct Built {
  std::vector<OpRecord> records;
  poly::RowMajorMatrix trace;
  std::unique_ptr<TableCounts> range16;
};

Built build(std::vector<OpRecord> records, unsigned log_height) {
  auto counts = std::make_unique<TableCounts>(kTableRows);
  auto trace = binary_add_trace(records, log_height, *counts);
  return {std::move(records), std::move(trace), std::move(counts)};
}

// Height for n records with at least one padding row.
unsigned log_for(std::size_t n) {
  unsigned k = 4;
  while ((std::size_t{1} << k) < binary_add_rows(n) + 1) ++k;
  return k;
}

BinaryAddSlot<Fe>& slot_of(poly::RowMajorMatrix& t, std::size_t record) {
  return *reinterpret_cast<BinaryAddSlot<Fe>*>(t.values.data() + record * kBinaryAddSlotWidth);
}

TEST(BinaryAddTest, ProvesOnlyAdd) {
  for (const auto& info : zisk::op_table()) {
    EXPECT_EQ(binary_add_proves(info.op), info.op == zisk::Op::kAdd) << info.name;
  }
  EXPECT_EQ(kBinaryAddRecordsPerRow, 4u);
  EXPECT_EQ(binary_add_rows(0), 0u);
  EXPECT_EQ(binary_add_rows(1), 1u);
  EXPECT_EQ(binary_add_rows(8), 2u);
  EXPECT_EQ(binary_add_rows(9), 3u);
  EXPECT_EQ(kBinaryAddWidth, 36u);
}

// The cost the docs state: 36 columns, 20 interactions in 10 paired logUp columns, degree 3.
TEST(BinaryAddTest, ShapeIsTheDocumentedCost) {
  auto shape = stark::analyze_air(*binary_add_air(), 3);
  ASSERT_TRUE(shape.is_ok()) << shape.status().message();
  EXPECT_EQ(shape->info.num_main, 36u);
  EXPECT_EQ(shape->interactions.size(), 20u);
  EXPECT_EQ(shape->logup_columns.size(), 10u);
  EXPECT_EQ(shape->max_degree, 3);
}

TEST(BinaryAddTest, HonestTracesBalanceAndMatchApply) {
  const std::uint64_t seed = 0xadd1;
  SCOPED_TRACE(::testing::Message() << "seed " << seed);
  auto records = testing::test_records(kOps, 3000, seed);
  Built b = build(records, log_for(records.size()));
  const auto air = binary_add_air();
  // The proved tuples are exactly apply<add>'s: check the result columns directly too.
  for (std::size_t i = 0; i < records.size(); ++i) {
    const auto& r = slot_of(b.trace, i);
    const std::uint64_t c = records[i].a + records[i].b;
    ASSERT_EQ(
        r.c[0].value() + (r.c[1].value() << 16) + (r.c[2].value() << 32) + (r.c[3].value() << 48),
        c)
        << "record " << i;
  }
  const auto assumes = testing::main_assumes(records);
  const testing::TableUse tables[] = {{&range16_fixture(), b.range16.get()}};
  testing::expect_honest_balanced(*air, b.trace, assumes, tables);
}

TEST(BinaryAddTest, EmptyAndFullInstances) {
  const auto air = binary_add_air();
  Built empty = build({}, 4);
  for (Fe v : empty.trace.values) EXPECT_TRUE(v.is_zero());
  testing::expect_honest_balanced(*air, empty.trace, {}, {});
  auto records = testing::test_records(kOps, 0, 1);
  records.resize(64 * kBinaryAddSlots);
  Built full = build(records, 6);
  const auto assumes = testing::main_assumes(full.records);
  const testing::TableUse tables[] = {{&range16_fixture(), full.range16.get()}};
  testing::expect_honest_balanced(*air, full.trace, assumes, tables);
}

TEST(BinaryAddTest, ParallelBuilderMatchesSerialCounts) {
  // 2^15 records take the chunked path with local histograms.
  std::mt19937_64 rng(7);
  std::vector<OpRecord> records;
  for (int i = 0; i < (1 << 15); ++i) {
    records.push_back({zisk::Op::kAdd, testing::random_operand(rng), testing::random_operand(rng)});
  }
  Built b = build(records, 13);
  TableCounts expected(kTableRows);
  for (const OpRecord& r : records) {
    const std::uint64_t c = r.a + r.b;
    for (int k = 0; k < 4; ++k) expected.add((c >> (16 * k)) & 0xffff);
  }
  EXPECT_EQ(b.range16->counts(), expected.counts());
  EXPECT_TRUE(stark::check_constraints(*binary_add_air(), 0, b.trace, nullptr, {}, {}).is_ok());
}

TEST(BinaryAddTest, EveryMutatedCellIsRejected) {
  auto records = testing::test_records(kOps, 40, 0xadd2);
  records.resize(100 * kBinaryAddSlots);
  Built b = build(records, 7);
  const auto assumes = testing::main_assumes(records);
  const TableFixture* tables[] = {&range16_fixture()};
  testing::expect_mutations_rejected(*binary_add_air(), b.trace, binary_add_rows(records.size()),
                                     assumes, tables, 0xadd3);
}

// The cheater's best attempt: Main assumes a wrong sum c' and the row is re-solved for c' (its
// chunks, as the honest builder would write them); the table supplies any lookup it needs.
TEST(BinaryAddTest, ConsistentWrongSumIsRejected) {
  const auto air = binary_add_air();
  const TableFixture* tables[] = {&range16_fixture()};
  std::mt19937_64 rng(0xadd4);
  for (int trial = 0; trial < 200; ++trial) {
    const std::uint64_t a = testing::random_operand(rng), b = testing::random_operand(rng);
    const std::uint64_t deltas[] = {1, ~0ull, 1ull << 32, (1ull << 32) - 1, rng() | 1};
    const std::uint64_t wrong = a + b + deltas[trial % 5];
    auto t = poly::RowMajorMatrix::zeros(16, kBinaryAddWidth);
    auto& r = slot_of(t, static_cast<std::size_t>(trial) % kBinaryAddSlots);
    r.a[0] = Fe::from_u64(a & 0xffffffff);
    r.a[1] = Fe::from_u64(a >> 32);
    r.b[0] = Fe::from_u64(b & 0xffffffff);
    r.b[1] = Fe::from_u64(b >> 32);
    for (int k = 0; k < 4; ++k) r.c[k] = Fe::from_u64((wrong >> (16 * k)) & 0xffff);
    r.sel = Fe::one();
    const stark::DirectTerm assume = {
        .bus = kOperationBus,
        .tuple = {Fe::from_u64(0x0a), r.a[0], r.a[1], r.b[0], r.b[1],
                  Fe::from_u64(wrong & 0xffffffff), Fe::from_u64(wrong >> 32), Fe::zero()},
        .multiplicity = -Fe::one()};
    EXPECT_FALSE(testing::cheater_accepted(*air, t, std::span(&assume, 1), tables))
        << "a=" << a << " b=" << b << " c'=" << wrong;
  }
  // A field-wrapped chunk (c_lo = a_lo + b_lo with its high chunk = p - ...) satisfies the carry
  // equation with a wrong carry but is not a Range16 entry.
  auto t = poly::RowMajorMatrix::zeros(16, kBinaryAddWidth);
  auto& r = slot_of(t, 0);
  r.a[0] = Fe::from_u64(0xffffffff);
  r.b[0] = Fe::from_u64(1);
  // claim carry 0: c_lo = 2^32 = c0 + 2^16 c1 with c1 = 2^16 (not a chunk)
  r.c[0] = Fe::zero();
  r.c[1] = Fe::from_u64(1 << 16);
  r.sel = Fe::one();
  std::string why;
  const stark::DirectTerm assume = {
      .bus = kOperationBus,
      .tuple = {Fe::from_u64(0x0a), r.a[0], Fe::zero(), r.b[0], Fe::zero(),
                Fe::from_u64(1ull << 32), Fe::zero(), Fe::zero()},
      .multiplicity = -Fe::one()};
  EXPECT_FALSE(testing::cheater_accepted(*air, t, std::span(&assume, 1), tables, &why));
  EXPECT_NE(why.find("bus 4"), std::string::npos) << why;
}

TEST(BinaryAddTest, RowsWithSelZeroSendNothing) {
  // An honest row with sel cleared sends nothing: without its assume and lookups the buses
  // balance, so a padding row cannot prove an operation.
  auto records = testing::test_records(kOps, 10, 0xadd5);
  records.resize(20);
  Built b = build(records, 5);
  slot_of(b.trace, 3).sel = Fe::zero();
  std::vector<OpRecord> rest = records;
  rest.erase(rest.begin() + 3);
  TableCounts counts = *b.range16;
  const std::uint64_t c = records[3].a + records[3].b;
  TableCounts minus(kTableRows);
  for (int k = 0; k < 4; ++k) minus.add((c >> (16 * k)) & 0xffff);
  TableCounts adjusted(kTableRows);
  for (std::size_t v = 0; v < kTableRows; ++v) adjusted.add(v, counts.get(v) - minus.get(v));
  const auto assumes = testing::main_assumes(rest);
  const testing::TableUse tables[] = {{&range16_fixture(), &adjusted}};
  testing::expect_honest_balanced(*binary_add_air(), b.trace, assumes, tables);
}

// Full proof: a BinaryAdd instance (200 adds in 2^6 rows) + the Range16 table, Main's assumes
// as direct terms.
TEST(BinaryAddTest, StarkProofVerifiesAndTamperedWitnessFails) {
  auto params = stark::make_params({.security_bits = 100,
                                    .log_blowup = 1,
                                    .grinding_bits = 4,
                                    .log_fold = 3,
                                    .log_final_degree = 3});
  ASSERT_TRUE(params.is_ok());
  std::vector<stark::AirPtr> airs = {binary_add_air(), stark::make_air<Range16TableAir>()};
  const stark::FixedSpec fixed[] = {{.air_id = 1, .log_height = kTableLogHeight}};
  auto pk = stark::setup(airs, *params, fixed);
  ASSERT_TRUE(pk.is_ok()) << pk.status().message();
  auto records = testing::test_records(kOps, 20, 0xadd6);
  records.resize(200);
  Built b = build(records, 6);
  const auto direct = testing::main_assumes(records);
  auto specs = [&](poly::RowMajorMatrix machine) {
    poly::RowMajorMatrix table = table_mult_trace(*b.range16);
    return std::vector<stark::InstanceSpec>{
        {.air_id = 0,
         .log_height = 6,
         .instance_values = {},
         .witness = [machine]() -> Result<poly::RowMajorMatrix> { return machine; }},
        {.air_id = 1,
         .log_height = kTableLogHeight,
         .instance_values = {},
         .witness = [table]() -> Result<poly::RowMajorMatrix> { return table; }}};
  };
  auto proof = stark::prove(*pk, {}, specs(b.trace), {.direct_terms = &direct});
  ASSERT_TRUE(proof.is_ok()) << proof.status().message();
  EXPECT_TRUE(stark::verify(pk->vk, airs, *proof, direct, {.min_security_bits = 100}).is_ok());
  // A wrong sum in row 5 (chunk 0 + 1): the prover is forced through, the verifier refuses.
  poly::RowMajorMatrix bad = b.trace;
  bad.at(5, 4) += Fe::one();  // chunk 0 of c in slot 0 of row 5
  auto forged = stark::prove(*pk, {}, specs(bad), {.unchecked_for_tests = true});
  ASSERT_TRUE(forged.is_ok()) << forged.status().message();
  EXPECT_EQ(stark::verify(pk->vk, airs, *forged, direct, {.min_security_bits = 100}).code(),
            ErrorCode::kVerifyFailed);
}

}  // namespace
}  // namespace ziskc::sm
