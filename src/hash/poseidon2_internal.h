// Internal to hash/: per-width constant tables and the SIMD kernels behind Poseidon2<W>.
// Not part of the public API; include hash/poseidon2.h instead.
#pragma once

#include <array>
#include <atomic>
#include <cstddef>
#include <cstdint>

#include "base/parallel.h"
#include "field/goldilocks.h"
#include "hash/poseidon2_constants.h"
#include "hash/sponge.h"

namespace ziskc::hash::detail {

// Calls fn(b) for every block b in [0, num_blocks) on all worker threads, handing blocks out
// one at a time from a shared counter: on a shared machine a thread that gets less CPU simply
// takes fewer blocks instead of holding up the others (base::parallel_for_chunks splits
// statically). Blocks should be coarse (tens of microseconds).
template <class Fn>
void parallel_blocks(std::size_t num_blocks, Fn&& fn) {
  const auto threads = static_cast<std::size_t>(base::num_threads());
  if (num_blocks <= 1 || threads <= 1) {
    for (std::size_t b = 0; b < num_blocks; ++b) fn(b);
    return;
  }
  std::atomic<std::size_t> next{0};
  base::parallel_for_chunks(
      0, threads < num_blocks ? threads : num_blocks, 1, [&](std::size_t, std::size_t) {
        for (std::size_t b = next.fetch_add(1, std::memory_order_relaxed); b < num_blocks;
             b = next.fetch_add(1, std::memory_order_relaxed)) {
          fn(b);
        }
      });
}

template <std::size_t W>
struct Poseidon2Tables;
template <>
struct Poseidon2Tables<8> {
  static constexpr const std::uint64_t* kRc = poseidon2_constants::kRoundConstants8;
  static constexpr const std::uint64_t* kDiag = poseidon2_constants::kInternalDiag8;
};
template <>
struct Poseidon2Tables<12> {
  static constexpr const std::uint64_t* kRc = poseidon2_constants::kRoundConstants12;
  static constexpr const std::uint64_t* kDiag = poseidon2_constants::kInternalDiag12;
};
template <>
struct Poseidon2Tables<16> {
  static constexpr const std::uint64_t* kRc = poseidon2_constants::kRoundConstants16;
  static constexpr const std::uint64_t* kDiag = poseidon2_constants::kInternalDiag16;
};

// Row hashing kernels (sponge.h's linear hash, rows of len > 4 elements): K rows, digests in
// row order, the state kept in registers across blocks and rows read with gathers. AVX-512:
// K = 8 or 16; AVX2: 8 rows as two interleaved groups of four.
template <std::size_t W, std::size_t K>
void hash_rows_avx512(const field::Fe* const* rows, std::size_t len, Digest* out);
template <std::size_t W>
void hash_rows_x8_avx2(const field::Fe* const* rows, std::size_t len, Digest* out);

// True when the CPU supports AVX2 / AVX-512 F+DQ+VL+BW (the kernels below may only be
// called then).
bool cpu_has_avx2();
bool cpu_has_avx512();

// Four permutations in AVX2 registers (one state per 64-bit lane), defined in
// poseidon2_avx2.cc. Results are canonical and equal to the scalar path.
template <std::size_t W>
void permute_x4_avx2(std::array<field::Fe, W>* states);
// Eight: two groups of four interleaved (hides multiplication latency).
template <std::size_t W>
void permute_x8_avx2(std::array<field::Fe, W>* states);

// Eight permutations in AVX-512 registers, defined in poseidon2_avx512.cc.
template <std::size_t W>
void permute_x8_avx512(std::array<field::Fe, W>* states);
// Sixteen: two groups of eight interleaved.
template <std::size_t W>
void permute_x16_avx512(std::array<field::Fe, W>* states);

// Test hooks for the lane arithmetic (edge cases that random permutation inputs almost never
// reach, e.g. borrows in the 128-bit reduction): for each lane k, out_mul = a*b,
// out_add = a+b, out_mul_add = a*b + c (canonical inputs, canonical outputs), plus
// out_pow7 = a^7. Scalar: 1 lane; AVX2: 4 lanes; AVX-512: 8 lanes.
struct LaneOps {
  std::uint64_t mul, add, mul_add, pow7;
};
void scalar_lane_ops_for_testing(const std::uint64_t* a, const std::uint64_t* b,
                                 const std::uint64_t* c, LaneOps* out);  // 1 lane
void avx2_lane_ops_for_testing(const std::uint64_t* a, const std::uint64_t* b,
                               const std::uint64_t* c, LaneOps* out);
void avx512_lane_ops_for_testing(const std::uint64_t* a, const std::uint64_t* b,
                                 const std::uint64_t* c, LaneOps* out);

// The kernels' non-canonical steps (poseidon2_kernel.inc), for any u64 a and c and b < p,
// lane-wise: mul_add = a * b + (a + 2c + b) through the exact 128-bit sum and the lazy
// multiply-add, pow7 = a^7 with a lazy last reduction, add_const = a + b[0],
// fold = (a >> 25) 2^32 + (c >> 25) (the lazy external matrix's last step, inputs < 2^39);
// these are in [0, 2^64) and only equal mod p to the exact values (the test reduces them);
// canonical = a mod p exactly.
struct LazyLaneOps {
  std::uint64_t mul_add, pow7, add_const, fold, canonical;
};
void avx2_lazy_ops_for_testing(const std::uint64_t* a, const std::uint64_t* b,
                               const std::uint64_t* c, LazyLaneOps* out);
void avx512_lazy_ops_for_testing(const std::uint64_t* a, const std::uint64_t* b,
                                 const std::uint64_t* c, LazyLaneOps* out);

}  // namespace ziskc::hash::detail
