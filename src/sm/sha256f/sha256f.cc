// The Sha256F witness (sha256f.h): records from replayed steps, the implied memory accesses and
// the trace, one row per round computed as the AIR states it (shift registers, window).
#include "sm/sha256f/sha256f.h"

#include <bit>
#include <cstring>

#include "base/check.h"
#include "precompile/sha256.h"
#include "sm/buses.h"
#include "sm/sha256f/air.h"
#include "zisk/ops.h"

namespace ziskc::sm {
namespace {

using u32 = std::uint32_t;
using u64 = std::uint64_t;

Sha256fCols<Fe>& cols(std::span<Fe> row) { return *reinterpret_cast<Sha256fCols<Fe>*>(row.data()); }

void set_bits(Fe* out, u32 v) {
  for (unsigned j = 0; j < 32; ++j) out[j] = Fe::from_u64((v >> j) & 1);
}
void set_carry(Fe* out, unsigned n, u64 carry) {
  for (unsigned k = 0; k < n; ++k) out[k] = Fe::from_u64((carry >> k) & 1);
}
u32 small_sigma0(u32 x) { return std::rotr(x, 7) ^ std::rotr(x, 18) ^ (x >> 3); }
u32 small_sigma1(u32 x) { return std::rotr(x, 17) ^ std::rotr(x, 19) ^ (x >> 10); }
u32 big_sigma0(u32 x) { return std::rotr(x, 2) ^ std::rotr(x, 13) ^ std::rotr(x, 22); }
u32 big_sigma1(u32 x) { return std::rotr(x, 6) ^ std::rotr(x, 11) ^ std::rotr(x, 25); }

// Fills the 64 rows of one call from `row` on.
void fill_call(poly::RowMajorMatrix& m, std::size_t row, bool sel, const Sha256fRecord& r) {
  u32 h[8];
  for (unsigned i = 0; i < kSha256StateWords; ++i) {
    h[2 * i] = static_cast<u32>(r.state[i]);
    h[2 * i + 1] = static_cast<u32>(r.state[i] >> 32);
  }
  // W_0..W_79 (the window of row t reaches W_(t+15); row 63 computes W_79's carry).
  u32 w[kSha256Rounds + 16];
  u64 wsum[kSha256Rounds + 16] = {};
  for (unsigned i = 0; i < kSha256InputWords; ++i) {
    w[2 * i] = __builtin_bswap32(static_cast<u32>(r.input[i]));
    w[2 * i + 1] = __builtin_bswap32(static_cast<u32>(r.input[i] >> 32));
  }
  for (unsigned t = 16; t < kSha256Rounds + 16; ++t) {
    wsum[t] = u64{small_sigma1(w[t - 2])} + w[t - 7] + small_sigma0(w[t - 15]) + w[t - 16];
    w[t] = static_cast<u32>(wsum[t]);
  }
  // a_hist[t + 3] = a_t (a_0 = H_0, a_-1 = H_1, ...), likewise e.
  u32 a_hist[kSha256Rounds + 4], e_hist[kSha256Rounds + 4];
  for (unsigned k = 0; k < 4; ++k) {
    a_hist[3 - k] = h[k];
    e_hist[3 - k] = h[4 + k];
  }
  for (unsigned t = 0; t < kSha256Rounds; ++t) {
    Sha256fCols<Fe>& c = cols(m.row(row + t));
    c.round[t] = Fe::one();
    c.sel = Fe::from_u64(sel ? 1 : 0);
    c.step = Fe::from_u64(r.step);
    c.addr = Fe::from_u64(r.addr);
    c.state_ptr = Fe::from_u64(r.state_ptr);
    c.input_ptr = Fe::from_u64(r.input_ptr);
    for (unsigned i = 0; i < 8; ++i) c.h_in[i] = Fe::from_u64(h[i]);
    for (unsigned i = 0; i < 16; ++i) set_bits(c.w[i], w[t + i]);
    c.sig0 = Fe::from_u64(small_sigma0(w[t + 1]));
    c.sig1 = Fe::from_u64(small_sigma1(w[t + 14]));
    set_carry(c.w_carry, 2, wsum[t + 16] >> 32);
    const u32 a = a_hist[t + 3], bb = a_hist[t + 2], cc = a_hist[t + 1], d = a_hist[t];
    const u32 e = e_hist[t + 3], f = e_hist[t + 2], g = e_hist[t + 1], hh = e_hist[t];
    const u32 s1 = big_sigma1(e), ch = (e & f) ^ (~e & g);
    const u32 s0 = big_sigma0(a), maj = (a & bb) ^ (a & cc) ^ (bb & cc);
    const u64 t1 = u64{hh} + s1 + ch + kSha256K[t] + w[t];
    const u64 new_e = u64{d} + t1, new_a = t1 + s0 + maj;
    a_hist[t + 4] = static_cast<u32>(new_a);
    e_hist[t + 4] = static_cast<u32>(new_e);
    for (unsigned k = 0; k < 5; ++k) {
      set_bits(c.a[k], a_hist[t + 4 - k]);
      set_bits(c.e[k], e_hist[t + 4 - k]);
    }
    c.big_sig0 = Fe::from_u64(s0);
    c.big_sig1 = Fe::from_u64(s1);
    c.ch = Fe::from_u64(ch);
    c.maj = Fe::from_u64(maj);
    set_carry(c.a_carry, 3, new_a >> 32);
    set_carry(c.e_carry, 3, new_e >> 32);
    if (t == kSha256Rounds - 1) {
      for (unsigned i = 0; i < 8; ++i) {
        const u32 x = i < 4 ? a_hist[t + 4 - i] : e_hist[t + 4 - (i - 4)];
        const u64 sum = u64{h[i]} + x;
        set_bits(c.out[i], static_cast<u32>(sum));
        c.out_carry[i] = Fe::from_u64(sum >> 32);
      }
    }
  }
}

}  // namespace

std::array<u64, kSha256StateWords> sha256f_output(const Sha256fRecord& r) {
  static_assert(std::endian::native == std::endian::little);
  u32 h[8];
  std::uint8_t block[64];
  std::memcpy(h, r.state.data(), sizeof(h));
  std::memcpy(block, r.input.data(), sizeof(block));
  precompile::sha256_compress(h, block);
  std::array<u64, kSha256StateWords> out{};
  std::memcpy(out.data(), h, sizeof(h));
  return out;
}

Status sha256f_record_from_step(const emu::StepRecord& step, std::vector<Sha256fRecord>& out) {
  ZISKC_CHECK(step.inst != nullptr, "step record without its instruction");
  const auto bad = [&](std::string_view why) {
    return make_error(ErrorCode::kInvalidArgument, "sha256: step {} (pc 0x{:x}): {}", step.step,
                      step.pc, why);
  };
  if (step.inst->op != zisk::Op::kSha256) return bad("not a sha256 op");
  if (step.a != 0 || step.c != 0 || step.flag || step.inst->jmp_offset1 != 0) {
    return bad("a, c, flag or jmp1 is not 0");
  }
  const auto aligned_below_2_32 = [](u64 addr, u64 words) {
    return addr % 8 == 0 && addr < (u64{1} << 32) && (u64{1} << 32) - addr >= 8 * words;
  };
  if (!aligned_below_2_32(step.b, 2)) {
    return bad("the parameter block address is not an 8-aligned address below 2^32");
  }
  Sha256fRecord rec{.step = step.step, .addr = step.b};
  std::array<u64, kSha256StateWords> written{};
  unsigned reads = 0, writes = 0;
  constexpr unsigned kReads = 2 + kSha256StateWords + kSha256InputWords;
  for (const emu::MemAccess& a : step.accesses) {
    if (a.slot == emu::kSlotOpRead && a.kind == emu::MemAccess::kLoad) {
      u64 want = 0;
      if (reads < 2) {
        want = rec.addr + 8 * reads;
      } else if (reads < 2 + kSha256StateWords) {
        want = rec.state_ptr + 8 * (reads - 2);
      } else if (reads < kReads) {
        want = rec.input_ptr + 8 * (reads - 2 - kSha256StateWords);
      }
      if (reads == kReads || a.width != 8 || a.addr != want) return bad("unexpected read");
      if (reads == 0) rec.state_ptr = a.value;
      if (reads == 1) rec.input_ptr = a.value;
      if (reads == 1 && (!aligned_below_2_32(rec.state_ptr, kSha256StateWords) ||
                         !aligned_below_2_32(rec.input_ptr, kSha256InputWords))) {
        return bad("the state or input address is not an 8-aligned address below 2^32");
      }
      if (reads >= 2 && reads < 2 + kSha256StateWords) rec.state[reads - 2] = a.value;
      if (reads >= 2 + kSha256StateWords) rec.input[reads - 2 - kSha256StateWords] = a.value;
      ++reads;
    } else if (a.slot == emu::kSlotOpWrite && a.kind == emu::MemAccess::kStore) {
      if (writes == kSha256StateWords || a.width != 8 || a.addr != rec.state_ptr + 8 * writes) {
        return bad("unexpected write");
      }
      written[writes++] = a.value;
    }
  }
  if (reads != kReads || writes != kSha256StateWords) return bad("not 14 reads and 4 writes");
  // The 14 words are read at one mem_step: they must be distinct words.
  const auto overlap = [](u64 p, u64 np, u64 q, u64 nq) {
    return p < q + 8 * nq && q < p + 8 * np;
  };
  if (overlap(rec.addr, 2, rec.state_ptr, kSha256StateWords) ||
      overlap(rec.addr, 2, rec.input_ptr, kSha256InputWords) ||
      overlap(rec.state_ptr, kSha256StateWords, rec.input_ptr, kSha256InputWords)) {
    return make_error(ErrorCode::kUnsupported,
                      "not supported yet: proving sha256 with overlapping parameter block, state "
                      "and input (step {}, pc 0x{:x})",
                      step.step, step.pc);
  }
  if (written != sha256f_output(rec)) {
    return bad("the written state is not the compression of the read one");
  }
  out.push_back(rec);
  return Status::ok();
}

void sha256f_mem_accesses(const Sha256fRecord& r, std::vector<MemAccess>& out) {
  const u64 rs = emu::mem_step(r.step, kSha256fSlotRead);
  const auto load = [&](u64 addr, u64 value) {
    out.push_back({.addr = addr,
                   .mem_step = rs,
                   .value = value,
                   .width = 8,
                   .mem_op = static_cast<std::uint8_t>(kMemLoad)});
  };
  load(r.addr, r.state_ptr);
  load(r.addr + 8, r.input_ptr);
  for (unsigned j = 0; j < kSha256StateWords; ++j) load(r.state_ptr + 8 * j, r.state[j]);
  for (unsigned j = 0; j < kSha256InputWords; ++j) load(r.input_ptr + 8 * j, r.input[j]);
  const std::array<u64, kSha256StateWords> w = sha256f_output(r);
  for (unsigned j = 0; j < kSha256StateWords; ++j) {
    out.push_back({.addr = r.state_ptr + 8 * j,
                   .mem_step = emu::mem_step(r.step, kSha256fSlotWrite),
                   .value = w[j],
                   .width = 8,
                   .mem_op = static_cast<std::uint8_t>(kMemStore)});
  }
}

poly::RowMajorMatrix sha256f_trace(std::span<const Sha256fRecord> records, unsigned log_height) {
  ZISKC_CHECK(log_height >= kSha256fMinLogHeight && log_height <= kSha256fMaxLogHeight,
              "sha256f: instance height out of range");
  ZISKC_CHECK(records.size() <= sha256f_calls_per_instance(log_height),
              "sha256f: more calls than the instance holds");
  const std::size_t n = std::size_t{1} << log_height;
  auto m = poly::RowMajorMatrix::zeros(n, kSha256fWidth);
  std::size_t row = 0;
  for (const Sha256fRecord& r : records) {
    fill_call(m, row, true, r);
    row += kSha256Rounds;
  }
  const Sha256fRecord pad{};
  for (; row < n; row += kSha256Rounds) fill_call(m, row, false, pad);
  return m;
}

}  // namespace ziskc::sm
