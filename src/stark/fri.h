// FRI over the LDE coset, folding by 2^k per round (docs/STARK.md "FRI").
//
// Layer i is a vector of Ext3 evaluations on the coset s_i * <omega_{M_i}> (s_0 = kLdeShift,
// M_0 = 2^(log_degree + log_blowup), natural order). Round i commits layer i with one Merkle
// leaf per folding coset: leaf r (r < R_i = M_i / 2^k) holds the values at indices
// r + j * R_i, j = 0 .. 2^k - 1 (the points x_r * omega_{2^k}^j, x_r = s_i * omega_{M_i}^r),
// 3 base elements per value. The round's challenge beta_i folds each coset to one value of
// layer i+1 at index r (point x_r^(2^k)), by k binary folds with beta_i, beta_i^2, ...:
//   f'(y^2) = (f(y) + f(-y)) / 2 + beta * (f(y) - f(-y)) / (2y).
// Rounds continue while the degree bound exceeds 2^log_final_degree (the last round may fold
// by less than 2^log_fold); the final layer is sent as its 2^log_final coefficients.
// A query at index q of layer 0 opens leaf q mod R_0, checks the value at position q / R_0,
// folds, and continues at index q mod R_0 of layer 1; the final value must equal the final
// polynomial at the query's point.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "base/status.h"
#include "hash/merkle.h"
#include "hash/merkle_verifier.h"
#include "hash/transcript.h"
#include "poly/matrix.h"
#include "stark/config.h"
#include "stark/params.h"
#include "stark/proof.h"

namespace ziskc::stark {

struct FriLayout {
  unsigned log_degree = 0;  // degree bound of layer 0 (2^log_degree)
  unsigned log_blowup = 1;
  std::vector<unsigned> fold_bits;  // k per round
  unsigned log_final_degree = 0;    // the final polynomial has 2^x coefficients

  std::size_t num_rounds() const { return fold_bits.size(); }
  unsigned log_domain(std::size_t round) const;  // log M_round (round == num_rounds: final)
  Fe domain_shift(std::size_t round) const;
};

FriLayout fri_layout(unsigned log_degree, const StarkParams& p);

class FriProver {
 public:
  // Commits every round of `layer0` (the DEEP polynomial on the LDE coset), absorbing each
  // root and squeezing each beta from `t`, then absorbs the final polynomial. Fills `roots`
  // and `final_poly`. kInternal if the layer is not of the stated degree, unless
  // truncate_for_tests (soundness tests: a cheating prover sends the truncated final layer).
  static Result<FriProver> commit(std::vector<Ext3> layer0, const FriLayout& layout,
                                  hash::Transcript& t, std::vector<Digest>& roots,
                                  std::vector<Ext3>& final_poly, bool truncate_for_tests = false);
  // The round openings of a layer-0 query index.
  std::vector<TreeOpening> open(std::uint64_t query) const;

 private:
  FriLayout layout_;
  std::vector<poly::RowMajorMatrix> layers_;  // committed leaf matrices, one per round
  std::vector<hash::MerkleTree> trees_;
};

class FriVerifier {
 public:
  // kMalformedProof when the proof's round count or final polynomial size do not match.
  static Result<FriVerifier> create(const FriLayout& layout, std::span<const Digest> roots,
                                    std::span<const Ext3> final_poly);
  // Replays the transcript steps of FriProver::commit (absorb root, squeeze beta; absorb the
  // final polynomial).
  void replay(hash::Transcript& t);
  // Checks one query: `value` is layer 0 at index `query` (the DEEP value the verifier computed).
  // kVerifyFailed naming the FRI round (and the Merkle level via the tree verifier). With
  // check_merkle = false the caller has checked the layer openings' paths (verify_layer_paths).
  Status verify_query(std::uint64_t query, Ext3 value, std::span<const TreeOpening> layers,
                      bool check_merkle = true) const;
  // The Merkle paths of round `round` for every query at once (batched); result[q] names the
  // round.
  std::vector<Status> verify_layer_paths(std::size_t round, std::span<const std::uint64_t> queries,
                                         std::span<const QueryProof> proofs) const;

 private:
  FriLayout layout_;
  std::vector<Digest> roots_;
  std::vector<Ext3> final_poly_;
  std::vector<Ext3> betas_;
  std::vector<hash::MerkleTreeVerifier> trees_;
};

// Folds the 2^k values vals[j] = f(x * omega_{2^k}^j) to f_folded(x^(2^k)); x_inv = 1/x.
// vals is overwritten.
Ext3 fold_coset(std::span<Ext3> vals, Fe x_inv, Ext3 beta, unsigned k);

}  // namespace ziskc::stark
