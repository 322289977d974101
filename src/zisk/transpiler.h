// RISC-V (rv64imac) -> ZisK transpiler and BIOS (DESIGN.md §3, §2.2, §2.3), following ZisK's
// core/src/riscv2zisk_context.rs instruction by instruction so that the guest's ZisK step
// counts, ops and jump structure match ziskemu's. docs/EMULATOR.md has the full table.
//
// Invariants of the result:
//  - executable segments are decoded by a linear sweep from their start (as ZisK does),
//    restarting at function symbols; each RISC-V instruction at A becomes ZisK instructions at
//    A (+ A+1..A+3 internal ones);
//  - an encoding that is not rv64imac becomes a `halt` (a guest fault only when executed);
//  - a bad program (too large, no code at the entry, ...) is a kBadElf Status, never a crash;
//  - the BIOS (0x1000..) stores every initialised byte of the image with 8-byte stores, sets
//    marchid and mtvec, passes INPUT_ADDR / OUTPUT_ADDR in a0 / a1, calls the entry, and on
//    exit publishes the 64 output words (32 pubout steps) and ends at 0x1004.
#pragma once

#include <cstdint>

#include "base/status.h"
#include "zisk/layout.h"
#include "zisk/rom.h"

namespace ziskc::zisk {

struct TranspileOptions {
  // Bound on the bytes of executable segments (the linear sweep, the ROM and the emulator's
  // decoded copy grow with it: about 100 bytes of host memory per code byte at worst):
  // 16 MiB, a few times the code of the largest known ZisK guests.
  std::uint64_t max_code_bytes = 16ull << 20;
  // Bound on the 8-byte words the BIOS initialises (64 MiB of data).
  std::uint64_t max_init_words = 1ull << 23;
};

Result<Rom> transpile(const Program& program, const TranspileOptions& options = {});

// The ZisK words of one RISC-V instruction for the CSR free-input parameter ports
// csrs 0x8F0+p (ZisK's CSR_FCALL_PARAM_OFFSET_TO_WORDS): how many u64 the push carries.
std::uint64_t fcall_param_words(unsigned p);

}  // namespace ziskc::zisk
