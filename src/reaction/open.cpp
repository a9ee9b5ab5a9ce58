#include "interphase/reaction/open.hpp"

#include <cmath>

#include "interphase/error.hpp"
#include "interphase/grand/limits.hpp"

namespace interphase {

std::string to_string(ReactantEnergy source) { return source == ReactantEnergy::Entry ? "entry" : "hull"; }

ReactantEnergy parse_reactant_energy(const std::string& text) {
  if (text == "entry") return ReactantEnergy::Entry;
  if (text == "hull") return ReactantEnergy::Hull;
  throw Error("unknown reactant energy '" + text + "': expected 'entry' or 'hull'");
}

double open_reactant_energy(const PhaseDiagram& closed, const GrandPhaseDiagram& grand, const Composition& c,
                            EnergyForm form, ReactantEnergy source) {
  if (form == EnergyForm::Mutual) return grand.hull().hull_energy(without_elements(c, grand.open_elements()));
  const double closed_energy =
      reactant_energy(closed, c, source == ReactantEnergy::Entry ? EnergyForm::Total : EnergyForm::Mutual);
  return grand_potential(c, closed_energy, grand.chempots());
}

OpenReaction::OpenReaction(const PhaseDiagram& closed, const Reactant& a, const Reactant& b, const ChemPots& mu,
                           EnergyForm form, ReactantEnergy source)
    : grand_(std::make_unique<GrandPhaseDiagram>(closed.entries(), closed.elements(), mu)) {
  const double ea = open_reactant_energy(closed, *grand_, a.composition, form, source);
  const double eb = open_reactant_energy(closed, *grand_, b.composition, form, source);
  reaction_ = std::make_unique<InterfaceReaction>(
      ReactionSpace{&grand_->hull(), &grand_->phases(), grand_->open_elements()}, a, b, ea, eb);
}

std::vector<double> voltage_grid(double from, double to, double step) {
  check_voltage(from, "--from");
  check_voltage(to, "--to");
  check_within(step, 2 * kMaxAbsVoltage, "--step", "V");
  if (!(step > 0)) throw Error("voltage step must be positive, got " + std::to_string(step));
  if (!(to >= from)) throw Error("voltage range is empty: --from " + std::to_string(from) + " > --to " + std::to_string(to));
  // Both ends are finite and bounded, so the count is too; compare before the cast.
  const double steps = std::floor((to - from) / step + 1e-9);
  if (steps + 1 > static_cast<double>(kMaxSweepVoltages)) {
    throw Error("voltage grid too fine: " + detail::limit_number(steps + 1) + " voltages, more than the limit of " +
                std::to_string(kMaxSweepVoltages) + " (use a larger --step, or `map` for the exact answer)");
  }
  const auto n = static_cast<long>(steps);
  std::vector<double> out;
  for (long i = 0; i <= n; ++i) out.push_back(from + static_cast<double>(i) * step);
  return out;
}

std::vector<SweepRow> voltage_sweep(const PhaseDiagram& closed, const Reactant& a, const Reactant& b, int z,
                                    const std::vector<double>& voltages, EnergyForm form, ReactantEnergy source) {
  std::vector<SweepRow> rows;
  for (double v : voltages) {
    const OpenReaction r(closed, a, b, ChemPots{{z, -v}}, form, source);
    rows.push_back({v, r.reaction().minimum()});
  }
  return rows;
}

}  // namespace interphase
