// Running a transpiled program: fast mode (execute only), stats mode (+ counters for `-X` and
// `-S`) and trace mode (+ the minimal trace per chunk of 2^k steps, handed to a ChunkSink as
// soon as each chunk is complete). All three run the same core (core.h); see docs/EMULATOR.md.
// Guest faults are not errors: they are RunResult::exit. Errors (Status) are bad input, a
// failing ChunkSink, or a host failure (cannot reserve guest RAM).
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "base/status.h"
#include "emu/machine.h"
#include "emu/trace.h"
#include "zisk/rom.h"

namespace ziskc::emu {

// ZisK's default step limit (ziskemu -n): 2^32 - 1.
inline constexpr std::uint64_t kDefaultMaxSteps = 0xFFFF'FFFFull;

struct RunOptions {
  std::uint64_t max_steps = kDefaultMaxSteps;
  bool stats = false;  // count executions per instruction and touched RAM pages
  // false: every instruction runs through the generic handler (the reference semantics);
  // tests compare both.
  bool specialize = true;
  ConsoleSink* console = nullptr;  // UART bytes; dropped if null
};

struct RunStats {
  std::vector<std::uint64_t> inst_counts;  // executions of each ROM instruction
  std::uint64_t touched_pages = 0;         // 4 KiB RAM pages read or written
};

struct RunResult {
  Exit exit;
  std::uint64_t steps = 0;
  ChunkStart final_state;                  // registers etc. when the run stopped
  std::array<std::uint64_t, 32> pubout{};  // public values (64 x u32 as 32 x u64)
  std::vector<std::uint32_t> output_area;  // the OUTPUT region at exit, as u32 words
  std::optional<RunStats> stats;
};

// Runs rom on the input bytes (the validated input file, placed at INPUT_ADDR + 8).
Result<RunResult> run(const zisk::Rom& rom, std::span<const std::uint8_t> input,
                      const RunOptions& options);

// Trace mode: as run(), and every chunk of 2^chunk_log2 steps (the last may be shorter) goes
// to sink with its minimal trace. chunk_log2 in [1, 32].
Result<RunResult> run_trace(const zisk::Rom& rom, std::span<const std::uint8_t> input,
                            const RunOptions& options, unsigned chunk_log2, ChunkSink& sink);

// The 64 public output words of a run (u32 i = half i of pubout word i / 2).
std::array<std::uint32_t, 64> public_outputs(const RunResult& r);

}  // namespace ziskc::emu
