// The planner and trace builder of the memory-region machines (sm/mem/mem.h).
#include "sm/mem/mem.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "sm/buses.h"
#include "sm/tables/tables_air.h"

namespace ziskc::sm {
namespace {

constexpr std::uint64_t kMaxMemStep = std::uint64_t{1} << 40;
constexpr std::uint64_t kSmallInc = std::uint64_t{1} << 16;

// An access in sorting form.
struct Acc {
  std::uint64_t addr;  // word
  std::uint64_t step;
  std::uint64_t value;
  std::uint8_t op;
};

std::string where(const MemRegionSpec& spec, const Acc& a) {
  return fmt::format("{}: access at 0x{:x} mem_step {}", mem_region_name(spec.region), 8 * a.addr,
                     a.step);
}

// LSD radix sort by address (stable), for accesses that arrive in mem_step order.
void radix_sort_by_addr(std::vector<Acc>& v, std::uint64_t base, std::uint64_t span) {
  std::vector<Acc> tmp(v.size());
  constexpr unsigned kBits = 13;
  constexpr std::size_t kBuckets = std::size_t{1} << kBits;
  for (unsigned shift = 0; (span >> shift) != 0; shift += kBits) {
    std::vector<std::size_t> count(kBuckets + 1, 0);
    for (const Acc& a : v) ++count[(((a.addr - base) >> shift) & (kBuckets - 1)) + 1];
    for (std::size_t b = 0; b < kBuckets; ++b) count[b + 1] += count[b];
    for (const Acc& a : v) tmp[count[((a.addr - base) >> shift) & (kBuckets - 1)]++] = a;
    v.swap(tmp);
  }
}

Result<std::vector<Acc>> sorted_accesses(const MemRegionSpec& spec,
                                         std::span<const MemAccess> accesses) {
  std::vector<Acc> v;
  v.reserve(accesses.size());
  bool step_sorted = true;
  std::uint64_t last_step = 0;
  for (const MemAccess& m : accesses) {
    const Acc a{m.addr / 8, m.mem_step, m.value, m.mem_op};
    if (m.width != 8 || m.addr % 8 != 0) {
      return make_error(ErrorCode::kInvalidArgument, "{}: width {} at 0x{:x} is not aligned 8-byte",
                        where(spec, a), m.width, m.addr);
    }
    if (!spec.contains(a.addr)) {
      return make_error(ErrorCode::kInvalidArgument, "{}: outside the region [0x{:x}, 0x{:x})",
                        where(spec, a), 8 * spec.first_w, 8 * spec.end_w);
    }
    if (a.step == 0 || a.step >= kMaxMemStep) {
      return make_error(ErrorCode::kInvalidArgument, "{}: mem_step out of [1, 2^40)",
                        where(spec, a));
    }
    const bool ok_op = spec.region == MemRegion::kRam ? (a.op == kMemLoad || a.op == kMemStore)
                       : spec.region == MemRegion::kRomData
                           ? (a.op == kMemLoad || a.op == kMemRomInit)
                           : a.op == kMemLoad;
    if (!ok_op) {
      return make_error(ErrorCode::kInvalidArgument, "{}: mem_op {} is not provable in this region",
                        where(spec, a), a.op);
    }
    step_sorted = step_sorted && a.step >= last_step;
    last_step = a.step;
    v.push_back(a);
  }
  if (step_sorted) {
    radix_sort_by_addr(v, spec.first_w, spec.end_w - spec.first_w);
  } else {
    std::sort(v.begin(), v.end(), [](const Acc& x, const Acc& y) {
      return x.addr != y.addr ? x.addr < y.addr : x.step < y.step;
    });
  }
  return v;
}

// Appends rows to the logical chain, bridging increments >= 2^16 with silent rows.
class ChainBuilder {
 public:
  explicit ChainBuilder(MemRow start) { rows_.push_back(start); }
  const MemRow& prev() const { return rows_.back(); }
  std::vector<MemRow>& rows() { return rows_; }

