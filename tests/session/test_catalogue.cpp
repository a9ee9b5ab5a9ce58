// The program's catalogue of commands and options (session/catalogue.hpp)
// against the requests they fill, and describe_failure's wording of each
// kind of exception.
#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <system_error>

#include "interphase/session/catalogue.hpp"
#include "interphase/session/failure.hpp"
#include "interphase/session/session.hpp"

BOOST_AUTO_TEST_SUITE(test_catalogue)

using namespace interphase;

namespace {

template <class Q>
std::set<std::string> setting_names() {
  Q q;
  std::set<std::string> names;
  for_each_setting(q, [&](const char* name, auto&) { names.insert(name); });
  return names;
}

const CommandDoc& command(const std::string& path) {
  for (const CommandDoc& c : program_commands())
    if (c.path == path) return c;
  throw std::runtime_error("no command " + path);
}

/// The options of `path` that set no setting of its request: the program's
/// own (data, output, ...) plus the ones its command converts itself.
std::set<std::string> unmatched(const std::string& path, const std::set<std::string>& settings) {
  std::set<std::string> out;
  for (const OptionDoc& o : command(path).options)
    if (!settings.count(o.setting)) out.insert(o.setting);
  return out;
}

const std::set<std::string> kData = {"db", "data", "dataset", "format"};

std::set<std::string> with_data(std::set<std::string> s) {
  s.insert(kData.begin(), kData.end());
  return s;
}

}  // namespace

// A misspelt setting would be an option that silently sets nothing: every
// option of a command with a request names one of its settings, or is one of
// those listed here, which its command reads itself.
BOOST_AUTO_TEST_CASE(options_name_the_settings_of_their_request) {
  const std::set<std::string> chempots = {"voltage", "mu", "gas"};
  BOOST_TEST(unmatched("react", setting_names<ReactRequest>()) == with_data(chempots));
  BOOST_TEST(unmatched("sweep", setting_names<SweepRequest>()) == with_data({}));
  BOOST_TEST(unmatched("map", setting_names<MapRequest>()) == with_data({"color"}));
  BOOST_TEST(unmatched("screen", setting_names<ScreenRequest>()) ==
             with_data({"conditions", "voltage", "mu", "gas", "output", "resume", "quiet"}));
  BOOST_TEST(unmatched("coat", setting_names<CoatRequest>()) ==
             with_data({"output", "resume", "quiet"}));
  BOOST_TEST(unmatched("select", setting_names<SelectRequest>()) == with_data({"sort"}));
  BOOST_TEST(unmatched("db import", setting_names<ImportRequest>()) == std::set<std::string>({"db", "data", "dataset"}));
  BOOST_TEST(unmatched("compare", setting_names<CompareRequest>()) == with_data({"conditions"}));
  BOOST_TEST(unmatched("window", setting_names<WindowRequest>()) == with_data({}));
  BOOST_TEST(unmatched("decompose", setting_names<DecomposeRequest>()) == with_data({}));
  BOOST_TEST(unmatched("hull", setting_names<HullRequest>()) == with_data({}));
  BOOST_TEST(unmatched("stability", setting_names<StabilityRequest>()) == with_data({}));
  BOOST_TEST(unmatched("db add", setting_names<AddEntryRequest>()) == std::set<std::string>({"db", "data", "dataset"}));
  BOOST_TEST(unmatched("db remove", setting_names<RemoveEntryRequest>()) ==
             std::set<std::string>({"db", "data", "dataset"}));
}

BOOST_AUTO_TEST_CASE(every_command_is_listed_once_after_its_group) {
  std::set<std::string> seen;
  for (const CommandDoc& c : program_commands()) {
    BOOST_TEST(seen.insert(c.path).second, c.path << " listed twice");
    const auto space = c.path.rfind(' ');
    if (space != std::string::npos) BOOST_TEST(seen.count(c.path.substr(0, space)) == 1u, c.path << " before its group");
    std::set<std::string> settings;
    for (const OptionDoc& o : c.options) {
      BOOST_TEST(settings.insert(o.setting).second, c.path << ": " << o.setting << " twice");
      BOOST_TEST(!o.help.empty(), c.path << ": " << o.setting << " has no help");
      if (o.traits & kShowDefault) BOOST_TEST(!o.initial.empty(), c.path << ": " << o.setting << " shows no default");
    }
  }
  BOOST_TEST(seen.size() == 18u);  // 13 commands, db and its 5 subcommands
}

