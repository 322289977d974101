// The distribution helpers without MPI (distribute.h): the phase exchange and its error
// agreement over a scripted multi-rank communicator, the handshake comparison, the
// assignment, and the header / instance-proof encodings (round trips and refusals).
#include "prover/distribute.h"

#include <gtest/gtest.h>

#include <cstdlib>

#include "base/bytes.h"
#include "prover/comm.h"

namespace ziskc::prover {
namespace {

using field::Fe;

// Rank `rank` of a job whose other ranks sent `others` (rank order, this rank's slot ignored).
class ScriptedCommunicator final : public Communicator {
 public:
  ScriptedCommunicator(int rank, RankBytes others) : rank_(rank), others_(std::move(others)) {}
  int rank() const override { return rank_; }
  int size() const override { return static_cast<int>(others_.size()); }
  Result<RankBytes> all_gather(std::span<const std::uint8_t> bytes) override {
    RankBytes all = others_;
    all[static_cast<std::size_t>(rank_)].assign(bytes.begin(), bytes.end());
    return all;
  }
  Result<RankBytes> gather_to_root(std::span<const std::uint8_t> bytes) override {
    if (rank_ != 0) return RankBytes{};
    return all_gather(bytes);
  }
  Result<std::vector<std::uint8_t>> broadcast(std::span<const std::uint8_t> bytes) override {
    if (rank_ == 0) return std::vector<std::uint8_t>(bytes.begin(), bytes.end());
    return others_[0];
  }
  [[noreturn]] void abort(int code) override { std::_Exit(code); }

