// Minimal traces (DESIGN.md §4) and the step records the replay produces (docs/EMULATOR.md).
//
// A run in trace mode is split into chunks of 2^k steps. A chunk's minimal trace is its start
// state and every value the chunk read from memory, in execution order, following ZisK's
// mem_reads conventions:
//  - a load (a or b source, or indirect b) of width w at addr records the aligned 8-byte
//    word(s) that hold it: word(addr & ~7), then word((addr + w - 1) & ~7) if different; an
//    aligned 8-byte load so records just its value;
//  - a store that is not an aligned 8-byte store records the aligned word(s) it changes,
//    before the store (so the replay can rebuild them);
//  - a precompile records every word it reads, in the order it reads them;
//  - DMA and free-input ops record the words docs/EMULATOR.md lists for each.
// Per step the order is: a source, b source, the op's own reads, the store's pre-read.
// Registers are not memory: only their chunk-start values are recorded.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <vector>

#include "base/status.h"
#include "zisk/instruction.h"

namespace ziskc::emu {

inline constexpr unsigned kNumRegs = 32;
inline constexpr unsigned kDefaultChunkLog2 = 18;

struct ChunkStart {
  std::uint64_t pc = 0;
  std::array<std::uint64_t, kNumRegs> regs{};  // x0..x31 (x0 always 0)
  std::uint64_t last_c = 0;
  std::uint64_t step = 0;  // number of steps executed before this chunk
  friend bool operator==(const ChunkStart&, const ChunkStart&) = default;
};

struct Chunk {
  ChunkStart start;
  std::uint64_t steps = 0;  // steps in this chunk (2^k except for the last one)
  std::vector<std::uint64_t> mem_reads;
};

// Receives chunks as the trace run produces them (in order). A non-ok Status stops the run
// and is returned by it.
class ChunkSink {
 public:
  virtual ~ChunkSink() = default;
  virtual Status on_chunk(Chunk&& chunk) = 0;
};

// Memory-step slots (DESIGN.md §5): mem_step = 1 + 4 * step + slot.
enum Slot : std::uint8_t { kSlotA = 0, kSlotB = 1, kSlotStore = 2, kSlotSpecial = 3 };
// Precompile and DMA reads use kSlotStore (their instructions store nothing to memory) and
// their writes kSlotSpecial, so a read and a later write of one word are ordered.
inline constexpr std::uint8_t kSlotOpRead = kSlotStore;
inline constexpr std::uint8_t kSlotOpWrite = kSlotSpecial;

inline constexpr std::uint64_t mem_step(std::uint64_t step, unsigned slot) {
  return 1 + 4 * step + slot;
}

// One memory access of a replayed step.
struct MemAccess {
  enum Kind : std::uint8_t { kLoad, kStore };
  Kind kind = kLoad;
  std::uint8_t width = 8;  // 1, 2, 4 or 8
  std::uint8_t slot = 0;
  // 1 for an aligned 8-byte access; else the number of aligned words it touches (1 or 2).
  std::uint8_t words = 1;
  std::uint64_t addr = 0;
  std::uint64_t value = 0;  // the width bytes loaded / stored (zero-extended)
  std::uint64_t mem_step = 0;
  // The aligned words at (addr & ~7) and the next one: their values before (loads: the words
  // read; stores: the words before the store) and after the access (stores; equal to before
  // for loads). For an aligned 8-byte store `before` is unknown (0) and after[0] == value.
  std::uint64_t before[2] = {0, 0};
  std::uint64_t after[2] = {0, 0};
};

// Everything a witness generator needs to know about one step.
struct StepRecord {
  std::uint64_t step = 0;  // 0-based main step
  std::uint64_t pc = 0;
  const zisk::ZiskInst* inst = nullptr;
  std::uint64_t a = 0, b = 0, c = 0;
  bool flag = false;
  std::span<const MemAccess> accesses;
};

}  // namespace ziskc::emu
