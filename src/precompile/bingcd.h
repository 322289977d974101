// Modular inversion by Pornin's optimised binary GCD ("Optimized Binary GCD for Modular
// Inversion", eprint 2020/972, Algorithm 2, variable-time): 31 binary-GCD steps at a time run on
// 64-bit approximations of a and b (their low 31 and top 33 bits), then the accumulated update
// factors are applied to the full values, and to the coefficients u, v with an exact
// Montgomery-style division by 2^31 mod m. Invariants: a = u*x, b = v*x (mod m); b stays odd;
// a reaches 0 and b = gcd = 1 within ceil((2*bits - 1)/31) outer steps.
//
// bingcd_inverse() returns false, leaving `out` alone, if a step would overflow or the loop
// does not finish in the proven bound (never expected); the caller then uses a slow exact
// algorithm, so correctness never rests on the bound.
#pragma once

#include <algorithm>
#include <cstdint>

#include "precompile/mp.h"

namespace ziskc::precompile {
namespace bingcd_detail {

using mp::u64;
inline constexpr u64 kLow31 = (u64{1} << 31) - 1;

template <std::size_t N>
int bit_length(const mp::Uint<N>& a) {
  return mp::msb_index(std::span<const u64>(a)) + 1;
}

// The 33 bits of a starting at bit s.
template <std::size_t N>
u64 bits_at(const mp::Uint<N>& a, unsigned s) {
  const std::size_t limb = s / 64;
  const unsigned off = s % 64;
  u64 v = a[limb] >> off;
  if (off != 0 && limb + 1 < N) v |= a[limb + 1] << (64 - off);
  return v & ((u64{1} << 33) - 1);
}

// t = a*f + b*g as an (N+1)-limb two's complement value.
template <std::size_t N>
void mul_add_signed(const mp::Uint<N>& a, const mp::Uint<N>& b, std::int64_t f, std::int64_t g,
                    u64 (&t)[N + 1]) {
  __int128 acc = 0;
  for (std::size_t i = 0; i < N; ++i) {
    acc += static_cast<__int128>(a[i]) * f + static_cast<__int128>(b[i]) * g;
    t[i] = static_cast<u64>(acc);
    acc >>= 64;  // arithmetic: |acc| < 2^33 here
  }
  t[N] = static_cast<u64>(static_cast<std::int64_t>(acc));
}

template <std::size_t N>
void shift_right_31(u64 (&t)[N + 1]) {
  for (std::size_t i = 0; i < N; ++i) t[i] = (t[i] >> 31) | (t[i + 1] << 33);
  t[N] = static_cast<u64>(static_cast<std::int64_t>(t[N]) >> 31);
}

template <std::size_t N>
void negate(u64 (&t)[N + 1]) {
  u64 carry = 1;
  for (std::size_t i = 0; i <= N; ++i) carry = mp::add_carry(~t[i], 0, carry, t[i]);
}

// out = |(a*f + b*g) / 2^31| (exact division), negative = its sign; false if it needs more than
// N limbs.
template <std::size_t N>
bool update_value(const mp::Uint<N>& a, const mp::Uint<N>& b, std::int64_t f, std::int64_t g,
                  mp::Uint<N>& out, bool& negative) {
  u64 t[N + 1];
  mul_add_signed(a, b, f, g, t);
  shift_right_31<N>(t);
  negative = static_cast<std::int64_t>(t[N]) < 0;
  if (negative) negate<N>(t);
  if (t[N] != 0) return false;
  for (std::size_t i = 0; i < N; ++i) out[i] = t[i];
  return true;
}

// out = (u*f + v*g) / 2^31 mod m for u, v < m; n0 = -m^-1 mod 2^64.
template <std::size_t N>
void update_coefficient(const mp::Uint<N>& u, const mp::Uint<N>& v, std::int64_t f, std::int64_t g,
                        const mp::Uint<N>& m, u64 n0, mp::Uint<N>& out) {
  u64 t[N + 1];
  mul_add_signed(u, v, f, g, t);
  // t + k*m = 0 (mod 2^31) for k = t * (-m^-1) mod 2^31.
  const u64 k = (t[0] * n0) & kLow31;
  u64 carry = 0;
  for (std::size_t i = 0; i < N; ++i) {
    const mp::u128 s = static_cast<mp::u128>(k) * m[i] + t[i] + carry;
    t[i] = static_cast<u64>(s);
    carry = static_cast<u64>(s >> 64);
  }
  t[N] += carry;
  shift_right_31<N>(t);
  // |t| < 3m now: bring it into [0, m).
  while (static_cast<std::int64_t>(t[N]) < 0) {
    u64 c = 0;
    for (std::size_t i = 0; i < N; ++i) c = mp::add_carry(t[i], m[i], c, t[i]);
    t[N] += c;
  }
  for (;;) {
    mp::Uint<N> low;
    for (std::size_t i = 0; i < N; ++i) low[i] = t[i];
    if (t[N] == 0 && mp::cmp(low, m) < 0) break;
    u64 c = 0;
    for (std::size_t i = 0; i < N; ++i) c = mp::sub_borrow(t[i], m[i], c, t[i]);
    t[N] -= c;
  }
  for (std::size_t i = 0; i < N; ++i) out[i] = t[i];
}

}  // namespace bingcd_detail

// out = x^-1 mod m for an odd m with its top limb non-zero and 0 < x < m, gcd(x, m) = 1;
// n0 = -m^-1 mod 2^64. False (out untouched) if the fast path cannot conclude.
template <std::size_t N>
bool bingcd_inverse(const mp::Uint<N>& x, const mp::Uint<N>& m, mp::u64 n0, mp::Uint<N>& out) {
  using namespace bingcd_detail;
  mp::Uint<N> a = x, b = m, u{}, v{};
  u[0] = 1;
  constexpr int kMaxOuter = (2 * 64 * static_cast<int>(N) - 1) / 31 + 1;
  for (int outer = 0; outer < kMaxOuter && !mp::is_zero(a); ++outer) {
    const int n = std::max({bit_length(a), bit_length(b), 64});
    const unsigned s = static_cast<unsigned>(n - 33);
    u64 aa = (a[0] & kLow31) | (bits_at(a, s) << 31);
    u64 bb = (b[0] & kLow31) | (bits_at(b, s) << 31);
    std::int64_t f0 = 1, g0 = 0, f1 = 0, g1 = 1;
    // Branch-free: the decisions depend on the data, and mispredicting them costs more than
    // computing both sides.
    for (int j = 0; j < 31; ++j) {
      const u64 odd = u64{0} - (aa & 1);
      const u64 swap = odd & (u64{0} - static_cast<u64>(aa < bb));
      const u64 dab = (aa ^ bb) & swap;
      aa ^= dab;
      bb ^= dab;
      const std::int64_t sw = static_cast<std::int64_t>(swap);
      const std::int64_t df = (f0 ^ f1) & sw, dg = (g0 ^ g1) & sw;
      f0 ^= df;
      f1 ^= df;
      g0 ^= dg;
      g1 ^= dg;
      const std::int64_t od = static_cast<std::int64_t>(odd);
      aa -= bb & odd;
      f0 -= f1 & od;
      g0 -= g1 & od;
      aa >>= 1;
      f1 *= 2;
      g1 *= 2;
    }
    mp::Uint<N> a2, b2;
    bool a_neg, b_neg;
    if (!update_value(a, b, f0, g0, a2, a_neg) || !update_value(a, b, f1, g1, b2, b_neg)) {
      return false;
    }
    if (a_neg) f0 = -f0, g0 = -g0;
    if (b_neg) f1 = -f1, g1 = -g1;
    mp::Uint<N> u2, v2;
    update_coefficient(u, v, f0, g0, m, n0, u2);
    update_coefficient(u, v, f1, g1, m, n0, v2);
    a = a2;
    b = b2;
    u = u2;
    v = v2;
  }
  mp::Uint<N> one{};
  one[0] = 1;
  if (!mp::is_zero(a) || b != one) return false;
  out = v;
  return true;
}

}  // namespace ziskc::precompile
