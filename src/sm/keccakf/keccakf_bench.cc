// Benchmarks of the KeccakF machine alone: the trace builder (calls per second) and a STARK
// proof of one full instance with the default parameters (128-bit: blowup 2, 112 queries), the
// memory and Main sides as direct terms, reporting calls per second and proof bytes per call.
// BM_KeccakfProve/13 is one 2^13-row instance (341 calls), the planner's largest; rates are per
// wall second, the CPU column is the whole process (OpenMP workers included).
#include <benchmark/benchmark.h>

#include <random>

#include "sm/keccakf/air.h"
#include "sm/keccakf/keccakf.h"
#include "sm/precompile_bench.h"

namespace ziskc::sm {
namespace {

std::vector<KeccakfRecord> records(std::size_t n) {
  std::mt19937_64 rng(1);
  std::vector<KeccakfRecord> out(n);
  for (std::size_t k = 0; k < n; ++k) {
    out[k].step = 100 + 3 * k;
    out[k].addr = 0xA010'0000 + 200 * k;
    for (auto& v : out[k].in) v = rng();
  }
  return out;
}

void BM_KeccakfTrace(benchmark::State& state) {
  const unsigned h = static_cast<unsigned>(state.range(0));
  const std::vector<KeccakfRecord> recs = records(keccakf_calls_per_instance(h));
  for (auto _ : state) benchmark::DoNotOptimize(keccakf_trace(recs, h));
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * recs.size()));
}
BENCHMARK(BM_KeccakfTrace)->Arg(10)->Arg(13)->UseRealTime()->Unit(benchmark::kMillisecond);

void BM_KeccakfProve(benchmark::State& state) {
  const unsigned h = static_cast<unsigned>(state.range(0));
  const std::vector<KeccakfRecord> recs = records(keccakf_calls_per_instance(h));
  std::vector<stark::DirectTerm> terms;
  bench::add_call_terms<KeccakfRecord>(terms, 0xf1, recs, keccakf_mem_accesses);
  bench::prove_one_instance<KeccakfAir>(
      state, h, recs.size(), terms,
      [&]() -> Result<poly::RowMajorMatrix> { return keccakf_trace(recs, h); });
}
BENCHMARK(BM_KeccakfProve)
    ->Arg(10)
    ->Arg(13)
    ->Iterations(1)
    ->MeasureProcessCPUTime()
    ->UseRealTime()
    ->Unit(benchmark::kSecond);

}  // namespace
}  // namespace ziskc::sm

BENCHMARK_MAIN();
