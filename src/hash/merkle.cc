// Merkle tree construction and openings (shape and layout in merkle.h).
#include "hash/merkle.h"

#include <algorithm>

#include "base/parallel.h"
#include "hash/poseidon2_internal.h"

namespace ziskc::hash {
namespace {

template <std::size_t W>
void hash_leaves(std::span<const Fe> values, std::size_t width, std::size_t height, Digest* out) {
  constexpr std::size_t kBatch = 16;
  constexpr std::size_t kGroupsPerBlock = 16;  // 256 rows per block handed to a thread
  const std::size_t groups = height / kBatch;
  detail::parallel_blocks((groups + kGroupsPerBlock - 1) / kGroupsPerBlock, [&](std::size_t b) {
    const std::size_t end = std::min(groups, (b + 1) * kGroupsPerBlock);
    for (std::size_t g = b * kGroupsPerBlock; g < end; ++g) {
      const Fe* rows[kBatch];
      for (std::size_t k = 0; k < kBatch; ++k) rows[k] = values.data() + (kBatch * g + k) * width;
      hash_rows_x16<W>(rows, width, out + kBatch * g);
    }
  });
  for (std::size_t i = groups * kBatch; i < height; ++i) {
    out[i] = hash_row<W>(values.subspan(i * width, width));
  }
}

// parents[j] = compress(children[arity*j .. arity*j + arity)), 16 parents per permute_x16.
template <std::size_t W>
void hash_level(const Digest* children, std::size_t num_parents, Digest* parents) {
  constexpr std::size_t kArity = W == 12 ? 2 : 4;
  auto one = [&](std::size_t j, typename Poseidon2<W>::State& s) {
    s = {};
    for (std::size_t c = 0; c < kArity; ++c)
      std::copy_n(children[kArity * j + c].v.begin(), 4, s.begin() + 4 * c);
  };
  constexpr std::size_t kBatch = 16;
  constexpr std::size_t kGroupsPerBlock = 64;
  const std::size_t groups = num_parents / kBatch;
  detail::parallel_blocks((groups + kGroupsPerBlock - 1) / kGroupsPerBlock, [&](std::size_t b) {
    std::array<typename Poseidon2<W>::State, kBatch> s;
    const std::size_t end = std::min(groups, (b + 1) * kGroupsPerBlock);
    for (std::size_t g = b * kGroupsPerBlock; g < end; ++g) {
      for (std::size_t k = 0; k < kBatch; ++k) one(kBatch * g + k, s[k]);
      Poseidon2<W>::permute_x16(s.data());
      for (std::size_t k = 0; k < kBatch; ++k) {
        std::copy_n(s[k].begin(), 4, parents[kBatch * g + k].v.begin());
      }
    }
  });
  for (std::size_t j = groups * kBatch; j < num_parents; ++j) {
    typename Poseidon2<W>::State s;
    one(j, s);
    Poseidon2<W>::permute(s);
    std::copy_n(s.begin(), 4, parents[j].v.begin());
  }
}

}  // namespace

std::size_t merkle_num_levels(std::uint64_t height, unsigned arity) {
  std::size_t levels = 0;
  while (height > 1) {
    height = (height + arity - 1) / arity;
    ++levels;
  }
  return levels;
}

Result<MerkleTree> MerkleTree::build(std::span<const Fe> values, std::size_t width,
                                     std::size_t height, unsigned arity) {
  if (arity != 2 && arity != 4) {
    return make_error(ErrorCode::kInvalidArgument, "merkle: arity must be 2 or 4, got {}", arity);
  }
  if (height == 0 || height > kMaxMerkleHeight) {
    return make_error(ErrorCode::kInvalidArgument, "merkle: height {} not in [1, 2^32]", height);
  }
  if (width != 0 && values.size() / width != height) {
    return make_error(ErrorCode::kInvalidArgument,
                      "merkle: {} values do not form {} rows of width {}", values.size(), height,
                      width);
  }
  if (values.size() != width * height) {
    return make_error(ErrorCode::kInvalidArgument, "merkle: {} values for {} rows of width {}",
                      values.size(), height, width);
  }
  MerkleTree t;
  t.values_ = values;
  t.width_ = width;
  t.height_ = height;
  t.arity_ = arity;
  // Level sizes, padded to a multiple of the arity except the root level.
  std::size_t total = 0;
  std::size_t n = height;
  while (true) {
    t.level_offset_.push_back(total);
    if (n == 1) {
      total += 1;
      break;
    }
    const std::size_t padded = (n + arity - 1) / arity * arity;
    total += padded;
    n = padded / arity;
  }
  t.nodes_.assign(total, Digest{});  // padding nodes stay zero
  if (arity == 2) {
    hash_leaves<12>(values, width, height, t.nodes_.data());
  } else {
    hash_leaves<16>(values, width, height, t.nodes_.data());
  }
  for (std::size_t l = 0; l + 1 < t.level_offset_.size(); ++l) {
    const std::size_t num_parents = (t.level_offset_[l + 1] - t.level_offset_[l]) / arity;
    const Digest* children = t.nodes_.data() + t.level_offset_[l];
    Digest* parents = t.nodes_.data() + t.level_offset_[l + 1];
    if (arity == 2) {
      hash_level<12>(children, num_parents, parents);
    } else {
      hash_level<16>(children, num_parents, parents);
    }
  }
  return t;
}

Result<MerkleTree> MerkleTree::from_nodes(std::span<const Fe> values, std::size_t width,
                                          std::size_t height, unsigned arity,
                                          std::vector<Digest> nodes) {
  if (arity != 2 && arity != 4) {
    return make_error(ErrorCode::kInvalidArgument, "merkle: arity must be 2 or 4, got {}", arity);
  }
  if (height == 0 || height > kMaxMerkleHeight || values.size() != width * height) {
    return make_error(ErrorCode::kInvalidArgument, "merkle: {} values for {} rows of width {}",
                      values.size(), height, width);
  }
  MerkleTree t;
  t.values_ = values;
  t.width_ = width;
  t.height_ = height;
  t.arity_ = arity;
  std::size_t total = 0;
  for (std::size_t n = height;;) {
    t.level_offset_.push_back(total);
    if (n == 1) {
      total += 1;
      break;
    }
    const std::size_t padded = (n + arity - 1) / arity * arity;
    total += padded;
    n = padded / arity;
  }
  if (nodes.size() != total) {
    return make_error(ErrorCode::kInvalidArgument, "merkle: {} nodes, a tree of {} rows has {}",
                      nodes.size(), height, total);
  }
  t.nodes_ = std::move(nodes);
  return t;
}

const Digest& MerkleTree::node(std::size_t level, std::size_t i) const {
  ZISKC_CHECK(level < level_offset_.size(), "merkle: level out of range");
  const std::size_t begin = level_offset_[level];
  const std::size_t end =
      level + 1 < level_offset_.size() ? level_offset_[level + 1] : nodes_.size();
  ZISKC_CHECK(begin + i < end, "merkle: node index out of range");
  return nodes_[begin + i];
}

MerkleOpening MerkleTree::open_row(std::uint64_t row) const {
  ZISKC_CHECK(row < height_, "merkle: open_row out of range");
  MerkleOpening o;
  o.index = row;
  o.values.assign(values_.begin() + row * width_, values_.begin() + (row + 1) * width_);
  o.siblings.reserve(num_levels() * (arity_ - 1));
  std::uint64_t idx = row;
  for (std::size_t l = 0; l < num_levels(); ++l) {
    const std::uint64_t first = idx - idx % arity_;
    for (std::uint64_t c = first; c < first + arity_; ++c) {
      if (c != idx) o.siblings.push_back(nodes_[level_offset_[l] + c]);
    }
    idx /= arity_;
  }
  return o;
}

Result<std::vector<MerkleOpening>> MerkleTree::open(std::span<const std::uint64_t> rows) const {
  std::vector<MerkleOpening> out;
  out.reserve(rows.size());
  for (std::size_t q = 0; q < rows.size(); ++q) {
    if (rows[q] >= height_) {
      return make_error(ErrorCode::kInvalidArgument,
                        "merkle: open: query {}: row {} out of range (height {})", q, rows[q],
                        height_);
    }
    out.push_back(open_row(rows[q]));
  }
  return out;
}

}  // namespace ziskc::hash
