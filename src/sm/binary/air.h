// The Binary AIRs (docs/sm/binary.md): BinaryAir (ltu, leu, eq, sub, minu, maxu, ltu_w, leu_w,
// eq_w, add_w, sub_w; 2 slots per row), BinarySignedAir (lt, le, min, max, their _w forms,
// minu_w, maxu_w), BinaryLogicAir (and, or, xor; 2 slots) and the fixed BinaryTableAir
// (x, y, x & y). Slots share no column; the contract holds slot by slot.
//
// Soundness contract. Each machine proves on kOperationBus
//   (op, a_lo, a_hi, b_lo, b_hi, c_lo, c_hi, flag)   with (c, flag) = zisk::apply<op>(a, b)
// from slots whose selector is 1, and nothing from slots whose selector is 0, provided the
// Range16 and BinaryTable buses balance; c_lo, c_hi are canonical 32-bit limbs. Assumed of
// others (Main's guarantee): a_lo, a_hi, b_lo, b_hi are integers < 2^32. BinaryAir and
// BinarySignedAir prove m32 ops only with a_hi = b_hi = 0, which is what Main sends.
//
// Why (BinaryAir, BinarySignedAir). With d in Range16, D_lo and D_hi are integers < 2^32, so
//   D_lo = a_lo - b_lo - kle + 2^32 br0   (add_w: a_lo + b_lo - 2^32 br0)
// holds over the integers with br0 boolean: D_lo is the low limb of a - b - cin (of a + b), br0
// its borrow (carry). Likewise br1 = (D_hi - a_hi + b_hi + br0) / 2^32, forced boolean, is the
// borrow of the 64-bit a - b - cin: ltu (cin = 0) is a < b, leu (cin = 1) a <= b, and with zero
// high halves the 32-bit comparisons. eq: c_lo = 1 iff D_lo + D_hi (< 2^33, no wrap) is zero,
// with lt its inverse otherwise. sub_w / add_w sign-extend from sd = bit 15 of d1, forced by the
// lookup of 2 d1 - 2^16 sd. Signed (BinarySignedAir): with s_x the top bit of x,
// a_s - b_s - cin = D - 2^64 (br1 + sa - sb), so the signed comparison is br1 + sa - sb; the
// sign of SRC = h0 + 2^16 h1 with h0 and h1 + 2^15 - 2^16 s in Range16 is s: h1 then lies in
// [2^16 s - 2^15, 2^16 s + 2^15), so SRC (an integer < 2^32) is < 2^31 iff s = 0. min/max
// select a or b by the comparison; min_w & co. sign-extend from the selected operand's sign.
// Why (BinaryLogicAir). Each (x_j, y_j, z_j) is a BinaryTable row, so x_j, y_j are bytes (a and
// b are their byte sums) and z_j = x_j & y_j; or = x + y - z and xor = x + y - 2z bytewise, with
// no carries between bytes.
// Selectors (sums of one-hot flags) are constrained boolean, so no slot sends a negative or
// repeated copy of a message.
#pragma once

#include <cstddef>
#include <cstdint>
#include <iterator>

#include "sm/binary/cols.h"
#include "sm/buses.h"
#include "stark/air.h"
#include "zisk/ops.h"

namespace ziskc::sm {

inline constexpr unsigned kBinaryTableLogHeight = 16;

// Constraint names of slot 0 and 1 (the engine keeps the literal pointers).
#define ZISKC_BINARY_SLOT_NAMES(base) \
  { base "[0]", base "[1]" }

struct BinaryAir {
  stark::AirInfo info() const {
    return {.name = "binary", .num_main = stark::width_of<BinaryCols>()};
  }

