// The BinaryExtension AIRs (docs/sm/binary_extension.md): BinaryShiftAir (sll, srl, sra and
// their _w forms), BinarySextAir (signextend_b/h/w) and the fixed BinaryShiftTableAir.
//
// Soundness contract. Each machine proves on kOperationBus
//   (op, a_lo, a_hi, b_lo, b_hi, c_lo, c_hi, 0)   with (c, 0) = zisk::apply<op>(a, b)
// from rows whose selector is 1, and nothing from rows whose selector is 0, provided the
// Range16, BytePair and BinaryShiftTable buses balance. c_lo and c_hi are canonical 32-bit
// limbs. Assumed of others (Main's guarantee): a_lo, a_hi, b_lo, b_hi are integers < 2^32.
// Results depend only on what zisk::apply reads (b mod 64 or mod 32 for shifts, the low 8/16/32
// bits of b for sign extension, a_lo for the _w shifts), so any value of the other limbs gives
// a true tuple; Main sends zero high halves for m32 ops.
//
// Why (shift): with the table row of (op, s) the control values are those of the table, Q is a
// power of two 2^(16-w) with w < 17, so the two product equations multiplied by Q are
//   X_lo * 2^w = d0 + 2^16 d1 + 2^32 k,  X_hi * 2^w + k = d2 + 2^16 d3 + 2^32 d4
// between integers below 2^49 (all d, k looked up in Range16): X * 2^w = sum d_i 2^(16 i)
// exactly. s = b_lo - 2^6 q0 - 2^22 q1 with q in Range16 is b_lo mod 64 (the table only holds
// s < 64, and b_lo < 2^32 keeps the sum exact). c is then the window the table's u and dir
// select, which is the shift, plus sign times the table's mask; e is a 16-bit value whose bit 15
// is the sign bit of X (right shifts: e = d4 * Q) or of the 32-bit result (sll_w), and the
// lookup of 2e - 2^16 sign in Range16 forces sign to be that bit.
// Why (sext): v in BytePair and h in Range16 make b_lo = v0 + 2^8 v1 + 2^16 h the unique byte /
// chunk split; the Range16 lookup of 2T - 2^16 sign, T in [0, 2^16) the 16-bit value whose top
// bit is bit 7 / 15 / 31 of b, forces sign.
// Selectors (sum of a one-hot group) are constrained boolean, so no row sends a negative or
// repeated copy; the table's one-hot rows make u sum to 1 on every row that looks it up.
#pragma once

#include <cstdint>

#include "sm/binary_extension/cols.h"
#include "sm/buses.h"
#include "stark/air.h"
#include "zisk/ops.h"

namespace ziskc::sm {

inline constexpr unsigned kBinaryShiftTableLogHeight = 9;  // 6 ops x 64 shift amounts <= 512

struct BinaryShiftAir {
  stark::AirInfo info() const {
    return {.name = "binary_shift", .num_main = stark::width_of<BinaryShiftCols>()};
  }

  template <class B>
  void eval(B& b) const {
    using E = typename B::Expr;
    const auto& r = b.template main<BinaryShiftCols>();
    const E one = b.constant(1);
    const E two16 = b.constant(1ull << 16);
    const E two32 = b.constant(1ull << 32);
    const E sel = r.u[0] + r.u[1] + r.u[2] + r.u[3];
    stark::assert_bool(b, "binary_shift.sel_bool", sel);

    // s = b_lo mod 64 (its range and the control values come from the table lookup below).
    const E s = r.b[0] - b.constant(1ull << 6) * r.q[0] - b.constant(1ull << 22) * r.q[1];
    // X = a, or a_lo * 2^32 for srl_w / sra_w (z = 1).
    const E x_lo = r.a[0] - r.z * r.a[0];
    const E x_hi = r.a[1] + r.z * (r.a[0] - r.a[1]);
    // X * 2^w = sum d_i 2^(16 i), written times Q = 2^(16 - w) so that 2^w is not a column.
    b.assert_zero("binary_shift.mul_lo",
                  x_lo * two16 - r.q_pow * (r.d[0] + two16 * r.d[1] + two32 * r.k));
    b.assert_zero("binary_shift.mul_hi", x_hi * two16 + r.q_pow * r.k -
                                             r.q_pow * (r.d[2] + two16 * r.d[3] + two32 * r.d[4]));

    // Windows of the 128-bit X * 2^t: left = bits 0..63, right = bits 64..127.
    const E wl_lo = r.u[0] * (r.d[0] + two16 * r.d[1]) + r.u[1] * (two16 * r.d[0]);
    const E wl_hi = r.u[0] * (r.d[2] + two16 * r.d[3]) + r.u[1] * (r.d[1] + two16 * r.d[2]) +
                    r.u[2] * (r.d[0] + two16 * r.d[1]) + r.u[3] * (two16 * r.d[0]);
    const E wr_lo = r.u[0] * r.d[4] + r.u[1] * (r.d[3] + two16 * r.d[4]) +
                    r.u[2] * (r.d[2] + two16 * r.d[3]) + r.u[3] * (r.d[1] + two16 * r.d[2]);
    const E wr_hi = r.u[2] * r.d[4] + r.u[3] * (r.d[3] + two16 * r.d[4]);
    b.assert_zero("binary_shift.c_lo",
                  r.c[0] - ((one - r.dir) * wl_lo + r.dir * wr_lo + r.sign * r.ml));
    // sll_w (g = 1) keeps only the sign extension in c_hi.
    b.assert_zero("binary_shift.c_hi",
                  r.c[1] - ((one - r.dir - r.g) * wl_hi + r.dir * wr_hi + r.sign * r.mh));

    // Sign source: right shifts the top bit of X (bit w - 1 of d4, moved to bit 15 by Q), left
    // shifts bit 31 of the low window (its high chunk).
    b.assert_zero("binary_shift.e", r.e - (r.dir * r.q_pow * r.d[4] +
                                           (one - r.dir) * (r.u[0] * r.d[1] + r.u[1] * r.d[0])));
    stark::assert_bool(b, "binary_shift.sign_bool", r.sign);

    b.assume(kRange16Bus, {r.q[0]}, sel);
    b.assume(kRange16Bus, {r.q[1]}, sel);
    b.assume(kRange16Bus, {r.k}, sel);
    for (int i = 0; i < 5; ++i) b.assume(kRange16Bus, {r.d[i]}, sel);
    b.assume(kRange16Bus, {b.constant(2) * r.e - two16 * r.sign}, sel);
    b.assume(kBinaryExtensionTableBus,
             {r.op, s, r.q_pow, r.dir, r.u[0], r.u[1], r.u[2], r.u[3], r.ml, r.mh, r.g, r.z}, sel);
    b.prove(kOperationBus, {r.op, r.a[0], r.a[1], r.b[0], r.b[1], r.c[0], r.c[1], b.constant(0)},
            sel);
  }
};

struct BinarySextAir {
  stark::AirInfo info() const {
    return {.name = "binary_sext", .num_main = stark::width_of<BinarySextCols>()};
  }

