// Random rv64imac program generator; see program_gen.h for the invariants it keeps.
#include "program_gen.h"

#include <fmt/format.h>

#include <array>
#include <limits>
#include <random>
#include <string_view>

namespace ziskc::difftest {
namespace {

constexpr int kScratchLo = -2048;  // scratch offsets reachable from the base register
constexpr int kScratchHi = 1792;   // exclusive; regsave follows
constexpr int kMaxDepth = 2;

const char* const kRegNames[32] = {"zero", "ra", "sp",  "gp",  "tp", "t0", "t1", "t2",
                                   "s0",   "s1", "a0",  "a1",  "a2", "a3", "a4", "a5",
                                   "a6",   "a7", "s2",  "s3",  "s4", "s5", "s6", "s7",
                                   "s8",   "s9", "s10", "s11", "t3", "t4", "t5", "t6"};

constexpr int64_t kInteresting[] = {
    0,
    1,
    -1,
    2,
    -2,
    std::numeric_limits<int64_t>::min(),
    std::numeric_limits<int64_t>::max(),
    0x80000000,
    0x7fffffff,
    0xffffffff,
    static_cast<int64_t>(0xffffffff80000000ull),
    0x100000000,
    static_cast<int64_t>(0x8000000000000001ull),
    0x8000,
    0x7fff,
    0xffff,
    0x7ff,
    0x800,
    -2048,
    31,
    32,
    63,
    64,
    0x5555555555555555,
    static_cast<int64_t>(0xaaaaaaaaaaaaaaaaull),
    0xffff0000,
    0x7fffffff80000000,
};

struct MemOp {
  std::string_view name;
  int size;
};
constexpr MemOp kLoads[] = {{"lb", 1},  {"lh", 2},  {"lw", 4}, {"ld", 8},
                            {"lbu", 1}, {"lhu", 2}, {"lwu", 4}};
constexpr MemOp kStores[] = {{"sb", 1}, {"sh", 2}, {"sw", 4}, {"sd", 8}};

constexpr std::string_view kAluRR[] = {"add", "sub", "sll",  "slt",  "sltu", "xor",  "srl", "sra",
                                       "or",  "and", "addw", "subw", "sllw", "srlw", "sraw"};
constexpr std::string_view kAluImm[] = {"addi", "slti", "sltiu", "xori", "ori", "andi", "addiw"};
constexpr std::string_view kShiftImm[] = {"slli", "srli", "srai"};
constexpr std::string_view kShiftImmW[] = {"slliw", "srliw", "sraiw"};
constexpr std::string_view kMulDiv[] = {"mul",  "mulh", "mulhsu", "mulhu", "div",  "divu", "rem",
                                        "remu", "mulw", "divw",   "divuw", "remw", "remuw"};
constexpr std::string_view kUnaryPseudo[] = {"mv",   "not",  "neg",  "negw", "sext.w",
                                             "seqz", "snez", "sltz", "sgtz"};
constexpr std::string_view kAmo[] = {"amoswap", "amoadd", "amoxor",  "amoand", "amoor",
                                     "amomin",  "amomax", "amominu", "amomaxu"};
constexpr std::string_view kAmoOrder[] = {"", ".aq", ".rl", ".aqrl"};
constexpr std::string_view kBranch[] = {"beq",  "bne", "blt", "bge",  "bltu",
                                        "bgeu", "bgt", "ble", "bgtu", "bleu"};
constexpr std::string_view kBranchZ[] = {"beqz", "bnez", "blez", "bgez", "bltz", "bgtz"};

template <class T, size_t N>
constexpr size_t count_of(const T (&)[N]) {
  return N;
}

class Generator {
 public:
  Generator(uint64_t seed, const GenOptions& options) : rng_(seed), options_(options) {}

