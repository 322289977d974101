// FRI prover and verifier (protocol in fri.h).
#include "stark/fri.h"

#include <array>

#include "base/parallel.h"
#include "poly/ntt.h"
#include "stark/merkle_batch.h"

namespace ziskc::stark {
namespace {

constexpr Fe kInv2 = Fe::from_canonical((Fe::kP + 1) / 2);

// 1 / omega_{2^l} for l <= 32.
Fe inv_root(unsigned l) {
  static const std::array<Fe, 33> table = [] {
    std::array<Fe, 33> t{};
    for (unsigned i = 0; i <= 32; ++i) t[i] = Fe::two_adic_root(i).inverse();
    return t;
  }();
  return table[l];
}

Ext3 ext_at(std::span<const Fe> v, std::size_t i) {
  return Ext3(v[3 * i], v[3 * i + 1], v[3 * i + 2]);
}

}  // namespace

unsigned FriLayout::log_domain(std::size_t round) const {
  unsigned l = log_degree + log_blowup;
  for (std::size_t i = 0; i < round; ++i) l -= fold_bits[i];
  return l;
}

Fe FriLayout::domain_shift(std::size_t round) const {
  Fe s = kLdeShift;
  for (std::size_t i = 0; i < round; ++i) {
    for (unsigned b = 0; b < fold_bits[i]; ++b) s = s.square();
  }
  return s;
}

FriLayout fri_layout(unsigned log_degree, const StarkParams& p) {
  FriLayout l;
  l.log_degree = log_degree;
  l.log_blowup = p.log_blowup;
  unsigned d = log_degree;
  while (d > p.log_final_degree) {
    const unsigned k = std::min<unsigned>(p.log_fold, d - p.log_final_degree);
    l.fold_bits.push_back(k);
    d -= k;
  }
  l.log_final_degree = d;
  return l;
}

Ext3 fold_coset(std::span<Ext3> vals, Fe x_inv, Ext3 beta, unsigned k) {
  std::size_t size = std::size_t{1} << k;
  unsigned log_size = k;
  for (unsigned s = 0; s < k; ++s) {
    const std::size_t half = size / 2;
    const Fe w_inv = inv_root(log_size);
    Fe y_inv = x_inv * kInv2;
    for (std::size_t j = 0; j < half; ++j) {
      const Ext3 a = vals[j], c = vals[j + half];
      vals[j] = (a + c) * kInv2 + beta * ((a - c) * y_inv);
      y_inv *= w_inv;
    }
    x_inv = x_inv.square();
    beta = beta.square();
    size = half;
    --log_size;
  }
  return vals[0];
}

Result<FriProver> FriProver::commit(std::vector<Ext3> layer, const FriLayout& layout,
                                    hash::Transcript& t, std::vector<Digest>& roots,
                                    std::vector<Ext3>& final_poly, bool truncate_for_tests) {
  FriProver p;
  p.layout_ = layout;
  p.layers_.reserve(layout.num_rounds());
  p.trees_.reserve(layout.num_rounds());
  roots.clear();
  for (std::size_t i = 0; i < layout.num_rounds(); ++i) {
    const unsigned k = layout.fold_bits[i];
    const std::size_t m = std::size_t{1} << layout.log_domain(i);
    ZISKC_CHECK(layer.size() == m, "fri: layer size");
    const std::size_t width = std::size_t{1} << k;
    const std::size_t rows = m >> k;
    auto leaves = poly::RowMajorMatrix::zeros(rows, 3 * width);
    base::parallel_for_chunks(0, rows, 1024, [&](std::size_t lo, std::size_t hi) {
      for (std::size_t r = lo; r < hi; ++r) {
        Fe* out = leaves.values.data() + r * 3 * width;
        for (std::size_t j = 0; j < width; ++j) {
          const auto& c = layer[r + j * rows].coeffs();
          out[3 * j] = c[0];
          out[3 * j + 1] = c[1];
          out[3 * j + 2] = c[2];
        }
      }
    });
    p.layers_.push_back(std::move(leaves));
    const poly::RowMajorMatrix& lm = p.layers_.back();
    ZISKC_ASSIGN_OR_RETURN(hash::MerkleTree tree,
                           hash::MerkleTree::build(lm.values, lm.cols, lm.rows, kMerkleArity));
    roots.push_back(tree.root());
    p.trees_.push_back(std::move(tree));
    t.absorb(roots.back());
    const Ext3 beta = t.squeeze_ext3();
    // Fold every coset.
    std::vector<Ext3> next(rows);
    const Fe shift_inv = layout.domain_shift(i).inverse();
    const Fe w_inv = inv_root(layout.log_domain(i));
    base::parallel_for_chunks(0, rows, 1024, [&](std::size_t lo, std::size_t hi) {
      std::vector<Ext3> vals(width);
      Fe x_inv = shift_inv * w_inv.pow(lo);
      for (std::size_t r = lo; r < hi; ++r) {
        for (std::size_t j = 0; j < width; ++j) vals[j] = layer[r + j * rows];
        next[r] = fold_coset(vals, x_inv, beta, k);
        x_inv *= w_inv;
      }
    });
    layer = std::move(next);
  }
  // Final polynomial: coefficients of the last layer (a coset interpolation).
  const unsigned log_m = layout.log_domain(layout.num_rounds());
  const std::size_t m = std::size_t{1} << log_m;
  ZISKC_CHECK(layer.size() == m, "fri: final layer size");
  auto coeffs = poly::RowMajorMatrix::zeros(m, 3);
  for (std::size_t i = 0; i < m; ++i) {
    for (int e = 0; e < 3; ++e) coeffs.at(i, e) = layer[i][e];
  }
  poly::intt_columns(coeffs);
  const Fe shift_inv = layout.domain_shift(layout.num_rounds()).inverse();
  const std::size_t keep = std::size_t{1} << layout.log_final_degree;
  final_poly.assign(keep, Ext3());
  Fe s = Fe::one();
  for (std::size_t i = 0; i < m; ++i) {
    const Ext3 c(coeffs.at(i, 0) * s, coeffs.at(i, 1) * s, coeffs.at(i, 2) * s);
    if (i < keep) {
      final_poly[i] = c;
    } else if (!c.is_zero() && !truncate_for_tests) {
      return make_error(ErrorCode::kInternal,
                        "fri: final layer has degree >= 2^{} (the committed polynomial is not "
                        "low-degree)",
                        layout.log_final_degree);
    }
    s *= shift_inv;
  }
  for (const Ext3& c : final_poly) t.absorb(c);
  return p;
}

std::vector<TreeOpening> FriProver::open(std::uint64_t query) const {
  std::vector<TreeOpening> out;
  for (std::size_t i = 0; i < layout_.num_rounds(); ++i) {
    const std::uint64_t rows = layers_[i].rows;
    query %= rows;
    hash::MerkleOpening o = trees_[i].open_row(query);
    out.push_back({std::move(o.values), std::move(o.siblings)});
  }
  return out;
}

Result<FriVerifier> FriVerifier::create(const FriLayout& layout, std::span<const Digest> roots,
                                        std::span<const Ext3> final_poly) {
  if (roots.size() != layout.num_rounds()) {
    return make_error(ErrorCode::kMalformedProof, "fri_roots: expected {} roots, got {}",
                      layout.num_rounds(), roots.size());
  }
  if (final_poly.size() != (std::size_t{1} << layout.log_final_degree)) {
    return make_error(ErrorCode::kMalformedProof, "final_poly: expected {} coefficients, got {}",
                      std::size_t{1} << layout.log_final_degree, final_poly.size());
  }
  FriVerifier v;
  v.layout_ = layout;
  v.roots_.assign(roots.begin(), roots.end());
  v.final_poly_.assign(final_poly.begin(), final_poly.end());
  for (std::size_t i = 0; i < layout.num_rounds(); ++i) {
    const std::size_t rows = std::size_t{1} << (layout.log_domain(i) - layout.fold_bits[i]);
    ZISKC_ASSIGN_OR_RETURN(
        hash::MerkleTreeVerifier tv,
        hash::MerkleTreeVerifier::create(3u << layout.fold_bits[i], rows, kMerkleArity));
    v.trees_.push_back(std::move(tv));
  }
  return v;
}

void FriVerifier::replay(hash::Transcript& t) {
  betas_.clear();
  for (const Digest& r : roots_) {
    t.absorb(r);
    betas_.push_back(t.squeeze_ext3());
  }
  for (const Ext3& c : final_poly_) t.absorb(c);
}

std::vector<Status> FriVerifier::verify_layer_paths(std::size_t round,
                                                    std::span<const std::uint64_t> queries,
                                                    std::span<const QueryProof> proofs) const {
  std::vector<std::uint64_t> rows(queries.size());
  std::vector<const TreeOpening*> ops(queries.size());
  for (std::size_t q = 0; q < queries.size(); ++q) {
    std::uint64_t r = queries[q];
    for (std::size_t i = 0; i <= round; ++i) {
      r %= std::uint64_t{1} << (layout_.log_domain(i) - layout_.fold_bits[i]);
    }
    rows[q] = r;
    ops[q] = &proofs[q].fri_layers[round];
  }
  const std::size_t height = std::size_t{1}
                             << (layout_.log_domain(round) - layout_.fold_bits[round]);
  std::vector<Status> out = verify_openings(
      trees_[round], std::size_t{3} << layout_.fold_bits[round], height, roots_[round], rows, ops);
  for (Status& st : out) {
    if (!st.is_ok()) st = st.within(fmt::format("fri round {}", round));
  }
  return out;
}

Status FriVerifier::verify_query(std::uint64_t query, Ext3 value,
                                 std::span<const TreeOpening> layers, bool check_merkle) const {
  if (layers.size() != layout_.num_rounds()) {
    return make_error(ErrorCode::kMalformedProof, "fri_layers: expected {} openings, got {}",
                      layout_.num_rounds(), layers.size());
  }
  std::vector<Ext3> vals;
  for (std::size_t i = 0; i < layout_.num_rounds(); ++i) {
    const unsigned k = layout_.fold_bits[i];
    const unsigned log_m = layout_.log_domain(i);
    const std::uint64_t rows = std::uint64_t{1} << (log_m - k);
    const std::uint64_t r = query % rows;
    const std::uint64_t pos = query / rows;
    const TreeOpening& op = layers[i];
    if (check_merkle) {
      hash::MerkleOpening mo{r, op.values, op.siblings};
      Status st = trees_[i].verify(roots_[i], r, mo);
      if (!st.is_ok()) return st.within(fmt::format("fri round {}", i));
    }
    vals.resize(std::size_t{1} << k);
    for (std::size_t j = 0; j < vals.size(); ++j) vals[j] = ext_at(op.values, j);
    if (!(vals[pos] == value)) {
      return make_error(ErrorCode::kVerifyFailed,
                        "fri round {}: opened value at position {} differs from the {}", i, pos,
                        i == 0 ? "DEEP value" : "folded value of the previous round");
    }
    // x_r = shift_i * omega_M^r.
    const Fe x = layout_.domain_shift(i) * Fe::two_adic_root(log_m).pow(r);
    value = fold_coset(vals, x.inverse(), betas_[i], k);
    query = r;
  }
  const unsigned log_m = layout_.log_domain(layout_.num_rounds());
  const Fe x = layout_.domain_shift(layout_.num_rounds()) * Fe::two_adic_root(log_m).pow(query);
  Ext3 acc;
  for (std::size_t i = final_poly_.size(); i-- > 0;) acc = acc * x + final_poly_[i];
  if (!(acc == value)) {
    return make_error(ErrorCode::kVerifyFailed,
                      "fri final polynomial: value at the query point differs from the last fold");
  }
  return Status::ok();
}

}  // namespace ziskc::stark
