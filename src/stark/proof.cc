// Proof byte format (layout in docs/STARK.md "Proof byte layout"). Little-endian; counts are
// u32; field elements are u64 and must be canonical (< p). The decoder checks every count
// against both its fixed bound and the bytes left before allocating, and names the field path
// of the first problem.
#include "stark/proof.h"

#include <fmt/format.h>

#include <cstring>
#include <string>

#include "base/bytes.h"

namespace ziskc::stark {
namespace {

constexpr char kMagic[8] = {'Z', 'I', 'S', 'K', 'C', 'S', 'T', 'K'};

class Writer {
 public:
  void u8(std::uint8_t v) { w_.u8(v); }
  void u32(std::uint32_t v) { w_.u32(v); }
  void u64(std::uint64_t v) { w_.u64(v); }
  void count(std::size_t n) { w_.u32(static_cast<std::uint32_t>(n)); }
  void fe(Fe v) { w_.u64(v.value()); }
  void ext(const Ext3& v) {
    for (int i = 0; i < 3; ++i) fe(v[i]);
  }
  void digest(const Digest& d) {
    for (Fe v : d.v) fe(v);
  }
  void opening(const TreeOpening& o) {
    count(o.values.size());
    for (Fe v : o.values) fe(v);
    count(o.siblings.size());
    for (const Digest& d : o.siblings) digest(d);
  }
  std::vector<std::uint8_t> take() { return w_.take(); }

 private:
  base::ByteWriter w_;
};

class Reader {
 public:
  explicit Reader(std::span<const std::uint8_t> b) : b_(b) {}

  Status fail(const std::string& path, const std::string& msg) const {
    return make_error(ErrorCode::kMalformedProof, "proof: {} (at byte {}): {}", path, pos_, msg);
  }
  Status need(const std::string& path, std::size_t n) const {
    if (n > b_.size() - pos_) {
      return fail(path, fmt::format("truncated: needs {} bytes, {} left", n, b_.size() - pos_));
    }
    return Status::ok();
  }
  Result<std::uint32_t> u32(const std::string& path) {
    ZISKC_RETURN_IF_ERROR(need(path, 4));
    const std::uint32_t v = base::load_le32(b_.data() + pos_);
    pos_ += 4;
    return v;
  }
  Result<std::uint64_t> u64(const std::string& path) {
    ZISKC_RETURN_IF_ERROR(need(path, 8));
    const std::uint64_t v = base::load_le64(b_.data() + pos_);
    pos_ += 8;
    return v;
  }
  Result<std::uint8_t> u8(const std::string& path) {
    ZISKC_RETURN_IF_ERROR(need(path, 1));
    return b_[pos_++];
  }
  // A count of elements of elem_bytes each: bounded by `max` and by the bytes left.
  Result<std::size_t> count(const std::string& path, std::size_t max, std::size_t elem_bytes) {
    ZISKC_ASSIGN_OR_RETURN(std::uint32_t n, u32(path));
    if (n > max) return fail(path, fmt::format("count {} exceeds the limit {}", n, max));
    if (std::size_t{n} * elem_bytes > b_.size() - pos_) {
      return fail(path, fmt::format("count {} needs {} bytes, {} left", n,
                                    std::size_t{n} * elem_bytes, b_.size() - pos_));
    }
    return std::size_t{n};
  }
  Result<Fe> fe(const std::string& path) {
    ZISKC_ASSIGN_OR_RETURN(std::uint64_t v, u64(path));
    if (v >= Fe::kP) {
      pos_ -= 8;
      return fail(path, fmt::format("field element {:#x} is not canonical (>= p)", v));
    }
    return Fe::from_canonical(v);
  }
  Result<Ext3> ext(const std::string& path) {
    ZISKC_ASSIGN_OR_RETURN(Fe a, fe(path));
    ZISKC_ASSIGN_OR_RETURN(Fe b, fe(path));
    ZISKC_ASSIGN_OR_RETURN(Fe c, fe(path));
    return Ext3(a, b, c);
  }
  Result<Digest> digest(const std::string& path) {
    Digest d;
    for (Fe& v : d.v) {
      ZISKC_ASSIGN_OR_RETURN(v, fe(path));
    }
    return d;
  }
  Status fes(const std::string& path, std::size_t max, std::vector<Fe>& out) {
    ZISKC_ASSIGN_OR_RETURN(std::size_t n, count(path, max, 8));
    out.resize(n);
    for (std::size_t i = 0; i < n; ++i) {
      ZISKC_ASSIGN_OR_RETURN(out[i], fe(fmt::format("{}[{}]", path, i)));
    }
    return Status::ok();
  }
  Status exts(const std::string& path, std::size_t max, std::vector<Ext3>& out) {
    ZISKC_ASSIGN_OR_RETURN(std::size_t n, count(path, max, 24));
    out.resize(n);
    for (std::size_t i = 0; i < n; ++i) {
      ZISKC_ASSIGN_OR_RETURN(out[i], ext(fmt::format("{}[{}]", path, i)));
    }
    return Status::ok();
  }
  Status digests(const std::string& path, std::size_t max, std::vector<Digest>& out) {
    ZISKC_ASSIGN_OR_RETURN(std::size_t n, count(path, max, 32));
    out.resize(n);
    for (std::size_t i = 0; i < n; ++i) {
      ZISKC_ASSIGN_OR_RETURN(out[i], digest(fmt::format("{}[{}]", path, i)));
    }
    return Status::ok();
  }
  Status opening(const std::string& path, TreeOpening& o) {
    ZISKC_RETURN_IF_ERROR(fes(path + ".values", kMaxOpenedValues, o.values));
    return digests(path + ".siblings", 3 * 64, o.siblings);
  }
  Status expect_end() const {
    if (pos_ != b_.size()) return fail("end", fmt::format("{} trailing bytes", b_.size() - pos_));
    return Status::ok();
  }

