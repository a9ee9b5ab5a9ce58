#include "interphase/grand/grand.hpp"

#include <algorithm>
#include <cmath>

#include "interphase/error.hpp"
#include "interphase/grand/limits.hpp"

namespace interphase {
namespace {

std::vector<Entry> grand_entries(const std::vector<Entry>& entries, const std::vector<int>& elements,
                                 const ChemPots& mu, std::vector<Entry>& phases) {
  std::vector<Entry> out;
  for (const auto& e : entries) {
    std::map<int, double> kept;
    bool inside = true;
    for (const auto& [z, amount] : e.composition.amounts()) {
      if (!std::binary_search(elements.begin(), elements.end(), z)) inside = false;
      if (!mu.count(z)) kept[z] = amount;
    }
    if (!inside || kept.empty()) continue;  // outside the system, or a pure open element
    Entry g = e;
    g.composition = Composition(kept);
    g.e_form = grand_potential(e.composition, e.e_form, mu);
    out.push_back(std::move(g));
    phases.push_back(e);
  }
  return out;
}

std::vector<int> closed_elements(std::vector<int> elements, const ChemPots& mu) {
  std::sort(elements.begin(), elements.end());
  for (const auto& [z, value] : mu) {
    if (!std::binary_search(elements.begin(), elements.end(), z))
      throw ThermoError("open element " + std::string(element(z).symbol) + " is not in the chemical system " +
                        chemsys_string(elements));
  }
  std::vector<int> closed;
  for (int z : elements)
    if (!mu.count(z)) closed.push_back(z);
  if (closed.empty()) throw ThermoError("every element of " + chemsys_string(elements) + " is open: nothing is left to react");
  return closed;
}

}  // namespace

double gas_chempot_correction(int z, double temperature, double pressure) {
  // Cp and S at the standard state, J/(K mol), NIST-JANAF (as pymatgen).
  static const std::map<int, std::pair<double, double>> kGas = {
      {8, {29.376, 205.147}}, {7, {29.124, 191.609}}, {17, {33.949, 223.079}}, {9, {31.302, 202.789}}, {1, {28.836, 130.680}}};
  const auto it = kGas.find(z);
  if (it == kGas.end())
    throw Error("no gas correction for " + std::string(element(z).symbol) + ": only O, N, Cl, F and H are diatomic gases");
  if (!(temperature > 0) || !(pressure > 0)) throw Error("gas temperature and pressure must be positive");
  constexpr double kStdT = 298.15, kStdP = 1e5, kR = 8.3144598, kEvToKjPerMol = 96.4853;
  const auto [cp, s] = it->second;
  const double pv = kR * temperature * std::log(pressure / kStdP);
  const double ts = -cp * (temperature * std::log(temperature) - kStdT * std::log(kStdT)) +
                    cp * (temperature - kStdT) * (1 + std::log(kStdT)) - s * (temperature - kStdT);
  return (pv + ts) / (1000 * kEvToKjPerMol) / 2;
}

std::pair<int, double> parse_chempot(const std::string& text) {
  const auto eq = text.find('=');
  if (eq == std::string::npos || eq == 0 || eq + 1 == text.size())
    throw Error("invalid chemical potential '" + text + "': expected ELEMENT=VALUE in eV, e.g. Li=-3.0");
  const auto z = find_element(text.substr(0, eq));
  if (!z) throw Error("invalid chemical potential '" + text + "': unknown element '" + text.substr(0, eq) + "'");
  std::size_t used = 0;
  double value = 0;
  try {
    value = std::stod(text.substr(eq + 1), &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used != text.size() - eq - 1 || !std::isfinite(value))
    throw Error("invalid chemical potential '" + text + "': '" + text.substr(eq + 1) + "' is not a finite number");
  check_within(value, kMaxAbsChempot, "invalid chemical potential '" + text + "'", "eV");
  return {*z, value};
}

std::pair<int, double> parse_gas_chempot(const std::string& text) {
  const auto eq = text.find('='), comma = text.find(',');
  const auto bad = [&](const std::string& why) {
    return Error("invalid gas chemical potential '" + text + "': " + why + " (expected ELEMENT=T,P with T in K and P in Pa, e.g. O=1000,21000)");
  };
  if (eq == std::string::npos || comma == std::string::npos || comma < eq) throw bad("malformed");
  const auto z = find_element(text.substr(0, eq));
  if (!z) throw bad("unknown element '" + text.substr(0, eq) + "'");
  double values[2] = {0, 0};
  const std::string parts[2] = {text.substr(eq + 1, comma - eq - 1), text.substr(comma + 1)};
  for (int i = 0; i < 2; ++i) {
    std::size_t used = 0;
    try {
      values[i] = std::stod(parts[i], &used);
    } catch (const std::exception&) {
      used = 0;
    }
    if (used == 0 || used != parts[i].size()) throw bad("'" + parts[i] + "' is not a number");
    if (!std::isfinite(values[i])) throw bad("'" + parts[i] + "' is not a finite number");
    const double limit = i == 0 ? kMaxGasTemperature : kMaxGasPressure;
    if (!(values[i] > 0) || values[i] > limit) {
      throw bad(std::string(i == 0 ? "temperature" : "pressure") + " '" + parts[i] + "' is outside (0, " +
                detail::limit_number(limit) + (i == 0 ? "] K" : "] Pa"));
    }
  }
  const double mu = gas_chempot_correction(*z, values[0], values[1]);
  if (!std::isfinite(mu) || std::abs(mu) > kMaxAbsChempot) {
    throw bad("the chemical potential it gives, " + detail::limit_number(mu) + " eV, is outside the accepted range -" +
              detail::limit_number(kMaxAbsChempot) + " to " + detail::limit_number(kMaxAbsChempot) + " eV");
  }
  return {*z, mu};
}

ChemPots resolve_chempots(const std::vector<std::string>& open, const std::optional<double>& voltage,
                          const std::vector<std::string>& mu, const std::vector<std::string>& gas) {
  ChemPots out;
  const auto set = [&](int z, double value) {
    if (!out.emplace(z, value).second)
      throw Error("chemical potential of " + std::string(element(z).symbol) + " given twice");
  };
  for (const auto& m : mu) {
    const auto [z, value] = parse_chempot(m);
    set(z, value);
  }
  for (const auto& g : gas) {
    const auto [z, value] = parse_gas_chempot(g);
    set(z, value);
  }
  std::vector<int> pending;
  for (const auto& symbol : open) {
    const int z = atomic_number(symbol);
    if (!out.count(z)) pending.push_back(z);
  }
  if (voltage) {
    if (pending.empty() && open.empty()) pending.push_back(kLithium);  // a voltage without --open means lithium
    if (pending.size() != 1)
      throw SettingError("{voltage} sets one open element's potential; give the others with {mu} ELEMENT=VALUE");
    check_voltage(*voltage, "{voltage}");
    set(pending.front(), -*voltage);
    pending.clear();
  }
  if (!pending.empty())
    throw SettingError("open element " + std::string(element(pending.front()).symbol) +
                " needs a chemical potential: {voltage} V, {mu} " + std::string(element(pending.front()).symbol) +
                "=VALUE or {gas}");
  return out;
}

double grand_potential(const Composition& c, double energy_per_atom, const ChemPots& mu) {
  double energy = energy_per_atom * c.num_atoms();
  double closed_atoms = 0;
  for (const auto& [z, amount] : c.amounts()) {
    const auto it = mu.find(z);
    if (it != mu.end()) energy -= it->second * amount;
    else closed_atoms += amount;
  }
  if (closed_atoms <= 0) throw ThermoError(c.reduced_formula() + " holds only open elements: it has no grand potential per atom");
  return energy / closed_atoms;
}

GrandPhaseDiagram::GrandPhaseDiagram(const std::vector<Entry>& entries, const std::vector<int>& elements, ChemPots mu)
    : mu_(std::move(mu)), hull_([&] {
        auto closed = closed_elements(elements, mu_);
        auto sorted = elements;
        std::sort(sorted.begin(), sorted.end());
        return PhaseDiagram(grand_entries(entries, sorted, mu_, phases_), closed);
      }()) {}

std::vector<int> GrandPhaseDiagram::open_elements() const {
  std::vector<int> out;
  for (const auto& [z, value] : mu_) out.push_back(z);
  return out;
}

}  // namespace interphase
