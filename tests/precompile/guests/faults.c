/* Test guest: one misuse of a precompile or free-input call per case (input record 0:
 * [u64 case]); each must stop the run with a guest fault naming the cause. */
#include <string.h>
#include <ziskc/zisk.h>

static uint64_t buf[64];

int main(void) {
  const zisk_input_t in = zisk_read_input();
  uint64_t which = 0;
  if (in.len >= 8) memcpy(&which, in.data, 8);
  zisk_point256_t* p = (zisk_point256_t*)buf;
  switch (which) {
    case 0: /* P + P through add: no affine result */
      buf[0] = 7, buf[4] = 9;
      zisk_secp256k1_add(p, p);
      break;
    case 1: /* misaligned keccak state */
      zisk_syscall_keccakf((uint64_t*)((char*)buf + 4));
      break;
    case 2: { /* zero module */
      uint64_t zero[4] = {0, 0, 0, 0};
      zisk_arith256_mod(buf, buf, buf, zero, buf + 8);
      break;
    }
    case 3: /* inverse of zero */
      ZISK_FCALL_PARAM_WORDS(buf + 32, 4);
      ZISK_FCALL(1);
      break;
    case 4: /* unknown free-input call id */
      ZISK_FCALL(100);
      break;
    case 5: { /* operand pointer into unmapped memory */
      uintptr_t bad = 0x10;
      __asm__("" : "+r"(bad)); /* hide the constant from the compiler's bounds warnings */
      zisk_sha256_compress((uint32_t*)bad, (const uint8_t*)(const void*)buf);
      break;
    }
    default:
      break;
  }
  zisk_set_output(0, 0xbad);
  return 0;
}
