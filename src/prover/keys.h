// Program keys (`ziskc rom-setup`; docs/PROVING.md "Keys"): the statement of a transpiled
// program, its verification key and the stark proving key (every AIR's shape, the ROM's fixed
// columns committed for this program, the program-independent tables' fixed columns taken from
// the on-disk table cache, prover/table_cache.h).
//
// Invariant: keys.pk.vk == keys.vk.stark_vk and keys.pk.airs are verifier::make_airs of the
// statement, so a proof made with pk verifies with vk.
#pragma once

#include <string>

#include "base/status.h"
#include "stark/keys.h"
#include "stark/params.h"
#include "verifier/vk.h"
#include "zisk/rom.h"

namespace ziskc::prover {

struct KeyOptions {
  stark::StarkParams params;
  // Directory of the table cache; empty: default_cache_dir(). use_cache = false commits every
  // table afresh and touches no file.
  std::string cache_dir;
  bool use_cache = true;
};

struct KeyStats {
  std::size_t tables_from_cache = 0;
  std::size_t tables_committed = 0;  // not cached, or the cache entry was corrupted
  std::size_t tables_rebuilt = 0;    // of those, entries that existed but were corrupted
  double seconds = 0;
};

struct ProgramKeys {
  verifier::VerificationKey vk;
  stark::Digest vk_digest;  // verifier::vk_digest(vk)
  stark::ProvingKey pk;
};

// The statement of a program (layout, ROM height, ROM-data area and its last init value).
// kUnsupported when the ROM cannot be expressed in the proof (sm/rom/encoding.h).
Result<verifier::Statement> program_statement(const zisk::Rom& rom);

// The default STARK parameters of ziskc proofs (128-bit conjectured security).
stark::StarkParams default_params();

Result<ProgramKeys> make_keys(const zisk::Rom& rom, const KeyOptions& options,
                              KeyStats* stats = nullptr);

}  // namespace ziskc::prover
