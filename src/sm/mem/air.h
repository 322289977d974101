// The AIRs of the three memory-region machines: RAM, ROM data, input data (docs/sm/mem.md).
//
// Each machine proves aligned 8-byte accesses (kMemoryBus: mem_op, byte address, mem_step, 8,
// value_lo, value_hi) of one region from a log sorted by (word address, mem_step). The log of a
// region is one chain through all of its instances: row 0 of an instance is a silent copy of the
// last row of the previous instance, linked by a chain message on kMemoryBus
//   (kMemChain<region>, 8 * addr, step, 8 + flag, v_lo, v_hi)
// that row 0 assumes and row n-1 proves (instance values: flag in, flag out = new_addr of row
// n-1). The verifier adds the region's start sentinel (proved) and end sentinel (assumed) as
// direct terms (sm/mem/chain.h), so the instances form one path from start to end.
//
// Soundness contract (for a balanced proof whose instances of one machine have fewer than
// kMemMaxRows rows in total, and whose other machines only assume memory tuples with mem_op
// load/store/rom-init and mem_step < 2^40):
//  - RAM proves (load, 8a, s, 8, v) only if v is the value of the last proved store to word a
//    with mem_step < s, or 0 if there is none; it proves stores unconditionally; every proved
//    word lies in [first, end) of the region; every (a, s) is proved at most once.
//  - ROM data proves (rom-init, 8a, s, 8, v) exactly once per word a of [lo, hi) and
//    (load, 8a, s, 8, v) only with that v; never a store.
//  - Input data proves only loads, of words in the region, each word with a single value for
//    the whole run except input word 0 (the free-input cell), whose loads are free; proved
//    value limbs are < 2^32.
// Why: increments are range-checked (Range16, at most 2^28 per row), so with fewer than 2^35
// rows nothing wraps around p: addresses strictly increase at each new group, and in a RAM group
// the proved accesses have strictly increasing mem_steps; a row that is not a store keeps the
// value, a group starts with a read of 0 (RAM). The start/end sentinels pin the first and last
// address of the path (the end sentinel's flag 1 says its row starts a new address, so no other
// row has that address).
#pragma once

#include <cstdint>

#include "sm/buses.h"
#include "sm/mem/cols.h"
#include "stark/air.h"

