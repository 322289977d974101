// Benchmarks of the memory machines' witness side: the planner (sort + chain) and the trace
// builder of one instance, in accesses (rows) per second.
#include <benchmark/benchmark.h>

#include <random>

#include "sm/mem/mem.h"
#include "sm/tables/tables_air.h"

namespace ziskc::sm {
namespace {

// A register-heavy RAM log in mem_step order: 3 accesses per step over 32 registers and a
// 1 MiB working set.
std::vector<MemAccess> ram_log(std::size_t n) {
  const zisk::Layout& l = zisk::layout(zisk::LayoutKind::kZisk);
  std::mt19937_64 rng(1);
  std::vector<MemAccess> out;
  out.reserve(n);
  std::vector<std::uint64_t> mem(32 + (1 << 17), 0);
  for (std::uint64_t t = 0; out.size() < n; ++t) {
    for (unsigned slot = 0; slot < 3 && out.size() < n; ++slot) {
      const bool reg = rng() % 4 != 0;
      const std::uint64_t i = reg ? rng() % 32 : 32 + rng() % (1 << 17);
      const std::uint64_t addr = reg ? l.reg_addr(static_cast<unsigned>(i)) : l.heap_start + 8 * (i - 32);
      MemAccess a{.addr = addr, .mem_step = 1 + 4 * t + slot, .width = 8};
      if (slot == 2) {
        a.mem_op = kMemStore;
        a.value = mem[i] = rng();
      } else {
        a.value = mem[i];
      }
      out.push_back(a);
    }
  }
  return out;
}

void BM_MemRamPlan(benchmark::State& state) {
  const std::vector<MemAccess> log = ram_log(static_cast<std::size_t>(state.range(0)));
  const MemRegionSpec spec = ram_region(zisk::layout(zisk::LayoutKind::kZisk));
  for (auto _ : state) {
    auto plan = plan_mem(spec, log, 20);
    benchmark::DoNotOptimize(plan);
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_MemRamPlan)->Arg(1 << 20)->Unit(benchmark::kMillisecond);

void BM_MemRamTrace(benchmark::State& state) {
  const unsigned log_h = static_cast<unsigned>(state.range(0));
  const std::vector<MemAccess> log = ram_log(std::size_t{1} << log_h);
  const MemRegionSpec spec = ram_region(zisk::layout(zisk::LayoutKind::kZisk));
  const MemPlan plan = plan_mem(spec, log, log_h).value();
  TableCounts range16(kTableRows);
  for (auto _ : state) {
    auto m = mem_trace(plan, 0, range16);
    benchmark::DoNotOptimize(m);
  }
  state.SetItemsProcessed(state.iterations() * (std::int64_t{1} << log_h));
}
BENCHMARK(BM_MemRamTrace)->Arg(16)->Arg(20)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace ziskc::sm

BENCHMARK_MAIN();
