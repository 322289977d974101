// Core<Mode>::run(): the threaded interpreter loop (GCC computed goto). Each handler does one
// specialised (a, b, op, store) shape of generic() inline -- same semantics, tested against
// generic() by emulator_test -- and jumps straight to the next instruction's handler. State
// lives in locals (pc as the ExecInst pointer, step, last c) and is written back to the
// Machine only at exits and around calls into generic() / the slow memory paths.
// Included by core.h only.
#pragma once

#include <cstring>

#include "emu/core.h"

namespace ziskc::emu {

template <class Mode>
const void* const* Core<Mode>::labels() {
  const void* const* table = nullptr;
  run_impl(nullptr, 0, &table);
  return table;
}

template <class Mode>
void Core<Mode>::run(std::uint64_t limit) {
  run_impl(this, limit, nullptr);
}

// clang-format off
#define ZISKC_CORE_SYNC() (m.step = step, m.last_c = last_c, m.cur = in)
#define ZISKC_CORE_NEXT(C, FLAG)                          \
  do {                                                    \
    last_c = (C);                                         \
    if constexpr (Mode::kStats) ++counts[in->index];      \
    in = (FLAG) ? in->next_t : in->next;                  \
    if (++step == limit) goto out;                        \
    goto* in->handler;                                    \
  } while (0)
// The aligned word(s) holding [addr, addr + W) in RAM, into the minimal trace.
#define ZISKC_CORE_REC_WORDS(addr, W)                                                   \
  do {                                                                                  \
    const std::uint64_t a0_ = (addr) & ~7ull;                                           \
    std::uint64_t w_;                                                                   \
    std::memcpy(&w_, reinterpret_cast<const void*>(ram_bias + a0_), 8);                 \
    mode.rec(w_);                                                                       \
    if (((addr) & 7) + (W) > 8) {                                                       \
      std::memcpy(&w_, reinterpret_cast<const void*>(ram_bias + a0_ + 8), 8);           \
      mode.rec(w_);                                                                     \
    }                                                                                   \
  } while (0)
#define ZISKC_CORE_LOAD(W, EXT)                                                         \
  {                                                                                     \
    const std::uint64_t addr = regs[in->a] + in->b;                                     \
    std::uint64_t v = 0;                                                                \
    if (addr - ram_lo <= ram_size - (W)) [[likely]] {                                   \
      std::memcpy(&v, reinterpret_cast<const void*>(ram_bias + addr), (W));             \
      if constexpr (Mode::kTrace) ZISKC_CORE_REC_WORDS(addr, (W));                      \
      if constexpr (Mode::kStats) m.touch(addr);                                        \
    } else {                                                                            \
      ZISKC_CORE_SYNC();                                                                \
      if (!self->load(in->index, addr, (W), kSlotB, v)) return;                         \
    }                                                                                   \
    const std::uint64_t c = EXT(v);                                                     \
    regs[in->st] = c;                                                                   \
    ZISKC_CORE_NEXT(c, false);                                                          \
  }
#define ZISKC_CORE_STORE(W)                                                             \
  {                                                                                     \
    const std::uint64_t addr = regs[in->a] + in->st;                                    \
    const std::uint64_t v = regs[in->b];                                                \
    if (addr - ram_lo <= ram_size - (W)) [[likely]] {                                   \
      if constexpr (Mode::kTrace) {                                                     \
        if ((W) != 8 || (addr & 7) != 0) ZISKC_CORE_REC_WORDS(addr, (W));               \
      }                                                                                 \
      std::memcpy(reinterpret_cast<void*>(ram_bias + addr), &v, (W));                   \
      if constexpr ((W) == 1) {                                                         \
        if (addr == uart) [[unlikely]] m.uart(static_cast<std::uint8_t>(v));            \
      }                                                                                 \
      if constexpr (Mode::kStats) m.touch(addr);                                        \
    } else {                                                                            \
      ZISKC_CORE_SYNC();                                                                \
      if (!self->store(in->index, addr, (W), v, kSlotStore, false)) return;             \
    }                                                                                   \
    ZISKC_CORE_NEXT(v, false);                                                          \
  }
#define ZISKC_CORE_OPS(e)                                                               \
  L_RR_##e: {                                                                           \
    const zisk::OpOut o = zisk::apply<zisk::Op::k##e>(regs[in->a], regs[in->b]);        \
    regs[in->st] = o.c;                                                                 \
    ZISKC_CORE_NEXT(o.c, o.flag);                                                       \
  }                                                                                     \
  L_RI_##e: {                                                                           \
    const zisk::OpOut o = zisk::apply<zisk::Op::k##e>(regs[in->a], in->b);              \
    regs[in->st] = o.c;                                                                 \
    ZISKC_CORE_NEXT(o.c, o.flag);                                                       \
  }                                                                                     \
  L_IR_##e: {                                                                           \
    const zisk::OpOut o = zisk::apply<zisk::Op::k##e>(in->a, regs[in->b]);              \
    regs[in->st] = o.c;                                                                 \
    ZISKC_CORE_NEXT(o.c, o.flag);                                                       \
  }                                                                                     \
  L_BRR_##e: {                                                                          \
    const zisk::OpOut o = zisk::apply<zisk::Op::k##e>(regs[in->a], regs[in->b]);        \
    ZISKC_CORE_NEXT(o.c, o.flag);                                                       \
  }                                                                                     \
  L_BRI_##e: {                                                                          \
    const zisk::OpOut o = zisk::apply<zisk::Op::k##e>(regs[in->a], in->b);              \
    ZISKC_CORE_NEXT(o.c, o.flag);                                                       \
  }                                                                                     \
  L_BIR_##e: {                                                                          \
    const zisk::OpOut o = zisk::apply<zisk::Op::k##e>(in->a, regs[in->b]);              \
    ZISKC_CORE_NEXT(o.c, o.flag);                                                       \
  }
