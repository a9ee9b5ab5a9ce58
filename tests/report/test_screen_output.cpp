#include <boost/test/unit_test.hpp>

/// A screen run to its output on the made-up Li-O data set: rows streamed or
/// collected, a file resumed after an interruption, and what is refused.
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "interphase/report/screen_output.hpp"
#include "interphase/report/screen_record.hpp"
#include "support/cli.hpp"
#include "support/made_up_session.hpp"

BOOST_AUTO_TEST_SUITE(test_screen_output)

using namespace interphase;
namespace fs = std::filesystem;

namespace {

/// Li and Li2O2 against O2 and a formula that does not parse, closed and at 1 V: 8 rows, 5 with an
/// error (the 4 with Xx2, and Li at 1 V: only the open element, it has no grand potential).
ScreenRequest request() {
  ScreenRequest q;
  q.as = {"Li", "Li2O2"};
  q.bs = {"O2", "Xx2"};
  q.conditions = {closed_condition(), voltage_condition(1.0)};
  q.threads = 1;
  return q;
}

std::string spelled(const SettingError& e) {
  return e.spelled([](const std::string& name) { return "--" + name; });
}

}  // namespace

BOOST_AUTO_TEST_CASE(csv_rows_stream_with_the_header_and_the_summary_counts_them) {
  test::MadeUpLiO m;
  Session session(m.options());
  const ScreenRequest q = request();
  PreparedScreen screen = session.screen(q);
  std::ostringstream out;
  std::size_t calls = 0;
  const ScreenSummary s = write_screen(screen, q, {"csv", {}, false}, out, [&](std::size_t, std::size_t) { ++calls; });
  BOOST_TEST(s.rows == 8u);
  BOOST_TEST(s.errors == 5u);
  BOOST_TEST(s.ok());
  BOOST_TEST(!s.resumed);
  BOOST_TEST(calls == 8u);
  std::istringstream lines(out.str());
  std::string header, first;
  std::getline(lines, header);
  std::getline(lines, first);
  BOOST_TEST(header == "A,B,condition,chemsys,energy,x,x_mass,products,reaction,error");
  // Li + O2, closed: the lowest point of the hull, Li2O at x_Li = 2/3, -2.0 eV/atom.
  BOOST_TEST(first.rfind("Li,O2,closed,Li-O,-2,0.6666666666666666,", 0) == 0u);
  ScreenSummary sum;
  sum.rows = 8, sum.errors = 4, sum.seconds = 0.25, sum.resumed = true;
  BOOST_TEST(screen_summary(sum) == "interphase: screen: 8 rows (4 computed, 4 with an error) in 0.2 s after resuming\n");
  sum.errors = 8;
  BOOST_TEST(!sum.ok());  // every row failed
}

BOOST_AUTO_TEST_CASE(an_interrupted_file_resumes_to_the_same_bytes_as_one_run) {
  test::MadeUpLiO m;
  Session session(m.options());
  const ScreenRequest q = request();
  const auto whole = m.dir.path / "whole.jsonl", part = m.dir.path / "part.jsonl";
  std::ostringstream unused;
  PreparedScreen first = session.screen(q);
  write_screen(first, q, {"json", whole, false}, unused);
  BOOST_TEST(unused.str().empty());  // the rows went to the file
  const std::string text = test::slurp(whole);
  // Interrupted after three whole rows and half a fourth.
  std::size_t cut = 0;
  for (int i = 0; i < 3; ++i) cut = text.find('\n', cut) + 1;
  std::ofstream(part, std::ios::binary) << text.substr(0, cut + 10);
  fs::copy_file(screen_record_path(whole), screen_record_path(part));  // its settings record, as the run left it
  PreparedScreen again = session.screen(q);
  const ScreenSummary s = write_screen(again, q, {"json", part, true}, unused);
  BOOST_TEST(test::slurp(part) == text);
  BOOST_TEST(s.rows == 5u);
  BOOST_TEST(s.resumed);

  // Another screen's rows are not this one's: refused, naming the file, and left as they were.
  ScreenRequest other = q;
  other.as = {"Li2O2", "Li"};
  PreparedScreen different = session.screen(other);
  BOOST_CHECK_EXCEPTION(write_screen(different, other, {"json", part, true}, unused), DataError, [&](const DataError& e) {
    return std::string(e.what()).rfind("cannot resume '" + part.string() +
                                           "': it was written with other settings or another data set (a: ", 0) == 0;
  });
  // Its rows are checked too: with the record of that other screen, row 1 is not its.
  write_screen_record(part, screen_record(other, different.settings, "json"));
  BOOST_CHECK_EXCEPTION(write_screen(different, other, {"json", part, true}, unused), DataError, [&](const DataError& e) {
    return std::string(e.what()).rfind("cannot resume '" + part.string() + "': its row 1 (Li, O2, closed)", 0) == 0;
  });
  BOOST_TEST(test::slurp(part) == text);
}

BOOST_AUTO_TEST_CASE(plots_show_no_uncertainty_and_only_a_csv_or_json_file_resumes) {
  ScreenRequest q = request();
  BOOST_CHECK_NO_THROW(check_screen_output({"svg", {}, false}, q));
  q.uncertainty.samples = 10;
  BOOST_CHECK_EXCEPTION(check_screen_output({"html", {}, false}, q), SettingError, [](const SettingError& e) {
    return spelled(e) == "--uncertainty and --samples write text, markdown, json or csv, not html";
  });
  BOOST_CHECK_NO_THROW(check_screen_output({"csv", {}, false}, q));
  const std::string resume = "--resume continues an --output FILE written as csv or json";
  for (const ScreenOutput& o : {ScreenOutput{"csv", {}, true}, ScreenOutput{"markdown", "out.md", true}})
    BOOST_CHECK_EXCEPTION(check_screen_output(o, q), SettingError, [&](const SettingError& e) { return spelled(e) == resume; });
  BOOST_CHECK_NO_THROW(check_screen_output({"json", "out.jsonl", true}, q));
}

BOOST_AUTO_TEST_SUITE_END()  // test_screen_output
