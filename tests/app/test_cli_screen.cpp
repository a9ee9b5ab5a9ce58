// The screen command end to end on the default data: formulas from files,
// conditions, rows in input order for any thread count, shards that
// concatenate to the whole, resuming after an interruption (also kill -9),
// error rows, windows, the heatmap and the page, and refusals.
#include <boost/test/unit_test.hpp>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "support/cli.hpp"
#include "support/close.hpp"
#include "support/xml.hpp"

BOOST_AUTO_TEST_SUITE(test_cli_screen)

using interphase::test::count_lines;
using interphase::test::default_db_option;
using interphase::test::Run;
using interphase::test::run_cli;
using interphase::test::slurp;
using interphase::test::split_lines;
using interphase::test::write_temp_file;

namespace {

namespace fs = std::filesystem;

const std::string kElectrolytes =
    "# seed electrolytes\nLi6PS5Cl\nLi3InCl6\n\nLi3PS4   # thiophosphate\nLi10GeP2S12\nLi7La3Zr2O12\nLi3YCl6\nLi3OCl\n";
const std::string kCathodes = "Li2RuO3\nLiCoO2\nLiFePO4\nLiMn2O4\n";

std::string job() {
  return "screen @" + write_temp_file("electrolytes.txt", kElectrolytes) + " --against @" +
         write_temp_file("cathodes.txt", kCathodes) + " --conditions closed,3,4.5 --quiet " + default_db_option();
}

}  // namespace

BOOST_AUTO_TEST_CASE(rows_in_input_order_for_any_thread_count) {
  const Run one = run_cli(job() + " --format csv --threads 1");
  BOOST_TEST_REQUIRE(one.code == 0, one.err);
  const auto lines = split_lines(one.out);
  BOOST_TEST_REQUIRE(lines.size() == 1u + 7 * 4 * 3);
  BOOST_TEST(lines[0] == "A,B,condition,chemsys,energy,x,x_mass,products,reaction,error");
  BOOST_TEST(lines[1].rfind("Li6PS5Cl,Li2RuO3,closed,Cl-Li-O-P-Ru-S,", 0) == 0u, lines[1]);
  BOOST_TEST(lines[2].rfind("Li6PS5Cl,Li2RuO3,3,", 0) == 0u, lines[2]);
  BOOST_TEST(lines[3].rfind("Li6PS5Cl,Li2RuO3,4.5,", 0) == 0u, lines[3]);
  BOOST_TEST(lines[4].rfind("Li6PS5Cl,LiCoO2,closed,", 0) == 0u, lines[4]);
  BOOST_TEST(lines.back().rfind("Li3OCl,LiMn2O4,4.5,", 0) == 0u, lines.back());
  for (const char* threads : {"2", "3"}) {
    const Run many = run_cli(job() + " --format csv --threads " + threads);
    BOOST_TEST(many.out == one.out, threads << " threads");
  }
  // The same numbers as react, to the last digit.
  const Run react = run_cli("react Li6PS5Cl Li2RuO3 --voltage 3 --format json " + default_db_option());
  const auto m = nlohmann::json::parse(react.out)["minimum"];
  const Run json = run_cli(job() + " --format json");
  const auto row = nlohmann::json::parse(split_lines(json.out)[1]);
  BOOST_TEST(row["condition"] == "3");
  BOOST_TEST(row["energy"] == m["energy"]);
  BOOST_TEST(row["x"] == m["x"]);
  BOOST_TEST(row["x_mass"] == m["x_mass"]);
  BOOST_TEST(row["reaction"] == m["reaction"]);
  BOOST_TEST(row["products"] == m["products"]);
}

BOOST_AUTO_TEST_CASE(shards_concatenate_to_the_whole) {
  const std::string whole = run_cli(job() + " --format csv").out;
  std::string joined;
  for (int i = 1; i <= 3; ++i) {
    const Run part = run_cli(job() + " --format csv --shard " + std::to_string(i) + "/3");
    BOOST_TEST_REQUIRE(part.code == 0, part.err);
    BOOST_TEST((part.out.rfind("A,B,", 0) == 0u) == (i == 1));  // only the first has the header
    joined += part.out;
  }
  BOOST_TEST(joined == whole);
  const std::string lines_json = run_cli(job() + " --format json").out;
  std::string joined_json;
  for (int i = 1; i <= 5; ++i) joined_json += run_cli(job() + " --format json --shard " + std::to_string(i) + "/5").out;
  BOOST_TEST(joined_json == lines_json);
  for (const std::string bad : {"0/3", "4/3", "1/0", "x", "1/2/3"}) {
    const Run r = run_cli(job() + " --shard " + bad);
    BOOST_TEST(r.code == 2, bad);
    BOOST_TEST(count_lines(r.err) == 1, r.err);
  }
}

