#include "base/bytes.h"

#include <gtest/gtest.h>

#include <filesystem>

namespace ziskc::base {
namespace {

TEST(ByteReader, ReadsAndBoundsChecks) {
  ByteWriter w;
  w.u32(0xdeadbeef);
  w.u64(42);
  w.u8(7);
  auto bytes = w.take();
  ByteReader r(bytes, "blob");
  EXPECT_EQ(r.u32("magic").value(), 0xdeadbeefu);
  EXPECT_EQ(r.read_count("count", 100).value(), 42u);
  EXPECT_FALSE(r.expect_end().is_ok());
  EXPECT_EQ(r.u8("tag").value(), 7);
  EXPECT_TRUE(r.expect_end().is_ok());
  auto past = r.u64("extra");
  ASSERT_FALSE(past.is_ok());
  EXPECT_NE(past.status().message().find("blob: extra"), std::string::npos);
}

TEST(ByteReader, CountAboveLimitIsRefused) {
  ByteWriter w;
  w.u64(1ull << 40);
  auto bytes = w.take();
  ByteReader r(bytes, "proof");
  auto c = r.read_count("num_rows", 1 << 20);
  ASSERT_FALSE(c.is_ok());
  EXPECT_NE(c.status().message().find("exceeds the limit"), std::string::npos);
}

TEST(Files, AtomicWriteThenRead) {
  auto dir = std::filesystem::temp_directory_path() / "ziskc_bytes_test";
  std::filesystem::create_directories(dir);
  const std::string path = (dir / "f.bin").string();
  std::vector<std::uint8_t> data = {1, 2, 3};
  ASSERT_TRUE(write_file_atomic(path, data).is_ok());
  auto back = read_file(path);
  ASSERT_TRUE(back.is_ok());
  EXPECT_EQ(back.value(), data);
  EXPECT_FALSE(read_file((dir / "missing").string()).is_ok());
  EXPECT_FALSE(write_file_atomic((dir / "no/such/dir/f").string(), data).is_ok());
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace ziskc::base
