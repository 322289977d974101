// Guest memory regions (see memory.h).
#include "emu/memory.h"

#include <sys/mman.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "base/bytes.h"
#include "base/check.h"

namespace ziskc::emu {
namespace {

bool in_range(std::uint64_t addr, std::uint64_t size, std::uint64_t lo, std::uint64_t hi) {
  return addr >= lo && addr <= hi && size <= hi - addr;
}

std::uint64_t load_n(const std::uint8_t* p, unsigned width) {
  std::uint64_t v = 0;
  std::memcpy(&v, p, width);  // little-endian host
  return v;
}

}  // namespace

Result<std::unique_ptr<GuestMemory>> GuestMemory::create(const zisk::Rom& rom,
                                                         std::span<const std::uint8_t> input) {
  const zisk::Layout& l = rom.layout();
  std::unique_ptr<GuestMemory> m(new GuestMemory());
  if (input.size() > l.input_data_max()) {
    return make_error(ErrorCode::kBadInput, "input: {} bytes exceed the input area ({} bytes)",
                      input.size(), l.input_data_max());
  }
  m->ram_lo_ = l.ram_addr;
  m->ram_size_ = l.ram_end - l.ram_addr;
  void* p = mmap(nullptr, m->ram_size_, PROT_READ | PROT_WRITE,
                 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (p == MAP_FAILED) {
    return make_error(ErrorCode::kInternal, "cannot reserve {} bytes of guest RAM: {}",
                      m->ram_size_, std::strerror(errno));
  }
  m->ram_ = static_cast<std::uint8_t*>(p);
  // Guest address a maps to host address ram_bias_ + a (integer arithmetic, wraps mod 2^64).
  m->ram_bias_ = reinterpret_cast<std::uintptr_t>(m->ram_) - m->ram_lo_;
  m->rom_lo_ = rom.rom_data_lo();
  m->rom_hi_ = rom.rom_data_hi();
  m->rom_data_.assign(m->rom_hi_ - m->rom_lo_, 0);
  m->input_lo_ = l.input_addr;
  m->input_max_ = l.input_max;
  m->input_.assign(8 + ((input.size() + 7) & ~std::size_t{7}), 0);
  std::copy(input.begin(), input.end(), m->input_.begin() + 8);
  return m;
}

GuestMemory::~GuestMemory() {
  if (ram_ != nullptr) munmap(ram_, ram_size_);
}

Access GuestMemory::read(std::uint64_t addr, unsigned width, std::uint64_t* value) const {
  if (in_ram(addr, width)) {
    *value = load_n(ram_ptr(addr), width);
    return Access::kOk;
  }
  if (in_range(addr, width, rom_lo_, rom_hi_)) {
    *value = load_n(rom_data_.data() + (addr - rom_lo_), width);
    return Access::kOk;
  }
  if (in_range(addr, width, input_lo_, input_lo_ + input_max_)) {
    std::uint8_t buf[8];
    read_bytes(addr, width, buf);
    *value = load_n(buf, width);
    return Access::kOk;
  }
  return Access::kUnmapped;
}

Access GuestMemory::can_write(std::uint64_t addr, unsigned width, bool bios_init) const {
  if (in_ram(addr, width)) return Access::kOk;
  if (in_range(addr, width, rom_lo_, rom_hi_)) return bios_init ? Access::kOk : Access::kReadOnly;
  if (in_range(addr, width, input_lo_, input_lo_ + input_max_)) return Access::kReadOnly;
  return Access::kUnmapped;
}

Access GuestMemory::write(std::uint64_t addr, unsigned width, std::uint64_t value, bool bios_init) {
  if (in_ram(addr, width)) {
    std::memcpy(ram_ptr(addr), &value, width);
    return Access::kOk;
  }
  if (in_range(addr, width, rom_lo_, rom_hi_)) {
    if (!bios_init) return Access::kReadOnly;
    std::memcpy(rom_data_.data() + (addr - rom_lo_), &value, width);
    return Access::kOk;
  }
  if (in_range(addr, width, input_lo_, input_lo_ + input_max_)) return Access::kReadOnly;
  return Access::kUnmapped;
}

std::uint64_t GuestMemory::word(std::uint64_t addr) const {
  std::uint64_t v = 0;
  const Access a = read(addr & ~7ull, 8, &v);
  ZISKC_DCHECK(a == Access::kOk, "word() of an invalid address");
  (void)a;
  return v;
}

bool GuestMemory::readable(std::uint64_t addr, std::uint64_t size) const {
  if (size == 0) return true;
  return in_ram_range(addr, size) || in_range(addr, size, rom_lo_, rom_hi_) ||
         in_range(addr, size, input_lo_, input_lo_ + input_max_);
}

void GuestMemory::read_bytes(std::uint64_t addr, std::uint64_t size, std::uint8_t* out) const {
  if (size == 0) return;
  if (in_ram_range(addr, size)) {
    std::memcpy(out, ram_ptr(addr), size);
    return;
  }
  if (in_range(addr, size, rom_lo_, rom_hi_)) {
    std::memcpy(out, rom_data_.data() + (addr - rom_lo_), size);
    return;
  }
  ZISKC_CHECK(in_range(addr, size, input_lo_, input_lo_ + input_max_), "read_bytes range");
  const std::uint64_t off = addr - input_lo_;
  const std::uint64_t stored = input_.size();
  const std::uint64_t n = off < stored ? std::min<std::uint64_t>(size, stored - off) : 0;
  if (n > 0) std::memcpy(out, input_.data() + off, n);
  if (n < size) std::memset(out + n, 0, size - n);
}

void GuestMemory::set_free_input(std::uint64_t v) {
  free_input_ = v;
  std::memcpy(input_.data(), &v, 8);
}

}  // namespace ziskc::emu
