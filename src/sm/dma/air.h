// The DMA AIRs (docs/sm/dma.md): DmaCopyAir proves memcpy 0xd0, xmemcpy 0xd6, inputcpy 0xd2 and
// xmemset 0xd9; DmaCmpAir proves memcmp 0xd1 and xmemcmp 0xd7. One row per 8-byte destination
// word of an op (memcmp: per word of a), chained; the source word of a row and of the next row
// form the byte window the row copies (compares) from. DmaAlignedAir proves the aligned
// memcpy / xmemcpy / xmemset (dst, src, n multiples of 8, n > 0) four whole words per row.
//
// Soundness contract. A machine proves (op, a_lo, a_hi, b_lo, b_hi, c_lo, c_hi, 0, step, x) on
// kOperationBus only together with the memory-bus messages that the op implies under the
// emulator's semantics (emu/core_dma.h), at mem_step = 1 + 4 step + slot:
//  - memcpy / xmemcpy (dst = a, src = b, n = the word at extra_params_addr, read at slot 0, with
//    high limb 0 / n = x): for every 8-byte word w meeting [dst, dst + n) a write at slot 3
//    whose bytes in the range are the source bytes dst -> src (memmove: the source words are
//    read at slot 2 before any write) and whose other bytes are the word's value read at slot 1;
//    each source word of [src, src + n) read once at slot 2; c = a;
//  - xmemset (dst = a, n = b, byte = x): the same with every byte in the range = x; c = a;
//  - inputcpy (dst = a, n = b, x = 0): n % 8 == 0, the same with free bytes (the free input is
//    a host hint, unconstrained like the free-input cell); c = a;
//  - memcmp / xmemcmp (a, b, n as for memcpy): the words of a and b up to the first difference
//    (or to the end) read at slot 1 (a) and slot 2 (b); c = the first differing a byte minus the
//    b byte, sign-extended, or 0 when the n bytes are equal;
//  - n = 0: no memory access at all (but the count read of the non-x forms), c as above, and a,
//    b any 64-bit values; n > 0 implies dst, src < 2^32 (a_hi = b_hi = 0).
// DmaAlignedAir proves the same messages for memcpy, xmemcpy and xmemset when dst (and src) are
// multiples of 8 and n is a positive multiple of 8 (it proves no other ones).
// Why (docs/sm/dma.md "Soundness"): the row kinds force each op into F M.. [T] (or one Z row)
// with dst word, source word and remaining count moving by 1, 1, -8 per row, so the count fixes
// the number of rows, the one-hot offsets fix which bytes of the first and last word are in the
// range, and the memory machines (which prove only true word addresses below 2^32) pin the
// addresses; every byte is range-checked, so the written limbs are exactly the chosen bytes.
// Assumptions: the memory machines' contract (docs/ZKVM.md: loads return the last value stored,
// canonical limbs, word addresses < 2^32, one access per (word, mem_step)); Main sends a, b as
// canonical limbs and step < 2^40; each instance has fewer than 2^32 rows (no op is cyclic:
// dw increases by 1 per row). What the machines do not check: that guest accesses to the
// register file or EXTRA_PARAMS do not overlap the ranges (such ops collide with Main's
// accesses at one mem_step and cannot be proven).
// Padding rows (all zero) satisfy every constraint and send nothing.
#pragma once

#include <cstdint>

#include "sm/buses.h"
#include "sm/dma/cols.h"
#include "stark/air.h"
#include "zisk/ops.h"

