/* ziskc guest runtime: the ELF entry point and the exit path (layout `zisk`).
 *
 * The ZisK BIOS has already stored every .data/.rodata/.bss word (RAM starts all-zero), set
 * marchid, put INPUT_ADDR in a0 and OUTPUT_ADDR in a1, and jumps here. So _start only sets the
 * global pointer, the stack pointer and the thread pointer (picolibc keeps errno in TLS; the
 * single thread's TLS block is the .tdata/.tbss image itself), runs the static constructors,
 * calls main(0, 0) and passes its result to exit(), which runs the atexit handlers and static
 * destructors and ends in _exit: `li a7, 93; ecall` with the code in a0 (ZisK's exit call).
 */
	.section .text.init.enter, "ax", @progbits
	.globl _start
	.type _start, @function
_start:
	.option push
	.option norelax
	la gp, __global_pointer$
	.option pop
	la sp, __stack_top
	la tp, __tls_base
	call __libc_init_array
	li a0, 0
	li a1, 0
	call main
	call exit
1:	j 1b
	.size _start, . - _start

	.text
	.globl _exit
	.type _exit, @function
/* void _exit(int code): never returns. */
_exit:
	li a7, 93
	ecall
1:	j 1b
	.size _exit, . - _exit

	.globl zisk_exit
	.type zisk_exit, @function
zisk_exit:
	j _exit
	.size zisk_exit, . - zisk_exit

/* An illegal instruction (the all-zero word), executed on purpose by zisk_abort(). */
	.globl __zisk_trap
	.type __zisk_trap, @function
__zisk_trap:
	.4byte 0
1:	j 1b
	.size __zisk_trap, . - __zisk_trap
