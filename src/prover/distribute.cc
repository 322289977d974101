// Distributed proving helpers (distribute.h) and the single-process communicator (comm.h).
#include "prover/distribute.h"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
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
  // In root execution only rank 0's layout and input flags are used (it sends the bytes).
  const bool root = o.execution == Execution::kRoot;
  f.emplace_back(
      "options",
      fmt::format(
          "execution={} max_steps={} heights={} chunk_log2={} legacy_inputs={} layout={} "
          "check_constraints={} tamper_hooks={}",
          execution_name(o.execution), o.max_steps, heights, o.chunk_log2,
          root ? "(rank 0's)" : fmt::format("{}", o.legacy_inputs),
          root ? "(rank 0's)" : fmt::format("{}", o.layout ? static_cast<int>(*o.layout) : -1),
          o.check_constraints, o.test_hooks.trace || o.test_hooks.instance_values));
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

namespace {
constexpr std::uint32_t kPreludeTag = 0x4c52505a;  // "ZPRL"
constexpr std::uint32_t kChunksTag = 0x4b48435a;   // "ZCHK"
constexpr std::uint32_t kTablesTag = 0x4c42545a;   // "ZTBL"
constexpr std::uint32_t kFormatVersion = 1;
constexpr std::uint8_t kNoLayout = 0xff;

Status expect_tag(base::ByteReader& r, std::uint32_t tag) {
  ZISKC_ASSIGN_OR_RETURN(std::uint32_t t, r.u32("tag"));
  if (t != tag) return r.error("tag", fmt::format("0x{:08x}, expected 0x{:08x}", t, tag));
  ZISKC_ASSIGN_OR_RETURN(std::uint32_t v, r.u32("version"));
  if (v != kFormatVersion) {
    return r.error("version", fmt::format("{}, this ziskc reads {}", v, kFormatVersion));
  }
  return Status::ok();
}

void write_blob(base::ByteWriter& w, std::span<const std::uint8_t> b) {
  w.u64(b.size());
  w.bytes(b);
}

Result<std::vector<std::uint8_t>> read_blob(base::ByteReader& r, std::string_view what) {
  ZISKC_ASSIGN_OR_RETURN(std::uint64_t n, r.read_count(what, r.remaining()));
  ZISKC_ASSIGN_OR_RETURN(std::span<const std::uint8_t> b, r.bytes(what, n));
  return std::vector<std::uint8_t>(b.begin(), b.end());
}

void write_varint(base::ByteWriter& w, std::uint64_t v) {
  while (v >= 0x80) {
    w.u8(static_cast<std::uint8_t>(v | 0x80));
    v >>= 7;
  }
  w.u8(static_cast<std::uint8_t>(v));
}

Result<std::uint64_t> read_varint(base::ByteReader& r, std::string_view what) {
  std::uint64_t v = 0;
  for (unsigned shift = 0; shift < 64; shift += 7) {
    ZISKC_ASSIGN_OR_RETURN(std::uint8_t b, r.u8(what));
    if (shift == 63 && b > 1) return r.error(what, "varint overflows 64 bits");
    v |= std::uint64_t{b & 0x7fu} << shift;
    if ((b & 0x80) == 0) return v;
  }
  return r.error(what, "varint longer than 10 bytes");
}
}  // namespace

std::vector<std::uint8_t> encode_prelude(Execution mode, const RootInputs* inputs) {
  base::ByteWriter w;
  w.u32(kPreludeTag);
  w.u32(kFormatVersion);
  w.u8(static_cast<std::uint8_t>(mode));
  w.u8(inputs != nullptr ? 1 : 0);
  if (inputs != nullptr) {
    w.u8(inputs->has_elf ? 1 : 0);
    w.u8(inputs->layout ? static_cast<std::uint8_t>(*inputs->layout) : kNoLayout);
    write_blob(w, inputs->elf);
    write_blob(w, inputs->input);
  }
  return w.take();
}