namespace ziskc::sm {

// Memory-bus slots of the DMA's accesses (mem_step = 1 + 4 step + slot). They differ from the
// emulator's record (reads at 2, writes at 3) where a word must be read twice: a partial dst
// word or an a word may also be a source word, so those reads take slot 1, and the count word
// slot 0 (Main's slot 0 and 1 reads are register words, its slot 2 store is the rd register).
inline constexpr unsigned kDmaSlotCount = 0;
inline constexpr unsigned kDmaSlotDst = 1;
inline constexpr unsigned kDmaSlotSrc = 2;
inline constexpr unsigned kDmaSlotWrite = 3;

namespace dma_detail {

inline constexpr std::uint64_t kTwo32 = std::uint64_t{1} << 32;

template <class B>
struct Shared {
  using E = typename B::Expr;
  E sel, act, first, cont_next, off, rv;
  E r[8];   // r[k] = [window offset == k]
  E od[8];  // od[k] = [dst offset == k] (F rows only)
};

// Row kinds, window offset and dst offset one-hots, the chain (next row M when this is a
// non-last dst row), latched step and offset, and the counters. `last` is the machine's own
// last-row flag (the sum of its oe).
template <class B, class V>
Shared<B> shared_constraints(B& b, const DmaRowCols<V>& c, const DmaRowCols<V>& n,
                             const typename B::Expr& last) {
  using E = typename B::Expr;
  Shared<B> s;
  const E one = b.constant(1);
  stark::assert_bool(b, "dma.f_first_bool", c.f_first);
  stark::assert_bool(b, "dma.f_more_bool", c.f_more);
  stark::assert_bool(b, "dma.f_tail_bool", c.f_tail);
  stark::assert_bool(b, "dma.f_zero_bool", c.f_zero);
  s.sel = c.f_first + c.f_more + c.f_tail + c.f_zero;
  // At most one kind: sel is 1 on the rows of an op and 0 on padding rows.
  stark::assert_bool(b, "dma.sel_bool", s.sel);
  s.act = c.f_first + c.f_more;
  s.first = c.f_first + c.f_zero;
  s.cont_next = n.f_more + n.f_tail;

  // One-hot window offset on op rows (r0 = sel - sum is then boolean too), none on padding.
  E rsum = b.constant(0);
  s.rv = b.constant(0);
  for (int k = 0; k < 7; ++k) {
    stark::assert_bool(b, "dma.r_bool", c.r[k]);
    rsum = rsum + c.r[k];
    s.rv = s.rv + b.constant(static_cast<std::uint64_t>(k + 1)) * c.r[k];
    s.r[k + 1] = c.r[k];
  }
  s.r[0] = s.sel - rsum;
  stark::assert_bool(b, "dma.r0_bool", s.r[0]);
  // One-hot dst offset on F rows only.
  E osum = b.constant(0);
  s.off = b.constant(0);
  for (int k = 0; k < 7; ++k) {
    stark::assert_bool(b, "dma.od_bool", c.od[k]);
    osum = osum + c.od[k];
    s.off = s.off + b.constant(static_cast<std::uint64_t>(k + 1)) * c.od[k];
    s.od[k + 1] = c.od[k];
  }
  s.od[0] = c.f_first - osum;
  stark::assert_bool(b, "dma.od0_bool", s.od[0]);
  // The last row is a dst row.
  b.assert_zero("dma.last_is_dst", last * (one - s.act));

  // Chain: a dst row that is not the last is followed by an M row; nothing else is (so every
  // M row continues an op, and an op's rows are F M .. M [T] or Z).
  b.assert_zero("dma.next_more", n.f_more - (s.act - last));
  // Latched over an op, counters moving one word per row.
  b.assert_zero("dma.latch_step", s.cont_next * (n.step - c.step));
  for (int k = 0; k < 7; ++k) b.assert_zero("dma.latch_r", s.cont_next * (n.r[k] - c.r[k]));
  b.assert_zero("dma.next_dw", s.cont_next * (n.dw - c.dw - one));
  b.assert_zero("dma.next_hw", s.cont_next * (n.hw - c.hw - one));
  b.assert_zero("dma.next_cnt", s.cont_next * (n.cnt - c.cnt + b.constant(8)));
  // An op with n = 0 has one row and no range.
  b.assert_zero("dma.zero_cnt", c.f_zero * c.cnt);
  // a and b have high limbs only when n = 0 (else they are addresses, or b = n, below 2^32).
  b.assert_zero("dma.a_hi", (one - c.f_zero) * c.a_hi);
  b.assert_zero("dma.b_hi", (one - c.f_zero) * c.b_hi);
  b.assert_zero("dma.jmp_first_only", (one - s.first) * c.jmp);
  return s;
}

// Window byte i (0..15): this row's source word, then the next row's.
template <class V>
const V& window(const DmaRowCols<V>& c, const DmaRowCols<V>& n, int i) {
  return i < 8 ? c.h[i] : n.h[i - 8];
}

// Source byte for dst byte j: window byte j + r.
template <class B, class V>
typename B::Expr source_byte(const Shared<B>& s, const DmaRowCols<V>& c, const DmaRowCols<V>& n,
                             int j) {
  typename B::Expr v = s.sel * window(c, n, j);
  for (int k = 1; k < 8; ++k) v = v + s.r[k] * (window(c, n, j + k) - window(c, n, j));
  return v;
}

// [dst offset + window offset < 8]: on an F row, the row's own source word holds bytes of the
// range (else they all lie in the next row's word).
template <class B>
typename B::Expr first_word_used(B& b, const Shared<B>& s) {
  typename B::Expr v = b.constant(0);
  for (int o = 0; o < 8; ++o) {
    for (int k = 0; o + k < 8; ++k) v = v + s.od[o] * s.r[k];
  }
  return v;
}

template <class B>
typename B::Expr limb(B& b, const typename B::Expr* bytes) {
  return bytes[0] + b.constant(1u << 8) * bytes[1] + b.constant(1u << 16) * bytes[2] +
         b.constant(1u << 24) * bytes[3];
}

}  // namespace dma_detail

// memcpy, xmemcpy, inputcpy, xmemset.
struct DmaCopyAir {
  std::uint64_t extra_params_addr = 0;  // the layout's EXTRA_PARAMS word (the count of memcpy)

