#include "interphase/grand/profile.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include "interphase/error.hpp"
#include "interphase/tolerances.hpp"

namespace interphase {

std::vector<ProfileStep> element_profile(const StableSet& closed, int z, const Composition& c) {
  const auto& els = closed.elements();
  const auto it = std::find(els.begin(), els.end(), z);
  if (it == els.end())
    throw ThermoError(std::string(element(z).symbol) + " is not in the chemical system " + closed.chemsys());
  if (!closed.open().empty()) throw ThermoError("an element profile is read off the closed hull");
  const auto k = static_cast<Eigen::Index>(it - els.begin());
  std::map<int, double> rest;
  for (const auto& [el, amount] : c.amounts())
    if (el != z) rest[el] = amount;
  if (rest.empty()) throw ThermoError(c.reduced_formula() + " holds only " + std::string(element(z).symbol) + ": it has no profile");
  const Composition without(rest);

  // The ray from the pure element (t = 0) to the composition without it (t = 1):
  // each crossing after the start is a step, whose chemical potential is that of
  // the facet on the element-rich side of the crossing.
  Eigen::VectorXd start = Eigen::VectorXd::Zero(static_cast<Eigen::Index>(els.size()));
  start[k] = 1.0;
  const Eigen::VectorXd end = closed.coordinates(without);
  const auto pieces = closed.along(start, end);
  // Crossings unique to tol::kNumericalTol in composition space, as pymatgen's get_critical_compositions.
  const double length = (end - start).norm();
  std::vector<double> ts{0.0};
  for (std::size_t i = 1; i < pieces.size(); ++i)
    if ((pieces[i].t0 - ts.back()) * length > tol::kNumericalTol) ts.push_back(pieces[i].t0);
  if ((1.0 - ts.back()) * length > tol::kNumericalTol) ts.push_back(1.0);
  else ts.back() = 1.0;
  const auto piece_at = [&](double t) -> const HullLP::Piece& {
    for (const auto& p : pieces)
      if (t <= p.t1) return p;
    return pieces.back();
  };
  std::vector<ProfileStep> steps;
  for (std::size_t i = 1; i < ts.size(); ++i) {
    const HullLP::Piece& piece = piece_at(0.5 * (ts[i - 1] + ts[i]));
    ProfileStep s;
    s.mu = piece.chempots[k];
    s.voltage = s.mu == 0.0 ? 0.0 : -s.mu;
    // Per formula unit of c: its closed atoms sit in the mixture at fraction t.
    const double atoms = without.num_atoms() / ts[i];
    double kept = 0;
    for (const auto& part : closed.decomposition(piece, ts[i]).parts) {
      s.phases.push_back(part.entry);
      const auto& comp = closed.entry(part.entry).composition;
      kept += part.fraction * atoms * comp.amount(z) / comp.num_atoms();
    }
    s.evolution = kept - c.amount(z);
    steps.push_back(std::move(s));
  }
  return steps;
}

Window stability_window(const std::vector<ProfileStep>& profile) {
  constexpr double kTolerance = tol::kEvolutionTol;  // atoms of the open element per formula unit
  Window w;
  for (std::size_t i = 0; i < profile.size(); ++i) {
    if (std::abs(profile[i].evolution) > kTolerance) continue;
    w.found = true;
    w.reduction = profile[i].voltage;
    w.phases = profile[i].phases;
    if (i > 0) w.reduced_phases = profile[i - 1].phases;
    if (i + 1 < profile.size()) {
      w.oxidation = profile[i + 1].voltage;
      w.oxidized_phases = profile[i + 1].phases;
    }
    return w;
  }
  // No step without exchange: the window is the voltage where uptake turns into release.
  for (std::size_t i = 1; i < profile.size(); ++i) {
    if (profile[i].evolution < -kTolerance && profile[i - 1].evolution > kTolerance) {
      w.found = w.single_voltage = true;
      w.reduction = w.oxidation = profile[i].voltage;
      w.reduced_phases = profile[i - 1].phases;
      w.oxidized_phases = profile[i].phases;
      break;
    }
  }
  return w;
}

}  // namespace interphase
