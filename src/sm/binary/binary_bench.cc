// Trace-builder throughput of Binary (records/s): 2^k random records filling one instance of
// Binary (ltu/leu/eq/sub/minu/maxu/_w/add_w/sub_w), BinarySigned or BinaryLogic.
#include <benchmark/benchmark.h>

#include <random>

#include "sm/binary/binary.h"
#include "sm/tables/tables_air.h"

namespace ziskc::sm {
namespace {

static_assert(kBinarySlots == 2 && kBinaryLogicSlots == 2,
              "the benchmarks size instances for these slot counts");

std::vector<OpRecord> random_records(bool (*proves)(zisk::Op), std::size_t n, std::uint64_t seed) {
  std::vector<zisk::Op> ops;
  for (const auto& info : zisk::op_table()) {
    if (proves(info.op)) ops.push_back(info.op);
  }
  std::mt19937_64 rng(seed);
  std::vector<OpRecord> records(n);
  for (auto& r : records) {
    const zisk::Op op = ops[rng() % ops.size()];
    r = {op, rng(), rng()};
    if (zisk::is_m32(op)) r = {op, r.a & 0xffffffff, r.b & 0xffffffff};
  }
  return records;
}

void BM_BinaryTrace(benchmark::State& state) {
  const unsigned log_n = static_cast<unsigned>(state.range(0));
  const auto records =
      random_records([](zisk::Op op) { return binary_proves(op); }, std::size_t{1} << log_n, 1);
  TableCounts range16(kTableRows);
  for (auto _ : state) {
    auto m = binary_trace(records, log_n - 1, range16);
    benchmark::DoNotOptimize(m.values.data());
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * records.size()));
}
BENCHMARK(BM_BinaryTrace)->Arg(16)->Arg(20)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_BinarySignedTrace(benchmark::State& state) {
  const unsigned log_n = static_cast<unsigned>(state.range(0));
  const auto records = random_records([](zisk::Op op) { return binary_signed_proves(op); },
                                      std::size_t{1} << log_n, 3);
  TableCounts range16(kTableRows);
  for (auto _ : state) {
    auto m = binary_signed_trace(records, log_n, range16);
    benchmark::DoNotOptimize(m.values.data());
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * records.size()));
}
BENCHMARK(BM_BinarySignedTrace)->Arg(16)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_BinaryLogicTrace(benchmark::State& state) {
  const unsigned log_n = static_cast<unsigned>(state.range(0));
  const auto records = random_records([](zisk::Op op) { return binary_logic_proves(op); },
                                      std::size_t{1} << log_n, 2);
  TableCounts table(kTableRows);
  for (auto _ : state) {
    auto m = binary_logic_trace(records, log_n - 1, table);
    benchmark::DoNotOptimize(m.values.data());
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * records.size()));
}
BENCHMARK(BM_BinaryLogicTrace)->Arg(16)->Arg(20)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
}  // namespace ziskc::sm

BENCHMARK_MAIN();
