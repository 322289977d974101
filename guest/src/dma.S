/* ziskc guest runtime: memcpy, memmove, memset and memcmp through ZisK's DMA CSR ports. They
 * replace picolibc's functions of the same names (the runtime archive comes first in the link
 * group). The instruction sequences are exactly ZisK's (ziskos/entrypoint/src/dma/memcpy.s etc.), because
 * the transpiler recognises them as one DMA operation:
 *   memcpy/memmove  csrs 0x813, a1 (src)   ; add  x0, a0 (dst), a2 (n)
 *   memcmp          csrrs a0, 0x814, a1    ; add  x0, a0, a2          (result in a0)
 *   memset          csrs 0x816, a0 (dst)   ; addi x0, a2 (n), <byte>   (the byte is an
 *                   immediate: a 256-entry jump table of 16-byte entries selects it)
 * a0 is preserved where the C function returns its first argument. memmove uses the memcpy
 * port, as ZisK's does: the DMA copy behaves as if through a temporary buffer.
 * No compressed instructions here: the table entries must be exactly 16 bytes.
 */
	.option norvc
	.option norelax /* alignment computed here, not by linker relaxation */
	.text

	.globl memcpy
	.type memcpy, @function
	.p2align 4
memcpy:
	csrs 0x813, a1
	add x0, a0, a2
	ret
	.size memcpy, . - memcpy

	.globl memmove
	.type memmove, @function
	.p2align 4
memmove:
	csrs 0x813, a1
	add x0, a0, a2
	ret
	.size memmove, . - memmove

	.globl memcmp
	.type memcmp, @function
	.p2align 4
memcmp:
	csrrs a0, 0x814, a1
	add x0, a0, a2
	ret
	.size memcmp, . - memcmp

	.globl memset
	.type memset, @function
	.p2align 4
memset:
	bnez a1, 1f
	csrs 0x816, a0
	addi x0, a2, 0
	ret
1:	andi a1, a1, 0xff
	slli a1, a1, 4
	la t0, 2f
	add t0, t0, a1
	jr t0
	.p2align 4
2:
	.set fill, 0
	.rept 256
	csrs 0x816, a0
	addi x0, a2, fill
	ret
	nop
	.set fill, fill + 1
	.endr
	.size memset, . - memset
	/* Pad the section to its alignment with nops here: the assembler would pad with zeros. */
	.p2align 4
