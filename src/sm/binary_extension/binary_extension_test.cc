// BinaryExtension (BinaryShift, BinaryShiftW, BinarySext, BinaryShiftTable): honest traces of
// every shift amount, edge and random operands pass the row checker and balance every bus
// (Main's assumes from zisk::apply, Range16, BytePair, the shift table); every mutated cell and
// the cheater's best wrong rows (another shift amount, a flipped sign, another AIR's table rows,
// a wrong byte split) are rejected; a full STARK proof verifies and a tampered witness does not.
#include "sm/binary_extension/binary_extension.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <bit>
#include <random>
#include <string>

#include "sm/binary_add/op_testing.h"
#include "stark/keys.h"
#include "stark/prover.h"
#include "stark/shape.h"
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
const std::vector<zisk::Op> kShiftWOps(kBinaryShiftWOps.begin(), kBinaryShiftWOps.end());
const std::vector<zisk::Op> kSextOps(kBinarySextOps.begin(), kBinarySextOps.end());

// The three AIRs behind one interface for the generic tests.
enum class Which { kShift, kShiftW, kSext };
struct Machine {
  Which which;
  stark::AirPtr air;
  std::size_t slots, slot_width;
  std::vector<zisk::Op> ops;
};
const Machine& machine(Which w) {
  static const Machine shift{Which::kShift, binary_shift_air(), kBinaryShiftSlots,
                             kBinaryShiftSlotWidth, kShiftOps};
  static const Machine shift_w{Which::kShiftW, binary_shift_w_air(), kBinaryShiftWSlots,
                               kBinaryShiftWSlotWidth, kShiftWOps};
  static const Machine sext{Which::kSext, binary_sext_air(), kBinarySextSlots, kBinarySextSlotWidth,
                            kSextOps};
  return w == Which::kShift ? shift : w == Which::kShiftW ? shift_w : sext;
}

struct Built {
  poly::RowMajorMatrix trace;
  std::unique_ptr<TableCounts> range16, other;  // other: the shift table or BytePair
};
Built build(Which w, std::span<const OpRecord> records, unsigned log_height) {
  auto r16 = std::make_unique<TableCounts>(kTableRows);
  auto other =
      std::make_unique<TableCounts>(w == Which::kSext ? kTableRows : kBinaryShiftTableRows);
  poly::RowMajorMatrix t =
      w == Which::kShift    ? binary_shift_trace(records, log_height, *r16, *other)
      : w == Which::kShiftW ? binary_shift_w_trace(records, log_height, *r16, *other)
                            : binary_sext_trace(records, log_height, *r16, *other);
  return {std::move(t), std::move(r16), std::move(other)};
}
const TableFixture& other_fixture(Which w) {
  return w == Which::kSext ? byte_pair_fixture() : shift_fixture();
}

template <template <class> class Slot>
Slot<Fe>& slot_of(poly::RowMajorMatrix& t, std::size_t record) {
  return *reinterpret_cast<Slot<Fe>*>(t.values.data() + record * stark::width_of<Slot>());
}

// Height for n records with at least one padding row.
unsigned log_for(const Machine& m, std::size_t n) {
  unsigned k = 4;
  while ((std::size_t{1} << k) < (n + m.slots - 1) / m.slots + 1) ++k;
  return k;
}

// Shift records: edge pairs, random pairs, and every shift amount 0..127 for a few values of a.
std::vector<OpRecord> shift_records(std::span<const zisk::Op> ops, std::size_t random_per_op,
                                    std::uint64_t seed) {
  auto out = testing::test_records(ops, random_per_op, seed);
  std::mt19937_64 rng(seed + 1);
  for (zisk::Op op : ops) {
    for (std::uint64_t a : std::initializer_list<std::uint64_t>{
             0x8000000000000000ull, 0xffffffffffffffffull, 0x0123456789abcdefull, 0x80000000ull,
             0x7fffffffull, 0xfedcba9880000001ull, rng()}) {
      for (std::uint64_t b = 0; b < 128; ++b) out.push_back(testing::op_record(op, a, b));
      out.push_back(testing::op_record(op, a, rng()));
    }
  }
  return out;
}

