#pragma once
/// \file open_format.hpp
/// Tables of open-element results: voltage sweeps, stability windows and (x, V) maps.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "interphase/grand/profile.hpp"
#include "interphase/reaction/map.hpp"
#include "interphase/reaction/screen.hpp"
#include "interphase/report/format.hpp"

namespace interphase {

nlohmann::ordered_json sweep_json(const Reactant& a, const Reactant& b, int open, EnergyForm form,
                                  const std::vector<SweepRow>& rows);
std::string format_sweep(const Reactant& a, const Reactant& b, int open, EnergyForm form,
                         const std::vector<SweepRow>& rows, Format format);

nlohmann::ordered_json window_json(const PhaseDiagram& pd, const std::string& formula, int open,
                                   const std::vector<ProfileStep>& profile);
std::string format_window(const PhaseDiagram& pd, const std::string& formula, int open,
                          const std::vector<ProfileStep>& profile, Format format);

/// `screen`: one row per pair, the minimum reaction energy, its x and products.
nlohmann::ordered_json screen_json(const std::vector<ScreenRow>& rows, EnergyForm form, const ChemPots& mu);
std::string format_screen(const std::vector<ScreenRow>& rows, EnergyForm form, const ChemPots& mu, Format format);

nlohmann::ordered_json map_json(const ReactionMap& map);
std::string format_map(const ReactionMap& map, Format format);

}  // namespace interphase
