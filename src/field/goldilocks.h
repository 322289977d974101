// The Goldilocks field p = 2^64 - 2^32 + 1 (scalar). Fe holds a canonical value in [0, p)
// at all times: every operator returns a canonical result, so equality is bitwise. The lazy
// form for long sums of products is FeAccumulator (an unreduced 192-bit integer).
//
// Reduction: 2^64 = 2^32 - 1 = epsilon (mod p) and 2^96 = -1 (mod p), so a 128-bit value
// lo + 2^64 * (h0 + 2^32 * h1) is lo + h0 * epsilon - h1 (mod p). The operators are
// branch-free (carry flags and masks): NTT and hash inputs are random, and data-dependent
// branches mispredict half the time.
//
// The packed SIMD types live in field/packed_*.h (chosen at run time, field/simd.h); the cubic
// extension in field/ext3.h.
#pragma once

#include <array>
#include <cstdint>
#include <span>

namespace ziskc::field {

class Fe {
 public:
  static constexpr std::uint64_t kP = 0xFFFFFFFF00000001ull;
  // 2^32 - 1 = 2^64 mod p.
  static constexpr std::uint64_t kEpsilon = 0xFFFFFFFFull;
  static constexpr unsigned kTwoAdicity = 32;
  // A generator of the multiplicative group (as in Plonky2/pil2-stark).
  static constexpr std::uint64_t kGenerator = 7;

  constexpr Fe() = default;
  // Reduces any u64 (values >= p wrap once).
  static constexpr Fe from_u64(std::uint64_t v) { return Fe(v >= kP ? v - kP : v, Raw{}); }
  static constexpr Fe from_i64(std::int64_t v) {
    return v >= 0 ? from_u64(static_cast<std::uint64_t>(v))
                  : -from_u64(static_cast<std::uint64_t>(-(v + 1)) + 1);
  }
  // Caller guarantees v < p.
  static constexpr Fe from_canonical(std::uint64_t v) { return Fe(v, Raw{}); }
  static constexpr Fe zero() { return Fe(); }
  static constexpr Fe one() { return Fe(1, Raw{}); }

  constexpr std::uint64_t value() const { return v_; }
  constexpr bool is_zero() const { return v_ == 0; }

  friend constexpr Fe operator+(Fe a, Fe b) {
    std::uint64_t s = 0;
    // On overflow past 2^64, a + b - p = s + epsilon (< p, cannot overflow again).
    const bool over = __builtin_add_overflow(a.v_, b.v_, &s);
    s += kEpsilon & (0 - static_cast<std::uint64_t>(over));
    return Fe(s >= kP ? s - kP : s, Raw{});
  }
  friend constexpr Fe operator-(Fe a, Fe b) {
    std::uint64_t d = 0;
    // On borrow, a - b + p = d - epsilon (mod 2^64).
    const bool borrow = __builtin_sub_overflow(a.v_, b.v_, &d);
    return Fe(d - (kEpsilon & (0 - static_cast<std::uint64_t>(borrow))), Raw{});
  }
  friend constexpr Fe operator-(Fe a) { return Fe() - a; }
  friend constexpr Fe operator*(Fe a, Fe b) {
    return reduce128(static_cast<unsigned __int128>(a.v_) * b.v_);
  }
  constexpr Fe& operator+=(Fe b) { return *this = *this + b; }
  constexpr Fe& operator-=(Fe b) { return *this = *this - b; }
  constexpr Fe& operator*=(Fe b) { return *this = *this * b; }
  friend constexpr bool operator==(Fe a, Fe b) { return a.v_ == b.v_; }

  constexpr Fe square() const { return *this * *this; }
  constexpr Fe pow(std::uint64_t e) const {
    Fe r = one(), b = *this;
    while (e) {
      if (e & 1) r *= b;
      b = b.square();
      e >>= 1;
    }
    return r;
  }
  // Multiplicative inverse x^(p-2); the inverse of zero is zero (callers check when it
  // matters). Addition chain of 64 squarings and 10 multiplications:
  // p - 2 = (2^31 - 1) * 2^33 + (2^32 - 1).
  constexpr Fe inverse() const {
    const Fe e1 = *this;
    const Fe e2 = e1.square() * e1;    // x^(2^2 - 1)
    const Fe e4 = e2.sqn(2) * e2;      // x^(2^4 - 1)
    const Fe e8 = e4.sqn(4) * e4;      // x^(2^8 - 1)
    const Fe e16 = e8.sqn(8) * e8;     // x^(2^16 - 1)
    const Fe e24 = e16.sqn(8) * e8;    // x^(2^24 - 1)
    const Fe e28 = e24.sqn(4) * e4;    // x^(2^28 - 1)
    const Fe e30 = e28.sqn(2) * e2;    // x^(2^30 - 1)
    const Fe e31 = e30.square() * e1;  // x^(2^31 - 1)
    const Fe e32 = e31.square() * e1;  // x^(2^32 - 1)
    return e31.sqn(33) * e32;
  }

