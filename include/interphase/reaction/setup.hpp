#pragma once
/// \file setup.hpp
/// What every reaction request needs before it computes: the closed stable set
/// of the reactants' elements (and the open ones), the reactants with their own
/// entries, and the open elements that actually change something. The command
/// line and the Python module both start here.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "interphase/data/database.hpp"
#include "interphase/grand/grand.hpp"
#include "interphase/hull/stable_set.hpp"
#include "interphase/reaction/interface.hpp"

namespace interphase {

/// The closed stable set a reaction request works in, and its reactants.
struct ReactionSetup {
  std::shared_ptr<const StableSet> closed;
  std::vector<Reactant> reactants;  ///< one per formula, in order, with their own entries
};

/// The stable set of the elements of `formulas` and `extra` (atomic numbers)
/// from data set `dataset_id`, whose stored stability must be current, and the
/// reactants. Throws FormulaError for a formula that does not parse, and
/// ThermoError (require_entries_hold) for an element of the formulas that no
/// entry of the data set holds.
ReactionSetup setup_reaction(const Database& db, std::int64_t dataset_id, const std::vector<std::string>& formulas,
                             const std::vector<int>& extra = {});

/// Whether a stable compound of the set holds element z (its pure phases drop
/// out of every grand potential when it is open).
bool any_compound_holds(const StableSet& set, int z);

/// Open elements that no stable compound holds change nothing: they are left
/// out with a warning (spdlog); Error if that leaves nothing open.
ChemPots open_elements_present(const StableSet& set, ChemPots mu);

/// The single open element of sweep, map and window must occur in some
/// compound: Error naming it and the system otherwise.
void require_open_present(const StableSet& set, int z);

/// The single open element of sweep, map and window (Li when `open` is empty);
/// Error if more than one is given.
int single_open(const std::vector<std::string>& open);

/// In the total form taking reactant energies from entries (`source` "entry"),
/// a warning (spdlog) for each reactant with no entry of its own to take.
void note_reactant_energies(EnergyForm form, const std::string& source, const std::vector<Reactant>& reactants);

}  // namespace interphase
