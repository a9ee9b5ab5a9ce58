#pragma once
/// \file element.hpp
/// The periodic table: symbols, atomic masses and Pauling electronegativities
/// (the values pymatgen uses, so formulas print in the same element order).
#include <optional>
#include <string_view>

namespace interphase {

struct ElementData {
  int z;                    ///< atomic number, 1..118
  std::string_view symbol;  ///< e.g. "Li"
  std::string_view name;    ///< e.g. "Lithium"
  double mass;              ///< atomic mass, g/mol
  double x;                 ///< Pauling electronegativity; NaN where none is defined (noble gases)
};

/// Number of elements in the table (118).
constexpr int kNumElements = 118;

/// Atomic number of lithium: the open element of a voltage (vs Li/Li+) and of
/// the windows unless another is chosen.
inline constexpr int kLithium = 3;

/// Element by atomic number (1..118); throws FormulaError when out of range.
const ElementData& element(int z);

/// Atomic number of a symbol ("Li" -> 3), or std::nullopt if no such element.
std::optional<int> find_element(std::string_view symbol);

/// Atomic number of a symbol; throws FormulaError("unknown element 'Xx'") if none.
int atomic_number(std::string_view symbol);

/// Sort key used by pymatgen to order elements in formulas: electronegativity,
/// with elements lacking one placed last; ties broken by symbol.
bool electronegativity_less(int z_a, int z_b);

}  // namespace interphase
