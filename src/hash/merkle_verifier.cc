// Merkle opening verification (see merkle_verifier.h for the checks and error codes).
#include "hash/merkle_verifier.h"

#include <array>

namespace ziskc::hash {

Result<MerkleTreeVerifier> MerkleTreeVerifier::create(std::size_t width, std::size_t height,
                                                      unsigned arity) {
  if (arity != 2 && arity != 4) {
    return make_error(ErrorCode::kInvalidArgument, "merkle: arity must be 2 or 4, got {}", arity);
  }
  if (height == 0 || height > kMaxMerkleHeight) {
    return make_error(ErrorCode::kInvalidArgument, "merkle: height {} not in [1, 2^32]", height);
  }
  MerkleTreeVerifier v;
  v.width_ = width;
  v.height_ = height;
  v.arity_ = arity;
  v.num_levels_ = merkle_num_levels(height, arity);
  return v;
}

Status MerkleTreeVerifier::verify(const Digest& root, std::uint64_t expected_index,
                                  const MerkleOpening& o) const {
  if (o.index != expected_index) {
    return make_error(ErrorCode::kVerifyFailed,
                      "merkle opening: index {} does not match the queried row {}", o.index,
                      expected_index);
  }
  if (o.index >= height_) {
    return make_error(ErrorCode::kMalformedProof,
                      "merkle opening of row {}: index out of range (height {})", o.index, height_);
  }
  if (o.values.size() != width_) {
    return make_error(ErrorCode::kMalformedProof,
                      "merkle opening of row {}: expected {} values, got {}", o.index, width_,
                      o.values.size());
  }
  const std::size_t per_level = arity_ - 1;
  if (o.siblings.size() != num_levels_ * per_level) {
    return make_error(ErrorCode::kMalformedProof,
                      "merkle opening of row {}: expected {} siblings ({} levels x {}), got {}",
                      o.index, num_levels_ * per_level, num_levels_, per_level, o.siblings.size());
  }
  Digest cur = arity_ == 2 ? hash_row<12>(o.values) : hash_row<16>(o.values);
  std::uint64_t idx = o.index;
  std::uint64_t level_size = height_;  // real (unpadded) nodes on this level
  for (std::size_t l = 0; l < num_levels_; ++l) {
    const std::uint64_t pos = idx % arity_;
    const std::uint64_t first = idx - pos;
    std::array<Digest, 4> children;
    std::size_t s = l * per_level;
    for (std::uint64_t c = 0; c < arity_; ++c) {
      if (c == pos) {
        children[c] = cur;
        continue;
      }
      const Digest& sib = o.siblings[s++];
      // Positions past the end of the level are zero padding in every honest tree.
      if (first + c >= level_size && !(sib == Digest{})) {
        return make_error(ErrorCode::kMalformedProof,
                          "merkle opening of row {}: level {}: sibling at position {} is "
                          "padding and must be zero",
                          o.index, l, first + c);
      }
      children[c] = sib;
    }
    cur = compress_children(std::span<const Digest>(children.data(), arity_));
    idx /= arity_;
    level_size = (level_size + arity_ - 1) / arity_;
  }
  if (!(cur == root)) {
    return make_error(ErrorCode::kVerifyFailed,
                      "merkle opening of row {}: path does not reach the root ({} levels)", o.index,
                      num_levels_);
  }
  return Status::ok();
}

Status MerkleTreeVerifier::verify_all(const Digest& root,
                                      std::span<const std::uint64_t> expected_indices,
                                      std::span<const MerkleOpening> openings) const {
  if (expected_indices.size() != openings.size()) {
    return make_error(ErrorCode::kMalformedProof, "merkle: expected {} openings, got {}",
                      expected_indices.size(), openings.size());
  }
  for (std::size_t q = 0; q < openings.size(); ++q) {
    Status st = verify(root, expected_indices[q], openings[q]);
    if (!st.is_ok()) return st.within(fmt::format("query {}", q));
  }
  return Status::ok();
}

}  // namespace ziskc::hash
