// Chunk replay through Core<ReplayMode>::generic().
#include "emu/replay.h"

#include <algorithm>

namespace ziskc::emu {
namespace {

class NullVisitor final : public StepVisitor {
 public:
  void on_step(const StepRecord&) override {}
};

}  // namespace

Replayer::Replayer(const zisk::Rom& rom)
    : rom_(rom), code_(std::make_unique<DecodedRom>(rom, /*specialize=*/false)) {}

Replayer::~Replayer() = default;

Result<ChunkStart> Replayer::replay(const Chunk& chunk, StepVisitor* visitor) const {
  const ChunkStart& s = chunk.start;
  if (chunk.steps == 0) return s;
  const auto idx = rom_.find(s.pc);
  if (!idx) {
    return make_error(ErrorCode::kInvalidArgument,
                      "replay: chunk at step {} starts at pc 0x{:x}, where there is no "
                      "instruction",
                      s.step, s.pc);
  }
  if (s.regs[0] != 0) {
    return make_error(ErrorCode::kInvalidArgument, "replay: chunk at step {} has x0 != 0", s.step);
  }
  DecodedRom& code = *code_;  // read-only from here on: generic() only reads it
  Machine m(code, nullptr);
  std::copy(s.regs.begin(), s.regs.end(), m.regs);
  m.step = s.step;
  m.last_c = s.last_c;
  m.cur = code.at(*idx);
  NullVisitor null_visitor;
  ReplayMode mode;
  mode.p = chunk.mem_reads.data();
  mode.end = chunk.mem_reads.data() + chunk.mem_reads.size();
  mode.visitor = visitor != nullptr ? visitor : &null_visitor;
  Core<ReplayMode> core(m, mode);
  const ExecInst* in = m.cur;
  for (std::uint64_t k = 0; k < chunk.steps; ++k) {
    if (code.is_stub(in)) {
      return make_error(ErrorCode::kInvalidArgument,
                        "replay: step {} jumps to 0x{:x}, where there is no instruction", m.step,
                        in->aux);
    }
    in = core.generic(in);
    if (in == nullptr) {
      const bool last = k + 1 == chunk.steps;
      if (!last || (m.exit.kind != ExitKind::kEnd && m.exit.kind != ExitKind::kHalt)) {
        return make_error(ErrorCode::kInvalidArgument,
                          "replay: chunk at step {} stops at step {} ({}{}{}) before its {} steps",
                          s.step, m.step, exit_kind_name(m.exit.kind),
                          m.exit.detail.empty() ? "" : ": ", m.exit.detail, chunk.steps);
      }
      break;
    }
  }
  if (mode.p != mode.end) {
    return make_error(ErrorCode::kInvalidArgument,
                      "replay: chunk at step {} leaves {} of its {} trace values unread", s.step,
                      mode.end - mode.p, chunk.mem_reads.size());
  }
  ChunkStart out;
  out.pc = code.is_stub(m.cur) ? m.cur->aux : rom_.inst(m.cur->index).pc;
  std::copy(std::begin(m.regs), std::end(m.regs), out.regs.begin());
  out.last_c = m.last_c;
  out.step = m.step;
  return out;
}

}  // namespace ziskc::emu
