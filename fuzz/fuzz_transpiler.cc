// Fuzz target: the transpiler and the emulator on arbitrary code. The input is split into an
// executable segment at 0x8000_0000 (the entry) and a RAM data segment; the transpiler must
// accept it or answer kBadElf, and the resulting ROM must run without crashing. The run is
// differential: the specialised interpreter, the generic one and the trace mode must agree on
// the exit, the step count and the final state, and every chunk of the trace must replay to
// the next chunk's start.
#include <cstdint>
#include <vector>

#include "emu/emulator.h"
#include "emu/replay.h"
#include "emu/testdata/programs.h"
#include "zisk/transpiler.h"

namespace {

void check(bool cond) {
  if (!cond) __builtin_trap();
}

constexpr std::uint64_t kMaxSteps = 4000;

class Collect final : public ziskc::emu::ChunkSink {
 public:
  ziskc::Status on_chunk(ziskc::emu::Chunk&& c) override {
    chunks.push_back(std::move(c));
    return ziskc::Status::ok();
  }
  std::vector<ziskc::emu::Chunk> chunks;
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace ziskc;
  if (size < 3 || size > (1 << 16)) return 0;
  const std::size_t split = 2 + (static_cast<std::size_t>(data[0]) * (size - 2)) / 255;
  zisk::testing::Asm code;
  for (std::size_t i = 1; i < split; ++i) code.byte(data[i]);
  std::vector<zisk::testing::DataSegment> segs;
  if (split < size) {
    segs.push_back({0xA043'0000, std::vector<std::uint8_t>(data + split, data + size)});
  }
  zisk::Program p = zisk::testing::program(code, std::move(segs));
  Result<zisk::Rom> rom = zisk::transpile(p);
  if (!rom) {
    check(rom.status().code() == ErrorCode::kBadElf);
    return 0;
  }
  emu::RunOptions o;
  o.max_steps = kMaxSteps;
  Result<emu::RunResult> fast = emu::run(*rom, {}, o);
  check(fast.is_ok());
  o.specialize = false;
  Result<emu::RunResult> generic = emu::run(*rom, {}, o);
  check(generic.is_ok());
  check(fast->exit.kind == generic->exit.kind && fast->steps == generic->steps);
  check(fast->final_state == generic->final_state && fast->pubout == generic->pubout);
  o.specialize = true;
  Collect sink;
  Result<emu::RunResult> traced = emu::run_trace(*rom, {}, o, 7, sink);
  check(traced.is_ok());
  check(traced->exit.kind == fast->exit.kind && traced->steps == fast->steps);
  check(traced->final_state == fast->final_state);
  const emu::Replayer replayer(*rom);
  for (std::size_t i = 0; i < sink.chunks.size(); ++i) {
    Result<emu::ChunkStart> end = replayer.replay(sink.chunks[i], nullptr);
    check(end.is_ok());
    check(*end == (i + 1 < sink.chunks.size() ? sink.chunks[i + 1].start : traced->final_state));
  }
  return 0;
}

// Built-in seeds: the emu tests' stress program (its code bytes, with the split byte first).
extern "C" void ZiskcFuzzSeeds(std::vector<std::vector<std::uint8_t>>* out) {
  const ziskc::zisk::Program p = ziskc::emu::testing::stress_program(3);
  for (const auto& s : p.image.segments) {
    if (!s.exec) continue;
    std::vector<std::uint8_t> seed = {255};
    seed.insert(seed.end(), s.data.begin(), s.data.end());
    out->push_back(seed);
    seed[0] = 128;
    out->push_back(seed);
  }
}
