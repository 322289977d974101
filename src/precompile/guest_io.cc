// Error messages of GuestIo (cold paths only).
#include "precompile/guest_io.h"

namespace ziskc::precompile {

Status GuestIo::reject(std::string_view why) const {
  return make_error(ErrorCode::kGuestFault, "precompile {}: {}", info(kind_).name, why);
}

Status GuestIo::bad_address(std::uint64_t addr, std::size_t words, std::string_view what) const {
  if ((addr & 7) != 0) {
    return make_error(ErrorCode::kGuestFault, "precompile {}: {} at {:#x} is not 8-byte aligned",
                      info(kind_).name, what, addr);
  }
  return make_error(ErrorCode::kGuestFault,
                    "precompile {}: {} at {:#x} ({} words) wraps past the end of the address space",
                    info(kind_).name, what, addr, words);
}

Status GuestIo::failed(std::uint64_t addr, std::size_t words, std::string_view what,
                       const char* op) const {
  return make_error(ErrorCode::kGuestFault, "precompile {}: cannot {} {} ({} words at {:#x})",
                    info(kind_).name, op, what, words, addr);
}

}  // namespace ziskc::precompile
