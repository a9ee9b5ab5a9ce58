#pragma once
/// \file composition.hpp
/// Compositions: parsing, reduced formulas, pymatgen-style printing.
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "interphase/composition/element.hpp"
#include "interphase/tolerances.hpp"

namespace interphase {

/// A chemical composition: element (atomic number) -> amount (atoms per formula unit).
/// Amounts below kAmountTolerance are dropped.
class Composition {
 public:
  static constexpr double kAmountTolerance = tol::kAmountTolerance;
  /// Limits of a parsed formula (README "Limits"). An amount above kMaxAmount,
  /// or amounts whose largest is more than kMaxAmountRatio times the smallest,
  /// lose the precision of the atomic fractions (fractions below
  /// kAmountTolerance vanish): such formulas are refused, as are brackets
  /// nested deeper than kMaxNesting and explicit zero amounts ("Li0O").
  static constexpr double kMaxAmount = 1e9;
  static constexpr double kMaxAmountRatio = 1e6;
  static constexpr int kMaxNesting = 100;

  Composition() = default;
  /// From atomic number -> amount. Non-positive and negligible amounts are dropped;
  /// a negative amount throws FormulaError.
  explicit Composition(const std::map<int, double>& amounts);

  /// Parse a formula: "Li6PS5Cl", "Li2Ru1O3", "Ca3(PO4)2", "Li0.5CoO2", "[Co(NH3)6]Cl3",
  /// hydrate dots are not special ("CuSO4.5H2O" reads as O4.5 then H2O, as in pymatgen).
  /// Throws FormulaError naming the formula and the
  /// character position where parsing failed, or the unknown element; also for
  /// a zero amount and amounts beyond the limits above.
  static Composition parse(std::string_view formula);

  /// Throws FormulaError (naming `what`, e.g. "formula 'Li2O'") if an amount is
  /// not finite, exceeds kMaxAmount, or lies below kAmountTolerance (0
  /// included: the constructor would drop it), or if the amounts exceed
  /// kMaxAmountRatio; parse() applies it, every way into a data set too.
  static void check_amount_limits(const std::map<int, double>& amounts, const std::string& what);

  /// Element -> amount, sorted by atomic number.
  const std::map<int, double>& amounts() const { return amounts_; }
  /// Amount of an element (0 if absent).
  double amount(int z) const;
  /// Atomic numbers present, ascending.
  std::vector<int> elements() const;
  bool empty() const { return amounts_.empty(); }
  /// Total atoms per formula unit.
  double num_atoms() const;
  /// Atomic fraction of an element (0 if absent).
  double atomic_fraction(int z) const;
  /// The same composition normalised to one atom.
  Composition fractional() const;
  /// Molar mass, g/mol per formula unit.
  double mass() const;

  /// Formula as pymatgen's Composition.formula without spaces: elements ordered by
  /// electronegativity, every amount written (e.g. "Li6P1S5Cl1", "Li0.5Co1O2").
  std::string formula() const;
  /// pymatgen's reduced_formula: integer amounts reduced by their gcd, elements
  /// ordered by electronegativity, amounts of 1 omitted, polyanion groups in
  /// parentheses ("Ca3(PO4)2"), special formulas ("O2", "Cl2", "Li2O2").
  /// Non-integer compositions print as formula().
  std::string reduced_formula() const;
  /// The reduced formula and the number of its formula units in this composition
  /// (Li4Ru2O6 -> {"Li2RuO3", 2}; O2 -> {"O2", 1}; O -> {"O2", 0.5}).
  std::pair<std::string, double> reduced_formula_and_factor() const;
  /// Chemical system: symbols sorted alphabetically joined by '-' ("Cl-Li-P-S").
  std::string chemsys() const;

  Composition operator*(double factor) const;
  Composition operator+(const Composition& other) const;
  /// True if both have the same elements and amounts within tol.
  bool almost_equal(const Composition& other, double tol = kAmountTolerance) const;

 private:
  std::map<int, double> amounts_;
};

/// Parse a chemical system "Li-In-Cl" (any order, any case of separators '-' or ',')
/// into sorted unique atomic numbers. Throws FormulaError on an unknown element.
std::vector<int> parse_chemsys(std::string_view chemsys);
/// Canonical chemical-system string of atomic numbers: symbols sorted alphabetically, '-'-joined.
std::string chemsys_string(const std::vector<int>& elements);

}  // namespace interphase
