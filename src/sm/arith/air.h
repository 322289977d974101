// The Arith state machine's AIR and its chunk table (docs/sm/arith.md is the full argument).
//
// Soundness contract. ArithAir proves (op, a_lo, a_hi, b_lo, b_hi, c_lo, c_hi, flag) on
// kOperationBus (sm/buses.h) only when op is one of kArithOps and (c, flag) =
// zisk::apply<op>(a, b), with c_lo, c_hi < 2^32. For the 32-bit ops a_hi = b_hi = 0 in the
// message. It assumes of others:
//   - Range16 (kRange16Bus) proves only values in [0, 2^16), BytePair (kBytePairBus) only pairs
//     of bytes, and ArithChunkTableAir proves only
//     its fixed entries: (v, 0) for v < 2^15, (v, 1) for 2^15 <= v < 2^16, (v, 2) for
//     v < 2^16.
//   - Main sends a_lo < 2^32 (memory words and immediates are canonical, docs/ZKVM.md). Only
//     the dividend's low limb of a 64-bit division (column u) is taken from the bus without a
//     range check of its own; every other limb of a, b is rebuilt from range-checked chunks.
// Padding rows (all flags zero) send nothing on any bus: every multiplicity is a multiple of a
// sum of flags.
//
// The row checks X * Y + R = P over the integers (cols.h has the layout):
//   mul:  P = X * Y, 128 bits, signed for mulh / mulsuh (X = a, Y = b);
//   div:  P = the dividend, R = the remainder, X = the quotient, Y = the divisor, with
//         0 <= e = |Y| - |R| - 1 < 2^64 (so |R| < |Y|), sign(R) in {0, sign(P)}, a division by
//         zero forcing X = all ones and MIN / -1 adding 2^64 to P (ov);
//   *_w:  the same on values shifted left by 32 bits (P, R by 64 for division).
// as four equations at 32-bit positions over 16-bit chunks with range-checked carries, every
// term below 2^52 in absolute value, so the field equations are integer equations.
#pragma once

#include <array>
#include <cstdint>

#include "base/status.h"
#include "poly/matrix.h"
#include "sm/arith/cols.h"
#include "sm/buses.h"
#include "stark/air.h"

namespace ziskc::sm {

// ---------------------------------------------------------------------------------------------
// ArithChunkTable: (value, kind) for every 16-bit value with kind its top bit (rows 0..2^16-1)
// and with kind 2, "any" (rows 2^16..2^17-1). A chunk 3 looked up as (v, n + 2 - 2 sigma)
// is a 16-bit value whose top bit is n when sigma = 1, and forces n = 0 when sigma = 0.
inline constexpr unsigned kArithChunkTableLogHeight = 17;
inline constexpr std::size_t kArithChunkTableRows = std::size_t{1} << kArithChunkTableLogHeight;
inline constexpr std::uint64_t kChunkAny = 2;

// Row of the chunk table holding (v, kind); v < 2^16, kind in {bit15(v), 2}.
constexpr std::size_t arith_chunk_row(std::uint64_t v, std::uint64_t kind) {
  return kind == kChunkAny ? (std::size_t{1} << 16) + v : v;
}

template <class T>
struct ArithChunkFixedCols {
  T value;
  T kind;
};
template <class T>
struct ArithChunkMultCols {
  T mult;
};

struct ArithChunkTableAir {
  stark::AirInfo info() const {
    return {.name = "arith_chunk_table",
            .num_main = stark::width_of<ArithChunkMultCols>(),
            .num_fixed = stark::width_of<ArithChunkFixedCols>()};
  }
  Result<poly::RowMajorMatrix> fixed_columns(unsigned log_height) const;
  template <class B>
  void eval(B& b) const {
    const auto& fix = b.template fixed<ArithChunkFixedCols>();
    const auto& cur = b.template main<ArithChunkMultCols>();
    b.prove(kArithTableBus, {fix.value, fix.kind}, cur.mult);
  }
};

// ---------------------------------------------------------------------------------------------
struct ArithAir {
  stark::AirInfo info() const {
    return {.name = "arith", .num_main = stark::width_of<ArithCols>()};
  }

