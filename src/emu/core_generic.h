// Core<Mode>::generic() and its helpers: memory accesses (with the minimal-trace conventions of
// trace.h), pubout, free-input calls and precompiles. Included by core.h only.
#pragma once

#include <fmt/format.h>

#include "emu/core.h"

namespace ziskc::emu {
namespace core_detail {

// The width bytes at addr out of the aligned words w0 (at addr & ~7) and w1 (the next one).
inline std::uint64_t extract(std::uint64_t addr, unsigned width, std::uint64_t w0,
                             std::uint64_t w1) {
  const unsigned shift = 8 * static_cast<unsigned>(addr & 7);
  const unsigned __int128 both = static_cast<unsigned __int128>(w1) << 64 | w0;
  const std::uint64_t v = static_cast<std::uint64_t>(both >> shift);
  return width == 8 ? v : v & ((1ull << (8 * width)) - 1);
}
// w0, w1 with the width bytes at addr replaced by value.
inline void insert(std::uint64_t addr, unsigned width, std::uint64_t value, std::uint64_t& w0,
                   std::uint64_t& w1) {
  const unsigned shift = 8 * static_cast<unsigned>(addr & 7);
  const unsigned __int128 mask =
      static_cast<unsigned __int128>(width == 8 ? ~0ull : (1ull << (8 * width)) - 1) << shift;
  unsigned __int128 both = static_cast<unsigned __int128>(w1) << 64 | w0;
  both = (both & ~mask) | ((static_cast<unsigned __int128>(value) << shift) & mask);
  w0 = static_cast<std::uint64_t>(both);
  w1 = static_cast<std::uint64_t>(both >> 64);
}
inline bool two_words(std::uint64_t addr, unsigned width) { return (addr & 7) + width > 8; }
inline bool full_word(std::uint64_t addr, unsigned width) { return (addr & 7) == 0 && width == 8; }

inline ExitKind fault_of(Access a, bool store) {
  if (a == Access::kReadOnly) return ExitKind::kReadOnlyStore;
  return store ? ExitKind::kStoreFault : ExitKind::kLoadFault;
}

}  // namespace core_detail

template <class Mode>
bool Core<Mode>::take(std::uint32_t idx, std::uint64_t& v) {
  if (mode_.p == mode_.end) {
    m_.stop(ExitKind::kTraceMismatch, idx, 0, "the minimal trace ends before the chunk");
    return false;
  }
  v = *mode_.p++;
  return true;
}

template <class Mode>
void Core<Mode>::touch_range(std::uint64_t addr, std::uint64_t size) {
  if constexpr (Mode::kStats) {
    if (!m_.mem->in_ram_range(addr, size == 0 ? 1 : size)) return;
    for (std::uint64_t p = addr & ~4095ull; p < addr + size; p += 4096) m_.touch(p);
  }
}

template <class Mode>
bool Core<Mode>::load(std::uint32_t idx, std::uint64_t addr, unsigned width, std::uint8_t slot,
                      std::uint64_t& v) {
  using namespace core_detail;
  if constexpr (Mode::kReplay) {
    std::uint64_t w0 = 0, w1 = 0;
    const bool two = two_words(addr, width);
    if (!take(idx, w0) || (two && !take(idx, w1))) return false;
    v = extract(addr, width, w0, w1);
    MemAccess acc;
    acc.kind = MemAccess::kLoad;
    acc.width = static_cast<std::uint8_t>(width);
    acc.slot = slot;
    acc.words = two ? 2 : 1;
    acc.addr = addr;
    acc.value = v;
    acc.mem_step = mem_step(m_.step, slot);
    acc.before[0] = acc.after[0] = w0;
    acc.before[1] = acc.after[1] = w1;
    mode_.accesses.push_back(acc);
    return true;
  } else {
    const Access a = m_.mem->read(addr, width, &v);
    if (a != Access::kOk) {
      m_.stop(fault_of(a, false), idx, addr);
      return false;
    }
    if constexpr (Mode::kTrace) {
      mode_.rec(m_.mem->word(addr));
      if (two_words(addr, width)) mode_.rec(m_.mem->word(addr + 8));
    }
    if constexpr (Mode::kStats) touch_range(addr, width);
    return true;
  }
}

template <class Mode>
bool Core<Mode>::store(std::uint32_t idx, std::uint64_t addr, unsigned width, std::uint64_t v,
                       std::uint8_t slot, bool bios_init) {
  using namespace core_detail;
  if (width < 8) v &= (1ull << (8 * width)) - 1;
  if constexpr (Mode::kReplay) {
    MemAccess acc;
    acc.kind = MemAccess::kStore;
    acc.width = static_cast<std::uint8_t>(width);
    acc.slot = slot;
    acc.addr = addr;
    acc.value = v;
    acc.mem_step = mem_step(m_.step, slot);
    if (full_word(addr, width)) {
      acc.words = 1;
      acc.after[0] = v;
    } else {
      const bool two = two_words(addr, width);
      std::uint64_t w0 = 0, w1 = 0;
      if (!take(idx, w0) || (two && !take(idx, w1))) return false;
      acc.words = two ? 2 : 1;
      acc.before[0] = w0;
      acc.before[1] = w1;
      insert(addr, width, v, w0, w1);
      acc.after[0] = w0;
      acc.after[1] = two ? w1 : 0;
    }
    mode_.accesses.push_back(acc);
    return true;
  } else {
    const Access a = m_.mem->can_write(addr, width, bios_init);
    if (a != Access::kOk) {
      m_.stop(fault_of(a, true), idx, addr);
      return false;
    }
    if constexpr (Mode::kTrace) {
      if (!full_word(addr, width)) {
        mode_.rec(m_.mem->word(addr));
        if (two_words(addr, width)) mode_.rec(m_.mem->word(addr + 8));
      }
    }
    m_.mem->write(addr, width, v, bios_init);
    if (width == 1 && addr == m_.code.rom().layout().uart_addr)
      m_.uart(static_cast<std::uint8_t>(v));
    if constexpr (Mode::kStats) touch_range(addr, width);
    return true;
  }
}

template <class Mode>
bool Core<Mode>::op_read(std::uint32_t idx, std::uint64_t addr, std::uint64_t& v) {
  if constexpr (Mode::kReplay) {
    if (!take(idx, v)) return false;
    MemAccess acc;
    acc.kind = MemAccess::kLoad;
    acc.slot = kSlotOpRead;
    acc.addr = addr;
    acc.value = acc.before[0] = acc.after[0] = v;
    acc.mem_step = mem_step(m_.step, kSlotOpRead);
    mode_.accesses.push_back(acc);
  } else {
    v = m_.mem->word(addr);
    if constexpr (Mode::kTrace) mode_.rec(v);
    if constexpr (Mode::kStats) touch_range(addr, 8);
  }
  return true;
}

template <class Mode>
bool Core<Mode>::op_write(std::uint32_t idx, std::uint64_t addr, std::uint64_t v,
                          std::uint64_t before) {
  (void)idx;
  if constexpr (Mode::kReplay) {
    MemAccess acc;
    acc.kind = MemAccess::kStore;
    acc.slot = kSlotOpWrite;
    acc.addr = addr;
    acc.value = acc.after[0] = v;
    acc.before[0] = before;
    acc.mem_step = mem_step(m_.step, kSlotOpWrite);
    mode_.accesses.push_back(acc);
  } else {
    (void)before;
    m_.mem->write(addr, 8, v, false);
    if constexpr (Mode::kStats) touch_range(addr, 8);
  }
  return true;
}

template <class Mode>
bool Core<Mode>::hint(std::uint32_t idx, std::uint64_t host_value, std::uint64_t& v) {
  if constexpr (Mode::kReplay) {
    (void)host_value;
    return take(idx, v);
  } else {
    (void)idx;
    v = host_value;
    if constexpr (Mode::kTrace) mode_.rec(v);
    return true;
  }
}

template <class Mode>
bool Core<Mode>::fcall_param(std::uint32_t idx, std::uint64_t words, std::uint64_t b) {
  std::vector<std::uint64_t>& params = m_.fcall_params;
  if (words > kMaxFcallParams - params.size()) {
    m_.stop(ExitKind::kFcallFault, idx, 0,
            fmt::format("more than {} free-input call parameters", kMaxFcallParams));
    return false;
  }
  if (words == 1) {
    params.push_back(b);
    return true;
  }
  if (!m_.mem->readable(b, 8 * words)) {
    m_.stop(ExitKind::kFcallFault, idx, b,
            fmt::format("free-input call parameter block of {} words not readable", words));
    return false;
  }
  for (std::uint64_t i = 0; i < words; ++i) {
    std::uint64_t v = 0;
    m_.mem->read(b + 8 * i, 8, &v);
    params.push_back(v);
  }
  return true;
}

template <class Mode>
bool Core<Mode>::fcall(std::uint32_t idx, std::uint64_t id) {
  const zisk::Layout& l = m_.code.rom().layout();
  std::vector<std::uint64_t>& params = m_.fcall_params;
  if (id == precompile::kFcallInputReady) {
    // ZisK checks that the input holds every byte up to the requested address.
    if (params.empty()) {
      m_.stop(ExitKind::kFcallFault, idx, 0, "input_ready without its address parameter");
      return false;
    }
    const std::uint64_t req = params[0];
    if (req < l.input_addr + 7 || req >= l.input_addr + l.input_max - 1 ||
        req - l.input_addr - 7 > m_.mem->input_data_size()) {
      m_.stop(ExitKind::kFcallFault, idx, req,
              fmt::format("input_ready(0x{:x}): the input has only {} bytes", req,
                          m_.mem->input_data_size()));
      return false;
    }
    m_.fcall_result.clear();
  } else {
    Result<std::vector<std::uint64_t>> r =
        precompile::fcall(static_cast<std::uint32_t>(id), params);
    if (!r) {
      m_.stop(r.status().code() == ErrorCode::kUnsupported ? ExitKind::kUnsupported
                                                           : ExitKind::kFcallFault,
              idx, 0, r.status().message());
      return false;
    }
    if (r->size() > kMaxFcallResults) {
      m_.stop(ExitKind::kFcallFault, idx, 0,
              fmt::format("free-input call {} returned {} words", id, r->size()));
      return false;
    }
    m_.fcall_result = std::move(r).value();
  }
  m_.mem->set_free_input(m_.fcall_result.empty() ? 0 : m_.fcall_result[0]);
  m_.fcall_got = 1;
  params.clear();
  return true;
}

template <class Mode>
bool Core<Mode>::fcall_get(std::uint32_t idx) {
  const std::vector<std::uint64_t>& r = m_.fcall_result;
  if (r.empty() || m_.fcall_got > r.size()) {
    m_.stop(ExitKind::kFcallFault, idx, 0,
            fmt::format("free-input read {} of a result of {} words", m_.fcall_got, r.size()));
    return false;
  }
  m_.mem->set_free_input(m_.fcall_got >= r.size() ? 0 : r[m_.fcall_got]);
  ++m_.fcall_got;
  return true;
}

template <class Mode>
bool Core<Mode>::run_precompile(const zisk::ZiskInst& z, std::uint32_t idx, std::uint64_t b,
                                zisk::OpOut& o) {
  const std::optional<precompile::Kind> kind = precompile_kind(z.op);
  if (!kind) {
    m_.stop(ExitKind::kUnsupported, idx, b,
            fmt::format("not supported yet: precompile {}", zisk::op_name(z.op)));
    return false;
  }
  OpMemory<Mode> mem(*this, idx);
  Result<std::uint64_t> r = precompile::run(*kind, b, mem);
  if (!m_.running()) return false;  // the trace ran out inside the precompile (replay)
  if (!r) {
    m_.stop(r.status().code() == ErrorCode::kUnsupported ? ExitKind::kUnsupported
                                                         : ExitKind::kPrecompileFault,
            idx, b, r.status().message());
    return false;
  }
  o = {r.value(), false};
  return true;
}

template <class Mode>
bool Core<Mode>::ctx_op(const zisk::ZiskInst& z, std::uint32_t idx, std::uint64_t a,
                        std::uint64_t b, zisk::OpOut& o) {
  using zisk::Op;
  o = {b, false};
  switch (z.op) {
    case Op::kPubOut:
      if (a < m_.pubout.size()) m_.pubout[a] = b;
      return true;
    case Op::kHalt:
      o = {0, false};
      return true;
    case Op::kFcallParam:
      return Mode::kReplay || fcall_param(idx, a, b);
    case Op::kFcall:
      return Mode::kReplay || fcall(idx, a);
    case Op::kFcallGet:
      return Mode::kReplay || fcall_get(idx);
    case Op::kDmaMemcpy:
    case Op::kDmaXMemcpy: {
      std::uint64_t n = 0;
      o = {a, false};
      return dma_count(idx, z, n) && dma_memcpy(idx, a, b, n);
    }
    case Op::kDmaMemcmp:
    case Op::kDmaXMemcmp: {
      std::uint64_t n = 0, result = 0;
      if (!dma_count(idx, z, n) || !dma_memcmp(idx, a, b, n, result)) return false;
      o = {result, false};
      return true;
    }
    case Op::kDmaXMemset:
      o = {a, false};
      return dma_memset(idx, a, b, static_cast<std::uint8_t>(z.jmp_offset1));
    case Op::kDmaInputcpy:
      o = {a, false};
      return dma_inputcpy(idx, a, b);
    default:
      return run_precompile(z, idx, b, o);
  }
}

template <class Mode>
const ExecInst* Core<Mode>::generic(const ExecInst* in) {
  if constexpr (Mode::kTrace) {
    // A step that faults part-way leaves nothing in the trace: chunks hold completed steps.
    const std::size_t mark = mode_.reads->size();
    const ExecInst* next = generic_step(in);
    if (next == nullptr && m_.exit.kind != ExitKind::kEnd && m_.exit.kind != ExitKind::kHalt) {
      mode_.reads->resize(mark);
    }
    return next;
  } else {
    return generic_step(in);
  }
}

template <class Mode>
const ExecInst* Core<Mode>::generic_step(const ExecInst* in) {
  using zisk::SrcA;
  using zisk::SrcB;
  using zisk::StoreKind;
  const std::uint32_t idx = in->index;
  const zisk::ZiskInst& z = m_.code.rom().inst(idx);
  std::uint64_t a = 0, b = 0;
  switch (z.a_src) {
    case SrcA::kImm:
      a = z.a_value;
      break;
    case SrcA::kReg:
      a = m_.regs[z.a_value];
      break;
    case SrcA::kMem:
      if (!load(idx, z.a_value, 8, kSlotA, a)) return nullptr;
      break;
    case SrcA::kLastC:
      a = m_.last_c;
      break;
    case SrcA::kStep:
      a = m_.step;
      break;
  }
  switch (z.b_src) {
    case SrcB::kImm:
      b = z.b_value;
      break;
    case SrcB::kReg:
      b = m_.regs[z.b_value];
      break;
    case SrcB::kMem:
      if (!load(idx, z.b_value, 8, kSlotB, b)) return nullptr;
      break;
    case SrcB::kLastC:
      b = m_.last_c;
      break;
    case SrcB::kInd:
      if (!load(idx, a + z.b_value, z.ind_width, kSlotB, b)) return nullptr;
      break;
  }
  // c and flag as scalars (an optional<OpOut> round trip through the stack stalled store
  // forwarding on every step).
  zisk::OpOut o;
  switch (z.op) {
#define ZISKC_ZISK_OP_PURE(e, name, code, machine)           \
  case zisk::Op::k##e: {                                     \
    const zisk::OpOut r = zisk::apply<zisk::Op::k##e>(a, b); \
    o.c = r.c;                                               \
    o.flag = r.flag;                                         \
    break;                                                   \
  }
#define ZISKC_ZISK_OP_CTX(e, name, code, machine)
#include "zisk/ops.def"
#undef ZISKC_ZISK_OP_PURE
#undef ZISKC_ZISK_OP_CTX
    default:
      if (!ctx_op(z, idx, a, b, o)) return nullptr;
      break;
  }
  // The successor first: a bad jump target must fault before the step changes any state.
  const ExecInst* next;
  if (z.set_pc && in->next == nullptr) {
    const std::uint64_t target = o.c + static_cast<std::uint64_t>(z.jmp_offset1);
    next = m_.code.lookup(target);
    if (next == nullptr) {
      m_.stop(ExitKind::kBadJump, idx, target);
      return nullptr;
    }
  } else {
    next = o.flag ? in->next_t : in->next;
  }
  const std::uint64_t value = z.store_pc ? z.pc + static_cast<std::uint64_t>(z.jmp_offset2) : o.c;
  switch (z.store) {
    case StoreKind::kNone:
      break;
    case StoreKind::kReg:
      m_.regs[z.store_offset] = value;
      break;
    case StoreKind::kMem:
      if (!store(idx, static_cast<std::uint64_t>(z.store_offset), 8, value, kSlotStore,
                 z.bios_init)) {
        return nullptr;
      }
      break;
    case StoreKind::kInd:
      if (!store(idx, a + static_cast<std::uint64_t>(z.store_offset), z.ind_width, value,
                 kSlotStore, z.bios_init)) {
        return nullptr;
      }
      break;
  }
  if constexpr (Mode::kStats) ++m_.counts[idx];
  if constexpr (Mode::kReplay) {
    StepRecord rec;
    rec.step = m_.step;
    rec.pc = z.pc;
    rec.inst = &z;
    rec.a = a;
    rec.b = b;
    rec.c = o.c;
    rec.flag = o.flag;
    rec.accesses = mode_.accesses;
    mode_.visitor->on_step(rec);
    mode_.accesses.clear();
  }
  ++m_.step;
  m_.last_c = o.c;
  m_.cur = next;
  if (z.end) {
    m_.stop(z.op == zisk::Op::kHalt ? ExitKind::kHalt : ExitKind::kEnd, idx);
    return nullptr;
  }
  return next;
}

}  // namespace ziskc::emu
