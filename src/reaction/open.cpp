#include "interphase/quote.hpp"
#include "interphase/reaction/open.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <regex>
#include <limits>
#include <optional>

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
    const Kink minimum = reaction_minimum(closed, a, b, at);
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

namespace {

// A number as a voltage is written: optional sign, digits, optional fraction and exponent.
const std::regex& range_pattern() {
  static const std::regex pattern(
      R"(\s*([-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)\s*-\s*([-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)\s*)");
  return pattern;
}

}  // namespace

std::string VoltageRange::label() const { return shortest_number(from) + "-" + shortest_number(to); }

bool looks_like_voltage_range(const std::string& text) { return std::regex_match(text, range_pattern()); }

VoltageRange parse_voltage_range(const std::string& text, const std::string& what) {
  std::smatch m;
  if (!std::regex_match(text, m, range_pattern()))
    throw SettingError(what + " '" + text + "': expected a voltage range FROM-TO in V, e.g. 2.0-4.5");
  // strtod: an overflow is inf (refused below), not an exception.
  VoltageRange r{std::strtod(m[1].str().c_str(), nullptr), std::strtod(m[2].str().c_str(), nullptr)};
  check_voltage_range(r, what + " '" + text + "'");
  return r;
}

void check_voltage_range(const VoltageRange& range, const std::string& what) {
  check_voltage(range.from, what);
  check_voltage(range.to, what);
  if (!(range.from < range.to)) throw SettingError(what + ": the range must go from a lower to a higher voltage");
}

RangeMinimum range_minimum(const ReactionMap& map, const VoltageRange& range) {
  if (!(map.v_from <= range.from && range.to <= map.v_to))
    throw InternalError("range_minimum: the map does not span the range " + range.label());
  RangeMinimum out{range, range.from, {}};
  double lowest = std::numeric_limits<double>::infinity();
  bool found = false;
  const auto consider = [&](const MapColumn& column, std::size_t k, double voltage) {
    const double e = column.energy(k, voltage);
    if (found && !(e < lowest - tol::kMinimumEnergyTie)) return;  // ties: the first (lowest voltage) stays
    found = true;
    lowest = e;
    out.voltage = voltage;
    out.minimum = column.kinks[k];
    out.minimum.energy = e;
  };
  for (const MapColumn& column : map.columns) {
    const double lo = std::max(column.v0, range.from), hi = std::min(column.v1, range.to);
    if (lo > hi) continue;
    // Linear in V inside the column: the lowest value of each kink is at an end.
    for (std::size_t k = 0; k < column.kinks.size(); ++k) consider(column, k, lo);
    for (std::size_t k = 0; k < column.kinks.size(); ++k) consider(column, k, hi);
  }
  if (!found) throw InternalError("range_minimum: no column of the map meets the range " + range.label());
  return out;
}

std::vector<double> range_voltages(const VoltageRange& range, EnergyForm form, const std::vector<double>& profiles) {
  std::vector<double> voltages = {range.from, range.to};
  if (form == EnergyForm::Mutual)
    for (const double v : profiles)
      if (v > range.from && v < range.to) voltages.push_back(v);
  std::sort(voltages.begin(), voltages.end());
  voltages.erase(std::unique(voltages.begin(), voltages.end()), voltages.end());
  return voltages;
}