  std::string run(uint64_t seed) {
    base_ = 1 + static_cast<int>(below(31));
    forbidden_ = 1u << base_;
    out_ += fmt::format(
        "/* ziskc differential test program, seed {} (tests/riscv/program_gen) */\n", seed);
    out_ += fmt::format("#define BASE {}\n#include \"harness.h\"\nTEST_BEGIN\n", kRegNames[base_]);
    rvc_ = chance(50);
    out_ += rvc_ ? ".option rvc\n" : ".option norvc\n";
    for (int r = 1; r < 32; ++r) {
      if (r != base_) emit("li {}, {}", reg(r), hex(interesting()));
    }
    int items =
        options_.min_items +
        static_cast<int>(below(static_cast<uint64_t>(options_.max_items - options_.min_items + 1)));
    for (int i = 0; i < items; ++i) {
      if (chance(2)) {
        rvc_ = !rvc_;
        out_ += rvc_ ? ".option rvc\n" : ".option norvc\n";
      }
      item(0);
    }
    out_ += "TEST_END\nTEST_SCRATCH_BEGIN\n";
    for (int i = 0; i < 3840 / 8; ++i) {
      uint64_t v;
      if (chance(30)) {
        v = 0;
      } else if (chance(30)) {
        v = static_cast<uint64_t>(interesting());
      } else {
        v = next();
      }
      out_ += fmt::format("  .dword 0x{:016x}\n", v);
    }
    out_ += "TEST_SCRATCH_END\n";
    return std::move(out_);
  }

 private:
  uint64_t next() { return rng_(); }
  uint64_t below(uint64_t n) { return next() % n; }
  bool chance(int percent) { return below(100) < static_cast<uint64_t>(percent); }
  int64_t range(int64_t lo, int64_t hi) {  // inclusive
    return lo + static_cast<int64_t>(below(static_cast<uint64_t>(hi - lo + 1)));
  }
  template <class T, size_t N>
  const T& pick(const T (&arr)[N]) {
    return arr[below(N)];
  }

  static std::string hex(int64_t v) { return fmt::format("0x{:x}", static_cast<uint64_t>(v)); }
  static const char* reg(int r) { return kRegNames[r]; }

  template <class... Args>
  void emit(fmt::format_string<Args...> f, Args&&... args) {
    out_ += "  ";
    out_ += fmt::format(f, std::forward<Args>(args)...);
    out_ += '\n';
  }
  std::string new_label(std::string_view kind) { return fmt::format(".L{}{}", kind, label_++); }
  void place_label(const std::string& label) { out_ += label + ":\n"; }

  int64_t interesting() {
    uint64_t k = below(100);
    if (k < 50) return pick(kInteresting);
    if (k < 70) return static_cast<int64_t>(next());
    if (k < 85) return range(-100, 100);
    return static_cast<int32_t>(next());
  }
  int64_t imm12() {
    uint64_t k = below(10);
    if (k < 2) return pick(kImmEdges);
    if (k < 5) return range(-32, 31);
    return range(-2048, 2047);
  }
  static constexpr int64_t kImmEdges[] = {0, -1, 1, 2047, -2048, -2};

  // A register the current context may write (never the base or a live loop counter/link).
  int pick_dst() {
    if (chance(3) && (forbidden_ & 1u) == 0) return 0;
    for (;;) {
      int r = 1 + static_cast<int>(below(31));
      if ((forbidden_ & (1u << r)) == 0) return r;
    }
  }
  int pick_dst_nonzero() {
    for (;;) {
      int r = pick_dst();
      if (r != 0) return r;
    }
  }
  // With rvc on, sometimes prefer the compressed register set x8..x15.
  int pick_dst_c() {
    if (rvc_ && chance(40)) {
      for (int tries = 0; tries < 8; ++tries) {
        int r = 8 + static_cast<int>(below(8));
        if ((forbidden_ & (1u << r)) == 0) return r;
      }
    }
    return pick_dst_nonzero();
  }
  int pick_src() {
    if (chance(4)) return 0;
    return 1 + static_cast<int>(below(31));
  }

  void alu_rr() {
    std::string_view op = pick(kAluRR);
    int rd = pick_dst();
    int rs1 = pick_src();
    int rs2 = pick_src();
    if (rvc_ && chance(40)) {  // two-address form, compressible when the registers allow
      rd = pick_dst_c();
      rs1 = rd;
    }
    emit("{} {}, {}, {}", op, reg(rd), reg(rs1), reg(rs2));
  }
  void alu_imm() {
    uint64_t k = below(10);
    int rd = pick_dst();
    int rs1 = pick_src();
    if (rvc_ && chance(40)) {
      rd = pick_dst_c();
      rs1 = rd;
    }
    if (k < 5) {
      emit("{} {}, {}, {}", pick(kAluImm), reg(rd), reg(rs1), imm12());
    } else if (k < 7) {
      emit("{} {}, {}, {}", pick(kShiftImm), reg(rd), reg(rs1), range(0, 63));
    } else if (k < 8) {
      emit("{} {}, {}, {}", pick(kShiftImmW), reg(rd), reg(rs1), range(0, 31));
    } else if (k < 9) {
      emit("lui {}, {}", reg(rd), hex(chance(30) ? pick(kLuiEdges) : range(0, 0xfffff)));
    } else if (chance(50)) {
      emit("auipc {}, {}", reg(rd), hex(range(0, 0xfffff)));
    } else {
      emit("{} {}, {}", pick(kUnaryPseudo), reg(rd), reg(rs1));
    }
  }
  static constexpr int64_t kLuiEdges[] = {0, 1, 0x7ffff, 0x80000, 0xfffff};

