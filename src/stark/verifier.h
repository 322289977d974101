// The verifier: checks a decoded proof against a verification key and the AIR set, recomputing
// every challenge (stark/protocol.h), then the global bus balance
//   sum over instances of bus_sum + sum over the statement's direct terms of m / f = 0.
// It depends only on stark + hash + field + poly and the AIRs (never on a prover or witness).
//
// Errors: kMalformedProof for shapes that do not match the statement (with the field path:
// "proof: instances[1].queries[4].trees[2].values: expected 6, got 5"), kVerifyFailed naming
// the failed check: parameters below the floor, vk digest, constraints at zeta, Merkle path
// (instance, query, tree, level), FRI round, proof of work, bus balance.
// kInvalidArgument when the caller's AIR set does not match the verification key.
#pragma once

#include <cstdint>
#include <span>

#include "base/status.h"
#include "stark/keys.h"
#include "stark/logup.h"
#include "stark/proof.h"

namespace ziskc::stark {

struct VerifierOptions {
  // Proofs whose conjectured security (stark/params.h) is below this are refused.
  unsigned min_security_bits = kDefaultSecurityBits;
};

Status verify(const VerificationKey& vk, std::span<const AirPtr> airs, const Proof& proof,
              std::span<const DirectTerm> direct_terms, const VerifierOptions& options = {});

// Both sides of one instance's out-of-domain check (docs/STARK.md §2 step 3): the combined
// constraints C(zeta) = sum_k gamma^k * sel_k(zeta) * c_k(zeta) over the AIR's constraints then
// the logUp ones, and Z_H(zeta) * sum_c zeta^(c*n) * Q_c(zeta) from the quotient openings.
// verify() requires them equal. Exposed for soundness tests (a prover lying about its openings
// solves this equation for them). Precondition: the openings have the AIR's shape.
struct OodSides {
  Ext3 constraints;
  Ext3 quotient;
};
OodSides evaluate_ood(const Air& air, const AirShape& shape, unsigned log_height,
                      const Openings& openings, std::span<const Fe> public_values,
                      std::span<const Fe> instance_values, const Ext3& bus_sum, const Ext3& alpha,
                      const Ext3& beta, const Ext3& gamma, const Ext3& zeta);

// decode_proof + verify.
Status verify_bytes(const VerificationKey& vk, std::span<const AirPtr> airs,
                    std::span<const std::uint8_t> proof_bytes,
                    std::span<const DirectTerm> direct_terms, const VerifierOptions& options = {});

}  // namespace ziskc::stark
