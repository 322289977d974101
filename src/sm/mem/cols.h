// Columns of the three memory-region machines (docs/sm/mem.md): RAM, ROM data and input data.
// Every row is one node of the region's log, sorted by (word address, mem_step); addresses are
// word indices (byte address / 8). Row 0 and row n-1 of every instance are link rows (silent
// copies of the chain state carried to / from the neighbouring instances).
#pragma once

namespace ziskc::sm {

// RAM: read-write memory that starts all-zero.
template <class T>
struct RamCols {
  T addr;   // word index
  T step;   // mem_step of the access (free on rows that start a new address)
  T v_lo;   // the word's value after this row (32-bit limbs)
  T v_hi;
  T sel;    // 1: the row proves its access on the memory bus
  T wr;     // 1: a store (implies sel; never on a row that starts a new address)
  T new_addr;  // 1: addr > previous row's addr (the row starts its address group)
  T big;    // 1: the increment is inc * 2^12 (long idle gaps), else inc
  T inc;    // 16-bit increment: addresses (new_addr) or mem_steps (same address)
};

// ROM data: every word is written once by the BIOS (kMemRomInit) and only loaded afterwards.
template <class T>
struct RomDataCols {
  T addr;
  T step;  // mem_step of the access (free: ROM data has no order in time)
  T v_lo;
  T v_hi;
  T sel;       // 1: the row proves its access
  T new_addr;  // 1: the row starts the next word (addr = previous + 1): the BIOS init
};

// Input data: loads only; each word has one value for the whole run except the free-input cell
// (word 0), whose every read is free.
template <class T>
struct InputDataCols {
  T addr;
  T step;  // mem_step of the access (free: input words do not change)
  T limb[4];  // value as four 16-bit limbs (range-checked: input values are free)
  T sel;       // 1: the row proves its load
  T new_addr;  // 1: addr > previous row's addr
  T free;      // 1: a read of the free-input cell with a fresh value (addr = input word 0)
  T big;       // 1: the address increment is inc * 2^12
  T inc;       // 16-bit address increment
};

}  // namespace ziskc::sm
