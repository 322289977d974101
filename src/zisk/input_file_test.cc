// Input file tests: ZisK's frame format [u64 LE length][bytes][zero pad to 8] (zisk-common
// ZiskStdin::write_slice): good files pass through unchanged, every malformed length is
// reported with its record index and offset before anything is allocated from it.
#include "zisk/input_file.h"

#include <gtest/gtest.h>

#include <string>

#include "base/bytes.h"

namespace ziskc::zisk {
namespace {

// What ZisK's ZiskStdin::write_slice appends for one frame.
void append_frame(std::vector<std::uint8_t>& out, std::vector<std::uint8_t> data) {
  base::ByteWriter w;
  w.u64(data.size());
  w.bytes(data);
  out.insert(out.end(), w.data().begin(), w.data().end());
  while (out.size() % 8) out.push_back(0);
}

void expect_bad(const std::vector<std::uint8_t>& bytes, const std::string& needle,
                std::uint64_t max = 1 << 20) {
  auto r = parse_input_file(bytes, max);
  ASSERT_FALSE(r.is_ok()) << "accepted; expected: " << needle;
  EXPECT_EQ(r.status().code(), ErrorCode::kBadInput);
  EXPECT_NE(r.status().message().find(needle), std::string::npos)
      << "message: " << r.status().message() << "\nexpected to contain: " << needle;
}

TEST(InputFile, EmptyFileIsNoRecords) {
  auto r = parse_input_file({}, 1024);
  ASSERT_TRUE(r.is_ok());
  EXPECT_TRUE(r->empty());
}

TEST(InputFile, GoodRecordsPassThroughUnchanged) {
  std::vector<std::uint8_t> f;
  append_frame(f, {1, 2, 3});                 // 3 bytes + 5 padding
  append_frame(f, {1, 2, 3, 4, 5, 6, 7, 8});  // no padding
  append_frame(f, {});                        // empty frame
  append_frame(f, std::vector<std::uint8_t>(1000, 0xab));
  ASSERT_EQ(f.size(), 16u + 16u + 8u + 1008u);
  auto r = parse_input_file(f, 1 << 20);
  ASSERT_TRUE(r.is_ok()) << r.status().message();
  EXPECT_EQ(*r, f);
}

TEST(InputFile, TruncatedLengthField) {
  expect_bad({1, 0, 0, 0, 0},
             "input file: record 0 at offset 0: truncated length field (5 of 8 "
             "bytes)");
  std::vector<std::uint8_t> f;
  append_frame(f, {9});
  f.insert(f.end(), {4, 0, 0});
  expect_bad(f, "record 1 at offset 16: truncated length field (3 of 8 bytes)");
}

TEST(InputFile, LengthPastTheEnd) {
  std::vector<std::uint8_t> f;
  append_frame(f, {9});
  append_frame(f, {1, 2, 3, 4});
  f[16] = 100;  // record 1 claims 100 bytes, 8 are left
  expect_bad(f, "record 1 at offset 16: length 100 exceeds the 8 bytes left in the file");
}

TEST(InputFile, HugeLengthsAreBoundedBeforeAllocation) {
  for (std::uint64_t len : {~0ull, 1ull << 63, (1ull << 40) + 3, ~0ull - 6}) {
    base::ByteWriter w;
    w.u64(len);
    w.u64(0);
    expect_bad(w.take(), "record 0 at offset 0: length " + std::to_string(len) +
                             " exceeds the 8 bytes left in the file");
  }
}

TEST(InputFile, NonzeroPaddingIsAcceptedLikeZisk) {
  // ZisK's reader skips the padding bytes without checking them.
  std::vector<std::uint8_t> f;
  append_frame(f, {1, 2, 3});
  f[13] = 0xee;
  auto r = parse_input_file(f, 1024);
  ASSERT_TRUE(r.is_ok()) << r.status().message();
  EXPECT_EQ(*r, f);
}

TEST(InputFile, MissingFinalPaddingIsZeroFilled) {
  std::vector<std::uint8_t> f;
  append_frame(f, {1, 2, 3});
  std::vector<std::uint8_t> cut(f.begin(), f.begin() + 11);  // length + 3 data bytes
  auto r = parse_input_file(cut, 1024);
  ASSERT_TRUE(r.is_ok()) << r.status().message();
  EXPECT_EQ(*r, f);
}

TEST(InputFile, TooLargeForTheInputArea) {
  std::vector<std::uint8_t> f;
  append_frame(f, std::vector<std::uint8_t>(100, 1));
  expect_bad(f, "input file: 112 bytes exceed the input area (64 bytes)", 64);
  std::vector<std::uint8_t> cut(f.begin(), f.begin() + 108);  // padding makes it 112
  expect_bad(cut, "input file: 112 bytes with padding exceed the input area (110 bytes)", 110);
}

TEST(InputFile, WrapRawInputIsOneFrame) {
  const std::vector<std::uint8_t> raw = {10, 20, 30, 40, 50};
  const auto wrapped = wrap_raw_input(raw);
  std::vector<std::uint8_t> expected;
  append_frame(expected, raw);
  EXPECT_EQ(wrapped, expected);
  auto r = parse_input_file(wrapped, 1024);
  ASSERT_TRUE(r.is_ok());
  EXPECT_EQ(*r, wrapped);
  EXPECT_EQ(wrap_raw_input({}), std::vector<std::uint8_t>(8, 0));
}

}  // namespace
}  // namespace ziskc::zisk