BOOST_AUTO_TEST_CASE(shown_defaults_are_the_requests_defaults) {
  std::map<std::string, std::string> initial;
  for (const OptionDoc& o : command("sweep").options) initial[o.setting] = o.initial;
  BOOST_TEST(initial["from"] == "0");
  BOOST_TEST(initial["to"] == "5");
  BOOST_TEST(initial["step"] == "0.01");
  for (const OptionDoc& o : command("coat").options) initial[o.setting] = o.initial;
  BOOST_TEST(initial["max_e_above_hull"] == "0.005");
  BOOST_TEST(initial["max_reduction"] == "2.7");
  BOOST_TEST(initial["max_reaction"] == "0.1");
}

BOOST_AUTO_TEST_CASE(a_setting_is_spelled_as_its_option) {
  BOOST_TEST(option_for_setting("explain_at_x") == "--at-x");
  BOOST_TEST(option_for_setting("max_e_above_hull") == "--max-ehull");
  BOOST_TEST(option_for_setting("pool_max_e_above_hull") == "--pool-max-ehull");
  BOOST_TEST(option_for_setting("from") == "--from");
  BOOST_TEST(option_for_setting("a") == "--a");  // an operand (A) is no option
  BOOST_TEST(option_for_setting("thermo_type") == "--thermo-type");
  BOOST_TEST(option_for_setting("max-ehull") == "--max-ehull");  // not a setting: as written
}

namespace {
template <class E>
Failure failure_of(const E& e, const std::string& request = "interphase react A B") {
  return describe_failure(std::make_exception_ptr(e), [](const std::string& s) { return "<" + s + ">"; }, request);
}
}  // namespace

BOOST_AUTO_TEST_CASE(failures_are_classified_and_worded_once) {
  using K = Failure::Kind;
  const Failure setting = failure_of(SettingError("{from} 7 is above {to} 5"));
  BOOST_TEST((setting.kind == K::Input));
  BOOST_TEST(setting.message == "<from> 7 is above <to> 5");
  const Failure hull = failure_of(ConvexHullError("QH6154 initial simplex is flat"));
  BOOST_TEST((hull.kind == K::Thermo));
  BOOST_TEST(hull.message == "cannot compute a convex hull for interphase react A B: QH6154 initial simplex is flat");
  BOOST_TEST(failure_of(ConvexHullError("flat"), "").message == "cannot compute a convex hull: flat");
  BOOST_TEST((failure_of(FormulaError("invalid formula 'X'")).kind == K::Input));
  BOOST_TEST((failure_of(DataError("bad row")).kind == K::Data));
  BOOST_TEST((failure_of(DatabaseNotFound("no database")).kind == K::MissingFile));
  BOOST_TEST((failure_of(OutputError("disk full")).kind == K::Output));
  BOOST_TEST((failure_of(Interrupted("stopped")).kind == K::Interrupted));
  BOOST_TEST((failure_of(ThermoError("no window")).kind == K::Thermo));
  const Failure internal = failure_of(InternalError("LP failed"));
  BOOST_TEST((internal.kind == K::Internal));
  BOOST_TEST(internal.message == "internal error in interphase react A B: LP failed");
  BOOST_TEST(failure_of(std::logic_error("oops")).message == "internal error: oops");
  const std::filesystem::filesystem_error missing("open", "/no/such", std::make_error_code(std::errc::no_such_file_or_directory));
  const Failure path = failure_of(missing);
  BOOST_TEST((path.kind == K::MissingFile));
  BOOST_TEST(path.message == "cannot use '/no/such': No such file or directory");
  const std::filesystem::filesystem_error denied("open", "/root/x", std::make_error_code(std::errc::permission_denied));
  BOOST_TEST((failure_of(denied).kind == K::Input));
}

BOOST_AUTO_TEST_SUITE_END()
