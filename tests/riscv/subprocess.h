// Runs a child process for the test harnesses: argv (no shell), stdout and stderr captured,
// a wall-clock timeout after which the child is killed. Test-only code (tests/riscv).
// Invariants: never throws; a failure to start the child is reported in `spawn_error`.
#pragma once

#include <chrono>
#include <string>
#include <vector>

namespace ziskc::difftest {

struct ProcessResult {
  std::string spawn_error;  // non-empty if the child could not be started
  bool timed_out = false;   // killed after the timeout
  int exit_code = -1;       // exit status if the child exited normally, else -1
  int term_signal = 0;      // the signal that ended the child, or 0
  std::string out;          // everything the child wrote to stdout
  std::string err;          // everything the child wrote to stderr

  bool exited() const { return spawn_error.empty() && !timed_out && term_signal == 0; }
  // "exit code 2", "killed by signal 11", "timed out after ...", for messages.
  std::string describe() const;
};

ProcessResult run_process(const std::vector<std::string>& argv,
                          std::chrono::milliseconds timeout = std::chrono::seconds(60));

// The argv as one printable shell-like line (for failure messages).
std::string command_line(const std::vector<std::string>& argv);

}  // namespace ziskc::difftest
