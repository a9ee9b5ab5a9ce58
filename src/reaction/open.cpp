#include "interphase/reaction/open.hpp"

#include <algorithm>
#include <cmath>

#include "interphase/error.hpp"
#include "interphase/reaction/map.hpp"
#include "interphase/grand/limits.hpp"
#include "interphase/tolerances.hpp"

namespace interphase {

std::vector<double> voltage_grid(double from, double to, double step) {
  check_voltage(from, "{from}");
  check_voltage(to, "{to}");
  check_within(step, 2 * kMaxAbsVoltage, "{step}", "V");
  if (!(step > 0)) throw Error("voltage step must be positive, got " + std::to_string(step));
  if (!(to >= from)) throw SettingError("voltage range is empty: {from} " + std::to_string(from) + " > {to} " + std::to_string(to));
  // Both ends are finite and bounded, so the count is too; compare before the cast.
  const double steps = std::floor((to - from) / step + tol::kGridStepSlack);
  if (steps + 1 > static_cast<double>(kMaxSweepVoltages)) {
    throw SettingError("voltage grid too fine: " + detail::limit_number(steps + 1) + " voltages, more than the limit of " +
                std::to_string(kMaxSweepVoltages) + " (use a larger {step}, or `map` for the exact answer)");
  }
  const auto n = static_cast<long>(steps);
  std::vector<double> out;
  for (long i = 0; i <= n; ++i) out.push_back(from + static_cast<double>(i) * step);
  return out;
}

std::vector<SweepRow> voltage_sweep(std::shared_ptr<const StableSet> closed, const Reactant& a, const Reactant& b,
                                    int z, const std::vector<double>& voltages, const ReactionOptions& options) {
  if (voltages.empty()) return {};
  const auto [lowest, highest] = std::minmax_element(voltages.begin(), voltages.end());
  if (!(*highest > *lowest)) {  // one voltage: the reaction itself
    ReactionOptions at = options;
    at.open = {{z, -*lowest}};
    std::vector<SweepRow> rows;
    const Kink minimum = react(closed, a, b, at).minimum();
    for (double v : voltages) rows.push_back({v, minimum, std::nullopt, std::nullopt});
    return rows;
  }
  const ReactionMap map = reaction_map(closed, a, b, z, *lowest, *highest, options);
  std::vector<SweepRow> rows;
  rows.reserve(voltages.size());
  for (double v : voltages) {
    const MapColumn& column = map.column_at(v);
    // The first kink at the lowest energy, ties within tol::kMinimumEnergyTie (as InterfaceReaction::minimum).
    std::vector<double> energies;
    double lowest_energy = std::numeric_limits<double>::infinity();
    for (std::size_t k = 0; k < column.kinks.size(); ++k) {
      energies.push_back(column.energy(k, v));
      lowest_energy = std::min(lowest_energy, energies.back());
    }
    std::size_t k = 0;
    while (energies[k] > lowest_energy + tol::kMinimumEnergyTie) ++k;
    SweepRow row{v, column.kinks[k], std::nullopt, std::nullopt};
    row.minimum.energy = energies[k];
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace interphase
