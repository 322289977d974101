// The free-input call AIR (docs/sm/fcall.md): the three ops of ZisK's free-input (host hint)
// interface, fcall_param (0xf6), fcall (0xf7) and fcall_get (0xf8), kFcallSlots per row (each
// slot is independent; the contract below holds slot by slot).
//
// What the ops compute (ZisK's opc_fcall_param / opc_fcall / opc_fcall_get, core/src/zisk_ops.rs,
// and ziskc's emulator, emu/core_generic.h ctx_op): (c, flag) = (b, 0) for all three. Their
// effects on the host side (pushing parameters, calling the hint function, moving the free-input
// cell to the next result word) are not part of the proof: a hint is checked by the guest code
// that uses it, and fcall_get's b is the free-input cell's load, which the input-data machine
// proves as a free value (sm/mem/air.h) with limbs < 2^32.
//
// Soundness contract. On a slot with sel = 1 the machine proves on kOperationBus
//   (0xf6 + kind, a, 0, b_lo, b_hi, b_lo, b_hi, 0)     with kind in {0, 1, 2}
// i.e. (op, a, b) -> (c, flag) = (b, 0) for op in {fcall_param, fcall, fcall_get} and a < p,
// a_hi = 0, and it sends nothing from slots with sel = 0. No other op can be proved: kind is a
// root of kind (kind - 1) (kind - 2). Every c it proves is well-formed (two canonical 32-bit
// limbs) because it equals b, which Main's contract (sm/main/air.h: a, b are canonical limbs)
// guarantees; so the machine needs no range check and no table. A tuple with a non-canonical
// c limb, c != b, flag != 0 or a_hi != 0 is never proved.
// Completeness: Main sends a_hi = 0 for every free-input call of a transpiled program (a is the
// immediate word count, call id or 0; zisk/transpiler_csr.cc), so every honest step is provable.
// Multiplicities are sel, constrained boolean, so no slot sends a negative or repeated copy.
#pragma once

#include <cstddef>
#include <cstdint>
#include <iterator>

#include "sm/buses.h"
#include "sm/fcall/cols.h"
#include "stark/air.h"
#include "zisk/ops.h"

namespace ziskc::sm {

static_assert(static_cast<std::uint64_t>(zisk::Op::kFcallParam) == 0xf6 &&
                  static_cast<std::uint64_t>(zisk::Op::kFcall) == 0xf7 &&
                  static_cast<std::uint64_t>(zisk::Op::kFcallGet) == 0xf8,
              "the free-input call ops are three consecutive opcodes");

struct FcallAir {
  stark::AirInfo info() const {
    return {.name = "fcall", .num_main = stark::width_of<FcallCols>()};
  }

  template <class B>
  void eval(B& b) const {
    using E = typename B::Expr;
    static constexpr const char* kSelBool[] = {"fcall.s0.sel_bool", "fcall.s1.sel_bool"};
    static constexpr const char* kKind[] = {"fcall.s0.kind", "fcall.s1.kind"};
    static_assert(std::size(kSelBool) == kFcallSlots && std::size(kKind) == kFcallSlots);
    const auto& row = b.template main<FcallCols>();
    const E one = b.constant(1);
    const E two = b.constant(2);
    const E zero = b.constant(0);
    const E op0 = b.constant(static_cast<std::uint64_t>(zisk::Op::kFcallParam));
    for (std::size_t s = 0; s < kFcallSlots; ++s) {
      const auto& r = row.slot[s];
      // Padding slots (sel = 0) send nothing; active slots send exactly one copy.
      stark::assert_bool(b, kSelBool[s], r.sel);
      // The op is one of the three free-input call ops (on every slot: degree 3 without sel).
      b.assert_zero(kKind[s], r.kind * (r.kind - one) * (r.kind - two));
      // (c, flag) = (b, 0).
      b.prove(kOperationBus, {op0 + r.kind, r.a, zero, r.b[0], r.b[1], r.b[0], r.b[1], zero},
              r.sel);
    }
  }
};

}  // namespace ziskc::sm
