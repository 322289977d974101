// Internals shared by transpiler.cc (base ISA), transpiler_csr.cc (CSR ports) and bios.cc.
// Not part of the zisk layer's API.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "zisk/instruction.h"
#include "zisk/layout.h"
#include "zisk/rom.h"

namespace ziskc::zisk::detail {

// ZisK's register numbers above x31: temporaries kept as memory words in the system area.
inline constexpr unsigned kTmpReg1 = 32;
inline constexpr unsigned kTmpReg2 = 33;
inline constexpr std::uint64_t kExitCause = 93;  // a7 value of the exit ecall

// Builds one ZiskInst with the normalisations of ZisK's ZiskInstBuilder: reading x0 is imm 0,
// storing x0 is no store, registers >= 32 are memory words at SYS + 8*r.
class InstBuilder {
 public:
  InstBuilder(const Layout& layout, std::uint64_t pc, std::uint32_t source, bool internal);

  InstBuilder& a_imm(std::uint64_t v);
  InstBuilder& a_reg(unsigned r);
  InstBuilder& a_mem(std::uint64_t addr);
  InstBuilder& a_lastc();
  InstBuilder& b_imm(std::uint64_t v);
  InstBuilder& b_reg(unsigned r);
  InstBuilder& b_mem(std::uint64_t addr);
  InstBuilder& b_lastc();
  InstBuilder& b_ind(std::int64_t offset, unsigned width);
  InstBuilder& op(Op op);
  InstBuilder& store_reg(unsigned r);
  InstBuilder& store_mem(std::uint64_t addr);
  InstBuilder& store_ind(std::int64_t offset, unsigned width);
  InstBuilder& store_pc_reg(unsigned r);  // stores pc + jmp_offset2 (the link)
  InstBuilder& set_pc();
  InstBuilder& j(std::int64_t j1, std::int64_t j2);
  InstBuilder& end();
  InstBuilder& halt(HaltReason reason);
  InstBuilder& bios_init();
  const ZiskInst& inst() const { return inst_; }

 private:
  std::uint64_t reg_addr(unsigned r) const { return layout_->reg_addr(r); }
  const Layout* layout_;
  ZiskInst inst_;
};

// Converts the RISC-V instructions of one executable segment (riscv2zisk_context.rs).
class Converter {
 public:
  Converter(const Layout& layout, std::uint64_t trap_pc, std::vector<ZiskInst>& out)
      : layout_(layout), trap_pc_(trap_pc), out_(out) {}

  // Converts segment[k]; segment[k + 1 ...] is the lookahead of the CSR patterns and of the
  // auipc + jalr fusion. base is the index of segment[0] in Rom::sources().
  void convert(std::span<const RiscvSource> segment, std::size_t k, std::uint32_t base);

 private:
  struct Ctx {
    const RiscvSource& s;
    std::span<const RiscvSource> next;
    std::uint32_t source;
    std::uint64_t pc() const { return s.pc; }
    std::int64_t len() const { return s.insn.len; }
    const riscv::Insn& i() const { return s.insn; }
  };
  InstBuilder at(const Ctx& c) const;                    // the instruction at c.pc()
  InstBuilder internal(const Ctx& c, unsigned k) const;  // the one at c.pc() + k
  void emit(const InstBuilder& b) { out_.push_back(b.inst()); }
  // An op on registers / an immediate, as ZisK's helpers of the same names.
  void register_op(const Ctx& c, Op op);
  void immediate_op(const Ctx& c, Op op);
  void immediate_op_or_x0_copyb(const Ctx& c, Op op);
  void copyb(const Ctx& c, unsigned reg);
  void nop(const Ctx& c);
  void hint(const Ctx& c);
  void halt(const Ctx& c, HaltReason reason);
  void branch(const Ctx& c, Op op, bool negate);
  void load(const Ctx& c, Op op, unsigned width);
  void store(const Ctx& c, unsigned width);
  void lui(const Ctx& c);
  void auipc(const Ctx& c);
  void jal(const Ctx& c);
  void jalr(const Ctx& c);
  void ecall(const Ctx& c);
  void sc(const Ctx& c, unsigned width);
  void atomic_op(const Ctx& c, Op load_op, Op op, unsigned width);
  void atomic_swap(const Ctx& c, Op load_op, unsigned width);
  void add(const Ctx& c);
  // transpiler_csr.cc
  void csr(const Ctx& c);
  void csrrw(const Ctx& c);
  void csrrs(const Ctx& c);
  void csrrc(const Ctx& c);
  void csrrwi(const Ctx& c);
  void csrrsi(const Ctx& c);
  void csrrci(const Ctx& c);
  void dma_memcpy_memcmp(const Ctx& c);
  void dma_inputcpy(const Ctx& c);
  void dma_memset(const Ctx& c, bool immediate_form);
  void profile(const Ctx& c);
  void precompile(const Ctx& c);
  void extended_precompile_op(const Ctx& c, Op op, unsigned rs1, std::uint64_t rs2, bool rs2_is_imm,
                              unsigned rd, std::int64_t extended_arg, std::int64_t size);
  std::uint64_t csr_addr(std::uint32_t csr) const { return layout_.csr_word_addr(csr); }

  const Layout& layout_;
  std::uint64_t trap_pc_;
  std::vector<ZiskInst>& out_;
  // ZisK's input_precompile / output_precompile: a `csrs 0x813/0x814, rs1` waiting for its
  // `add` partner (the next instruction), with the csrs's rs1 and, for ziskos' memcmp form
  // `csrrs rd, 0x814, rs1`, the result register.
  struct Pending {
    std::uint32_t csr = 0;
    unsigned reg = 0;
    unsigned result_rd = 0;
  };
  std::optional<Pending> input_, output_;
};

// BIOS (bios.cc). The BIOS occupies [boot_pc, bios_end(n)) for n data-initialisation stores.
struct InitWord {
  std::uint64_t addr;  // 8-byte aligned
  std::uint64_t value;
};
std::uint64_t bios_trap_pc(const Layout& layout, std::size_t init_words);
void emit_bios(const Layout& layout, std::span<const InitWord> init, std::uint64_t entry,
               std::vector<ZiskInst>& out);

}  // namespace ziskc::zisk::detail
