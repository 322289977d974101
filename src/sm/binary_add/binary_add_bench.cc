// Trace-builder throughput of BinaryAdd (records/s): 2^k records filling one instance
// (kBinaryAddSlots per row).
#include <benchmark/benchmark.h>

#include <random>

#include "sm/binary_add/binary_add.h"
#include "sm/tables/tables_air.h"

namespace ziskc::sm {
namespace {

static_assert(kBinaryAddSlots == 4, "the benchmark assumes 4 records per row");

void BM_BinaryAddTrace(benchmark::State& state) {
  const unsigned log_n = static_cast<unsigned>(state.range(0));
  std::mt19937_64 rng(1);
  std::vector<OpRecord> records(std::size_t{1} << log_n);
  for (auto& r : records) r = {zisk::Op::kAdd, rng(), rng()};
  TableCounts range16(kTableRows);
  for (auto _ : state) {
    auto m = binary_add_trace(records, log_n - 2, range16);
    benchmark::DoNotOptimize(m.values.data());
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * records.size()));
}
BENCHMARK(BM_BinaryAddTrace)->Arg(16)->Arg(20)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
}  // namespace ziskc::sm

BENCHMARK_MAIN();
