// The ZisK precompiles and free-input (host hint) calls as the emulator sees them
// (DESIGN.md §2.3). This header is the contract between the emulator (src/emu), which owns
// guest memory and the minimal trace, and this layer, which owns the algorithms and ZisK's
// exact parameter-block layouts. Nothing here knows about instructions or traces.
//
// Invariants:
//  - run() touches guest memory only through the Memory interface, so the emulator can bound
//    every access and record every value read in the minimal trace.
//  - A failure caused by the guest (a parameter block or operand outside readable/writable
//    memory, a misaligned block, a value the operation rejects) is a kGuestFault Status
//    naming the precompile and the address; run() never aborts on guest data.
//  - fcall() results are unverified host hints: they are computed exactly as ZisK's host
//    computes them, and the proof treats them as free input.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace ziskc::precompile {

// One entry per precompile CSR port (csrs 0x800+k, rs1 with rs1 = pointer to the parameter
// block). The transpiler maps each to its ZisK opcode; this layer only needs the kind.
enum class Kind : std::uint8_t {
  kKeccakF,             // 0x800 keccak-f[1600] in place on 25 u64
  kArith256,            // 0x801 a*b + c -> (dl, dh), 256-bit
  kArith256Mod,         // 0x802 (a*b + c) mod m, 256-bit
  kSecp256k1Add,        // 0x803
  kSecp256k1Dbl,        // 0x804
  kSha256,              // 0x805 sha256 compress (state, block)
  kBn254CurveAdd,       // 0x806
  kBn254CurveDbl,       // 0x807
  kBn254ComplexAdd,     // 0x808 Fp2 add
  kBn254ComplexSub,     // 0x809 Fp2 sub
  kBn254ComplexMul,     // 0x80A Fp2 mul
  kArith384Mod,         // 0x80B
  kBls12381CurveAdd,    // 0x80C
  kBls12381CurveDbl,    // 0x80D
  kBls12381ComplexAdd,  // 0x80E
  kBls12381ComplexSub,  // 0x80F
  kBls12381ComplexMul,  // 0x810
  kAdd256,              // 0x811 a + b + cin -> c, carry out
  kPoseidon2,           // 0x812 Poseidon2 (Goldilocks, width 16) in place
  kSecp256r1Add,        // 0x817
  kSecp256r1Dbl,        // 0x818
  kBlake2bRound,        // 0x819
  kCount,
};

struct Info {
  Kind kind;
  std::uint16_t csr;  // 0x800 + k
  const char* name;   // "keccakf", "sha256", ... in messages (`-X` prints ZisK op names)
};

// Every precompile, in Kind order.
std::span<const Info> precompile_table();
const Info& info(Kind kind);
// The precompile on CSR `csr`, or nullptr if `csr` is not a precompile port.
const Info* find_by_csr(std::uint16_t csr);

// Guest memory as a precompile sees it. Implemented by the emulator; every method returns
// false (and changes nothing) if any word lies outside memory the guest may access that way.
// Addresses passed here must be 8-byte aligned: run() checks alignment itself first.
// run() makes one call per operand (25 words for keccak-f, 16 for a BLAKE2b state, ...), so an
// implementation should range-check once and copy the span; a per-word path costs about a third
// of a keccak-f call (docs/PERFORMANCE.md, "Precompiles").
class Memory {
 public:
  virtual ~Memory() = default;
  virtual bool read(std::uint64_t addr, std::span<std::uint64_t> out) = 0;
  virtual bool write(std::uint64_t addr, std::span<const std::uint64_t> in) = 0;
};

// Runs precompile `kind` on the parameter block at `param_addr` (the value of rs1).
// Returns the instruction's c value (the carry for add256, 0 for the others, as ZisK).
// Errors: kGuestFault (bad or misaligned block); kUnsupported ("not supported yet: X").
Result<std::uint64_t> run(Kind kind, std::uint64_t param_addr, Memory& mem);

// Free-input call `id` (csrwi 0x8C0+(id>>5), id&31) with the parameters the guest pushed
// (csrs 0x8F0+p). Returns the words the guest then reads one by one with csrr 0xFFE.
// Errors: kGuestFault (unknown id, wrong parameter count, rejected values);
// kUnsupported for ids not implemented yet.
Result<std::vector<std::uint64_t>> fcall(std::uint32_t id, std::span<const std::uint64_t> params);

