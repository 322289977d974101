// Benchmarks of the Arith256 machine alone: the trace builder (calls per second) and a STARK
// proof of one full instance with the default parameters (128-bit: blowup 2, 112 queries), the
// memory, Main and Range16 sides as direct terms, reporting calls per second and proof bytes
// per call, and the same for Arith256Mod (BM_Arith256ModProve: random 256-bit modules).
// BM_Arith256Prove/16 is one 2^16-row instance (65536 calls), the planner's largest;
// rates are per wall second, the CPU column is the whole process (OpenMP workers included).
#include <benchmark/benchmark.h>

#include <random>

#include "sm/arith256/air.h"
#include "sm/arith256/air_mod.h"
#include "sm/arith256/arith256.h"
#include "sm/buses.h"
#include "stark/proof.h"
#include "stark/prover.h"

namespace ziskc::sm {
namespace {

std::vector<Arith256Record> records(std::size_t n) {
  std::mt19937_64 rng(1);
  std::vector<Arith256Record> out(n);
  for (std::size_t k = 0; k < n; ++k) {
    out[k].step = 100 + 3 * k;
    out[k].addr = 0xA010'0000 + 0x200 * k;
    for (unsigned i = 0; i < kArith256BlockWords; ++i) out[k].ptr[i] = out[k].addr + 64 + 32 * i;
    for (unsigned w = 0; w < kArith256Words; ++w) {
      out[k].a[w] = rng(), out[k].b[w] = rng(), out[k].c[w] = rng();
    }
  }
  return out;
}

void BM_Arith256Trace(benchmark::State& state) {
  const unsigned h = static_cast<unsigned>(state.range(0));
  const std::vector<Arith256Record> recs = records(std::size_t{1} << h);
  for (auto _ : state) {
    TableCounts range16(std::size_t{1} << 16);
    benchmark::DoNotOptimize(arith256_trace(recs, h, range16));
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * recs.size()));
}
BENCHMARK(BM_Arith256Trace)->Arg(12)->Arg(16)->UseRealTime()->Unit(benchmark::kMillisecond);

void BM_Arith256Prove(benchmark::State& state) {
  const unsigned h = static_cast<unsigned>(state.range(0));
  const std::vector<Arith256Record> recs = records(std::size_t{1} << h);
  std::vector<stark::DirectTerm> terms;
  const auto u = [](std::uint64_t v) { return Fe::from_u64(v); };
  for (const Arith256Record& r : recs) {
    terms.push_back({kOperationBus,
                     {u(0xf2), u(0), u(0), u(r.addr), u(0), u(0), u(0), u(0), u(r.step), u(0)},
                     -Fe::one()});
    std::vector<MemAccess> acc;
    arith256_mem_accesses(r, acc);
    for (const MemAccess& a : acc) {
      terms.push_back(
          {kMemoryBus,
           {u(a.mem_op), u(a.addr), u(a.mem_step), u(8), u(a.value & 0xFFFFFFFF), u(a.value >> 32)},
           Fe::one()});
    }
  }
  {
    TableCounts range16(std::size_t{1} << 16);
    (void)arith256_trace(recs, h, range16);
    for (std::size_t v = 0; v < range16.size(); ++v) {
      if (range16.get(v) != 0) terms.push_back({kRange16Bus, {u(v)}, u(range16.get(v))});
    }
  }
  const std::vector<stark::AirPtr> airs = {stark::make_air<Arith256Air>()};
  auto params = stark::make_params({});
  auto pk = stark::setup(airs, *params, {});
  std::size_t bytes = 0;
  for (auto _ : state) {
    std::vector<stark::InstanceSpec> specs = {{0, h, {}, [&]() -> Result<poly::RowMajorMatrix> {
                                                 TableCounts scratch(std::size_t{1} << 16);
                                                 return arith256_trace(recs, h, scratch);
                                               }}};
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
BENCHMARK(BM_Arith256Prove)
    ->Arg(12)
    ->Arg(16)
    ->Iterations(1)
    ->MeasureProcessCPUTime()
    ->UseRealTime()
    ->Unit(benchmark::kSecond);

std::vector<Arith256ModRecord> mod_records(std::size_t n) {
  std::mt19937_64 rng(2);
  std::vector<Arith256ModRecord> out(n);
  for (std::size_t k = 0; k < n; ++k) {
    out[k].step = 100 + 3 * k;
    out[k].addr = 0xA010'0000 + 0x200 * k;
    for (unsigned i = 0; i < kArith256BlockWords; ++i) out[k].ptr[i] = out[k].addr + 64 + 32 * i;
    for (unsigned w = 0; w < kArith256Words; ++w) {
      out[k].a[w] = rng(), out[k].b[w] = rng(), out[k].c[w] = rng(), out[k].m[w] = rng();
    }
    out[k].m[0] |= 1;
  }
  return out;
}

void BM_Arith256ModProve(benchmark::State& state) {
  const unsigned h = static_cast<unsigned>(state.range(0));
  const std::vector<Arith256ModRecord> recs = mod_records(std::size_t{1} << h);
  std::vector<stark::DirectTerm> terms;
  const auto u = [](std::uint64_t v) { return Fe::from_u64(v); };
  for (const Arith256ModRecord& r : recs) {
    terms.push_back({kOperationBus,
                     {u(0xf3), u(0), u(0), u(r.addr), u(0), u(0), u(0), u(0), u(r.step), u(0)},
                     -Fe::one()});
    std::vector<MemAccess> acc;
    arith256_mod_mem_accesses(r, acc);
    for (const MemAccess& a : acc) {
      terms.push_back(
          {kMemoryBus,
           {u(a.mem_op), u(a.addr), u(a.mem_step), u(8), u(a.value & 0xFFFFFFFF), u(a.value >> 32)},
           Fe::one()});
    }
  }
  {
    TableCounts range16(std::size_t{1} << 16);
    (void)arith256_mod_trace(recs, h, range16);
    for (std::size_t v = 0; v < range16.size(); ++v) {
      if (range16.get(v) != 0) terms.push_back({kRange16Bus, {u(v)}, u(range16.get(v))});
    }
  }
  const std::vector<stark::AirPtr> airs = {stark::make_air<Arith256ModAir>()};
  auto params = stark::make_params({});
  auto pk = stark::setup(airs, *params, {});
  std::size_t bytes = 0;
  for (auto _ : state) {
    std::vector<stark::InstanceSpec> specs = {{0, h, {}, [&]() -> Result<poly::RowMajorMatrix> {
                                                 TableCounts scratch(std::size_t{1} << 16);
                                                 return arith256_mod_trace(recs, h, scratch);
                                               }}};
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
BENCHMARK(BM_Arith256ModProve)
    ->Arg(12)
    ->Arg(16)
    ->Iterations(1)
    ->MeasureProcessCPUTime()
    ->UseRealTime()
    ->Unit(benchmark::kSecond);

}  // namespace
}  // namespace ziskc::sm

BENCHMARK_MAIN();
