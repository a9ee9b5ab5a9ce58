#include "interphase/grand/profile.hpp"

#include <algorithm>
#include <cmath>

#include "interphase/error.hpp"

namespace interphase {

std::vector<ProfileStep> element_profile(const PhaseDiagram& pd, int z, const Composition& c) {
  const auto& els = pd.elements();
  const auto it = std::find(els.begin(), els.end(), z);
  if (it == els.end())
    throw ThermoError(std::string(element(z).symbol) + " is not in the chemical system " + pd.chemsys());
  const auto k = static_cast<Eigen::Index>(it - els.begin());
  std::map<int, double> rest;
  for (const auto& [el, amount] : c.amounts())
    if (el != z) rest[el] = amount;
  if (rest.empty()) throw ThermoError(c.reduced_formula() + " holds only " + std::string(element(z).symbol) + ": it has no profile");
  const Composition closed(rest);

  // The ray from the pure element (t = 0) to the composition without it (t = 1):
  // each crossing after the start is a step, whose chemical potential is that of
  // the facet on the element-rich side of the crossing.
  Eigen::VectorXd start = Eigen::VectorXd::Zero(static_cast<Eigen::Index>(els.size()));
  start[k] = 1.0;
  const Eigen::VectorXd end = pd.coordinates(closed);
  const auto ts = pd.line_crossings(start, end);
  std::vector<ProfileStep> steps;
  for (std::size_t i = 1; i < ts.size(); ++i) {
    const Eigen::VectorXd point = start + ts[i] * (end - start);
    const Eigen::VectorXd before = start + 0.5 * (ts[i - 1] + ts[i]) * (end - start);
    ProfileStep s;
    s.mu = pd.facets()[pd.facet_index(before)].chempots[k];
    s.voltage = s.mu == 0.0 ? 0.0 : -s.mu;
    // Per formula unit of c: its closed atoms sit in the mixture at fraction t.
    const double atoms = closed.num_atoms() / ts[i];
    double kept = 0;
    for (const auto& part : pd.decomposition(point).parts) {
      s.phases.push_back(part.entry);
      const auto& comp = pd.entries()[part.entry].composition;
      kept += part.fraction * atoms * comp.amount(z) / comp.num_atoms();
    }
    s.evolution = kept - c.amount(z);
    steps.push_back(std::move(s));
  }
  return steps;
}

Window stability_window(const std::vector<ProfileStep>& profile) {
  constexpr double kTolerance = 1e-6;  // atoms of the open element per formula unit
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
