/// \file entry_rules.cpp
/// The rule every way into a data set applies to an entry (the CSV, pymatgen
/// and Materials Project importers, and Database::add_entry behind `db add`
/// and Python's add): one function, so that no way in accepts what another
/// refuses.
#include <charconv>
#include <cmath>
#include <string>

#include "interphase/composition/composition.hpp"
#include "interphase/data/database.hpp"
#include "interphase/error.hpp"
#include "interphase/quote.hpp"

namespace interphase {

void check_max_abs_energy(double limit) {
  if (!(limit > 0 && limit <= kMaxAbsEnergyCeiling))
    throw Error("--max-abs-energy " + shortest_number(limit) + ": expected a number of eV/atom above 0 and at most " +
                shortest_number(kMaxAbsEnergyCeiling) +
                " (the largest formation energy in magnitude an import accepts)");
}

std::string entry_problem(const Composition& composition, double e_form, double max_abs_energy) {
  try {
    Composition::check_amount_limits(composition.amounts(), "composition");
  } catch (const FormulaError& e) {
    return e.what();
  }
  if (!std::isfinite(e_form)) return "formation energy is not a finite number";
  if (!(std::abs(e_form) <= max_abs_energy)) {  // a limit that is not a number refuses everything
    return "formation energy " + shortest_number(e_form) + " eV/atom is beyond the limit of " +
           shortest_number(max_abs_energy) +
           " eV/atom in magnitude (an import raises the limit with --max-abs-energy, up to " +
           shortest_number(kMaxAbsEnergyCeiling) + ")";
  }
  if (composition.amounts().size() == 1 && e_form < 0) {
    const std::string symbol(element(composition.amounts().begin()->first).symbol);
    return "elemental " + symbol + " at " + shortest_number(e_form) +
           " eV/atom: formation energies are relative to the elements, whose ground states are 0; an entry "
           "below 0 would become the " + symbol + " reference of every hull with " + symbol +
           " (entries at or above 0, such as metastable allotropes, are fine)";
  }
  return {};
}

std::string entry_id_problem(std::string_view id) {
  if (const std::size_t at = find_control_character(id); at != std::string_view::npos)
    return "entry id " + in_quotes(id, 40) + " contains " + describe_control_character(id[at]) +
           " (ids are printable text: they are printed in tables and CSV and given back to db remove)";
  return {};
}

}  // namespace interphase
