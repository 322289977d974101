// Batched verification of Merkle openings (arity 4, Poseidon2 W16: the engine's trees): eight
// openings of one tree at a time through the 8-lane permutation, which is what makes the
// verifier fast (a query opens ~10 paths). The tree shape rules are hash/merkle.h's; any
// opening that does not check out is re-verified with hash::MerkleTreeVerifier, so every
// failure carries that verifier's exact message (row, level, position).
//
// Precondition (the verifier's shape pass): every opening has `width` values and
// merkle_num_levels(height, 4) * 3 siblings, and every index is < height.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "base/status.h"
#include "hash/merkle_verifier.h"
#include "stark/proof.h"

namespace ziskc::stark {

// result[q] is the status of openings[q] at row indices[q].
std::vector<Status> verify_openings(const hash::MerkleTreeVerifier& verifier, std::size_t width,
                                    std::size_t height, const Digest& root,
                                    std::span<const std::uint64_t> indices,
                                    std::span<const TreeOpening* const> openings);

}  // namespace ziskc::stark
