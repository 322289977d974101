// The precompile table and run(): for each kind, ZisK's parameter-block layout (what is read
// directly at rs1, what through the pointers stored there), the call of the algorithm, and the
// write-back. Reads happen in ZisK's order: the block, then each operand in block order; writes
// come last, so outputs may alias inputs.
#include "precompile/precompile.h"

#include <array>
#include <bit>
#include <cstring>

#include "hash/poseidon2.h"
#include "precompile/arith.h"
#include "precompile/blake2b.h"
#include "precompile/curves.h"
#include "precompile/guest_io.h"
#include "precompile/keccak.h"
#include "precompile/sha256.h"

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

using u64 = std::uint64_t;

template <std::size_t W>
using Words = std::array<u64, W>;

Result<u64> run_keccak(const GuestIo& io, u64 addr) {
  Words<25> s;
  ZISKC_RETURN_IF_ERROR(io.read(addr, s, "state"));
  keccak_f1600(s.data());
  ZISKC_RETURN_IF_ERROR(io.write(addr, s, "state"));
  return u64{0};
}

Result<u64> run_sha256(const GuestIo& io, u64 addr) {
  Words<2> block;
  ZISKC_RETURN_IF_ERROR(io.read(addr, block, "parameter block"));
  Words<4> state;
  Words<8> input;
  ZISKC_RETURN_IF_ERROR(io.read(block[0], state, "state"));
  ZISKC_RETURN_IF_ERROR(io.read(block[1], input, "input"));
  // Little-endian host: the u64 words hold the u32 state words and the message bytes in order.
  static_assert(std::endian::native == std::endian::little);
  std::uint32_t h[8];
  std::uint8_t m[64];
  std::memcpy(h, state.data(), sizeof(h));
  std::memcpy(m, input.data(), sizeof(m));
  sha256_compress(h, m);
  std::memcpy(state.data(), h, sizeof(h));
  ZISKC_RETURN_IF_ERROR(io.write(block[0], state, "state"));
  return u64{0};
}

Result<u64> run_poseidon2(const GuestIo& io, u64 addr) {
  Words<16> s;
  ZISKC_RETURN_IF_ERROR(io.read(addr, s, "state"));
  hash::Poseidon2<16>::State st;
  for (std::size_t i = 0; i < 16; ++i) st[i] = field::Fe::from_u64(s[i]);
  hash::Poseidon2<16>::permute(st);
  for (std::size_t i = 0; i < 16; ++i) s[i] = st[i].value();
  ZISKC_RETURN_IF_ERROR(io.write(addr, s, "state"));
  return u64{0};
}

Result<u64> run_blake2b(const GuestIo& io, u64 addr) {
  Words<3> block;
  ZISKC_RETURN_IF_ERROR(io.read(addr, block, "parameter block"));
  Words<16> v, m;
  ZISKC_RETURN_IF_ERROR(io.read(block[1], v, "state"));
  ZISKC_RETURN_IF_ERROR(io.read(block[2], m, "input"));
  blake2b_round(v.data(), m.data(), static_cast<std::uint32_t>(block[0]));
  ZISKC_RETURN_IF_ERROR(io.write(block[1], v, "state"));
  return u64{0};
}

Result<u64> run_add256(const GuestIo& io, u64 addr) {
  Words<4> block;  // a*, b*, cin, c*
  ZISKC_RETURN_IF_ERROR(io.read(addr, block, "parameter block"));
  Words<4> a, b, c;
  ZISKC_RETURN_IF_ERROR(io.read(block[0], a, "a"));
  ZISKC_RETURN_IF_ERROR(io.read(block[1], b, "b"));
  const u64 cout = add256(a.data(), b.data(), block[2], c.data());
  ZISKC_RETURN_IF_ERROR(io.write(block[3], c, "c"));
  return cout;
}

Result<u64> run_arith256(const GuestIo& io, u64 addr) {
  Words<5> block;  // a*, b*, c*, dl*, dh*
  ZISKC_RETURN_IF_ERROR(io.read(addr, block, "parameter block"));
  Words<4> a, b, c, dl, dh;
  ZISKC_RETURN_IF_ERROR(io.read(block[0], a, "a"));
  ZISKC_RETURN_IF_ERROR(io.read(block[1], b, "b"));
  ZISKC_RETURN_IF_ERROR(io.read(block[2], c, "c"));
  arith256(a.data(), b.data(), c.data(), dl.data(), dh.data());
  ZISKC_RETURN_IF_ERROR(io.write(block[3], dl, "dl"));
  ZISKC_RETURN_IF_ERROR(io.write(block[4], dh, "dh"));
  return u64{0};
}

