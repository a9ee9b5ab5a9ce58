#pragma once
/// \file reaction.hpp
/// Balanced reactions, printed the way pymatgen prints them.
#include <string>
#include <vector>

#include "interphase/composition/composition.hpp"

namespace interphase {

/// One species of a balanced reaction, in units of its reduced formula.
struct ReactionTerm {
  std::string formula;  ///< reduced formula ("Li2RuO3", "O2")
  double amount;        ///< formula units of `formula` (> 0)
};

/// A balanced reaction: reactants -> products, amounts per formula unit of the
/// reduced formulas.
struct BalancedReaction {
  std::vector<ReactionTerm> reactants;
  std::vector<ReactionTerm> products;

  /// "0.4286 Li6PS5Cl + 0.5714 Li2RuO3 -> 0.4286 LiCl + Li2S + ...": amounts to
  /// 4 significant digits, 1 omitted, as pymatgen's Reaction prints them.
  std::string to_string() const;
};

/// Add `amount` of a composition (formula units of `c` as written) to a side, in
/// units of its reduced formula. Amounts below 1e-6 formula units are left out.
void add_term(std::vector<ReactionTerm>& side, const Composition& c, double amount);
/// The same with the composition's reduced formula and its number of formula
/// units per formula unit as written (Composition::reduced_formula_and_factor) known.
void add_term(std::vector<ReactionTerm>& side, const std::string& formula, double factor, double amount);

}  // namespace interphase