// clang-format on

namespace core_detail {
inline std::uint64_t zext(std::uint64_t v) { return v; }
inline std::uint64_t sext8(std::uint64_t v) {
  return static_cast<std::uint64_t>(static_cast<std::int64_t>(static_cast<std::int8_t>(v)));
}
inline std::uint64_t sext16(std::uint64_t v) {
  return static_cast<std::uint64_t>(static_cast<std::int64_t>(static_cast<std::int16_t>(v)));
}
inline std::uint64_t sext32(std::uint64_t v) {
  return static_cast<std::uint64_t>(static_cast<std::int64_t>(static_cast<std::int32_t>(v)));
}
}  // namespace core_detail

template <class Mode>
void Core<Mode>::run_impl(Core* self, std::uint64_t limit, const void* const** labels_out) {
  using core_detail::sext16;
  using core_detail::sext32;
  using core_detail::sext8;
  using core_detail::zext;
  static const void* const kLabels[kNumHandlers] = {
#define ZISKC_CORE_LABEL(n) &&L_##n,
      ZISKC_EMU_FIXED_HANDLERS(ZISKC_CORE_LABEL)
#undef ZISKC_CORE_LABEL
#define ZISKC_ZISK_OP_PURE(e, name, code, machine) \
  &&L_RR_##e, &&L_RI_##e, &&L_IR_##e, &&L_BRR_##e, &&L_BRI_##e, &&L_BIR_##e,
#define ZISKC_ZISK_OP_CTX(e, name, code, machine)
#include "zisk/ops.def"
#undef ZISKC_ZISK_OP_PURE
#undef ZISKC_ZISK_OP_CTX
  };
  if (labels_out != nullptr) {
    *labels_out = kLabels;
    return;
  }
  Machine& m = self->m_;
  Mode& mode = self->mode_;
  (void)mode;
  const DecodedRom& code = m.code;
  const ExecInst* in = m.cur;
  std::uint64_t step = m.step;
  std::uint64_t last_c = m.last_c;
  std::uint64_t* const regs = m.regs;
  const std::uintptr_t ram_bias = m.mem->ram_bias();
  const std::uint64_t ram_lo = m.mem->ram_lo();
  const std::uint64_t ram_size = m.mem->ram_size();
  const std::uint64_t uart = code.rom().layout().uart_addr;
  std::uint64_t* const counts = Mode::kStats ? m.counts.data() : nullptr;
  (void)counts;
  goto * in->handler;

L_Generic : {
  ZISKC_CORE_SYNC();
  const ExecInst* n = self->generic(in);
  if (n == nullptr) return;
  in = n;
  step = m.step;
  last_c = m.last_c;
  if (step == limit) goto out;
  goto * in->handler;
}
L_End : {
  last_c = 0;
  if constexpr (Mode::kStats) ++counts[in->index];
  ++step;
  ZISKC_CORE_SYNC();
  m.stop(ExitKind::kEnd, in->index);
  return;
}
L_Fault : {
  ZISKC_CORE_SYNC();
  m.stop(ExitKind::kBadJump, in->index, in->aux);
  return;
}
L_Nop:
  ZISKC_CORE_NEXT(0, true);
L_MovI : {
  regs[in->st] = in->b;
  ZISKC_CORE_NEXT(in->b, false);
}
L_Mov : {
  const std::uint64_t v = regs[in->b];
  regs[in->st] = v;
  ZISKC_CORE_NEXT(v, false);
}
L_JumpLink : {
  regs[in->st] = in->aux;
  ZISKC_CORE_NEXT(0, true);
}
L_CallImm : {
  regs[in->st] = in->aux;
  ZISKC_CORE_NEXT(in->b, false);
}
L_Jalr : {
  const std::uint64_t c = regs[in->b] & zisk::kJalrMask;
  const ExecInst* t = code.lookup(c + in->a);
  if (t == nullptr) [[unlikely]] {
    ZISKC_CORE_SYNC();
    m.stop(ExitKind::kBadJump, in->index, c + in->a);
    return;
  }
  last_c = c;
  if constexpr (Mode::kStats) ++counts[in->index];
  in = t;
  if (++step == limit) goto out;
  goto * in->handler;
}
L_JalrLink : {
  const std::uint64_t c = regs[in->b] & zisk::kJalrMask;
  const ExecInst* t = code.lookup(c + in->a);
  if (t == nullptr) [[unlikely]] {
    ZISKC_CORE_SYNC();
    m.stop(ExitKind::kBadJump, in->index, c + in->a);
    return;
  }
  regs[in->st] = in->aux;
  last_c = c;
  if constexpr (Mode::kStats) ++counts[in->index];
  in = t;
  if (++step == limit) goto out;
  goto * in->handler;
}
L_Ld1u:
  ZISKC_CORE_LOAD(1, zext)
L_Ld1s:
  ZISKC_CORE_LOAD(1, sext8)
L_Ld2u:
  ZISKC_CORE_LOAD(2, zext)
L_Ld2s:
  ZISKC_CORE_LOAD(2, sext16)
L_Ld4u:
  ZISKC_CORE_LOAD(4, zext)
L_Ld4s:
  ZISKC_CORE_LOAD(4, sext32)
L_Ld8:
  ZISKC_CORE_LOAD(8, zext)
L_St1:
  ZISKC_CORE_STORE(1)
L_St2:
  ZISKC_CORE_STORE(2)
L_St4:
  ZISKC_CORE_STORE(4)
L_St8:
  ZISKC_CORE_STORE(8)

#define ZISKC_ZISK_OP_PURE(e, name, code, machine) ZISKC_CORE_OPS(e)
#define ZISKC_ZISK_OP_CTX(e, name, code, machine)
#include "zisk/ops.def"
#undef ZISKC_ZISK_OP_PURE
#undef ZISKC_ZISK_OP_CTX

out:
  m.cur = in;
  m.step = step;
  m.last_c = last_c;
}

#undef ZISKC_CORE_SYNC
#undef ZISKC_CORE_NEXT
#undef ZISKC_CORE_REC_WORDS
#undef ZISKC_CORE_LOAD
#undef ZISKC_CORE_STORE
#undef ZISKC_CORE_OPS

}  // namespace ziskc::emu
