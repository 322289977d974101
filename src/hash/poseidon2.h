// Poseidon2 permutation over Goldilocks, exactly as ZisK (pil2-stark) uses it: the HorizenLabs
// reference instance with widths 8, 12 and 16, 8 full rounds (4 + 4) and 22 partial rounds,
// S-box x^7, external matrix circ(2*M4, M4, ...) built from the M4 of the Poseidon2 paper, and
// internal matrix 1 + diag(d). Constants: hash/poseidon2_constants.h.
//
// Invariants: every entry point leaves the state canonical (Fe is always canonical) and all
// backends (scalar, AVX2, AVX-512) produce bit-identical results; poseidon2_test checks the
// published vectors and scalar/SIMD agreement.
#pragma once

#include <array>
#include <cstddef>
#include <span>

#include "field/goldilocks.h"

namespace ziskc::hash {

using field::Fe;

// Which permutation code paths exist and are used (decided once at startup from CPUID).
enum class SimdBackend { kScalar, kAvx2, kAvx512 };
SimdBackend active_simd_backend();
// Caps the backend used (benchmarks and tests compare them); kAvx512 means "best available".
// Call it before starting work, not while other threads hash.
void limit_simd_backend(SimdBackend max_backend);
const char* simd_backend_name(SimdBackend b);

template <std::size_t W>
struct Poseidon2 {
  static_assert(W == 8 || W == 12 || W == 16, "Poseidon2 widths are 8, 12 and 16");
  static constexpr std::size_t kWidth = W;
  static constexpr std::size_t kCapacity = 4;
  static constexpr std::size_t kRate = W - kCapacity;
  static constexpr std::size_t kFullRounds = 8;
  static constexpr std::size_t kPartialRounds = 22;
  using State = std::array<Fe, W>;

  // One permutation, scalar code (the reference every other path is tested against).
  static void permute(State& state);

  // Four independent permutations at once (AVX2 when available, else four scalar calls).
  static void permute_x4(State* states);
  // Eight at once (AVX-512: one 8-lane group; AVX2: two interleaved 4-lane groups).
  static void permute_x8(State* states);
  // Sixteen at once (AVX-512: two interleaved 8-lane groups, else two permute_x8). The
  // throughput entry point: batch callers should use it.
  static void permute_x16(State* states);

  // Permutes every state, batching by 16 and spreading across all worker threads
  // (base::parallel_for_chunks).
  static void permute_many(std::span<State> states);
};

extern template struct Poseidon2<8>;
extern template struct Poseidon2<12>;
extern template struct Poseidon2<16>;

}  // namespace ziskc::hash
