// Trace-builder throughput of the free-input call machine (records/s): 2^k records filling one
// instance (kFcallSlots per row).
#include <benchmark/benchmark.h>

#include <random>

#include "sm/fcall/fcall.h"
#include "sm/tables/tables_air.h"

namespace ziskc::sm {
namespace {

static_assert(kFcallSlots == 2, "the benchmark assumes 2 records per row");

void BM_FcallTrace(benchmark::State& state) {
  const unsigned log_n = static_cast<unsigned>(state.range(0));
  std::mt19937_64 rng(1);
  const zisk::Op ops[] = {zisk::Op::kFcallParam, zisk::Op::kFcall, zisk::Op::kFcallGet};
  std::vector<OpRecord> records(std::size_t{1} << log_n);
  for (auto& r : records) r = {ops[rng() % 3], rng() % 1024, rng()};
  TableCounts range16(kTableRows);
  for (auto _ : state) {
    auto m = fcall_trace(records, log_n - 1, range16);
    benchmark::DoNotOptimize(m.values.data());
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * records.size()));
}
BENCHMARK(BM_FcallTrace)->Arg(16)->Arg(20)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
}  // namespace ziskc::sm

BENCHMARK_MAIN();
