// Digests, row hashing (the "linear hash") and Merkle-node compression on top of Poseidon2,
// following ZisK's pil2-stark goldilocks library.
//
// State layout: [rate (W-4 elements) | capacity (4 elements)]; digests are state[0..4).
//  - hash_row<W>(row): rows of at most 4 elements are their own digest, zero-padded (no
//    permutation; ZisK's linear_hash does the same). Longer rows are absorbed in blocks of
//    W-4: the first block starts with a zero capacity, every later block starts with the
//    previous output's first 4 elements as capacity; a short last block is zero-padded. The
//    digest is the first 4 elements of the last output. No length padding: rows in one tree
//    all have the same length, fixed by the statement.
//  - compress2(a, b): permutation of [a, b, 0, 0, 0, 0] (W = 12), first 4 elements.
//  - compress4(a, b, c, d): permutation of [a, b, c, d] (W = 16), first 4 elements.
#pragma once

#include <array>
#include <cstddef>
#include <span>

#include "field/goldilocks.h"
#include "hash/poseidon2.h"

namespace ziskc::hash {

inline constexpr std::size_t kDigestSize = 4;

struct Digest {
  std::array<Fe, kDigestSize> v{};
  friend bool operator==(const Digest&, const Digest&) = default;
};

template <std::size_t W>
Digest hash_row(std::span<const Fe> row);

// Hashes eight rows of equal length at once with the 8-lane permutation.
template <std::size_t W>
void hash_rows_x8(const Fe* const rows[8], std::size_t len, Digest out[8]);
// Sixteen rows at once with Poseidon2<W>::permute_x16 (the faster batch on AVX-512).
template <std::size_t W>
void hash_rows_x16(const Fe* const rows[16], std::size_t len, Digest out[16]);

Digest compress2(const Digest& left, const Digest& right);
Digest compress4(const Digest& d0, const Digest& d1, const Digest& d2, const Digest& d3);

// Node of an arity-2 (W = 12) or arity-4 (W = 16) tree from its children, in order.
Digest compress_children(std::span<const Digest> children);

extern template Digest hash_row<8>(std::span<const Fe>);
extern template Digest hash_row<12>(std::span<const Fe>);
extern template Digest hash_row<16>(std::span<const Fe>);
extern template void hash_rows_x8<8>(const Fe* const[8], std::size_t, Digest[8]);
extern template void hash_rows_x8<12>(const Fe* const[8], std::size_t, Digest[8]);
extern template void hash_rows_x8<16>(const Fe* const[8], std::size_t, Digest[8]);
extern template void hash_rows_x16<8>(const Fe* const[16], std::size_t, Digest[16]);
extern template void hash_rows_x16<12>(const Fe* const[16], std::size_t, Digest[16]);
extern template void hash_rows_x16<16>(const Fe* const[16], std::size_t, Digest[16]);

}  // namespace ziskc::hash
