// Every example guest (examples/README.md) proven and verified through the library: a small
// input from the host generator, instance heights of at most 2^10 rows so that Main, the memory
// machines and the busiest op machines run several instances (continuations), fast test
// parameters (the verifier is given the matching security floor). The verified outputs must be
// the 64 words the host computes independently (examples/host/example_data.h: OpenSSL SHA-256,
// a FIPS 202 Keccak, trial division, std::sort ...).
#include <gtest/gtest.h>

#include <string>

#include "examples/host/example_data.h"
#include "prover/prove.h"
#include "verifier/verify.h"

#ifndef ZISKC_EXAMPLES_DIR
#error "ZISKC_EXAMPLES_DIR (build/examples) is set by examples/CMakeLists.txt"
#endif

namespace ziskc {
namespace {

using verifier::AirKind;

constexpr stark::StarkParams kTestParams{
    .log_blowup = 1, .log_fold = 2, .log_final_degree = 2, .grinding_bits = 0, .num_queries = 8};
constexpr VerifyOptions kTestVerify{.min_security_bits = 8};

std::string elf_of(std::string_view name) {
  return std::string(ZISKC_EXAMPLES_DIR) + "/" + std::string(name) + ".elf";
}

// Small inputs (size as ziskc_example_input --size takes it; records ignores it).
std::uint64_t small_size(std::string_view name) {
  if (name == "sha256" || name == "keccak") return 40;
  if (name == "sha256_precompile") return 200;  // four compressions

  if (name == "sort") return 24;
  if (name == "fibonacci") return 40;
  if (name == "cxx_primes") return 60;
  if (name == "collatz") return 12;
  return 0;
}

SetupOptions setup_options(std::string elf_path, const std::string& cache_dir) {
  SetupOptions o;
  o.elf_path = std::move(elf_path);
  o.params = kTestParams;
  o.cache_dir = cache_dir;
  return o;
}

class ExampleProveTest : public ::testing::TestWithParam<std::string_view> {};

TEST_P(ExampleProveTest, ProvesAndVerifiesTheHostOutputs) {
  const std::string name(GetParam());
  Result<std::vector<examples::Record>> records = examples::make_input(name, small_size(name), 7);
  ASSERT_TRUE(records.is_ok()) << records.status().message();
  Result<examples::Outputs> expected = examples::expected_outputs(name, *records);
  ASSERT_TRUE(expected.is_ok()) << expected.status().message();

  ProveOptions o;
  o.elf_path = elf_of(name);
  o.input = examples::encode_records(*records);
  o.max_log_height.fill(10);
  o.params = kTestParams;
  o.cache_dir = ::testing::TempDir() + "/ziskc-e2e-cache";
  Result<ProveResult> r = prove(o);
  ASSERT_TRUE(r.is_ok()) << r.status().message();
  const ProveStats& s = r->stats;
  std::printf("%s: %llu steps, %zu instances (main %zu), %zu proof bytes, %.2f s\n", name.c_str(),
              static_cast<unsigned long long>(r->steps), s.instances,
              s.airs[verifier::air_id(AirKind::kMain)].instances, s.proof_bytes, s.total.wall);
  EXPECT_GE(s.airs[verifier::air_id(AirKind::kMain)].instances, 2u) << "no continuation";
  EXPECT_EQ(r->outputs, *expected);

  Result<VerifyResult> v = verify(r->proof, &r->vk, kTestVerify);
  ASSERT_TRUE(v.is_ok()) << v.status().message();
  EXPECT_EQ(v->outputs, *expected);
  EXPECT_EQ(v->steps, r->steps);
  // The key rom-setup derives from the ELF alone is the prover's.
  Result<SetupResult> k = rom_setup(setup_options(o.elf_path, o.cache_dir));
  ASSERT_TRUE(k.is_ok()) << k.status().message();
  EXPECT_EQ(k->vk_digest, verifier::vk_digest(r->vk));
  // Another program's key refuses the proof.
  const std::string other = name == "fibonacci" ? "collatz" : "fibonacci";
  Result<SetupResult> ko = rom_setup(setup_options(elf_of(other), o.cache_dir));
  ASSERT_TRUE(ko.is_ok()) << ko.status().message();
  Result<VerifyResult> vo = verify(r->proof, &ko->vk, kTestVerify);
  ASSERT_FALSE(vo.is_ok()) << "verified against " << other << "'s key";
  EXPECT_EQ(vo.status().code(), ErrorCode::kVerifyFailed) << vo.status().message();
}

INSTANTIATE_TEST_SUITE_P(Examples, ExampleProveTest,
                         ::testing::ValuesIn(examples::example_names().begin(),
                                             examples::example_names().end()),
                         [](const auto& p) { return std::string(p.param); });

}  // namespace
}  // namespace ziskc
