// Columns of the two DMA machines (docs/sm/dma.md): DmaCopy (memcpy, xmemcpy, inputcpy,
// xmemset: the ops that write) and DmaCmp (memcmp, xmemcmp). One row per 8-byte destination
// word of an operation ("dst" is a for memcmp), plus a trailing row when the last word still
// needs the next source word, or a single row for an operation with n = 0.
//
// Row kinds (one-hot, all zero on padding rows): F the first dst row of an op with n > 0, M a
// further dst row, T the trailing source row, Z the one row of an op with n = 0.
// Byte windows: dst byte j of a row is source byte j + r of the 16-byte window formed by this
// row's h and the next row's h (r: the op's window offset, latched).
// One-hot encodings store the non-zero positions only: r[k] = [r == k + 1] (r0 = sel - sum),
// od[k] = [dst offset == k + 1] (od0 = F - sum; zero on other rows); oe: the end of the bytes
// the last row covers (DmaCopy: oe[k] = [e == k + 1], e in 1..8; DmaCmp: oe[k] = [e == k],
// e in 0..8), zero on other rows.
//
// DmaAligned (memcpy, xmemcpy, xmemset with dst, src and n multiples of 8, n > 0) packs four
// whole words per row and never splits them into bytes.
//
// Invariant: only T members, so the widths are sizeof / sizeof(T).
#pragma once

namespace ziskc::sm {

// The part both machines share, first in both.
template <class T>
struct DmaRowCols {
  T f_first;  // F
  T f_more;   // M
  T f_tail;   // T
  T f_zero;   // Z
  T step;     // main step of the op (latched)
  T dw;       // word index (address / 8) of this row's dst word
  T hw;       // word index of this row's source word h
  T cnt;      // bytes from 8 dw to the end of the range (F: dst offset + n; -8 per row)
  T h[8];     // bytes of the source word at hw (memset: the fill byte; inputcpy: free input)
  T p[8];     // bytes of the dst word before the op (DmaCopy: partial words only; DmaCmp: a)
  T r[7];
  T od[7];
  T a_hi;  // high limbs of a and b as Main sends them (non-zero only when n = 0)
  T b_hi;
  T jmp;  // extra_arg of the op message (xmemcpy / xmemcmp: n; xmemset: the byte)
};

template <class T>
struct DmaCopyCols {
  DmaRowCols<T> row;
  T oe[8];
  T kx;    // xmemcpy (0xd6)
  T ki;    // inputcpy (0xd2)
  T ks;    // xmemset (0xd9); memcpy (0xd0) is sel - kx - ki - ks
  T srd;   // the row reads its source word h
  T w[2];  // limbs of the dst word after the op
};

template <class T>
struct DmaCmpCols {
  DmaRowCols<T> row;
  T oe[9];
  T kx;      // xmemcmp (0xd7); memcmp (0xd1) is sel - kx
  T neq;     // the last row holds the first difference (at byte e)
  T ng;      // the difference is negative
  T dif;     // a byte - b byte at position e of the last row (0 on other rows)
  T inv;     // 1 / dif when neq
  T c[2];    // the result (latched over the op's rows)
  T rem[2];  // neq: 16-bit chunks of the bytes of the range after the difference
};

inline constexpr unsigned kDmaAlignedSlots = 4;

template <class T>
struct DmaAlignedCols {
  T f_first;  // the first row of an op
  T f_more;   // a further row
  T last;     // the op's last row
  T kx;       // xmemcpy (0xd6)
  T ks;       // xmemset (0xd9); memcpy (0xd0) is sel - kx - ks
  T step;
  T dw;   // word index of slot 0's dst word (+4 per row)
  T hw;   // word index of slot 0's source word (memset: the op's word count)
  T cnt;  // words from slot 0 to the end of the range (first row: n / 8; -4 per row)
  T s[kDmaAlignedSlots - 1];  // slots 1..3 hold a word (slot 0 does on every op row)
  T v[kDmaAlignedSlots][2];   // limbs of each slot's word (read, then written unchanged)
  T fill;                     // memset: the byte (latched)
  T jmp;                      // extra_arg of the op message (first row)
};

}  // namespace ziskc::sm
