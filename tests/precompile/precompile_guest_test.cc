// End-to-end test of the precompiles and free-input calls as a guest uses them: the guest
// guests/precompiles.c calls every one through the SDK wrappers (guest/include/ziskc) under
// `ziskc execute`; this test draws the same operands on the host, computes each result with the
// precompile library's algorithms called directly (not through run(), so the guest SDK's block
// layouts, the transpiler's CSR patterns and the emulator's Memory are all checked against an
// independent assembly of the operands), and compares the console lines.
// Skips, saying so, while `ziskc execute` answers "not supported yet".
#include <gtest/gtest.h>

#include <cstring>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "base/bytes.h"
#include "field/goldilocks.h"
#include "hash/poseidon2.h"
#include "precompile/arith.h"
#include "precompile/blake2b.h"
#include "precompile/curves.h"
#include "precompile/keccak.h"
#include "precompile/precompile.h"
#include "precompile/sha256.h"
#include "sdk/process.h"
#include "zisk/ops.h"

namespace ziskc::precompile {
namespace {

using Words = std::vector<std::uint64_t>;

// The guest's splitmix64 stream.
struct Stream {
  std::uint64_t state;
  std::uint64_t next() {
    std::uint64_t z = (state += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
  }
  Words fill(std::size_t n) {
    Words w(n);
    for (auto& v : w) v = next();
    return w;
  }
};

class Lines {
 public:
  void add(const std::string& name, const std::uint64_t* w, std::size_t n) {
    out_ << name;
    char buf[20];
    for (std::size_t i = 0; i < n; ++i) {
      std::snprintf(buf, sizeof(buf), " %016llx", static_cast<unsigned long long>(w[i]));
      out_ << buf;
    }
    out_ << "\n";
  }
  void add(const std::string& name, const Words& w) { add(name, w.data(), w.size()); }
  std::string str() const { return out_.str(); }

