// Binary (BinaryAir, BinarySignedAir, BinaryLogicAir, BinaryTable): honest traces of edge,
// near-equal and random operands for every op pass the row checker and balance every bus
// (Main's assumes from zisk::apply, Range16, the BinaryTable); every mutated cell and the
// cheater's best wrong rows (a flipped borrow re-solved through the result, a flipped sign bit,
// D moved by one, a wrong AND byte, a byte carried into its neighbour) are rejected; a full STARK
// proof verifies and a tampered witness does not.
#include "sm/binary/binary.h"

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

using testing::range16_fixture;
using testing::TableFixture;

const TableFixture& binary_table_fixture() {
  static const TableFixture t = TableFixture::make(binary_table_air(), kBinaryTableLogHeight);
  return t;
}

template <class Pred>
std::vector<zisk::Op> ops_where(Pred p) {
  std::vector<zisk::Op> out;
  for (const auto& info : zisk::op_table()) {
    if (p(info.op)) out.push_back(info.op);
  }
  return out;
}

enum class Which { kBinary, kSigned, kLogic };
struct Machine {
  Which which;
  stark::AirPtr air;
  std::size_t slots, slot_width;
  std::vector<zisk::Op> ops;
  const TableFixture* table;
};
const Machine& machine(Which w) {
  static const Machine bin{
      Which::kBinary,           binary_air(),      kBinarySlots, kBinarySlotWidth,
      ops_where(binary_proves), &range16_fixture()};
  static const Machine sgn{Which::kSigned,
                           binary_signed_air(),
                           1,
                           kBinarySignedWidth,
                           ops_where(binary_signed_proves),
                           &range16_fixture()};
  static const Machine logic{Which::kLogic,
                             binary_logic_air(),
                             kBinaryLogicSlots,
                             kBinaryLogicSlotWidth,
                             ops_where(binary_logic_proves),
                             &binary_table_fixture()};
  return w == Which::kBinary ? bin : w == Which::kSigned ? sgn : logic;
}

struct Built {
  poly::RowMajorMatrix trace;
  std::unique_ptr<TableCounts> counts;
};
Built build(Which w, std::span<const OpRecord> records, unsigned log_height) {
  auto c = std::make_unique<TableCounts>(kTableRows);
  poly::RowMajorMatrix t = w == Which::kBinary   ? binary_trace(records, log_height, *c)
                           : w == Which::kSigned ? binary_signed_trace(records, log_height, *c)
                                                 : binary_logic_trace(records, log_height, *c);
  return {std::move(t), std::move(c)};
}

template <class Slot>
Slot& slot_of(poly::RowMajorMatrix& t, std::size_t record) {
  return *reinterpret_cast<Slot*>(t.values.data() + record * (sizeof(Slot) / sizeof(Fe)));
}

unsigned log_for(const Machine& m, std::size_t n) {
  unsigned k = 4;
  while ((std::size_t{1} << k) < (n + m.slots - 1) / m.slots + 1) ++k;
  return k;
}

// Edge pairs, random pairs, and near-equal pairs (b = a, a +- 1, a with a flipped sign bit).
std::vector<OpRecord> records_for(std::span<const zisk::Op> ops, std::size_t random_per_op,
                                  std::uint64_t seed) {
  auto out = testing::test_records(ops, random_per_op, seed);
  std::mt19937_64 rng(seed + 1);
  for (zisk::Op op : ops) {
    for (std::size_t i = 0; i < random_per_op / 4; ++i) {
      const std::uint64_t a = testing::random_operand(rng);
      for (std::uint64_t b : std::initializer_list<std::uint64_t>{a, a + 1, a - 1, a ^ (1ull << 63),
                                                                  a ^ (1ull << 31)}) {
        out.push_back(testing::op_record(op, a, b));
      }
    }
  }
  return out;
}

