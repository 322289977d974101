// Test helpers shared by the memory-machine and MemAlign tests (not used by library code): the
// memory-bus tuple of an access, Main's side as direct assume terms, building and checking all
// instances of a plan, and the shared tables in a BusDebugger.
#pragma once

#include <gtest/gtest.h>

#include <span>
#include <vector>

#include "sm/buses.h"
#include "sm/mem/mem.h"
#include "sm/tables/tables_air.h"
#include "stark/row_checker.h"

namespace ziskc::sm::testing {

inline std::vector<Fe> mem_tuple(const MemAccess& a) {
  return {Fe::from_u64(a.mem_op),           Fe::from_u64(a.addr),
          Fe::from_u64(a.mem_step),         Fe::from_u64(a.width),
          Fe::from_u64(a.value & 0xFFFFFFFF), Fe::from_u64(a.value >> 32)};
}

// Main (or MemAlign) assumes each access once.
inline void add_assumes(stark::BusDebugger& dbg, std::span<const MemAccess> accesses) {
  for (const MemAccess& a : accesses) {
    dbg.add_direct({.bus = kMemoryBus, .tuple = mem_tuple(a), .multiplicity = -Fe::one()});
  }
}

inline void add_terms(stark::BusDebugger& dbg, const std::vector<stark::DirectTerm>& terms) {
  for (const auto& t : terms) dbg.add_direct(t);
}

// The traces of every instance of a plan (range checks counted into range16).
inline std::vector<poly::RowMajorMatrix> plan_traces(const MemPlan& plan, TableCounts& range16) {
  std::vector<poly::RowMajorMatrix> out;
  for (std::size_t i = 0; i < plan.num_instances; ++i) out.push_back(mem_trace(plan, i, range16));
  return out;
}

// Row checker on every instance; the first failure as a Status.
inline Status check_all(const stark::Air& air, const MemPlan& plan,
                        const std::vector<poly::RowMajorMatrix>& traces) {
  for (std::size_t i = 0; i < traces.size(); ++i) {
    const std::vector<Fe> iv = plan.instance_values(i);
    ZISKC_RETURN_IF_ERROR(stark::check_constraints(air, i, traces[i], nullptr, {}, iv));
  }
  return Status::ok();
}

inline void add_plan(stark::BusDebugger& dbg, const stark::Air& air, const MemPlan& plan,
                     const std::vector<poly::RowMajorMatrix>& traces) {
  for (std::size_t i = 0; i < traces.size(); ++i) {
    const std::vector<Fe> iv = plan.instance_values(i);
    ASSERT_TRUE(dbg.add_instance(air, i, traces[i], nullptr, {}, iv).is_ok());
  }
}

inline void add_range16(stark::BusDebugger& dbg, const TableCounts& counts) {
  static const stark::AirPtr air = stark::make_air<Range16TableAir>();
  static const poly::RowMajorMatrix fixed = air->fixed_columns(kTableLogHeight).value();
  ASSERT_TRUE(dbg.add_instance(*air, 0, table_mult_trace(counts), &fixed, {}, {}).is_ok());
}

inline void add_byte_pair(stark::BusDebugger& dbg, const TableCounts& counts) {
  static const stark::AirPtr air = stark::make_air<BytePairTableAir>();
  static const poly::RowMajorMatrix fixed = air->fixed_columns(kTableLogHeight).value();
  ASSERT_TRUE(dbg.add_instance(*air, 0, table_mult_trace(counts), &fixed, {}, {}).is_ok());
}

}  // namespace ziskc::sm::testing
