// Binary trace builders and the BinaryTable (binary.h).
#include "sm/binary/binary.h"

#include <vector>

#include "base/parallel.h"
#include "sm/tables/tables_air.h"

namespace ziskc::sm {
namespace {

constexpr std::size_t kMinChunk = 1 << 14;

using LocalCounts = LocalTableCounts;

enum Kind : std::uint8_t { kLt, kLe, kEq, kSub, kAdd, kMin, kMax };
struct Decoded {
  Kind kind;
  bool sg;
  bool m32;
};

Decoded decode(zisk::Op op) {
  using zisk::Op;
  switch (op) {
    case Op::kLtu:
      return {kLt, false, false};
    case Op::kLt:
      return {kLt, true, false};
    case Op::kLtuW:
      return {kLt, false, true};
    case Op::kLtW:
      return {kLt, true, true};
    case Op::kLeu:
      return {kLe, false, false};
    case Op::kLe:
      return {kLe, true, false};
    case Op::kLeuW:
      return {kLe, false, true};
    case Op::kLeW:
      return {kLe, true, true};
    case Op::kEq:
      return {kEq, false, false};
    case Op::kEqW:
      return {kEq, false, true};
    case Op::kSub:
      return {kSub, false, false};
    case Op::kSubW:
      return {kSub, false, true};
    case Op::kAddW:
      return {kAdd, false, true};
    case Op::kMinu:
      return {kMin, false, false};
    case Op::kMin:
      return {kMin, true, false};
    case Op::kMinuW:
      return {kMin, false, true};
    case Op::kMinW:
      return {kMin, true, true};
    case Op::kMaxu:
      return {kMax, false, false};
    case Op::kMax:
      return {kMax, true, false};
    case Op::kMaxuW:
      return {kMax, false, true};
    case Op::kMaxW:
      return {kMax, true, true};
    default:
      ZISKC_CHECK(false, "binary: not a Binary / BinarySigned op");
  }
  return {};
}

// D = a - b - cin (a + b for add_w) in two limbs, with the borrows (carry) of each limb.
struct Diff {
  std::uint64_t d_lo, d_hi, br0, br1;
};
Diff diff(std::uint64_t a_lo, std::uint64_t a_hi, std::uint64_t b_lo, std::uint64_t b_hi,
          Kind kind) {
  Diff d{};
  if (kind == kAdd) {
    const std::uint64_t s = a_lo + b_lo;
    d.d_lo = s & 0xffffffff;
    d.br0 = s >> 32;
  } else {
    const std::uint64_t sub = b_lo + (kind == kLe ? 1 : 0);
    d.br0 = a_lo < sub ? 1 : 0;
    d.d_lo = (a_lo - sub) & 0xffffffff;
  }
  const std::uint64_t sub_hi = b_hi + d.br0;
  d.br1 = a_hi < sub_hi ? 1 : 0;
  d.d_hi = (a_hi - sub_hi) & 0xffffffff;
  return d;
}

Fe fe(std::uint64_t v) { return Fe::from_u64(v); }

// In-place inversion of nonzero elements (Montgomery's trick: one inversion per batch).
void batch_invert(std::vector<Fe>& v) {
  if (v.empty()) return;
  std::vector<Fe> prefix(v.size());
  Fe acc = Fe::one();
  for (std::size_t i = 0; i < v.size(); ++i) {
    prefix[i] = acc;
    acc *= v[i];
  }
  Fe inv = acc.inverse();
  for (std::size_t i = v.size(); i-- > 0;) {
    const Fe x = v[i];
    v[i] = inv * prefix[i];
    inv *= x;
  }
}

}  // namespace

poly::RowMajorMatrix binary_table_trace(const TableCounts& binary_table) {
  return table_mult_trace(binary_table);
}

poly::RowMajorMatrix binary_trace(std::span<const OpRecord> records, unsigned log_height,
                                  TableCounts& range16) {
  const std::size_t n = std::size_t{1} << log_height;
  ZISKC_CHECK(records.size() <= n * kBinarySlots, "binary: more records than slots");
  ZISKC_CHECK(range16.size() == kTableRows, "binary: range16 counts of the wrong size");
  auto m = poly::RowMajorMatrix::zeros(n, kBinaryWidth);
  base::parallel_for_chunks(0, records.size(), kMinChunk, [&](std::size_t lo, std::size_t hi) {
    LocalCounts r16(range16, hi - lo >= kMinChunk);
    std::vector<BinarySlot<Fe>*> eq_slots;
    std::vector<Fe> eq_dz;
    for (std::size_t i = lo; i < hi; ++i) {
      const OpRecord& rec = records[i];
      ZISKC_CHECK(binary_proves(rec.op), "binary: op not proved by the Binary AIR");
      const Decoded dec = decode(rec.op);
      const std::uint64_t a_lo = rec.a & 0xffffffff, a_hi = rec.a >> 32;
      const std::uint64_t b_lo = rec.b & 0xffffffff, b_hi = rec.b >> 32;
      ZISKC_CHECK(!dec.m32 || (a_hi == 0 && b_hi == 0), "binary: m32 record with high halves");
      const Diff d = diff(a_lo, a_hi, b_lo, b_hi, dec.kind);
      const auto out = zisk::apply_pure(rec.op, rec.a, rec.b);
      auto& cols = *reinterpret_cast<BinarySlot<Fe>*>(m.values.data() + i * kBinarySlotWidth);
      cols.a[0] = fe(a_lo);
      cols.a[1] = fe(a_hi);
      cols.b[0] = fe(b_lo);
      cols.b[1] = fe(b_hi);
      cols.c[0] = fe(out->c & 0xffffffff);
      cols.c[1] = fe(out->c >> 32);
      const std::uint64_t chunks[4] = {d.d_lo & 0xffff, d.d_lo >> 16, d.d_hi & 0xffff,
                                       d.d_hi >> 16};
      for (int j = 0; j < 4; ++j) {
        cols.d[j] = fe(chunks[j]);
        r16.add(chunks[j]);
      }
      const std::uint64_t sd = d.d_lo >> 31;
      cols.br0 = fe(d.br0);
      cols.sd = fe(sd);
      r16.add(2 * chunks[1] - (sd << 16));
      if (dec.kind == kEq) {
        if (d.d_lo + d.d_hi != 0) {
          eq_slots.push_back(&cols);
          eq_dz.push_back(fe(d.d_lo + d.d_hi));
        }
      } else {
        cols.lt = fe(d.br1);
      }
      const bool flagged = dec.kind == kLt || dec.kind == kLe || dec.kind == kEq;
      cols.fl = flagged ? cols.c[0] : Fe::zero();
      cols.m32 = fe(dec.m32 ? 1 : 0);
      Fe* kinds[] = {&cols.klt,  &cols.kle,  &cols.keq, &cols.ksub,
                     &cols.kadd, &cols.kmin, &cols.kmax};
      *kinds[dec.kind] = Fe::one();
    }
    batch_invert(eq_dz);
    for (std::size_t k = 0; k < eq_slots.size(); ++k) eq_slots[k]->lt = eq_dz[k];
  });
  return m;
}

poly::RowMajorMatrix binary_signed_trace(std::span<const OpRecord> records, unsigned log_height,
                                         TableCounts& range16) {
  const std::size_t n = std::size_t{1} << log_height;
  ZISKC_CHECK(records.size() <= n, "binary_signed: more records than rows");
  ZISKC_CHECK(range16.size() == kTableRows, "binary_signed: range16 counts of the wrong size");
  auto m = poly::RowMajorMatrix::zeros(n, kBinarySignedWidth);
  base::parallel_for_chunks(0, records.size(), kMinChunk, [&](std::size_t lo, std::size_t hi) {
    LocalCounts r16(range16, hi - lo >= kMinChunk);
    for (std::size_t i = lo; i < hi; ++i) {
      const OpRecord& rec = records[i];
      ZISKC_CHECK(binary_signed_proves(rec.op), "binary_signed: op not proved by BinarySigned");
      const Decoded dec = decode(rec.op);
      const std::uint64_t a_lo = rec.a & 0xffffffff, a_hi = rec.a >> 32;
      const std::uint64_t b_lo = rec.b & 0xffffffff, b_hi = rec.b >> 32;
      ZISKC_CHECK(!dec.m32 || (a_hi == 0 && b_hi == 0),
                  "binary_signed: m32 record with high halves");
      const Diff d = diff(a_lo, a_hi, b_lo, b_hi, dec.kind);
      const std::uint64_t src_a = dec.m32 ? a_lo : a_hi;
      const std::uint64_t src_b = dec.m32 ? b_lo : b_hi;
      const std::uint64_t sa = src_a >> 31, sb = src_b >> 31;
      // Signed: a_s < b_s iff br1 + sa - sb = 1 (never negative: sa < sb implies a < b).
      const std::uint64_t lt = dec.sg ? d.br1 + sa - sb : d.br1;
      ZISKC_DCHECK(lt <= 1, "binary_signed: comparison bit out of range");
      const auto out = zisk::apply_pure(rec.op, rec.a, rec.b);
      auto& cols = *reinterpret_cast<BinarySignedCols<Fe>*>(m.row(i).data());
      cols.a[0] = fe(a_lo);
      cols.a[1] = fe(a_hi);
      cols.b[0] = fe(b_lo);
      cols.b[1] = fe(b_hi);
      cols.c[0] = fe(out->c & 0xffffffff);
      cols.c[1] = fe(out->c >> 32);
      const std::uint64_t chunks[4] = {d.d_lo & 0xffff, d.d_lo >> 16, d.d_hi & 0xffff,
                                       d.d_hi >> 16};
      for (int j = 0; j < 4; ++j) {
        cols.d[j] = fe(chunks[j]);
        r16.add(chunks[j]);
      }
      cols.ah[0] = fe(src_a & 0xffff);
      cols.ah[1] = fe(src_a >> 16);
      cols.sa = fe(sa);
      cols.bh[0] = fe(src_b & 0xffff);
      cols.bh[1] = fe(src_b >> 16);
      cols.sb = fe(sb);
      r16.add(src_a & 0xffff);
      r16.add((src_a >> 16) + (1u << 15) - (sa << 16));
      r16.add(src_b & 0xffff);
      r16.add((src_b >> 16) + (1u << 15) - (sb << 16));
      cols.lt = fe(lt);
      cols.ssel = fe(lt ? sa : sb);
      cols.m32 = fe(dec.m32 ? 1 : 0);
      cols.sg = fe(dec.sg ? 1 : 0);
      Fe* kinds[] = {&cols.klt, &cols.kle, nullptr, nullptr, nullptr, &cols.kmin, &cols.kmax};
      *kinds[dec.kind] = Fe::one();
    }
  });
  return m;
}

poly::RowMajorMatrix binary_logic_trace(std::span<const OpRecord> records, unsigned log_height,
                                        TableCounts& binary_table) {
  const std::size_t n = std::size_t{1} << log_height;
  ZISKC_CHECK(records.size() <= n * kBinaryLogicSlots, "binary_logic: more records than slots");
  ZISKC_CHECK(binary_table.size() == (std::size_t{1} << kBinaryTableLogHeight),
              "binary_logic: table counts of the wrong size");
  auto m = poly::RowMajorMatrix::zeros(n, kBinaryLogicWidth);
  base::parallel_for_chunks(0, records.size(), kMinChunk, [&](std::size_t lo, std::size_t hi) {
    LocalCounts table(binary_table, hi - lo >= kMinChunk);
    for (std::size_t i = lo; i < hi; ++i) {
      const OpRecord& rec = records[i];
      std::size_t f = 0;
      switch (rec.op) {
        case zisk::Op::kAnd:
          f = 0;
          break;
        case zisk::Op::kOr:
          f = 1;
          break;
        case zisk::Op::kXor:
          f = 2;
          break;
        default:
          ZISKC_CHECK(false, "binary_logic: not and/or/xor");
      }
      auto& cols =
          *reinterpret_cast<BinaryLogicSlot<Fe>*>(m.values.data() + i * kBinaryLogicSlotWidth);
      for (int j = 0; j < 8; ++j) {
        const std::uint64_t x = (rec.a >> (8 * j)) & 0xff, y = (rec.b >> (8 * j)) & 0xff;
        cols.x[j] = fe(x);
        cols.y[j] = fe(y);
        cols.z[j] = fe(x & y);
        table.add(binary_table_row(x, y));
      }
      cols.f[f] = Fe::one();
    }
  });
  return m;
}

static_assert(kBinaryWidth == kBinarySlots * kBinarySlotWidth);
static_assert(kBinaryLogicWidth == kBinaryLogicSlots * kBinaryLogicSlotWidth);

}  // namespace ziskc::sm