std::vector<OpRecord> sext_records(std::size_t random_per_op, std::uint64_t seed) {
  auto records = testing::test_records(kSextOps, random_per_op, seed);
  for (zisk::Op op : kSextOps) {
    for (std::uint64_t v : std::initializer_list<std::uint64_t>{
             0x7f, 0x80, 0xff, 0x7fff, 0x8000, 0xffff, 0x7fffffff, 0x80000000, 0x12345680,
             0xabcd8000, 0xffffffff00000080ull}) {
      records.push_back(testing::op_record(op, 0x1234, v));
    }
  }
  return records;
}

std::vector<OpRecord> records_for(Which w, std::size_t random_per_op, std::uint64_t seed) {
  return w == Which::kSext ? sext_records(random_per_op, seed)
                           : shift_records(machine(w).ops, random_per_op, seed);
}

TEST(BinaryExtensionTest, ProvesExactlyTheBinaryExtensionOps) {
  for (const auto& info : zisk::op_table()) {
    const bool ext = info.machine == zisk::Machine::kBinaryExtension;
    EXPECT_EQ(binary_extension_proves(info.op), ext) << info.name;
    const int n =
        binary_shift_proves(info.op) + binary_shift_w_proves(info.op) + binary_sext_proves(info.op);
    EXPECT_EQ(n, ext ? 1 : 0) << info.name;
  }
  EXPECT_EQ(kBinaryShiftRecordsPerRow, 2u);
  EXPECT_EQ(kBinaryShiftWRecordsPerRow, 2u);
  EXPECT_EQ(kBinarySextRecordsPerRow, 4u);
  EXPECT_EQ(binary_shift_rows(3), 2u);
  EXPECT_EQ(binary_shift_w_rows(4), 2u);
  EXPECT_EQ(binary_sext_rows(5), 2u);
  EXPECT_EQ(kBinaryShiftSlotWidth, 25u);
  EXPECT_EQ(kBinaryShiftWSlotWidth, 20u);
  EXPECT_EQ(kBinarySextSlotWidth, 12u);
}

// The costs the docs state (columns, interactions, logUp columns; all degree 3).
TEST(BinaryExtensionTest, ShapesAreTheDocumentedCost) {
  struct Want {
    Which w;
    std::size_t cols, interactions, logup;
  };
  for (const Want& want : {Want{Which::kShift, 50, 22, 11}, Want{Which::kShiftW, 40, 16, 8},
                           Want{Which::kSext, 48, 16, 8}}) {
    auto shape = stark::analyze_air(*machine(want.w).air, 3);
    ASSERT_TRUE(shape.is_ok()) << shape.status().message();
    EXPECT_EQ(shape->info.num_main, want.cols) << shape->info.name;
    EXPECT_EQ(shape->interactions.size(), want.interactions) << shape->info.name;
    EXPECT_EQ(shape->logup_columns.size(), want.logup) << shape->info.name;
    EXPECT_EQ(shape->max_degree, 3) << shape->info.name;
  }
}

TEST(BinaryExtensionTest, ShiftTableHoldsEveryControlRowOnce) {
  const TableFixture& t = shift_fixture();
  const auto& entries = t.entries.at(kBinaryExtensionTableBus);
  EXPECT_EQ(entries.size(), kBinaryShiftTableOps.size() * 64);
  for (zisk::Op op : kBinaryShiftTableOps) {
    for (unsigned s = 0; s < 64; ++s) {
      const ShiftControl c = shift_control(op, s);
      EXPECT_LE(c.w, 16u);
      EXPECT_EQ(c.q_pow << c.w, 1u << 16);
      EXPECT_LT(c.u, c.kind ? 2u : 4u);
      EXPECT_EQ(c.kind, zisk::is_m32(op) ? 1u : 0u);
      const std::size_t row = shift_table_row(op, s);
      EXPECT_EQ(t.fixed.at(row, 0).value(), c.kind);
      EXPECT_EQ(t.fixed.at(row, 1).value(), static_cast<std::uint64_t>(op));
      EXPECT_EQ(t.fixed.at(row, 2).value(), s);
    }
  }
  EXPECT_FALSE(binary_shift_table_air()->fixed_columns(10).is_ok());
}

