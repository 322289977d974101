// The MemAlign AIR: proves every memory-bus access that is not an aligned 8-byte one (width 1,
// 2, 4, or 8 unaligned, incl. those that cross into the next word), one row per access, by
// assuming the aligned 8-byte accesses that realise it (docs/sm/mem_align.md).
//
// Soundness contract. MemAlign proves (mem_op, addr, s, width, v_lo, v_hi) on kMemoryBus only
// if, with a = addr - addr % 8 and the aligned accesses it assumes on the same bus:
//  - load (mem_op 1): it assumes (load, a, s, 8, W0) [and (load, a + 8, s, 8, W1) when the access
//    crosses], and v = bytes [addr % 8, addr % 8 + width) of W0 || W1, zero-extended;
//  - store (mem_op 2): it assumes the same reads at s and the writes (store, a, s + 1, 8, W0')
//    [and (store, a + 8, s + 1, 8, W1')] where W' is W with those bytes replaced by the low
//    `width` bytes of v (v is the full value Main sends);
//  - width is 1, 2, 4 or 8; every limb it assumes or proves is < 2^32.
// It never proves an aligned 8-byte access (width 8 at addr % 8 == 0: the memory machines').
// A padding row (all zero: no offset selected) sends nothing and assumes nothing.
// Why: the offset selectors are boolean with at most one set (their sum sel is the row's
// multiplicity), so the proved address 8 aw + off and the assumed word address 8 aw pin off to
// addr % 8 (memory machines prove only multiples of 8 below 2^32); every byte of the window and
// of the value is range-checked (BytePair), so limbs and bytes determine each other; the new
// limbs are the window with the accessed bytes replaced, and for loads they must equal the old
// limbs, which (bytes differing by at most 255 in each of four positions) forces the value bytes
// to be the accessed window bytes. Assumptions: memory words are canonical 32-bit limbs (the
// memory machines' contract) and Main's store values are canonical limbs.
#pragma once

#include <cstdint>

#include "sm/buses.h"
#include "sm/mem_align/cols.h"
#include "stark/air.h"

namespace ziskc::sm {

struct MemAlignAir {
  stark::AirInfo info() const {
    return {.name = "mem_align", .num_main = stark::width_of<MemAlignCols>()};
  }

