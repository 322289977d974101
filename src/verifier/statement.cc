// The zkVM's AIR registry and statement checks (statement.h).
#include "verifier/statement.h"

#include <fmt/format.h>

#include <array>
#include <memory>

#include "sm/arith/air.h"
#include "sm/arith256/air.h"
#include "sm/arith256/air_mod.h"
#include "sm/binary/air.h"
#include "sm/binary_add/air.h"
#include "sm/binary_extension/air.h"
#include "sm/dma/air.h"
#include "sm/fcall/air.h"
#include "sm/keccakf/air.h"
#include "sm/main/air.h"
#include "sm/main/statement.h"
#include "sm/mem/air.h"
#include "sm/mem/chain.h"
#include "sm/mem_align/air.h"
#include "sm/rom/air.h"
#include "sm/sha256f/air.h"
#include "sm/tables/tables_air.h"

namespace ziskc::verifier {
namespace {

using stark::AirPtr;
using stark::make_air;

template <class A>
AirPtr plain(const Statement&) {
  return make_air<A>();
}
// A table AIR without its fixed-column generator: the verifier only evaluates constraints (the
// key holds the fixed roots), and the prover commits fixed columns from its own generators
// (src/prover/keys.cc), so the AIR set links no witness library.
template <class A>
struct EvalOnly {
  A air;
  stark::AirInfo info() const { return air.info(); }
  template <class B>
  void eval(B& b) const {
    air.eval(b);
  }
};
template <class A>
AirPtr table(const Statement&) {
  return make_air<EvalOnly<A>>(EvalOnly<A>{A{}});
}
AirPtr rom_air(const Statement& s) {
  return make_air<sm::RomAir>(sm::RomAir{.log_height = s.rom_log_height, .fixed = nullptr});
}
template <class A>
AirPtr dma_air(const Statement& s) {
  return make_air<A>(A{.extra_params_addr = zisk::layout(s.layout).extra_params_addr});
}
AirPtr input_data_air(const Statement& s) {
  return make_air<sm::InputDataAir>(
      sm::InputDataAir{.free_word = zisk::layout(s.layout).input_addr / 8});
}

constexpr AirEntry E(AirKind k, AirRole r, AirPtr (*make)(const Statement&),
                     std::uint32_t table_log_height = 0) {
  return {.kind = k, .role = r, .table_log_height = table_log_height, .make = make};
}

// The one list of the zkVM's AIRs (order = AirKind = stark air id).
constexpr std::array<AirEntry, kNumAirs> kAirs = {{
    E(AirKind::kMain, AirRole::kMain, plain<sm::MainAir>),
    E(AirKind::kRom, AirRole::kProgram, rom_air),
    E(AirKind::kBinaryAdd, AirRole::kMachine, plain<sm::BinaryAddAir>),
    E(AirKind::kBinary, AirRole::kMachine, plain<sm::BinaryAir>),
    E(AirKind::kBinarySigned, AirRole::kMachine, plain<sm::BinarySignedAir>),
    E(AirKind::kBinaryLogic, AirRole::kMachine, plain<sm::BinaryLogicAir>),
    E(AirKind::kBinaryShift, AirRole::kMachine, plain<sm::BinaryShiftAir>),
    E(AirKind::kBinaryShiftW, AirRole::kMachine, plain<sm::BinaryShiftWAir>),
    E(AirKind::kBinarySext, AirRole::kMachine, plain<sm::BinarySextAir>),
    E(AirKind::kArith, AirRole::kMachine, plain<sm::ArithAir>),
    E(AirKind::kFcall, AirRole::kMachine, plain<sm::FcallAir>),
    E(AirKind::kDmaCopy, AirRole::kMachine, dma_air<sm::DmaCopyAir>),
    E(AirKind::kDmaCmp, AirRole::kMachine, dma_air<sm::DmaCmpAir>),
    E(AirKind::kDmaAligned, AirRole::kMachine, dma_air<sm::DmaAlignedAir>),
    E(AirKind::kKeccakf, AirRole::kMachine, plain<sm::KeccakfAir>),
    E(AirKind::kSha256f, AirRole::kMachine, plain<sm::Sha256fAir>),
    E(AirKind::kArith256, AirRole::kMachine, plain<sm::Arith256Air>),
    E(AirKind::kArith256Mod, AirRole::kMachine, plain<sm::Arith256ModAir>),
    E(AirKind::kMemAlign, AirRole::kMachine, plain<sm::MemAlignAir>),
    E(AirKind::kMemRam, AirRole::kMachine, plain<sm::RamAir>),
    E(AirKind::kMemRomData, AirRole::kMachine, plain<sm::RomDataAir>),
    E(AirKind::kMemInputData, AirRole::kMachine, input_data_air),
    E(AirKind::kRange16Table, AirRole::kTable, table<sm::Range16TableAir>, sm::kTableLogHeight),
    E(AirKind::kBytePairTable, AirRole::kTable, table<sm::BytePairTableAir>, sm::kTableLogHeight),
    E(AirKind::kBinaryTable, AirRole::kTable, table<sm::BinaryTableAir>, 16),
    E(AirKind::kBinaryShiftTable, AirRole::kTable, table<sm::BinaryShiftTableAir>,
      sm::kBinaryShiftTableLogHeight),
    E(AirKind::kArithChunkTable, AirRole::kTable, table<sm::ArithChunkTableAir>,
      sm::kArithChunkTableLogHeight),
}};

constexpr bool table_in_order() {
  for (std::size_t i = 0; i < kNumAirs; ++i) {
    if (static_cast<std::size_t>(kAirs[i].kind) != i) return false;
  }
  return true;
}
static_assert(table_in_order(), "kAirs must list every AirKind in order");

}  // namespace

std::span<const AirEntry> air_table() { return kAirs; }

const AirEntry& air_entry(AirKind k) {
  ZISKC_CHECK(k < AirKind::kCount, "air kind out of range");
  return kAirs[static_cast<std::size_t>(k)];
}

std::vector<AirPtr> make_airs(const Statement& s) {
  std::vector<AirPtr> out;
  out.reserve(kNumAirs);
  for (const AirEntry& e : kAirs) out.push_back(e.make(s));
  return out;
}

Status check_statement(const Statement& s) {
  const zisk::Layout& l = zisk::layout(s.layout);
  if (s.rom_log_height < sm::kRomMinLogHeight || s.rom_log_height > stark::kMaxLogHeight) {
    return make_error(ErrorCode::kInvalidArgument, "rom_log_height: {} not in [{}, {}]",
                      s.rom_log_height, sm::kRomMinLogHeight, stark::kMaxLogHeight);
  }
  if (s.rom_data_lo % 8 != 0 || s.rom_data_hi % 8 != 0 || s.rom_data_lo > s.rom_data_hi) {
    return make_error(ErrorCode::kInvalidArgument,
                      "rom_data: [0x{:x}, 0x{:x}) is not an 8-aligned range", s.rom_data_lo,
                      s.rom_data_hi);
  }
  if (s.rom_data_lo != s.rom_data_hi && (s.rom_data_lo < l.rom_addr || s.rom_data_hi > l.rom_end)) {
    return make_error(ErrorCode::kInvalidArgument,
                      "rom_data: [0x{:x}, 0x{:x}) is not inside the ROM region [0x{:x}, 0x{:x})",
                      s.rom_data_lo, s.rom_data_hi, l.rom_addr, l.rom_end);
  }
  if (s.rom_data_lo == s.rom_data_hi && s.rom_data_last != 0) {
    return make_error(ErrorCode::kInvalidArgument, "rom_data: empty area with a last value");
  }
  return Status::ok();
}

std::vector<stark::Fe> public_values(std::span<const std::uint32_t> outputs,
                                     const stark::Digest& vk_digest, std::uint64_t steps) {
  ZISKC_CHECK(outputs.size() == kNumOutputs, "public_values: 64 output words expected");
  std::vector<stark::Fe> out;
  out.reserve(kNumPublicValues);
  for (std::uint32_t w : outputs) out.push_back(stark::Fe::from_u64(w));
  out.insert(out.end(), vk_digest.v.begin(), vk_digest.v.end());
  out.push_back(stark::Fe::from_u64(steps & 0xFFFFFFFF));
  out.push_back(stark::Fe::from_u64(steps >> 32));
  return out;
}

namespace {
std::vector<sm::MemRegionSpec> regions(const Statement& s) {
  const zisk::Layout& l = zisk::layout(s.layout);
  std::vector<sm::MemRegionSpec> out = {sm::ram_region(l), sm::input_data_region(l)};
  if (s.rom_data_lo != s.rom_data_hi) {
    out.push_back(sm::rom_data_region(s.rom_data_lo, s.rom_data_hi, s.rom_data_last));
  }
  return out;
}
}  // namespace

Result<std::vector<stark::DirectTerm>> direct_terms(const Statement& s,
                                                    std::span<const std::uint32_t> outputs,
                                                    std::uint64_t steps) {
  ZISKC_CHECK(outputs.size() == kNumOutputs, "direct_terms: 64 output words expected");
  if (steps == 0 || steps > sm::kMainMaxRows) {
    return make_error(ErrorCode::kVerifyFailed,
                      "steps: {} cannot be proven (a run has 1 to 2^36 steps)", steps);
  }
  std::vector<stark::Fe> pv;
  for (std::uint32_t w : outputs) pv.push_back(stark::Fe::from_u64(w));
  Result<std::vector<stark::DirectTerm>> main =
      sm::main_direct_terms(zisk::layout(s.layout), pv, steps);
  ZISKC_CHECK(main.is_ok(), "main_direct_terms refused 64 u32 values and a bounded step count");
  std::vector<stark::DirectTerm> out = std::move(main).value();
  for (const sm::MemRegionSpec& r : regions(s)) {
    for (stark::DirectTerm& t : sm::mem_chain_terms(r)) out.push_back(std::move(t));
  }
  return out;
}

Status check_instances(const Statement& s, const stark::Proof& proof) {
  (void)s;
  std::array<std::uint64_t, kNumAirs> rows{};
  for (const stark::InstanceProof& ip : proof.instances) {
    if (ip.air_id >= kNumAirs) continue;  // the stark verifier reports unknown air ids
    if (ip.log_height > stark::kMaxLogHeight) continue;
    rows[ip.air_id] += std::uint64_t{1} << ip.log_height;
  }
  ZISKC_RETURN_IF_ERROR(sm::check_main_rows(rows[air_id(AirKind::kMain)]));
  ZISKC_RETURN_IF_ERROR(sm::check_mem_rows(sm::MemRegion::kRam, rows[air_id(AirKind::kMemRam)]));
  ZISKC_RETURN_IF_ERROR(
      sm::check_mem_rows(sm::MemRegion::kRomData, rows[air_id(AirKind::kMemRomData)]));
  ZISKC_RETURN_IF_ERROR(
      sm::check_mem_rows(sm::MemRegion::kInputData, rows[air_id(AirKind::kMemInputData)]));
  return Status::ok();
}

}  // namespace ziskc::verifier
