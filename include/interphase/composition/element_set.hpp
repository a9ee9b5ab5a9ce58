#pragma once
/// \file element_set.hpp
/// A set of elements as a bitset: the chemical systems that the hull and
/// screen layers look up, and the element filters of the database.
#include <bit>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <iterator>
#include <vector>

#include "interphase/composition/element.hpp"

namespace interphase {

/// A set of elements by atomic number, 1..kNumElements, in two 64-bit words:
/// Z in 1..63 is bit Z-1 of lo(), Z in 64..118 is bit Z-64 of hi() (bit 63 of
/// lo() is never set). This is the layout of the database's elements_lo and
/// elements_hi columns (database/schema.sql), which existing files hold, so the
/// words go to SQL as they are. Iterates in ascending atomic number.
class ElementSet {
 public:
  constexpr ElementSet() = default;
  /// The set of these atomic numbers (repeats are fine); FormulaError, as
  /// element(), for one outside 1..118.
  explicit ElementSet(const std::vector<int>& elements) {
    for (const int z : elements) insert(z);
  }
  ElementSet(std::initializer_list<int> elements) {
    for (const int z : elements) insert(z);
  }

  /// Add an element; FormulaError, as element(), for a number outside 1..118.
  void insert(int z) {
    if (z < 1 || z > kNumElements) element(z);  // throws, naming z
    if (z < 64) {
      lo_ |= std::uint64_t{1} << (z - 1);
    } else {
      hi_ |= std::uint64_t{1} << (z - 64);
    }
  }
  /// Whether element `z` is in the set (false for any number outside 1..118).
  constexpr bool contains(int z) const {
    if (z < 1 || z > kNumElements) return false;
    return z < 64 ? (lo_ >> (z - 1)) & 1 : (hi_ >> (z - 64)) & 1;
  }
  /// Whether every element of this set is in `other`.
  constexpr bool subset_of(const ElementSet& other) const {
    return (lo_ & ~other.lo_) == 0 && (hi_ & ~other.hi_) == 0;
  }
  /// Whether the two sets share an element.
  constexpr bool intersects(const ElementSet& other) const {
    return (lo_ & other.lo_) != 0 || (hi_ & other.hi_) != 0;
  }
  constexpr ElementSet& operator|=(const ElementSet& other) {
    lo_ |= other.lo_;
    hi_ |= other.hi_;
    return *this;
  }
  /// The union.
  friend constexpr ElementSet operator|(ElementSet a, const ElementSet& b) { return a |= b; }
  constexpr bool operator==(const ElementSet&) const = default;

  constexpr bool empty() const { return lo_ == 0 && hi_ == 0; }
  /// Number of elements.
  constexpr std::size_t size() const { return static_cast<std::size_t>(std::popcount(lo_) + std::popcount(hi_)); }
  /// The elements, ascending.
  std::vector<int> elements() const { return {begin(), end()}; }

  /// The words (see the class comment).
  constexpr std::uint64_t lo() const { return lo_; }
  constexpr std::uint64_t hi() const { return hi_; }

  /// The elements in ascending atomic number.
  class const_iterator {
   public:
    using iterator_category = std::forward_iterator_tag;
    using value_type = int;
    using difference_type = std::ptrdiff_t;
    using pointer = void;
    using reference = int;

    constexpr const_iterator() = default;
    constexpr int operator*() const { return lo_ != 0 ? std::countr_zero(lo_) + 1 : std::countr_zero(hi_) + 64; }
    constexpr const_iterator& operator++() {
      if (lo_ != 0) {
        lo_ &= lo_ - 1;
      } else {
        hi_ &= hi_ - 1;
      }
      return *this;
    }
    constexpr const_iterator operator++(int) {
      const_iterator before = *this;
      ++*this;
      return before;
    }
    constexpr bool operator==(const const_iterator&) const = default;

   private:
    friend class ElementSet;
    constexpr const_iterator(std::uint64_t lo, std::uint64_t hi) : lo_(lo), hi_(hi) {}
    std::uint64_t lo_ = 0, hi_ = 0;  // the elements not yet visited
  };
  constexpr const_iterator begin() const { return {lo_, hi_}; }
  constexpr const_iterator end() const { return {}; }

 private:
  std::uint64_t lo_ = 0, hi_ = 0;
};

}  // namespace interphase

/// Hashing for unordered containers keyed by element set.
template <>
struct std::hash<interphase::ElementSet> {
  std::size_t operator()(const interphase::ElementSet& s) const noexcept {
    return std::hash<std::uint64_t>()(s.lo() * 0x9E3779B97F4A7C15ull ^ s.hi());
  }
};
