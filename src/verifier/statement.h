// The zkVM statement and its AIR set: everything besides the proof that the verifier needs to
// rebuild the AIRs and the direct bus terms (docs/PROVING.md "Statement").
//
// A Statement holds the facts of one program that enter AIR constants or direct terms: the memory
// layout (RAM / input regions, the free-input word), the ROM machine's height, and the ROM-data
// area [lo, hi) with the BIOS init value of its last word (the ROM-data chain's end sentinel).
// Everything else about the program (every instruction) is in the ROM machine's fixed columns,
// whose root the verification key holds.
//
// The AIR list (air_table) is the one registry of the zkVM's machines on the verifier side: its
// order is the proof's canonical instance order and each entry's position is its stark air id.
// A new machine is one line there (its AIR) plus one line in the prover's witness registry
// (src/prover/machines.cc).
//
// Invariant: make_airs(s) and air_table() have the same length and order; a Statement that passed
// check_statement builds without any ZISKC_CHECK firing.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "base/status.h"
#include "stark/air.h"
#include "stark/logup.h"
#include "stark/proof.h"
#include "zisk/layout.h"

namespace ziskc::verifier {

struct Statement {
  zisk::LayoutKind layout = zisk::LayoutKind::kZisk;
  std::uint32_t rom_log_height = 0;  // the ROM machine's one instance: 2^rom_log_height rows
  std::uint64_t rom_data_lo = 0;     // ROM-data area [lo, hi), 8-aligned (lo == hi: none)
  std::uint64_t rom_data_hi = 0;
  std::uint64_t rom_data_last = 0;  // BIOS init value of the word at hi - 8 (0 when empty)
  friend bool operator==(const Statement&, const Statement&) = default;
};

// kInvalidArgument naming the field when a Statement could not come from rom-setup: ROM-data
// bounds unaligned, outside the ROM region or reversed, a ROM height out of range.
Status check_statement(const Statement& s);

// The machines' AIRs in canonical order (stark air id = index).
enum class AirKind : std::uint32_t {
  kMain,
  kRom,
  kBinaryAdd,
  kBinary,
  kBinarySigned,
  kBinaryLogic,
  kBinaryShift,
  kBinaryShiftW,
  kBinarySext,
  kArith,
  kFcall,
  kDmaCopy,
  kDmaCmp,
  kDmaAligned,
  kKeccakf,
  kSha256f,
  kArith256,
  kArith256Mod,
  kMemAlign,
  kMemRam,
  kMemRomData,
  kMemInputData,
  kRange16Table,
  kBytePairTable,
  kBinaryTable,
  kBinaryShiftTable,
  kArithChunkTable,
  kCount,
};
inline constexpr std::size_t kNumAirs = static_cast<std::size_t>(AirKind::kCount);
constexpr std::uint32_t air_id(AirKind k) { return static_cast<std::uint32_t>(k); }

// How a machine's instances appear in a proof.
enum class AirRole : std::uint8_t {
  kMain,     // the execution; one or more instances chained on kMainContinuationBus
  kProgram,  // fixed columns that depend on the program (ROM): exactly one instance
  kMachine,  // instances sized by its records, any number (zero if it has none)
  kTable,    // a program-independent fixed table: exactly one instance of its fixed height
};

struct AirEntry {
  AirKind kind;
  AirRole role;
  // Fixed height of a table (kTable); 0 otherwise.
  std::uint32_t table_log_height;
  stark::AirPtr (*make)(const Statement&);
};

// One entry per AirKind, in order.
std::span<const AirEntry> air_table();
const AirEntry& air_entry(AirKind k);
// The AIR set of a statement (check_statement first).
std::vector<stark::AirPtr> make_airs(const Statement& s);

// The public values of the stark proof: the 64 output words, the 4 elements of the zkVM
// verification key digest (so the transcript binds the whole statement, not only the AIR set and
// fixed roots the stark verification key holds), and the step count as two 32-bit limbs. The
// AIRs prove the outputs and the step count (Main's end message carries the step of the end
// instruction, which the end direct term takes from the statement; sm/main/air.h).
inline constexpr std::size_t kNumOutputs = 64;
inline constexpr std::size_t kNumPublicValues = kNumOutputs + 4 + 2;
std::vector<stark::Fe> public_values(std::span<const std::uint32_t> outputs,
                                     const stark::Digest& vk_digest, std::uint64_t steps);

// Everything the verifier adds to the bus balance for this statement and run: Main's
// continuation start and end (the end at step steps - 1) and the 64 pubout tuples (sm/main),
// each memory region's chain sentinels (sm/mem). kVerifyFailed when no proof can state `steps`
// (0, or more than Main's row bound).
Result<std::vector<stark::DirectTerm>> direct_terms(const Statement& s,
                                                    std::span<const std::uint32_t> outputs,
                                                    std::uint64_t steps);

// Checks of the instance list that the AIRs rely on (kVerifyFailed naming the AIR): exactly one
// instance of every table (at its height) and of the ROM (at rom_log_height), at least one Main
// instance, the row bounds of Main and the memory machines.
Status check_instances(const Statement& s, const stark::Proof& proof);

}  // namespace ziskc::verifier
