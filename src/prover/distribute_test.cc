// The distribution helpers without MPI (distribute.h): the phase exchange and its error
// agreement over a scripted multi-rank communicator, the handshake comparison, the
// assignment, and the header / instance-proof encodings (round trips and refusals).
#include "prover/distribute.h"

#include <gtest/gtest.h>

#include <cstdlib>

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

}  // namespace
}  // namespace ziskc::prover
