// ByteReader bounds checks and atomic file writes.
#include "base/bytes.h"

#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <filesystem>
#include <fstream>

namespace ziskc::base {

Status ByteReader::error(std::string_view field, std::string_view msg) const {
  return make_error(ErrorCode::kMalformedProof, "{}: {} (at byte {}): {}", what_, field, pos_,
                    msg);
}

Result<std::span<const std::uint8_t>> ByteReader::bytes(std::string_view field, std::size_t n) {
  if (n > remaining()) {
    return error(field, fmt::format("needs {} bytes, only {} left", n, remaining()));
  }
  auto s = bytes_.subspan(pos_, n);
  pos_ += n;
  return s;
}

Status ByteReader::skip(std::string_view field, std::size_t n) {
  auto r = bytes(field, n);
  return r.status();
}

Result<std::uint8_t> ByteReader::u8(std::string_view field) {
  ZISKC_ASSIGN_OR_RETURN(auto s, bytes(field, 1));
  return s[0];
}

Result<std::uint32_t> ByteReader::u32(std::string_view field) {
  ZISKC_ASSIGN_OR_RETURN(auto s, bytes(field, 4));
  return load_le32(s.data());
}

Result<std::uint64_t> ByteReader::u64(std::string_view field) {
  ZISKC_ASSIGN_OR_RETURN(auto s, bytes(field, 8));
  return load_le64(s.data());
}

Result<std::uint64_t> ByteReader::read_count(std::string_view field, std::uint64_t max) {
  ZISKC_ASSIGN_OR_RETURN(auto v, u64(field));
  if (v > max) {
    pos_ -= 8;
    return error(field, fmt::format("count {} exceeds the limit {}", v, max));
  }
  return v;
}

Status ByteReader::expect_end() const {
  if (!at_end()) {
    return error("end", fmt::format("{} trailing bytes", remaining()));
  }
  return Status::ok();
}

Result<std::vector<std::uint8_t>> read_file(const std::string& path, std::uint64_t max_bytes) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    return make_error(ErrorCode::kIo, "{}: is a directory", path);
  }
  std::ifstream f(path, std::ios::binary);
  if (!f) return make_error(ErrorCode::kIo, "{}: cannot open: {}", path, std::strerror(errno));
  f.seekg(0, std::ios::end);
  const std::streamoff size = f.tellg();
  if (size < 0) return make_error(ErrorCode::kIo, "{}: cannot determine size", path);
  if (static_cast<std::uint64_t>(size) > max_bytes) {
    return make_error(ErrorCode::kIo, "{}: file too large ({} bytes, limit {})", path, size,
                      max_bytes);
  }
  f.seekg(0);
  std::vector<std::uint8_t> out(static_cast<std::size_t>(size));
  if (size > 0 && !f.read(reinterpret_cast<char*>(out.data()), size)) {
    return make_error(ErrorCode::kIo, "{}: read failed", path);
  }
  return out;
}

Status write_file_atomic(const std::string& path, std::span<const std::uint8_t> bytes) {
  const std::string tmp = fmt::format("{}.tmp.{}", path, static_cast<long>(::getpid()));
  {
    std::FILE* f = std::fopen(tmp.c_str(), "wb");
    if (!f) return make_error(ErrorCode::kIo, "{}: cannot create: {}", path, std::strerror(errno));
    const bool ok = bytes.empty() || std::fwrite(bytes.data(), 1, bytes.size(), f) == bytes.size();
    const bool closed = std::fclose(f) == 0;
    if (!ok || !closed) {
      std::remove(tmp.c_str());
      return make_error(ErrorCode::kIo, "{}: write failed", path);
    }
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    std::remove(tmp.c_str());
    return make_error(ErrorCode::kIo, "{}: rename failed: {}", path, std::strerror(errno));
  }
  return Status::ok();
}

}  // namespace ziskc::base
