// The Arith witness builder: one row of ArithCols per mul/div/rem record (cols.h has the
// layout, air.h the constraints it must satisfy), plus the chunk table's multiplicities.
//
//   arith_trace(records, log_height, range16, byte_pair, chunk_table)   rows for one
//       instance; records beyond the first 2^log_height are a caller bug; the rest are all-zero
//       padding rows. Adds every Range16, BytePair and chunk-table lookup it makes to the
//       counts (atomic adds: safe to call concurrently for different instances).
//   arith_chunk_table_trace(counts)   the chunk table's multiplicity column.
//
// Lower level (the builder is arith_core + arith_fill_row, and soundness tests use them to
// build internally consistent rows for a wrong result): ArithCore holds the values a prover
// chooses for a row; arith_fill_row derives every other column (carries, remainder-check
// witness, inverse) exactly as the constraints demand, without checking that the choice is
// honest, so a dishonest core gives a row that fails only where the AIR catches it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

#include "poly/matrix.h"
#include "sm/arith/air.h"
#include "sm/arith/cols.h"
#include "sm/records.h"
#include "zisk/ops.h"

namespace ziskc::sm {

inline constexpr std::size_t kArithWidth = stark::width_of<ArithCols>();
inline constexpr std::size_t kArithRowsPerRecord = 1;

// Whether Arith proves op (the kArith rows of ops.def).
bool arith_proves(zisk::Op op);
// Position of op in kArithOps; ZISKC_CHECKs arith_proves(op).
std::size_t arith_flag(zisk::Op op);

// The prover-chosen values of one row. Chunks may be chosen outside [0, 2^16) (below
// kMaxCoreChunk) so that tests can build rows the range checks must reject; the honest
// builder never does.
inline constexpr std::uint64_t kMaxCoreChunk = std::uint64_t{1} << 20;
struct ArithCore {
  std::size_t flag = 0;                                         // index into kArithOps
  std::uint64_t x[4] = {}, y[4] = {}, z_hi[2] = {}, w[4] = {};  // z_hi = chunks z[2], z[3]
  std::uint64_t z_lo[2] = {};  // product chunks z[0], z[1] (multiplication rows only)
  std::uint64_t u = 0;         // dividend low limb (64-bit division rows only)
  bool n_x = false, n_y = false, n_z = false, n_w = false, dz = false, ov = false;
};

// The honest core of (op, a, b): what ZisK computes, laid out as cols.h says. For 32-bit ops
// a and b must be below 2^32 (Main sends them so; a caller bug otherwise).
ArithCore arith_core(zisk::Op op, std::uint64_t a, std::uint64_t b);

// Writes the row (kArithWidth columns) for core: the core values, then the carries, e, beta
// and inv that satisfy the constraints if any do.
void arith_fill_row(const ArithCore& core, std::span<Fe> row);

poly::RowMajorMatrix arith_trace(std::span<const OpRecord> records, unsigned log_height,
                                 TableCounts& range16, TableCounts& byte_pair,
                                 TableCounts& chunk_table);

// Multiplicity column of the chunk table (kArithChunkTableRows x 1).
poly::RowMajorMatrix arith_chunk_table_trace(const TableCounts& counts);

}  // namespace ziskc::sm
