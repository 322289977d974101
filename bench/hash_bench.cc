// Hashing benchmarks: Poseidon2 permutation throughput (batched SIMD, all worker
// threads) and Merkle tree construction (Poseidon2 W16, arity 4). Items = permutations for
// the permutation benchmarks and rows for the Merkle benchmark.
#include <benchmark/benchmark.h>

#include <random>
#include <vector>

#include "base/parallel.h"
#include "hash/merkle.h"
#include "hash/poseidon2.h"
#include "hash/sponge.h"

namespace {

using ziskc::field::Fe;
using ziskc::hash::Poseidon2;

template <std::size_t W, bool kBy8 = false>
void run_permutations(benchmark::State& state) {
  // 64K states (6-8 MB): larger than L2, like a Merkle leaf pass.
  std::vector<typename Poseidon2<W>::State> states(1 << 16);
  std::mt19937_64 rng(1);
  for (auto& s : states)
    for (auto& x : s) x = Fe::from_u64(rng());
  for (auto _ : state) {
    if constexpr (kBy8) {
      for (std::size_t i = 0; i < states.size(); i += 8) Poseidon2<W>::permute_x8(&states[i]);
    } else {
      Poseidon2<W>::permute_many(states);
    }
    benchmark::DoNotOptimize(states.data());
    benchmark::ClobberMemory();
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * states.size()));
  state.counters["threads"] = ziskc::base::num_threads();
}

void BM_Poseidon2W12(benchmark::State& state) { run_permutations<12>(state); }
void BM_Poseidon2W16(benchmark::State& state) { run_permutations<16>(state); }

// Single-thread reference points for each backend (capped; "best available" above it).
template <std::size_t W, ziskc::hash::SimdBackend kCap, bool kBy8 = false>
void run_one_thread(benchmark::State& state) {
  const int saved = ziskc::base::num_threads();
  ziskc::base::set_num_threads(1);
  ziskc::hash::limit_simd_backend(kCap);
  state.SetLabel(ziskc::hash::simd_backend_name(ziskc::hash::active_simd_backend()));
  run_permutations<W, kBy8>(state);
  ziskc::hash::limit_simd_backend(ziskc::hash::SimdBackend::kAvx512);
  ziskc::base::set_num_threads(saved);
}
using ziskc::hash::SimdBackend;
void BM_Poseidon2W12OneThreadScalar(benchmark::State& s) {
  run_one_thread<12, SimdBackend::kScalar>(s);
}
void BM_Poseidon2W12OneThreadAvx2(benchmark::State& s) {
  run_one_thread<12, SimdBackend::kAvx2>(s);
}
void BM_Poseidon2W12OneThreadAvx512(benchmark::State& s) {
  run_one_thread<12, SimdBackend::kAvx512>(s);
}
void BM_Poseidon2W16OneThreadScalar(benchmark::State& s) {
  run_one_thread<16, SimdBackend::kScalar>(s);
}
void BM_Poseidon2W16OneThreadAvx2(benchmark::State& s) {
  run_one_thread<16, SimdBackend::kAvx2>(s);
}
void BM_Poseidon2W16OneThreadAvx512(benchmark::State& s) {
  run_one_thread<16, SimdBackend::kAvx512>(s);
}
// The 8-state entry point (permute_x8: one AVX-512 group, or two interleaved AVX2 groups),
// against which permute_many's 16-state batches are compared.
void BM_Poseidon2W12OneThreadAvx512By8(benchmark::State& s) {
  run_one_thread<12, SimdBackend::kAvx512, true>(s);
}
void BM_Poseidon2W12OneThreadAvx2By8(benchmark::State& s) {
  run_one_thread<12, SimdBackend::kAvx2, true>(s);
}

// BM_HashRowsW16OneThread/<columns>: the W16 leaf sponge (hash_rows_x16) on one thread over a
// 4096-row matrix (3.2 MB at 100 columns), items = rows; the kernel does ceil(columns / 12)
// permutations per row.
void BM_HashRowsW16OneThread(benchmark::State& state) {
  const std::size_t height = 4096;
  const std::size_t width = static_cast<std::size_t>(state.range(0));
  std::vector<Fe> m(height * width);
  std::mt19937_64 rng(3);
  for (auto& x : m) x = Fe::from_u64(rng());
  std::vector<ziskc::hash::Digest> out(height);
  for (auto _ : state) {
    for (std::size_t g = 0; g < height / 16; ++g) {
      const Fe* rows[16];
      for (std::size_t k = 0; k < 16; ++k) rows[k] = m.data() + (16 * g + k) * width;
      ziskc::hash::hash_rows_x16<16>(rows, width, &out[16 * g]);
    }
    benchmark::DoNotOptimize(out.data());
    benchmark::ClobberMemory();
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * height));
  state.counters["perms_per_row"] = static_cast<double>((width + 11) / 12);
}

// BM_Merkle/<log2 rows>/<columns>: build the tree over a random row-major matrix.
void BM_Merkle(benchmark::State& state) {
  const std::size_t height = std::size_t{1} << state.range(0);
  const std::size_t width = static_cast<std::size_t>(state.range(1));
  std::vector<Fe> m(height * width);
  std::mt19937_64 rng(2);
  for (auto& x : m) x = Fe::from_u64(rng());
  for (auto _ : state) {
    auto tree = ziskc::hash::MerkleTree::build(m, width, height, 4);
    if (!tree.is_ok()) {
      state.SkipWithError(tree.status().message().c_str());
      return;
    }
    benchmark::DoNotOptimize(tree->root());
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * height));
  state.counters["threads"] = ziskc::base::num_threads();
}

// Multi-thread rows: wall time, and process CPU time (all threads) in the CPU column, since the
// machine is shared and wall time depends on the load.
BENCHMARK(BM_Poseidon2W12)->UseRealTime()->MeasureProcessCPUTime()->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Poseidon2W16)->UseRealTime()->MeasureProcessCPUTime()->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Poseidon2W12OneThreadScalar)->UseRealTime()->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Poseidon2W12OneThreadAvx2)->UseRealTime()->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Poseidon2W12OneThreadAvx512)->UseRealTime()->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Poseidon2W16OneThreadScalar)->UseRealTime()->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Poseidon2W16OneThreadAvx2)->UseRealTime()->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Poseidon2W16OneThreadAvx512)->UseRealTime()->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Poseidon2W12OneThreadAvx2By8)->UseRealTime()->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Poseidon2W12OneThreadAvx512By8)->UseRealTime()->Unit(benchmark::kMillisecond);
BENCHMARK(BM_HashRowsW16OneThread)->Arg(64)->Arg(100)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Merkle)
    ->Args({16, 100})
    ->Args({20, 100})
    ->UseRealTime()
    ->MeasureProcessCPUTime()
    ->Unit(benchmark::kMillisecond)
    ->Iterations(1);

}  // namespace

BENCHMARK_MAIN();
