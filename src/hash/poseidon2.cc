// Scalar Poseidon2 permutation, backend dispatch and the batch API (see poseidon2.h).
//
// Round structure (pil2-stark permute_seq): external matrix; 4 full rounds of
// (add round constants, x^7 on every element, external matrix); 22 partial rounds of
// (state[0] += c, state[0] = state[0]^7, internal matrix); 4 full rounds as before.
#include "hash/poseidon2.h"

#include <algorithm>
#include <atomic>

#include "base/parallel.h"
#include "hash/poseidon2_internal.h"

namespace ziskc::hash {
namespace {

std::atomic<SimdBackend> g_max_backend{SimdBackend::kAvx512};

constexpr std::uint64_t kP = Fe::kP;
constexpr std::uint64_t kEps = Fe::kEpsilon;

// Scalar arithmetic on canonical u64 values, written with add/sub-overflow builtins and
// selects so the compiler emits carry flags and cmov instead of data-dependent branches
// (the branchy Fe operators mispredict constantly on random data).
inline std::uint64_t add(std::uint64_t a, std::uint64_t b) {
  std::uint64_t s;
  // On overflow a + b - p = s + eps, which is already < p. Masks, not ?:, so GCC emits sbb.
  const bool over = __builtin_add_overflow(a, b, &s);
  s += kEps & (0 - static_cast<std::uint64_t>(over));
  return s >= kP ? s - kP : s;
}

inline std::uint64_t reduce128(unsigned __int128 x) {
  const std::uint64_t lo = static_cast<std::uint64_t>(x);
  const std::uint64_t hi = static_cast<std::uint64_t>(x >> 64);
  std::uint64_t t0;
  // x = lo + (hi mod 2^32) * eps - (hi >> 32)  (mod p)
  const bool borrow = __builtin_sub_overflow(lo, hi >> 32, &t0);
  t0 -= kEps & (0 - static_cast<std::uint64_t>(borrow));
  const std::uint64_t t1 = (hi & kEps) * kEps;
  std::uint64_t r;
  const bool carry = __builtin_add_overflow(t0, t1, &r);
  r += kEps & (0 - static_cast<std::uint64_t>(carry));
  return r >= kP ? r - kP : r;
}

inline std::uint64_t mul(std::uint64_t a, std::uint64_t b) {
  return reduce128(static_cast<unsigned __int128>(a) * b);
}

inline std::uint64_t pow7(std::uint64_t x) {
  const std::uint64_t x2 = mul(x, x);
  const std::uint64_t x3 = mul(x2, x);
  const std::uint64_t x4 = mul(x2, x2);
  return mul(x3, x4);
}

// y = M4 x with M4 = [[5,7,1,3],[4,6,1,1],[1,3,5,7],[1,1,4,6]] (Poseidon2 paper, app. B),
// evaluated with the paper's 8-addition chain.
inline void matmul_m4(std::uint64_t* x) {
  const std::uint64_t t0 = add(x[0], x[1]);
  const std::uint64_t t1 = add(x[2], x[3]);
  const std::uint64_t t2 = add(add(x[1], x[1]), t1);
  const std::uint64_t t3 = add(add(x[3], x[3]), t0);
  const std::uint64_t t1_2 = add(t1, t1);
  const std::uint64_t t0_2 = add(t0, t0);
  const std::uint64_t t4 = add(add(t1_2, t1_2), t3);
  const std::uint64_t t5 = add(add(t0_2, t0_2), t2);
  x[0] = add(t3, t5);
  x[1] = t5;
  x[2] = add(t2, t4);
  x[3] = t4;
}

// External matrix circ(2*M4, M4, ..., M4): M4 on each block of 4, then add to every element
// the sum of the same column over all blocks.
template <std::size_t W>
inline void matmul_external(std::uint64_t* s) {
  for (std::size_t i = 0; i < W; i += 4) matmul_m4(&s[i]);
  std::uint64_t col[4];
  for (std::size_t c = 0; c < 4; ++c) {
    col[c] = s[c];
    for (std::size_t i = c + 4; i < W; i += 4) col[c] = add(col[c], s[i]);
  }
  for (std::size_t i = 0; i < W; ++i) s[i] = add(s[i], col[i % 4]);
}

template <std::size_t W>
inline void full_round(std::uint64_t* s, const std::uint64_t* rc) {
  for (std::size_t i = 0; i < W; ++i) s[i] = pow7(add(s[i], rc[i]));
  matmul_external<W>(s);
}

}  // namespace

void detail::scalar_lane_ops_for_testing(const std::uint64_t* a, const std::uint64_t* b,
                                         const std::uint64_t* c, detail::LaneOps* out) {
  out->mul = mul(*a, *b);
  out->add = add(*a, *b);
  out->mul_add = reduce128(static_cast<unsigned __int128>(*a) * *b + *c);
  out->pow7 = pow7(*a);
}

SimdBackend active_simd_backend() {
  const SimdBackend cap = g_max_backend.load(std::memory_order_relaxed);
  if (cap == SimdBackend::kAvx512 && detail::cpu_has_avx512()) return SimdBackend::kAvx512;
  if (cap != SimdBackend::kScalar && detail::cpu_has_avx2()) return SimdBackend::kAvx2;
  return SimdBackend::kScalar;
}

void limit_simd_backend(SimdBackend max_backend) { g_max_backend.store(max_backend); }

const char* simd_backend_name(SimdBackend b) {
  switch (b) {
    case SimdBackend::kScalar:
      return "scalar";
    case SimdBackend::kAvx2:
      return "avx2";
    case SimdBackend::kAvx512:
      return "avx512";
  }
  return "?";
}

template <std::size_t W>
void Poseidon2<W>::permute(State& state) {
  using T = detail::Poseidon2Tables<W>;
  std::uint64_t s[W];
  for (std::size_t i = 0; i < W; ++i) s[i] = state[i].value();
  const std::uint64_t* rc = T::kRc;
  matmul_external<W>(s);
  for (std::size_t r = 0; r < kFullRounds / 2; ++r) full_round<W>(s, rc + r * W);
  const std::uint64_t* prc = rc + (kFullRounds / 2) * W;
  for (std::size_t r = 0; r < kPartialRounds; ++r) {
    s[0] = pow7(add(s[0], prc[r]));
    // sum < W * p < 2^68: accumulate unreduced, reduce once.
    unsigned __int128 acc = 0;
    for (std::size_t i = 0; i < W; ++i) acc += s[i];
    const std::uint64_t sum = reduce128(acc);
    // x_i * d_i + sum < p^2 + p < 2^128: one reduction per element.
    for (std::size_t i = 0; i < W; ++i) {
      s[i] = reduce128(static_cast<unsigned __int128>(s[i]) * T::kDiag[i] + sum);
    }
  }
  const std::uint64_t* rc2 = prc + kPartialRounds;
  for (std::size_t r = 0; r < kFullRounds / 2; ++r) full_round<W>(s, rc2 + r * W);
  for (std::size_t i = 0; i < W; ++i) state[i] = Fe::from_canonical(s[i]);
}

template <std::size_t W>
void Poseidon2<W>::permute_x4(State* states) {
  if (active_simd_backend() != SimdBackend::kScalar) {
    detail::permute_x4_avx2<W>(states);
    return;
  }
  for (int k = 0; k < 4; ++k) permute(states[k]);
}

template <std::size_t W>
void Poseidon2<W>::permute_x8(State* states) {
  switch (active_simd_backend()) {
    case SimdBackend::kAvx512:
      detail::permute_x8_avx512<W>(states);
      return;
    case SimdBackend::kAvx2:
      detail::permute_x8_avx2<W>(states);
      return;
    case SimdBackend::kScalar:
      break;
  }
  for (int k = 0; k < 8; ++k) permute(states[k]);
}

template <std::size_t W>
void Poseidon2<W>::permute_x16(State* states) {
  if (active_simd_backend() == SimdBackend::kAvx512) {
    detail::permute_x16_avx512<W>(states);
    return;
  }
  permute_x8(states);
  permute_x8(states + 8);
}

template <std::size_t W>
void Poseidon2<W>::permute_many(std::span<State> states) {
  const std::size_t n = states.size();
  const std::size_t groups = n / 16;
  constexpr std::size_t kGroupsPerBlock = 32;  // 512 states per block handed to a thread
  detail::parallel_blocks((groups + kGroupsPerBlock - 1) / kGroupsPerBlock, [&](std::size_t b) {
    const std::size_t end = std::min(groups, (b + 1) * kGroupsPerBlock);
    for (std::size_t g = b * kGroupsPerBlock; g < end; ++g) permute_x16(&states[16 * g]);
  });
  std::size_t i = groups * 16;
  if (n - i >= 8) {
    permute_x8(&states[i]);
    i += 8;
  }
  for (; i < n; ++i) permute(states[i]);
}

template struct Poseidon2<8>;
template struct Poseidon2<12>;
template struct Poseidon2<16>;

}  // namespace ziskc::hash
