// The BinaryExtension AIRs (docs/sm/binary_extension.md): BinaryShiftAir (sll, srl, sra),
// BinaryShiftWAir (sll_w, srl_w, sra_w), BinarySextAir (signextend_b/h/w), and the fixed
// BinaryShiftTableAir. Every AIR row holds several independent slots; the contract below holds
// slot by slot (slots share no column).
//
// Soundness contract. Each machine proves on kOperationBus
//   (op, a_lo, a_hi, b_lo, b_hi, c_lo, c_hi, 0)   with (c, 0) = zisk::apply<op>(a, b)
// from slots whose selector is 1, and nothing from slots whose selector is 0, provided the
// Range16, BytePair and BinaryShiftTable buses balance. c_lo and c_hi are canonical 32-bit
// limbs. Assumed of others (Main's guarantee): a_lo, a_hi, b_lo, b_hi are integers < 2^32.
// Results depend only on what zisk::apply reads (b mod 64 for shifts, a_lo for the _w shifts,
// the low 8/16/32 bits of b for sign extension), so any value of the other limbs gives a true
// tuple; Main sends zero high halves for m32 ops.
//
// Why (shifts): the table row of (kind, op, s) fixes the control values; Q is a power of two
// 2^(16-w) with w <= 16, so the product equations multiplied by Q are, over the integers,
//   64-bit: a_lo * 2^w = d0 + 2^16 d1 + 2^32 k,  a_hi * 2^w + k = d2 + 2^16 d3 + 2^32 d4
//   _w:     a_lo * 2^w = d0 + 2^16 d1 + 2^32 d2
// (both sides below 2^49; d, k in Range16), so d is the exact product in 16-bit digits.
// s = b_lo - 2^6 q0 - 2^22 q1 with q in Range16 is b_lo mod 64 (the table only holds s < 64,
// and b_lo < 2^32 keeps the sum exact). c is then the window that u and dir select plus sign
// times the table's mask; e is a 16-bit value whose bit 15 is the sign bit that op needs
// (bit 63 of a = bit w-1 of d4, bit 31 of a_lo = bit w-1 of d2, both moved to bit 15 by Q; bit 31
// of the sll_w result = bit 15 of the window's high chunk), and the lookup of 2e - 2^16 sign in
// Range16 forces sign to be that bit. The kind element (0 or 1, a constant of each AIR) keeps
// each AIR to its own ops' table rows.
// Why (sext): v in BytePair and h in Range16 make b_lo = v0 + 2^8 v1 + 2^16 h the unique
// byte / chunk split; t < 2^16 is the value whose bit 15 is bit 7 / 15 / 31 of b, and the
// Range16 lookup of 2t - 2^16 sign forces sign.
// Selectors (sums of a one-hot group) are constrained boolean, so no slot sends a negative or
// repeated copy; the table's one-hot rows make u sum to 1 on every slot that looks it up.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <vector>

#include "sm/binary_extension/cols.h"
#include "sm/buses.h"
#include "stark/air.h"
#include "zisk/ops.h"

namespace ziskc::sm {

inline constexpr unsigned kBinaryShiftTableLogHeight = 9;  // 6 ops x 64 shift amounts <= 512
inline constexpr std::size_t kBinaryShiftTableRows = std::size_t{1} << kBinaryShiftTableLogHeight;

// The shift ops in table order (row of (op, s) = index * 64 + s); the first three are
// BinaryShift's (table kind 0), the last three BinaryShiftW's (kind 1).
inline constexpr std::array<zisk::Op, 6> kBinaryShiftTableOps = {zisk::Op::kSll,  zisk::Op::kSrl,
                                                                 zisk::Op::kSra,  zisk::Op::kSllW,
                                                                 zisk::Op::kSrlW, zisk::Op::kSraW};

// The control values of (op, s), s = b mod 64: one row of the BinaryShiftTable.
struct ShiftControl {
  std::uint64_t kind = 0;  // 0 for sll/srl/sra, 1 for the _w forms
  std::uint64_t op = 0;
  std::uint64_t s = 0;
  std::uint64_t q_pow = 0;  // 2^(16 - w)
  std::uint64_t dir = 0;
  std::uint64_t u = 0;  // index of the one-hot u column
  std::uint64_t ml = 0, mh = 0;
  unsigned w = 0;  // the multiplier is 2^w
};
// op must be a shift op, s < 64.
ShiftControl shift_control(zisk::Op op, unsigned s);
// Row of the table holding (op, s).
std::size_t shift_table_row(zisk::Op op, unsigned s);

// The control values of every table row, in row order (kBinaryShiftTableOps x 64).
const std::vector<ShiftControl>& shift_controls();

// Constraint names of slot 0..3 (the engine keeps the literal pointers).
#define ZISKC_BINARY_EXTENSION_SLOT_NAMES(base) \
  { base "[0]", base "[1]", base "[2]", base "[3]" }

struct BinaryShiftAir {
  stark::AirInfo info() const {
    return {.name = "binary_shift", .num_main = stark::width_of<BinaryShiftCols>()};
  }

