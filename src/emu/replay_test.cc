// Chunk replay tests. On several programs (assembler-built stress and DMA programs, C guests
// built with riscv64-unknown-elf-gcc), for several chunk sizes:
//  - every chunk replayed alone (in any order, in parallel) reproduces the next chunk's start
//    state, and the last one the run's final state;
//  - the replayed steps are the traced ones: their number per chunk, their per-instruction
//    counts equal the stats run's, the step streams of two chunk sizes are identical;
//  - the memory accesses are consistent: each load sees what the replay stored before
//    (a shadow memory over the whole run), mem_step = 1 + 4 * step + slot;
//  - a trace with a value missing or extra is rejected, not crashed on.
#include "emu/replay.h"

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <unordered_map>

#include "base/bytes.h"
#include "base/parallel.h"
#include "emu/emulator.h"
#include "emu/testdata/programs.h"
#include "zisk/input_file.h"
#include "zisk/transpiler.h"

namespace ziskc::emu {
namespace {

using namespace testing;  // NOLINT

class Collect final : public ChunkSink {
 public:
  Status on_chunk(Chunk&& c) override {
    chunks.push_back(std::move(c));
    return Status::ok();
  }
  std::vector<Chunk> chunks;
};

// What the tests compare of a step.
struct Seen {
  std::uint64_t step, pc, a, b, c;
  bool flag;
  std::vector<MemAccess> accesses;
  bool operator==(const Seen& o) const {
    if (step != o.step || pc != o.pc || a != o.a || b != o.b || c != o.c || flag != o.flag ||
        accesses.size() != o.accesses.size()) {
      return false;
    }
    for (std::size_t i = 0; i < accesses.size(); ++i) {
      const MemAccess &x = accesses[i], &y = o.accesses[i];
      if (x.kind != y.kind || x.addr != y.addr || x.width != y.width || x.value != y.value ||
          x.mem_step != y.mem_step || x.before[0] != y.before[0] || x.after[0] != y.after[0]) {
        return false;
      }
    }
    return true;
  }
};

class Recorder final : public StepVisitor {
 public:
  explicit Recorder(const zisk::Rom& rom) : rom_(rom) {}
  void on_step(const StepRecord& s) override {
    seen.push_back({s.step, s.pc, s.a, s.b, s.c, s.flag, {s.accesses.begin(), s.accesses.end()}});
    ++counts[static_cast<std::size_t>(s.inst - rom_.insts().data())];
  }
  std::vector<Seen> seen;
  std::unordered_map<std::size_t, std::uint64_t> counts;

