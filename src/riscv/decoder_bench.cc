// Benchmarks of the RISC-V front end: decoding a realistic instruction mix (the 32-bit and
// compressed words of the binutils-assembled test vectors, cycled) and parsing a small ELF.
#include <benchmark/benchmark.h>

#include <vector>

#include "riscv/decoder.h"
#include "riscv/elf.h"
#include "riscv/testdata/elf_builder.h"

namespace ziskc::riscv {
namespace {

struct Vector {
  std::uint32_t raw;
  const char* asm_text;
  Opcode op;
  int rd, rs1, rs2;
  long long imm;
  int csr;
  bool aq, rl;
};
struct CompressedPair {
  std::uint16_t c;
  std::uint32_t expansion;
  const char* asm_text;
};
#include "riscv/testdata/decoder_vectors.inc"

std::vector<std::uint32_t> words() {
  std::vector<std::uint32_t> w;
  for (const Vector& v : kVectors) w.push_back(v.raw);
  for (const CompressedPair& p : kCompressed) w.push_back(p.c);
  return w;
}

void BM_Decode(benchmark::State& state) {
  const auto w = words();
  std::size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(decode(w[i]));
    if (++i == w.size()) i = 0;
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Decode);

void BM_DecodeRandomWord(benchmark::State& state) {
  std::uint32_t x = 0x12345678;
  for (auto _ : state) {
    x ^= x << 13, x ^= x >> 17, x ^= x << 5;
    benchmark::DoNotOptimize(decode(x));
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_DecodeRandomWord);

void BM_Disassemble(benchmark::State& state) {
  const auto w = words();
  std::size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(disassemble(decode(w[i]), 0x80000000));
    if (++i == w.size()) i = 0;
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Disassemble);

void BM_ParseElf(benchmark::State& state) {
  auto b = testing::minimal_program();
  b.segments[0].data.assign(static_cast<std::size_t>(state.range(0)), 0x13);
  const auto bytes = b.build();
  for (auto _ : state) benchmark::DoNotOptimize(parse_elf(bytes));
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(bytes.size()));
}
BENCHMARK(BM_ParseElf)->Arg(1 << 10)->Arg(1 << 20);

}  // namespace
}  // namespace ziskc::riscv

BENCHMARK_MAIN();
