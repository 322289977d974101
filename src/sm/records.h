// What the witness pipeline hands to each state machine's trace builder, and how machines count
// their lookups into shared tables. Records come from the emulator's chunk replay (src/emu);
// every machine turns its records into the rows of one instance with
//   poly::RowMajorMatrix <machine>_trace(std::span<const Record> records, unsigned log_height,
//                                        TableCounts& counts);
// (records.size() <= the machine's rows per instance; the rest of the instance are padding rows
// that satisfy every constraint and send nothing on any bus). Builders are called concurrently
// for different instances, so TableCounts is updated with atomic adds.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "base/check.h"
#include "field/goldilocks.h"
#include "zisk/ops.h"

namespace ziskc::sm {

using field::Fe;

// One operation for Binary / BinaryAdd / BinaryExtension / Arith: (c, flag) = apply(op, a, b).
// a and b are the values Main sends (for m32 ops their high halves are already zero).
struct OpRecord {
  zisk::Op op;
  std::uint64_t a = 0;
  std::uint64_t b = 0;
};

// One access on the memory bus (sm/buses.h kMemoryBus), as Main or MemAlign sends it.
struct MemAccess {
  std::uint64_t addr = 0;      // byte address
  std::uint64_t mem_step = 0;  // 1 + 4 * step + slot
  std::uint64_t value = 0;     // loads: zero-extended value read; stores: full source value
  std::uint8_t width = 8;      // 1, 2, 4, 8
  std::uint8_t mem_op = 1;     // kMemLoad, kMemStore, kMemRomInit
};

// Multiplicities of one table (row i of the table = entry i), shared by every instance of every
// machine that looks things up in it.
class TableCounts {
 public:
  explicit TableCounts(std::size_t rows) : counts_(rows) {}
  std::size_t size() const { return counts_.size(); }
  void add(std::size_t row, std::uint64_t n = 1) {
    ZISKC_DCHECK(row < counts_.size(), "table row out of range");
    std::atomic_ref<std::uint64_t>(counts_[row]).fetch_add(n, std::memory_order_relaxed);
  }
  std::uint64_t get(std::size_t row) const { return counts_[row]; }
  const std::vector<std::uint64_t>& counts() const { return counts_; }

 private:
  std::vector<std::uint64_t> counts_;
};

// One thread's or one instance's lookups into a table: gathered in a local histogram when
// `dense` (many lookups: one atomic add per touched row when it is destroyed) or counted straight
// into the shared counts otherwise. Local counts are u32: fewer than 2^32 lookups per object.
class LocalTableCounts {
 public:
  LocalTableCounts(TableCounts& shared, bool dense) : shared_(shared) {
    if (dense) hist_.assign(shared.size(), 0);
  }
  ~LocalTableCounts() {
    for (std::size_t r = 0; r < hist_.size(); ++r) {
      if (hist_[r] != 0) shared_.add(r, hist_[r]);
    }
  }
  LocalTableCounts(const LocalTableCounts&) = delete;
  LocalTableCounts& operator=(const LocalTableCounts&) = delete;
  void add(std::size_t row) {
    if (hist_.empty()) {
      shared_.add(row);
    } else {
      ++hist_[row];
    }
  }

 private:
  TableCounts& shared_;
  std::vector<std::uint32_t> hist_;
};

}  // namespace ziskc::sm
