// Transpiler and BIOS tests: for each RISC-V instruction shape, the exact ZisK instructions
// ZisK's riscv2zisk_context.rs produces (ops, sources, stores, jumps, number of steps), the
// CSR ports and DMA patterns, the linear sweep, the BIOS layout, and the kBadElf errors.
#include "zisk/transpiler.h"

#include <gtest/gtest.h>

#include <vector>

#include "zisk/testdata/asm.h"

namespace ziskc::zisk {
namespace {

using namespace testing;  // NOLINT: the test assembler's register names

constexpr std::uint64_t kBase = 0x8000'0000;
const Layout& kL = layout(LayoutKind::kZisk);

// Transpiles code (followed by an exit) and returns the ROM.
Rom rom_of(Asm& a) {
  a.exit();
  Result<Rom> r = transpile(program(a));
  EXPECT_TRUE(r.is_ok()) << r.status().message();
  return std::move(r).value();
}

// The ZisK instructions whose RISC-V source is at pc (the instruction and its internal ones).
std::vector<ZiskInst> at(const Rom& rom, std::uint64_t pc) {
  std::vector<ZiskInst> out;
  for (const ZiskInst& z : rom.insts()) {
    const RiscvSource* s = rom.source_of(z);
    if (s != nullptr && s->pc == pc) out.push_back(z);
  }
  return out;
}

TEST(Transpiler, RegisterAndImmediateOps) {
  Asm a;
  a.add(a0, a1, a2);                // +0
  a.add(a0, zero, a2);              // +4 rs1 == x0: copyb
  a.add(a0, a1, zero);              // +8 rs2 == x0: copyb
  a.addi(a0, zero, -5);             // +12 li: copyb of an immediate
  a.addi(zero, zero, 0);            // +16 nop
  a.addi(zero, a0, 5);              // +20 hint: flag with a = a0
  a.addi(a0, a1, 0);                // +24 mv: copyb
  a.r(Opcode::kSltu, a3, a4, a5);   // +28
  a.i(Opcode::kXori, a3, zero, 7);  // +32 xori with rs1 x0: copyb
  a.half(0x852e);                   // +36 c.mv a0, a1: ZisK emits `add`
  const Rom rom = rom_of(a);

  auto z = at(rom, kBase);
  ASSERT_EQ(z.size(), 1u);
  EXPECT_EQ(z[0].op, Op::kAdd);
  EXPECT_EQ(z[0].a_src, SrcA::kReg);
  EXPECT_EQ(z[0].a_value, a1);
  EXPECT_EQ(z[0].b_src, SrcB::kReg);
  EXPECT_EQ(z[0].b_value, a2);
  EXPECT_EQ(z[0].store, StoreKind::kReg);
  EXPECT_EQ(z[0].store_offset, a0);
  EXPECT_EQ(z[0].jmp_offset1, 4);
  EXPECT_EQ(z[0].jmp_offset2, 4);

  z = at(rom, kBase + 4);
  EXPECT_EQ(z[0].op, Op::kCopyB);
  EXPECT_EQ(z[0].a_src, SrcA::kImm);
  EXPECT_EQ(z[0].b_value, a2);
  EXPECT_EQ(at(rom, kBase + 8)[0].op, Op::kCopyB);
  EXPECT_EQ(at(rom, kBase + 8)[0].b_value, a1);
  z = at(rom, kBase + 12);
  EXPECT_EQ(z[0].op, Op::kCopyB);
  EXPECT_EQ(z[0].b_src, SrcB::kImm);
  EXPECT_EQ(z[0].b_value, static_cast<std::uint64_t>(-5));
  z = at(rom, kBase + 16);
  EXPECT_EQ(z[0].op, Op::kFlag);
  EXPECT_EQ(z[0].store, StoreKind::kNone);
  z = at(rom, kBase + 20);
  EXPECT_EQ(z[0].op, Op::kFlag);
  EXPECT_EQ(z[0].a_src, SrcA::kReg);
  EXPECT_EQ(at(rom, kBase + 24)[0].op, Op::kCopyB);
  EXPECT_EQ(at(rom, kBase + 28)[0].op, Op::kLtu);
  EXPECT_EQ(at(rom, kBase + 32)[0].op, Op::kCopyB);
  z = at(rom, kBase + 36);
  ASSERT_EQ(z.size(), 1u);
  EXPECT_EQ(z[0].op, Op::kAdd);
  EXPECT_EQ(z[0].a_src, SrcA::kImm);  // x0 read as imm 0
  EXPECT_EQ(z[0].jmp_offset2, 2);
}

TEST(Transpiler, LoadsStoresAndX0) {
  Asm a;
  a.i(Opcode::kLw, a0, a1, -8);
  a.i(Opcode::kLbu, a0, a1, 3);
  a.sd(a2, 16, a1);
  a.i(Opcode::kLd, zero, a1, 0);  // a load into x0 still loads (and may fault)
  a.sb(zero, 1, a1);
  const Rom rom = rom_of(a);
  auto z = at(rom, kBase)[0];
  EXPECT_EQ(z.op, Op::kSignExtendW);
  EXPECT_EQ(z.b_src, SrcB::kInd);
  EXPECT_EQ(z.ind_width, 4);
  EXPECT_EQ(static_cast<std::int64_t>(z.b_value), -8);
  z = at(rom, kBase + 4)[0];
  EXPECT_EQ(z.op, Op::kCopyB);
  EXPECT_EQ(z.ind_width, 1);
  z = at(rom, kBase + 8)[0];
  EXPECT_EQ(z.store, StoreKind::kInd);
  EXPECT_EQ(z.store_offset, 16);
  EXPECT_EQ(z.ind_width, 8);
  EXPECT_EQ(z.b_value, a2);
  z = at(rom, kBase + 12)[0];
  EXPECT_EQ(z.b_src, SrcB::kInd);
  EXPECT_EQ(z.store, StoreKind::kNone);
  z = at(rom, kBase + 16)[0];
  EXPECT_EQ(z.b_src, SrcB::kImm);  // storing x0 stores imm 0
  EXPECT_EQ(z.store, StoreKind::kInd);
}

TEST(Transpiler, JumpsAndFusion) {
  Asm a;
  a.j(ra, 16);                      // +0 jal ra, +16
  a.jalr(ra, a0, 8);                // +4 even imm: one step
  a.jalr(zero, a0, 3);              // +8 odd imm: two steps
  a.u(Opcode::kAuipc, ra, 1);       // +12 auipc ra, 1 ; jalr ra, -4(ra): fused call
  a.jalr(ra, ra, -4);               // +16
  a.u(Opcode::kAuipc, t1, 0);       // +20 auipc t1 ; jalr x0, 8(t1): fused tail call
  a.jalr(zero, t1, 8);              // +24
  a.u(Opcode::kAuipc, a0, 0);       // +28 not fused: the jalr uses another register
  a.jalr(zero, a1, 0);              // +32
  a.b(Opcode::kBne, a0, a1, -8);    // +36
  a.b(Opcode::kBge, a0, zero, 12);  // +40
  const Rom rom = rom_of(a);

  auto z = at(rom, kBase);
  ASSERT_EQ(z.size(), 1u);
  EXPECT_EQ(z[0].op, Op::kFlag);
  EXPECT_TRUE(z[0].store_pc);
  EXPECT_EQ(z[0].store_offset, ra);
  EXPECT_EQ(z[0].jmp_offset1, 16);
  EXPECT_EQ(z[0].jmp_offset2, 4);  // link = pc + 4

  z = at(rom, kBase + 4);
  ASSERT_EQ(z.size(), 1u);
  EXPECT_EQ(z[0].op, Op::kAnd);
  EXPECT_EQ(z[0].a_value, kJalrMask);
  EXPECT_TRUE(z[0].set_pc);
  EXPECT_TRUE(z[0].store_pc);
  EXPECT_EQ(z[0].jmp_offset1, 8);

  z = at(rom, kBase + 8);
  ASSERT_EQ(z.size(), 2u);
  EXPECT_EQ(z[0].op, Op::kAdd);
  EXPECT_EQ(z[0].a_value, 3u);
  EXPECT_EQ(z[1].pc, kBase + 9);
  EXPECT_TRUE(z[1].internal);
  EXPECT_EQ(z[1].b_src, SrcB::kLastC);
  EXPECT_TRUE(z[1].set_pc);
  EXPECT_EQ(z[1].store, StoreKind::kNone);  // rd = x0

  z = at(rom, kBase + 12);
  ASSERT_EQ(z.size(), 1u);
  EXPECT_EQ(z[0].op, Op::kCopyB);
  EXPECT_EQ(z[0].b_value, kBase + 12 + 8);    // rd gets the return address of the call
  EXPECT_EQ(z[0].jmp_offset2, 0x1000 - 4);    // static jump to auipc + 0x1000 - 4
  EXPECT_EQ(at(rom, kBase + 16).size(), 1u);  // the jalr itself is still transpiled

  z = at(rom, kBase + 20);
  EXPECT_EQ(z[0].b_value, kBase + 20);  // rd = the auipc result (the jalr does not link)
  EXPECT_EQ(z[0].jmp_offset2, 8);

  z = at(rom, kBase + 28);
  EXPECT_EQ(z[0].b_value, kBase + 28);
  EXPECT_EQ(z[0].jmp_offset2, 4);

  z = at(rom, kBase + 36);
  EXPECT_EQ(z[0].op, Op::kEq);
  EXPECT_EQ(z[0].jmp_offset1, 4);  // bne: taken when eq is false
  EXPECT_EQ(z[0].jmp_offset2, -8);
  z = at(rom, kBase + 40);
  EXPECT_EQ(z[0].op, Op::kLt);
  EXPECT_EQ(z[0].b_src, SrcB::kImm);
  EXPECT_EQ(z[0].jmp_offset1, 4);
  EXPECT_EQ(z[0].jmp_offset2, 12);
}

TEST(Transpiler, AtomicsAndStoreConditional) {
  Asm a;
  a.amo(Opcode::kAmoAddW, a0, a1, a2);   // +0 rd distinct: 3 steps
  a.amo(Opcode::kAmoAddD, a1, a1, a2);   // +4 rd == rs2: 4 steps through a temporary
  a.amo(Opcode::kAmoSwapD, a0, a1, a2);  // +8 2 steps
  a.amo(Opcode::kAmoSwapW, a2, a1, a2);  // +12 rd == rs1: 3 steps
  a.amo(Opcode::kScW, a0, a1, a2);       // +16 sc with rd: store, then rd = 0
  a.amo(Opcode::kScD, zero, a1, a2);     // +20
  a.amo(Opcode::kLrW, a0, zero, a2);     // +24 plain load
  const Rom rom = rom_of(a);
  auto z = at(rom, kBase);
  ASSERT_EQ(z.size(), 3u);
  EXPECT_EQ(z[0].op, Op::kSignExtendW);
  EXPECT_EQ(z[0].store_offset, a0);
  EXPECT_EQ(z[1].op, Op::kAddW);
  EXPECT_EQ(z[1].a_src, SrcA::kLastC);
  EXPECT_EQ(z[2].store, StoreKind::kInd);
  EXPECT_EQ(z[2].ind_width, 4);
  EXPECT_EQ(z[2].pc + z[2].jmp_offset2, kBase + 4);

  z = at(rom, kBase + 4);
  ASSERT_EQ(z.size(), 4u);
  EXPECT_EQ(z[0].store, StoreKind::kMem);  // temporary register 32 is a SYS word
  EXPECT_EQ(static_cast<std::uint64_t>(z[0].store_offset), kL.sys_addr + 8 * 32);
  EXPECT_EQ(z[3].b_src, SrcB::kMem);
  EXPECT_EQ(z[3].store_offset, a1);
  EXPECT_EQ(z[3].pc + z[3].jmp_offset2, kBase + 8);

  EXPECT_EQ(at(rom, kBase + 8).size(), 2u);
  EXPECT_EQ(at(rom, kBase + 12).size(), 3u);
  z = at(rom, kBase + 16);
  ASSERT_EQ(z.size(), 2u);
  EXPECT_EQ(z[1].b_value, 0u);
  EXPECT_EQ(z[1].store_offset, a0);
  EXPECT_EQ(at(rom, kBase + 20).size(), 1u);
  EXPECT_EQ(at(rom, kBase + 24)[0].op, Op::kSignExtendW);
}

TEST(Transpiler, EcallGoesToTheBiosTrapHandler) {
  Asm a;
  const Rom rom = rom_of(a);
  const auto z = at(rom, kBase + 4);  // the ecall of exit()
  ASSERT_EQ(z.size(), 1u);
  EXPECT_EQ(z[0].b_value, rom.trap_pc());
  EXPECT_TRUE(z[0].set_pc);
  EXPECT_TRUE(z[0].store_pc);
  EXPECT_EQ(z[0].store_offset, ra);  // ZisK clobbers ra with pc + 4
  EXPECT_EQ(z[0].jmp_offset2, 4);
}

TEST(Transpiler, CsrPorts) {
  Asm a;
  a.csr(Opcode::kCsrrs, a0, 0xF12, zero);  // +0 csrr a0, marchid
  a.csr(Opcode::kCsrrw, a1, 0x340, a1);    // +4 rd == rs1: 3 steps via temporary 33
  a.csr(Opcode::kCsrrc, a2, 0x340, a2);    // +8 rd == rs1: 4 steps
  a.csr(Opcode::kCsrrwi, zero, 0x8C1, 3);  // +12 fcall id (1 << 5) + 3 = 35
  a.csr(Opcode::kCsrrs, zero, 0x8F3, a0);  // +16 fcall_param of 8 words
  a.csr(Opcode::kCsrrs, a0, 0xFFE, zero);  // +20 fcall_get
  a.csr(Opcode::kCsrrs, zero, 0x800, a0);  // +24 keccak-f
  a.csr(Opcode::kCsrrs, a3, 0x811, a0);    // +28 add256, carry into a3
  a.csr(Opcode::kCsrrs, zero, 0x811, a0);  // +32 rd == x0: a plain CSR (ZisK)
  a.csr(Opcode::kCsrrs, zero, 0x81B, a0);  // +36 poseidon1
  a.csr(Opcode::kCsrrsi, a0, 0x340, 5);    // +40 2 steps
  a.csr(Opcode::kCsrrs, a0, 0x811, a0);    // +44 add256 with rd == rs1: still the port
  a.csr(Opcode::kCsrrs, a4, 0x811, zero);  // +48 rs1 == x0: a plain CSR read (ZisK)
  const Rom rom = rom_of(a);
  auto z = at(rom, kBase);
  ASSERT_EQ(z.size(), 1u);
  EXPECT_EQ(z[0].b_src, SrcB::kMem);
  EXPECT_EQ(z[0].b_value, kL.csr_word_addr(0xF12));
  z = at(rom, kBase + 4);
  ASSERT_EQ(z.size(), 3u);
  EXPECT_EQ(static_cast<std::uint64_t>(z[0].store_offset), kL.sys_addr + 8 * 33);
  EXPECT_EQ(static_cast<std::uint64_t>(z[1].store_offset), kL.csr_word_addr(0x340));
  EXPECT_EQ(z[2].store_offset, a1);
  EXPECT_EQ(at(rom, kBase + 8).size(), 4u);
  z = at(rom, kBase + 12);
  EXPECT_EQ(z[0].op, Op::kFcall);
  EXPECT_EQ(z[0].a_value, 35u);
  z = at(rom, kBase + 16);
  EXPECT_EQ(z[0].op, Op::kFcallParam);
  EXPECT_EQ(z[0].a_value, 8u);
  z = at(rom, kBase + 20);
  EXPECT_EQ(z[0].op, Op::kFcallGet);
  EXPECT_EQ(z[0].b_value, kL.input_addr);
  z = at(rom, kBase + 24);
  EXPECT_EQ(z[0].op, Op::kKeccak);
  EXPECT_EQ(z[0].b_value, a0);
  EXPECT_EQ(z[0].jmp_offset1, 0);
  z = at(rom, kBase + 28);
  EXPECT_EQ(z[0].op, Op::kAdd256);
  EXPECT_EQ(z[0].store_offset, a3);
  z = at(rom, kBase + 32);
  EXPECT_EQ(z[0].op, Op::kOr);
  EXPECT_EQ(z[0].store, StoreKind::kMem);
  EXPECT_EQ(at(rom, kBase + 36)[0].op, Op::kPoseidon1);
  EXPECT_EQ(at(rom, kBase + 40).size(), 2u);
  z = at(rom, kBase + 44);
  ASSERT_EQ(z.size(), 1u);  // one instruction: reads b = a0, then stores the carry in a0
  EXPECT_EQ(z[0].op, Op::kAdd256);
  EXPECT_EQ(z[0].b_src, SrcB::kReg);
  EXPECT_EQ(z[0].b_value, a0);
  EXPECT_EQ(z[0].store, StoreKind::kReg);
  EXPECT_EQ(z[0].store_offset, a0);
  EXPECT_EQ(z[0].jmp_offset1, 0);
  EXPECT_EQ(z[0].jmp_offset2, 4);
  z = at(rom, kBase + 48);
  ASSERT_EQ(z.size(), 1u);
  EXPECT_EQ(z[0].op, Op::kCopyB);
  EXPECT_EQ(z[0].b_src, SrcB::kMem);
}

TEST(Transpiler, DmaPatterns) {
  Asm a;
  a.csr(Opcode::kCsrrs, zero, 0x813, a1);  // +0 memcpy: count -> EXTRA_PARAMS
  a.add(zero, a0, a2);                     // +4           dma_memcpy(a0, a1)
  a.csr(Opcode::kCsrrs, zero, 0x813, a1);  // +8 xmemcpy with an immediate count
  a.addi(a3, a0, 40);                      // +12 (skipped)
  a.csr(Opcode::kCsrrs, zero, 0x814, a1);  // +16 memcmp, ZisK form: result in the add's rd
  a.add(a0, a0, a2);                       // +20
  a.csr(Opcode::kCsrrs, a0, 0x814, a1);    // +24 memcmp, ziskos form: result in the csrrs rd
  a.add(zero, a0, a2);                     // +28
  a.csr(Opcode::kCsrrs, zero, 0x816, a0);  // +32 memset(a0, byte 7, a2)
  a.addi(zero, a2, 7);                     // +36
  a.csr(Opcode::kCsrrsi, zero, 0x816, 2);  // +40 memset(a0, byte 9, 24)
  a.addi(zero, a0, 24);                    // +44
  a.addi(zero, a0, 9);                     // +48
  a.csr(Opcode::kCsrrs, zero, 0x815, a1);  // +52 inputcpy(a0, a2)
  a.add(zero, a0, a2);                     // +56
  a.csr(Opcode::kCsrrs, zero, 0x813, a1);  // +60 no partner: halt
  a.r(Opcode::kSub, a0, a0, a2);           // +64
  a.csr(Opcode::kCsrrs, a1, 0x814, a1);    // +68 memcmp, ziskos form with rd == rs1
  a.add(zero, a0, a2);                     // +72
  const Rom rom = rom_of(a);
  auto z = at(rom, kBase);
  EXPECT_EQ(z[0].op, Op::kCopyB);
  EXPECT_EQ(static_cast<std::uint64_t>(z[0].store_offset), kL.extra_params_addr);
  EXPECT_EQ(z[0].b_value, a2);
  z = at(rom, kBase + 4);
  EXPECT_EQ(z[0].op, Op::kDmaMemcpy);
  EXPECT_EQ(z[0].a_value, a0);
  EXPECT_EQ(z[0].b_value, a1);
  EXPECT_EQ(z[0].store, StoreKind::kNone);
  z = at(rom, kBase + 8);
  EXPECT_EQ(z[0].op, Op::kDmaXMemcpy);
  EXPECT_EQ(z[0].jmp_offset1, 40);  // the count
  EXPECT_EQ(z[0].jmp_offset2, 8);   // over the addi
  EXPECT_EQ(z[0].store_offset, a3);
  EXPECT_EQ(at(rom, kBase + 20)[0].op, Op::kDmaMemcmp);
  EXPECT_EQ(at(rom, kBase + 20)[0].store_offset, a0);
  EXPECT_EQ(at(rom, kBase + 24)[0].store, StoreKind::kMem);
  z = at(rom, kBase + 28);
  EXPECT_EQ(z[0].op, Op::kDmaMemcmp);
  EXPECT_EQ(z[0].store_offset, a0);
  z = at(rom, kBase + 32);
  EXPECT_EQ(z[0].op, Op::kDmaXMemset);
  EXPECT_EQ(z[0].jmp_offset1, 7);
  EXPECT_EQ(z[0].b_value, a2);
  z = at(rom, kBase + 40);
  EXPECT_EQ(z[0].op, Op::kDmaXMemset);
  EXPECT_EQ(z[0].b_src, SrcB::kImm);
  EXPECT_EQ(z[0].b_value, 24u);
  EXPECT_EQ(z[0].jmp_offset1, 9);
  EXPECT_EQ(z[0].jmp_offset2, 12);
  z = at(rom, kBase + 52);
  EXPECT_EQ(z[0].op, Op::kDmaInputcpy);
  EXPECT_EQ(z[0].b_value, a2);
  z = at(rom, kBase + 60);
  EXPECT_EQ(z[0].op, Op::kHalt);
  EXPECT_EQ(z[0].halt, HaltReason::kBadDmaPattern);
  EXPECT_TRUE(z[0].end);
  z = at(rom, kBase + 68);
  ASSERT_EQ(z.size(), 1u);
  EXPECT_EQ(z[0].op, Op::kCopyB);  // the count to EXTRA_PARAMS, rd untouched
  EXPECT_EQ(static_cast<std::uint64_t>(z[0].store_offset), kL.extra_params_addr);
  z = at(rom, kBase + 72);
  ASSERT_EQ(z.size(), 1u);
  EXPECT_EQ(z[0].op, Op::kDmaMemcmp);
  EXPECT_EQ(z[0].a_value, a0);
  EXPECT_EQ(z[0].b_value, a1);
  EXPECT_EQ(z[0].store_offset, a1);
}

TEST(Transpiler, IllegalWordsBecomeHaltsAndTheSweepResyncsAtFunctions) {
  Asm a;
  a.addi(a0, zero, 1);  // +0
  a.word(0x00000000);   // +4: the 16-bit all-zero word is illegal, twice
  a.half(0x0003);       // +8: starts a 4-byte encoding that would swallow +10 ...
  a.addi(a1, zero, 2);  // +10 ... where a function symbol starts
  const Rom rom = [&] {
    a.exit();
    Result<Rom> r = transpile(program(a, {}, LayoutKind::kZisk, {{"f", kBase + 10, 8, true}}));
    EXPECT_TRUE(r.is_ok()) << r.status().message();
    return std::move(r).value();
  }();
  auto z = at(rom, kBase + 4);
  ASSERT_EQ(z.size(), 1u);
  EXPECT_EQ(z[0].op, Op::kHalt);
  EXPECT_EQ(z[0].halt, HaltReason::kIllegalInstruction);
  EXPECT_EQ(at(rom, kBase + 6).size(), 1u);
  EXPECT_EQ(at(rom, kBase + 8)[0].op, Op::kHalt);  // cut to 2 bytes
  EXPECT_EQ(at(rom, kBase + 10)[0].op, Op::kCopyB);
}

TEST(Bios, LayoutInitAndExitPath) {
  Asm a;
  a.addi(a0, zero, 1);
  a.exit();
  // ROM data at 0x80001000 (3 bytes: one word, zero-padded), RAM data: a zero word (skipped)
  // then a nonzero one.
  Result<Rom> r = transpile(program(
      a, {{0x8000'1000, {1, 2, 3}, 0, false}, {0xA043'0000, {0, 0, 0, 0, 0, 0, 0, 0, 0x44}}}));
  ASSERT_TRUE(r.is_ok()) << r.status().message();
  const Rom& rom = *r;
  EXPECT_EQ(rom.rom_data_lo(), kBase);  // all ROM segments, code included
  EXPECT_EQ(rom.rom_data_hi(), 0x8000'1008u);
  const std::size_t rom_words = (0x8000'1008 - kBase) / 8;
  const auto boot = rom.find(0x1000);
  ASSERT_TRUE(boot.has_value());
  EXPECT_EQ(rom.inst(*boot).jmp_offset2, 8);
  const ZiskInst& end = rom.inst(*rom.find(0x1004));
  EXPECT_TRUE(end.end);
  std::size_t init = 0;
  std::uint64_t ram_word = 0;
  for (const ZiskInst& z : rom.insts()) {
    if (!z.bios_init) continue;
    ++init;
    EXPECT_EQ(z.pc, 0x1008 + 4 * (init - 1));
    if (z.a_value == 0x8000'1000) {
      EXPECT_EQ(z.b_value, 0x030201u);
    }
    if (z.a_value >= kL.ram_addr) ram_word = z.a_value;
  }
  EXPECT_EQ(init, rom_words + 1);
  EXPECT_EQ(ram_word, 0xA043'0008u);
  const std::uint64_t e = 0x1008 + 4 * init;
  EXPECT_EQ(rom.trap_pc(), e + 0x54);
  EXPECT_EQ(static_cast<std::uint64_t>(rom.inst(*rom.find(e)).store_offset),
            kL.csr_word_addr(kMarchidCsr));
  EXPECT_EQ(rom.inst(*rom.find(e)).b_value, kMarchidZisk);
  EXPECT_EQ(rom.inst(*rom.find(e + 8)).b_value, kL.input_addr);
  EXPECT_EQ(rom.inst(*rom.find(e + 12)).b_value, kL.output_addr);
  const ZiskInst& call = rom.inst(*rom.find(e + 16));
  EXPECT_TRUE(call.set_pc);
  EXPECT_EQ(call.b_value, kBase);
  EXPECT_EQ(rom.inst(*rom.find(e + 0x28)).op, Op::kPubOut);
  const ZiskInst& trap = rom.inst(*rom.find(rom.trap_pc()));
  EXPECT_EQ(trap.op, Op::kEq);
  EXPECT_EQ(trap.a_value, a7);
  EXPECT_EQ(trap.pc + trap.jmp_offset1, e + 0x14);  // exit: the output loop
  EXPECT_FALSE(rom.find(0x1002).has_value());
  EXPECT_FALSE(listing(rom).empty());
}

TEST(Transpiler, BadProgramsAreBadElf) {
  Asm a;
  a.exit();
  Program p = program(a);
  p.image.entry = kBase + 2;  // inside the first 4-byte instruction
  Result<Rom> r = transpile(p);
  ASSERT_FALSE(r.is_ok());
  EXPECT_EQ(r.status().code(), ErrorCode::kBadElf);
  EXPECT_NE(r.status().message().find("entry point"), std::string::npos);

  TranspileOptions small;
  small.max_code_bytes = 4;
  r = transpile(program(a), small);
  ASSERT_FALSE(r.is_ok());
  EXPECT_EQ(r.status().code(), ErrorCode::kBadElf);

  small = TranspileOptions{};
  small.max_init_words = 1;
  r = transpile(program(a, {{0xA043'0000, std::vector<std::uint8_t>(64, 1)}}), small);
  ASSERT_FALSE(r.is_ok());
  EXPECT_EQ(r.status().code(), ErrorCode::kBadElf);
}

TEST(Transpiler, FcallParamWords) {
  EXPECT_EQ(fcall_param_words(0), 1u);
  EXPECT_EQ(fcall_param_words(3), 8u);
  EXPECT_EQ(fcall_param_words(15), 256u);
  EXPECT_EQ(fcall_param_words(16), 0u);
}

}  // namespace
}  // namespace ziskc::zisk