  template <class B>
  void eval(B& b) const {
    using E = typename B::Expr;
    static constexpr const char* kSel[] =
        ZISKC_BINARY_EXTENSION_SLOT_NAMES("binary_shift.sel_bool");
    static constexpr const char* kMulLo[] =
        ZISKC_BINARY_EXTENSION_SLOT_NAMES("binary_shift.mul_lo");
    static constexpr const char* kMulHi[] =
        ZISKC_BINARY_EXTENSION_SLOT_NAMES("binary_shift.mul_hi");
    static constexpr const char* kCLo[] = ZISKC_BINARY_EXTENSION_SLOT_NAMES("binary_shift.c_lo");
    static constexpr const char* kCHi[] = ZISKC_BINARY_EXTENSION_SLOT_NAMES("binary_shift.c_hi");
    static constexpr const char* kE[] = ZISKC_BINARY_EXTENSION_SLOT_NAMES("binary_shift.e");
    static constexpr const char* kSign[] =
        ZISKC_BINARY_EXTENSION_SLOT_NAMES("binary_shift.sign_bool");
    static_assert(kBinaryShiftSlots <= std::size(kSel));
    const auto& row = b.template main<BinaryShiftCols>();
    const E one = b.constant(1);
    const E two16 = b.constant(1ull << 16);
    const E two32 = b.constant(1ull << 32);
    for (std::size_t sl = 0; sl < kBinaryShiftSlots; ++sl) {
      const auto& r = row.slot[sl];
      const E sel = r.u[0] + r.u[1] + r.u[2] + r.u[3];
      stark::assert_bool(b, kSel[sl], sel);
      // s = b_lo mod 64 (its range and the control values come from the table lookup below).
      const E s = r.b[0] - b.constant(1ull << 6) * r.q[0] - b.constant(1ull << 22) * r.q[1];
      // a * 2^w = sum d_i 2^(16 i), written times Q = 2^(16 - w) so that 2^w is not a column.
      b.assert_zero(kMulLo[sl], r.a[0] * two16 - r.q_pow * (r.d[0] + two16 * r.d[1] + two32 * r.k));
      b.assert_zero(kMulHi[sl], r.a[1] * two16 + r.q_pow * r.k -
                                    r.q_pow * (r.d[2] + two16 * r.d[3] + two32 * r.d[4]));
      // Windows of the 128-bit a * 2^t: left = bits 0..63, right = bits 64..127.
      const E wl_lo = r.u[0] * (r.d[0] + two16 * r.d[1]) + r.u[1] * (two16 * r.d[0]);
      const E wl_hi = r.u[0] * (r.d[2] + two16 * r.d[3]) + r.u[1] * (r.d[1] + two16 * r.d[2]) +
                      r.u[2] * (r.d[0] + two16 * r.d[1]) + r.u[3] * (two16 * r.d[0]);
      const E wr_lo = r.u[0] * r.d[4] + r.u[1] * (r.d[3] + two16 * r.d[4]) +
                      r.u[2] * (r.d[2] + two16 * r.d[3]) + r.u[3] * (r.d[1] + two16 * r.d[2]);
      const E wr_hi = r.u[2] * r.d[4] + r.u[3] * (r.d[3] + two16 * r.d[4]);
      b.assert_zero(kCLo[sl], r.c[0] - ((one - r.dir) * wl_lo + r.dir * wr_lo + r.sign * r.ml));
      b.assert_zero(kCHi[sl], r.c[1] - ((one - r.dir) * wl_hi + r.dir * wr_hi + r.sign * r.mh));
      // Bit w - 1 of d4 (bit 63 of a) moved to bit 15.
      b.assert_zero(kE[sl], r.e - r.q_pow * r.d[4]);
      stark::assert_bool(b, kSign[sl], r.sign);

      b.assume(kRange16Bus, {r.q[0]}, sel);
      b.assume(kRange16Bus, {r.q[1]}, sel);
      b.assume(kRange16Bus, {r.k}, sel);
      for (int i = 0; i < 5; ++i) b.assume(kRange16Bus, {r.d[i]}, sel);
      b.assume(kRange16Bus, {b.constant(2) * r.e - two16 * r.sign}, sel);
      b.assume(kBinaryExtensionTableBus,
               {b.constant(0), r.op, s, r.q_pow, r.dir, r.u[0], r.u[1], r.u[2], r.u[3], r.ml, r.mh},
               sel);
      b.prove(kOperationBus, {r.op, r.a[0], r.a[1], r.b[0], r.b[1], r.c[0], r.c[1], b.constant(0)},
              sel);
    }
  }
};

struct BinaryShiftWAir {
  stark::AirInfo info() const {
    return {.name = "binary_shift_w", .num_main = stark::width_of<BinaryShiftWCols>()};
  }

