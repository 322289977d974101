#!/usr/bin/env python3
"""Generates decoder test vectors with the cross assembler (riscv64-unknown-elf-as).

Each case is written as assembly text plus the fields a correct decoder must produce; the
instruction word comes from assembling the text, so the expected fields (written by hand
from the ISA manual) and the encoding (from binutils) are independent. Output: C++ table
rows for decoder_test.cc. Compressed pairs: each C instruction is assembled with
-march=rv64imac (compressed) and its expansion with -march=rv64ima, both words are emitted.
Run: python3 gen_vectors.py > decoder_vectors.inc
"""
import os, subprocess, sys, tempfile

AS = "riscv64-unknown-elf-as"
OBJCOPY = "riscv64-unknown-elf-objcopy"
LD = "riscv64-unknown-elf-ld"

# (asm, Opcode, rd, rs1, rs2, imm, csr, aq, rl)
CASES = [
    ("lui a0, 0x12345", "Lui", 10, 0, 0, 0x12345000, 0, 0, 0),
    ("lui t6, 0xfffff", "Lui", 31, 0, 0, -4096, 0, 0, 0),
    ("auipc ra, 0x80000", "Auipc", 1, 0, 0, -0x80000000, 0, 0, 0),
    ("jal ra, .+2048", "Jal", 1, 0, 0, 2048, 0, 0, 0),
    ("jal zero, .-1048576", "Jal", 0, 0, 0, -1048576, 0, 0, 0),
    ("jal s0, .+1048574", "Jal", 8, 0, 0, 1048574, 0, 0, 0),
    ("jalr ra, -2048(a5)", "Jalr", 1, 15, 0, -2048, 0, 0, 0),
    ("jalr zero, 2047(t0)", "Jalr", 0, 5, 0, 2047, 0, 0, 0),
    ("beq a0, a1, .+4094", "Beq", 0, 10, 11, 4094, 0, 0, 0),
    ("bne t0, t1, .-4096", "Bne", 0, 5, 6, -4096, 0, 0, 0),
    ("blt s2, s3, .+2", "Blt", 0, 18, 19, 2, 0, 0, 0),
    ("bge zero, a0, .-2", "Bge", 0, 0, 10, -2, 0, 0, 0),
    ("bltu a2, a3, .+2048", "Bltu", 0, 12, 13, 2048, 0, 0, 0),
    ("bgeu t5, t6, .-2050", "Bgeu", 0, 30, 31, -2050, 0, 0, 0),
    ("lb a0, -1(sp)", "Lb", 10, 2, 0, -1, 0, 0, 0),
    ("lh a1, 2046(gp)", "Lh", 11, 3, 0, 2046, 0, 0, 0),
    ("lw a2, -2048(tp)", "Lw", 12, 4, 0, -2048, 0, 0, 0),
    ("ld s11, 8(s10)", "Ld", 27, 26, 0, 8, 0, 0, 0),
    ("lbu t3, 0(t4)", "Lbu", 28, 29, 0, 0, 0, 0, 0),
    ("lhu a6, 100(a7)", "Lhu", 16, 17, 0, 100, 0, 0, 0),
    ("lwu s1, -100(s0)", "Lwu", 9, 8, 0, -100, 0, 0, 0),
    ("sb a0, -2048(sp)", "Sb", 0, 2, 10, -2048, 0, 0, 0),
    ("sh t6, 2047(t5)", "Sh", 0, 30, 31, 2047, 0, 0, 0),
    ("sw a5, 36(a4)", "Sw", 0, 14, 15, 36, 0, 0, 0),
    ("sd ra, -8(sp)", "Sd", 0, 2, 1, -8, 0, 0, 0),
    ("addi a0, sp, 16", "Addi", 10, 2, 0, 16, 0, 0, 0),
    ("addi zero, zero, 0", "Addi", 0, 0, 0, 0, 0, 0, 0),
    ("slti t0, t1, -1", "Slti", 5, 6, 0, -1, 0, 0, 0),
    ("sltiu t0, t1, 2047", "Sltiu", 5, 6, 0, 2047, 0, 0, 0),
    ("xori a0, a0, -2048", "Xori", 10, 10, 0, -2048, 0, 0, 0),
    ("ori s4, s5, 0x555", "Ori", 20, 21, 0, 0x555, 0, 0, 0),
    ("andi s6, s7, 255", "Andi", 22, 23, 0, 255, 0, 0, 0),
    ("slli a0, a1, 63", "Slli", 10, 11, 0, 63, 0, 0, 0),
    ("srli a0, a1, 32", "Srli", 10, 11, 0, 32, 0, 0, 0),
    ("srai a0, a1, 1", "Srai", 10, 11, 0, 1, 0, 0, 0),
    ("add a0, a1, a2", "Add", 10, 11, 12, 0, 0, 0, 0),
    ("sub t0, t1, t2", "Sub", 5, 6, 7, 0, 0, 0, 0),
    ("sll s0, s1, s2", "Sll", 8, 9, 18, 0, 0, 0, 0),
    ("slt a3, a4, a5", "Slt", 13, 14, 15, 0, 0, 0, 0),
    ("sltu a6, a7, s2", "Sltu", 16, 17, 18, 0, 0, 0, 0),
    ("xor s3, s4, s5", "Xor", 19, 20, 21, 0, 0, 0, 0),
    ("srl s6, s7, s8", "Srl", 22, 23, 24, 0, 0, 0, 0),
    ("sra s9, s10, s11", "Sra", 25, 26, 27, 0, 0, 0, 0),
    ("or t3, t4, t5", "Or", 28, 29, 30, 0, 0, 0, 0),
    ("and t6, zero, ra", "And", 31, 0, 1, 0, 0, 0, 0),
    ("addiw a0, a0, -1", "Addiw", 10, 10, 0, -1, 0, 0, 0),
    ("slliw a0, a1, 31", "Slliw", 10, 11, 0, 31, 0, 0, 0),
    ("srliw a0, a1, 5", "Srliw", 10, 11, 0, 5, 0, 0, 0),
    ("sraiw a0, a1, 17", "Sraiw", 10, 11, 0, 17, 0, 0, 0),
    ("addw a0, a1, a2", "Addw", 10, 11, 12, 0, 0, 0, 0),
    ("subw a0, a1, a2", "Subw", 10, 11, 12, 0, 0, 0, 0),
    ("sllw a0, a1, a2", "Sllw", 10, 11, 12, 0, 0, 0, 0),
    ("srlw a0, a1, a2", "Srlw", 10, 11, 12, 0, 0, 0, 0),
    ("sraw a0, a1, a2", "Sraw", 10, 11, 12, 0, 0, 0, 0),
    ("fence rw, w", "Fence", 0, 0, 0, 0x031, 0, 0, 0),
    ("fence", "Fence", 0, 0, 0, 0x0ff, 0, 0, 0),
    ("fence.tso", "Fence", 0, 0, 0, 0x833, 0, 0, 0),
    ("fence.i", "FenceI", 0, 0, 0, 0, 0, 0, 0),
    ("ecall", "Ecall", 0, 0, 0, 0, 0, 0, 0),
    ("ebreak", "Ebreak", 0, 0, 0, 0, 0, 0, 0),
    ("csrrw a0, 0x800, a1", "Csrrw", 10, 11, 0, 0, 0x800, 0, 0),
    ("csrrs zero, 0x813, a1", "Csrrs", 0, 11, 0, 0, 0x813, 0, 0),
    ("csrrs a0, 0xf12, zero", "Csrrs", 10, 0, 0, 0, 0xf12, 0, 0),
    ("csrrc t0, 0xffe, t1", "Csrrc", 5, 6, 0, 0, 0xffe, 0, 0),
    ("csrrwi zero, 0x8c0, 23", "Csrrwi", 0, 0, 0, 23, 0x8c0, 0, 0),
    ("csrrsi a0, 0x8f1, 31", "Csrrsi", 10, 0, 0, 31, 0x8f1, 0, 0),
    ("csrrci a0, 0x001, 1", "Csrrci", 10, 0, 0, 1, 0x001, 0, 0),
    ("mul a0, a1, a2", "Mul", 10, 11, 12, 0, 0, 0, 0),
    ("mulh a0, a1, a2", "Mulh", 10, 11, 12, 0, 0, 0, 0),
    ("mulhsu a0, a1, a2", "Mulhsu", 10, 11, 12, 0, 0, 0, 0),
    ("mulhu a0, a1, a2", "Mulhu", 10, 11, 12, 0, 0, 0, 0),
    ("div a0, a1, a2", "Div", 10, 11, 12, 0, 0, 0, 0),
    ("divu a0, a1, a2", "Divu", 10, 11, 12, 0, 0, 0, 0),
    ("rem a0, a1, a2", "Rem", 10, 11, 12, 0, 0, 0, 0),
    ("remu a0, a1, a2", "Remu", 10, 11, 12, 0, 0, 0, 0),
    ("mulw t0, t1, t2", "Mulw", 5, 6, 7, 0, 0, 0, 0),
    ("divw t0, t1, t2", "Divw", 5, 6, 7, 0, 0, 0, 0),
    ("divuw t0, t1, t2", "Divuw", 5, 6, 7, 0, 0, 0, 0),
    ("remw t0, t1, t2", "Remw", 5, 6, 7, 0, 0, 0, 0),
    ("remuw t0, t1, t2", "Remuw", 5, 6, 7, 0, 0, 0, 0),
    ("lr.w a0, (a1)", "LrW", 10, 11, 0, 0, 0, 0, 0),
    ("lr.w.aq a0, (a1)", "LrW", 10, 11, 0, 0, 0, 1, 0),
    ("sc.w a2, a3, (a4)", "ScW", 12, 14, 13, 0, 0, 0, 0),
    ("sc.w.rl a2, a3, (a4)", "ScW", 12, 14, 13, 0, 0, 0, 1),
    ("amoswap.w a0, a1, (a2)", "AmoSwapW", 10, 12, 11, 0, 0, 0, 0),
    ("amoadd.w.aqrl a0, a1, (a2)", "AmoAddW", 10, 12, 11, 0, 0, 1, 1),
    ("amoxor.w a0, a1, (a2)", "AmoXorW", 10, 12, 11, 0, 0, 0, 0),
    ("amoand.w a0, a1, (a2)", "AmoAndW", 10, 12, 11, 0, 0, 0, 0),
    ("amoor.w a0, a1, (a2)", "AmoOrW", 10, 12, 11, 0, 0, 0, 0),
    ("amomin.w a0, a1, (a2)", "AmoMinW", 10, 12, 11, 0, 0, 0, 0),
    ("amomax.w a0, a1, (a2)", "AmoMaxW", 10, 12, 11, 0, 0, 0, 0),
    ("amominu.w a0, a1, (a2)", "AmoMinuW", 10, 12, 11, 0, 0, 0, 0),
    ("amomaxu.w a0, a1, (a2)", "AmoMaxuW", 10, 12, 11, 0, 0, 0, 0),
    ("lr.d.aqrl t0, (t1)", "LrD", 5, 6, 0, 0, 0, 1, 1),
    ("sc.d t0, t1, (t2)", "ScD", 5, 7, 6, 0, 0, 0, 0),
    ("amoswap.d.aq t0, t1, (t2)", "AmoSwapD", 5, 7, 6, 0, 0, 1, 0),
    ("amoadd.d t0, t1, (t2)", "AmoAddD", 5, 7, 6, 0, 0, 0, 0),
    ("amoxor.d t0, t1, (t2)", "AmoXorD", 5, 7, 6, 0, 0, 0, 0),
    ("amoand.d t0, t1, (t2)", "AmoAndD", 5, 7, 6, 0, 0, 0, 0),
    ("amoor.d t0, t1, (t2)", "AmoOrD", 5, 7, 6, 0, 0, 0, 0),
    ("amomin.d t0, t1, (t2)", "AmoMinD", 5, 7, 6, 0, 0, 0, 0),
    ("amomax.d t0, t1, (t2)", "AmoMaxD", 5, 7, 6, 0, 0, 0, 0),
    ("amominu.d t0, t1, (t2)", "AmoMinuD", 5, 7, 6, 0, 0, 0, 0),
    ("amomaxu.d.rl t0, t1, (t2)", "AmoMaxuD", 5, 7, 6, 0, 0, 0, 1),
]

