// Field and NTT benchmarks (issue 3): Goldilocks and Ext3 multiplication throughput, NTT of one
// column and of a 100-column row-major matrix, and the coset LDE 2^20 -> 2^21 x 100 columns.
// Every benchmark uses all worker threads (base::num_threads) unless its name says OneThread;
// items are field multiplications for the *Mul benchmarks and matrix values (rows x cols of
// the input) for the transforms.
#include <benchmark/benchmark.h>

#include <random>
#include <vector>

#include "base/parallel.h"
#include "field/ext3.h"
#include "field/goldilocks.h"
#include "field/packed_avx2.h"
#include "field/packed_avx512.h"
#include "field/simd.h"
#include "poly/ntt.h"

namespace {

using ziskc::field::Ext3;
using ziskc::field::Fe;
using ziskc::poly::RowMajorMatrix;

// Each thread multiplies its own L1-resident block, 16 independent chains per element
// sweep, so this measures multiplication throughput rather than memory.
constexpr std::size_t kBlock = 1024;
constexpr int kRounds = 64;

std::vector<Fe> random_vector(std::size_t n, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::vector<Fe> v(n);
  for (auto& x : v) x = Fe::from_u64(rng());
  return v;
}

void BM_GoldilocksMul(benchmark::State& state) {
  const int threads = ziskc::base::num_threads();
  std::vector<Fe> data = random_vector(kBlock * threads, 1);
  const std::vector<Fe> factors = random_vector(kBlock, 2);
  for (auto _ : state) {
    ziskc::base::parallel_for(0, threads, [&](std::size_t t) {
      Fe* x = data.data() + t * kBlock;
      for (int r = 0; r < kRounds; ++r)
        for (std::size_t i = 0; i < kBlock; ++i) x[i] *= factors[i];
    });
    benchmark::DoNotOptimize(data.data());
  }
  state.SetItemsProcessed(state.iterations() * threads * kBlock * kRounds);
  state.counters["threads"] = threads;
}

ZISKC_BEGIN_TARGET_AVX512
void packed_mul_avx512(Fe* x, const Fe* f) {
  using P = ziskc::field::avx512::PackedFe;
  for (int r = 0; r < kRounds; ++r)
    for (std::size_t i = 0; i < kBlock; i += P::kWidth)
      (P::load(x + i) * P::load(f + i)).store(x + i);
}
void packed_ext_mul_avx512(Ext3* x, const Ext3* f) {
  using E = ziskc::field::avx512::PackedExt3;
  for (int r = 0; r < kRounds; ++r)
    for (std::size_t i = 0; i < kBlock; i += E::kWidth)
      (E::load(x + i) * E::load(f + i)).store(x + i);
}
ZISKC_END_TARGET
ZISKC_BEGIN_TARGET_AVX2
void packed_mul_avx2(Fe* x, const Fe* f) {
  using P = ziskc::field::avx2::PackedFe;
  for (int r = 0; r < kRounds; ++r)
    for (std::size_t i = 0; i < kBlock; i += P::kWidth)
      (P::load(x + i) * P::load(f + i)).store(x + i);
}
ZISKC_END_TARGET

// The packed multiplication of the best SIMD level (label says which).
void BM_GoldilocksMulPacked(benchmark::State& state) {
  const auto level = ziskc::field::simd_level();
  if (level == ziskc::field::SimdLevel::kScalar) {
    state.SkipWithError("no SIMD level available");
    return;
  }
  state.SetLabel(ziskc::field::simd_level_name(level));
  const int threads = ziskc::base::num_threads();
  std::vector<Fe> data = random_vector(kBlock * threads, 1);
  const std::vector<Fe> factors = random_vector(kBlock, 2);
  for (auto _ : state) {
    ziskc::base::parallel_for(0, threads, [&](std::size_t t) {
      if (level == ziskc::field::SimdLevel::kAvx512)
        packed_mul_avx512(data.data() + t * kBlock, factors.data());
      else
        packed_mul_avx2(data.data() + t * kBlock, factors.data());
    });
    benchmark::DoNotOptimize(data.data());
  }
  state.SetItemsProcessed(state.iterations() * threads * kBlock * kRounds);
  state.counters["threads"] = threads;
}

std::vector<Ext3> random_ext_vector(std::size_t n, std::uint64_t seed) {
  const std::vector<Fe> b = random_vector(3 * n, seed);
  std::vector<Ext3> v(n);
  for (std::size_t i = 0; i < n; ++i) v[i] = Ext3(b[3 * i], b[3 * i + 1], b[3 * i + 2]);
  return v;
}

void BM_ExtMul(benchmark::State& state) {
  const int threads = ziskc::base::num_threads();
  std::vector<Ext3> data = random_ext_vector(kBlock * threads, 3);
  const std::vector<Ext3> factors = random_ext_vector(kBlock, 4);
  for (auto _ : state) {
    ziskc::base::parallel_for(0, threads, [&](std::size_t t) {
      Ext3* x = data.data() + t * kBlock;
      for (int r = 0; r < kRounds; ++r)
        for (std::size_t i = 0; i < kBlock; ++i) x[i] *= factors[i];
    });
    benchmark::DoNotOptimize(data.data());
  }
  state.SetItemsProcessed(state.iterations() * threads * kBlock * kRounds);
  state.counters["threads"] = threads;
}

void BM_ExtMulPacked(benchmark::State& state) {
  if (!ziskc::field::cpu_has_avx512() ||
      ziskc::field::simd_level() != ziskc::field::SimdLevel::kAvx512) {
    state.SkipWithError("AVX-512 not available");
    return;
  }
  state.SetLabel("avx512");
  const int threads = ziskc::base::num_threads();
  std::vector<Ext3> data = random_ext_vector(kBlock * threads, 3);
  const std::vector<Ext3> factors = random_ext_vector(kBlock, 4);
  for (auto _ : state) {
    ziskc::base::parallel_for(0, threads, [&](std::size_t t) {
      packed_ext_mul_avx512(data.data() + t * kBlock, factors.data());
    });
    benchmark::DoNotOptimize(data.data());
  }
  state.SetItemsProcessed(state.iterations() * threads * kBlock * kRounds);
  state.counters["threads"] = threads;
}

RowMajorMatrix random_matrix(std::size_t rows, std::size_t cols) {
  RowMajorMatrix m = RowMajorMatrix::zeros(rows, cols);
  std::mt19937_64 rng(5);
  for (auto& x : m.values) x = Fe::from_u64(rng());
  return m;
}

void set_transform_counters(benchmark::State& state, std::size_t values) {
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * values));
  state.counters["threads"] = ziskc::base::num_threads();
  state.SetLabel(ziskc::field::simd_level_name(ziskc::field::simd_level()));
}

