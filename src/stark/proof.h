// The proof: what the prover sends, as plain data. The byte format (encode_proof /
// decode_proof, docs/STARK.md "Proof byte layout") is a versioned little-endian encoding of
// exactly these fields; decoding checks shapes and bounds only (kMalformedProof with the field
// path), verification (stark/verifier.h) checks everything else (kVerifyFailed).
//
// Instances appear in canonical order: air ids non-decreasing; an instance's index is its
// position among the instances of its AIR.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "base/status.h"
#include "stark/config.h"
#include "stark/params.h"

namespace ziskc::stark {

// A Merkle opening without its row index (the verifier knows which row it asked for).
struct TreeOpening {
  std::vector<Fe> values;
  std::vector<Digest> siblings;  // (arity - 1) per level, leaf level first
  friend bool operator==(const TreeOpening&, const TreeOpening&) = default;
};

struct QueryProof {
  // Trace trees at the queried row, in order: fixed (if the AIR has fixed columns), stage 1,
  // stage 2 (if the AIR has interactions), quotient.
  std::vector<TreeOpening> trees;
  // One opening per FRI round (the folding coset holding the query).
  std::vector<TreeOpening> fri_layers;
  friend bool operator==(const QueryProof&, const QueryProof&) = default;
};

// Evaluations of every committed base column at zeta and zeta * omega (quotient: zeta only).
struct Openings {
  std::vector<Ext3> fixed_z, fixed_zw, main_z, main_zw, stage2_z, stage2_zw, quotient_z;
  friend bool operator==(const Openings&, const Openings&) = default;
};

struct InstanceProof {
  std::uint32_t air_id = 0;
  std::uint32_t log_height = 0;
  std::vector<Fe> instance_values;
  Digest stage1_root;
  bool has_stage2 = false;
  Digest stage2_root;  // zero when !has_stage2
  Ext3 bus_sum;        // zero when !has_stage2
  Digest quotient_root;
  Openings openings;
  std::vector<Digest> fri_roots;  // one per FRI round
  std::vector<Ext3> final_poly;   // coefficients, low degree first
  std::uint64_t pow_nonce = 0;
  std::vector<QueryProof> queries;
  friend bool operator==(const InstanceProof&, const InstanceProof&) = default;
};

struct Proof {
  StarkParams params;
  Digest vk_digest;
  std::vector<Fe> public_values;
  std::vector<InstanceProof> instances;
  friend bool operator==(const Proof&, const Proof&) = default;
};

inline constexpr std::uint32_t kProofVersion = 2;
// Bounds the decoder applies before allocating (a proof beyond them is malformed).
inline constexpr std::size_t kMaxProofBytes = std::size_t{1} << 31;
inline constexpr std::size_t kMaxPublicValues = std::size_t{1} << 16;
inline constexpr std::size_t kMaxInstances = std::size_t{1} << 16;
inline constexpr std::size_t kMaxInstanceValues = std::size_t{1} << 12;
inline constexpr std::size_t kMaxOpenedValues = std::size_t{1} << 16;

std::vector<std::uint8_t> encode_proof(const Proof& proof);
// kMalformedProof "proof: instances[2].queries[17].fri_layers[1].siblings: ..." on any
// truncation, trailing byte, count beyond its bound, or field element >= p.
Result<Proof> decode_proof(std::span<const std::uint8_t> bytes);

}  // namespace ziskc::stark
