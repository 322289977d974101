// Core<Mode> DMA operations (ZisK's core/src/operations/dma_*.rs semantics). Each works on
// aligned 8-byte words so that trace and replay agree word for word. Minimal-trace records
// (docs/EMULATOR.md), in order:
//   memcpy   [count word, if not the x- form] [dst first word, if dst is unaligned]
//            [dst last word, if dst + n is unaligned and it is another word] [every source
//            word of [src, src + n)] -- then every destination word is written
//   memcmp   [count word] then, scanning bytes j = 0.. until the first difference, each new
//            word of a and of b as the scan first needs it
//   memset   [dst first word] [dst last word] (as memcpy)
//   inputcpy [dst first word] [dst last word] [the n / 8 free-input words copied]
// Overlapping memcpy behaves as if through a temporary buffer (all source words are read
// before any write), like ZisK's. Included by core.h only.
#pragma once

#include <algorithm>
#include <cstring>

#include "emu/core.h"

namespace ziskc::emu {

template <class Mode>
bool Core<Mode>::dma_count(std::uint32_t idx, const zisk::ZiskInst& z, std::uint64_t& n) {
  if (z.op == zisk::Op::kDmaMemcpy || z.op == zisk::Op::kDmaMemcmp) {
    return load(idx, m_.code.rom().layout().extra_params_addr, 8, kSlotOpRead, n);
  }
  n = static_cast<std::uint64_t>(z.jmp_offset1);
  return true;
}

namespace core_detail {
// Destination words of [dst, dst + n): first, last, and which of them are partial.
struct DstWords {
  std::uint64_t first, last;
  bool pre, post;  // first / last word partly outside the range (recorded before writing)
  explicit DstWords(std::uint64_t dst, std::uint64_t n)
      : first(dst & ~7ull), last((dst + n - 1) & ~7ull) {
    pre = (dst & 7) != 0;
    post = ((dst + n) & 7) != 0 && !(pre && last == first);
  }
};
}  // namespace core_detail

template <class Mode>
bool Core<Mode>::dma_memcpy(std::uint32_t idx, std::uint64_t dst, std::uint64_t src,
                            std::uint64_t n) {
  if (n == 0) return true;
  if constexpr (!Mode::kReplay) {
    if (!m_.mem->writable(dst, n) || !m_.mem->readable(src, n)) {
      m_.stop(ExitKind::kDmaFault, idx, m_.mem->writable(dst, n) ? src : dst,
              fmt::format("memcpy of {} bytes from 0x{:x} to 0x{:x} outside memory", n, src, dst));
      return false;
    }
  }
  const core_detail::DstWords d(dst, n);
  const std::uint64_t s_first = src & ~7ull, s_last = (src + n - 1) & ~7ull;
  if constexpr (Mode::kReplay) {
    std::uint64_t pre = 0, post = 0;
    if (d.pre && !op_read(idx, d.first, pre)) return false;
    if (d.post && !op_read(idx, d.last, post)) return false;
    std::vector<std::uint64_t> srcw((s_last - s_first) / 8 + 1);
    for (std::size_t k = 0; k < srcw.size(); ++k) {
      if (!op_read(idx, s_first + 8 * k, srcw[k])) return false;
    }
    const auto* src_bytes = reinterpret_cast<const std::uint8_t*>(srcw.data()) + (src & 7);
    for (std::uint64_t w = d.first; w <= d.last; w += 8) {
      const std::uint64_t before = w == d.first && d.pre ? pre : (w == d.last && d.post ? post : 0);
      std::uint64_t v = before;
      auto* vb = reinterpret_cast<std::uint8_t*>(&v);
      for (unsigned k = 0; k < 8; ++k) {
        const std::uint64_t addr = w + k;
        if (addr >= dst && addr - dst < n) vb[k] = src_bytes[addr - dst];
      }
      if (!op_write(idx, w, v, before)) return false;
    }
    return true;
  } else {
    if constexpr (Mode::kTrace) {
      if (d.pre) mode_.rec(m_.mem->word(d.first));
      if (d.post) mode_.rec(m_.mem->word(d.last));
      for (std::uint64_t w = s_first; w <= s_last; w += 8) mode_.rec(m_.mem->word(w));
    }
    GuestMemory& mem = *m_.mem;
    if (mem.in_ram_range(src, n)) {
      std::memmove(mem.ram_ptr(dst), mem.ram_ptr(src), n);
    } else {
      mem.read_bytes(src, n, mem.ram_ptr(dst));  // ROM or input: cannot overlap RAM
    }
    touch_range(dst, n);
    touch_range(src, n);
    return true;
  }
}

template <class Mode>
bool Core<Mode>::dma_memcmp(std::uint32_t idx, std::uint64_t a, std::uint64_t b, std::uint64_t n,
                            std::uint64_t& result) {
  result = 0;
  if (n == 0) return true;
  if constexpr (!Mode::kReplay) {
    if (!m_.mem->readable(a, n) || !m_.mem->readable(b, n)) {
      m_.stop(ExitKind::kDmaFault, idx, m_.mem->readable(a, n) ? b : a,
              fmt::format("memcmp of {} bytes at 0x{:x} and 0x{:x} outside memory", n, a, b));
      return false;
    }
  }
  std::uint64_t wa = 0, wb = 0;
  for (std::uint64_t j = 0; j < n; ++j) {
    const std::uint64_t pa = a + j, pb = b + j;
    if (j == 0 || (pa & 7) == 0) {
      if constexpr (Mode::kReplay) {
        if (!op_read(idx, pa & ~7ull, wa)) return false;
      } else {
        wa = m_.mem->word(pa);
        if constexpr (Mode::kTrace) mode_.rec(wa);
      }
    }
    if (j == 0 || (pb & 7) == 0) {
      if constexpr (Mode::kReplay) {
        if (!op_read(idx, pb & ~7ull, wb)) return false;
      } else {
        wb = m_.mem->word(pb);
        if constexpr (Mode::kTrace) mode_.rec(wb);
      }
    }
    const auto ba = static_cast<std::uint8_t>(wa >> (8 * (pa & 7)));
    const auto bb = static_cast<std::uint8_t>(wb >> (8 * (pb & 7)));
    if (ba != bb) {
      result = static_cast<std::uint64_t>(static_cast<std::int64_t>(ba) - bb);
      break;
    }
  }
  touch_range(a, n);
  touch_range(b, n);
  return true;
}

template <class Mode>
bool Core<Mode>::dma_memset(std::uint32_t idx, std::uint64_t dst, std::uint64_t n,
                            std::uint8_t byte) {
  if (n == 0) return true;
  if constexpr (!Mode::kReplay) {
    if (!m_.mem->writable(dst, n)) {
      m_.stop(ExitKind::kDmaFault, idx, dst,
              fmt::format("memset of {} bytes at 0x{:x} outside RAM", n, dst));
      return false;
    }
  }
  const core_detail::DstWords d(dst, n);
  if constexpr (Mode::kReplay) {
    std::uint64_t pre = 0, post = 0;
    if (d.pre && !op_read(idx, d.first, pre)) return false;
    if (d.post && !op_read(idx, d.last, post)) return false;
    for (std::uint64_t w = d.first; w <= d.last; w += 8) {
      const std::uint64_t before = w == d.first && d.pre ? pre : (w == d.last && d.post ? post : 0);
      std::uint64_t v = before;
      auto* vb = reinterpret_cast<std::uint8_t*>(&v);
      for (unsigned k = 0; k < 8; ++k) {
        if (w + k >= dst && w + k - dst < n) vb[k] = byte;
      }
      if (!op_write(idx, w, v, before)) return false;
    }
    return true;
  } else {
    if constexpr (Mode::kTrace) {
      if (d.pre) mode_.rec(m_.mem->word(d.first));
      if (d.post) mode_.rec(m_.mem->word(d.last));
    }
    std::memset(m_.mem->ram_ptr(dst), byte, n);
    touch_range(dst, n);
    return true;
  }
}

template <class Mode>
bool Core<Mode>::dma_inputcpy(std::uint32_t idx, std::uint64_t dst, std::uint64_t n) {
  if (n == 0) return true;
  const std::uint64_t words = n / 8;
  if constexpr (!Mode::kReplay) {
    const std::vector<std::uint64_t>& r = m_.fcall_result;
    if (n % 8 != 0 || r.empty() || m_.fcall_got == 0 || words > r.size() - (m_.fcall_got - 1) ||
        !m_.mem->writable(dst, n)) {
      m_.stop(ExitKind::kDmaFault, idx, dst,
              fmt::format("inputcpy of {} bytes to 0x{:x} with {} of {} free-input words read", n,
                          dst, m_.fcall_got, r.size()));
      return false;
    }
  }
  const core_detail::DstWords d(dst, n);
  std::uint64_t pre = 0, post = 0;
  if constexpr (Mode::kReplay) {
    if (d.pre && !op_read(idx, d.first, pre)) return false;
    if (d.post && !op_read(idx, d.last, post)) return false;
  } else if constexpr (Mode::kTrace) {
    if (d.pre) mode_.rec(m_.mem->word(d.first));
    if (d.post) mode_.rec(m_.mem->word(d.last));
  }
  std::vector<std::uint64_t> src(words);
  for (std::uint64_t k = 0; k < words; ++k) {
    const std::uint64_t host = Mode::kReplay ? 0 : m_.fcall_result[m_.fcall_got - 1 + k];
    if (!hint(idx, host, src[k])) return false;
  }
  if constexpr (Mode::kReplay) {
    const auto* sb = reinterpret_cast<const std::uint8_t*>(src.data());
    for (std::uint64_t w = d.first; w <= d.last; w += 8) {
      const std::uint64_t before = w == d.first && d.pre ? pre : (w == d.last && d.post ? post : 0);
      std::uint64_t v = before;
      auto* vb = reinterpret_cast<std::uint8_t*>(&v);
      for (unsigned k = 0; k < 8; ++k) {
        if (w + k >= dst && w + k - dst < n) vb[k] = sb[w + k - dst];
      }
      if (!op_write(idx, w, v, before)) return false;
    }
  } else {
    std::memcpy(m_.mem->ram_ptr(dst), src.data(), n);
    touch_range(dst, n);
    m_.fcall_got += words;
    const std::vector<std::uint64_t>& r = m_.fcall_result;
    m_.mem->set_free_input(m_.fcall_got > r.size() ? 0 : r[m_.fcall_got - 1]);
  }
  return true;
}

}  // namespace ziskc::emu
