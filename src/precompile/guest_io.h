// Guest-memory access on behalf of one precompile call: every read and write goes through the
// emulator's Memory, every failure becomes a located kGuestFault ("precompile sha256: state at
// 0xa0001003 is not 8-byte aligned"). The message is only formatted on failure.
//
// Invariants: addresses handed to Memory are 8-byte aligned and addr + 8*n does not wrap.
// Order of accesses: callers read the parameter block first, then each operand in block order,
// then write the results (ZisK's order, so the emulator records reads in the same sequence).
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

#include "base/status.h"
#include "precompile/precompile.h"

namespace ziskc::precompile {

class GuestIo {
 public:
  GuestIo(Kind kind, Memory& mem) : kind_(kind), mem_(mem) {}

  Status read(std::uint64_t addr, std::span<std::uint64_t> out, std::string_view what) const {
    if (!valid(addr, out.size())) [[unlikely]]
      return bad_address(addr, out.size(), what);
    if (!mem_.read(addr, out)) [[unlikely]]
      return failed(addr, out.size(), what, "read");
    return Status::ok();
  }
  Status write(std::uint64_t addr, std::span<const std::uint64_t> in, std::string_view what) const {
    if (!valid(addr, in.size())) [[unlikely]]
      return bad_address(addr, in.size(), what);
    if (!mem_.write(addr, in)) [[unlikely]]
      return failed(addr, in.size(), what, "write");
    return Status::ok();
  }
  // A guest value the operation rejects (x1 == x2 in a curve add, a zero modulus, ...).
  Status reject(std::string_view why) const;

 private:
  static bool valid(std::uint64_t addr, std::size_t words) {
    return (addr & 7) == 0 && addr <= UINT64_MAX - 8 * static_cast<std::uint64_t>(words);
  }
  Status bad_address(std::uint64_t addr, std::size_t words, std::string_view what) const;
  Status failed(std::uint64_t addr, std::size_t words, std::string_view what, const char* op) const;

  Kind kind_;
  Memory& mem_;
};

}  // namespace ziskc::precompile