 private:
  int rank_;
  RankBytes others_;
};

// Records what a one-rank job sends: the message a rank sends in exchange().
class Recorder final : public Communicator {
 public:
  std::vector<std::uint8_t> sent;
  int rank() const override { return 0; }
  int size() const override { return 1; }
  Result<RankBytes> all_gather(std::span<const std::uint8_t> b) override {
    sent.assign(b.begin(), b.end());
    return RankBytes{sent};
  }
  Result<RankBytes> gather_to_root(std::span<const std::uint8_t> b) override {
    return all_gather(b);
  }
  Result<std::vector<std::uint8_t>> broadcast(std::span<const std::uint8_t> b) override {
    sent.assign(b.begin(), b.end());
    return sent;
  }
  [[noreturn]] void abort(int code) override { std::_Exit(code); }
};

std::vector<std::uint8_t> message(const Status& st, std::vector<std::uint8_t> payload) {
  Recorder rec;
  (void)exchange(rec, st, payload);
  return rec.sent;
}

TEST(Distribute, ExchangeReturnsEveryPayloadInRankOrder) {
  RankBytes others = {{}, message(Status::ok(), {7, 8}), message(Status::ok(), {})};
  ScriptedCommunicator c(0, others);
  Result<RankBytes> r = exchange(c, Status::ok(), std::vector<std::uint8_t>{1, 2, 3});
  ASSERT_TRUE(r.is_ok()) << r.status().message();
  EXPECT_EQ(*r, (RankBytes{{1, 2, 3}, {7, 8}, {}}));
}

TEST(Distribute, ExchangeReturnsTheLowestFailingRanksError) {
  RankBytes others = {message(Status::ok(), {}), message(Status::ok(), {1}),
                      message(Status(ErrorCode::kBadInput, "input file: too short"), {}),
                      message(Status(ErrorCode::kInternal, "later"), {})};
  for (int me : {0, 1, 3}) {
    ScriptedCommunicator c(me, others);
    Result<RankBytes> r = exchange(c, Status::ok(), {});
    ASSERT_FALSE(r.is_ok());
    EXPECT_EQ(r.status().code(), ErrorCode::kBadInput);
    EXPECT_EQ(r.status().message(), "rank 2: input file: too short");
  }
  // A garbled message is an error too, never a crash.
  ScriptedCommunicator bad(0, {{}, {1, 2, 3}});
  EXPECT_FALSE(exchange(bad, Status::ok(), {}).is_ok());
}

TEST(Distribute, BroadcastStatusCarriesRankZerosError) {
  ScriptedCommunicator c(1,
                         {message(Status(ErrorCode::kInternal, "rank 1: out of memory"), {}), {}});
  Status st = broadcast_status(c, Status::ok());
  EXPECT_EQ(st.code(), ErrorCode::kInternal);
  EXPECT_EQ(st.message(), "rank 1: out of memory");
}

TEST(Distribute, HandshakeNamesTheFirstDifference) {
  ProveOptions o;
  const stark::StarkParams params{};
  const stark::Digest vk{};
  const std::vector<std::uint8_t> elf = {1, 2, 3}, input = {4, 5};
  const std::vector<std::uint8_t> base =
      encode_handshake(handshake_fields(o, params, vk, elf, input));
  EXPECT_TRUE(check_handshake({base, base, base}).is_ok());
  const std::vector<std::uint8_t> other_input =
      encode_handshake(handshake_fields(o, params, vk, elf, std::vector<std::uint8_t>{4, 6}));
  Status st = check_handshake({base, base, other_input});
  EXPECT_EQ(st.code(), ErrorCode::kInvalidArgument);
  EXPECT_NE(st.message().find("rank 2 does not match rank 0: input digest"), std::string::npos)
      << st.message();
  ProveOptions o2;
  o2.max_steps = 1000;
  st = check_handshake({base, encode_handshake(handshake_fields(o2, params, vk, elf, input))});
  EXPECT_NE(st.message().find("rank 1 does not match rank 0: options"), std::string::npos)
      << st.message();
  EXPECT_NE(bytes_digest_hex(std::vector<std::uint8_t>{0}), bytes_digest_hex({}));
}

TEST(Distribute, AssignerBalancesDeterministically) {
  Assigner a(3);
  EXPECT_EQ(a.assign(10), 0);
  EXPECT_EQ(a.assign(10), 1);
  EXPECT_EQ(a.assign(10), 2);
  EXPECT_EQ(a.assign(1), 0);
  // LPT: the biggest first, each to the least loaded (loads 11, 10, 10).
  const std::vector<std::uint64_t> costs = {1, 8, 8, 4};
  EXPECT_EQ(a.assign_batch(costs), (std::vector<int>{0, 1, 2, 0}));
  EXPECT_EQ(a.loads(), (std::vector<std::uint64_t>{16, 18, 18}));
}

TEST(Distribute, HeadersRoundTripAndMergeInCanonicalOrder) {
  stark::InstanceHeader h0;
  h0.log_height = 4;
  h0.instance_values = {Fe::from_u64(5)};
  h0.stage1_root.v[0] = Fe::from_u64(11);
  stark::InstanceHeader h1;
  h1.air_id = 3;
  h1.log_height = 6;
  h1.stage1_root.v[3] = Fe::from_u64(12);
  const std::vector<std::uint8_t> r0 = encode_headers({{1, h1}});
  const std::vector<std::uint8_t> r1 = encode_headers({{0, h0}});
  Result<std::vector<stark::InstanceHeader>> m = merge_headers({r0, r1}, 2);
  ASSERT_TRUE(m.is_ok()) << m.status().message();
  EXPECT_EQ((*m)[0].air_id, 0u);
  EXPECT_EQ((*m)[0].instance_values, h0.instance_values);
  EXPECT_EQ((*m)[0].stage1_root, h0.stage1_root);
  EXPECT_EQ((*m)[1].log_height, 6u);
  EXPECT_EQ((*m)[1].stage1_root, h1.stage1_root);
  // Missing, duplicated, out-of-range positions and truncated bytes are refused.
  EXPECT_FALSE(merge_headers({r0}, 2).is_ok());
  EXPECT_FALSE(merge_headers({r0, r0}, 2).is_ok());
  EXPECT_FALSE(merge_headers({r0, r1}, 1).is_ok());
  std::vector<std::uint8_t> cut = r0;
  cut.pop_back();
  EXPECT_FALSE(decode_headers(cut).is_ok());
}

TEST(Distribute, InstanceProofsMergeByPosition) {
  stark::Proof part0, part1;
  stark::InstanceProof a, b;
  a.air_id = 1;
  a.log_height = 4;
  b.air_id = 2;
  b.log_height = 5;
  part0.instances = {b};
  part1.instances = {a};
  stark::Proof whole;
  whole.instances.resize(2);
  ASSERT_TRUE(merge_instance_proofs(
                  {encode_instance_proofs({1}, part0), encode_instance_proofs({0}, part1)}, whole)
                  .is_ok());
  EXPECT_EQ(whole.instances[0], a);
  EXPECT_EQ(whole.instances[1], b);
  stark::Proof again;
  again.instances.resize(2);
  EXPECT_FALSE(merge_instance_proofs({encode_instance_proofs({1}, part0)}, again).is_ok());
}

TEST(Distribute, PreludeComparesModesAndCarriesRootInputs) {
  RootInputs in;
  in.has_elf = true;
  in.layout = zisk::LayoutKind::kZisk018;
  in.elf = {1, 2, 3};
  in.input = {4, 5};
  const std::vector<std::uint8_t> root = encode_prelude(Execution::kRoot, &in);
  const std::vector<std::uint8_t> other = encode_prelude(Execution::kRoot, nullptr);
  Result<RootInputs> got = check_prelude({root, other, other}, Execution::kRoot);
  ASSERT_TRUE(got.is_ok()) << got.status().message();
  EXPECT_TRUE(got->has_elf);
  EXPECT_EQ(got->layout, zisk::LayoutKind::kZisk018);
  EXPECT_EQ(got->elf, in.elf);
  EXPECT_EQ(got->input, in.input);
  // Every rank executing: nobody sends inputs.
  const std::vector<std::uint8_t> all = encode_prelude(Execution::kEveryRank, nullptr);
  EXPECT_TRUE(check_prelude({all, all}, Execution::kEveryRank).is_ok());
  // A mode mismatch names the rank and both modes.
  Status st = check_prelude({root, other, all}, Execution::kRoot).status();
  EXPECT_EQ(st.code(), ErrorCode::kInvalidArgument);
  EXPECT_NE(st.message().find("rank 2 does not match rank 0: execution 'all' (rank 0: 'root')"),
            std::string::npos)
      << st.message();
  // Inputs from a rank other than 0, truncated or garbled messages are refused.
  EXPECT_FALSE(check_prelude({root, root}, Execution::kRoot).is_ok());
  std::vector<std::uint8_t> cut = root;
  cut.pop_back();
  EXPECT_FALSE(check_prelude({cut, other}, Execution::kRoot).is_ok());
  std::vector<std::uint8_t> bad_tag = root;
  bad_tag[0] ^= 1;
  EXPECT_FALSE(check_prelude({bad_tag, other}, Execution::kRoot).is_ok());
}

TEST(Distribute, PreRunRoundTrips) {
  PreRun p;
  p.steps = 12345;
  p.outputs[3] = 7;
  Result<PreRun> q = decode_prerun(encode_prerun(p));
  ASSERT_TRUE(q.is_ok()) << q.status().message();
  EXPECT_EQ(q->steps, p.steps);
  EXPECT_EQ(q->outputs, p.outputs);
  std::vector<std::uint8_t> cut = encode_prerun(p);
  cut.pop_back();
  EXPECT_FALSE(decode_prerun(cut).is_ok());
}

std::vector<emu::Chunk> sample_chunks() {
  std::vector<emu::Chunk> c(3);
  for (std::size_t i = 0; i < c.size(); ++i) {
    c[i].start.pc = 0x1000 + i;
    c[i].start.regs[5] = 50 + i;
    c[i].start.last_c = i;
    c[i].start.step = 4 * i;
    c[i].steps = i + 1 < c.size() ? 4 : 3;
    c[i].mem_reads.assign(i + 1, 0xabcdef00 + i);
  }
  return c;
}

TEST(Distribute, ChunksRoundTripAndGarbageIsRefused) {
  const std::vector<emu::Chunk> c = sample_chunks();
  const std::vector<std::uint8_t> bytes = encode_chunks(c);
  Result<std::vector<emu::Chunk>> d = decode_chunks(bytes, 11, 2);
  ASSERT_TRUE(d.is_ok()) << d.status().message();
  ASSERT_EQ(d->size(), c.size());
  for (std::size_t i = 0; i < c.size(); ++i) {
    EXPECT_EQ((*d)[i].start, c[i].start);
    EXPECT_EQ((*d)[i].steps, c[i].steps);
    EXPECT_EQ((*d)[i].mem_reads, c[i].mem_reads);
  }
  // Another step count or chunk size than the run's.
  EXPECT_FALSE(decode_chunks(bytes, 12, 2).is_ok());
  EXPECT_FALSE(decode_chunks(bytes, 11, 3).is_ok());
  // A chunk that does not start where the previous one ended.
  std::vector<emu::Chunk> gap = c;
  gap[1].start.step = 5;
  EXPECT_FALSE(decode_chunks(encode_chunks(gap), 11, 2).is_ok());
  // Every truncation, a wrong tag or version, trailing bytes, a huge read count.
  for (std::size_t n = 0; n < bytes.size(); ++n) {
    EXPECT_FALSE(decode_chunks(std::span(bytes).first(n), 11, 2).is_ok()) << n;
  }
  for (std::size_t at : {std::size_t{0}, std::size_t{4}}) {
    std::vector<std::uint8_t> b = bytes;
    b[at] ^= 1;
    EXPECT_FALSE(decode_chunks(b, 11, 2).is_ok()) << at;
  }
  std::vector<std::uint8_t> extra = bytes;
  extra.push_back(0);
  EXPECT_FALSE(decode_chunks(extra, 11, 2).is_ok());
  // The first chunk's read count (after tag, version, count and 36 words of header).
  std::vector<std::uint8_t> huge = bytes;
  const std::size_t reads_at = 16 + 8 * (emu::kNumRegs + 4);
  for (std::size_t k = 0; k < 8; ++k) huge[reads_at + k] = 0xff;
  Result<std::vector<emu::Chunk>> h = decode_chunks(huge, 11, 2);
  EXPECT_FALSE(h.is_ok());
  // Random garbage never crashes and is refused.
  std::vector<std::uint8_t> junk(4096);
  std::uint64_t x = 88172645463325252ull;
  for (std::uint8_t& b : junk) {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    b = static_cast<std::uint8_t>(x);
  }
  EXPECT_FALSE(decode_chunks(junk, 11, 2).is_ok());
}

// Rank `rank` of a job whose broadcasts deliver `pieces` in order, after an exchange where
// rank 0 sent `first`.
class StreamCommunicator final : public Communicator {
 public:
  StreamCommunicator(int rank, std::vector<std::uint8_t> first, RankBytes pieces)
      : rank_(rank), first_(std::move(first)), pieces_(std::move(pieces)) {}
  int rank() const override { return rank_; }
  int size() const override { return 2; }
  Result<RankBytes> all_gather(std::span<const std::uint8_t> bytes) override {
    if (rank_ == 0) return RankBytes{{bytes.begin(), bytes.end()}, first_};
    return RankBytes{first_, {bytes.begin(), bytes.end()}};
  }
  Result<RankBytes> gather_to_root(std::span<const std::uint8_t> bytes) override {
    return all_gather(bytes);
  }
  Result<std::vector<std::uint8_t>> broadcast(std::span<const std::uint8_t> bytes) override {
    sent.emplace_back(bytes.begin(), bytes.end());
    if (rank_ == 0) return sent.back();
    if (next_ >= pieces_.size()) return Status(ErrorCode::kInternal, "no more pieces");
    return pieces_[next_++];
  }
  [[noreturn]] void abort(int code) override { std::_Exit(code); }
  RankBytes sent;

