// The cubic extension F_p[X]/(X^3 - X - 1) of Goldilocks (ZisK's / pil2-stark's), where
// challenges live. Same value-type API as Fe; X^3 = X + 1.
#pragma once

#include <array>

#include "field/goldilocks.h"

namespace ziskc::field {

class Ext3 {
 public:
  constexpr Ext3() = default;
  constexpr Ext3(Fe c0, Fe c1, Fe c2) : c_{c0, c1, c2} {}
  constexpr explicit Ext3(Fe base) : c_{base, Fe::zero(), Fe::zero()} {}
  static constexpr Ext3 zero() { return Ext3(); }
  static constexpr Ext3 one() { return Ext3(Fe::one()); }

  constexpr Fe operator[](int i) const { return c_[i]; }
  constexpr const std::array<Fe, 3>& coeffs() const { return c_; }
  constexpr bool is_zero() const { return c_[0].is_zero() && c_[1].is_zero() && c_[2].is_zero(); }

  friend constexpr Ext3 operator+(Ext3 a, Ext3 b) {
    return {a.c_[0] + b.c_[0], a.c_[1] + b.c_[1], a.c_[2] + b.c_[2]};
  }
  friend constexpr Ext3 operator-(Ext3 a, Ext3 b) {
    return {a.c_[0] - b.c_[0], a.c_[1] - b.c_[1], a.c_[2] - b.c_[2]};
  }
  friend constexpr Ext3 operator-(Ext3 a) { return {-a.c_[0], -a.c_[1], -a.c_[2]}; }
  friend constexpr Ext3 operator*(Ext3 a, Ext3 b) {
    // Karatsuba-free schoolbook: 9 base multiplications, then reduce with X^3 = X + 1,
    // X^4 = X^2 + X.
    const Fe c0 = a.c_[0] * b.c_[0];
    const Fe c1 = a.c_[0] * b.c_[1] + a.c_[1] * b.c_[0];
    const Fe c2 = a.c_[0] * b.c_[2] + a.c_[1] * b.c_[1] + a.c_[2] * b.c_[0];
    const Fe c3 = a.c_[1] * b.c_[2] + a.c_[2] * b.c_[1];
    const Fe c4 = a.c_[2] * b.c_[2];
    return {c0 + c3, c1 + c3 + c4, c2 + c4};
  }
  friend constexpr Ext3 operator*(Ext3 a, Fe b) { return {a.c_[0] * b, a.c_[1] * b, a.c_[2] * b}; }
  friend constexpr Ext3 operator*(Fe b, Ext3 a) { return a * b; }
  friend constexpr Ext3 operator+(Ext3 a, Fe b) { return {a.c_[0] + b, a.c_[1], a.c_[2]}; }
  friend constexpr Ext3 operator-(Ext3 a, Fe b) { return {a.c_[0] - b, a.c_[1], a.c_[2]}; }
  constexpr Ext3& operator+=(Ext3 b) { return *this = *this + b; }
  constexpr Ext3& operator-=(Ext3 b) { return *this = *this - b; }
  constexpr Ext3& operator*=(Ext3 b) { return *this = *this * b; }
  friend constexpr bool operator==(Ext3 a, Ext3 b) { return a.c_ == b.c_; }

  constexpr Ext3 square() const { return *this * *this; }
  constexpr Ext3 pow(std::uint64_t e) const {
    Ext3 r = one(), b = *this;
    while (e) {
      if (e & 1) r *= b;
      b = b.square();
      e >>= 1;
    }
    return r;
  }
  // Inverse via the norm: a^-1 = a^(p + p^2) / N(a), where N(a) = a^(1 + p + p^2) lies in
  // F_p. The inverse of zero is zero.
  constexpr Ext3 inverse() const {
    const Ext3 ap = frobenius();
    const Ext3 ap2 = ap.frobenius();
    const Ext3 num = ap * ap2;       // a^(p + p^2)
    const Ext3 norm = num * *this;   // a^(1 + p + p^2), in F_p
    return num * norm.c_[0].inverse();
  }
  // a^p: computed by exponentiation (p fits in 64 bits).
  constexpr Ext3 frobenius() const { return pow(Fe::kP); }

 private:
  std::array<Fe, 3> c_{};
};

static_assert(sizeof(Ext3) == 24);

}  // namespace ziskc::field
