// The KeccakF AIR (docs/sm/keccakf.md): proves the keccakf precompile op (0xf1, CSR 0x800), one
// row per round, 24 rows per call (sm/keccakf/cols.h).
//
// Soundness contract. The machine proves (0xf1, 0, 0, addr, 0, 0, 0, 0, step, 0) on
// kOperationBus (the tuple Main assumes for `keccakf(a = 0, b = addr) -> c = 0, flag 0` with
// main_step = step and extra_arg = jmp1 = 0) only together with, on kMemoryBus,
//  - the 25 loads (kMemLoad, addr + 8i, 4 step + 3, 8, lo_i, hi_i) of the input lanes v_i
//    (slot 2, emu::kSlotOpRead), and
//  - the 25 stores (kMemStore, addr + 8i, 4 step + 4, 8, lo'_i, hi'_i) (slot 3,
//    emu::kSlotOpWrite) of w = Keccak-f[1600](v), every limb canonical (< 2^32).
// Why (docs/sm/keccakf.md "Soundness"): the round flags are forced from row 0, so the rows are
// permutations of 24 rounds starting at rows 24k; sel, step and addr are latched over one; each
// round's constraints have exactly one solution for its bit and limb columns given A (the limbs
// of A determine its bits, C is forced to be A's column parity, A' = θ(A), A'' = χ(π(ρ(A'))),
// A''' = ι(A'')); the next row's A is the round's output, so the round-23 row's output is
// Keccak-f of the round-0 row's A, which the loads pin to memory. The last row of an instance
// is never a round-23 row (2^h is not a multiple of 24), so its permutation has sel = 0.
// Assumptions: Main sends b as canonical limbs (b_hi = 0 is required here: the message's b_hi
// is the constant 0) and step < 2^40 (check_main_rows), so 4 step + 4 does not wrap; the memory
// machines prove only word addresses 8w of their regions (w range-checked, < 2^29), so addr +
// 8i, a canonical integer below 2^32 + 200, is provable only when it is such an address: addr
// is 8-aligned and the 25 words are mapped words of the memory machines. Not checked: that the
// words avoid the register file (registers are RAM words, sm/buses.h; the machine's slots 2 and
// 3 never collide with Main's slot-1 read of rs1), so a state placed over the registers is
// proven as those RAM words; whether the emulator agrees there is not relied on (a mismatch
// makes the witness unprovable, not the proof unsound).
// Padding: permutations with sel = 0 (the zero state) satisfy every constraint and send nothing.
#pragma once

#include <array>
#include <cstdint>

#include "sm/buses.h"
#include "sm/keccakf/cols.h"
#include "stark/air.h"
#include "zisk/ops.h"

namespace ziskc::sm {

inline constexpr std::uint64_t kKeccakRoundConstants[kKeccakRounds] = {
    0x0000000000000001, 0x0000000000008082, 0x800000000000808a, 0x8000000080008000,
    0x000000000000808b, 0x0000000080000001, 0x8000000080008081, 0x8000000000008009,
    0x000000000000008a, 0x0000000000000088, 0x0000000080008009, 0x000000008000000a,
    0x000000008000808b, 0x800000000000008b, 0x8000000000008089, 0x8000000000008003,
    0x8000000000008002, 0x8000000000000080, 0x000000000000800a, 0x800000008000000a,
    0x8000000080008081, 0x8000000000008080, 0x0000000080000001, 0x8000000080008008,
};
// ρ offsets r[x][y] (FIPS 202 Table 2), indexed [x][y].
inline constexpr unsigned kKeccakRho[5][5] = {{0, 36, 3, 41, 18},
                                              {1, 44, 10, 45, 2},
                                              {62, 6, 43, 15, 61},
                                              {28, 55, 25, 21, 56},
                                              {27, 20, 39, 8, 14}};

// Memory-bus slots of the machine's accesses (mem_step = 1 + 4 step + slot): the emulator's
// precompile slots (reads before writes; Main's own accesses of the step are its slot-1 read of
// the rs1 register and nothing else: the instruction has a = 0 and no store).
inline constexpr unsigned kKeccakfSlotRead = 2;
inline constexpr unsigned kKeccakfSlotWrite = 3;

namespace keccakf_detail {

// π⁻¹: B[X][Y] = rot(A'[(X + 3Y) % 5][X], r[(X + 3Y) % 5][X]); bit z of B[X][Y] is bit
// (z - r) mod 64 of that lane.
struct BSource {
  unsigned lane, shift;
};
constexpr BSource b_source(unsigned x, unsigned y) {
  const unsigned sx = (x + 3 * y) % 5, sy = x;
  return {sx + 5 * sy, kKeccakRho[sx][sy]};
}

}  // namespace keccakf_detail

struct KeccakfAir {
  stark::AirInfo info() const {
    return {.name = "keccakf", .num_main = stark::width_of<KeccakfCols>()};
  }

