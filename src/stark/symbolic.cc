// Symbolic evaluation (rules in symbolic.h).
#include "stark/symbolic.h"

#include <algorithm>

namespace ziskc::stark {

Sym Sym::column(std::size_t slot) {
  Sym s;
  s.degree_ = 1;
  s.slots_.assign(slot / 64 + 1, 0);
  s.slots_[slot / 64] |= std::uint64_t{1} << (slot % 64);
  return s;
}

Sym Sym::combine(const Sym& a, const Sym& b, int degree) {
  Sym s;
  s.degree_ = degree;
  const std::vector<std::uint64_t>& big = a.slots_.size() >= b.slots_.size() ? a.slots_ : b.slots_;
  const std::vector<std::uint64_t>& small =
      a.slots_.size() >= b.slots_.size() ? b.slots_ : a.slots_;
  s.slots_ = big;
  for (std::size_t i = 0; i < small.size(); ++i) s.slots_[i] |= small[i];
  return s;
}

SymbolicBuilder::SymbolicBuilder(const AirInfo& info)
    : ColumnViews<Sym>(info.num_main, info.num_fixed) {
  const std::size_t total = 2 * info.num_main + 2 * info.num_fixed;
  cells_.reserve(total);
  for (std::size_t s = 0; s < total; ++s) cells_.push_back(Sym::column(s));
  // Row pointers stay valid: cells_ is never resized after this.
  main_ = cells_.data();
  main_next_ = main_ + info.num_main;
  fixed_ = main_next_ + info.num_main;
  fixed_next_ = fixed_ + info.num_fixed;
}

Sym SymbolicBuilder::public_value(std::size_t i) {
  public_read_ = std::max(public_read_, i + 1);
  return Sym::constant();
}

Sym SymbolicBuilder::instance_value(std::size_t i) {
  instance_read_ = std::max(instance_read_, i + 1);
  return Sym::constant();
}

void SymbolicBuilder::add(const char* name, ConstraintKind kind, const Expr& e) {
  const int sel = kind == ConstraintKind::kEveryRow ? 0 : 1;
  constraints_.push_back({name, kind, e.degree() + sel, e});
}

}  // namespace ziskc::stark
