// Fixed- and variable-width unsigned multi-precision arithmetic on little-endian 64-bit limbs
// (limb 0 least significant), the number format of every ZisK precompile and hint. This is the
// hot-path arithmetic of the precompiles: no allocation for fixed widths, __int128 products,
// no GMP (GMP is used only by the tests, as the independent reference).
//
// Invariants: Uint<N> is a plain std::array, any bit pattern is a valid value; functions never
// read or write past the widths they are given; divmod requires a non-zero divisor (callers
// check: a zero divisor in guest data is a guest fault, not a bug).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>

namespace ziskc::precompile::mp {

using u64 = std::uint64_t;
using u128 = unsigned __int128;

template <std::size_t N>
using Uint = std::array<u64, N>;

// r = a + b + carry_in; returns the carry out (0 or 1).
inline u64 add_carry(u64 a, u64 b, u64 carry_in, u64& r) {
  const u128 s = static_cast<u128>(a) + b + carry_in;
  r = static_cast<u64>(s);
  return static_cast<u64>(s >> 64);
}

// r = a - b - borrow_in; returns the borrow out (0 or 1).
inline u64 sub_borrow(u64 a, u64 b, u64 borrow_in, u64& r) {
  const u128 d = static_cast<u128>(a) - b - borrow_in;
  r = static_cast<u64>(d);
  return static_cast<u64>(d >> 64) & 1;
}

template <std::size_t N>
u64 add(Uint<N>& r, const Uint<N>& a, const Uint<N>& b) {
  u64 c = 0;
  for (std::size_t i = 0; i < N; ++i) c = add_carry(a[i], b[i], c, r[i]);
  return c;
}

template <std::size_t N>
u64 sub(Uint<N>& r, const Uint<N>& a, const Uint<N>& b) {
  u64 c = 0;
  for (std::size_t i = 0; i < N; ++i) c = sub_borrow(a[i], b[i], c, r[i]);
  return c;
}

// -1, 0, 1 as a <, ==, > b.
template <std::size_t N>
int cmp(const Uint<N>& a, const Uint<N>& b) {
  for (std::size_t i = N; i-- > 0;) {
    if (a[i] != b[i]) return a[i] < b[i] ? -1 : 1;
  }
  return 0;
}

template <std::size_t N>
bool is_zero(const Uint<N>& a) {
  u64 acc = 0;
  for (u64 v : a) acc |= v;
  return acc == 0;
}

// Full product of an N-limb and an M-limb number (schoolbook; N, M are small).
template <std::size_t N, std::size_t M>
Uint<N + M> mul(const Uint<N>& a, const Uint<M>& b) {
  Uint<N + M> r{};
  for (std::size_t i = 0; i < N; ++i) {
    u64 carry = 0;
    for (std::size_t j = 0; j < M; ++j) {
      const u128 t = static_cast<u128>(a[i]) * b[j] + r[i + j] + carry;
      r[i + j] = static_cast<u64>(t);
      carry = static_cast<u64>(t >> 64);
    }
    r[i + M] = carry;
  }
  return r;
}

// Zero-extends or truncates a to M limbs.
template <std::size_t M, std::size_t N>
Uint<M> resize(const Uint<N>& a) {
  Uint<M> r{};
  for (std::size_t i = 0; i < (N < M ? N : M); ++i) r[i] = a[i];
  return r;
}

// Number of significant limbs (0 for zero).
std::size_t significant_limbs(std::span<const u64> a);
// Index of the most significant set bit, or -1 for zero.
int msb_index(std::span<const u64> a);

// Quotient and remainder a = q * b + r, 0 <= r < b (Knuth's algorithm D on 64-bit limbs).
// Requires b != 0, q.size() >= a.size(), r.size() >= b.size(); q and r are zero-filled past
// the significant limbs. a, b, q, r must not overlap.
void divmod(std::span<const u64> a, std::span<const u64> b, std::span<u64> q, std::span<u64> r);

// r = a mod m for a of any width (m != 0, r.size() >= m.size()).
void mod(std::span<const u64> a, std::span<const u64> m, std::span<u64> r);

}  // namespace ziskc::precompile::mp
