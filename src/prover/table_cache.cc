// The table cache (format and rules in table_cache.h).
#include "prover/table_cache.h"

#include <fmt/format.h>

#include <cstdlib>
#include <cstring>
#include <filesystem>

#include "base/bytes.h"
#include "poly/ntt.h"
#include "precompile/sha256.h"
#include "stark/config.h"

namespace ziskc::prover {
namespace {

constexpr char kMagic[8] = {'Z', 'I', 'S', 'K', 'C', 'T', 'C', '1'};
constexpr std::uint32_t kVersion = 1;
// Bound on a cache file (the largest table's tree is a few MiB).
constexpr std::uint64_t kMaxCacheFile = std::uint64_t{1} << 30;

class Sha256 {
 public:
  void update(std::span<const std::uint8_t> b) {
    len_ += b.size();
    std::size_t i = 0;
    if (fill_ > 0) {
      const std::size_t n = std::min(b.size(), 64 - fill_);
      std::memcpy(buf_ + fill_, b.data(), n);
      fill_ += n;
      i = n;
      if (fill_ < 64) return;
      precompile::sha256_compress(h_, buf_);
      fill_ = 0;
    }
    for (; i + 64 <= b.size(); i += 64) precompile::sha256_compress(h_, b.data() + i);
    std::memcpy(buf_, b.data() + i, b.size() - i);
    fill_ = b.size() - i;
  }
  void update_u64(std::uint64_t v) {
    std::uint8_t b[8];
    std::memcpy(b, &v, 8);
    update(b);
  }
  std::array<std::uint8_t, 32> finish() {
    const std::uint64_t bits = len_ * 8;
    const std::uint8_t one = 0x80;
    update({&one, 1});
    const std::uint8_t zero[64] = {};
    update({zero, fill_ <= 56 ? 56 - fill_ : 120 - fill_});
    std::uint8_t lenb[8];
    for (int k = 0; k < 8; ++k) lenb[k] = static_cast<std::uint8_t>(bits >> (56 - 8 * k));
    update(lenb);
    std::array<std::uint8_t, 32> out;
    for (int w = 0; w < 8; ++w) {
      for (int k = 0; k < 4; ++k) out[4 * w + k] = static_cast<std::uint8_t>(h_[w] >> (24 - 8 * k));
    }
    return out;
  }

