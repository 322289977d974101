// Field and curve free-input calls with ZisK's layouts (ziskos fcalls_impl and lib-c fcall.cpp):
// inverses, square roots with their non-residue witness, the secp256k1 GLV split, the earlier
// secp256r1 ECDSA point hint, and the BN254 / BLS12-381 twist line coefficients.
// Inputs are reduced mod p as ZisK's field code does, except where ZisK compares the unreduced
// input (the square-root residue tests); results are canonical.
#include "precompile/fcall_internal.h"
#include "precompile/fields.h"

namespace ziskc::precompile::hints {
namespace {

using mp::u64;

// ---- Compile-time exponents derived from the moduli ----
template <std::size_t N>
constexpr mp::Uint<N> add_small(mp::Uint<N> a, u64 k) {
  for (std::size_t i = 0; i < N && k; ++i) {
    const u64 s = a[i] + k;
    k = s < a[i] ? 1 : 0;
    a[i] = s;
  }
  return a;
}
template <std::size_t N>
constexpr mp::Uint<N> sub_small(mp::Uint<N> a, u64 k) {
  for (std::size_t i = 0; i < N && k; ++i) {
    const u64 d = a[i] - k;
    k = a[i] < k ? 1 : 0;
    a[i] = d;
  }
  return a;
}
template <std::size_t N>
constexpr mp::Uint<N> shr(mp::Uint<N> a, unsigned s) {
  for (std::size_t i = 0; i < N; ++i) a[i] = (a[i] >> s) | (i + 1 < N ? a[i + 1] << (64 - s) : 0);
  return a;
}

template <class F>
typename F::Uint load(const u64* p) {
  typename F::Uint u;
  for (std::size_t i = 0; i < F::N; ++i) u[i] = p[i];
  return u;
}

template <class F>
void append(Words& out, const typename F::Elem& e) {
  const typename F::Uint u = F::to_uint(e);
  out.insert(out.end(), u.begin(), u.end());
}

template <class F>
Result<Words> fp_inv(const char* name, Params p) {
  const auto a = F::from_limbs(p.data());
  if (F::is_zero(a)) return reject(name, "inverse of zero");
  Words out;
  append<F>(out, F::inv(a));
  return out;
}

// a^((p+1)/4) for p = 3 mod 4; is_qr compares its square with the input as given (unreduced),
// as ZisK does; a non-residue gets the root of a * nqr instead.
template <class F>
bool sqrt_3mod4(const u64* a_limbs, u64 nqr, typename F::Elem& root) {
  static constexpr auto kExp = shr(add_small(F::kC.p, 1), 2);
  const auto a = F::from_limbs(a_limbs);
  root = F::pow(a, kExp);
  const bool is_qr = F::to_uint(F::sqr(root)) == load<F>(a_limbs);
  if (!is_qr) root = F::pow(F::mul_small(a, nqr), kExp);
  return is_qr;
}

// ---- Fp2 = Fp[u]/(u^2 + 1) ----
template <class F>
struct Fp2 {
  typename F::Elem re, im;
  static Fp2 load(const u64* p) { return {F::from_limbs(p), F::from_limbs(p + F::N)}; }
  void append_to(Words& out) const {
    append<F>(out, re);
    append<F>(out, im);
  }
  bool is_zero() const { return F::is_zero(re) && F::is_zero(im); }
  friend bool operator==(const Fp2& x, const Fp2& y) { return x.re == y.re && x.im == y.im; }
  friend Fp2 operator+(const Fp2& x, const Fp2& y) {
    return {F::add(x.re, y.re), F::add(x.im, y.im)};
  }
  friend Fp2 operator-(const Fp2& x, const Fp2& y) {
    return {F::sub(x.re, y.re), F::sub(x.im, y.im)};
  }
  friend Fp2 operator*(const Fp2& x, const Fp2& y) {
    // Karatsuba: (ac - bd) + ((a + b)(c + d) - ac - bd)u
    const auto ac = F::mul(x.re, y.re), bd = F::mul(x.im, y.im);
    const auto cross = F::mul(F::add(x.re, x.im), F::add(y.re, y.im));
    return {F::sub(ac, bd), F::sub(F::sub(cross, ac), bd)};
  }
  // (a + bu)^2 = (a + b)(a - b) + 2ab u
  Fp2 sqr() const {
    const auto ab = F::mul(re, im);
    return {F::mul(F::add(re, im), F::sub(re, im)), F::dbl(ab)};
  }
  Fp2 scale(u64 k) const { return {F::mul_small(re, k), F::mul_small(im, k)}; }
  Fp2 conj() const { return {re, F::neg(im)}; }
  // (a - bu) / (a^2 + b^2); zero maps to zero (callers reject it first).
  Fp2 inv() const {
    const auto d = F::inv(F::add(F::sqr(re), F::sqr(im)));
    return {F::mul(re, d), F::neg(F::mul(im, d))};
  }
  template <std::size_t M>
  Fp2 pow(const mp::Uint<M>& e) const {
    Fp2 r{F::one(), F::zero()};
    const Fp2 base = *this;
    for (int i = mp::msb_index(std::span<const u64>(e)); i >= 0; --i) {
      r = r.sqr();
      if ((e[static_cast<std::size_t>(i) / 64] >> (i % 64)) & 1) r = r * base;
    }
    return r;
  }
};

template <class F>
Result<Words> fp2_inv(const char* name, Params p) {
  const auto a = Fp2<F>::load(p.data());
  if (a.is_zero()) return reject(name, "inverse of zero");
  Words out;
  a.inv().append_to(out);
  return out;
}

// Line through two twist points: lambda = (y2 - y1)/(x2 - x1), mu = y1 - lambda*x1.
template <class F>
Result<Words> twist_add_line(const char* name, Params p) {
  const std::size_t w = 2 * F::N;
  const auto x1 = Fp2<F>::load(p.data()), y1 = Fp2<F>::load(p.data() + w);
  const auto x2 = Fp2<F>::load(p.data() + 2 * w), y2 = Fp2<F>::load(p.data() + 3 * w);
  const auto dx = x2 - x1;
  if (dx.is_zero()) return reject(name, "x1 == x2");
  const auto lambda = dx.inv() * (y2 - y1);
  const auto mu = y1 - lambda * x1;
  Words out;
  lambda.append_to(out);
  mu.append_to(out);
  return out;
}

// Tangent at a twist point: lambda = 3x^2 / 2y, mu = y - lambda*x.
template <class F>
Result<Words> twist_dbl_line(const char* name, Params p) {
  const std::size_t w = 2 * F::N;
  const auto x = Fp2<F>::load(p.data()), y = Fp2<F>::load(p.data() + w);
  const auto two_y = y + y;
  if (two_y.is_zero()) return reject(name, "y == 0");
  const auto lambda = (two_y.inv() * x.sqr()).scale(3);
  const auto mu = y - lambda * x;
  Words out;
  lambda.append_to(out);
  mu.append_to(out);
  return out;
}

// ---- secp256r1 affine arithmetic with (0, 0) as the identity, exactly as ZisK's earlier
// fcall_secp256r1_ecdsa_verify host code (which checks x1 == x2 before the identity). ----
using R1 = Secp256r1Fp;
struct R1Point {
  R1::Elem x, y;
  bool is_identity() const { return R1::is_zero(x) && R1::is_zero(y); }
};

Result<R1Point> r1_dbl(const R1Point& p) {
  if (p.is_identity()) return p;
  const auto den = R1::dbl(p.y);
  if (R1::is_zero(den)) return reject("secp256r1_ecdsa_verify", "doubling a point with y == 0");
  // (3x^2 + a) with a = -3
  const auto num = R1::sub(R1::mul_small(R1::sqr(p.x), 3), R1::from_u64(3));
  const auto lambda = R1::mul(num, R1::inv(den));
  const auto x3 = R1::sub(R1::sqr(lambda), R1::dbl(p.x));
  const auto y3 = R1::sub(R1::mul(lambda, R1::sub(p.x, x3)), p.y);
  return R1Point{x3, y3};
}

Result<R1Point> r1_add(const R1Point& p, const R1Point& q) {
  if (p.x == q.x) {
    if (p.y == q.y) return r1_dbl(p);
    return R1Point{R1::zero(), R1::zero()};
  }
  if (p.is_identity()) return q;
  if (q.is_identity()) return p;
  const auto lambda = R1::mul(R1::sub(q.y, p.y), R1::inv(R1::sub(q.x, p.x)));
  const auto x3 = R1::sub(R1::sub(R1::sqr(lambda), p.x), q.x);
  const auto y3 = R1::sub(R1::mul(lambda, R1::sub(p.x, x3)), p.y);
  return R1Point{x3, y3};
}

// GLV lattice of secp256k1 (lib-c fcall.cpp Secp256k1GlvDecompose).
constexpr mp::Uint<4> kGlvA1 = {0xE86C90E49284EB15, 0x3086D221A7D46BCD, 0, 0};  // == B2
constexpr mp::Uint<4> kGlvMinusB1 = {0x6F547FA90ABFE4C3, 0xE4437ED6010E8828, 0, 0};
constexpr mp::Uint<4> kGlvA2 = {0x57C1108D9D44CFD8, 0x14CA50F7A8E2F3F6, 0x1, 0};
constexpr mp::Uint<4> kGlvB2 = kGlvA1;

// round(c * k / n) = floor((2 c k + n) / 2n) for non-negative c, k.
mp::Uint<8> glv_round_div(const mp::Uint<4>& c, const mp::Uint<4>& k) {
  const auto& n = Secp256k1Fn::modulus();
  mp::Uint<8> num = mp::resize<8>(mp::mul(c, k));
  mp::add(num, num, num);
  mp::add(num, num, mp::resize<8>(n));
  mp::Uint<8> two_n = mp::resize<8>(n);
  mp::add(two_n, two_n, two_n);
  mp::Uint<8> q, r;
  mp::divmod(num, two_n, q, r);
  return q;
}

// |a - b| and its sign (1 if a < b) for 8-limb values.
std::pair<mp::Uint<8>, u64> signed_diff(const mp::Uint<8>& a, const mp::Uint<8>& b) {
  mp::Uint<8> d;
  if (mp::cmp(a, b) >= 0) {
    mp::sub(d, a, b);
    return {d, 0};
  }
  mp::sub(d, b, a);
  return {d, 1};
}

}  // namespace

Result<Words> secp256k1_fp_inv(Params p) { return fp_inv<Secp256k1Fp>("secp256k1_fp_inv", p); }
Result<Words> secp256k1_fn_inv(Params p) { return fp_inv<Secp256k1Fn>("secp256k1_fn_inv", p); }
Result<Words> secp256r1_fn_inv(Params p) { return fp_inv<Secp256r1Fn>("secp256r1_fn_inv", p); }
Result<Words> bn254_fp_inv(Params p) { return fp_inv<Bn254Fp>("bn254_fp_inv", p); }
Result<Words> bls12_381_fp_inv(Params p) { return fp_inv<Bls12381Fp>("bls12_381_fp_inv", p); }

Result<Words> secp256k1_fp_sqrt(Params p) {
  // [is_qr, root]; for a residue the root has the requested parity (parity != root & 1 flips
  // it to p - root, so any parity value other than 0 and 1 flips); for a non-residue the root of
  // 3a (3 is the smallest non-residue), unflipped.
  Secp256k1Fp::Elem root;
  const bool is_qr = sqrt_3mod4<Secp256k1Fp>(p.data(), 3, root);
  if (is_qr) {
    const u64 root_parity = Secp256k1Fp::to_uint(root)[0] & 1;
    if (p[4] != root_parity) root = Secp256k1Fp::neg(root);
  }
  Words out{is_qr ? 1u : 0u};
  append<Secp256k1Fp>(out, root);
  return out;
}

Result<Words> bls12_381_fp_sqrt(Params p) {
  // [is_qr, root]: root of a, or of 2a for a non-residue (2 is a non-residue); no parity choice.
  Bls12381Fp::Elem root;
  const bool is_qr = sqrt_3mod4<Bls12381Fp>(p.data(), 2, root);
  Words out{is_qr ? 1u : 0u};
  append<Bls12381Fp>(out, root);
  return out;
}

Result<Words> bls12_381_fp2_sqrt(Params p) {
  // Algorithm 9 of eprint 2012/685 for p = 3 mod 4; a non-residue gets the root of a(1 + u).
  using F = Bls12381Fp;
  using E2 = Fp2<F>;
  static constexpr auto kExp34 = shr(sub_small(F::kC.p, 3), 2);  // (p - 3) / 4
  static constexpr auto kExp12 = shr(sub_small(F::kC.p, 1), 1);  // (p - 1) / 2
  const E2 minus_one{F::neg(F::one()), F::zero()};
  auto sqrt = [&](const E2& a, E2& x) {
    const E2 a1 = a.pow(kExp34);
    const E2 x0 = a1 * a;
    const E2 alpha = a1 * x0;
    if (alpha.conj() * alpha == minus_one) return false;
    if (alpha == minus_one) {
      x = E2{F::zero(), F::one()} * x0;
    } else {
      x = (E2{F::one(), F::zero()} + alpha).pow(kExp12) * x0;
    }
    return true;
  };
  const E2 a = E2::load(p.data());
  E2 x{F::zero(), F::zero()};
  const bool is_qr = sqrt(a, x);
  if (!is_qr) sqrt(a * E2{F::one(), F::one()}, x);
  Words out{is_qr ? 1u : 0u};
  x.append_to(out);
  return out;
}

Result<Words> bn254_fp2_inv(Params p) { return fp2_inv<Bn254Fp>("bn254_fp2_inv", p); }
Result<Words> bls12_381_fp2_inv(Params p) { return fp2_inv<Bls12381Fp>("bls12_381_fp2_inv", p); }
Result<Words> bn254_twist_add_line_coeffs(Params p) {
  return twist_add_line<Bn254Fp>("bn254_twist_add_line_coeffs", p);
}
Result<Words> bn254_twist_dbl_line_coeffs(Params p) {
  return twist_dbl_line<Bn254Fp>("bn254_twist_dbl_line_coeffs", p);
}
Result<Words> bls12_381_twist_add_line_coeffs(Params p) {
  return twist_add_line<Bls12381Fp>("bls12_381_twist_add_line_coeffs", p);
}
Result<Words> bls12_381_twist_dbl_line_coeffs(Params p) {
  return twist_dbl_line<Bls12381Fp>("bls12_381_twist_dbl_line_coeffs", p);
}

Result<Words> secp256k1_glv_decompose(Params p) {
  // k = k1 + k2*lambda (mod n): c1 = round(B2 k / n), c2 = round(-B1 k / n),
  // k1 = k - c1 A1 - c2 A2, k2 = c1 (-B1) - c2 B2; result [|k1|, |k2|, sign1, sign2].
  const mp::Uint<4> k = {p[0], p[1], p[2], p[3]};
  const mp::Uint<4> c1 = mp::resize<4>(glv_round_div(kGlvB2, k));
  const mp::Uint<4> c2 = mp::resize<4>(glv_round_div(kGlvMinusB1, k));
  mp::Uint<8> s = mp::resize<8>(mp::mul(c1, kGlvA1));
  mp::add(s, s, mp::resize<8>(mp::mul(c2, kGlvA2)));
  const auto [k1, sign1] = signed_diff(mp::resize<8>(k), s);
  const auto [k2, sign2] =
      signed_diff(mp::resize<8>(mp::mul(c1, kGlvMinusB1)), mp::resize<8>(mp::mul(c2, kGlvB2)));
  Words out(k1.begin(), k1.begin() + 4);
  out.insert(out.end(), k2.begin(), k2.begin() + 4);
  out.push_back(sign1);
  out.push_back(sign2);
  return out;
}

Result<Words> secp256r1_ecdsa_verify(Params p) {
  // P = (z/s) G + (r/s) PK over secp256r1, double-and-add from the top bit with ZisK's affine
  // special cases; params [pk (8), z (4), r (4), s (4)], result P (8), (0, 0) for the identity.
  using Fn = Secp256r1Fn;
  const auto s = Fn::from_limbs(p.data() + 16);
  if (Fn::is_zero(s)) return reject("secp256r1_ecdsa_verify", "s == 0 mod n");
  const auto s_inv = Fn::inv(s);
  const auto u1 = Fn::to_uint(Fn::mul(Fn::from_limbs(p.data() + 8), s_inv));
  const auto u2 = Fn::to_uint(Fn::mul(Fn::from_limbs(p.data() + 12), s_inv));
  static constexpr mp::Uint<4> kGx = {0xF4A13945D898C296, 0x77037D812DEB33A0, 0xF8BCE6E563A440F2,
                                      0x6B17D1F2E12C4247};
  static constexpr mp::Uint<4> kGy = {0xCBB6406837BF51F5, 0x2BCE33576B315ECE, 0x8EE7EB4A7C0F9E16,
                                      0x4FE342E2FE1A7F9B};
  const R1Point g{R1::from_uint(kGx), R1::from_uint(kGy)};
  const R1Point pk{R1::from_limbs(p.data()), R1::from_limbs(p.data() + 4)};
  R1Point acc{R1::zero(), R1::zero()};
  for (int i = 255; i >= 0; --i) {
    ZISKC_ASSIGN_OR_RETURN(acc, r1_dbl(acc));
    if ((u1[i / 64] >> (i % 64)) & 1) {
      ZISKC_ASSIGN_OR_RETURN(acc, r1_add(acc, g));
    }
    if ((u2[i / 64] >> (i % 64)) & 1) {
      ZISKC_ASSIGN_OR_RETURN(acc, r1_add(acc, pk));
    }
  }
  Words out;
  append<R1>(out, acc.x);
  append<R1>(out, acc.y);
  return out;
}

}  // namespace ziskc::precompile::hints
