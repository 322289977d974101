// Benchmarks of the KeccakF machine alone: the trace builder (calls per second) and a STARK
// proof of one full instance with the default parameters (128-bit: blowup 2, 112 queries), the
// memory and Main sides as direct terms, reporting calls per second and proof bytes per call.
// BM_KeccakfProve/13 is one 2^13-row instance (341 calls), the planner's largest; rates are per
// wall second, the CPU column is the whole process (OpenMP workers included).
#include <benchmark/benchmark.h>

#include <random>

#include "sm/buses.h"
#include "sm/keccakf/air.h"
#include "sm/keccakf/keccakf.h"
#include "stark/proof.h"
#include "stark/prover.h"

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
  const auto u = [](std::uint64_t v) { return Fe::from_u64(v); };
  for (const KeccakfRecord& r : recs) {
    terms.push_back({kOperationBus,
                     {u(0xf1), u(0), u(0), u(r.addr), u(0), u(0), u(0), u(0), u(r.step), u(0)},
                     -Fe::one()});
    std::vector<MemAccess> acc;
    keccakf_mem_accesses(r, acc);
    for (const MemAccess& a : acc) {
      terms.push_back(
          {kMemoryBus,
           {u(a.mem_op), u(a.addr), u(a.mem_step), u(8), u(a.value & 0xFFFFFFFF), u(a.value >> 32)},
           Fe::one()});
    }
  }
  const std::vector<stark::AirPtr> airs = {stark::make_air<KeccakfAir>()};
  auto params = stark::make_params({});
  auto pk = stark::setup(airs, *params, {});
  std::size_t bytes = 0;
  for (auto _ : state) {
    std::vector<stark::InstanceSpec> specs = {
        {0, h, {}, [&]() -> Result<poly::RowMajorMatrix> { return keccakf_trace(recs, h); }}};
    auto proof = stark::prove(*pk, {}, specs, {.direct_terms = &terms});
    if (!proof.is_ok()) {
      state.SkipWithError(proof.status().message().c_str());
      return;
    }
    bytes = stark::encode_proof(*proof).size();
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * recs.size()));
  state.counters["proof_bytes_per_call"] =
      static_cast<double>(bytes) / static_cast<double>(recs.size());
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
