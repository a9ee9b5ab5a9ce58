// libFuzzer target: the pymatgen ComputedEntry JSON parser (no database). Any
// input either gives finite formation energies within the documented limits,
// or DataError with a printable one-line message naming the file.
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "data/detail.hpp"
#include "fuzz_check.hpp"
#include "interphase/error.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace interphase;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    const auto entries = data::detail::parse_pymatgen_entries(text, "fuzz.json", "fuzz");
    if (entries.empty()) std::abort();
    for (const Entry& e : entries) {
      fuzz::check_entry(e);
      if (e.composition.empty() || e.id.empty()) std::abort();
    }
  } catch (const DataError& e) {
    fuzz::check_message(e.what());
    if (std::string_view(e.what()).rfind("fuzz.json", 0) != 0) std::abort();
  }
  return 0;
}
