// Tests of the AIR API: symbolic analysis (degrees, logUp layout, column use, degree bound),
// the row checker (honest traces pass; one mutated cell per column is found at the right row
// and constraint) and the bus debugger.
#include "stark/air.h"

#include <gtest/gtest.h>

#include <random>

#include "stark/row_checker.h"
#include "stark/shape.h"
#include "stark/testing/example_airs.h"

namespace ziskc::stark {
namespace {

using testing::ChainAir;
using testing::FibonacciAir;
using testing::PowerAir;
using testing::RangeTableAir;
using testing::RangeUserAir;

template <class T>
struct Deg4Cols {
  T x;
};
struct Degree4Air {
  AirInfo info() const { return {.name = "deg4", .num_main = 1}; }
  template <class B>
  void eval(B& b) const {
    const auto& c = b.template main<Deg4Cols>();
    b.assert_zero("deg4.x4", c.x * c.x * c.x * c.x - c.x);
  }
};
struct Degree3TransitionAir {  // degree 3 expression + selector = 4
  AirInfo info() const { return {.name = "deg3t", .num_main = 1}; }
  template <class B>
  void eval(B& b) const {
    const auto& c = b.template main<Deg4Cols>();
    b.assert_zero_transition("deg3t.cube", c.x * c.x * c.x);
  }
};
struct BadPublicAir {
  AirInfo info() const { return {.name = "badpub", .num_main = 1, .num_public_values = 1}; }
  template <class B>
  void eval(B& b) const {
    const auto& c = b.template main<Deg4Cols>();
    b.assert_zero("badpub", c.x - b.public_value(1));
  }
};

TEST(SymbolicTest, FibonacciDegreesAndUse) {
  auto air = make_air<FibonacciAir>();
  auto shape = analyze_air(*air, 3);
  ASSERT_TRUE(shape.is_ok()) << shape.status().message();
  ASSERT_EQ(shape->constraints.size(), 5u);
  EXPECT_EQ(shape->constraints[0].name, "fib.a0");
  EXPECT_EQ(shape->constraints[0].kind, ConstraintKind::kFirstRow);
  for (const auto& c : shape->constraints) EXPECT_EQ(c.degree, 2) << c.name;
  EXPECT_EQ(shape->max_degree, 2);
  EXPECT_EQ(shape->num_quotient_chunks, 1u);
  EXPECT_FALSE(shape->has_stage2());
  // a and b are read on this row and (by the transitions) on the next.
  EXPECT_EQ(shape->main_use, (std::vector<std::uint8_t>{3, 3}));
}

TEST(SymbolicTest, LogupPairsInteractionsWhenDegreeAllows) {
  auto user = analyze_air(*make_air<RangeUserAir>(), 3);
  ASSERT_TRUE(user.is_ok()) << user.status().message();
  ASSERT_EQ(user->interactions.size(), 2u);
  EXPECT_FALSE(user->interactions[0].prove);
  EXPECT_EQ(user->interactions[0].tuple_degree, 1);
  EXPECT_EQ(user->interactions[0].multiplicity_degree, 1);
  // h*f1*f2 - (m1 f2 + m2 f1): degree 3, one helper column.
  ASSERT_EQ(user->logup_columns.size(), 1u);
  EXPECT_EQ(user->logup_columns[0].second, 1u);
  EXPECT_EQ(user->logup_columns[0].degree, 3);
  EXPECT_EQ(user->num_stage2_ext(), 2u);
  EXPECT_EQ(user->num_stage2_cols(), 6u);
  EXPECT_EQ(user->num_constraints_total(), 2u + 1u + 3u);
  EXPECT_EQ(user->num_quotient_chunks, 2u);
  // With max degree 2 the pair does not fit: one column per interaction (degree 2 each).
  auto user2 = analyze_air(*make_air<RangeUserAir>(), 2);
  ASSERT_TRUE(user2.is_ok()) << user2.status().message();
  EXPECT_EQ(user2->logup_columns.size(), 2u);
  EXPECT_EQ(user2->max_degree, 2);

  auto table = analyze_air(*make_air<RangeTableAir>(4), 3);
  ASSERT_TRUE(table.is_ok());
  EXPECT_EQ(table->fixed_use, (std::vector<std::uint8_t>{1}));
  EXPECT_EQ(table->main_use, (std::vector<std::uint8_t>{1}));
}

TEST(SymbolicTest, DegreeAboveBoundIsRejectedWithItsName) {
  auto s = analyze_air(*make_air<Degree4Air>(), 3);
  ASSERT_FALSE(s.is_ok());
  EXPECT_EQ(s.status().code(), ErrorCode::kInvalidArgument);
  EXPECT_NE(s.status().message().find("'deg4.x4'"), std::string::npos) << s.status().message();
  EXPECT_NE(s.status().message().find("degree 4 > 3"), std::string::npos);
  // The selector counts: a degree-3 transition expression is degree 4.
  auto t = analyze_air(*make_air<Degree3TransitionAir>(), 3);
  ASSERT_FALSE(t.is_ok());
  EXPECT_NE(t.status().message().find("degree 4"), std::string::npos);
  // Blowup 4 allows degree 5.
  EXPECT_TRUE(analyze_air(*make_air<Degree4Air>(), 5).is_ok());
  // PowerAir's step is acc^2 * c (degree 3) on transitions: degree 4 with the selector.
  auto p = analyze_air(*make_air<PowerAir>(), 5);
  ASSERT_TRUE(p.is_ok());
  EXPECT_EQ(p->max_degree, 4);
  EXPECT_FALSE(analyze_air(*make_air<PowerAir>(), 3).is_ok());
}

TEST(SymbolicTest, ReadingUndeclaredPublicValueIsRejected) {
  auto s = analyze_air(*make_air<BadPublicAir>(), 3);
  ASSERT_FALSE(s.is_ok());
  EXPECT_NE(s.status().message().find("public value 1"), std::string::npos);
}

std::vector<Fe> fib_publics(const poly::RowMajorMatrix& t) {
  return {t.at(0, 0), t.at(0, 1), t.at(t.rows - 1, 1)};
}

TEST(RowCheckerTest, HonestFibonacciPasses) {
  auto air = make_air<FibonacciAir>();
  auto t = testing::fibonacci_trace(5, Fe::from_u64(1), Fe::from_u64(1));
  auto pub = fib_publics(t);
  EXPECT_TRUE(check_constraints(*air, 0, t, nullptr, pub, {}).is_ok());
  // Fibonacci(33) = 3524578 with F(1) = F(2) = 1: b on row 31 is F(33).
  EXPECT_EQ(t.at(31, 1).value(), 3524578u);
}

TEST(RowCheckerTest, EveryMutatedCellIsFoundAtItsRow) {
  auto air = make_air<FibonacciAir>();
  const auto honest = testing::fibonacci_trace(4, Fe::from_u64(2), Fe::from_u64(5));
  const auto pub = fib_publics(honest);
  for (std::size_t r = 0; r < honest.rows; ++r) {
    for (std::size_t c = 0; c < honest.cols; ++c) {
      auto t = honest;
      t.at(r, c) += Fe::one();
      auto f = find_constraint_failure(*air, 3, t, nullptr, pub, {});
      ASSERT_TRUE(f.is_ok());
      ASSERT_TRUE(f->has_value()) << "row " << r << " col " << c;
      const ConstraintFailure& cf = **f;
      EXPECT_EQ(cf.air, "fibonacci");
      EXPECT_EQ(cf.instance, 3u);
      // The cell is read on its own row (first/last/transition from it) or, through the
      // transition of the previous row, one row earlier.
      EXPECT_TRUE(cf.row == r || cf.row + 1 == r) << cf.to_string();
      EXPECT_EQ(cf.value, Fe::one()) << cf.to_string();
    }
  }
  auto t = honest;
  t.at(7, 1) += Fe::one();
  auto st = check_constraints(*air, 0, t, nullptr, pub, {});
  EXPECT_EQ(st.code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(st.message(),
            "air 'fibonacci' instance 0: constraint 'fib.b_next' (transition) fails at row 6 "
            "(value 1)");
}

TEST(RowCheckerTest, ShapeErrors) {
  auto air = make_air<FibonacciAir>();
  auto t = testing::fibonacci_trace(3, Fe::one(), Fe::one());
  auto pub = fib_publics(t);
  auto bad = poly::RowMajorMatrix::zeros(6, 2);
  EXPECT_EQ(check_constraints(*air, 0, bad, nullptr, pub, {}).code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(check_constraints(*air, 0, t, nullptr, std::span<const Fe>(pub).first(2), {}).code(),
            ErrorCode::kInvalidArgument);
  auto table = make_air<RangeTableAir>(3);
  auto m = poly::RowMajorMatrix::zeros(8, 1);
  EXPECT_EQ(check_constraints(*table, 0, m, nullptr, {}, {}).code(), ErrorCode::kInvalidArgument);
}

TEST(RowCheckerTest, FixedColumnsAndInstanceValues) {
  auto air = make_air<PowerAir>();
  auto fixed = air->fixed_columns(3);
  ASSERT_TRUE(fixed.is_ok());
  auto t = testing::power_trace(3, Fe::from_u64(3));
  std::vector<Fe> iv = {t.at(0, 0), t.at(7, 0)};
  EXPECT_TRUE(check_constraints(*air, 0, t, &*fixed, {}, iv).is_ok());
  fixed->at(2, 0) += Fe::one();
  auto st = check_constraints(*air, 0, t, &*fixed, {}, iv);
  EXPECT_NE(st.message().find("'power.step' (transition) fails at row 2"), std::string::npos)
      << st.message();
}

// Range user rows (x, y, sel) and the table multiplicities that balance them.
struct RangeWitness {
  poly::RowMajorMatrix user, table;
};
RangeWitness range_witness(unsigned log_user, unsigned log_table, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  RangeWitness w{poly::RowMajorMatrix::zeros(std::size_t{1} << log_user, 3),
                 poly::RowMajorMatrix::zeros(std::size_t{1} << log_table, 1)};
  const std::uint64_t range = std::uint64_t{1} << log_table;
  // y' = x + y: choose x so that y stays in range where sel = 1.
  std::uint64_t y = rng() % range;
  for (std::size_t r = 0; r < w.user.rows; ++r) {
    const bool sel = (rng() % 4) != 0;
    std::uint64_t x = rng() % (range - y);
    if (r + 1 == w.user.rows) x = rng() % range;
    w.user.at(r, 0) = Fe::from_u64(x);
    w.user.at(r, 1) = Fe::from_u64(y);
    w.user.at(r, 2) = sel ? Fe::one() : Fe::zero();
    if (sel) {
      w.table.at(x, 0) += Fe::one();
      w.table.at(y, 0) += Fe::one();
    }
    y = x + y;
  }
  return w;
}

TEST(BusDebuggerTest, BalancedAndUnbalanced) {
  auto user = make_air<RangeUserAir>();
  auto table = make_air<RangeTableAir>(4);
  auto fixed = table->fixed_columns(4);
  ASSERT_TRUE(fixed.is_ok());
  auto w = range_witness(4, 4, 17);
  ASSERT_TRUE(check_constraints(*user, 0, w.user, nullptr, {}, {}).is_ok());
  {
    BusDebugger d;
    ASSERT_TRUE(d.add_instance(*user, 0, w.user, nullptr, {}, {}).is_ok());
    ASSERT_TRUE(d.add_instance(*table, 0, w.table, &*fixed, {}, {}).is_ok());
    EXPECT_TRUE(d.unbalanced().empty()) << d.report();
    EXPECT_EQ(d.report(), "all buses balanced");
  }
  // One more copy of value 3 in the table: (bus 7, (3)) has net +1, proved by row 3.
  w.table.at(3, 0) += Fe::one();
  BusDebugger d;
  ASSERT_TRUE(d.add_instance(*user, 0, w.user, nullptr, {}, {}).is_ok());
  ASSERT_TRUE(d.add_instance(*table, 0, w.table, &*fixed, {}, {}).is_ok());
  auto u = d.unbalanced();
  ASSERT_EQ(u.size(), 1u) << d.report();
  EXPECT_EQ(u[0].bus, testing::kRangeBus);
  EXPECT_EQ(u[0].tuple, std::vector<Fe>{Fe::from_u64(3)});
  EXPECT_EQ(u[0].net, Fe::one());
  bool table_row3 = false;
  for (const auto& s : u[0].sources) table_row3 |= s.air == "range_table" && s.row == 3;
  EXPECT_TRUE(table_row3) << d.report();
  // A direct term assuming it restores the balance.
  d.add_direct({testing::kRangeBus, {Fe::from_u64(3)}, -Fe::one()});
  EXPECT_TRUE(d.unbalanced().empty()) << d.report();
}

// The fingerprint zero-pads shorter tuples, so tuples that differ only in trailing zeros are one
// message to the debugger too (an 8-element operation tuple against a 10-element one).
TEST(BusDebuggerTest, TrailingZerosDoNotChangeAMessage) {
  BusDebugger d;
  const Fe x = Fe::from_u64(5);
  d.add_direct({3, {x, Fe::zero(), x, Fe::zero(), Fe::zero()}, -Fe::one()});
  d.add_direct({3, {x, Fe::zero(), x}, Fe::one()});
  EXPECT_TRUE(d.unbalanced().empty()) << d.report();
  d.add_direct({3, {x, x}, Fe::one()});
  d.add_direct({3, {Fe::zero()}, Fe::one()});
  auto u = d.unbalanced();
  ASSERT_EQ(u.size(), 2u) << d.report();
  EXPECT_EQ(u[0].tuple, std::vector<Fe>{Fe::zero()});  // shown as added
  EXPECT_EQ(u[1].tuple, (std::vector<Fe>{x, x}));
}

TEST(BusDebuggerTest, ChainOfInstancesWithDirectEnds) {
  auto air = make_air<ChainAir>();
  BusDebugger d;
  Fe a = Fe::from_u64(0), b = Fe::from_u64(1);
  d.add_direct({testing::kChainBus, {a, b}, Fe::one()});
  for (int i = 0; i < 3; ++i) {
    auto t = testing::fibonacci_trace(3, a, b);
    std::vector<Fe> iv = {a, b, t.at(7, 1), t.at(7, 0) + t.at(7, 1)};
    ASSERT_TRUE(check_constraints(*air, i, t, nullptr, {}, iv).is_ok());
    ASSERT_TRUE(d.add_instance(*air, i, t, nullptr, {}, iv).is_ok());
    a = iv[2];
    b = iv[3];
  }
  EXPECT_FALSE(d.unbalanced().empty());
  d.add_direct({testing::kChainBus, {a, b}, -Fe::one()});
  EXPECT_TRUE(d.unbalanced().empty()) << d.report();
}

}  // namespace
}  // namespace ziskc::stark
