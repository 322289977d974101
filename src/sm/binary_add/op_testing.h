// Test helpers shared by the operation-machine tests (binary_add, binary, binary_extension; not
// used by library code):
//  - operands: edge values of 8/16/32/64-bit arithmetic, records as Main sends them, seeded
//    random records mixing uniform, small, boundary and sign-extended values;
//  - Main's side of the operation bus: the tuple zisk::apply<op> defines, as direct assumes;
//  - tables: a table AIR with its fixed columns, its entries (for judging cheaters) and an
//    instance built from honest counts;
//  - judges: `honest_balanced` (row checker + every bus balanced with the real table instances)
//    and `cheater_accepted` (constraints hold and every unbalanced message is an entry of a table,
//    whose multiplicities the prover chooses freely: the best a cheating prover can do), and a
//    sweep that mutates every column on sampled rows and expects each mutation to be rejected.
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <map>
#include <memory>
#include <random>
#include <set>
#include <span>
#include <string>
#include <vector>

#include "sm/buses.h"
#include "sm/records.h"
#include "sm/tables/tables_air.h"
#include "stark/row_builder.h"
#include "stark/row_checker.h"
#include "zisk/ops.h"

namespace ziskc::sm::testing {

inline std::vector<std::uint64_t> edge_values() {
  std::vector<std::uint64_t> v = {0,
                                  1,
                                  2,
                                  3,
                                  0x7f,
                                  0x80,
                                  0xff,
                                  0x100,
                                  0x7fff,
                                  0x8000,
                                  0xffff,
                                  0x10000,
                                  0x7fffffff,
                                  0x80000000,
                                  0xffffffff,
                                  0x100000000,
                                  0x100000001,
                                  0x7fffffffffffffff,
                                  0x8000000000000000,
                                  0x8000000000000001,
                                  0xffffffff00000000,
                                  0xffffffff7fffffff,
                                  0xffffffff80000000,
                                  0xfffffffffffffffe,
                                  0xffffffffffffffff,
                                  31,
                                  32,
                                  33,
                                  63,
                                  64,
                                  65,
                                  0x0123456789abcdef};
  return v;
}

// The record Main sends: for m32 ops the high halves of a and b are zero (sm/buses.h).
inline OpRecord op_record(zisk::Op op, std::uint64_t a, std::uint64_t b) {
  if (zisk::is_m32(op)) {
    a &= 0xffffffffu;
    b &= 0xffffffffu;
  }
  return {op, a, b};
}

// (op, a_lo, a_hi, b_lo, b_hi, c_lo, c_hi, flag) with (c, flag) = zisk::apply<op>(a, b).
inline std::vector<Fe> op_tuple(const OpRecord& r) {
  const auto out = zisk::apply_pure(r.op, r.a, r.b);
  ZISKC_CHECK(out.has_value(), "op_tuple: op is not pure");
  return {Fe::from_u64(static_cast<std::uint64_t>(r.op)),
          Fe::from_u64(r.a & 0xffffffffu),
          Fe::from_u64(r.a >> 32),
          Fe::from_u64(r.b & 0xffffffffu),
          Fe::from_u64(r.b >> 32),
          Fe::from_u64(out->c & 0xffffffffu),
          Fe::from_u64(out->c >> 32),
          Fe::from_u64(out->flag ? 1 : 0)};
}

// Main assumes one operation per record.
inline std::vector<stark::DirectTerm> main_assumes(std::span<const OpRecord> records) {
  std::vector<stark::DirectTerm> out;
  out.reserve(records.size());
  for (const OpRecord& r : records) {
    out.push_back({.bus = kOperationBus, .tuple = op_tuple(r), .multiplicity = -Fe::one()});
  }
  return out;
}

// A random operand: uniform, small, near a power of two, sign-extended 32-bit, or an edge value.
inline std::uint64_t random_operand(std::mt19937_64& rng) {
  static const std::vector<std::uint64_t> edges = edge_values();
  const std::uint64_t x = rng();
  switch (rng() % 8) {
    case 0:
      return x & 0xff;
    case 1:
      return x & 0xffff;
    case 2:
      return static_cast<std::uint64_t>(static_cast<std::int64_t>(static_cast<std::int32_t>(x)));
    case 3:
      return x & 0xffffffffu;
    case 4: {
      const unsigned k = static_cast<unsigned>(rng() % 64);
      return (std::uint64_t{1} << k) + (x % 3) - 1;
    }
    case 5:
      return edges[x % edges.size()];
    default:
      return x;
  }
}

// Every edge pair for every op, then `random_per_op` random records per op.
inline std::vector<OpRecord> test_records(std::span<const zisk::Op> ops, std::size_t random_per_op,
                                          std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  const std::vector<std::uint64_t> edges = edge_values();
  std::vector<OpRecord> out;
  for (zisk::Op op : ops) {
    for (std::uint64_t a : edges) {
      for (std::uint64_t b : edges) out.push_back(op_record(op, a, b));
    }
    for (std::size_t i = 0; i < random_per_op; ++i) {
      out.push_back(op_record(op, random_operand(rng), random_operand(rng)));
    }
  }
  return out;
}

// A lookup table: its AIR (at its one height), fixed columns and the set of its entries.
struct TableFixture {
  stark::AirPtr air;
  unsigned log_height = 0;
  poly::RowMajorMatrix fixed;
  std::map<std::uint32_t, std::set<std::vector<std::uint64_t>>> entries;  // by bus