  template <class B>
  void eval(B& b) const {
    using E = typename B::Expr;
    static constexpr const char* kSel[] =
        ZISKC_BINARY_EXTENSION_SLOT_NAMES("binary_shift_w.sel_bool");
    static constexpr const char* kMul[] = ZISKC_BINARY_EXTENSION_SLOT_NAMES("binary_shift_w.mul");
    static constexpr const char* kCLo[] = ZISKC_BINARY_EXTENSION_SLOT_NAMES("binary_shift_w.c_lo");
    static constexpr const char* kCHi[] = ZISKC_BINARY_EXTENSION_SLOT_NAMES("binary_shift_w.c_hi");
    static constexpr const char* kE[] = ZISKC_BINARY_EXTENSION_SLOT_NAMES("binary_shift_w.e");
    static constexpr const char* kSign[] =
        ZISKC_BINARY_EXTENSION_SLOT_NAMES("binary_shift_w.sign_bool");
    static_assert(kBinaryShiftWSlots <= std::size(kSel));
    const auto& row = b.template main<BinaryShiftWCols>();
    const E one = b.constant(1);
    const E zero = b.constant(0);
    const E two16 = b.constant(1ull << 16);
    const E two32 = b.constant(1ull << 32);
    for (std::size_t sl = 0; sl < kBinaryShiftWSlots; ++sl) {
      const auto& r = row.slot[sl];
      const E sel = r.u[0] + r.u[1];
      stark::assert_bool(b, kSel[sl], sel);
      const E s = r.b[0] - b.constant(1ull << 6) * r.q[0] - b.constant(1ull << 22) * r.q[1];
      // a_lo * 2^w = d0 + 2^16 d1 + 2^32 d2, times Q.
      b.assert_zero(kMul[sl],
                    r.a[0] * two16 - r.q_pow * (r.d[0] + two16 * r.d[1] + two32 * r.d[2]));
      // Windows of the 64-bit a_lo * 2^t: left = bits 0..31, right = bits 32..63.
      const E wl = r.u[0] * (r.d[0] + two16 * r.d[1]) + r.u[1] * (two16 * r.d[0]);
      const E wr = r.u[0] * r.d[2] + r.u[1] * (r.d[1] + two16 * r.d[2]);
      b.assert_zero(kCLo[sl], r.c[0] - ((one - r.dir) * wl + r.dir * wr + r.sign * r.ml));
      b.assert_zero(kCHi[sl], r.c[1] - r.sign * r.mh);
      // Right: bit w - 1 of d2 (bit 31 of a_lo) moved to bit 15; left: the window's high chunk.
      b.assert_zero(kE[sl], r.e - (r.dir * r.q_pow * r.d[2] +
                                   (one - r.dir) * (r.u[0] * r.d[1] + r.u[1] * r.d[0])));
      stark::assert_bool(b, kSign[sl], r.sign);

      b.assume(kRange16Bus, {r.q[0]}, sel);
      b.assume(kRange16Bus, {r.q[1]}, sel);
      for (int i = 0; i < 3; ++i) b.assume(kRange16Bus, {r.d[i]}, sel);
      b.assume(kRange16Bus, {b.constant(2) * r.e - two16 * r.sign}, sel);
      b.assume(kBinaryExtensionTableBus,
               {one, r.op, s, r.q_pow, r.dir, r.u[0], r.u[1], zero, zero, r.ml, r.mh}, sel);
      b.prove(kOperationBus, {r.op, r.a[0], r.a[1], r.b[0], r.b[1], r.c[0], r.c[1], b.constant(0)},
              sel);
    }
  }
};

struct BinarySextAir {
  stark::AirInfo info() const {
    return {.name = "binary_sext", .num_main = stark::width_of<BinarySextCols>()};
  }

