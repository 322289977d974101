// The KeccakF witness (keccakf.h): records from replayed steps, the implied memory accesses and
// the trace, one row per round computed as the AIR states it (θ via C and C', ρπχ, ι).
#include "sm/keccakf/keccakf.h"

#include <bit>

#include "base/check.h"
#include "precompile/keccak.h"
#include "sm/buses.h"
#include "sm/keccakf/air.h"
#include "zisk/ops.h"

namespace ziskc::sm {
namespace {

constexpr std::uint64_t kLo32 = 0xFFFF'FFFFull;

KeccakfCols<Fe>& cols(std::span<Fe> row) { return *reinterpret_cast<KeccakfCols<Fe>*>(row.data()); }

void set_bits(Fe* out, std::uint64_t v) {
  for (unsigned z = 0; z < 64; ++z) out[z] = Fe::from_u64((v >> z) & 1);
}
void set_limbs(Fe* out, std::uint64_t v) {
  out[0] = Fe::from_u64(v & kLo32);
  out[1] = Fe::from_u64(v >> 32);
}

// Fills the 24 rows of one permutation from `row` on (rows past `end` are cut off) and returns
// the output state.
void fill_permutation(poly::RowMajorMatrix& m, std::size_t row, std::size_t end, bool sel,
                      std::uint64_t step, std::uint64_t addr,
                      std::array<std::uint64_t, kKeccakLanes> s) {
  for (unsigned r = 0; r < kKeccakRounds && row + r < end; ++r) {
    KeccakfCols<Fe>& c = cols(m.row(row + r));
    c.round[r] = Fe::one();
    c.sel = Fe::from_u64(sel ? 1 : 0);
    c.step = Fe::from_u64(step);
    c.addr = Fe::from_u64(addr);
    std::uint64_t cx[5], cpx[5], ap[kKeccakLanes], app[kKeccakLanes];
    for (unsigned i = 0; i < kKeccakLanes; ++i) set_limbs(c.a[i], s[i]);
    for (unsigned x = 0; x < 5; ++x) {
      cx[x] = s[x] ^ s[x + 5] ^ s[x + 10] ^ s[x + 15] ^ s[x + 20];
    }
    for (unsigned x = 0; x < 5; ++x) {
      cpx[x] = cx[x] ^ cx[(x + 4) % 5] ^ std::rotl(cx[(x + 1) % 5], 1);
      set_bits(c.c[x], cx[x]);
      set_bits(c.c_prime[x], cpx[x]);
    }
    for (unsigned i = 0; i < kKeccakLanes; ++i) {
      ap[i] = s[i] ^ cx[i % 5] ^ cpx[i % 5];
      set_bits(c.a_prime[i], ap[i]);
    }
    std::uint64_t bb[5][5];
    for (unsigned x = 0; x < 5; ++x) {
      for (unsigned y = 0; y < 5; ++y) {
        const auto src = keccakf_detail::b_source(x, y);
        bb[x][y] = std::rotl(ap[src.lane], static_cast<int>(src.shift));
      }
    }
    for (unsigned x = 0; x < 5; ++x) {
      for (unsigned y = 0; y < 5; ++y) {
        app[x + 5 * y] = bb[x][y] ^ (~bb[(x + 1) % 5][y] & bb[(x + 2) % 5][y]);
        set_limbs(c.a_pp[x + 5 * y], app[x + 5 * y]);
      }
    }
    set_bits(c.a_pp00_bits, app[0]);
    const std::uint64_t ppp00 = app[0] ^ kKeccakRoundConstants[r];
    set_limbs(c.a_ppp00, ppp00);
    s = std::to_array(app);
    s[0] = ppp00;
  }
}

}  // namespace

std::array<std::uint64_t, kKeccakLanes> keccakf_output(const KeccakfRecord& r) {
  std::array<std::uint64_t, kKeccakLanes> s = r.in;
  precompile::keccak_f1600(s.data());
  return s;
}

Status keccakf_record_from_step(const emu::StepRecord& step, std::vector<KeccakfRecord>& out) {
  ZISKC_CHECK(step.inst != nullptr, "step record without its instruction");
  const auto bad = [&](std::string_view why) {
    return make_error(ErrorCode::kInvalidArgument, "keccakf: step {} (pc 0x{:x}): {}", step.step,
                      step.pc, why);
  };
  if (step.inst->op != zisk::Op::kKeccak) return bad("not a keccakf op");
  if (step.a != 0 || step.c != 0 || step.flag || step.inst->jmp_offset1 != 0) {
    return bad("a, c, flag or jmp1 is not 0");
  }
  if (step.b % 8 != 0 || step.b + 8 * kKeccakLanes > (std::uint64_t{1} << 32)) {
    return bad("the state address is not an 8-aligned address below 2^32");
  }
  KeccakfRecord rec{.step = step.step, .addr = step.b, .in = {}};
  std::array<std::uint64_t, kKeccakLanes> written{};
  unsigned reads = 0, writes = 0;
  for (const emu::MemAccess& a : step.accesses) {
    if (a.slot == emu::kSlotOpRead && a.kind == emu::MemAccess::kLoad) {
      if (reads == kKeccakLanes || a.width != 8 || a.addr != rec.addr + 8 * reads) {
        return bad("unexpected read");
      }
      rec.in[reads++] = a.value;
    } else if (a.slot == emu::kSlotOpWrite && a.kind == emu::MemAccess::kStore) {
      if (writes == kKeccakLanes || a.width != 8 || a.addr != rec.addr + 8 * writes) {
        return bad("unexpected write");
      }
      written[writes++] = a.value;
    }
  }
  if (reads != kKeccakLanes || writes != kKeccakLanes) return bad("not 25 reads and 25 writes");
  if (written != keccakf_output(rec))
    return bad("the written state is not Keccak-f of the read one");
  out.push_back(rec);
  return Status::ok();
}

void keccakf_mem_accesses(const KeccakfRecord& r, std::vector<MemAccess>& out) {
  const std::array<std::uint64_t, kKeccakLanes> w = keccakf_output(r);
  for (unsigned i = 0; i < kKeccakLanes; ++i) {
    out.push_back({.addr = r.addr + 8 * i,
                   .mem_step = emu::mem_step(r.step, kKeccakfSlotRead),
                   .value = r.in[i],
                   .width = 8,
                   .mem_op = static_cast<std::uint8_t>(kMemLoad)});
  }
  for (unsigned i = 0; i < kKeccakLanes; ++i) {
    out.push_back({.addr = r.addr + 8 * i,
                   .mem_step = emu::mem_step(r.step, kKeccakfSlotWrite),
                   .value = w[i],
                   .width = 8,
                   .mem_op = static_cast<std::uint8_t>(kMemStore)});
  }
}

poly::RowMajorMatrix keccakf_trace(std::span<const KeccakfRecord> records, unsigned log_height) {
  ZISKC_CHECK(log_height >= kKeccakfMinLogHeight && log_height <= kKeccakfMaxLogHeight,
              "keccakf: instance height out of range");
  ZISKC_CHECK(records.size() <= keccakf_calls_per_instance(log_height),
              "keccakf: more calls than the instance holds");
  const std::size_t n = std::size_t{1} << log_height;
  auto m = poly::RowMajorMatrix::zeros(n, kKeccakfWidth);
  std::size_t row = 0;
  for (const KeccakfRecord& r : records) {
    fill_permutation(m, row, n, true, r.step, r.addr, r.in);
    row += kKeccakRounds;
  }
  for (; row < n; row += kKeccakRounds) fill_permutation(m, row, n, false, 0, 0, {});
  return m;
}

}  // namespace ziskc::sm
