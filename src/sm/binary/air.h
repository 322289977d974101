// The Binary AIRs (docs/sm/binary.md): BinaryAir (comparisons, min/max, sub, add_w, sub_w and
// their _w forms), BinaryLogicAir (and, or, xor) and the fixed BinaryTableAir (x, y, x & y).
//
// Soundness contract. Each machine proves on kOperationBus
//   (op, a_lo, a_hi, b_lo, b_hi, c_lo, c_hi, flag)   with (c, flag) = zisk::apply<op>(a, b)
// from rows whose selector is 1, and nothing from rows whose selector is 0, provided the
// Range16 and BinaryTable buses balance; c_lo, c_hi are canonical 32-bit limbs. Assumed of
// others (Main's guarantee): a_lo, a_hi, b_lo, b_hi are integers < 2^32. BinaryAir proves m32
// ops only with a_hi = b_hi = 0, which is what Main sends (sm/buses.h).
//
// Why (BinaryAir). With d in Range16, D_lo and D_hi are integers < 2^32, so the low-limb equation
//   D_lo = a_lo - b_lo - kle + 2^32 br0   (add_w: a_lo + b_lo - 2^32 br0)
// holds over the integers with br0 boolean: D_lo is the low limb of a - b - cin (of a + b), br0
// its borrow (carry). Likewise br1 = (D_hi - a_hi + b_hi + br0) / 2^32, forced boolean, is the
// borrow of the whole 64-bit a - b - cin: for ltu/leu (cin = 0/1) it is a < b / a <= b (for m32
// with zero high halves it is the 32-bit comparison). Signed: with s_x the top bit of x,
// a_s - b_s - cin = D - 2^64 (br1 + sa - sb), so the signed comparison is br1 + sa - sb. The sign
// bits: SRC = h0 + 2^16 h1 with h0 and h1 + 2^15 - 2^16 s in Range16 gives h1 in
// [2^16 s - 2^15, 2^16 s + 2^15), so SRC (an integer < 2^32) is < 2^31 when s = 0 and >= 2^31
// when s = 1: s is bit 31 of SRC. eq: c_lo = 1 iff D_lo + D_hi (< 2^33, no wrap) is zero, with
// lt its inverse otherwise. min/max select a or b by the comparison; _w results are
// sign-extended from the sign bit of the selected operand (ssel) or of D_lo (sa, whose source
// is D_lo for sub_w/add_w).
// Why (BinaryLogicAir). Each (x_j, y_j, z_j) is a BinaryTable row, so x_j, y_j are bytes (a and
// b are their byte sums) and z_j = x_j & y_j; or = x + y - z and xor = x + y - 2z bytewise, with
// no carries between bytes.
// Selectors (sums of one-hot flags) are constrained boolean, so no row sends a negative or
// repeated copy of a message.
#pragma once

#include <cstdint>

#include "sm/binary/cols.h"
#include "sm/buses.h"
#include "stark/air.h"
#include "zisk/ops.h"

namespace ziskc::sm {

struct BinaryAir {
  stark::AirInfo info() const {
    return {.name = "binary", .num_main = stark::width_of<BinaryCols>()};
  }

