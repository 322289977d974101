// Internal: the little-endian reader/writer the key and proof files share. The reader never
// reads past its span; every error names the file ("vk", "proof file"), the field path and the
// byte offset, with the error code of that file (kBadInput for keys, kMalformedProof for
// proofs). Counts are checked against a fixed bound and against the bytes left before the
// caller allocates.
#pragma once

#include <fmt/format.h>

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/bytes.h"
#include "base/status.h"
#include "field/goldilocks.h"
#include "hash/sponge.h"

namespace ziskc::verifier::internal {

class Reader {
 public:
  Reader(std::span<const std::uint8_t> bytes, std::string what, ErrorCode code)
      : b_(bytes), what_(std::move(what)), code_(code) {}

  std::size_t offset() const { return pos_; }
  std::size_t remaining() const { return b_.size() - pos_; }

  Status fail(std::string_view path, std::string_view msg) const {
    return Status(code_, fmt::format("{}: {} (at byte {}): {}", what_, path, pos_, msg));
  }
  Result<std::span<const std::uint8_t>> bytes(std::string_view path, std::size_t n) {
    if (n > remaining()) {
      return fail(path, fmt::format("truncated: needs {} bytes, {} left", n, remaining()));
    }
    auto s = b_.subspan(pos_, n);
    pos_ += n;
    return s;
  }
  Result<std::uint32_t> u32(std::string_view path) {
    ZISKC_ASSIGN_OR_RETURN(auto s, bytes(path, 4));
    return base::load_le32(s.data());
  }
  Result<std::uint64_t> u64(std::string_view path) {
    ZISKC_ASSIGN_OR_RETURN(auto s, bytes(path, 8));
    return base::load_le64(s.data());
  }
  // A u32 count of elements of elem_bytes each, bounded by max and by the bytes left.
  Result<std::size_t> count(std::string_view path, std::size_t max, std::size_t elem_bytes) {
    ZISKC_ASSIGN_OR_RETURN(std::uint32_t n, u32(path));
    if (n > max) {
      pos_ -= 4;
      return fail(path, fmt::format("count {} exceeds the limit {}", n, max));
    }
    if (std::size_t{n} * elem_bytes > remaining()) {
      pos_ -= 4;
      return fail(path, fmt::format("count {} needs {} bytes, {} left", n,
                                    std::size_t{n} * elem_bytes, remaining() - 4));
    }
    return std::size_t{n};
  }
  Result<field::Fe> fe(std::string_view path) {
    ZISKC_ASSIGN_OR_RETURN(std::uint64_t v, u64(path));
    if (v >= field::Fe::kP) {
      pos_ -= 8;
      return fail(path, fmt::format("field element 0x{:x} is not canonical (>= p)", v));
    }
    return field::Fe::from_canonical(v);
  }
  Result<hash::Digest> digest(std::string_view path) {
    hash::Digest d;
    for (field::Fe& v : d.v) {
      ZISKC_ASSIGN_OR_RETURN(v, fe(path));
    }
    return d;
  }
  Status expect_end() const {
    if (remaining() != 0) return fail("end", fmt::format("{} trailing bytes", remaining()));
    return Status::ok();
  }

 private:
  std::span<const std::uint8_t> b_;
  std::string what_;
  ErrorCode code_;
  std::size_t pos_ = 0;
};

inline void put_digest(base::ByteWriter& w, const hash::Digest& d) {
  for (field::Fe v : d.v) w.u64(v.value());
}

}  // namespace ziskc::verifier::internal
