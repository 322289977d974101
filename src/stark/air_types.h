// Basic AIR vocabulary shared by the AIR API (stark/air.h) and every builder: constraint kinds,
// AIR widths and the column-view helper that turns a row of values into a Cols<T> struct.
//
// Invariant: a Cols<T> struct holds only T members (arrays allowed), so it is laid out as
// width_of<Cols>() consecutive T; views require width_of<Cols>() <= the row width.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>

#include "base/check.h"
#include "stark/config.h"

namespace ziskc::stark {

enum class ConstraintKind : std::uint8_t { kEveryRow = 0, kFirstRow, kLastRow, kTransition };
const char* constraint_kind_name(ConstraintKind k);

// Number of columns of a Cols<T> struct.
template <template <class> class C>
constexpr std::size_t width_of() {
  static_assert(sizeof(C<Fe>) % sizeof(Fe) == 0, "column structs hold only T members");
  return sizeof(C<Fe>) / sizeof(Fe);
}

struct AirInfo {
  std::string name;
  std::size_t num_main = 0;             // stage-1 witness columns
  std::size_t num_fixed = 0;            // preprocessed columns (committed at setup)
  std::size_t num_public_values = 0;    // global public values read (indices below this)
  std::size_t num_instance_values = 0;  // per-instance values (segment index, boundaries, ...)
};

// The column views every builder offers (rows are set by the builder).
template <class V>
class ColumnViews {
 public:
  template <template <class> class C>
  const C<V>& main() const {
    return view<C>(main_, num_main_);
  }
  template <template <class> class C>
  const C<V>& main_next() const {
    return view<C>(main_next_, num_main_);
  }
  template <template <class> class C>
  const C<V>& fixed() const {
    return view<C>(fixed_, num_fixed_);
  }
  template <template <class> class C>
  const C<V>& fixed_next() const {
    return view<C>(fixed_next_, num_fixed_);
  }
  std::span<const V> main_row() const { return {main_, num_main_}; }
  std::span<const V> main_next_row() const { return {main_next_, num_main_}; }
  std::span<const V> fixed_row() const { return {fixed_, num_fixed_}; }
  std::span<const V> fixed_next_row() const { return {fixed_next_, num_fixed_}; }

 protected:
  ColumnViews(std::size_t num_main, std::size_t num_fixed)
      : num_main_(num_main), num_fixed_(num_fixed) {}
  template <template <class> class C>
  static const C<V>& view(const V* row, std::size_t width) {
    static_assert(sizeof(C<V>) % sizeof(V) == 0, "column structs hold only T members");
    ZISKC_CHECK(sizeof(C<V>) / sizeof(V) <= width, "column view wider than the AIR's columns");
    return *reinterpret_cast<const C<V>*>(row);
  }
  const V* main_ = nullptr;
  const V* main_next_ = nullptr;
  const V* fixed_ = nullptr;
  const V* fixed_next_ = nullptr;
  std::size_t num_main_ = 0;
  std::size_t num_fixed_ = 0;
};

}  // namespace ziskc::stark