# Compressed instructions and their expansions (what the C spec says each stands for).
COMPRESSED = [
    ("c.addi4spn a0, sp, 1020", "addi a0, sp, 1020"),
    ("c.addi4spn s1, sp, 4", "addi s1, sp, 4"),
    ("c.lw a5, 124(a4)", "lw a5, 124(a4)"),
    ("c.lw s0, 0(s1)", "lw s0, 0(s1)"),
    ("c.ld a0, 248(a1)", "ld a0, 248(a1)"),
    ("c.sw a2, 64(a3)", "sw a2, 64(a3)"),
    ("c.sd s1, 8(s0)", "sd s1, 8(s0)"),
    ("c.sd a5, 248(a5)", "sd a5, 248(a5)"),
    ("c.nop", "addi zero, zero, 0"),
    ("c.addi a0, -32", "addi a0, a0, -32"),
    ("c.addi t6, 31", "addi t6, t6, 31"),
    ("c.addiw a0, -1", "addiw a0, a0, -1"),
    ("c.addiw s11, 0", "addiw s11, s11, 0"),
    ("c.li a0, -32", "addi a0, zero, -32"),
    ("c.li ra, 5", "addi ra, zero, 5"),
    ("c.addi16sp sp, -512", "addi sp, sp, -512"),
    ("c.addi16sp sp, 496", "addi sp, sp, 496"),
    ("c.addi16sp sp, 16", "addi sp, sp, 16"),
    ("c.lui a0, 1", "lui a0, 1"),
    ("c.lui t6, 0xfffe0", "lui t6, 0xfffe0"),
    ("c.lui ra, 31", "lui ra, 31"),
    ("c.srli a0, 63", "srli a0, a0, 63"),
    ("c.srli s1, 1", "srli s1, s1, 1"),
    ("c.srai a5, 32", "srai a5, a5, 32"),
    ("c.andi a3, -1", "andi a3, a3, -1"),
    ("c.andi s0, 17", "andi s0, s0, 17"),
    ("c.sub a0, a1", "sub a0, a0, a1"),
    ("c.xor s0, a5", "xor s0, s0, a5"),
    ("c.or a2, a3", "or a2, a2, a3"),
    ("c.and a4, s1", "and a4, a4, s1"),
    ("c.subw a0, a1", "subw a0, a0, a1"),
    ("c.addw a5, s0", "addw a5, a5, s0"),
    ("c.j .+2046", "jal zero, .+2046"),
    ("c.j .-2048", "jal zero, .-2048"),
    ("c.j .+2", "jal zero, .+2"),
    ("c.beqz a0, .+254", "beq a0, zero, .+254"),
    ("c.beqz s1, .-256", "beq s1, zero, .-256"),
    ("c.bnez a5, .+2", "bne a5, zero, .+2"),
    ("c.bnez s0, .-2", "bne s0, zero, .-2"),
    ("c.slli a0, 63", "slli a0, a0, 63"),
    ("c.slli t6, 1", "slli t6, t6, 1"),
    ("c.lwsp a0, 252(sp)", "lw a0, 252(sp)"),
    ("c.lwsp ra, 0(sp)", "lw ra, 0(sp)"),
    ("c.ldsp s0, 504(sp)", "ld s0, 504(sp)"),
    ("c.ldsp t6, 8(sp)", "ld t6, 8(sp)"),
    ("c.jr ra", "jalr zero, 0(ra)"),
    ("c.jr t6", "jalr zero, 0(t6)"),
    ("c.mv a0, a1", "add a0, zero, a1"),
    ("c.mv t6, ra", "add t6, zero, ra"),
    ("c.ebreak", "ebreak"),
    ("c.jalr a0", "jalr ra, 0(a0)"),
    ("c.jalr t6", "jalr ra, 0(t6)"),
    ("c.add a0, a1", "add a0, a0, a1"),
    ("c.add sp, t6", "add sp, sp, t6"),
    ("c.swsp a0, 252(sp)", "sw a0, 252(sp)"),
    ("c.swsp zero, 0(sp)", "sw zero, 0(sp)"),
    ("c.sdsp ra, 504(sp)", "sd ra, 504(sp)"),
    ("c.sdsp s11, 8(sp)", "sd s11, 8(sp)"),
]