  void load_imm() { emit("li {}, {}", reg(pick_dst_nonzero()), hex(interesting())); }

  void muldiv() {
    std::string_view op = pick(kMulDiv);
    int rd = pick_dst();
    if (chance(40)) {  // edge operands: overflow and division by zero
      int ra = pick_dst_nonzero();
      int rb = pick_dst_nonzero();
      static constexpr int64_t kDividends[] = {std::numeric_limits<int64_t>::min(),
                                               static_cast<int64_t>(0xffffffff80000000ull),
                                               0x80000000,
                                               -1,
                                               0,
                                               7,
                                               -7,
                                               0x123456789abcdef};
      static constexpr int64_t kDivisors[] = {0, -1, 1, 0xffffffff, 0x100000000, -2};
      emit("li {}, {}", reg(ra), hex(pick(kDividends)));
      if (rb != ra) emit("li {}, {}", reg(rb), hex(pick(kDivisors)));
      emit("{} {}, {}, {}", op, reg(rd), reg(ra), reg(rb));
      return;
    }
    emit("{} {}, {}, {}", op, reg(rd), reg(pick_src()), reg(pick_src()));
  }

  // An offset o with [o, o + size) inside the scratch, aligned to `align`.
  int scratch_offset(int size, int align) {
    int64_t o;
    if (rvc_ && chance(30)) {
      o = range(0, 248 / size) * size;  // compressible c.ld/c.sd-style offsets
    } else {
      o = range(kScratchLo, kScratchHi - size);
    }
    o -= ((o % align) + align) % align;
    return static_cast<int>(o);
  }

  // Emits the address part of a memory access: returns "off(reg)".
  std::string address(int size, int align) {
    int off = scratch_offset(size, align);
    if (chance(60)) return fmt::format("{}({})", off, reg(base_));
    // A derived pointer register: rp = base + o1, access at off - o1.
    int rp = pick_dst_c();
    int o1 = static_cast<int>(range(kScratchLo, kScratchHi - 1));
    if (chance(50)) o1 = off;  // zero displacement
    int disp = off - o1;
    if (disp < -2048 || disp > 2047) {
      o1 = off;
      disp = 0;
    }
    emit("addi {}, {}, {}", reg(rp), reg(base_), o1);
    return fmt::format("{}({})", disp, reg(rp));
  }

  void load() {
    const MemOp& op = pick(kLoads);
    int align = chance(50) ? op.size : 1;
    std::string addr = address(op.size, align);
    emit("{} {}, {}", op.name, reg(pick_dst()), addr);
  }
  void store() {
    const MemOp& op = pick(kStores);
    int align = chance(50) ? op.size : 1;
    std::string addr = address(op.size, align);
    emit("{} {}, {}", op.name, reg(pick_src()), addr);
  }

  // rp = base + aligned offset, for AMOs and lr/sc.
  int aligned_pointer(int size) {
    int rp = pick_dst_nonzero();
    emit("addi {}, {}, {}", reg(rp), reg(base_), scratch_offset(size, size));
    return rp;
  }
  void amo() {
    int size = chance(50) ? 4 : 8;
    int rp = aligned_pointer(size);
    emit("{}.{}{} {}, {}, ({})", pick(kAmo), size == 4 ? "w" : "d", pick(kAmoOrder),
         reg(pick_dst()), reg(pick_src()), reg(rp));
  }
  void lr_sc() {
    int size = chance(50) ? 4 : 8;
    const char* w = size == 4 ? "w" : "d";
    int rp = aligned_pointer(size);
    uint32_t saved = forbidden_;
    forbidden_ |= 1u << rp;
    emit("lr.{}{} {}, ({})", w, pick(kAmoOrder), reg(pick_dst()), reg(rp));
    for (int n = static_cast<int>(below(3)); n > 0; --n) {
      if (chance(50)) {
        alu_rr();
      } else {
        alu_imm();
      }
    }
    emit("sc.{}{} {}, {}, ({})", w, pick(kAmoOrder), reg(pick_dst()), reg(pick_src()), reg(rp));
    forbidden_ = saved;
  }

