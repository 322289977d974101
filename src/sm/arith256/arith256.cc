// The Arith256 witness (arith256.h): records from replayed steps, the implied memory accesses
// and the trace (16-bit limbs, the carries of the limb identity as the AIR states it).
#include "sm/arith256/arith256.h"

#include "base/check.h"
#include "precompile/arith.h"
#include "sm/arith256/air.h"
#include "sm/buses.h"
#include "zisk/ops.h"

namespace ziskc::sm {
namespace {

using u64 = std::uint64_t;
using field::Fe;

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

}  // namespace

std::pair<U256, U256> arith256_output(const Arith256Record& r) {
  U256 dl{}, dh{};
  precompile::arith256(r.a.data(), r.b.data(), r.c.data(), dl.data(), dh.data());
  return {dl, dh};
}

Status arith256_record_from_step(const emu::StepRecord& step, std::vector<Arith256Record>& out) {
  ZISKC_CHECK(step.inst != nullptr, "step record without its instruction");
  const auto bad = [&](std::string_view why) {
    return make_error(ErrorCode::kInvalidArgument, "arith256: step {} (pc 0x{:x}): {}", step.step,
                      step.pc, why);
  };
  if (step.inst->op != zisk::Op::kArith256) return bad("not an arith256 op");
  if (step.a != 0 || step.c != 0 || step.flag || step.inst->jmp_offset1 != 0) {
    return bad("a, c, flag or jmp1 is not 0");
  }
  const auto aligned_below_2_32 = [](u64 addr, u64 words) {
    return addr % 8 == 0 && addr < (u64{1} << 32) && (u64{1} << 32) - addr >= 8 * words;
  };
  if (!aligned_below_2_32(step.b, kArith256BlockWords)) {
    return bad("the parameter block address is not an 8-aligned address below 2^32");
  }
  Arith256Record rec{.step = step.step, .addr = step.b};
  constexpr unsigned kReads = kArith256BlockWords + 3 * kArith256Words;
  constexpr unsigned kWrites = 2 * kArith256Words;
  std::array<u64, kWrites> written{};
  unsigned reads = 0, writes = 0;
  for (const emu::MemAccess& a : step.accesses) {
    if (a.slot == emu::kSlotOpRead && a.kind == emu::MemAccess::kLoad) {
      u64 want = 0;
      if (reads < kArith256BlockWords) {
        want = rec.addr + 8 * reads;
      } else if (reads < kReads) {
        const unsigned k = (reads - kArith256BlockWords) / kArith256Words;
        const unsigned w = (reads - kArith256BlockWords) % kArith256Words;
        want = rec.ptr[k] + 8 * w;
        (k == 0 ? rec.a : k == 1 ? rec.b : rec.c)[w] = a.value;
      }
      if (reads == kReads || a.width != 8 || a.addr != want) return bad("unexpected read");
      if (reads < kArith256BlockWords) {
        rec.ptr[reads] = a.value;
        if (!aligned_below_2_32(a.value, kArith256Words)) {
          return bad("an operand address is not an 8-aligned address below 2^32");
        }
      }
      ++reads;
    } else if (a.slot == emu::kSlotOpWrite && a.kind == emu::MemAccess::kStore) {
      const u64 want = rec.ptr[3 + writes / kArith256Words] + 8 * (writes % kArith256Words);
      if (writes == kWrites || a.width != 8 || a.addr != want) return bad("unexpected write");
      written[writes++] = a.value;
    }
  }
  if (reads != kReads || writes != kWrites) return bad("not 17 reads and 8 writes");
  // The 17 read words share a mem_step, and so do the 8 written words: they must be distinct.
  const auto overlap = [](u64 p, u64 np, u64 q, u64 nq) {
    return p < q + 8 * nq && q < p + 8 * np;
  };
  const std::array<std::pair<u64, u64>, 4> read_ranges = {{{rec.addr, kArith256BlockWords},
                                                           {rec.ptr[0], kArith256Words},
                                                           {rec.ptr[1], kArith256Words},
                                                           {rec.ptr[2], kArith256Words}}};
  bool overlapping = overlap(rec.ptr[3], kArith256Words, rec.ptr[4], kArith256Words);
  for (unsigned i = 0; i < read_ranges.size(); ++i) {
    for (unsigned j = i + 1; j < read_ranges.size(); ++j) {
      overlapping = overlapping || overlap(read_ranges[i].first, read_ranges[i].second,
                                           read_ranges[j].first, read_ranges[j].second);
    }
  }
  if (overlapping) {
    return make_error(ErrorCode::kUnsupported,
                      "not supported yet: proving arith256 with overlapping parameter block and "
                      "operands a, b, c, or overlapping dl and dh (step {}, pc 0x{:x})",
                      step.step, step.pc);
  }
  const auto [dl, dh] = arith256_output(rec);
  for (unsigned w = 0; w < kArith256Words; ++w) {
    if (written[w] != dl[w] || written[kArith256Words + w] != dh[w]) {
      return bad("the written dl, dh are not a * b + c of the read operands");
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
