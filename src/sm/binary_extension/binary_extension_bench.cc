// Trace-builder throughput of BinaryExtension (records/s): 2^k random records filling one
// instance of BinaryShift (sll/srl/sra), BinaryShiftW (the _w forms) or BinarySext.
#include <benchmark/benchmark.h>

#include <random>

#include "sm/binary_extension/binary_extension.h"
#include "sm/tables/tables_air.h"

namespace ziskc::sm {
namespace {

static_assert(kBinaryShiftSlots == 2 && kBinaryShiftWSlots == 2 && kBinarySextSlots == 4,
              "the benchmarks size instances for these slot counts");

void BM_BinaryShiftTrace(benchmark::State& state) {
  const unsigned log_n = static_cast<unsigned>(state.range(0));
  std::mt19937_64 rng(1);
  std::vector<OpRecord> records(std::size_t{1} << log_n);
  for (auto& r : records) r = {kBinaryShiftOps[rng() % kBinaryShiftOps.size()], rng(), rng()};
  TableCounts range16(kTableRows), table(kBinaryShiftTableRows);
  for (auto _ : state) {
    auto m = binary_shift_trace(records, log_n - 1, range16, table);
    benchmark::DoNotOptimize(m.values.data());
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * records.size()));
}
BENCHMARK(BM_BinaryShiftTrace)->Arg(16)->Arg(20)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_BinaryShiftWTrace(benchmark::State& state) {
  const unsigned log_n = static_cast<unsigned>(state.range(0));
  std::mt19937_64 rng(3);
  std::vector<OpRecord> records(std::size_t{1} << log_n);
  for (auto& r : records) {
    r = {kBinaryShiftWOps[rng() % kBinaryShiftWOps.size()], rng() & 0xffffffff, rng() & 0xffffffff};
  }
  TableCounts range16(kTableRows), table(kBinaryShiftTableRows);
  for (auto _ : state) {
    auto m = binary_shift_w_trace(records, log_n - 1, range16, table);
    benchmark::DoNotOptimize(m.values.data());
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * records.size()));
}
BENCHMARK(BM_BinaryShiftWTrace)->Arg(16)->Arg(20)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_BinarySextTrace(benchmark::State& state) {
  const unsigned log_n = static_cast<unsigned>(state.range(0));
  std::mt19937_64 rng(2);
  std::vector<OpRecord> records(std::size_t{1} << log_n);
  for (auto& r : records) r = {kBinarySextOps[rng() % kBinarySextOps.size()], rng(), rng()};
  TableCounts range16(kTableRows), byte_pair(kTableRows);
  for (auto _ : state) {
    auto m = binary_sext_trace(records, log_n - 2, range16, byte_pair);
    benchmark::DoNotOptimize(m.values.data());
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * records.size()));
}
BENCHMARK(BM_BinarySextTrace)->Arg(16)->Arg(20)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
}  // namespace ziskc::sm

BENCHMARK_MAIN();
