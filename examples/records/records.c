/* Example guest: reads several input records. Record 0 is a u32 count k (<= 62); records 1..k
 * are arbitrary bytes (any length, zero included). Outputs: word 0 = k, word 1 = the total
 * length of records 1..k, word 2+i = FNV-1a-32 of record 1+i. Built from a directory
 * (`ziskc build examples/records`): records.c and fnv.c. */
#include <stdio.h>
#include <ziskc/zisk.h>

#include "fnv.h"

int main(void) {
  const uint32_t k = zisk_read_u32();
  if (k > ZISK_NUM_OUTPUTS - 2) zisk_abort("records: more than 62 records");
  uint32_t total = 0;
  for (uint32_t i = 0; i < k; ++i) {
    const zisk_input_t r = zisk_read_input();
    const uint32_t h = fnv1a32(r.data, r.len);
    total += (uint32_t)r.len;
    zisk_set_output(2 + i, h);
    printf("record %lu: %lu bytes, fnv1a32 %08lx\n", (unsigned long)(i + 1), (unsigned long)r.len,
           (unsigned long)h);
  }
  zisk_set_output(0, k);
  zisk_set_output(1, total);
  printf("%lu records, %lu bytes\n", (unsigned long)k, (unsigned long)total);
  return 0;
}