class HonestTest : public ::testing::TestWithParam<Which> {};

TEST_P(HonestTest, TracesBalanceAndMatchApply) {
  const Machine& m = machine(GetParam());
  const std::uint64_t seed = 0x5b1f7 + static_cast<std::uint64_t>(GetParam());
  SCOPED_TRACE(::testing::Message() << m.air->info().name << " seed " << seed);
  const auto records = records_for(m.which, 1500, seed);
  Built b = build(m.which, records, log_for(m, records.size()));
  for (std::size_t i = 0; i < records.size(); ++i) {
    const std::uint64_t c = zisk::apply_pure(records[i].op, records[i].a, records[i].b)->c;
    std::uint64_t got = 0;
    if (m.which == Which::kShift) {
      const auto& r = slot_of<BinaryShiftSlot>(b.trace, i);
      got = r.c[0].value() | (r.c[1].value() << 32);
    } else if (m.which == Which::kShiftW) {
      const auto& r = slot_of<BinaryShiftWSlot>(b.trace, i);
      got = r.c[0].value() | (r.c[1].value() << 32);
    } else {
      const auto& r = slot_of<BinarySextSlot>(b.trace, i);
      got = r.c_lo.value() | (r.sign.value() ? 0xffffffff00000000ull : 0);
    }
    ASSERT_EQ(got, c) << zisk::op_name(records[i].op) << " a=" << records[i].a
                      << " b=" << records[i].b;
  }
  const auto assumes = testing::main_assumes(records);
  const testing::TableUse tables[] = {{&range16_fixture(), b.range16.get()},
                                      {&other_fixture(m.which), b.other.get()}};
  testing::expect_honest_balanced(*m.air, b.trace, assumes, tables);
}

TEST_P(HonestTest, ParallelBuilderMatchesSerialCounts) {
  const Machine& m = machine(GetParam());
  std::mt19937_64 rng(3);
  std::vector<OpRecord> records;
  for (int i = 0; i < (1 << 15); ++i) {
    records.push_back(testing::op_record(m.ops[rng() % m.ops.size()], rng(), rng()));
  }
  const unsigned log_big = static_cast<unsigned>(std::countr_zero((1u << 15) / m.slots));
  Built big = build(m.which, records, log_big);
  TableCounts r16(kTableRows), other(big.other->size());
  for (std::size_t lo = 0; lo < records.size(); lo += 4096) {
    const auto part = std::span(records).subspan(lo, 4096);
    const unsigned log_part = static_cast<unsigned>(std::countr_zero(4096 / m.slots));
    if (m.which == Which::kShift) binary_shift_trace(part, log_part, r16, other);
    if (m.which == Which::kShiftW) binary_shift_w_trace(part, log_part, r16, other);
    if (m.which == Which::kSext) binary_sext_trace(part, log_part, r16, other);
  }
  EXPECT_EQ(big.range16->counts(), r16.counts());
  EXPECT_EQ(big.other->counts(), other.counts());
}

TEST_P(HonestTest, EveryMutatedCellIsRejected) {
  const Machine& m = machine(GetParam());
  auto records = records_for(m.which, 10, 0x5b2);
  std::mt19937_64 rng(11);
  std::shuffle(records.begin(), records.end(), rng);
  records.resize(100 * m.slots);
  Built b = build(m.which, records, 7);
  const auto assumes = testing::main_assumes(records);
  const TableFixture* tables[] = {&range16_fixture(), &other_fixture(m.which)};
  testing::expect_mutations_rejected(*m.air, b.trace, 100, assumes, tables, 0x5b3);
}

INSTANTIATE_TEST_SUITE_P(BinaryExtensionTest, HonestTest,
                         ::testing::Values(Which::kShift, Which::kShiftW, Which::kSext),
                         [](const auto& p) {
                           return std::string(machine(p.param).air->info().name);
                         });