  template <class B>
  void eval(B& b) const {
    using E = typename B::Expr;
    static constexpr const char* kF[] = ZISKC_BINARY_EXTENSION_SLOT_NAMES("binary_sext.f_bool");
    static constexpr const char* kSel[] = ZISKC_BINARY_EXTENSION_SLOT_NAMES("binary_sext.sel_bool");
    static constexpr const char* kSign[] =
        ZISKC_BINARY_EXTENSION_SLOT_NAMES("binary_sext.sign_bool");
    static constexpr const char* kT[] = ZISKC_BINARY_EXTENSION_SLOT_NAMES("binary_sext.t");
    static constexpr const char* kCLo[] = ZISKC_BINARY_EXTENSION_SLOT_NAMES("binary_sext.c_lo");
    static_assert(kBinarySextSlots <= std::size(kSel));
    const auto& row = b.template main<BinarySextCols>();
    const E two8 = b.constant(1ull << 8);
    const E two16 = b.constant(1ull << 16);
    const E op_b = b.constant(static_cast<std::uint64_t>(zisk::Op::kSignExtendB));
    const E op_h = b.constant(static_cast<std::uint64_t>(zisk::Op::kSignExtendH));
    const E op_w = b.constant(static_cast<std::uint64_t>(zisk::Op::kSignExtendW));
    for (std::size_t sl = 0; sl < kBinarySextSlots; ++sl) {
      const auto& r = row.slot[sl];
      for (int i = 0; i < 3; ++i) stark::assert_bool(b, kF[sl], r.f[i]);
      const E sel = r.f[0] + r.f[1] + r.f[2];
      stark::assert_bool(b, kSel[sl], sel);
      stark::assert_bool(b, kSign[sl], r.sign);
      const E low16 = r.v[0] + two8 * r.v[1];
      const E b_lo = low16 + two16 * r.h;
      // The 16-bit value whose bit 15 is the sign: byte 0 moved up, the low half, the high half.
      b.assert_zero(kT[sl], r.t - (r.f[0] * (two8 * r.v[0]) + r.f[1] * low16 + r.f[2] * r.h));
      b.assert_zero(kCLo[sl],
                    r.c_lo - (r.f[0] * (r.v[0] + r.sign * b.constant((1ull << 32) - (1ull << 8))) +
                              r.f[1] * (low16 + r.sign * b.constant((1ull << 32) - (1ull << 16))) +
                              r.f[2] * b_lo));
      const E op = op_b * r.f[0] + op_h * r.f[1] + op_w * r.f[2];

      b.assume(kBytePairBus, {r.v[0], r.v[1]}, sel);
      b.assume(kRange16Bus, {r.h}, sel);
      b.assume(kRange16Bus, {b.constant(2) * r.t - two16 * r.sign}, sel);
      b.prove(kOperationBus,
              {op, r.a[0], r.a[1], b_lo, r.b_hi, r.c_lo, r.sign * b.constant(0xffffffffull),
               b.constant(0)},
              sel);
    }
  }
};

#undef ZISKC_BINARY_EXTENSION_SLOT_NAMES

// The (kind, op, s) -> control table of the shift AIRs: 2^9 rows, every row an entry (rows past
// the 384 real ones repeat the last entry). Proves its tuple `mult` times.
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
    b.prove(kBinaryExtensionTableBus,
            {f.kind, f.op, f.s, f.q_pow, f.dir, f.u[0], f.u[1], f.u[2], f.u[3], f.ml, f.mh},
            b.main_row()[0]);
  }
};

}  // namespace ziskc::sm