Result<RootInputs> check_prelude(const RankBytes& all, Execution mine) {
  RootInputs root;
  Execution root_mode = mine;
  for (std::size_t i = 0; i < all.size(); ++i) {
    base::ByteReader r(all[i], fmt::format("rank {} prelude", i));
    ZISKC_RETURN_IF_ERROR(expect_tag(r, kPreludeTag));
    ZISKC_ASSIGN_OR_RETURN(std::uint8_t m, r.u8("execution"));
    if (m > static_cast<std::uint8_t>(Execution::kRoot)) {
      return r.error("execution", fmt::format("unknown mode {}", m));
    }
    const auto mode = static_cast<Execution>(m);
    if (i == 0) {
      root_mode = mode;
    } else if (mode != root_mode) {
      return make_error(ErrorCode::kInvalidArgument,
                        "rank {} does not match rank 0: execution '{}' (rank 0: '{}'); every rank "
                        "must run the same ziskc with the same options, ELF and input",
                        i, execution_name(mode), execution_name(root_mode));
    }
    ZISKC_ASSIGN_OR_RETURN(std::uint8_t has_inputs, r.u8("inputs"));
    if (has_inputs > 1 || (has_inputs == 1) != (i == 0 && mode == Execution::kRoot)) {
      return r.error("inputs", "only rank 0 of a root-execution job sends the program and input");
    }
    if (has_inputs == 1) {
      ZISKC_ASSIGN_OR_RETURN(std::uint8_t has_elf, r.u8("has_elf"));
      if (has_elf > 1) return r.error("has_elf", "not a flag");
      root.has_elf = has_elf == 1;
      ZISKC_ASSIGN_OR_RETURN(std::uint8_t layout, r.u8("layout"));
      if (layout != kNoLayout) {
        if (layout > static_cast<std::uint8_t>(zisk::LayoutKind::kZisk018)) {
          return r.error("layout", fmt::format("unknown layout {}", layout));
        }
        root.layout = static_cast<zisk::LayoutKind>(layout);
      }
      ZISKC_ASSIGN_OR_RETURN(root.elf, read_blob(r, "elf"));
      ZISKC_ASSIGN_OR_RETURN(root.input, read_blob(r, "input"));
    }
    ZISKC_RETURN_IF_ERROR(r.expect_end());
  }
  if (root_mode != mine) {
    // Only reached on rank 0 when all ranks agree with it; a defensive check.
    return make_error(ErrorCode::kInternal, "prelude: rank 0's mode is not this rank's");
  }
  return root;
}

std::vector<std::uint8_t> encode_prerun(const PreRun& p) {
  base::ByteWriter w;
  w.u64(p.steps);
  for (std::uint32_t x : p.outputs) w.u32(x);
  return w.take();
}

Result<PreRun> decode_prerun(std::span<const std::uint8_t> bytes) {
  base::ByteReader r(bytes, "rank 0 pre-run");
  PreRun p;
  ZISKC_ASSIGN_OR_RETURN(p.steps, r.u64("steps"));
  for (std::uint32_t& x : p.outputs) {
    ZISKC_ASSIGN_OR_RETURN(x, r.u32("outputs"));
  }
  ZISKC_RETURN_IF_ERROR(r.expect_end());
  return p;
}

std::vector<std::uint8_t> encode_chunks(std::span<const emu::Chunk> chunks) {
  std::size_t bytes = 16;
  for (const emu::Chunk& c : chunks) bytes += 8 * (c.mem_reads.size() + emu::kNumRegs + 5);
  base::ByteWriter w;
  w.data().reserve(bytes);
  w.u32(kChunksTag);
  w.u32(kFormatVersion);
  w.u64(chunks.size());
  for (const emu::Chunk& c : chunks) {
    w.u64(c.start.pc);
    for (std::uint64_t x : c.start.regs) w.u64(x);
    w.u64(c.start.last_c);
    w.u64(c.start.step);
    w.u64(c.steps);
    w.u64(c.mem_reads.size());
    w.bytes({reinterpret_cast<const std::uint8_t*>(c.mem_reads.data()), 8 * c.mem_reads.size()});
  }
  return w.take();
}

Result<std::vector<emu::Chunk>> decode_chunks(std::span<const std::uint8_t> bytes,
                                              std::uint64_t steps, unsigned chunk_log2) {
  base::ByteReader r(bytes, "minimal-trace chunks");
  ZISKC_RETURN_IF_ERROR(expect_tag(r, kChunksTag));
  constexpr std::size_t kChunkHeader = 8 * (emu::kNumRegs + 5);
  ZISKC_ASSIGN_OR_RETURN(std::uint64_t n, r.read_count("count", r.remaining() / kChunkHeader));
  if (chunk_log2 >= 64) return r.error("count", "chunk size out of range");
  const std::uint64_t full = std::uint64_t{1} << chunk_log2;
  std::vector<emu::Chunk> out(n);
  std::uint64_t at = 0;
  for (std::size_t i = 0; i < out.size(); ++i) {
    emu::Chunk& c = out[i];
    ZISKC_ASSIGN_OR_RETURN(c.start.pc, r.u64("pc"));
    for (std::uint64_t& x : c.start.regs) {
      ZISKC_ASSIGN_OR_RETURN(x, r.u64("regs"));
    }
    ZISKC_ASSIGN_OR_RETURN(c.start.last_c, r.u64("last_c"));
    ZISKC_ASSIGN_OR_RETURN(c.start.step, r.u64("step"));
    ZISKC_ASSIGN_OR_RETURN(c.steps, r.u64("steps"));
    if (c.start.step != at || c.steps == 0 || c.steps > full ||
        (c.steps != full && i + 1 != out.size())) {
      return r.error("steps", fmt::format("chunk {} covers steps [{}, +{}), expected to start at "
                                          "{} with {} steps (the last one at most)",
                                          i, c.start.step, c.steps, at, full));
    }
    at += c.steps;
    ZISKC_ASSIGN_OR_RETURN(std::uint64_t reads, r.read_count("mem_reads", r.remaining() / 8));
    ZISKC_ASSIGN_OR_RETURN(std::span<const std::uint8_t> b, r.bytes("mem_reads", 8 * reads));
    c.mem_reads.resize(reads);
    std::memcpy(c.mem_reads.data(), b.data(), b.size());
  }
  ZISKC_RETURN_IF_ERROR(r.expect_end());
  if (at != steps) {
    return make_error(ErrorCode::kInternal, "minimal-trace chunks: {} steps, the pre-run ran {}",
                      at, steps);
  }
  return out;
}

