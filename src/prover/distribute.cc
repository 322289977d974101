// Distributed proving helpers (distribute.h) and the single-process communicator (comm.h).
#include "prover/distribute.h"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <new>
#include <numeric>

#include "base/bytes.h"
#include "hash/transcript.h"
#include "verifier/proof_file.h"

#ifndef ZISKC_VERSION
#define ZISKC_VERSION "unknown"
#endif

namespace ziskc::prover {
namespace {

using field::Fe;

constexpr std::uint64_t kMaxMessage = 1 << 20;
constexpr std::uint64_t kMaxField = 1 << 12;

std::vector<std::uint8_t> encode_status(const Status& st, std::span<const std::uint8_t> payload) {
  base::ByteWriter w;
  w.u32(static_cast<std::uint32_t>(st.code()));
  const std::string& m = st.message();
  const std::size_t n = std::min<std::size_t>(m.size(), kMaxMessage);
  w.u64(n);
  w.bytes({reinterpret_cast<const std::uint8_t*>(m.data()), n});
  if (st.is_ok()) w.bytes(payload);
  return w.take();
}

// The status a rank sent and its payload (a view into `bytes`).
Result<std::pair<Status, std::span<const std::uint8_t>>> decode_status(
    std::span<const std::uint8_t> bytes, int rank) {
  base::ByteReader r(bytes, fmt::format("rank {} message", rank));
  ZISKC_ASSIGN_OR_RETURN(std::uint32_t code, r.u32("status"));
  if (code > static_cast<std::uint32_t>(ErrorCode::kInternal)) {
    return r.error("status", fmt::format("unknown code {}", code));
  }
  ZISKC_ASSIGN_OR_RETURN(std::uint64_t n, r.read_count("message", kMaxMessage));
  ZISKC_ASSIGN_OR_RETURN(std::span<const std::uint8_t> m, r.bytes("message", n));
  Status st(static_cast<ErrorCode>(code), std::string(m.begin(), m.end()));
  ZISKC_ASSIGN_OR_RETURN(std::span<const std::uint8_t> rest, r.bytes("payload", r.remaining()));
  return std::make_pair(std::move(st), rest);
}

// The first failing rank's error, or every payload.
Result<RankBytes> collect(const RankBytes& all, int size) {
  RankBytes out(all.size());
  for (std::size_t i = 0; i < all.size(); ++i) {
    const int rank = static_cast<int>(i);
    ZISKC_ASSIGN_OR_RETURN(auto sp, decode_status(all[i], rank));
    if (!sp.first.is_ok()) {
      return size > 1 ? sp.first.within(fmt::format("rank {}", rank)) : sp.first;
    }
    out[i].assign(sp.second.begin(), sp.second.end());
  }
  return out;
}

void write_digest(base::ByteWriter& w, const stark::Digest& d) {
  for (const Fe& x : d.v) w.u64(x.value());
}

Result<Fe> read_fe(base::ByteReader& r, std::string_view what) {
  ZISKC_ASSIGN_OR_RETURN(std::uint64_t v, r.u64(what));
  if (v >= Fe::kP) return r.error(what, "not a canonical field element");
  return Fe::from_canonical(v);
}

Result<stark::Digest> read_digest(base::ByteReader& r, std::string_view what) {
  stark::Digest d;
  for (Fe& x : d.v) {
    ZISKC_ASSIGN_OR_RETURN(x, read_fe(r, what));
  }
  return d;
}

}  // namespace

void LocalCommunicator::abort(int code) { std::_Exit(code); }

Result<RankBytes> exchange(Communicator& comm, const Status& local,
                           std::span<const std::uint8_t> payload) {
  const std::vector<std::uint8_t> msg = encode_status(local, payload);
  ZISKC_ASSIGN_OR_RETURN(RankBytes all, comm.all_gather(msg));
  if (all.size() != static_cast<std::size_t>(comm.size())) {
    return make_error(ErrorCode::kInternal, "all_gather returned {} ranks, {} expected", all.size(),
                      comm.size());
  }
  return collect(all, comm.size());
}

Result<RankBytes> exchange_to_root(Communicator& comm, const Status& local,
                                   std::span<const std::uint8_t> payload) {
  const std::vector<std::uint8_t> msg = encode_status(local, payload);
  ZISKC_ASSIGN_OR_RETURN(RankBytes all, comm.gather_to_root(msg));
  if (!comm.is_root()) {
    if (!local.is_ok()) return local;
    return RankBytes{};
  }
  if (all.size() != static_cast<std::size_t>(comm.size())) {
    return make_error(ErrorCode::kInternal, "gather returned {} ranks, {} expected", all.size(),
                      comm.size());
  }
  return collect(all, comm.size());
}

Status broadcast_status(Communicator& comm, const Status& root_status) {
  const std::vector<std::uint8_t> msg = encode_status(root_status, {});
  Result<std::vector<std::uint8_t>> got = comm.broadcast(msg);
  if (!got) return got.status();
  Result<std::pair<Status, std::span<const std::uint8_t>>> st = decode_status(*got, 0);
  if (!st) return st.status();
  return st->first;
}

std::string bytes_digest_hex(std::span<const std::uint8_t> bytes) {
  hash::Transcript t("ziskc-handshake-bytes");
  t.absorb_u64(bytes.size());
  for (std::size_t i = 0; i < bytes.size(); i += 8) {
    std::uint64_t w = 0;
    const std::size_t n = std::min<std::size_t>(8, bytes.size() - i);
    for (std::size_t k = 0; k < n; ++k) w |= std::uint64_t{bytes[i + k]} << (8 * k);
    t.absorb_u64(w);
  }
  std::string out;
  for (int i = 0; i < 2; ++i) out += fmt::format("{:016x}", t.squeeze_fe().value());
  return out;
}

HandshakeFields handshake_fields(const ProveOptions& o, const stark::StarkParams& params,
                                 const stark::Digest& vk_digest, std::span<const std::uint8_t> elf,
                                 std::span<const std::uint8_t> input) {
  HandshakeFields f;
  f.emplace_back("ziskc version", ZISKC_VERSION);
  f.emplace_back("formats",
                 fmt::format("proof file {}, stark proof {}, vk {}", verifier::kProofFileVersion,
                             stark::kProofVersion, verifier::kVkVersion));
  f.emplace_back("stark parameters", params.to_string());
  std::string heights;
  for (unsigned h : o.max_log_height) heights += fmt::format("{},", h);
  f.emplace_back("options",
                 fmt::format("max_steps={} heights={} chunk_log2={} legacy_inputs={} layout={} "
                             "check_constraints={} tamper_hooks={}",
                             o.max_steps, heights, o.chunk_log2, o.legacy_inputs,
                             o.layout ? static_cast<int>(*o.layout) : -1, o.check_constraints,
                             o.test_hooks.trace || o.test_hooks.instance_values));
  f.emplace_back("elf digest", elf.empty() ? "(transpiled program given)" : bytes_digest_hex(elf));
  std::string vk;
  for (const Fe& x : vk_digest.v) vk += fmt::format("{:016x}", x.value());
  f.emplace_back("program key", vk);
  f.emplace_back("input digest", bytes_digest_hex(input));
  return f;
}

std::vector<std::uint8_t> encode_handshake(const HandshakeFields& f) {
  base::ByteWriter w;
  w.u64(f.size());
  for (const auto& [name, value] : f) {
    for (const std::string* s : {&name, &value}) {
      const std::size_t n = std::min<std::size_t>(s->size(), kMaxField);
      w.u64(n);
      w.bytes({reinterpret_cast<const std::uint8_t*>(s->data()), n});
    }
  }
  return w.take();
}

namespace {
Result<HandshakeFields> decode_handshake(std::span<const std::uint8_t> bytes, int rank) {
  base::ByteReader r(bytes, fmt::format("rank {} handshake", rank));
  ZISKC_ASSIGN_OR_RETURN(std::uint64_t n, r.read_count("fields", 64));
  HandshakeFields f(n);
  for (auto& [name, value] : f) {
    for (std::string* s : {&name, &value}) {
      ZISKC_ASSIGN_OR_RETURN(std::uint64_t len, r.read_count("field", kMaxField));
      ZISKC_ASSIGN_OR_RETURN(std::span<const std::uint8_t> b, r.bytes("field", len));
      s->assign(b.begin(), b.end());
    }
  }
  ZISKC_RETURN_IF_ERROR(r.expect_end());
  return f;
}
}  // namespace

Status check_handshake(const RankBytes& all) {
  if (all.empty()) return Status::ok();
  ZISKC_ASSIGN_OR_RETURN(HandshakeFields root, decode_handshake(all[0], 0));
  for (std::size_t i = 1; i < all.size(); ++i) {
    const int rank = static_cast<int>(i);
    ZISKC_ASSIGN_OR_RETURN(HandshakeFields f, decode_handshake(all[i], rank));
    for (std::size_t k = 0; k < std::max(f.size(), root.size()); ++k) {
      const std::string name = k < root.size() ? root[k].first : f[k].first;
      const std::string mine = k < f.size() ? f[k].second : "(missing)";
      const std::string theirs = k < root.size() ? root[k].second : "(missing)";
      if (k >= f.size() || k >= root.size() || f[k] != root[k]) {
        return make_error(ErrorCode::kInvalidArgument,
                          "rank {} does not match rank 0: {} '{}' (rank 0: '{}'); every rank must "
                          "run the same ziskc with the same options, ELF and input",
                          rank, name, mine, theirs);
      }
    }
  }
  return Status::ok();
}

std::uint64_t instance_cost(const stark::AirShape& shape, unsigned log_height) {
  const std::uint64_t cols =
      shape.info.num_main + shape.num_stage2_cols() + shape.num_quotient_cols();
  return (std::uint64_t{1} << log_height) * std::max<std::uint64_t>(cols, 1);
}

int Assigner::assign(std::uint64_t cost) {
  const auto it = std::min_element(loads_.begin(), loads_.end());
  *it += cost;
  return static_cast<int>(it - loads_.begin());
}

std::vector<int> Assigner::assign_batch(std::span<const std::uint64_t> costs) {
  std::vector<std::size_t> order(costs.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return costs[a] > costs[b]; });
  std::vector<int> owner(costs.size(), 0);
  for (std::size_t i : order) owner[i] = assign(costs[i]);
  return owner;
}

