// Fuzz target: the STARK proof decoder and the verifier behind it. Any input must be either
// rejected with kMalformedProof / kVerifyFailed or (only for a genuine proof) accepted; an
// input that decodes must re-encode to the same bytes (the encoding is canonical). The
// statement is a small Fibonacci AIR; the built-in seed is an honest proof of it with few
// queries (the verifier floor is lowered so mutations reach the deep checks).
#include <cstdint>
#include <vector>

#include "stark/prover.h"
#include "stark/testing/example_airs.h"
#include "stark/verifier.h"

namespace {

using namespace ziskc;
using namespace ziskc::stark;

void check(bool cond) {
  if (!cond) __builtin_trap();
}

struct Statement {
  std::vector<AirPtr> airs;
  ProvingKey pk;
};

const Statement& statement() {
  static const Statement* s = [] {
    auto* st = new Statement;
    st->airs = {make_air<testing::FibonacciAir>(), make_air<testing::RangeUserAir>(),
                make_air<testing::RangeTableAir>(2u)};
    StarkParams p{.log_blowup = 1,
                  .log_fold = 1,
                  .log_final_degree = 1,
                  .grinding_bits = 0,
                  .num_queries = 3};
    std::vector<FixedSpec> fixed = {{2, 2}};
    auto pk = setup(st->airs, p, fixed);
    check(pk.is_ok());
    st->pk = std::move(pk).value();
    return st;
  }();
  return *s;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const Statement& s = statement();
  auto proof = decode_proof({data, size});
  if (!proof.is_ok()) {
    check(proof.status().code() == ErrorCode::kMalformedProof);
    return 0;
  }
  const std::vector<std::uint8_t> again = encode_proof(*proof);
  check(again.size() == size && std::equal(again.begin(), again.end(), data));
  Status st = verify(s.pk.vk, s.airs, *proof, {}, {.min_security_bits = 0});
  check(st.is_ok() || st.code() == ErrorCode::kMalformedProof ||
        st.code() == ErrorCode::kVerifyFailed);
  return 0;
}

extern "C" void ZiskcFuzzSeeds(std::vector<std::vector<std::uint8_t>>* out) {
  const Statement& s = statement();
  auto fib = testing::fibonacci_trace(2, Fe::one(), Fe::one());
  std::vector<Fe> pub = {Fe::one(), Fe::one(), fib.at(3, 1)};
  // Range user: x = 0, y = 0 with sel = 1 on all 4 rows; table [0, 4) proves 0 eight times.
  auto user = poly::RowMajorMatrix::zeros(4, 3);
  for (std::size_t r = 0; r < 4; ++r) user.at(r, 2) = Fe::one();
  auto table = poly::RowMajorMatrix::zeros(4, 1);
  table.at(0, 0) = Fe::from_u64(8);
  std::vector<InstanceSpec> specs = {
      {0, 2, {}, [fib]() -> Result<poly::RowMajorMatrix> { return fib; }},
      {1, 2, {}, [user]() -> Result<poly::RowMajorMatrix> { return user; }},
      {2, 2, {}, [table]() -> Result<poly::RowMajorMatrix> { return table; }}};
  auto proof = prove(s.pk, pub, specs);
  check(proof.is_ok());
  check(verify(s.pk.vk, s.airs, *proof, {}, {.min_security_bits = 0}).is_ok());
  out->push_back(encode_proof(*proof));
  specs.resize(1);
  auto single = prove(s.pk, pub, specs);
  check(single.is_ok());
  out->push_back(encode_proof(*single));
}
