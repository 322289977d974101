// The cubic extension F_p[X]/(X^3 - X - 1) of Goldilocks (ZisK's / pil2-stark's), where
// challenges live. Same value-type API as Fe; X^3 = X + 1. Elements are c0 + c1 X + c2 X^2
// with canonical coefficients, so equality is bitwise.
//
// Multiplication sums the nine coefficient products of each output coefficient in a
// FeAccumulator (three reductions instead of nine). The inverse solves a * b = 1 as a 3x3
// linear system (adjugate of the multiplication matrix: 12 multiplications and one base
// inversion); frobenius (a^p) uses the precomputed X^p and X^2p.
#pragma once

#include <array>
#include <span>

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
    // (a0 + a1 X + a2 X^2)(b0 + b1 X + b2 X^2) = d0 + d1 X + d2 X^2 + d3 X^3 + d4 X^4, and
    // X^3 = X + 1, X^4 = X^2 + X:  r0 = d0 + d3, r1 = d1 + d3 + d4, r2 = d2 + d4.
    const Fe a0 = a.c_[0], a1 = a.c_[1], a2 = a.c_[2];
    const Fe b0 = b.c_[0], b1 = b.c_[1], b2 = b.c_[2];
    FeAccumulator r0, r1, r2;
    r0.add_product(a0, b0);  // d0
    r0.add_product(a1, b2);  // d3
    r0.add_product(a2, b1);
    r1.add_product(a0, b1);  // d1
    r1.add_product(a1, b0);
    r1.add_product(a1, b2);  // d3
    r1.add_product(a2, b1);
    r1.add_product(a2, b2);  // d4
    r2.add_product(a0, b2);  // d2
    r2.add_product(a1, b1);
    r2.add_product(a2, b0);
    r2.add_product(a2, b2);  // d4
    return {r0.reduce(), r1.reduce(), r2.reduce()};
  }
  friend constexpr Ext3 operator*(Ext3 a, Fe b) { return {a.c_[0] * b, a.c_[1] * b, a.c_[2] * b}; }
  friend constexpr Ext3 operator*(Fe b, Ext3 a) { return a * b; }
  friend constexpr Ext3 operator+(Ext3 a, Fe b) { return {a.c_[0] + b, a.c_[1], a.c_[2]}; }
  friend constexpr Ext3 operator-(Ext3 a, Fe b) { return {a.c_[0] - b, a.c_[1], a.c_[2]}; }
  constexpr Ext3& operator+=(Ext3 b) { return *this = *this + b; }
  constexpr Ext3& operator-=(Ext3 b) { return *this = *this - b; }
  constexpr Ext3& operator*=(Ext3 b) { return *this = *this * b; }
  constexpr Ext3& operator*=(Fe b) { return *this = *this * b; }
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
  // The inverse of zero is zero. Multiplication by a is the matrix
  //   M = [[a0, a2, a1], [a1, a0 + a2, a1 + a2], [a2, a1, a0 + a2]]
  // (columns: a, a X, a X^2), and a^-1 = M^-1 e0 = (first column of adj M) / det M.
  constexpr Ext3 inverse() const {
    const Fe a0 = c_[0], a1 = c_[1], a2 = c_[2];
    const Fe a02 = a0 + a2;
    const Fe m0 = a02.square() - a1 * (a1 + a2);  // cofactors of the first row
    const Fe m1 = a2 * (a1 + a2) - a1 * a02;
    const Fe m2 = a1.square() - a02 * a2;
    const Fe det = a0 * m0 + a2 * m1 + a1 * m2;
    const Fe det_inv = det.inverse();
    return {m0 * det_inv, m1 * det_inv, m2 * det_inv};
  }
  // a^p = c0 + c1 X^p + c2 X^2p (the Frobenius map is F_p-linear).
  constexpr Ext3 frobenius() const;

 private:
  std::array<Fe, 3> c_{};
};

static_assert(sizeof(Ext3) == 24);

namespace ext3_detail {
inline constexpr Ext3 kXp = Ext3(Fe::zero(), Fe::one(), Fe::zero()).pow(Fe::kP);
inline constexpr Ext3 kX2p = kXp.square();
}  // namespace ext3_detail

constexpr Ext3 Ext3::frobenius() const {
  return Ext3(c_[0]) + ext3_detail::kXp * c_[1] + ext3_detail::kX2p * c_[2];
}

// Inverts every element in place with one extension inversion; zeros stay zero.
void batch_inverse(std::span<Ext3> xs);

}  // namespace ziskc::field