  template <class B>
  void eval(B& b) const {
    using E = typename B::Expr;
    const auto& r = b.template main<BinarySextCols>();
    const E two8 = b.constant(1ull << 8);
    const E two16 = b.constant(1ull << 16);
    for (int i = 0; i < 3; ++i) stark::assert_bool(b, "binary_sext.f_bool", r.f[i]);
    const E sel = r.f[0] + r.f[1] + r.f[2];
    stark::assert_bool(b, "binary_sext.sel_bool", sel);
    stark::assert_bool(b, "binary_sext.sign_bool", r.sign);

    const E low16 = r.v[0] + two8 * r.v[1];
    const E b_lo = low16 + two16 * r.h;
    // The 16-bit value whose bit 15 is the sign: byte 0 moved up, the low half, the high half.
    const E top = r.f[0] * (two8 * r.v[0]) + r.f[1] * low16 + r.f[2] * r.h;
    const E c_lo = r.f[0] * (r.v[0] + r.sign * b.constant((1ull << 32) - (1ull << 8))) +
                   r.f[1] * (low16 + r.sign * b.constant((1ull << 32) - (1ull << 16))) +
                   r.f[2] * b_lo;
    const E c_hi = r.sign * b.constant(0xffffffffull);
    const E op = b.constant(static_cast<std::uint64_t>(zisk::Op::kSignExtendB)) * r.f[0] +
                 b.constant(static_cast<std::uint64_t>(zisk::Op::kSignExtendH)) * r.f[1] +
                 b.constant(static_cast<std::uint64_t>(zisk::Op::kSignExtendW)) * r.f[2];

    b.assume(kBytePairBus, {r.v[0], r.v[1]}, sel);
    b.assume(kRange16Bus, {r.h}, sel);
    b.assume(kRange16Bus, {b.constant(2) * top - two16 * r.sign}, sel);
    b.prove(kOperationBus, {op, r.a[0], r.a[1], b_lo, r.b_hi, c_lo, c_hi, b.constant(0)}, sel);
  }
};

// The (op, s) -> control table of BinaryShift: 2^9 rows, every row an entry (rows past the 384
// real ones repeat the last entry). Proves its tuple `mult` times.
struct BinaryShiftTableAir {
  stark::AirInfo info() const {
    return {.name = "binary_shift_table",
            .num_main = 1,
            .num_fixed = stark::width_of<BinaryShiftTableFixedCols>()};
  }
  Result<poly::RowMajorMatrix> fixed_columns(unsigned log_height) const;
  template <class B>
  void eval(B& b) const {
    const auto& f = b.template fixed<BinaryShiftTableFixedCols>();
    const auto& mult = b.main_row()[0];
    b.prove(kBinaryExtensionTableBus,
            {f.op, f.s, f.q_pow, f.dir, f.u[0], f.u[1], f.u[2], f.u[3], f.ml, f.mh, f.g, f.z},
            mult);
  }
};

}  // namespace ziskc::sm
