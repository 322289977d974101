// The zkVM proof file (`ziskc prove` writes it; docs/PROVING.md "Proof file"): the statement a
// proof makes, with its verification key embedded, around the stark proof.
//
// Byte layout (version 2, little-endian):
//   magic "ZISKCPF1" (8 bytes), version u32
//   vk: u32 length, the verification key bytes (verifier/vk.h)
//   vk_digest: 4 x u64 (vk_digest of the embedded key: a quick check before decoding it)
//   steps: u64 (the number of ZisK steps executed, the end instruction included: in the public
//          values and proven by Main's end message, sm/main/air.h)
//   outputs: 64 x u32 (the public output words)
//   stark: u64 length, the stark proof bytes (stark/proof.h, docs/STARK.md)
// Decoding is bounds-checked and names the field: kMalformedProof "proof file: stark: proof:
// instances[2].queries[17]...: ...", "proof file: vk: fixed_roots[3].root ...".
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <vector>

#include "base/status.h"
#include "stark/proof.h"
#include "verifier/vk.h"

namespace ziskc::verifier {

inline constexpr std::uint32_t kProofFileVersion = 2;  // 2: Main's end flag (proven step count)

struct ProofFile {
  VerificationKey vk;
  std::uint64_t steps = 0;
  std::array<std::uint32_t, kNumOutputs> outputs{};
  stark::Proof proof;
};

std::vector<std::uint8_t> encode_proof_file(const ProofFile& f);
// Every count bounded, every field element canonical, no trailing bytes; the embedded key's
// digest must equal the stated one. Errors are kMalformedProof with the field path.
Result<ProofFile> decode_proof_file(std::span<const std::uint8_t> bytes);

}  // namespace ziskc::verifier