  template <class B>
  void eval(B& b) const {
    using E = typename B::Expr;
    const auto& c = b.template main<MemAlignCols>();
    const E one = b.constant(1);
    E sel = b.constant(0);
    E off_num = b.constant(0);
    for (int o = 0; o < 8; ++o) {
      stark::assert_bool(b, "mem_align.off_bool", c.off[o]);
      sel = sel + c.off[o];
      off_num = off_num + b.constant(static_cast<std::uint64_t>(o)) * c.off[o];
    }
    // At most one offset: sel is the row's multiplicity (0 on padding rows).
    stark::assert_bool(b, "mem_align.sel_bool", sel);
    stark::assert_bool(b, "mem_align.w2_bool", c.w2);
    stark::assert_bool(b, "mem_align.w4_bool", c.w4);
    stark::assert_bool(b, "mem_align.w8_bool", c.w8);
    stark::assert_bool(b, "mem_align.store_bool", c.is_store);
    b.assert_zero("mem_align.w4_needs_w2", c.w4 * (one - c.w2));
    b.assert_zero("mem_align.w8_needs_w4", c.w8 * (one - c.w4));
    // A store's writes are tied to the access Main assumes.
    b.assert_zero("mem_align.store_needs_sel", c.is_store * (one - sel));
    // Aligned 8-byte accesses are the memory machines' (sm/buses.h): without this a row could
    // prove one by assuming it (a load) or relay an aligned store to mem_step + 1 (a store),
    // messages outside this machine's contract (harmless by the memory machines' one access
    // per (word, mem_step), but the composition argument should not depend on that).
    b.assert_zero("mem_align.not_aligned_word", c.w8 * c.off[0]);
    // cross = [off + width > 8]: width 8 at off >= 1, width 4 at off >= 5, width 2 at off 7.
    b.assert_zero("mem_align.cross", c.cross - (c.w8 * (sel - c.off[0]) +
                                                (c.w4 - c.w8) * (c.off[5] + c.off[6] + c.off[7]) +
                                                (c.w2 - c.w4) * c.off[7]));
    // ind[k] = [k < width] for value byte k.
    const E ind[8] = {one, c.w2, c.w4, c.w4, c.w8, c.w8, c.w8, c.w8};
    // New window byte j: the value byte j - off where the access covers j, else the old byte.
    const char* new_names[4] = {"mem_align.new_limb0", "mem_align.new_limb1", "mem_align.new_limb2",
                                "mem_align.new_limb3"};
    const char* keep_names[4] = {"mem_align.load_keeps0", "mem_align.load_keeps1",
                                 "mem_align.load_keeps2", "mem_align.load_keeps3"};
    E old_limb[4] = {b.constant(0), b.constant(0), b.constant(0), b.constant(0)};
    for (int m = 0; m < 4; ++m) {
      E new_limb = b.constant(0);
      for (int t = 0; t < 4; ++t) {
        const int j = 4 * m + t;
        E byte = c.b[j];
        for (int o = (j >= 7 ? j - 7 : 0); o <= (j < 7 ? j : 7); ++o) {
          byte = byte + c.off[o] * ind[j - o] * (c.v[j - o] - c.b[j]);
        }
        const E scale = b.constant(std::uint64_t{1} << (8 * t));
        new_limb = new_limb + scale * byte;
        old_limb[m] = old_limb[m] + scale * c.b[j];
      }
      b.assert_zero(new_names[m], c.nw[m] - new_limb);
      // A load leaves the words as they were, so its value bytes are the accessed bytes.
      b.assert_zero(keep_names[m], (one - c.is_store) * (c.nw[m] - old_limb[m]));
    }
    // Loads are zero-extended beyond their width.
    const char* zero_names[8] = {"",
                                 "mem_align.load_zero1",
                                 "mem_align.load_zero2",
                                 "mem_align.load_zero3",
                                 "mem_align.load_zero4",
                                 "mem_align.load_zero5",
                                 "mem_align.load_zero6",
                                 "mem_align.load_zero7"};
    for (int k = 1; k < 8; ++k) {
      b.assert_zero(zero_names[k], (one - c.is_store) * (one - ind[k]) * c.v[k]);
    }
    E v_lo = b.constant(0), v_hi = b.constant(0);
    for (int k = 0; k < 4; ++k) {
      v_lo = v_lo + b.constant(std::uint64_t{1} << (8 * k)) * c.v[k];
      v_hi = v_hi + b.constant(std::uint64_t{1} << (8 * k)) * c.v[4 + k];
    }
    const E k8 = b.constant(8);
    const E addr = k8 * c.aw;
    const E width = one + c.w2 + b.constant(2) * c.w4 + b.constant(4) * c.w8;
    // The access Main assumes, and the aligned accesses that realise it.
    b.prove(kMemoryBus, {one + c.is_store, addr + off_num, c.step, width, v_lo, v_hi}, sel);
    b.assume(kMemoryBus, {b.constant(kMemLoad), addr, c.step, k8, old_limb[0], old_limb[1]}, sel);
    b.assume(kMemoryBus, {b.constant(kMemLoad), addr + k8, c.step, k8, old_limb[2], old_limb[3]},
             c.cross);
    b.assume(kMemoryBus, {b.constant(kMemStore), addr, c.step + one, k8, c.nw[0], c.nw[1]},
             c.is_store);
    b.assume(kMemoryBus, {b.constant(kMemStore), addr + k8, c.step + one, k8, c.nw[2], c.nw[3]},
             c.is_store * c.cross);
    for (int j = 0; j < 16; j += 2) b.assume(kBytePairBus, {c.b[j], c.b[j + 1]}, one);
    for (int k = 0; k < 8; k += 2) b.assume(kBytePairBus, {c.v[k], c.v[k + 1]}, one);
  }
};

}  // namespace ziskc::sm
