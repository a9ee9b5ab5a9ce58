#pragma once
/// \file open_format.hpp
/// Tables of open-element results: voltage sweeps, stability windows and (x, V) maps.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "interphase/grand/profile.hpp"
#include "interphase/reaction/map.hpp"
#include "interphase/report/format.hpp"

namespace interphase {

nlohmann::ordered_json sweep_json(const Reactant& a, const Reactant& b, int open, EnergyForm form,
                                  const std::vector<SweepRow>& rows);
std::string format_sweep(const Reactant& a, const Reactant& b, int open, EnergyForm form,
                         const std::vector<SweepRow>& rows, Format format);

nlohmann::ordered_json window_json(const StableSet& closed, const std::string& formula, int open,
                                   const std::vector<ProfileStep>& profile);
std::string format_window(const StableSet& closed, const std::string& formula, int open,
                          const std::vector<ProfileStep>& profile, Format format);

nlohmann::ordered_json map_json(const ReactionMap& map);
std::string format_map(const ReactionMap& map, Format format);

}  // namespace interphase