// The cheater's rows: the builder's row for (op, a, b) re-solved with another shift amount s'
// (q re-solved in the field so that b_lo = s' + 2^6 q0 + 2^22 q1), or with the sign flipped and
// c recomputed with that sign; Main assumes the tuple the cheat would prove.
template <template <class> class Slot>
void expect_wrong_shifts_rejected(Which w, std::uint64_t seed) {
  const Machine& m = machine(w);
  const TableFixture* tables[] = {&range16_fixture(), &shift_fixture()};
  std::mt19937_64 rng(seed);
  const Fe inv64 = Fe::from_u64(64).inverse();
  int checked = 0;
  for (int trial = 0; trial < 300; ++trial) {
    const zisk::Op op = m.ops[trial % 3];
    const OpRecord rec = testing::op_record(op, testing::random_operand(rng), rng());
    const unsigned s = static_cast<unsigned>(rec.b & 63);
    const unsigned s2 = (s + 1 + static_cast<unsigned>(rng() % 63)) & 63;
    const OpRecord other{op, rec.a, (rec.b & ~63ull) | s2};
    if (zisk::apply_pure(op, rec.a, other.b)->c == zisk::apply_pure(op, rec.a, rec.b)->c) {
      continue;  // same result: not a wrong claim
    }
    Built wt = build(w, std::span(&other, 1), 4);
    auto& r = slot_of<Slot>(wt.trace, 0);
    r.b[0] = Fe::from_u64(rec.b & 0xffffffff);
    r.q[0] = (r.b[0] - Fe::from_u64(s2) - Fe::from_u64(1ull << 22) * r.q[1]) * inv64;
    auto tuple = testing::op_tuple(rec);
    tuple[5] = r.c[0];
    tuple[6] = r.c[1];
    const stark::DirectTerm assume{kOperationBus, tuple, -Fe::one()};
    ++checked;
    EXPECT_FALSE(testing::cheater_accepted(*m.air, wt.trace, std::span(&assume, 1), tables))
        << zisk::op_name(op) << " a=" << rec.a << " s=" << s << " s'=" << s2;
  }
  EXPECT_GT(checked, 200);
  // Flipped sign: c recomputed with the other sign (what the mask adds), everything else honest.
  int flipped = 0;
  for (int trial = 0; trial < 300; ++trial) {
    const OpRecord rec =
        testing::op_record(m.ops[trial % 3], testing::random_operand(rng), rng() % 128);
    Built wt = build(w, std::span(&rec, 1), 4);
    auto& r = slot_of<Slot>(wt.trace, 0);
    if (r.ml.is_zero() && r.mh.is_zero()) continue;
    const Fe ds = Fe::one() - r.sign - r.sign;  // new sign - old sign
    r.sign = Fe::one() - r.sign;
    r.c[0] += ds * r.ml;
    r.c[1] += ds * r.mh;
    auto tuple = testing::op_tuple(rec);
    tuple[5] = r.c[0];
    tuple[6] = r.c[1];
    const stark::DirectTerm assume{kOperationBus, tuple, -Fe::one()};
    ++flipped;
    EXPECT_FALSE(testing::cheater_accepted(*m.air, wt.trace, std::span(&assume, 1), tables))
        << zisk::op_name(rec.op) << " a=" << rec.a << " b=" << rec.b;
  }
  EXPECT_GT(flipped, 50);
}

TEST(BinaryExtensionTest, ConsistentWrongShiftsAreRejected) {
  expect_wrong_shifts_rejected<BinaryShiftSlot>(Which::kShift, 0x5b4);
}
TEST(BinaryExtensionTest, ConsistentWrongShiftWsAreRejected) {
  expect_wrong_shifts_rejected<BinaryShiftWSlot>(Which::kShiftW, 0x5b5);
}

