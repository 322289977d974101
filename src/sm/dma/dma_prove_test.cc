// Full STARK proofs of DMA instances (the three machines, several instances of DmaCopy and
// DmaCmp, with the BytePair and Range16 tables), Main's op messages and the memory machines' side
// as direct terms: the honest proof verifies; a statement with another memcmp result or another
// copied word does not; proofs of tampered witnesses (a copied byte, a memcmp result, an aligned
// word; the cheating prover skips its constraint check) are rejected by the verifier.
#include <gtest/gtest.h>

#include <bit>

#include "sm/dma/dma_testing.h"
#include "stark/prover.h"
#include "stark/verifier.h"

namespace ziskc::sm {
namespace {

using namespace dma_testing;  // NOLINT

stark::StarkParams test_params() {
  auto p = stark::make_params({.security_bits = 128,
                               .log_blowup = 1,
                               .grinding_bits = 8,
                               .log_fold = 2,
                               .log_final_degree = 2});
  ZISKC_CHECK(p.is_ok(), "params");
  return *p;
}

// AIR ids: 0 DmaCopy, 1 DmaCmp, 2 DmaAligned, 3 BytePair, 4 Range16.
std::vector<stark::AirPtr> airs() {
  return {copy_air(), cmp_air(), aligned_air(), stark::make_air<BytePairTableAir>(),
          stark::make_air<Range16TableAir>()};
}

struct Statement {
  std::vector<std::pair<std::uint32_t, RowMajorMatrix>> traces;
  std::vector<stark::DirectTerm> terms;
};

std::vector<stark::InstanceSpec> specs_of(const Statement& s) {
  std::vector<stark::InstanceSpec> specs;
  for (const auto& [id, t] : s.traces) {
    specs.push_back({id,
                     static_cast<std::uint32_t>(std::countr_zero(t.rows)),
                     {},
                     [t = t]() -> Result<RowMajorMatrix> { return t; }});
  }
  return specs;
}

TEST(DmaProveTest, FullProofVerifiesAndTamperingFails) {
  DmaProgram p(31);
  p.add({Kind::kMemcpy, kBuf + 3, kBuf + 4101, 29});
  p.add({Kind::kXMemcpy, kBuf + 80, kBuf + 80 + 9, 40});  // overlapping
  p.add({Kind::kMemsetImm, kBuf + 200, 0, 9, 0x3c});
  p.add({Kind::kInputcpyAdd, kBuf + 301, 0, 24});
  p.add({Kind::kXMemcpy, kBuf, kBuf, 0});
  p.add({Kind::kMemcmp, kBuf + 4101, kBuf + 3, 29});      // equal: just copied
  p.add({Kind::kXMemcmp, kBuf + 4101, kBuf + 5003, 50});  // random bytes
  p.add({Kind::kMemcmpZiskos, kBuf + 7000, kBuf + 7001, 0});
  for (unsigned k = 0; k < 10; ++k) {
    p.add({Kind::kMemcpy, kBuf + 1000 + 50 * k, kBuf + 6000 + 37 * k, 5 + 7 * k});
    p.add({Kind::kMemcmp, kBuf + 1000 + 50 * k, kBuf + 6000 + 37 * k, 5 + 7 * k + k % 2});
    p.add({Kind::kMemcpy, kBuf + 2000 + 64 * k, kBuf + 3000 + 8 * k, 8 + 8 * k});  // aligned
  }
  p.add({Kind::kMemsetImm, kBuf + 2800, 0, 64, 0xC3});
  const DmaRun run = run_dma_program(p);
  ASSERT_FALSE(::testing::Test::HasFailure());
  constexpr unsigned kLogH = 5;
  TableCounts bp(kTableRows), r16(kTableRows);
  const Instances copy = build(DmaMachine::kCopy, run.records.copy, kLogH, bp, r16);
  const Instances cmp = build(DmaMachine::kCmp, run.records.cmp, kLogH, bp, r16);
  const Instances aligned = build(DmaMachine::kAligned, run.records.aligned, kLogH, bp, r16);
  ASSERT_GE(copy.traces.size(), 2u);
  ASSERT_GE(cmp.traces.size(), 2u);
  ASSERT_GE(aligned.traces.size(), 1u);
  const Instances* all[] = {&copy, &cmp, &aligned};
  ASSERT_EQ(check_all(run, all, bp, r16), "");

  Statement s;
  for (const auto& t : copy.traces) s.traces.push_back({0, t});
  for (const auto& t : cmp.traces) s.traces.push_back({1, t});
  for (const auto& t : aligned.traces) s.traces.push_back({2, t});
  s.traces.push_back({3, table_mult_trace(bp)});
  s.traces.push_back({4, table_mult_trace(r16)});
  s.terms = run.main_terms;
  s.terms.insert(s.terms.end(), run.mem_terms.begin(), run.mem_terms.end());

  const std::vector<stark::AirPtr> a = airs();
  const std::vector<stark::FixedSpec> fixed = {{3, kTableLogHeight}, {4, kTableLogHeight}};
  auto pk = stark::setup(a, test_params(), fixed);
  ASSERT_TRUE(pk.is_ok()) << pk.status().message();
  auto proof = stark::prove(*pk, {}, specs_of(s), {.direct_terms = &s.terms});
  ASSERT_TRUE(proof.is_ok()) << proof.status().message();
  const Status ok = stark::verify(pk->vk, a, *proof, s.terms);
  EXPECT_TRUE(ok.is_ok()) << ok.message();

  // The statement with another memcmp result (Main's message), or another value of a DMA
  // write (the memory machines' side).
  std::vector<stark::DirectTerm> wrong = s.terms;
  for (auto& t : wrong) {
    if (t.bus == kOperationBus && is_dma_cmp(static_cast<zisk::Op>(t.tuple[0].value()))) {
      t.tuple[5] += Fe::one();
      break;
    }
  }
  EXPECT_EQ(stark::verify(pk->vk, a, *proof, wrong).code(), ErrorCode::kVerifyFailed);
  wrong = s.terms;
  for (auto& t : wrong) {
    if (t.bus == kMemoryBus && t.tuple[0] == Fe::from_u64(kMemStore)) {
      t.tuple[4] += Fe::one();
      break;
    }
  }
  EXPECT_EQ(stark::verify(pk->vk, a, *proof, wrong).code(), ErrorCode::kVerifyFailed);

  // Tampered witnesses, proven by a cheater that skips its checks: a written word of the first
  // memcpy's M row, the result of the first memcmp on its second row, a word of an aligned copy.
  const std::size_t w0 = offsetof(DmaCopyCols<Fe>, w) / sizeof(Fe);
  const std::size_t c0 = offsetof(DmaCmpCols<Fe>, c) / sizeof(Fe);
  const std::size_t v0 = offsetof(DmaAlignedCols<Fe>, v) / sizeof(Fe);
  for (auto [air_id, col] : {std::pair<std::uint32_t, std::size_t>{0, w0}, {1, c0}, {2, v0}}) {
    SCOPED_TRACE(::testing::Message() << "tampered air " << air_id);
    Statement t = s;
    for (auto& [id, m] : t.traces) {
      if (id == air_id) {
        m.at(1, col) += Fe::one();
        break;
      }
    }
    auto bad = stark::prove(*pk, {}, specs_of(t), {.unchecked_for_tests = true});
    ASSERT_TRUE(bad.is_ok()) << bad.status().message();
    EXPECT_EQ(stark::verify(pk->vk, a, *bad, s.terms).code(), ErrorCode::kVerifyFailed);
  }
}

}  // namespace
}  // namespace ziskc::sm
