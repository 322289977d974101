// Benchmarks of the DMA witness side: the trace builders of the three machines (records per second,
// with the bytes they cover) on mixes of short and longer ops at random offsets, and the
// record extraction from replayed memcpy steps.
#include <benchmark/benchmark.h>

#include <random>

#include "sm/buses.h"
#include "sm/dma/dma.h"
#include "sm/tables/tables_air.h"

namespace ziskc::sm {
namespace {

constexpr std::uint64_t kBase = 0xA043'0000;

// Lengths: mostly short (struct copies, strings), some of a few hundred bytes.
std::uint64_t length(std::mt19937_64& rng) {
  return rng() % 8 == 0 ? 64 + rng() % 448 : rng() % 48;
}

// Copy records (memcpy / xmemcpy / xmemset / inputcpy) whose rows fill about `rows` rows.
std::vector<DmaRecord> copy_records(std::size_t rows, std::uint64_t* bytes) {
  std::mt19937_64 rng(1);
  std::vector<DmaRecord> out;
  std::size_t used = 0;
  *bytes = 0;
  while (true) {
    DmaRecord r;
    const unsigned kind = static_cast<unsigned>(rng() % 8);
    r.op = kind < 5   ? zisk::Op::kDmaMemcpy
           : kind < 6 ? zisk::Op::kDmaXMemcpy
           : kind < 7 ? zisk::Op::kDmaXMemset
                      : zisk::Op::kDmaInputcpy;
    r.a = kBase + rng() % 100000;
    r.n = length(rng);
    r.pre = rng();
    r.post = rng();
    if (r.op == zisk::Op::kDmaInputcpy) {
      r.n -= r.n % 8;
      r.b = r.n;
      r.src.resize(r.n / 8);
    } else if (r.op == zisk::Op::kDmaXMemset) {
      r.b = r.n;
      r.extra = static_cast<std::int64_t>(rng() % 256);
    } else {
      r.b = kBase + 200000 + rng() % 100000;
      r.src.resize(r.n == 0 ? 0 : ((r.b + r.n - 1) >> 3) - (r.b >> 3) + 1);
      if (r.op == zisk::Op::kDmaXMemcpy) r.extra = static_cast<std::int64_t>(r.n);
    }
    if (r.op == zisk::Op::kDmaMemcpy) r.count_addr = 0xA040'0F00;
    for (auto& w : r.src) w = rng();
    r.c = r.a;
    const std::size_t need = dma_rows(r, DmaMachine::kCopy);
    if (used + need > rows) break;
    used += need;
    *bytes += r.n;
    out.push_back(std::move(r));
  }
  return out;
}

// Aligned memcpy / xmemset records (n = 8 .. 4096 bytes, a multiple of 8) for about `rows` rows.
std::vector<DmaRecord> aligned_records(std::size_t rows, std::uint64_t* bytes) {
  std::mt19937_64 rng(3);
  std::vector<DmaRecord> out;
  std::size_t used = 0;
  *bytes = 0;
  while (true) {
    DmaRecord r;
    const bool set = rng() % 4 == 0;
    r.op = set ? zisk::Op::kDmaXMemset : zisk::Op::kDmaMemcpy;
    r.a = kBase + 8 * (rng() % 10000);
    r.n = 8 * (1 + (rng() % 8 == 0 ? rng() % 512 : rng() % 16));
    if (set) {
      r.b = r.n;
      r.extra = static_cast<std::int64_t>(rng() % 256);
    } else {
      r.b = kBase + 200000 + 8 * (rng() % 10000);
      r.count_addr = 0xA040'0F00;
      r.src.resize(r.n / 8);
      for (auto& w : r.src) w = rng();
    }
    r.c = r.a;
    const std::size_t need = dma_rows(r);
    if (used + need > rows) break;
    used += need;
    *bytes += r.n;
    out.push_back(std::move(r));
  }
  return out;
}

std::vector<DmaRecord> cmp_records(std::size_t rows, std::uint64_t* bytes) {
  std::mt19937_64 rng(2);
  std::vector<DmaRecord> out;
  std::size_t used = 0;
  *bytes = 0;
  while (true) {
    DmaRecord r;
    r.op = rng() % 2 ? zisk::Op::kDmaMemcmp : zisk::Op::kDmaXMemcmp;
    r.a = kBase + rng() % 100000;
    r.b = kBase + 200000 + rng() % 100000;
    r.n = length(rng);
    // Equal up to a difference at a random byte (or none), as sorting and lookups see them.
    const bool differ = r.n > 0 && rng() % 2;
    r.first_diff = differ ? rng() % r.n : r.n;
    const std::uint64_t len = differ ? r.first_diff + 1 : r.n;
    std::vector<std::uint8_t> a(len + 16), b;
    for (auto& x : a) x = static_cast<std::uint8_t>(rng());
    b = a;
    if (differ) b[r.first_diff] = static_cast<std::uint8_t>(a[r.first_diff] + 1);
    const auto words = [&](std::uint64_t addr, const std::vector<std::uint8_t>& v) {
      std::vector<std::uint64_t> w;
      if (len == 0) return w;
      for (std::uint64_t x = addr & ~7ull; x < addr + len; x += 8) {
        std::uint64_t word = 0;
        for (unsigned k = 0; k < 8; ++k) {
          const std::uint64_t at = x + k;
          const std::uint8_t byte = at >= addr && at - addr < v.size() ? v[at - addr] : 0x5a;
          word |= static_cast<std::uint64_t>(byte) << (8 * k);
        }
        w.push_back(word);
      }
      return w;
    };
    r.dst = words(r.a, a);
    r.src = words(r.b, b);
    r.c = differ ? static_cast<std::uint64_t>(-1) : 0;
    if (r.op == zisk::Op::kDmaMemcmp) r.count_addr = 0xA040'0F00;
    if (r.op == zisk::Op::kDmaXMemcmp) r.extra = static_cast<std::int64_t>(r.n);
    if (used + dma_rows(r) > rows) break;
    used += dma_rows(r);
    *bytes += len;
    out.push_back(std::move(r));
  }
  return out;
}

void BM_DmaCopyTrace(benchmark::State& state) {
  const unsigned log_h = static_cast<unsigned>(state.range(0));
  std::uint64_t bytes = 0;
  const std::vector<DmaRecord> recs = copy_records(std::size_t{1} << log_h, &bytes);
  TableCounts byte_pair(kTableRows);
  for (auto _ : state) {
    auto m = dma_copy_trace(recs, log_h, byte_pair);
    benchmark::DoNotOptimize(m);
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(recs.size()));
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(bytes));
  state.counters["rows"] = static_cast<double>(std::size_t{1} << log_h);
}
BENCHMARK(BM_DmaCopyTrace)->Arg(16)->Arg(20)->Unit(benchmark::kMillisecond);

void BM_DmaAlignedTrace(benchmark::State& state) {
  const unsigned log_h = static_cast<unsigned>(state.range(0));
  std::uint64_t bytes = 0;
  const std::vector<DmaRecord> recs = aligned_records(std::size_t{1} << log_h, &bytes);
  TableCounts byte_pair(kTableRows);
  for (auto _ : state) {
    auto m = dma_aligned_trace(recs, log_h, byte_pair);
    benchmark::DoNotOptimize(m);
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(recs.size()));
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(bytes));
}
BENCHMARK(BM_DmaAlignedTrace)->Arg(16)->Arg(20)->Unit(benchmark::kMillisecond);