  // A row at a larger address than prev(): bridges with fresh silent reads of 0.
  void push_new(MemRow r) {
    std::uint64_t d = r.addr - prev().addr - 1;
    while (d >= kSmallInc) {
      const std::uint64_t q = std::min<std::uint64_t>((d - 1) >> kMemBigShift, 0xFFFF);
      const std::uint64_t incv = q << kMemBigShift;
      push_raw({.addr = prev().addr + 1 + incv,
                .step = 0,
                .value = 0,
                .inc = static_cast<std::uint16_t>(q),
                .flags = MemRow::kNew | MemRow::kBig});
      d -= incv + 1;
    }
    r.inc = static_cast<std::uint16_t>(d);
    r.flags |= MemRow::kNew;
    push_raw(r);
  }
  // A RAM row at prev()'s address whose mem_step grows by sel + incv: bridges with silent copies.
  void push_same_ram(MemRow r) {
    const std::uint64_t sel = r.has(MemRow::kSel) ? 1 : 0;
    std::uint64_t d = r.step - prev().step - sel;
    while (d >= kSmallInc) {
      const std::uint64_t q = std::min<std::uint64_t>(d >> kMemBigShift, 0xFFFF);
      const std::uint64_t incv = q << kMemBigShift;
      MemRow b = silent_copy(prev());
      b.step += incv;
      b.inc = static_cast<std::uint16_t>(q);
      b.flags = MemRow::kBig;
      push_raw(b);
      d -= incv;
    }
    r.inc = static_cast<std::uint16_t>(d);
    push_raw(r);
  }
  // A row at prev()'s address without an order in time (ROM data, input data).
  void push_same(MemRow r) {
    r.inc = 0;
    push_raw(r);
  }
  static MemRow silent_copy(const MemRow& r) {
    return {.addr = r.addr, .step = r.step, .value = r.value, .inc = 0, .flags = 0};
  }

