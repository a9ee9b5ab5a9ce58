#include "interphase/reaction/reaction.hpp"
#include "interphase/tolerances.hpp"

#include <cmath>
#include <cstdio>

namespace interphase {
namespace {

/// pymatgen's Reaction.TOLERANCE: smaller amounts are not printed, amounts this close to 1 print bare.
constexpr double kTolerance = tol::kBalancedReactionTolerance;

std::string side_string(const std::vector<ReactionTerm>& side) {
  std::string out;
  for (const auto& term : side) {
    if (term.amount < kTolerance) continue;
    if (!out.empty()) out += " + ";
    if (std::abs(term.amount - 1.0) >= kTolerance) {
      char buffer[64];
      std::snprintf(buffer, sizeof buffer, "%.4g ", term.amount);
      out += buffer;
    }
    out += term.formula;
  }
  return out;
}

}  // namespace

std::string BalancedReaction::to_string() const { return side_string(reactants) + " -> " + side_string(products); }

void add_term(std::vector<ReactionTerm>& side, const Composition& c, double amount) {
  const auto [formula, factor] = c.reduced_formula_and_factor();
  add_term(side, formula, factor, amount);
}

void add_term(std::vector<ReactionTerm>& side, const std::string& formula, double factor, double amount) {
  const double units = amount * factor;
  if (units < kTolerance) return;
  for (auto& term : side) {
    if (term.formula == formula) {
      term.amount += units;
      return;
    }
  }
  side.push_back({formula, units});
}

}  // namespace interphase
