// Free-input calls (placeholder while the hints are written).
#include "precompile/precompile.h"

namespace ziskc::precompile {

const char* fcall_name(std::uint32_t) { return nullptr; }

Result<std::vector<std::uint64_t>> fcall(std::uint32_t id, std::span<const std::uint64_t>) {
  return make_error(ErrorCode::kUnsupported, "not supported yet: free-input call {}", id);
}

}  // namespace ziskc::precompile
