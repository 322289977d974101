// Binary (BinaryAir, BinaryLogicAir, BinaryTable): honest traces of edge, near-equal and random
// operands for every op pass the row checker and balance every bus (Main's assumes from
// zisk::apply, Range16, the BinaryTable); every mutated cell and the cheater's best wrong rows
// (a flipped comparison re-solved through the borrow, a flipped sign bit, a false equality, a
// wrong byte split or AND byte) are rejected; a full STARK proof verifies and a tampered witness
// does not.
#include "sm/binary/binary.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "sm/binary_add/op_testing.h"
#include "stark/keys.h"
#include "stark/prover.h"
#include "stark/verifier.h"

namespace ziskc::sm {
namespace {

using testing::range16_fixture;
using testing::TableFixture;

const TableFixture& binary_table_fixture() {
  static const TableFixture t = TableFixture::make(binary_table_air(), kBinaryTableLogHeight);
  return t;
}

std::vector<zisk::Op> arith_ops() {
  std::vector<zisk::Op> out;
  for (const auto& info : zisk::op_table()) {
    if (binary_proves(info.op)) out.push_back(info.op);
  }
  return out;
}
const std::vector<zisk::Op> kLogicOps = {zisk::Op::kAnd, zisk::Op::kOr, zisk::Op::kXor};

unsigned log_for(std::size_t n) {
  unsigned k = 4;
  while ((std::size_t{1} << k) < n + 1) ++k;
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

struct Built {
  poly::RowMajorMatrix trace;
  std::unique_ptr<TableCounts> counts;
};
Built build(std::span<const OpRecord> records, unsigned log_height) {
  auto c = std::make_unique<TableCounts>(kTableRows);
  auto t = binary_trace(records, log_height, *c);
  return {std::move(t), std::move(c)};
}
Built build_logic(std::span<const OpRecord> records, unsigned log_height) {
  auto c = std::make_unique<TableCounts>(kTableRows);
  auto t = binary_logic_trace(records, log_height, *c);
  return {std::move(t), std::move(c)};
}

TEST(BinaryTest, ProvesExactlyTheBinaryOps) {
  std::size_t arith = 0, logic = 0;
  for (const auto& info : zisk::op_table()) {
    EXPECT_EQ(binary_machine_proves(info.op), info.machine == zisk::Machine::kBinary) << info.name;
    EXPECT_FALSE(binary_proves(info.op) && binary_logic_proves(info.op)) << info.name;
    arith += binary_proves(info.op);
    logic += binary_logic_proves(info.op);
  }
  EXPECT_EQ(arith, 21u);
  EXPECT_EQ(logic, 3u);
  EXPECT_EQ(kBinaryWidth, 28u);
  EXPECT_EQ(kBinaryLogicWidth, 27u);
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

TEST(BinaryTest, HonestArithTracesBalanceAndMatchApply) {
  const std::uint64_t seed = 0xb1a;
  SCOPED_TRACE(::testing::Message() << "seed " << seed);
  const auto ops = arith_ops();
  const auto records = records_for(ops, 800, seed);
  Built b = build(records, log_for(records.size()));
  for (std::size_t i = 0; i < records.size(); ++i) {
    const auto& r = *reinterpret_cast<const BinaryCols<Fe>*>(b.trace.row(i).data());
    const auto out = zisk::apply_pure(records[i].op, records[i].a, records[i].b);
    ASSERT_EQ(r.c[0].value() | (r.c[1].value() << 32), out->c)
        << zisk::op_name(records[i].op) << " a=" << records[i].a << " b=" << records[i].b;
  }
  const auto assumes = testing::main_assumes(records);
  const testing::TableUse tables[] = {{&range16_fixture(), b.counts.get()}};
  testing::expect_honest_balanced(*binary_air(), b.trace, assumes, tables);
}

TEST(BinaryTest, HonestLogicTracesBalanceAndMatchApply) {
  const std::uint64_t seed = 0xb1b;
  SCOPED_TRACE(::testing::Message() << "seed " << seed);
  const auto records = records_for(kLogicOps, 3000, seed);
  Built b = build_logic(records, log_for(records.size()));
  const auto assumes = testing::main_assumes(records);
  const testing::TableUse tables[] = {{&binary_table_fixture(), b.counts.get()}};
  testing::expect_honest_balanced(*binary_logic_air(), b.trace, assumes, tables);
}

TEST(BinaryTest, ParallelBuildersMatchSerialCounts) {
  std::mt19937_64 rng(4);
  const auto ops = arith_ops();
  std::vector<OpRecord> arith, logic;
  for (int i = 0; i < (1 << 15); ++i) {
    arith.push_back(testing::op_record(ops[rng() % ops.size()], testing::random_operand(rng),
                                       testing::random_operand(rng)));
    logic.push_back(testing::op_record(kLogicOps[rng() % 3], rng(), rng()));
  }
  Built big = build(arith, 15);
  Built bigl = build_logic(logic, 15);
  TableCounts r16(kTableRows), tab(kTableRows);
  poly::RowMajorMatrix parts[8];
  for (std::size_t k = 0; k < 8; ++k) {
    parts[k] = binary_trace(std::span(arith).subspan(k * 4096, 4096), 12, r16);
    binary_logic_trace(std::span(logic).subspan(k * 4096, 4096), 12, tab);
  }
  EXPECT_EQ(big.counts->counts(), r16.counts());
  EXPECT_EQ(bigl.counts->counts(), tab.counts());
  // The batched eq inverses of the big chunk equal the small chunks' ones.
  for (std::size_t k = 0; k < 8; ++k) {
    for (std::size_t i = 0; i < 4096; i += 97) {
      ASSERT_TRUE(std::equal(parts[k].row(i).begin(), parts[k].row(i).end(),
                             big.trace.row(k * 4096 + i).begin()));
    }
  }
}

TEST(BinaryTest, EveryMutatedArithCellIsRejected) {
  auto records = records_for(arith_ops(), 8, 0xb1c);
  std::mt19937_64 rng(13);
  std::shuffle(records.begin(), records.end(), rng);
  records.resize(200);
  Built b = build(records, 8);
  const auto assumes = testing::main_assumes(records);
  const TableFixture* tables[] = {&range16_fixture()};
  testing::expect_mutations_rejected(*binary_air(), b.trace, records.size(), assumes, tables,
                                     0xb1d);
  // Every op once as the mutated row 0 (each kind's equations).
  for (zisk::Op op : arith_ops()) {
    const OpRecord one[] = {
        testing::op_record(op, testing::random_operand(rng), testing::random_operand(rng))};
    Built w = build(one, 4);
    const auto as = testing::main_assumes(one);
    testing::expect_mutations_rejected(*binary_air(), w.trace, 1, as, tables, rng());
  }
}

TEST(BinaryTest, EveryMutatedLogicCellIsRejected) {
  auto records = records_for(kLogicOps, 30, 0xb1e);
  std::mt19937_64 rng(14);
  std::shuffle(records.begin(), records.end(), rng);
  records.resize(100);
  Built b = build_logic(records, 7);
  const auto assumes = testing::main_assumes(records);
  const TableFixture* tables[] = {&binary_table_fixture()};
  testing::expect_mutations_rejected(*binary_logic_air(), b.trace, records.size(), assumes, tables,
                                     0xb1f);
}

// Recomputes the columns that the constraints determine from the "primary" ones (d, br0, the
// sign bits and flags): lt, ssel and the result, as a cheater re-solving a row would.
void resolve(BinaryCols<Fe>& r) {
  const Fe two16 = Fe::from_u64(1 << 16), ones = Fe::from_u64(0xffffffff);
  const Fe d_lo = r.d[0] + two16 * r.d[1], d_hi = r.d[2] + two16 * r.d[3];
  const Fe br1 = (d_hi - r.a[1] + r.b[1] + r.br0) * Fe::from_u64(1ull << 32).inverse();
  const Fe dz = d_lo + d_hi;
  if (!r.keq.is_zero()) {
    r.c[0] = dz.is_zero() ? Fe::one() : Fe::zero();
    r.lt = dz.is_zero() ? Fe::zero() : dz.inverse();
    r.c[1] = Fe::zero();
  } else {
    r.lt = br1 + r.sg * (r.sa - r.sb);
  }
  r.ssel = r.sb + r.lt * (r.sa - r.sb);
  if (!r.klt.is_zero() || !r.kle.is_zero()) {
    r.c[0] = r.lt;
    r.c[1] = Fe::zero();
  } else if (!r.ksub.is_zero() || !r.kadd.is_zero()) {
    r.c[0] = d_lo;
    r.c[1] = (r.m32.is_zero() && r.kadd.is_zero()) ? d_hi : ones * r.sa;
  } else if (!r.kmin.is_zero()) {
    r.c[0] = r.b[0] + r.lt * (r.a[0] - r.b[0]);
    r.c[1] = r.b[1] + r.lt * (r.a[1] - r.b[1]) + r.m32 * ones * r.ssel;
  } else if (!r.kmax.is_zero()) {
    r.c[0] = r.a[0] + r.lt * (r.b[0] - r.a[0]);
    r.c[1] = r.a[1] + r.lt * (r.b[1] - r.a[1]) + r.m32 * ones * (r.sa + r.sb - r.ssel);
  }
}

// The cheater's best rows for a wrong result, each claimed against Main's assume of that result:
// the borrow br1 flipped by moving D_hi by 2^32 (its top chunk by 2^16), a flipped sign bit
// (its decomposition kept), or D_lo moved by one with the low borrow re-solved; everything the
// constraints determine is then re-solved.
TEST(BinaryTest, ConsistentWrongArithResultsAreRejected) {
  const auto air = binary_air();
  const TableFixture* tables[] = {&range16_fixture()};
  std::mt19937_64 rng(0xb20);
  const Fe two16 = Fe::from_u64(1 << 16);
  std::size_t checked = 0;
  for (zisk::Op op : arith_ops()) {
    for (int trial = 0; trial < 40; ++trial) {
      const std::uint64_t a = testing::random_operand(rng);
      const std::uint64_t b = trial % 3 == 0 ? a : testing::random_operand(rng);
      const OpRecord rec = testing::op_record(op, a, b);
      for (int cheat = 0; cheat < 3; ++cheat) {
        Built w = build(std::span(&rec, 1), 4);
        auto& r = *reinterpret_cast<BinaryCols<Fe>*>(w.trace.row(0).data());
        if (cheat == 0) {
          r.d[3] += r.d[3].value() >= (1u << 15) ? -two16 : two16;
        } else if (cheat == 1) {
          r.sa = Fe::one() - r.sa;
        } else {
          r.d[0] += Fe::one();
          if (r.d[0].value() == (1u << 16)) {
            r.d[0] = Fe::zero();
            r.d[1] += Fe::one();
          }
        }
        resolve(r);
        const bool flagged = !(r.klt.is_zero() && r.kle.is_zero() && r.keq.is_zero());
        auto tuple = testing::op_tuple(rec);
        tuple[5] = r.c[0];
        tuple[6] = r.c[1];
        tuple[7] = flagged ? r.c[0] : Fe::zero();
        if (tuple == testing::op_tuple(rec)) continue;  // not a wrong claim
        ++checked;
        const stark::DirectTerm assume{kOperationBus, tuple, -Fe::one()};
        EXPECT_FALSE(testing::cheater_accepted(*air, w.trace, std::span(&assume, 1), tables))
            << zisk::op_name(op) << " a=" << a << " b=" << b << " cheat " << cheat;
      }
    }
  }
  EXPECT_GT(checked, 21u * 40u);
}

TEST(BinaryTest, ConsistentWrongLogicResultsAreRejected) {
  const auto air = binary_logic_air();
  const TableFixture* tables[] = {&binary_table_fixture()};
  std::mt19937_64 rng(0xb21);
  for (int trial = 0; trial < 300; ++trial) {
    const OpRecord rec = testing::op_record(kLogicOps[trial % 3], rng(), rng());
    Built w = build_logic(std::span(&rec, 1), 4);
    auto& r = *reinterpret_cast<BinaryLogicCols<Fe>*>(w.trace.row(0).data());
    const int j = static_cast<int>(rng() % 7);
    auto tuple = testing::op_tuple(rec);
    if (trial % 2 == 0) {
      // A wrong AND byte, with the claimed result recomputed from it.
      r.z[j] = Fe::from_u64(r.z[j].value() ^ 1);
      const std::uint64_t x = r.x[j].value(), y = r.y[j].value(), z = r.z[j].value();
      const std::uint64_t byte = trial % 3 == 0 ? z : trial % 3 == 1 ? x + y - z : x + y - 2 * z;
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
  std::vector<stark::AirPtr> airs = {binary_air(), binary_logic_air(), binary_table_air(),
                                     stark::make_air<Range16TableAir>()};
  const stark::FixedSpec fixed[] = {{.air_id = 2, .log_height = kBinaryTableLogHeight},
                                    {.air_id = 3, .log_height = kTableLogHeight}};
  auto pk = stark::setup(airs, *params, fixed);
  ASSERT_TRUE(pk.is_ok()) << pk.status().message();
  std::mt19937_64 rng(6);
  auto arith = records_for(arith_ops(), 2, 0xb22);
  std::shuffle(arith.begin(), arith.end(), rng);
  arith.resize(60);
  auto logic = records_for(kLogicOps, 4, 0xb23);
  std::shuffle(logic.begin(), logic.end(), rng);
  logic.resize(30);
  TableCounts r16(kTableRows), tab(kTableRows);
  const auto arith_trace = binary_trace(arith, 6, r16);
  const auto logic_trace = binary_logic_trace(logic, 5, tab);
  auto direct = testing::main_assumes(arith);
  for (auto& d : testing::main_assumes(logic)) direct.push_back(d);
  auto spec = [](std::uint32_t air, unsigned log_h, poly::RowMajorMatrix t) {
    return stark::InstanceSpec{.air_id = air,
                               .log_height = log_h,
                               .instance_values = {},
                               .witness = [t]() -> Result<poly::RowMajorMatrix> { return t; }};
  };
  auto specs = [&](poly::RowMajorMatrix logic_t) {
    return std::vector<stark::InstanceSpec>{spec(0, 6, arith_trace), spec(1, 5, std::move(logic_t)),
                                            spec(2, 16, binary_table_trace(tab)),
                                            spec(3, 16, table_mult_trace(r16))};
  };
  auto proof = stark::prove(*pk, {}, specs(logic_trace), {.direct_terms = &direct});
  ASSERT_TRUE(proof.is_ok()) << proof.status().message();
  EXPECT_TRUE(stark::verify(pk->vk, airs, *proof, direct, {.min_security_bits = 100}).is_ok());
  poly::RowMajorMatrix bad = logic_trace;
  bad.at(3, 16) += Fe::one();  // z_0 of row 3: the AND byte
  auto forged = stark::prove(*pk, {}, specs(bad), {.unchecked_for_tests = true});
  ASSERT_TRUE(forged.is_ok()) << forged.status().message();
  EXPECT_EQ(stark::verify(pk->vk, airs, *forged, direct, {.min_security_bits = 100}).code(),
            ErrorCode::kVerifyFailed);
}

}  // namespace
}  // namespace ziskc::sm
