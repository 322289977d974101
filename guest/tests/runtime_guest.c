/* Runtime test guest: exercises every part of the guest runtime that a run can observe, and
 * publishes what it saw; guest/tests/runtime_test.cc knows what each word must be.
 * Input records: [u64 0x0123456789abcdef] [u32 0xdeadbeef] ["hello"] [] [100 bytes: 7*i].
 * Outputs:
 *   0-2   zisk_commit("ABCDEFG") then zisk_commit("HI"): "ABCD" "EFGH" "I\0\0\0"
 *   3     the byte count zisk_commit returned last (9)
 *   4     marchid (0x0FFFEEEE)
 *   5-6   the u64 record (low, high); 7 the u32 record
 *   8-9   "hello": its length and its first 4 bytes; 10 the empty record's length
 *   11    the sum of the 100-byte record; 12 zisk_input_first().len (8)
 *   13    the u64 record again after zisk_input_rewind() (low word)
 *   14    memcmp of equal buffers (0); 15 memcmp sign of "abd" vs "abc"... (1), 16 of the
 *         reverse (-1 as u32)
 *   17-18 FNV-1a of a 32-byte buffer after an overlapping memmove forward / backward
 *   19-20 FNV-1a of a 37-byte buffer after memset(buf+3, 0, 29) / memset(buf+1, 0xA5, 33)
 *   21    1 if malloc/realloc kept 1 MiB of data intact; 22 errno after strtol overflow (ERANGE)
 *   23    0x5EED if the constructor ran before main; 24 a __thread counter after 3 increments
 *   25    FNV-1a of memcpy'd bytes at every (src, dst) misalignment 0..7 x 0..7, length 0..20
 *   63    0xA7E317, written by an atexit() handler after main returns */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ziskc/zisk.h>

static uint32_t fnv(const uint8_t* p, size_t n) {
  uint32_t h = 0x811c9dc5u;
  for (size_t i = 0; i < n; ++i) h = (h ^ p[i]) * 0x01000193u;
  return h;
}

static uint32_t g_ctor;
__attribute__((constructor)) static void init(void) { g_ctor = 0x5EED; }

static __thread uint32_t t_counter;

static void at_exit(void) {
  zisk_set_output(63, 0xA7E317);
  printf("atexit handler ran\n");
}

static int sign(int v) { return v < 0 ? -1 : v > 0 ? 1 : 0; }

int main(void) {
  atexit(at_exit);
  zisk_commit("ABCDEFG", 7);
  zisk_set_output(3, (uint32_t)zisk_commit("HI", 2));
  zisk_set_output(4, (uint32_t)zisk_marchid());

  const uint64_t v64 = zisk_read_u64();
  zisk_set_output(5, (uint32_t)v64);
  zisk_set_output(6, (uint32_t)(v64 >> 32));
  zisk_set_output(7, zisk_read_u32());
  const zisk_input_t hello = zisk_read_input();
  uint32_t head = 0;
  memcpy(&head, hello.data, 4);
  zisk_set_output(8, (uint32_t)hello.len);
  zisk_set_output(9, head);
  zisk_set_output(10, (uint32_t)zisk_read_input().len);
  const zisk_input_t hundred = zisk_read_input();
  uint32_t sum = 0;
  for (size_t i = 0; i < hundred.len; ++i) sum += hundred.data[i];
  zisk_set_output(11, sum);
  zisk_set_output(12, (uint32_t)zisk_input_first().len);
  zisk_input_rewind();
  zisk_set_output(13, (uint32_t)zisk_read_u64());

  char a[8] = "abcdefg", b[8] = "abcdefg";
  zisk_set_output(14, (uint32_t)memcmp(a, b, 8));
  b[2] = 'b';
  zisk_set_output(15, (uint32_t)sign(memcmp(a, b, 8)));
  zisk_set_output(16, (uint32_t)sign(memcmp(b, a, 8)));

  uint8_t buf[40];
  for (int i = 0; i < 32; ++i) buf[i] = (uint8_t)i;
  memmove(buf + 5, buf + 1, 20);
  zisk_set_output(17, fnv(buf, 32));
  memmove(buf + 2, buf + 9, 20);
  zisk_set_output(18, fnv(buf, 32));
  for (int i = 0; i < 37; ++i) buf[i] = (uint8_t)(3 * i + 1);
  memset(buf + 3, 0, 29);
  zisk_set_output(19, fnv(buf, 37));
  memset(buf + 1, 0xA5, 33);
  zisk_set_output(20, fnv(buf, 37));

  const size_t n = 1u << 20;
  uint32_t* big = malloc(n);
  int ok = big != NULL;
  for (size_t i = 0; ok && i < n / 4; ++i) big[i] = (uint32_t)(i * 2654435761u);
  uint32_t* bigger = ok ? realloc(big, 2 * n) : NULL;
  ok = bigger != NULL;
  for (size_t i = 0; ok && i < n / 4; ++i) ok = bigger[i] == (uint32_t)(i * 2654435761u);
  free(bigger);
  zisk_set_output(21, (uint32_t)ok);

  errno = 0;
  (void)strtol("99999999999999999999999", NULL, 10);
  zisk_set_output(22, (uint32_t)errno);
  zisk_set_output(23, g_ctor);
  for (int i = 0; i < 3; ++i) ++t_counter;
  zisk_set_output(24, t_counter);

  uint8_t src[32], dst[32];
  uint32_t h = 0x811c9dc5u;
  for (int s = 0; s < 8; ++s) {
    for (int d = 0; d < 8; ++d) {
      for (int len = 0; len <= 20; ++len) {
        for (int i = 0; i < 32; ++i) src[i] = (uint8_t)(i + 16 * s + d), dst[i] = 0xEE;
        memcpy(dst + d, src + s, (size_t)len);
        for (int i = 0; i < 32; ++i) h = (h ^ dst[i]) * 0x01000193u;
      }
    }
  }
  zisk_set_output(25, h);

  printf("printf %d %x %s %llu %c\n", 42, 42, "str", 18446744073709551615ull, 'Z');
  return 0;
}
