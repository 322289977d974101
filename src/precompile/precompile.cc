// The precompile table and dispatch. Each algorithm lives in its own file of this folder;
// kinds that are not implemented yet answer "not supported yet: precompile <name>".
#include "precompile/precompile.h"

#include <array>

namespace ziskc::precompile {
namespace {

constexpr std::array<Info, static_cast<std::size_t>(Kind::kCount)> kTable = {{
    {Kind::kKeccakF, 0x800, "keccakf"},
    {Kind::kArith256, 0x801, "arith256"},
    {Kind::kArith256Mod, 0x802, "arith256_mod"},
    {Kind::kSecp256k1Add, 0x803, "secp256k1_add"},
    {Kind::kSecp256k1Dbl, 0x804, "secp256k1_dbl"},
    {Kind::kSha256, 0x805, "sha256"},
    {Kind::kBn254CurveAdd, 0x806, "bn254_curve_add"},
    {Kind::kBn254CurveDbl, 0x807, "bn254_curve_dbl"},
    {Kind::kBn254ComplexAdd, 0x808, "bn254_complex_add"},
    {Kind::kBn254ComplexSub, 0x809, "bn254_complex_sub"},
    {Kind::kBn254ComplexMul, 0x80A, "bn254_complex_mul"},
    {Kind::kArith384Mod, 0x80B, "arith384_mod"},
    {Kind::kBls12381CurveAdd, 0x80C, "bls12_381_curve_add"},
    {Kind::kBls12381CurveDbl, 0x80D, "bls12_381_curve_dbl"},
    {Kind::kBls12381ComplexAdd, 0x80E, "bls12_381_complex_add"},
    {Kind::kBls12381ComplexSub, 0x80F, "bls12_381_complex_sub"},
    {Kind::kBls12381ComplexMul, 0x810, "bls12_381_complex_mul"},
    {Kind::kAdd256, 0x811, "add256"},
    {Kind::kPoseidon2, 0x812, "poseidon2"},
    {Kind::kSecp256r1Add, 0x817, "secp256r1_add"},
    {Kind::kSecp256r1Dbl, 0x818, "secp256r1_dbl"},
    {Kind::kBlake2bRound, 0x819, "blake2b_round"},
}};

}  // namespace

std::span<const Info> precompile_table() { return kTable; }

const Info& info(Kind kind) {
  ZISKC_CHECK(kind < Kind::kCount, "precompile kind out of range");
  return kTable[static_cast<std::size_t>(kind)];
}

const Info* find_by_csr(std::uint16_t csr) {
  for (const Info& i : kTable) {
    if (i.csr == csr) return &i;
  }
  return nullptr;
}

Result<std::uint64_t> run(Kind kind, std::uint64_t param_addr, Memory& mem) {
  (void)param_addr;
  (void)mem;
  return make_error(ErrorCode::kUnsupported, "not supported yet: precompile {}", info(kind).name);
}

Result<std::vector<std::uint64_t>> fcall(std::uint32_t id, std::span<const std::uint64_t> params) {
  (void)params;
  return make_error(ErrorCode::kUnsupported, "not supported yet: free-input call {}", id);
}

}  // namespace ziskc::precompile
