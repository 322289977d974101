// The BinaryShiftTable (air.h): control values of every (op, s) and the table's fixed columns,
// the part of the BinaryExtension machine that the verifier links
// (ziskc_sm_binary_extension_air).
#include "sm/binary_extension/air.h"

namespace ziskc::sm {
namespace {

using field::Fe;

std::size_t shift_op_index(zisk::Op op) {
  for (std::size_t i = 0; i < kBinaryShiftTableOps.size(); ++i) {
    if (kBinaryShiftTableOps[i] == op) return i;
  }
  ZISKC_CHECK(false, "binary_shift: not a shift op");
  return 0;
}

Fe fe(std::uint64_t v) { return Fe::from_u64(v); }

}  // namespace

const std::vector<ShiftControl>& shift_controls() {
  static const std::vector<ShiftControl> controls = [] {
    std::vector<ShiftControl> c(kBinaryShiftTableOps.size() * 64);
    for (std::size_t i = 0; i < c.size(); ++i) {
      c[i] = shift_control(kBinaryShiftTableOps[i / 64], static_cast<unsigned>(i % 64));
    }
    return c;
  }();
  return controls;
}

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
  const auto& controls = shift_controls();
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

}  // namespace ziskc::sm
