// libFuzzer target: the formula parser. Any input either parses into a
// composition within the documented limits, or throws FormulaError with a
// printable one-line message; nothing else (no crash, no other exception).
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "fuzz_check.hpp"
#include "interphase/composition/composition.hpp"
#include "interphase/error.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace interphase;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    const Composition c = Composition::parse(text);
    if (c.empty() || !(c.num_atoms() > 0) || !std::isfinite(c.num_atoms())) std::abort();
    for (const auto& [z, amount] : c.amounts()) {
      if (!(amount > 0) || amount > Composition::kMaxAmount) std::abort();
    }
    // Printing and reducing must hold for every accepted formula.
    if (c.formula().empty() || c.reduced_formula().empty()) std::abort();
    // The printed formula reads back (except Python-style exponents, "Li1e-05O1").
    const std::string printed = c.formula();
    if (printed.find("e-") == std::string::npos && printed.find("e+") == std::string::npos) {
      // Amounts print rounded to 8 decimals (pymatgen's formula_double_format).
      if (!Composition::parse(printed).almost_equal(c, 1e-8 + 1e-14 * c.num_atoms())) std::abort();
    }
    (void)c.fractional();
    (void)c.mass();
  } catch (const FormulaError& e) {
    fuzz::check_message(e.what());
  }
  return 0;
}
