// Checks for programming errors (never for input): abort with file:line and a message.
// ZISKC_CHECK is always on; ZISKC_DCHECK only in debug builds (use it in hot loops).
#pragma once

#include <cstdio>
#include <cstdlib>

namespace ziskc::base {
[[noreturn]] inline void check_failed(const char* file, int line, const char* cond,
                                      const char* msg) {
  std::fprintf(stderr, "ziskc: internal error at %s:%d: check `%s` failed: %s\n", file, line,
               cond, msg);
  std::abort();
}
}  // namespace ziskc::base

#define ZISKC_CHECK(cond, msg)                                                 \
  do {                                                                         \
    if (!(cond)) [[unlikely]]                                                  \
      ::ziskc::base::check_failed(__FILE__, __LINE__, #cond, msg);             \
  } while (0)

#ifdef NDEBUG
#define ZISKC_DCHECK(cond, msg) \
  do {                          \
  } while (0)
#else
#define ZISKC_DCHECK(cond, msg) ZISKC_CHECK(cond, msg)
#endif
