// Each result rendered in each format (report/render.hpp), on the made-up Li-O
// data: the JSON a script parses from the program is the document Python
// receives (to_json), and the format chooses the renderer.
#include <boost/test/unit_test.hpp>

#include <string>

#include <nlohmann/json.hpp>

#include "interphase/report/render.hpp"
#include "support/made_up_session.hpp"

BOOST_AUTO_TEST_SUITE(test_render)

using namespace interphase;
using Json = nlohmann::ordered_json;

namespace {

bool starts_with(const std::string& text, const std::string& prefix) { return text.rfind(prefix, 0) == 0; }

}  // namespace

BOOST_AUTO_TEST_CASE(json_text_is_the_document_python_gets) {
  const test::MadeUpLiO data;
  Session session(data.options());
  SweepRequest sweep;
  sweep.a = "Li2O";
  sweep.b = "O2";
  sweep.from = 0, sweep.to = 4, sweep.step = 1;
  const SweepResult s = session.sweep(sweep);
  BOOST_TEST(Json::parse(render(s, "json")) == to_json(s));
  const DecomposeResult d = session.decompose({"Li2O2"});
  BOOST_TEST(Json::parse(render(d, "json")) == to_json(d));
  // Li2O2 lies 0.1 eV/atom above 0.75 Li2O + 0.25 O2 (worked in made_up_session.hpp).
  BOOST_CHECK_CLOSE(to_json(d)["e_above_hull"].get<double>(), 0.1, 1e-9);
  HullRequest hull{{"Li", "O"}, true};
  const HullResult h = session.hull(hull);
  BOOST_TEST(Json::parse(render(h, "json")) == to_json(h));
  BOOST_TEST(to_json(h)["entries"].size() == 4u);  // every entry with --all
  WindowRequest window;
  window.formula = "Li2O";
  const WindowResult w = session.window(window);
  BOOST_TEST(Json::parse(render(w, "json")) == to_json(w));
}

BOOST_AUTO_TEST_CASE(a_phase_diagram_answers_by_entry_or_formula) {
  const test::MadeUpLiO data;
  Session session(data.options());
  const HullTable table = session.hull({{"Li", "O"}, true}).table;
  const Json entries = entries_json(table);
  BOOST_TEST(entries.size() == 4u);
  int peroxides = 0;
  for (const auto& [id, entry] : entries.items()) {
    if (entry[0] != "Li2O2") continue;
    ++peroxides;
    BOOST_TEST(entry[1] == Json({{"Li", 2.0}, {"O", 2.0}}));  // as written, not reduced
    // 0.1 eV/atom above 0.75 Li2O + 0.25 O2 (made_up_session.hpp), by id and by formula alike.
    BOOST_CHECK_CLOSE(to_json(id, session.stored_stability_in(table, id))["e_above_hull"].get<double>(), 0.1, 1e-9);
  }
  BOOST_TEST(peroxides == 1);
  const Json li2o2 = to_json("Li2O2", session.stored_stability_in(table, "Li2O2"));
  BOOST_CHECK_CLOSE(li2o2["e_above_hull"].get<double>(), 0.1, 1e-9);
  BOOST_CHECK_CLOSE(li2o2["stability"]["hull_energy"].get<double>(), -1.5, 1e-9);
}

BOOST_AUTO_TEST_CASE(the_format_chooses_the_renderer) {
  const test::MadeUpLiO data;
  Session session(data.options());
  ReactRequest react;
  react.a = "Li2O";
  react.b = "O2";
  const ReactResult r = session.react(react);
  BOOST_TEST(render(r, "svg").find("<svg") != std::string::npos);
  BOOST_TEST(render(r, "json").find("<svg") == std::string::npos);
  BOOST_TEST(starts_with(render(r, "json"), "{"));
  BOOST_TEST(starts_with(render(r, "csv"), "x,"));
  BOOST_TEST(render(r, "md") == render(r, "markdown"));
  MapRequest map;
  map.a = "Li2O";
  map.b = "O2";
  const MapResult m = session.map(map);
  BOOST_TEST(render(m, "svg") != render(m, "svg", "energy"));  // regions by products, or the energy as a heatmap
  BOOST_CHECK_THROW(render(r, "yaml"), Error);
}

BOOST_AUTO_TEST_SUITE_END()
