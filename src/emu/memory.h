// Guest memory for the emulator (DESIGN.md §2.1): flat host arrays per region.
//  - RAM [ram_addr, ram_end): 512 MiB mmap'ed lazily (MAP_NORESERVE; untouched pages cost
//    nothing and read as zero); read-write.
//  - ROM data [rom_data_lo, rom_data_hi) of the Rom: read-only to the guest, written only by
//    the BIOS initialisation stores.
//  - input [input_addr, input_addr + input_max): read-only; word 0 is the free-input cell,
//    the input file follows from +8; only those bytes are stored, the rest of the 1 GiB area
//    reads as zero (never allocated).
// Everything else is unmapped. An access is valid only if all its bytes lie in one region.
// Invariants: region bounds are 8-byte aligned, so the aligned word(s) holding any valid
// access are inside the same region.
#pragma once

#include <cstdint>
#include <cstring>
#include <memory>
#include <span>
#include <vector>

#include "base/status.h"
#include "zisk/rom.h"

namespace ziskc::emu {

enum class Access : std::uint8_t { kOk, kUnmapped, kReadOnly };

class GuestMemory {
 public:
  // input_data: the validated input file (placed at input_addr + 8), at most input_max - 8.
  static Result<std::unique_ptr<GuestMemory>> create(const zisk::Rom& rom,
                                                     std::span<const std::uint8_t> input_data);
  ~GuestMemory();
  GuestMemory(const GuestMemory&) = delete;
  GuestMemory& operator=(const GuestMemory&) = delete;

  // Fast path: true iff [addr, addr + width) is inside RAM (width <= 8).
  bool in_ram(std::uint64_t addr, unsigned width) const {
    return addr - ram_lo_ <= ram_size_ - width;
  }
  // Host pointer of guest address addr (valid only after in_ram).
  std::uint8_t* ram_ptr(std::uint64_t addr) const {
    return reinterpret_cast<std::uint8_t*>(ram_bias_ + addr);
  }
  std::uintptr_t ram_bias() const { return ram_bias_; }
  std::uint64_t ram_lo() const { return ram_lo_; }
  std::uint64_t ram_size() const { return ram_size_; }

  // Any region. value is zero-extended to 64 bits. width is 1, 2, 4 or 8.
  Access read(std::uint64_t addr, unsigned width, std::uint64_t* value) const;
  // Whether write() would succeed, without writing.
  Access can_write(std::uint64_t addr, unsigned width, bool bios_init) const;
  // bios_init allows writing the ROM data area.
  Access write(std::uint64_t addr, unsigned width, std::uint64_t value, bool bios_init);
  // The aligned word at addr & ~7 of a valid access (no checks beyond a DCHECK).
  std::uint64_t word(std::uint64_t addr) const;
  // True iff [addr, addr + size) lies in one region (readable) / in RAM (writable). size 0
  // is always valid. Safe against overflow.
  bool readable(std::uint64_t addr, std::uint64_t size) const;
  bool writable(std::uint64_t addr, std::uint64_t size) const {
    return size == 0 || in_ram_range(addr, size);
  }
  bool in_ram_range(std::uint64_t addr, std::uint64_t size) const {
    return addr - ram_lo_ < ram_size_ && size <= ram_size_ - (addr - ram_lo_);
  }
  // Copies a readable range out (bytes of the input area past the input file are zero).
  void read_bytes(std::uint64_t addr, std::uint64_t size, std::uint8_t* out) const;

  std::uint64_t free_input() const { return free_input_; }
  void set_free_input(std::uint64_t v);
  std::uint64_t input_data_size() const { return input_.size() - 8; }

 private:
  GuestMemory() = default;

  std::uint8_t* ram_ = nullptr;  // mmap'ed, ram_size_ bytes
  std::uintptr_t ram_bias_ = 0;  // host address of guest address 0 (mod 2^64)
  std::uint64_t ram_lo_ = 0, ram_size_ = 0;
  std::vector<std::uint8_t> rom_data_;
  std::uint64_t rom_lo_ = 0, rom_hi_ = 0;
  std::vector<std::uint8_t> input_;  // [free-input cell][input file], size multiple of 8
  std::uint64_t input_lo_ = 0, input_max_ = 0;
  std::uint64_t free_input_ = 0;
};

}  // namespace ziskc::emu
