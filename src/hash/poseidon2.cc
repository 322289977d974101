// Scalar Poseidon2 permutation, backend dispatch and the batch API (see poseidon2.h).
//
// Round structure (pil2-stark permute_seq): external matrix; 4 full rounds of
// (add round constants, x^7 on every element, external matrix); 22 partial rounds of
// (state[0] += c, state[0] = state[0]^7, internal matrix); 4 full rounds as before.
#include "hash/poseidon2.h"

#include <atomic>

#include "base/parallel.h"
#include "hash/poseidon2_internal.h"

namespace ziskc::hash {
namespace {

std::atomic<bool> g_force_scalar{false};

inline Fe pow7(Fe x) {
  const Fe x2 = x * x;
  const Fe x3 = x2 * x;
  const Fe x4 = x2 * x2;
  return x3 * x4;
}

// y = M4 x with M4 = [[5,7,1,3],[4,6,1,1],[1,3,5,7],[1,1,4,6]] (Poseidon2 paper, app. B),
// evaluated with the paper's 8-addition chain.
inline void matmul_m4(Fe* x) {
  const Fe t0 = x[0] + x[1];
  const Fe t1 = x[2] + x[3];
  const Fe t2 = x[1] + x[1] + t1;
  const Fe t3 = x[3] + x[3] + t0;
  const Fe t1_2 = t1 + t1;
  const Fe t0_2 = t0 + t0;
  const Fe t4 = t1_2 + t1_2 + t3;
  const Fe t5 = t0_2 + t0_2 + t2;
  x[0] = t3 + t5;
  x[1] = t5;
  x[2] = t2 + t4;
  x[3] = t4;
}

// External matrix circ(2*M4, M4, ..., M4): M4 on each block of 4, then add to every element
// the sum of the same column over all blocks.
template <std::size_t W>
inline void matmul_external(std::array<Fe, W>& s) {
  for (std::size_t i = 0; i < W; i += 4) matmul_m4(&s[i]);
  Fe col[4];
  for (std::size_t c = 0; c < 4; ++c) {
    col[c] = s[c];
    for (std::size_t i = c + 4; i < W; i += 4) col[c] += s[i];
  }
  for (std::size_t i = 0; i < W; ++i) s[i] += col[i % 4];
}

template <std::size_t W>
inline void full_round(std::array<Fe, W>& s, const std::uint64_t* rc) {
  for (std::size_t i = 0; i < W; ++i) s[i] = pow7(s[i] + Fe::from_canonical(rc[i]));
  matmul_external<W>(s);
}

}  // namespace

SimdBackend active_simd_backend() {
  if (g_force_scalar.load(std::memory_order_relaxed)) return SimdBackend::kScalar;
  return detail::cpu_has_avx2() ? SimdBackend::kAvx2 : SimdBackend::kScalar;
}

void force_scalar_backend(bool force) { g_force_scalar.store(force); }

template <std::size_t W>
void Poseidon2<W>::permute(State& s) {
  using T = detail::Poseidon2Tables<W>;
  const std::uint64_t* rc = T::kRc;
  matmul_external<W>(s);
  for (std::size_t r = 0; r < kFullRounds / 2; ++r) full_round<W>(s, rc + r * W);
  const std::uint64_t* prc = rc + (kFullRounds / 2) * W;
  for (std::size_t r = 0; r < kPartialRounds; ++r) {
    s[0] = pow7(s[0] + Fe::from_canonical(prc[r]));
    // sum < W * p < 2^68: accumulate unreduced, reduce once.
    unsigned __int128 acc = 0;
    for (std::size_t i = 0; i < W; ++i) acc += s[i].value();
    const Fe sum = Fe::reduce128(acc);
    // x_i * d_i + sum < p^2 + p < 2^128: one reduction per element.
    for (std::size_t i = 0; i < W; ++i) {
      s[i] = Fe::reduce128(static_cast<unsigned __int128>(s[i].value()) * T::kDiag[i] +
                           sum.value());
    }
  }
  const std::uint64_t* rc2 = prc + kPartialRounds;
  for (std::size_t r = 0; r < kFullRounds / 2; ++r) full_round<W>(s, rc2 + r * W);
}

template <std::size_t W>
void Poseidon2<W>::permute_x4(State* states) {
  if (active_simd_backend() == SimdBackend::kAvx2) {
    detail::permute_x4_avx2<W>(states);
    return;
  }
  for (int k = 0; k < 4; ++k) permute(states[k]);
}

template <std::size_t W>
void Poseidon2<W>::permute_many(std::span<State> states) {
  const std::size_t n = states.size();
  const std::size_t groups = n / 4;
  base::parallel_for_chunks(0, groups, 64, [&](std::size_t lo, std::size_t hi) {
    for (std::size_t g = lo; g < hi; ++g) permute_x4(&states[4 * g]);
  });
  for (std::size_t i = groups * 4; i < n; ++i) permute(states[i]);
}

template struct Poseidon2<8>;
template struct Poseidon2<12>;
template struct Poseidon2<16>;

}  // namespace ziskc::hash
