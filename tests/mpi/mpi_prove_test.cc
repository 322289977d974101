// Distributed proving through the C++ API (docs/DISTRIBUTED.md), run under
// `mpirun -np N mpi_prove_test` (tests/mpi/mpirun.sh): every rank runs every test. Rank 0
// proves each program alone (no communicator) and the job proves it together; the bytes must
// be equal and verify. Failures on one rank (a different input, an allocation failure) must
// reach every rank as the same error. Both execution modes: every rank runs the emulator, or
// rank 0 alone (its input reaches the others; theirs is ignored).
#include <gtest/gtest.h>

#include <cstdlib>
#include <memory>

#include "dist/mpi_communicator.h"
#include "prover/distribute.h"
#include "prover/prove.h"
#include "sm/main/main_programs.h"
#include "verifier/verify.h"
#include "zisk/transpiler.h"

namespace ziskc {
namespace {

dist::MpiCommunicator* g_comm = nullptr;

constexpr stark::StarkParams kTestParams{
    .log_blowup = 1, .log_fold = 2, .log_final_degree = 2, .grinding_bits = 0, .num_queries = 8};
constexpr VerifyOptions kTestVerify{.min_security_bits = 8};

zisk::Rom transpiled(const zisk::Program& p) {
  Result<zisk::Rom> r = zisk::transpile(p);
  ZISKC_CHECK(r.is_ok(), "test program does not transpile");
  return std::move(r).value();
}

ProveOptions options_for(const zisk::Rom& rom, unsigned h) {
  ProveOptions o;
  o.rom = &rom;
  o.max_log_height.fill(h);
  // One cache per rank: ranks on one host must not race on the same files in a test.
  o.cache_dir = ::testing::TempDir() + "/ziskc-mpi-test-cache-" + std::to_string(g_comm->rank());
  o.params = kTestParams;
  return o;
}

// Rank 0: the single-process proof; then the distributed one; rank 0 compares and verifies.
void expect_same_proof(const zisk::Rom& rom, unsigned h, std::vector<std::uint8_t> input = {},
                       Execution execution = Execution::kEveryRank) {
  ProveOptions o = options_for(rom, h);
  o.input = std::move(input);
  o.legacy_inputs = !o.input.empty();
  std::vector<std::uint8_t> single;
  // No ASSERT before the collective call: every rank must reach it.
  if (g_comm->is_root()) {
    Result<ProveResult> r = prove(o);
    EXPECT_TRUE(r.is_ok()) << r.status().message();
    if (r.is_ok()) single = std::move(r->proof);
  }
  o.comm = g_comm;
  o.execution = execution;
  // Root execution: the other ranks' input is not used (rank 0 sends its own).
  if (execution == Execution::kRoot && !g_comm->is_root()) o.input = {9, 9, 9};
  Result<ProveResult> d = prove(o);
  ASSERT_TRUE(d.is_ok()) << "rank " << g_comm->rank() << ": " << d.status().message();
  EXPECT_EQ(d->stats.ranks, g_comm->size());
  EXPECT_EQ(d->stats.rank, g_comm->rank());
  if (g_comm->size() > 1) {
    // Every rank proves part of the proof.
    EXPECT_GE(d->stats.instances_proved, 1u) << "rank " << g_comm->rank();
    EXPECT_LT(d->stats.instances_proved, d->stats.instances) << "rank " << g_comm->rank();
  }
  if (!g_comm->is_root()) {
    EXPECT_TRUE(d->proof.empty());
    return;
  }
  ASSERT_FALSE(single.empty());
  EXPECT_EQ(d->proof.size(), single.size());
  EXPECT_TRUE(d->proof == single) << "the distributed proof differs from the single-process one";
  Result<VerifyResult> v = verify(d->proof, &d->vk, kTestVerify);
  EXPECT_TRUE(v.is_ok()) << v.status().message();
}

TEST(MpiProve, TinyProgramSameBytesAsOneProcess) {
  const zisk::Rom rom = transpiled(sm::testing::tiny_program());
  expect_same_proof(rom, 4);
}

TEST(MpiProve, TinyProgramRootExecutionSameBytesAsOneProcess) {
  const zisk::Rom rom = transpiled(sm::testing::tiny_program());
  expect_same_proof(rom, 4, {1, 2, 3, 4, 5, 6, 7, 8}, Execution::kRoot);
}

TEST(MpiProve, ExecutionModeMismatchIsRefusedEverywhere) {
  const zisk::Rom rom = transpiled(sm::testing::tiny_program());
  ProveOptions o = options_for(rom, 4);
  o.comm = g_comm;
  ASSERT_EQ(o.execution, Execution::kRoot);  // the default
  if (g_comm->rank() == g_comm->size() - 1) o.execution = Execution::kEveryRank;
  Result<ProveResult> r = prove(o);
  if (g_comm->size() == 1) {
    EXPECT_TRUE(r.is_ok()) << r.status().message();
    return;
  }
  ASSERT_FALSE(r.is_ok());
  EXPECT_EQ(r.status().code(), ErrorCode::kInvalidArgument);
  EXPECT_NE(
      r.status().message().find(fmt::format(
          "rank {} does not match rank 0: execution 'all' (rank 0: 'root')", g_comm->size() - 1)),
      std::string::npos)
      << r.status().message();
}

TEST(MpiProve, RootGuestFaultReachesEveryRank) {
  if (g_comm->size() == 1) GTEST_SKIP() << "needs two ranks";
  const zisk::Rom rom = transpiled(sm::testing::tiny_program());
  ProveOptions o = options_for(rom, 4);
  o.comm = g_comm;
  o.execution = Execution::kRoot;
  // Only rank 0's step limit matters for the pre-run; the handshake compares options, so every
  // rank gives the same one.
  o.max_steps = 3;
  Result<ProveResult> r = prove(o);
  ASSERT_FALSE(r.is_ok());
  EXPECT_EQ(r.status().code(), ErrorCode::kGuestFault);
  EXPECT_EQ(r.status().message().rfind("rank 0: guest fault: step limit", 0), 0u)
      << r.status().message();
}

TEST(MpiProve, StreamBroadcastInManyPiecesOverMpi) {
  // The chunk stream's transport with pieces far below the real limit (7 bytes).
  std::vector<std::uint8_t> stream(1000);
  for (std::size_t i = 0; i < stream.size(); ++i) stream[i] = static_cast<std::uint8_t>(i * 7 + 1);
  Result<std::vector<std::uint8_t>> got = prover::broadcast_stream(
      *g_comm, Status::ok(),
      g_comm->is_root() ? std::span<const std::uint8_t>(stream) : std::span<const std::uint8_t>(),
      7);
  ASSERT_TRUE(got.is_ok()) << got.status().message();
  if (g_comm->is_root()) {
    EXPECT_TRUE(got->empty());
  } else {
    EXPECT_EQ(*got, stream);
  }
}

TEST(MpiProve, OpsProgramSameBytesAsOneProcess) {
  const zisk::Rom rom = transpiled(sm::testing::ops_program());
  expect_same_proof(rom, 7);
}

TEST(MpiProve, DifferentInputOnOneRankIsRefusedEverywhere) {
  const zisk::Rom rom = transpiled(sm::testing::tiny_program());
  ProveOptions o = options_for(rom, 4);
  o.comm = g_comm;
  o.execution = Execution::kEveryRank;  // in root execution the others' input is not read
  o.legacy_inputs = true;
  o.input = {1, 2, 3, 4, 5, 6, 7, 8};
  if (g_comm->rank() == g_comm->size() - 1) o.input[3] = 9;
  Result<ProveResult> r = prove(o);
  if (g_comm->size() == 1) {
    EXPECT_TRUE(r.is_ok()) << r.status().message();
    return;
  }
  ASSERT_FALSE(r.is_ok());
  EXPECT_EQ(r.status().code(), ErrorCode::kInvalidArgument);
  EXPECT_NE(r.status().message().find(
                fmt::format("rank {} does not match rank 0: input digest", g_comm->size() - 1)),
            std::string::npos)
      << r.status().message();
}

TEST(MpiProve, DifferentParametersOnOneRankAreRefusedEverywhere) {
  const zisk::Rom rom = transpiled(sm::testing::tiny_program());
  ProveOptions o = options_for(rom, 4);
  o.comm = g_comm;
  if (g_comm->rank() == 1) o.params.num_queries = 9;
  Result<ProveResult> r = prove(o);
  if (g_comm->size() == 1) return;
  ASSERT_FALSE(r.is_ok());
  EXPECT_NE(r.status().message().find("rank 1 does not match rank 0: stark parameters"),
            std::string::npos)
      << r.status().message();
}

TEST(MpiProve, AllocationFailureOnOneRankReachesEveryRank) {
  if (g_comm->size() == 1) GTEST_SKIP() << "needs two ranks";
  const zisk::Rom rom = transpiled(sm::testing::tiny_program());
  ProveOptions o = options_for(rom, 4);
  o.comm = g_comm;
  for (Execution e : {Execution::kEveryRank, Execution::kRoot}) {
    o.execution = e;
    for (const char* phase : {"setup", "chunks", "commit", "tables", "prove"}) {
      // The chunk exchange is root execution's only.
      if (e == Execution::kEveryRank && std::string_view(phase) == "chunks") continue;
      setenv("ZISKC_TEST_MPI_DIE", fmt::format("1:{}:oom", phase).c_str(), 1);
      Result<ProveResult> r = prove(o);
      unsetenv("ZISKC_TEST_MPI_DIE");
      EXPECT_FALSE(r.is_ok()) << phase;
      if (r.is_ok()) continue;
      EXPECT_EQ(r.status().code(), ErrorCode::kInternal);
      EXPECT_EQ(r.status().message(), fmt::format("rank 1: out of memory (phase {})", phase))
          << execution_name(e);
    }
  }
  // The job is still usable afterwards.
  Result<ProveResult> ok = prove(o);
  EXPECT_TRUE(ok.is_ok()) << ok.status().message();
}

}  // namespace
}  // namespace ziskc

int main(int argc, char** argv) {
  ::testing::InitGoogleTest(&argc, argv);
  ziskc::Result<std::unique_ptr<ziskc::dist::MpiCommunicator>> comm =
      ziskc::dist::MpiCommunicator::init();
  if (!comm) {
    std::fprintf(stderr, "%s\n", comm.status().message().c_str());
    return 3;
  }
  ziskc::g_comm = comm->get();
  const int rc = RUN_ALL_TESTS();
  // Every rank runs every test; a failure on any rank makes mpirun exit non-zero.
  return rc;
}
