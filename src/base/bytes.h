// Little-endian byte reader/writer for the project's binary formats, and file helpers.
// ByteReader never reads past its span: every read returns a located error instead. Callers
// bound every length they read before allocating (see read_count).
#pragma once

#include <cstdint>
#include <cstring>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace ziskc::base {

class ByteReader {
 public:
  // `what` names the source in error messages ("proof", "input file", ...).
  ByteReader(std::span<const std::uint8_t> bytes, std::string what)
      : bytes_(bytes), what_(std::move(what)) {}

  std::size_t offset() const { return pos_; }
  std::size_t remaining() const { return bytes_.size() - pos_; }
  bool at_end() const { return pos_ == bytes_.size(); }

  Result<std::uint8_t> u8(std::string_view field);
  Result<std::uint32_t> u32(std::string_view field);
  Result<std::uint64_t> u64(std::string_view field);
  // A count that must be <= max (checked before any allocation based on it).
  Result<std::uint64_t> read_count(std::string_view field, std::uint64_t max);
  Result<std::span<const std::uint8_t>> bytes(std::string_view field, std::size_t n);
  Status skip(std::string_view field, std::size_t n);
  // Error unless every byte has been consumed.
  Status expect_end() const;

  Status error(std::string_view field, std::string_view msg) const;

 private:
  std::span<const std::uint8_t> bytes_;
  std::string what_;
  std::size_t pos_ = 0;
};

class ByteWriter {
 public:
  void u8(std::uint8_t v) { out_.push_back(v); }
  void u32(std::uint32_t v) { put(&v, 4); }
  void u64(std::uint64_t v) { put(&v, 8); }
  void bytes(std::span<const std::uint8_t> b) { out_.insert(out_.end(), b.begin(), b.end()); }
  std::vector<std::uint8_t>& data() { return out_; }
  std::vector<std::uint8_t> take() { return std::move(out_); }

 private:
  void put(const void* p, std::size_t n) {
    const auto* b = static_cast<const std::uint8_t*>(p);  // host is little-endian (x86-64)
    out_.insert(out_.end(), b, b + n);
  }
  std::vector<std::uint8_t> out_;
};

inline std::uint64_t load_le64(const std::uint8_t* p) {
  std::uint64_t v;
  std::memcpy(&v, p, 8);
  return v;
}
inline std::uint32_t load_le32(const std::uint8_t* p) {
  std::uint32_t v;
  std::memcpy(&v, p, 4);
  return v;
}

// Reads a whole file; errors name the path. Files larger than max_bytes are refused.
Result<std::vector<std::uint8_t>> read_file(const std::string& path,
                                            std::uint64_t max_bytes = (1ull << 34));
// Writes to "<path>.tmp.<pid>" then renames over path, so no partial file is ever left.
Status write_file_atomic(const std::string& path, std::span<const std::uint8_t> bytes);

}  // namespace ziskc::base
