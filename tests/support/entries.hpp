#pragma once
// Small helpers for tests that make up their own entries.
#include <string>
#include <vector>

#include "interphase/data/entry.hpp"

namespace interphase::test {

inline Entry entry(const std::string& formula, double e_form, const std::string& id = "") {
  Entry e;
  e.formula = formula;
  e.composition = Composition::parse(formula);
  e.e_form = e_form;
  e.id = id.empty() ? formula : id;
  return e;
}

/// A made-up ternary worked out by hand: FeNi -0.1, FeCo -0.4, CoNi -0.4 eV/atom
/// (all three on the hull) and the elements at 0.
inline std::vector<Entry> fe_co_ni() {
  return {entry("Fe", 0.0), entry("Co", 0.0), entry("Ni", 0.0), entry("FeNi", -0.1), entry("FeCo", -0.4), entry("CoNi", -0.4)};
}

}  // namespace interphase::test
