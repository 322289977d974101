// The Arith256Mod AIR (docs/sm/arith256.md "arith256_mod"): proves the arith256_mod precompile op
// (0xf3, CSR 0x802), one row per call (sm/arith256/cols.h Arith256ModCols).
//
// Soundness contract. The machine proves (0xf3, 0, 0, addr, 0, 0, 0, 0, step, 0) on
// kOperationBus only together with, on kMemoryBus, at mem_step 4 step + 3 (slot 2):
//  - the 5 loads (kMemLoad, addr + 8i, .., 8, p_i, 0) of the block [a*, b*, c*, module*, d*],
//  - the 16 loads (kMemLoad, p_k + 8w, .., 8, lo, hi) of a, b, c, module (k = 0..3),
// and at mem_step 4 step + 4 (slot 3) the 4 stores (kMemStore, p_4 + 8w, ..) of
// d = (a * b + c) mod module, module != 0, every limb canonical (< 2^32).
// Why (docs/sm/arith256.md): every 16-bit limb (a, b, c, module, d, e, q) and both halves of
// every offset carry are range-checked (Range16), the borrows are bits, so each position's
// constraint has an integer value of absolute value < 2^49 < p and holds over the integers:
// a * b + c = q * module + d (positions 0..46 telescope; position 46 has no outgoing carry) and
// d + e + 1 = module (positions 0..15, no borrow out of 15), so 0 <= d < module (module >= 1):
// q and d are the unique quotient and remainder. A zero module has no witness (the emulator
// refuses it too: a guest fault).
// Assumptions, distinct words and padding: as for Arith256 (sm/arith256/air.h).
#pragma once

#include <cstdint>

#include "sm/arith256/air.h"
#include "sm/arith256/cols.h"
#include "sm/buses.h"
#include "stark/air.h"
#include "zisk/ops.h"

namespace ziskc::sm {

struct Arith256ModAir {
  stark::AirInfo info() const {
    return {.name = "arith256_mod", .num_main = stark::width_of<Arith256ModCols>()};
  }

  template <class B>
  void eval(B& b) const {
    using E = typename B::Expr;
    constexpr unsigned L = kArith256Limbs;
    constexpr unsigned Q = kArith256ModQLimbs;
    const auto& c = b.template main<Arith256ModCols>();
    const E zero = b.constant(0);
    const E one = b.constant(1);
    const E k16 = b.constant(std::uint64_t{1} << 16);
    stark::assert_bool(b, "arith256_mod.sel_bool", c.sel);

    // a * b + c = q * module + d, position by position with signed carries.
    const auto carry = [&](unsigned k) -> E {
      return c.carry_lo[k] + k16 * c.carry_hi[k] - b.constant(kArith256ModCarryOffset);
    };
    for (unsigned k = 0; k < kArith256ModPositions; ++k) {
      E s = zero;
      for (unsigned i = 0; i < L; ++i) {
        if (k >= i && k - i < L) s = s + c.a[i] * c.b[k - i];
      }
      for (unsigned j = 0; j < L; ++j) {
        if (k >= j && k - j < Q) s = s - c.q[k - j] * c.m[j];
      }
      if (k < L) s = s + c.c[k] - c.d[k];
      if (k > 0) s = s + carry(k - 1);
      if (k < kArith256ModCarries) s = s - k16 * carry(k);
      // Padding rows (all zero) have carries -2^31: the identity is asked of calls only.
      b.assert_zero("arith256_mod.limb_identity", c.sel * s);
    }
    // d + e + 1 = module with borrow bits (none out of limb 15).
    for (unsigned k = 0; k < L; ++k) {
      E s = c.d[k] + c.e[k] - c.m[k];
      if (k == 0) s = s + one;
      if (k > 0) s = s + c.borrow[k - 1];
      if (k + 1 < L) {
        stark::assert_bool(b, "arith256_mod.borrow_bool", c.borrow[k]);
        s = s - k16 * c.borrow[k];
      }
      b.assert_zero("arith256_mod.reduced", c.sel * s);
    }

    const E ms = c.sel;
    for (unsigned i = 0; i < L; ++i) {
      b.assume(kRange16Bus, {c.a[i]}, ms);
      b.assume(kRange16Bus, {c.b[i]}, ms);
      b.assume(kRange16Bus, {c.c[i]}, ms);
      b.assume(kRange16Bus, {c.m[i]}, ms);
      b.assume(kRange16Bus, {c.d[i]}, ms);
      b.assume(kRange16Bus, {c.e[i]}, ms);
    }
    for (unsigned i = 0; i < Q; ++i) b.assume(kRange16Bus, {c.q[i]}, ms);
    for (unsigned k = 0; k < kArith256ModCarries; ++k) {
      b.assume(kRange16Bus, {c.carry_lo[k]}, ms);
      b.assume(kRange16Bus, {c.carry_hi[k]}, ms);
    }

    const E k8 = b.constant(8);
    const E mstep = b.constant(4) * c.step + one;
    const E ms_read = mstep + b.constant(kArith256SlotRead);
    const E ms_write = mstep + b.constant(kArith256SlotWrite);
    const E load = b.constant(kMemLoad);
    b.prove(kOperationBus,
            {b.constant(static_cast<std::uint64_t>(zisk::Op::kArith256Mod)), zero, zero, c.addr,
             zero, zero, zero, zero, c.step, zero},
            ms);
    for (unsigned i = 0; i < kArith256BlockWords; ++i) {
      b.assume(kMemoryBus, {load, c.addr + b.constant(8 * i), ms_read, k8, c.ptr[i], zero}, ms);
    }
    const auto word = [&](const auto& x, unsigned w, unsigned half) -> E {
      return x[4 * w + 2 * half] + k16 * x[4 * w + 2 * half + 1];
    };
    const auto access = [&](const E& op, const E& ptr, const E& st, const auto& x) {
      for (unsigned w = 0; w < kArith256Words; ++w) {
        b.assume(kMemoryBus, {op, ptr + b.constant(8 * w), st, k8, word(x, w, 0), word(x, w, 1)},
                 ms);
      }
    };
    access(load, c.ptr[0], ms_read, c.a);
    access(load, c.ptr[1], ms_read, c.b);
    access(load, c.ptr[2], ms_read, c.c);
    access(load, c.ptr[3], ms_read, c.m);
    access(b.constant(kMemStore), c.ptr[4], ms_write, c.d);
  }
};

}  // namespace ziskc::sm
