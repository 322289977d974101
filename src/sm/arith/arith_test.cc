// Arith tests: the AIR's shape (degree <= 3, logUp layout), honest traces on edge and random
// operands pass the row checker and balance every bus against Main's assumes (direct terms)
// and the two tables, the proved results equal zisk::apply<op>, and soundness: every mutated
// cell, every internally consistent wrong result and every padding row either breaks a
// constraint or leaves a message no honest party would balance (a range lookup outside its
// table, or an operation whose c differs from apply<op>).
#include "sm/arith/arith.h"

#include <gmp.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <map>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "sm/tables/tables_air.h"
#include "stark/row_checker.h"
#include "stark/shape.h"

namespace ziskc::sm {
namespace {

using zisk::Op;

constexpr std::uint64_t kMin64 = 0x8000'0000'0000'0000ull;

// Edge operands: 0, +-1, +-2, the 32- and 64-bit boundaries and their neighbours.
std::vector<std::uint64_t> edge_values() {
  std::vector<std::uint64_t> v = {0,
                                  1,
                                  2,
                                  3,
                                  7,
                                  ~0ull,
                                  ~0ull - 1,
                                  kMin64,
                                  kMin64 + 1,
                                  kMin64 - 1,
                                  0x7FFF'FFFFull,
                                  0x8000'0000ull,
                                  0x8000'0001ull,
                                  0xFFFF'FFFFull,
                                  0xFFFF'FFFEull,
                                  0x1'0000'0000ull,
                                  0x1'0000'0001ull,
                                  0xFFFF'FFFF'0000'0000ull,
                                  0xFFFF'FFFF'8000'0000ull,
                                  0xFFFF'FFFF'7FFF'FFFFull,
                                  0x0000'FFFF'0000'FFFFull,
                                  0xFFFF'0000'FFFF'0000ull,
                                  0x1234'5678'9ABC'DEF0ull,
                                  0xFFFFull,
                                  0x10000ull};
  return v;
}

// Operands as Main sends them: 32-bit ops see only the low halves.
OpRecord record(Op op, std::uint64_t a, std::uint64_t b) {
  if (zisk::is_m32(op)) {
    a &= 0xFFFF'FFFFull;
    b &= 0xFFFF'FFFFull;
  }
  return {.op = op, .a = a, .b = b};
}

std::vector<OpRecord> edge_records() {
  std::vector<OpRecord> recs;
  const auto edges = edge_values();
  for (Op op : kArithOps)
    for (std::uint64_t a : edges)
      for (std::uint64_t b : edges) recs.push_back(record(op, a, b));
  return recs;
}

std::vector<OpRecord> random_records(std::uint64_t seed, std::size_t n) {
  std::mt19937_64 rng(seed);
  std::vector<OpRecord> recs;
  const auto edges = edge_values();
  for (std::size_t i = 0; i < n; ++i) {
    const Op op = kArithOps[rng() % kArithOps.size()];
    // Mix full-width, small and edge-adjacent operands so every carry and sign path is hit.
    auto pick = [&]() -> std::uint64_t {
      switch (rng() % 5) {
        case 0:
          return rng();
        case 1:
          return rng() >> (rng() % 64);
        case 2:
          return edges[rng() % edges.size()] + (rng() % 5) - 2;
        case 3:
          return ~(rng() >> (rng() % 64));
        default:
          return static_cast<std::uint64_t>(-static_cast<std::int64_t>(rng() % 1000));
      }
    };
    recs.push_back(record(op, pick(), pick()));
  }
  return recs;
}

unsigned log_height_for(std::size_t n) {
  unsigned k = 4;
  while ((std::size_t{1} << k) < n) ++k;
  return k;
}

stark::DirectTerm main_assume(const OpRecord& r) {
  const auto out = zisk::apply_pure(r.op, r.a, r.b);
  ZISKC_CHECK(out.has_value(), "pure op");
  const auto fe = [](std::uint64_t v) { return Fe::from_u64(v); };
  return {.bus = kOperationBus,
          .tuple = {fe(static_cast<std::uint64_t>(r.op)), fe(r.a & 0xFFFF'FFFF), fe(r.a >> 32),
                    fe(r.b & 0xFFFF'FFFF), fe(r.b >> 32), fe(out->c & 0xFFFF'FFFF),
                    fe(out->c >> 32), fe(out->flag)},
          .multiplicity = -Fe::one()};
}

// A violation of the statement among the messages of an Arith instance that satisfies its
// constraints: a Range16 value >= 2^16, a chunk-table tuple not in the table, or an operation
// whose result is not apply<op>. nullopt when every message is one an honest party balances.
std::optional<std::string> unsound_message(const poly::RowMajorMatrix& trace) {
  stark::BusDebugger dbg;
  const auto air = stark::make_air<ArithAir>();
  ZISKC_CHECK(dbg.add_instance(*air, 0, trace, nullptr, {}, {}).is_ok(), "shape");
  // Lookups first: a wrong operation result can only appear together with a chunk or carry
  // that no table row matches, and that is what stops it.
  auto msgs = dbg.unbalanced();
  std::stable_partition(msgs.begin(), msgs.end(),
                        [](const auto& m) { return m.bus != kOperationBus; });
  for (const auto& m : msgs) {
    const auto& t = m.tuple;
    if (m.bus == kRange16Bus) {
      if (t.size() != 1 || t[0].value() >= 0x10000)
        return "range16 value " + stark::signed_fe(t[0]);
    } else if (m.bus == kBytePairBus) {
      if (t.size() != 2 || t[0].value() > 0xFF || t[1].value() > 0xFF)
        return "byte pair (" + stark::signed_fe(t[0]) + ", " + stark::signed_fe(t[1]) + ")";
    } else if (m.bus == kArithTableBus) {
      const std::uint64_t v = t[0].value(), kind = t[1].value();
      if (v >= 0x10000 || !(kind == kChunkAny || kind == (v >> 15)))
        return "chunk table (" + stark::signed_fe(t[0]) + ", " + stark::signed_fe(t[1]) + ")";
    } else if (m.bus == kOperationBus) {
      for (std::size_t i = 1; i < 8; ++i)
        if (t[i].value() > 0xFFFF'FFFFull) return "non-canonical limb in an operation";
      const auto op = zisk::find_op(static_cast<std::uint8_t>(t[0].value()));
      if (t[0].value() > 0xFF || !op || !arith_proves(*op)) return "operation with a bad op";
      const std::uint64_t a = t[1].value() | t[2].value() << 32;
      const std::uint64_t b = t[3].value() | t[4].value() << 32;
      const std::uint64_t c = t[5].value() | t[6].value() << 32;
      const auto out = zisk::apply_pure(*op, a, b);
      if (out->c != c || Fe::from_u64(out->flag) != t[7])
        return std::string("wrong result of ") + zisk::op_name(*op);
    } else {
      return "message on bus " + std::to_string(m.bus);
    }
  }
  return std::nullopt;
}

// The operation messages of a trace (tuple -> net multiplicity).
std::map<std::vector<std::uint64_t>, std::uint64_t> operations(const poly::RowMajorMatrix& trace) {
  stark::BusDebugger dbg;
  const auto air = stark::make_air<ArithAir>();
  ZISKC_CHECK(dbg.add_instance(*air, 0, trace, nullptr, {}, {}).is_ok(), "shape");
  std::map<std::vector<std::uint64_t>, std::uint64_t> out;
  for (const auto& m : dbg.unbalanced()) {
    if (m.bus != kOperationBus) continue;
    std::vector<std::uint64_t> v;
    for (Fe e : m.tuple) v.push_back(e.value());
    out[v] = m.net.value();
  }
  return out;
}

// The RISC-V M-extension results (ISA manual, chapter "M": multiplication, and the table of
// division by zero and overflow) with ZisK's flag (set exactly on those two cases), computed
// with GMP integers, independently of zisk/ops.h.
zisk::OpOut gmp_reference(Op op, std::uint64_t a, std::uint64_t b) {
  mpz_t x, y, p, q, r;
  mpz_inits(x, y, p, q, r, nullptr);
  const bool w = zisk::is_m32(op);
  const unsigned bits = w ? 32 : 64;
  const auto set = [&](mpz_t v, std::uint64_t u, bool is_signed) {
    if (w) u &= 0xFFFF'FFFFull;
    if (is_signed && bits == 32) {
      mpz_set_si(v, static_cast<std::int32_t>(static_cast<std::uint32_t>(u)));
    } else if (is_signed) {
      mpz_set_si(v, static_cast<long>(static_cast<std::int64_t>(u)));
    } else {
      mpz_set_ui(v, u);
    }
  };
  // v mod 2^k as an unsigned k-bit value.
  const auto low = [&](const mpz_t v, unsigned k) {
    mpz_t t;
    mpz_init(t);
    mpz_fdiv_r_2exp(t, v, k);
    const std::uint64_t out = mpz_get_ui(t);
    mpz_clear(t);
    return out;
  };
  const auto sext32 = [](std::uint64_t v) {
    return static_cast<std::uint64_t>(static_cast<std::int64_t>(static_cast<std::int32_t>(v)));
  };
  const bool signed_a = op == Op::kMulsuh || op == Op::kMulh || op == Op::kDiv || op == Op::kRem ||
                        op == Op::kDivW || op == Op::kRemW;
  const bool signed_b = signed_a && op != Op::kMulsuh;
  set(x, a, signed_a);
  set(y, b, signed_b);
  zisk::OpOut out{0, false};
  if (op == Op::kMulu || op == Op::kMul || op == Op::kMuluh || op == Op::kMulsuh ||
      op == Op::kMulh || op == Op::kMulW) {
    mpz_mul(p, x, y);
    if (op == Op::kMulW) {
      out.c = sext32(low(p, 32));
    } else if (op == Op::kMulu || op == Op::kMul) {
      out.c = low(p, 64);
    } else {
      mpz_fdiv_q_2exp(q, p, 64);  // floor: the high half of the two's complement product
      out.c = low(q, 64);
    }
  } else {
    const bool rem = op == Op::kRemu || op == Op::kRem || op == Op::kRemuW || op == Op::kRemW;
    mpz_set_si(p, -1);
    mpz_mul_2exp(p, p, bits - 1);  // MIN of the width
    if (mpz_sgn(y) == 0) {
      mpz_set_si(q, -1);
      mpz_set(r, x);
      out.flag = true;
    } else if (signed_a && mpz_cmp(x, p) == 0 && mpz_cmp_si(y, -1) == 0) {
      mpz_set(q, p);
      mpz_set_ui(r, 0);
      out.flag = true;
    } else {
      mpz_tdiv_qr(q, r, x, y);  // truncating, as RISC-V
    }
    const std::uint64_t v = low(rem ? r : q, bits);
    out.c = w ? sext32(v) : v;
  }
  mpz_clears(x, y, p, q, r, nullptr);
  return out;
}

struct Built {
  poly::RowMajorMatrix trace;
  TableCounts range16{kTableRows};
  TableCounts byte_pair{kTableRows};
  TableCounts chunks{kArithChunkTableRows};
};

Built build(std::span<const OpRecord> recs, unsigned log_height) {
  Built b;
  b.trace = arith_trace(recs, log_height, b.range16, b.byte_pair, b.chunks);
  return b;
}

// Row checker + full bus balance (Arith, Range16, chunk table, Main's assumes).
void expect_honest(std::span<const OpRecord> recs, unsigned log_height) {
  Built b = build(recs, log_height);
  const auto arith = stark::make_air<ArithAir>();
  const Status st = stark::check_constraints(*arith, 0, b.trace, nullptr, {}, {});
  ASSERT_TRUE(st.ok()) << st.message();
  stark::BusDebugger dbg;
  ASSERT_TRUE(dbg.add_instance(*arith, 0, b.trace, nullptr, {}, {}).is_ok());
  const auto r16 = stark::make_air<Range16TableAir>();
  const auto r16_fixed = r16->fixed_columns(kTableLogHeight);
  ASSERT_TRUE(dbg.add_instance(*r16, 0, table_mult_trace(b.range16), &*r16_fixed, {}, {}).is_ok());
  const auto bp = stark::make_air<BytePairTableAir>();
  const auto bp_fixed = bp->fixed_columns(kTableLogHeight);
  ASSERT_TRUE(dbg.add_instance(*bp, 0, table_mult_trace(b.byte_pair), &*bp_fixed, {}, {}).is_ok());
  const auto ct = stark::make_air<ArithChunkTableAir>();
  const auto ct_fixed = ct->fixed_columns(kArithChunkTableLogHeight);
  ASSERT_TRUE(
      dbg.add_instance(*ct, 0, arith_chunk_table_trace(b.chunks), &*ct_fixed, {}, {}).is_ok());
  for (const auto& r : recs) dbg.add_direct(main_assume(r));
  EXPECT_TRUE(dbg.unbalanced().empty()) << dbg.report();
}

TEST(ArithAirTest, ShapeIsDegreeThreeWithPairedLookups) {
  const auto air = stark::make_air<ArithAir>();
  auto shape = stark::analyze_air(*air, 3);
  ASSERT_TRUE(shape.is_ok()) << shape.status().message();
  EXPECT_EQ(shape->max_degree, 3);
  EXPECT_EQ(air->info().num_main, 47u);
  // 22 lookups of degree-1 tuples pair into 11 helper columns; the operation (degree-2 tuple)
  // takes its own.
  EXPECT_EQ(shape->interactions.size(), 23u);
  EXPECT_EQ(shape->logup_columns.size(), 12u);
  std::printf("arith: %zu main columns, %zu stage-2 base columns, %zu constraints\n",
              air->info().num_main, shape->num_stage2_cols(), shape->constraints.size());
  auto table = stark::analyze_air(*stark::make_air<ArithChunkTableAir>(), 3);
  ASSERT_TRUE(table.is_ok()) << table.status().message();
}

TEST(ArithAirTest, ChunkTableFixedColumns) {
  auto fixed = ArithChunkTableAir{}.fixed_columns(kArithChunkTableLogHeight);
  ASSERT_TRUE(fixed.is_ok());
  for (std::uint64_t v = 0; v < 0x10000; ++v) {
    for (std::uint64_t kind : {v >> 15, kChunkAny}) {
      const std::size_t r = arith_chunk_row(v, kind);
      ASSERT_EQ(fixed->at(r, 0).value(), v);
      ASSERT_EQ(fixed->at(r, 1).value(), kind);
    }
  }
  EXPECT_FALSE(ArithChunkTableAir{}.fixed_columns(16).is_ok());
}

TEST(ArithTest, EdgeCasesBalanceAndMatchApply) {
  const auto recs = edge_records();
  expect_honest(recs, log_height_for(recs.size()));
  Built b = build(recs, log_height_for(recs.size()));
  EXPECT_EQ(unsound_message(b.trace), std::nullopt);
}

// The proved messages against GMP (independent of ops.h): every record's (op, a, b) appears
// with the RISC-V result and ZisK's flag.
void expect_matches_gmp(std::span<const OpRecord> recs) {
  Built b = build(recs, log_height_for(recs.size()));
  const auto ops = operations(b.trace);
  std::uint64_t total = 0;
  for (const auto& [t, n] : ops) {
    const Op op = static_cast<Op>(t[0]);
    const std::uint64_t a = t[1] | t[2] << 32, bv = t[3] | t[4] << 32;
    const zisk::OpOut ref = gmp_reference(op, a, bv);
    ASSERT_EQ(t[5] | t[6] << 32, ref.c) << zisk::op_name(op) << " " << a << ", " << bv;
    ASSERT_EQ(t[7], ref.flag ? 1u : 0u) << zisk::op_name(op) << " " << a << ", " << bv;
    total += n;
  }
  EXPECT_EQ(total, recs.size());
}

TEST(ArithTest, EdgeAndRandomResultsMatchGmp) {
  expect_matches_gmp(edge_records());
  expect_matches_gmp(random_records(42, 4000));
}

TEST(ArithTest, RandomOperandsBalanceAndMatchApply) {
  const std::uint64_t seed = std::random_device{}();
  std::printf("arith random seed %llu\n", static_cast<unsigned long long>(seed));
  SCOPED_TRACE("seed " + std::to_string(seed));
  const auto recs = random_records(seed, 6000);
  expect_honest(recs, 13);
}

// The honest carries stay inside the bounds docs/sm/arith.md derives (the encodings allow
// more: hi0, hi1 are bytes, hi2 <= 2).
TEST(ArithTest, HonestCarriesWithinTheDocumentedBounds) {
  auto recs = edge_records();
  const auto more = random_records(5, 4000);
  recs.insert(recs.end(), more.begin(), more.end());
  Built b = build(recs, log_height_for(recs.size()));
  const auto col = [](std::size_t offset) { return offset / sizeof(Fe); };
  const std::size_t lo = col(offsetof(ArithCols<Fe>, carry_lo));
  const std::size_t hi = col(offsetof(ArithCols<Fe>, carry_hi));
  std::int64_t min_c[3] = {1 << 30, 1 << 30, 1 << 30}, max_c[3] = {-1, -1, -1};
  for (std::size_t r = 0; r < recs.size(); ++r) {
    for (int m = 0; m < 3; ++m) {
      const auto c = static_cast<std::int64_t>(b.trace.at(r, lo + m).value() +
                                               (b.trace.at(r, hi + m).value() << 16)) -
                     (m == 2 ? 2 : 0);
      min_c[m] = std::min(min_c[m], c);
      max_c[m] = std::max(max_c[m], c);
    }
  }
  std::printf("arith carries: c0 [%lld, %lld], c1 [%lld, %lld], c2 [%lld, %lld]\n",
              static_cast<long long>(min_c[0]), static_cast<long long>(max_c[0]),
              static_cast<long long>(min_c[1]), static_cast<long long>(max_c[1]),
              static_cast<long long>(min_c[2]), static_cast<long long>(max_c[2]));
  EXPECT_GE(min_c[0], 0);
  EXPECT_LE(max_c[0], (1 << 17) - 2);
  EXPECT_GE(min_c[1], 0);
  EXPECT_LE(max_c[1], (1 << 18) - 4);
  EXPECT_GE(min_c[2], -2);
  EXPECT_LE(max_c[2], 1 << 17);
}

TEST(ArithTest, PaddingOnlyAndSmallInstances) {
  expect_honest({}, 4);
  const std::vector<OpRecord> one = {record(Op::kDiv, kMin64, ~0ull)};
  expect_honest(one, 4);
  // A full instance (no padding).
  const auto recs = random_records(7, 16);
  expect_honest(recs, 4);
}

// Every op on a few operand pairs and the row each lands in (for the soundness tests).
std::vector<OpRecord> one_of_each() {
  std::vector<OpRecord> recs;
  const std::uint64_t pairs[][2] = {{0x1234'5678'9ABC'DEF0ull, 0xFEDC'BA98'7654'3210ull},
                                    {static_cast<std::uint64_t>(-7), 2},
                                    {kMin64, ~0ull},
                                    {0x8000'0000ull, 0},
                                    {0x8000'0000ull, 0xFFFF'FFFFull},
                                    {0xFFFF'FFFF'FFFF'FFF9ull, 0xFFFF'FFFF'FFFF'FFFEull}};
  for (Op op : kArithOps)
    for (const auto& p : pairs) recs.push_back(record(op, p[0], p[1]));
  return recs;
}

// Each cell of every active row, changed by +-1, 2^16 or a random amount, is caught: a
// constraint fails, or a message is left that no honest party balances (a lookup outside its
// table, an operation that is false, or one Main did not ask for). Only in padding rows may a
// change leave the statement as it was (they send nothing).
TEST(ArithSoundnessTest, EveryMutatedCellIsCaught) {
  const auto recs = one_of_each();
  const unsigned log_h = log_height_for(recs.size() + 2);
  const Built honest = build(recs, log_h);
  const auto air = stark::make_air<ArithAir>();
  std::mt19937_64 rng(12345);
  const auto honest_ops = operations(honest.trace);
  std::size_t by_constraint = 0, by_bus = 0, padding_harmless = 0;
  for (std::size_t row = 0; row < recs.size() + 1; ++row) {  // + one padding row
    const bool padding = row >= recs.size();
    for (std::size_t col = 0; col < kArithWidth; ++col) {
      const Fe old = honest.trace.at(row, col);
      for (Fe delta : {Fe::one(), -Fe::one(), Fe::from_u64(1u << 16), Fe::from_u64(rng())}) {
        poly::RowMajorMatrix t = honest.trace;
        t.at(row, col) = old + delta;
        auto fail = stark::find_constraint_failure(*air, 0, t, nullptr, {}, {});
        ASSERT_TRUE(fail.is_ok());
        if (fail->has_value()) {
          ++by_constraint;
        } else if (unsound_message(t) || operations(t) != honest_ops) {
          ++by_bus;
        } else {
          ASSERT_TRUE(padding) << "undetected change of column " << col << " in the row of "
                               << zisk::op_name(recs[row].op) << " " << recs[row].a << ", "
                               << recs[row].b;
          ++padding_harmless;
        }
      }
    }
  }
  std::printf("arith mutations: %zu by a constraint, %zu by the bus, %zu harmless (padding)\n",
              by_constraint, by_bus, padding_harmless);
}

// Builds a trace from cores (honest or not) after the honest rows of recs.
poly::RowMajorMatrix trace_of(std::span<const ArithCore> cores) {
  auto t = poly::RowMajorMatrix::zeros(std::size_t{1} << log_height_for(cores.size()), kArithWidth);
  for (std::size_t i = 0; i < cores.size(); ++i) arith_fill_row(cores[i], t.row(i));
  return t;
}

bool rejected(const ArithCore& core) {
  const std::vector<ArithCore> cores = {core};
  const auto t = trace_of(cores);
  const auto air = stark::make_air<ArithAir>();
  auto fail = stark::find_constraint_failure(*air, 0, t, nullptr, {}, {});
  ZISKC_CHECK(fail.is_ok(), "shape");
  if (fail->has_value()) return true;
  return unsound_message(t).has_value();
}

void set_chunks(std::uint64_t v, std::uint64_t out[4]) {
  for (int i = 0; i < 4; ++i) out[i] = (v >> (16 * i)) & 0xFFFF;
}

TEST(ArithSoundnessTest, HonestCoresAreAccepted) {
  for (const auto& r : one_of_each()) {
    EXPECT_FALSE(rejected(arith_core(r.op, r.a, r.b))) << zisk::op_name(r.op) << " " << r.a;
  }
}

// The cheating prover's best attempt at a division: another (q, r) with a * ... = b * q + r
// still exact, so only the remainder rules can catch it.
TEST(ArithSoundnessTest, WrongQuotientWithConsistentRemainderIsRejected) {
  struct Case {
    Op op;
    std::uint64_t a, b;
  };
  const Case cases[] = {
      {Op::kDivu, 100, 7},
      {Op::kRemu, 100, 7},
      {Op::kDiv, 100, 7},
      {Op::kDiv, static_cast<std::uint64_t>(-100), 7},
      {Op::kRem, static_cast<std::uint64_t>(-7), 2},
      {Op::kDiv, 100, static_cast<std::uint64_t>(-7)},
      {Op::kRem, static_cast<std::uint64_t>(-100), static_cast<std::uint64_t>(-7)},
      {Op::kDivu, ~0ull, 3}};
  for (const Case& cs : cases) {
    const ArithCore honest = arith_core(cs.op, cs.a, cs.b);
    ASSERT_FALSE(rejected(honest));
    for (int dq : {-1, 1}) {
      // q' = q + dq, r' = r - dq * b: the product identity still holds exactly.
      const std::uint64_t q =
          honest.x[0] | honest.x[1] << 16 | honest.x[2] << 32 | honest.x[3] << 48;
      const std::uint64_t r =
          honest.w[0] | honest.w[1] << 16 | honest.w[2] << 32 | honest.w[3] << 48;
      ArithCore c = honest;
      const std::uint64_t q2 = q + static_cast<std::uint64_t>(dq);
      const std::uint64_t r2 = r - static_cast<std::uint64_t>(dq) * cs.b;
      set_chunks(q2, c.x);
      set_chunks(r2, c.w);
      const bool signed_op = cs.op == Op::kDiv || cs.op == Op::kRem;
      c.n_x = signed_op && (q2 >> 63);
      c.n_w = signed_op && (r2 >> 63);
      EXPECT_TRUE(rejected(c)) << zisk::op_name(cs.op) << " " << cs.a << " / " << cs.b
                               << " dq=" << dq;
    }
  }
}

TEST(ArithSoundnessTest, WrongSpecialCasesAreRejected) {
  // Division by zero claimed as an ordinary division: no inverse of 0.
  {
    ArithCore c = arith_core(Op::kDivu, 5, 0);
    c.dz = false;
    EXPECT_TRUE(rejected(c));
    c = arith_core(Op::kDivu, 5, 0);
    set_chunks(0, c.x);  // quotient 0 instead of all ones
    EXPECT_TRUE(rejected(c));
  }
  // dz claimed for a non-zero divisor.
  {
    ArithCore c = arith_core(Op::kDivu, 5, 1);
    c.dz = true;
    set_chunks(~0ull, c.x);
    EXPECT_TRUE(rejected(c));
  }
  // MIN / -1 without the overflow flag, and the flag on another division.
  {
    ArithCore c = arith_core(Op::kDiv, kMin64, ~0ull);
    c.ov = false;
    EXPECT_TRUE(rejected(c));
    ArithCore d = arith_core(Op::kDiv, static_cast<std::uint64_t>(-4), 2);
    d.ov = true;
    EXPECT_TRUE(rejected(d));
    ArithCore w = arith_core(Op::kDivW, 0x8000'0000ull, 0xFFFF'FFFFull);
    w.ov = false;
    EXPECT_TRUE(rejected(w));
  }
  // Sign bits that do not match the chunks, and a flipped bit-31 output.
  {
    ArithCore c = arith_core(Op::kMulh, ~0ull, 3);
    c.n_x = false;
    EXPECT_TRUE(rejected(c));
    ArithCore m = arith_core(Op::kMulW, 0xFFFF'FFFFull, 1);
    m.n_w = !m.n_w;
    EXPECT_TRUE(rejected(m));
    ArithCore u = arith_core(Op::kMulu, ~0ull, ~0ull);
    u.n_x = true;  // unsigned: no sign allowed
    EXPECT_TRUE(rejected(u));
  }
  // The other op with the same row (flag swapped): the bus result changes, so Main's assume
  // would not balance; here the oracle sees c != apply.
  {
    ArithCore c = arith_core(Op::kMulu, ~0ull, ~0ull);
    c.flag = kFMuluh;
    EXPECT_TRUE(rejected(c));
  }
}

// A wrong result whose carries satisfy every field equation but not the integer ones: the
// returned low limb of a mulu is increased by one and the positions re-solved in the field
// (carries c0, c1 and the chunk z[0] absorb the difference). Every constraint holds; a carry
// part is then far outside [0, 2^16) and no Range16 row can balance it.
TEST(ArithSoundnessTest, FieldOnlySolutionIsRejectedByTheRanges) {
  const auto recs = std::vector<OpRecord>{record(Op::kMulu, 0x1234'5678'9ABC'DEF0ull, 77)};
  Built b = build(recs, 4);
  auto& t = b.trace;
  const auto col = [](std::size_t offset) { return offset / sizeof(Fe); };
  const std::size_t w0 = col(offsetof(ArithCols<Fe>, w)), z0 = col(offsetof(ArithCols<Fe>, z));
  const std::size_t lo = col(offsetof(ArithCols<Fe>, carry_lo));
  t.at(0, w0) = t.at(0, w0) + Fe::one();
  const auto air = stark::make_air<ArithAir>();
  const Fe inv32 = Fe::from_u64(std::uint64_t{1} << 32).inverse();
  for (int step = 0; step < 4; ++step) {
    auto fail = stark::find_constraint_failure(*air, 0, t, nullptr, {}, {});
    ASSERT_TRUE(fail.is_ok());
    if (!fail->has_value()) break;
    const auto& f = **fail;
    ASSERT_EQ(f.row, 0u);
    // Each position equation ends in -2^32 c_m: raise c_m by value / 2^32 (pos2: absorb the
    // difference in z[0], which enters with coefficient -1).
    if (f.constraint == "arith.pos0") {
      t.at(0, lo) = t.at(0, lo) + f.value * inv32;
    } else if (f.constraint == "arith.pos1") {
      t.at(0, lo + 1) = t.at(0, lo + 1) + f.value * inv32;
    } else {
      ASSERT_EQ(f.constraint, "arith.pos2");
      t.at(0, z0) = t.at(0, z0) + f.value;
    }
  }
  auto fail = stark::find_constraint_failure(*air, 0, t, nullptr, {}, {});
  ASSERT_TRUE(fail.is_ok());
  ASSERT_FALSE(fail->has_value()) << (*fail)->to_string();
  const auto bad = unsound_message(t);
  ASSERT_TRUE(bad.has_value());
  EXPECT_NE(bad->find("range16"), std::string::npos) << *bad;
}

TEST(ArithSoundnessTest, PaddingRowsSendNothing) {
  const auto recs = random_records(3, 5);
  Built b = build(recs, 4);
  std::mt19937_64 rng(99);
  const auto air = stark::make_air<ArithAir>();
  auto messages = [&](const poly::RowMajorMatrix& t) {
    stark::BusDebugger dbg;
    ZISKC_CHECK(dbg.add_instance(*air, 0, t, nullptr, {}, {}).is_ok(), "shape");
    std::map<std::pair<std::uint32_t, std::vector<std::uint64_t>>, std::uint64_t> out;
    for (const auto& m : dbg.unbalanced()) {
      std::vector<std::uint64_t> v;
      for (Fe e : m.tuple) v.push_back(e.value());
      out[{m.bus, v}] = m.net.value();
    }
    return out;
  };
  const auto before = messages(b.trace);
  const std::size_t first_flag = offsetof(ArithCols<Fe>, flags) / sizeof(Fe);
  for (std::size_t row = recs.size(); row < b.trace.rows; ++row)
    for (std::size_t col = 0; col < first_flag; ++col) b.trace.at(row, col) = Fe::from_u64(rng());
  EXPECT_EQ(messages(b.trace), before);
}

}  // namespace
}  // namespace ziskc::sm
