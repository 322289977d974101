// Trace-builder throughput of BinaryExtension (records/s): one full instance of 2^k rows of
// random shifts (BinaryShift) or sign extensions (BinarySext).
#include <benchmark/benchmark.h>

#include <random>

#include "sm/binary_extension/binary_extension.h"
#include "sm/tables/tables_air.h"

namespace ziskc::sm {
namespace {

void BM_BinaryShiftTrace(benchmark::State& state) {
  const unsigned log_n = static_cast<unsigned>(state.range(0));
  std::mt19937_64 rng(1);
  std::vector<OpRecord> records(std::size_t{1} << log_n);
  for (auto& r : records) {
    const zisk::Op op = kBinaryShiftOps[rng() % kBinaryShiftOps.size()];
    r = {op, rng(), rng()};
    if (zisk::is_m32(op)) r = {op, r.a & 0xffffffff, r.b & 0xffffffff};
  }
  TableCounts range16(kTableRows), table(kBinaryShiftTableRows);
  for (auto _ : state) {
    auto m = binary_shift_trace(records, log_n, range16, table);
    benchmark::DoNotOptimize(m.values.data());
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * records.size()));
}
BENCHMARK(BM_BinaryShiftTrace)->Arg(16)->Arg(20)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_BinarySextTrace(benchmark::State& state) {
  const unsigned log_n = static_cast<unsigned>(state.range(0));
  std::mt19937_64 rng(2);
  std::vector<OpRecord> records(std::size_t{1} << log_n);
  for (auto& r : records) r = {kBinarySextOps[rng() % kBinarySextOps.size()], rng(), rng()};
  TableCounts range16(kTableRows), byte_pair(kTableRows);
  for (auto _ : state) {
    auto m = binary_sext_trace(records, log_n, range16, byte_pair);
    benchmark::DoNotOptimize(m.values.data());
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * records.size()));
}
BENCHMARK(BM_BinarySextTrace)->Arg(16)->Arg(20)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
}  // namespace ziskc::sm

BENCHMARK_MAIN();
