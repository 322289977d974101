// Chunk replay: from one chunk's minimal trace and the ROM alone (no memory image), re-execute
// the chunk and report every step (StepRecord: step, pc, instruction, a, b, c, flag and each
// memory access with its mem_step). This is what the state machines' witness generators use;
// docs/EMULATOR.md describes the records.
// Invariants: replay() is const and thread-safe (any number of chunks in parallel, in any
// order: chunk i never needs chunk i-1); it runs the same generic() as the emulator, so the
// replayed steps are exactly the traced ones; a trace that does not fit the program (too few
// or too many values, a start pc without an instruction) is a kInvalidArgument Status.
#pragma once

#include <memory>

#include "base/status.h"
#include "emu/core.h"
#include "emu/trace.h"
#include "zisk/rom.h"

namespace ziskc::emu {

class Replayer {
 public:
  explicit Replayer(const zisk::Rom& rom);
  ~Replayer();

  // Replays chunk, calling visitor->on_step for each step (visitor may be null). Returns the
  // state after the chunk, which equals the next chunk's start.
  Result<ChunkStart> replay(const Chunk& chunk, StepVisitor* visitor) const;

  const zisk::Rom& rom() const { return rom_; }

 private:
  const zisk::Rom& rom_;
  std::unique_ptr<DecodedRom> code_;
};

}  // namespace ziskc::emu