std::vector<std::uint8_t> encode_headers(const PositionedHeaders& h) {
  base::ByteWriter w;
  w.u64(h.size());
  for (const auto& [pos, hd] : h) {
    w.u32(pos);
    w.u32(hd.air_id);
    w.u32(hd.log_height);
    w.u64(hd.instance_values.size());
    for (const Fe& x : hd.instance_values) w.u64(x.value());
    write_digest(w, hd.stage1_root);
  }
  return w.take();
}

Result<PositionedHeaders> decode_headers(std::span<const std::uint8_t> bytes) {
  base::ByteReader r(bytes, "stage-1 headers");
  ZISKC_ASSIGN_OR_RETURN(std::uint64_t n, r.read_count("count", stark::kMaxInstances));
  PositionedHeaders out(n);
  for (auto& [pos, hd] : out) {
    ZISKC_ASSIGN_OR_RETURN(pos, r.u32("position"));
    ZISKC_ASSIGN_OR_RETURN(hd.air_id, r.u32("air_id"));
    ZISKC_ASSIGN_OR_RETURN(hd.log_height, r.u32("log_height"));
    ZISKC_ASSIGN_OR_RETURN(std::uint64_t nv,
                           r.read_count("instance_values", stark::kMaxInstanceValues));
    hd.instance_values.resize(nv);
    for (Fe& x : hd.instance_values) {
      ZISKC_ASSIGN_OR_RETURN(x, read_fe(r, "instance_values"));
    }
    ZISKC_ASSIGN_OR_RETURN(hd.stage1_root, read_digest(r, "stage1_root"));
  }
  ZISKC_RETURN_IF_ERROR(r.expect_end());
  return out;
}

