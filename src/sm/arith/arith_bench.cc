// Benchmark of the Arith trace builder (records/s): random mul/div operands, one instance.
#include <benchmark/benchmark.h>

#include <random>
#include <vector>

#include "sm/arith/arith.h"
#include "sm/tables/tables_air.h"

namespace ziskc::sm {
namespace {

std::vector<OpRecord> records(std::size_t n, bool with_div) {
  std::mt19937_64 rng(1);
  std::vector<OpRecord> r(n);
  for (auto& rec : r) {
    const std::size_t k = with_div ? rng() % kArithOps.size() : rng() % 6;
    rec.op = kArithOps[k];
    rec.a = rng();
    rec.b = rng() >> (rng() % 64);
    if (k == kFMulW || k >= kFDivuW) {
      rec.a &= 0xFFFF'FFFFull;
      rec.b &= 0xFFFF'FFFFull;
    }
  }
  return r;
}

void run(benchmark::State& state, bool with_div) {
  const unsigned log_h = static_cast<unsigned>(state.range(0));
  const auto recs = records(std::size_t{1} << log_h, with_div);
  for (auto _ : state) {
    TableCounts r16(kTableRows), bp(kTableRows), chunks(kArithChunkTableRows);
    auto t = arith_trace(recs, log_h, r16, bp, chunks);
    benchmark::DoNotOptimize(t.values.data());
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) *
                          static_cast<std::int64_t>(recs.size()));
}

void BM_ArithTrace(benchmark::State& state) { run(state, true); }
void BM_ArithTraceMulOnly(benchmark::State& state) { run(state, false); }
BENCHMARK(BM_ArithTrace)->Arg(16)->Arg(20)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_ArithTraceMulOnly)->Arg(20)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
}  // namespace ziskc::sm

BENCHMARK_MAIN();
