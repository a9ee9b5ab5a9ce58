#pragma once
/// \file sensitivity.hpp
/// How a reaction energy depends on the entries' formation energies, and the
/// uncertainty that follows from theirs (SCIENCE.md, "Uncertainty of a
/// reaction energy").
///
/// At fixed products the reaction energy at a mixing ratio is linear in the
/// formation energies: dE = sum_p f_p E_p - t E_A - (1 - t) E_B per atom of the
/// mixture (t: atomic fraction of A over the non-open atoms). In the mutual
/// form E_A and E_B are themselves hull energies, sums over the reactants' own
/// decomposition phases; in the total form they are the reactants' own entries
/// (or their closed hull energies where they have none). With open elements the
/// energies are grand potentials per non-open atom, Phi = (E n - mu.N_open) / N_X,
/// so dPhi/dE = n / N_X for an entry of n atoms, N_X of them not open.
#include <functional>
#include <string>
#include <vector>

#include "interphase/data/sigma.hpp"
#include "interphase/reaction/interface.hpp"
#include "interphase/reaction/open.hpp"

namespace interphase {

/// How a reaction energy at one mixing ratio moves with one entry's formation energy.
struct Sensitivity {
  Entry entry;               ///< the entry as stored (id, formula, composition, e_form)
  std::string name;          ///< its reduced formula
  /// dE/dE_i: eV per atom of the mixture (per non-open atom when elements are
  /// open) per eV/atom of the entry's formation energy. The sum of `product` and `reactant`.
  double coefficient = 0;
  double product = 0;        ///< the part from the products (>= 0)
  double reactant = 0;       ///< the part from the reactants' subtracted energies (<= 0)
  /// "product", "reactant", or "both" (a phase on both sides, counted once with its net coefficient).
  std::string role() const;
};

/// The sensitivities of the reaction energy at atomic fraction x of A, at the
/// products the reaction has there: products first (in the order of their
/// fractions), then the phases only the reactants' energies hold. `closed`:
/// the closed stable set the reaction was made from (react's `closed`); the
/// total form takes the reactants' closed hull energies from it. For every
/// entry, shifting its formation energy by h shifts the energy at x by
/// coefficient * h while the products stay the same.
std::vector<Sensitivity> sensitivities(const StableSet& closed, const InterfaceReaction& r, double x,
                                       const ReactionOptions& options);
/// The same at a kink, in the closed set r.space().closed().
std::vector<Sensitivity> sensitivities(const InterfaceReaction& r, const Kink& k, const ReactionOptions& options);

/// The 1-sigma of an entry's formation energy, eV/atom.
using SigmaLookup = std::function<double(const Entry&)>;
/// `sigma` for every compound; 0 for a phase of one element, the reference its
/// formation energy is measured from (0 by definition). Throws Error if sigma
/// is negative or not finite.
SigmaLookup uniform_sigma(double sigma = kDefaultSigma);
/// Each entry's own 1-sigma where the data gives one (Entry::sigma), else
/// `fallback`; 0 for a phase of one element (entry_sigma in data/sigma.hpp,
/// the rule the Monte Carlo draws use too). Throws Error as uniform_sigma.
SigmaLookup entry_sigmas(double fallback = kDefaultSigma);

/// The analytic 1-sigma of the reaction energy, independent entries:
/// sqrt(sum_i (dE/dE_i)^2 sigma_i^2).
double energy_std_linear(const std::vector<Sensitivity>& s, const SigmaLookup& sigma = entry_sigmas());

/// The analytic 1-sigma at each kink of a reaction, in kink order.
std::vector<double> kink_std_linear(const StableSet& closed, const InterfaceReaction& r,
                                    const ReactionOptions& options, const SigmaLookup& sigma = entry_sigmas());

/// Sets each sweep row's energy_std_linear: the analytic 1-sigma at its
/// minimum's x, from the reaction at the row's voltage (open element `z` at mu = -V).
void sweep_std_linear(const std::shared_ptr<const StableSet>& closed, const Reactant& a, const Reactant& b, int z,
                      std::vector<SweepRow>& rows, const ReactionOptions& options,
                      const SigmaLookup& sigma = entry_sigmas());

/// The analytic 1-sigma of a reaction's energies (react --uncertainty).
struct ReactionUncertainty {
  double sigma = kDefaultSigma;       ///< of every compound's formation energy without its own, eV/atom
  bool own_sigmas = false;            ///< whether some phase of the system has its own (Entry::sigma)
  std::vector<double> kinks;          ///< energy_std_linear per kink
  double minimum = 0, composite = 0;  ///< at the minimum and at the composite
};

/// The uncertainty of r's energies with every compound's formation energy at
/// its own 1-sigma where the data gives one, else `sigma` (entry_sigmas;
/// `closed`: the closed set r was made from).
ReactionUncertainty reaction_uncertainty(const StableSet& closed, const InterfaceReaction& r,
                                         const ReactionOptions& options, double sigma,
                                         double composite_mass_fraction = 0.3);


}  // namespace interphase
