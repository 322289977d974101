// BinaryExtension trace builders and the BinaryShiftTable (binary_extension.h).
#include "sm/binary_extension/binary_extension.h"

#include <vector>

#include "base/parallel.h"
#include "sm/tables/tables_air.h"

namespace ziskc::sm {
namespace {

// Rows per parallel chunk; smaller chunks count straight into the shared tables.
constexpr std::size_t kMinChunk = 1 << 14;

// A chunk's lookups into one table, gathered locally and added to the shared counts once.
class LocalCounts {
 public:
  LocalCounts(TableCounts& shared, bool dense) : shared_(shared), dense_(dense) {
    if (dense_) hist_.assign(shared.size(), 0);
  }
  void add(std::size_t row) {
    if (dense_) {
      ++hist_[row];
    } else {
      shared_.add(row);
    }
  }
  ~LocalCounts() {
    if (!dense_) return;
    for (std::size_t r = 0; r < hist_.size(); ++r) {
      if (hist_[r] != 0) shared_.add(r, hist_[r]);
    }
  }
  LocalCounts(const LocalCounts&) = delete;
  LocalCounts& operator=(const LocalCounts&) = delete;

 private:
  TableCounts& shared_;
  bool dense_;
  std::vector<std::uint32_t> hist_;
};

std::size_t shift_op_index(zisk::Op op) {
  for (std::size_t i = 0; i < kBinaryShiftTableOps.size(); ++i) {
    if (kBinaryShiftTableOps[i] == op) return i;
  }
  ZISKC_CHECK(false, "binary_shift: not a shift op");
  return 0;
}

Fe fe(std::uint64_t v) { return Fe::from_u64(v); }

// The control values of every table row, computed once.
const std::vector<ShiftControl>& all_controls() {
  static const std::vector<ShiftControl> controls = [] {
    std::vector<ShiftControl> c(kBinaryShiftTableOps.size() * 64);
    for (std::size_t i = 0; i < c.size(); ++i) {
      c[i] = shift_control(kBinaryShiftTableOps[i / 64], static_cast<unsigned>(i % 64));
    }
    return c;
  }();
  return controls;
}

}  // namespace

ShiftControl shift_control(zisk::Op op, unsigned s) {
  ZISKC_CHECK(s < 64, "shift_control: s >= 64");
  ShiftControl c;
  c.op = static_cast<std::uint64_t>(op);
  c.s = s;
  const unsigned s32 = s & 31;
  unsigned t = 0;
  bool left = false;
  switch (op) {
    case zisk::Op::kSll:
      left = true;
      t = s;
      break;
    case zisk::Op::kSrl:
      t = 64 - s;
      break;
    case zisk::Op::kSra: {
      t = 64 - s;
      const std::uint64_t m = s == 0 ? 0 : ~0ull << (64 - s);
      c.ml = m & 0xffffffff;
      c.mh = m >> 32;
      break;
    }
    case zisk::Op::kSllW:
      // sext32 of the low window: c_hi = sign * (2^32 - 1).
      c.kind = 1;
      left = true;
      t = s32;
      c.mh = 0xffffffff;
      break;
    case zisk::Op::kSrlW:
      // a_lo >> s' is below 2^31 for s' > 0; for s' = 0 the result is sext32(a_lo).
      c.kind = 1;
      t = 32 - s32;
      if (s32 == 0) c.mh = 0xffffffff;
      break;
    case zisk::Op::kSraW: {
      c.kind = 1;
      t = 32 - s32;
      const std::uint64_t m = ~0ull << (32 - s32);
      c.ml = m & 0xffffffff;
      c.mh = m >> 32;
      break;
    }
    default:
      ZISKC_CHECK(false, "shift_control: not a shift op");
  }
  if (left) {
    c.u = t >> 4;
    c.w = t & 15;
  } else {
    c.dir = 1;
    c.u = (t - 1) >> 4;
    c.w = t - 16 * static_cast<unsigned>(c.u);
  }
  c.q_pow = std::uint64_t{1} << (16 - c.w);
  return c;
}

std::size_t shift_table_row(zisk::Op op, unsigned s) { return shift_op_index(op) * 64 + s; }

Result<poly::RowMajorMatrix> BinaryShiftTableAir::fixed_columns(unsigned log_height) const {
  if (log_height != kBinaryShiftTableLogHeight) {
    return make_error(ErrorCode::kUnsupported, "binary_shift_table: height 2^{} not offered",
                      log_height);
  }
  constexpr std::size_t w = stark::width_of<BinaryShiftTableFixedCols>();
  auto m = poly::RowMajorMatrix::zeros(kBinaryShiftTableRows, w);
  const auto& controls = all_controls();
  for (std::size_t row = 0; row < kBinaryShiftTableRows; ++row) {
    const ShiftControl& c = controls[row < controls.size() ? row : controls.size() - 1];
    auto& f = *reinterpret_cast<BinaryShiftTableFixedCols<Fe>*>(m.row(row).data());
    f.kind = fe(c.kind);
    f.op = fe(c.op);
    f.s = fe(c.s);
    f.q_pow = fe(c.q_pow);
    f.dir = fe(c.dir);
    for (unsigned i = 0; i < 4; ++i) f.u[i] = fe(c.u == i ? 1 : 0);
    f.ml = fe(c.ml);
    f.mh = fe(c.mh);
  }
  return m;
}

poly::RowMajorMatrix binary_shift_table_trace(const TableCounts& shift_table) {
  ZISKC_CHECK(shift_table.size() == kBinaryShiftTableRows, "shift table counts of the wrong size");
  auto m = poly::RowMajorMatrix::zeros(kBinaryShiftTableRows, 1);
  for (std::size_t r = 0; r < kBinaryShiftTableRows; ++r) {
    ZISKC_CHECK(shift_table.get(r) < Fe::kP, "table multiplicity does not fit the field");
    m.at(r, 0) = Fe::from_canonical(shift_table.get(r));
  }
  return m;
}

poly::RowMajorMatrix binary_shift_trace(std::span<const OpRecord> records, unsigned log_height,
                                        TableCounts& range16, TableCounts& shift_table) {
  const std::size_t n = std::size_t{1} << log_height;
  ZISKC_CHECK(records.size() <= n * kBinaryShiftSlots, "binary_shift: more records than slots");
  ZISKC_CHECK(range16.size() == kTableRows, "binary_shift: range16 counts of the wrong size");
  ZISKC_CHECK(shift_table.size() == kBinaryShiftTableRows,
              "binary_shift: shift table counts of the wrong size");
  const auto& controls = all_controls();
  auto m = poly::RowMajorMatrix::zeros(n, kBinaryShiftWidth);
  base::parallel_for_chunks(0, records.size(), kMinChunk, [&](std::size_t lo, std::size_t hi) {
    const bool dense = hi - lo >= kMinChunk;
    LocalCounts r16(range16, dense);
    LocalCounts table(shift_table, dense);
    for (std::size_t i = lo; i < hi; ++i) {
      const OpRecord& rec = records[i];
      ZISKC_CHECK(binary_shift_proves(rec.op), "binary_shift: not sll/srl/sra");
      const unsigned s = static_cast<unsigned>(rec.b & 63);
      const std::size_t row_index = shift_table_row(rec.op, s);
      const ShiftControl& ctl = controls[row_index];
      const unsigned __int128 prod = static_cast<unsigned __int128>(rec.a) << ctl.w;
      const std::uint64_t k = ((rec.a & 0xffffffff) << ctl.w) >> 32;
      const std::uint64_t c = zisk::apply_pure(rec.op, rec.a, rec.b)->c;
      auto& cols =
          *reinterpret_cast<BinaryShiftSlot<Fe>*>(m.values.data() + i * kBinaryShiftSlotWidth);
      cols.a[0] = fe(rec.a & 0xffffffff);
      cols.a[1] = fe(rec.a >> 32);
      cols.b[0] = fe(rec.b & 0xffffffff);
      cols.b[1] = fe(rec.b >> 32);
      cols.c[0] = fe(c & 0xffffffff);
      cols.c[1] = fe(c >> 32);
      const std::uint64_t q0 = (rec.b >> 6) & 0xffff, q1 = (rec.b & 0xffffffff) >> 22;
      cols.q[0] = fe(q0);
      cols.q[1] = fe(q1);
      cols.k = fe(k);
      std::uint64_t d[5];
      for (int j = 0; j < 5; ++j) {
        d[j] = static_cast<std::uint64_t>(prod >> (16 * j)) & 0xffff;
        cols.d[j] = fe(d[j]);
      }
      const std::uint64_t e = d[4] * ctl.q_pow;
      const std::uint64_t sign = e >> 15;
      cols.e = fe(e);
      cols.sign = fe(sign);
      cols.op = fe(ctl.op);
      cols.q_pow = fe(ctl.q_pow);
      cols.dir = fe(ctl.dir);
      cols.u[ctl.u] = Fe::one();
      cols.ml = fe(ctl.ml);
      cols.mh = fe(ctl.mh);
      r16.add(q0);
      r16.add(q1);
      r16.add(k);
      for (std::uint64_t dj : d) r16.add(dj);
      r16.add(2 * e - (sign << 16));
      table.add(row_index);
    }
  });
  return m;
}

poly::RowMajorMatrix binary_shift_w_trace(std::span<const OpRecord> records, unsigned log_height,
                                          TableCounts& range16, TableCounts& shift_table) {
  const std::size_t n = std::size_t{1} << log_height;
  ZISKC_CHECK(records.size() <= n * kBinaryShiftWSlots, "binary_shift_w: more records than slots");
  ZISKC_CHECK(range16.size() == kTableRows, "binary_shift_w: range16 counts of the wrong size");
  ZISKC_CHECK(shift_table.size() == kBinaryShiftTableRows,
              "binary_shift_w: shift table counts of the wrong size");
  const auto& controls = all_controls();
  auto m = poly::RowMajorMatrix::zeros(n, kBinaryShiftWWidth);
  base::parallel_for_chunks(0, records.size(), kMinChunk, [&](std::size_t lo, std::size_t hi) {
    const bool dense = hi - lo >= kMinChunk;
    LocalCounts r16(range16, dense);
    LocalCounts table(shift_table, dense);
    for (std::size_t i = lo; i < hi; ++i) {
      const OpRecord& rec = records[i];
      ZISKC_CHECK(binary_shift_w_proves(rec.op), "binary_shift_w: not sll_w/srl_w/sra_w");
      const unsigned s = static_cast<unsigned>(rec.b & 63);
      const std::size_t row_index = shift_table_row(rec.op, s);
      const ShiftControl& ctl = controls[row_index];
      const std::uint64_t a_lo = rec.a & 0xffffffff;
      const std::uint64_t prod = a_lo << ctl.w;  // < 2^48
      const std::uint64_t c = zisk::apply_pure(rec.op, rec.a, rec.b)->c;
      auto& cols =
          *reinterpret_cast<BinaryShiftWSlot<Fe>*>(m.values.data() + i * kBinaryShiftWSlotWidth);
      cols.a[0] = fe(a_lo);
      cols.a[1] = fe(rec.a >> 32);
      cols.b[0] = fe(rec.b & 0xffffffff);
      cols.b[1] = fe(rec.b >> 32);
      cols.c[0] = fe(c & 0xffffffff);
      cols.c[1] = fe(c >> 32);
      const std::uint64_t q0 = (rec.b >> 6) & 0xffff, q1 = (rec.b & 0xffffffff) >> 22;
      cols.q[0] = fe(q0);
      cols.q[1] = fe(q1);
      const std::uint64_t d[3] = {prod & 0xffff, (prod >> 16) & 0xffff, prod >> 32};
      for (int j = 0; j < 3; ++j) cols.d[j] = fe(d[j]);
      const std::uint64_t e = ctl.dir ? d[2] * ctl.q_pow : ctl.u == 0 ? d[1] : d[0];
      const std::uint64_t sign = e >> 15;
      cols.e = fe(e);
      cols.sign = fe(sign);
      cols.op = fe(ctl.op);
      cols.q_pow = fe(ctl.q_pow);
      cols.dir = fe(ctl.dir);
      cols.u[ctl.u] = Fe::one();
      cols.ml = fe(ctl.ml);
      cols.mh = fe(ctl.mh);
      r16.add(q0);
      r16.add(q1);
      for (std::uint64_t dj : d) r16.add(dj);
      r16.add(2 * e - (sign << 16));
      table.add(row_index);
    }
  });
  return m;
}

poly::RowMajorMatrix binary_sext_trace(std::span<const OpRecord> records, unsigned log_height,
                                       TableCounts& range16, TableCounts& byte_pair) {
  const std::size_t n = std::size_t{1} << log_height;
  ZISKC_CHECK(records.size() <= n * kBinarySextSlots, "binary_sext: more records than slots");
  ZISKC_CHECK(range16.size() == kTableRows && byte_pair.size() == kTableRows,
              "binary_sext: table counts of the wrong size");
  auto m = poly::RowMajorMatrix::zeros(n, kBinarySextWidth);
  base::parallel_for_chunks(0, records.size(), kMinChunk, [&](std::size_t lo, std::size_t hi) {
    const bool dense = hi - lo >= kMinChunk;
    LocalCounts r16(range16, dense);
    LocalCounts bp(byte_pair, dense);
    for (std::size_t i = lo; i < hi; ++i) {
      const OpRecord& rec = records[i];
      const std::uint64_t v0 = rec.b & 0xff, v1 = (rec.b >> 8) & 0xff;
      const std::uint64_t h = (rec.b >> 16) & 0xffff;
      std::uint64_t t = 0;
      std::size_t f = 0;
      switch (rec.op) {
        case zisk::Op::kSignExtendB:
          f = 0;
          t = v0 << 8;
          break;
        case zisk::Op::kSignExtendH:
          f = 1;
          t = v0 | (v1 << 8);
          break;
        case zisk::Op::kSignExtendW:
          f = 2;
          t = h;
          break;
        default:
          ZISKC_CHECK(false, "binary_sext: not a sign-extension op");
      }
      const std::uint64_t sign = t >> 15;
      const std::uint64_t c = zisk::apply_pure(rec.op, rec.a, rec.b)->c;
      auto& cols =
          *reinterpret_cast<BinarySextSlot<Fe>*>(m.values.data() + i * kBinarySextSlotWidth);
      cols.a[0] = fe(rec.a & 0xffffffff);
      cols.a[1] = fe(rec.a >> 32);
      cols.b_hi = fe(rec.b >> 32);
      cols.v[0] = fe(v0);
      cols.v[1] = fe(v1);
      cols.h = fe(h);
      cols.t = fe(t);
      cols.sign = fe(sign);
      cols.c_lo = fe(c & 0xffffffff);
      cols.f[f] = Fe::one();
      bp.add(byte_pair_row(v0, v1));
      r16.add(h);
      r16.add(2 * t - (sign << 16));
    }
  });
  return m;
}

static_assert(kBinaryShiftWidth == kBinaryShiftSlots * kBinaryShiftSlotWidth);
static_assert(kBinaryShiftWWidth == kBinaryShiftWSlots * kBinaryShiftWSlotWidth);
static_assert(kBinarySextWidth == kBinarySextSlots * kBinarySextSlotWidth);

}  // namespace ziskc::sm
