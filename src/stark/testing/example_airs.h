// Example AIRs for the engine's tests and benchmark (not used by the zkVM). Each states what it
// proves; bus ids are local to the tests.
//  - FibonacciAir: (a, b) starts at public (a0, b0), steps (a, b) -> (b, a + b), ends with
//    b = public result. No bus.
//  - RangeTableAir: fixed column value = row index (0 .. 2^k - 1), witness multiplicity;
//    proves (value) on kRangeBus `mult` times: a range-check table for [0, 2^k).
//  - RangeUserAir: rows (x, y, sel) with sel boolean; assumes (x) and (y) on kRangeBus when
//    sel = 1, so a balanced bus proves x, y in the table's range; y' = x + y on transitions
//    (a constraint next to the interactions).
//  - PowerAir: fixed column c; acc starts at instance value 0, acc' = acc^2 * c + acc (degree 3),
//    ends at instance value 1: an AIR with fixed columns and instance values.
//  - ChainAir: Fibonacci segments; instance values (a_in, b_in, a_out, b_out) bound to the
//    first / last row, and a continuation bus: assumes (a_in, b_in) and proves (a_out, b_out)
//    once per instance (multiplicity is_first_row), so instances chained in order plus the
//    direct terms +start / -end balance.
#pragma once

#include <cstdint>

#include "poly/matrix.h"
#include "stark/air.h"

namespace ziskc::stark::testing {

inline constexpr std::uint32_t kRangeBus = 7;
inline constexpr std::uint32_t kChainBus = 9;

template <class T>
struct FibCols {
  T a;
  T b;
};

struct FibonacciAir {
  AirInfo info() const {
    return {.name = "fibonacci", .num_main = width_of<FibCols>(), .num_public_values = 3};
  }
  template <class B>
  void eval(B& b) const {
    const auto& cur = b.template main<FibCols>();
    const auto& nxt = b.template main_next<FibCols>();
    b.assert_zero_first("fib.a0", cur.a - b.public_value(0));
    b.assert_zero_first("fib.b0", cur.b - b.public_value(1));
    b.assert_zero_transition("fib.a_next", nxt.a - cur.b);
    b.assert_zero_transition("fib.b_next", nxt.b - (cur.a + cur.b));
    b.assert_zero_last("fib.result", cur.b - b.public_value(2));
  }
};

// Honest trace of 2^log_n rows from (a0, b0); result = trace.at(n - 1, 1).
inline poly::RowMajorMatrix fibonacci_trace(unsigned log_n, Fe a0, Fe b0) {
  auto m = poly::RowMajorMatrix::zeros(std::size_t{1} << log_n, 2);
  for (std::size_t r = 0; r < m.rows; ++r) {
    m.at(r, 0) = a0;
    m.at(r, 1) = b0;
    const Fe c = a0 + b0;
    a0 = b0;
    b0 = c;
  }
  return m;
}

template <class T>
struct RangeFixedCols {
  T value;
};
template <class T>
struct RangeCols {
  T mult;
};

struct RangeTableAir {
  unsigned log_height;
  AirInfo info() const {
    return {.name = "range_table",
            .num_main = width_of<RangeCols>(),
            .num_fixed = width_of<RangeFixedCols>()};
  }
  Result<poly::RowMajorMatrix> fixed_columns(unsigned log_n) const {
    if (log_n != log_height) {
      return make_error(ErrorCode::kUnsupported, "range_table: height 2^{} not offered", log_n);
    }
    auto m = poly::RowMajorMatrix::zeros(std::size_t{1} << log_n, 1);
    for (std::size_t r = 0; r < m.rows; ++r) m.at(r, 0) = Fe::from_u64(r);
    return m;
  }
  template <class B>
  void eval(B& b) const {
    const auto& fix = b.template fixed<RangeFixedCols>();
    const auto& cur = b.template main<RangeCols>();
    b.prove(kRangeBus, {fix.value}, cur.mult);
  }
};

template <class T>
struct RangeUserCols {
  T x;
  T y;
  T sel;
};

struct RangeUserAir {
  AirInfo info() const { return {.name = "range_user", .num_main = width_of<RangeUserCols>()}; }
  template <class B>
  void eval(B& b) const {
    const auto& cur = b.template main<RangeUserCols>();
    const auto& nxt = b.template main_next<RangeUserCols>();
    assert_bool(b, "user.sel_bool", cur.sel);
    b.assert_zero_transition("user.y_next", nxt.y - (cur.x + cur.y));
    b.assume(kRangeBus, {cur.x}, cur.sel);
    b.assume(kRangeBus, {cur.y}, cur.sel);
  }
};

template <class T>
struct PowerFixedCols {
  T c;
};
template <class T>
struct PowerCols {
  T acc;
};

struct PowerAir {
  AirInfo info() const {
    return {.name = "power",
            .num_main = width_of<PowerCols>(),
            .num_fixed = width_of<PowerFixedCols>(),
            .num_instance_values = 2};
  }
  // c = row index + 1 on every height.
  Result<poly::RowMajorMatrix> fixed_columns(unsigned log_n) const {
    auto m = poly::RowMajorMatrix::zeros(std::size_t{1} << log_n, 1);
    for (std::size_t r = 0; r < m.rows; ++r) m.at(r, 0) = Fe::from_u64(r + 1);
    return m;
  }
  template <class B>
  void eval(B& b) const {
    const auto& fix = b.template fixed<PowerFixedCols>();
    const auto& cur = b.template main<PowerCols>();
    const auto& nxt = b.template main_next<PowerCols>();
    b.assert_zero_first("power.start", cur.acc - b.instance_value(0));
    b.assert_zero_transition("power.step", nxt.acc - (cur.acc * cur.acc * fix.c + cur.acc));
    b.assert_zero_last("power.end", cur.acc - b.instance_value(1));
  }
};

inline poly::RowMajorMatrix power_trace(unsigned log_n, Fe start) {
  auto m = poly::RowMajorMatrix::zeros(std::size_t{1} << log_n, 1);
  Fe acc = start;
  for (std::size_t r = 0; r < m.rows; ++r) {
    m.at(r, 0) = acc;
    acc = acc * acc * Fe::from_u64(r + 1) + acc;
  }
  return m;
}

struct ChainAir {
  AirInfo info() const {
    return {.name = "chain", .num_main = width_of<FibCols>(), .num_instance_values = 4};
  }
  template <class B>
  void eval(B& b) const {
    const auto& cur = b.template main<FibCols>();
    const auto& nxt = b.template main_next<FibCols>();
    b.assert_zero_first("chain.a_in", cur.a - b.instance_value(0));
    b.assert_zero_first("chain.b_in", cur.b - b.instance_value(1));
    b.assert_zero_transition("chain.a_next", nxt.a - cur.b);
    b.assert_zero_transition("chain.b_next", nxt.b - (cur.a + cur.b));
    // The state after the last row: (b, a + b).
    b.assert_zero_last("chain.a_out", cur.b - b.instance_value(2));
    b.assert_zero_last("chain.b_out", cur.a + cur.b - b.instance_value(3));
    b.assume(kChainBus, {b.instance_value(0), b.instance_value(1)}, b.is_first_row());
    b.prove(kChainBus, {b.instance_value(2), b.instance_value(3)}, b.is_first_row());
  }
};

}  // namespace ziskc::stark::testing