BOOST_AUTO_TEST_CASE(resume_gives_the_uninterrupted_output) {
  const std::string whole = run_cli(job() + " --format csv").out;
  const fs::path out = write_temp_file("resume.csv", "");
  BOOST_TEST_REQUIRE(run_cli(job() + " --format csv --output " + out.string()).code == 0);  // with its settings record
  BOOST_TEST(slurp(out) == whole);
  // An interrupted file: some whole rows and a partial one.
  const std::string cut = whole.substr(0, whole.find('\n', whole.size() / 3) + 1) + "Li3PS4,LiCo";
  std::ofstream(out) << cut;
  const Run resumed = run_cli(job() + " --format csv --output " + out.string() + " --resume");
  BOOST_TEST_REQUIRE(resumed.code == 0, resumed.err);
  BOOST_TEST(resumed.out.empty());
  BOOST_TEST(slurp(out) == whole);
  // Resuming a complete file computes nothing more and changes nothing.
  BOOST_TEST(run_cli(job() + " --format csv --output " + out.string() + " --resume").code == 0);
  BOOST_TEST(slurp(out) == whole);
  // Another screen's file is not resumed.
  const Run other = run_cli("screen Li3PS4 --against LiCoO2 --quiet --format csv --output " + out.string() +
                            " --resume " + default_db_option());
  BOOST_TEST(other.code == 2);
  BOOST_TEST(other.err.find("cannot resume") != std::string::npos, other.err);
  BOOST_TEST(slurp(out) == whole);
  // JSON Lines likewise.
  const std::string whole_json = run_cli(job() + " --format json").out;
  const fs::path out_json = write_temp_file("resume.jsonl", "");
  BOOST_TEST_REQUIRE(run_cli(job() + " --format json --output " + out_json.string()).code == 0);
  std::ofstream(out_json, std::ios::binary | std::ios::trunc) << whole_json.substr(0, whole_json.size() / 2);
  BOOST_TEST(run_cli(job() + " --format json --output " + out_json.string() + " --resume").code == 0);
  BOOST_TEST(slurp(out_json) == whole_json);
}

