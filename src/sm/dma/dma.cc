// DMA records from replayed steps, the accesses they imply, planning and the trace builders
// (sm/dma/dma.h). The row layout is docs/sm/dma.md "Rows".
#include "sm/dma/dma.h"

#include <fmt/format.h>

#include <string_view>

#include "sm/buses.h"
#include "sm/dma/air.h"
#include "sm/dma/cols.h"
#include "sm/tables/tables_air.h"

namespace ziskc::sm {
namespace {

using zisk::Op;

constexpr std::uint64_t kLo32 = 0xFFFF'FFFFull;
constexpr std::uint64_t kAddrLimit = std::uint64_t{1} << 32;
const Fe kInv8 = Fe::from_u64(8).inverse();

bool reads_count(Op op) { return op == Op::kDmaMemcpy || op == Op::kDmaMemcmp; }
bool has_source(Op op) { return op != Op::kDmaXMemset && op != Op::kDmaInputcpy; }

std::uint8_t byte_of(std::uint64_t w, unsigned k) {
  return static_cast<std::uint8_t>(w >> (8 * k));
}
Fe fe(std::uint64_t v) { return Fe::from_u64(v); }
Fe bit(bool v) { return v ? Fe::one() : Fe::zero(); }

// Where an op's rows go (docs/sm/dma.md "Rows"): its dst words (memcmp: words of a up to the
// first difference), the window offset r, and whether a trailing source row follows.
struct Geometry {
  bool zero = true;         // n == 0: one Z row
  unsigned off = 0;         // dst & 7
  unsigned r = 0;           // dst byte j of a row is window byte j + r
  bool borrow = false;      // the F row's own source word is below src (it reads nothing)
  std::uint64_t w0 = 0;     // first dst word index
  std::uint64_t words = 0;  // dst rows
  unsigned e = 0;           // the last row covers bytes below e (neq: e is the differing byte)
  bool neq = false;         // memcmp with a difference
  bool tail = false;        // a trailing source row
  std::size_t rows() const { return zero ? 1 : words + (tail ? 1 : 0); }
};

Geometry geometry(const DmaRecord& rec) {
  Geometry g;
  if (rec.n == 0) return g;
  g.zero = false;
  g.off = static_cast<unsigned>(rec.a & 7);
  g.w0 = rec.a >> 3;
  std::uint64_t last = rec.n - 1;  // the last byte index the rows cover
  if (is_dma_cmp(rec.op) && rec.first_diff < rec.n) {
    g.neq = true;
    last = rec.first_diff;
  }
  const std::uint64_t end = rec.a + last;
  g.words = (end >> 3) - g.w0 + 1;
  g.e = static_cast<unsigned>(end & 7) + (g.neq ? 0 : 1);
  if (rec.op == Op::kDmaXMemset) {
    g.r = 0;
  } else if (rec.op == Op::kDmaInputcpy) {
    g.r = (8 - g.off) & 7;
  } else {
    const unsigned so = static_cast<unsigned>(rec.b & 7);
    g.r = (so + 8 - g.off) & 7;
    g.borrow = so < g.off;
  }
  g.tail = has_source(rec.op) && (g.neq ? g.e + g.r >= 8 : g.e + g.r > 8);
  return g;
}

// The source words of [src, src + len).
std::uint64_t source_words(std::uint64_t src, std::uint64_t len) {
  return len == 0 ? 0 : ((src + len - 1) >> 3) - (src >> 3) + 1;
}

// The byte at address addr of the memcpy source described by rec.src.
std::uint8_t memcpy_source_byte(const DmaRecord& rec, std::uint64_t addr) {
  const std::uint64_t i = (addr >> 3) - (rec.b >> 3);
  return byte_of(rec.src[i], static_cast<unsigned>(addr & 7));
}

// The dst word k of a copy op after the op (what the emulator writes).
std::uint64_t copy_result_word(const DmaRecord& rec, const Geometry& g, std::uint64_t k) {
  const std::uint64_t base = 8 * (g.w0 + k);
  std::uint64_t before = 0;
  if (k == 0 && g.off != 0) {
    before = rec.pre;
  } else if (k + 1 == g.words && g.e < 8) {
    before = rec.post;
  }
  std::uint64_t v = 0;
  for (unsigned j = 0; j < 8; ++j) {
    const std::uint64_t addr = base + j;
    std::uint8_t x = byte_of(before, j);
    if (addr >= rec.a && addr - rec.a < rec.n) {
      switch (rec.op) {
        case Op::kDmaXMemset:
          x = static_cast<std::uint8_t>(rec.extra);
          break;
        case Op::kDmaInputcpy: {
          const std::uint64_t i = addr - rec.a;
          x = byte_of(rec.src[i / 8], static_cast<unsigned>(i % 8));
          break;
        }
        default:
          x = memcpy_source_byte(rec, rec.b + (addr - rec.a));
      }
    }
    v |= static_cast<std::uint64_t>(x) << (8 * j);
  }
  return v;
}

class Reader {
 public:
  explicit Reader(const emu::StepRecord& s) : s_(s) {
    for (const emu::MemAccess& a : s.accesses) {
      if (a.kind == emu::MemAccess::kLoad && a.slot == emu::kSlotOpRead) loads_.push_back(&a);
      if (a.kind == emu::MemAccess::kStore && a.slot == emu::kSlotOpWrite) stores_.push_back(&a);
    }
  }
  template <class... Args>
  Status bad(fmt::format_string<Args...> f, Args&&... args) const {
    return make_error(ErrorCode::kInvalidArgument, "dma: step {} ({} at pc 0x{:x}): {}", s_.step,
                      zisk::op_name(s_.inst->op), s_.pc,
                      fmt::format(f, std::forward<Args>(args)...));
  }
  // The next aligned 8-byte read / write, which must be of the word at addr; false after
  // setting status() when it is not.
  bool read(std::uint64_t addr, std::uint64_t& v) { return take(loads_, li_, "read", addr, v); }
  bool write(std::uint64_t addr, std::uint64_t& v) { return take(stores_, si_, "write", addr, v); }
  const Status& status() const { return status_; }
  std::size_t loads_left() const { return loads_.size() - li_; }
  std::size_t stores_left() const { return stores_.size() - si_; }
  Status done() const {
    if (li_ != loads_.size() || si_ != stores_.size()) {
      return bad("{} reads and {} writes left over", loads_.size() - li_, stores_.size() - si_);
    }
    return Status::ok();
  }

