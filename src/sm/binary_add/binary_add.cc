// BinaryAdd trace builder (binary_add.h).
#include "sm/binary_add/binary_add.h"

#include <cstdint>
#include <vector>

#include "base/parallel.h"
#include "sm/tables/tables_air.h"

namespace ziskc::sm {
namespace {

// Rows per parallel chunk; below this the builder runs serially and counts directly.
constexpr std::size_t kMinChunk = 1 << 14;

// A chunk's Range16 lookups, gathered locally and added to the shared counts once.
class LocalRange16 {
 public:
  explicit LocalRange16(bool dense) : dense_(dense) {
    if (dense_) hist_.assign(kTableRows, 0);
  }
  void add(std::uint64_t v, TableCounts& shared) {
    if (dense_) {
      ++hist_[v];
    } else {
      shared.add(v);
    }
  }
  void flush(TableCounts& shared) const {
    if (!dense_) return;
    for (std::size_t v = 0; v < hist_.size(); ++v) {
      if (hist_[v] != 0) shared.add(v, hist_[v]);
    }
  }

 private:
  bool dense_;
  std::vector<std::uint32_t> hist_;
};

static_assert(kBinaryAddWidth == kBinaryAddSlots * kBinaryAddSlotWidth, "slots are the row");

}  // namespace

poly::RowMajorMatrix binary_add_trace(std::span<const OpRecord> records, unsigned log_height,
                                      TableCounts& range16) {
  const std::size_t n = std::size_t{1} << log_height;
  ZISKC_CHECK(records.size() <= n * kBinaryAddSlots, "binary_add: more records than slots");
  ZISKC_CHECK(range16.size() == kTableRows, "binary_add: range16 counts of the wrong size");
  auto m = poly::RowMajorMatrix::zeros(n, kBinaryAddWidth);
  base::parallel_for_chunks(0, records.size(), kMinChunk, [&](std::size_t lo, std::size_t hi) {
    LocalRange16 counts(hi - lo >= kMinChunk);
    for (std::size_t i = lo; i < hi; ++i) {
      const OpRecord& rec = records[i];
      ZISKC_CHECK(rec.op == zisk::Op::kAdd, "binary_add: record is not an add");
      const std::uint64_t c = rec.a + rec.b;
      // Slots are consecutive within a row, so record i starts at column i * slot width of the
      // row-major values.
      Fe* slot = m.values.data() + i * kBinaryAddSlotWidth;
      auto& cols = *reinterpret_cast<BinaryAddSlot<Fe>*>(slot);
      cols.a[0] = Fe::from_canonical(rec.a & 0xffffffffu);
      cols.a[1] = Fe::from_canonical(rec.a >> 32);
      cols.b[0] = Fe::from_canonical(rec.b & 0xffffffffu);
      cols.b[1] = Fe::from_canonical(rec.b >> 32);
      for (int k = 0; k < 4; ++k) {
        const std::uint64_t chunk = (c >> (16 * k)) & 0xffffu;
        cols.c[k] = Fe::from_canonical(chunk);
        counts.add(chunk, range16);
      }
      cols.sel = Fe::one();
    }
    counts.flush(range16);
  });
  return m;
}

}  // namespace ziskc::sm
