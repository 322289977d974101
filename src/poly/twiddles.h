// Twiddle tables for the NTT kernels, cached process-wide.
//
// The forward table is T[k] = omega^bit_reverse(k) in the layout every transform size shares:
// the Cooley-Tukey (natural -> bit-reversed) transform of size n uses, at layer l (2^l blocks),
// the twiddle T[k] for block k < 2^l, so it reads only the prefix T[0 .. n/2). The prefix of
// the table does not depend on the largest size, because T[2^m + j] = T[j] * root(m + 2) with
// root(i) = Fe::two_adic_root(i); growing the table only appends. The inverse table holds
// T[k]^-1 in the same layout.
//
// Thread safety: tables are immutable once published; a caller keeps its shared_ptr while it
// transforms, so a concurrent growth (which publishes a new, longer table) cannot free it.
#pragma once

#include <cstddef>
#include <memory>
#include <vector>

#include "field/goldilocks.h"

namespace ziskc::poly {

using TwiddleTable = std::shared_ptr<const std::vector<field::Fe>>;

// A table with at least `count` entries (count <= 2^31).
TwiddleTable forward_twiddles(std::size_t count);
TwiddleTable inverse_twiddles(std::size_t count);

}  // namespace ziskc::poly