 private:
  std::span<const std::uint8_t> b_;
  std::size_t pos_ = 0;
};

Status decode_instance(Reader& r, const std::string& p, InstanceProof& ip) {
  ZISKC_ASSIGN_OR_RETURN(ip.air_id, r.u32(p + ".air_id"));
  ZISKC_ASSIGN_OR_RETURN(ip.log_height, r.u32(p + ".log_height"));
  ZISKC_RETURN_IF_ERROR(r.fes(p + ".instance_values", kMaxInstanceValues, ip.instance_values));
  ZISKC_ASSIGN_OR_RETURN(ip.stage1_root, r.digest(p + ".stage1_root"));
  ZISKC_ASSIGN_OR_RETURN(std::uint8_t has2, r.u8(p + ".has_stage2"));
  if (has2 > 1) return r.fail(p + ".has_stage2", fmt::format("flag {} is not 0 or 1", has2));
  ip.has_stage2 = has2 == 1;
  if (ip.has_stage2) {
    ZISKC_ASSIGN_OR_RETURN(ip.stage2_root, r.digest(p + ".stage2_root"));
    ZISKC_ASSIGN_OR_RETURN(ip.bus_sum, r.ext(p + ".bus_sum"));
  }
  ZISKC_ASSIGN_OR_RETURN(ip.quotient_root, r.digest(p + ".quotient_root"));
  Openings& o = ip.openings;
  const std::pair<const char*, std::vector<Ext3>*> opens[] = {
      {"fixed_z", &o.fixed_z},      {"fixed_zw", &o.fixed_zw}, {"main_z", &o.main_z},
      {"main_zw", &o.main_zw},      {"stage2_z", &o.stage2_z}, {"stage2_zw", &o.stage2_zw},
      {"quotient_z", &o.quotient_z}};
  for (const auto& [name, v] : opens) {
    ZISKC_RETURN_IF_ERROR(r.exts(fmt::format("{}.openings.{}", p, name), kMaxOpenedValues, *v));
  }
  ZISKC_RETURN_IF_ERROR(r.digests(p + ".fri_roots", 64, ip.fri_roots));
  ZISKC_RETURN_IF_ERROR(
      r.exts(p + ".final_poly", std::size_t{1} << kMaxLogFinalDegree, ip.final_poly));
  ZISKC_ASSIGN_OR_RETURN(ip.pow_nonce, r.u64(p + ".pow_nonce"));
  // A query holds at least two counts (8 bytes).
  ZISKC_ASSIGN_OR_RETURN(std::size_t nq, r.count(p + ".queries", kMaxQueries, 8));
  ip.queries.resize(nq);
  for (std::size_t q = 0; q < nq; ++q) {
    const std::string qp = fmt::format("{}.queries[{}]", p, q);
    QueryProof& query = ip.queries[q];
    ZISKC_ASSIGN_OR_RETURN(std::size_t nt, r.count(qp + ".trees", 8, 8));
    query.trees.resize(nt);
    for (std::size_t t = 0; t < nt; ++t) {
      ZISKC_RETURN_IF_ERROR(r.opening(fmt::format("{}.trees[{}]", qp, t), query.trees[t]));
    }
    ZISKC_ASSIGN_OR_RETURN(std::size_t nl, r.count(qp + ".fri_layers", 64, 8));
    query.fri_layers.resize(nl);
    for (std::size_t l = 0; l < nl; ++l) {
      ZISKC_RETURN_IF_ERROR(
          r.opening(fmt::format("{}.fri_layers[{}]", qp, l), query.fri_layers[l]));
    }
  }
  return Status::ok();
}

}  // namespace

std::vector<std::uint8_t> encode_proof(const Proof& proof) {
  Writer w;
  for (char c : kMagic) w.u8(static_cast<std::uint8_t>(c));
  w.u32(kProofVersion);
  const StarkParams& pa = proof.params;
  for (std::uint32_t v : {pa.log_blowup, pa.log_fold, pa.log_final_degree, pa.grinding_bits,
                          pa.num_queries, kMerkleArity}) {
    w.u32(v);
  }
  w.digest(proof.vk_digest);
  w.count(proof.public_values.size());
  for (Fe v : proof.public_values) w.fe(v);
  w.count(proof.instances.size());
  for (const InstanceProof& ip : proof.instances) {
    w.u32(ip.air_id);
    w.u32(ip.log_height);
    w.count(ip.instance_values.size());
    for (Fe v : ip.instance_values) w.fe(v);
    w.digest(ip.stage1_root);
    w.u8(ip.has_stage2 ? 1 : 0);
    if (ip.has_stage2) {
      w.digest(ip.stage2_root);
      w.ext(ip.bus_sum);
    }
    w.digest(ip.quotient_root);
    const Openings& o = ip.openings;
    for (const auto* v : {&o.fixed_z, &o.fixed_zw, &o.main_z, &o.main_zw, &o.stage2_z, &o.stage2_zw,
                          &o.quotient_z}) {
      w.count(v->size());
      for (const Ext3& x : *v) w.ext(x);
    }
    w.count(ip.fri_roots.size());
    for (const Digest& d : ip.fri_roots) w.digest(d);
    w.count(ip.final_poly.size());
    for (const Ext3& x : ip.final_poly) w.ext(x);
    w.u64(ip.pow_nonce);
    w.count(ip.queries.size());
    for (const QueryProof& q : ip.queries) {
      w.count(q.trees.size());
      for (const TreeOpening& t : q.trees) w.opening(t);
      w.count(q.fri_layers.size());
      for (const TreeOpening& t : q.fri_layers) w.opening(t);
    }
  }
  return w.take();
}

Result<Proof> decode_proof(std::span<const std::uint8_t> bytes) {
  if (bytes.size() > kMaxProofBytes) {
    return make_error(ErrorCode::kMalformedProof, "proof: {} bytes exceeds the limit {}",
                      bytes.size(), kMaxProofBytes);
  }
  Reader r(bytes);
  Proof proof;
  ZISKC_RETURN_IF_ERROR(r.need("magic", 8));
  if (std::memcmp(bytes.data(), kMagic, 8) != 0) {
    return make_error(ErrorCode::kMalformedProof, "proof: magic (at byte 0): not a ziskc proof");
  }
  for (int i = 0; i < 8; ++i) (void)r.u8("magic");
  ZISKC_ASSIGN_OR_RETURN(std::uint32_t version, r.u32("version"));
  if (version != kProofVersion) {
    return make_error(ErrorCode::kMalformedProof, "proof: version: {} (this build reads {})",
                      version, kProofVersion);
  }
  StarkParams& pa = proof.params;
  ZISKC_ASSIGN_OR_RETURN(pa.log_blowup, r.u32("params.log_blowup"));
  ZISKC_ASSIGN_OR_RETURN(pa.log_fold, r.u32("params.log_fold"));
  ZISKC_ASSIGN_OR_RETURN(pa.log_final_degree, r.u32("params.log_final_degree"));
  ZISKC_ASSIGN_OR_RETURN(pa.grinding_bits, r.u32("params.grinding_bits"));
  ZISKC_ASSIGN_OR_RETURN(pa.num_queries, r.u32("params.num_queries"));
  ZISKC_ASSIGN_OR_RETURN(std::uint32_t arity, r.u32("params.merkle_arity"));
  if (arity != kMerkleArity) {
    return make_error(ErrorCode::kMalformedProof, "proof: params.merkle_arity: {} (expected {})",
                      arity, kMerkleArity);
  }
  if (Status st = validate_params(pa); !st.is_ok()) {
    return Status(ErrorCode::kMalformedProof, "proof: " + st.message());
  }
  ZISKC_ASSIGN_OR_RETURN(proof.vk_digest, r.digest("vk_digest"));
  ZISKC_RETURN_IF_ERROR(r.fes("public_values", kMaxPublicValues, proof.public_values));
  // An instance takes well over 64 bytes.
  ZISKC_ASSIGN_OR_RETURN(std::size_t ni, r.count("instances", kMaxInstances, 64));
  proof.instances.resize(ni);
  for (std::size_t i = 0; i < ni; ++i) {
    ZISKC_RETURN_IF_ERROR(decode_instance(r, fmt::format("instances[{}]", i), proof.instances[i]));
  }
  ZISKC_RETURN_IF_ERROR(r.expect_end());
  return proof;
}

}  // namespace ziskc::stark