void BM_Ntt(benchmark::State& state) {
  const std::size_t n = std::size_t{1} << state.range(0);
  std::vector<Fe> v = random_vector(n, 6);
  for (auto _ : state) {
    ziskc::poly::ntt(v);
    benchmark::DoNotOptimize(v.data());
  }
  set_transform_counters(state, n);
}

void BM_NttBatch(benchmark::State& state) {
  RowMajorMatrix m = random_matrix(std::size_t{1} << state.range(0), state.range(1));
  for (auto _ : state) {
    ziskc::poly::ntt_columns(m);
    benchmark::DoNotOptimize(m.values.data());
  }
  set_transform_counters(state, m.values.size());
}

void BM_InttBatch(benchmark::State& state) {
  RowMajorMatrix m = random_matrix(std::size_t{1} << state.range(0), state.range(1));
  for (auto _ : state) {
    ziskc::poly::intt_columns(m);
    benchmark::DoNotOptimize(m.values.data());
  }
  set_transform_counters(state, m.values.size());
}

void BM_BitReverseRows(benchmark::State& state) {
  RowMajorMatrix m = random_matrix(std::size_t{1} << state.range(0), state.range(1));
  for (auto _ : state) {
    ziskc::poly::bit_reverse_rows(m);
    benchmark::DoNotOptimize(m.values.data());
  }
  set_transform_counters(state, m.values.size());
}

