// The on-disk cache of the program-independent fixed tables (docs/PROVING.md "Table cache"):
// each table's fixed columns are committed (LDE + Merkle tree) once per machine and reused by
// every rom-setup and prove.
//
// An entry is keyed by a SHA-256 of the table's definition: a format label, the table's AIR
// name, its shape, the LDE blowup, the Merkle arity and every fixed-column value. Its file
// `<dir>/<air name>-<first 16 hex digits of the key>.bin` holds
//   magic "ZISKCTC1", version u32, the 32-byte key, rows u64, cols u64, log_blowup u32,
//   node count u64, the Merkle nodes (4 x u64 each, build()'s layout), SHA-256 of all before it.
// Loading recomputes the LDE (fast) and takes the tree from the file (the expensive part); an
// entry whose key, shape or checksum does not match is rebuilt and rewritten (atomically, so a
// crash never leaves a partial file). A cache that cannot be written is not an error: the table
// is committed in memory and the next run tries again.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <span>
#include <string>

#include "base/status.h"
#include "poly/matrix.h"
#include "stark/keys.h"

namespace ziskc::prover {

// $XDG_CACHE_HOME/ziskc, else $HOME/.cache/ziskc, else "" (no cache).
std::string default_cache_dir();

enum class CacheOutcome : std::uint8_t { kDisabled, kHit, kMiss, kCorrupted };

struct CommittedTable {
  std::unique_ptr<stark::CommittedTrace> committed;
  CacheOutcome outcome = CacheOutcome::kDisabled;
  std::string path;  // the entry's file ("" when disabled)
};

// Commits `fixed` at blowup 2^log_blowup, through the cache in `dir` (empty: no cache).
Result<CommittedTable> commit_table(const std::string& air_name, poly::RowMajorMatrix fixed,
                                    unsigned log_blowup, const std::string& dir);

// SHA-256 of bytes (FIPS 180-4), on the SHA-256 compression of src/precompile.
std::array<std::uint8_t, 32> sha256(std::span<const std::uint8_t> bytes);

}  // namespace ziskc::prover
