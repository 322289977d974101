// bench_emu: ZisK steps per second of the emulator on compute-heavy guests, in fast mode,
// stats mode (-X/-S counters), trace mode (2^18-step chunks, handed to a sink that drops them)
// and chunk replay (one thread):
//  - ex_sha256 / ex_keccak: the SDK examples (examples/sha256, examples/keccak: software
//    SHA-256 / Keccak-256 built with `ziskc build`) on their 4M-step benchmark inputs;
//  - sha256 / keccak: src/emu/bench_guests, the same C source built for ziskc and as a static
//    Linux program for qemu-riscv64, which BM_Qemu times in the same run as the anchor (its
//    items are the guest's ZisK steps, so items/s compare directly). Rates are per
// CPU second, qemu's from the child's rusage.
#include <benchmark/benchmark.h>
#include <fcntl.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>

#include <cstdio>
#include <map>
#include <memory>
#include <string>

#include "base/bytes.h"
#include "emu/emulator.h"
#include "emu/replay.h"
#include "zisk/input_file.h"
#include "zisk/transpiler.h"

extern char** environ;

namespace ziskc::emu {
namespace {

struct Guest {
  zisk::Rom rom;
  std::vector<std::uint8_t> input;
  std::uint64_t steps = 0;
};

std::string guest_path(const std::string& name, const char* variant) {
  return std::string(ZISKC_EMU_BENCH_DIR) + "/" + name + "." + variant + ".elf";
}

// The guest `name` with a work size of `kib` KiB (bench guests) or, for "ex_<name>", the SDK
// example on its 4M-step input; transpiled and run once.
Guest* guest(const std::string& name, std::uint64_t kib) {
  static std::map<std::string, std::unique_ptr<Guest>> cache;
  const std::string key = name + "/" + std::to_string(kib);
  if (auto it = cache.find(key); it != cache.end()) return it->second.get();
  const bool example = name.rfind("ex_", 0) == 0;
  const std::string ex = example ? name.substr(3) : "";
  Result<std::vector<std::uint8_t>> elf = base::read_file(
      example ? std::string(ZISKC_EXAMPLES_DIR) + "/" + ex + ".elf" : guest_path(name, "zisk"));
  if (!elf) return nullptr;
  Result<zisk::Program> p = zisk::parse_program(*elf);
  if (!p) return nullptr;
  Result<zisk::Rom> rom = zisk::transpile(*p);
  if (!rom) return nullptr;
  auto g = std::make_unique<Guest>(Guest{std::move(rom).value(), {}, 0});
  if (example) {
    Result<std::vector<std::uint8_t>> in =
        base::read_file(std::string(ZISKC_EXAMPLES_DIR) + "/" + ex + "_4m.bin");
    if (!in) return nullptr;
    Result<std::vector<std::uint8_t>> parsed = zisk::parse_input_file(*in, 1u << 30);
    if (!parsed) return nullptr;
    g->input = std::move(parsed).value();
  } else {
    std::uint8_t n[8];
    for (int i = 0; i < 8; ++i) n[i] = static_cast<std::uint8_t>(kib >> (8 * i));
    g->input = zisk::wrap_raw_input(n);
  }
  Result<RunResult> r = run(g->rom, g->input, {});
  if (!r || r->exit.kind != ExitKind::kEnd) return nullptr;
  g->steps = r->steps;
  return cache.emplace(key, std::move(g)).first->second.get();
}

void BM_EmuFast(benchmark::State& state, const char* name, std::uint64_t kib) {
  Guest* g = guest(name, kib);
  if (g == nullptr) return state.SkipWithError("bench guest not built");
  for (auto _ : state) {
    Result<RunResult> r = run(g->rom, g->input, {});
    benchmark::DoNotOptimize(r);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(g->steps * state.iterations()));
  state.counters["steps"] = static_cast<double>(g->steps);
}

void BM_EmuStats(benchmark::State& state, const char* name, std::uint64_t kib) {
  Guest* g = guest(name, kib);
  if (g == nullptr) return state.SkipWithError("bench guest not built");
  RunOptions o;
  o.stats = true;
  for (auto _ : state) {
    Result<RunResult> r = run(g->rom, g->input, o);
    benchmark::DoNotOptimize(r);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(g->steps * state.iterations()));
}

class DropSink final : public ChunkSink {
 public:
  Status on_chunk(Chunk&& c) override {
    reads += c.mem_reads.size();
    return Status::ok();
  }
  std::uint64_t reads = 0;
};

class KeepSink final : public ChunkSink {
 public:
  Status on_chunk(Chunk&& c) override {
    chunks.push_back(std::move(c));
    return Status::ok();
  }
  std::vector<Chunk> chunks;
};

void BM_EmuTrace(benchmark::State& state, const char* name, std::uint64_t kib) {
  Guest* g = guest(name, kib);
  if (g == nullptr) return state.SkipWithError("bench guest not built");
  std::uint64_t reads = 0;
  for (auto _ : state) {
    DropSink sink;
    Result<RunResult> r = run_trace(g->rom, g->input, {}, kDefaultChunkLog2, sink);
    benchmark::DoNotOptimize(r);
    reads = sink.reads;
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(g->steps * state.iterations()));
  state.counters["reads/step"] = static_cast<double>(reads) / static_cast<double>(g->steps);
}

void BM_Replay(benchmark::State& state, const char* name, std::uint64_t kib) {
  Guest* g = guest(name, kib);
  if (g == nullptr) return state.SkipWithError("bench guest not built");
  KeepSink sink;
  if (!run_trace(g->rom, g->input, {}, kDefaultChunkLog2, sink).is_ok()) {
    return state.SkipWithError("trace run failed");
  }
  const Replayer replayer(g->rom);
  for (auto _ : state) {
    for (const Chunk& c : sink.chunks) {
      Result<ChunkStart> e = replayer.replay(c, nullptr);
      benchmark::DoNotOptimize(e);
    }
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(g->steps * state.iterations()));
}

void BM_Qemu(benchmark::State& state, const char* name, std::uint64_t kib) {
  Guest* g = guest(name, kib);
  if (g == nullptr) return state.SkipWithError("bench guest not built");
  const std::string elf = guest_path(name, "linux");
  const std::string n = std::to_string(kib);
  for (auto _ : state) {
    std::vector<char*> argv = {const_cast<char*>(ZISKC_EMU_BENCH_QEMU),
                               const_cast<char*>(elf.c_str()), const_cast<char*>(n.c_str()),
                               nullptr};
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
    pid_t pid = 0;
    if (posix_spawn(&pid, argv[0], &fa, nullptr, argv.data(), environ) != 0) {
      posix_spawn_file_actions_destroy(&fa);
      return state.SkipWithError("cannot start qemu-riscv64");
    }
    posix_spawn_file_actions_destroy(&fa);
    int status = 0;
    rusage ru{};
    wait4(pid, &status, 0, &ru);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
      return state.SkipWithError("qemu-riscv64 failed");
    }
    // The child's CPU time (user + system), comparable with the other benchmarks' CPU time
    // on a shared machine.
    state.SetIterationTime(static_cast<double>(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) +
                           1e-6 * static_cast<double>(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec));
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(g->steps * state.iterations()));
}

constexpr std::uint64_t kShaKib = 1024, kKeccakKib = 256;

// Rates are per CPU second (the machine is shared); qemu's is the child's CPU time.
#define ZISKC_EMU_BENCH(fn, ...)                                                               \
  BENCHMARK_CAPTURE(fn, sha256, "sha256", kShaKib)->Unit(benchmark::kMillisecond) __VA_ARGS__; \
  BENCHMARK_CAPTURE(fn, keccak, "keccak", kKeccakKib)->Unit(benchmark::kMillisecond) __VA_ARGS__
#define ZISKC_EMU_BENCH_EXAMPLES(fn)                                               \
  BENCHMARK_CAPTURE(fn, ex_sha256, "ex_sha256", 0)->Unit(benchmark::kMillisecond); \
  BENCHMARK_CAPTURE(fn, ex_keccak, "ex_keccak", 0)->Unit(benchmark::kMillisecond)

ZISKC_EMU_BENCH_EXAMPLES(BM_EmuFast);
ZISKC_EMU_BENCH_EXAMPLES(BM_EmuTrace);
ZISKC_EMU_BENCH(BM_EmuFast);
ZISKC_EMU_BENCH(BM_EmuStats);
ZISKC_EMU_BENCH(BM_EmuTrace);
ZISKC_EMU_BENCH(BM_Replay);
ZISKC_EMU_BENCH(BM_Qemu, ->UseManualTime());

}  // namespace
}  // namespace ziskc::emu

BENCHMARK_MAIN();
