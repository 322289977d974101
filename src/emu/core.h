// The interpreter core: ONE implementation of ZisK instruction semantics, instantiated per
// mode (template parameter, no virtual calls and no per-step mode branches):
//   FastMode   execute only;          StatsMode  + per-instruction counts, touched pages;
//   TraceMode  + minimal trace reads; ReplayMode memory reads come from a minimal trace and
//                                      every step is reported to a StepVisitor.
// generic() executes any instruction exactly (the reference semantics); run() is the threaded
// loop (core_loop.h) whose specialised handlers cover the common (a, b, op, store) shapes and
// fall back to generic() for everything else.
// Invariants: a fault stops the run before the faulting step is counted (the step count is
// the number of completed steps); an exit leaves m.exit set and generic() returns nullptr.
#pragma once

#include <cstdint>
#include <cstring>
#include <span>
#include <vector>

#include "emu/machine.h"
#include "precompile/precompile.h"
#include "zisk/ops.h"

namespace ziskc::emu {

// Receives every step of a replayed chunk.
class StepVisitor {
 public:
  virtual ~StepVisitor() = default;
  virtual void on_step(const StepRecord& step) = 0;
};

struct FastMode {
  static constexpr bool kTrace = false, kStats = false, kReplay = false;
};
struct StatsMode {
  static constexpr bool kTrace = false, kStats = true, kReplay = false;
};
struct TraceMode {
  static constexpr bool kTrace = true, kStats = false, kReplay = false;
  std::vector<std::uint64_t>* reads = nullptr;
  void rec(std::uint64_t v) { reads->push_back(v); }
};
struct ReplayMode {
  static constexpr bool kTrace = false, kStats = false, kReplay = true;
  const std::uint64_t* p = nullptr;
  const std::uint64_t* end = nullptr;
  std::vector<MemAccess> accesses;
  StepVisitor* visitor = nullptr;
};

// The precompile of a ZisK op, or nullopt (not a precompile, or one ziskc has no Kind for).
std::optional<precompile::Kind> precompile_kind(zisk::Op op);

// ZisK's FCALL_PARAMS_MAX_SIZE / FCALL_RESULT_MAX_SIZE: more is a guest fault (ZisK panics).
inline constexpr std::uint64_t kMaxFcallParams = precompile::kFcallParamsMax;
inline constexpr std::uint64_t kMaxFcallResults = precompile::kFcallResultMax;

template <class Mode>
class Core {
 public:
  Core(Machine& m, Mode& mode) : m_(m), mode_(mode) {}

  // The label table of run() (index = Handler), for DecodedRom::bind.
  static const void* const* labels();
  // Runs until m.step == limit or an exit. Requires m.running(), m.step < limit, m.cur bound
  // to this instantiation's labels.
  void run(std::uint64_t limit);
  // Executes the instruction `in` exactly; returns its successor, or nullptr after an exit.
  const ExecInst* generic(const ExecInst* in);

  // Memory accesses of generic() and the slow paths of run(); false after an exit.
  bool load(std::uint32_t idx, std::uint64_t addr, unsigned width, std::uint8_t slot,
            std::uint64_t& v);
  bool store(std::uint32_t idx, std::uint64_t addr, unsigned width, std::uint64_t v,
             std::uint8_t slot, bool bios_init);
  // 8-byte aligned word accesses of precompiles and DMA (no range checks: callers check).
  bool op_read(std::uint32_t idx, std::uint64_t addr, std::uint64_t& v);
  bool op_write(std::uint32_t idx, std::uint64_t addr, std::uint64_t v, std::uint64_t before = 0);
  // A recorded non-memory value (free-input words of inputcpy).
  bool hint(std::uint32_t idx, std::uint64_t host_value, std::uint64_t& v);

  Machine& machine() { return m_; }
  Mode& mode() { return mode_; }

 private:
  static void run_impl(Core* self, std::uint64_t limit, const void* const** labels_out);
  const ExecInst* generic_step(const ExecInst* in);
  bool ctx_op(const zisk::ZiskInst& z, std::uint32_t idx, std::uint64_t a, std::uint64_t b,
              zisk::OpOut& o);
  bool fcall_param(std::uint32_t idx, std::uint64_t words, std::uint64_t b);
  bool fcall(std::uint32_t idx, std::uint64_t id);
  bool fcall_get(std::uint32_t idx);
  bool run_precompile(const zisk::ZiskInst& z, std::uint32_t idx, std::uint64_t b, zisk::OpOut& o);
  // core_dma.h
  bool dma_memcpy(std::uint32_t idx, std::uint64_t dst, std::uint64_t src, std::uint64_t n);
  bool dma_memcmp(std::uint32_t idx, std::uint64_t a, std::uint64_t b, std::uint64_t n,
                  std::uint64_t& result);
  bool dma_memset(std::uint32_t idx, std::uint64_t dst, std::uint64_t n, std::uint8_t byte);
  bool dma_inputcpy(std::uint32_t idx, std::uint64_t dst, std::uint64_t n);
  bool dma_count(std::uint32_t idx, const zisk::ZiskInst& z, std::uint64_t& n);
  // Replay: the next recorded value, or a kTraceMismatch exit.
  bool take(std::uint32_t idx, std::uint64_t& v);
  void touch_range(std::uint64_t addr, std::uint64_t size);

  Machine& m_;
  Mode& mode_;
};

// The precompile::Memory of one precompile step: reads and writes go through the core, so
// they are range-checked, recorded (trace) or served from the trace (replay).
template <class Mode>
class OpMemory final : public precompile::Memory {
 public:
  OpMemory(Core<Mode>& core, std::uint32_t idx) : core_(core), idx_(idx) {}
  bool read(std::uint64_t addr, std::span<std::uint64_t> out) override {
    if constexpr (Mode::kReplay) {
      for (std::size_t i = 0; i < out.size(); ++i) {
        if (!core_.op_read(idx_, addr + 8 * i, out[i])) return false;
      }
    } else {
      // One range check and one copy per operand (precompile.h's performance note).
      GuestMemory& mem = *core_.machine().mem;
      if (out.size() > (1ull << 40) || !mem.readable(addr, 8 * out.size())) return false;
      mem.read_bytes(addr, 8 * out.size(), reinterpret_cast<std::uint8_t*>(out.data()));
      if constexpr (Mode::kTrace) {
        core_.mode().reads->insert(core_.mode().reads->end(), out.begin(), out.end());
      }
      if constexpr (Mode::kStats) {
        for (std::size_t i = 0; i < out.size(); ++i) core_.machine().touch(addr + 8 * i);
      }
    }
    return true;
  }
  bool write(std::uint64_t addr, std::span<const std::uint64_t> in) override {
    if constexpr (Mode::kReplay) {
      for (std::size_t i = 0; i < in.size(); ++i) {
        if (!core_.op_write(idx_, addr + 8 * i, in[i])) return false;
      }
    } else {
      GuestMemory& mem = *core_.machine().mem;
      if (in.size() > (1ull << 40) || !mem.writable(addr, 8 * in.size())) return false;
      std::memcpy(mem.ram_ptr(addr), in.data(), 8 * in.size());  // writable: RAM
      if constexpr (Mode::kStats) {
        for (std::size_t i = 0; i < in.size(); ++i) core_.machine().touch(addr + 8 * i);
      }
    }
    return true;
  }

 private:
  Core<Mode>& core_;
  std::uint32_t idx_;
};

}  // namespace ziskc::emu

#include "emu/core_dma.h"
#include "emu/core_generic.h"
#include "emu/core_loop.h"
