// The Main AIR (docs/sm/main.md): one row per ZisK step, enforcing DESIGN §3 for the ROM
// instruction of the row.
//
// Soundness contract. Let the instances of Main, the ROM and the direct terms of
// main_direct_terms (sm/main/statement.h) balance kRomBus and kMainContinuationBus, and let the
// operation and memory machines prove only what their contracts say (docs/ZKVM.md). Then the
// rows of all Main instances, in continuation order, are one execution of the program from the
// boot state (pc 0x1000, last c 0, step 0, registers and RAM as the memory machines start them)
// that reaches pc 0x1004 with last c = 0 (the end instruction, which keeps pc there: rows after
// it are repeats of it that change nothing), and each row is one step of that execution:
//  - its instruction is the ROM row at its pc (kRomBus lookup with every field below);
//  - a is the immediate, the memory word at a_off (loaded at slot 0), or the previous step's c;
//    b is the immediate, the memory word at b_off (slot 1), ind_width bytes at a + b_off (slot
//    1, a < 2^32), or the previous step's c;
//  - (c, flag) = op(a, b): Main checks flag (c = 0, flag = 1) and copyb (c = b, flag = 0) itself
//    and assumes every other op on kOperationBus as (op, a_lo, a_hi, b_lo, b_hi, c_lo, c_hi,
//    flag[, step, jmp1]) with the high limbs of a and b zeroed for m32 ops, and the step and
//    extra argument for DMA and precompile ops; an op without a proving machine (precompiles
//    for now, fcall, halt) leaves the bus unbalanced;
//  - the store (slot 2) writes c, or pc + jmp2 for store_pc, to the word at store_off or to
//    ind_width bytes at a + store_off, as kMemStore (kMemRomInit for a BIOS ROM-data init);
//  - the next row's pc is set_pc ? c + jmp1 : pc + (flag ? jmp1 : jmp2) (set_pc needs c_hi = 0
//    and flag = 0), its step this step + 1 - is_end (is_end: the ROM's kRomFlagEnd, set only
//    on the end instruction, which loops on itself, touches no memory and sends no operation);
//  - mem_step = 1 + 4 step + slot.
// What Main assumes of others: memory values and op results are canonical 32-bit limbs (the
// memory machines' values come from stores of such limbs, the op machines range-check c), so
// every a, b, c here is; addresses < 2^32 only are proved by memory machines (an address
// computed in the field from a limb and a signed offset is provable only when the integer sum
// is in [0, 2^32), exactly when the emulator's 64-bit sum is); the total number of Main rows
// is below kMainMaxRows (the verifier checks it: check_main_rows), so steps and mem_steps never
// wrap and mem_step < 2^40.
// Continuations: each instance assumes (0, start_step, start_pc, start_c) and proves
// (is_last, next_step, next_pc, last_c) once (multiplicity L_first); the verifier proves the
// boot state (0, 0, 0x1000, 0, 0) and assumes the end (1, S - 1, 0x1004, 0, 0) for the stated
// step count S (main_direct_terms). The messages are edges of a graph whose balance leaves one
// path from the boot message to the end message plus cycles; an instance with a row that is
// not an end row moves the step forward, so a cycle (no wrap: rows < kMainMaxRows) holds end
// rows only, which change nothing and send nothing but ROM lookups. On the path, the step in
// each message is the execution's step count until its first end row and frozen from there
// (rows after an end row are end rows: it loops), and the only way to consume the end message
// is an instance with is_last = 1. So the run reaches pc 0x1004 (last c 0) after exactly S - 1
// steps: the end instruction is its S-th step, the count `ziskc verify` reports.
// Padding: Main has no padding rows of its own: rows after the end instruction repeat it (pc
// 0x1004, copyb of 0 with no store, the same step), which the constraints accept and which send
// nothing but their ROM lookup.
#pragma once

#include <cstddef>
#include <cstdint>

#include "sm/buses.h"
#include "sm/main/cols.h"
#include "sm/rom/cols.h"
#include "stark/air.h"

namespace ziskc::sm {

// Instance values of a Main instance.
enum MainInstanceValue : std::size_t {
  kMainIsLast = 0,  // 1 for the instance that ends the run
  kMainStartStep,   // step of row 0
  kMainStartPc,     // pc of row 0 (proof pc space)
  kMainStartCLo,    // last c before row 0
  kMainStartCHi,
  kMainNextStep,  // step after the last row (the last row's step on an end row)
  kMainNextPc,    // pc after the last row
  kMainLastCLo,   // c of the last row
  kMainLastCHi,
  kMainNumInstanceValues,
};

struct MainAir {
  stark::AirInfo info() const {
    return {.name = "main",
            .num_main = stark::width_of<MainCols>(),
            .num_instance_values = kMainNumInstanceValues};
  }