TEST(BinaryTest, ProvesExactlyTheBinaryOps) {
  for (const auto& info : zisk::op_table()) {
    const bool bin = info.machine == zisk::Machine::kBinary;
    EXPECT_EQ(binary_machine_proves(info.op), bin) << info.name;
    const int n =
        binary_proves(info.op) + binary_signed_proves(info.op) + binary_logic_proves(info.op);
    EXPECT_EQ(n, bin ? 1 : 0) << info.name;
  }
  EXPECT_EQ(machine(Which::kBinary).ops.size(), 11u);
  EXPECT_EQ(machine(Which::kSigned).ops.size(), 10u);
  EXPECT_EQ(machine(Which::kLogic).ops.size(), 3u);
  EXPECT_EQ(kBinaryRecordsPerRow, 2u);
  EXPECT_EQ(kBinaryLogicRecordsPerRow, 2u);
  EXPECT_EQ(binary_rows(3), 2u);
  EXPECT_EQ(binary_signed_rows(3), 3u);
  EXPECT_EQ(binary_logic_rows(4), 2u);
  EXPECT_EQ(kBinarySlotWidth, 22u);
  EXPECT_EQ(kBinarySignedWidth, 24u);
  EXPECT_EQ(kBinaryLogicSlotWidth, 27u);
}

// The costs the docs state (columns, interactions, logUp columns; all degree 3).
TEST(BinaryTest, ShapesAreTheDocumentedCost) {
  struct Want {
    Which w;
    std::size_t cols, interactions, logup;
  };
  for (const Want& want : {Want{Which::kBinary, 44, 12, 6}, Want{Which::kSigned, 24, 9, 5},
                           Want{Which::kLogic, 54, 18, 10}}) {
    auto shape = stark::analyze_air(*machine(want.w).air, 3);
    ASSERT_TRUE(shape.is_ok()) << shape.status().message();
    EXPECT_EQ(shape->info.num_main, want.cols) << shape->info.name;
    EXPECT_EQ(shape->interactions.size(), want.interactions) << shape->info.name;
    EXPECT_EQ(shape->logup_columns.size(), want.logup) << shape->info.name;
    EXPECT_EQ(shape->max_degree, 3) << shape->info.name;
  }
}

TEST(BinaryTest, BinaryTableListsEveryBytePairWithItsAnd) {
  const TableFixture& t = binary_table_fixture();
  const auto& entries = t.entries.at(kBinaryTableBus);
  EXPECT_EQ(entries.size(), std::size_t{1} << 16);
  for (std::uint64_t x : {0u, 1u, 0x55u, 0xaau, 0xffu}) {
    for (std::uint64_t y : {0u, 0x0fu, 0xf0u, 0xffu}) {
      const std::size_t r = binary_table_row(x, y);
      EXPECT_EQ(t.fixed.at(r, 0).value(), x);
      EXPECT_EQ(t.fixed.at(r, 1).value(), y);
      EXPECT_EQ(t.fixed.at(r, 2).value(), x & y);
    }
  }
  EXPECT_FALSE(binary_table_air()->fixed_columns(10).is_ok());
}

class BinaryAirTest : public ::testing::TestWithParam<Which> {};

TEST_P(BinaryAirTest, HonestTracesBalanceAndMatchApply) {
  const Machine& m = machine(GetParam());
  const std::uint64_t seed = 0xb1a + static_cast<std::uint64_t>(GetParam());
  SCOPED_TRACE(::testing::Message() << m.air->info().name << " seed " << seed);
  const auto records = records_for(m.ops, m.which == Which::kLogic ? 3000 : 800, seed);
  Built b = build(m.which, records, log_for(m, records.size()));
  for (std::size_t i = 0; i < records.size() && m.which != Which::kLogic; ++i) {
    const Fe* c = m.which == Which::kBinary ? slot_of<BinarySlot<Fe>>(b.trace, i).c
                                            : slot_of<BinarySignedCols<Fe>>(b.trace, i).c;
    const auto out = zisk::apply_pure(records[i].op, records[i].a, records[i].b);
    ASSERT_EQ(c[0].value() | (c[1].value() << 32), out->c)
        << zisk::op_name(records[i].op) << " a=" << records[i].a << " b=" << records[i].b;
  }
  const auto assumes = testing::main_assumes(records);
  const testing::TableUse tables[] = {{m.table, b.counts.get()}};
  testing::expect_honest_balanced(*m.air, b.trace, assumes, tables);
}