  template <class B>
  void eval(B& b) const {
    using E = typename B::Expr;
    const auto& r = b.template main<BinaryCols>();
    const E one = b.constant(1);
    const E two15 = b.constant(1ull << 15);
    const E two16 = b.constant(1ull << 16);
    const E two32 = b.constant(1ull << 32);
    const E ones = b.constant(0xffffffffull);

    // Flags: booleans, one kind per row, and only the (kind, sg, m32) combinations of ops.def.
    const E flags[] = {r.m32, r.sg, r.klt, r.kle, r.keq, r.ksub, r.kadd, r.kmin, r.kmax};
    for (const E& f : flags) stark::assert_bool(b, "binary.flag_bool", f);
    const E sel = r.klt + r.kle + r.keq + r.ksub + r.kadd + r.kmin + r.kmax;
    stark::assert_bool(b, "binary.sel_bool", sel);
    b.assert_zero("binary.unsigned_kinds", r.sg * (r.keq + r.ksub + r.kadd));
    b.assert_zero("binary.add_is_m32", r.kadd * (one - r.m32));
    // m32 ops are proved with zero high halves only (what Main sends).
    b.assert_zero("binary.m32_a_hi", r.m32 * r.a[1]);
    b.assert_zero("binary.m32_b_hi", r.m32 * r.b[1]);

    // D = a - b - cin (add_w: a + b) limb by limb; br1 is derived.
    const E d_lo = r.d[0] + two16 * r.d[1];
    const E d_hi = r.d[2] + two16 * r.d[3];
    b.assert_zero("binary.d_lo",
                  d_lo - (r.a[0] - r.b[0] - r.kle + two32 * r.br0 +
                          r.kadd * (b.constant(2) * r.b[0] - b.constant(2ull << 32) * r.br0)));
    stark::assert_bool(b, "binary.br0_bool", r.br0);
    const E br1 =
        (d_hi - r.a[1] + r.b[1] + r.br0) * b.constant(field::Fe::from_u64(1ull << 32).inverse());
    stark::assert_bool(b, "binary.br1_bool", br1);

    // Sign bits: SRC_a is a_hi, a_lo (m32) or D_lo (sub_w, add_w); SRC_b is b_hi or b_lo (m32).
    const E src_a = r.a[1] + r.m32 * r.a[0] + (r.ksub * r.m32 + r.kadd) * (d_lo - r.a[0]);
    const E src_b = r.b[1] + r.m32 * r.b[0];
    b.assert_zero("binary.src_a", src_a - (r.ah[0] + two16 * r.ah[1]));
    b.assert_zero("binary.src_b", src_b - (r.bh[0] + two16 * r.bh[1]));
    stark::assert_bool(b, "binary.sa_bool", r.sa);
    stark::assert_bool(b, "binary.sb_bool", r.sb);

    // lt = br1 + sg (sa - sb) on every row but eq rows, where it is the inverse of D (0 if D = 0).
    const E dz = d_lo + d_hi;
    b.assert_zero("binary.lt", (one - r.keq) * (r.lt - br1 - r.sg * (r.sa - r.sb)));
    b.assert_zero("binary.eq_zero", r.keq * r.c[0] * dz);
    b.assert_zero("binary.eq_inverse", r.keq * (one - r.c[0] - r.lt * dz));
    b.assert_zero("binary.eq_unique", r.keq * r.c[0] * r.lt);
    b.assert_zero("binary.ssel", r.ssel - (r.sb + r.lt * (r.sa - r.sb)));

    // Results (one kind is 1 on active rows, so this is that kind's equation).
    b.assert_zero("binary.c_lo", (r.klt + r.kle) * (r.c[0] - r.lt) +
                                     (r.ksub + r.kadd) * (r.c[0] - d_lo) +
                                     r.kmin * (r.c[0] - r.b[0] - r.lt * (r.a[0] - r.b[0])) +
                                     r.kmax * (r.c[0] - r.a[0] - r.lt * (r.b[0] - r.a[0])));
    b.assert_zero(
        "binary.c_hi",
        (r.klt + r.kle + r.keq) * r.c[1] + r.ksub * (r.c[1] - d_hi - r.m32 * (ones * r.sa - d_hi)) +
            r.kadd * (r.c[1] - ones * r.sa) +
            r.kmin * (r.c[1] - r.b[1] - r.lt * (r.a[1] - r.b[1]) - r.m32 * ones * r.ssel) +
            r.kmax * (r.c[1] - r.a[1] - r.lt * (r.b[1] - r.a[1]) -
                      r.m32 * ones * (r.sa + r.sb - r.ssel)));

    for (int i = 0; i < 4; ++i) b.assume(kRange16Bus, {r.d[i]}, sel);
    b.assume(kRange16Bus, {r.ah[0]}, sel);
    b.assume(kRange16Bus, {r.ah[1] + two15 - two16 * r.sa}, sel);
    b.assume(kRange16Bus, {r.bh[0]}, sel);
    b.assume(kRange16Bus, {r.bh[1] + two15 - two16 * r.sb}, sel);
    const E op = b.constant(2) * r.kmin + b.constant(4) * r.kmax + b.constant(6) * r.klt +
                 b.constant(12) * r.kle + b.constant(9) * r.keq + b.constant(11) * r.ksub +
                 b.constant(10) * r.kadd + r.sg + b.constant(16) * r.m32;
    const E flag = (r.klt + r.kle + r.keq) * r.c[0];
    b.prove(kOperationBus, {op, r.a[0], r.a[1], r.b[0], r.b[1], r.c[0], r.c[1], flag}, sel);
  }
};

struct BinaryLogicAir {
  stark::AirInfo info() const {
    return {.name = "binary_logic", .num_main = stark::width_of<BinaryLogicCols>()};
  }

  template <class B>
  void eval(B& b) const {
    using E = typename B::Expr;
    const auto& r = b.template main<BinaryLogicCols>();
    for (int i = 0; i < 3; ++i) stark::assert_bool(b, "binary_logic.f_bool", r.f[i]);
    const E sel = r.f[0] + r.f[1] + r.f[2];
    stark::assert_bool(b, "binary_logic.sel_bool", sel);

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
    b.prove(
        kOperationBus,
        {op, limb[0][0], limb[0][1], limb[1][0], limb[1][1], limb[2][0], limb[2][1], b.constant(0)},
        sel);
  }
};

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
