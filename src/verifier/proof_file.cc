// The proof file (layout in proof_file.h).
#include "verifier/proof_file.h"

#include <fmt/format.h>

#include <cstring>

#include "verifier/codec.h"

namespace ziskc::verifier {
namespace {
constexpr char kMagic[8] = {'Z', 'I', 'S', 'K', 'C', 'P', 'F', '1'};
}  // namespace

std::vector<std::uint8_t> encode_proof_file(const ProofFile& f) {
  base::ByteWriter w;
  w.bytes({reinterpret_cast<const std::uint8_t*>(kMagic), sizeof kMagic});
  w.u32(kProofFileVersion);
  const std::vector<std::uint8_t> vk = encode_vk(f.vk);
  w.u32(static_cast<std::uint32_t>(vk.size()));
  w.bytes(vk);
  internal::put_digest(w, vk_digest(f.vk));
  w.u64(f.steps);
  for (std::uint32_t v : f.outputs) w.u32(v);
  const std::vector<std::uint8_t> stark = stark::encode_proof(f.proof);
  w.u64(stark.size());
  w.bytes(stark);
  return w.take();
}

Result<ProofFile> decode_proof_file(std::span<const std::uint8_t> bytes) {
  internal::Reader r(bytes, "proof file", ErrorCode::kMalformedProof);
  ZISKC_ASSIGN_OR_RETURN(auto magic, r.bytes("magic", sizeof kMagic));
  if (std::memcmp(magic.data(), kMagic, sizeof kMagic) != 0) {
    return Status(ErrorCode::kMalformedProof, "proof file: magic: not a ziskc proof");
  }
  ZISKC_ASSIGN_OR_RETURN(std::uint32_t version, r.u32("version"));
  if (version != kProofFileVersion) {
    return r.fail("version", fmt::format("version {} is not supported (this ziskc reads {})",
                                         version, kProofFileVersion));
  }
  ProofFile f;
  ZISKC_ASSIGN_OR_RETURN(std::size_t vk_len, r.count("vk", kMaxVkBytes, 1));
  ZISKC_ASSIGN_OR_RETURN(auto vk_bytes, r.bytes("vk", vk_len));
  Result<VerificationKey> vk = decode_vk(vk_bytes);
  if (!vk) {
    return Status(ErrorCode::kMalformedProof, "proof file: " + vk.status().message());
  }
  f.vk = std::move(vk).value();
  ZISKC_ASSIGN_OR_RETURN(stark::Digest stated, r.digest("vk_digest"));
  if (!(stated == vk_digest(f.vk))) {
    return r.fail("vk_digest", "does not match the embedded verification key");
  }
  ZISKC_ASSIGN_OR_RETURN(f.steps, r.u64("steps"));
  for (std::size_t i = 0; i < kNumOutputs; ++i) {
    ZISKC_ASSIGN_OR_RETURN(f.outputs[i], r.u32(fmt::format("outputs[{}]", i)));
  }
  ZISKC_ASSIGN_OR_RETURN(std::uint64_t stark_len, r.u64("stark"));
  if (stark_len != r.remaining()) {
    return r.fail("stark", fmt::format("length {} but {} bytes follow", stark_len, r.remaining()));
  }
  ZISKC_ASSIGN_OR_RETURN(auto stark_bytes, r.bytes("stark", stark_len));
  Result<stark::Proof> proof = stark::decode_proof(stark_bytes);
  if (!proof) {
    return Status(ErrorCode::kMalformedProof, "proof file: stark: " + proof.status().message());
  }
  f.proof = std::move(proof).value();
  return f;
}

}  // namespace ziskc::verifier
