// MemAlign records, implied aligned accesses, planning and the trace builder
// (sm/mem_align/mem_align.h).
#include "sm/mem_align/mem_align.h"

#include <fmt/format.h>

#include "sm/buses.h"
#include "sm/mem_align/cols.h"
#include "sm/tables/tables_air.h"

namespace ziskc::sm {
namespace {

std::uint8_t window_byte(const std::uint64_t w[2], unsigned j) {
  return static_cast<std::uint8_t>(w[j / 8] >> (8 * (j % 8)));
}

// The value a load of the record's width at its offset reads from the window.
std::uint64_t read_value(const MemAlignRecord& r) {
  const unsigned off = static_cast<unsigned>(r.access.addr % 8);
  std::uint64_t v = 0;
  for (unsigned k = 0; k < r.access.width; ++k) {
    v |= static_cast<std::uint64_t>(window_byte(r.words, off + k)) << (8 * k);
  }
  return v;
}

// Table counts of one instance, batched in a local histogram when it has many lookups.
class BatchedCounts : public LocalTableCounts {
 public:
  BatchedCounts(TableCounts& table, std::size_t expected)
      : LocalTableCounts(table, expected >= 16384) {}
};

std::string where(const MemAlignRecord& r) {
  return fmt::format("mem_align: access at 0x{:x} width {} mem_step {}", r.access.addr,
                     r.access.width, r.access.mem_step);
}

}  // namespace

void mem_align_new_words(const MemAlignRecord& r, std::uint64_t out[2]) {
  out[0] = r.words[0];
  out[1] = mem_align_crosses(r.access) ? r.words[1] : 0;
  if (r.access.mem_op != kMemStore) return;
  const unsigned off = static_cast<unsigned>(r.access.addr % 8);
  for (unsigned k = 0; k < r.access.width; ++k) {
    const unsigned j = off + k;
    const std::uint64_t mask = std::uint64_t{0xFF} << (8 * (j % 8));
    const std::uint64_t byte = (r.access.value >> (8 * k)) & 0xFF;
    out[j / 8] = (out[j / 8] & ~mask) | (byte << (8 * (j % 8)));
  }
}

void mem_align_accesses(const MemAlignRecord& r, std::vector<MemAccess>& out) {
  const std::uint64_t a = r.access.addr & ~std::uint64_t{7};
  const bool cross = mem_align_crosses(r.access);
  const std::uint64_t s = r.access.mem_step;
  out.push_back({.addr = a, .mem_step = s, .value = r.words[0], .width = 8, .mem_op = kMemLoad});
  if (cross) {
    out.push_back(
        {.addr = a + 8, .mem_step = s, .value = r.words[1], .width = 8, .mem_op = kMemLoad});
  }
  if (r.access.mem_op == kMemStore) {
    std::uint64_t nw[2];
    mem_align_new_words(r, nw);
    out.push_back({.addr = a, .mem_step = s + 1, .value = nw[0], .width = 8, .mem_op = kMemStore});
    if (cross) {
      out.push_back(
          {.addr = a + 8, .mem_step = s + 1, .value = nw[1], .width = 8, .mem_op = kMemStore});
    }
  }
}

Status check_mem_align_record(const MemAlignRecord& r) {
  const MemAccess& a = r.access;
  if (a.width != 1 && a.width != 2 && a.width != 4 && a.width != 8) {
    return make_error(ErrorCode::kInvalidArgument, "{}: width is not 1, 2, 4 or 8", where(r));
  }
  if (!is_mem_align_access(a)) {
    return make_error(ErrorCode::kInvalidArgument,
                      "{}: aligned 8-byte accesses belong to the memory machines", where(r));
  }
  if (a.mem_op != kMemLoad && a.mem_op != kMemStore) {
    return make_error(ErrorCode::kInvalidArgument, "{}: mem_op {} is not a load or store", where(r),
                      a.mem_op);
  }
  if (a.mem_step == 0 || a.mem_step >= (std::uint64_t{1} << 40)) {
    return make_error(ErrorCode::kInvalidArgument, "{}: mem_step out of [1, 2^40)", where(r));
  }
  if (a.addr + 16 > (std::uint64_t{1} << 32)) {
    return make_error(ErrorCode::kInvalidArgument, "{}: address beyond 2^32", where(r));
  }
  if (a.mem_op == kMemLoad && a.value != read_value(r)) {
    return make_error(ErrorCode::kInvalidArgument,
                      "{}: load returns 0x{:x}, its words hold 0x{:x} there", where(r), a.value,
                      read_value(r));
  }
  return Status::ok();
}

Result<MemAlignPlan> plan_mem_align(std::span<const MemAlignRecord> records, unsigned log_height) {
  if (log_height > kMemAlignMaxLogHeight) {
    return make_error(ErrorCode::kInvalidArgument, "mem_align: instance height 2^{} too large",
                      log_height);
  }
  for (const MemAlignRecord& r : records) ZISKC_RETURN_IF_ERROR(check_mem_align_record(r));
  MemAlignPlan plan{.log_height = log_height};
  plan.num_instances = (records.size() + plan.height() - 1) >> log_height;
  return plan;
}

poly::RowMajorMatrix mem_align_trace(std::span<const MemAlignRecord> records, unsigned log_height,
                                     TableCounts& byte_pair) {
  const std::size_t n = std::size_t{1} << log_height;
  ZISKC_CHECK(records.size() <= n, "more MemAlign records than rows");
  constexpr std::size_t w = stark::width_of<MemAlignCols>();
  auto m = poly::RowMajorMatrix::zeros(n, w);
  const Fe one = Fe::one();
  BatchedCounts counts(byte_pair, 12 * records.size());
  for (std::size_t r = 0; r < records.size(); ++r) {
    const MemAlignRecord& rec = records[r];
    const MemAccess& a = rec.access;
    auto& c = *reinterpret_cast<MemAlignCols<Fe>*>(m.values.data() + r * w);
    const unsigned off = static_cast<unsigned>(a.addr % 8);
    const bool cross = mem_align_crosses(a);
    c.aw = Fe::from_u64(a.addr / 8);
    c.step = Fe::from_u64(a.mem_step);
    c.is_store = a.mem_op == kMemStore ? one : Fe::zero();
    c.off[off] = one;
    c.w2 = a.width >= 2 ? one : Fe::zero();
    c.w4 = a.width >= 4 ? one : Fe::zero();
    c.w8 = a.width == 8 ? one : Fe::zero();
    c.cross = cross ? one : Fe::zero();
    const std::uint64_t old[2] = {rec.words[0], cross ? rec.words[1] : 0};
    std::uint64_t nw[2];
    mem_align_new_words(rec, nw);
    std::uint8_t bytes[16];
    for (unsigned j = 0; j < 16; ++j) {
      bytes[j] = window_byte(old, j);
      c.b[j] = Fe::from_canonical(bytes[j]);
    }
    std::uint8_t vb[8];
    for (unsigned k = 0; k < 8; ++k) {
      vb[k] = static_cast<std::uint8_t>(a.value >> (8 * k));
      c.v[k] = Fe::from_canonical(vb[k]);
    }
    for (unsigned q = 0; q < 4; ++q) {
      c.nw[q] = Fe::from_canonical((nw[q / 2] >> (32 * (q % 2))) & 0xFFFFFFFF);
    }
    for (unsigned j = 0; j < 16; j += 2) counts.add(byte_pair_row(bytes[j], bytes[j + 1]));
    for (unsigned k = 0; k < 8; k += 2) counts.add(byte_pair_row(vb[k], vb[k + 1]));
  }
  // Padding rows are all zero: their 12 lookups are of (0, 0).
  if (records.size() < n) byte_pair.add(byte_pair_row(0, 0), 12 * (n - records.size()));
  return m;
}

}  // namespace ziskc::sm