void BM_DmaCmpTrace(benchmark::State& state) {
  const unsigned log_h = static_cast<unsigned>(state.range(0));
  std::uint64_t bytes = 0;
  const std::vector<DmaRecord> recs = cmp_records(std::size_t{1} << log_h, &bytes);
  TableCounts byte_pair(kTableRows), range16(kTableRows);
  for (auto _ : state) {
    auto m = dma_cmp_trace(recs, log_h, byte_pair, range16);
    benchmark::DoNotOptimize(m);
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(recs.size()));
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(bytes));
}
BENCHMARK(BM_DmaCmpTrace)->Arg(16)->Arg(20)->Unit(benchmark::kMillisecond);

// dma_records_from_step on memcpy steps as the replay reports them (emulator order: count,
// partial dst words, source words, writes).
void BM_DmaRecordsFromStep(benchmark::State& state) {
  std::uint64_t bytes = 0;
  std::vector<DmaRecord> recs = copy_records(1 << 14, &bytes);
  std::erase_if(recs, [](const DmaRecord& r) {
    return r.op != zisk::Op::kDmaMemcpy || dma_machine(r) != DmaMachine::kCopy;
  });
  zisk::ZiskInst inst;
  inst.op = zisk::Op::kDmaMemcpy;
  std::vector<std::vector<emu::MemAccess>> steps;
  std::vector<MemAccess> acc;
  for (const DmaRecord& r : recs) {
    acc.clear();
    dma_mem_accesses(r, acc);
    std::vector<emu::MemAccess> s;
    for (const MemAccess& m : acc) {
      emu::MemAccess e;
      e.kind = m.mem_op == kMemStore ? emu::MemAccess::kStore : emu::MemAccess::kLoad;
      e.slot = m.mem_op == kMemStore ? emu::kSlotOpWrite : emu::kSlotOpRead;
      e.addr = m.addr;
      e.value = m.value;
      s.push_back(e);
    }
    steps.push_back(std::move(s));
  }
  for (auto _ : state) {
    DmaRecords out;
    out.copy.reserve(recs.size());
    for (std::size_t i = 0; i < recs.size(); ++i) {
      emu::StepRecord s;
      s.step = recs[i].step;
      s.inst = &inst;
      s.a = recs[i].a;
      s.b = recs[i].b;
      s.c = recs[i].a;
      s.accesses = steps[i];
      if (!dma_records_from_step(s, out).is_ok()) state.SkipWithError("record refused");
    }
    benchmark::DoNotOptimize(out);
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(recs.size()));
}
BENCHMARK(BM_DmaRecordsFromStep)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace ziskc::sm

BENCHMARK_MAIN();
