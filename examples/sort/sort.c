/* Example guest: sorts the u32 values of the first input record (n*4 bytes, little-endian) with
 * a heap sort on a heap copy (malloc + DMA memcpy), checks the result is ordered and publishes
 * a summary. Outputs: word 0 = n, word 1 = min, word 2 = max, word 3 = the median a[n/2],
 * word 4 = sum over i of (i+1)*a[i] mod 2^32 (a checksum that depends on the order). For n = 0,
 * words 1-4 are 0. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ziskc/zisk.h>

static void sift_down(uint32_t* a, size_t start, size_t end) {
  size_t root = start;
  for (;;) {
    size_t child = 2 * root + 1;
    if (child >= end) return;
    if (child + 1 < end && a[child] < a[child + 1]) ++child;
    if (a[root] >= a[child]) return;
    const uint32_t t = a[root];
    a[root] = a[child];
    a[child] = t;
    root = child;
  }
}

static void heap_sort(uint32_t* a, size_t n) {
  for (size_t i = n / 2; i-- > 0;) sift_down(a, i, n);
  for (size_t end = n; end-- > 1;) {
    const uint32_t t = a[0];
    a[0] = a[end];
    a[end] = t;
    sift_down(a, 0, end);
  }
}

int main(void) {
  const zisk_input_t in = zisk_read_input();
  if (in.len % 4 != 0) zisk_abort("sort: the input record is not a whole number of u32");
  const size_t n = in.len / 4;
  uint32_t* a = malloc(n * 4 + 4);
  if (a == NULL) zisk_abort("sort: out of memory");
  memcpy(a, in.data, n * 4);
  heap_sort(a, n);
  uint32_t checksum = 0;
  for (size_t i = 0; i < n; ++i) {
    if (i > 0 && a[i - 1] > a[i]) zisk_abort("sort: result is not ordered");
    checksum += (uint32_t)(i + 1) * a[i];
  }
  zisk_set_output(0, (uint32_t)n);
  zisk_set_output(1, n ? a[0] : 0);
  zisk_set_output(2, n ? a[n - 1] : 0);
  zisk_set_output(3, n ? a[n / 2] : 0);
  zisk_set_output(4, checksum);
  printf("sorted %lu values: min %lu, median %lu, max %lu, checksum %08lx\n", (unsigned long)n,
         (unsigned long)(n ? a[0] : 0), (unsigned long)(n ? a[n / 2] : 0),
         (unsigned long)(n ? a[n - 1] : 0), (unsigned long)checksum);
  free(a);
  return 0;
}