TEST_P(BinaryAirTest, ParallelBuilderMatchesSerialCounts) {
  const Machine& m = machine(GetParam());
  std::mt19937_64 rng(4);
  std::vector<OpRecord> records;
  for (int i = 0; i < (1 << 15); ++i) {
    records.push_back(testing::op_record(m.ops[rng() % m.ops.size()], testing::random_operand(rng),
                                         testing::random_operand(rng)));
  }
  Built big =
      build(m.which, records, static_cast<unsigned>(std::countr_zero((1u << 15) / m.slots)));
  TableCounts counts(kTableRows);
  for (std::size_t k = 0; k < 8; ++k) {
    const auto part = std::span(records).subspan(k * 4096, 4096);
    const unsigned log_part = static_cast<unsigned>(std::countr_zero(4096 / m.slots));
    poly::RowMajorMatrix t = m.which == Which::kBinary ? binary_trace(part, log_part, counts)
                             : m.which == Which::kSigned
                                 ? binary_signed_trace(part, log_part, counts)
                                 : binary_logic_trace(part, log_part, counts);
    // Same rows, including the batched eq inverses of the big chunk.
    const std::size_t w = big.trace.cols;
    ASSERT_TRUE(std::equal(t.values.begin(), t.values.end(),
                           big.trace.values.begin() + k * (4096 / m.slots) * w));
  }
  EXPECT_EQ(big.counts->counts(), counts.counts());
}

TEST_P(BinaryAirTest, EveryMutatedCellIsRejected) {
  const Machine& m = machine(GetParam());
  auto records = records_for(m.ops, 8, 0xb1c);
  std::mt19937_64 rng(13);
  std::shuffle(records.begin(), records.end(), rng);
  records.resize(100 * m.slots);
  Built b = build(m.which, records, 7);
  const auto assumes = testing::main_assumes(records);
  const TableFixture* tables[] = {m.table};
  testing::expect_mutations_rejected(*m.air, b.trace, 100, assumes, tables, 0xb1d);
  // Every op once in a row of its own (each kind's equations), in every slot.
  for (zisk::Op op : m.ops) {
    std::vector<OpRecord> one;
    for (std::size_t s = 0; s < m.slots; ++s) {
      one.push_back(
          testing::op_record(op, testing::random_operand(rng), testing::random_operand(rng)));
    }
    Built w = build(m.which, one, 4);
    const auto as = testing::main_assumes(one);
    testing::expect_mutations_rejected(*m.air, w.trace, 1, as, tables, rng());
  }
}

INSTANTIATE_TEST_SUITE_P(BinaryTest, BinaryAirTest,
                         ::testing::Values(Which::kBinary, Which::kSigned, Which::kLogic),
                         [](const auto& p) {
                           return std::string(machine(p.param).air->info().name);
                         });

