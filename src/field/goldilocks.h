// The Goldilocks field p = 2^64 - 2^32 + 1 (scalar). Fe holds a canonical value in [0, p)
// at all times: every operator returns a canonical result, so equality is bitwise.
// The packed AVX2 type lives in field/packed.h; the cubic extension in field/ext3.h.
#pragma once

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
    std::uint64_t s = a.v_ + b.v_;
    // Overflow past 2^64 or >= p: subtract p (adding epsilon mod 2^64 on overflow).
    const bool over = s < a.v_;
    if (over) s += kEpsilon;  // s + 2^64 - p = s + epsilon; cannot overflow again
    else if (s >= kP) s -= kP;
    return Fe(s, Raw{});
  }
  friend constexpr Fe operator-(Fe a, Fe b) {
    std::uint64_t d = a.v_ - b.v_;
    if (a.v_ < b.v_) d += kP;
    return Fe(d, Raw{});
  }
  friend constexpr Fe operator-(Fe a) { return a.v_ == 0 ? a : Fe(kP - a.v_, Raw{}); }
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
  // Multiplicative inverse; inverse of zero is zero (callers check when it matters).
  constexpr Fe inverse() const { return pow(kP - 2); }

  // Reduces a 128-bit product to a canonical element.
  static constexpr Fe reduce128(unsigned __int128 x) {
    const std::uint64_t lo = static_cast<std::uint64_t>(x);
    const std::uint64_t hi = static_cast<std::uint64_t>(x >> 64);
    const std::uint64_t hi_hi = hi >> 32;
    const std::uint64_t hi_lo = hi & kEpsilon;
    // x = lo + hi_lo * 2^64 + hi_hi * 2^96 = lo + hi_lo * eps - hi_hi (mod p).
    std::uint64_t t0 = lo - hi_hi;
    if (lo < hi_hi) t0 -= kEpsilon;  // borrow: add p = subtract eps mod 2^64
    const std::uint64_t t1 = hi_lo * kEpsilon;
    std::uint64_t r = t0 + t1;
    if (r < t0) r += kEpsilon;
    if (r >= kP) r -= kP;
    return Fe(r, Raw{});
  }

  // A primitive 2^log_n-th root of unity (log_n <= 32).
  static constexpr Fe two_adic_root(unsigned log_n) {
    // 7^((p-1)/2^32) is a primitive 2^32-th root of unity.
    Fe r = Fe(kGenerator, Raw{}).pow((kP - 1) >> kTwoAdicity);
    for (unsigned i = log_n; i < kTwoAdicity; ++i) r = r.square();
    return r;
  }

 private:
  struct Raw {};
  constexpr Fe(std::uint64_t v, Raw) : v_(v) {}
  std::uint64_t v_ = 0;
};

static_assert(sizeof(Fe) == 8);

// Inverts every element in place with one field inversion (Montgomery's trick).
// Zero elements stay zero.
void batch_inverse(std::span<Fe> xs);

}  // namespace ziskc::field
