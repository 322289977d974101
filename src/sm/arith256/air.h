// The Arith256 AIR (docs/sm/arith256.md): proves the arith256 precompile op (0xf2, CSR 0x801),
// one row per call (sm/arith256/cols.h).
//
// Soundness contract. The machine proves (0xf2, 0, 0, addr, 0, 0, 0, 0, step, 0) on
// kOperationBus (the tuple Main assumes for `arith256(a = 0, b = addr) -> c = 0, flag 0` with
// main_step = step and extra_arg = jmp1 = 0) only together with, on kMemoryBus, at mem_step
// 4 step + 3 (slot 2, emu::kSlotOpRead):
//  - the 5 loads (kMemLoad, addr + 8i, .., 8, p_i, 0) of the parameter block
//    [a*, b*, c*, dl*, dh*],
//  - the 12 loads (kMemLoad, p_k + 8w, .., 8, lo, hi) of the words of a, b, c (k = 0, 1, 2),
// and at mem_step 4 step + 4 (slot 3, emu::kSlotOpWrite) the 8 stores (kMemStore, p_3 + 8w, ..)
// of dl and (kMemStore, p_4 + 8w, ..) of dh, where a * b + c = dh * 2^256 + dl as integers,
// every limb canonical (< 2^32).
// Why (docs/sm/arith256.md "Soundness"): every 16-bit limb and both halves of every carry are
// range-checked (Range16), so each position's constraint
//   sum_{i+j=k} a_i b_j + c_k - dl_k - dh_{k-16} + carry_{k-1} - 2^16 carry_k = 0
// has an integer value of absolute value < 2^49 < p: it holds over the integers, and the sum of
// the 32 positions times 2^16k telescopes to a * b + c - dl - 2^256 dh = 0 (position 31 has no
// outgoing carry). dl and dh with 16-bit limbs are then the unique result.
// Assumptions: Main sends b as canonical limbs (b_hi = 0 is required: the message's b_hi is the
// constant 0) and step < 2^40, so 4 step + 4 does not wrap; the memory machines prove only word
// addresses 8w of their regions with canonical value limbs, so the pointers are canonical and
// p_k + 8w is provable only as an 8-aligned mapped word (a pointer with a non-zero high limb is
// unprovable: the message's hi is the constant 0). The 17 loads of one call share a mem_step,
// so they must be 17 distinct words, and the 8 stores 8 distinct words (RAM proves each
// (word, mem_step) once): the witness side refuses overlapping operands (arith256.h).
// Registers are RAM words, as for KeccakF.
// Padding: rows with sel = 0 (all zero) satisfy every constraint and send nothing.
#pragma once

#include <cstdint>

#include "sm/arith256/cols.h"
#include "sm/buses.h"
#include "stark/air.h"
#include "zisk/ops.h"

namespace ziskc::sm {

// Memory-bus slots of the machine's accesses (mem_step = 1 + 4 step + slot), the emulator's
// precompile slots: every read (block, a, b, c) at slot 2, the result writes at slot 3.
inline constexpr unsigned kArith256SlotRead = 2;
inline constexpr unsigned kArith256SlotWrite = 3;

struct Arith256Air {
  stark::AirInfo info() const {
    return {.name = "arith256", .num_main = stark::width_of<Arith256Cols>()};
  }

  template <class B>
  void eval(B& b) const {
    using E = typename B::Expr;
    constexpr unsigned L = kArith256Limbs;
    const auto& c = b.template main<Arith256Cols>();
    const E zero = b.constant(0);
    const E k16 = b.constant(std::uint64_t{1} << 16);
    stark::assert_bool(b, "arith256.sel_bool", c.sel);

    // a * b + c = dh * 2^256 + dl, position by position with carries.
    const auto carry = [&](unsigned k) -> E { return c.carry_lo[k] + k16 * c.carry_hi[k]; };
    for (unsigned k = 0; k < 2 * L; ++k) {
      E s = zero;
      for (unsigned i = 0; i < L; ++i) {
        if (k >= i && k - i < L) s = s + c.a[i] * c.b[k - i];
      }
      if (k < L) {
        s = s + c.c[k] - c.dl[k];
      } else {
        s = s - c.dh[k - L];
      }
      if (k > 0) s = s + carry(k - 1);
      if (k < kArith256Carries) s = s - k16 * carry(k);
      b.assert_zero("arith256.limb_identity", s);
    }

    // Range checks: every limb and carry half (only on calls: padding sends nothing).
    const E m = c.sel;
    for (unsigned i = 0; i < L; ++i) {
      b.assume(kRange16Bus, {c.a[i]}, m);
      b.assume(kRange16Bus, {c.b[i]}, m);
      b.assume(kRange16Bus, {c.c[i]}, m);
      b.assume(kRange16Bus, {c.dl[i]}, m);
      b.assume(kRange16Bus, {c.dh[i]}, m);
    }
    for (unsigned k = 0; k < kArith256Carries; ++k) {
      b.assume(kRange16Bus, {c.carry_lo[k]}, m);
      b.assume(kRange16Bus, {c.carry_hi[k]}, m);
    }

    // Bus: the op, the block and operand loads at slot 2, the result stores at slot 3.
    const E k8 = b.constant(8);
    const E ms = b.constant(4) * c.step + b.constant(1);  // mem_step of slot 0
    const E ms_read = ms + b.constant(kArith256SlotRead);
    const E ms_write = ms + b.constant(kArith256SlotWrite);
    const E load = b.constant(kMemLoad);
    const E store = b.constant(kMemStore);
    b.prove(kOperationBus,
            {b.constant(static_cast<std::uint64_t>(zisk::Op::kArith256)), zero, zero, c.addr, zero,
             zero, zero, zero, c.step, zero},
            m);
    for (unsigned i = 0; i < kArith256BlockWords; ++i) {
      b.assume(kMemoryBus, {load, c.addr + b.constant(8 * i), ms_read, k8, c.ptr[i], zero}, m);
    }
    const auto word = [&](const auto& x, unsigned w, unsigned half) -> E {
      return x[4 * w + 2 * half] + k16 * x[4 * w + 2 * half + 1];
    };
    const auto access = [&](const E& op, const E& ptr, const E& mstep, const auto& x) {
      for (unsigned w = 0; w < kArith256Words; ++w) {
        b.assume(kMemoryBus, {op, ptr + b.constant(8 * w), mstep, k8, word(x, w, 0), word(x, w, 1)},
                 m);
      }
    };
    access(load, c.ptr[0], ms_read, c.a);
    access(load, c.ptr[1], ms_read, c.b);
    access(load, c.ptr[2], ms_read, c.c);
    access(store, c.ptr[3], ms_write, c.dl);
    access(store, c.ptr[4], ms_write, c.dh);
  }
};

}  // namespace ziskc::sm