 private:
  std::ostringstream out_;
};

Words fcall_ok(std::uint32_t id, const Words& params) {
  auto r = fcall(id, params);
  EXPECT_TRUE(r.is_ok()) << r.status().message();
  return r.is_ok() ? *r : Words{};
}

void host_precompiles(Stream& s, Lines& out) {
  Words a = s.fill(25);
  keccak_f1600(a.data());
  out.add("keccakf", a);

  a = s.fill(4);
  Words b = s.fill(8);
  std::uint32_t h[8];
  std::memcpy(h, a.data(), 32);
  sha256_compress(h, reinterpret_cast<const std::uint8_t*>(b.data()));
  std::memcpy(a.data(), h, 32);
  out.add("sha256", a);

  a = s.fill(4), b = s.fill(4);
  Words c = s.fill(4), d(8), e(4);
  arith256(a.data(), b.data(), c.data(), d.data(), e.data());
  out.add("arith256", d.data(), 4);
  out.add("arith256.dh", e);

  a = s.fill(4), b = s.fill(4), c = s.fill(4);
  Words m = s.fill(4);
  arith256_mod(a.data(), b.data(), c.data(), m.data(), d.data());
  out.add("arith256_mod", d.data(), 4);
  a = s.fill(6), b = s.fill(6), c = s.fill(6), m = s.fill(6);
  arith384_mod(a.data(), b.data(), c.data(), m.data(), d.data());
  out.add("arith384_mod", d.data(), 6);

  a = s.fill(4), b = s.fill(4);
  const std::uint64_t cin = s.next() & 1;
  d[4] = add256(a.data(), b.data(), cin, d.data());
  out.add("add256", d.data(), 5);
  out.add("add256.rd_eq_rs1", d.data(), 5);  // same operands through `csrrs a0, 0x811, a0`
  a.assign(4, ~0ull), b.assign(4, 0);
  d[4] = add256(a.data(), b.data(), 1, d.data());  // 2^256 - 1 + 0 + 1: c = 0, carry 1
  EXPECT_EQ(d[4], 1u);
  out.add("add256.carry", d.data(), 5);

  auto curve = [&](Curve cv, const char* add_name, const char* dbl_name) {
    const std::size_t w = 2 * static_cast<std::size_t>(coordinate_words(cv));
    Words p1 = s.fill(w), p2 = s.fill(w);
    EXPECT_TRUE(curve_add(cv, p1.data(), p2.data(), p1.data()));
    out.add(add_name, p1);
    EXPECT_TRUE(curve_dbl(cv, p1.data(), p1.data()));
    out.add(dbl_name, p1);
  };
  auto complex = [&](Curve cv, const char* prefix) {
    const std::size_t w = 2 * static_cast<std::size_t>(coordinate_words(cv));
    Words f1 = s.fill(w), f2 = s.fill(w);
    for (auto [op, name] :
         {std::pair{ComplexOp::kAdd, "_complex_add"}, std::pair{ComplexOp::kSub, "_complex_sub"},
          std::pair{ComplexOp::kMul, "_complex_mul"}}) {
      complex_op(cv, op, f1.data(), f2.data(), f1.data());
      out.add(std::string(prefix) + name, f1);
    }
  };
  curve(Curve::kSecp256k1, "secp256k1_add", "secp256k1_dbl");
  curve(Curve::kSecp256r1, "secp256r1_add", "secp256r1_dbl");
  curve(Curve::kBn254, "bn254_curve_add", "bn254_curve_dbl");
  complex(Curve::kBn254, "bn254");
  curve(Curve::kBls12381, "bls12_381_curve_add", "bls12_381_curve_dbl");
  complex(Curve::kBls12381, "bls12_381");

  a = s.fill(16);
  hash::Poseidon2<16>::State st;
  for (std::size_t i = 0; i < 16; ++i) st[i] = field::Fe::from_u64(a[i]);
  hash::Poseidon2<16>::permute(st);
  for (std::size_t i = 0; i < 16; ++i) a[i] = st[i].value();
  out.add("poseidon2", a);

  a = s.fill(16), b = s.fill(16);
  blake2b_round(a.data(), b.data(), static_cast<std::uint32_t>(s.next() % 12));
  out.add("blake2b_round", a);
}

void host_fcalls(Stream& s, Lines& out) {
  Words a = s.fill(48);
  for (auto& v : a) v >>= 8;
  auto first = [&](std::size_t n) {
    return Words(a.begin(), a.begin() + static_cast<std::ptrdiff_t>(n));
  };
  auto one = [&](std::uint32_t id, std::size_t words) {
    out.add(fcall_name(id), fcall_ok(id, first(words)));
  };
  one(1, 4);
  one(2, 4);
  Words p = first(4);
  p.push_back(s.next() & 1);
  out.add("secp256k1_fp_sqrt", fcall_ok(3, p));
  one(4, 4);
  one(5, 4);
  one(6, 4);
  one(7, 8);
  one(8, 32);
  one(9, 16);
  one(10, 8);
  one(11, 8);
  one(12, 12);
  one(13, 12);
  one(14, 48);
  one(15, 24);
  out.add("bin_decomp", fcall_ok(16, {1, a[0]}));
  p = {2};
  p.insert(p.end(), a.begin(), a.begin() + 8);
  out.add("msb_pos_256", fcall_ok(17, p));
  out.add("msb_pos_384", fcall_ok(18, first(16)));
  one(19, 8);
  one(20, 4);
  one(21, 8);
  p = {4, a[0], a[1], a[2], a[3], 2, a[4], a[5]};
  out.add("bigint_div", fcall_ok(22, p));
}

std::string guest(const char* name) { return std::string(ZISKC_GUEST_DIR) + "/" + name + ".elf"; }

// Writes a one-record input file holding the given u64 words.
std::string write_input(const std::string& name, const Words& record) {
  Words file = {8 * record.size()};
  file.insert(file.end(), record.begin(), record.end());
  std::vector<std::uint8_t> bytes(8 * file.size());
  std::memcpy(bytes.data(), file.data(), bytes.size());
  const std::string path = ::testing::TempDir() + "/" + name + ".bin";
  EXPECT_TRUE(base::write_file_atomic(path, bytes).is_ok());
  return path;
}

Result<sdk::ProcessResult> execute(const std::string& elf, const std::string& input) {
  return sdk::run_process({ZISKC_BIN, "execute", "-e", elf, "-i", input, "-c"},
                          sdk::Stderr::kSeparate);
}

bool not_supported(const sdk::ProcessResult& r) {
  return r.exit_code == 3 && r.errors.find("not supported yet") != std::string::npos;
}

// The 64 public output words printed by -c.
std::vector<std::uint32_t> output_words(const std::string& out) {
  std::vector<std::uint32_t> words;
  std::istringstream in(out);
  std::string line;
  while (std::getline(in, line))
    words.push_back(static_cast<std::uint32_t>(std::stoul(line, nullptr, 16)));
  return words;
}

TEST(PrecompileGuest, ExecuteMatchesTheHost) {
  constexpr std::uint64_t kSeed = 0x5eed2026, kRounds = 3;
  const std::string input = write_input("precompiles", {kSeed, kRounds});
  Stream s{kSeed};
  Lines expected;
  for (std::uint64_t r = 0; r < kRounds; ++r) {
    host_precompiles(s, expected);
    host_fcalls(s, expected);
  }
  auto run = execute(guest("precompiles"), input);
  ASSERT_TRUE(run) << run.status().message();
  if (not_supported(*run)) GTEST_SKIP() << "ziskc execute: " << run->errors;
  ASSERT_EQ(run->exit_code, 0) << run->errors;
  // The console (stderr with -c) has exactly the expected lines, in order.
  std::istringstream got(run->errors), want(expected.str());
  std::string gl, wl;
  int line = 0;
  while (std::getline(want, wl)) {
    ++line;
    ASSERT_TRUE(static_cast<bool>(std::getline(got, gl))) << "console ends before line " << line;
    ASSERT_EQ(gl, wl) << "console line " << line;
  }
  EXPECT_GT(line, 40 * static_cast<int>(kRounds));
}

TEST(PrecompileGuest, KeccakBenchGuestMatchesTheHost) {
  constexpr std::uint64_t kPermutations = 1000;
  auto run = execute(guest("keccak_bench"), write_input("keccak_bench", {kPermutations}));
  ASSERT_TRUE(run) << run.status().message();
  if (not_supported(*run)) GTEST_SKIP() << "ziskc execute: " << run->errors;
  ASSERT_EQ(run->exit_code, 0) << run->errors;
  std::uint64_t st[25] = {};
  for (std::uint64_t i = 0; i < kPermutations; ++i) keccak_f1600(st);
  const std::vector<std::uint32_t> words = output_words(run->output);
  ASSERT_EQ(words.size(), 64u);
  for (int i = 0; i < 8; ++i) {
    EXPECT_EQ(words[2 * i], static_cast<std::uint32_t>(st[i])) << "lane " << i;
    EXPECT_EQ(words[2 * i + 1], static_cast<std::uint32_t>(st[i] >> 32)) << "lane " << i;
  }
}

// `ziskc execute -X` counts each precompile under its own machine, grouped as ZisK's op types
// (keccakf, sha256f, arith_eq, arith_eq_384, add256, blake2, poseidon), and each machine's count
// is the sum of its ops' counts in the op histogram.
TEST(PrecompileGuest, StatsCountEachPrecompileMachine) {
  auto run = sdk::run_process(
      {ZISKC_BIN, "execute", "-e", guest("precompiles"), "-i", write_input("stats", {7, 1}), "-X"},
      sdk::Stderr::kSeparate);
  ASSERT_TRUE(run) << run.status().message();
  if (not_supported(*run)) GTEST_SKIP() << "ziskc execute: " << run->errors;
  ASSERT_EQ(run->exit_code, 0) << run->errors;
  const std::size_t at = run->output.find("per state machine:\n");
  ASSERT_NE(at, std::string::npos) << run->output;
  std::istringstream in(run->output.substr(at));
  std::map<std::string, std::uint64_t> machines, by_ops;
  std::string line;
  bool in_ops = false;
  std::getline(in, line);
  while (std::getline(in, line)) {
    if (line == "ops:") {
      in_ops = true;
      continue;
    }
    if (line.rfind("  ", 0) != 0) break;
    std::istringstream f(line);
    std::string name, code;
    std::uint64_t n = 0;
    if (in_ops) {
      ASSERT_TRUE(static_cast<bool>(f >> name >> code >> n)) << line;
      const std::optional<zisk::Op> op = zisk::find_op_by_name(name);
      ASSERT_TRUE(op.has_value()) << line;
      by_ops[zisk::machine_name(zisk::op_info(*op).machine)] += n;
    } else {
      ASSERT_TRUE(static_cast<bool>(f >> name >> n)) << line;
      machines[name] = n;
    }
  }
  EXPECT_EQ(machines.count("precompile"), 0u);
  for (const char* m :
       {"keccakf", "sha256f", "arith_eq", "arith_eq_384", "add256", "blake2", "poseidon"}) {
    EXPECT_GT(machines[m], 0u) << m;
    EXPECT_EQ(machines[m], by_ops[m]) << m;
  }
  // Every machine line agrees with the op histogram (main's internal ops included).
  for (const auto& [m, n] : machines) EXPECT_EQ(n, by_ops[m]) << m;
}

TEST(PrecompileGuest, MisuseIsAGuestFault) {
  const char* expected[] = {"p1.x == p2.x",    "not 8-byte aligned", "module is zero",
                            "inverse of zero", "unknown id 100",     "cannot read state"};
  for (std::uint64_t which = 0; which < std::size(expected); ++which) {
    auto run = execute(guest("faults"), write_input("faults", {which}));
    ASSERT_TRUE(run) << run.status().message();
    if (not_supported(*run)) GTEST_SKIP() << "ziskc execute: " << run->errors;
    EXPECT_EQ(run->exit_code, 2) << "case " << which << ": " << run->errors;
    EXPECT_NE(run->errors.find(expected[which]), std::string::npos)
        << "case " << which << ": " << run->errors;
  }
}

// arith256 and arith256_mod proven end to end: the arith256_chain guest (the SDK's
// zisk_arith256, 20 chained calls, then one zisk_arith256_mod) through rom-setup, prove
// (Arith256 and Arith256Mod in --stats), verify -c; the public outputs are the host's
// precompile::arith256 chain and arith256_mod, and verify -c prints what execute -c prints.
TEST(PrecompileGuest, Arith256GuestIsProvenAndVerified) {
  constexpr std::uint64_t kSeed = 0xa256, kCalls = 20;
  const std::string input = write_input("arith256_chain", {kSeed, kCalls});
  const std::string elf = guest("arith256_chain");
  const std::string dir = ::testing::TempDir() + "/arith256_chain";
  const auto ziskc = [](std::vector<std::string> args) {
    args.insert(args.begin(), ZISKC_BIN);
    auto r = sdk::run_process(args, sdk::Stderr::kSeparate);
    EXPECT_TRUE(r.is_ok()) << r.status().message();
    return r.is_ok() ? *r : sdk::ProcessResult{};
  };
  const sdk::ProcessResult setup =
      ziskc({"rom-setup", "-e", elf, "-o", dir + ".vk", "--cache-dir", dir + "-cache"});
  ASSERT_EQ(setup.exit_code, 0) << setup.errors;
  const sdk::ProcessResult p = ziskc({"prove", "-e", elf, "-i", input, "-o", dir + ".proof",
                                      "--cache-dir", dir + "-cache", "--stats"});
  ASSERT_EQ(p.exit_code, 0) << p.errors;
  EXPECT_NE(p.errors.find("\narith256 "), std::string::npos) << p.errors;
  EXPECT_NE(p.errors.find("\narith256_mod "), std::string::npos) << p.errors;
  const sdk::ProcessResult v = ziskc({"verify", "-p", dir + ".proof", "-k", dir + ".vk", "-c"});
  ASSERT_EQ(v.exit_code, 0) << v.errors;
  auto exec = execute(elf, input);
  ASSERT_TRUE(exec) << exec.status().message();
  EXPECT_EQ(v.output, exec->output);
  // The host's chain.
  Stream s{kSeed};
  std::uint64_t a[4], b[4], c[4], dl[4] = {}, dh[4] = {};
  for (int i = 0; i < 4; ++i) a[i] = s.next(), b[i] = s.next(), c[i] = s.next();
  for (std::uint64_t k = 0; k < kCalls; ++k) {
    arith256(a, b, c, dl, dh);
    std::memcpy(a, dl, sizeof(dl));
    std::memcpy(c, dh, sizeof(dh));
  }
  std::uint64_t m[4] = {b[0] | 1, b[1], b[2], b[3]}, d[4] = {};
  ASSERT_TRUE(arith256_mod(a, b, c, m, d));
  const std::vector<std::uint32_t> words = output_words(v.output);
  ASSERT_GE(words.size(), 24u);
  for (int i = 0; i < 12; ++i) {
    const std::uint64_t want = i < 4 ? dl[i] : i < 8 ? dh[i - 4] : d[i - 8];
    EXPECT_EQ(words[2 * i], static_cast<std::uint32_t>(want)) << "word " << i;
    EXPECT_EQ(words[2 * i + 1], static_cast<std::uint32_t>(want >> 32)) << "word " << i;
  }
}

}  // namespace
}  // namespace ziskc::precompile
