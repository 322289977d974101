// Setup: the proving key (AIRs, their shapes, committed fixed columns) and the verification key
// (AIR identities and fixed-column roots). Fixed columns are committed once per
// (AIR, log height) the statement offers; their LDE and Merkle tree live in the proving key,
// which can be cached, and their roots in the verification key, whose digest the transcript
// absorbs first (so a proof is bound to one program / table set).
//
// Invariant: ProvingKey::shapes[i] is analyze_air(airs[i]) under params.max_constraint_degree().
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "base/status.h"
#include "hash/merkle.h"
#include "poly/matrix.h"
#include "stark/air.h"
#include "stark/params.h"
#include "stark/proof.h"
#include "stark/shape.h"

namespace ziskc::stark {

struct FixedSpec {
  std::uint32_t air_id = 0;
  std::uint32_t log_height = 0;
};

struct FixedRoot {
  std::uint32_t air_id = 0;
  std::uint32_t log_height = 0;
  Digest root;
  friend bool operator==(const FixedRoot&, const FixedRoot&) = default;
};

struct AirId {
  std::string name;
  std::uint32_t num_main = 0, num_fixed = 0, num_public_values = 0, num_instance_values = 0;
  friend bool operator==(const AirId&, const AirId&) = default;
};

struct VerificationKey {
  std::vector<AirId> airs;
  std::vector<FixedRoot> fixed_roots;  // sorted by (air_id, log_height)
  // Poseidon2 digest of the airs (names, widths) and the fixed roots.
  Digest digest() const;
  const FixedRoot* find_fixed(std::uint32_t air_id, std::uint32_t log_height) const;
  friend bool operator==(const VerificationKey&, const VerificationKey&) = default;
};

// Rows of a w-column LDE that share one Merkle leaf: the largest power of two k <= 8 with
// k * w <= 12 (one W16 absorption), at least 1. Narrow matrices (stage 2, quotient, tables)
// then cost one permutation per k rows instead of one per row. Leaf r of an N-row LDE holds
// rows r + j * (N / k), j = 0 .. k-1, concatenated (the same strided grouping as FRI).
std::size_t rows_per_leaf(std::size_t width);
// Rows per leaf of a stage-1 (witness) commitment: max(2, rows_per_leaf(width)), grouped
// consecutively: leaf r holds LDE rows k r .. k r + k - 1, so the leaves are the LDE matrix
// itself read as N/k rows of k w values (no copy). Two rows of a wide trace share one sponge,
// which saves the padding of the last absorption and halves the node count: 64 columns cost
// 5.5 + 1/6 permutations per row instead of 6 + 1/3, 29 columns 2.5 + 1/6 instead of 3 + 1/3
// (an opening carries 2w values and one level fewer). Stage-2 and quotient trees use
// rows_per_leaf with the consecutive grouping too; fixed trees (also built by the prover's
// table cache) keep the strided one.
std::size_t stage1_rows_per_leaf(std::size_t width);

// A column set committed on the LDE coset: its values on the trace domain H (kept for the
// out-of-domain openings), its LDE and the Merkle tree of its leaves.
struct CommittedTrace {
  unsigned log_height = 0;
  poly::RowMajorMatrix trace;  // n x w
  poly::RowMajorMatrix lde;    // N = (n << log_blowup) x w, natural order
  std::size_t rows_per_leaf = 1;
  // Leaf r holds rows k r + j (true; the tree hashes lde directly) or rows r + j N / k (false).
  bool consecutive_leaves = false;
  poly::RowMajorMatrix leaves;  // (N / k) x (k * w) when k > 1 and strided (else lde is hashed)
  std::unique_ptr<hash::MerkleTree> tree;
  const Digest& root() const { return tree->root(); }
  // The opening of the leaf holding LDE row q (its k rows' values and the path).
  TreeOpening open(std::uint64_t q) const;
};

// Groups the rows of c.lde into leaves of k = min(rows_per_leaf, rows) rows and builds c.tree
// (rows_per_leaf a power of two; the default: keys.h rows_per_leaf of the width).
Status build_tree(CommittedTrace& c);
Status build_tree(CommittedTrace& c, std::size_t rows_per_leaf, bool consecutive = false);

// LDE (coset kLdeShift, natural order) + Merkle tree (arity kMerkleArity) of a trace.
Result<CommittedTrace> commit_trace(poly::RowMajorMatrix trace, unsigned log_blowup);

struct ProvingKey {
  StarkParams params;
  std::vector<AirPtr> airs;
  std::vector<AirShape> shapes;
  VerificationKey vk;
  Digest vk_digest;
  std::vector<std::uint32_t> fixed_air, fixed_log;  // parallel to fixed
  std::vector<std::unique_ptr<CommittedTrace>> fixed;
  const CommittedTrace* find_fixed(std::uint32_t air_id, std::uint32_t log_height) const;
};

// Analyses every AIR (degree bound from params) and commits the fixed columns of every
// (air, log height) in fixed_specs (each AIR with fixed columns needs at least one).
Result<ProvingKey> setup(std::vector<AirPtr> airs, const StarkParams& params,
                         std::span<const FixedSpec> fixed_specs);

// The AIR identity list the verification key holds for a set of AIRs.
std::vector<AirId> air_ids(std::span<const AirPtr> airs);

}  // namespace ziskc::stark
