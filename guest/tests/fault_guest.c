/* Fault test guest: one input record, a u32 mode, selects how the run must end.
 *   0: zisk_abort("boom")   1: a failed assert()   2: zisk_set_output(64, 0)
 *   3: exit(0) from a nested call
 * Modes 0-2 must end in a guest fault after printing "abort: ..."; mode 3 must end cleanly with
 * output word 0 = 0x600D. */
#include <assert.h>
#include <stdlib.h>
#include <ziskc/zisk.h>

static void nested_exit(void) {
  zisk_set_output(0, 0x600D);
  exit(0);
}

int main(void) {
  const uint32_t mode = zisk_read_u32();
  switch (mode) {
    case 0:
      zisk_abort("boom");
    case 1:
      assert(mode == 12345);
      break;
    case 2:
      zisk_set_output(64, 0);
      break;
    case 3:
      nested_exit();
      break;
  }
  zisk_set_output(0, 0xBAD);
  return 0;
}
