// BinaryExtension trace builders and the BinaryShiftTable (binary_extension.h).
#include "sm/binary_extension/binary_extension.h"

#include <vector>

#include "base/parallel.h"
#include "sm/tables/tables_air.h"

namespace ziskc::sm {
namespace {

// Rows per parallel chunk; smaller chunks count straight into the shared tables.
constexpr std::size_t kMinChunk = 1 << 14;

using LocalCounts = LocalTableCounts;

Fe fe(std::uint64_t v) { return Fe::from_u64(v); }

}  // namespace

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
  const auto& controls = shift_controls();
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
  const auto& controls = shift_controls();
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
