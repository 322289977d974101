// Seeded generator of random rv64imac test programs for the differential test (see
// harness/harness.h for the program frame and docs/EMULATOR.md, "Tests" for what is covered).
//
// Invariants of every generated program, whatever the seed:
// - it terminates: the only backward branches close loops with a constant trip count (1..6)
//   whose counter register the loop body never writes; nesting depth is at most 2;
// - every load, store, AMO and lr/sc stays inside the scratch area ([-2048, 1792) from the
//   base register, which is never written); AMOs and lr/sc are naturally aligned;
// - every lr is followed by an sc of the same width and address with no memory access in
//   between (so sc succeeds on every implementation, as ZisK's always-succeeding sc does);
// - no ecall/ebreak/CSR access, no values that depend on where the program runs other than
//   its own link addresses (identical in the ziskc and qemu variants).
// The same seed always yields the same text (own RNG, no std distributions).
#pragma once

#include <cstdint>
#include <string>

namespace ziskc::difftest {

struct GenOptions {
  int min_items = 120;  // top-level items (an item is 1..~40 instructions)
  int max_items = 400;
};

// Returns the assembly source (a .S file for harness.h) of the program for this seed.
std::string generate_program(uint64_t seed, const GenOptions& options = {});

}  // namespace ziskc::difftest