  template <class B>
  void eval(B& b) const {
    using E = typename B::Expr;
    static constexpr const char* kFlag[] = ZISKC_BINARY_SLOT_NAMES("binary.flag_bool");
    static constexpr const char* kSel[] = ZISKC_BINARY_SLOT_NAMES("binary.sel_bool");
    static constexpr const char* kAddM32[] = ZISKC_BINARY_SLOT_NAMES("binary.add_is_m32");
    static constexpr const char* kMinMax64[] = ZISKC_BINARY_SLOT_NAMES("binary.minmax_not_m32");
    static constexpr const char* kAHi[] = ZISKC_BINARY_SLOT_NAMES("binary.m32_a_hi");
    static constexpr const char* kBHi[] = ZISKC_BINARY_SLOT_NAMES("binary.m32_b_hi");
    static constexpr const char* kDLo[] = ZISKC_BINARY_SLOT_NAMES("binary.d_lo");
    static constexpr const char* kBr0[] = ZISKC_BINARY_SLOT_NAMES("binary.br0_bool");
    static constexpr const char* kBr1[] = ZISKC_BINARY_SLOT_NAMES("binary.br1_bool");
    static constexpr const char* kSd[] = ZISKC_BINARY_SLOT_NAMES("binary.sd_bool");
    static constexpr const char* kLt[] = ZISKC_BINARY_SLOT_NAMES("binary.lt");
    static constexpr const char* kEqZ[] = ZISKC_BINARY_SLOT_NAMES("binary.eq_zero");
    static constexpr const char* kEqI[] = ZISKC_BINARY_SLOT_NAMES("binary.eq_inverse");
    static constexpr const char* kEqU[] = ZISKC_BINARY_SLOT_NAMES("binary.eq_unique");
    static constexpr const char* kCLo[] = ZISKC_BINARY_SLOT_NAMES("binary.c_lo");
    static constexpr const char* kCHi[] = ZISKC_BINARY_SLOT_NAMES("binary.c_hi");
    static constexpr const char* kFl[] = ZISKC_BINARY_SLOT_NAMES("binary.fl");
    static_assert(kBinarySlots <= std::size(kSel));
    const auto& row = b.template main<BinaryCols>();
    const E one = b.constant(1);
    const E two16 = b.constant(1ull << 16);
    const E two32 = b.constant(1ull << 32);
    const E ones = b.constant(0xffffffffull);
    const E inv_two32 = b.constant(field::Fe::from_u64(1ull << 32).inverse());
    for (std::size_t sl = 0; sl < kBinarySlots; ++sl) {
      const auto& r = row.slot[sl];
      // Flags: booleans, one kind per slot, and only the (kind, m32) pairs of this AIR's ops.
      const E flags[] = {r.m32, r.klt, r.kle, r.keq, r.ksub, r.kadd, r.kmin, r.kmax};
      for (const E& f : flags) stark::assert_bool(b, kFlag[sl], f);
      const E sel = r.klt + r.kle + r.keq + r.ksub + r.kadd + r.kmin + r.kmax;
      stark::assert_bool(b, kSel[sl], sel);
      b.assert_zero(kAddM32[sl], r.kadd * (one - r.m32));
      b.assert_zero(kMinMax64[sl], r.m32 * (r.kmin + r.kmax));
      // m32 ops are proved with zero high halves only (what Main sends).
      b.assert_zero(kAHi[sl], r.m32 * r.a[1]);
      b.assert_zero(kBHi[sl], r.m32 * r.b[1]);

      // D = a - b - cin (add_w: a + b) limb by limb; br1 is derived.
      const E d_lo = r.d[0] + two16 * r.d[1];
      const E d_hi = r.d[2] + two16 * r.d[3];
      b.assert_zero(kDLo[sl],
                    d_lo - (r.a[0] - r.b[0] - r.kle + two32 * r.br0 +
                            r.kadd * (b.constant(2) * r.b[0] - b.constant(2ull << 32) * r.br0)));
      stark::assert_bool(b, kBr0[sl], r.br0);
      const E br1 = (d_hi - r.a[1] + r.b[1] + r.br0) * inv_two32;
      stark::assert_bool(b, kBr1[sl], br1);
      stark::assert_bool(b, kSd[sl], r.sd);

      // lt = br1 on every slot but eq slots, where it is the inverse of D (0 if D = 0).
      const E dz = d_lo + d_hi;
      b.assert_zero(kLt[sl], (one - r.keq) * (r.lt - br1));
      b.assert_zero(kEqZ[sl], r.keq * r.c[0] * dz);
      b.assert_zero(kEqI[sl], r.keq * (one - r.c[0] - r.lt * dz));
      b.assert_zero(kEqU[sl], r.keq * r.c[0] * r.lt);

      // Results (one kind is 1 on active slots, so this is that kind's equation).
      b.assert_zero(kCLo[sl], (r.klt + r.kle) * (r.c[0] - r.lt) +
                                  (r.ksub + r.kadd) * (r.c[0] - d_lo) +
                                  r.kmin * (r.c[0] - r.b[0] - r.lt * (r.a[0] - r.b[0])) +
                                  r.kmax * (r.c[0] - r.a[0] - r.lt * (r.b[0] - r.a[0])));
      b.assert_zero(kCHi[sl], (r.klt + r.kle + r.keq) * r.c[1] +
                                  r.ksub * (r.c[1] - d_hi - r.m32 * (ones * r.sd - d_hi)) +
                                  r.kadd * (r.c[1] - ones * r.sd) +
                                  r.kmin * (r.c[1] - r.b[1] - r.lt * (r.a[1] - r.b[1])) +
                                  r.kmax * (r.c[1] - r.a[1] - r.lt * (r.b[1] - r.a[1])));
      b.assert_zero(kFl[sl], r.fl - (r.klt + r.kle + r.keq) * r.c[0]);

      for (int i = 0; i < 4; ++i) b.assume(kRange16Bus, {r.d[i]}, sel);
      b.assume(kRange16Bus, {b.constant(2) * r.d[1] - two16 * r.sd}, sel);
      const E op = b.constant(6) * r.klt + b.constant(12) * r.kle + b.constant(9) * r.keq +
                   b.constant(11) * r.ksub + b.constant(10) * r.kadd + b.constant(2) * r.kmin +
                   b.constant(4) * r.kmax + b.constant(16) * r.m32;
      b.prove(kOperationBus, {op, r.a[0], r.a[1], r.b[0], r.b[1], r.c[0], r.c[1], r.fl}, sel);
    }
  }
};

struct BinarySignedAir {
  stark::AirInfo info() const {
    return {.name = "binary_signed", .num_main = stark::width_of<BinarySignedCols>()};
  }

