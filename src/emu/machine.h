// The emulator's machine state and exit states (guest faults are exit states, STYLE.md
// errors kind 3). Internal to src/emu: the public API is emulator.h / replay.h.
// Invariants: regs[0] == 0; while running, cur points into the decoded ROM; once exited,
// exit.kind says why and nothing runs any more.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "emu/decoded.h"
#include "emu/memory.h"
#include "emu/trace.h"

namespace ziskc::emu {

enum class ExitKind : std::uint8_t {
  kRunning,
  kEnd,              // reached the end instruction (0x1004): a clean exit
  kStepLimit,        // max steps reached before the end
  kLoadFault,        // read outside mapped memory
  kStoreFault,       // write outside mapped memory
  kReadOnlyStore,    // write into ROM or the input area
  kBadJump,          // jump to an address without a (jumpable) instruction, or misaligned
  kHalt,             // executed a halt (illegal instruction, bad CSR pattern, ...)
  kPrecompileFault,  // a precompile rejected its parameters
  kFcallFault,       // a free-input call or its results were misused
  kDmaFault,         // a DMA operation on a bad range
  kUnsupported,      // a precompile or free-input call ziskc does not support yet
  kTraceMismatch,    // replay only: the minimal trace does not fit the program
};
const char* exit_kind_name(ExitKind k);

struct Exit {
  ExitKind kind = ExitKind::kRunning;
  std::uint32_t inst = 0xFFFF'FFFF;  // ROM index of the instruction that stopped the run
  std::uint64_t addr = 0;            // the faulting address / jump target, when relevant
  std::string detail;                // what else a message needs (precompile error, ...)
};

// Where UART bytes go. Called with whole lines when possible and at the end of the run.
class ConsoleSink {
 public:
  virtual ~ConsoleSink() = default;
  virtual void write(std::string_view bytes) = 0;
};

struct Machine {
  Machine(DecodedRom& decoded, GuestMemory* memory) : code(decoded), mem(memory) {}

  DecodedRom& code;
  GuestMemory* mem;  // null when replaying
  std::uint64_t regs[kNumRegs] = {};
  std::uint64_t step = 0;
  std::uint64_t last_c = 0;
  const ExecInst* cur = nullptr;
  Exit exit;
  std::uint64_t max_steps = 0;  // the run's step limit (kStepLimit when reached)

  // Free-input calls (ZisK's FcallContext): parameters pushed so far, the last results, and
  // how many results the guest has consumed (the next one is in the free-input cell).
  std::vector<std::uint64_t> fcall_params;
  std::vector<std::uint64_t> fcall_result;
  std::uint64_t fcall_got = 0;

  // Public values published by pubout (the BIOS output loop): 32 x u64 = 64 x u32.
  std::array<std::uint64_t, 32> pubout{};

  ConsoleSink* console = nullptr;
  std::string console_buf;

  // Stats mode: executions per ROM instruction, touched 4 KiB pages of RAM.
  std::vector<std::uint64_t> counts;
  std::vector<std::uint64_t> touched;  // bitmap

  bool running() const { return exit.kind == ExitKind::kRunning; }
  void stop(ExitKind kind, std::uint32_t inst, std::uint64_t addr = 0, std::string detail = {}) {
    exit.kind = kind;
    exit.inst = inst;
    exit.addr = addr;
    exit.detail = std::move(detail);
  }
  void uart(std::uint8_t byte) {
    console_buf.push_back(static_cast<char>(byte));
    if (byte == '\n' || console_buf.size() >= 4096) flush_console();
  }
  void flush_console() {
    if (console != nullptr && !console_buf.empty()) console->write(console_buf);
    console_buf.clear();
  }
  void touch(std::uint64_t addr) {
    const std::uint64_t page = (addr - mem->ram_lo()) >> 12;
    if (page < touched.size() * 64) touched[page >> 6] |= 1ull << (page & 63);
  }
};

}  // namespace ziskc::emu
