// ziskc::execute: run a guest ELF on an input file without proving (`ziskc execute`). Loads
// and validates the ELF (parse_program), reads the input file (ZisK records, or one raw record
// with legacy_inputs), transpiles, runs the emulator, and gathers the outputs and, on request,
// the op histogram / per-machine counts / touched memory (-X) and the per-function profile
// (-S). The CLI only parses flags and prints this result.
// Errors (Status): bad ELF, bad input file, I/O. A guest fault is a successful call whose
// result has exit != kEnd and a one-line `fault` message naming pc, instruction and address.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "emu/emulator.h"
#include "zisk/layout.h"
#include "zisk/ops.h"

namespace ziskc {

struct ExecuteOptions {
  std::string elf_path;
  std::string input_path;      // empty: no input
  bool legacy_inputs = false;  // the input file is raw bytes: wrap it as one record
  std::uint64_t max_steps = emu::kDefaultMaxSteps;
  std::optional<zisk::LayoutKind> layout;  // default: detect from the ELF
  bool stats = false;                      // -X
  unsigned profile_top = 0;                // -S: the N functions with most steps (0: off)
  emu::ConsoleSink* console = nullptr;     // UART output
};

struct ExecuteStats {
  struct OpCount {
    zisk::Op op;
    std::uint64_t count;
  };
  std::vector<OpCount> ops;  // executed ZisK ops, most frequent first
  std::array<std::uint64_t, static_cast<std::size_t>(zisk::Machine::kCount)> per_machine{};
  std::uint64_t touched_bytes = 0;  // RAM touched, in 4 KiB pages
  std::uint64_t bios_steps = 0;     // steps spent in the BIOS
};

struct ProfileEntry {
  std::string function;  // symbol name, "[bios]" or "[unknown]"
  std::uint64_t steps = 0;
};

struct ExecuteResult {
  emu::ExitKind exit = emu::ExitKind::kRunning;
  std::string fault;  // empty on a clean exit
  std::uint64_t steps = 0;
  double seconds = 0;  // wall time of the emulation (transpiling excluded)
  std::array<std::uint32_t, 64> outputs{};
  std::vector<std::uint32_t> output_area;  // the OUTPUT region as u32 words (for -f)
  std::optional<ExecuteStats> stats;
  std::vector<ProfileEntry> profile;
  std::string layout;  // the layout used
};

Result<ExecuteResult> execute(const ExecuteOptions& options);

// The Status a CLI maps a guest exit to: ok for a clean exit, kUnsupported for a feature not
// supported yet, kGuestFault otherwise (message = result.fault).
Status exit_status(const ExecuteResult& result);

// One line describing how a run stopped: "load from unmapped address 0x0 at pc 0x80000010
// (lw a1, 0(a0))". Used by execute() and the tests.
std::string describe_exit(const zisk::Rom& rom, const emu::RunResult& run);

}  // namespace ziskc
