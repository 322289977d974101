// Benchmarks of the Sha256F machine alone: the trace builder (calls per second) and a STARK
// proof of one full instance with the default parameters (128-bit: blowup 2, 112 queries), the
// memory and Main sides as direct terms, reporting calls per second and proof bytes per call.
// BM_Sha256fProve/14 is one 2^14-row instance (256 calls), the planner's largest; rates are per
// wall second, the CPU column is the whole process (OpenMP workers included).
#include <benchmark/benchmark.h>

#include <random>

#include "sm/precompile_bench.h"
#include "sm/sha256f/air.h"
#include "sm/sha256f/sha256f.h"

namespace ziskc::sm {
namespace {

std::vector<Sha256fRecord> records(std::size_t n) {
  std::mt19937_64 rng(1);
  std::vector<Sha256fRecord> out(n);
  for (std::size_t k = 0; k < n; ++k) {
    out[k].step = 100 + 3 * k;
    out[k].addr = 0xA010'0000 + 128 * k;
    out[k].state_ptr = out[k].addr + 16;
    out[k].input_ptr = out[k].addr + 48;
    for (auto& v : out[k].state) v = rng();
    for (auto& v : out[k].input) v = rng();
  }
  return out;
}

void BM_Sha256fTrace(benchmark::State& state) {
  const unsigned h = static_cast<unsigned>(state.range(0));
  const std::vector<Sha256fRecord> recs = records(sha256f_calls_per_instance(h));
  for (auto _ : state) benchmark::DoNotOptimize(sha256f_trace(recs, h));
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * recs.size()));
}
BENCHMARK(BM_Sha256fTrace)->Arg(10)->Arg(14)->UseRealTime()->Unit(benchmark::kMillisecond);

void BM_Sha256fProve(benchmark::State& state) {
  const unsigned h = static_cast<unsigned>(state.range(0));
  const std::vector<Sha256fRecord> recs = records(sha256f_calls_per_instance(h));
  std::vector<stark::DirectTerm> terms;
  bench::add_call_terms<Sha256fRecord>(terms, 0xf9, recs, sha256f_mem_accesses);
  bench::prove_one_instance<Sha256fAir>(
      state, h, recs.size(), terms,
      [&]() -> Result<poly::RowMajorMatrix> { return sha256f_trace(recs, h); });
}
BENCHMARK(BM_Sha256fProve)
    ->Arg(10)
    ->Arg(14)
    ->Iterations(1)
    ->MeasureProcessCPUTime()
    ->UseRealTime()
    ->Unit(benchmark::kSecond);

}  // namespace
}  // namespace ziskc::sm

BENCHMARK_MAIN();
