// Tests of the op table and the pure op semantics. Known answers come from the RISC-V
// unprivileged spec (M-extension table of division by zero and overflow, sign extension of
// *W results, shift amounts mod 64 / mod 32) and ZisK's core/src/ops_core.rs (flags of the
// special cases, c/flag of comparisons); random operands (seed printed) are checked against a
// naive reference written independently here (32-bit limb products, spec-table division).
#include "zisk/ops.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <string_view>

namespace ziskc::zisk {
namespace {

constexpr std::uint64_t kMin = 0x8000'0000'0000'0000ull;
constexpr std::uint64_t kAll = ~0ull;

TEST(OpTable, CodesAndNamesAreUniqueAndRoundTrip) {
  std::set<int> codes;
  std::set<std::string> names;
  for (const OpInfo& i : op_table()) {
    EXPECT_TRUE(codes.insert(static_cast<int>(i.op)).second) << i.name;
    EXPECT_TRUE(names.insert(i.name).second) << i.name;
    EXPECT_EQ(find_op(static_cast<std::uint8_t>(i.op)), i.op);
    EXPECT_EQ(find_op_by_name(i.name), i.op);
    EXPECT_EQ(op_info(i.op).name, i.name);
    EXPECT_EQ(is_pure(i.op), i.pure) << i.name;
  }
  EXPECT_FALSE(find_op(0x08).has_value());  // reserved in ZisK's table
  EXPECT_FALSE(find_op_by_name("nope").has_value());
}

TEST(OpTable, ZiskCodesAndMachines) {
  // core/src/zisk_ops_table.rs opcode numbers; DESIGN.md §3 machines.
  struct Row {
    const char* name;
    int code;
    Machine machine;
  };
  const Row rows[] = {
      {"flag", 0x00, Machine::kMain},
      {"copyb", 0x01, Machine::kMain},
      {"minu", 0x02, Machine::kBinary},
      {"lt", 0x07, Machine::kBinary},
      {"eq", 0x09, Machine::kBinary},
      {"add", 0x0a, Machine::kBinaryAdd},
      {"sub", 0x0b, Machine::kBinary},
      {"xor", 0x10, Machine::kBinary},
      {"minu_w", 0x12, Machine::kBinary},
      {"le_w", 0x1d, Machine::kBinary},
      {"sll", 0x21, Machine::kBinaryExtension},
      {"sra_w", 0x26, Machine::kBinaryExtension},
      {"signextend_b", 0x27, Machine::kBinaryExtension},
      {"signextend_w", 0x29, Machine::kBinaryExtension},
      {"pubout", 0x30, Machine::kPubOut},
      {"mulu", 0xb0, Machine::kArith},
      {"mulsuh", 0xb3, Machine::kArith},
      {"mul_w", 0xb6, Machine::kArith},
      {"rem_w", 0xbf, Machine::kArith},
      {"dma_memcpy", 0xd0, Machine::kDma},
      {"dma_xmemset", 0xd9, Machine::kDma},
      // Precompiles: ZisK's op type of each (zisk_ops_table.rs), one machine per type.
      {"arith384_mod", 0xe2, Machine::kArithEq384},
      {"bls12_381_curve_add", 0xe3, Machine::kArithEq384},
      {"bls12_381_curve_dbl", 0xe4, Machine::kArithEq384},
      {"bls12_381_complex_add", 0xe5, Machine::kArithEq384},
      {"bls12_381_complex_sub", 0xe6, Machine::kArithEq384},
      {"bls12_381_complex_mul", 0xe7, Machine::kArithEq384},
      {"secp256r1_add", 0xe8, Machine::kArithEq},
      {"secp256r1_dbl", 0xe9, Machine::kArithEq},
      {"blake2", 0xea, Machine::kBlake2},
      {"poseidon2", 0xeb, Machine::kPoseidon},
      {"poseidon1", 0xec, Machine::kPoseidon},
      {"add256", 0xf0, Machine::kAdd256},
      {"keccak", 0xf1, Machine::kKeccakf},
      {"arith256", 0xf2, Machine::kArithEq},
      {"arith256_mod", 0xf3, Machine::kArithEq},
      {"secp256k1_add", 0xf4, Machine::kArithEq},
      {"secp256k1_dbl", 0xf5, Machine::kArithEq},
      {"sha256", 0xf9, Machine::kSha256f},
      {"bn254_curve_add", 0xfa, Machine::kArithEq},
      {"bn254_curve_dbl", 0xfb, Machine::kArithEq},
      {"bn254_complex_add", 0xfc, Machine::kArithEq},
      {"bn254_complex_sub", 0xfd, Machine::kArithEq},
      {"bn254_complex_mul", 0xfe, Machine::kArithEq},
      {"fcall_param", 0xf6, Machine::kFcall},
      {"fcall_get", 0xf8, Machine::kFcall},
      {"halt", 0xff, Machine::kHalt},
  };
  for (const Row& r : rows) {
    auto op = find_op_by_name(r.name);
    ASSERT_TRUE(op.has_value()) << r.name;
    EXPECT_EQ(static_cast<int>(*op), r.code) << r.name;
    EXPECT_EQ(op_info(*op).machine, r.machine) << r.name;
  }
  // Every precompile op is listed above (23 of them), and only those are precompiles.
  std::size_t precompiles = 0;
  for (const OpInfo& i : op_table()) precompiles += is_precompile(i.machine);
  EXPECT_EQ(precompiles, 23u);
  EXPECT_FALSE(is_precompile(Machine::kDma));
  EXPECT_FALSE(is_precompile(Machine::kFcall));
  // Machine names are distinct (they label the -X stats).
  std::set<std::string_view> names;
  for (std::size_t m = 0; m < static_cast<std::size_t>(Machine::kCount); ++m) {
    names.insert(machine_name(static_cast<Machine>(m)));
  }
  EXPECT_EQ(names.size(), static_cast<std::size_t>(Machine::kCount));
  EXPECT_EQ(names.count("?"), 0u);
  EXPECT_TRUE(is_m32(Op::kAddW));
  EXPECT_TRUE(is_m32(Op::kSignExtendW));  // ZisK: the name contains "_w"
  EXPECT_FALSE(is_m32(Op::kAdd));
  EXPECT_FALSE(is_m32(Op::kSignExtendB));
}

OpOut run(Op op, std::uint64_t a, std::uint64_t b) {
  auto r = apply_pure(op, a, b);
  EXPECT_TRUE(r.has_value()) << op_name(op);
  return r.value_or(OpOut{0, false});
}

TEST(OpSemantics, DivisionByZeroAndOverflowFollowTheSpecTable) {
  // RISC-V spec, M extension, "Semantics for division by zero and division overflow".
  EXPECT_EQ(run(Op::kDivu, 7, 0), (OpOut{kAll, true}));
  EXPECT_EQ(run(Op::kRemu, 7, 0), (OpOut{7, true}));
  EXPECT_EQ(run(Op::kDiv, static_cast<std::uint64_t>(-7), 0), (OpOut{kAll, true}));
  EXPECT_EQ(run(Op::kRem, static_cast<std::uint64_t>(-7), 0),
            (OpOut{static_cast<std::uint64_t>(-7), true}));
  EXPECT_EQ(run(Op::kDiv, kMin, kAll), (OpOut{kMin, true}));
  EXPECT_EQ(run(Op::kRem, kMin, kAll), (OpOut{0, true}));
  // 32-bit forms: operands are the low words, results sign-extended.
  EXPECT_EQ(run(Op::kDivuW, 0xdead'0000'0007ull, 0x1'0000'0000ull), (OpOut{kAll, true}));
  EXPECT_EQ(run(Op::kRemuW, 0xdead'8000'0007ull, 0x1'0000'0000ull),
            (OpOut{0xffff'ffff'8000'0007ull, true}));
  EXPECT_EQ(run(Op::kDivW, 5, 0x5'0000'0000ull), (OpOut{kAll, true}));
  EXPECT_EQ(run(Op::kRemW, 0x1'8000'0000ull, 0), (OpOut{0xffff'ffff'8000'0000ull, true}));
  EXPECT_EQ(run(Op::kDivW, 0x8000'0000ull, 0xffff'ffffull),
            (OpOut{0xffff'ffff'8000'0000ull, true}));
  EXPECT_EQ(run(Op::kRemW, 0x8000'0000ull, kAll), (OpOut{0, true}));
  // Ordinary division truncates toward zero and clears the flag.
  EXPECT_EQ(run(Op::kDiv, static_cast<std::uint64_t>(-7), 2),
            (OpOut{static_cast<std::uint64_t>(-3), false}));
  EXPECT_EQ(run(Op::kRem, static_cast<std::uint64_t>(-7), 2),
            (OpOut{static_cast<std::uint64_t>(-1), false}));
  EXPECT_EQ(run(Op::kDivuW, 0xffff'fff9, 2), (OpOut{0x7fff'fffc, false}));
  EXPECT_EQ(run(Op::kDivW, 0xffff'fff9, 2), (OpOut{static_cast<std::uint64_t>(-3), false}));
  EXPECT_EQ(run(Op::kDivuW, 0xffff'fffe, 1), (OpOut{kAll - 1, false}));  // sign-extended
}

TEST(OpSemantics, ShiftsTakeTheLowBitsOfB) {
  EXPECT_EQ(run(Op::kSll, 1, 64).c, 1u);
  EXPECT_EQ(run(Op::kSll, 1, 0xffff'ffff'ffff'ffc1ull).c, 2u);
  EXPECT_EQ(run(Op::kSrl, kMin, 127).c, 1u);
  EXPECT_EQ(run(Op::kSra, kMin, 63).c, kAll);
  EXPECT_EQ(run(Op::kSllW, 1, 31).c, 0xffff'ffff'8000'0000ull);
  EXPECT_EQ(run(Op::kSllW, 1, 32).c, 1u);  // mod 32
  EXPECT_EQ(run(Op::kSrlW, 0xffff'ffff'8000'0000ull, 31).c, 1u);
  EXPECT_EQ(run(Op::kSrlW, 0x8000'0000ull, 0).c, 0xffff'ffff'8000'0000ull);
  EXPECT_EQ(run(Op::kSraW, 0x8000'0000ull, 4).c, 0xffff'ffff'f800'0000ull);
  EXPECT_EQ(run(Op::kSraW, 0x1234'0000'7000'0000ull, 36).c, 0x0700'0000ull);
}

TEST(OpSemantics, ComparisonsSetCAndFlagTogether) {
  EXPECT_EQ(run(Op::kLt, kAll, 0), (OpOut{1, true}));
  EXPECT_EQ(run(Op::kLtu, kAll, 0), (OpOut{0, false}));
  EXPECT_EQ(run(Op::kEq, 5, 5), (OpOut{1, true}));
  EXPECT_EQ(run(Op::kLeu, 5, 5), (OpOut{1, true}));
  EXPECT_EQ(run(Op::kLe, 0, kAll), (OpOut{0, false}));
  EXPECT_EQ(run(Op::kEqW, 0x1'0000'0005ull, 5), (OpOut{1, true}));
  EXPECT_EQ(run(Op::kLtW, 0x8000'0000ull, 0), (OpOut{1, true}));
  EXPECT_EQ(run(Op::kLtuW, 0x1'0000'0000ull, 1), (OpOut{1, true}));
  EXPECT_EQ(run(Op::kFlag, 3, 4), (OpOut{0, true}));
  EXPECT_EQ(run(Op::kCopyB, 3, 4), (OpOut{4, false}));
  EXPECT_EQ(run(Op::kAdd, kAll, 2), (OpOut{1, false}));
}

TEST(OpSemantics, SignExtensionAndMinMax) {
  EXPECT_EQ(run(Op::kSignExtendB, 0, 0x1234'5680).c, 0xffff'ffff'ffff'ff80ull);
  EXPECT_EQ(run(Op::kSignExtendH, 0, 0x1234'7fff).c, 0x7fffu);
  EXPECT_EQ(run(Op::kSignExtendW, 0, 0x1'8000'0001ull).c, 0xffff'ffff'8000'0001ull);
  EXPECT_EQ(run(Op::kMin, kAll, 1).c, kAll);
  EXPECT_EQ(run(Op::kMinu, kAll, 1).c, 1u);
  EXPECT_EQ(run(Op::kMaxW, 0x1'7fff'ffffull, 0x8000'0000ull).c, 0x7fff'ffffu);
  EXPECT_EQ(run(Op::kMinuW, 0xf'0000'0001ull, 0x2).c, 1u);
  EXPECT_EQ(run(Op::kMaxuW, 0x8000'0000ull, 1).c, 0xffff'ffff'8000'0000ull);
}

// --- Naive independent reference (no __int128) ---
struct U128 {
  std::uint64_t hi, lo;
};
U128 mul_u(std::uint64_t a, std::uint64_t b) {
  const std::uint64_t a0 = a & 0xffffffff, a1 = a >> 32, b0 = b & 0xffffffff, b1 = b >> 32;
  const std::uint64_t p00 = a0 * b0, p01 = a0 * b1, p10 = a1 * b0, p11 = a1 * b1;
  const std::uint64_t mid = (p00 >> 32) + (p01 & 0xffffffff) + (p10 & 0xffffffff);
  return {p11 + (p01 >> 32) + (p10 >> 32) + (mid >> 32), (mid << 32) | (p00 & 0xffffffff)};
}
// High words of signed products from the unsigned one: subtract b if a < 0, a if b < 0.
std::uint64_t mulh_ref(std::uint64_t a, std::uint64_t b, bool sa, bool sb) {
  std::uint64_t hi = mul_u(a, b).hi;
  if (sa && (a >> 63)) hi -= b;
  if (sb && (b >> 63)) hi -= a;
  return hi;
}
std::uint64_t sx32(std::uint64_t v) {
  return (v & 0x8000'0000) ? (v | 0xffff'ffff'0000'0000ull) : (v & 0xffff'ffff);
}
std::int64_t s(std::uint64_t v) { return static_cast<std::int64_t>(v); }

std::optional<OpOut> reference(Op op, std::uint64_t a, std::uint64_t b) {
  const std::uint64_t a32 = a & 0xffffffff, b32 = b & 0xffffffff;
  const auto sa32 = static_cast<std::int32_t>(a32), sb32 = static_cast<std::int32_t>(b32);
  const auto cmp = [](bool v) { return std::optional<OpOut>(OpOut{v ? 1u : 0u, v}); };
  switch (op) {
    case Op::kAdd:
      return OpOut{a + b, false};
    case Op::kSub:
      return OpOut{a - b, false};
    case Op::kAddW:
      return OpOut{sx32(a32 + b32), false};
    case Op::kSubW:
      return OpOut{sx32(a32 - b32), false};
    case Op::kAnd:
      return OpOut{a & b, false};
    case Op::kOr:
      return OpOut{a | b, false};
    case Op::kXor:
      return OpOut{a ^ b, false};
    case Op::kLt:
      return cmp(s(a) < s(b));
    case Op::kLtu:
      return cmp(a < b);
    case Op::kLe:
      return cmp(s(a) <= s(b));
    case Op::kLeu:
      return cmp(a <= b);
    case Op::kEq:
      return cmp(a == b);
    case Op::kLtW:
      return cmp(sa32 < sb32);
    case Op::kLtuW:
      return cmp(a32 < b32);
    case Op::kLeW:
      return cmp(sa32 <= sb32);
    case Op::kLeuW:
      return cmp(a32 <= b32);
    case Op::kEqW:
      return cmp(a32 == b32);
    case Op::kMin:
      return OpOut{s(a) < s(b) ? a : b, false};
    case Op::kMax:
      return OpOut{s(a) > s(b) ? a : b, false};
    case Op::kMinu:
      return OpOut{a < b ? a : b, false};
    case Op::kMaxu:
      return OpOut{a > b ? a : b, false};
    case Op::kMinW:
      return OpOut{sx32(sa32 < sb32 ? a32 : b32), false};
    case Op::kMaxW:
      return OpOut{sx32(sa32 > sb32 ? a32 : b32), false};
    case Op::kMinuW:
      return OpOut{sx32(a32 < b32 ? a32 : b32), false};
    case Op::kMaxuW:
      return OpOut{sx32(a32 > b32 ? a32 : b32), false};
    case Op::kSll:
      return OpOut{a << (b % 64), false};
    case Op::kSrl:
      return OpOut{a >> (b % 64), false};
    case Op::kSra: {
      const unsigned sh = b % 64;
      const std::uint64_t fill = (a >> 63) && sh ? ~0ull << (64 - sh) : 0;
      return OpOut{(a >> sh) | fill, false};
    }
    case Op::kSllW:
      return OpOut{sx32((a32 << (b % 32)) & 0xffffffff), false};
    case Op::kSrlW:
      return OpOut{sx32(a32 >> (b % 32)), false};
    case Op::kSraW: {
      const unsigned sh = b % 32;
      const std::uint64_t fill = (a32 >> 31) && sh ? (0xffffffffull << (32 - sh)) & 0xffffffff : 0;
      return OpOut{sx32((a32 >> sh) | fill), false};
    }
    case Op::kMul:
    case Op::kMulu:
      return OpOut{mul_u(a, b).lo, false};
    case Op::kMuluh:
      return OpOut{mulh_ref(a, b, false, false), false};
    case Op::kMulh:
      return OpOut{mulh_ref(a, b, true, true), false};
    case Op::kMulsuh:
      return OpOut{mulh_ref(a, b, true, false), false};
    case Op::kMulW:
      return OpOut{sx32(mul_u(a32, b32).lo & 0xffffffff), false};
    case Op::kDivu:
      return b == 0 ? OpOut{kAll, true} : OpOut{a / b, false};
    case Op::kRemu:
      return b == 0 ? OpOut{a, true} : OpOut{a % b, false};
    case Op::kDiv:
      if (b == 0) return OpOut{kAll, true};
      if (a == kMin && b == kAll) return OpOut{kMin, true};
      return OpOut{static_cast<std::uint64_t>(s(a) / s(b)), false};
    case Op::kRem:
      if (b == 0) return OpOut{a, true};
      if (a == kMin && b == kAll) return OpOut{0, true};
      return OpOut{static_cast<std::uint64_t>(s(a) % s(b)), false};
    case Op::kDivuW:
      return b32 == 0 ? OpOut{kAll, true} : OpOut{sx32(a32 / b32), false};
    case Op::kRemuW:
      return b32 == 0 ? OpOut{sx32(a32), true} : OpOut{sx32(a32 % b32), false};
    case Op::kDivW:
      if (b32 == 0) return OpOut{kAll, true};
      if (a32 == 0x80000000 && b32 == 0xffffffff) return OpOut{sx32(0x80000000), true};
      return OpOut{sx32(static_cast<std::uint64_t>(sa32 / sb32) & 0xffffffff), false};
    case Op::kRemW:
      if (b32 == 0) return OpOut{sx32(a32), true};
      if (a32 == 0x80000000 && b32 == 0xffffffff) return OpOut{0, true};
      return OpOut{sx32(static_cast<std::uint64_t>(sa32 % sb32) & 0xffffffff), false};
    case Op::kSignExtendB:
      return OpOut{(b & 0x80) ? (b | ~0xffull) : (b & 0xff), false};
    case Op::kSignExtendH:
      return OpOut{(b & 0x8000) ? (b | ~0xffffull) : (b & 0xffff), false};
    case Op::kSignExtendW:
      return OpOut{sx32(b32), false};
    case Op::kFlag:
      return OpOut{0, true};
    case Op::kCopyB:
    case Op::kProfile:
      return OpOut{b, false};
    default:
      return std::nullopt;
  }
}

TEST(OpSemantics, RandomOperandsMatchNaiveReference) {
  const std::uint64_t seed = 20261124;
  std::printf("seed %llu\n", static_cast<unsigned long long>(seed));
  std::mt19937_64 rng(seed);
  const std::uint64_t edges[] = {
      0,        1,          2,          kAll,       kAll - 1,         kMin,
      kMin - 1, 0x7fffffff, 0x80000000, 0xffffffff, 0x1'0000'0000ull, 63,
      64,       31,         32};
  const auto pick = [&]() {
    switch (rng() % 4) {
      case 0:
        return edges[rng() % std::size(edges)];
      case 1:
        return rng() & 0xff;
      default:
        return static_cast<std::uint64_t>(rng());
    }
  };
  int checked = 0;
  for (const OpInfo& info : op_table()) {
    if (!info.pure) continue;
    for (int k = 0; k < 4000; ++k) {
      const std::uint64_t a = pick(), b = pick();
      const std::optional<OpOut> want = reference(info.op, a, b);
      ASSERT_TRUE(want.has_value()) << "no reference for " << info.name;
      ASSERT_EQ(run(info.op, a, b), *want)
          << info.name << "(0x" << std::hex << a << ", 0x" << b << ")";
      ++checked;
    }
  }
  EXPECT_GT(checked, 150000);
}

TEST(OpSemantics, ContextOpsHaveNoPureSemantics) {
  EXPECT_FALSE(apply_pure(Op::kKeccak, 0, 0).has_value());
  EXPECT_FALSE(apply_pure(Op::kDmaMemcpy, 0, 0).has_value());
  EXPECT_FALSE(apply_pure(Op::kHalt, 0, 0).has_value());
  EXPECT_FALSE(apply_pure(Op::kPubOut, 0, 0).has_value());
  static_assert(apply<Op::kAdd>(2, 3).c == 5);  // usable in constant expressions
}

}  // namespace
}  // namespace ziskc::zisk