  template <class B>
  void eval(B& b) const {
    using E = typename B::Expr;
    const auto& c = b.template main<ArithCols>();
    const auto k = [&](std::uint64_t v) { return b.constant(v); };
    const E one = k(1), two = k(2), t16 = k(1u << 16), t32 = k(std::uint64_t{1} << 32);
    const E m16 = k(0xFFFF), m32 = k(0xFFFF'FFFF);
    const auto limb = [&](const auto& lo, const auto& hi) { return lo + t16 * hi; };
    const auto& f = c.flags;

    // Selectors: sums of one-hot flags, so each is 0/1 on every row and products of two
    // selectors are never needed.
    E active = f[0];
    E op = k(static_cast<std::uint64_t>(kArithOps[0])) * f[0];
    for (std::size_t i = 1; i < kNumArithFlags; ++i) {
      active = active + f[i];
      op = op + k(static_cast<std::uint64_t>(kArithOps[i])) * f[i];
    }
    const E ns = f[kFMuluh] + f[kFMulsuh] + f[kFMulh];  // mul returning the high half
    const E sw = f[kFMulu] + f[kFMul] + f[kFMulW];      // mul returning the low half
    const E mul64 = ns + f[kFMulu] + f[kFMul];          // 64-bit mul (a in x)
    const E d64 = f[kFDivu] + f[kFRemu] + f[kFDiv] + f[kFRem];
    const E d32 = f[kFDivuW] + f[kFRemuW] + f[kFDivW] + f[kFRemW];
    const E div = d64 + d32;
    const E sd64 = f[kFDiv] + f[kFRem];
    const E sd32 = f[kFDivW] + f[kFRemW];
    const E sd = sd64 + sd32;                // signed division
    const E s_pw = f[kFMulsuh] + f[kFMulh];  // signed product (sign n_w)
    const E sx = s_pw + sd;                  // X signed
    const E sy = f[kFMulh] + sd;             // Y signed
    const E sig3_x = sx + f[kFDivuW];        // n_x is x[3]'s top bit (sign or output bit)
    const E sig3_w = s_pw + sd + f[kFMulW] + f[kFRemuW];  // n_w is w[3]'s top bit
    const E gw64 = mul64 + f[kFRemu] + f[kFRem];          // c = w
    const E gw32 = f[kFMulW] + f[kFRemuW] + f[kFRemW];    // c = sext32(w_hi)
    const E gx64 = f[kFDivu] + f[kFDiv];                  // c = x
    const E gx32 = f[kFDivuW] + f[kFDivW];                // c = sext32(x_hi)

    for (std::size_t i = 0; i < kNumArithFlags; ++i) {
      stark::assert_bool(b, kFlagNames[i], f[i]);
    }
    // At most one flag is set: the row is one op or padding.
    stark::assert_bool(b, "arith.one_op", active);

    // The sign / output bits are bits; with the chunk table's kinds this makes each one the
    // top bit of its chunk 3 where the op uses it and 0 elsewhere (kind 3 is not in the table).
    stark::assert_bool(b, "arith.n_x_bool", c.n_x);
    stark::assert_bool(b, "arith.n_y_bool", c.n_y);
    stark::assert_bool(b, "arith.n_z_bool", c.n_z);
    stark::assert_bool(b, "arith.n_w_bool", c.n_w);

    // 32-bit limbs.
    const E xl = limb(c.x[0], c.x[1]), xh = limb(c.x[2], c.x[3]);
    const E yl = limb(c.y[0], c.y[1]), yh = limb(c.y[2], c.y[3]);
    const E zl = limb(c.z[0], c.z[1]), zh = limb(c.z[2], c.z[3]);
    const E wl = limb(c.w[0], c.w[1]), wh = limb(c.w[2], c.w[3]);

    // 32-bit ops work on 2^32 a (mul_w) and on 2^32 q, 2^32 b (division): zero low limbs.
    const E shift_x = f[kFMulW] + d32;
    b.assert_zero("arith.shift_x0", shift_x * c.x[0]);
    b.assert_zero("arith.shift_x1", shift_x * c.x[1]);
    b.assert_zero("arith.shift_y0", d32 * c.y[0]);
    b.assert_zero("arith.shift_y1", d32 * c.y[1]);

    // Carries (docs/sm/arith.md bounds them): c_m = lo_m + 2^16 hi_m, c2 offset by -2; the lo
    // parts in Range16, hi0 and hi1 bytes (one BytePair lookup), hi2 in {0, 1, 2}. Checked
    // ranges: c0, c1 in [0, 2^24), c2 in [-2, 3 * 2^16 - 2).
    const auto& hi = c.carry_hi;
    b.assert_zero("arith.carry_hi2_range", hi[2] * (hi[2] - one) * (hi[2] - two));
    const E c0 = limb(c.carry_lo[0], hi[0]);
    const E c1 = limb(c.carry_lo[1], hi[1]);
    const E c2 = limb(c.carry_lo[2], hi[2]) - two * active;

    // X * Y + R - P = 0 at 32-bit positions. Signed values are v - 2^64 s with s the sign, so
    // X * Y = x y - 2^64 (S_x y + S_y x) + 2^128 S_x S_y; R and P sign-extend the same way.
    // S_x = sx n_x, S_y = n_y (the chunk table forces n_y = 0 unless Y is signed).
    const E s_x = sx * c.n_x;
    // Position 0 (bits 0..31).
    b.assert_zero("arith.pos0", c.x[0] * c.y[0] + t16 * (c.x[0] * c.y[1] + c.x[1] * c.y[0]) +
                                    d64 * wl - ns * zl - sw * wl - d64 * c.u - t32 * c0);
    // Position 1 (bits 32..63). For 32-bit division R and P sit one position up.
    b.assert_zero(
        "arith.pos1",
        c.x[0] * c.y[2] + c.x[1] * c.y[1] + c.x[2] * c.y[0] +
            t16 * (c.x[0] * c.y[3] + c.x[1] * c.y[2] + c.x[2] * c.y[1] + c.x[3] * c.y[0]) +
            d64 * wh + d32 * wl - ns * zh - sw * wh - d64 * zh + c0 - t32 * c1);
    // Position 2 (bits 64..95): the sign corrections start here; a 64-bit dividend's sign
    // extension is -n_z, MIN / -1 adds ov * 2^64.
    b.assert_zero("arith.pos2", c.x[1] * c.y[3] + c.x[2] * c.y[2] + c.x[3] * c.y[1] +
                                    t16 * (c.x[2] * c.y[3] + c.x[3] * c.y[2]) - s_x * yl -
                                    c.n_y * xl + d32 * wh - sd64 * c.n_w - ns * wl - sw * zl -
                                    d64 * (c.ov - c.n_z) - d32 * zh + c1 - t32 * c2);
    // Position 3 (bits 96..127), closing with the 2^128 terms: S_x S_y (= n_x n_y, as n_y = 0
    // unless X is signed too) and the product's own sign n_w for signed mul.
    b.assert_zero("arith.pos3", c.x[3] * c.y[3] - s_x * yh - c.n_y * xh - sd32 * c.n_w - ns * wh -
                                    sw * zh - d32 * (c.ov - c.n_z) + c2 +
                                    t32 * (c.n_x * c.n_y + s_pw * c.n_w));

    // Division by zero: dz only in division rows, then Y = 0 and X = all ones (the quotient
    // ZisK defines); otherwise inv proves Y != 0 (chunks are range-checked, so their sum is 0
    // only if all are).
    const E sum_y = c.y[0] + c.y[1] + c.y[2] + c.y[3];
    stark::assert_bool(b, "arith.dz_bool", c.dz);
    b.assert_zero("arith.dz_only_div", c.dz * (one - div));
    b.assert_zero("arith.dz_y_zero", c.dz * sum_y);
    b.assert_zero("arith.y_nonzero", (div - c.dz) * (one - c.inv * sum_y));
    b.assert_zero("arith.dz_q0", c.dz * (c.x[0] - m16 + m16 * d32));
    b.assert_zero("arith.dz_q1", c.dz * (c.x[1] - m16 + m16 * d32));
    b.assert_zero("arith.dz_q2", c.dz * (c.x[2] - m16));
    b.assert_zero("arith.dz_q3", c.dz * (c.x[3] - m16));

    // Overflow MIN / -1 (signed division only): the operands are exactly those (the identity
    // then forces X = MIN, R = 0); without ov that case has no solution (X = 2^63 does not fit).
    stark::assert_bool(b, "arith.ov_bool", c.ov);
    b.assert_zero("arith.ov_only_signed_div", c.ov * (one - sd));
    b.assert_zero("arith.ov_a_lo", c.ov * c.u);
    b.assert_zero("arith.ov_a2", c.ov * c.z[2]);
    b.assert_zero("arith.ov_a3", c.ov * (c.z[3] - k(0x8000)));
    b.assert_zero("arith.ov_b0", c.ov * (c.y[0] - m16 + m16 * d32));
    b.assert_zero("arith.ov_b1", c.ov * (c.y[1] - m16 + m16 * d32));
    b.assert_zero("arith.ov_b2", c.ov * (c.y[2] - m16));
    b.assert_zero("arith.ov_b3", c.ov * (c.y[3] - m16));

    // Truncating division: a negative remainder needs a negative dividend, and a negative
    // dividend with a non-negative remainder needs the remainder to be zero.
    b.assert_zero("arith.rem_sign", sd * c.n_w * (one - c.n_z));
    b.assert_zero("arith.rem_zero", c.n_z * (one - c.n_w) * (c.w[0] + c.w[1] + c.w[2] + c.w[3]));

    // Remainder bound: e = |Y| - |W| - 1 with e_lo = z[0..1], e_hi range-checked, so |R| < |Y|.
    // |v| = t + s with t = v, or its one's complement when the sign s is 1 (chunk-wise). In
    // division rows the signs are n_y, n_w, except remu_w whose n_w is an output bit (the last
    // term removes it; remu_w is a division row, so div * f = f).
    b.assert_zero("arith.beta_range", c.beta * (c.beta - one) * (c.beta - two));
    const E yt_lo = yl + c.n_y * (m32 - two * yl), yt_hi = yh + c.n_y * (m32 - two * yh);
    const E wt_lo = wl + c.n_w * (m32 - two * wl), wt_hi = wh + c.n_w * (m32 - two * wh);
    b.assert_zero("arith.rem_bound_lo",
                  div * (zl - yt_lo + wt_lo - c.n_y + c.n_w + one - t32 * c.beta) -
                      f[kFRemuW] * c.n_w * (m32 - two * wl + one));
    b.assert_zero("arith.rem_bound_hi",
                  div * (limb(c.e_hi[0], c.e_hi[1]) - yt_hi + wt_hi + c.beta) -
                      f[kFRemuW] * c.n_w * (m32 - two * wh));

    // Cells a row kind does not use are zero, so an active row's witness is unique.
    b.assert_zero("arith.u_unused", (one - d64) * c.u);
    b.assert_zero("arith.e_hi0_unused", (one - div) * c.e_hi[0]);
    b.assert_zero("arith.e_hi1_unused", (one - div) * c.e_hi[1]);
    b.assert_zero("arith.beta_unused", (one - div) * c.beta);
    b.assert_zero("arith.inv_unused", (one - div + c.dz) * c.inv);

    // Range checks. Chunks 0..2 in Range16; z[0..1] are product chunks or e_lo (not checked
    // for a division by zero, where e is meaningless); chunks 3 with their top bit.
    // (dz only counts in division rows, so a padding row sends nothing whatever it holds.)
    const E dz_div = div * c.dz;
    const E chk_e = div - dz_div;
    const E chk_z = active - dz_div;
    b.assume(kRange16Bus, {c.x[0]}, active);
    b.assume(kRange16Bus, {c.x[1]}, active);
    b.assume(kRange16Bus, {c.x[2]}, active);
    b.assume(kRange16Bus, {c.y[0]}, active);
    b.assume(kRange16Bus, {c.y[1]}, active);
    b.assume(kRange16Bus, {c.y[2]}, active);
    b.assume(kRange16Bus, {c.z[0]}, chk_z);
    b.assume(kRange16Bus, {c.z[1]}, chk_z);
    b.assume(kRange16Bus, {c.z[2]}, active);
    b.assume(kRange16Bus, {c.w[0]}, active);
    b.assume(kRange16Bus, {c.w[1]}, active);
    b.assume(kRange16Bus, {c.w[2]}, active);
    b.assume(kRange16Bus, {c.e_hi[0]}, chk_e);
    b.assume(kRange16Bus, {c.e_hi[1]}, chk_e);
    b.assume(kRange16Bus, {c.carry_lo[0]}, active);
    b.assume(kRange16Bus, {c.carry_lo[1]}, active);
    b.assume(kRange16Bus, {c.carry_lo[2]}, active);
    b.assume(kBytePairBus, {hi[0], hi[1]}, active);
    b.assume(kArithTableBus, {c.x[3], c.n_x + two - two * sig3_x}, active);
    b.assume(kArithTableBus, {c.y[3], c.n_y + two - two * sy}, active);
    b.assume(kArithTableBus, {c.z[3], c.n_z + two - two * sd}, active);
    b.assume(kArithTableBus, {c.w[3], c.n_w + two - two * sig3_w}, active);

    // The operation, with a and b where the layout put them and c the returned part.
    const E a_lo = mul64 * xl + f[kFMulW] * xh + d64 * c.u + d32 * zh;
    const E a_hi = mul64 * xh + d64 * zh;
    const E b_lo = yl + d32 * yh;
    const E b_hi = yh - d32 * yh;
    const E c_lo = gw64 * wl + gw32 * wh + gx64 * xl + gx32 * xh;
    const E c_hi = gw64 * wh + gx64 * xh + m32 * (gw32 * c.n_w + gx32 * c.n_x);
    b.prove(kOperationBus, {op, a_lo, a_hi, b_lo, b_hi, c_lo, c_hi, c.dz + c.ov}, active);
  }

 private:
  static constexpr std::array<const char*, kNumArithFlags> kFlagNames = {
      "arith.flag_mulu",  "arith.flag_muluh", "arith.flag_mulsuh", "arith.flag_mul",
      "arith.flag_mulh",  "arith.flag_mul_w", "arith.flag_divu",   "arith.flag_remu",
      "arith.flag_div",   "arith.flag_rem",   "arith.flag_divu_w", "arith.flag_remu_w",
      "arith.flag_div_w", "arith.flag_rem_w",
  };
};

}  // namespace ziskc::sm
