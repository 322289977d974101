// The concrete prime fields of the precompiles and hints (moduli as little-endian limbs):
// secp256k1 base field p and scalar field n, secp256r1 (NIST P-256) p and n, BN254 base field
// and BLS12-381 base field. Values are checked against GMP-parsed published constants in
// fields_test.cc.
#pragma once

#include "precompile/field.h"

namespace ziskc::precompile {

struct Secp256k1FpTag {
  static constexpr std::size_t kLimbs = 4;
  static constexpr mp::Uint<4> kP = {0xFFFFFFFEFFFFFC2F, 0xFFFFFFFFFFFFFFFF, 0xFFFFFFFFFFFFFFFF,
                                     0xFFFFFFFFFFFFFFFF};
};
struct Secp256k1FnTag {
  static constexpr std::size_t kLimbs = 4;
  static constexpr mp::Uint<4> kP = {0xBFD25E8CD0364141, 0xBAAEDCE6AF48A03B, 0xFFFFFFFFFFFFFFFE,
                                     0xFFFFFFFFFFFFFFFF};
};
struct Secp256r1FpTag {
  static constexpr std::size_t kLimbs = 4;
  static constexpr mp::Uint<4> kP = {0xFFFFFFFFFFFFFFFF, 0x00000000FFFFFFFF, 0x0000000000000000,
                                     0xFFFFFFFF00000001};
};
struct Secp256r1FnTag {
  static constexpr std::size_t kLimbs = 4;
  static constexpr mp::Uint<4> kP = {0xF3B9CAC2FC632551, 0xBCE6FAADA7179E84, 0xFFFFFFFFFFFFFFFF,
                                     0xFFFFFFFF00000000};
};
struct Bn254FpTag {
  static constexpr std::size_t kLimbs = 4;
  static constexpr mp::Uint<4> kP = {0x3C208C16D87CFD47, 0x97816A916871CA8D, 0xB85045B68181585D,
                                     0x30644E72E131A029};
};
struct Bls12381FpTag {
  static constexpr std::size_t kLimbs = 6;
  static constexpr mp::Uint<6> kP = {0xB9FEFFFFFFFFAAAB, 0x1EABFFFEB153FFFF, 0x6730D2A0F6B0F624,
                                     0x64774B84F38512BF, 0x4B1BA7B6434BACD7, 0x1A0111EA397FE69A};
};

using Secp256k1Fp = MontField<Secp256k1FpTag>;
using Secp256k1Fn = MontField<Secp256k1FnTag>;
using Secp256r1Fp = MontField<Secp256r1FpTag>;
using Secp256r1Fn = MontField<Secp256r1FnTag>;
using Bn254Fp = MontField<Bn254FpTag>;
using Bls12381Fp = MontField<Bls12381FpTag>;

}  // namespace ziskc::precompile
