// Witness side of the ROM machine (sm/rom/air.h): its one witness column, the multiplicity of
// every instruction, from the execution counts Main's witness adds up (sm/main/main.h).
//
//   rom_trace(counts) -> 2^rom_log_height(counts.size()) x 1
//
// counts has one entry per ROM instruction (index = zisk::Rom::inst index); rows past the
// program are padding with multiplicity 0.
#pragma once

#include "poly/matrix.h"
#include "sm/records.h"
#include "sm/rom/air.h"

namespace ziskc::sm {

// ZISKC_CHECKs that every count is below p (a run has fewer than 2^40 steps).
poly::RowMajorMatrix rom_trace(const TableCounts& counts);

}  // namespace ziskc::sm