  template <class B>
  void eval(B& b) const {
    using E = typename B::Expr;
    const auto& r = b.template main<BinarySignedCols>();
    const E two15 = b.constant(1ull << 15);
    const E two16 = b.constant(1ull << 16);
    const E ones = b.constant(0xffffffffull);
    const E inv_two32 = b.constant(field::Fe::from_u64(1ull << 32).inverse());

    // Every (kind, sg, m32) is an op of ops.def (lt/ltu/lt_w/ltu_w, ..., max/maxu_w) and is
    // computed exactly, so no combination needs excluding.
    const E flags[] = {r.m32, r.sg, r.klt, r.kle, r.kmin, r.kmax};
    for (const E& f : flags) stark::assert_bool(b, "binary_signed.flag_bool", f);
    const E sel = r.klt + r.kle + r.kmin + r.kmax;
    stark::assert_bool(b, "binary_signed.sel_bool", sel);
    b.assert_zero("binary_signed.m32_a_hi", r.m32 * r.a[1]);
    b.assert_zero("binary_signed.m32_b_hi", r.m32 * r.b[1]);

    // D = a - b - cin; both borrows are derived (no add direction here).
    const E d_lo = r.d[0] + two16 * r.d[1];
    const E d_hi = r.d[2] + two16 * r.d[3];
    const E br0 = (d_lo - r.a[0] + r.b[0] + r.kle) * inv_two32;
    stark::assert_bool(b, "binary_signed.br0_bool", br0);
    const E br1 = (d_hi - r.a[1] + r.b[1] + br0) * inv_two32;
    stark::assert_bool(b, "binary_signed.br1_bool", br1);

    // Sign bits of a_hi / b_hi (a_lo / b_lo for m32, whose high halves are zero).
    b.assert_zero("binary_signed.src_a", r.a[1] + r.m32 * r.a[0] - (r.ah[0] + two16 * r.ah[1]));
    b.assert_zero("binary_signed.src_b", r.b[1] + r.m32 * r.b[0] - (r.bh[0] + two16 * r.bh[1]));
    stark::assert_bool(b, "binary_signed.sa_bool", r.sa);
    stark::assert_bool(b, "binary_signed.sb_bool", r.sb);
    b.assert_zero("binary_signed.lt", r.lt - br1 - r.sg * (r.sa - r.sb));
    b.assert_zero("binary_signed.ssel", r.ssel - (r.sb + r.lt * (r.sa - r.sb)));

    b.assert_zero("binary_signed.c_lo", (r.klt + r.kle) * (r.c[0] - r.lt) +
                                            r.kmin * (r.c[0] - r.b[0] - r.lt * (r.a[0] - r.b[0])) +
                                            r.kmax * (r.c[0] - r.a[0] - r.lt * (r.b[0] - r.a[0])));
    b.assert_zero("binary_signed.c_hi", (r.klt + r.kle) * r.c[1] +
                                            r.kmin * (r.c[1] - r.b[1] - r.lt * (r.a[1] - r.b[1]) -
                                                      r.m32 * ones * r.ssel) +
                                            r.kmax * (r.c[1] - r.a[1] - r.lt * (r.b[1] - r.a[1]) -
                                                      r.m32 * ones * (r.sa + r.sb - r.ssel)));

    for (int i = 0; i < 4; ++i) b.assume(kRange16Bus, {r.d[i]}, sel);
    b.assume(kRange16Bus, {r.ah[0]}, sel);
    b.assume(kRange16Bus, {r.ah[1] + two15 - two16 * r.sa}, sel);
    b.assume(kRange16Bus, {r.bh[0]}, sel);
    b.assume(kRange16Bus, {r.bh[1] + two15 - two16 * r.sb}, sel);
    const E op = b.constant(6) * r.klt + b.constant(12) * r.kle + b.constant(2) * r.kmin +
                 b.constant(4) * r.kmax + r.sg + b.constant(16) * r.m32;
    // The flag (c_lo of comparisons) makes this tuple degree 2: it has its own logUp column.
    b.prove(kOperationBus,
            {op, r.a[0], r.a[1], r.b[0], r.b[1], r.c[0], r.c[1], (r.klt + r.kle) * r.c[0]}, sel);
  }
};

struct BinaryLogicAir {
  stark::AirInfo info() const {
    return {.name = "binary_logic", .num_main = stark::width_of<BinaryLogicCols>()};
  }