 private:
  void push_raw(const MemRow& r) { rows_.push_back(r); }
  std::vector<MemRow> rows_;
};

Status build_ram(const MemRegionSpec& spec, const std::vector<Acc>& acc, ChainBuilder& cb) {
  for (const Acc& a : acc) {
    const bool store = a.op == kMemStore;
    const MemRow row{
        .addr = a.addr,
        .step = a.step,
        .value = a.value,
        .inc = 0,
        .flags = static_cast<std::uint8_t>(MemRow::kSel | (store ? MemRow::kWrite : 0))};
    if (a.addr == cb.prev().addr) {
      if (a.step <= cb.prev().step && cb.prev().has(MemRow::kSel)) {
        return make_error(ErrorCode::kInvalidArgument, "{}: a second access at this mem_step",
                          where(spec, a));
      }
      if (!store && a.value != cb.prev().value) {
        return make_error(ErrorCode::kInvalidArgument,
                          "{}: load returns 0x{:x}, the last store left 0x{:x}", where(spec, a),
                          a.value, cb.prev().value);
      }
      cb.push_same_ram(row);
    } else if (store) {
      // A group starts with a read: a silent read of 0 one mem_step before the store.
      cb.push_new({.addr = a.addr, .step = a.step - 1, .value = 0, .inc = 0, .flags = 0});
      cb.push_same_ram(row);
    } else {
      if (a.value != 0) {
        return make_error(ErrorCode::kInvalidArgument,
                          "{}: first load of a RAM word returns 0x{:x}, RAM starts at 0",
                          where(spec, a), a.value);
      }
      cb.push_new(row);
    }
  }
  cb.push_new({.addr = spec.end_w, .step = 0, .value = 0, .inc = 0, .flags = 0});
  return Status::ok();
}

Status build_rom_data(const MemRegionSpec& spec, const std::vector<Acc>& acc, ChainBuilder& cb) {
  std::size_t i = 0;
  while (i < acc.size()) {
    std::size_t j = i;
    while (j < acc.size() && acc[j].addr == acc[i].addr) ++j;
    const std::uint64_t w = acc[i].addr;
    if (w != cb.prev().addr + 1) {
      return make_error(ErrorCode::kInvalidArgument,
                        "{}: ROM data word 0x{:x} has no BIOS init (a load of it is not provable)",
                        mem_region_name(spec.region), 8 * (cb.prev().addr + 1));
    }
    std::size_t init = j;
    for (std::size_t k = i; k < j; ++k) {
      if (acc[k].op != kMemRomInit) continue;
      if (init != j) {
        return make_error(ErrorCode::kInvalidArgument, "{}: a second BIOS init of the word",
                          where(spec, acc[k]));
      }
      init = k;
    }
    if (init == j) {
      return make_error(ErrorCode::kInvalidArgument,
                        "{}: load of a ROM data word the BIOS never initialised (not provable)",
                        where(spec, acc[i]));
    }
    const std::uint64_t value = acc[init].value;
    cb.push_new(
        {.addr = w, .step = acc[init].step, .value = value, .inc = 0, .flags = MemRow::kSel});
    for (std::size_t k = i; k < j; ++k) {
      if (k == init) continue;
      if (acc[k].value != value) {
        return make_error(ErrorCode::kInvalidArgument,
                          "{}: load returns 0x{:x}, the BIOS wrote 0x{:x}", where(spec, acc[k]),
                          acc[k].value, value);
      }
      cb.push_same(
          {.addr = w, .step = acc[k].step, .value = value, .inc = 0, .flags = MemRow::kSel});
    }
    i = j;
  }
  if (cb.prev().addr != spec.end_w - 1) {
    return make_error(ErrorCode::kInvalidArgument,
                      "{}: ROM data word 0x{:x} has no BIOS init (a load of it is not provable)",
                      mem_region_name(spec.region), 8 * (cb.prev().addr + 1));
  }
  if (cb.prev().value != spec.last_value) {
    return make_error(ErrorCode::kInvalidArgument,
                      "{}: the last word holds 0x{:x}, the region says 0x{:x}",
                      mem_region_name(spec.region), cb.prev().value, spec.last_value);
  }
  MemRow end = ChainBuilder::silent_copy(cb.prev());
  end.step = 0;
  cb.push_same(end);
  return Status::ok();
}

Status build_input_data(const MemRegionSpec& spec, const std::vector<Acc>& acc, ChainBuilder& cb) {
  for (const Acc& a : acc) {
    MemRow row{.addr = a.addr, .step = a.step, .value = a.value, .inc = 0, .flags = MemRow::kSel};
    if (a.addr == cb.prev().addr) {
      if (a.addr == spec.first_w) {
        row.flags |= MemRow::kFree;
      } else if (a.value != cb.prev().value) {
        return make_error(ErrorCode::kInvalidArgument,
                          "{}: input word read as 0x{:x} and as 0x{:x}", where(spec, a), a.value,
                          cb.prev().value);
      }
      cb.push_same(row);
    } else {
      cb.push_new(row);
    }
  }
  cb.push_new({.addr = spec.end_w, .step = 0, .value = 0, .inc = 0, .flags = 0});
  return Status::ok();
}

// Splits the logical chain (start row, rows, end row) into instances of n rows sharing their
// link rows; row n-1 of every instance is silent.
void split(const std::vector<MemRow>& logical, std::size_t n, MemPlan& plan) {
  const std::size_t m = logical.size();  // >= 2: start and end
  std::vector<MemRow>& chain = plan.chain;
  chain.clear();
  chain.reserve(m + m / (n - 1) + n);
  chain.push_back(logical[0]);
  std::size_t k = 1;
  for (;;) {
    ++plan.num_instances;
    const std::size_t rest = m - 1 - k;  // rows before the end row
    if (rest <= n - 2) {
      chain.insert(chain.end(), logical.begin() + k, logical.end() - 1);
      const MemRow pad = ChainBuilder::silent_copy(chain.back());
      while (chain.size() % (n - 1) != 0) chain.push_back(pad);
      chain.push_back(logical.back());
      return;
    }
    chain.insert(chain.end(), logical.begin() + k, logical.begin() + k + (n - 2));
    k += n - 2;
    if (!logical[k].has(MemRow::kSel)) {
      chain.push_back(logical[k++]);
    } else {
      chain.push_back(ChainBuilder::silent_copy(chain.back()));
    }
  }
}

// Table counts of one instance, batched in a local histogram when it has many lookups.
class LocalCounts : public LocalTableCounts {
 public:
  LocalCounts(TableCounts& table, std::size_t expected)
      : LocalTableCounts(table, expected >= 4096) {}
};

Fe fe(std::uint64_t v) { return Fe::from_u64(v); }
Fe bit(const MemRow& r, std::uint8_t f) { return r.has(f) ? Fe::one() : Fe::zero(); }

}  // namespace

std::vector<Fe> MemPlan::instance_values(std::size_t i) const {
  ZISKC_CHECK(i < num_instances, "instance index out of range");
  const std::size_t n1 = height() - 1;
  const Fe in = i == 0 ? Fe::from_u64(spec.start_flag()) : bit(chain[i * n1], MemRow::kNew);
  return {in, bit(chain[(i + 1) * n1], MemRow::kNew)};
}

Result<MemPlan> plan_mem(const MemRegionSpec& spec, std::span<const MemAccess> accesses,
                         unsigned log_height) {
  if (log_height < kMemMinLogHeight || log_height > kMemMaxLogHeight) {
    return make_error(ErrorCode::kInvalidArgument, "{}: instance height 2^{} not in [2^{}, 2^{}]",
                      mem_region_name(spec.region), log_height, kMemMinLogHeight, kMemMaxLogHeight);
  }
  MemPlan plan;
  plan.spec = spec;
  plan.log_height = log_height;
  plan.num_accesses = accesses.size();
  if (spec.empty()) {
    if (!accesses.empty()) {
      return make_error(ErrorCode::kInvalidArgument, "{}: access at 0x{:x} but the region is empty",
                        mem_region_name(spec.region), accesses[0].addr);
    }
    return plan;
  }
  ZISKC_ASSIGN_OR_RETURN(std::vector<Acc> acc, sorted_accesses(spec, accesses));
  ChainBuilder cb({.addr = spec.start_addr(), .step = 0, .value = 0, .inc = 0, .flags = 0});
  cb.rows().reserve(acc.size() + acc.size() / 4 + 16);
  Status st = spec.region == MemRegion::kRam       ? build_ram(spec, acc, cb)
              : spec.region == MemRegion::kRomData ? build_rom_data(spec, acc, cb)
                                                   : build_input_data(spec, acc, cb);
  ZISKC_RETURN_IF_ERROR(st);
  split(cb.rows(), plan.height(), plan);
  ZISKC_CHECK(plan.chain.size() == 1 + plan.num_instances * (plan.height() - 1), "chain split");
  return plan;
}

poly::RowMajorMatrix mem_trace(const MemPlan& plan, std::size_t i, TableCounts& range16) {
  const std::span<const MemRow> rows = plan.instance_rows(i);
  const std::size_t n = rows.size();
  switch (plan.spec.region) {
    case MemRegion::kRam: {
      constexpr std::size_t w = stark::width_of<RamCols>();
      auto m = poly::RowMajorMatrix::zeros(n, w);
      LocalCounts counts(range16, n);
      for (std::size_t r = 0; r < n; ++r) {
        const MemRow& x = rows[r];
        auto& c = *reinterpret_cast<RamCols<Fe>*>(m.values.data() + r * w);
        c.addr = fe(x.addr);
        c.step = fe(x.step);
        c.v_lo = Fe::from_canonical(x.value & 0xFFFFFFFF);
        c.v_hi = Fe::from_canonical(x.value >> 32);
        c.sel = bit(x, MemRow::kSel);
        c.wr = bit(x, MemRow::kWrite);
        c.new_addr = bit(x, MemRow::kNew);
        c.big = bit(x, MemRow::kBig);
        c.inc = Fe::from_canonical(x.inc);
        counts.add(x.inc);
      }
      return m;
    }
    case MemRegion::kRomData: {
      constexpr std::size_t w = stark::width_of<RomDataCols>();
      auto m = poly::RowMajorMatrix::zeros(n, w);
      for (std::size_t r = 0; r < n; ++r) {
        const MemRow& x = rows[r];
        auto& c = *reinterpret_cast<RomDataCols<Fe>*>(m.values.data() + r * w);
        c.addr = fe(x.addr);
        c.step = fe(x.step);
        c.v_lo = Fe::from_canonical(x.value & 0xFFFFFFFF);
        c.v_hi = Fe::from_canonical(x.value >> 32);
        c.sel = bit(x, MemRow::kSel);
        c.new_addr = bit(x, MemRow::kNew);
      }
      return m;
    }
    case MemRegion::kInputData: {
      constexpr std::size_t w = stark::width_of<InputDataCols>();
      auto m = poly::RowMajorMatrix::zeros(n, w);
      LocalCounts counts(range16, 5 * n);
      for (std::size_t r = 0; r < n; ++r) {
        const MemRow& x = rows[r];
        auto& c = *reinterpret_cast<InputDataCols<Fe>*>(m.values.data() + r * w);
        c.addr = fe(x.addr);
        c.step = fe(x.step);
        for (int k = 0; k < 4; ++k) {
          const std::uint64_t limb = (x.value >> (16 * k)) & 0xFFFF;
          c.limb[k] = Fe::from_canonical(limb);
          counts.add(limb);
        }
        c.sel = bit(x, MemRow::kSel);
        c.new_addr = bit(x, MemRow::kNew);
        c.free = bit(x, MemRow::kFree);
        c.big = bit(x, MemRow::kBig);
        c.inc = Fe::from_canonical(x.inc);
        counts.add(x.inc);
      }
      return m;
    }
  }
  ZISKC_CHECK(false, "unknown memory region");
  return {};
}

stark::AirPtr mem_air(const MemRegionSpec& spec) {
  switch (spec.region) {
    case MemRegion::kRam:
      return stark::make_air<RamAir>();
    case MemRegion::kRomData:
      return stark::make_air<RomDataAir>();
    case MemRegion::kInputData:
      return stark::make_air<InputDataAir>(InputDataAir{.free_word = spec.first_w});
  }
  return nullptr;
}

}  // namespace ziskc::sm
