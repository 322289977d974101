// InteractionBuffer<T>: the bus interactions one evaluation of an AIR produced, in call order,
// stored flat so that builders reuse it row after row without allocating. T is the value type
// of the builder (Fe for the prover and row checker, Ext3 for the verifier).
// Multiplicities are signed: prove adds +m, assume adds -m.
#pragma once

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <span>
#include <vector>

namespace ziskc::stark {

template <class T>
class InteractionBuffer {
 public:
  void clear() {
    bus_.clear();
    mult_.clear();
    begin_.clear();
    values_.clear();
  }
  void add(std::uint32_t bus, bool prove, std::initializer_list<T> tuple, const T& m) {
    bus_.push_back(bus);
    mult_.push_back(prove ? m : -m);
    begin_.push_back(static_cast<std::uint32_t>(values_.size()));
    values_.insert(values_.end(), tuple.begin(), tuple.end());
  }
  std::size_t size() const { return bus_.size(); }
  std::uint32_t bus(std::size_t k) const { return bus_[k]; }
  const T& multiplicity(std::size_t k) const { return mult_[k]; }
  std::span<const T> tuple(std::size_t k) const {
    const std::size_t end = k + 1 < begin_.size() ? begin_[k + 1] : values_.size();
    return {values_.data() + begin_[k], end - begin_[k]};
  }

 private:
  std::vector<std::uint32_t> bus_;
  std::vector<T> mult_;
  std::vector<std::uint32_t> begin_;
  std::vector<T> values_;
};

}  // namespace ziskc::stark