Result<std::vector<std::uint8_t>> broadcast_stream(Communicator& comm, const Status& local,
                                                   std::span<const std::uint8_t> stream,
                                                   std::size_t max_piece) {
  base::ByteWriter w;
  if (comm.is_root()) w.u64(stream.size());
  ZISKC_ASSIGN_OR_RETURN(RankBytes all, exchange(comm, local, w.take()));
  base::ByteReader r(all[0], "rank 0 stream size");
  ZISKC_ASSIGN_OR_RETURN(const std::uint64_t total, r.u64("size"));
  ZISKC_RETURN_IF_ERROR(r.expect_end());
  max_piece = std::max<std::size_t>(max_piece, 1);
  const std::uint64_t pieces = (total + max_piece - 1) / max_piece;
  std::vector<std::uint8_t> out;
  Status st;
  if (!comm.is_root()) {
    try {
      out.reserve(total);
    } catch (const std::bad_alloc&) {
      st = make_error(ErrorCode::kInternal, "out of memory (phase chunks: {} bytes)", total);
    }
  }
  // Every rank takes part in every broadcast whatever happened (no early return).
  for (std::uint64_t k = 0; k < pieces; ++k) {
    const std::uint64_t lo = k * max_piece;
    const std::uint64_t len = std::min<std::uint64_t>(max_piece, total - lo);
    std::span<const std::uint8_t> piece;
    if (comm.is_root()) piece = stream.subspan(lo, len);
    Result<std::vector<std::uint8_t>> got = comm.broadcast(piece);
    if (!st.is_ok() || comm.is_root()) continue;
    if (!got) {
      st = got.status();
    } else if (got->size() != len) {
      st = make_error(ErrorCode::kInternal, "stream piece {}: {} bytes, {} expected", k,
                      got->size(), len);
    } else {
      out.insert(out.end(), got->begin(), got->end());
    }
  }
  if (!st.is_ok()) return st;
  return out;
}

std::vector<std::uint8_t> encode_table_counts(const TableSet& t) {
  base::ByteWriter w;
  w.u32(kTablesTag);
  w.u32(kFormatVersion);
  w.u64(kNumTables);
  for (std::size_t i = 0; i < kNumTables; ++i) {
    const std::vector<std::uint64_t>& c = t.get(static_cast<TableId>(i)).counts();
    write_varint(w, c.size());
    // Runs of non-zero counts: the gap of zeros before the run, its length, its counts.
    std::size_t at = 0;
    std::vector<std::pair<std::size_t, std::size_t>> runs;
    for (std::size_t r = 0; r < c.size();) {
      if (c[r] == 0) {
        ++r;
        continue;
      }
      std::size_t e = r;
      while (e < c.size() && c[e] != 0) ++e;
      runs.emplace_back(r, e);
      r = e;
    }
    write_varint(w, runs.size());
    for (const auto& [b, e] : runs) {
      write_varint(w, b - at);
      write_varint(w, e - b);
      for (std::size_t r = b; r < e; ++r) write_varint(w, c[r]);
      at = e;
    }
  }
  return w.take();
}

Status add_table_counts(std::span<const std::uint8_t> bytes, TableSet& into) {
  base::ByteReader r(bytes, "table counts");
  ZISKC_RETURN_IF_ERROR(expect_tag(r, kTablesTag));
  ZISKC_ASSIGN_OR_RETURN(std::uint64_t n, r.u64("tables"));
  if (n != kNumTables) return r.error("tables", fmt::format("{}, expected {}", n, kNumTables));
  for (std::size_t i = 0; i < kNumTables; ++i) {
    sm::TableCounts& t = into.get(static_cast<TableId>(i));
    ZISKC_ASSIGN_OR_RETURN(std::uint64_t rows, read_varint(r, "rows"));
    if (rows != t.size()) {
      return r.error("rows", fmt::format("table {}: {} rows, expected {}", i, rows, t.size()));
    }
    ZISKC_ASSIGN_OR_RETURN(std::uint64_t runs, read_varint(r, "runs"));
    if (runs > rows) return r.error("runs", fmt::format("table {}: {} runs", i, runs));
    std::uint64_t at = 0;
    for (std::uint64_t k = 0; k < runs; ++k) {
      ZISKC_ASSIGN_OR_RETURN(std::uint64_t gap, read_varint(r, "gap"));
      ZISKC_ASSIGN_OR_RETURN(std::uint64_t len, read_varint(r, "length"));
      if (gap > rows - at || len > rows - at - gap) {
        return r.error("run", fmt::format("table {}: run past row {}", i, rows));
      }
      at += gap;
      for (std::uint64_t e = at + len; at < e; ++at) {
        ZISKC_ASSIGN_OR_RETURN(std::uint64_t v, read_varint(r, "count"));
        t.add(static_cast<std::size_t>(at), v);
      }
    }
  }
  return r.expect_end();
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