  template <class B>
  void eval(B& b) const {
    using E = typename B::Expr;
    const auto& r = b.template main<MainCols>();
    const auto& n = b.template main_next<MainCols>();
    const auto& ins = r.rom;
    const E one = b.constant(1);
    const auto iv = [&](MainInstanceValue i) { return b.instance_value(i); };

    // The flag columns are the bits of the ROM's flags element (unique only if boolean); the
    // ROM encoding makes the source and store selectors mutually exclusive.
    stark::assert_bool(b, "main.a_imm_bool", r.a_imm);
    stark::assert_bool(b, "main.a_mem_bool", r.a_mem);
    stark::assert_bool(b, "main.b_imm_bool", r.b_imm);
    stark::assert_bool(b, "main.b_mem_bool", r.b_mem);
    stark::assert_bool(b, "main.b_ind_bool", r.b_ind);
    stark::assert_bool(b, "main.is_ext_bool", r.is_ext);
    stark::assert_bool(b, "main.store_mem_bool", r.store_mem);
    stark::assert_bool(b, "main.store_ind_bool", r.store_ind);
    stark::assert_bool(b, "main.store_pc_bool", r.store_pc);
    stark::assert_bool(b, "main.set_pc_bool", r.set_pc);
    stark::assert_bool(b, "main.m32_bool", r.m32);
    stark::assert_bool(b, "main.is_prec_bool", r.is_prec);
    stark::assert_bool(b, "main.is_end_bool", r.is_end);
    // The op's flag is a bit (op machines prove it; Main's own ops set it).
    stark::assert_bool(b, "main.flag_bool", r.flag);

    // Sources. Immediates are the ROM's limbs.
    b.assert_zero("main.a_imm_lo", r.a_imm * (r.a[0] - ins.a_off));
    b.assert_zero("main.a_imm_hi", r.a_imm * (r.a[1] - ins.a_imm_hi));
    b.assert_zero("main.b_imm_lo", r.b_imm * (r.b[0] - ins.b_off));
    b.assert_zero("main.b_imm_hi", r.b_imm * (r.b[1] - ins.b_imm_hi));
    // Last c: on row 0 the instance's start c, on other rows the previous row's c.
    const E a_src_c = one - r.a_imm - r.a_mem;
    const E b_src_c = one - r.b_imm - r.b_mem - r.b_ind;
    b.assert_zero_first("main.a_last_c_lo_first", a_src_c * (r.a[0] - iv(kMainStartCLo)));
    b.assert_zero_first("main.a_last_c_hi_first", a_src_c * (r.a[1] - iv(kMainStartCHi)));
    b.assert_zero_first("main.b_last_c_lo_first", b_src_c * (r.b[0] - iv(kMainStartCLo)));
    b.assert_zero_first("main.b_last_c_hi_first", b_src_c * (r.b[1] - iv(kMainStartCHi)));
    const E a_src_c_next = one - n.a_imm - n.a_mem;
    const E b_src_c_next = one - n.b_imm - n.b_mem - n.b_ind;
    b.assert_zero_transition("main.a_last_c_lo", a_src_c_next * (n.a[0] - r.c[0]));
    b.assert_zero_transition("main.a_last_c_hi", a_src_c_next * (n.a[1] - r.c[1]));
    b.assert_zero_transition("main.b_last_c_lo", b_src_c_next * (n.b[0] - r.c[0]));
    b.assert_zero_transition("main.b_last_c_hi", b_src_c_next * (n.b[1] - r.c[1]));
    // Indirect accesses address a + offset with a < 2^32 (the field sum is then the integer
    // sum; every honest indirect a is an address below 2^32).
    b.assert_zero("main.ind_a_hi", (r.b_ind + r.store_ind) * r.a[1]);

    // Main's own ops (is_ext = 0; the ROM sets op 0 for flag, 1 for copyb).
    const E internal = one - r.is_ext;
    const E op_flag = internal * (one - ins.op);
    const E op_copyb = internal * ins.op;
    b.assert_zero("main.flag_op_c_lo", op_flag * r.c[0]);
    b.assert_zero("main.flag_op_c_hi", op_flag * r.c[1]);
    b.assert_zero("main.flag_op_flag", op_flag * (one - r.flag));
    b.assert_zero("main.copyb_c_lo", op_copyb * (r.c[0] - r.b[0]));
    b.assert_zero("main.copyb_c_hi", op_copyb * (r.c[1] - r.b[1]));
    b.assert_zero("main.copyb_flag", op_copyb * r.flag);

    // Next pc. A dynamic jump uses c_lo only, so c must be below 2^32, and its op never sets
    // the flag (the ROM encoding refuses set_pc with such ops).
    b.assert_zero("main.set_pc_c_hi", r.set_pc * r.c[1]);
    b.assert_zero("main.set_pc_flag", r.set_pc * r.flag);
    // DMA and precompile ops never set the flag (their jmp1 is an argument, not an edge).
    b.assert_zero("main.prec_flag", r.is_prec * r.flag);
    const E next_pc = r.set_pc * (r.c[0] + ins.jmp1) + (one - r.set_pc) * (ins.pc + ins.jmp2) +
                      r.flag * (ins.jmp1 - ins.jmp2);
    b.assert_zero_transition("main.next_pc", n.rom.pc - next_pc);
    // The step stops at the end instruction (its repeats keep the step of the first one).
    const E next_step = r.step + one - r.is_end;
    b.assert_zero_transition("main.next_step", n.step - next_step);

    // The instance values are the state before row 0 and after the last row.
    b.assert_zero_first("main.is_last_bool", iv(kMainIsLast) * (iv(kMainIsLast) - one));
    b.assert_zero_first("main.start_pc", ins.pc - iv(kMainStartPc));
    b.assert_zero_first("main.start_step", r.step - iv(kMainStartStep));
    b.assert_zero_last("main.end_pc", next_pc - iv(kMainNextPc));
    b.assert_zero_last("main.end_step", next_step - iv(kMainNextStep));
    b.assert_zero_last("main.end_c_lo", r.c[0] - iv(kMainLastCLo));
    b.assert_zero_last("main.end_c_hi", r.c[1] - iv(kMainLastCHi));

    // Interactions, in an order that pairs them into 4 logUp columns: (ROM, a load),
    // (operation, continuation in), (b load, continuation out), (store).
    const E flags =
        one + b.constant(kRomFlagAImm) * r.a_imm + b.constant(kRomFlagAMem) * r.a_mem +
        b.constant(kRomFlagBImm) * r.b_imm + b.constant(kRomFlagBMem) * r.b_mem +
        b.constant(kRomFlagBInd) * r.b_ind + b.constant(kRomFlagExternal) * r.is_ext +
        b.constant(kRomFlagStoreMem) * r.store_mem + b.constant(kRomFlagStoreInd) * r.store_ind +
        b.constant(kRomFlagStorePc) * r.store_pc + b.constant(kRomFlagSetPc) * r.set_pc +
        b.constant(kRomFlagM32) * r.m32 + b.constant(kRomFlagPrecompiled) * r.is_prec +
        b.constant(kRomFlagEnd) * r.is_end;
    // Every row executes its ROM instruction once.
    b.assume(kRomBus,
             {ins.pc, ins.a_off, ins.a_imm_hi, ins.b_off, ins.b_imm_hi, ins.store_off, ins.jmp1,
              ins.jmp2, ins.ind_width, ins.op, flags},
             one);
    const E mem_step = b.constant(4) * r.step + one;  // slot 0
    const E eight = b.constant(8);
    b.assume(kMemoryBus, {b.constant(kMemLoad), ins.a_off, mem_step, eight, r.a[0], r.a[1]},
             r.a_mem);
    // DMA and precompile machines also receive the step and the extra argument (sm/buses.h);
    // for every other op the two elements are 0 (the 8-element tuples of the ALU machines).
    b.assume(kOperationBus,
             {ins.op, r.a[0], r.a[1] - r.m32 * r.a[1], r.b[0], r.b[1] - r.m32 * r.b[1], r.c[0],
              r.c[1], r.flag, r.is_prec * r.step, r.is_prec * ins.jmp1},
             r.is_ext);
    b.assume(
        kMainContinuationBus,
        {b.constant(0), iv(kMainStartStep), iv(kMainStartPc), iv(kMainStartCLo), iv(kMainStartCHi)},
        b.is_first_row());
    b.assume(kMemoryBus,
             {b.constant(kMemLoad), ins.b_off + r.b_ind * r.a[0], mem_step + one,
              eight + r.b_ind * (ins.ind_width - eight), r.b[0], r.b[1]},
             r.b_mem + r.b_ind);
    b.prove(
        kMainContinuationBus,
        {iv(kMainIsLast), iv(kMainNextStep), iv(kMainNextPc), iv(kMainLastCLo), iv(kMainLastCHi)},
        b.is_first_row());
    // A store with a constant a and an indirect address is a ROM-data init (encoding.h).
    b.assume(kMemoryBus,
             {b.constant(kMemStore) + r.a_imm * r.store_ind, ins.store_off + r.store_ind * r.a[0],
              mem_step + b.constant(2), eight + r.store_ind * (ins.ind_width - eight),
              r.c[0] + r.store_pc * (ins.pc + ins.jmp2 - r.c[0]), r.c[1] - r.store_pc * r.c[1]},
             r.store_mem + r.store_ind);
  }
};

}  // namespace ziskc::sm
