// Merkle tree over the rows of a row-major matrix (prover half). The verifier half is
// hash/merkle_verifier.h and shares only the shape rules declared here.
//
// Shape (same as pil2-stark's MerkleTreeGL / Poseidon2Goldilocks::merkletree):
//  - leaf i = hash_row<W>(row i); arity 2 uses Poseidon2 W = 12 (node = compress2), arity 4
//    uses W = 16 (node = compress4) for both leaves and nodes;
//  - each level is padded with zero digests to a multiple of the arity, then every group of
//    `arity` consecutive digests is compressed into one parent; the root is the single node
//    of the last level (height 1: the root is the leaf digest).
// Layout: all levels in one vector, leaf level first, each level contiguous and padded, so the
// `arity` children of a node are adjacent (one or two cache lines) and level building streams
// memory. Opening row i yields, per level from the leaves up, the arity - 1 siblings of the
// current node in child order (skipping the node itself).
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "base/status.h"
#include "hash/sponge.h"

namespace ziskc::hash {

struct MerkleOpening {
  std::uint64_t index = 0;       // opened row
  std::vector<Fe> values;        // the row's `width` values
  std::vector<Digest> siblings;  // (arity - 1) per level, leaf level first
};

// Largest supported number of rows (the field's two-adicity bounds every evaluation domain).
inline constexpr std::uint64_t kMaxMerkleHeight = std::uint64_t{1} << 32;

// Number of compression levels above the leaves for `height` leaves (0 when height == 1).
std::size_t merkle_num_levels(std::uint64_t height, unsigned arity);

class MerkleTree {
 public:
  // Hashes the rows (in parallel, 8 rows per batched permutation) and builds every level.
  // `values` is height x width, row-major, and must outlive the tree: openings copy rows out
  // of it. Errors (kInvalidArgument): arity not 2 or 4, height 0 or > 2^32, size mismatch.
  static Result<MerkleTree> build(std::span<const Fe> values, std::size_t width, std::size_t height,
                                  unsigned arity);
  // A tree whose nodes build() computed earlier (the prover's on-disk table cache): `nodes` must
  // have build()'s layout for (height, arity) and is not re-hashed, so the caller vouches for it
  // (the cache checks a SHA-256 of its file). kInvalidArgument on a shape mismatch.
  static Result<MerkleTree> from_nodes(std::span<const Fe> values, std::size_t width,
                                       std::size_t height, unsigned arity,
                                       std::vector<Digest> nodes);
  // Every node, leaf level first (build()'s layout).
  std::span<const Digest> nodes() const { return nodes_; }

  const Digest& root() const { return nodes_.back(); }
  std::size_t width() const { return width_; }
  std::size_t height() const { return height_; }
  unsigned arity() const { return arity_; }
  std::size_t num_levels() const { return level_offset_.size() - 1; }
  // Digest of node `i` on `level` (0 = leaves); i may address a zero padding node.
  const Digest& node(std::size_t level, std::size_t i) const;

  // Openings of the given rows, in the given order. kInvalidArgument if a row is out of range.
  Result<std::vector<MerkleOpening>> open(std::span<const std::uint64_t> rows) const;
  MerkleOpening open_row(std::uint64_t row) const;  // row < height (checked)

 private:
  MerkleTree() = default;
  std::span<const Fe> values_;
  std::size_t width_ = 0;
  std::size_t height_ = 0;
  unsigned arity_ = 4;
  std::vector<Digest> nodes_;
  std::vector<std::size_t> level_offset_;  // start of each level in nodes_; last entry = root
};

}  // namespace ziskc::hash
