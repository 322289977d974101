// The verifier (contract in verifier.h, protocol in docs/STARK.md).
#include "stark/verifier.h"

#include <fmt/format.h>

#include "base/parallel.h"
#include "hash/merkle_verifier.h"
#include "poly/domain.h"
#include "stark/fri.h"
#include "stark/merkle_batch.h"
#include "stark/protocol.h"
#include "stark/shape.h"

namespace ziskc::stark {
namespace {

Status malformed(std::string path, std::string_view what, std::size_t expected, std::size_t got) {
  return make_error(ErrorCode::kMalformedProof, "proof: {}: {}: expected {}, got {}", path, what,
                    expected, got);
}

struct TreeShape {
  const char* name;
  std::size_t width;  // columns
  std::size_t k;      // LDE rows per leaf (keys.h rows_per_leaf, stage1_rows_per_leaf)
  bool consecutive;   // leaf r holds rows k r .. k r + k - 1 (else rows r + j N / k)
  std::size_t leaf_width() const { return k * width; }
  // The leaf holding LDE row q of `big`, and q's position in it.
  std::size_t leaf_of(std::uint64_t q, std::size_t big) const {
    return consecutive ? q / k : q % (big / k);
  }
  std::size_t pos_of(std::uint64_t q, std::size_t big) const {
    return consecutive ? q % k : q / (big / k);
  }
};

// Per-instance shape facts the verifier derives from the statement.
struct Expect {
  const AirShape* shape;
  std::vector<TreeShape> trees;
  std::size_t big;  // N, the LDE size
  FriLayout fri;
};

Status check_opening(const std::string& path, const TreeOpening& o, std::size_t width,
                     std::size_t levels) {
  if (o.values.size() != width)
    return malformed(path + ".values", "values", width, o.values.size());
  const std::size_t sib = levels * (kMerkleArity - 1);
  if (o.siblings.size() != sib)
    return malformed(path + ".siblings", "siblings", sib, o.siblings.size());
  return Status::ok();
}

// Shape pass: every count in the instance matches what the statement implies.
Status check_instance_shape(const InstanceProof& ip, std::size_t i, std::span<const AirPtr> airs,
                            std::span<const AirShape> shapes, const StarkParams& params,
                            std::size_t num_public, Expect& ex) {
  const std::string p = fmt::format("instances[{}]", i);
  if (ip.air_id >= airs.size()) {
    return make_error(ErrorCode::kMalformedProof,
                      "proof: {}.air_id: {} is not an air of the "
                      "statement ({} airs)",
                      p, ip.air_id, airs.size());
  }
  const AirShape& s = shapes[ip.air_id];
  if (ip.log_height < kMinLogHeight || ip.log_height > kMaxLogHeight ||
      ip.log_height + params.log_blowup > kMaxLogDomain) {
    return make_error(ErrorCode::kMalformedProof, "proof: {}.log_height: {} is outside [{}, {}]", p,
                      ip.log_height, kMinLogHeight, kMaxLogHeight);
  }
  if (ip.instance_values.size() != s.info.num_instance_values) {
    return malformed(p + ".instance_values", "count", s.info.num_instance_values,
                     ip.instance_values.size());
  }
  if (num_public < s.info.num_public_values) {
    return malformed("public_values", "count (at least)", s.info.num_public_values, num_public);
  }
  if (ip.has_stage2 != s.has_stage2()) {
    return malformed(p + ".has_stage2", "flag", s.has_stage2(), ip.has_stage2);
  }
  // Without stage 2 the bus sum and root are neither absorbed nor constrained, yet the balance
  // adds every bus_sum: they must be the zero that decode_proof leaves (an in-memory Proof could
  // otherwise cancel an unbalanced bus).
  if (!ip.has_stage2 && !ip.bus_sum.is_zero()) {
    return make_error(ErrorCode::kMalformedProof,
                      "proof: {}.bus_sum: an instance without stage 2 has no bus sum", p);
  }
  if (!ip.has_stage2 && !(ip.stage2_root == Digest{})) {
    return make_error(ErrorCode::kMalformedProof,
                      "proof: {}.stage2_root: an instance without stage 2 has no stage-2 root", p);
  }
  const Openings& o = ip.openings;
  const std::size_t wf = s.info.num_fixed, wm = s.info.num_main, w2 = s.num_stage2_cols(),
                    wq = s.num_quotient_cols();
  const std::pair<const std::vector<Ext3>*, std::pair<const char*, std::size_t>> counts[] = {
      {&o.fixed_z, {"fixed_z", wf}},      {&o.fixed_zw, {"fixed_zw", wf}},
      {&o.main_z, {"main_z", wm}},        {&o.main_zw, {"main_zw", wm}},
      {&o.stage2_z, {"stage2_z", w2}},    {&o.stage2_zw, {"stage2_zw", w2}},
      {&o.quotient_z, {"quotient_z", wq}}};
  for (const auto& [v, what] : counts) {
    if (v->size() != what.second) {
      return malformed(fmt::format("{}.openings.{}", p, what.first), "values", what.second,
                       v->size());
    }
  }
  ex.shape = &s;
  ex.trees.clear();
  const unsigned log_big = ip.log_height + params.log_blowup;
  ex.big = std::size_t{1} << log_big;
  auto tree = [&](const char* name, std::size_t w, std::size_t k, bool consecutive) {
    ex.trees.push_back({name, w, std::min(k, ex.big), consecutive});
  };
  if (wf) tree("fixed", wf, rows_per_leaf(wf), false);
  tree("stage1", wm, stage1_rows_per_leaf(wm), true);
  if (w2) tree("stage2", w2, rows_per_leaf(w2), true);
  tree("quotient", wq, rows_per_leaf(wq), true);
  ex.fri = fri_layout(ip.log_height, params);
  if (ip.fri_roots.size() != ex.fri.num_rounds()) {
    return malformed(p + ".fri_roots", "roots", ex.fri.num_rounds(), ip.fri_roots.size());
  }
  const std::size_t final_len = std::size_t{1} << ex.fri.log_final_degree;
  if (ip.final_poly.size() != final_len) {
    return malformed(p + ".final_poly", "coefficients", final_len, ip.final_poly.size());
  }
  if (ip.queries.size() != params.num_queries) {
    return malformed(p + ".queries", "queries", params.num_queries, ip.queries.size());
  }
  for (std::size_t q = 0; q < ip.queries.size(); ++q) {
    const QueryProof& qp = ip.queries[q];
    const std::string qpath = fmt::format("{}.queries[{}]", p, q);
    if (qp.trees.size() != ex.trees.size()) {
      return malformed(qpath + ".trees", "openings", ex.trees.size(), qp.trees.size());
    }
    for (std::size_t t = 0; t < ex.trees.size(); ++t) {
      const TreeShape& ts = ex.trees[t];
      ZISKC_RETURN_IF_ERROR(check_opening(fmt::format("{}.trees[{}]", qpath, t), qp.trees[t],
                                          ts.leaf_width(),
                                          hash::merkle_num_levels(ex.big / ts.k, kMerkleArity)));
    }
    if (qp.fri_layers.size() != ex.fri.num_rounds()) {
      return malformed(qpath + ".fri_layers", "openings", ex.fri.num_rounds(),
                       qp.fri_layers.size());
    }
    for (std::size_t r = 0; r < ex.fri.num_rounds(); ++r) {
      const unsigned k = ex.fri.fold_bits[r];
      const std::size_t rows = std::size_t{1} << (ex.fri.log_domain(r) - k);
      ZISKC_RETURN_IF_ERROR(check_opening(fmt::format("{}.fri_layers[{}]", qpath, r),
                                          qp.fri_layers[r], std::size_t{3} << k,
                                          hash::merkle_num_levels(rows, kMerkleArity)));
    }
  }
  return Status::ok();
}

Ext3 combine_ext(std::span<const Ext3> comps, std::size_t e) {
  // sum_k X^k * comps[3e + k] with X the extension generator.
  return comps[3 * e] + Ext3(Fe::zero(), Fe::one(), Fe::zero()) * comps[3 * e + 1] +
         Ext3(Fe::zero(), Fe::zero(), Fe::one()) * comps[3 * e + 2];
}

}  // namespace

OodSides evaluate_ood(const Air& air, const AirShape& shape, unsigned log_height, const Openings& o,
                      std::span<const Fe> public_values, std::span<const Fe> instance_values,
                      const Ext3& bus_sum, const Ext3& alpha, const Ext3& beta, const Ext3& gamma,
                      const Ext3& zeta) {
  const std::array<Ext3, 4> sel = selectors_at(zeta, log_height);
  VerifierBuilder b(shape.info, o.main_z, o.main_zw, o.fixed_z, o.fixed_zw, public_values,
                    instance_values, gamma, sel);
  air.eval(b);
  if (shape.has_stage2()) {
    const std::size_t e2 = shape.num_stage2_ext();
    std::vector<Ext3> s2c(e2), s2n(e2);
    for (std::size_t c = 0; c < e2; ++c) {
      s2c[c] = combine_ext(o.stage2_z, c);
      s2n[c] = combine_ext(o.stage2_zw, c);
    }
    const LogupChallenges ch = LogupChallenges::make(alpha, beta, shape.max_tuple_len);
    eval_logup_constraints<Ext3, Ext3>(shape, ch, b.interactions(), std::span<const Ext3>(s2c),
                                       std::span<const Ext3>(s2n), bus_sum,
                                       [&](ConstraintKind k, const Ext3& v) { b.add(k, v); });
  }
  ZISKC_CHECK(b.num_constraints() == shape.num_constraints_total(), "constraint count");
  OodSides out;
  for (int k = 0; k < 4; ++k) {
    out.constraints += b.accumulated(static_cast<ConstraintKind>(k)) * sel[k];
  }
  Ext3 q_at, zpow = Ext3::one();
  const Ext3 zeta_n = zeta.pow(std::uint64_t{1} << log_height);
  for (std::size_t c = 0; c < shape.num_quotient_chunks; ++c) {
    q_at += zpow * combine_ext(o.quotient_z, c);
    zpow *= zeta_n;
  }
  const poly::Domain h{log_height, Fe::one()};
  out.quotient = h.vanishing_at(zeta) * q_at;
  return out;
}

namespace {

Status verify_instance(const VerificationKey& vk, const Air& air, const Expect& ex,
                       const InstanceProof& ip, std::size_t position, const StarkParams& params,
                       std::span<const Fe> public_values, const GlobalChallenges& g) {
  const AirShape& shape = *ex.shape;
  const unsigned log_n = ip.log_height;
  const unsigned log_big = log_n + params.log_blowup;
  hash::Transcript t = instance_transcript(g, position);
  if (ip.has_stage2) {
    t.absorb(ip.stage2_root);
    t.absorb(ip.bus_sum);
  }
  const Ext3 gamma = t.squeeze_ext3();
  t.absorb(ip.quotient_root);
  const Ext3 zeta = t.squeeze_ext3();
  const poly::Domain h{log_n, Fe::one()};
  const Ext3 zh = h.vanishing_at(zeta);
  if (zh.is_zero() || (zeta[1].is_zero() && zeta[2].is_zero())) {
    return make_error(ErrorCode::kVerifyFailed, "out-of-domain point fell in the base field");
  }
  const Ext3 zeta_next = zeta * h.generator();
  const Openings& o = ip.openings;

  // Constraints at zeta against the quotient.
  const OodSides ood = evaluate_ood(air, shape, log_n, o, public_values, ip.instance_values,
                                    ip.bus_sum, g.alpha, g.beta, gamma, zeta);
  if (!(ood.constraints == ood.quotient)) {
    return make_error(ErrorCode::kVerifyFailed,
                      "constraints at zeta: the combined constraints differ from Z_H(zeta) * "
                      "quotient(zeta)");
  }

  for (const auto* v :
       {&o.fixed_z, &o.fixed_zw, &o.main_z, &o.main_zw, &o.stage2_z, &o.stage2_zw, &o.quotient_z}) {
    for (const Ext3& x : *v) t.absorb(x);
  }
  const Ext3 lambda = t.squeeze_ext3();
  ZISKC_ASSIGN_OR_RETURN(FriVerifier fri, FriVerifier::create(ex.fri, ip.fri_roots, ip.final_poly));
  fri.replay(t);
  // Like the prover, grind only when bits > 0 (check_pow closes the transcript's pending block).
  if (params.grinding_bits > 0 && !t.check_pow(ip.pow_nonce, params.grinding_bits)) {
    return make_error(ErrorCode::kVerifyFailed, "proof of work: nonce {} does not give {} bits",
                      ip.pow_nonce, params.grinding_bits);
  }
  t.absorb_u64(ip.pow_nonce);
  const std::vector<std::uint64_t> idx = t.squeeze_indices(params.num_queries, log_big);

  // DEEP weights.
  std::vector<Ext3> lambda_pow;
  Ext3 a1z, a2zw;
  {
    Ext3 lp = Ext3::one();
    for (const auto* v : {&o.fixed_z, &o.main_z, &o.stage2_z, &o.quotient_z}) {
      for (const Ext3& x : *v) {
        lambda_pow.push_back(lp);
        a1z += lp * x;
        lp *= lambda;
      }
    }
    std::size_t j = 0;
    for (const auto* v : {&o.fixed_zw, &o.main_zw, &o.stage2_zw}) {
      for (const Ext3& x : *v) a2zw += lambda_pow[j++] * x;
    }
    lambda_pow.push_back(lp);
  }
  const Ext3 lambda_j1 = lambda_pow.back();
  std::vector<Digest> roots;
  if (shape.info.num_fixed > 0) {
    const FixedRoot* fr = vk.find_fixed(ip.air_id, ip.log_height);
    if (fr == nullptr) {
      return make_error(ErrorCode::kVerifyFailed,
                        "air '{}' has no fixed columns committed at log height {} in the "
                        "verification key",
                        shape.info.name, ip.log_height);
    }
    roots.push_back(fr->root);
  }
  roots.push_back(ip.stage1_root);
  if (ip.has_stage2) roots.push_back(ip.stage2_root);
  roots.push_back(ip.quotient_root);
  std::vector<hash::MerkleTreeVerifier> tv;
  for (const TreeShape& ts : ex.trees) {
    ZISKC_ASSIGN_OR_RETURN(
        hash::MerkleTreeVerifier v,
        hash::MerkleTreeVerifier::create(ts.leaf_width(), ex.big / ts.k, kMerkleArity));
    tv.push_back(std::move(v));
  }
  // 1 / (x_q - zeta) and 1 / (x_q - zeta * omega) for every query, one batch inversion.
  const poly::Domain lde{log_big, kLdeShift};
  std::vector<Fe> xs(idx.size());
  std::vector<Ext3> inv(2 * idx.size());
  for (std::size_t q = 0; q < idx.size(); ++q) {
    xs[q] = lde.element(idx[q]);
    inv[2 * q] = Ext3(xs[q]) - zeta;
    inv[2 * q + 1] = Ext3(xs[q]) - zeta_next;
  }
  if (!batch_inverse_ext3(inv)) {
    return make_error(ErrorCode::kVerifyFailed, "out-of-domain point on the LDE coset");
  }
  // Merkle paths first, batched per tree (8 paths per permutation), then the DEEP values and
  // folds per query in parallel; the first failing query (trees, then FRI rounds, then values)
  // is reported.
  const std::size_t num_shifted = ex.trees.size() - 1;
  const std::size_t nq = idx.size();
  std::vector<std::vector<Status>> tree_st, fri_st;
  for (std::size_t tr = 0; tr < ex.trees.size(); ++tr) {
    const TreeShape& ts = ex.trees[tr];
    const std::size_t leaves = ex.big / ts.k;
    std::vector<const TreeOpening*> ops(nq);
    std::vector<std::uint64_t> leaf(nq);
    for (std::size_t q = 0; q < nq; ++q) {
      ops[q] = &ip.queries[q].trees[tr];
      leaf[q] = ts.leaf_of(idx[q], ex.big);
    }
    tree_st.push_back(verify_openings(tv[tr], ts.leaf_width(), leaves, roots[tr], leaf, ops));
  }
  for (std::size_t r = 0; r < ex.fri.num_rounds(); ++r) {
    fri_st.push_back(fri.verify_layer_paths(r, idx, ip.queries));
  }
  std::vector<Status> results(nq);
  base::parallel_for(0, nq, [&](std::size_t q) {
    for (std::size_t tr = 0; tr < ex.trees.size(); ++tr) {
      if (!tree_st[tr][q].is_ok()) {
        results[q] = tree_st[tr][q].within(fmt::format("query {}: tree {}", q, ex.trees[tr].name));
        return;
      }
    }
    for (std::size_t r = 0; r < fri_st.size(); ++r) {
      if (!fri_st[r][q].is_ok()) {
        results[q] = fri_st[r][q].within(fmt::format("query {}", q));
        return;
      }
    }
    const QueryProof& qp = ip.queries[q];
    Ext3 a2, aq;
    std::size_t j = 0;
    for (std::size_t tr = 0; tr < ex.trees.size(); ++tr) {
      const TreeShape& ts = ex.trees[tr];
      // The queried row's values within its leaf.
      const std::size_t pos = ts.pos_of(idx[q], ex.big);
      const Fe* row = qp.trees[tr].values.data() + pos * ts.width;
      Ext3& acc = tr < num_shifted ? a2 : aq;
      for (std::size_t c = 0; c < ts.width; ++c) acc += lambda_pow[j++] * row[c];
    }
    const Ext3 deep = (a2 + aq - a1z) * inv[2 * q] + lambda_j1 * ((a2 - a2zw) * inv[2 * q + 1]);
    Status st = fri.verify_query(idx[q], deep, qp.fri_layers, /*check_merkle=*/false);
    if (!st.is_ok()) results[q] = st.within(fmt::format("query {}", q));
  });
  for (const Status& st : results) {
    if (!st.is_ok()) return st;
  }
  return Status::ok();
}

}  // namespace

Status verify(const VerificationKey& vk, std::span<const AirPtr> airs, const Proof& proof,
              std::span<const DirectTerm> direct_terms, const VerifierOptions& options) {
  if (Status st = validate_params(proof.params); !st.is_ok()) {
    return Status(ErrorCode::kMalformedProof, "proof: " + st.message());
  }
  const unsigned bits = conjectured_security_bits(proof.params);
  if (bits < options.min_security_bits) {
    return make_error(ErrorCode::kVerifyFailed,
                      "params: conjectured security {} bits is below the verifier's floor of {} "
                      "({})",
                      bits, options.min_security_bits, proof.params.to_string());
  }
  if (!(air_ids(airs) == vk.airs)) {
    return make_error(ErrorCode::kInvalidArgument,
                      "verifier: the AIR set does not match the verification key");
  }
  if (!(proof.vk_digest == vk.digest())) {
    return make_error(ErrorCode::kVerifyFailed,
                      "vk digest: the proof is for another verification key");
  }
  std::vector<AirShape> shapes;
  for (const AirPtr& a : airs) {
    auto s = analyze_air(*a, static_cast<int>(proof.params.max_constraint_degree()));
    if (!s.is_ok()) {
      return make_error(ErrorCode::kVerifyFailed, "params: {}", s.status().message());
    }
    shapes.push_back(std::move(s).value());
  }
  std::vector<Expect> expect(proof.instances.size());
  std::vector<std::uint32_t> ids;
  for (std::size_t i = 0; i < proof.instances.size(); ++i) {
    ZISKC_RETURN_IF_ERROR(check_instance_shape(proof.instances[i], i, airs, shapes, proof.params,
                                               proof.public_values.size(), expect[i]));
    ids.push_back(proof.instances[i].air_id);
  }
  if (auto r = instance_indices(ids); !r.is_ok()) {
    return Status(ErrorCode::kMalformedProof, "proof: " + r.status().message());
  }
  std::vector<InstanceHeader> headers;
  for (const InstanceProof& ip : proof.instances) {
    headers.push_back({ip.air_id, ip.log_height, ip.instance_values, ip.stage1_root});
  }
  const GlobalChallenges g =
      derive_global_challenges(proof.params, proof.vk_digest, proof.public_values, headers);
  Ext3 total;
  for (std::size_t i = 0; i < proof.instances.size(); ++i) {
    const InstanceProof& ip = proof.instances[i];
    Status st = verify_instance(vk, *airs[ip.air_id], expect[i], ip, i, proof.params,
                                proof.public_values, g);
    if (!st.is_ok()) {
      return st.within(fmt::format("instance {} (air '{}')", i, airs[ip.air_id]->info().name));
    }
    total += ip.bus_sum;
  }
  for (std::size_t d = 0; d < direct_terms.size(); ++d) {
    auto term = logup_term(g.alpha, g.beta, direct_terms[d]);
    if (!term.is_ok()) return term.status().within(fmt::format("direct term {}", d));
    total += *term;
  }
  if (!total.is_zero()) {
    return make_error(ErrorCode::kVerifyFailed,
                      "bus balance: the instances' bus sums and the {} direct terms do not add "
                      "up to zero",
                      direct_terms.size());
  }
  return Status::ok();
}

Status verify_bytes(const VerificationKey& vk, std::span<const AirPtr> airs,
                    std::span<const std::uint8_t> proof_bytes,
                    std::span<const DirectTerm> direct_terms, const VerifierOptions& options) {
  ZISKC_ASSIGN_OR_RETURN(Proof proof, decode_proof(proof_bytes));
  return verify(vk, airs, proof, direct_terms, options);
}

}  // namespace ziskc::stark
