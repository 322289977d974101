// The concrete STARK engine, fixed once here (STYLE.md): base field Goldilocks, challenges in
// the cubic extension F_p[X]/(X^3 - X - 1), Poseidon2 width 16 for rows, Merkle nodes
// (arity 4) and the Fiat-Shamir transcript, LDE on the coset shift * <omega> with
// shift = 7 (the multiplicative generator, outside every power-of-two subgroup).
// The protocol parameters that a proof states (blowup, folding, final degree, grinding,
// queries) live in stark/params.h.
#pragma once

#include <cstddef>
#include <cstdint>

#include "field/ext3.h"
#include "field/goldilocks.h"
#include "hash/sponge.h"

namespace ziskc::stark {

using field::Ext3;
using field::Fe;
using hash::Digest;

// Merkle trees: arity 4, Poseidon2 W16 for leaves and nodes (hash/merkle.h).
inline constexpr unsigned kMerkleArity = 4;
// Coset shift of every LDE domain.
inline constexpr Fe kLdeShift = Fe::from_canonical(Fe::kGenerator);
// Largest instance height 2^kMaxLogHeight and largest LDE domain the engine accepts.
inline constexpr unsigned kMaxLogHeight = 26;
inline constexpr unsigned kMaxLogDomain = 30;
// Transcript label (domain separation of the whole protocol).
inline constexpr const char* kTranscriptLabel = "ziskc-stark-v1";
// Bits of the challenge field (|Ext3| = p^3 ~ 2^192).
inline constexpr unsigned kChallengeFieldBits = 192;

}  // namespace ziskc::stark
