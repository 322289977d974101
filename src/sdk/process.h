// Running the cross compiler: a child process with an argument vector (never a shell), its
// stdout and stderr captured together. Used only by the SDK's build driver.
// Invariants: each captured stream is bounded (kMaxProcessOutput; the rest is dropped and the
// result says so), the child is always reaped, no file descriptor leaks into it but the pipe.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "base/status.h"

namespace ziskc::sdk {

inline constexpr std::size_t kMaxProcessOutput = 1u << 20;

struct ProcessResult {
  int exit_code = 0;       // the child's exit status, or 128 + signal number
  std::string output;      // stdout (and stderr too, interleaved as written, when merged)
  std::string errors;      // stderr when not merged
  bool truncated = false;  // a stream exceeded kMaxProcessOutput; the rest was dropped
};

enum class Stderr { kMerge, kSeparate };

// Runs argv[0] (searched in PATH if it has no '/') with argv, stdin from /dev/null. Fails (kIo)
// only when the process cannot be started; a non-zero exit code is a successful run with that
// exit_code.
Result<ProcessResult> run_process(const std::vector<std::string>& argv,
                                  Stderr stderr_mode = Stderr::kMerge);

// The full path of `name` in PATH (or `name` itself if it contains '/' and is executable),
// or an empty string.
std::string find_program(const std::string& name);

// "a b 'c d'": argv as a shell would need it, for logs and error messages.
std::string format_command(const std::vector<std::string>& argv);

}  // namespace ziskc::sdk
