// Row checker and bus debugger (contracts in row_checker.h).
#include "stark/row_checker.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <bit>
#include <mutex>

#include "base/parallel.h"

namespace ziskc::stark {
namespace {

Status check_shapes(const Air& air, const poly::RowMajorMatrix& main,
                    const poly::RowMajorMatrix* fixed, std::span<const Fe> public_values,
                    std::span<const Fe> instance_values) {
  const AirInfo& info = air.info();
  const std::size_t n = main.rows;
  if (n == 0 || (n & (n - 1)) != 0) {
    return make_error(ErrorCode::kInvalidArgument, "air '{}': trace height {} is not a power of 2",
                      info.name, n);
  }
  if (main.cols != info.num_main || main.values.size() != n * main.cols) {
    return make_error(ErrorCode::kInvalidArgument, "air '{}': trace has {} columns, expected {}",
                      info.name, main.cols, info.num_main);
  }
  if (info.num_fixed > 0) {
    if (fixed == nullptr || fixed->rows != n || fixed->cols != info.num_fixed ||
        fixed->values.size() != n * info.num_fixed) {
      return make_error(ErrorCode::kInvalidArgument, "air '{}': fixed columns must be {} x {}",
                        info.name, n, info.num_fixed);
    }
  }
  if (public_values.size() < info.num_public_values) {
    return make_error(ErrorCode::kInvalidArgument, "air '{}': needs {} public values, got {}",
                      info.name, info.num_public_values, public_values.size());
  }
  if (instance_values.size() != info.num_instance_values) {
    return make_error(ErrorCode::kInvalidArgument, "air '{}': needs {} instance values, got {}",
                      info.name, info.num_instance_values, instance_values.size());
  }
  return Status::ok();
}

void set_row(RowBuilder& b, std::size_t r, const poly::RowMajorMatrix& main,
             const poly::RowMajorMatrix* fixed, std::size_t num_fixed) {
  const std::size_t n = main.rows;
  const std::size_t next = (r + 1) & (n - 1);
  const Fe* f = num_fixed > 0 ? fixed->values.data() : nullptr;
  b.set_row(r, main.values.data() + r * main.cols, main.values.data() + next * main.cols,
            f ? f + r * num_fixed : nullptr, f ? f + next * num_fixed : nullptr);
}

}  // namespace

std::string signed_fe(Fe v) {
  if (v.value() > Fe::kP / 2) return fmt::format("-{}", Fe::kP - v.value());
  return fmt::format("{}", v.value());
}

std::string ConstraintFailure::to_string() const {
  return fmt::format("air '{}' instance {}: constraint '{}' ({}) fails at row {} (value {})", air,
                     instance, constraint, constraint_kind_name(kind), row, signed_fe(value));
}

Result<std::optional<ConstraintFailure>> find_constraint_failure(
    const Air& air, std::size_t instance, const poly::RowMajorMatrix& main,
    const poly::RowMajorMatrix* fixed, std::span<const Fe> public_values,
    std::span<const Fe> instance_values) {
  ZISKC_RETURN_IF_ERROR(check_shapes(air, main, fixed, public_values, instance_values));
  const AirInfo& info = air.info();
  const std::size_t n = main.rows;
  std::mutex mu;
  std::optional<RowFailure> first;
  base::parallel_for_chunks(0, n, 1024, [&](std::size_t lo, std::size_t hi) {
    RowBuilder b(info, n, public_values, instance_values);
    b.set_generator(Fe::two_adic_root(static_cast<unsigned>(std::countr_zero(n))));
    for (std::size_t r = lo; r < hi; ++r) {
      set_row(b, r, main, fixed, info.num_fixed);
      air.eval(b);
      if (b.failure()) break;
    }
    if (b.failure()) {
      std::lock_guard<std::mutex> lock(mu);
      if (!first || b.failure()->row < first->row) first = b.failure();
    }
  });
  if (!first) return std::optional<ConstraintFailure>();
  return std::optional<ConstraintFailure>(
      ConstraintFailure{info.name, instance, first->name, first->kind, first->row, first->value});
}

Status check_constraints(const Air& air, std::size_t instance, const poly::RowMajorMatrix& main,
                         const poly::RowMajorMatrix* fixed, std::span<const Fe> public_values,
                         std::span<const Fe> instance_values) {
  ZISKC_ASSIGN_OR_RETURN(auto failure, find_constraint_failure(air, instance, main, fixed,
                                                               public_values, instance_values));
  if (failure) return Status(ErrorCode::kInvalidArgument, failure->to_string());
  return Status::ok();
}

void BusDebugger::add(std::uint32_t bus, std::span<const Fe> tuple, Fe m, Source src) {
  // Trailing zeros do not change a fingerprint (shorter tuples are zero-padded), so they do not
  // change the message: (op, a, b, c, flag) and (op, a, b, c, flag, 0, 0) are one message.
  std::size_t len = tuple.size();
  while (len > 0 && tuple[len - 1].is_zero()) --len;
  std::vector<std::uint64_t> key(len);
  for (std::size_t j = 0; j < len; ++j) key[j] = tuple[j].value();
  Entry& e = messages_[{bus, std::move(key)}];
  if (e.num_sources == 0) e.tuple.assign(tuple.begin(), tuple.end());
  e.net += m;
  ++e.num_sources;
  if (e.sources.size() < kMaxSourcesKept) e.sources.push_back(std::move(src));
}

Status BusDebugger::add_instance(const Air& air, std::size_t instance,
                                 const poly::RowMajorMatrix& main,
                                 const poly::RowMajorMatrix* fixed,
                                 std::span<const Fe> public_values,
                                 std::span<const Fe> instance_values) {
  ZISKC_RETURN_IF_ERROR(check_shapes(air, main, fixed, public_values, instance_values));
  const AirInfo& info = air.info();
  RowBuilder b(info, main.rows, public_values, instance_values);
  b.set_check_constraints(false);
  b.set_generator(Fe::two_adic_root(static_cast<unsigned>(std::countr_zero(main.rows))));
  for (std::size_t r = 0; r < main.rows; ++r) {
    set_row(b, r, main, fixed, info.num_fixed);
    air.eval(b);
    const InteractionBuffer<Fe>& in = b.interactions();
    for (std::size_t k = 0; k < in.size(); ++k) {
      if (in.multiplicity(k).is_zero()) continue;
      add(in.bus(k), in.tuple(k), in.multiplicity(k),
          Source{info.name, instance, r, in.multiplicity(k)});
    }
  }
  return Status::ok();
}

void BusDebugger::add_direct(const DirectTerm& t) {
  add(t.bus, t.tuple, t.multiplicity, Source{"direct", 0, kNoRow, t.multiplicity});
}

std::vector<BusDebugger::Unbalanced> BusDebugger::unbalanced() const {
  std::vector<Unbalanced> out;
  for (const auto& [key, e] : messages_) {
    if (e.net.is_zero()) continue;
    Unbalanced u;
    u.bus = key.first;
    u.tuple = e.tuple;
    u.net = e.net;
    u.sources = e.sources;
    u.num_sources = e.num_sources;
    out.push_back(std::move(u));
  }
  return out;
}

std::string BusDebugger::report(std::size_t max_items) const {
  const std::vector<Unbalanced> u = unbalanced();
  if (u.empty()) return "all buses balanced";
  std::string out = fmt::format("{} unbalanced bus message(s)", u.size());
  for (std::size_t i = 0; i < u.size() && i < max_items; ++i) {
    std::vector<std::string> t;
    for (Fe v : u[i].tuple) t.push_back(signed_fe(v));
    std::vector<std::string> src;
    for (const Source& s : u[i].sources) {
      src.push_back(s.row == kNoRow ? fmt::format("{} ({})", s.air, signed_fe(s.multiplicity))
                                    : fmt::format("{}[{}] row {} ({})", s.air, s.instance, s.row,
                                                  signed_fe(s.multiplicity)));
    }
    out += fmt::format("\n  bus {} ({}): net multiplicity {}; from {}{}", u[i].bus,
                       fmt::join(t, ", "), signed_fe(u[i].net), fmt::join(src, ", "),
                       u[i].num_sources > u[i].sources.size()
                           ? fmt::format(" and {} more", u[i].num_sources - u[i].sources.size())
                           : std::string());
  }
  return out;
}

}  // namespace ziskc::stark