Result<std::vector<stark::InstanceHeader>> merge_headers(const RankBytes& all,
                                                         std::size_t num_instances) {
  std::vector<stark::InstanceHeader> out(num_instances);
  std::vector<bool> seen(num_instances, false);
  for (std::size_t rank = 0; rank < all.size(); ++rank) {
    Result<PositionedHeaders> h = decode_headers(all[rank]);
    if (!h) return h.status().within(fmt::format("rank {}", rank));
    for (auto& [pos, hd] : *h) {
      if (pos >= num_instances || seen[pos]) {
        return make_error(ErrorCode::kInternal, "rank {}: stage-1 header of instance {} {}", rank,
                          pos, pos >= num_instances ? "out of range" : "sent twice");
      }
      seen[pos] = true;
      out[pos] = std::move(hd);
    }
  }
  const auto missing = std::find(seen.begin(), seen.end(), false);
  if (missing != seen.end()) {
    return make_error(ErrorCode::kInternal, "no rank sent the stage-1 header of instance {}",
                      missing - seen.begin());
  }
  return out;
}

std::vector<std::uint8_t> encode_instance_proofs(const std::vector<std::uint32_t>& positions,
                                                 const stark::Proof& partial) {
  base::ByteWriter w;
  w.u64(positions.size());
  for (std::uint32_t p : positions) w.u32(p);
  w.bytes(stark::encode_proof(partial));
  return w.take();
}

