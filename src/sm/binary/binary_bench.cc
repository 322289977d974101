// Trace-builder throughput of Binary (records/s): one full instance of 2^k rows of random
// comparison/sub/min/max/_w ops (Binary) or and/or/xor (BinaryLogic).
#include <benchmark/benchmark.h>

#include <random>

#include "sm/binary/binary.h"
#include "sm/tables/tables_air.h"

namespace ziskc::sm {
namespace {

void BM_BinaryTrace(benchmark::State& state) {
  const unsigned log_n = static_cast<unsigned>(state.range(0));
  std::vector<zisk::Op> ops;
  for (const auto& info : zisk::op_table()) {
    if (binary_proves(info.op)) ops.push_back(info.op);
  }
  std::mt19937_64 rng(1);
  std::vector<OpRecord> records(std::size_t{1} << log_n);
  for (auto& r : records) {
    const zisk::Op op = ops[rng() % ops.size()];
    r = {op, rng(), rng()};
    if (zisk::is_m32(op)) r = {op, r.a & 0xffffffff, r.b & 0xffffffff};
  }
  TableCounts range16(kTableRows);
  for (auto _ : state) {
    auto m = binary_trace(records, log_n, range16);
    benchmark::DoNotOptimize(m.values.data());
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * records.size()));
}
BENCHMARK(BM_BinaryTrace)->Arg(16)->Arg(20)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_BinaryLogicTrace(benchmark::State& state) {
  const unsigned log_n = static_cast<unsigned>(state.range(0));
  const zisk::Op ops[] = {zisk::Op::kAnd, zisk::Op::kOr, zisk::Op::kXor};
  std::mt19937_64 rng(2);
  std::vector<OpRecord> records(std::size_t{1} << log_n);
  for (auto& r : records) r = {ops[rng() % 3], rng(), rng()};
  TableCounts table(kTableRows);
  for (auto _ : state) {
    auto m = binary_logic_trace(records, log_n, table);
    benchmark::DoNotOptimize(m.values.data());
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * records.size()));
}
BENCHMARK(BM_BinaryLogicTrace)->Arg(16)->Arg(20)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
}  // namespace ziskc::sm

BENCHMARK_MAIN();