  template <class B>
  void eval(B& b) const {
    using E = typename B::Expr;
    using keccakf_detail::b_source;
    const auto& c = b.template main<KeccakfCols>();
    const auto& n = b.template main_next<KeccakfCols>();
    const E one = b.constant(1);
    const E zero = b.constant(0);
    const auto xor2 = [&](const E& p, const E& q) { return p + q - b.constant(2) * p * q; };
    const auto xor3 = [&](const E& p, const E& q, const E& r) {
      return p + q + r - b.constant(2) * (p * q + p * r + q * r) + b.constant(4) * p * q * r;
    };
    const auto pow2 = [&](unsigned k) { return b.constant(std::uint64_t{1} << k); };

    // Round flags: row 0 is round 0, each row the next round (cyclically), so row i is round
    // i mod 24 and every flag is 0/1 without a booleanity constraint.
    for (unsigned r = 0; r < kKeccakRounds; ++r) {
      b.assert_zero_first("keccakf.round_first", c.round[r] - (r == 0 ? one : zero));
      b.assert_zero_transition("keccakf.round_next", n.round[(r + 1) % kKeccakRounds] - c.round[r]);
    }
    const E first = c.round[0];
    const E last = c.round[kKeccakRounds - 1];
    const E not_last = one - last;
    // One call per permutation: sel, step and addr are latched from round 0 to round 23; the
    // last row of the instance (never round 23) belongs to no call.
    stark::assert_bool(b, "keccakf.sel_bool", c.sel);
    b.assert_zero_transition("keccakf.latch_sel", not_last * (n.sel - c.sel));
    b.assert_zero_transition("keccakf.latch_step", not_last * (n.step - c.step));
    b.assert_zero_transition("keccakf.latch_addr", not_last * (n.addr - c.addr));
    b.assert_zero_last("keccakf.last_row_no_call", c.sel);

    // θ. C and A' are bits; C' is C ^ C[x-1] ^ rot(C[x+1], 1) (so bits too).
    for (unsigned x = 0; x < 5; ++x) {
      for (unsigned z = 0; z < 64; ++z) {
        stark::assert_bool(b, "keccakf.c_bool", c.c[x][z]);
        b.assert_zero("keccakf.c_prime", c.c_prime[x][z] - xor3(c.c[x][z], c.c[(x + 4) % 5][z],
                                                                c.c[(x + 1) % 5][(z + 63) % 64]));
      }
    }
    for (unsigned i = 0; i < kKeccakLanes; ++i) {
      for (unsigned z = 0; z < 64; ++z)
        stark::assert_bool(b, "keccakf.a_prime_bool", c.a_prime[i][z]);
    }
    // The parity of column x of A' is C'[x] (= parity of A[x] ^ C ^ C', five times C ^ C'), which
    // forces C to be the parity of A's column: sum_y A'[x][y][z] - C'[x][z] is in {0, 2, 4}.
    for (unsigned x = 0; x < 5; ++x) {
      for (unsigned z = 0; z < 64; ++z) {
        E s = zero;
        for (unsigned y = 0; y < 5; ++y) s = s + c.a_prime[x + 5 * y][z];
        const E d = s - c.c_prime[x][z];
        b.assert_zero("keccakf.c_prime_parity", d * (d - b.constant(2)) * (d - b.constant(4)));
      }
    }
    // A's limbs are the bits A' ^ C ^ C' (so the limbs are canonical and fix the bits).
    for (unsigned i = 0; i < kKeccakLanes; ++i) {
      const unsigned x = i % 5;
      for (unsigned l = 0; l < 2; ++l) {
        E v = zero;
        for (unsigned k = 0; k < 32; ++k) {
          const unsigned z = 32 * l + k;
          v = v + pow2(k) * xor3(c.a_prime[i][z], c.c[x][z], c.c_prime[x][z]);
        }
        b.assert_zero("keccakf.a_limb", c.a[i][l] - v);
      }
    }

    // ρ, π, χ: A''[x][y] = B[x][y] ^ (~B[x+1][y] & B[x+2][y]), as limbs.
    const auto bbit = [&](unsigned x, unsigned y, unsigned z) -> E {
      const auto s = b_source(x, y);
      return c.a_prime[s.lane][(z + 64 - s.shift) % 64];
    };
    for (unsigned y = 0; y < 5; ++y) {
      for (unsigned x = 0; x < 5; ++x) {
        for (unsigned l = 0; l < 2; ++l) {
          E v = zero;
          for (unsigned k = 0; k < 32; ++k) {
            const unsigned z = 32 * l + k;
            const E andn = (one - bbit((x + 1) % 5, y, z)) * bbit((x + 2) % 5, y, z);
            v = v + pow2(k) * xor2(bbit(x, y, z), andn);
          }
          b.assert_zero("keccakf.chi_limb", c.a_pp[x + 5 * y][l] - v);
        }
      }
    }
    // ι on lane (0, 0): its bits, then A''' = A'' ^ RC[round] with RC's bits from the flags.
    for (unsigned z = 0; z < 64; ++z)
      stark::assert_bool(b, "keccakf.a_pp00_bool", c.a_pp00_bits[z]);
    for (unsigned l = 0; l < 2; ++l) {
      E bits = zero, out = zero;
      for (unsigned k = 0; k < 32; ++k) {
        const unsigned z = 32 * l + k;
        E rc = zero;
        for (unsigned r = 0; r < kKeccakRounds; ++r) {
          if ((kKeccakRoundConstants[r] >> z) & 1) rc = rc + c.round[r];
        }
        bits = bits + pow2(k) * c.a_pp00_bits[z];
        out = out + pow2(k) * xor2(c.a_pp00_bits[z], rc);
      }
      b.assert_zero("keccakf.a_pp00_bits", c.a_pp[0][l] - bits);
      b.assert_zero("keccakf.iota", c.a_ppp00[l] - out);
    }
    // The round's output is the next round's input.
    const auto output = [&](unsigned i, unsigned l) -> E {
      return i == 0 ? c.a_ppp00[l] : c.a_pp[i][l];
    };
    for (unsigned i = 0; i < kKeccakLanes; ++i) {
      for (unsigned l = 0; l < 2; ++l) {
        b.assert_zero_transition("keccakf.next_a", not_last * (n.a[i][l] - output(i, l)));
      }
    }

    // Bus: the op on round 0, the 25 input loads on round 0, the 25 output stores on round 23.
    const E m_in = c.sel * first;
    const E m_out = c.sel * last;
    const E k8 = b.constant(8);
    const E ms = b.constant(4) * c.step + one;  // mem_step of slot 0
    b.prove(kOperationBus,
            {b.constant(static_cast<std::uint64_t>(zisk::Op::kKeccak)), zero, zero, c.addr, zero,
             zero, zero, zero, c.step, zero},
            m_in);
    for (unsigned i = 0; i < kKeccakLanes; ++i) {
      b.assume(kMemoryBus,
               {b.constant(kMemLoad), c.addr + b.constant(8 * i), ms + b.constant(kKeccakfSlotRead),
                k8, c.a[i][0], c.a[i][1]},
               m_in);
    }
    for (unsigned i = 0; i < kKeccakLanes; ++i) {
      b.assume(kMemoryBus,
               {b.constant(kMemStore), c.addr + b.constant(8 * i),
                ms + b.constant(kKeccakfSlotWrite), k8, output(i, 0), output(i, 1)},
               m_out);
    }
  }
};

}  // namespace ziskc::sm
