// The run drivers of the three execution modes (one Core instantiation each).
#include "emu/emulator.h"

#include <algorithm>
#include <bit>

#include "emu/core.h"

namespace ziskc::emu {

const char* exit_kind_name(ExitKind k) {
  switch (k) {
    case ExitKind::kRunning:
      return "running";
    case ExitKind::kEnd:
      return "end";
    case ExitKind::kStepLimit:
      return "step limit";
    case ExitKind::kLoadFault:
      return "load fault";
    case ExitKind::kStoreFault:
      return "store fault";
    case ExitKind::kReadOnlyStore:
      return "store into read-only memory";
    case ExitKind::kBadJump:
      return "bad jump";
    case ExitKind::kHalt:
      return "halt";
    case ExitKind::kPrecompileFault:
      return "precompile fault";
    case ExitKind::kFcallFault:
      return "free-input call fault";
    case ExitKind::kDmaFault:
      return "DMA fault";
    case ExitKind::kUnsupported:
      return "not supported";
    case ExitKind::kTraceMismatch:
      return "trace mismatch";
  }
  return "?";
}

std::optional<precompile::Kind> precompile_kind(zisk::Op op) {
  using K = precompile::Kind;
  using zisk::Op;
  switch (op) {
    case Op::kKeccak:
      return K::kKeccakF;
    case Op::kArith256:
      return K::kArith256;
    case Op::kArith256Mod:
      return K::kArith256Mod;
    case Op::kSecp256k1Add:
      return K::kSecp256k1Add;
    case Op::kSecp256k1Dbl:
      return K::kSecp256k1Dbl;
    case Op::kSha256:
      return K::kSha256;
    case Op::kBn254CurveAdd:
      return K::kBn254CurveAdd;
    case Op::kBn254CurveDbl:
      return K::kBn254CurveDbl;
    case Op::kBn254ComplexAdd:
      return K::kBn254ComplexAdd;
    case Op::kBn254ComplexSub:
      return K::kBn254ComplexSub;
    case Op::kBn254ComplexMul:
      return K::kBn254ComplexMul;
    case Op::kArith384Mod:
      return K::kArith384Mod;
    case Op::kBls12381CurveAdd:
      return K::kBls12381CurveAdd;
    case Op::kBls12381CurveDbl:
      return K::kBls12381CurveDbl;
    case Op::kBls12381ComplexAdd:
      return K::kBls12381ComplexAdd;
    case Op::kBls12381ComplexSub:
      return K::kBls12381ComplexSub;
    case Op::kBls12381ComplexMul:
      return K::kBls12381ComplexMul;
    case Op::kAdd256:
      return K::kAdd256;
    case Op::kPoseidon2:
      return K::kPoseidon2;
    case Op::kSecp256r1Add:
      return K::kSecp256r1Add;
    case Op::kSecp256r1Dbl:
      return K::kSecp256r1Dbl;
    case Op::kBlake2:
      return K::kBlake2bRound;
    default:
      return std::nullopt;
  }
}

namespace {

std::uint64_t pc_of(const DecodedRom& code, const ExecInst* e) {
  return code.is_stub(e) ? e->aux : code.rom().inst(e->index).pc;
}

ChunkStart snapshot(const Machine& m) {
  ChunkStart s;
  s.pc = pc_of(m.code, m.cur);
  std::copy(std::begin(m.regs), std::end(m.regs), s.regs.begin());
  s.last_c = m.last_c;
  s.step = m.step;
  return s;
}

// Everything a run needs, set up once for any mode.
struct Setup {
  std::unique_ptr<GuestMemory> mem;
  std::unique_ptr<DecodedRom> code;
  std::unique_ptr<Machine> m;
};

Result<Setup> setup(const zisk::Rom& rom, std::span<const std::uint8_t> input,
                    const RunOptions& o) {
  Setup s;
  ZISKC_ASSIGN_OR_RETURN(s.mem, GuestMemory::create(rom, input));
  s.code = std::make_unique<DecodedRom>(rom, o.specialize);
  s.m = std::make_unique<Machine>(*s.code, s.mem.get());
  const auto boot = rom.find(rom.layout().boot_pc);
  if (!boot) return make_error(ErrorCode::kInternal, "ROM without a BIOS boot instruction");
  s.m->cur = s.code->at(*boot);
  s.m->max_steps = o.max_steps;
  s.m->console = o.console;
  if (o.stats) {
    s.m->counts.assign(rom.size(), 0);
    s.m->touched.assign((s.mem->ram_size() / 4096 + 63) / 64, 0);
  }
  return s;
}

RunResult finish(Setup& s, const RunOptions& o) {
  Machine& m = *s.m;
  if (m.running()) {
    m.stop(ExitKind::kStepLimit, s.code->is_stub(m.cur) ? m.cur->index : m.cur->index);
  }
  m.flush_console();
  RunResult r;
  r.exit = m.exit;
  r.steps = m.step;
  r.final_state = snapshot(m);
  r.pubout = m.pubout;
  const zisk::Layout& l = s.code->rom().layout();
  r.output_area.resize((l.output_end - l.output_addr) / 4);
  s.mem->read_bytes(l.output_addr, l.output_end - l.output_addr,
                    reinterpret_cast<std::uint8_t*>(r.output_area.data()));
  if (o.stats) {
    RunStats st;
    st.inst_counts = std::move(m.counts);
    for (std::uint64_t w : m.touched) st.touched_pages += std::popcount(w);
    r.stats = std::move(st);
  }
  return r;
}

template <class Mode>
void run_plain(Setup& s) {
  Mode mode;
  Core<Mode> core(*s.m, mode);
  s.code->bind(Core<Mode>::labels());
  if (s.m->max_steps > 0) core.run(s.m->max_steps);
}

}  // namespace

Result<RunResult> run(const zisk::Rom& rom, std::span<const std::uint8_t> input,
                      const RunOptions& options) {
  ZISKC_ASSIGN_OR_RETURN(Setup s, setup(rom, input, options));
  if (options.stats) {
    run_plain<StatsMode>(s);
  } else {
    run_plain<FastMode>(s);
  }
  return finish(s, options);
}

Result<RunResult> run_trace(const zisk::Rom& rom, std::span<const std::uint8_t> input,
                            const RunOptions& options, unsigned chunk_log2, ChunkSink& sink) {
  if (chunk_log2 < 1 || chunk_log2 > 32) {
    return make_error(ErrorCode::kInvalidArgument, "chunk size 2^{} out of range [2^1, 2^32]",
                      chunk_log2);
  }
  if (options.stats) {
    return make_error(ErrorCode::kInvalidArgument, "trace mode does not collect stats");
  }
  ZISKC_ASSIGN_OR_RETURN(Setup s, setup(rom, input, options));
  Machine& m = *s.m;
  TraceMode mode;
  Core<TraceMode> core(m, mode);
  s.code->bind(Core<TraceMode>::labels());
  const std::uint64_t chunk_steps = 1ull << chunk_log2;
  while (m.running() && m.step < m.max_steps) {
    Chunk chunk;
    chunk.start = snapshot(m);
    chunk.mem_reads.reserve(std::min<std::uint64_t>(chunk_steps, 1u << 20));
    mode.reads = &chunk.mem_reads;
    core.run(std::min(m.max_steps, m.step + std::min(chunk_steps, m.max_steps - m.step)));
    chunk.steps = m.step - chunk.start.step;
    ZISKC_RETURN_IF_ERROR(sink.on_chunk(std::move(chunk)));
  }
  return finish(s, options);
}

std::array<std::uint32_t, 64> public_outputs(const RunResult& r) {
  std::array<std::uint32_t, 64> out{};
  for (std::size_t i = 0; i < 32; ++i) {
    out[2 * i] = static_cast<std::uint32_t>(r.pubout[i]);
    out[2 * i + 1] = static_cast<std::uint32_t>(r.pubout[i] >> 32);
  }
  return out;
}

}  // namespace ziskc::emu