BOOST_AUTO_TEST_CASE(kill_9_then_resume) {
  // A larger screen, killed while it writes: the file holds whole rows only,
  // and resuming completes it to the uninterrupted output.
  const std::string many = "screen @" + write_temp_file("many.txt", kElectrolytes + "Li2S\nLiCl\nLi3N\nLi2O\nLiF\nLi3P\nLiBr\nLiI\n") +
                           " --against @" + write_temp_file("many_b.txt", kCathodes + "LiNiO2\nLi2MnO3\nLiMnPO4\nLiCoPO4\nLiVO2\nLiCrO2\n") +
                           " --conditions closed,1,2,3,4,4.5 --quiet --threads 1 --format csv " + default_db_option();
  const std::string whole = run_cli(many).out;
  const fs::path out = write_temp_file("killed.csv", "");
  fs::remove(out);
  const pid_t pid = fork();
  if (pid == 0) {
    const std::string cmd = std::string(INTERPHASE_CLI) + " " + many + " --output " + out.string();
    execl("/bin/sh", "sh", "-c", ("exec " + cmd).c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  for (int i = 0; i < 400 && (!fs::exists(out) || fs::file_size(out) < 2000); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  kill(pid, SIGKILL);
  int status = 0;
  waitpid(pid, &status, 0);
  const std::string partial = slurp(out);
  BOOST_TEST((partial.empty() || partial.back() == '\n'));  // whole rows only
  BOOST_TEST(whole.rfind(partial, 0) == 0u);                 // a prefix of the full output
  BOOST_TEST(run_cli(many + " --output " + out.string() + " --resume").code == 0);
  BOOST_TEST(slurp(out) == whole);
}

BOOST_AUTO_TEST_CASE(a_bad_pair_is_an_error_row_and_the_run_goes_on) {
  const Run r = run_cli("screen Li6PS5Cl Xq2O 'Li2(O' --against Li2RuO3 Li3OsF6 --format csv " + default_db_option());
  BOOST_TEST_REQUIRE(r.code == 0, r.err);
  const auto lines = split_lines(r.out);
  BOOST_TEST_REQUIRE(lines.size() == 7u);
  BOOST_TEST(lines[1].find(",,") != 0u);
  BOOST_TEST(lines[1].back() == ',');  // computed: empty error
  BOOST_TEST(lines[3].find("unknown element 'Xq'") != std::string::npos, lines[3]);
  BOOST_TEST(lines[5].find("Li2(O") != std::string::npos, lines[5]);
  BOOST_TEST(r.err.find("6 rows (2 computed, 4 with an error)") != std::string::npos, r.err);
  const Run all_bad = run_cli("screen Xq2O --against Li2RuO3 --format csv --quiet " + default_db_option());
  BOOST_TEST(all_bad.code == 2);
  BOOST_TEST(split_lines(all_bad.out).size() == 2u);
}

BOOST_AUTO_TEST_CASE(windows_show_whether_the_electrolyte_covers_the_voltage) {
  // Li3InCl6's window is about 2.51-4.30 V on the default data (README): it covers 3 V, not 4.5 V.
  const Run r = run_cli("screen Li3InCl6 --against Li2RuO3 --conditions closed,3,4.5 --windows --format json --quiet " +
                        default_db_option());
  BOOST_TEST_REQUIRE(r.code == 0, r.err);
  const auto lines = split_lines(r.out);
  BOOST_TEST_REQUIRE(lines.size() == 3u);
  const auto closed = nlohmann::json::parse(lines[0]), at3 = nlohmann::json::parse(lines[1]), at45 = nlohmann::json::parse(lines[2]);
  CHECK_ABS(at3["windows"]["A"]["reduction_V"].get<double>(), 2.5124, 1e-3);
  CHECK_ABS(at3["windows"]["A"]["oxidation_V"].get<double>(), 4.3050, 1e-3);
  BOOST_TEST(closed["A_covers_V"].is_null());
  BOOST_TEST(at3["A_covers_V"] == true);
  BOOST_TEST(at45["A_covers_V"] == false);
  const Run csv = run_cli("screen Li3InCl6 --against Li2RuO3 --conditions 3 --windows --format csv --quiet " + default_db_option());
  BOOST_TEST(split_lines(csv.out)[0] ==
             "A,B,condition,chemsys,energy,x,x_mass,products,reaction,error,A_reduction_V,A_oxidation_V,B_reduction_V,"
             "B_oxidation_V,A_covers_V");
}

BOOST_AUTO_TEST_CASE(formulas_from_stdin_and_refusals) {
  const std::string cathodes = write_temp_file("c.txt", "LiCoO2\n");
  const Run r = run_cli("screen @- --against @" + cathodes + " --format csv --quiet " + default_db_option() + " < " +
                        write_temp_file("stdin.txt", "Li3PS4\n\n# nothing\nLi2S\n"));
  BOOST_TEST_REQUIRE(r.code == 0, r.err);
  BOOST_TEST(split_lines(r.out).size() == 3u);
  for (const std::string& args : std::vector<std::string>{"screen @/nonexistent/list.txt --against LiCoO2", "screen Li3PS4 --against LiCoO2 --conditions closed,x",
                                 "screen Li3PS4 --against LiCoO2 --conditions 3,3", "screen Li3PS4 --against LiCoO2 --conditions inf",
                                 "screen Li3PS4 --against LiCoO2 --resume", "screen @" + write_temp_file("empty.txt", "# none\n") + " --against LiCoO2"}) {
    const Run bad = run_cli(args + " " + default_db_option());
    BOOST_TEST(bad.code == 2, args);
    BOOST_TEST(count_lines(bad.err) == 1, args << ": " << bad.err);
  }
}

BOOST_AUTO_TEST_CASE(heatmap_and_page) {
  std::set<std::string> known = interphase::test::svg_plot_elements();
  known.insert({"defs", "pattern", "linearGradient", "stop"});
  const Run svg = run_cli(job() + " --format svg");
  BOOST_TEST_REQUIRE(svg.code == 0, svg.err);
  const auto d = interphase::test::parse_xml(svg.out, known);
  BOOST_TEST(d.with_class("panel-title").size() == 3u);
  const auto cells = d.with_class("cell");
  BOOST_TEST_REQUIRE(cells.size() == 7u * 4 * 3);
  // The seed result: against Li2RuO3, Li3InCl6 reacts less than Li6PS5Cl under every condition.
  std::map<std::string, double> lowest;
  for (const auto* cell : cells) {
    const std::string t = d.all_text(d.elements[cell->children.front()]);
    const auto at = t.find("E_min = ");
    BOOST_TEST_REQUIRE(at != std::string::npos, t);
    lowest[t.substr(0, t.find('\n'))] = std::stod(t.substr(at + 8));
  }
  for (const std::string panel : {"closed", "Li open at 3 V", "Li open at 4.5 V"})
    BOOST_TEST(lowest.at("Li3InCl6 + Li2RuO3, " + panel) > lowest.at("Li6PS5Cl + Li2RuO3, " + panel), panel);

  const std::string out = write_temp_file("page.html", "");
  const Run html = run_cli(job() + " --format html --output " + out);
  BOOST_TEST_REQUIRE(html.code == 0, html.err);
  BOOST_TEST(html.out.empty());
  known.insert({"html", "head", "meta", "style", "body", "h1", "h2", "p", "dl", "dt", "dd", "figure", "table", "thead",
                "tbody", "tr", "th", "td"});
  const auto page = interphase::test::parse_xml(slurp(out), known);
  BOOST_TEST(page.named("svg").size() == 1u);
  BOOST_TEST(page.with_class("cell").size() == 7u * 4 * 3);
  BOOST_TEST(page.named("tr").size() == 1u + 7 * 4 * 3);
  BOOST_TEST(page.all_text(page.elements.front()).find("mp_e_form") != std::string::npos);

  const Run resume = run_cli(job() + " --format svg --output " + out + " --resume");
  BOOST_TEST(resume.code == 2);
  BOOST_TEST(count_lines(resume.err) == 1, resume.err);
}

BOOST_AUTO_TEST_SUITE_END()  // test_cli_screen
