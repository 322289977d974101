// The BIOS: ZisK's boot and exit code (riscv2zisk_context.rs add_end_and_lib and
// add_entry_exit_jmp, without the float library) with ZisK 0.x's data initialisation by
// stores in between. Addresses (boot = 0x1000, E = 0x1008 + 4 * init words):
//   0x1000      jump over the end instruction
//   0x1004      end (every run finishes here)
//   0x1008 + 4k store init word k (8 bytes, the only stores allowed into ROM data)
//   E + 0x00    marchid = 0x0FFF_EEEE        E + 0x04  mtvec = trap handler
//   E + 0x08    a0 = INPUT_ADDR              E + 0x0C  a1 = OUTPUT_ADDR
//   E + 0x10    call entry (ra = E + 0x14)
//   E + 0x14    output loop: for i in 0..32: pubout(i, 8-byte word i of OUTPUT)
//   E + 0x34    read input[k * 128 MiB], k = 1..7 (ZisK's input-boundary reads)
//   E + 0x50    jump to 0x1004
//   E + 0x54    trap handler: if a7 == 93 go to E + 0x14, else
//   E + 0x58    return to ra
#include "base/check.h"
#include "zisk/transpiler_internal.h"

namespace ziskc::zisk::detail {
namespace {
constexpr std::uint64_t kMtvecCsr = 0x305;
constexpr std::uint64_t kInputProbeStride = 128ull << 20;
}  // namespace

std::uint64_t bios_trap_pc(const Layout& layout, std::size_t init_words) {
  return layout.boot_pc + 8 + 4 * init_words + 0x54;
}

void emit_bios(const Layout& l, std::span<const InitWord> init, std::uint64_t entry,
               std::vector<ZiskInst>& out) {
  std::uint64_t pc = l.boot_pc;
  const auto next = [&]() {
    InstBuilder b(l, pc, kNoSource, false);
    pc += 4;
    return b;
  };
  const auto emit = [&](const InstBuilder& b) { out.push_back(b.inst()); };

  emit(next().a_imm(0).b_imm(0).op(Op::kCopyB).j(8, 8));
  emit(next().a_imm(0).b_imm(0).op(Op::kCopyB).end().j(0, 0));
  for (const InitWord& w : init) {
    emit(next().a_imm(w.addr).b_imm(w.value).op(Op::kCopyB).store_ind(0, 8).bios_init().j(4, 4));
  }
  const std::uint64_t e = pc;
  const std::uint64_t trap = e + 0x54;
  emit(next()
           .a_imm(0)
           .b_imm(kMarchidZisk)
           .op(Op::kCopyB)
           .store_mem(l.csr_word_addr(kMarchidCsr))
           .j(4, 4));
  emit(next().a_imm(0).b_imm(trap).op(Op::kCopyB).store_mem(l.csr_word_addr(kMtvecCsr)).j(4, 4));
  emit(next().a_imm(0).b_imm(l.input_addr).op(Op::kCopyB).store_reg(10).j(0, 4));
  emit(next().a_imm(0).b_imm(l.output_addr).op(Op::kCopyB).store_reg(11).j(0, 4));
  emit(next().a_imm(0).b_imm(entry).op(Op::kCopyB).set_pc().store_pc_reg(1).j(0, 4));
  // Output loop: r11 = 32 words, r12 = index, r13 = address.
  emit(next().a_imm(0).b_imm(kNumPublicOutputs / 2).op(Op::kCopyB).store_reg(11).j(0, 4));
  emit(next().a_imm(0).b_imm(0).op(Op::kCopyB).store_reg(12).j(0, 4));
  emit(next().a_imm(0).b_imm(l.output_addr).op(Op::kCopyB).store_reg(13).j(0, 4));
  emit(next().a_reg(11).b_reg(12).op(Op::kEq).j(20, 4));
  emit(next().a_reg(13).b_ind(0, 8).op(Op::kCopyB).j(0, 4));
  emit(next().a_reg(12).b_lastc().op(Op::kPubOut).j(0, 4));
  emit(next().a_reg(13).b_imm(8).op(Op::kAdd).store_reg(13).j(0, 4));
  emit(next().a_reg(12).b_imm(1).op(Op::kAdd).store_reg(12).j(4, -16));
  for (std::uint64_t k = 1; k <= 7; ++k) {
    emit(next().a_imm(l.input_addr + k * kInputProbeStride).b_ind(0, 8).op(Op::kCopyB).j(4, 4));
  }
  emit(next().a_imm(0).b_imm(l.end_pc).op(Op::kCopyB).set_pc().j(0, 0));
  ZISKC_CHECK(pc == trap, "BIOS layout");
  emit(next().a_reg(17).b_imm(kExitCause).op(Op::kEq).j(-64, 4));
  emit(next().a_imm(0).b_reg(1).op(Op::kCopyB).set_pc().j(0, 4));
}

}  // namespace ziskc::zisk::detail