 private:
  int rank_;
  std::vector<std::uint8_t> first_;
  RankBytes pieces_;
  std::size_t next_ = 0;
};

std::vector<std::uint8_t> size_message(std::uint64_t n) {
  base::ByteWriter w;
  w.u64(n);
  return message(Status::ok(), w.take());
}

TEST(Distribute, StreamBroadcastInBoundedPieces) {
  const std::vector<std::uint8_t> stream = {1, 2, 3, 4, 5, 6, 7};
  // Rank 0 sends pieces of at most 3 bytes.
  StreamCommunicator root(0, message(Status::ok(), {}), {});
  Result<std::vector<std::uint8_t>> r = broadcast_stream(root, Status::ok(), stream, 3);
  ASSERT_TRUE(r.is_ok()) << r.status().message();
  EXPECT_TRUE(r->empty());
  EXPECT_EQ(root.sent, (RankBytes{{1, 2, 3}, {4, 5, 6}, {7}}));
  // Rank 1 reassembles them.
  StreamCommunicator one(1, size_message(7), {{1, 2, 3}, {4, 5, 6}, {7}});
  r = broadcast_stream(one, Status::ok(), {}, 3);
  ASSERT_TRUE(r.is_ok()) << r.status().message();
  EXPECT_EQ(*r, stream);
  // A piece of the wrong size is an error, after every broadcast was taken part in.
  StreamCommunicator short_piece(1, size_message(7), {{1, 2}, {4, 5, 6}, {7}});
  r = broadcast_stream(short_piece, Status::ok(), {}, 3);
  EXPECT_FALSE(r.is_ok());
  EXPECT_EQ(short_piece.sent.size(), 3u);
  // Rank 0's error reaches rank 1 before any piece.
  StreamCommunicator failed(1, message(Status(ErrorCode::kGuestFault, "guest fault: x"), {}), {});
  r = broadcast_stream(failed, Status::ok(), {}, 3);
  ASSERT_FALSE(r.is_ok());
  EXPECT_EQ(r.status().message(), "rank 0: guest fault: x");
  EXPECT_TRUE(failed.sent.empty());
}

TEST(Distribute, TableCountsSumAndGarbageIsRefused) {
  TableSet a, b;
  a.get(TableId::kRange16).add(0, 3);
  a.get(TableId::kRange16).add(1, 1);
  a.get(TableId::kRange16).add(65535, 2);
  b.get(TableId::kRange16).add(1, 4);
  b.get(TableId::kArithChunkTable).add(7, std::uint64_t{1} << 40);
  const std::vector<std::uint8_t> bytes = encode_table_counts(b);
  ASSERT_TRUE(add_table_counts(bytes, a).is_ok());
  EXPECT_EQ(a.get(TableId::kRange16).get(0), 3u);
  EXPECT_EQ(a.get(TableId::kRange16).get(1), 5u);
  EXPECT_EQ(a.get(TableId::kRange16).get(65535), 2u);
  EXPECT_EQ(a.get(TableId::kArithChunkTable).get(7), std::uint64_t{1} << 40);
  // Sparse: an empty set is a few bytes a table.
  EXPECT_LT(encode_table_counts(TableSet{}).size(), 16 + 2 * kNumTables + 8 * kNumTables);
  for (std::size_t n = 0; n < bytes.size(); ++n) {
    TableSet t;
    EXPECT_FALSE(add_table_counts(std::span(bytes).first(n), t).is_ok()) << n;
  }
  std::vector<std::uint8_t> extra = bytes;
  extra.push_back(0);
  TableSet t;
  EXPECT_FALSE(add_table_counts(extra, t).is_ok());
  // A run past the table's end: Range16 with one run of gap 65535 and length 2.
  base::ByteWriter w;
  w.u32(0x4c42545a);
  w.u32(1);
  w.u64(kNumTables);
  w.u8(0x80);
  w.u8(0x80);
  w.u8(0x04);  // 65536 rows (varint)
  w.u8(1);     // one run
  w.u8(0xff);
  w.u8(0xff);
  w.u8(0x03);  // gap 65535
  w.u8(2);     // length 2
  w.u8(1);
  w.u8(1);
  TableSet u;
  Status st = add_table_counts(w.take(), u);
  EXPECT_FALSE(st.is_ok());
  EXPECT_NE(st.message().find("run past row"), std::string::npos) << st.message();
}

}  // namespace
}  // namespace ziskc::prover