Status merge_instance_proofs(const RankBytes& all, stark::Proof& proof) {
  std::vector<bool> seen(proof.instances.size(), false);
  for (std::size_t rank = 0; rank < all.size(); ++rank) {
    base::ByteReader r(all[rank], fmt::format("rank {} instance proofs", rank));
    ZISKC_ASSIGN_OR_RETURN(std::uint64_t n, r.read_count("count", proof.instances.size()));
    std::vector<std::uint32_t> pos(n);
    for (std::uint32_t& p : pos) {
      ZISKC_ASSIGN_OR_RETURN(p, r.u32("position"));
    }
    ZISKC_ASSIGN_OR_RETURN(std::span<const std::uint8_t> rest, r.bytes("proof", r.remaining()));
    Result<stark::Proof> part = stark::decode_proof(rest);
    if (!part) return part.status().within(fmt::format("rank {}", rank));
    if (part->instances.size() != n) {
      return make_error(ErrorCode::kInternal, "rank {}: {} positions for {} instance proofs", rank,
                        n, part->instances.size());
    }
    for (std::size_t i = 0; i < n; ++i) {
      if (pos[i] >= proof.instances.size() || seen[pos[i]]) {
        return make_error(ErrorCode::kInternal, "rank {}: proof of instance {} {}", rank, pos[i],
                          pos[i] >= proof.instances.size() ? "out of range" : "sent twice");
      }
      seen[pos[i]] = true;
      proof.instances[pos[i]] = std::move(part->instances[i]);
    }
  }
  const auto missing = std::find(seen.begin(), seen.end(), false);
  if (missing != seen.end()) {
    return make_error(ErrorCode::kInternal, "no rank sent the proof of instance {}",
                      missing - seen.begin());
  }
  return Status::ok();
}

void maybe_die_for_tests(const Communicator& comm, std::string_view phase) {
  if (comm.size() < 2) return;
  const char* env = std::getenv("ZISKC_TEST_MPI_DIE");
  if (env == nullptr) return;
  // <rank>:<phase>[:oom]
  const std::string spec = env;
  const std::size_t c1 = spec.find(':');
  if (c1 == std::string::npos) return;
  const std::size_t c2 = spec.find(':', c1 + 1);
  const std::string rank = spec.substr(0, c1);
  const std::string when = spec.substr(c1 + 1, c2 == std::string::npos ? c2 : c2 - c1 - 1);
  const bool oom = c2 != std::string::npos && spec.substr(c2 + 1) == "oom";
  if (rank != std::to_string(comm.rank()) || when != phase) return;
  if (oom) throw std::bad_alloc();
  std::fprintf(stderr, "rank %d: killed at phase %s (ZISKC_TEST_MPI_DIE)\n", comm.rank(),
               when.c_str());
  std::fflush(stderr);
  std::raise(SIGKILL);
}

}  // namespace ziskc::prover