 private:
  bool take(const std::vector<const emu::MemAccess*>& list, std::size_t& i, const char* what,
            std::uint64_t addr, std::uint64_t& v) {
    if (i >= list.size()) {
      status_ = bad("missing the {} of 0x{:x}", what, addr);
      return false;
    }
    const emu::MemAccess& a = *list[i++];
    if (a.addr != addr || a.width != 8) {
      status_ = bad("{} {} is of 0x{:x} (width {}), expected the word at 0x{:x}", what, i - 1,
                    a.addr, a.width, addr);
      return false;
    }
    v = a.value;
    return true;
  }

  const emu::StepRecord& s_;
  std::vector<const emu::MemAccess*> loads_, stores_;
  std::size_t li_ = 0, si_ = 0;
  Status status_;
};

Status parse_copy(Reader& in, DmaRecord& rec) {
  if (rec.op == Op::kDmaXMemset && (rec.extra < 0 || rec.extra > 0xFF)) {
    return in.bad("memset byte {} is not a byte", rec.extra);
  }
  if (rec.n == 0) return in.done();
  if (rec.a >= kAddrLimit || rec.n > kAddrLimit - rec.a) {
    return in.bad("range [0x{:x}, +{}) beyond 2^32", rec.a, rec.n);
  }
  if (rec.op == Op::kDmaInputcpy && rec.n % 8 != 0) return in.bad("inputcpy of {} bytes", rec.n);
  const Geometry g = geometry(rec);
  const std::uint64_t first = 8 * g.w0, last = 8 * (g.w0 + g.words - 1);
  const bool pre = g.off != 0, post = g.e < 8;
  // The emulator's order: [first word if partial] [last word if partial and another word].
  if (pre) {
    if (!in.read(first, rec.pre)) return in.status();
    if (g.words == 1) rec.post = rec.pre;
  }
  if (post && !(pre && g.words == 1)) {
    if (!in.read(last, rec.post)) return in.status();
    if (g.words == 1) rec.pre = rec.post;
  }
  if (rec.op == Op::kDmaMemcpy || rec.op == Op::kDmaXMemcpy) {
    if (rec.b >= kAddrLimit || rec.n > kAddrLimit - rec.b) {
      return in.bad("source [0x{:x}, +{}) beyond 2^32", rec.b, rec.n);
    }
    const std::uint64_t s0 = rec.b & ~std::uint64_t{7};
    const std::uint64_t count = source_words(rec.b, rec.n);
    if (count > in.loads_left()) {
      return in.bad("{} source words, {} reads recorded", count, in.loads_left());
    }
    rec.src.resize(count);
    for (std::uint64_t k = 0; k < count; ++k) {
      if (!in.read(s0 + 8 * k, rec.src[k])) return in.status();
    }
  }
  if (g.words != in.stores_left()) {
    return in.bad("{} dst words, {} writes recorded", g.words, in.stores_left());
  }
  std::vector<std::uint64_t> written(g.words);
  for (std::uint64_t k = 0; k < g.words; ++k) {
    if (!in.write(first + 8 * k, written[k])) return in.status();
  }
  if (rec.op == Op::kDmaInputcpy) {
    // The free-input words are hints (not memory reads): the bytes the emulator wrote.
    rec.src.assign(rec.n / 8, 0);
    for (std::uint64_t i = 0; i < rec.n; ++i) {
      const std::uint64_t addr = rec.a + i;
      const std::uint64_t x = byte_of(written[(addr >> 3) - g.w0], static_cast<unsigned>(addr & 7));
      rec.src[i / 8] |= x << (8 * (i % 8));
    }
  }
  for (std::uint64_t k = 0; k < g.words; ++k) {
    const std::uint64_t want = copy_result_word(rec, g, k);
    if (written[k] != want) {
      return in.bad("wrote 0x{:x} to 0x{:x}, the DMA semantics give 0x{:x}", written[k],
                    first + 8 * k, want);
    }
  }
  return in.done();
}

Status parse_cmp(Reader& in, DmaRecord& rec, std::uint64_t c) {
  rec.first_diff = rec.n;
  std::uint64_t result = 0;
  if (rec.n != 0) {
    if (rec.a >= kAddrLimit || rec.n > kAddrLimit - rec.a || rec.b >= kAddrLimit ||
        rec.n > kAddrLimit - rec.b) {
      return in.bad("ranges [0x{:x}, +{}) and [0x{:x}, +{}) beyond 2^32", rec.a, rec.n, rec.b,
                    rec.n);
    }
    // The emulator's scan: byte j needs a new word of a (b) at j = 0 and at each word start.
    std::uint64_t wa = 0, wb = 0;
    for (std::uint64_t j = 0; j < rec.n; ++j) {
      const std::uint64_t pa = rec.a + j, pb = rec.b + j;
      if (j == 0 || (pa & 7) == 0) {
        if (!in.read(pa & ~std::uint64_t{7}, wa)) return in.status();
        rec.dst.push_back(wa);
      }
      if (j == 0 || (pb & 7) == 0) {
        if (!in.read(pb & ~std::uint64_t{7}, wb)) return in.status();
        rec.src.push_back(wb);
      }
      const std::uint8_t ba = byte_of(wa, static_cast<unsigned>(pa & 7));
      const std::uint8_t bb = byte_of(wb, static_cast<unsigned>(pb & 7));
      if (ba != bb) {
        rec.first_diff = j;
        result = static_cast<std::uint64_t>(static_cast<std::int64_t>(ba) - bb);
        break;
      }
    }
  }
  if (c != result) return in.bad("result 0x{:x}, the bytes give 0x{:x}", c, result);
  return in.done();
}

}  // namespace

bool is_dma_cmp(zisk::Op op) { return op == Op::kDmaMemcmp || op == Op::kDmaXMemcmp; }

Status dma_records_from_step(const emu::StepRecord& step, DmaRecords& out) {
  ZISKC_CHECK(step.inst != nullptr, "step record without its instruction");
  const Op op = step.inst->op;
  if (zisk::op_info(op).machine != zisk::Machine::kDma) {
    return make_error(ErrorCode::kInvalidArgument, "dma: step {} ({}) is not a DMA op", step.step,
                      zisk::op_name(op));
  }
  Reader in(step);
  DmaRecord rec;
  rec.op = op;
  rec.step = step.step;
  rec.a = step.a;
  rec.b = step.b;
  rec.c = step.c;
  rec.extra = step.inst->jmp_offset1;
  if (step.flag) return in.bad("flag set");
  if (reads_count(op)) {
    // The count read is a plain 8-byte load at EXTRA_PARAMS, before the op's own reads.
    if (step.accesses.empty() || step.accesses.front().slot != emu::kSlotOpRead ||
        step.accesses.front().width != 8 || step.accesses.front().kind != emu::MemAccess::kLoad) {
      return in.bad("no count read");
    }
    rec.count_addr = step.accesses.front().addr;
    if (!in.read(rec.count_addr, rec.n)) return in.status();
  } else if (op == Op::kDmaXMemcpy || op == Op::kDmaXMemcmp) {
    rec.n = static_cast<std::uint64_t>(rec.extra);
  } else {
    rec.n = rec.b;
  }
  if (is_dma_cmp(op)) {
    ZISKC_RETURN_IF_ERROR(parse_cmp(in, rec, step.c));
    out.cmp.push_back(std::move(rec));
    return Status::ok();
  }
  if (step.c != step.a) return in.bad("result 0x{:x} is not dst 0x{:x}", step.c, step.a);
  ZISKC_RETURN_IF_ERROR(parse_copy(in, rec));
  (dma_machine(rec) == DmaMachine::kAligned ? out.aligned : out.copy).push_back(std::move(rec));
  return Status::ok();
}

DmaMachine dma_machine(const DmaRecord& r) {
  if (is_dma_cmp(r.op)) return DmaMachine::kCmp;
  const bool aligned_op =
      r.op == Op::kDmaMemcpy || r.op == Op::kDmaXMemcpy || r.op == Op::kDmaXMemset;
  const bool aligned_src = r.op == Op::kDmaXMemset || r.b % 8 == 0;
  if (aligned_op && r.n > 0 && r.n % 8 == 0 && r.a % 8 == 0 && aligned_src) {
    return DmaMachine::kAligned;
  }
  return DmaMachine::kCopy;
}

void dma_mem_accesses(const DmaRecord& r, std::vector<MemAccess>& out) {
  const auto ms = [&](unsigned slot) { return emu::mem_step(r.step, slot); };
  const auto load = [&](std::uint64_t addr, unsigned slot, std::uint64_t v) {
    out.push_back({.addr = addr,
                   .mem_step = ms(slot),
                   .value = v,
                   .width = 8,
                   .mem_op = static_cast<std::uint8_t>(kMemLoad)});
  };
  if (reads_count(r.op)) load(r.count_addr, kDmaSlotCount, r.n);
  const Geometry g = geometry(r);
  if (g.zero) return;
  const std::uint64_t first = 8 * g.w0;
  if (is_dma_cmp(r.op)) {
    for (std::uint64_t k = 0; k < g.words; ++k) load(first + 8 * k, kDmaSlotDst, r.dst[k]);
    const std::uint64_t s0 = r.b & ~std::uint64_t{7};
    for (std::size_t k = 0; k < r.src.size(); ++k) load(s0 + 8 * k, kDmaSlotSrc, r.src[k]);
    return;
  }
  if (g.off != 0) load(first, kDmaSlotDst, r.pre);
  if (g.e < 8 && !(g.off != 0 && g.words == 1)) {
    load(first + 8 * (g.words - 1), kDmaSlotDst, r.post);
  }
  if (has_source(r.op)) {
    const std::uint64_t s0 = r.b & ~std::uint64_t{7};
    for (std::size_t k = 0; k < r.src.size(); ++k) load(s0 + 8 * k, kDmaSlotSrc, r.src[k]);
  }
  for (std::uint64_t k = 0; k < g.words; ++k) {
    out.push_back({.addr = first + 8 * k,
                   .mem_step = ms(kDmaSlotWrite),
                   .value = copy_result_word(r, g, k),
                   .width = 8,
                   .mem_op = static_cast<std::uint8_t>(kMemStore)});
  }
}

std::size_t dma_rows(const DmaRecord& r, DmaMachine m) {
  if (m == DmaMachine::kAligned) {
    ZISKC_DCHECK(dma_machine(r) == DmaMachine::kAligned, "dma: not an aligned op");
    return (r.n / 8 + kDmaAlignedSlots - 1) / kDmaAlignedSlots;
  }
  return geometry(r).rows();
}

Result<DmaPlan> plan_dma(DmaMachine m, std::span<const DmaRecord> records, unsigned log_height) {
  if (log_height < kDmaMinLogHeight || log_height > kDmaMaxLogHeight) {
    return make_error(ErrorCode::kInvalidArgument, "dma: instance height 2^{} outside [2^{}, 2^{}]",
                      log_height, kDmaMinLogHeight, kDmaMaxLogHeight);
  }
  DmaPlan plan{.log_height = log_height, .starts = {}};
  const std::size_t h = plan.height();
  std::size_t used = h;  // rows used in the current instance (none open yet)
  for (std::size_t i = 0; i < records.size(); ++i) {
    const DmaMachine own = dma_machine(records[i]);
    if (own != m && !(m == DmaMachine::kCopy && own == DmaMachine::kAligned)) {
      return make_error(ErrorCode::kInvalidArgument,
                        "dma: {} at step {} is not an op of this machine",
                        zisk::op_name(records[i].op), records[i].step);
    }
    const std::size_t rows = dma_rows(records[i], m);
    if (rows > h) {
      return make_error(ErrorCode::kUnsupported,
                        "not supported yet: {} of {} bytes at step {} needs {} DMA rows, more than "
                        "an instance of 2^{}",
                        zisk::op_name(records[i].op), records[i].n, records[i].step, rows,
                        log_height);
    }
    if (used + rows > h) {
      plan.starts.push_back(i);
      used = 0;
    }
    used += rows;
  }
  if (!records.empty()) plan.starts.push_back(records.size());
  return plan;
}

namespace {

// Table counts of one instance, batched in a local histogram when it has many lookups.
class BatchedCounts : public LocalTableCounts {
 public:
  BatchedCounts(TableCounts& table, std::size_t expected)
      : LocalTableCounts(table, expected >= 16384) {}
};

// The source word of row k (h): memcpy / memcmp the word hw0 + k, memset the fill byte,
// inputcpy the free word the row's window starts with.
std::uint64_t row_source(const DmaRecord& rec, const Geometry& g, std::uint64_t k) {
  switch (rec.op) {
    case Op::kDmaXMemset:
      return 0x0101'0101'0101'0101ull * static_cast<std::uint8_t>(rec.extra);
    case Op::kDmaInputcpy:
      if (g.off == 0) return rec.src[k];
      return k == 0 ? 0 : rec.src[k - 1];
    default: {
      if (k == 0 && g.borrow) return 0;
      const std::uint64_t i = k - (g.borrow ? 1 : 0);
      ZISKC_CHECK(i < rec.src.size(), "dma: a source word the record does not hold");
      return rec.src[i];
    }
  }
}

// The columns both machines share, for row k of a non-zero op.
template <class Cols>
void fill_shared(Cols& c, const DmaRecord& rec, const Geometry& g, std::uint64_t k, std::uint64_t h,
                 const Fe& hw0) {
  DmaRowCols<Fe>& s = c.row;
  const bool is_tail = k == g.words;
  s.f_first = bit(k == 0);
  s.f_more = bit(k > 0 && !is_tail);
  s.f_tail = bit(is_tail);
  s.step = fe(rec.step);
  s.dw = fe(g.w0 + k);
  s.hw = hw0 + fe(k);
  s.cnt = fe(g.off + rec.n) - fe(8 * k);
  for (unsigned j = 0; j < 8; ++j) s.h[j] = fe(byte_of(h, j));
  if (g.r != 0) s.r[g.r - 1] = Fe::one();
  if (k == 0 && g.off != 0) s.od[g.off - 1] = Fe::one();
}

void count_bytes(BatchedCounts& bp, std::uint64_t h, std::uint64_t p) {
  for (unsigned j = 0; j < 8; j += 2) bp.add(byte_pair_row(byte_of(h, j), byte_of(h, j + 1)));
  for (unsigned j = 0; j < 8; j += 2) bp.add(byte_pair_row(byte_of(p, j), byte_of(p, j + 1)));
}

// Window byte i of row k: its source word, then the next row's.
std::uint8_t window_byte(std::span<const std::uint64_t> h, std::uint64_t k, unsigned i) {
  return i < 8 ? byte_of(h[k], i) : byte_of(h[k + 1], i - 8);
}

std::size_t total_rows(std::span<const DmaRecord> records, DmaMachine m) {
  std::size_t n = 0;
  for (const DmaRecord& r : records) n += dma_rows(r, m);
  return n;
}

}  // namespace

poly::RowMajorMatrix dma_copy_trace(std::span<const DmaRecord> records, unsigned log_height,
                                    TableCounts& byte_pair) {
  const std::size_t height = std::size_t{1} << log_height;
  const std::size_t rows = total_rows(records, DmaMachine::kCopy);
  ZISKC_CHECK(rows <= height, "dma_copy: more rows than the instance holds");
  constexpr std::size_t w = stark::width_of<DmaCopyCols>();
  auto m = poly::RowMajorMatrix::zeros(height, w);
  BatchedCounts bp(byte_pair, 8 * rows);
  std::vector<std::uint64_t> h;
  std::size_t at = 0;
  for (const DmaRecord& rec : records) {
    ZISKC_CHECK(!is_dma_cmp(rec.op), "dma_copy: a memcmp record");
    const Geometry g = geometry(rec);
    auto* rows_of = reinterpret_cast<DmaCopyCols<Fe>*>(m.values.data() + at * w);
    const Fe kx = bit(rec.op == Op::kDmaXMemcpy), ki = bit(rec.op == Op::kDmaInputcpy);
    const Fe ks = bit(rec.op == Op::kDmaXMemset);
    const bool src_op = has_source(rec.op);
    if (g.zero) {
      DmaCopyCols<Fe>& c = rows_of[0];
      c.row.f_zero = Fe::one();
      c.kx = kx;
      c.ki = ki;
      c.ks = ks;
      c.row.step = fe(rec.step);
      c.row.dw = fe(rec.a & kLo32) * kInv8;
      c.row.hw = src_op ? fe(rec.b & kLo32) * kInv8 : Fe::zero();
      c.row.a_hi = fe(rec.a >> 32);
      c.row.b_hi = fe(rec.b >> 32);
      if (rec.op == Op::kDmaXMemset) {
        const std::uint64_t hv = row_source(rec, g, 0);
        for (unsigned j = 0; j < 8; ++j) c.row.h[j] = fe(byte_of(hv, j));
        c.row.jmp = fe(static_cast<std::uint8_t>(rec.extra));
        count_bytes(bp, hv, 0);
      } else {
        count_bytes(bp, 0, 0);
      }
      at += 1;
      continue;
    }
    const std::size_t n_rows = g.rows();
    ZISKC_CHECK(!src_op || n_rows - (g.borrow ? 1 : 0) == rec.src.size(),
                "dma_copy: the rows read other source words than the record holds");
    h.resize(n_rows + 1);
    for (std::size_t k = 0; k < n_rows; ++k) h[k] = row_source(rec, g, k);
    h[n_rows] = 0;
    const Fe hw0 = src_op ? Fe::from_i64(static_cast<std::int64_t>(rec.b >> 3) - (g.borrow ? 1 : 0))
                          : (fe(rec.n) - fe(g.off + g.r)) * kInv8;
    for (std::size_t k = 0; k < n_rows; ++k) {
      DmaCopyCols<Fe>& c = rows_of[k];
      fill_shared(c, rec, g, k, h[k], hw0);
      c.kx = kx;
      c.ki = ki;
      c.ks = ks;
      const bool is_tail = k == g.words;
      c.srd = bit(src_op && (k > 0 || !g.borrow));
      std::uint64_t p = 0;
      if (!is_tail) {
        const bool last = k + 1 == g.words;
        if (last) c.oe[g.e - 1] = Fe::one();
        const bool pre = k == 0 && g.off != 0, post = last && g.e < 8;
        if (pre) p = rec.pre;
        if (post) p = rec.post;
        std::uint64_t wv = 0;
        for (unsigned j = 0; j < 8; ++j) {
          const bool in = (k > 0 || j >= g.off) && (!last || j < g.e);
          const std::uint8_t x = in ? window_byte(h, k, j + g.r) : byte_of(p, j);
          wv |= static_cast<std::uint64_t>(x) << (8 * j);
        }
        for (unsigned j = 0; j < 8; ++j) c.row.p[j] = fe(byte_of(p, j));
        c.w[0] = fe(wv & kLo32);
        c.w[1] = fe(wv >> 32);
        if (k == 0) {
          if (rec.op == Op::kDmaXMemcpy) c.row.jmp = fe(rec.n);
          if (rec.op == Op::kDmaXMemset) c.row.jmp = fe(static_cast<std::uint8_t>(rec.extra));
        }
      }
      count_bytes(bp, h[k], p);
    }
    at += n_rows;
  }
  return m;
}

poly::RowMajorMatrix dma_cmp_trace(std::span<const DmaRecord> records, unsigned log_height,
                                   TableCounts& byte_pair, TableCounts& range16) {
  const std::size_t height = std::size_t{1} << log_height;
  const std::size_t rows = total_rows(records, DmaMachine::kCmp);
  ZISKC_CHECK(rows <= height, "dma_cmp: more rows than the instance holds");
  constexpr std::size_t w = stark::width_of<DmaCmpCols>();
  auto m = poly::RowMajorMatrix::zeros(height, w);
  auto row_at = [&](std::size_t r) -> DmaCmpCols<Fe>& {
    return *reinterpret_cast<DmaCmpCols<Fe>*>(m.values.data() + r * w);
  };
  BatchedCounts bp(byte_pair, 8 * rows);
  // Last rows without a difference and ending before byte 8: dif reads the next row (below).
  struct EqLast {
    std::size_t row;
    unsigned e, r;
  };
  std::vector<EqLast> eq_last;
  std::vector<std::uint64_t> h;
  std::size_t at = 0;
  for (const DmaRecord& rec : records) {
    ZISKC_CHECK(is_dma_cmp(rec.op), "dma_cmp: a record of a copy op");
    const Geometry g = geometry(rec);
    const Fe kx = bit(rec.op == Op::kDmaXMemcmp);
    const Fe c_lo = fe(rec.c & kLo32), c_hi = fe(rec.c >> 32);
    if (g.zero) {
      DmaCmpCols<Fe>& c = row_at(at);
      c.row.f_zero = Fe::one();
      c.kx = kx;
      c.row.step = fe(rec.step);
      c.row.dw = fe(rec.a & kLo32) * kInv8;
      c.row.hw = fe(rec.b & kLo32) * kInv8;
      c.row.a_hi = fe(rec.a >> 32);
      c.row.b_hi = fe(rec.b >> 32);
      count_bytes(bp, 0, 0);
      at += 1;
      continue;
    }
    const std::size_t n_rows = g.rows();
    ZISKC_CHECK(rec.dst.size() == g.words && n_rows - (g.borrow ? 1 : 0) == rec.src.size(),
                "dma_cmp: the rows read other words than the record holds");
    h.resize(n_rows + 1);
    for (std::size_t k = 0; k < n_rows; ++k) h[k] = row_source(rec, g, k);
    h[n_rows] = 0;
    const Fe hw0 = Fe::from_i64(static_cast<std::int64_t>(rec.b >> 3) - (g.borrow ? 1 : 0));
    for (std::size_t k = 0; k < n_rows; ++k) {
      DmaCmpCols<Fe>& c = row_at(at + k);
      fill_shared(c, rec, g, k, h[k], hw0);
      c.kx = kx;
      c.c[0] = c_lo;
      c.c[1] = c_hi;
      const bool is_tail = k == g.words;
      std::uint64_t p = 0;
      if (!is_tail) {
        p = rec.dst[k];
        for (unsigned j = 0; j < 8; ++j) c.row.p[j] = fe(byte_of(p, j));
        if (k == 0 && rec.op == Op::kDmaXMemcmp) c.row.jmp = fe(rec.n);
        if (k + 1 == g.words) {
          c.oe[g.e] = Fe::one();
          if (g.neq) {
            const int dif =
                static_cast<int>(byte_of(p, g.e)) - static_cast<int>(window_byte(h, k, g.e + g.r));
            ZISKC_DCHECK(dif != 0, "dma_cmp: no difference at the recorded byte");
            const bool ng = dif < 0;
            c.neq = Fe::one();
            c.ng = bit(ng);
            c.dif = Fe::from_i64(dif);
            c.inv = c.dif.inverse();
            const std::uint64_t rem = g.off + rec.n - 8 * k - g.e - 1;
            c.rem[0] = fe(rem & 0xFFFF);
            c.rem[1] = fe(rem >> 16);
            range16.add(rem & 0xFFFF);
            range16.add(rem >> 16);
            bp.add(byte_pair_row(static_cast<std::uint64_t>(dif + (ng ? 256 : 0)), 0));
          } else if (g.e < 8) {
            eq_last.push_back({at + k, g.e, g.r});
          }
        }
      }
      count_bytes(bp, h[k], p);
    }
    at += n_rows;
  }
  // dif = a byte - b byte at byte e of an equal last row: byte e + r of the window, whose second
  // word is the next row of the trace (wrapping to row 0).
  for (const EqLast& x : eq_last) {
    DmaCmpCols<Fe>& c = row_at(x.row);
    const unsigned i = x.e + x.r;
    const Fe sb = i < 8 ? c.row.h[i] : row_at((x.row + 1) % height).row.h[i - 8];
    c.dif = c.row.p[x.e] - sb;
  }
  return m;
}

poly::RowMajorMatrix dma_aligned_trace(std::span<const DmaRecord> records, unsigned log_height,
                                       TableCounts& byte_pair) {
  const std::size_t height = std::size_t{1} << log_height;
  const std::size_t rows = total_rows(records, DmaMachine::kAligned);
  ZISKC_CHECK(rows <= height, "dma_aligned: more rows than the instance holds");
  constexpr std::size_t w = stark::width_of<DmaAlignedCols>();
  constexpr std::uint64_t kSlots = kDmaAlignedSlots;
  auto m = poly::RowMajorMatrix::zeros(height, w);
  auto* out = reinterpret_cast<DmaAlignedCols<Fe>*>(m.values.data());
  std::size_t at = 0;
  for (const DmaRecord& rec : records) {
    ZISKC_CHECK(dma_machine(rec) == DmaMachine::kAligned, "dma_aligned: not an aligned op");
    const bool set = rec.op == Op::kDmaXMemset;
    const std::uint64_t words = rec.n / 8;
    ZISKC_CHECK(set || rec.src.size() == words, "dma_aligned: source words");
    const auto fill = static_cast<std::uint8_t>(rec.extra);
    const std::uint64_t fill_word = 0x0101'0101ull * fill;
    const std::uint64_t hw0 = set ? words : rec.b >> 3;
    const std::size_t n_rows = dma_rows(rec, DmaMachine::kAligned);
    for (std::size_t r = 0; r < n_rows; ++r) {
      DmaAlignedCols<Fe>& c = out[at + r];
      c.f_first = bit(r == 0);
      c.f_more = bit(r > 0);
      c.last = bit(r + 1 == n_rows);
      c.kx = bit(rec.op == Op::kDmaXMemcpy);
      c.ks = bit(set);
      c.step = fe(rec.step);
      c.dw = fe((rec.a >> 3) + kSlots * r);
      c.hw = fe(hw0 + kSlots * r);
      const std::uint64_t left = words - kSlots * r;
      c.cnt = fe(left);
      for (std::uint64_t k = 0; k < kSlots && k < left; ++k) {
        if (k > 0) c.s[k - 1] = Fe::one();
        const std::uint64_t v = set ? fill_word | (fill_word << 32) : rec.src[kSlots * r + k];
        c.v[k][0] = fe(v & kLo32);
        c.v[k][1] = fe(v >> 32);
      }
      if (set) c.fill = fe(fill);
      if (r == 0) {
        if (rec.op == Op::kDmaXMemcpy) c.jmp = fe(rec.n);
        if (set) {
          c.jmp = fe(fill);
          byte_pair.add(byte_pair_row(fill, 0));
        }
      }
    }
    at += n_rows;
  }
  return m;
}

}  // namespace ziskc::sm
