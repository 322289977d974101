// ZisK input files. The format is ZisK's `ZiskStdin` frame stream (zisk-common io): each
// write_slice appends [u64 LE length][bytes][zero padding so the frame is a multiple of 8],
// and the guest's read_input walks the same frames from INPUT_ADDR + 8. ZisK's reader skips
// the padding without looking at it, so nonzero padding is accepted here too; a last frame
// whose padding is cut off by the end of the file is accepted and zero-filled.
#include "zisk/input_file.h"

#include <fmt/format.h>

#include <algorithm>

#include "base/bytes.h"

namespace ziskc::zisk {

Result<std::vector<std::uint8_t>> parse_input_file(std::span<const std::uint8_t> bytes,
                                                   std::uint64_t max) {
  if (bytes.size() > max) {
    return make_error(ErrorCode::kBadInput, "input file: {} bytes exceed the input area ({} bytes)",
                      bytes.size(), max);
  }
  std::uint64_t off = 0, record = 0;
  const std::uint64_t size = bytes.size();
  while (off < size) {
    if (size - off < 8) {
      return make_error(ErrorCode::kBadInput,
                        "input file: record {} at offset {}: truncated length field ({} of 8 "
                        "bytes)",
                        record, off, size - off);
    }
    const std::uint64_t len = base::load_le64(bytes.data() + off);
    const std::uint64_t avail = size - off - 8;
    if (len > avail) {
      return make_error(ErrorCode::kBadInput,
                        "input file: record {} at offset {}: length {} exceeds the {} bytes "
                        "left in the file",
                        record, off, len, avail);
    }
    const std::uint64_t padded = (len + 7) & ~std::uint64_t{7};  // len <= size, no overflow
    off += 8 + std::min(padded, avail);
    ++record;
  }
  std::vector<std::uint8_t> out(bytes.begin(), bytes.end());
  out.resize((out.size() + 7) & ~std::size_t{7}, 0);
  if (out.size() > max) {
    return make_error(ErrorCode::kBadInput,
                      "input file: {} bytes with padding exceed the input area ({} bytes)",
                      out.size(), max);
  }
  return out;
}

std::vector<std::uint8_t> wrap_raw_input(std::span<const std::uint8_t> raw) {
  base::ByteWriter w;
  w.u64(raw.size());
  w.bytes(raw);
  std::vector<std::uint8_t> out = w.take();
  out.resize((out.size() + 7) & ~std::size_t{7}, 0);
  return out;
}

}  // namespace ziskc::zisk