namespace {

/// The worst case over a range of 0 V and above from reactions at the range's
/// ends and at `profiles`, the voltages of the reactants' element profiles
/// (mutual form; any outside the range are left out).
RangeMinimum range_minimum_at(const std::shared_ptr<const StableSet>& closed, const Reactant& a, const Reactant& b,
                              int z, const VoltageRange& range, const ReactionOptions& options,
                              const std::vector<double>& profiles) {
  if (!std::binary_search(closed->elements().begin(), closed->elements().end(), z))
    throw ThermoError(std::string(element(z).symbol) + " is not in the chemical system " + closed->chemsys());
  if (without_elements(a.composition, {z}).empty() || without_elements(b.composition, {z}).empty())
    throw ThermoError("a reactant holds only the open element: no range");
  // At a fixed position on the Li-free line the grand hull energy is the
  // lowest of affine functions of V: concave. In the mutual form the
  // reactants' own energies are that same hull at the line's ends, affine in V
  // between the voltages of their element profiles (in the total form affine
  // throughout). Between two such voltages the energy at every x is therefore
  // concave in V, its lowest value at an end, and the lowest of the whole
  // range lies at one of them or at the range's ends (the lowest voltage of a
  // tie too: a concave function level at an inner point is level to the
  // interval's ends). One reaction at each of these voltages finds it.
  RangeMinimum out{range, range.from, {}};
  bool found = false;
  std::shared_ptr<const StableSet> space;  // the last voltage's: the next reuses its points
  for (const double v : range_voltages(range, options.form, profiles)) {
    ReactionOptions at = options;
    at.open = {{z, -v}};
    space = StableSet::grand(closed, at.open, 0, space.get());
    const Kink k = reaction_minimum_in(closed, space, a, b, at);
    if (found && !(k.energy < out.minimum.energy - tol::kMinimumEnergyTie)) continue;  // ties: the lowest voltage stays
    found = true;
    out.voltage = v;
    out.minimum = k;
  }
  return out;
}

/// Checks a range; the reaction itself for a range of one voltage.
std::optional<RangeMinimum> single_voltage(const std::shared_ptr<const StableSet>& closed, const Reactant& a,
                                           const Reactant& b, int z, const VoltageRange& range,
                                           const ReactionOptions& options) {
  check_voltage(range.from, "{range}");
  check_voltage(range.to, "{range}");
  if (!(range.from <= range.to)) throw SettingError("{range} " + range.label() + " goes from a higher to a lower voltage");
  if (range.to > range.from) return std::nullopt;
  ReactionOptions at = options;
  at.open = {{z, -range.from}};
  return RangeMinimum{range, range.from, reaction_minimum(closed, a, b, at)};
}

}  // namespace

RangeMinimum range_minimum(std::shared_ptr<const StableSet> closed, const Reactant& a, const Reactant& b, int z,
                           const VoltageRange& range, const ReactionOptions& options) {
  if (auto one = single_voltage(closed, a, b, z, range, options)) return *one;
  // Below 0 V the reactants' own grand energies can bend where no element profile says: read the map.
  if (range.from < 0) return range_minimum(reaction_map(std::move(closed), a, b, z, range.from, range.to, options), range);
  std::vector<double> profiles;
  if (options.form == EnergyForm::Mutual && std::binary_search(closed->elements().begin(), closed->elements().end(), z))
    for (const Reactant* r : {&a, &b})
      for (const ProfileStep& step : element_profile(*closed, z, r->composition)) profiles.push_back(step.voltage);
  return range_minimum_at(closed, a, b, z, range, options, profiles);
}

RangeMinimum range_minimum(std::shared_ptr<const StableSet> closed, const Reactant& a, const Reactant& b, int z,
                           const VoltageRange& range, const ReactionOptions& options, const std::vector<double>& profiles) {
  if (auto one = single_voltage(closed, a, b, z, range, options)) return *one;
  if (range.from < 0) return range_minimum(reaction_map(std::move(closed), a, b, z, range.from, range.to, options), range);
  return range_minimum_at(closed, a, b, z, range, options, profiles);
}

RangeHold range_hold(const Window& w, const VoltageRange& range) {
  RangeHold h;
  if (!w.found) {
    h.holds = false;
    return h;
  }
  if (w.reduction && *w.reduction > range.from) h.reduced_below = *w.reduction;
  if (w.oxidation && *w.oxidation < range.to) h.oxidized_above = *w.oxidation;
  h.holds = !h.reduced_below && !h.oxidized_above;
  return h;
}

}  // namespace interphase
