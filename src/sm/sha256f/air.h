// The Sha256F AIR (docs/sm/sha256f.md): proves the sha256 precompile op (0xf9, CSR 0x805), one
// row per round, 64 rows per call (sm/sha256f/cols.h).
//
// Soundness contract. The machine proves (0xf9, 0, 0, addr, 0, 0, 0, 0, step, 0) on
// kOperationBus (the tuple Main assumes for `sha256(a = 0, b = addr) -> c = 0, flag 0` with
// main_step = step and extra_arg = jmp1 = 0) only together with, on kMemoryBus, at
// mem_step 4 step + 3 (slot 2, emu::kSlotOpRead):
//  - the loads (kMemLoad, addr, .., 8, sp, 0) and (kMemLoad, addr + 8, .., 8, ip, 0) of the
//    parameter block [state*, input*],
//  - the 4 loads (kMemLoad, sp + 8j, .., 8, H_2j, H_2j+1) of the state and the 8 loads
//    (kMemLoad, ip + 8j, .., 8, lo_j, hi_j) of the 64-byte block (lo_j, hi_j little-endian u32
//    of bytes 8j..8j+3 and 8j+4..8j+7, so W_2j = bswap32(lo_j), W_2j+1 = bswap32(hi_j)),
// and at mem_step 4 step + 4 (slot 3, emu::kSlotOpWrite) the 4 stores (kMemStore, sp + 8j, ..,
// 8, H'_2j, H'_2j+1) of H' = SHA-256 compression of (H, W), every limb canonical (< 2^32).
// Why (docs/sm/sha256f.md "Soundness"): the round flags are forced from row 0, so the rows are
// calls of 64 rounds starting at rows 64k (an instance holds whole calls: 2^h, h >= 6); sel,
// step, the addresses and h_in are latched over a call; every bit column is boolean, so each
// limb is canonical and each sum mod 2^32 with its carry bits has one solution; row 0's a[1..4],
// e[1..4] are h_in and its window is the loaded block; each row's a[0], e[0] are round t of
// FIPS 180-4 on a[1..4], e[1..4], K_t (selected by the flags) and W_t = w[0]; the shift
// registers and the window carry them to the next row; round 63's out is h_in + the final
// working variables. Assumptions: Main sends b as canonical limbs (b_hi = 0 is required here)
// and step < 2^40, so 4 step + 4 does not wrap; the memory machines prove only word addresses
// 8w of their regions with canonical value limbs, so sp and ip are canonical and sp + 8j,
// ip + 8j are provable only as 8-aligned mapped words (a pointer with a non-zero high limb is
// unprovable: the message's hi is the constant 0). The 14 loads of one call share a mem_step,
// so they must be 14 distinct words (RAM proves each (word, mem_step) once): the witness side
// refuses overlapping blocks (sha256f.h). Registers are RAM words, as for KeccakF.
// Padding: calls with sel = 0 (the zero state and block) satisfy every constraint and send
// nothing.
#pragma once

#include <cstdint>

#include "sm/buses.h"
#include "sm/sha256f/cols.h"
#include "stark/air.h"
#include "zisk/ops.h"

namespace ziskc::sm {

inline constexpr std::uint32_t kSha256K[kSha256Rounds] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

// Memory-bus slots of the machine's accesses (mem_step = 1 + 4 step + slot), the emulator's
// precompile slots: every read (block, state, input) at slot 2, the state's writes at slot 3.
inline constexpr unsigned kSha256fSlotRead = 2;
inline constexpr unsigned kSha256fSlotWrite = 3;

struct Sha256fAir {
  stark::AirInfo info() const {
    return {.name = "sha256f", .num_main = stark::width_of<Sha256fCols>()};
  }

