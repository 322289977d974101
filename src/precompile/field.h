// Prime fields of 256 and 384 bits in Montgomery form (R = 2^(64N)), for the curve, complex and
// hint operations of the precompiles: secp256k1 p and n, secp256r1 p and n, BN254 p and
// BLS12-381 p. One template, instantiated per modulus with constants computed at compile time.
//
// Invariants: an Elem always holds a canonical Montgomery residue (< p); from_uint() accepts any
// N-limb value (non-canonical guest inputs are reduced mod p, as ZisK's lib-c does) and
// to_uint() returns the canonical representative. inv(0) returns 0; callers that must reject a
// zero divisor check is_zero() first.
#pragma once

#include <cstddef>

#include "precompile/bingcd.h"
#include "precompile/mp.h"

namespace ziskc::precompile {

template <std::size_t N>
struct MontConstants {
  mp::Uint<N> p;
  mp::u64 n0;      // -p^-1 mod 2^64
  mp::Uint<N> r1;  // R mod p
  mp::Uint<N> r2;  // R^2 mod p
  mp::Uint<N> r3;  // R^3 mod p
};

namespace detail {

template <std::size_t N>
constexpr mp::Uint<N> double_mod(const mp::Uint<N>& a, const mp::Uint<N>& p) {
  mp::Uint<N> r{};
  mp::u64 carry = 0;
  for (std::size_t i = 0; i < N; ++i) {
    const mp::u64 v = a[i];
    r[i] = (v << 1) | carry;
    carry = v >> 63;
  }
  bool ge = carry != 0;
  if (!ge) {
    ge = true;
    for (std::size_t i = N; i-- > 0;) {
      if (r[i] != p[i]) {
        ge = r[i] > p[i];
        break;
      }
    }
  }
  if (ge) {
    mp::u64 borrow = 0;
    for (std::size_t i = 0; i < N; ++i) {
      const mp::u128 d = static_cast<mp::u128>(r[i]) - p[i] - borrow;
      r[i] = static_cast<mp::u64>(d);
      borrow = static_cast<mp::u64>(d >> 64) & 1;
    }
  }
  return r;
}

// 2^k mod p by repeated doubling of 1 (compile time only; p odd, p > 2^(64N-64)).
template <std::size_t N>
constexpr mp::Uint<N> pow2_mod(std::size_t k, const mp::Uint<N>& p) {
  mp::Uint<N> r{};
  r[0] = 1;
  for (std::size_t i = 0; i < k; ++i) r = double_mod(r, p);
  return r;
}

template <std::size_t N>
constexpr MontConstants<N> make_mont_constants(const mp::Uint<N>& p) {
  MontConstants<N> c{};
  c.p = p;
  // Newton iteration for p^-1 mod 2^64 (p odd): each step doubles the correct low bits.
  mp::u64 inv = 1;
  for (int i = 0; i < 7; ++i) inv *= 2 - p[0] * inv;
  c.n0 = ~inv + 1;
  c.r1 = pow2_mod(64 * N, p);
  c.r2 = pow2_mod(128 * N, p);
  c.r3 = pow2_mod(192 * N, p);
  return c;
}

}  // namespace detail

// Tag provides `static constexpr std::size_t kLimbs` and `static constexpr mp::Uint<kLimbs> kP`
// (an odd prime with its top limb non-zero).
template <class Tag>
class MontField {
 public:
  static constexpr std::size_t N = Tag::kLimbs;
  using Uint = mp::Uint<N>;
  static constexpr MontConstants<N> kC = detail::make_mont_constants<N>(Tag::kP);

  struct Elem {
    Uint v;
    friend bool operator==(const Elem& a, const Elem& b) { return a.v == b.v; }
  };

  static Elem zero() { return Elem{}; }
  static Elem one() { return Elem{kC.r1}; }
  static const Uint& modulus() { return kC.p; }

  // Any N-limb value, reduced mod p (mont_mul(a, R^2) < p for every a < 2^(64N)).
  static Elem from_uint(const Uint& a) { return Elem{mont_mul(a, kC.r2)}; }
  static Elem from_limbs(const mp::u64* a) {
    Uint u;
    for (std::size_t i = 0; i < N; ++i) u[i] = a[i];
    return from_uint(u);
  }
  static Elem from_u64(mp::u64 a) {
    Uint u{};
    u[0] = a;
    return from_uint(u);
  }
  static Uint to_uint(const Elem& a) {
    Uint one{};
    one[0] = 1;
    return mont_mul(a.v, one);
  }
  static void to_limbs(const Elem& a, mp::u64* out) {
    const Uint u = to_uint(a);
    for (std::size_t i = 0; i < N; ++i) out[i] = u[i];
  }

  static bool is_zero(const Elem& a) { return mp::is_zero(a.v); }