  stark::AirInfo info() const {
    return {.name = "dma_copy", .num_main = stark::width_of<DmaCopyCols>()};
  }

  template <class B>
  void eval(B& b) const {
    using E = typename B::Expr;
    const auto& cc = b.template main<DmaCopyCols>();
    const auto& nc = b.template main_next<DmaCopyCols>();
    const auto& c = cc.row;
    const auto& n = nc.row;
    const E one = b.constant(1);
    const E zero = b.constant(0);

    // oe[e] = [the last row covers bytes below e], e = 1..8.
    E oe[9] = {zero,     cc.oe[0], cc.oe[1], cc.oe[2], cc.oe[3],
               cc.oe[4], cc.oe[5], cc.oe[6], cc.oe[7]};
    E last = zero, e_val = zero;
    for (int e = 1; e <= 8; ++e) {
      stark::assert_bool(b, "dma_copy.oe_bool", oe[e]);
      last = last + oe[e];
      e_val = e_val + b.constant(static_cast<std::uint64_t>(e)) * oe[e];
    }
    stark::assert_bool(b, "dma_copy.last_bool", last);
    const dma_detail::Shared<B> s = dma_detail::shared_constraints(b, c, n, last);

    // Kinds, latched; memcpy is what remains.
    stark::assert_bool(b, "dma_copy.kx_bool", cc.kx);
    stark::assert_bool(b, "dma_copy.ki_bool", cc.ki);
    stark::assert_bool(b, "dma_copy.ks_bool", cc.ks);
    const E kc = s.sel - cc.kx - cc.ki - cc.ks;
    stark::assert_bool(b, "dma_copy.kc_bool", kc);
    b.assert_zero("dma_copy.latch_kx", s.cont_next * (nc.kx - cc.kx));
    b.assert_zero("dma_copy.latch_ki", s.cont_next * (nc.ki - cc.ki));
    b.assert_zero("dma_copy.latch_ks", s.cont_next * (nc.ks - cc.ks));
    const E has_src = kc + cc.kx;

    // A trailing row follows the last row exactly when its bytes reach the next source word.
    E tr = zero;
    for (int e = 1; e <= 8; ++e) {
      for (int k = 9 - e; k < 8; ++k) tr = tr + oe[e] * s.r[k];
    }
    b.assert_zero("dma_copy.next_tail", n.f_tail - tr);
    // The last row ends the range (so the count fixes the number of rows), and the first row's
    // range starts below its end.
    b.assert_zero("dma_copy.last_cnt", last * (c.cnt - e_val));
    E empty = zero;
    for (int o = 1; o < 8; ++o) {
      for (int e = 1; e <= o; ++e) empty = empty + s.od[o] * oe[e];
    }
    b.assert_zero("dma_copy.range_nonempty", empty);

    // Bytes in the range: m_j = act - [j < dst offset] - [j >= e].
    E m[8];
    for (int j = 0; j < 8; ++j) {
      m[j] = s.act;
      for (int o = j + 1; o < 8; ++o) m[j] = m[j] - s.od[o];
      for (int e = 1; e <= j; ++e) m[j] = m[j] - oe[e];
    }
    // Source reads: memcpy rows read their word unless it holds no byte of the range (an F row
    // whose bytes all come from the next word); memset and inputcpy read nothing.
    b.assert_zero("dma_copy.srd",
                  cc.srd - has_src * (c.f_more + c.f_tail + dma_detail::first_word_used(b, s)));
    for (int j = 0; j < 8; ++j) {
      b.assert_zero("dma_copy.h_unread_zero", (has_src - cc.srd) * c.h[j]);
    }
    // memset: every source byte is the fill byte, with no shift; latched.
    for (int j = 1; j < 8; ++j) b.assert_zero("dma_copy.set_fill", cc.ks * (c.h[j] - c.h[0]));
    b.assert_zero("dma_copy.set_offset", cc.ks * (s.sel - s.r[0]));
    b.assert_zero("dma_copy.latch_fill", s.cont_next * cc.ks * (n.h[0] - c.h[0]));
    // inputcpy: the window offset is -dst offset mod 8 and the range ends at the same offset
    // (n % 8 == 0); the first word then holds no byte of the range and, like an n = 0 row, is 0.
    E inp_start = zero, inp_end = zero;
    for (int k = 0; k < 8; ++k) {
      for (int o = 0; o < 8; ++o) {
        if ((o + k) % 8 != 0) inp_start = inp_start + s.od[o] * s.r[k];
      }
      for (int e = 1; e <= 8; ++e) {
        if ((e + k) % 8 != 0) inp_end = inp_end + oe[e] * s.r[k];
      }
    }
    b.assert_zero("dma_copy.inp_offset", cc.ki * inp_start);
    b.assert_zero("dma_copy.inp_len", cc.ki * inp_end);
    const E inp_unused = c.f_zero + (c.f_first - s.od[0]);
    for (int j = 0; j < 8; ++j) {
      b.assert_zero("dma_copy.inp_h_unused", cc.ki * inp_unused * c.h[j]);
    }

    // The dst word before the op is read when part of it lies outside the range.
    const E pre = c.f_first - s.od[0];  // F row with dst offset > 0
    const E post = last - oe[8];        // last row ending before byte 8
    const E rp = pre + post - pre * post;
    for (int j = 0; j < 8; ++j) b.assert_zero("dma_copy.p_unread_zero", (one - rp) * c.p[j]);
    // The written word: source bytes in the range, the old bytes elsewhere.
    E nb[8];
    for (int j = 0; j < 8; ++j) {
      nb[j] = c.p[j] + m[j] * (dma_detail::source_byte(s, c, n, j) - c.p[j]);
    }
    b.assert_zero("dma_copy.w_lo", cc.w[0] - dma_detail::limb(b, nb));
    b.assert_zero("dma_copy.w_hi", cc.w[1] - dma_detail::limb(b, nb + 4));

    // The op message. n = cnt - dst offset on the first row; b is src for memcpy (8 hw + dst
    // offset + window offset) and n for memset / inputcpy.
    const E n_bytes = c.cnt - s.off;
    const E a_lo = b.constant(8) * c.dw + s.off;
    const E b_lo = b.constant(8) * c.hw + s.off + s.rv;
    b.assert_zero("dma_copy.jmp", s.first * (c.jmp - cc.kx * n_bytes - cc.ks * c.h[0]));
    b.assert_zero("dma_copy.b_is_n", s.first * (cc.ks + cc.ki) * (b_lo - n_bytes));
    b.assert_zero("dma_copy.b_hi_n", (cc.ks + cc.ki) * c.b_hi);
    const E op = b.constant(static_cast<std::uint64_t>(zisk::Op::kDmaMemcpy)) * s.sel +
                 b.constant(6) * cc.kx + b.constant(2) * cc.ki + b.constant(9) * cc.ks;

    const E k8 = b.constant(8);
    const E ms = b.constant(4) * c.step + one;  // mem_step of slot 0
    const E h_lo = dma_detail::limb(b, c.h), h_hi = dma_detail::limb(b, c.h + 4);
    const E p_lo = dma_detail::limb(b, c.p), p_hi = dma_detail::limb(b, c.p + 4);
    b.prove(kOperationBus, {op, a_lo, c.a_hi, b_lo, c.b_hi, a_lo, c.a_hi, zero, c.step, c.jmp},
            s.first);
    b.assume(kMemoryBus,
             {b.constant(kMemLoad), b.constant(extra_params_addr), ms + b.constant(kDmaSlotCount),
              k8, n_bytes, zero},
             s.first * kc);
    b.assume(kMemoryBus,
             {b.constant(kMemLoad), k8 * c.hw, ms + b.constant(kDmaSlotSrc), k8, h_lo, h_hi},
             cc.srd);
    b.assume(kMemoryBus,
             {b.constant(kMemLoad), k8 * c.dw, ms + b.constant(kDmaSlotDst), k8, p_lo, p_hi}, rp);
    b.assume(
        kMemoryBus,
        {b.constant(kMemStore), k8 * c.dw, ms + b.constant(kDmaSlotWrite), k8, cc.w[0], cc.w[1]},
        s.act);
    for (int j = 0; j < 8; j += 2) b.assume(kBytePairBus, {c.h[j], c.h[j + 1]}, s.sel);
    for (int j = 0; j < 8; j += 2) b.assume(kBytePairBus, {c.p[j], c.p[j + 1]}, s.sel);
  }
};

// memcmp, xmemcmp.
struct DmaCmpAir {
  std::uint64_t extra_params_addr = 0;

