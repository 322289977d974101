// Free-input call trace builder (fcall.h).
#include "sm/fcall/fcall.h"

#include <cstdint>

#include "base/parallel.h"
#include "sm/tables/tables_air.h"

namespace ziskc::sm {
namespace {

// Records per parallel chunk; below this the builder runs serially (a record costs ~2 ns, so
// smaller chunks lose more to thread hand-off than they gain).
constexpr std::size_t kMinChunk = 1 << 18;

static_assert(kFcallWidth == kFcallSlots * kFcallSlotWidth, "slots are the row");

}  // namespace

poly::RowMajorMatrix fcall_trace(std::span<const OpRecord> records, unsigned log_height,
                                 TableCounts& range16) {
  const std::size_t n = std::size_t{1} << log_height;
  ZISKC_CHECK(records.size() <= n * kFcallSlots, "fcall: more records than slots");
  ZISKC_CHECK(range16.size() == kTableRows, "fcall: range16 counts of the wrong size");
  auto m = poly::RowMajorMatrix::zeros(n, kFcallWidth);
  base::parallel_for_chunks(0, records.size(), kMinChunk, [&](std::size_t lo, std::size_t hi) {
    for (std::size_t i = lo; i < hi; ++i) {
      const OpRecord& rec = records[i];
      ZISKC_CHECK(fcall_proves(rec.op), "fcall: record is not a free-input call");
      ZISKC_CHECK(rec.a >> 32 == 0, "fcall: a free-input call with a >= 2^32");
      // Slots are consecutive within a row: record i starts at column i * slot width of the
      // row-major values.
      auto& cols = *reinterpret_cast<FcallSlot<Fe>*>(m.values.data() + i * kFcallSlotWidth);
      cols.sel = Fe::one();
      cols.kind = Fe::from_canonical(static_cast<std::uint64_t>(rec.op) -
                                     static_cast<std::uint64_t>(zisk::Op::kFcallParam));
      cols.a = Fe::from_canonical(rec.a);
      cols.b[0] = Fe::from_canonical(rec.b & 0xffffffffu);
      cols.b[1] = Fe::from_canonical(rec.b >> 32);
    }
  });
  return m;
}

}  // namespace ziskc::sm
