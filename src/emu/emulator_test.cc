// Emulator tests: exact step accounting of the BIOS, the specialised handlers against the
// generic (reference) path, every guest fault kind, ecall, UART, input and free-input calls,
// DMA semantics, trace and stats modes. Programs come from the test assembler.
#include "emu/emulator.h"

#include <gtest/gtest.h>

#include <cstring>
#include <string>

#include "emu/core.h"
#include "emu/testdata/programs.h"
#include "zisk/transpiler.h"

namespace ziskc::emu {
namespace {

using namespace testing;  // NOLINT

constexpr std::uint64_t kBase = 0x8000'0000;

class StringConsole final : public ConsoleSink {
 public:
  void write(std::string_view bytes) override { text.append(bytes); }
  std::string text;
};

zisk::Rom rom_of(const zisk::Program& p) {
  Result<zisk::Rom> r = zisk::transpile(p);
  EXPECT_TRUE(r.is_ok()) << r.status().message();
  return std::move(r).value();
}

RunResult run_rom(const zisk::Rom& rom, std::vector<std::uint8_t> input = {}, RunOptions o = {}) {
  Result<RunResult> r = run(rom, input, o);
  EXPECT_TRUE(r.is_ok()) << r.status().message();
  return std::move(r).value();
}

std::size_t init_words(const zisk::Rom& rom) {
  std::size_t n = 0;
  for (const zisk::ZiskInst& z : rom.insts()) n += z.bios_init;
  return n;
}

TEST(Emulator, StepAccountingOfTheBios) {
  Asm a;
  a.exit();  // 2 guest steps
  const zisk::Rom rom = rom_of(program(a));
  const RunResult r = run_rom(rom);
  ASSERT_EQ(r.exit.kind, ExitKind::kEnd);
  // boot jump 1, init N, setup 5 (marchid, mtvec, a0, a1, call), guest 2, trap 1,
  // output loop 3 + 32 * 5 + 1, input probes 7, jump to end 1, end 1.
  EXPECT_EQ(r.steps, init_words(rom) + 1 + 5 + 2 + 1 + 3 + 160 + 1 + 7 + 1 + 1);
  EXPECT_EQ(r.final_state.regs[10], rom.layout().input_addr);  // a0 from the BIOS
  EXPECT_EQ(r.final_state.regs[1], kBase + 8);                 // ra clobbered by the ecall
}

TEST(Emulator, OutputsAreThePubliclyPublishedWords) {
  Asm a;
  a.li(a3, 0x1122'3344'5566'7788LL);
  publish_and_exit(a, {a3, zero, a3});
  const RunResult r = run_rom(rom_of(program(a)));
  ASSERT_EQ(r.exit.kind, ExitKind::kEnd);
  const auto out = public_outputs(r);
  EXPECT_EQ(out[0], 0x5566'7788u);
  EXPECT_EQ(out[1], 0x1122'3344u);
  EXPECT_EQ(out[2], 0u);
  EXPECT_EQ(out[5], 0x1122'3344u);
  EXPECT_EQ(r.output_area[4], 0x5566'7788u);
}

TEST(Emulator, LegacyLayoutMovesSysAndOutput) {
  // zisk-0.18: SYS at 0xA000_0000, OUTPUT at 0xA001_0000, marchid readable as memory.
  Asm a;
  a.li(t0, 0xA000'0000 + 0x8000 + 8 * 0xF12);
  a.ld(s1, 0, t0);
  a.li(t0, 0xA001'0000);
  a.sd(s1, 8, t0);
  a.li(t0, 0xA000'0200);
  a.addi(t1, zero, 'x');
  a.sb(t1, 0, t0);
  a.exit();
  StringConsole console;
  RunOptions o;
  o.console = &console;
  const zisk::Rom rom = rom_of(program(a, {{0xA002'0000, {1}}}, zisk::LayoutKind::kZisk018));
  EXPECT_EQ(rom.layout().output_addr, 0xA001'0000u);
  const RunResult r = run_rom(rom, {}, o);
  ASSERT_EQ(r.exit.kind, ExitKind::kEnd);
  EXPECT_EQ(r.pubout[1], zisk::kMarchidZisk);
  EXPECT_EQ(console.text, "x");
}

TEST(Emulator, SpecialisedHandlersAgreeWithTheGenericPath) {
  const zisk::Rom rom = rom_of(stress_program(300));
  RunOptions generic;
  generic.specialize = false;
  const RunResult fast = run_rom(rom);
  const RunResult slow = run_rom(rom, {}, generic);
  ASSERT_EQ(fast.exit.kind, ExitKind::kEnd);
  EXPECT_EQ(slow.exit.kind, ExitKind::kEnd);
  EXPECT_EQ(fast.steps, slow.steps);
  EXPECT_EQ(fast.final_state, slow.final_state);
  EXPECT_EQ(fast.pubout, slow.pubout);
  EXPECT_EQ(fast.output_area, slow.output_area);
  EXPECT_NE(fast.pubout[2], 0u);
}

struct FaultCase {
  const char* name;
  void (*body)(Asm&);
  ExitKind kind;
  std::uint64_t addr;
  int back = 4;  // bytes from the end of the body to the faulting instruction
};

TEST(Emulator, GuestFaultsAreExitStatesWithPcAndAddress) {
  const FaultCase cases[] = {
      {"load unmapped",
       [](Asm& a) {
         a.li(a0, 0x1000'0000);
         a.ld(a1, 0, a0);
       },
       ExitKind::kLoadFault, 0x1000'0000},
      {"load straddling RAM end",
       [](Asm& a) {
         a.li(a0, 0xBFFF'FFFC);
         a.ld(a1, 0, a0);
       },
       ExitKind::kLoadFault, 0xBFFF'FFFC},
      {"store unmapped",
       [](Asm& a) {
         a.li(a0, 0x10);
         a.sd(a1, 0, a0);
       },
       ExitKind::kStoreFault, 0x10},
      {"store into ROM",
       [](Asm& a) {
         a.li(a0, 0x8000'0000);
         a.sb(a1, 0, a0);
       },
       ExitKind::kReadOnlyStore, 0x8000'0000},
      {"store into input",
       [](Asm& a) {
         a.li(a0, 0x4000'0010);
         a.sw(a1, 0, a0);
       },
       ExitKind::kReadOnlyStore, 0x4000'0010},
      {"jump unmapped",
       [](Asm& a) {
         a.li(a0, 0x9000'0000);
         a.jalr(ra, a0, 0);
       },
       ExitKind::kBadJump, 0x9000'0000},
      {"branch into an instruction", [](Asm& a) { a.b(Opcode::kBeq, zero, zero, 2); },
       ExitKind::kBadJump, 0},  // addr checked below
      {"illegal instruction", [](Asm& a) { a.word(0xffffffff); }, ExitKind::kHalt, 0},
      {"poseidon1 (no precompile kind)",
       [](Asm& a) {
         a.li(a0, 0xA043'0000);
         a.csr(Opcode::kCsrrs, zero, 0x81B, a0);
       },
       ExitKind::kUnsupported, 0xA043'0000},
      {"memcpy out of RAM",
       [](Asm& a) {
         a.li(a0, 0x8000'0000);  // dst in ROM
         a.li(a1, 0xA043'0000);
         a.li(a2, 16);
         a.csr(Opcode::kCsrrs, zero, 0x813, a1);
         a.add(zero, a0, a2);
       },
       ExitKind::kDmaFault, 0x8000'0000},
      {"memset into ROM (immediate form)",
       [](Asm& a) {
         a.li(a0, 0x8000'0000);
         a.csr(Opcode::kCsrrsi, zero, 0x816, 2);
         a.addi(zero, a0, 16);
         a.addi(zero, a0, 7);
       },
       ExitKind::kDmaFault, 0x8000'0000, 12},
      {"memcmp reading unmapped memory",
       [](Asm& a) {
         a.li(a0, 0xA043'0000);
         a.li(a1, 0x1000'0000);
         a.csr(Opcode::kCsrrs, zero, 0x814, a1);
         a.addi(a2, a0, 8);
       },
       ExitKind::kDmaFault, 0, 8},
      {"inputcpy without a free-input result",
       [](Asm& a) {
         a.li(a0, 0xA043'0000);
         a.addi(a2, zero, 8);
         a.csr(Opcode::kCsrrs, zero, 0x815, a1);
         a.add(zero, a0, a2);
       },
       ExitKind::kDmaFault, 0xA043'0000, 8},
      {"fcall_get without a result", [](Asm& a) { a.csr(Opcode::kCsrrs, a0, 0xFFE, zero); },
       ExitKind::kFcallFault, 0},
      {"input_ready past the input",
       [](Asm& a) {
         a.li(a0, 0x4000'0100);
         a.csr(Opcode::kCsrrs, zero, 0x8F0, a0);
         a.csr(Opcode::kCsrrwi, zero, 0x8C0, 23);
       },
       ExitKind::kFcallFault, 0x4000'0100},
      {"DMA partner missing",
       [](Asm& a) {
         a.csr(Opcode::kCsrrs, zero, 0x814, a1);
         a.r(Opcode::kSub, a0, a0, a0);
       },
       ExitKind::kHalt, 0, 8},
  };
  for (const FaultCase& c : cases) {
    SCOPED_TRACE(c.name);
    Asm a;
    c.body(a);
    const std::uint64_t fault_pc = a.pc() - c.back;
    a.exit();
    const zisk::Rom rom = rom_of(program(a));
    for (bool specialize : {true, false}) {
      RunOptions o;
      o.specialize = specialize;
      const RunResult r = run_rom(rom, {}, o);
      EXPECT_EQ(r.exit.kind, c.kind) << exit_kind_name(r.exit.kind);
      ASSERT_LT(r.exit.inst, rom.size());
      const zisk::RiscvSource* src = rom.source_of(rom.inst(r.exit.inst));
      ASSERT_NE(src, nullptr);
      EXPECT_EQ(src->pc, fault_pc);
      if (c.addr != 0) {
        EXPECT_EQ(r.exit.addr, c.addr);
      }
    }
  }
}

TEST(Emulator, MisalignedStaticJumpTargetIsTheAddressInTheMiddle) {
  Asm a;
  a.b(Opcode::kBeq, zero, zero, 2);
  a.exit();
  const RunResult r = run_rom(rom_of(program(a)));
  EXPECT_EQ(r.exit.kind, ExitKind::kBadJump);
  EXPECT_EQ(r.exit.addr, kBase + 2);
}

TEST(Emulator, AFaultingJumpDoesNotWriteItsLink) {
  // Found by fuzz_transpiler: jalr with an odd immediate is two steps; the second one's link
  // store must not happen when its target is bad (the step does not complete).
  Asm a;
  a.li(a0, 0x9000'0000);
  a.li(t4, 77);
  a.jalr(t4, a0, 3);
  a.exit();
  const zisk::Rom rom = rom_of(program(a));
  for (bool specialize : {true, false}) {
    RunOptions o;
    o.specialize = specialize;
    const RunResult r = run_rom(rom, {}, o);
    EXPECT_EQ(r.exit.kind, ExitKind::kBadJump);
    EXPECT_EQ(r.exit.addr, 0x9000'0002u);
    EXPECT_EQ(r.final_state.regs[t4], 77u);
  }
}

TEST(Emulator, StepLimit) {
  Asm a;
  a.j(zero, 0);  // spin
  const zisk::Rom rom = rom_of(program(a));
  RunOptions o;
  o.max_steps = 1000;
  const RunResult r = run_rom(rom, {}, o);
  EXPECT_EQ(r.exit.kind, ExitKind::kStepLimit);
  EXPECT_EQ(r.steps, 1000u);
  o.max_steps = 0;
  EXPECT_EQ(run_rom(rom, {}, o).steps, 0u);
}

TEST(Emulator, NonExitEcallReturnsWithRaClobbered) {
  Asm a;
  a.addi(a7, zero, 64);
  const std::uint64_t ecall_pc = a.pc();
  a.ecall();
  a.add(s1, ra, zero);
  publish_and_exit(a, {s1});
  const RunResult r = run_rom(rom_of(program(a)));
  ASSERT_EQ(r.exit.kind, ExitKind::kEnd);
  EXPECT_EQ(r.pubout[0], ecall_pc + 4);
}

TEST(Emulator, UartBytesGoToTheConsole) {
  Asm a;
  a.li(a0, 0xA040'0200);  // UART = SYS + 0x200
  for (char ch : std::string("hi!\n")) {
    a.addi(a1, zero, ch);
    a.sb(a1, 0, a0);
  }
  a.sw(a1, 0, a0);  // a 4-byte store is not console output
  a.exit();
  const zisk::Rom rom = rom_of(program(a));
  for (bool specialize : {true, false}) {
    StringConsole console;
    RunOptions o;
    o.console = &console;
    o.specialize = specialize;
    EXPECT_EQ(run_rom(rom, {}, o).exit.kind, ExitKind::kEnd);
    EXPECT_EQ(console.text, "hi!\n");
  }
}

TEST(Emulator, InputIsReadOnlyAtInputAddrPlus8) {
  Asm a;
  a.ld(s1, 8, a0);   // a0 = INPUT_ADDR (BIOS): the first record's length
  a.ld(s2, 16, a0);  // its first 8 bytes
  a.li(t0, 0x4000'0000 + (1 << 20));
  a.ld(s3, 0, t0);  // past the input: zero
  publish_and_exit(a, {s1, s2, s3});
  std::vector<std::uint8_t> input(16, 0);
  input[0] = 5;
  std::memcpy(input.data() + 8, "abcde", 5);
  const RunResult r = run_rom(rom_of(program(a)), input);
  ASSERT_EQ(r.exit.kind, ExitKind::kEnd);
  EXPECT_EQ(r.pubout[0], 5u);
  EXPECT_EQ(r.pubout[1], 0x65646362'61ull);
  EXPECT_EQ(r.pubout[2], 0u);
}

TEST(Emulator, InputReadyChecksTheInputLength) {
  Asm a;
  a.addi(t0, a0, 8 + 15);  // the last byte of a 16-byte input
  a.csr(Opcode::kCsrrs, zero, 0x8F0, t0);
  a.csr(Opcode::kCsrrwi, zero, 0x8C0, 23);
  a.ld(s1, 0, a0);  // input_ready returns no words: the free-input cell is 0
  publish_and_exit(a, {s1});
  const RunResult r = run_rom(rom_of(program(a)), std::vector<std::uint8_t>(16, 1));
  EXPECT_EQ(r.exit.kind, ExitKind::kEnd) << exit_kind_name(r.exit.kind) << " " << r.exit.detail;
  EXPECT_EQ(r.pubout[0], 0u);
  // More bytes than the input holds are refused (ZisK panics).
  const RunResult short_input = run_rom(rom_of(program(a)), std::vector<std::uint8_t>(8, 1));
  EXPECT_EQ(short_input.exit.kind, ExitKind::kFcallFault);
}

TEST(Emulator, DmaMemcpyMemsetMemcmp) {
  Asm a;
  a.li(s0, static_cast<std::int64_t>(kData));
  // memcpy(s0 + 3, s0 + 40, 21): src bytes 40.. are 0x28.. (filled below), dst unaligned.
  a.addi(a0, s0, 3);
  a.addi(a1, s0, 40);
  a.addi(a2, zero, 21);
  a.csr(Opcode::kCsrrs, zero, 0x813, a1);
  a.add(zero, a0, a2);
  // overlapping memmove within [s0 + 80, s0 + 100): copy 12 bytes from +80 to +84
  a.addi(a0, s0, 84);
  a.addi(a1, s0, 80);
  a.csr(Opcode::kCsrrs, zero, 0x813, a1);
  a.addi(zero, a0, 12);  // x form
  // memset(s0 + 101, 0xab, 6)
  a.addi(a0, s0, 101);
  a.addi(a2, zero, 6);
  a.csr(Opcode::kCsrrs, zero, 0x816, a0);
  a.addi(zero, a2, 0xab);
  // memcmp(s0 + 3, s0 + 40, 21) == 0 ; memcmp(s0, s0 + 1, 8) = byte0 - byte1
  a.addi(a0, s0, 3);
  a.addi(a1, s0, 40);
  a.addi(a2, zero, 21);
  a.csr(Opcode::kCsrrs, zero, 0x814, a1);
  a.add(s1, a0, a2);
  a.addi(a0, s0, 0);
  a.addi(a1, s0, 1);
  a.addi(a2, zero, 8);
  a.csr(Opcode::kCsrrs, a0, 0x814, a1);  // ziskos form: result in a0
  a.add(zero, a0, a2);
  a.add(s2, a0, zero);
  a.ld(s3, 0, s0);
  a.ld(20, 8, s0);
  a.ld(21, 16, s0);
  a.ld(22, 80, s0);
  a.ld(23, 88, s0);
  a.ld(24, 96, s0);
  a.ld(25, 104, s0);
  publish_and_exit(a, {s1, s2, s3, 20, 21, 22, 23, 24, 25});
  std::vector<std::uint8_t> data(128);
  for (std::size_t i = 0; i < data.size(); ++i) data[i] = static_cast<std::uint8_t>(i);
  const zisk::Rom rom = rom_of(program(a, {{kData, data}}));

  std::vector<std::uint8_t> want = data;
  std::memmove(want.data() + 3, want.data() + 40, 21);
  std::memmove(want.data() + 84, want.data() + 80, 12);
  std::memset(want.data() + 101, 0xab, 6);
  const auto word = [&](std::size_t off) {
    std::uint64_t v;
    std::memcpy(&v, want.data() + off, 8);
    return v;
  };
  for (bool specialize : {true, false}) {
    RunOptions o;
    o.specialize = specialize;
    const RunResult r = run_rom(rom, {}, o);
    ASSERT_EQ(r.exit.kind, ExitKind::kEnd) << exit_kind_name(r.exit.kind) << r.exit.detail;
    EXPECT_EQ(r.pubout[0], 0u);
    EXPECT_EQ(r.pubout[1],
              static_cast<std::uint64_t>(static_cast<std::int64_t>(want[0]) - want[1]));
    EXPECT_EQ(r.pubout[2], word(0));
    EXPECT_EQ(r.pubout[3], word(8));
    EXPECT_EQ(r.pubout[4], word(16));
    EXPECT_EQ(r.pubout[5], word(80));
    EXPECT_EQ(r.pubout[6], word(88));
    EXPECT_EQ(r.pubout[7], word(96));
    EXPECT_EQ(r.pubout[8], word(104));
  }
}

// The DMA forms DmaMemcpyMemsetMemcmp leaves out: inputcpy of a free-input result to an
// unaligned destination (the words at fcall_got - 1 onwards, then the free-input cell moves
// on, as ZisK's dma_inputcpy.rs), the immediate-count memcmp (`csrs 0x814, src; addi rd, dst,
// n`) and the immediate memset (`csrsi 0x816, 2; addi x0, dst, n; addi x0, dst, byte`).
TEST(Emulator, DmaInputcpyImmediateMemcmpAndMemset) {
  Asm a;
  a.li(s0, static_cast<std::int64_t>(kData));
  a.csr(Opcode::kCsrrs, zero, 0x8F3, s0);   // push the 8 words at s0: uint256 a, b
  a.csr(Opcode::kCsrrwi, zero, 0x8C0, 19);  // uint256_div: q[4], r[4]
  a.addi(a0, s0, 131);                      // inputcpy(s0 + 131, 48): q and r[0..1]
  a.addi(a2, zero, 48);
  a.csr(Opcode::kCsrrs, zero, 0x815, a1);
  a.add(zero, a0, a2);
  a.li(t0, 0x4000'0000);
  a.ld(s1, 0, t0);      // the free-input cell: now r[2]
  a.addi(a1, s0, 131);  // xmemcmp(s0 + 131, s0 + 131, 48) == 0
  a.csr(Opcode::kCsrrs, zero, 0x814, a1);
  a.addi(s2, a0, 48);
  a.addi(a1, s0, 0);  // xmemcmp(s0 + 131, s0, 8): first byte diff
  a.csr(Opcode::kCsrrs, zero, 0x814, a1);
  a.addi(s3, a0, 8);
  a.addi(a0, s0, 201);  // memset(s0 + 201, 9, 24)
  a.csr(Opcode::kCsrrsi, zero, 0x816, 2);
  a.addi(zero, a0, 24);
  a.addi(zero, a0, 9);
  for (unsigned k = 0; k < 7; ++k) a.ld(20 + k, 128 + 8 * k, s0);
  a.ld(27, 200, s0);
  a.ld(28, 208, s0);
  a.ld(29, 216, s0);
  a.ld(30, 224, s0);
  publish_and_exit(a, {s1, s2, s3, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30});

  std::vector<std::uint8_t> data(256);
  for (std::size_t i = 0; i < data.size(); ++i) data[i] = static_cast<std::uint8_t>(i * 37 + 11);
  const zisk::Rom rom = rom_of(program(a, {{kData, data}}));

  std::uint64_t params[8];
  std::memcpy(params, data.data(), sizeof params);
  Result<std::vector<std::uint64_t>> qr = precompile::fcall(19, params);
  ASSERT_TRUE(qr.is_ok()) << qr.status().message();
  ASSERT_EQ(qr->size(), 8u);
  std::vector<std::uint8_t> want = data;
  std::memcpy(want.data() + 131, qr->data(), 48);
  std::memset(want.data() + 201, 9, 24);
  const auto word = [&](std::size_t off) {
    std::uint64_t v;
    std::memcpy(&v, want.data() + off, 8);
    return v;
  };
  for (bool specialize : {true, false}) {
    RunOptions o;
    o.specialize = specialize;
    const RunResult r = run_rom(rom, {}, o);
    ASSERT_EQ(r.exit.kind, ExitKind::kEnd) << exit_kind_name(r.exit.kind) << r.exit.detail;
    EXPECT_EQ(r.pubout[0], (*qr)[6]);
    EXPECT_EQ(r.pubout[1], 0u);
    EXPECT_EQ(r.pubout[2], static_cast<std::uint64_t>(static_cast<std::int64_t>(want[131]) -
                                                      static_cast<std::int64_t>(want[0])));
    for (unsigned k = 0; k < 7; ++k) EXPECT_EQ(r.pubout[3 + k], word(128 + 8 * k)) << k;
    for (unsigned k = 0; k < 4; ++k) EXPECT_EQ(r.pubout[10 + k], word(200 + 8 * k)) << k;
  }
}

TEST(Emulator, PrecompilesReadAndWriteGuestMemory) {
  const RunResult r = run_rom(rom_of(precompile_program()));
  ASSERT_EQ(r.exit.kind, ExitKind::kEnd) << exit_kind_name(r.exit.kind) << ": " << r.exit.detail;
  // keccak-f[1600] of the all-zero state, lanes 0 and 1: the Keccak team's
  // KeccakF-1600-IntermediateValues.txt.
  EXPECT_EQ(r.pubout[0], 0xF1258F7940E1DDE7ull);
  EXPECT_EQ(r.pubout[1], 0x84D5CCF933C0478Aull);
  EXPECT_NE(r.pubout[2], 0x150e0700u);  // the sha256 state word changed (2 compressions)
  RunOptions o;
  o.specialize = false;
  EXPECT_EQ(run_rom(rom_of(precompile_program()), {}, o).pubout, r.pubout);
}

class CountingSink final : public ChunkSink {
 public:
  Status on_chunk(Chunk&& c) override {
    steps += c.steps;
    ++chunks;
    reads += c.mem_reads.size();
    return Status::ok();
  }
  std::uint64_t steps = 0, chunks = 0, reads = 0;
};

TEST(Emulator, TraceAndStatsModesRunTheSameProgram) {
  const zisk::Rom rom = rom_of(stress_program(100));
  const RunResult fast = run_rom(rom);
  CountingSink sink;
  Result<RunResult> traced = run_trace(rom, {}, {}, 6, sink);
  ASSERT_TRUE(traced.is_ok()) << traced.status().message();
  EXPECT_EQ(traced->steps, fast.steps);
  EXPECT_EQ(traced->final_state, fast.final_state);
  EXPECT_EQ(traced->pubout, fast.pubout);
  EXPECT_EQ(sink.steps, fast.steps);
  EXPECT_EQ(sink.chunks, (fast.steps + 63) / 64);
  EXPECT_GT(sink.reads, 100u);
  RunOptions o;
  o.stats = true;
  const RunResult st = run_rom(rom, {}, o);
  ASSERT_TRUE(st.stats.has_value());
  std::uint64_t total = 0;
  for (std::uint64_t n : st.stats->inst_counts) total += n;
  EXPECT_EQ(total, fast.steps);
  EXPECT_GT(st.stats->touched_pages, 0u);
  EXPECT_EQ(st.final_state, fast.final_state);
}

TEST(Emulator, TranspilerAndPrecompileLayerAgreeOnPorts) {
  for (unsigned p = 0; p < 16; ++p) {
    EXPECT_EQ(zisk::fcall_param_words(p),
              precompile::fcall_param_words(static_cast<std::uint16_t>(0x8F0 + p)));
  }
  // Every precompile port transpiles to an op that maps back to its Kind.
  for (const precompile::Info& info : precompile::precompile_table()) {
    zisk::testing::Asm a;
    a.csr(Opcode::kCsrrs, info.kind == precompile::Kind::kAdd256 ? a1 : zero, info.csr, a0);
    const zisk::Rom rom = rom_of(program(a));
    EXPECT_EQ(precompile_kind(rom.inst(*rom.find(kBase)).op), info.kind) << info.name;
  }
}

TEST(Emulator, BadArguments) {
  const zisk::Rom rom = rom_of(stress_program(1));
  CountingSink sink;
  EXPECT_EQ(run_trace(rom, {}, {}, 0, sink).status().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(run_trace(rom, {}, {}, 40, sink).status().code(), ErrorCode::kInvalidArgument);
  std::vector<std::uint8_t> huge;  // one byte over the input area is refused, not allocated
  Result<RunResult> r =
      run(rom, std::span<const std::uint8_t>(huge.data(), rom.layout().input_data_max() + 1), {});
  EXPECT_EQ(r.status().code(), ErrorCode::kBadInput);
}

}  // namespace
}  // namespace ziskc::emu