  template <class B>
  void eval(B& b) const {
    using E = typename B::Expr;
    static constexpr const char* kF[] = ZISKC_BINARY_SLOT_NAMES("binary_logic.f_bool");
    static constexpr const char* kSel[] = ZISKC_BINARY_SLOT_NAMES("binary_logic.sel_bool");
    static_assert(kBinaryLogicSlots <= std::size(kSel));
    const auto& row = b.template main<BinaryLogicCols>();
    for (std::size_t sl = 0; sl < kBinaryLogicSlots; ++sl) {
      const auto& r = row.slot[sl];
      for (int i = 0; i < 3; ++i) stark::assert_bool(b, kF[sl], r.f[i]);
      const E sel = r.f[0] + r.f[1] + r.f[2];
      stark::assert_bool(b, kSel[sl], sel);

      for (int j = 0; j < 8; ++j) b.assume(kBinaryTableBus, {r.x[j], r.y[j], r.z[j]}, sel);
      // Byte j of the result: and z, or x + y - z, xor x + y - 2z.
      const E sum_coef = r.f[1] + r.f[2];
      const E z_coef = r.f[0] - r.f[1] - b.constant(2) * r.f[2];
      E limb[3][2] = {{b.constant(0), b.constant(0)},
                      {b.constant(0), b.constant(0)},
                      {b.constant(0), b.constant(0)}};
      for (int j = 0; j < 8; ++j) {
        const E w = b.constant(1ull << (8 * (j % 4)));
        limb[0][j / 4] = limb[0][j / 4] + w * r.x[j];
        limb[1][j / 4] = limb[1][j / 4] + w * r.y[j];
        limb[2][j / 4] = limb[2][j / 4] + w * (sum_coef * (r.x[j] + r.y[j]) + z_coef * r.z[j]);
      }
      const E op = b.constant(static_cast<std::uint64_t>(zisk::Op::kAnd)) * r.f[0] +
                   b.constant(static_cast<std::uint64_t>(zisk::Op::kOr)) * r.f[1] +
                   b.constant(static_cast<std::uint64_t>(zisk::Op::kXor)) * r.f[2];
      // c is degree 2 in the columns: this tuple has its own logUp column (the lookups pair).
      b.prove(kOperationBus,
              {op, limb[0][0], limb[0][1], limb[1][0], limb[1][1], limb[2][0], limb[2][1],
               b.constant(0)},
              sel);
    }
  }
};

#undef ZISKC_BINARY_SLOT_NAMES

// (x, y, x & y) for every pair of bytes: row = x + 256 y. Proves its tuple `mult` times.
struct BinaryTableAir {
  stark::AirInfo info() const {
    return {.name = "binary_table",
            .num_main = 1,
            .num_fixed = stark::width_of<BinaryTableFixedCols>()};
  }
  Result<poly::RowMajorMatrix> fixed_columns(unsigned log_height) const;
  template <class B>
  void eval(B& b) const {
    const auto& f = b.template fixed<BinaryTableFixedCols>();
    b.prove(kBinaryTableBus, {f.x, f.y, f.z}, b.main_row()[0]);
  }
};

}  // namespace ziskc::sm
