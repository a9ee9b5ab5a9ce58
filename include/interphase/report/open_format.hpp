#pragma once
/// \file open_format.hpp
/// Open-element results: voltage sweeps, stability windows and (x, V) maps,
/// their typed tables and their reports in each Format.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "interphase/grand/profile.hpp"
#include "interphase/reaction/map.hpp"
#include "interphase/report/format.hpp"

namespace interphase {

/// Sweep rows: V, x, energy, reaction, products (the minimum at each voltage),
/// then energy_std_linear if any row has one (sweep --uncertainty; null where a row has none),
/// then monte_carlo_columns if any row has Monte Carlo statistics (sweep --samples).
Table sweep_table(const std::vector<SweepRow>& rows);
nlohmann::ordered_json sweep_json(const Reactant& a, const Reactant& b, int open, EnergyForm form,
                                  const std::vector<SweepRow>& rows);
nlohmann::ordered_json sweep_json(const SweepResult& r);
std::string format_sweep(const Reactant& a, const Reactant& b, int open, EnergyForm form,
                         const std::vector<SweepRow>& rows, Format format);
/// SettingError unless `format` (text, markdown, md, json, csv or svg) can
/// show what `request` asks: an svg plot shows no uncertainty.
void check_format(const std::string& format, const SweepRequest& request);

/// A window's element profile: V, mu, evolution, phases.
Table profile_table(const StableSet& closed, const std::vector<ProfileStep>& profile);
nlohmann::ordered_json window_json(const StableSet& closed, const std::string& formula, int open,
                                   const std::vector<ProfileStep>& profile);
nlohmann::ordered_json window_json(const WindowResult& r);
std::string format_window(const StableSet& closed, const std::string& formula, int open,
                          const std::vector<ProfileStep>& profile, Format format);

/// Map regions: x0, x1, V0, V1, products, E_x0_V0, E_x1_V0, E_x0_V1, E_x1_V1
/// (JSON: "x": [x0, x1], "V": [V0, V1], "energy": {"x0_V0", ...}).
Table map_table(const ReactionMap& map);
nlohmann::ordered_json map_json(const ReactionMap& map);
std::string format_map(const ReactionMap& map, Format format);

}  // namespace interphase