  template <class B>
  void eval(B& b) const {
    using E = typename B::Expr;
    const auto& c = b.template main<Sha256fCols>();
    const auto& n = b.template main_next<Sha256fCols>();
    const E one = b.constant(1);
    const E zero = b.constant(0);
    const E two = b.constant(2);
    const E p32 = b.constant(std::uint64_t{1} << 32);
    const auto pow2 = [&](unsigned k) { return b.constant(std::uint64_t{1} << k); };
    const auto xor2 = [&](const E& p, const E& q) { return p + q - two * p * q; };
    const auto xor3 = [&](const E& p, const E& q, const E& r) {
      return p + q + r - two * (p * q + p * r + q * r) + b.constant(4) * p * q * r;
    };
    const auto limb = [&](const auto& bits) {
      E v = zero;
      for (unsigned j = 0; j < 32; ++j) v = v + pow2(j) * bits[j];
      return v;
    };
    // The little-endian u32 of a big-endian word's bytes: W bit j is bit 8 (3 - j/8) + j%8.
    const auto bswap_limb = [&](const auto& bits) {
      E v = zero;
      for (unsigned j = 0; j < 32; ++j) v = v + pow2(8 * (3 - j / 8) + j % 8) * bits[j];
      return v;
    };
    // rotr(x, r1) ^ rotr(x, r2) ^ (rotr or shr)(x, r3), as a limb.
    const auto sigma = [&](const auto& x, unsigned r1, unsigned r2, unsigned r3, bool shr) {
      E v = zero;
      for (unsigned j = 0; j < 32; ++j) {
        const E p = x[(j + r1) % 32], q = x[(j + r2) % 32];
        E bit = zero;
        if (!shr) {
          bit = xor3(p, q, x[(j + r3) % 32]);
        } else if (j + r3 < 32) {
          bit = xor3(p, q, x[j + r3]);
        } else {
          bit = xor2(p, q);
        }
        v = v + pow2(j) * bit;
      }
      return v;
    };

    // Round flags: row 0 is round 0, each row the next round (cyclically), so row i is round
    // i mod 64 and every flag is 0/1 without a booleanity constraint.
    for (unsigned r = 0; r < kSha256Rounds; ++r) {
      b.assert_zero_first("sha256f.round_first", c.round[r] - (r == 0 ? one : zero));
      b.assert_zero_transition("sha256f.round_next", n.round[(r + 1) % kSha256Rounds] - c.round[r]);
    }
    const E first = c.round[0];
    const E last = c.round[kSha256Rounds - 1];
    const E not_last = one - last;

    // One call per 64 rows: sel, step, the addresses and the input state are latched.
    stark::assert_bool(b, "sha256f.sel_bool", c.sel);
    b.assert_zero_transition("sha256f.latch_sel", not_last * (n.sel - c.sel));
    b.assert_zero_transition("sha256f.latch_step", not_last * (n.step - c.step));
    b.assert_zero_transition("sha256f.latch_addr", not_last * (n.addr - c.addr));
    b.assert_zero_transition("sha256f.latch_state_ptr", not_last * (n.state_ptr - c.state_ptr));
    b.assert_zero_transition("sha256f.latch_input_ptr", not_last * (n.input_ptr - c.input_ptr));
    for (unsigned i = 0; i < 8; ++i) {
      b.assert_zero_transition("sha256f.latch_h_in", not_last * (n.h_in[i] - c.h_in[i]));
    }
    // Round 0 starts from the input state: (a, b, c, d) = H_0..H_3, (e, f, g, h) = H_4..H_7.
    for (unsigned k = 0; k < 4; ++k) {
      b.assert_zero("sha256f.h_in_a", first * (c.h_in[k] - limb(c.a[k + 1])));
      b.assert_zero("sha256f.h_in_e", first * (c.h_in[4 + k] - limb(c.e[k + 1])));
    }

    // Every bit column is boolean (so every limb composed from bits is canonical).
    for (unsigned i = 0; i < 16; ++i) {
      for (unsigned j = 0; j < 32; ++j) stark::assert_bool(b, "sha256f.w_bool", c.w[i][j]);
    }
    for (unsigned k = 0; k < 5; ++k) {
      for (unsigned j = 0; j < 32; ++j) {
        stark::assert_bool(b, "sha256f.a_bool", c.a[k][j]);
        stark::assert_bool(b, "sha256f.e_bool", c.e[k][j]);
      }
    }
    for (unsigned i = 0; i < 8; ++i) {
      for (unsigned j = 0; j < 32; ++j) stark::assert_bool(b, "sha256f.out_bool", c.out[i][j]);
      stark::assert_bool(b, "sha256f.out_carry_bool", c.out_carry[i]);
    }
    for (unsigned k = 0; k < 2; ++k) stark::assert_bool(b, "sha256f.w_carry_bool", c.w_carry[k]);
    for (unsigned k = 0; k < 3; ++k) {
      stark::assert_bool(b, "sha256f.a_carry_bool", c.a_carry[k]);
      stark::assert_bool(b, "sha256f.e_carry_bool", c.e_carry[k]);
    }

    // The round (every row): T1 = h + Σ1(e) + Ch(e, f, g) + K_t + W_t, T2 = Σ0(a) + Maj(a, b, c),
    // new e = d + T1, new a = T1 + T2 (mod 2^32: the sums are below 7 * 2^32, far from p).
    b.assert_zero("sha256f.big_sig1", c.big_sig1 - sigma(c.e[1], 6, 11, 25, false));
    b.assert_zero("sha256f.big_sig0", c.big_sig0 - sigma(c.a[1], 2, 13, 22, false));
    {
      E ch = zero, maj = zero;
      for (unsigned j = 0; j < 32; ++j) {
        const E& e = c.e[1][j];
        ch = ch + pow2(j) * (e * c.e[2][j] + (one - e) * c.e[3][j]);
        const E &x = c.a[1][j], &y = c.a[2][j], &z = c.a[3][j];
        maj = maj + pow2(j) * (x * y + x * z + y * z - two * x * y * z);
      }
      b.assert_zero("sha256f.ch", c.ch - ch);
      b.assert_zero("sha256f.maj", c.maj - maj);
    }
    E k_t = zero;
    for (unsigned r = 0; r < kSha256Rounds; ++r) k_t = k_t + b.constant(kSha256K[r]) * c.round[r];
    const E t1 = limb(c.e[4]) + c.big_sig1 + c.ch + k_t + limb(c.w[0]);
    const auto carry3 = [&](const auto& cb) { return cb[0] + two * cb[1] + b.constant(4) * cb[2]; };
    b.assert_zero("sha256f.new_e", limb(c.e[0]) + p32 * carry3(c.e_carry) - (limb(c.a[4]) + t1));
    b.assert_zero("sha256f.new_a",
                  limb(c.a[0]) + p32 * carry3(c.a_carry) - (t1 + c.big_sig0 + c.maj));
    // The schedule's σ limbs (every row).
    b.assert_zero("sha256f.sig0", c.sig0 - sigma(c.w[1], 7, 18, 3, true));
    b.assert_zero("sha256f.sig1", c.sig1 - sigma(c.w[14], 17, 19, 10, true));

    // To the next round: the shift registers, the window and W_(t+16).
    for (unsigned k = 0; k < 4; ++k) {
      for (unsigned j = 0; j < 32; ++j) {
        b.assert_zero_transition("sha256f.shift_a", not_last * (n.a[k + 1][j] - c.a[k][j]));
        b.assert_zero_transition("sha256f.shift_e", not_last * (n.e[k + 1][j] - c.e[k][j]));
      }
    }
    for (unsigned i = 0; i < 15; ++i) {
      for (unsigned j = 0; j < 32; ++j) {
        b.assert_zero_transition("sha256f.shift_w", not_last * (n.w[i][j] - c.w[i + 1][j]));
      }
    }
    b.assert_zero_transition("sha256f.schedule",
                             not_last * (limb(n.w[15]) + p32 * (c.w_carry[0] + two * c.w_carry[1]) -
                                         (c.sig1 + limb(c.w[9]) + c.sig0 + limb(c.w[0]))));

    // Round 63: out_i = H_i + (a', b', c', d', e', f', g', h')_i mod 2^32, the working variables
    // after the round being a[0..3], e[0..3].
    for (unsigned i = 0; i < 8; ++i) {
      const E x = i < 4 ? limb(c.a[i]) : limb(c.e[i - 4]);
      b.assert_zero("sha256f.out",
                    last * (limb(c.out[i]) + p32 * c.out_carry[i] - (c.h_in[i] + x)));
    }

    // Bus: the op, the 14 loads on round 0, the 4 stores on round 63.
    const E m_in = c.sel * first;
    const E m_out = c.sel * last;
    const E k8 = b.constant(8);
    const E ms = b.constant(4) * c.step + one;  // mem_step of slot 0
    const E ms_read = ms + b.constant(kSha256fSlotRead);
    const E ms_write = ms + b.constant(kSha256fSlotWrite);
    const E load = b.constant(kMemLoad);
    b.prove(kOperationBus,
            {b.constant(static_cast<std::uint64_t>(zisk::Op::kSha256)), zero, zero, c.addr, zero,
             zero, zero, zero, c.step, zero},
            m_in);
    b.assume(kMemoryBus, {load, c.addr, ms_read, k8, c.state_ptr, zero}, m_in);
    b.assume(kMemoryBus, {load, c.addr + k8, ms_read, k8, c.input_ptr, zero}, m_in);
    for (unsigned j = 0; j < kSha256StateWords; ++j) {
      b.assume(
          kMemoryBus,
          {load, c.state_ptr + b.constant(8 * j), ms_read, k8, c.h_in[2 * j], c.h_in[2 * j + 1]},
          m_in);
    }
    for (unsigned j = 0; j < kSha256InputWords; ++j) {
      b.assume(kMemoryBus,
               {load, c.input_ptr + b.constant(8 * j), ms_read, k8, bswap_limb(c.w[2 * j]),
                bswap_limb(c.w[2 * j + 1])},
               m_in);
    }
    for (unsigned j = 0; j < kSha256StateWords; ++j) {
      b.assume(kMemoryBus,
               {b.constant(kMemStore), c.state_ptr + b.constant(8 * j), ms_write, k8,
                limb(c.out[2 * j]), limb(c.out[2 * j + 1])},
               m_out);
    }
  }
};

}  // namespace ziskc::sm
