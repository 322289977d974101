// Arith through the real prover and verifier: an Arith instance, the Range16 table and the
// chunk table, with Main's assumes as direct terms, prove and verify; a witness with a wrong
// quotient (internally consistent, only the remainder bound broken), a wrong result whose
// constraints all hold (only a range lookup is out of its table), a chunk-table multiplicity
// moved to the next entry and a statement that asks for a different result are all rejected by
// the verifier, not only by the row checker.
#include <gtest/gtest.h>

#include <cstdio>
#include <random>
#include <vector>

#include "sm/arith/arith.h"
#include "sm/tables/tables_air.h"
#include "stark/prover.h"
#include "stark/row_checker.h"
#include "stark/verifier.h"

namespace ziskc::sm {
namespace {

using zisk::Op;

stark::StarkParams test_params() {
  auto p = stark::make_params({.security_bits = 128,
                               .log_blowup = 1,
                               .grinding_bits = 8,
                               .log_fold = 2,
                               .log_final_degree = 2});
  ZISKC_CHECK(p.is_ok(), "params");
  return *p;
}

stark::DirectTerm main_assume(const OpRecord& r) {
  const auto out = zisk::apply_pure(r.op, r.a, r.b);
  const auto fe = [](std::uint64_t v) { return Fe::from_u64(v); };
  return {.bus = kOperationBus,
          .tuple = {fe(static_cast<std::uint64_t>(r.op)), fe(r.a & 0xFFFF'FFFF), fe(r.a >> 32),
                    fe(r.b & 0xFFFF'FFFF), fe(r.b >> 32), fe(out->c & 0xFFFF'FFFF),
                    fe(out->c >> 32), fe(out->flag)},
          .multiplicity = -Fe::one()};
}

stark::InstanceSpec spec_of(std::uint32_t air, poly::RowMajorMatrix t) {
  const auto log_h = static_cast<std::uint32_t>(std::countr_zero(t.rows));
  return {air, log_h, {}, [t = std::move(t)]() -> Result<poly::RowMajorMatrix> { return t; }};
}

struct Fixture {
  std::vector<stark::AirPtr> airs = {
      stark::make_air<ArithAir>(), stark::make_air<Range16TableAir>(),
      stark::make_air<BytePairTableAir>(), stark::make_air<ArithChunkTableAir>()};
  stark::ProvingKey pk;
  std::vector<OpRecord> recs;
  std::vector<stark::DirectTerm> main;
};

constexpr std::size_t kDivuRow = kArithOps.size() * 8, kMuluRow = kDivuRow + 1;

Fixture make_fixture() {
  Fixture f;
  const std::vector<stark::FixedSpec> fixed = {
      {1, kTableLogHeight}, {2, kTableLogHeight}, {3, kArithChunkTableLogHeight}};
  auto pk = stark::setup(f.airs, test_params(), fixed);
  ZISKC_CHECK(pk.is_ok(), "setup");
  f.pk = std::move(pk).value();
  std::mt19937_64 rng(2024);
  for (Op op : kArithOps) {
    for (int i = 0; i < 8; ++i) {
      std::uint64_t a = rng() >> (rng() % 64), b = rng() >> (rng() % 64);
      if (i == 0) b = 0;                                    // division by zero
      if (i == 1) a = 0x8000'0000'0000'0000ull, b = ~0ull;  // overflow
      if (i == 2) a = ~0ull - (rng() % 100);                // negative
      if (zisk::is_m32(op)) {
        a &= 0xFFFF'FFFFull;
        b &= 0xFFFF'FFFFull;
        if (i == 1) a = 0x8000'0000ull;
      }
      f.recs.push_back({.op = op, .a = a, .b = b});
    }
  }
  f.recs.push_back({.op = Op::kDivu, .a = 100, .b = 7});                        // kDivuRow
  f.recs.push_back({.op = Op::kMulu, .a = 0x1234'5678'9ABC'DEF0ull, .b = 77});  // kMuluRow
  for (const auto& r : f.recs) f.main.push_back(main_assume(r));
  return f;
}

// Specs for an Arith trace plus the two tables with the multiplicities its lookups need.
struct Counts {
  TableCounts r16{kTableRows}, bp{kTableRows}, chunks{kArithChunkTableRows};
};

std::vector<stark::InstanceSpec> specs_for(const poly::RowMajorMatrix& arith_trace_m,
                                           const Counts& c) {
  std::vector<stark::InstanceSpec> specs;
  specs.push_back(spec_of(0, arith_trace_m));
  specs.push_back(spec_of(1, table_mult_trace(c.r16)));
  specs.push_back(spec_of(2, table_mult_trace(c.bp)));
  specs.push_back(spec_of(3, arith_chunk_table_trace(c.chunks)));
  return specs;
}

// Table counts recomputed from a trace's own lookups (what a cheating prover would commit).
void recount(const poly::RowMajorMatrix& t, Counts& c) {
  stark::BusDebugger dbg;
  const auto air = stark::make_air<ArithAir>();
  ZISKC_CHECK(dbg.add_instance(*air, 0, t, nullptr, {}, {}).is_ok(), "shape");
  for (const auto& m : dbg.unbalanced()) {
    const std::uint64_t n = (-m.net).value();
    if (m.bus == kRange16Bus && m.tuple[0].value() < kTableRows) {
      c.r16.add(m.tuple[0].value(), n);
    } else if (m.bus == kBytePairBus && m.tuple[0].value() < 256 && m.tuple[1].value() < 256) {
      c.bp.add(byte_pair_row(m.tuple[0].value(), m.tuple[1].value()), n);
    } else if (m.bus == kArithTableBus && m.tuple[0].value() < 0x10000 &&
               (m.tuple[1].value() == kChunkAny ||
                m.tuple[1].value() == m.tuple[0].value() >> 15)) {
      c.chunks.add(arith_chunk_row(m.tuple[0].value(), m.tuple[1].value()), n);
    }
  }
}

TEST(ArithProveTest, ProveVerifyAndTamperedWitnesses) {
  Fixture f = make_fixture();
  const unsigned log_h = 7;
  ASSERT_LE(f.recs.size(), std::size_t{1} << log_h);
  Counts counts;
  const auto trace = arith_trace(f.recs, log_h, counts.r16, counts.bp, counts.chunks);

  // Honest: proves and verifies.
  auto proof = stark::prove(f.pk, {}, specs_for(trace, counts), {.direct_terms = &f.main});
  ASSERT_TRUE(proof.is_ok()) << proof.status().message();
  EXPECT_TRUE(stark::verify(f.pk.vk, f.airs, *proof, f.main).ok());

  // The statement asks for a different result of one op: the buses do not balance.
  {
    auto wrong = f.main;
    wrong[5].tuple[5] = wrong[5].tuple[5] + Fe::one();
    const Status st = stark::verify(f.pk.vk, f.airs, *proof, wrong);
    EXPECT_EQ(st.code(), ErrorCode::kVerifyFailed);
    EXPECT_NE(st.message().find("bus balance"), std::string::npos) << st.message();
  }

  // A wrong quotient with a consistent remainder (q + 1, r - b) for divu 100 / 7: the
  // product identity holds, the remainder bound does not. The cheater commits the row and
  // table counts for its own lookups; the verifier rejects the proof.
  {
    ArithCore c = arith_core(Op::kDivu, 100, 7);
    c.x[0] += 1;                    // q = 15
    const std::uint64_t r = 2 - 7;  // r = 2 - 7 mod 2^64
    for (int i = 0; i < 4; ++i) c.w[i] = (r >> (16 * i)) & 0xFFFF;
    auto t = trace;
    arith_fill_row(c, t.row(kDivuRow));
    auto cheat_main = f.main;
    cheat_main[kDivuRow].tuple[5] = Fe::from_u64(15);  // Main "asks" for 15
    Counts c2;
    recount(t, c2);
    auto bad = stark::prove(f.pk, {}, specs_for(t, c2), {.unchecked_for_tests = true});
    ASSERT_TRUE(bad.is_ok()) << bad.status().message();
    EXPECT_EQ(stark::verify(f.pk.vk, f.airs, *bad, cheat_main).code(), ErrorCode::kVerifyFailed);
  }

  // A wrong mulu result whose row satisfies every constraint over the field (carry re-solved
  // in the field): only the out-of-table carry can stop it, and the bus balance does.
  {
    auto t = trace;
    const std::size_t row = kMuluRow;
    ASSERT_EQ(f.recs[row].op, Op::kMulu);
    const auto col = [](std::size_t offset) { return offset / sizeof(Fe); };
    const std::size_t w0 = col(offsetof(ArithCols<Fe>, w)), z0 = col(offsetof(ArithCols<Fe>, z));
    const std::size_t lo = col(offsetof(ArithCols<Fe>, carry_lo));
    t.at(row, w0) = t.at(row, w0) + Fe::one();
    const auto air = stark::make_air<ArithAir>();
    const Fe inv32 = Fe::from_u64(std::uint64_t{1} << 32).inverse();
    for (int step = 0; step < 4; ++step) {
      auto fail = stark::find_constraint_failure(*air, 0, t, nullptr, {}, {});
      ASSERT_TRUE(fail.is_ok());
      if (!fail->has_value()) break;
      const auto& fl = **fail;
      if (fl.constraint == "arith.pos0") {
        t.at(row, lo) = t.at(row, lo) + fl.value * inv32;
      } else if (fl.constraint == "arith.pos1") {
        t.at(row, lo + 1) = t.at(row, lo + 1) + fl.value * inv32;
      } else {
        ASSERT_EQ(fl.constraint, "arith.pos2");
        t.at(row, z0) = t.at(row, z0) + fl.value;
      }
    }
    ASSERT_TRUE(stark::check_constraints(*air, 0, t, nullptr, {}, {}).ok());
    auto cheat_main = f.main;
    cheat_main[row].tuple[5] = cheat_main[row].tuple[5] + Fe::one();
    Counts c2;
    recount(t, c2);
    auto bad = stark::prove(f.pk, {}, specs_for(t, c2), {.unchecked_for_tests = true});
    ASSERT_TRUE(bad.is_ok()) << bad.status().message();
    const Status st = stark::verify(f.pk.vk, f.airs, *bad, cheat_main);
    EXPECT_EQ(st.code(), ErrorCode::kVerifyFailed);
    EXPECT_NE(st.message().find("bus balance"), std::string::npos) << st.message();
  }

  // The honest Arith trace with one chunk-table lookup moved to the next entry (the table's
  // total is unchanged): the verifier rejects it.
  {
    Counts c2 = counts;
    std::size_t r = 0;
    while (c2.chunks.get(r) == 0) ++r;
    c2.chunks.add(r + 1, 1);
    auto specs = specs_for(trace, c2);
    poly::RowMajorMatrix table = arith_chunk_table_trace(c2.chunks);
    table.at(r, 0) -= Fe::one();
    specs[3] = spec_of(3, table);
    auto bad = stark::prove(f.pk, {}, specs, {.unchecked_for_tests = true});
    ASSERT_TRUE(bad.is_ok()) << bad.status().message();
    EXPECT_EQ(stark::verify(f.pk.vk, f.airs, *bad, f.main).code(), ErrorCode::kVerifyFailed);
  }
}

}  // namespace
}  // namespace ziskc::sm
