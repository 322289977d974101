// bench_prove: proving the sha256 and keccak example guests (pure software, no precompile) at
// about 1M and 4M ZisK steps (examples/README.md "Benchmark inputs"), with the default STARK
// parameters and instance heights, the table cache warm. One iteration each (a proof takes
// minutes at 4M steps); counters: proven steps per wall second, the wall seconds of each phase
// (witness = execute + replays + trace builders, commit = stage-1 LDE + Merkle, quotient, FRI =
// openings + FRI + queries, stage2), peak RSS of the process so far and the proof size. Each
// proof is verified once outside the timing (a benchmark of a wrong proof is no benchmark).
// Run: build/bin/bench_prove --benchmark_filter=_1m (the 4M ones need ~8 GiB and time).
#include <benchmark/benchmark.h>

#include <string>

#include "base/bytes.h"
#include "prover/prove.h"
#include "verifier/verify.h"

#ifndef ZISKC_EXAMPLES_DIR
#error "ZISKC_EXAMPLES_DIR (build/examples) is set by examples/CMakeLists.txt"
#endif

namespace {

void BM_Prove(benchmark::State& state, const char* guest, const char* input) {
  const std::string dir = ZISKC_EXAMPLES_DIR;
  ziskc::ProveOptions o;
  o.elf_path = dir + "/" + guest + ".elf";
  o.input_path = dir + "/" + input + ".bin";
  ziskc::ProveResult last;
  for (auto _ : state) {
    ziskc::Result<ziskc::ProveResult> r = ziskc::prove(o);
    if (!r) {
      state.SkipWithError(r.status().message().c_str());
      return;
    }
    last = std::move(r).value();
  }
  ziskc::Result<ziskc::VerifyResult> v = ziskc::verify(last.proof, &last.vk);
  if (!v) {
    state.SkipWithError(("the proof does not verify: " + v.status().message()).c_str());
    return;
  }
  const ziskc::ProveStats& s = last.stats;
  state.counters["steps"] = static_cast<double>(s.steps);
  state.counters["steps_per_s"] = static_cast<double>(s.steps) / s.total.wall;
  state.counters["total_s"] = s.total.wall;
  state.counters["cpu_s"] = s.total.cpu;
  state.counters["setup_s"] = s.setup.wall;
  state.counters["execute_s"] = s.execute.wall;
  state.counters["witness_s"] = s.witness.wall;
  state.counters["commit_s"] = s.commit.wall;
  state.counters["stage2_s"] = s.stage2.wall;
  state.counters["quotient_s"] = s.quotient.wall;
  state.counters["fri_s"] = s.openings.wall + s.fri.wall + s.queries.wall;
  state.counters["instances"] = static_cast<double>(s.instances);
  state.counters["peak_rss_MiB"] = static_cast<double>(s.peak_rss_bytes) / (1 << 20);
  state.counters["proof_KiB"] = static_cast<double>(s.proof_bytes) / 1024;
}

BENCHMARK_CAPTURE(BM_Prove, sha256_1m, "sha256", "sha256_1m")
    ->Iterations(1)
    ->Unit(benchmark::kSecond)
    ->UseRealTime();
BENCHMARK_CAPTURE(BM_Prove, keccak_1m, "keccak", "keccak_1m")
    ->Iterations(1)
    ->Unit(benchmark::kSecond)
    ->UseRealTime();
BENCHMARK_CAPTURE(BM_Prove, sha256_4m, "sha256", "sha256_4m")
    ->Iterations(1)
    ->Unit(benchmark::kSecond)
    ->UseRealTime();
BENCHMARK_CAPTURE(BM_Prove, keccak_4m, "keccak", "keccak_4m")
    ->Iterations(1)
    ->Unit(benchmark::kSecond)
    ->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
