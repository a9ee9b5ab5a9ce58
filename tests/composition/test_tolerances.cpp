// Every numerical tolerance lives in include/interphase/tolerances.hpp: no
// other source or header of the library writes one as a literal.
#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "interphase/tolerances.hpp"

BOOST_AUTO_TEST_SUITE(test_tolerances)

namespace fs = std::filesystem;

namespace {

const fs::path kRoot = fs::path(INTERPHASE_REFERENCE_DIR).parent_path().parent_path();

/// The code of a C++ source with comments and the contents of string and
/// character literals blanked out (a tolerance written in a comment is
/// documentation, not a tolerance); line breaks are kept.
std::string code_only(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  enum { Code, Line, Block, Str, Chr } state = Code;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i], next = i + 1 < text.size() ? text[i + 1] : '\0';
    switch (state) {
      case Code:
        if (c == '/' && next == '/') state = Line, ++i, out += "  ";
        else if (c == '/' && next == '*') state = Block, ++i, out += "  ";
        else if (c == '"') state = Str, out += c;
        else if (c == '\'' && !(i > 0 && std::isxdigit(static_cast<unsigned char>(text[i - 1])))) state = Chr, out += c;
        else out += c;
        break;
      case Line:
        if (c == '\n') state = Code, out += c;
        break;
      case Block:
        if (c == '*' && next == '/') state = Code, ++i;
        else if (c == '\n') out += c;
        break;
      case Str:
      case Chr:
        if (c == '\\') ++i;
        else if (c == (state == Str ? '"' : '\'')) state = Code, out += c;
        else if (c == '\n') out += c;
        break;
    }
  }
  return out;
}

/// Floating literals that look like tolerances: a negative power of ten
/// (1e-8, 2.5E-3, .5e-7) or a decimal below 0.001 (0.0001, 0.00005).
const std::regex kTolerance(R"((^|[^A-Za-z0-9_.])((\d+\.?\d*|\.\d+)[eE]-\d+|0\.000\d*))");

/// "file:line: literal" for each tolerance literal in the code of `text`.
std::vector<std::string> tolerance_literals(const std::string& text, const std::string& name) {
  std::vector<std::string> found;
  std::istringstream lines(code_only(text));
  std::string line;
  for (int number = 1; std::getline(lines, line); ++number) {
    for (std::sregex_iterator it(line.begin(), line.end(), kTolerance), end; it != end; ++it)
      found.push_back(name + ":" + std::to_string(number) + ": " + (*it)[2].str());
  }
  return found;
}

std::string read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

BOOST_AUTO_TEST_CASE(the_scanner_finds_tolerances_in_code_only) {
  BOOST_TEST(tolerance_literals("if (x < 1e-8) return;", "a").size() == 1u);
  BOOST_TEST(tolerance_literals("a = 2.5E-3 + .5e-7;", "a").size() == 2u);
  BOOST_TEST(tolerance_literals("a = 0.0001;", "a").size() == 1u);
  BOOST_TEST(tolerance_literals("constexpr double kTol = 1e-11;  // pymatgen's 1e-11", "a").front() == "a:1: 1e-11");
  // Not tolerances: comments, strings, large numbers, plain decimals, names.
  BOOST_TEST(tolerance_literals("// within 1e-8\n/* 1e-9 */ x = 1e10 + 0.06 + 0.004;", "a").empty());
  BOOST_TEST(tolerance_literals(R"(s = "1e-5 is \" 1e-6"; c = '"'; k1e-3;)", "a").empty());
  BOOST_TEST(tolerance_literals("kStdP = 1e5; std::uint64_t m = 0x1e-1;", "a").size() == 0u);
}

BOOST_AUTO_TEST_CASE(no_tolerance_literal_outside_the_tolerances_header) {
  const fs::path header = kRoot / "include" / "interphase" / "tolerances.hpp";
  BOOST_REQUIRE(fs::exists(header));
  BOOST_TEST(!tolerance_literals(read(header), "tolerances.hpp").empty());  // the scanner sees the header's
  std::vector<std::string> found;
  std::size_t files = 0;
  for (const char* dir : {"src", "include"}) {
    for (const auto& f : fs::recursive_directory_iterator(kRoot / dir)) {
      const auto ext = f.path().extension();
      if (!f.is_regular_file() || (ext != ".cpp" && ext != ".hpp")) continue;
      if (fs::equivalent(f.path(), header)) continue;
      ++files;
      for (auto& hit : tolerance_literals(read(f.path()), fs::relative(f.path(), kRoot).string())) found.push_back(hit);
    }
  }
  BOOST_TEST(files > 30u);
  std::string list;
  for (const auto& hit : found) list += "\n  " + hit;
  BOOST_TEST(found.empty(), "tolerance literals outside include/interphase/tolerances.hpp:" << list);
}

BOOST_AUTO_TEST_CASE(tolerances_keep_pymatgens_values) {
  // pymatgen 2022.11.7: Composition.amount_tolerance, PhaseDiagram.formation_energy_tol,
  // PhaseDiagram.numerical_tol (and / 10 in _get_facet_and_simplex), BalancedReaction.TOLERANCE.
  BOOST_TEST(interphase::tol::kAmountTolerance == 1e-8);
  BOOST_TEST(interphase::tol::kFormationEnergyTol == 1e-11);
  BOOST_TEST(interphase::tol::kNumericalTol == 1e-8);
  BOOST_TEST(interphase::tol::kInSimplexTol == interphase::tol::kNumericalTol / 10);
  BOOST_TEST(interphase::tol::kBalancedReactionTolerance == 1e-6);
}

BOOST_AUTO_TEST_SUITE_END()  // test_tolerances