  void simple_item() {
    uint64_t k = below(100);
    if (k < 24) {
      alu_rr();
    } else if (k < 44) {
      alu_imm();
    } else if (k < 50) {
      load_imm();
    } else if (k < 63) {
      muldiv();
    } else if (k < 75) {
      load();
    } else if (k < 87) {
      store();
    } else if (k < 93) {
      amo();
    } else if (k < 97) {
      lr_sc();
    } else if (k < 98) {
      emit("{}", chance(50) ? "fence" : "fence.i");
    } else {
      emit("nop");
    }
  }

  void items_block(int depth, int max_items) {
    for (int n = 1 + static_cast<int>(below(static_cast<uint64_t>(max_items))); n > 0; --n) {
      item(depth);
    }
  }

  void forward_branch(int depth) {
    std::string target = new_label("fwd");
    if (chance(25)) {
      emit("{} {}, {}", pick(kBranchZ), reg(pick_src()), target);
    } else {
      int rs1 = pick_src();
      int rs2 = chance(10) ? rs1 : pick_src();
      emit("{} {}, {}, {}", pick(kBranch), reg(rs1), reg(rs2), target);
    }
    items_block(depth + 1, 5);
    place_label(target);
  }

  void loop(int depth) {
    int counter = pick_dst_nonzero();
    std::string head = new_label("loop");
    emit("li {}, {}", reg(counter), range(1, 6));
    place_label(head);
    uint32_t saved = forbidden_;
    forbidden_ |= 1u << counter;
    items_block(depth + 1, 6);
    forbidden_ = saved;
    emit("addi {}, {}, -1", reg(counter), reg(counter));
    switch (below(3)) {
      case 0:
        emit("bnez {}, {}", reg(counter), head);
        break;
      case 1:
        emit("blt zero, {}, {}", reg(counter), head);
        break;
      default:
        emit("bne {}, zero, {}", reg(counter), head);
        break;
    }
  }

  void call(int depth) {
    int link = chance(60) && (forbidden_ & 2u) == 0 ? 1 : pick_dst_nonzero();
    std::string fn = new_label("fn");
    std::string after = new_label("after");
    emit("jal {}, {}", reg(link), fn);
    emit("j {}", after);
    place_label(fn);
    uint32_t saved = forbidden_;
    forbidden_ |= 1u << link;
    items_block(depth + 1, 5);
    forbidden_ = saved;
    switch (below(3)) {
      case 0:
        emit("jr {}", reg(link));
        break;
      case 1:  // the link register is both the target and the destination
        emit("jalr {}, 0({})", reg(link), reg(link));
        break;
      default:
        emit("jalr {}, 0({})", reg(pick_dst()), reg(link));
        break;
    }
    place_label(after);
  }

  void jump_forward(int depth) {
    std::string target = new_label("jmp");
    if (chance(50)) {
      emit("jal {}, {}", reg(pick_dst()), target);
    } else {
      int rt = pick_dst_nonzero();
      // An odd offset makes the jalr immediate odd (ZisK transpiles it into two steps).
      int off = static_cast<int>(range(-8, 8)) * 2 + (chance(30) ? 1 : 0);
      emit("la {}, {}{:+}", reg(rt), target, off);
      emit("jalr {}, {}({})", reg(pick_dst()), -off, reg(rt));
    }
    items_block(depth + 1, 4);
    place_label(target);
  }

  void item(int depth) {
    if (depth < kMaxDepth) {
      uint64_t k = below(100);
      if (k < 5) return forward_branch(depth);
      if (k < 7) return loop(depth);
      if (k < 9) return call(depth);
      if (k < 11) return jump_forward(depth);
    }
    simple_item();
  }

  std::mt19937_64 rng_;
  GenOptions options_;
  std::string out_;
  int base_ = 8;
  uint32_t forbidden_ = 0;
  bool rvc_ = true;
  int label_ = 0;
};

}  // namespace

std::string generate_program(uint64_t seed, const GenOptions& options) {
  return Generator(seed, options).run(seed);
}

}  // namespace ziskc::difftest
