// Status and Result<T>: how errors caused by untrusted input travel (STYLE.md, errors kind 2).
// A Status carries a code (which maps to the process exit code) and a located message such as
// "proof: fri.query[17].round[2]: expected 8 siblings, got 7". Bugs use ZISKC_CHECK instead;
// guest faults are emulator exit states.
#pragma once

#include <fmt/format.h>

#include <optional>
#include <string>
#include <utility>
#include <variant>

#include "base/check.h"

namespace ziskc {

enum class ErrorCode : int {
  kOk = 0,
  kVerifyFailed,     // a well-formed proof that does not verify (exit 1)
  kMalformedProof,   // proof bytes that do not decode (exit 1)
  kInvalidArgument,  // bad flag or option (exit 2)
  kBadElf,           // ELF rejected by the loader (exit 2)
  kBadInput,         // guest input file rejected (exit 2)
  kGuestFault,       // the guest program faulted or hit the step limit (exit 2)
  kIo,               // file system error (exit 2)
  kUnsupported,      // a feature that is not supported yet (exit 3)
  kInternal,         // anything else (exit 3)
};

const char* error_code_name(ErrorCode code);
// Process exit code for a status code: 0 ok, 1 proof rejected, 2 bad input or guest fault,
// 3 internal / unsupported.
int exit_code_for(ErrorCode code);

class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(ErrorCode code, std::string message) : code_(code), message_(std::move(message)) {}

  static Status ok() { return {}; }
  bool is_ok() const { return code_ == ErrorCode::kOk; }
  explicit operator bool() const { return is_ok(); }
  ErrorCode code() const { return code_; }
  const std::string& message() const { return message_; }

  // Prefixes the message with a location: Status(...).within("proof") -> "proof: ...".
  Status within(std::string_view where) const& {
    if (is_ok()) return *this;
    return Status(code_, fmt::format("{}: {}", where, message_));
  }

 private:
  ErrorCode code_ = ErrorCode::kOk;
  std::string message_;
};

template <class... Args>
Status make_error(ErrorCode code, fmt::format_string<Args...> f, Args&&... args) {
  return Status(code, fmt::format(f, std::forward<Args>(args)...));
}

template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Status status) : v_(std::move(status)) {  // NOLINT
    ZISKC_CHECK(!std::get<Status>(v_).is_ok(), "Result constructed from an ok Status");
  }

  bool is_ok() const { return std::holds_alternative<T>(v_); }
  explicit operator bool() const { return is_ok(); }
  const Status& status() const {
    static const Status kOk;
    return is_ok() ? kOk : std::get<Status>(v_);
  }
  T& value() & {
    ZISKC_CHECK(is_ok(), "value() of an error Result");
    return std::get<T>(v_);
  }
  const T& value() const& {
    ZISKC_CHECK(is_ok(), "value() of an error Result");
    return std::get<T>(v_);
  }
  T&& value() && {
    ZISKC_CHECK(is_ok(), "value() of an error Result");
    return std::get<T>(std::move(v_));
  }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  std::variant<T, Status> v_;
};

}  // namespace ziskc

// Propagate a non-ok Status / Result from an expression.
#define ZISKC_RETURN_IF_ERROR(expr)          \
  do {                                       \
    ::ziskc::Status _st = (expr);            \
    if (!_st.is_ok()) return _st;            \
  } while (0)

#define ZISKC_CONCAT_INNER(a, b) a##b
#define ZISKC_CONCAT(a, b) ZISKC_CONCAT_INNER(a, b)
// ZISKC_ASSIGN_OR_RETURN(auto x, parse_foo(bytes));
#define ZISKC_ASSIGN_OR_RETURN(lhs, expr) \
  ZISKC_ASSIGN_OR_RETURN_IMPL(ZISKC_CONCAT(_res_, __LINE__), lhs, expr)
#define ZISKC_ASSIGN_OR_RETURN_IMPL(tmp, lhs, expr) \
  auto tmp = (expr);                                \
  if (!tmp.is_ok()) return tmp.status();            \
  lhs = std::move(tmp).value()
