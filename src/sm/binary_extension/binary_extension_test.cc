// BinaryExtension (BinaryShift, BinarySext, BinaryShiftTable): honest traces of every shift
// amount, edge and random operands pass the row checker and balance every bus (Main's assumes
// from zisk::apply, Range16, BytePair, the shift table); every mutated cell and the cheater's
// best wrong rows (another shift amount, a flipped sign, a wrong byte split) are rejected; a full
// STARK proof verifies and a tampered witness does not.
#include "sm/binary_extension/binary_extension.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "sm/binary_add/op_testing.h"
#include "stark/keys.h"
#include "stark/prover.h"
#include "stark/verifier.h"

namespace ziskc::sm {
namespace {

using testing::byte_pair_fixture;
using testing::range16_fixture;
using testing::TableFixture;

const TableFixture& shift_fixture() {
  static const TableFixture t =
      TableFixture::make(binary_shift_table_air(), kBinaryShiftTableLogHeight);
  return t;
}

const std::vector<zisk::Op> kShiftOps(kBinaryShiftOps.begin(), kBinaryShiftOps.end());
const std::vector<zisk::Op> kSextOps(kBinarySextOps.begin(), kBinarySextOps.end());

unsigned log_for(std::size_t n) {
  unsigned k = 4;
  while ((std::size_t{1} << k) < n + 1) ++k;
  return k;
}

struct ShiftBuilt {
  poly::RowMajorMatrix trace;
  std::unique_ptr<TableCounts> range16, table;
};
ShiftBuilt build_shift(std::span<const OpRecord> records, unsigned log_height) {
  auto r16 = std::make_unique<TableCounts>(kTableRows);
  auto tab = std::make_unique<TableCounts>(kBinaryShiftTableRows);
  auto t = binary_shift_trace(records, log_height, *r16, *tab);
  return {std::move(t), std::move(r16), std::move(tab)};
}
struct SextBuilt {
  poly::RowMajorMatrix trace;
  std::unique_ptr<TableCounts> range16, byte_pair;
};
SextBuilt build_sext(std::span<const OpRecord> records, unsigned log_height) {
  auto r16 = std::make_unique<TableCounts>(kTableRows);
  auto bp = std::make_unique<TableCounts>(kTableRows);
  auto t = binary_sext_trace(records, log_height, *r16, *bp);
  return {std::move(t), std::move(r16), std::move(bp)};
}

// Shift records: edge pairs, random pairs, and every shift amount 0..127 for a few values of a.
std::vector<OpRecord> shift_records(std::size_t random_per_op, std::uint64_t seed) {
  auto out = testing::test_records(kShiftOps, random_per_op, seed);
  std::mt19937_64 rng(seed + 1);
  for (zisk::Op op : kShiftOps) {
    for (std::uint64_t a : std::initializer_list<std::uint64_t>{
             0x8000000000000000ull, 0xffffffffffffffffull, 0x0123456789abcdefull, 0x80000000ull,
             0x7fffffffull, rng()}) {
      for (std::uint64_t b = 0; b < 128; ++b) out.push_back(testing::op_record(op, a, b));
      out.push_back(testing::op_record(op, a, rng()));
    }
  }
  return out;
}

TEST(BinaryExtensionTest, ProvesExactlyTheBinaryExtensionOps) {
  for (const auto& info : zisk::op_table()) {
    const bool ext = info.machine == zisk::Machine::kBinaryExtension;
    EXPECT_EQ(binary_extension_proves(info.op), ext) << info.name;
    EXPECT_FALSE(binary_shift_proves(info.op) && binary_sext_proves(info.op)) << info.name;
  }
  EXPECT_EQ(kBinaryShiftRowsPerRecord, 1u);
  EXPECT_EQ(kBinarySextRowsPerRecord, 1u);
  EXPECT_EQ(kBinaryShiftWidth, 27u);
  EXPECT_EQ(kBinarySextWidth, 10u);
}

TEST(BinaryExtensionTest, ShiftTableHoldsEveryControlRowOnce) {
  const TableFixture& t = shift_fixture();
  const auto& entries = t.entries.at(kBinaryExtensionTableBus);
  EXPECT_EQ(entries.size(), kBinaryShiftOps.size() * 64);
  for (zisk::Op op : kBinaryShiftOps) {
    for (unsigned s = 0; s < 64; ++s) {
      const ShiftControl c = shift_control(op, s);
      EXPECT_LE(c.w, 16u);
      EXPECT_EQ(c.q_pow << c.w, 1u << 16);
      EXPECT_LT(c.u, 4u);
      EXPECT_EQ(t.fixed.at(shift_table_row(op, s), 0).value(), static_cast<std::uint64_t>(op));
      EXPECT_EQ(t.fixed.at(shift_table_row(op, s), 1).value(), s);
    }
  }
  EXPECT_FALSE(binary_shift_table_air()->fixed_columns(10).is_ok());
}

TEST(BinaryExtensionTest, HonestShiftTracesBalanceAndMatchApply) {
  const std::uint64_t seed = 0x5b1f7;
  SCOPED_TRACE(::testing::Message() << "seed " << seed);
  const auto records = shift_records(1500, seed);
  ShiftBuilt b = build_shift(records, log_for(records.size()));
  for (std::size_t i = 0; i < records.size(); ++i) {
    const auto& r = *reinterpret_cast<const BinaryShiftCols<Fe>*>(b.trace.row(i).data());
    const std::uint64_t c = zisk::apply_pure(records[i].op, records[i].a, records[i].b)->c;
    ASSERT_EQ(r.c[0].value() | (r.c[1].value() << 32), c) << "record " << i;
  }
  const auto assumes = testing::main_assumes(records);
  const testing::TableUse tables[] = {{&range16_fixture(), b.range16.get()},
                                      {&shift_fixture(), b.table.get()}};
  testing::expect_honest_balanced(*binary_shift_air(), b.trace, assumes, tables);
}

TEST(BinaryExtensionTest, HonestSextTracesBalanceAndMatchApply) {
  const std::uint64_t seed = 0x5e7;
  SCOPED_TRACE(::testing::Message() << "seed " << seed);
  auto records = testing::test_records(kSextOps, 2000, seed);
  for (zisk::Op op : kSextOps) {
    for (std::uint64_t v : std::initializer_list<std::uint64_t>{
             0x7full, 0x80ull, 0xffull, 0x7fffull, 0x8000ull, 0xffffull, 0x7fffffffull,
             0x80000000ull, 0x12345680ull, 0xabcd8000ull}) {
      records.push_back(testing::op_record(op, 0x1234, v));
    }
  }
  SextBuilt b = build_sext(records, log_for(records.size()));
  const auto assumes = testing::main_assumes(records);
  const testing::TableUse tables[] = {{&range16_fixture(), b.range16.get()},
                                      {&byte_pair_fixture(), b.byte_pair.get()}};
  testing::expect_honest_balanced(*binary_sext_air(), b.trace, assumes, tables);
}

TEST(BinaryExtensionTest, ParallelBuildersMatchSerialCounts) {
  std::mt19937_64 rng(3);
  std::vector<OpRecord> shifts, sexts;
  for (int i = 0; i < (1 << 15); ++i) {
    shifts.push_back(testing::op_record(kShiftOps[rng() % 6], rng(), rng()));
    sexts.push_back(testing::op_record(kSextOps[rng() % 3], rng(), rng()));
  }
  ShiftBuilt big = build_shift(shifts, 15);
  TableCounts r16(kTableRows), tab(kBinaryShiftTableRows);
  for (std::size_t lo = 0; lo < shifts.size(); lo += 4096) {
    binary_shift_trace(std::span(shifts).subspan(lo, 4096), 12, r16, tab);
  }
  EXPECT_EQ(big.range16->counts(), r16.counts());
  EXPECT_EQ(big.table->counts(), tab.counts());
  SextBuilt bigs = build_sext(sexts, 15);
  TableCounts r16s(kTableRows), bps(kTableRows);
  for (std::size_t lo = 0; lo < sexts.size(); lo += 4096) {
    binary_sext_trace(std::span(sexts).subspan(lo, 4096), 12, r16s, bps);
  }
  EXPECT_EQ(bigs.range16->counts(), r16s.counts());
  EXPECT_EQ(bigs.byte_pair->counts(), bps.counts());
}

TEST(BinaryExtensionTest, EveryMutatedShiftCellIsRejected) {
  auto records = shift_records(10, 0x5b2);
  std::mt19937_64 rng(11);
  std::shuffle(records.begin(), records.end(), rng);
  records.resize(120);
  ShiftBuilt b = build_shift(records, 7);
  const auto assumes = testing::main_assumes(records);
  const TableFixture* tables[] = {&range16_fixture(), &shift_fixture()};
  testing::expect_mutations_rejected(*binary_shift_air(), b.trace, records.size(), assumes, tables,
                                     0x5b3);
}

TEST(BinaryExtensionTest, EveryMutatedSextCellIsRejected) {
  auto records = testing::test_records(kSextOps, 30, 0x5e8);
  std::mt19937_64 rng(12);
  std::shuffle(records.begin(), records.end(), rng);
  records.resize(100);
  SextBuilt b = build_sext(records, 7);
  const auto assumes = testing::main_assumes(records);
  const TableFixture* tables[] = {&range16_fixture(), &byte_pair_fixture()};
  testing::expect_mutations_rejected(*binary_sext_air(), b.trace, records.size(), assumes, tables,
                                     0x5e9);
}

// The cheater's rows: the builder's row for (op, a, b) re-solved with another shift amount s'
// (q re-solved in the field so that b_lo = s' + 2^6 q0 + 2^22 q1), or with the sign flipped and
// c recomputed with that sign; Main assumes the tuple the cheat would prove.
TEST(BinaryExtensionTest, ConsistentWrongShiftsAreRejected) {
  const auto air = binary_shift_air();
  const TableFixture* tables[] = {&range16_fixture(), &shift_fixture()};
  std::mt19937_64 rng(0x5b4);
  const Fe inv64 = Fe::from_u64(64).inverse();
  int checked = 0;
  for (int trial = 0; trial < 300; ++trial) {
    const zisk::Op op = kShiftOps[trial % 6];
    const OpRecord rec = testing::op_record(op, testing::random_operand(rng), rng());
    const unsigned s = static_cast<unsigned>(rec.b & 63);
    // Another shift amount: the row of (op, a, b') with b' = b - s + s', claimed for b.
    const unsigned s2 = (s + 1 + static_cast<unsigned>(rng() % 63)) & 63;
    const OpRecord other{op, rec.a, (rec.b & ~63ull) | s2};
    ShiftBuilt w = build_shift(std::span(&other, 1), 4);
    auto& r = *reinterpret_cast<BinaryShiftCols<Fe>*>(w.trace.row(0).data());
    r.b[0] = Fe::from_u64(rec.b & 0xffffffff);
    r.q[0] = (r.b[0] - Fe::from_u64(s2) - Fe::from_u64(1ull << 22) * r.q[1]) * inv64;
    auto tuple = testing::op_tuple(rec);
    tuple[5] = r.c[0];
    tuple[6] = r.c[1];
    const stark::DirectTerm assume{kOperationBus, tuple, -Fe::one()};
    if (zisk::apply_pure(op, rec.a, other.b)->c == zisk::apply_pure(op, rec.a, rec.b)->c) {
      continue;  // same result: not a wrong claim
    }
    ++checked;
    EXPECT_FALSE(testing::cheater_accepted(*air, w.trace, std::span(&assume, 1), tables))
        << zisk::op_name(op) << " a=" << rec.a << " s=" << s << " s'=" << s2;
  }
  EXPECT_GT(checked, 200);
  // Flipped sign: c recomputed with the other sign (what the mask adds), everything else honest.
  for (zisk::Op op : {zisk::Op::kSra, zisk::Op::kSraW, zisk::Op::kSrlW, zisk::Op::kSllW}) {
    for (int trial = 0; trial < 50; ++trial) {
      const OpRecord rec = testing::op_record(op, testing::random_operand(rng), rng() % 128);
      ShiftBuilt w = build_shift(std::span(&rec, 1), 4);
      auto& r = *reinterpret_cast<BinaryShiftCols<Fe>*>(w.trace.row(0).data());
      if (r.ml.is_zero() && r.mh.is_zero()) continue;
      const Fe ds = Fe::one() - r.sign - r.sign;  // new sign - old sign
      r.sign = Fe::one() - r.sign;
      r.c[0] += ds * r.ml;
      r.c[1] += ds * r.mh;
      auto tuple = testing::op_tuple(rec);
      tuple[5] = r.c[0];
      tuple[6] = r.c[1];
      const stark::DirectTerm assume{kOperationBus, tuple, -Fe::one()};
      std::string why;
      EXPECT_FALSE(testing::cheater_accepted(*air, w.trace, std::span(&assume, 1), tables, &why))
          << zisk::op_name(op) << " a=" << rec.a << " b=" << rec.b;
    }
  }
}

TEST(BinaryExtensionTest, ConsistentWrongSignExtensionsAreRejected) {
  const auto air = binary_sext_air();
  const TableFixture* tables[] = {&range16_fixture(), &byte_pair_fixture()};
  std::mt19937_64 rng(0x5ea);
  for (int trial = 0; trial < 300; ++trial) {
    const zisk::Op op = kSextOps[trial % 3];
    const OpRecord rec = testing::op_record(op, rng(), testing::random_operand(rng));
    SextBuilt w = build_sext(std::span(&rec, 1), 4);
    auto& r = *reinterpret_cast<BinarySextCols<Fe>*>(w.trace.row(0).data());
    const std::uint64_t c = zisk::apply_pure(op, rec.a, rec.b)->c;
    auto tuple = testing::op_tuple(rec);
    if (trial % 2 == 0) {
      // Flip the sign and claim the matching sign-extended value.
      const std::uint64_t bits = op == zisk::Op::kSignExtendB   ? 8
                                 : op == zisk::Op::kSignExtendH ? 16
                                                                : 32;
      const std::uint64_t wrong = c ^ (~0ull << bits);
      r.sign = Fe::one() - r.sign;
      tuple[5] = Fe::from_u64(wrong & 0xffffffff);
      tuple[6] = Fe::from_u64(wrong >> 32);
    } else {
      // Move one unit between the byte columns (b_lo unchanged): v0 += 256, v1 -= 1.
      r.v[0] += Fe::from_u64(256);
      r.v[1] -= Fe::one();
    }
    const stark::DirectTerm assume{kOperationBus, tuple, -Fe::one()};
    EXPECT_FALSE(testing::cheater_accepted(*air, w.trace, std::span(&assume, 1), tables))
        << zisk::op_name(op) << " b=" << rec.b << " trial " << trial;
  }
}

// Full proof of both AIRs with their tables; Main's assumes are direct terms.
TEST(BinaryExtensionTest, StarkProofVerifiesAndTamperedWitnessFails) {
  auto params = stark::make_params({.security_bits = 100,
                                    .log_blowup = 1,
                                    .grinding_bits = 4,
                                    .log_fold = 3,
                                    .log_final_degree = 3});
  ASSERT_TRUE(params.is_ok());
  std::vector<stark::AirPtr> airs = {binary_shift_air(), binary_sext_air(),
                                     binary_shift_table_air(), stark::make_air<Range16TableAir>(),
                                     stark::make_air<BytePairTableAir>()};
  const stark::FixedSpec fixed[] = {{.air_id = 2, .log_height = kBinaryShiftTableLogHeight},
                                    {.air_id = 3, .log_height = kTableLogHeight},
                                    {.air_id = 4, .log_height = kTableLogHeight}};
  auto pk = stark::setup(airs, *params, fixed);
  ASSERT_TRUE(pk.is_ok()) << pk.status().message();
  auto shifts = shift_records(2, 0x5b5);
  std::mt19937_64 rng(5);
  std::shuffle(shifts.begin(), shifts.end(), rng);
  shifts.resize(60);
  auto sexts = testing::test_records(kSextOps, 5, 0x5eb);
  std::shuffle(sexts.begin(), sexts.end(), rng);
  sexts.resize(30);
  TableCounts r16(kTableRows), tab(kBinaryShiftTableRows), bp(kTableRows);
  const auto shift_trace = binary_shift_trace(shifts, 6, r16, tab);
  const auto sext_trace = binary_sext_trace(sexts, 5, r16, bp);
  auto direct = testing::main_assumes(shifts);
  for (auto& d : testing::main_assumes(sexts)) direct.push_back(d);
  auto spec = [](std::uint32_t air, unsigned log_h, poly::RowMajorMatrix t) {
    return stark::InstanceSpec{.air_id = air,
                               .log_height = log_h,
                               .instance_values = {},
                               .witness = [t]() -> Result<poly::RowMajorMatrix> { return t; }};
  };
  auto specs = [&](poly::RowMajorMatrix shift) {
    return std::vector<stark::InstanceSpec>{spec(0, 6, std::move(shift)), spec(1, 5, sext_trace),
                                            spec(2, 9, binary_shift_table_trace(tab)),
                                            spec(3, 16, table_mult_trace(r16)),
                                            spec(4, 16, table_mult_trace(bp))};
  };
  auto proof = stark::prove(*pk, {}, specs(shift_trace), {.direct_terms = &direct});
  ASSERT_TRUE(proof.is_ok()) << proof.status().message();
  EXPECT_TRUE(stark::verify(pk->vk, airs, *proof, direct, {.min_security_bits = 100}).is_ok());
  poly::RowMajorMatrix bad = shift_trace;
  bad.at(7, 4) += Fe::one();  // c_lo of row 7
  auto forged = stark::prove(*pk, {}, specs(bad), {.unchecked_for_tests = true});
  ASSERT_TRUE(forged.is_ok()) << forged.status().message();
  EXPECT_EQ(stark::verify(pk->vk, airs, *forged, direct, {.min_security_bits = 100}).code(),
            ErrorCode::kVerifyFailed);
}

}  // namespace
}  // namespace ziskc::sm