// Evaluations on 2^k rows -> evaluations on the coset 7 * <omega_(2^(k+1))>, bit-reversed rows
// (the order the Merkle commitment and FRI folding use). BM_Lde writes into an output matrix
// reused across iterations (coset_lde_into), as pil2-stark's extendPol writes into caller
// buffers; BM_LdeAlloc calls coset_lde, which allocates and first-touches a new output every
// time; BM_LdeNatural is BM_Lde with natural row order.
template <ziskc::poly::RowOrder kOrder, bool kAlloc>
void run_lde(benchmark::State& state) {
  const RowMajorMatrix evals = random_matrix(std::size_t{1} << state.range(0), state.range(1));
  // Allocated and first touched before timing (for the reused-output variants).
  RowMajorMatrix out = RowMajorMatrix::zeros(kAlloc ? 0 : evals.rows * 2, evals.cols);
  for (auto _ : state) {
    if (kAlloc) {
      RowMajorMatrix fresh = ziskc::poly::coset_lde(evals, 1, Fe::from_u64(Fe::kGenerator), kOrder);
      benchmark::DoNotOptimize(fresh.values.data());
    } else {
      ziskc::poly::coset_lde_into(evals, 1, Fe::from_u64(Fe::kGenerator), kOrder, out);
      benchmark::DoNotOptimize(out.values.data());
    }
  }
  set_transform_counters(state, evals.values.size());
}
void BM_Lde(benchmark::State& state) { run_lde<ziskc::poly::RowOrder::kBitReversed, false>(state); }
void BM_LdeAlloc(benchmark::State& state) {
  run_lde<ziskc::poly::RowOrder::kBitReversed, true>(state);
}
void BM_LdeNatural(benchmark::State& state) {
  run_lde<ziskc::poly::RowOrder::kNatural, false>(state);
}

// One-thread reference points.
template <void (*kBench)(benchmark::State&)>
void one_thread(benchmark::State& state) {
  const int saved = ziskc::base::num_threads();
  ziskc::base::set_num_threads(1);
  kBench(state);
  ziskc::base::set_num_threads(saved);
}

// The same benchmark with the SIMD level capped at AVX2 (what a CPU without AVX-512 runs).
template <void (*kBench)(benchmark::State&)>
void avx2_only(benchmark::State& state) {
  if (!ziskc::field::cpu_has_avx2()) {
    state.SkipWithError("no AVX2");
    return;
  }
  ziskc::field::limit_simd_level(ziskc::field::SimdLevel::kAvx2);
  kBench(state);
  ziskc::field::limit_simd_level(ziskc::field::SimdLevel::kAvx512);
}

}  // namespace

BENCHMARK(BM_GoldilocksMul)->UseRealTime();
BENCHMARK(BM_GoldilocksMulPacked)->UseRealTime();
BENCHMARK(BM_ExtMul)->UseRealTime();
BENCHMARK(BM_ExtMulPacked)->UseRealTime();
BENCHMARK(BM_Ntt)
    ->Arg(16)
    ->Arg(20)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime()
    ->MeasureProcessCPUTime();
BENCHMARK(BM_NttBatch)
    ->Args({20, 100})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime()
    ->MeasureProcessCPUTime();
BENCHMARK(BM_InttBatch)
    ->Args({20, 100})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime()
    ->MeasureProcessCPUTime();
BENCHMARK(BM_BitReverseRows)
    ->Args({20, 1})
    ->Args({20, 100})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
BENCHMARK(BM_Lde)
    ->Args({20, 100})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime()
    ->MeasureProcessCPUTime();
BENCHMARK(BM_LdeAlloc)
    ->Args({20, 100})
    ->Args({20, 64})
    ->Args({20, 6})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime()
    ->MeasureProcessCPUTime();
BENCHMARK(BM_LdeNatural)
    ->Args({20, 100})
    ->Args({20, 64})
    ->Args({20, 6})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime()
    ->MeasureProcessCPUTime();
BENCHMARK(one_thread<BM_Ntt>)
    ->Name("BM_NttOneThread")
    ->Arg(20)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
BENCHMARK(one_thread<BM_NttBatch>)
    ->Name("BM_NttBatchOneThread")
    ->Args({20, 100})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

BENCHMARK(avx2_only<BM_Ntt>)
    ->Name("BM_NttAvx2")
    ->Arg(20)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime()
    ->MeasureProcessCPUTime();
BENCHMARK(avx2_only<BM_NttBatch>)
    ->Name("BM_NttBatchAvx2")
    ->Args({20, 100})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime()
    ->MeasureProcessCPUTime();
BENCHMARK(avx2_only<BM_Lde>)
    ->Name("BM_LdeAvx2")
    ->Args({20, 100})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime()
    ->MeasureProcessCPUTime();

BENCHMARK_MAIN();
