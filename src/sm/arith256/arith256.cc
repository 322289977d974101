// The Arith256 witness (arith256.h): records from replayed steps, the implied memory accesses
// and the trace (16-bit limbs, the carries of the limb identity as the AIR states it).
#include "sm/arith256/arith256.h"

#include <fmt/format.h>

#include "base/check.h"
#include "precompile/arith.h"
#include "precompile/mp.h"
#include "sm/arith256/air.h"
#include "sm/arith256/air_mod.h"
#include "sm/buses.h"
#include "zisk/ops.h"

namespace ziskc::sm {
namespace {

using u64 = std::uint64_t;
using field::Fe;
namespace mp = precompile::mp;

Arith256Cols<Fe>& cols(std::span<Fe> row) {
  return *reinterpret_cast<Arith256Cols<Fe>*>(row.data());
}

std::array<u64, kArith256Limbs> limbs_of(const U256& x) {
  std::array<u64, kArith256Limbs> l{};
  for (unsigned i = 0; i < kArith256Limbs; ++i) l[i] = (x[i / 4] >> (16 * (i % 4))) & 0xFFFF;
  return l;
}

void fill_row(Arith256Cols<Fe>& c, const Arith256Record& r, LocalTableCounts& range16) {
  const auto [dl, dh] = arith256_output(r);
  const auto a = limbs_of(r.a), b = limbs_of(r.b), cc = limbs_of(r.c), l = limbs_of(dl),
             h = limbs_of(dh);
  c.sel = Fe::one();
  c.step = Fe::from_u64(r.step);
  c.addr = Fe::from_u64(r.addr);
  for (unsigned i = 0; i < kArith256BlockWords; ++i) c.ptr[i] = Fe::from_u64(r.ptr[i]);
  const auto put = [&](Fe* out, u64 v) {
    *out = Fe::from_u64(v);
    range16.add(v);
  };
  for (unsigned i = 0; i < kArith256Limbs; ++i) {
    put(&c.a[i], a[i]);
    put(&c.b[i], b[i]);
    put(&c.c[i], cc[i]);
    put(&c.dl[i], l[i]);
    put(&c.dh[i], h[i]);
  }
  // carry_k = (sum_{t <= k} (P_t + c_t - r_t) 2^16t) / 2^16(k+1): non-negative, < 2^21. The
  // running value fits in unsigned __int128 (< 2^37 + 2^21 per position).
  unsigned __int128 acc = 0;
  for (unsigned k = 0; k < kArith256Carries; ++k) {
    unsigned __int128 s = acc;
    for (unsigned i = 0; i < kArith256Limbs; ++i) {
      if (k >= i && k - i < kArith256Limbs) s += static_cast<unsigned __int128>(a[i]) * b[k - i];
    }
    const u64 res = k < kArith256Limbs ? l[k] : h[k - kArith256Limbs];
    if (k < kArith256Limbs) s += cc[k];
    ZISKC_CHECK(s >= res && ((s - res) & 0xFFFF) == 0, "arith256: limb identity broken");
    acc = (s - res) >> 16;
    ZISKC_CHECK(acc < static_cast<unsigned __int128>(1) << 32, "arith256: carry too large");
    const u64 cv = static_cast<u64>(acc);
    put(&c.carry_lo[k], cv & 0xFFFF);
    put(&c.carry_hi[k], cv >> 16);
  }
  ZISKC_CHECK(acc == h[kArith256Limbs - 1], "arith256: last carry is not dh's top limb");
}

Status bad_step(const emu::StepRecord& step, std::string_view name, std::string_view why) {
  return make_error(ErrorCode::kInvalidArgument, "{}: step {} (pc 0x{:x}): {}", name, step.step,
                    step.pc, why);
}

// The accesses of an ArithEq step with block [p_0 .. p_4]: the 5 block reads, 4-word reads of
// the first `nops` pointers, 4-word writes of the next `nouts` pointers (the emulator's order).
struct Parsed {
  u64 addr = 0;
  std::array<u64, kArith256BlockWords> ptr{};
  std::array<U256, 4> ops{};
  std::array<u64, 2 * kArith256Words> written{};
};
Status parse_step(const emu::StepRecord& step, zisk::Op op, unsigned nops, unsigned nouts,
                  Parsed& p) {
  ZISKC_CHECK(step.inst != nullptr, "step record without its instruction");
  const std::string_view name = zisk::op_name(op);
  const auto bad = [&](std::string_view why) { return bad_step(step, name, why); };
  if (step.inst->op != op) return bad(fmt::format("not an {} op", name));
  if (step.a != 0 || step.c != 0 || step.flag || step.inst->jmp_offset1 != 0) {
    return bad("a, c, flag or jmp1 is not 0");
  }
  const auto aligned_below_2_32 = [](u64 addr, u64 words) {
    return addr % 8 == 0 && addr < (u64{1} << 32) && (u64{1} << 32) - addr >= 8 * words;
  };
  if (!aligned_below_2_32(step.b, kArith256BlockWords)) {
    return bad("the parameter block address is not an 8-aligned address below 2^32");
  }
  p.addr = step.b;
  const unsigned kReads = kArith256BlockWords + nops * kArith256Words;
  const unsigned kWrites = nouts * kArith256Words;
  unsigned reads = 0, writes = 0;
  for (const emu::MemAccess& a : step.accesses) {
    if (a.slot == emu::kSlotOpRead && a.kind == emu::MemAccess::kLoad) {
      u64 want = 0;
      if (reads < kArith256BlockWords) {
        want = p.addr + 8 * reads;
      } else if (reads < kReads) {
        const unsigned k = (reads - kArith256BlockWords) / kArith256Words;
        const unsigned w = (reads - kArith256BlockWords) % kArith256Words;
        want = p.ptr[k] + 8 * w;
        p.ops[k][w] = a.value;
      }
      if (reads == kReads || a.width != 8 || a.addr != want) return bad("unexpected read");
      if (reads < kArith256BlockWords) {
        p.ptr[reads] = a.value;
        if (!aligned_below_2_32(a.value, kArith256Words)) {
          return bad("an operand address is not an 8-aligned address below 2^32");
        }
      }
      ++reads;
    } else if (a.slot == emu::kSlotOpWrite && a.kind == emu::MemAccess::kStore) {
      if (writes == kWrites) return bad("unexpected write");
      const u64 want = p.ptr[nops + writes / kArith256Words] + 8 * (writes % kArith256Words);
      if (a.width != 8 || a.addr != want) return bad("unexpected write");
      p.written[writes++] = a.value;
    }
  }
  if (reads != kReads || writes != kWrites) {
    return bad(fmt::format("not {} reads and {} writes", kReads, kWrites));
  }
  // The read words share a mem_step, and so do the written words: they must be distinct.
  const auto overlap = [](u64 p0, u64 n0, u64 q0, u64 n1) {
    return p0 < q0 + 8 * n1 && q0 < p0 + 8 * n0;
  };
  std::vector<std::pair<u64, u64>> reads_at = {{p.addr, kArith256BlockWords}};
  for (unsigned k = 0; k < nops; ++k) reads_at.push_back({p.ptr[k], kArith256Words});
  bool overlapping =
      nouts == 2 && overlap(p.ptr[nops], kArith256Words, p.ptr[nops + 1], kArith256Words);
  for (std::size_t i = 0; i < reads_at.size(); ++i) {
    for (std::size_t j = i + 1; j < reads_at.size(); ++j) {
      overlapping = overlapping || overlap(reads_at[i].first, reads_at[i].second, reads_at[j].first,
                                           reads_at[j].second);
    }
  }
  if (overlapping) {
    return make_error(ErrorCode::kUnsupported,
                      "not supported yet: proving {} with overlapping parameter block and "
                      "operands, or overlapping outputs (step {}, pc 0x{:x})",
                      name, step.step, step.pc);
  }
  return Status::ok();
}

Arith256ModCols<Fe>& mod_cols(std::span<Fe> row) {
  return *reinterpret_cast<Arith256ModCols<Fe>*>(row.data());
}

void fill_mod_row(Arith256ModCols<Fe>& c, const Arith256ModRecord& r, LocalTableCounts& range16) {
  // t = a * b + c (512 bits), q, d = divmod(t, m), e = m - 1 - d.
  mp::Uint<8> t = mp::mul(r.a, r.b);
  {
    mp::Uint<8> cc{};
    for (unsigned w = 0; w < kArith256Words; ++w) cc[w] = r.c[w];
    mp::add(t, t, cc);
  }
  mp::Uint<8> q{};
  U256 d{};
  mp::divmod(t, r.m, q, d);
  U256 e{};
  {
    U256 m1{};
    const U256 one{1, 0, 0, 0};
    ZISKC_CHECK(mp::sub(m1, r.m, one) == 0, "arith256_mod: zero module");
    ZISKC_CHECK(mp::sub(e, m1, d) == 0, "arith256_mod: d >= module");
  }
  const auto a = limbs_of(r.a), b = limbs_of(r.b), cl = limbs_of(r.c), ml = limbs_of(r.m),
             dl = limbs_of(d), el = limbs_of(e);
  std::array<u64, kArith256ModQLimbs> ql{};
  for (unsigned i = 0; i < kArith256ModQLimbs; ++i) ql[i] = (q[i / 4] >> (16 * (i % 4))) & 0xFFFF;
  c.sel = Fe::one();
  c.step = Fe::from_u64(r.step);
  c.addr = Fe::from_u64(r.addr);
  for (unsigned i = 0; i < kArith256BlockWords; ++i) c.ptr[i] = Fe::from_u64(r.ptr[i]);
  const auto put = [&](Fe* out, u64 v) {
    *out = Fe::from_u64(v);
    range16.add(v);
  };
  for (unsigned i = 0; i < kArith256Limbs; ++i) {
    put(&c.a[i], a[i]);
    put(&c.b[i], b[i]);
    put(&c.c[i], cl[i]);
    put(&c.m[i], ml[i]);
    put(&c.d[i], dl[i]);
    put(&c.e[i], el[i]);
  }
  for (unsigned i = 0; i < kArith256ModQLimbs; ++i) put(&c.q[i], ql[i]);
  // Borrows of d + e + 1 = m.
  u64 cy = 1;
  for (unsigned k = 0; k < kArith256Limbs; ++k) {
    const u64 s = dl[k] + el[k] + cy;
    ZISKC_CHECK((s & 0xFFFF) == ml[k], "arith256_mod: d + e + 1 != module");
    cy = s >> 16;
    if (k + 1 < kArith256Limbs) c.borrow[k] = Fe::from_u64(cy);
  }
  ZISKC_CHECK(cy == 0, "arith256_mod: carry out of d + e + 1");
  // Signed carries: carry_k = (partial sum of positions <= k) / 2^16(k+1), exact.
  __int128 acc = 0;
  for (unsigned k = 0; k < kArith256ModPositions; ++k) {
    __int128 s = acc;
    for (unsigned i = 0; i < kArith256Limbs; ++i) {
      if (k >= i && k - i < kArith256Limbs) s += static_cast<__int128>(a[i] * b[k - i]);
    }
    for (unsigned j = 0; j < kArith256Limbs; ++j) {
      if (k >= j && k - j < kArith256ModQLimbs) s -= static_cast<__int128>(ql[k - j] * ml[j]);
    }
    if (k < kArith256Limbs) s += static_cast<__int128>(cl[k]) - static_cast<__int128>(dl[k]);
    ZISKC_CHECK((s & 0xFFFF) == 0, "arith256_mod: limb identity broken");
    acc = s >> 16;  // arithmetic shift: exact, s is a multiple of 2^16
    if (k < kArith256ModCarries) {
      ZISKC_CHECK(acc >= -static_cast<__int128>(kArith256ModCarryOffset) &&
                      acc < static_cast<__int128>(kArith256ModCarryOffset),
                  "arith256_mod: carry out of range");
      const u64 cv = static_cast<u64>(acc + kArith256ModCarryOffset);
      put(&c.carry_lo[k], cv & 0xFFFF);
      put(&c.carry_hi[k], cv >> 16);
    }
  }
  ZISKC_CHECK(acc == 0, "arith256_mod: carry out of the last position");
}

}  // namespace

std::pair<U256, U256> arith256_output(const Arith256Record& r) {
  U256 dl{}, dh{};
  precompile::arith256(r.a.data(), r.b.data(), r.c.data(), dl.data(), dh.data());
  return {dl, dh};
}

Status arith256_record_from_step(const emu::StepRecord& step, std::vector<Arith256Record>& out) {
  Parsed p;
  ZISKC_RETURN_IF_ERROR(parse_step(step, zisk::Op::kArith256, 3, 2, p));
  Arith256Record rec{
      .step = step.step, .addr = p.addr, .ptr = p.ptr, .a = p.ops[0], .b = p.ops[1], .c = p.ops[2]};
  const auto [dl, dh] = arith256_output(rec);
  for (unsigned w = 0; w < kArith256Words; ++w) {
    if (p.written[w] != dl[w] || p.written[kArith256Words + w] != dh[w]) {
      return bad_step(step, "arith256",
                      "the written dl, dh are not a * b + c of the read operands");
    }
  }
  out.push_back(rec);
  return Status::ok();
}

Status arith256_mod_record_from_step(const emu::StepRecord& step,
                                     std::vector<Arith256ModRecord>& out) {
  Parsed p;
  ZISKC_RETURN_IF_ERROR(parse_step(step, zisk::Op::kArith256Mod, 4, 1, p));
  Arith256ModRecord rec{.step = step.step,
                        .addr = p.addr,
                        .ptr = p.ptr,
                        .a = p.ops[0],
                        .b = p.ops[1],
                        .c = p.ops[2],
                        .m = p.ops[3]};
  if (rec.m == U256{}) return bad_step(step, "arith256_mod", "the module is zero");
  const U256 d = arith256_mod_output(rec);
  for (unsigned w = 0; w < kArith256Words; ++w) {
    if (p.written[w] != d[w]) {
      return bad_step(step, "arith256_mod", "the written d is not (a * b + c) mod module");
    }
  }
  out.push_back(rec);
  return Status::ok();
}

void arith256_mem_accesses(const Arith256Record& r, std::vector<MemAccess>& out) {
  const auto push = [&](u64 addr, unsigned slot, u64 value, std::uint32_t op) {
    out.push_back({.addr = addr,
                   .mem_step = emu::mem_step(r.step, slot),
                   .value = value,
                   .width = 8,
                   .mem_op = static_cast<std::uint8_t>(op)});
  };
  for (unsigned i = 0; i < kArith256BlockWords; ++i) {
    push(r.addr + 8 * i, kArith256SlotRead, r.ptr[i], kMemLoad);
  }
  const U256* ops[3] = {&r.a, &r.b, &r.c};
  for (unsigned k = 0; k < 3; ++k) {
    for (unsigned w = 0; w < kArith256Words; ++w) {
      push(r.ptr[k] + 8 * w, kArith256SlotRead, (*ops[k])[w], kMemLoad);
    }
  }
  const auto [dl, dh] = arith256_output(r);
  for (unsigned w = 0; w < kArith256Words; ++w) {
    push(r.ptr[3] + 8 * w, kArith256SlotWrite, dl[w], kMemStore);
  }
  for (unsigned w = 0; w < kArith256Words; ++w) {
    push(r.ptr[4] + 8 * w, kArith256SlotWrite, dh[w], kMemStore);
  }
}

poly::RowMajorMatrix arith256_trace(std::span<const Arith256Record> records, unsigned log_height,
                                    TableCounts& range16) {
  ZISKC_CHECK(log_height >= kArith256MinLogHeight && log_height <= kArith256MaxLogHeight,
              "arith256: instance height out of range");
  const std::size_t n = std::size_t{1} << log_height;
  ZISKC_CHECK(records.size() <= n, "arith256: more calls than the instance holds");
  ZISKC_CHECK(range16.size() == (std::size_t{1} << 16), "arith256: range16 is not 2^16 rows");
  auto m = poly::RowMajorMatrix::zeros(n, kArith256Width);
  LocalTableCounts local(range16, records.size() > 256);
  for (std::size_t i = 0; i < records.size(); ++i) fill_row(cols(m.row(i)), records[i], local);
  return m;
}

}  // namespace ziskc::sm

