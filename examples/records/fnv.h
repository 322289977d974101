/* 32-bit FNV-1a, the per-record digest of the records example. */
#ifndef ZISKC_EXAMPLES_RECORDS_FNV_H_
#define ZISKC_EXAMPLES_RECORDS_FNV_H_
#include <stddef.h>
#include <stdint.h>
uint32_t fnv1a32(const uint8_t* data, size_t len);
#endif
