#pragma once
/// \file open.hpp
/// Voltage sweeps: the minimum reaction energy at each voltage of an open element.
#include <memory>
#include <optional>
#include <vector>

#include "interphase/reaction/interface.hpp"
#include "interphase/reaction/uncertainty.hpp"

namespace interphase {

/// The minimum reaction energy at one voltage.
struct SweepRow {
  double voltage = 0;
  Kink minimum;
  std::optional<MinimumStatistics> monte_carlo;  ///< the minimum's Monte Carlo statistics, if sampled
  std::optional<double> energy_std_linear;  ///< the minimum's analytic 1-sigma, if asked for (sweep_std_linear)
};

/// The minimum over x at each voltage (open element `z` at mu = -V), read off
/// the exact (x, V) map (reaction_map): the map is computed once, and inside
/// each of its voltage intervals every kink's energy is linear in V, so the
/// cost hardly grows with the number of voltages. `closed`: the closed stable
/// set of the reactants' elements and `z`; options.form and options.source apply.
std::vector<SweepRow> voltage_sweep(std::shared_ptr<const StableSet> closed, const Reactant& a, const Reactant& b,
                                    int z, const std::vector<double>& voltages, const ReactionOptions& options = {});

/// Voltages from `from` to `to` (inclusive, within 1e-9) in steps of `step`;
/// throws Error if step <= 0 or to < from.
std::vector<double> voltage_grid(double from, double to, double step);

}  // namespace interphase
