// Verifier half of the Merkle tree (hash/merkle.h): checks openings against a root. Depends
// only on hashing, never on the prover-side tree.
//
// The tree shape (width, height, arity) comes from the statement, never from the opening.
// Every failure is a Status naming the row, and where it applies the level and position:
//   kMalformedProof  wrong number of values or siblings, index out of range, non-zero padding
//   kVerifyFailed    the recomputed path does not reach the root
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

#include "base/status.h"
#include "hash/merkle.h"

namespace ziskc::hash {

class MerkleTreeVerifier {
 public:
  // kInvalidArgument for arity not in {2, 4} or height not in [1, 2^32].
  static Result<MerkleTreeVerifier> create(std::size_t width, std::size_t height, unsigned arity);

  // Checks one opening against `root`; `expected_index` is the row the verifier queried
  // (the opening's own index must equal it).
  Status verify(const Digest& root, std::uint64_t expected_index,
                const MerkleOpening& opening) const;

  // Checks openings[q] against expected_indices[q] for every q.
  Status verify_all(const Digest& root, std::span<const std::uint64_t> expected_indices,
                    std::span<const MerkleOpening> openings) const;

  std::size_t num_levels() const { return num_levels_; }

 private:
  MerkleTreeVerifier() = default;
  std::size_t width_ = 0;
  std::size_t height_ = 0;
  unsigned arity_ = 4;
  std::size_t num_levels_ = 0;
};

}  // namespace ziskc::hash
