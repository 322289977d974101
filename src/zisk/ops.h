// ZisK operations: the Op enum generated from the one op table (ops.def), its metadata and
// the pure semantics of every op that needs no emulator context: (c, flag) = apply<op>(a, b).
// The semantics are exactly ZisK's (core/src/ops_core.rs, current version), including its
// division by zero (quotient all ones / remainder a, flag set) and overflow (MIN / -1: quotient
// MIN, remainder 0, flag set) results, the 32-bit `_w` forms that sign-extend their result,
// and shift amounts taken mod 64 (mod 32 for `_w`).
// Invariants: Op values are ZisK's opcode numbers; apply<op> is defined exactly for the rows
// marked PURE in ops.def; every function here is constexpr and branch-light (the emulator's
// hot loop inlines them).
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

namespace ziskc::zisk {

enum class Op : std::uint8_t {
#define ZISKC_ZISK_OP_PURE(e, name, code, machine) k##e = code,
#define ZISKC_ZISK_OP_CTX(e, name, code, machine) k##e = code,
#include "zisk/ops.def"
#undef ZISKC_ZISK_OP_PURE
#undef ZISKC_ZISK_OP_CTX
};

// The state machine that proves an op's result (DESIGN.md §3).
enum class Machine : std::uint8_t {
  kMain,             // internal: flag, copyb, profile
  kBinary,           // comparisons, logic, min/max, sub, *_w
  kBinaryAdd,        // add
  kBinaryExtension,  // shifts, sign extension
  kArith,            // mul / div / rem
  kPubOut,           // public values
  kDma,              // memcpy / memcmp / memset / inputcpy
  // Precompiles, one machine per ZisK precompile state machine (ZisK's OpType: Keccak, Sha256,
  // ArithEq, ArithEq384, BigInt, Blake2, Poseidon); none is proved yet.
  kKeccakf,     // keccak
  kSha256f,     // sha256
  kArithEq,     // arith256, arith256_mod, secp256k1 / secp256r1 add, dbl, bn254 curve, complex
  kArithEq384,  // arith384_mod, bls12_381 curve, complex
  kAdd256,      // add256 (ZisK's BigInt)
  kBlake2,      // blake2 (BLAKE2b round)
  kPoseidon,    // poseidon2, poseidon1
  kFcall,       // free-input calls (unproven host hints)
  kHalt,        // guest error: not provable
  kCount,
};
const char* machine_name(Machine m);
// The precompile machines (kKeccakf .. kPoseidon): an op of one takes a parameter block in
// memory (b) and its memory accesses are the machine's, not Main's.
constexpr bool is_precompile(Machine m) {
  return m >= Machine::kKeccakf && m <= Machine::kPoseidon;
}

struct OpInfo {
  Op op;
  const char* name;  // ZisK's name ("add", "signextend_w", "dma_memcpy", ...)
  Machine machine;
  bool pure;  // apply<op> exists
};

// Every op of ops.def, in table order.
std::span<const OpInfo> op_table();
// Metadata of an op; ZISKC_CHECKs that op is in the table.
const OpInfo& op_info(Op op);
// The op with ZisK code `code`, or nullopt.
std::optional<Op> find_op(std::uint8_t code);
std::optional<Op> find_op_by_name(std::string_view name);
inline const char* op_name(Op op) { return op_info(op).name; }
// ZisK's m32 flag (32-bit operands on the bus): the op name contains "_w".
bool is_m32(Op op);

struct OpOut {
  std::uint64_t c;
  bool flag;
  friend constexpr bool operator==(const OpOut&, const OpOut&) = default;
};

// Pure semantics; specialised below for every PURE row of ops.def.
template <Op op>
constexpr OpOut apply(std::uint64_t a, std::uint64_t b);

namespace detail {
constexpr std::uint64_t sext32(std::uint64_t v) {
  return static_cast<std::uint64_t>(static_cast<std::int64_t>(static_cast<std::int32_t>(v)));
}
constexpr std::int64_t s64(std::uint64_t v) { return static_cast<std::int64_t>(v); }
constexpr std::int32_t s32(std::uint64_t v) { return static_cast<std::int32_t>(v); }
constexpr std::uint32_t u32(std::uint64_t v) { return static_cast<std::uint32_t>(v); }
constexpr OpOut cmp(bool v) { return {v ? 1u : 0u, v}; }
constexpr std::uint64_t kMinI64 = 0x8000'0000'0000'0000ull;
}  // namespace detail

// clang-format off
template <> constexpr OpOut apply<Op::kFlag>(std::uint64_t, std::uint64_t) { return {0, true}; }
template <> constexpr OpOut apply<Op::kCopyB>(std::uint64_t, std::uint64_t b) { return {b, false}; }
template <> constexpr OpOut apply<Op::kProfile>(std::uint64_t, std::uint64_t b) { return {b, false}; }

template <> constexpr OpOut apply<Op::kMinu>(std::uint64_t a, std::uint64_t b) { return {a < b ? a : b, false}; }
template <> constexpr OpOut apply<Op::kMin>(std::uint64_t a, std::uint64_t b) { return {detail::s64(a) < detail::s64(b) ? a : b, false}; }
template <> constexpr OpOut apply<Op::kMaxu>(std::uint64_t a, std::uint64_t b) { return {a > b ? a : b, false}; }
template <> constexpr OpOut apply<Op::kMax>(std::uint64_t a, std::uint64_t b) { return {detail::s64(a) > detail::s64(b) ? a : b, false}; }
template <> constexpr OpOut apply<Op::kLtu>(std::uint64_t a, std::uint64_t b) { return detail::cmp(a < b); }
template <> constexpr OpOut apply<Op::kLt>(std::uint64_t a, std::uint64_t b) { return detail::cmp(detail::s64(a) < detail::s64(b)); }
template <> constexpr OpOut apply<Op::kEq>(std::uint64_t a, std::uint64_t b) { return detail::cmp(a == b); }
template <> constexpr OpOut apply<Op::kAdd>(std::uint64_t a, std::uint64_t b) { return {a + b, false}; }
template <> constexpr OpOut apply<Op::kSub>(std::uint64_t a, std::uint64_t b) { return {a - b, false}; }
template <> constexpr OpOut apply<Op::kLeu>(std::uint64_t a, std::uint64_t b) { return detail::cmp(a <= b); }
template <> constexpr OpOut apply<Op::kLe>(std::uint64_t a, std::uint64_t b) { return detail::cmp(detail::s64(a) <= detail::s64(b)); }
template <> constexpr OpOut apply<Op::kAnd>(std::uint64_t a, std::uint64_t b) { return {a & b, false}; }
template <> constexpr OpOut apply<Op::kOr>(std::uint64_t a, std::uint64_t b) { return {a | b, false}; }
template <> constexpr OpOut apply<Op::kXor>(std::uint64_t a, std::uint64_t b) { return {a ^ b, false}; }

template <> constexpr OpOut apply<Op::kMinuW>(std::uint64_t a, std::uint64_t b) { return {detail::sext32(detail::u32(a) < detail::u32(b) ? a : b), false}; }
template <> constexpr OpOut apply<Op::kMinW>(std::uint64_t a, std::uint64_t b) { return {detail::sext32(detail::s32(a) < detail::s32(b) ? a : b), false}; }
template <> constexpr OpOut apply<Op::kMaxuW>(std::uint64_t a, std::uint64_t b) { return {detail::sext32(detail::u32(a) > detail::u32(b) ? a : b), false}; }
template <> constexpr OpOut apply<Op::kMaxW>(std::uint64_t a, std::uint64_t b) { return {detail::sext32(detail::s32(a) > detail::s32(b) ? a : b), false}; }
template <> constexpr OpOut apply<Op::kLtuW>(std::uint64_t a, std::uint64_t b) { return detail::cmp(detail::u32(a) < detail::u32(b)); }
template <> constexpr OpOut apply<Op::kLtW>(std::uint64_t a, std::uint64_t b) { return detail::cmp(detail::s32(a) < detail::s32(b)); }
template <> constexpr OpOut apply<Op::kEqW>(std::uint64_t a, std::uint64_t b) { return detail::cmp(detail::u32(a) == detail::u32(b)); }
template <> constexpr OpOut apply<Op::kAddW>(std::uint64_t a, std::uint64_t b) { return {detail::sext32(a + b), false}; }
template <> constexpr OpOut apply<Op::kSubW>(std::uint64_t a, std::uint64_t b) { return {detail::sext32(a - b), false}; }
template <> constexpr OpOut apply<Op::kLeuW>(std::uint64_t a, std::uint64_t b) { return detail::cmp(detail::u32(a) <= detail::u32(b)); }
template <> constexpr OpOut apply<Op::kLeW>(std::uint64_t a, std::uint64_t b) { return detail::cmp(detail::s32(a) <= detail::s32(b)); }

template <> constexpr OpOut apply<Op::kSll>(std::uint64_t a, std::uint64_t b) { return {a << (b & 63), false}; }
template <> constexpr OpOut apply<Op::kSrl>(std::uint64_t a, std::uint64_t b) { return {a >> (b & 63), false}; }
template <> constexpr OpOut apply<Op::kSra>(std::uint64_t a, std::uint64_t b) { return {static_cast<std::uint64_t>(detail::s64(a) >> (b & 63)), false}; }
template <> constexpr OpOut apply<Op::kSllW>(std::uint64_t a, std::uint64_t b) { return {detail::sext32(detail::u32(a) << (b & 31)), false}; }
template <> constexpr OpOut apply<Op::kSrlW>(std::uint64_t a, std::uint64_t b) { return {detail::sext32(detail::u32(a) >> (b & 31)), false}; }
template <> constexpr OpOut apply<Op::kSraW>(std::uint64_t a, std::uint64_t b) { return {static_cast<std::uint64_t>(static_cast<std::int64_t>(detail::s32(a) >> (b & 31))), false}; }
template <> constexpr OpOut apply<Op::kSignExtendB>(std::uint64_t, std::uint64_t b) { return {static_cast<std::uint64_t>(static_cast<std::int64_t>(static_cast<std::int8_t>(b))), false}; }
template <> constexpr OpOut apply<Op::kSignExtendH>(std::uint64_t, std::uint64_t b) { return {static_cast<std::uint64_t>(static_cast<std::int64_t>(static_cast<std::int16_t>(b))), false}; }
template <> constexpr OpOut apply<Op::kSignExtendW>(std::uint64_t, std::uint64_t b) { return {detail::sext32(b), false}; }

template <> constexpr OpOut apply<Op::kMulu>(std::uint64_t a, std::uint64_t b) { return {a * b, false}; }
template <> constexpr OpOut apply<Op::kMul>(std::uint64_t a, std::uint64_t b) { return {a * b, false}; }
template <> constexpr OpOut apply<Op::kMuluh>(std::uint64_t a, std::uint64_t b) {
  return {static_cast<std::uint64_t>((static_cast<unsigned __int128>(a) * b) >> 64), false};
}
template <> constexpr OpOut apply<Op::kMulh>(std::uint64_t a, std::uint64_t b) {
  return {static_cast<std::uint64_t>((static_cast<__int128>(detail::s64(a)) * detail::s64(b)) >> 64), false};
}
template <> constexpr OpOut apply<Op::kMulsuh>(std::uint64_t a, std::uint64_t b) {
  // a signed, b unsigned (RISC-V mulhsu).
  return {static_cast<std::uint64_t>((static_cast<__int128>(detail::s64(a)) * static_cast<__int128>(b)) >> 64), false};
}
template <> constexpr OpOut apply<Op::kMulW>(std::uint64_t a, std::uint64_t b) { return {detail::sext32(detail::u32(a) * detail::u32(b)), false}; }
template <> constexpr OpOut apply<Op::kDivu>(std::uint64_t a, std::uint64_t b) {
  if (b == 0) return {~0ull, true};
  return {a / b, false};
}
template <> constexpr OpOut apply<Op::kRemu>(std::uint64_t a, std::uint64_t b) {
  if (b == 0) return {a, true};
  return {a % b, false};
}
template <> constexpr OpOut apply<Op::kDiv>(std::uint64_t a, std::uint64_t b) {
  if (b == 0) return {~0ull, true};
  if (a == detail::kMinI64 && b == ~0ull) return {detail::kMinI64, true};
  return {static_cast<std::uint64_t>(detail::s64(a) / detail::s64(b)), false};
}
template <> constexpr OpOut apply<Op::kRem>(std::uint64_t a, std::uint64_t b) {
  if (b == 0) return {a, true};
  if (a == detail::kMinI64 && b == ~0ull) return {0, true};
  return {static_cast<std::uint64_t>(detail::s64(a) % detail::s64(b)), false};
}
template <> constexpr OpOut apply<Op::kDivuW>(std::uint64_t a, std::uint64_t b) {
  if (detail::u32(b) == 0) return {~0ull, true};
  return {detail::sext32(detail::u32(a) / detail::u32(b)), false};
}
template <> constexpr OpOut apply<Op::kRemuW>(std::uint64_t a, std::uint64_t b) {
  if (detail::u32(b) == 0) return {detail::sext32(a), true};
  return {detail::sext32(detail::u32(a) % detail::u32(b)), false};
}
template <> constexpr OpOut apply<Op::kDivW>(std::uint64_t a, std::uint64_t b) {
  if (detail::s32(b) == 0) return {~0ull, true};
  if (detail::u32(a) == 0x8000'0000u && detail::s32(b) == -1) return {0xFFFF'FFFF'8000'0000ull, true};
  return {detail::sext32(static_cast<std::uint64_t>(detail::s32(a) / detail::s32(b))), false};
}
template <> constexpr OpOut apply<Op::kRemW>(std::uint64_t a, std::uint64_t b) {
  if (detail::s32(b) == 0) return {detail::sext32(a), true};
  if (detail::u32(a) == 0x8000'0000u && detail::s32(b) == -1) return {0, true};
  return {detail::sext32(static_cast<std::uint64_t>(detail::s32(a) % detail::s32(b))), false};
}
// clang-format on

// Whether an op is PURE, as a constant expression (usable in if constexpr).
constexpr bool is_pure(Op op) {
  switch (op) {
#define ZISKC_ZISK_OP_PURE(e, name, code, machine) \
  case Op::k##e:                                   \
    return true;
#define ZISKC_ZISK_OP_CTX(e, name, code, machine)
#include "zisk/ops.def"
#undef ZISKC_ZISK_OP_PURE
#undef ZISKC_ZISK_OP_CTX
    default:
      return false;
  }
}

// apply<op>(a, b) for a run-time op; nullopt for ops that need the emulator.
constexpr std::optional<OpOut> apply_pure(Op op, std::uint64_t a, std::uint64_t b) {
  switch (op) {
#define ZISKC_ZISK_OP_PURE(e, name, code, machine) \
  case Op::k##e:                                   \
    return apply<Op::k##e>(a, b);
#define ZISKC_ZISK_OP_CTX(e, name, code, machine)
#include "zisk/ops.def"
#undef ZISKC_ZISK_OP_PURE
#undef ZISKC_ZISK_OP_CTX
    default:
      return std::nullopt;
  }
}

}  // namespace ziskc::zisk
