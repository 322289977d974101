// One-line error reporting shared by every command.
#include <cstdio>

#include "cli/commands.h"

namespace ziskc::cli {

int report_error(const Status& status) {
  std::fflush(stdout);
  std::fprintf(stderr, "error: %s\n", status.message().c_str());
  return exit_code_for(status.code());
}

}  // namespace ziskc::cli