// Each shift AIR can only use its own table rows: srl(a, 36) has exactly the control values of
// srl_w(a, 4) (t = 28) except op and s, so a BinaryShift slot that relabels it as srl_w claims
// a >> 36 (0 here) instead of a_lo >> 4 and is refused only because no kind-0 row has op srl_w.
TEST(BinaryExtensionTest, ShiftAirsCannotUseEachOthersRows) {
  const TableFixture* tables[] = {&range16_fixture(), &shift_fixture()};
  const OpRecord rec = testing::op_record(zisk::Op::kSrlW, 0x89abcdef, 4);
  const OpRecord as64{zisk::Op::kSrl, rec.a, 36};
  const ShiftControl c36 = shift_control(zisk::Op::kSrl, 36), c4 = shift_control(rec.op, 4);
  ASSERT_TRUE(c36.q_pow == c4.q_pow && c36.u == c4.u && c36.dir == c4.dir && c36.ml == c4.ml &&
              c36.mh == c4.mh);
  Built wt = build(Which::kShift, std::span(&as64, 1), 4);
  auto& r = slot_of<BinaryShiftSlot>(wt.trace, 0);
  const ShiftControl ctl = shift_control(zisk::Op::kSrlW, 4);
  r.op = Fe::from_u64(ctl.op);
  r.b[0] = Fe::from_u64(4);
  r.q[0] = Fe::zero();
  r.q[1] = Fe::zero();
  auto tuple = testing::op_tuple(rec);
  tuple[5] = r.c[0];
  tuple[6] = r.c[1];
  const stark::DirectTerm assume{kOperationBus, tuple, -Fe::one()};
  std::string why;
  ASSERT_NE(tuple, testing::op_tuple(rec));
  EXPECT_FALSE(testing::cheater_accepted(*binary_shift_air(), wt.trace, std::span(&assume, 1),
                                         tables, &why));
  EXPECT_NE(why.find("bus 21"), std::string::npos) << why;
}

TEST(BinaryExtensionTest, ConsistentWrongSignExtensionsAreRejected) {
  const auto air = binary_sext_air();
  const TableFixture* tables[] = {&range16_fixture(), &byte_pair_fixture()};
  std::mt19937_64 rng(0x5ea);
  for (int trial = 0; trial < 300; ++trial) {
    const zisk::Op op = kSextOps[trial % 3];
    const OpRecord rec = testing::op_record(op, rng(), testing::random_operand(rng));
    Built w = build(Which::kSext, std::span(&rec, 1), 4);
    auto& r = slot_of<BinarySextSlot>(w.trace, 0);
    const std::uint64_t c = zisk::apply_pure(op, rec.a, rec.b)->c;
    auto tuple = testing::op_tuple(rec);
    if (trial % 2 == 0) {
      // Flip the sign and claim the matching sign-extended value.
      const std::uint64_t bits = op == zisk::Op::kSignExtendB   ? 8
                                 : op == zisk::Op::kSignExtendH ? 16
                                                                : 32;
      const std::uint64_t wrong = c ^ (~0ull << bits);
      r.sign = Fe::one() - r.sign;
      r.c_lo = Fe::from_u64(wrong & 0xffffffff);
      tuple[5] = r.c_lo;
      tuple[6] = Fe::from_u64(wrong >> 32);
    } else {
      // Move one unit between the byte columns (b_lo unchanged): v0 += 256, v1 -= 1.
      r.v[0] += Fe::from_u64(256);
      r.v[1] -= Fe::one();
      if (op == zisk::Op::kSignExtendB) r.t += Fe::from_u64(1 << 16);
    }
    const stark::DirectTerm assume{kOperationBus, tuple, -Fe::one()};
    EXPECT_FALSE(testing::cheater_accepted(*air, w.trace, std::span(&assume, 1), tables))
        << zisk::op_name(op) << " b=" << rec.b << " trial " << trial;
  }
}