  // The entries are what the table proves when every multiplicity is 1.
  static TableFixture make(stark::AirPtr air, unsigned log_height) {
    TableFixture t{std::move(air), log_height, {}, {}};
    auto fixed = t.air->fixed_columns(log_height);
    ZISKC_CHECK(fixed.is_ok(), "table fixed columns");
    t.fixed = std::move(fixed).value();
    auto ones = poly::RowMajorMatrix::zeros(t.fixed.rows, t.air->info().num_main);
    for (Fe& v : ones.values) v = Fe::one();
    stark::BusDebugger dbg;
    ZISKC_CHECK(dbg.add_instance(*t.air, 0, ones, &t.fixed, {}, {}).is_ok(), "table eval");
    for (const auto& u : dbg.unbalanced()) {
      std::vector<std::uint64_t> key;
      for (Fe x : u.tuple) key.push_back(x.value());
      t.entries[u.bus].insert(std::move(key));
    }
    return t;
  }
  bool contains(std::uint32_t bus, std::span<const Fe> tuple) const {
    auto it = entries.find(bus);
    if (it == entries.end()) return false;
    std::vector<std::uint64_t> key;
    for (Fe x : tuple) key.push_back(x.value());
    return it->second.count(key) != 0;
  }
  // The table instance for the given counts (one multiplicity column).
  poly::RowMajorMatrix mult_trace(const TableCounts& counts) const {
    ZISKC_CHECK(counts.size() == fixed.rows, "table counts size");
    auto m = poly::RowMajorMatrix::zeros(fixed.rows, 1);
    for (std::size_t r = 0; r < fixed.rows; ++r) m.at(r, 0) = Fe::from_u64(counts.get(r));
    return m;
  }
};

inline const TableFixture& range16_fixture() {
  static const TableFixture t =
      TableFixture::make(stark::make_air<Range16TableAir>(), kTableLogHeight);
  return t;
}
inline const TableFixture& byte_pair_fixture() {
  static const TableFixture t =
      TableFixture::make(stark::make_air<BytePairTableAir>(), kTableLogHeight);
  return t;
}

// A table used by a test with the counts the trace builder produced.
struct TableUse {
  const TableFixture* table;
  const TableCounts* counts;
};

// Honest run: every constraint holds and, with the tables' instances built from the builder's
// counts and Main's assumes, every bus balances. Failures are reported through gtest.
inline void expect_honest_balanced(const stark::Air& air, const poly::RowMajorMatrix& trace,
                                   std::span<const stark::DirectTerm> assumes,
                                   std::span<const TableUse> tables) {
  Status st = stark::check_constraints(air, 0, trace, nullptr, {}, {});
  EXPECT_TRUE(st.is_ok()) << st.message();
  stark::BusDebugger dbg;
  ASSERT_TRUE(dbg.add_instance(air, 0, trace, nullptr, {}, {}).is_ok());
  for (const TableUse& t : tables) {
    ASSERT_TRUE(
        dbg.add_instance(*t.table->air, 0, t.table->mult_trace(*t.counts), &t.table->fixed, {}, {})
            .is_ok());
  }
  for (const auto& d : assumes) dbg.add_direct(d);
  EXPECT_TRUE(dbg.unbalanced().empty()) << dbg.report();
}

// Whether a cheating prover could get `trace` accepted against Main's assumes: its constraints
// hold and every message left unbalanced is an entry of one of the tables (whose multiplicity
// column the prover fills as it likes). `why` says what rejects it.
inline bool cheater_accepted(const stark::Air& air, const poly::RowMajorMatrix& trace,
                             std::span<const stark::DirectTerm> assumes,
                             std::span<const TableFixture* const> tables,
                             std::string* why = nullptr) {
  auto failure = stark::find_constraint_failure(air, 0, trace, nullptr, {}, {});
  ZISKC_CHECK(failure.is_ok(), "trace shape");
  if (failure->has_value()) {
    if (why) *why = (*failure)->to_string();
    return false;
  }
  stark::BusDebugger dbg;
  ZISKC_CHECK(dbg.add_instance(air, 0, trace, nullptr, {}, {}).is_ok(), "bus eval");
  for (const auto& d : assumes) dbg.add_direct(d);
  for (const auto& u : dbg.unbalanced()) {
    bool in_table = false;
    for (const TableFixture* t : tables) in_table = in_table || t->contains(u.bus, u.tuple);
    if (!in_table) {
      if (why) {
        *why = fmt::format("bus {} message with net multiplicity {} balanced by nobody", u.bus,
                           stark::signed_fe(u.net));
      }
      return false;
    }
  }
  return true;
}

// Whether row r of `trace` sends nothing (every multiplicity of its interactions is zero).
inline bool row_sends_nothing(const stark::Air& air, const poly::RowMajorMatrix& trace,
                              std::size_t r) {
  stark::RowBuilder rb(air.info(), trace.rows, {}, {});
  rb.set_check_constraints(false);
  rb.set_row(r, trace.row(r).data(), trace.row((r + 1) % trace.rows).data(), nullptr, nullptr);
  air.eval(rb);
  for (std::size_t k = 0; k < rb.interactions().size(); ++k) {
    if (!rb.interactions().multiplicity(k).is_zero()) return false;
  }
  return true;
}

// Mutates every column on the first, last, middle and a random active row and on the first and
// last padding rows (when there are any), one cell at a time. A mutated active row must be
// rejected; a mutated padding row must be rejected or still send nothing (columns that only
// feed interactions of multiplicity zero are free on padding rows and prove nothing).
inline void expect_mutations_rejected(const stark::Air& air, const poly::RowMajorMatrix& honest,
                                      std::size_t num_active,
                                      std::span<const stark::DirectTerm> assumes,
                                      std::span<const TableFixture* const> tables,
                                      std::uint64_t seed) {
  SCOPED_TRACE(::testing::Message() << "seed " << seed);
  std::mt19937_64 rng(seed);
  ASSERT_TRUE(cheater_accepted(air, honest, assumes, tables)) << "honest trace rejected";
  std::vector<std::size_t> rows;
  if (num_active > 0) {
    rows = {0, num_active - 1, num_active / 2, static_cast<std::size_t>(rng() % num_active)};
  }
  if (num_active < honest.rows) {
    rows.push_back(num_active);
    rows.push_back(honest.rows - 1);
  }
  for (std::size_t c = 0; c < honest.cols; ++c) {
    for (std::size_t r : rows) {
      poly::RowMajorMatrix t = honest;
      t.at(r, c) += Fe::from_u64(1 + rng() % 1000);
      const bool accepted = cheater_accepted(air, t, assumes, tables);
      if (r < num_active) {
        EXPECT_FALSE(accepted) << "mutated cell (row " << r << ", column " << c << ") accepted";
      } else {
        EXPECT_TRUE(!accepted || row_sends_nothing(air, t, r))
            << "mutated padding cell (row " << r << ", column " << c << ") sends a message";
      }
    }
  }
}

}  // namespace ziskc::sm::testing