def assemble(lines, march):
    with tempfile.TemporaryDirectory() as d:
        src = os.path.join(d, "t.s")
        obj = os.path.join(d, "t.o")
        elf = os.path.join(d, "t.elf")
        binf = os.path.join(d, "t.bin")
        with open(src, "w") as f:
            f.write(".option norelax\n.text\n")
            for l in lines:
                f.write(f".balign 4\n{l}\n")  # each case at its own 4-byte slot
        subprocess.run([AS, f"-march={march}", "-o", obj, src], check=True)
        # Link so that every pc-relative field is resolved by the linker, not left to a reloc.
        subprocess.run([LD, "--no-relax", "-Ttext=0x80000000", "-e", "0x80000000", "-o", elf, obj],
                       check=True)
        subprocess.run([OBJCOPY, "-O", "binary", "-j", ".text", elf, binf], check=True)
        data = open(binf, "rb").read()
    return data


def words(data, n, compressed):
    out = []
    for i in range(n):
        chunk = data[4 * i: 4 * i + 4]
        if compressed:
            out.append(int.from_bytes(chunk[:2], "little"))
        else:
            out.append(int.from_bytes(chunk, "little"))
    return out


def main():
    data = assemble([c[0] for c in CASES], "rv64ima_zicsr_zifencei")
    ws = words(data, len(CASES), False)
    print("// Generated by src/riscv/testdata/gen_vectors.py with riscv64-unknown-elf-as/ld (binutils")
    print("// 2.40, Debian 12); do not edit by hand, regenerate.")
    print("// {raw, asm, op, rd, rs1, rs2, imm, csr, aq, rl}")
    print("const Vector kVectors[] = {")
    for w, (asm, op, rd, rs1, rs2, imm, csr, aq, rl) in zip(ws, CASES):
        print(f'    {{0x{w:08x}, "{asm}", Opcode::k{op}, {rd}, {rs1}, {rs2}, {imm}ll, 0x{csr:x}, '
              f'{str(bool(aq)).lower()}, {str(bool(rl)).lower()}}},')
    print("};")
    cdata = assemble([c[0] for c in COMPRESSED], "rv64imac")
    wdata = assemble([c[1] for c in COMPRESSED], "rv64ima")
    cs = words(cdata, len(COMPRESSED), True)
    es = words(wdata, len(COMPRESSED), False)
    print("// {compressed, expansion, asm}")
    print("const CompressedPair kCompressed[] = {")
    for c, e, (asm, _) in zip(cs, es, COMPRESSED):
        assert (c & 3) != 3, asm
        print(f'    {{0x{c:04x}, 0x{e:08x}, "{asm}"}},')
    print("};")


if __name__ == "__main__":
    main()