  // Reduces any 128-bit value to a canonical element.
  static constexpr Fe reduce128(unsigned __int128 x) {
    const std::uint64_t lo = static_cast<std::uint64_t>(x);
    const std::uint64_t hi = static_cast<std::uint64_t>(x >> 64);
    std::uint64_t t0 = 0;
    // x = lo + (hi mod 2^32) * epsilon - (hi >> 32)  (mod p). On borrow add p, i.e.
    // subtract epsilon mod 2^64 (t0 >= 2^64 - 2^32 + 1 then, so this cannot wrap).
    const bool borrow = __builtin_sub_overflow(lo, hi >> 32, &t0);
    t0 -= kEpsilon & (0 - static_cast<std::uint64_t>(borrow));
    const std::uint64_t t1 = (hi & kEpsilon) * kEpsilon;
    std::uint64_t r = 0;
    // On carry, r + 2^64 = r + epsilon (mod p); r < t1 <= 2^64 - 2^33 + 1 then, no wrap.
    const bool carry = __builtin_add_overflow(t0, t1, &r);
    r += kEpsilon & (0 - static_cast<std::uint64_t>(carry));
    return Fe(r >= kP ? r - kP : r, Raw{});
  }

  // A primitive 2^log_n-th root of unity (log_n <= 32): 7^((p - 1) / 2^32) squared
  // 32 - log_n times, so two_adic_root(k)^2 = two_adic_root(k - 1).
  static constexpr Fe two_adic_root(unsigned log_n) { return kTwoAdicRoots[log_n]; }

 private:
  struct Raw {};
  constexpr Fe(std::uint64_t v, Raw) : v_(v) {}
  constexpr Fe sqn(unsigned n) const {
    Fe r = *this;
    for (unsigned i = 0; i < n; ++i) r = r.square();
    return r;
  }
  static constexpr std::array<Fe, kTwoAdicity + 1> make_two_adic_roots();
  static const std::array<Fe, kTwoAdicity + 1> kTwoAdicRoots;

  std::uint64_t v_ = 0;
};

static_assert(sizeof(Fe) == 8);

constexpr std::array<Fe, Fe::kTwoAdicity + 1> Fe::make_two_adic_roots() {
  std::array<Fe, kTwoAdicity + 1> r{};
  r[kTwoAdicity] = Fe(kGenerator, Raw{}).pow((kP - 1) >> kTwoAdicity);
  for (unsigned k = kTwoAdicity; k-- > 0;) r[k] = r[k + 1].square();
  return r;
}
inline constexpr std::array<Fe, Fe::kTwoAdicity + 1> Fe::kTwoAdicRoots = make_two_adic_roots();

// Inverts every element in place with one field inversion (Montgomery's trick).
// Zero elements stay zero.
void batch_inverse(std::span<Fe> xs);

// The lazy form: an unreduced sum of field elements and products of field elements, kept as a
// 192-bit integer and reduced once. Holds up to 2^64 terms.
class FeAccumulator {
 public:
  constexpr void add(Fe a) { add_wide(a.value()); }
  constexpr void add_product(Fe a, Fe b) {
    add_wide(static_cast<unsigned __int128>(a.value()) * b.value());
  }
  // The canonical value of the sum: 2^128 = -2^32 (mod p). hi * 2^32 is already canonical
  // when hi < 2^32 (at most 2^64 - 2^32 = p - 1), the usual case.
  constexpr Fe reduce() const {
    const Fe top = hi_ < (std::uint64_t{1} << 32)
                       ? Fe::from_canonical(hi_ << 32)
                       : Fe::reduce128(static_cast<unsigned __int128>(hi_) << 32);
    return Fe::reduce128(lo_) - top;
  }

 private:
  constexpr void add_wide(unsigned __int128 x) {
    lo_ += x;
    hi_ += lo_ < x;
  }
  unsigned __int128 lo_ = 0;
  std::uint64_t hi_ = 0;
};

}  // namespace ziskc::field