// Recomputes what the constraints determine from the "primary" columns (d, br0, flags), as a
// cheater re-solving a BinaryAir slot would: lt, sd, fl and the result.
void resolve(BinarySlot<Fe>& r) {
  const Fe two16 = Fe::from_u64(1 << 16), ones = Fe::from_u64(0xffffffff);
  const Fe d_lo = r.d[0] + two16 * r.d[1], d_hi = r.d[2] + two16 * r.d[3];
  const Fe br1 = (d_hi - r.a[1] + r.b[1] + r.br0) * Fe::from_u64(1ull << 32).inverse();
  const Fe dz = d_lo + d_hi;
  r.sd = Fe::from_u64(r.d[1].value() >> 15);
  if (!r.keq.is_zero()) {
    r.c[0] = dz.is_zero() ? Fe::one() : Fe::zero();
    r.lt = dz.is_zero() ? Fe::zero() : dz.inverse();
    r.c[1] = Fe::zero();
  } else {
    r.lt = br1;
  }
  if (!r.klt.is_zero() || !r.kle.is_zero()) {
    r.c[0] = r.lt;
    r.c[1] = Fe::zero();
  } else if (!r.ksub.is_zero() || !r.kadd.is_zero()) {
    r.c[0] = d_lo;
    r.c[1] = (r.m32.is_zero() && r.kadd.is_zero()) ? d_hi : ones * r.sd;
  } else if (!r.kmin.is_zero()) {
    r.c[0] = r.b[0] + r.lt * (r.a[0] - r.b[0]);
    r.c[1] = r.b[1] + r.lt * (r.a[1] - r.b[1]);
  } else if (!r.kmax.is_zero()) {
    r.c[0] = r.a[0] + r.lt * (r.b[0] - r.a[0]);
    r.c[1] = r.a[1] + r.lt * (r.b[1] - r.a[1]);
  }
  const bool flagged = !(r.klt.is_zero() && r.kle.is_zero() && r.keq.is_zero());
  r.fl = flagged ? r.c[0] : Fe::zero();
}

// The same for a BinarySigned row: lt, ssel and the result from d, the sign bits and the flags.
void resolve(BinarySignedCols<Fe>& r) {
  const Fe two16 = Fe::from_u64(1 << 16), ones = Fe::from_u64(0xffffffff);
  const Fe inv = Fe::from_u64(1ull << 32).inverse();
  const Fe d_lo = r.d[0] + two16 * r.d[1], d_hi = r.d[2] + two16 * r.d[3];
  const Fe br0 = (d_lo - r.a[0] + r.b[0] + r.kle) * inv;
  const Fe br1 = (d_hi - r.a[1] + r.b[1] + br0) * inv;
  r.lt = br1 + r.sg * (r.sa - r.sb);
  r.ssel = r.sb + r.lt * (r.sa - r.sb);
  if (!r.klt.is_zero() || !r.kle.is_zero()) {
    r.c[0] = r.lt;
    r.c[1] = Fe::zero();
  } else if (!r.kmin.is_zero()) {
    r.c[0] = r.b[0] + r.lt * (r.a[0] - r.b[0]);
    r.c[1] = r.b[1] + r.lt * (r.a[1] - r.b[1]) + r.m32 * ones * r.ssel;
  } else {
    r.c[0] = r.a[0] + r.lt * (r.b[0] - r.a[0]);
    r.c[1] = r.a[1] + r.lt * (r.b[1] - r.a[1]) + r.m32 * ones * (r.sa + r.sb - r.ssel);
  }
}

bool is_comparison(zisk::Op op) {
  using zisk::Op;
  for (Op o : {Op::kLtu, Op::kLt, Op::kEq, Op::kLeu, Op::kLe, Op::kLtuW, Op::kLtW, Op::kEqW,
               Op::kLeuW, Op::kLeW}) {
    if (o == op) return true;
  }
  return false;
}

