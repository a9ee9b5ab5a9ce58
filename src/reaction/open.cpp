#include "interphase/reaction/open.hpp"

#include <algorithm>
#include <cmath>

#include "interphase/error.hpp"
#include "interphase/reaction/map.hpp"

namespace interphase {

std::vector<double> voltage_grid(double from, double to, double step) {
  if (!std::isfinite(from) || !std::isfinite(to)) throw Error("voltage range must be finite numbers");
  if (!(step > 0) || !std::isfinite(step)) throw Error("voltage step must be positive, got " + std::to_string(step));
  if (!(to >= from)) throw Error("voltage range is empty: --from " + std::to_string(from) + " > --to " + std::to_string(to));
  const double count = std::floor((to - from) / step + 1e-9);
  if (!(count <= 1000000)) throw Error("voltage grid too fine: more than a million voltages");
  const auto n = static_cast<long>(count);
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
    for (double v : voltages) rows.push_back({v, minimum});
    return rows;
  }
  const ReactionMap map = reaction_map(closed, a, b, z, *lowest, *highest, options);
  std::vector<SweepRow> rows;
  rows.reserve(voltages.size());
  for (double v : voltages) {
    const MapColumn& column = map.column_at(v);
    // The first kink at the lowest energy, ties within 1e-12 eV (as InterfaceReaction::minimum).
    std::vector<double> energies;
    double lowest_energy = std::numeric_limits<double>::infinity();
    for (std::size_t k = 0; k < column.kinks.size(); ++k) {
      energies.push_back(column.energy(k, v));
      lowest_energy = std::min(lowest_energy, energies.back());
    }
    std::size_t k = 0;
    while (energies[k] > lowest_energy + 1e-12) ++k;
    SweepRow row{v, column.kinks[k]};
    row.minimum.energy = energies[k];
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace interphase
