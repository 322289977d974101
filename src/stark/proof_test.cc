// Proof format and tamper tests: round trip, sampled bit flips of every region of a serialised
// proof, truncations, extensions, non-canonical field elements, and one change to every field
// of a decoded proof: each must fail with a precise error (kMalformedProof for shapes and
// encodings, kVerifyFailed for checks) and never crash.
#include <gtest/gtest.h>

#include <random>

#include "stark/prover.h"
#include "stark/testing/example_airs.h"
#include "stark/verifier.h"

namespace ziskc::stark {
namespace {

// Two AIRs on a bus, one with fixed columns: every proof section is present.
struct Fixture {
  std::vector<AirPtr> airs;
  ProvingKey pk;
  Proof proof;
  std::vector<std::uint8_t> bytes;
};

const Fixture& fixture() {
  static const Fixture* f = [] {
    auto* fx = new Fixture;
    fx->airs = {make_air<testing::RangeUserAir>(), make_air<testing::RangeTableAir>(4)};
    auto params = make_params({.security_bits = 128,
                               .log_blowup = 1,
                               .grinding_bits = 4,
                               .log_fold = 2,
                               .log_final_degree = 1});
    ZISKC_CHECK(params.is_ok(), "params");
    std::vector<FixedSpec> fixed = {{1, 4}};
    auto pk = setup(fx->airs, *params, fixed);
    ZISKC_CHECK(pk.is_ok(), "setup");
    fx->pk = std::move(pk).value();
    // user: x, y with y' = x + y, all in [0, 16), sel = 1 on rows where both are.
    auto user = poly::RowMajorMatrix::zeros(16, 3);
    auto table = poly::RowMajorMatrix::zeros(16, 1);
    std::uint64_t y = 0;
    for (std::size_t r = 0; r < 16; ++r) {
      const std::uint64_t x = r % 2;
      user.at(r, 0) = Fe::from_u64(x);
      user.at(r, 1) = Fe::from_u64(y);
      user.at(r, 2) = Fe::one();
      table.at(x, 0) += Fe::one();
      table.at(y, 0) += Fe::one();
      y += x;
    }
    std::vector<InstanceSpec> specs = {
        {0, 4, {}, [user]() -> Result<poly::RowMajorMatrix> { return user; }},
        {1, 4, {}, [table]() -> Result<poly::RowMajorMatrix> { return table; }}};
    auto proof = prove(fx->pk, {}, specs);
    ZISKC_CHECK(proof.is_ok(), "prove");
    fx->proof = std::move(proof).value();
    fx->bytes = encode_proof(fx->proof);
    return fx;
  }();
  return *f;
}

Status verify_fx(std::span<const std::uint8_t> bytes) {
  const Fixture& f = fixture();
  return verify_bytes(f.pk.vk, f.airs, bytes, {});
}
Status verify_fx(const Proof& p) {
  const Fixture& f = fixture();
  return verify(f.pk.vk, f.airs, p, {});
}

TEST(ProofFormatTest, RoundTripAndHonestProofVerifies) {
  const Fixture& f = fixture();
  Status st = verify_fx(f.bytes);
  ASSERT_TRUE(st.is_ok()) << st.message();
  auto back = decode_proof(f.bytes);
  ASSERT_TRUE(back.is_ok());
  EXPECT_TRUE(*back == f.proof);
  EXPECT_EQ(encode_proof(*back), f.bytes);
  // Layout anchors (docs/STARK.md): magic, version, params.
  EXPECT_EQ(std::string(f.bytes.begin(), f.bytes.begin() + 8), "ZISKCSTK");
  EXPECT_EQ(f.bytes[8], kProofVersion);
}

TEST(ProofFormatTest, SampledBitFlipsAllFail) {
  const Fixture& f = fixture();
  const std::uint64_t seed = 20261201;
  std::mt19937_64 rng(seed);
  SCOPED_TRACE(::testing::Message() << "seed " << seed);
  // Every byte of the header and the start of the first instance, then sampled bytes.
  std::vector<std::size_t> positions;
  for (std::size_t i = 0; i < 120 && i < f.bytes.size(); ++i) positions.push_back(i);
  for (int i = 0; i < 300; ++i) positions.push_back(rng() % f.bytes.size());
  int malformed = 0, failed = 0;
  for (std::size_t pos : positions) {
    std::vector<std::uint8_t> b = f.bytes;
    b[pos] ^= static_cast<std::uint8_t>(1u << (rng() % 8));
    Status st = verify_fx(b);
    ASSERT_FALSE(st.is_ok()) << "flip at byte " << pos << " accepted";
    ASSERT_TRUE(st.code() == ErrorCode::kMalformedProof || st.code() == ErrorCode::kVerifyFailed)
        << pos << ": " << st.message();
    ASSERT_FALSE(st.message().empty());
    (st.code() == ErrorCode::kMalformedProof ? malformed : failed)++;
  }
  EXPECT_GT(malformed, 0);
  EXPECT_GT(failed, 0);
}

TEST(ProofFormatTest, TruncationsAndExtensionsAreMalformed) {
  const Fixture& f = fixture();
  std::mt19937_64 rng(5);
  std::vector<std::size_t> lens = {0, 1, 7, 8, 11, 12, 35, 36, 60, f.bytes.size() - 1};
  for (int i = 0; i < 200; ++i) lens.push_back(rng() % f.bytes.size());
  for (std::size_t len : lens) {
    Status st = verify_fx(std::span<const std::uint8_t>(f.bytes).first(len));
    ASSERT_EQ(st.code(), ErrorCode::kMalformedProof) << len << ": " << st.message();
  }
  std::vector<std::uint8_t> longer = f.bytes;
  longer.push_back(0);
  Status st = verify_fx(longer);
  EXPECT_EQ(st.code(), ErrorCode::kMalformedProof);
  EXPECT_NE(st.message().find("1 trailing bytes"), std::string::npos) << st.message();
  std::vector<std::uint8_t> bad_magic = f.bytes;
  bad_magic[0] = 'X';
  EXPECT_NE(verify_fx(bad_magic).message().find("not a ziskc proof"), std::string::npos);
  std::vector<std::uint8_t> bad_version = f.bytes;
  bad_version[8] = static_cast<std::uint8_t>(kProofVersion + 1);
  EXPECT_NE(verify_fx(bad_version).message().find(fmt::format("version: {}", kProofVersion + 1)),
            std::string::npos);
  // A version-1 proof (stage-1 leaves of one row) is refused by version, not misread.
  bad_version[8] = 1;
  EXPECT_NE(verify_fx(bad_version).message().find("version: 1"), std::string::npos);
}

TEST(ProofFormatTest, NonCanonicalFieldElementsAreMalformed) {
  const Fixture& f = fixture();
  // vk_digest[0] starts after magic (8), version (4), 6 params (24).
  constexpr std::size_t kDigestOffset = 36;
  for (std::uint64_t v : {Fe::kP, Fe::kP + 5, ~std::uint64_t{0}}) {
    std::vector<std::uint8_t> b = f.bytes;
    std::memcpy(b.data() + kDigestOffset, &v, 8);
    Status st = verify_fx(b);
    EXPECT_EQ(st.code(), ErrorCode::kMalformedProof);
    EXPECT_NE(st.message().find("vk_digest (at byte 36): field element"), std::string::npos)
        << st.message();
    EXPECT_NE(st.message().find("not canonical"), std::string::npos);
  }
  // The same deep inside: the last 8 bytes are a sibling element of the last FRI opening.
  std::vector<std::uint8_t> b = f.bytes;
  const std::uint64_t v = Fe::kP;
  std::memcpy(b.data() + b.size() - 8, &v, 8);
  Status st = verify_fx(b);
  EXPECT_EQ(st.code(), ErrorCode::kMalformedProof);
  EXPECT_NE(st.message().find("instances[1].queries["), std::string::npos) << st.message();
  EXPECT_NE(st.message().find("fri_layers["), std::string::npos) << st.message();
}

TEST(ProofFormatTest, HugeCountsAreRefusedBeforeAllocating) {
  const Fixture& f = fixture();
  // public_values count sits right after the digest (offset 68).
  std::vector<std::uint8_t> b = f.bytes;
  const std::uint32_t big = 0xFFFFFFFF;
  std::memcpy(b.data() + 68, &big, 4);
  Status st = verify_fx(b);
  EXPECT_EQ(st.code(), ErrorCode::kMalformedProof);
  EXPECT_NE(st.message().find("public_values"), std::string::npos) << st.message();
  // A count under the limit shifts every later field: still malformed, never a crash.
  const std::uint32_t fits = 1000;
  std::memcpy(b.data() + 68, &fits, 4);
  EXPECT_EQ(verify_fx(b).code(), ErrorCode::kMalformedProof);
}

struct Mutation {
  const char* name;
  std::function<void(Proof&)> apply;
  ErrorCode code;
  const char* expect;  // substring of the message
};

TEST(ProofTamperTest, EveryFieldChangedFails) {
  const Fe one = Fe::one();
  const Ext3 e1 = Ext3::one();
  std::vector<Mutation> ms = {
      {"params.num_queries", [](Proof& p) { p.params.num_queries -= 1; }, ErrorCode::kVerifyFailed,
       "floor"},
      {"params.log_blowup", [](Proof& p) { p.params.log_blowup = 9; }, ErrorCode::kMalformedProof,
       "params.log_blowup"},
      {"params.grinding_bits", [](Proof& p) { p.params.grinding_bits += 1; },
       ErrorCode::kVerifyFailed, "instance 0"},
      {"params.log_fold", [](Proof& p) { p.params.log_fold = 1; }, ErrorCode::kMalformedProof,
       "fri_roots"},
      {"vk_digest", [&](Proof& p) { p.vk_digest.v[1] += one; }, ErrorCode::kVerifyFailed,
       "vk digest"},
      {"public_values", [&](Proof& p) { p.public_values.push_back(one); }, ErrorCode::kVerifyFailed,
       "instance 0"},
      {"instances (dropped)", [](Proof& p) { p.instances.pop_back(); }, ErrorCode::kVerifyFailed,
       "instance 0"},
      {"air_id order", [](Proof& p) { p.instances[0].air_id = 1; }, ErrorCode::kMalformedProof,
       "proof: instances[0]."},
      {"air_id range", [](Proof& p) { p.instances[1].air_id = 2; }, ErrorCode::kMalformedProof,
       "instances[1].air_id"},
      {"log_height", [](Proof& p) { p.instances[0].log_height = 5; }, ErrorCode::kMalformedProof,
       "proof: instances[0]."},
      {"log_height range", [](Proof& p) { p.instances[0].log_height = 40; },
       ErrorCode::kMalformedProof, "instances[0].log_height"},
      {"instance_values", [&](Proof& p) { p.instances[0].instance_values.push_back(one); },
       ErrorCode::kMalformedProof, "instances[0].instance_values"},
      {"stage1_root", [&](Proof& p) { p.instances[0].stage1_root.v[0] += one; },
       ErrorCode::kVerifyFailed, "instance 0"},
      {"stage2_root", [&](Proof& p) { p.instances[1].stage2_root.v[3] += one; },
       ErrorCode::kVerifyFailed, "instance 1"},
      {"bus_sum", [&](Proof& p) { p.instances[0].bus_sum += e1; }, ErrorCode::kVerifyFailed,
       "instance 0"},
      {"has_stage2", [](Proof& p) { p.instances[0].has_stage2 = false; },
       ErrorCode::kMalformedProof, "instances[0].has_stage2"},
      {"quotient_root", [&](Proof& p) { p.instances[1].quotient_root.v[2] += one; },
       ErrorCode::kVerifyFailed, "instance 1"},
      {"openings.main_z", [&](Proof& p) { p.instances[0].openings.main_z[1] += e1; },
       ErrorCode::kVerifyFailed, "constraints at zeta"},
      {"openings.main_zw", [&](Proof& p) { p.instances[0].openings.main_zw[1] += e1; },
       ErrorCode::kVerifyFailed, "constraints at zeta"},
      {"openings.fixed_z", [&](Proof& p) { p.instances[1].openings.fixed_z[0] += e1; },
       ErrorCode::kVerifyFailed, "constraints at zeta"},
      {"openings.stage2_z", [&](Proof& p) { p.instances[1].openings.stage2_z[4] += e1; },
       ErrorCode::kVerifyFailed, "constraints at zeta"},
      {"openings.stage2_zw", [&](Proof& p) { p.instances[0].openings.stage2_zw[5] += e1; },
       ErrorCode::kVerifyFailed, "constraints at zeta"},
      {"openings.quotient_z", [&](Proof& p) { p.instances[0].openings.quotient_z[0] += e1; },
       ErrorCode::kVerifyFailed, "constraints at zeta"},
      {"openings count", [](Proof& p) { p.instances[0].openings.main_z.pop_back(); },
       ErrorCode::kMalformedProof, "instances[0].openings.main_z"},
      {"fri_roots", [&](Proof& p) { p.instances[0].fri_roots[0].v[0] += one; },
       ErrorCode::kVerifyFailed, "instance 0"},
      {"final_poly", [&](Proof& p) { p.instances[1].final_poly[0] += e1; },
       ErrorCode::kVerifyFailed, "instance 1"},
      {"final_poly size", [](Proof& p) { p.instances[1].final_poly.pop_back(); },
       ErrorCode::kMalformedProof, "instances[1].final_poly"},
      {"pow_nonce", [](Proof& p) { p.instances[0].pow_nonce ^= 0x5555; }, ErrorCode::kVerifyFailed,
       "instance 0"},
      {"queries count", [](Proof& p) { p.instances[0].queries.pop_back(); },
       ErrorCode::kMalformedProof, "instances[0].queries"},
      {"query tree value", [&](Proof& p) { p.instances[0].queries[3].trees[0].values[2] += one; },
       ErrorCode::kVerifyFailed, "query 3: tree stage1"},
      {"query fixed value", [&](Proof& p) { p.instances[1].queries[7].trees[0].values[0] += one; },
       ErrorCode::kVerifyFailed, "query 7: tree fixed"},
      {"query stage2 sibling",
       [&](Proof& p) { p.instances[1].queries[9].trees[2].siblings[1].v[0] += one; },
       ErrorCode::kVerifyFailed, "query 9: tree stage2"},
      {"query quotient value",
       [&](Proof& p) { p.instances[0].queries[0].trees[2].values[0] += one; },
       ErrorCode::kVerifyFailed, "query 0: tree quotient"},
      {"query tree width", [](Proof& p) { p.instances[0].queries[2].trees[1].values.pop_back(); },
       ErrorCode::kMalformedProof, "instances[0].queries[2].trees[1].values"},
      {"query siblings count",
       [](Proof& p) { p.instances[0].queries[2].trees[1].siblings.pop_back(); },
       ErrorCode::kMalformedProof, "instances[0].queries[2].trees[1].siblings"},
      {"fri layer value",
       [&](Proof& p) { p.instances[0].queries[5].fri_layers[1].values[0] += one; },
       ErrorCode::kVerifyFailed, "query 5: fri round 1"},
      {"fri layer sibling",
       [&](Proof& p) { p.instances[1].queries[6].fri_layers[0].siblings[0].v[1] += one; },
       ErrorCode::kVerifyFailed, "query 6: fri round 0"},
      {"fri layer count", [](Proof& p) { p.instances[1].queries[6].fri_layers.pop_back(); },
       ErrorCode::kMalformedProof, "instances[1].queries[6].fri_layers"},
  };
  const Fixture& f = fixture();
  ASSERT_GE(f.proof.instances[0].fri_roots.size(), 2u);
  for (const Mutation& m : ms) {
    Proof p = f.proof;
    m.apply(p);
    Status st = verify_fx(p);
    EXPECT_EQ(st.code(), m.code) << m.name << ": " << st.message();
    EXPECT_NE(st.message().find(m.expect), std::string::npos) << m.name << ": " << st.message();
    // The same change through the byte format: never accepted.
    Status sb = verify_fx(encode_proof(p));
    EXPECT_FALSE(sb.is_ok()) << m.name;
  }
}

}  // namespace
}  // namespace ziskc::stark