// ---- Free-input calls: the emulator side of the protocol (ZisK core/src/zisk_ops.rs) ----
// `csrs 0x8F0+p, rs1` pushes parameter words: p selects how many (fcall_param_words); a push of
// one word pushes the value of rs1 itself, a push of n > 1 words pushes the n u64 read at
// address rs1 (ZisK reads them as 8-byte loads at rs1 + 8*i). `csrwi 0x8C0+(id>>5), id&31` calls
// fcall(id, pushed words) and clears the pushed words; successive `csrr rd, 0xFFE` then read the
// result words in order (ZisK stages the next one in the free-input cell at INPUT_ADDR: result[0]
// right after the call, result[k] after the k-th read; a staged value past the last result is 0,
// and reading further is an error in ZisK). Pushing more than kFcallParamsMax words in total is a
// guest fault (ZisK panics). Id kFcallInputReady returns no result words.
inline constexpr std::uint16_t kFcallParamCsrFirst = 0x8F0;
inline constexpr std::uint16_t kFcallParamCsrLast = 0x8FF;
inline constexpr std::uint16_t kFcallCallCsrFirst = 0x8C0;
inline constexpr std::uint16_t kFcallCallCsrLast = 0x8DF;
inline constexpr std::uint16_t kFcallGetCsr = 0xFFE;
// ZisK's FCALL_PARAMS_MAX_SIZE and FCALL_RESULT_MAX_SIZE (core/src/fcall.rs).
inline constexpr std::size_t kFcallParamsMax = 386;
inline constexpr std::size_t kFcallResultMax = 8193;

// Words carried by one push through CSR `csr` (ZisK's CSR_FCALL_PARAM_OFFSET_TO_WORDS:
// 1, 2, 4, 8, 12, 16, 20, 24, 28, 32, 48, 64, 80, 96, 128, 256 for 0x8F0..0x8FF); 0 if `csr`
// is not a parameter port.
constexpr std::uint32_t fcall_param_words(std::uint16_t csr) {
  constexpr std::uint16_t kWords[16] = {1,  2,  4,  8,  12, 16, 20,  24,
                                        28, 32, 48, 64, 80, 96, 128, 256};
  if (csr < kFcallParamCsrFirst || csr > kFcallParamCsrLast) return 0;
  return kWords[csr - kFcallParamCsrFirst];
}

// Free-input call ids (ZisK's ziskos zisklib FCALL_*_ID, the 1..23 table). docs/PRECOMPILES.md
// lists each one's parameters and results.
enum FcallId : std::uint32_t {
  kFcallSecp256k1FpInv = 1,
  kFcallSecp256k1FnInv = 2,
  kFcallSecp256k1FpSqrt = 3,
  kFcallSecp256k1GlvDecompose = 4,
  kFcallSecp256r1FnInv = 5,  // with 20 parameter words: the earlier secp256r1_ecdsa_verify
  kFcallBn254FpInv = 6,
  kFcallBn254Fp2Inv = 7,
  kFcallBn254TwistAddLineCoeffs = 8,
  kFcallBn254TwistDblLineCoeffs = 9,
  kFcallBls12381FpInv = 10,
  kFcallBls12381FpSqrt = 11,
  kFcallBls12381Fp2Inv = 12,
  kFcallBls12381Fp2Sqrt = 13,
  kFcallBls12381TwistAddLineCoeffs = 14,
  kFcallBls12381TwistDblLineCoeffs = 15,
  kFcallBinDecomp = 16,
  kFcallMsbPos256 = 17,
  kFcallMsbPos384 = 18,
  kFcallUint256Div = 19,
  kFcallUint256Inv = 20,
  kFcallUint256InvMod = 21,
  kFcallBigintDiv = 22,
  kFcallInputReady = 23,
};
// "secp256k1_fp_inv", ... for ids 1..23, nullptr otherwise.
const char* fcall_name(std::uint32_t id);

}  // namespace ziskc::precompile