// The cheater's best slots for a wrong result, each claimed against Main's assume of that result:
// the high borrow flipped by moving D_hi by 2^32 (its top chunk by 2^16), a flipped sign bit (its
// decomposition kept; BinarySigned) or the sign-extension bit (Binary), or D_lo moved by one;
// every column the constraints determine is then re-solved.
template <class Slot>
void expect_wrong_results_rejected(Which w, std::uint64_t seed) {
  const Machine& m = machine(w);
  const TableFixture* tables[] = {&range16_fixture()};
  std::mt19937_64 rng(seed);
  const Fe two16 = Fe::from_u64(1 << 16);
  std::size_t checked = 0;
  for (zisk::Op op : m.ops) {
    for (int trial = 0; trial < 40; ++trial) {
      const std::uint64_t a = testing::random_operand(rng);
      const std::uint64_t b = trial % 3 == 0 ? a : testing::random_operand(rng);
      const OpRecord rec = testing::op_record(op, a, b);
      for (int cheat = 0; cheat < 3; ++cheat) {
        Built wt = build(w, std::span(&rec, 1), 4);
        Slot& r = slot_of<Slot>(wt.trace, 0);
        if (cheat == 0) {
          r.d[3] += r.d[3].value() >= (1u << 15) ? -two16 : two16;
        } else if (cheat == 1) {
          if constexpr (std::is_same_v<Slot, BinarySignedCols<Fe>>) {
            r.sa = Fe::one() - r.sa;
          } else {
            r.d[1] += r.d[1].value() >= (1u << 15) ? -Fe::from_u64(1 << 15) : Fe::from_u64(1 << 15);
          }
        } else {
          r.d[0] += Fe::one();
          if (r.d[0].value() == (1u << 16)) {
            r.d[0] = Fe::zero();
            r.d[1] += Fe::one();
          }
        }
        resolve(r);
        auto tuple = testing::op_tuple(rec);
        tuple[5] = r.c[0];
        tuple[6] = r.c[1];
        tuple[7] = is_comparison(op) ? r.c[0] : Fe::zero();
        if (tuple == testing::op_tuple(rec)) continue;  // not a wrong claim
        ++checked;
        const stark::DirectTerm assume{kOperationBus, tuple, -Fe::one()};
        EXPECT_FALSE(testing::cheater_accepted(*m.air, wt.trace, std::span(&assume, 1), tables))
            << zisk::op_name(op) << " a=" << a << " b=" << b << " cheat " << cheat;
      }
    }
  }
  EXPECT_GT(checked, m.ops.size() * 40u);
}

TEST(BinaryTest, ConsistentWrongResultsAreRejected) {
  expect_wrong_results_rejected<BinarySlot<Fe>>(Which::kBinary, 0xb20);
}
TEST(BinaryTest, ConsistentWrongSignedResultsAreRejected) {
  expect_wrong_results_rejected<BinarySignedCols<Fe>>(Which::kSigned, 0xb21);
}

TEST(BinaryTest, ConsistentWrongLogicResultsAreRejected) {
  const auto air = binary_logic_air();
  const TableFixture* tables[] = {&binary_table_fixture()};
  const auto& ops = machine(Which::kLogic).ops;
  std::mt19937_64 rng(0xb22);
  for (int trial = 0; trial < 300; ++trial) {
    const OpRecord rec = testing::op_record(ops[trial % 3], rng(), rng());
    Built w = build(Which::kLogic, std::span(&rec, 1), 4);
    auto& r = slot_of<BinaryLogicSlot<Fe>>(w.trace, 0);
    const int j = static_cast<int>(rng() % 7);
    auto tuple = testing::op_tuple(rec);
    if (trial % 2 == 0) {
      // A wrong AND byte, with the claimed result recomputed from it.
      r.z[j] = Fe::from_u64(r.z[j].value() ^ 1);
      const std::uint64_t x = r.x[j].value(), y = r.y[j].value(), z = r.z[j].value();
      const std::uint64_t byte = rec.op == zisk::Op::kAnd  ? z
                                 : rec.op == zisk::Op::kOr ? x + y - z
                                                           : x + y - 2 * z;
      std::uint64_t c = zisk::apply_pure(rec.op, rec.a, rec.b)->c;
      c = (c & ~(0xffull << (8 * j))) + (byte << (8 * j));
      tuple[5] = Fe::from_u64(c & 0xffffffff);
      tuple[6] = Fe::from_u64(c >> 32);
    } else {
      // The same a with byte j carried into byte j + 1 (x_j + 256, x_{j+1} - 1).
      if (r.x[j + 1].is_zero()) continue;
      r.x[j] += Fe::from_u64(256);
      r.x[j + 1] -= Fe::one();
    }
    const stark::DirectTerm assume{kOperationBus, tuple, -Fe::one()};
    EXPECT_FALSE(testing::cheater_accepted(*air, w.trace, std::span(&assume, 1), tables))
        << zisk::op_name(rec.op) << " trial " << trial;
  }
}

