/* 32-bit FNV-1a (offset basis 0x811c9dc5, prime 0x01000193). */
#include "fnv.h"

uint32_t fnv1a32(const uint8_t* data, size_t len) {
  uint32_t h = 0x811c9dc5u;
  for (size_t i = 0; i < len; ++i) h = (h ^ data[i]) * 0x01000193u;
  return h;
}
