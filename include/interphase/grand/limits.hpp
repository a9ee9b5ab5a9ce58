#pragma once
/// \file limits.hpp
/// The range of voltages and chemical potentials the engine accepts (README
/// "Limits"). Real critical voltages lie within about 0-6 V vs Li/Li+ and
/// formation energies within a few eV/atom (importers refuse |e_form| above
/// 100 eV/atom by default), so nothing changes beyond 100 V or 100 eV; far
/// larger values only lose precision or overflow.
#include <charconv>
#include <cmath>
#include <string>

#include "interphase/error.hpp"

namespace interphase {

/// Largest |V| (V vs Li/Li+) of a voltage, a sweep or a map.
inline constexpr double kMaxAbsVoltage = 100.0;
/// Largest |mu| (eV, relative to the element's reference) of an open element.
inline constexpr double kMaxAbsChempot = 100.0;
/// Most voltages one sweep evaluates (each builds a grand hull).
inline constexpr long kMaxSweepVoltages = 100001;

namespace detail {
inline std::string limit_number(double v) {
  char buffer[32];
  return std::string(buffer, std::to_chars(buffer, buffer + sizeof buffer, v).ptr);
}
}  // namespace detail

/// Gas temperatures (K) and pressures (Pa) of --gas lie in (0, limit]: the
/// ideal-gas correction means nothing far beyond them.
inline constexpr double kMaxGasTemperature = 1e4;
inline constexpr double kMaxGasPressure = 1e10;

/// What is wrong with `value` as a number within +/-`limit` (in `unit`), or "".
inline std::string limit_problem(double value, double limit, const std::string& unit) {
  if (!std::isfinite(value)) return detail::limit_number(value) + " is not a finite number";
  if (std::abs(value) <= limit) return {};
  return detail::limit_number(value) + " " + unit + " is outside the accepted range -" + detail::limit_number(limit) +
         " to " + detail::limit_number(limit) + " " + unit;
}

/// Throws SettingError naming `what` (a setting, "{to}", or a phrase) unless
/// `value` is a finite number within +/-`limit`.
inline void check_within(double value, double limit, const std::string& what, const std::string& unit) {
  if (const std::string problem = limit_problem(value, limit, unit); !problem.empty())
    throw SettingError(what + ": " + problem);
}

/// check_within for a voltage (V).
inline void check_voltage(double value, const std::string& what) { check_within(value, kMaxAbsVoltage, what, "V"); }

}  // namespace interphase
