// Throughput of the Main witness (rows/s): the emulator's C bench guest (software SHA-256,
// bench_guests/sha256.c, 32 KiB of work: about 1.2M steps) traced once in chunks of 2^18
// steps, then
//  - BM_ReplayOnly: every chunk replayed with an empty visitor (the replay's own cost);
//  - BM_MainWitness/k: every chunk replayed into Main instances of 2^k rows with all records
//    (operations by machine, memory accesses, MemAlign records, ROM counts), one thread;
//  - BM_MainWitnessParallel/k: the same with the instances built in parallel (base/parallel.h).
// Items are executed steps. Without the guest (no cross compiler) the assembler ops program
// runs instead.
#include <benchmark/benchmark.h>

#include <memory>

#include "base/bytes.h"
#include "base/parallel.h"
#include "emu/emulator.h"
#include "sm/main/main.h"
#include "sm/main/main_programs.h"
#include "zisk/input_file.h"
#include "zisk/transpiler.h"

namespace ziskc::sm {
namespace {

class Collect final : public emu::ChunkSink {
 public:
  Status on_chunk(emu::Chunk&& c) override {
    chunks.push_back(std::move(c));
    return Status::ok();
  }
  std::vector<emu::Chunk> chunks;
};

struct Workload {
  std::unique_ptr<zisk::Rom> rom;
  std::unique_ptr<MainProgram> program;
  std::vector<emu::Chunk> chunks;
  std::uint64_t steps = 0;
};

const Workload& workload() {
  static const Workload w = [] {
    Workload out;
    zisk::Program prog = testing::ops_program();
    std::vector<std::uint8_t> input;
#ifdef ZISKC_EMU_GUEST_DIR
    if (auto elf = base::read_file(std::string(ZISKC_EMU_GUEST_DIR) + "/sha256.zisk.elf");
        elf.is_ok()) {
      auto p = zisk::parse_program(*elf);
      ZISKC_CHECK(p.is_ok(), "bench guest");
      prog = std::move(p).value();
      const std::uint8_t kib[8] = {32, 0, 0, 0, 0, 0, 0, 0};
      input = zisk::wrap_raw_input(kib);
    }
#endif
    auto rom = zisk::transpile(prog);
    ZISKC_CHECK(rom.is_ok(), "transpile");
    out.rom = std::make_unique<zisk::Rom>(std::move(rom).value());
    auto mp = MainProgram::make(*out.rom);
    ZISKC_CHECK(mp.is_ok(), "encode");
    out.program = std::make_unique<MainProgram>(std::move(mp).value());
    Collect sink;
    auto run = emu::run_trace(*out.rom, input, {}, 18, sink);
    ZISKC_CHECK(run.is_ok() && run->exit.kind == emu::ExitKind::kEnd, "bench run");
    out.steps = run->steps;
    out.chunks = std::move(sink.chunks);
    return out;
  }();
  return w;
}

class Null final : public emu::StepVisitor {
 public:
  void on_step(const emu::StepRecord& s) override { sum += s.c; }
  std::uint64_t sum = 0;
};

void BM_ReplayOnly(benchmark::State& state) {
  const Workload& w = workload();
  const emu::Replayer replayer(*w.rom);
  for (auto _ : state) {
    Null v;
    for (const emu::Chunk& c : w.chunks) ZISKC_CHECK(replayer.replay(c, &v).is_ok(), "replay");
    benchmark::DoNotOptimize(v.sum);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * w.steps));
}
BENCHMARK(BM_ReplayOnly)->Unit(benchmark::kMillisecond)->UseRealTime();

// Records of one instance, as the pipeline would keep them.
struct Sinks {
  std::array<std::vector<OpRecord>, static_cast<std::size_t>(zisk::Machine::kCount)> ops;
  std::vector<MemAccess> mem;
  std::vector<MemAlignRecord> mem_align;
  MainSinks get(TableCounts* rom_counts) {
    MainSinks s;
    for (std::size_t m = 0; m < ops.size(); ++m) s.ops[m] = &ops[m];
    s.mem = &mem;
    s.mem_align = &mem_align;
    s.rom_counts = rom_counts;
    return s;
  }
};

// Builds instance k (2^log_h rows) from the chunks it overlaps, into sinks the caller reuses
// (as a pipeline that hands each instance's records on would). Returns the number of memory
// messages of the instance.
std::size_t build_instance(const Workload& w, const emu::Replayer& replayer, std::size_t k,
                           unsigned log_h, TableCounts& rom_counts, Sinks& sinks) {
  for (auto& v : sinks.ops) v.clear();
  sinks.mem.clear();
  sinks.mem_align.clear();
  const std::uint64_t n = std::uint64_t{1} << log_h;
  MainInstanceBuilder b(*w.program, k * n, log_h, sinks.get(&rom_counts));
  MainInstanceBuilder* bp = &b;
  for (const emu::Chunk& c : w.chunks) {
    if (c.start.step + c.steps > k * n && c.start.step < (k + 1) * n) {
      ZISKC_CHECK(replay_main(replayer, c, std::span(&bp, 1)).is_ok(), "replay");
    }
  }
  auto inst = b.finish();
  ZISKC_CHECK(inst.is_ok(), "finish");
  benchmark::DoNotOptimize(inst->trace.values.data());
  return sinks.mem.size() + sinks.mem_align.size();
}

void BM_MainWitness(benchmark::State& state) {
  const Workload& w = workload();
  const unsigned log_h = static_cast<unsigned>(state.range(0));
  const std::uint64_t n = std::uint64_t{1} << log_h;
  const std::size_t count = static_cast<std::size_t>((w.steps + n - 1) / n);
  const emu::Replayer replayer(*w.rom);
  Sinks sinks;
  std::size_t mem = 0;
  for (auto _ : state) {
    TableCounts rom_counts(w.rom->size());
    mem = 0;
    for (std::size_t k = 0; k < count; ++k) {
      mem += build_instance(w, replayer, k, log_h, rom_counts, sinks);
    }
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * w.steps));
  state.counters["instances"] = static_cast<double>(count);
  state.counters["mem_per_step"] = static_cast<double>(mem) / static_cast<double>(w.steps);
}
BENCHMARK(BM_MainWitness)->Arg(18)->Arg(20)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_MainWitnessParallel(benchmark::State& state) {
  const Workload& w = workload();
  const unsigned log_h = static_cast<unsigned>(state.range(0));
  const std::uint64_t n = std::uint64_t{1} << log_h;
  const std::size_t count = static_cast<std::size_t>((w.steps + n - 1) / n);
  const emu::Replayer replayer(*w.rom);
  std::vector<Sinks> sinks(static_cast<std::size_t>(base::num_threads()));
  for (auto _ : state) {
    TableCounts rom_counts(w.rom->size());
    base::parallel_for(0, count, [&](std::size_t k) {
      build_instance(w, replayer, k, log_h, rom_counts,
                     sinks[static_cast<std::size_t>(omp_get_thread_num())]);
    });
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * w.steps));
  state.counters["instances"] = static_cast<double>(count);
}
BENCHMARK(BM_MainWitnessParallel)->Arg(18)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
}  // namespace ziskc::sm

BENCHMARK_MAIN();