 private:
  std::uint32_t h_[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                         0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
  std::uint8_t buf_[64] = {};
  std::size_t fill_ = 0;
  std::uint64_t len_ = 0;
};

std::array<std::uint8_t, 32> table_key(const std::string& name, const poly::RowMajorMatrix& fixed,
                                       unsigned log_blowup) {
  Sha256 h;
  const std::string label = "ziskc-table-cache-v1";
  h.update({reinterpret_cast<const std::uint8_t*>(label.data()), label.size()});
  h.update_u64(name.size());
  h.update({reinterpret_cast<const std::uint8_t*>(name.data()), name.size()});
  h.update_u64(fixed.rows);
  h.update_u64(fixed.cols);
  h.update_u64(log_blowup);
  h.update_u64(stark::kMerkleArity);
  for (field::Fe v : fixed.values) h.update_u64(v.value());
  return h.finish();
}

// The leaves matrix and tree input of a committed trace, as stark::build_tree lays them out.
void group_leaves(stark::CommittedTrace& c) {
  const std::size_t w = c.lde.cols, big = c.lde.rows;
  c.rows_per_leaf = std::min(stark::rows_per_leaf(w), big);
  const std::size_t k = c.rows_per_leaf;
  if (k <= 1) return;
  const std::size_t leaves = big / k;
  c.leaves = poly::RowMajorMatrix::zeros(leaves, k * w);
  for (std::size_t r = 0; r < leaves; ++r) {
    for (std::size_t j = 0; j < k; ++j) {
      std::memcpy(c.leaves.values.data() + (r * k + j) * w,
                  c.lde.values.data() + (r + j * leaves) * w, w * sizeof(field::Fe));
    }
  }
}

// Parses a cache file; nullopt-like error Status (any code) means "rebuild".
Result<std::vector<hash::Digest>> parse_entry(std::span<const std::uint8_t> bytes,
                                              const std::array<std::uint8_t, 32>& key,
                                              const poly::RowMajorMatrix& fixed,
                                              unsigned log_blowup) {
  base::ByteReader r(bytes, "table cache");
  if (bytes.size() < 32) return r.error("checksum", "file too short");
  const auto body = bytes.subspan(0, bytes.size() - 32);
  Sha256 h;
  h.update(body);
  const auto sum = h.finish();
  if (std::memcmp(sum.data(), bytes.data() + body.size(), 32) != 0) {
    return r.error("checksum", "SHA-256 mismatch");
  }
  ZISKC_ASSIGN_OR_RETURN(auto magic, r.bytes("magic", 8));
  if (std::memcmp(magic.data(), kMagic, 8) != 0) return r.error("magic", "not a table cache file");
  ZISKC_ASSIGN_OR_RETURN(std::uint32_t version, r.u32("version"));
  if (version != kVersion) return r.error("version", "other version");
  ZISKC_ASSIGN_OR_RETURN(auto k, r.bytes("key", 32));
  if (std::memcmp(k.data(), key.data(), 32) != 0) return r.error("key", "other table");
  ZISKC_ASSIGN_OR_RETURN(std::uint64_t rows, r.u64("rows"));
  ZISKC_ASSIGN_OR_RETURN(std::uint64_t cols, r.u64("cols"));
  ZISKC_ASSIGN_OR_RETURN(std::uint32_t blowup, r.u32("log_blowup"));
  if (rows != fixed.rows || cols != fixed.cols || blowup != log_blowup) {
    return r.error("shape", "other shape");
  }
  ZISKC_ASSIGN_OR_RETURN(std::uint64_t n, r.read_count("nodes", (r.remaining() - 32) / 32));
  std::vector<hash::Digest> nodes(n);
  for (hash::Digest& d : nodes) {
    for (field::Fe& v : d.v) {
      ZISKC_ASSIGN_OR_RETURN(std::uint64_t x, r.u64("nodes"));
      if (x >= field::Fe::kP) return r.error("nodes", "non-canonical element");
      v = field::Fe::from_canonical(x);
    }
  }
  if (r.remaining() != 32) return r.error("end", "trailing bytes");
  return nodes;
}

std::vector<std::uint8_t> encode_entry(const std::array<std::uint8_t, 32>& key, std::size_t rows,
                                       std::size_t cols, unsigned log_blowup,
                                       std::span<const hash::Digest> nodes) {
  base::ByteWriter w;
  w.bytes({reinterpret_cast<const std::uint8_t*>(kMagic), 8});
  w.u32(kVersion);
  w.bytes(key);
  w.u64(rows);
  w.u64(cols);
  w.u32(log_blowup);
  w.u64(nodes.size());
  for (const hash::Digest& d : nodes) {
    for (field::Fe v : d.v) w.u64(v.value());
  }
  Sha256 h;
  h.update(w.data());
  w.bytes(h.finish());
  return w.take();
}

}  // namespace

std::array<std::uint8_t, 32> sha256(std::span<const std::uint8_t> bytes) {
  Sha256 h;
  h.update(bytes);
  return h.finish();
}

std::string default_cache_dir() {
  if (const char* x = std::getenv("XDG_CACHE_HOME"); x != nullptr && x[0] == '/') {
    return std::string(x) + "/ziskc";
  }
  if (const char* home = std::getenv("HOME"); home != nullptr && home[0] == '/') {
    return std::string(home) + "/.cache/ziskc";
  }
  return "";
}

Result<CommittedTable> commit_table(const std::string& air_name, poly::RowMajorMatrix fixed,
                                    unsigned log_blowup, const std::string& dir) {
  CommittedTable out;
  if (dir.empty()) {
    ZISKC_ASSIGN_OR_RETURN(stark::CommittedTrace c,
                           stark::commit_trace(std::move(fixed), log_blowup));
    out.committed = std::make_unique<stark::CommittedTrace>(std::move(c));
    return out;
  }
  const auto key = table_key(air_name, fixed, log_blowup);
  std::string hex;
  for (int i = 0; i < 8; ++i) hex += fmt::format("{:02x}", key[i]);
  out.path = fmt::format("{}/{}-{}.bin", dir, air_name, hex);
  out.outcome = CacheOutcome::kMiss;
  std::error_code ec;
  if (std::filesystem::exists(out.path, ec)) {
    Result<std::vector<std::uint8_t>> bytes = base::read_file(out.path, kMaxCacheFile);
    Result<std::vector<hash::Digest>> nodes =
        bytes ? parse_entry(*bytes, key, fixed, log_blowup)
              : Result<std::vector<hash::Digest>>(bytes.status());
    if (nodes) {
      auto c = std::make_unique<stark::CommittedTrace>();
      c->log_height = static_cast<unsigned>(std::countr_zero(fixed.rows));
      c->lde = poly::coset_lde(fixed, log_blowup, stark::kLdeShift, poly::RowOrder::kNatural);
      c->trace = std::move(fixed);
      group_leaves(*c);
      const poly::RowMajorMatrix& hashed = c->rows_per_leaf > 1 ? c->leaves : c->lde;
      Result<hash::MerkleTree> tree = hash::MerkleTree::from_nodes(
          hashed.values, hashed.cols, hashed.rows, stark::kMerkleArity, std::move(nodes).value());
      if (tree) {
        c->tree = std::make_unique<hash::MerkleTree>(std::move(tree).value());
        out.committed = std::move(c);
        out.outcome = CacheOutcome::kHit;
        return out;
      }
      fixed = std::move(c->trace);
    }
    out.outcome = CacheOutcome::kCorrupted;
  }
  const std::size_t rows = fixed.rows, cols = fixed.cols;
  ZISKC_ASSIGN_OR_RETURN(stark::CommittedTrace c,
                         stark::commit_trace(std::move(fixed), log_blowup));
  out.committed = std::make_unique<stark::CommittedTrace>(std::move(c));
  std::filesystem::create_directories(dir, ec);
  if (!ec) {
    const std::vector<std::uint8_t> bytes =
        encode_entry(key, rows, cols, log_blowup, out.committed->tree->nodes());
    (void)base::write_file_atomic(out.path, bytes);  // a read-only cache is not an error
  }
  return out;
}

}  // namespace ziskc::prover
