// Test tool for check_against_objdump.py: reads hex instruction words (one per line) on
// stdin and prints "<word> <0|1 legal> <disassembly>" for each, the i-th at pc = 4*i.
#include <cstdio>

#include "riscv/decoder.h"

int main() {
  unsigned w;
  unsigned long pc = 0;
  while (std::scanf("%x", &w) == 1) {
    const auto insn = ziskc::riscv::decode(w);
    std::printf("%08x %d %s\n", w, insn.op != ziskc::riscv::Opcode::kIllegal,
                ziskc::riscv::disassemble(insn, pc).c_str());
    pc += 4;
  }
  return 0;
}