  stark::AirInfo info() const {
    return {.name = "dma_cmp", .num_main = stark::width_of<DmaCmpCols>()};
  }

  template <class B>
  void eval(B& b) const {
    using E = typename B::Expr;
    const auto& cc = b.template main<DmaCmpCols>();
    const auto& nc = b.template main_next<DmaCmpCols>();
    const auto& c = cc.row;
    const auto& n = nc.row;
    const E one = b.constant(1);
    const E zero = b.constant(0);

    // oe[e] = [the last row compares the bytes below e], e = 0..8.
    E last = zero, e_val = zero;
    for (int e = 0; e <= 8; ++e) {
      stark::assert_bool(b, "dma_cmp.oe_bool", cc.oe[e]);
      last = last + cc.oe[e];
      e_val = e_val + b.constant(static_cast<std::uint64_t>(e)) * cc.oe[e];
    }
    stark::assert_bool(b, "dma_cmp.last_bool", last);
    const dma_detail::Shared<B> s = dma_detail::shared_constraints(b, c, n, last);
    stark::assert_bool(b, "dma_cmp.kx_bool", cc.kx);
    b.assert_zero("dma_cmp.kx_sel", cc.kx * (one - s.sel));
    b.assert_zero("dma_cmp.latch_kx", s.cont_next * (nc.kx - cc.kx));

    // neq: the last row ends at the first difference, byte e (so e < 8); otherwise it ends the
    // range, which then has at least one byte in this row.
    stark::assert_bool(b, "dma_cmp.neq_bool", cc.neq);
    b.assert_zero("dma_cmp.neq_last", cc.neq * (one - last));
    b.assert_zero("dma_cmp.neq_e", cc.neq * cc.oe[8]);
    b.assert_zero("dma_cmp.eq_e", (one - cc.neq) * cc.oe[0]);
    // The trailing row: when the compared bytes (and the differing one) reach the next word.
    E tr = zero;
    for (int e = 0; e <= 8; ++e) {
      for (int k = 1; k < 8; ++k) {
        if (e + k > 8) tr = tr + cc.oe[e] * s.r[k];
        if (e + k == 8) tr = tr + cc.neq * cc.oe[e] * s.r[k];
      }
    }
    b.assert_zero("dma_cmp.next_tail", n.f_tail - tr);
    // Count: without a difference the range ends at e; with one, bytes remain after it.
    const E rem = cc.rem[0] + b.constant(1u << 16) * cc.rem[1];
    b.assert_zero("dma_cmp.last_cnt", (last - cc.neq) * (c.cnt - e_val));
    b.assert_zero("dma_cmp.rem", cc.neq * (c.cnt - e_val - one - rem));
    b.assert_zero("dma_cmp.rem_lo_zero", (one - cc.neq) * cc.rem[0]);
    b.assert_zero("dma_cmp.rem_hi_zero", (one - cc.neq) * cc.rem[1]);
    // The first row's range starts at or (without a difference) below its end.
    E before = zero, at = zero;
    for (int o = 1; o < 8; ++o) {
      for (int e = 0; e < o; ++e) before = before + s.od[o] * cc.oe[e];
      at = at + s.od[o] * cc.oe[o];
    }
    b.assert_zero("dma_cmp.range_order", before);
    b.assert_zero("dma_cmp.range_nonempty", (one - cc.neq) * at);

    // Compared bytes m_j = act - [j < dst offset] - [j >= e] are equal.
    E sb[8], d[8];
    for (int j = 0; j < 8; ++j) {
      E m = s.act;
      for (int o = j + 1; o < 8; ++o) m = m - s.od[o];
      for (int e = 0; e <= j; ++e) m = m - cc.oe[e];
      sb[j] = dma_detail::source_byte(s, c, n, j);
      d[j] = m * (c.p[j] - sb[j]);
    }
    b.assert_zero("dma_cmp.equal_lo", dma_detail::limb(b, d));
    b.assert_zero("dma_cmp.equal_hi", dma_detail::limb(b, d + 4));
    // The difference at byte e of the last row, nonzero when neq.
    E dif = zero;
    for (int e = 0; e < 8; ++e) dif = dif + cc.oe[e] * (c.p[e] - sb[e]);
    b.assert_zero("dma_cmp.dif", cc.dif - dif);
    b.assert_zero("dma_cmp.dif_nonzero", cc.neq * (cc.dif * cc.inv - one));
    b.assert_zero("dma_cmp.inv_zero", (one - cc.neq) * cc.inv);
    // c = sign-extended dif (ng = dif < 0, checked by dif + 256 ng being a byte), or 0.
    stark::assert_bool(b, "dma_cmp.ng_bool", cc.ng);
    b.assert_zero("dma_cmp.ng_neq", cc.ng * (one - cc.neq));
    const E k32 = b.constant(dma_detail::kTwo32);
    b.assert_zero("dma_cmp.c_lo", cc.neq * (cc.c[0] - cc.dif - k32 * cc.ng));
    b.assert_zero("dma_cmp.c_hi", cc.neq * (cc.c[1] - (k32 - one) * cc.ng));
    b.assert_zero("dma_cmp.c_lo_eq", (last - cc.neq + c.f_zero + one - s.sel) * cc.c[0]);
    b.assert_zero("dma_cmp.c_hi_eq", (last - cc.neq + c.f_zero + one - s.sel) * cc.c[1]);
    b.assert_zero("dma_cmp.latch_c_lo", s.cont_next * (nc.c[0] - cc.c[0]));
    b.assert_zero("dma_cmp.latch_c_hi", s.cont_next * (nc.c[1] - cc.c[1]));

    // Reads: every a word; the b word unless an F row takes all its bytes from the next one.
    const E srd = c.f_more + c.f_tail + dma_detail::first_word_used(b, s);
    for (int j = 0; j < 8; ++j) b.assert_zero("dma_cmp.h_unread_zero", (one - srd) * c.h[j]);
    for (int j = 0; j < 8; ++j) b.assert_zero("dma_cmp.p_unread_zero", (one - s.act) * c.p[j]);

    const E n_bytes = c.cnt - s.off;
    b.assert_zero("dma_cmp.jmp", s.first * (c.jmp - cc.kx * n_bytes));
    const E op = b.constant(static_cast<std::uint64_t>(zisk::Op::kDmaMemcmp)) * s.sel +
                 b.constant(6) * cc.kx;
    const E a_lo = b.constant(8) * c.dw + s.off;
    const E b_lo = b.constant(8) * c.hw + s.off + s.rv;
    const E k8 = b.constant(8);
    const E ms = b.constant(4) * c.step + one;
    const E h_lo = dma_detail::limb(b, c.h), h_hi = dma_detail::limb(b, c.h + 4);
    const E p_lo = dma_detail::limb(b, c.p), p_hi = dma_detail::limb(b, c.p + 4);
    b.prove(kOperationBus, {op, a_lo, c.a_hi, b_lo, c.b_hi, cc.c[0], cc.c[1], zero, c.step, c.jmp},
            s.first);
    b.assume(kMemoryBus,
             {b.constant(kMemLoad), b.constant(extra_params_addr), ms + b.constant(kDmaSlotCount),
              k8, n_bytes, zero},
             s.first - s.first * cc.kx);
    b.assume(kMemoryBus,
             {b.constant(kMemLoad), k8 * c.hw, ms + b.constant(kDmaSlotSrc), k8, h_lo, h_hi}, srd);
    b.assume(kMemoryBus,
             {b.constant(kMemLoad), k8 * c.dw, ms + b.constant(kDmaSlotDst), k8, p_lo, p_hi},
             s.act);
    for (int j = 0; j < 8; j += 2) b.assume(kBytePairBus, {c.h[j], c.h[j + 1]}, s.sel);
    for (int j = 0; j < 8; j += 2) b.assume(kBytePairBus, {c.p[j], c.p[j + 1]}, s.sel);
    b.assume(kRange16Bus, {cc.rem[0]}, cc.neq);
    b.assume(kRange16Bus, {cc.rem[1]}, cc.neq);
    b.assume(kBytePairBus, {cc.dif + b.constant(256) * cc.ng, zero}, cc.neq);
  }
};

// Aligned memcpy, xmemcpy, xmemset: four words per row, copied as limbs.
struct DmaAlignedAir {
  std::uint64_t extra_params_addr = 0;

