// Benchmark of MemAlign's trace builder (records per second) on a mix of byte, half, word and
// unaligned accesses.
#include <benchmark/benchmark.h>

#include <random>

#include "sm/buses.h"
#include "sm/mem_align/mem_align.h"
#include "sm/tables/tables_air.h"

namespace ziskc::sm {
namespace {

std::vector<MemAlignRecord> records(std::size_t n) {
  std::mt19937_64 rng(1);
  std::vector<MemAlignRecord> out(n);
  for (std::size_t i = 0; i < n; ++i) {
    MemAlignRecord& r = out[i];
    const unsigned width = 1u << (rng() % 3);
    r.words[0] = rng();
    r.words[1] = rng();
    r.access = {.addr = 0xA000'0000 + 8 * (rng() % 4096) + width * (rng() % (8 / width)),
                .mem_step = 4 * i + 2,
                .width = static_cast<std::uint8_t>(width),
                .mem_op = static_cast<std::uint8_t>(rng() % 2 ? kMemLoad : kMemStore)};
    if (!mem_align_crosses(r.access)) r.words[1] = 0;
    r.access.value = rng();
    if (r.access.mem_op == kMemLoad) {
      const unsigned off = static_cast<unsigned>(r.access.addr % 8);
      r.access.value = (r.words[0] >> (8 * off)) & ((std::uint64_t{1} << (8 * width)) - 1);
    }
  }
  return out;
}

void BM_MemAlignTrace(benchmark::State& state) {
  const unsigned log_h = static_cast<unsigned>(state.range(0));
  const std::vector<MemAlignRecord> recs = records(std::size_t{1} << log_h);
  TableCounts byte_pair(kTableRows);
  for (auto _ : state) {
    auto m = mem_align_trace(recs, log_h, byte_pair);
    benchmark::DoNotOptimize(m);
  }
  state.SetItemsProcessed(state.iterations() * (std::int64_t{1} << log_h));
}
BENCHMARK(BM_MemAlignTrace)->Arg(16)->Arg(20)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace ziskc::sm

BENCHMARK_MAIN();
