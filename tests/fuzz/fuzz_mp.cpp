// libFuzzer target: the Materials Project document JSON parser (no database).
// Any input either gives entries with an id, amounts and a finite formation
// energy within the documented limits, a formula that names the composition
// (and finite reported energies above the hull), or DataError with a printable
// one-line message naming the file.
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <string_view>
#include <vector>

#include "data/detail.hpp"
#include "fuzz_check.hpp"
#include "interphase/error.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace interphase;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    std::vector<ReportedStability> reported;
    const auto entries = data::detail::parse_mp_documents(text, "fuzz.json", "", &reported);
    if (reported.size() > entries.size()) std::abort();
    for (const Entry& e : entries) {
      fuzz::check_entry(e);
      if (e.composition.empty() || e.id.empty() || e.formula.empty()) std::abort();
      // The formula stored names the composition: formula_pretty may not contradict it, and without one it is
      // the composition's own formula (pymatgen's, which writes amounts below 1e-4 as 1e-05: not a formula to parse).
      if (e.formula != e.composition.formula() &&
          !Composition::parse(e.formula).fractional().almost_equal(e.composition.fractional(), tol::kFormulaPrettyTol))
        std::abort();
    }
    for (const auto& r : reported)
      if (!std::isfinite(r.e_above_hull)) std::abort();
  } catch (const DataError& e) {
    fuzz::check_message(e.what());
    if (std::string_view(e.what()).rfind("fuzz.json", 0) != 0) std::abort();
  }
  return 0;
}
