// The witness registry (machines.h).
#include "prover/machines.h"

#include "sm/arith/arith.h"
#include "sm/binary/binary.h"
#include "sm/binary_add/binary_add.h"
#include "sm/binary_extension/binary_extension.h"
#include "sm/fcall/fcall.h"
#include "sm/tables/tables_air.h"

namespace ziskc::prover {
namespace {

using verifier::AirKind;
using zisk::Machine;
using R = std::span<const sm::OpRecord>;

sm::TableCounts& t(TableSet& s, TableId id) { return s.get(id); }

constexpr OpMachine kOpMachines[] = {
    {AirKind::kBinaryAdd, Machine::kBinaryAdd, sm::binary_add_proves, sm::kBinaryAddRecordsPerRow,
     [](R r, unsigned h, TableSet& s) {
       return sm::binary_add_trace(r, h, t(s, TableId::kRange16));
     }},
    {AirKind::kBinary, Machine::kBinary, sm::binary_proves, sm::kBinaryRecordsPerRow,
     [](R r, unsigned h, TableSet& s) { return sm::binary_trace(r, h, t(s, TableId::kRange16)); }},
    {AirKind::kBinarySigned, Machine::kBinary, sm::binary_signed_proves,
     sm::kBinarySignedRecordsPerRow,
     [](R r, unsigned h, TableSet& s) {
       return sm::binary_signed_trace(r, h, t(s, TableId::kRange16));
     }},
    {AirKind::kBinaryLogic, Machine::kBinary, sm::binary_logic_proves,
     sm::kBinaryLogicRecordsPerRow,
     [](R r, unsigned h, TableSet& s) {
       return sm::binary_logic_trace(r, h, t(s, TableId::kBinaryTable));
     }},
    {AirKind::kBinaryShift, Machine::kBinaryExtension, sm::binary_shift_proves,
     sm::kBinaryShiftRecordsPerRow,
     [](R r, unsigned h, TableSet& s) {
       return sm::binary_shift_trace(r, h, t(s, TableId::kRange16),
                                     t(s, TableId::kBinaryShiftTable));
     }},
    {AirKind::kBinaryShiftW, Machine::kBinaryExtension, sm::binary_shift_w_proves,
     sm::kBinaryShiftWRecordsPerRow,
     [](R r, unsigned h, TableSet& s) {
       return sm::binary_shift_w_trace(r, h, t(s, TableId::kRange16),
                                       t(s, TableId::kBinaryShiftTable));
     }},
    {AirKind::kBinarySext, Machine::kBinaryExtension, sm::binary_sext_proves,
     sm::kBinarySextRecordsPerRow,
     [](R r, unsigned h, TableSet& s) {
       return sm::binary_sext_trace(r, h, t(s, TableId::kRange16), t(s, TableId::kBytePair));
     }},
    {AirKind::kArith, Machine::kArith, sm::arith_proves, sm::kArithRowsPerRecord,
     [](R r, unsigned h, TableSet& s) {
       return sm::arith_trace(r, h, t(s, TableId::kRange16), t(s, TableId::kBytePair),
                              t(s, TableId::kArithChunkTable));
     }},
    {AirKind::kFcall, Machine::kFcall, sm::fcall_proves, sm::kFcallRecordsPerRow,
     [](R r, unsigned h, TableSet& s) { return sm::fcall_trace(r, h, t(s, TableId::kRange16)); }},
};

template <class A>
Result<poly::RowMajorMatrix> fixed_of(unsigned log_height) {
  return A{}.fixed_columns(log_height);
}

const TableDef kTables[] = {
    {AirKind::kRange16Table, TableId::kRange16, sm::kTableRows,
     [] { return fixed_of<sm::Range16TableAir>(sm::kTableLogHeight); }, sm::table_mult_trace},
    {AirKind::kBytePairTable, TableId::kBytePair, sm::kTableRows,
     [] { return fixed_of<sm::BytePairTableAir>(sm::kTableLogHeight); }, sm::table_mult_trace},
    {AirKind::kBinaryTable, TableId::kBinaryTable, std::size_t{1} << sm::kBinaryTableLogHeight,
     [] { return fixed_of<sm::BinaryTableAir>(sm::kBinaryTableLogHeight); },
     sm::binary_table_trace},
    {AirKind::kBinaryShiftTable, TableId::kBinaryShiftTable, sm::kBinaryShiftTableRows,
     [] { return fixed_of<sm::BinaryShiftTableAir>(sm::kBinaryShiftTableLogHeight); },
     sm::binary_shift_table_trace},
    {AirKind::kArithChunkTable, TableId::kArithChunkTable, sm::kArithChunkTableRows,
     [] { return fixed_of<sm::ArithChunkTableAir>(sm::kArithChunkTableLogHeight); },
     sm::arith_chunk_table_trace},
};

}  // namespace

TableSet::TableSet() {
  for (const TableDef& d : kTables) {
    counts_[static_cast<std::size_t>(d.id)] = std::make_unique<sm::TableCounts>(d.rows);
  }
}

std::span<const OpMachine> op_machines() { return kOpMachines; }

const OpMachine* op_machine_for(zisk::Op op) {
  for (const OpMachine& m : kOpMachines) {
    if (m.proves(op)) return &m;
  }
  return nullptr;
}

std::span<const TableDef> table_defs() { return kTables; }

const TableDef* table_def(verifier::AirKind air) {
  for (const TableDef& d : kTables) {
    if (d.air == air) return &d;
  }
  return nullptr;
}

}  // namespace ziskc::prover
