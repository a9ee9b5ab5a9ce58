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

}  // namespace interphase::test