template <std::size_t N>
Result<u64> run_arith_mod(const GuestIo& io, u64 addr) {
  Words<5> block;  // a*, b*, c*, module*, d*
  ZISKC_RETURN_IF_ERROR(io.read(addr, block, "parameter block"));
  Words<N> a, b, c, m, d;
  ZISKC_RETURN_IF_ERROR(io.read(block[0], a, "a"));
  ZISKC_RETURN_IF_ERROR(io.read(block[1], b, "b"));
  ZISKC_RETURN_IF_ERROR(io.read(block[2], c, "c"));
  ZISKC_RETURN_IF_ERROR(io.read(block[3], m, "module"));
  const bool ok = N == 4 ? arith256_mod(a.data(), b.data(), c.data(), m.data(), d.data())
                         : arith384_mod(a.data(), b.data(), c.data(), m.data(), d.data());
  if (!ok) return io.reject("the module is zero");
  ZISKC_RETURN_IF_ERROR(io.write(block[4], d, "d"));
  return u64{0};
}

// Curve add and complex ops: block = [p1*, p2*], result written over p1.
template <std::size_t W>
Result<u64> run_binary(const GuestIo& io, u64 addr, Curve curve, bool is_curve, ComplexOp op) {
  Words<2> block;
  ZISKC_RETURN_IF_ERROR(io.read(addr, block, "parameter block"));
  Words<W> p1, p2, out;
  ZISKC_RETURN_IF_ERROR(io.read(block[0], p1, is_curve ? "p1" : "f1"));
  ZISKC_RETURN_IF_ERROR(io.read(block[1], p2, is_curve ? "p2" : "f2"));
  if (is_curve) {
    if (!curve_add(curve, p1.data(), p2.data(), out.data())) {
      return io.reject(
          "p1.x == p2.x (the add of equal or opposite points has no affine result; ZisK aborts)");
    }
  } else {
    complex_op(curve, op, p1.data(), p2.data(), out.data());
  }
  ZISKC_RETURN_IF_ERROR(io.write(block[0], out, is_curve ? "p1" : "f1"));
  return u64{0};
}

// Curve dbl: the point itself is at rs1 and is doubled in place.
template <std::size_t W>
Result<u64> run_dbl(const GuestIo& io, u64 addr, Curve curve) {
  Words<W> p, out;
  ZISKC_RETURN_IF_ERROR(io.read(addr, p, "point"));
  if (!curve_dbl(curve, p.data(), out.data())) {
    return io.reject("p.y == 0 (doubling a 2-torsion point has no affine result; ZisK aborts)");
  }
  ZISKC_RETURN_IF_ERROR(io.write(addr, out, "point"));
  return u64{0};
}

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
  const GuestIo io(kind, mem);
  constexpr ComplexOp kNoOp = ComplexOp::kAdd;
  switch (kind) {
    case Kind::kKeccakF:
      return run_keccak(io, param_addr);
    case Kind::kArith256:
      return run_arith256(io, param_addr);
    case Kind::kArith256Mod:
      return run_arith_mod<4>(io, param_addr);
    case Kind::kSecp256k1Add:
      return run_binary<8>(io, param_addr, Curve::kSecp256k1, true, kNoOp);
    case Kind::kSecp256k1Dbl:
      return run_dbl<8>(io, param_addr, Curve::kSecp256k1);
    case Kind::kSha256:
      return run_sha256(io, param_addr);
    case Kind::kBn254CurveAdd:
      return run_binary<8>(io, param_addr, Curve::kBn254, true, kNoOp);
    case Kind::kBn254CurveDbl:
      return run_dbl<8>(io, param_addr, Curve::kBn254);
    case Kind::kBn254ComplexAdd:
      return run_binary<8>(io, param_addr, Curve::kBn254, false, ComplexOp::kAdd);
    case Kind::kBn254ComplexSub:
      return run_binary<8>(io, param_addr, Curve::kBn254, false, ComplexOp::kSub);
    case Kind::kBn254ComplexMul:
      return run_binary<8>(io, param_addr, Curve::kBn254, false, ComplexOp::kMul);
    case Kind::kArith384Mod:
      return run_arith_mod<6>(io, param_addr);
    case Kind::kBls12381CurveAdd:
      return run_binary<12>(io, param_addr, Curve::kBls12381, true, kNoOp);
    case Kind::kBls12381CurveDbl:
      return run_dbl<12>(io, param_addr, Curve::kBls12381);
    case Kind::kBls12381ComplexAdd:
      return run_binary<12>(io, param_addr, Curve::kBls12381, false, ComplexOp::kAdd);
    case Kind::kBls12381ComplexSub:
      return run_binary<12>(io, param_addr, Curve::kBls12381, false, ComplexOp::kSub);
    case Kind::kBls12381ComplexMul:
      return run_binary<12>(io, param_addr, Curve::kBls12381, false, ComplexOp::kMul);
    case Kind::kAdd256:
      return run_add256(io, param_addr);
    case Kind::kPoseidon2:
      return run_poseidon2(io, param_addr);
    case Kind::kSecp256r1Add:
      return run_binary<8>(io, param_addr, Curve::kSecp256r1, true, kNoOp);
    case Kind::kSecp256r1Dbl:
      return run_dbl<8>(io, param_addr, Curve::kSecp256r1);
    case Kind::kBlake2bRound:
      return run_blake2b(io, param_addr);
    case Kind::kCount:
      break;
  }
  ZISKC_CHECK(false, "precompile kind out of range");
  return make_error(ErrorCode::kInternal, "unreachable");
}

}  // namespace ziskc::precompile
