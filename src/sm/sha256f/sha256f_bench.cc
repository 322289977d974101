// Benchmarks of the Sha256F machine alone: the trace builder (calls per second) and a STARK
// proof of one full instance with the default parameters (128-bit: blowup 2, 112 queries), the
// memory and Main sides as direct terms, reporting calls per second and proof bytes per call.
// BM_Sha256fProve/14 is one 2^14-row instance (256 calls), the planner's largest; rates are per
// wall second, the CPU column is the whole process (OpenMP workers included).
#include <benchmark/benchmark.h>

#include <random>

#include "sm/buses.h"
#include "sm/sha256f/air.h"
#include "sm/sha256f/sha256f.h"
#include "stark/proof.h"
#include "stark/prover.h"

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
  const auto u = [](std::uint64_t v) { return Fe::from_u64(v); };
  for (const Sha256fRecord& r : recs) {
    terms.push_back({kOperationBus,
                     {u(0xf9), u(0), u(0), u(r.addr), u(0), u(0), u(0), u(0), u(r.step), u(0)},
                     -Fe::one()});
    std::vector<MemAccess> acc;
    sha256f_mem_accesses(r, acc);
    for (const MemAccess& a : acc) {
      terms.push_back(
          {kMemoryBus,
           {u(a.mem_op), u(a.addr), u(a.mem_step), u(8), u(a.value & 0xFFFFFFFF), u(a.value >> 32)},
           Fe::one()});
    }
  }
  const std::vector<stark::AirPtr> airs = {stark::make_air<Sha256fAir>()};
  auto params = stark::make_params({});
  auto pk = stark::setup(airs, *params, {});
  std::size_t bytes = 0;
  for (auto _ : state) {
    std::vector<stark::InstanceSpec> specs = {
        {0, h, {}, [&]() -> Result<poly::RowMajorMatrix> { return sha256f_trace(recs, h); }}};
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