namespace ziskc::sm {

U256 arith256_mod_output(const Arith256ModRecord& r) {
  U256 d{};
  ZISKC_CHECK(precompile::arith256_mod(r.a.data(), r.b.data(), r.c.data(), r.m.data(), d.data()),
              "arith256_mod: zero module");
  return d;
}

void arith256_mod_mem_accesses(const Arith256ModRecord& r, std::vector<MemAccess>& out) {
  const auto push = [&](u64 addr, unsigned slot, u64 value, std::uint32_t op) {
    out.push_back({.addr = addr,
                   .mem_step = emu::mem_step(r.step, slot),
                   .value = value,
                   .width = 8,
                   .mem_op = static_cast<std::uint8_t>(op)});
  };
  for (unsigned i = 0; i < kArith256BlockWords; ++i) {
    push(r.addr + 8 * i, kArith256SlotRead, r.ptr[i], kMemLoad);
  }
  const U256* ops[4] = {&r.a, &r.b, &r.c, &r.m};
  for (unsigned k = 0; k < 4; ++k) {
    for (unsigned w = 0; w < kArith256Words; ++w) {
      push(r.ptr[k] + 8 * w, kArith256SlotRead, (*ops[k])[w], kMemLoad);
    }
  }
  const U256 d = arith256_mod_output(r);
  for (unsigned w = 0; w < kArith256Words; ++w) {
    push(r.ptr[4] + 8 * w, kArith256SlotWrite, d[w], kMemStore);
  }
}

poly::RowMajorMatrix arith256_mod_trace(std::span<const Arith256ModRecord> records,
                                        unsigned log_height, TableCounts& range16) {
  ZISKC_CHECK(log_height >= kArith256MinLogHeight && log_height <= kArith256MaxLogHeight,
              "arith256_mod: instance height out of range");
  const std::size_t n = std::size_t{1} << log_height;
  ZISKC_CHECK(records.size() <= n, "arith256_mod: more calls than the instance holds");
  ZISKC_CHECK(range16.size() == (std::size_t{1} << 16), "arith256_mod: range16 is not 2^16 rows");
  auto m = poly::RowMajorMatrix::zeros(n, kArith256ModWidth);
  LocalTableCounts local(range16, records.size() > 256);
  for (std::size_t i = 0; i < records.size(); ++i) {
    fill_mod_row(mod_cols(m.row(i)), records[i], local);
  }
  return m;
}

}  // namespace ziskc::sm
