// ziskc::verify (contract in verify.h).
#include "verifier/verify.h"

#include <fmt/format.h>

#include "stark/verifier.h"
#include "verifier/statement.h"

namespace ziskc {

Result<VerifyResult> verify(const verifier::ProofFile& f, const verifier::VerificationKey* vk,
                            const VerifyOptions& options) {
  using verifier::digest_hex;
  const stark::Digest embedded = verifier::vk_digest(f.vk);
  if (vk != nullptr) {
    const stark::Digest expected = verifier::vk_digest(*vk);
    if (!(embedded == expected)) {
      return make_error(ErrorCode::kVerifyFailed,
                        "vk digest: the proof is for another program key ({}), not this one ({})",
                        digest_hex(embedded), digest_hex(expected));
    }
  }
  const verifier::VerificationKey& key = vk != nullptr ? *vk : f.vk;
  ZISKC_RETURN_IF_ERROR(verifier::check_vk_airs(key));
  const stark::Proof& p = f.proof;
  if (!(p.params == key.params)) {
    return make_error(ErrorCode::kVerifyFailed, "params: the proof states {}, the key fixes {}",
                      p.params.to_string(), key.params.to_string());
  }
  if (!(p.vk_digest == key.stark_vk.digest())) {
    return make_error(ErrorCode::kVerifyFailed,
                      "vk digest: the stark proof is for another AIR set or fixed roots");
  }
  const std::vector<stark::Fe> pv = verifier::public_values(f.outputs, embedded, f.steps);
  if (p.public_values != pv) {
    for (std::size_t i = 0; i < pv.size(); ++i) {
      if (i >= p.public_values.size() || !(p.public_values[i] == pv[i])) {
        return make_error(
            ErrorCode::kVerifyFailed,
            "public values: the stark proof's value {} is not the file's statement ({})", i,
            i < verifier::kNumOutputs       ? fmt::format("outputs[{}]", i)
            : i < verifier::kNumOutputs + 4 ? std::string("vk digest")
                                            : std::string("steps"));
      }
    }
    return make_error(ErrorCode::kVerifyFailed, "public values: {} values, expected {}",
                      p.public_values.size(), pv.size());
  }
  ZISKC_RETURN_IF_ERROR(verifier::check_instances(key.statement, p));
  const std::vector<stark::AirPtr> airs = verifier::make_airs(key.statement);
  ZISKC_ASSIGN_OR_RETURN(const std::vector<stark::DirectTerm> terms,
                         verifier::direct_terms(key.statement, f.outputs, f.steps));
  ZISKC_RETURN_IF_ERROR(stark::verify(key.stark_vk, airs, p, terms,
                                      {.min_security_bits = options.min_security_bits}));
  VerifyResult r;
  r.outputs = f.outputs;
  r.steps = f.steps;
  r.vk_digest = embedded;
  r.layout = key.statement.layout;
  r.num_instances = p.instances.size();
  return r;
}

Result<VerifyResult> verify(std::span<const std::uint8_t> proof_file,
                            const verifier::VerificationKey* vk, const VerifyOptions& options) {
  ZISKC_ASSIGN_OR_RETURN(verifier::ProofFile f, verifier::decode_proof_file(proof_file));
  return verify(f, vk, options);
}

}  // namespace ziskc