TEST(BinaryTest, StarkProofVerifiesAndTamperedWitnessFails) {
  auto params = stark::make_params({.security_bits = 100,
                                    .log_blowup = 1,
                                    .grinding_bits = 4,
                                    .log_fold = 3,
                                    .log_final_degree = 3});
  ASSERT_TRUE(params.is_ok());
  std::vector<stark::AirPtr> airs = {binary_air(), binary_signed_air(), binary_logic_air(),
                                     binary_table_air(), stark::make_air<Range16TableAir>()};
  const stark::FixedSpec fixed[] = {{.air_id = 3, .log_height = kBinaryTableLogHeight},
                                    {.air_id = 4, .log_height = kTableLogHeight}};
  auto pk = stark::setup(airs, *params, fixed);
  ASSERT_TRUE(pk.is_ok()) << pk.status().message();
  std::mt19937_64 rng(6);
  auto pick = [&](Which w, std::size_t per_op, std::uint64_t seed, std::size_t n) {
    auto v = records_for(machine(w).ops, per_op, seed);
    std::shuffle(v.begin(), v.end(), rng);
    v.resize(n);
    return v;
  };
  const auto arith = pick(Which::kBinary, 4, 0xb23, 60);
  const auto sgn = pick(Which::kSigned, 4, 0xb24, 30);
  const auto logic = pick(Which::kLogic, 8, 0xb25, 60);
  TableCounts r16(kTableRows), tab(kTableRows);
  const auto arith_trace = binary_trace(arith, 5, r16);
  const auto signed_trace = binary_signed_trace(sgn, 5, r16);
  const auto logic_trace = binary_logic_trace(logic, 5, tab);
  auto direct = testing::main_assumes(arith);
  for (const auto* v : {&sgn, &logic}) {
    for (auto& d : testing::main_assumes(*v)) direct.push_back(d);
  }
  auto spec = [](std::uint32_t air, unsigned log_h, poly::RowMajorMatrix t) {
    return stark::InstanceSpec{.air_id = air,
                               .log_height = log_h,
                               .instance_values = {},
                               .witness = [t]() -> Result<poly::RowMajorMatrix> { return t; }};
  };
  auto specs = [&](std::vector<poly::RowMajorMatrix> t) {
    return std::vector<stark::InstanceSpec>{spec(0, 5, t[0]), spec(1, 5, t[1]), spec(2, 5, t[2]),
                                            spec(3, 16, t[3]), spec(4, 16, table_mult_trace(r16))};
  };
  const std::vector<poly::RowMajorMatrix> honest = {arith_trace, signed_trace, logic_trace,
                                                    binary_table_trace(tab)};
  auto proof = stark::prove(*pk, {}, specs(honest), {.direct_terms = &direct});
  ASSERT_TRUE(proof.is_ok()) << proof.status().message();
  EXPECT_TRUE(stark::verify(pk->vk, airs, *proof, direct, {.min_security_bits = 100}).is_ok());
  // Each AIR of the machine with one result cell changed (BinaryLogic: an and-byte, which the
  // table no longer backs), and the BinaryTable with one lookup moved to the next entry, forced
  // through the prover: the verifier refuses every one.
  for (std::size_t k = 0; k < honest.size(); ++k) {
    std::vector<poly::RowMajorMatrix> bad = honest;
    if (k == 0) slot_of<BinarySlot<Fe>>(bad[0], 9).c[0] += Fe::one();
    if (k == 1) slot_of<BinarySignedCols<Fe>>(bad[1], 4).c[1] += Fe::one();
    if (k == 2) slot_of<BinaryLogicSlot<Fe>>(bad[2], 6).z[2] += Fe::one();
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