  stark::AirInfo info() const {
    return {.name = "dma_aligned", .num_main = stark::width_of<DmaAlignedCols>()};
  }

  template <class B>
  void eval(B& b) const {
    using E = typename B::Expr;
    const auto& c = b.template main<DmaAlignedCols>();
    const auto& n = b.template main_next<DmaAlignedCols>();
    const E one = b.constant(1);
    const E zero = b.constant(0);
    constexpr unsigned K = kDmaAlignedSlots;

    stark::assert_bool(b, "dma_aligned.f_first_bool", c.f_first);
    stark::assert_bool(b, "dma_aligned.f_more_bool", c.f_more);
    const E sel = c.f_first + c.f_more;
    stark::assert_bool(b, "dma_aligned.sel_bool", sel);
    stark::assert_bool(b, "dma_aligned.last_bool", c.last);
    b.assert_zero("dma_aligned.last_sel", c.last * (one - sel));
    stark::assert_bool(b, "dma_aligned.kx_bool", c.kx);
    stark::assert_bool(b, "dma_aligned.ks_bool", c.ks);
    const E kc = sel - c.kx - c.ks;
    stark::assert_bool(b, "dma_aligned.kc_bool", kc);
    const E cont_next = n.f_more;

    // Slots: slot 0 holds a word on every op row, slots 1..3 a prefix of the rest; a row that
    // is not the op's last is full.
    E slot[K] = {sel, c.s[0], c.s[1], c.s[2]};
    E active = sel;
    for (unsigned k = 1; k < K; ++k) {
      stark::assert_bool(b, "dma_aligned.s_bool", slot[k]);
      b.assert_zero("dma_aligned.s_prefix", slot[k] * (one - slot[k - 1]));
      b.assert_zero("dma_aligned.s_full", (sel - c.last) * (one - slot[k]));
      active = active + slot[k];
    }
    // Chain: a row that is not the last is followed by a further row of the op, nothing else
    // is; latched values and counters move four words per row.
    b.assert_zero("dma_aligned.next_more", n.f_more - (sel - c.last));
    const E k4 = b.constant(K);
    b.assert_zero("dma_aligned.latch_step", cont_next * (n.step - c.step));
    b.assert_zero("dma_aligned.latch_kx", cont_next * (n.kx - c.kx));
    b.assert_zero("dma_aligned.latch_ks", cont_next * (n.ks - c.ks));
    b.assert_zero("dma_aligned.latch_fill", cont_next * (n.fill - c.fill));
    b.assert_zero("dma_aligned.next_dw", cont_next * (n.dw - c.dw - k4));
    b.assert_zero("dma_aligned.next_hw", cont_next * (n.hw - c.hw - k4));
    b.assert_zero("dma_aligned.next_cnt", cont_next * (n.cnt - c.cnt + k4));
    // The last row ends the range: the count fixes the rows and the slots of the last one.
    b.assert_zero("dma_aligned.last_cnt", c.last * (c.cnt - active));

    // memset writes fill in every byte; the fill byte is zero for the other ops.
    const E fill4 = b.constant(0x0101'0101) * c.fill;
    for (unsigned k = 0; k < K; ++k) {
      for (unsigned i = 0; i < 2; ++i) {
        b.assert_zero("dma_aligned.set_value", c.ks * slot[k] * (c.v[k][i] - fill4));
        b.assert_zero("dma_aligned.v_unused_zero", (sel - slot[k]) * c.v[k][i]);
      }
    }
    b.assert_zero("dma_aligned.fill_set_only", (one - c.ks) * c.fill);

    // The op message: dst = 8 dw, src = 8 hw (memset: b = n = 8 hw), n = 8 cnt.
    const E k8 = b.constant(8);
    const E n_bytes = k8 * c.cnt;
    b.assert_zero("dma_aligned.set_b", c.f_first * c.ks * (c.hw - c.cnt));
    b.assert_zero("dma_aligned.jmp", c.f_first * (c.jmp - c.kx * n_bytes - c.ks * c.fill));
    b.assert_zero("dma_aligned.jmp_first_only", (one - c.f_first) * c.jmp);
    const E op = b.constant(static_cast<std::uint64_t>(zisk::Op::kDmaMemcpy)) * sel +
                 b.constant(6) * c.kx + b.constant(9) * c.ks;
    const E a_lo = k8 * c.dw;
    const E ms = b.constant(4) * c.step + one;
    b.prove(kOperationBus, {op, a_lo, zero, k8 * c.hw, zero, a_lo, zero, zero, c.step, c.jmp},
            c.f_first);
    b.assume(kMemoryBus,
             {b.constant(kMemLoad), b.constant(extra_params_addr), ms + b.constant(kDmaSlotCount),
              k8, n_bytes, zero},
             c.f_first * kc);
    const E has_src = sel - c.ks;
    for (unsigned k = 0; k < K; ++k) {
      const E off = b.constant(k);
      b.assume(kMemoryBus,
               {b.constant(kMemLoad), k8 * (c.hw + off), ms + b.constant(kDmaSlotSrc), k8,
                c.v[k][0], c.v[k][1]},
               k == 0 ? has_src : has_src * slot[k]);
      b.assume(kMemoryBus,
               {b.constant(kMemStore), k8 * (c.dw + off), ms + b.constant(kDmaSlotWrite), k8,
                c.v[k][0], c.v[k][1]},
               slot[k]);
    }
    // The fill byte is a byte (so the written limbs are canonical).
    b.assume(kBytePairBus, {c.fill, zero}, c.f_first * c.ks);
  }
};

}  // namespace ziskc::sm