namespace ziskc::sm {

// A memory machine accepts at most this many rows in total (sum of 2^log_height over its
// instances); the verifier must refuse proofs with more (check_mem_rows in sm/mem/chain.h).
inline constexpr std::uint64_t kMemMaxRows = std::uint64_t{1} << 35;
// A row's increment is inc (< 2^16) or inc << kMemBigShift when big = 1.
inline constexpr unsigned kMemBigShift = 12;
// Instance values of every memory machine: the chain flags of row 0 and row n-1.
inline constexpr std::size_t kMemFlagIn = 0, kMemFlagOut = 1, kMemNumInstanceValues = 2;
// The start flag of ROM data (only its start sentinel carries it): the next row starts a word.
inline constexpr std::uint64_t kRomDataStartFlag = 2;

namespace internal {
// The chain tuple of a memory machine's row: (op + (L0 + Ln) * chain_op, 8 addr, step,
// 8 + L0 * flag_in + Ln * flag_out, v_lo, v_hi) with multiplicity sel + Ln - L0. Row 0 and row
// n-1 are silent (sel = 0, op = 0), so there the tuple is the chain link.
template <class B, class E>
void mem_chain_message(B& b, std::uint32_t chain_op, const E& op, const E& addr, const E& step,
                       const E& v_lo, const E& v_hi, const E& sel) {
  const E l0 = b.is_first_row();
  const E ln = b.is_last_row();
  const E flag = b.constant(8) + l0 * b.instance_value(kMemFlagIn) +
                 ln * b.instance_value(kMemFlagOut);
  b.prove(kMemoryBus,
          {op + (l0 + ln) * b.constant(chain_op), b.constant(8) * addr, step, flag, v_lo, v_hi},
          sel + ln - l0);
}
}  // namespace internal

struct RamAir {
  stark::AirInfo info() const {
    return {.name = "mem_ram",
            .num_main = stark::width_of<RamCols>(),
            .num_instance_values = kMemNumInstanceValues};
  }
  template <class B>
  void eval(B& b) const {
    using E = typename B::Expr;
    const auto& c = b.template main<RamCols>();
    const auto& n = b.template main_next<RamCols>();
    const E one = b.constant(1);
    stark::assert_bool(b, "ram.sel_bool", c.sel);
    stark::assert_bool(b, "ram.wr_bool", c.wr);
    stark::assert_bool(b, "ram.new_bool", c.new_addr);
    stark::assert_bool(b, "ram.big_bool", c.big);
    // Stores are proved on the bus (no silent write can change memory).
    b.assert_zero("ram.wr_needs_sel", c.wr * (one - c.sel));
    // A group starts with a read (a store into a fresh word follows a silent read of 0), so
    // "keeps the value" below is linear: 1 - new_addr - wr.
    b.assert_zero("ram.new_is_read", c.new_addr * c.wr);
    // RAM starts all-zero: the first read of a word is 0.
    b.assert_zero("ram.new_reads_zero_lo", c.new_addr * c.v_lo);
    b.assert_zero("ram.new_reads_zero_hi", c.new_addr * c.v_hi);
    // Order: a new group has a larger address (by 1 + incv); in a group the mem_step grows by
    // sel + incv (proved accesses strictly, silent copies may repeat it).
    const E incv = n.inc * (one + n.big * b.constant((1u << kMemBigShift) - 1));
    b.assert_zero_transition("ram.increment",
                             incv - (n.new_addr * (n.addr - c.addr - one) +
                                     (one - n.new_addr) * (n.step - c.step - n.sel)));
    b.assert_zero_transition("ram.same_addr", (one - n.new_addr) * (n.addr - c.addr));
    // Reads in a group return the value left by the previous row (the last store or 0).
    b.assert_zero_transition("ram.read_keeps_lo", (one - n.new_addr - n.wr) * (n.v_lo - c.v_lo));
    b.assert_zero_transition("ram.read_keeps_hi", (one - n.new_addr - n.wr) * (n.v_hi - c.v_hi));
    // Link rows are silent; the out flag is row n-1's new_addr.
    b.assert_zero_first("ram.link_in_silent", c.sel);
    b.assert_zero_last("ram.link_out_silent", c.sel);
    b.assert_zero_last("ram.flag_out", c.new_addr - b.instance_value(kMemFlagOut));
    // (load 1 / store 2, 8 addr, step, 8, v) when sel; the chain link on rows 0 and n-1.
    internal::mem_chain_message<B, E>(b, kMemChainRam, c.sel + c.wr, c.addr, c.step, c.v_lo,
                                      c.v_hi, c.sel);
    b.assume(kRange16Bus, {c.inc}, one);
  }
};

struct RomDataAir {
  stark::AirInfo info() const {
    return {.name = "mem_rom_data",
            .num_main = stark::width_of<RomDataCols>(),
            .num_instance_values = kMemNumInstanceValues};
  }
  template <class B>
  void eval(B& b) const {
    using E = typename B::Expr;
    const auto& c = b.template main<RomDataCols>();
    const auto& n = b.template main_next<RomDataCols>();
    const E one = b.constant(1);
    stark::assert_bool(b, "rom.sel_bool", c.sel);
    stark::assert_bool(b, "rom.new_bool", c.new_addr);
    // The first row of a word is its BIOS init, proved on the bus (mem_op 3).
    b.assert_zero("rom.init_on_bus", c.new_addr * (one - c.sel));
    // Words are consecutive: every word of [lo, hi) is initialised exactly once.
    b.assert_zero_transition("rom.next_word", n.new_addr * (n.addr - c.addr - one));
    b.assert_zero_transition("rom.same_word", (one - n.new_addr) * (n.addr - c.addr));
    // Loads return the init value.
    b.assert_zero_transition("rom.value_lo", (one - n.new_addr) * (n.v_lo - c.v_lo));
    b.assert_zero_transition("rom.value_hi", (one - n.new_addr) * (n.v_hi - c.v_hi));
    // Only the start sentinel carries flag 2: after it the first word's init must follow
    // (its address lo - 1 is no ROM data word).
    const E f = b.instance_value(kMemFlagIn);
    b.assert_zero_first("rom.start_inits", f * (f - one) * (one - n.new_addr));
    b.assert_zero_first("rom.link_in_silent", c.sel);
    b.assert_zero_first("rom.link_in_not_new", c.new_addr);
    b.assert_zero_last("rom.link_out_silent", c.sel);
    b.assert_zero_last("rom.flag_out", c.new_addr - b.instance_value(kMemFlagOut));
    // (load 1 / rom-init 3, 8 addr, step, 8, v): never a store.
    internal::mem_chain_message<B, E>(b, kMemChainRomData, c.sel + b.constant(2) * c.new_addr,
                                      c.addr, c.step, c.v_lo, c.v_hi, c.sel);
  }
};

struct InputDataAir {
  // Word index of the free-input cell (input_addr / 8).
  std::uint64_t free_word = 0;

