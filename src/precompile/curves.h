// Affine short-Weierstrass point addition and doubling (y^2 = x^3 + a*x + b) and the complex
// (Fp2 = Fp[u]/(u^2 + 1)) operations of the precompiles, on ZisK's operand layout: a point is
// x then y, a complex number is the real part then the imaginary part, each coordinate N
// little-endian u64 limbs (N = 4 for secp256k1, secp256r1, BN254; N = 6 for BLS12-381).
//
// ZisK semantics (lib-c curve_plain.hpp, complex ops): coordinates are reduced mod p first
// (non-canonical inputs are accepted), results are canonical. There is no point at infinity:
// add requires x1 != x2 (it would need a division by zero) and dbl requires y != 0; these
// functions then return false and leave `out` untouched (ZisK aborts the emulation).
// `out` may alias the inputs.
#pragma once

#include <cstdint>

namespace ziskc::precompile {

enum class Curve { kSecp256k1, kSecp256r1, kBn254, kBls12381 };

// Words of one coordinate: 4 or 6.
constexpr int coordinate_words(Curve c) { return c == Curve::kBls12381 ? 6 : 4; }

// out = p1 + p2 (each 2 coordinates); false if x1 == x2 (mod p).
bool curve_add(Curve c, const std::uint64_t* p1, const std::uint64_t* p2, std::uint64_t* out);
// out = 2 * p; false if y == 0 (mod p).
bool curve_dbl(Curve c, const std::uint64_t* p, std::uint64_t* out);

enum class ComplexOp { kAdd, kSub, kMul };
// out = f1 op f2 over BN254 (4-limb coordinates) or BLS12-381 (6-limb) Fp2.
void complex_op(Curve c, ComplexOp op, const std::uint64_t* f1, const std::uint64_t* f2,
                std::uint64_t* out);

}  // namespace ziskc::precompile