 private:
  const zisk::Rom& rom_;
};

struct Case {
  std::string name;
  zisk::Program program;
  std::vector<std::uint8_t> input;
};

std::vector<Case> cases() {
  std::vector<Case> out;
  out.push_back({"stress", stress_program(400), {}});
  out.push_back({"precompiles", precompile_program(), {}});
#ifdef ZISKC_EMU_TEST_GUEST
  if (auto elf = base::read_file(ZISKC_EMU_TEST_GUEST); elf.is_ok()) {
    auto p = zisk::parse_program(*elf);
    EXPECT_TRUE(p.is_ok()) << p.status().message();
    std::string text(150, 'x');
    for (std::size_t i = 0; i < text.size(); ++i) text[i] = static_cast<char>('a' + i % 26);
    out.push_back(
        {"c_guest", std::move(p).value(),
         zisk::wrap_raw_input({reinterpret_cast<const std::uint8_t*>(text.data()), text.size()})});
  }
#endif
#ifdef ZISKC_RISCV_TEST_ELF_DIR
  for (const char* n : {"guest_rv64ima.elf", "guest_rv64imac.elf"}) {
    if (auto elf = base::read_file(std::string(ZISKC_RISCV_TEST_ELF_DIR) + "/" + n); elf.is_ok()) {
      auto p = zisk::parse_program(*elf);
      EXPECT_TRUE(p.is_ok()) << p.status().message();
      out.push_back({n, std::move(p).value(), {}});
    }
  }
#endif
  return out;
}

// Replays every chunk; checks the chain of states and returns the concatenated steps.
std::vector<Seen> replay_all(const zisk::Rom& rom, const std::vector<Chunk>& chunks,
                             const RunResult& run, Recorder& rec) {
  const Replayer replayer(rom);
  for (std::size_t i = 0; i < chunks.size(); ++i) {
    const std::size_t before = rec.seen.size();
    Result<ChunkStart> end = replayer.replay(chunks[i], &rec);
    EXPECT_TRUE(end.is_ok()) << "chunk " << i << ": " << end.status().message();
    if (!end) break;
    EXPECT_EQ(rec.seen.size() - before, chunks[i].steps) << "chunk " << i;
    const ChunkStart& want = i + 1 < chunks.size() ? chunks[i + 1].start : run.final_state;
    EXPECT_EQ(*end, want) << "chunk " << i << " ends at pc 0x" << std::hex << end->pc
                          << ", next starts at 0x" << want.pc;
  }
  return rec.seen;
}

TEST(Replay, EveryChunkAloneReproducesTheNextStartAndTheTracedSteps) {
  for (Case& c : cases()) {
    SCOPED_TRACE(c.name);
    Result<zisk::Rom> rom = zisk::transpile(c.program);
    ASSERT_TRUE(rom.is_ok()) << rom.status().message();
    RunOptions stats;
    stats.stats = true;
    Result<RunResult> counted = run(*rom, c.input, stats);
    ASSERT_TRUE(counted.is_ok());
    ASSERT_EQ(counted->exit.kind, ExitKind::kEnd) << exit_kind_name(counted->exit.kind);

    std::vector<std::vector<Seen>> streams;
    for (unsigned k : {4u, 10u}) {
      Collect sink;
      Result<RunResult> traced = run_trace(*rom, c.input, {}, k, sink);
      ASSERT_TRUE(traced.is_ok()) << traced.status().message();
      EXPECT_EQ(traced->steps, counted->steps);
      EXPECT_EQ(traced->final_state, counted->final_state);
      if (k == 4) {
        ASSERT_GT(sink.chunks.size(), 1u);
      }
      Recorder rec(*rom);
      streams.push_back(replay_all(*rom, sink.chunks, *traced, rec));
      ASSERT_EQ(streams.back().size(), counted->steps);
      for (std::size_t i = 0; i < rom->size(); ++i) {
        const auto it = rec.counts.find(i);
        EXPECT_EQ(it == rec.counts.end() ? 0 : it->second, counted->stats->inst_counts[i])
            << "instruction " << i << " at pc 0x" << std::hex << rom->inst(i).pc;
      }
    }
    ASSERT_EQ(streams.size(), 2u);
    EXPECT_TRUE(streams[0] == streams[1]) << "chunk size changes the replayed steps";
  }
}

TEST(Replay, AccessesAreConsistentWithAShadowMemory) {
  for (Case& c : cases()) {
    SCOPED_TRACE(c.name);
    Result<zisk::Rom> rom = zisk::transpile(c.program);
    ASSERT_TRUE(rom.is_ok());
    Collect sink;
    Result<RunResult> traced = run_trace(*rom, c.input, {}, 8, sink);
    ASSERT_TRUE(traced.is_ok());
    Recorder rec(*rom);
    const std::vector<Seen> steps = replay_all(*rom, sink.chunks, *traced, rec);
    std::map<std::uint64_t, std::uint64_t> shadow;  // aligned word -> value
    std::size_t checked = 0;
    for (const Seen& s : steps) {
      for (const MemAccess& a : s.accesses) {
        ASSERT_EQ(a.mem_step, 1 + 4 * s.step + a.slot);
        const std::uint64_t w0 = a.addr & ~7ull;
        const bool full = a.words == 1 && a.width == 8 && (a.addr & 7) == 0;
        for (unsigned k = 0; k < a.words; ++k) {
          const std::uint64_t w = w0 + 8 * k;
          const bool known = shadow.count(w) != 0;
          if (a.kind == MemAccess::kLoad) {
            if (known && w != rom->layout().input_addr) {  // the free-input cell changes
              ASSERT_EQ(shadow[w], a.before[k])
                  << "load at step " << s.step << " word 0x" << std::hex << w;
              ++checked;
            }
            if (!known) shadow[w] = a.before[k];
          } else {
            if (known && !full && a.slot != kSlotOpWrite) {
              ASSERT_EQ(shadow[w], a.before[k]) << "store at step " << s.step;
              ++checked;
            }
            shadow[w] = a.after[k];
          }
        }
      }
    }
    EXPECT_GT(checked, 20u);
  }
}

TEST(Replay, ChunksReplayInParallelAndInAnyOrder) {
  Case c{"stress", stress_program(600), {}};
  Result<zisk::Rom> rom = zisk::transpile(c.program);
  ASSERT_TRUE(rom.is_ok());
  Collect sink;
  Result<RunResult> traced = run_trace(*rom, {}, {}, 7, sink);
  ASSERT_TRUE(traced.is_ok());
  const Replayer replayer(*rom);
  const std::size_t n = sink.chunks.size();
  std::vector<ChunkStart> ends(n);
  std::vector<int> ok(n, 0);
  base::parallel_for(0, n, [&](std::size_t i) {
    const std::size_t j = n - 1 - i;  // reverse order
    Result<ChunkStart> e = replayer.replay(sink.chunks[j], nullptr);
    if (e) {
      ends[j] = *e;
      ok[j] = 1;
    }
  });
  for (std::size_t j = 0; j < n; ++j) {
    ASSERT_TRUE(ok[j]) << j;
    EXPECT_EQ(ends[j], j + 1 < n ? sink.chunks[j + 1].start : traced->final_state) << j;
  }
}

TEST(Replay, BrokenTracesAreRejected) {
  Result<zisk::Rom> rom = zisk::transpile(stress_program(50));
  ASSERT_TRUE(rom.is_ok());
  Collect sink;
  ASSERT_TRUE(run_trace(*rom, {}, {}, 9, sink).is_ok());
  const Replayer replayer(*rom);
  Chunk* with_reads = nullptr;
  for (Chunk& ch : sink.chunks) {
    if (ch.mem_reads.size() > 2) with_reads = &ch;
  }
  ASSERT_NE(with_reads, nullptr);
  Chunk missing = *with_reads;
  missing.mem_reads.pop_back();
  EXPECT_EQ(replayer.replay(missing, nullptr).status().code(), ErrorCode::kInvalidArgument);
  Chunk extra = *with_reads;
  extra.mem_reads.push_back(0);
  EXPECT_EQ(replayer.replay(extra, nullptr).status().code(), ErrorCode::kInvalidArgument);
  Chunk bad_pc = *with_reads;
  bad_pc.start.pc = 0x9000'0000;
  EXPECT_EQ(replayer.replay(bad_pc, nullptr).status().code(), ErrorCode::kInvalidArgument);
  Chunk empty;
  empty.start.pc = 0x1234;
  EXPECT_TRUE(replayer.replay(empty, nullptr).is_ok());  // zero steps: nothing to do
}

TEST(Replay, TraceOfAFaultingRunEndsAtTheLastCompletedStep) {
  Asm a;
  a.li(s0, static_cast<std::int64_t>(kData));
  a.ld(s1, 0, s0);
  a.li(a0, 0x10);
  a.ld(a1, 0, a0);  // faults
  a.exit();
  Result<zisk::Rom> rom = zisk::transpile(program(a, {{kData, std::vector<std::uint8_t>(8, 7)}}));
  ASSERT_TRUE(rom.is_ok());
  Collect sink;
  Result<RunResult> traced = run_trace(*rom, {}, {}, 18, sink);
  ASSERT_TRUE(traced.is_ok());
  EXPECT_EQ(traced->exit.kind, ExitKind::kLoadFault);
  ASSERT_EQ(sink.chunks.size(), 1u);
  const Replayer replayer(*rom);
  Result<ChunkStart> end = replayer.replay(sink.chunks[0], nullptr);
  ASSERT_TRUE(end.is_ok()) << end.status().message();
  EXPECT_EQ(end->step, traced->steps);
  EXPECT_EQ(end->regs[9], 0x0707070707070707u);
}

}  // namespace
}  // namespace ziskc::emu