  static Elem add(const Elem& a, const Elem& b) {
    Elem r;
    const mp::u64 carry = mp::add(r.v, a.v, b.v);
    if (carry || mp::cmp(r.v, kC.p) >= 0) mp::sub(r.v, r.v, kC.p);
    return r;
  }
  static Elem sub(const Elem& a, const Elem& b) {
    Elem r;
    if (mp::sub(r.v, a.v, b.v)) mp::add(r.v, r.v, kC.p);
    return r;
  }
  static Elem neg(const Elem& a) { return sub(zero(), a); }
  static Elem dbl(const Elem& a) { return add(a, a); }
  static Elem mul(const Elem& a, const Elem& b) { return Elem{mont_mul(a.v, b.v)}; }
  static Elem sqr(const Elem& a) { return Elem{mont_mul(a.v, a.v)}; }
  // a * k for a small constant k.
  static Elem mul_small(const Elem& a, mp::u64 k) { return mul(a, from_u64(k)); }

  // a^e for an exponent given as plain limbs (square and multiply, most significant bit first).
  template <std::size_t M>
  static Elem pow(const Elem& a, const mp::Uint<M>& e) {
    Elem r = one();
    const int top = mp::msb_index(std::span<const mp::u64>(e));
    for (int i = top; i >= 0; --i) {
      r = sqr(r);
      if ((e[static_cast<std::size_t>(i) / 64] >> (i % 64)) & 1) r = mul(r, a);
    }
    return r;
  }

  // a^-1 for a != 0 (binary extended Euclid on the Montgomery representative, then a
  // multiplication by R^3 restores the Montgomery factor).
  static Elem inv(const Elem& a) {
    if (is_zero(a)) return zero();  // callers report the zero case; never loop on it
    return Elem{mont_mul(plain_inverse(a.v), kC.r3)};
  }

  // Montgomery product a * b * R^-1 mod p (CIOS). Requires a < 2^(64N), b < p; returns < p.
  static Uint mont_mul(const Uint& a, const Uint& b) {
    mp::u64 t[N + 2] = {};
    for (std::size_t i = 0; i < N; ++i) {
      mp::u64 c = 0;
      for (std::size_t j = 0; j < N; ++j) {
        const mp::u128 s = static_cast<mp::u128>(a[j]) * b[i] + t[j] + c;
        t[j] = static_cast<mp::u64>(s);
        c = static_cast<mp::u64>(s >> 64);
      }
      mp::u128 s = static_cast<mp::u128>(t[N]) + c;
      t[N] = static_cast<mp::u64>(s);
      t[N + 1] = static_cast<mp::u64>(s >> 64);
      const mp::u64 m = t[0] * kC.n0;
      s = static_cast<mp::u128>(m) * kC.p[0] + t[0];
      c = static_cast<mp::u64>(s >> 64);
      for (std::size_t j = 1; j < N; ++j) {
        s = static_cast<mp::u128>(m) * kC.p[j] + t[j] + c;
        t[j - 1] = static_cast<mp::u64>(s);
        c = static_cast<mp::u64>(s >> 64);
      }
      s = static_cast<mp::u128>(t[N]) + c;
      t[N - 1] = static_cast<mp::u64>(s);
      t[N] = t[N + 1] + static_cast<mp::u64>(s >> 64);
    }
    Uint r;
    for (std::size_t i = 0; i < N; ++i) r[i] = t[i];
    if (t[N] != 0 || mp::cmp(r, kC.p) >= 0) mp::sub(r, r, kC.p);
    return r;
  }

 private:
  static void halve_mod(Uint& x) {
    // x / 2 mod p: add p first when x is odd (the carry becomes the new top bit).
    mp::u64 carry = 0;
    if (x[0] & 1) carry = mp::add(x, x, kC.p);
    for (std::size_t i = 0; i + 1 < N; ++i) x[i] = (x[i] >> 1) | (x[i + 1] << 63);
    x[N - 1] = (x[N - 1] >> 1) | (carry << 63);
  }
  static void shr1(Uint& x) {
    for (std::size_t i = 0; i + 1 < N; ++i) x[i] = (x[i] >> 1) | (x[i + 1] << 63);
    x[N - 1] >>= 1;
  }
  static bool is_one(const Uint& x) {
    mp::u64 acc = x[0] ^ 1;
    for (std::size_t i = 1; i < N; ++i) acc |= x[i];
    return acc == 0;
  }
  static void sub_mod(Uint& x, const Uint& y) {
    if (mp::sub(x, x, y)) mp::add(x, x, kC.p);
  }
  // Plain inverse of 0 < a < p: the optimised binary GCD, or (if it ever cannot conclude) the
  // bit-by-bit binary extended Euclid (Guide to ECC, Algorithm 2.22).
  static Uint plain_inverse(const Uint& a) {
    Uint fast;
    if (bingcd_inverse(a, kC.p, kC.n0, fast)) return fast;
    return slow_inverse(a);
  }

 public:
  // The slow exact path, public for the tests that compare both.
  static Uint slow_inverse(const Uint& a) {
    Uint u = a, v = kC.p, x1{}, x2{};
    x1[0] = 1;
    while (!is_one(u) && !is_one(v)) {
      while ((u[0] & 1) == 0) {
        shr1(u);
        halve_mod(x1);
      }
      while ((v[0] & 1) == 0) {
        shr1(v);
        halve_mod(x2);
      }
      if (mp::cmp(u, v) >= 0) {
        mp::sub(u, u, v);
        sub_mod(x1, x2);
      } else {
        mp::sub(v, v, u);
        sub_mod(x2, x1);
      }
    }
    return is_one(u) ? x1 : x2;
  }
};

}  // namespace ziskc::precompile
