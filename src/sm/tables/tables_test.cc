// Tables: honest multiplicities balance the lookups; a wrong multiplicity or an out-of-range
// value leaves the bus unbalanced (BusDebugger), and the fixed columns are what they claim.
#include <gtest/gtest.h>

#include "sm/tables/tables_air.h"
#include "stark/row_checker.h"

namespace ziskc::sm {
namespace {

// The lookups a user would make, as direct assume terms.
stark::DirectTerm assume_term(std::uint32_t bus, std::vector<Fe> tuple) {
  return {.bus = bus, .tuple = std::move(tuple), .multiplicity = -Fe::one()};
}

TEST(TablesTest, FixedColumnsListEveryEntryOnce) {
  auto r = Range16TableAir{}.fixed_columns(kTableLogHeight);
  ASSERT_TRUE(r.is_ok());
  for (std::size_t i = 0; i < kTableRows; ++i) ASSERT_EQ(r->at(i, 0).value(), i);
  auto bp = BytePairTableAir{}.fixed_columns(kTableLogHeight);
  ASSERT_TRUE(bp.is_ok());
  for (std::size_t i = 0; i < kTableRows; ++i) {
    ASSERT_EQ(bp->at(i, 0).value() + 256 * bp->at(i, 1).value(), i);
    ASSERT_EQ(byte_pair_row(bp->at(i, 0).value(), bp->at(i, 1).value()), i);
  }
  EXPECT_FALSE(Range16TableAir{}.fixed_columns(10).is_ok());
}

TEST(TablesTest, Range16BalancesOnlyWithHonestCounts) {
  const stark::AirPtr air = stark::make_air<Range16TableAir>();
  auto fixed = air->fixed_columns(kTableLogHeight);
  ASSERT_TRUE(fixed.is_ok());
  const std::vector<std::uint64_t> values = {0, 1, 1, 65535, 777, 777, 777};
  TableCounts counts(kTableRows);
  for (std::uint64_t v : values) counts.add(v);

  auto check = [&](const TableCounts& c, std::span<const std::uint64_t> looked_up) {
    stark::BusDebugger dbg;
    const auto mult = table_mult_trace(c);
    EXPECT_TRUE(dbg.add_instance(*air, 0, mult, &*fixed, {}, {}).is_ok());
    for (std::uint64_t v : looked_up) dbg.add_direct(assume_term(kRange16Bus, {Fe::from_u64(v)}));
    return dbg.unbalanced().empty();
  };
  EXPECT_TRUE(check(counts, values));
  TableCounts wrong = counts;
  wrong.add(5);
  EXPECT_FALSE(check(wrong, values));
  // 65536 is not in the table: no multiplicity can balance it.
  std::vector<std::uint64_t> out_of_range = values;
  out_of_range.push_back(65536);
  TableCounts c2 = counts;
  EXPECT_FALSE(check(c2, out_of_range));
}

TEST(TablesTest, BytePairBalances) {
  const stark::AirPtr air = stark::make_air<BytePairTableAir>();
  auto fixed = air->fixed_columns(kTableLogHeight);
  ASSERT_TRUE(fixed.is_ok());
  TableCounts counts(kTableRows);
  counts.add(byte_pair_row(3, 250));
  counts.add(byte_pair_row(255, 0), 2);
  stark::BusDebugger dbg;
  ASSERT_TRUE(dbg.add_instance(*air, 0, table_mult_trace(counts), &*fixed, {}, {}).is_ok());
  dbg.add_direct(assume_term(kBytePairBus, {Fe::from_u64(3), Fe::from_u64(250)}));
  dbg.add_direct(assume_term(kBytePairBus, {Fe::from_u64(255), Fe::from_u64(0)}));
  dbg.add_direct(assume_term(kBytePairBus, {Fe::from_u64(255), Fe::from_u64(0)}));
  EXPECT_TRUE(dbg.unbalanced().empty()) << dbg.report();
  dbg.add_direct(assume_term(kBytePairBus, {Fe::from_u64(256), Fe::from_u64(0)}));
  EXPECT_FALSE(dbg.unbalanced().empty());
}

}  // namespace
}  // namespace ziskc::sm
