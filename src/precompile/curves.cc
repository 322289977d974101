// Affine curve add/dbl and Fp2 add/sub/mul over the Montgomery fields of fields.h.
#include "precompile/curves.h"

#include "base/check.h"
#include "precompile/fields.h"

namespace ziskc::precompile {
namespace {

template <class F>
bool add_impl(const std::uint64_t* p1, const std::uint64_t* p2, std::uint64_t* out) {
  constexpr std::size_t n = F::N;
  const auto x1 = F::from_limbs(p1), y1 = F::from_limbs(p1 + n);
  const auto x2 = F::from_limbs(p2), y2 = F::from_limbs(p2 + n);
  const auto dx = F::sub(x2, x1);
  if (F::is_zero(dx)) return false;
  const auto lambda = F::mul(F::sub(y2, y1), F::inv(dx));
  const auto x3 = F::sub(F::sub(F::sqr(lambda), x1), x2);
  const auto y3 = F::sub(F::mul(lambda, F::sub(x1, x3)), y1);
  F::to_limbs(x3, out);
  F::to_limbs(y3, out + n);
  return true;
}

template <class F, bool kAMinus3>
bool dbl_impl(const std::uint64_t* p, std::uint64_t* out) {
  constexpr std::size_t n = F::N;
  const auto x = F::from_limbs(p), y = F::from_limbs(p + n);
  const auto den = F::dbl(y);
  if (F::is_zero(den)) return false;
  auto num = F::sqr(x);
  if constexpr (kAMinus3) num = F::sub(num, F::one());  // 3(x^2 - 1) = 3x^2 + a for a = -3
  num = F::add(F::dbl(num), num);
  const auto lambda = F::mul(num, F::inv(den));
  const auto x3 = F::sub(F::sqr(lambda), F::dbl(x));
  const auto y3 = F::sub(F::mul(lambda, F::sub(x, x3)), y);
  F::to_limbs(x3, out);
  F::to_limbs(y3, out + n);
  return true;
}

template <class F>
void complex_impl(ComplexOp op, const std::uint64_t* f1, const std::uint64_t* f2,
                  std::uint64_t* out) {
  constexpr std::size_t n = F::N;
  const auto a = F::from_limbs(f1), b = F::from_limbs(f1 + n);
  const auto c = F::from_limbs(f2), d = F::from_limbs(f2 + n);
  typename F::Elem re, im;
  switch (op) {
    case ComplexOp::kAdd:
      re = F::add(a, c);
      im = F::add(b, d);
      break;
    case ComplexOp::kSub:
      re = F::sub(a, c);
      im = F::sub(b, d);
      break;
    case ComplexOp::kMul: {
      // (a + bu)(c + du) = (ac - bd) + ((a + b)(c + d) - ac - bd)u
      const auto ac = F::mul(a, c), bd = F::mul(b, d);
      re = F::sub(ac, bd);
      im = F::sub(F::sub(F::mul(F::add(a, b), F::add(c, d)), ac), bd);
      break;
    }
  }
  F::to_limbs(re, out);
  F::to_limbs(im, out + n);
}

}  // namespace

bool curve_add(Curve c, const std::uint64_t* p1, const std::uint64_t* p2, std::uint64_t* out) {
  switch (c) {
    case Curve::kSecp256k1:
      return add_impl<Secp256k1Fp>(p1, p2, out);
    case Curve::kSecp256r1:
      return add_impl<Secp256r1Fp>(p1, p2, out);
    case Curve::kBn254:
      return add_impl<Bn254Fp>(p1, p2, out);
    case Curve::kBls12381:
      return add_impl<Bls12381Fp>(p1, p2, out);
  }
  ZISKC_CHECK(false, "curve_add: unknown curve");
  return false;
}

bool curve_dbl(Curve c, const std::uint64_t* p, std::uint64_t* out) {
  switch (c) {
    case Curve::kSecp256k1:
      return dbl_impl<Secp256k1Fp, false>(p, out);
    case Curve::kSecp256r1:
      return dbl_impl<Secp256r1Fp, true>(p, out);
    case Curve::kBn254:
      return dbl_impl<Bn254Fp, false>(p, out);
    case Curve::kBls12381:
      return dbl_impl<Bls12381Fp, false>(p, out);
  }
  ZISKC_CHECK(false, "curve_dbl: unknown curve");
  return false;
}

void complex_op(Curve c, ComplexOp op, const std::uint64_t* f1, const std::uint64_t* f2,
                std::uint64_t* out) {
  switch (c) {
    case Curve::kBn254:
      complex_impl<Bn254Fp>(op, f1, f2, out);
      return;
    case Curve::kBls12381:
      complex_impl<Bls12381Fp>(op, f1, f2, out);
      return;
    case Curve::kSecp256k1:
    case Curve::kSecp256r1:
      break;
  }
  ZISKC_CHECK(false, "complex_op: only BN254 and BLS12-381 have complex precompiles");
}

}  // namespace ziskc::precompile