  stark::AirInfo info() const {
    return {.name = "mem_input_data",
            .num_main = stark::width_of<InputDataCols>(),
            .num_instance_values = kMemNumInstanceValues};
  }
  template <class B>
  void eval(B& b) const {
    using E = typename B::Expr;
    const auto& c = b.template main<InputDataCols>();
    const auto& n = b.template main_next<InputDataCols>();
    const E one = b.constant(1);
    const E k16 = b.constant(1u << 16);
    stark::assert_bool(b, "input.sel_bool", c.sel);
    stark::assert_bool(b, "input.new_bool", c.new_addr);
    stark::assert_bool(b, "input.free_bool", c.free);
    stark::assert_bool(b, "input.big_bool", c.big);
    b.assert_zero("input.new_or_free", c.new_addr * c.free);
    // Only the free-input cell may change its value.
    b.assert_zero("input.free_cell", c.free * (c.addr - b.constant(free_word)));
    const E incv = n.inc * (one + n.big * b.constant((1u << kMemBigShift) - 1));
    b.assert_zero_transition("input.increment", incv - n.new_addr * (n.addr - c.addr - one));
    b.assert_zero_transition("input.same_addr", (one - n.new_addr) * (n.addr - c.addr));
    const E keep = one - n.new_addr - n.free;
    b.assert_zero_transition("input.value_lo",
                             keep * (n.limb[0] + k16 * n.limb[1] - c.limb[0] - k16 * c.limb[1]));
    b.assert_zero_transition("input.value_hi",
                             keep * (n.limb[2] + k16 * n.limb[3] - c.limb[2] - k16 * c.limb[3]));
    b.assert_zero_first("input.link_in_silent", c.sel);
    b.assert_zero_last("input.link_out_silent", c.sel);
    b.assert_zero_last("input.flag_out", c.new_addr - b.instance_value(kMemFlagOut));
    // (load, 8 addr, step, 8, v) only.
    internal::mem_chain_message<B, E>(b, kMemChainInputData, c.sel * b.constant(kMemLoad),
                                      c.addr, c.step, c.limb[0] + k16 * c.limb[1],
                                      c.limb[2] + k16 * c.limb[3], c.sel);
    b.assume(kRange16Bus, {c.inc}, one);
    for (int i = 0; i < 4; ++i) b.assume(kRange16Bus, {c.limb[i]}, one);
  }
};

}  // namespace ziskc::sm
