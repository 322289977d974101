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
#include "sm/precompile_bench.h"

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
  bench::add_call_terms<Arith256Record>(terms, 0xf2, recs, arith256_mem_accesses);
  TableCounts range16(std::size_t{1} << 16);
  (void)arith256_trace(recs, h, range16);
  bench::add_range16_terms(terms, range16);
  bench::prove_one_instance<Arith256Air>(state, h, recs.size(), terms,
                                         [&]() -> Result<poly::RowMajorMatrix> {
                                           TableCounts scratch(std::size_t{1} << 16);
                                           return arith256_trace(recs, h, scratch);
                                         });
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
  bench::add_call_terms<Arith256ModRecord>(terms, 0xf3, recs, arith256_mod_mem_accesses);
  TableCounts range16(std::size_t{1} << 16);
  (void)arith256_mod_trace(recs, h, range16);
  bench::add_range16_terms(terms, range16);
  bench::prove_one_instance<Arith256ModAir>(state, h, recs.size(), terms,
                                            [&]() -> Result<poly::RowMajorMatrix> {
                                              TableCounts scratch(std::size_t{1} << 16);
                                              return arith256_mod_trace(recs, h, scratch);
                                            });
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
