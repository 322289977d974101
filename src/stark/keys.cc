// Setup and keys (contracts in keys.h).
#include "stark/keys.h"

#include <algorithm>
#include <bit>

#include "poly/ntt.h"

namespace ziskc::stark {
namespace {

void push_string(std::vector<Fe>& out, const std::string& s) {
  out.push_back(Fe::from_u64(s.size()));
  for (std::size_t i = 0; i < s.size(); i += 7) {
    std::uint64_t w = 0;
    for (std::size_t j = 0; j < 7 && i + j < s.size(); ++j) {
      w |= static_cast<std::uint64_t>(static_cast<unsigned char>(s[i + j])) << (8 * j);
    }
    out.push_back(Fe::from_canonical(w));
  }
}

}  // namespace

Digest VerificationKey::digest() const {
  std::vector<Fe> enc;
  push_string(enc, "ziskc-stark-vk-v1");
  enc.push_back(Fe::from_u64(airs.size()));
  for (const AirId& a : airs) {
    push_string(enc, a.name);
    for (std::uint32_t v : {a.num_main, a.num_fixed, a.num_public_values, a.num_instance_values})
      enc.push_back(Fe::from_u64(v));
  }
  enc.push_back(Fe::from_u64(fixed_roots.size()));
  for (const FixedRoot& f : fixed_roots) {
    enc.push_back(Fe::from_u64(f.air_id));
    enc.push_back(Fe::from_u64(f.log_height));
    enc.insert(enc.end(), f.root.v.begin(), f.root.v.end());
  }
  // A length prefix makes the (unpadded) row hash injective on variable-length input.
  enc.insert(enc.begin(), Fe::from_u64(enc.size()));
  return hash::hash_row<16>(enc);
}

const FixedRoot* VerificationKey::find_fixed(std::uint32_t air_id, std::uint32_t log_height) const {
  for (const FixedRoot& f : fixed_roots) {
    if (f.air_id == air_id && f.log_height == log_height) return &f;
  }
  return nullptr;
}

std::size_t rows_per_leaf(std::size_t width) {
  std::size_t k = 1;
  while (k < 8 && 2 * k * width <= 12) k *= 2;
  return k;
}

std::size_t stage1_rows_per_leaf(std::size_t width) {
  return std::max<std::size_t>(2, rows_per_leaf(width));
}

Status build_tree(CommittedTrace& c) { return build_tree(c, rows_per_leaf(c.lde.cols)); }

Status build_tree(CommittedTrace& c, std::size_t rows_per_leaf, bool consecutive) {
  const std::size_t w = c.lde.cols, big = c.lde.rows;
  ZISKC_CHECK(std::has_single_bit(rows_per_leaf), "rows per leaf must be a power of two");
  c.rows_per_leaf = std::min(rows_per_leaf, big);
  c.consecutive_leaves = consecutive;
  const std::size_t k = c.rows_per_leaf;
  if (consecutive) {
    // Row-major storage already is the leaf matrix: leaf r = rows k r .. k r + k - 1.
    ZISKC_ASSIGN_OR_RETURN(hash::MerkleTree tree,
                           hash::MerkleTree::build(c.lde.values, k * w, big / k, kMerkleArity));
    c.tree = std::make_unique<hash::MerkleTree>(std::move(tree));
    return Status::ok();
  }
  const poly::RowMajorMatrix* hashed = &c.lde;
  if (k > 1) {
    const std::size_t leaves = big / k;
    c.leaves = poly::RowMajorMatrix::zeros(leaves, k * w);
    for (std::size_t r = 0; r < leaves; ++r) {
      Fe* out = c.leaves.values.data() + r * k * w;
      for (std::size_t j = 0; j < k; ++j) {
        const Fe* in = c.lde.values.data() + (r + j * leaves) * w;
        std::copy(in, in + w, out + j * w);
      }
    }
    hashed = &c.leaves;
  }
  ZISKC_ASSIGN_OR_RETURN(
      hash::MerkleTree tree,
      hash::MerkleTree::build(hashed->values, hashed->cols, hashed->rows, kMerkleArity));
  c.tree = std::make_unique<hash::MerkleTree>(std::move(tree));
  return Status::ok();
}

TreeOpening CommittedTrace::open(std::uint64_t q) const {
  hash::MerkleOpening o =
      tree->open_row(consecutive_leaves ? q / rows_per_leaf : q % tree->height());
  return {std::move(o.values), std::move(o.siblings)};
}

Result<CommittedTrace> commit_trace(poly::RowMajorMatrix trace, unsigned log_blowup) {
  CommittedTrace c;
  const std::size_t n = trace.rows;
  ZISKC_CHECK(n >= 1 && (n & (n - 1)) == 0, "commit_trace: height must be a power of two");
  c.log_height = static_cast<unsigned>(std::countr_zero(n));
  c.lde = poly::coset_lde(trace, log_blowup, kLdeShift, poly::RowOrder::kNatural);
  c.trace = std::move(trace);
  ZISKC_RETURN_IF_ERROR(build_tree(c));
  return c;
}

const CommittedTrace* ProvingKey::find_fixed(std::uint32_t air_id, std::uint32_t log_height) const {
  for (std::size_t i = 0; i < fixed.size(); ++i) {
    if (fixed_air[i] == air_id && fixed_log[i] == log_height) return fixed[i].get();
  }
  return nullptr;
}

std::vector<AirId> air_ids(std::span<const AirPtr> airs) {
  std::vector<AirId> out;
  for (const AirPtr& a : airs) {
    const AirInfo& i = a->info();
    out.push_back({i.name, static_cast<std::uint32_t>(i.num_main),
                   static_cast<std::uint32_t>(i.num_fixed),
                   static_cast<std::uint32_t>(i.num_public_values),
                   static_cast<std::uint32_t>(i.num_instance_values)});
  }
  return out;
}

Result<ProvingKey> setup(std::vector<AirPtr> airs, const StarkParams& params,
                         std::span<const FixedSpec> fixed_specs) {
  ZISKC_RETURN_IF_ERROR(validate_params(params));
  ProvingKey pk;
  pk.params = params;
  for (const AirPtr& a : airs) {
    ZISKC_ASSIGN_OR_RETURN(AirShape s,
                           analyze_air(*a, static_cast<int>(params.max_constraint_degree())));
    pk.shapes.push_back(std::move(s));
  }
  pk.airs = std::move(airs);
  pk.vk.airs = air_ids(pk.airs);
  std::vector<FixedSpec> specs(fixed_specs.begin(), fixed_specs.end());
  std::sort(specs.begin(), specs.end(), [](const FixedSpec& a, const FixedSpec& b) {
    return a.air_id != b.air_id ? a.air_id < b.air_id : a.log_height < b.log_height;
  });
  for (std::size_t i = 0; i < specs.size(); ++i) {
    const FixedSpec& s = specs[i];
    if (s.air_id >= pk.airs.size()) {
      return make_error(ErrorCode::kInvalidArgument, "setup: fixed spec for air {} of {}", s.air_id,
                        pk.airs.size());
    }
    const AirInfo& info = pk.airs[s.air_id]->info();
    if (info.num_fixed == 0) {
      return make_error(ErrorCode::kInvalidArgument, "setup: air '{}' has no fixed columns",
                        info.name);
    }
    if (s.log_height < 2 || s.log_height > kMaxLogHeight) {
      return make_error(ErrorCode::kInvalidArgument, "setup: air '{}': log height {} unsupported",
                        info.name, s.log_height);
    }
    if (i > 0 && specs[i - 1].air_id == s.air_id && specs[i - 1].log_height == s.log_height) {
      continue;
    }
    ZISKC_ASSIGN_OR_RETURN(poly::RowMajorMatrix m, pk.airs[s.air_id]->fixed_columns(s.log_height));
    if (m.rows != (std::size_t{1} << s.log_height) || m.cols != info.num_fixed ||
        m.values.size() != m.rows * m.cols) {
      return make_error(ErrorCode::kInvalidArgument,
                        "setup: air '{}' fixed columns are {} x {}, expected 2^{} x {}", info.name,
                        m.rows, m.cols, s.log_height, info.num_fixed);
    }
    ZISKC_ASSIGN_OR_RETURN(CommittedTrace c, commit_trace(std::move(m), params.log_blowup));
    pk.vk.fixed_roots.push_back({s.air_id, s.log_height, c.root()});
    pk.fixed_air.push_back(s.air_id);
    pk.fixed_log.push_back(s.log_height);
    pk.fixed.push_back(std::make_unique<CommittedTrace>(std::move(c)));
  }
  for (std::size_t a = 0; a < pk.airs.size(); ++a) {
    if (pk.airs[a]->info().num_fixed == 0) continue;
    bool any = false;
    for (std::uint32_t f : pk.fixed_air) any |= f == a;
    if (!any) {
      return make_error(ErrorCode::kInvalidArgument,
                        "setup: air '{}' has fixed columns but no height to commit them at",
                        pk.airs[a]->info().name);
    }
  }
  pk.vk_digest = pk.vk.digest();
  return pk;
}

}  // namespace ziskc::stark
