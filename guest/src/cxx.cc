// ziskc guest runtime: the C++ support a freestanding guest needs without libstdc++ (Debian's
// cross toolchain ships none): operator new/delete on picolibc's malloc, and the pure-virtual
// trap. Guests are built with -fno-exceptions -fno-rtti -fno-threadsafe-statics, so allocation
// failure aborts the run instead of throwing.
#include <stdlib.h>

#include "ziskc/zisk.h"

namespace {
using Size = decltype(sizeof(0));
void* checked_malloc(Size n) {
  void* p = malloc(n == 0 ? 1 : n);
  if (p == nullptr) zisk_abort("operator new: out of memory");
  return p;
}
}  // namespace

namespace std {
enum class align_val_t : Size;
struct nothrow_t;
}  // namespace std

void* operator new(Size n) { return checked_malloc(n); }
void* operator new[](Size n) { return checked_malloc(n); }
void* operator new(Size n, const std::nothrow_t&) noexcept { return malloc(n == 0 ? 1 : n); }
void* operator new[](Size n, const std::nothrow_t&) noexcept { return malloc(n == 0 ? 1 : n); }
void* operator new(Size n, std::align_val_t a) {
  void* p = nullptr;
  if (posix_memalign(&p, static_cast<Size>(a), n == 0 ? 1 : n) != 0) {
    zisk_abort("operator new: out of memory");
  }
  return p;
}
void* operator new[](Size n, std::align_val_t a) { return operator new(n, a); }
void operator delete(void* p) noexcept { free(p); }
void operator delete[](void* p) noexcept { free(p); }
void operator delete(void* p, Size) noexcept { free(p); }
void operator delete[](void* p, Size) noexcept { free(p); }
void operator delete(void* p, std::align_val_t) noexcept { free(p); }
void operator delete[](void* p, std::align_val_t) noexcept { free(p); }
void operator delete(void* p, Size, std::align_val_t) noexcept { free(p); }
void operator delete[](void* p, Size, std::align_val_t) noexcept { free(p); }

extern "C" void __cxa_pure_virtual() { zisk_abort("pure virtual function called"); }
