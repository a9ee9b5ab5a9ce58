#pragma once
/// \file open.hpp
/// Voltage sweeps: the minimum reaction energy at each voltage of an open element.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "interphase/grand/profile.hpp"
#include "interphase/reaction/interface.hpp"
#include "interphase/reaction/uncertainty.hpp"

namespace interphase {

struct ReactionMap;  // reaction/map.hpp

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

/// A cycling window: the open element over every voltage from `from` to `to` (V, from <= to).
struct VoltageRange {
  double from = 0, to = 0;
  /// "2-4.5": each end as the shortest text that reads back to it.
  std::string label() const;
};

/// "2.0-4.5" -> {2, 4.5}. Each end is a voltage within the documented limits
/// (either may be negative: "-0.5-1"); throws SettingError naming `what` for
/// anything else or a range whose ends are reversed.
VoltageRange parse_voltage_range(const std::string& text, const std::string& what);

/// Throws SettingError naming `what` unless both ends are voltages within the
/// documented limits and the range goes from a lower to a higher voltage.
void check_voltage_range(const VoltageRange& range, const std::string& what);

/// Whether `text` is written as a range ("A-B" with a number on each side) rather than one voltage.
bool looks_like_voltage_range(const std::string& text);

/// The worst case over a range: the lowest reaction energy over every x and
/// every V in the range, with the voltage and the kink where it lies.
struct RangeMinimum {
  VoltageRange range;
  double voltage = 0;  ///< where the minimum lies (the lowest such voltage on ties)
  Kink minimum;        ///< the kink there: its energy at `voltage`, per non-open atom
};

/// The worst case over `range` (open element `z` at mu = -V), exactly: at a
/// fixed position on the line the grand hull energy is concave in V, and the
/// reactants' own energies subtracted are affine in V between the voltages of
/// their element profiles (mutual form; throughout in the total form), so the
/// lowest value over the range lies at the range's ends or at one of those
/// voltages, and one reaction at each finds it; no voltage is sampled. A
/// range reaching below 0 V is read off the (x, V) map instead (each kink
/// linear in V within a map interval). `closed`: as for voltage_sweep. A range
/// of one voltage is the reaction there.
RangeMinimum range_minimum(std::shared_ptr<const StableSet> closed, const Reactant& a, const Reactant& b, int z,
                           const VoltageRange& range, const ReactionOptions& options = {});
/// The same with the voltages of the reactants' element profiles already
/// known (`profiles`: both reactants' together, in any order; only those inside
/// the range matter). A composition's profile depends only on the phases of its
/// own elements and `z`, so it may come from any set that holds them, e.g. one
/// computed once for a material that reacts with many others.
RangeMinimum range_minimum(std::shared_ptr<const StableSet> closed, const Reactant& a, const Reactant& b, int z,
                           const VoltageRange& range, const ReactionOptions& options, const std::vector<double>& profiles);
/// The voltages where the worst case over a range of 0 V and above can lie,
/// ascending: the range's ends and, in the mutual form, the reactants' profile
/// voltages inside it (`profiles`, as above). The lowest reaction energy at
/// these voltages is the lowest over the whole range.
std::vector<double> range_voltages(const VoltageRange& range, EnergyForm form, const std::vector<double>& profiles);
/// The same, from a map that spans the range.
RangeMinimum range_minimum(const ReactionMap& map, const VoltageRange& range);

/// How one material fares on its own over a range: where the range leaves its
/// electrochemical window (it decomposes by itself there, taking up the open
/// element below its reduction limit, giving it off above its oxidation limit).
struct RangeHold {
  bool holds = true;                    ///< its window covers the whole range
  std::optional<double> reduced_below;  ///< the range reaches below its reduction limit (this voltage)
  std::optional<double> oxidized_above; ///< the range reaches above its oxidation limit (this voltage)
};

/// The hold of a material with window `w` over `range` (no window at all: holds nowhere, no voltage).
RangeHold range_hold(const Window& w, const VoltageRange& range);

/// Voltages from `from` to `to` (inclusive, within 1e-9) in steps of `step`;
/// throws Error if step <= 0 or to < from.
std::vector<double> voltage_grid(double from, double to, double step);

}  // namespace interphase
