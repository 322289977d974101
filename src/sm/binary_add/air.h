// The BinaryAdd AIR (docs/sm/binary_add.md): 64-bit wrap-around addition, kBinaryAddSlots adds
// per row (each slot is independent; the contract below holds slot by slot).
//
// Soundness contract. On a slot with sel = 1 the machine proves on kOperationBus
//   (add, a_lo, a_hi, b_lo, b_hi, c_lo, c_hi, 0)     with c = (a + b) mod 2^64
// exactly when the Range16 bus balances, and it sends nothing from slots with sel = 0.
// It assumes (Main's guarantee, docs/ZKVM.md) that a_lo, a_hi, b_lo, b_hi are canonical
// integers < 2^32: they come from memory words or immediates, which are range-checked where
// they are produced. Under that assumption:
//  - c[0..3] are looked up in Range16, so c_lo, c_hi are integers < 2^32;
//  - d_lo = a_lo + b_lo - c_lo lies in (-2^32, 2^33) as an integer, far from p, so
//    d_lo * (d_lo - 2^32) = 0 means d_lo is 0 or 2^32 as an integer: carry_lo = d_lo / 2^32 is
//    the carry of the low limbs and c_lo = (a_lo + b_lo) mod 2^32;
//  - likewise d_hi = a_hi + b_hi + carry_lo - c_hi is 0 or 2^32, so c_hi is the high limb of
//    a + b and the carry out of bit 63 is dropped (wrap-around).
// Multiplicities are sel, constrained boolean, so no slot can send a negative or repeated copy.
#pragma once

#include <cstddef>
#include <iterator>

#include "sm/binary_add/cols.h"
#include "sm/buses.h"
#include "stark/air.h"
#include "zisk/ops.h"

namespace ziskc::sm {

struct BinaryAddAir {
  stark::AirInfo info() const {
    return {.name = "binary_add", .num_main = stark::width_of<BinaryAddCols>()};
  }

  template <class B>
  void eval(B& b) const {
    using E = typename B::Expr;
    static constexpr const char* kSelBool[] = {"binary_add.s0.sel_bool", "binary_add.s1.sel_bool",
                                               "binary_add.s2.sel_bool", "binary_add.s3.sel_bool"};
    static constexpr const char* kCarryLo[] = {"binary_add.s0.carry_lo", "binary_add.s1.carry_lo",
                                               "binary_add.s2.carry_lo", "binary_add.s3.carry_lo"};
    static constexpr const char* kCarryHi[] = {"binary_add.s0.carry_hi", "binary_add.s1.carry_hi",
                                               "binary_add.s2.carry_hi", "binary_add.s3.carry_hi"};
    static_assert(std::size(kSelBool) == kBinaryAddSlots);
    const auto& row = b.template main<BinaryAddCols>();
    const E two16 = b.constant(1ull << 16);
    const E two32 = b.constant(1ull << 32);
    const E inv_two32 = b.constant(field::Fe::from_u64(1ull << 32).inverse());
    const E op = b.constant(static_cast<std::uint64_t>(zisk::Op::kAdd));
    for (std::size_t s = 0; s < kBinaryAddSlots; ++s) {
      const auto& r = row.slot[s];
      // Padding slots (sel = 0) send nothing; active slots send exactly one copy.
      stark::assert_bool(b, kSelBool[s], r.sel);

      const E c_lo = r.c[0] + two16 * r.c[1];
      const E c_hi = r.c[2] + two16 * r.c[3];
      // Low limbs: a_lo + b_lo = c_lo + 2^32 * carry_lo with carry_lo in {0, 1}.
      const E d_lo = r.a[0] + r.b[0] - c_lo;
      b.assert_zero(kCarryLo[s], d_lo * (d_lo - two32));
      // High limbs with the carry in; the carry out of bit 63 (0 or 1) is dropped.
      const E d_hi = r.a[1] + r.b[1] + d_lo * inv_two32 - c_hi;
      b.assert_zero(kCarryHi[s], d_hi * (d_hi - two32));

      // Each 16-bit chunk of c is in [0, 2^16).
      for (int i = 0; i < 4; ++i) b.assume(kRange16Bus, {r.c[i]}, r.sel);
      b.prove(kOperationBus, {op, r.a[0], r.a[1], r.b[0], r.b[1], c_lo, c_hi, b.constant(0)},
              r.sel);
    }
  }
};

}  // namespace ziskc::sm
