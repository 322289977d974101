// ziskc::verify: checks a zkVM proof file (`ziskc verify`; docs/PROVING.md "Verifying").
//
// What a successful call means: the program whose verification key is `vk` (or, without one,
// the key embedded in the proof, whose digest the result reports) ran from ZisK's boot state to
// the end pc 0x1004 on some input, published exactly `outputs` and executed exactly `steps` ZisK
// steps (the end instruction included).
//
// Steps: decode the proof file (kMalformedProof, with the field path); with a key, the embedded
// key must be that key (kVerifyFailed "the proof is for another program"); the key's AIR set must
// be this ziskc's; the stark proof's parameters, stark key digest and public values must be the
// key's and the statement's; the instance list within the row bounds the memory and Main
// arguments need; then the stark verifier (every instance, and the global bus balance with the
// statement's direct terms: Main's continuation start / end (the end at the stated step count),
// the 64 pubouts, each memory region's chain sentinels). Depends on stark + the machines' AIRs
// only.
#pragma once

#include <array>
#include <cstdint>
#include <span>

#include "base/status.h"
#include "stark/params.h"
#include "verifier/proof_file.h"
#include "verifier/vk.h"

namespace ziskc {

struct VerifyOptions {
  // Proofs whose conjectured security is below this are refused.
  unsigned min_security_bits = stark::kDefaultSecurityBits;
};

struct VerifyResult {
  std::array<std::uint32_t, verifier::kNumOutputs> outputs{};
  std::uint64_t steps = 0;  // executed steps, end instruction included (proven: sm/main/air.h)
  stark::Digest vk_digest;
  zisk::LayoutKind layout = zisk::LayoutKind::kZisk;
  std::size_t num_instances = 0;
};

// vk == nullptr: verify against the key embedded in the proof.
Result<VerifyResult> verify(std::span<const std::uint8_t> proof_file,
                            const verifier::VerificationKey* vk, const VerifyOptions& options = {});
// The same on a decoded proof file.
Result<VerifyResult> verify(const verifier::ProofFile& proof, const verifier::VerificationKey* vk,
                            const VerifyOptions& options = {});

}  // namespace ziskc
