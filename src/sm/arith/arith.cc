// Arith witness builder (arith.h). The carries and the remainder-check witness are computed
// with the same formulas as air.h, in 64-bit integers: every partial sum is below 2^52.
#include "sm/arith/arith.h"

#include <algorithm>
#include <cstddef>
#include <vector>

#include "base/check.h"
#include "base/parallel.h"
#include "sm/tables/tables_air.h"

namespace ziskc::sm {
namespace {

// The selectors of air.h, per flag.
struct Traits {
  bool ns, sw, mulw, d64, d32, sd, s_pw, sx, sy, sig3_x, sig3_w, remuw;
};
constexpr Traits make_traits(std::size_t f) {
  Traits t{};
  t.ns = f == kFMuluh || f == kFMulsuh || f == kFMulh;
  t.sw = f == kFMulu || f == kFMul || f == kFMulW;
  t.mulw = f == kFMulW;
  t.d64 = f == kFDivu || f == kFRemu || f == kFDiv || f == kFRem;
  t.d32 = f == kFDivuW || f == kFRemuW || f == kFDivW || f == kFRemW;
  t.sd = f == kFDiv || f == kFRem || f == kFDivW || f == kFRemW;
  t.s_pw = f == kFMulsuh || f == kFMulh;
  t.sx = t.s_pw || t.sd;
  t.sy = f == kFMulh || t.sd;
  t.sig3_x = t.sx || f == kFDivuW;
  t.sig3_w = t.s_pw || t.sd || f == kFMulW || f == kFRemuW;
  t.remuw = f == kFRemuW;
  return t;
}
constexpr std::array<Traits, kNumArithFlags> kTraits = [] {
  std::array<Traits, kNumArithFlags> a{};
  for (std::size_t f = 0; f < kNumArithFlags; ++f) a[f] = make_traits(f);
  return a;
}();

constexpr std::uint64_t kMin64 = 0x8000'0000'0000'0000ull;

void chunks_of(std::uint64_t v, std::uint64_t out[4]) {
  for (int i = 0; i < 4; ++i) out[i] = (v >> (16 * i)) & 0xFFFF;
}

Fe fe(std::int64_t v) { return Fe::from_i64(v); }
Fe fe_u(std::uint64_t v) { return Fe::from_u64(v); }

// Floor division and remainder by 2^k for signed values (the carry encodings).
std::int64_t floor_shift(std::int64_t v, unsigned k) { return v >> k; }  // arithmetic shift
std::int64_t floor_mod(std::int64_t v, unsigned k) { return v - (floor_shift(v, k) << k); }

// A value v meant to be two 16-bit chunks (lo, hi): the chunks when 0 <= v < 2^32, else
// (v, 0) as field elements (the equation still holds; the range checks then fail).
void split32(std::int64_t v, Fe& lo, Fe& hi) {
  if (v >= 0 && v < (std::int64_t{1} << 32)) {
    lo = fe(v & 0xFFFF);
    hi = fe(v >> 16);
  } else {
    lo = fe(v);
    hi = Fe::zero();
  }
}

}  // namespace

bool arith_proves(zisk::Op op) {
  return std::find(kArithOps.begin(), kArithOps.end(), op) != kArithOps.end();
}

std::size_t arith_flag(zisk::Op op) {
  const auto it = std::find(kArithOps.begin(), kArithOps.end(), op);
  ZISKC_CHECK(it != kArithOps.end(), "arith: op not proved by Arith");
  return static_cast<std::size_t>(it - kArithOps.begin());
}

ArithCore arith_core(zisk::Op op, std::uint64_t a, std::uint64_t b) {
  ArithCore c;
  c.flag = arith_flag(op);
  const Traits& t = kTraits[c.flag];
  std::uint64_t x = 0, y = 0, z = 0, w = 0;
  if (!t.d64 && !t.d32 && !t.mulw) {
    // 64-bit multiplication: P = X * Y as a 128-bit two's complement pattern.
    // Signed factors are v - 2^64 s: subtract 2^64 times the other factor (mod 2^128).
    unsigned __int128 p = static_cast<unsigned __int128>(a) * b;
    if (t.sx && (a >> 63)) p -= static_cast<unsigned __int128>(b) << 64;
    if (t.sy && (b >> 63)) p -= static_cast<unsigned __int128>(a) << 64;
    const std::uint64_t lo = static_cast<std::uint64_t>(p);
    const std::uint64_t hi = static_cast<std::uint64_t>(p >> 64);
    x = a;
    y = b;
    z = t.ns ? lo : hi;
    w = t.ns ? hi : lo;
    c.n_x = t.sx && (a >> 63);
    c.n_y = t.sy && (b >> 63);
    c.n_w = t.s_pw && (hi >> 63);
  } else if (t.mulw) {
    ZISKC_CHECK(a >> 32 == 0 && b >> 32 == 0, "arith: mul_w operands must be 32-bit");
    x = a << 32;
    y = b;
    const unsigned __int128 p = static_cast<unsigned __int128>(x) * y;
    w = static_cast<std::uint64_t>(p);
    z = static_cast<std::uint64_t>(p >> 64);
    c.n_w = w >> 63;
  } else if (t.d64) {
    const bool signed_op = t.sd;
    c.dz = b == 0;
    c.ov = signed_op && a == kMin64 && b == ~0ull;
    std::uint64_t q = 0, r = 0;
    if (c.dz) {
      q = ~0ull;
      r = a;
    } else if (c.ov) {
      q = kMin64;
      r = 0;
    } else if (signed_op) {
      q = static_cast<std::uint64_t>(static_cast<std::int64_t>(a) / static_cast<std::int64_t>(b));
      r = static_cast<std::uint64_t>(static_cast<std::int64_t>(a) % static_cast<std::int64_t>(b));
    } else {
      q = a / b;
      r = a % b;
    }
    x = q;
    y = b;
    z = a;
    w = r;
    c.u = a & 0xFFFF'FFFF;
    c.n_x = signed_op && (q >> 63);
    c.n_y = signed_op && (b >> 63);
    c.n_z = signed_op && (a >> 63);
    c.n_w = signed_op && (r >> 63);
  } else {
    ZISKC_CHECK(a >> 32 == 0 && b >> 32 == 0, "arith: 32-bit division operands must be 32-bit");
    const bool signed_op = t.sd;
    const std::uint32_t a32 = static_cast<std::uint32_t>(a), b32 = static_cast<std::uint32_t>(b);
    c.dz = b32 == 0;
    c.ov = signed_op && a32 == 0x8000'0000u && b32 == 0xFFFF'FFFFu;
    std::uint32_t q32 = 0, r32 = 0;
    if (c.dz) {
      q32 = 0xFFFF'FFFFu;
      r32 = a32;
    } else if (c.ov) {
      q32 = 0x8000'0000u;
      r32 = 0;
    } else if (signed_op) {
      const std::int32_t sa = static_cast<std::int32_t>(a32), sb = static_cast<std::int32_t>(b32);
      q32 = static_cast<std::uint32_t>(sa / sb);
      r32 = static_cast<std::uint32_t>(sa % sb);
    } else {
      q32 = a32 / b32;
      r32 = a32 % b32;
    }
    x = static_cast<std::uint64_t>(q32) << 32;
    y = static_cast<std::uint64_t>(b32) << 32;
    z = static_cast<std::uint64_t>(a32) << 32;
    w = static_cast<std::uint64_t>(r32) << 32;
    c.n_x = (signed_op || c.flag == kFDivuW) && (q32 >> 31);
    c.n_y = signed_op && (b32 >> 31);
    c.n_z = signed_op && (a32 >> 31);
    c.n_w = (signed_op || c.flag == kFRemuW) && (r32 >> 31);
  }
  chunks_of(x, c.x);
  chunks_of(y, c.y);
  chunks_of(w, c.w);
  std::uint64_t zc[4];
  chunks_of(z, zc);
  c.z_lo[0] = t.d64 || t.d32 ? 0 : zc[0];
  c.z_lo[1] = t.d64 || t.d32 ? 0 : zc[1];
  c.z_hi[0] = zc[2];
  c.z_hi[1] = zc[3];
  return c;
}

namespace {

// arith_fill_row; with defer_inv the inv column is left for the caller's batch inversion
// (it then holds sum_y, or 0 where inv must be 0).
void fill_row(const ArithCore& core, std::span<Fe> row, bool defer_inv) {
  auto& c = *reinterpret_cast<ArithCols<Fe>*>(row.data());
  const Traits& t = kTraits[core.flag];
  const bool div = t.d64 || t.d32;
  using I = std::int64_t;
  const auto v = [](std::uint64_t x) { return static_cast<I>(x); };
  const I x0 = v(core.x[0]), x1 = v(core.x[1]), x2 = v(core.x[2]), x3 = v(core.x[3]);
  const I y0 = v(core.y[0]), y1 = v(core.y[1]), y2 = v(core.y[2]), y3 = v(core.y[3]);
  const I xl = x0 + (x1 << 16), yl = y0 + (y1 << 16), yh = y2 + (y3 << 16);
  const I zl = v(core.z_lo[0]) + (v(core.z_lo[1]) << 16);
  const I zh = v(core.z_hi[0]) + (v(core.z_hi[1]) << 16);
  const I wl = v(core.w[0]) + (v(core.w[1]) << 16), wh = v(core.w[2]) + (v(core.w[3]) << 16);
  const I nx = core.n_x, ny = core.n_y, nz = core.n_z, nw = core.n_w;
  const I ov = core.ov, u = v(core.u);
  const I ns = t.ns, sw = t.sw, d64 = t.d64, d32 = t.d32;
  const I s_x = t.sx ? nx : 0;
  const I sd64 = t.d64 && t.sd;

  // Carries: exact quotients of the position sums (air.h "arith.pos0".."pos2").
  const I s0 = x0 * y0 + ((x0 * y1 + x1 * y0) << 16) + d64 * wl - ns * zl - sw * wl - d64 * u;
  const I c0 = floor_shift(s0, 32);
  const I s1 = x0 * y2 + x1 * y1 + x2 * y0 + ((x0 * y3 + x1 * y2 + x2 * y1 + x3 * y0) << 16) +
               d64 * wh + d32 * wl - ns * zh - sw * wh - d64 * zh + c0;
  const I c1 = floor_shift(s1, 32);
  const I s2 = x1 * y3 + x2 * y2 + x3 * y1 + ((x2 * y3 + x3 * y2) << 16) - s_x * yl - ny * xl +
               d32 * wh - sd64 * nw - ns * wl - sw * zl - d64 * (ov - nz) - d32 * zh + c1;
  const I c2 = floor_shift(s2, 32);

  for (int i = 0; i < 4; ++i) {
    c.x[i] = fe_u(core.x[i]);
    c.y[i] = fe_u(core.y[i]);
    c.w[i] = fe_u(core.w[i]);
  }
  c.z[2] = fe_u(core.z_hi[0]);
  c.z[3] = fe_u(core.z_hi[1]);
  c.u = t.d64 ? fe_u(core.u) : Fe::zero();
  c.carry_lo[0] = fe(floor_mod(c0, 16));
  c.carry_hi[0] = fe(floor_shift(c0, 16));
  c.carry_lo[1] = fe(floor_mod(c1, 16));
  c.carry_hi[1] = fe(floor_shift(c1, 16));
  c.carry_lo[2] = fe(floor_mod(c2 + 2, 16));
  c.carry_hi[2] = fe(floor_shift(c2 + 2, 16));
  c.n_x = fe(nx);
  c.n_y = fe(ny);
  c.n_z = fe(nz);
  c.n_w = fe(nw);
  c.dz = fe(core.dz);
  c.ov = fe(ov);
  for (std::size_t i = 0; i < kNumArithFlags; ++i) c.flags[i] = Fe::zero();
  c.flags[core.flag] = Fe::one();

  if (!div) {
    c.z[0] = fe_u(core.z_lo[0]);
    c.z[1] = fe_u(core.z_lo[1]);
    c.e_hi[0] = c.e_hi[1] = c.inv = c.beta = Fe::zero();
    return;
  }
  // Remainder bound e = |Y| - |W| - 1 (air.h "arith.rem_bound_lo/hi"); remu_w's n_w is an
  // output bit, not a sign.
  const I sw_sign = t.remuw ? 0 : nw;
  const I m32 = 0xFFFF'FFFF;
  const I yt_lo = ny ? m32 - yl : yl, yt_hi = ny ? m32 - yh : yh;
  const I wt_lo = sw_sign ? m32 - wl : wl, wt_hi = sw_sign ? m32 - wh : wh;
  const I lo = yt_lo - wt_lo + ny - sw_sign - 1;
  const I beta = lo >= 0 ? 0 : (lo >= -(I{1} << 32) ? 1 : 2);
  split32(lo + (beta << 32), c.z[0], c.z[1]);
  split32(yt_hi - wt_hi - beta, c.e_hi[0], c.e_hi[1]);
  c.beta = fe(beta);
  const std::uint64_t sum_y = core.y[0] + core.y[1] + core.y[2] + core.y[3];
  c.inv = core.dz ? Fe::zero() : (defer_inv ? fe_u(sum_y) : fe_u(sum_y).inverse());
}

// Replaces every non-zero value of the inv column of rows [lo, hi) by its inverse, with one
// field inversion for the block (Montgomery's trick).
void batch_invert_inv(poly::RowMajorMatrix& m, std::size_t lo, std::size_t hi) {
  constexpr std::size_t kInv = offsetof(ArithCols<Fe>, inv) / sizeof(Fe);
  std::vector<Fe> prefix;
  prefix.reserve(hi - lo);
  Fe acc = Fe::one();
  for (std::size_t i = lo; i < hi; ++i) {
    const Fe v = m.at(i, kInv);
    if (v.is_zero()) continue;
    acc *= v;
    prefix.push_back(acc);
  }
  if (prefix.empty()) return;
  Fe inv_acc = acc.inverse();
  std::size_t k = prefix.size();
  for (std::size_t i = hi; i-- > lo;) {
    Fe& v = m.at(i, kInv);
    if (v.is_zero()) continue;
    --k;
    const Fe before = k == 0 ? Fe::one() : prefix[k - 1];
    const Fe inv = inv_acc * before;
    inv_acc *= v;
    v = inv;
  }
}

}  // namespace

void arith_fill_row(const ArithCore& core, std::span<Fe> row) {
  ZISKC_CHECK(row.size() == kArithWidth && core.flag < kNumArithFlags, "arith: bad row");
  // Bounded so that the 64-bit position sums cannot overflow.
  bool small = core.u < (std::uint64_t{1} << 32);
  for (int i = 0; i < 4; ++i)
    small = small && core.x[i] < kMaxCoreChunk && core.y[i] < kMaxCoreChunk &&
            core.w[i] < kMaxCoreChunk;
  for (int i = 0; i < 2; ++i)
    small = small && core.z_lo[i] < kMaxCoreChunk && core.z_hi[i] < kMaxCoreChunk;
  ZISKC_CHECK(small, "arith: core chunk too large");
  fill_row(core, row, /*defer_inv=*/false);
}

poly::RowMajorMatrix arith_trace(std::span<const OpRecord> records, unsigned log_height,
                                 TableCounts& range16, TableCounts& byte_pair,
                                 TableCounts& chunk_table) {
  ZISKC_CHECK(log_height < 40, "arith: instance height out of range");
  const std::size_t rows = std::size_t{1} << log_height;
  ZISKC_CHECK(records.size() <= rows, "arith: more records than rows");
  ZISKC_CHECK(range16.size() == kTableRows && byte_pair.size() == kTableRows &&
                  chunk_table.size() == kArithChunkTableRows,
              "arith: table counts of the wrong size");
  auto m = poly::RowMajorMatrix::zeros(rows, kArithWidth);

  // Small blocks count straight into the shared (atomic) tables; large ones into a local
  // histogram first, so the shared counters see one add per distinct value.
  constexpr std::size_t kLocalCountsFrom = std::size_t{1} << 14;
  base::parallel_for_chunks(0, records.size(), 4096, [&](std::size_t lo, std::size_t hi) {
    const bool local = hi - lo >= kLocalCountsFrom;
    std::vector<std::uint32_t> h16(local ? kTableRows : 0), hb(local ? kTableRows : 0);
    std::vector<std::uint32_t> hc(local ? kArithChunkTableRows : 0);
    const auto add16 = [&](Fe v) {
      ZISKC_DCHECK(v.value() < kTableRows, "arith: honest chunk out of range");
      if (local) {
        ++h16[v.value()];
      } else {
        range16.add(v.value());
      }
    };
    const auto addc = [&](Fe v, bool sig, Fe n) {
      ZISKC_DCHECK(v.value() < kTableRows && n.value() <= 1, "arith: honest chunk out of range");
      const std::size_t r = arith_chunk_row(v.value(), sig ? n.value() : kChunkAny);
      if (local) {
        ++hc[r];
      } else {
        chunk_table.add(r);
      }
    };
    for (std::size_t i = lo; i < hi; ++i) {
      const OpRecord& rec = records[i];
      const ArithCore core = arith_core(rec.op, rec.a, rec.b);
      auto row = m.row(i);
      fill_row(core, row, /*defer_inv=*/true);
      const auto& c = *reinterpret_cast<const ArithCols<Fe>*>(row.data());
      const Traits& t = kTraits[core.flag];
      for (int k = 0; k < 3; ++k) {
        add16(c.x[k]);
        add16(c.y[k]);
        add16(c.w[k]);
        add16(c.carry_lo[k]);
      }
      add16(c.z[2]);
      if (!core.dz) {
        add16(c.z[0]);
        add16(c.z[1]);
        if (t.d64 || t.d32) {
          add16(c.e_hi[0]);
          add16(c.e_hi[1]);
        }
      }
      addc(c.x[3], t.sig3_x, c.n_x);
      addc(c.y[3], t.sy, c.n_y);
      addc(c.z[3], t.sd, c.n_z);
      addc(c.w[3], t.sig3_w, c.n_w);
      ZISKC_DCHECK(c.carry_hi[0].value() < 256 && c.carry_hi[1].value() < 256,
                   "arith: honest carry out of range");
      if (local) {
        ++hb[byte_pair_row(c.carry_hi[0].value(), c.carry_hi[1].value())];
      } else {
        byte_pair.add(byte_pair_row(c.carry_hi[0].value(), c.carry_hi[1].value()));
      }
    }
    batch_invert_inv(m, lo, hi);
    if (local) {
      for (std::size_t r = 0; r < kTableRows; ++r) {
        if (h16[r]) range16.add(r, h16[r]);
        if (hb[r]) byte_pair.add(r, hb[r]);
      }
      for (std::size_t r = 0; r < kArithChunkTableRows; ++r)
        if (hc[r]) chunk_table.add(r, hc[r]);
    }
  });
  return m;
}

poly::RowMajorMatrix arith_chunk_table_trace(const TableCounts& counts) {
  ZISKC_CHECK(counts.size() == kArithChunkTableRows, "arith: chunk table counts of the wrong size");
  auto m = poly::RowMajorMatrix::zeros(kArithChunkTableRows, 1);
  for (std::size_t r = 0; r < kArithChunkTableRows; ++r) {
    const std::uint64_t n = counts.get(r);
    ZISKC_CHECK(n < Fe::kP, "arith: table multiplicity does not fit the field");
    m.at(r, 0) = Fe::from_canonical(n);
  }
  return m;
}

}  // namespace ziskc::sm
