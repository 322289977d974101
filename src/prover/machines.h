// The prover's registry of the zkVM's machines (docs/PROVING.md "Machines"): for every AIR of
// the verifier's list (verifier/statement.h), how the witness pipeline feeds it.
//
//  - op machines (one line each in kOpMachines): which Main record sink their records come from
//    (zisk::Machine), which ops they prove, records per row, and the trace builder with the
//    tables it looks things up in;
//  - tables (kTables): the table's rows, its fixed columns and its multiplicity trace;
//  - the memory machines, MemAlign, the DMA machines (records from whole steps, sm/dma), Main
//    and ROM have their own planning (prover/plan.cc), because their instances are not
//    independent spans of (op, a, b) records.
// A new op machine is one folder under src/sm plus one line in each of the verifier's AIR list
// and kOpMachines.
//
// Invariants: every op that zisk::op_info maps to kBinary / kBinaryAdd / kBinaryExtension /
// kArith / kFcall is proved by exactly one op machine of that sink (checked by the tests); every
// kTable AIR of the verifier's list has one TableDef.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <span>

#include "base/status.h"
#include "poly/matrix.h"
#include "sm/records.h"
#include "verifier/statement.h"
#include "zisk/ops.h"

namespace ziskc::prover {

// The shared lookup tables' counts (one TableCounts per table, indexed by TableId).
enum class TableId : std::uint8_t {
  kRange16,
  kBytePair,
  kBinaryTable,
  kBinaryShiftTable,
  kArithChunkTable,
  kCount,
};
inline constexpr std::size_t kNumTables = static_cast<std::size_t>(TableId::kCount);

class TableSet {
 public:
  TableSet();
  sm::TableCounts& get(TableId t) { return *counts_[static_cast<std::size_t>(t)]; }
  const sm::TableCounts& get(TableId t) const { return *counts_[static_cast<std::size_t>(t)]; }

 private:
  std::array<std::unique_ptr<sm::TableCounts>, kNumTables> counts_;
};

struct OpMachine {
  verifier::AirKind air;
  zisk::Machine source;  // the Main sink its records come from
  bool (*proves)(zisk::Op);
  std::size_t records_per_row;
  poly::RowMajorMatrix (*trace)(std::span<const sm::OpRecord> records, unsigned log_height,
                                TableSet& tables);
};
std::span<const OpMachine> op_machines();
// The op machine proving op, or nullptr (Main's own ops, pubout, unprovable ops).
const OpMachine* op_machine_for(zisk::Op op);

struct TableDef {
  verifier::AirKind air;
  TableId id;
  std::size_t rows;  // = 2^table_log_height of the AIR entry
  Result<poly::RowMajorMatrix> (*fixed_columns)();
  poly::RowMajorMatrix (*mult_trace)(const sm::TableCounts& counts);
};
std::span<const TableDef> table_defs();
const TableDef* table_def(verifier::AirKind air);

}  // namespace ziskc::prover
