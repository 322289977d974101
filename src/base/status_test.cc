#include "base/status.h"

#include <gtest/gtest.h>

namespace ziskc {
namespace {

Result<int> parse_positive(int v) {
  if (v <= 0) return make_error(ErrorCode::kBadInput, "value {} is not positive", v);
  return v;
}

Result<int> twice(int v) {
  ZISKC_ASSIGN_OR_RETURN(int x, parse_positive(v));
  return 2 * x;
}

TEST(Status, OkAndErrorPropagate) {
  EXPECT_TRUE(twice(3).is_ok());
  EXPECT_EQ(twice(3).value(), 6);
  auto r = twice(-1);
  ASSERT_FALSE(r.is_ok());
  EXPECT_EQ(r.status().code(), ErrorCode::kBadInput);
  EXPECT_EQ(r.status().message(), "value -1 is not positive");
  EXPECT_EQ(r.status().within("input").message(), "input: value -1 is not positive");
}

TEST(Status, ExitCodes) {
  EXPECT_EQ(exit_code_for(ErrorCode::kOk), 0);
  EXPECT_EQ(exit_code_for(ErrorCode::kVerifyFailed), 1);
  EXPECT_EQ(exit_code_for(ErrorCode::kMalformedProof), 1);
  EXPECT_EQ(exit_code_for(ErrorCode::kBadElf), 2);
  EXPECT_EQ(exit_code_for(ErrorCode::kGuestFault), 2);
  EXPECT_EQ(exit_code_for(ErrorCode::kInternal), 3);
}

}  // namespace
}  // namespace ziskc