// Full proof of the three AIRs with their tables; Main's assumes are direct terms.
TEST(BinaryExtensionTest, StarkProofVerifiesAndTamperedWitnessFails) {
  auto params = stark::make_params({.security_bits = 100,
                                    .log_blowup = 1,
                                    .grinding_bits = 4,
                                    .log_fold = 3,
                                    .log_final_degree = 3});
  ASSERT_TRUE(params.is_ok());
  std::vector<stark::AirPtr> airs = {binary_shift_air(),
                                     binary_shift_w_air(),
                                     binary_sext_air(),
                                     binary_shift_table_air(),
                                     stark::make_air<Range16TableAir>(),
                                     stark::make_air<BytePairTableAir>()};
  const stark::FixedSpec fixed[] = {{.air_id = 3, .log_height = kBinaryShiftTableLogHeight},
                                    {.air_id = 4, .log_height = kTableLogHeight},
                                    {.air_id = 5, .log_height = kTableLogHeight}};
  auto pk = stark::setup(airs, *params, fixed);
  ASSERT_TRUE(pk.is_ok()) << pk.status().message();
  std::mt19937_64 rng(5);
  auto pick = [&](std::vector<OpRecord> v, std::size_t n) {
    std::shuffle(v.begin(), v.end(), rng);
    v.resize(n);
    return v;
  };
  const auto shifts = pick(records_for(Which::kShift, 2, 0x5b6), 60);
  const auto shifts_w = pick(records_for(Which::kShiftW, 2, 0x5b7), 60);
  const auto sexts = pick(records_for(Which::kSext, 5, 0x5eb), 60);
  TableCounts r16(kTableRows), tab(kBinaryShiftTableRows), bp(kTableRows);
  const auto shift_trace = binary_shift_trace(shifts, 5, r16, tab);
  const auto shift_w_trace = binary_shift_w_trace(shifts_w, 5, r16, tab);
  const auto sext_trace = binary_sext_trace(sexts, 4, r16, bp);
  auto direct = testing::main_assumes(shifts);
  for (const auto* v : {&shifts_w, &sexts}) {
    for (auto& d : testing::main_assumes(*v)) direct.push_back(d);
  }
  auto spec = [](std::uint32_t air, unsigned log_h, poly::RowMajorMatrix t) {
    return stark::InstanceSpec{.air_id = air,
                               .log_height = log_h,
                               .instance_values = {},
                               .witness = [t]() -> Result<poly::RowMajorMatrix> { return t; }};
  };
  const poly::RowMajorMatrix shift_table = binary_shift_table_trace(tab);
  auto specs = [&](std::vector<poly::RowMajorMatrix> t) {
    return std::vector<stark::InstanceSpec>{spec(0, 5, t[0]),
                                            spec(1, 5, t[1]),
                                            spec(2, 4, t[2]),
                                            spec(3, 9, t[3]),
                                            spec(4, 16, table_mult_trace(r16)),
                                            spec(5, 16, table_mult_trace(bp))};
  };
  const std::vector<poly::RowMajorMatrix> honest = {shift_trace, shift_w_trace, sext_trace,
                                                    shift_table};
  auto proof = stark::prove(*pk, {}, specs(honest), {.direct_terms = &direct});
  ASSERT_TRUE(proof.is_ok()) << proof.status().message();
  EXPECT_TRUE(stark::verify(pk->vk, airs, *proof, direct, {.min_security_bits = 100}).is_ok());
  // Each AIR of the machine with one result limb changed, and the shift table with one lookup
  // moved to the next control row, forced through the prover: the verifier refuses every one.
  for (std::size_t k = 0; k < honest.size(); ++k) {
    std::vector<poly::RowMajorMatrix> bad = honest;
    if (k == 0) slot_of<BinaryShiftSlot>(bad[0], 3).c[1] += Fe::one();
    if (k == 1) slot_of<BinaryShiftWSlot>(bad[1], 7).c[0] += Fe::one();
    if (k == 2) slot_of<BinarySextSlot>(bad[2], 5).c_lo += Fe::one();
    if (k == 3) {
      std::size_t r = 0;
      while (bad[3].at(r, 0).is_zero()) ++r;
      bad[3].at(r, 0) -= Fe::one();
      bad[3].at(r + 1, 0) += Fe::one();
    }
    auto forged = stark::prove(*pk, {}, specs(bad), {.unchecked_for_tests = true});
    ASSERT_TRUE(forged.is_ok()) << forged.status().message();
    EXPECT_EQ(stark::verify(pk->vk, airs, *forged, direct, {.min_security_bits = 100}).code(),
              ErrorCode::kVerifyFailed)
        << "tampered air " << k;
  }
}

}  // namespace
}  // namespace ziskc::sm
