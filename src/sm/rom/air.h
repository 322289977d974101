// The ROM AIR (docs/sm/rom.md): the program as fixed columns, one row per ZisK instruction in
// the proof's encoding (sm/rom/encoding.h), and a multiplicity witness column.
//
// Soundness contract. The machine proves on kRomBus, `mult` times, the tuple
//   (pc, a_off, a_imm_hi, b_off, b_imm_hi, store_off, jmp1, jmp2, ind_width, op, flags)
// of its fixed row, and nothing else. The fixed columns are committed at setup (their root is
// the program key in the verification key), so the prover chooses only the multiplicities. Every
// instruction row has an odd flags element and distinct pc, so each tuple Main assumes is
// matched by at most one row; padding rows are all zero (flags 0), which no Main row produces,
// so a multiplicity put on a padding row is left unbalanced. Multiplicities are field elements:
// a Main row assumes its tuple once, and the total number of Main rows is far below p, so a
// balanced bus means mult = the number of steps that executed the instruction (or a multiple
// of p more, which the row bound excludes).
// Assumes nothing.
#pragma once

#include <memory>

#include "poly/matrix.h"
#include "sm/buses.h"
#include "sm/rom/cols.h"
#include "sm/rom/encoding.h"
#include "stark/air.h"
#include "zisk/rom.h"

namespace ziskc::sm {

struct RomAir {
  unsigned log_height = kRomMinLogHeight;
  // The program's fixed columns (rom_fixed_columns); may be null for a verifier, which never
  // asks for them.
  std::shared_ptr<const poly::RowMajorMatrix> fixed;

  stark::AirInfo info() const {
    return {.name = "rom",
            .num_main = stark::width_of<RomCols>(),
            .num_fixed = stark::width_of<RomFixedCols>()};
  }
  Result<poly::RowMajorMatrix> fixed_columns(unsigned log_n) const {
    if (fixed == nullptr) {
      return make_error(ErrorCode::kUnsupported, "rom: this ROM AIR holds no program");
    }
    if (log_n != log_height) {
      return make_error(ErrorCode::kUnsupported,
                        "rom: height 2^{} not offered (the program has 2^{})", log_n, log_height);
    }
    return *fixed;
  }
  template <class B>
  void eval(B& b) const {
    const auto& fix = b.template fixed<RomFixedCols>();
    const auto& cur = b.template main<RomCols>();
    const RomFields<typename B::Var>& f = fix.f;
    // The one interaction: this row's instruction, `mult` times.
    b.prove(kRomBus,
            {f.pc, f.a_off, f.a_imm_hi, f.b_off, f.b_imm_hi, f.store_off, f.jmp1, f.jmp2,
             f.ind_width, f.op, fix.flags},
            cur.mult);
  }
};

// The ROM AIR of a program with its fixed columns (rom_fixed_columns), or encode_rom's error.
Result<stark::AirPtr> rom_air(const zisk::Rom& rom);
// The ROM AIR without its fixed columns, as the verifier uses it (2^log_height rows).
stark::AirPtr rom_air_shape(unsigned log_height);

}  // namespace ziskc::sm
