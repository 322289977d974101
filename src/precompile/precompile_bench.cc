// bench_precompile: host cost of each precompile through run() (parameter block and operands in
// a flat bounds-checked guest memory, as the emulator calls it) and of the free-input calls
// guests issue most (field inverses, square roots, the Fp2 square root, the GLV split).
#include <benchmark/benchmark.h>

#include <random>
#include <span>
#include <vector>

#include "precompile/fields.h"
#include "precompile/keccak.h"
#include "precompile/precompile.h"

namespace ziskc::precompile {
namespace {

// One RAM region, like the emulator's flat memory: bounds check, then copy.
class FlatMemory : public Memory {
 public:
  static constexpr std::uint64_t kBase = 0xA0000000;
  FlatMemory() : words_(4096) {}
  bool read(std::uint64_t addr, std::span<std::uint64_t> out) override {
    const std::uint64_t* p = at(addr, out.size());
    if (p == nullptr) return false;
    for (std::size_t i = 0; i < out.size(); ++i) out[i] = p[i];
    return true;
  }
  bool write(std::uint64_t addr, std::span<const std::uint64_t> in) override {
    std::uint64_t* p = at(addr, in.size());
    if (p == nullptr) return false;
    for (std::size_t i = 0; i < in.size(); ++i) p[i] = in[i];
    return true;
  }
  void poke(std::uint64_t addr, std::span<const std::uint64_t> in) {
    std::uint64_t* p = at(addr, in.size());
    for (std::size_t i = 0; i < in.size(); ++i) p[i] = in[i];
  }

 private:
  std::uint64_t* at(std::uint64_t addr, std::size_t n) {
    if (addr < kBase || (addr - kBase) / 8 + n > words_.size()) return nullptr;
    return words_.data() + (addr - kBase) / 8;
  }
  std::vector<std::uint64_t> words_;
};

constexpr std::uint64_t kBlock = FlatMemory::kBase;
std::uint64_t slot(int i) {
  return FlatMemory::kBase + 0x1000 + 0x100 * static_cast<std::uint64_t>(i);
}

// Fills the operand slots with random words below every field modulus (top limb small), and
// points the parameter block at them (with a small constant in word 0 when the block holds one).
void setup(FlatMemory& mem, Kind kind) {
  std::mt19937_64 rng(42);
  std::vector<std::uint64_t> w(32);
  for (int s = 0; s < 8; ++s) {
    for (auto& v : w) v = rng();
    for (std::size_t i = 3; i < w.size(); i += 4) w[i] >>= 8;  // below the 254/256-bit moduli
    for (std::size_t i = 5; i < w.size(); i += 6) w[i] >>= 8;  // below the 381-bit modulus
    mem.poke(slot(s), w);
  }
  std::vector<std::uint64_t> block = {slot(0), slot(1), slot(2), slot(3), slot(4)};
  switch (kind) {
    case Kind::kKeccakF:
    case Kind::kPoseidon2:
    case Kind::kSecp256k1Dbl:
    case Kind::kSecp256r1Dbl:
    case Kind::kBn254CurveDbl:
    case Kind::kBls12381CurveDbl: {
      for (auto& v : w) v = rng() >> 8;
      mem.poke(kBlock, w);
      return;
    }
    case Kind::kAdd256:
      block = {slot(0), slot(1), 1, slot(2)};
      break;
    case Kind::kBlake2bRound:
      block = {3, slot(0), slot(1)};
      break;
    default:
      break;
  }
  mem.poke(kBlock, block);
}

void BM_Precompile(benchmark::State& state) {
  const Kind kind = static_cast<Kind>(state.range(0));
  state.SetLabel(info(kind).name);
  FlatMemory mem;
  setup(mem, kind);
  for (auto _ : state) {
    // In-place results (a doubled point, a permuted state, a sum written over p1) are valid
    // inputs of the next call, so the operands are set up once.
    auto r = run(kind, kBlock, mem);
    if (!r.is_ok()) state.SkipWithError(r.status().message().c_str());
    benchmark::DoNotOptimize(r);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Precompile)->DenseRange(0, static_cast<int>(Kind::kCount) - 1);

// The hot in-place precompiles without re-seeding (their outputs are valid next inputs).
void BM_KeccakfRun(benchmark::State& state) {
  FlatMemory mem;
  setup(mem, Kind::kKeccakF);
  for (auto _ : state) benchmark::DoNotOptimize(run(Kind::kKeccakF, kBlock, mem));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_KeccakfRun);

void BM_KeccakfPermutation(benchmark::State& state) {
  std::uint64_t s[25] = {};
  for (auto _ : state) {
    keccak_f1600(s);
    benchmark::DoNotOptimize(s);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_KeccakfPermutation);

void BM_Sha256Run(benchmark::State& state) {
  FlatMemory mem;
  setup(mem, Kind::kSha256);
  for (auto _ : state) benchmark::DoNotOptimize(run(Kind::kSha256, kBlock, mem));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Sha256Run);

template <class F>
void BM_FieldMul(benchmark::State& state) {
  std::mt19937_64 rng(3);
  typename F::Uint u;
  for (auto& v : u) v = rng() >> 8;
  auto a = F::from_uint(u), b = a;
  for (auto _ : state) {
    a = F::mul(a, b);
    benchmark::DoNotOptimize(a);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_FieldMul<Secp256k1Fp>);
BENCHMARK(BM_FieldMul<Bls12381Fp>);

template <class F>
void BM_FieldInv(benchmark::State& state) {
  std::mt19937_64 rng(4);
  typename F::Uint u;
  for (auto& v : u) v = rng() >> 8;
  auto a = F::from_uint(u);
  for (auto _ : state) {
    a = F::add(F::inv(a), F::one());
    benchmark::DoNotOptimize(a);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_FieldInv<Secp256k1Fp>);
BENCHMARK(BM_FieldInv<Bls12381Fp>);

void BM_Fcall(benchmark::State& state) {
  const auto id = static_cast<std::uint32_t>(state.range(0));
  state.SetLabel(fcall_name(id));
  std::mt19937_64 rng(7);
  std::vector<std::uint64_t> params(16);
  for (auto& v : params) v = rng() >> 8;
  if (id == kFcallSecp256k1FpSqrt) params.resize(5);
  for (auto _ : state) {
    auto r = fcall(id, params);
    if (!r.is_ok()) state.SkipWithError(r.status().message().c_str());
    benchmark::DoNotOptimize(r);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Fcall)
    ->Arg(kFcallSecp256k1FpInv)
    ->Arg(kFcallSecp256k1FpSqrt)
    ->Arg(kFcallSecp256k1GlvDecompose)
    ->Arg(kFcallBn254Fp2Inv)
    ->Arg(kFcallBls12381FpInv)
    ->Arg(kFcallBls12381Fp2Sqrt)
    ->Arg(kFcallUint256InvMod);

}  // namespace
}  // namespace ziskc::precompile

BENCHMARK_MAIN();
