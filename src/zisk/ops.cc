// The op table (generated from ops.def) and lookups by op, code and name.
#include "zisk/ops.h"

#include <array>
#include <string_view>

#include "base/check.h"

namespace ziskc::zisk {
namespace {

constexpr OpInfo kTable[] = {
#define ZISKC_ZISK_OP_PURE(e, name, code, machine) {Op::k##e, name, Machine::machine, true},
#define ZISKC_ZISK_OP_CTX(e, name, code, machine) {Op::k##e, name, Machine::machine, false},
#include "zisk/ops.def"
#undef ZISKC_ZISK_OP_PURE
#undef ZISKC_ZISK_OP_CTX
};

// Row of each opcode in kTable, or -1.
constexpr std::array<std::int16_t, 256> make_index() {
  std::array<std::int16_t, 256> index{};
  for (auto& i : index) i = -1;
  for (std::size_t r = 0; r < std::size(kTable); ++r) {
    index[static_cast<std::uint8_t>(kTable[r].op)] = static_cast<std::int16_t>(r);
  }
  return index;
}
constexpr std::array<std::int16_t, 256> kIndex = make_index();

}  // namespace

const char* machine_name(Machine m) {
  switch (m) {
    case Machine::kMain:
      return "main";
    case Machine::kBinary:
      return "binary";
    case Machine::kBinaryAdd:
      return "binary_add";
    case Machine::kBinaryExtension:
      return "binary_extension";
    case Machine::kArith:
      return "arith";
    case Machine::kPubOut:
      return "pubout";
    case Machine::kDma:
      return "dma";
    case Machine::kKeccakf:
      return "keccakf";
    case Machine::kSha256f:
      return "sha256f";
    case Machine::kArithEq:
      return "arith_eq";
    case Machine::kArithEq384:
      return "arith_eq_384";
    case Machine::kAdd256:
      return "add256";
    case Machine::kBlake2:
      return "blake2";
    case Machine::kPoseidon:
      return "poseidon";
    case Machine::kFcall:
      return "fcall";
    case Machine::kHalt:
      return "halt";
    case Machine::kCount:
      break;
  }
  return "?";
}

std::span<const OpInfo> op_table() { return kTable; }

const OpInfo& op_info(Op op) {
  const std::int16_t r = kIndex[static_cast<std::uint8_t>(op)];
  ZISKC_CHECK(r >= 0, "op not in the op table");
  return kTable[r];
}

std::optional<Op> find_op(std::uint8_t code) {
  const std::int16_t r = kIndex[code];
  if (r < 0) return std::nullopt;
  return kTable[r].op;
}

std::optional<Op> find_op_by_name(std::string_view name) {
  for (const OpInfo& i : kTable) {
    if (name == i.name) return i.op;
  }
  return std::nullopt;
}

bool is_m32(Op op) {
  // ZisK sets m32 when the op name contains "_w" (zisk_inst_builder.rs), signextend_w included.
  return std::string_view(op_info(op).name).find("_w") != std::string_view::npos;
}

}  // namespace ziskc::zisk
