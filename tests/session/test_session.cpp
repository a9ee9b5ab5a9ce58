#include <boost/test/unit_test.hpp>

/// The request layer on a made-up Li-O data set whose answers are worked by
/// hand: one typed request in, one typed result out; the session builds the
/// database once, computes the stored stability once and tells its observer.
#include <algorithm>
#include <fstream>
#include <type_traits>
#include <functional>
#include <string>
#include <vector>

#include "interphase/session/session.hpp"
#include "support/made_up_session.hpp"

BOOST_AUTO_TEST_SUITE(test_session)

using namespace interphase;

namespace {

/// Everything the session told its observer.
struct Recorder : SessionObserver {
  std::vector<std::string> stages;
  int opened_new = 0, started = 0, finished_ok = 0, finished_failed = 0;
  void stage(const std::string& what) override { stages.push_back(what); }
  void opening_database(const std::filesystem::path&, bool exists) override { opened_new += !exists; }
  void stability_started(const DatasetInfo&) override { ++started; }
  void stability_finished(const DatasetInfo&, double, bool ok) override { ok ? ++finished_ok : ++finished_failed; }
};

/// The made-up Li-O data set, with a recorder of what the session tells.
struct MadeUp : test::MadeUpLiO {
  Recorder recorder;
};

}  // namespace

BOOST_AUTO_TEST_CASE(decompose_answers_the_hand_worked_hull_and_computes_stability_once) {
  MadeUp m;
  Session session(m.options(), &m.recorder);
  const DecomposeResult d = session.decompose({"Li2O2"});
  BOOST_CHECK_CLOSE(d.stability.e_above_hull.value(), 0.1, 1e-9);
  BOOST_CHECK_CLOSE(d.stability.hull_energy, -1.5, 1e-9);
  BOOST_REQUIRE_EQUAL(d.stability.products.size(), 2u);
  BOOST_CHECK_EQUAL(d.stability.products[0].first, "Li2O");
  BOOST_CHECK_CLOSE(d.stability.products[0].second, 0.75, 1e-9);
  BOOST_CHECK_EQUAL(d.stability.products[1].first, "O2");
  BOOST_CHECK_EQUAL(m.recorder.opened_new, 1);
  BOOST_CHECK_EQUAL(m.recorder.started, 1);
  BOOST_CHECK_EQUAL(m.recorder.finished_ok, 1);

  // A second request, and a second session on the same file, read the stored result.
  session.hull({{"O", "Li"}, true});
  Recorder again;
  Session other(m.options(), &again);
  const HullResult h = other.hull({{"Li", "O"}, false});
  BOOST_CHECK_EQUAL(m.recorder.started, 1);
  BOOST_CHECK_EQUAL(again.started, 0);
  BOOST_CHECK_EQUAL(again.opened_new, 0);
  BOOST_CHECK_EQUAL(h.table.stable_count(), 3u);  // Li, O2, Li2O
  BOOST_CHECK(!m.recorder.stages.empty());
}

BOOST_AUTO_TEST_CASE(react_takes_typed_settings_and_finds_the_hand_worked_minimum) {
  MadeUp m;
  Session session(m.options());
  ReactRequest q;
  q.a = "Li";
  q.b = "O2";
  const ReactResult r = session.react(q);
  // Li + O: the lowest point of the hull, Li2O at x_Li = 2/3, -2.0 eV/atom (elements at 0).
  BOOST_CHECK_CLOSE(r.reaction.minimum().x, 2.0 / 3.0, 1e-9);
  BOOST_CHECK_CLOSE(r.reaction.minimum().energy, -2.0, 1e-9);
  BOOST_CHECK_EQUAL(r.context.chemsys, "Li-O");
  BOOST_CHECK(!r.context.uncertainty);

  // The total form of a metastable reactant ends at -e_above_hull: Li2O2 against O2 at x = 1.
  ReactRequest total;
  total.a = "Li2O2";
  total.b = "O2";
  total.settings.energy = EnergyForm::Total;
  total.uncertainty.linear = true;
  total.uncertainty.sigma = 0.0;
  const ReactResult t = session.react(total);
  BOOST_CHECK_CLOSE(t.reaction.kinks().back().energy, -0.1, 1e-7);
  BOOST_REQUIRE(t.context.uncertainty);
  BOOST_CHECK_SMALL(t.context.uncertainty->minimum, 1e-12);  // sigma 0: no spread
}

BOOST_AUTO_TEST_CASE(select_and_add_entry_change_what_is_stable) {
  MadeUp m;
  Session session(m.options());
  SelectRequest stable_li_o;
  stable_li_o.with = {"Li", "O"};
  stable_li_o.stable = true;
  auto selected = session.select(stable_li_o).entries;
  BOOST_REQUIRE_EQUAL(selected.size(), 1u);
  BOOST_CHECK_EQUAL(selected[0].reduced_formula, "Li2O");

  // Li2O2 at -1.6 lies below the old hull (-1.5) at its composition: now stable.
  const EntryChangeResult added = session.add_entry({"Li2O2", -1.6, "", 1});
  BOOST_CHECK_EQUAL(added.entry.id, "made_up:added-1");
  BOOST_REQUIRE(added.stability);
  BOOST_CHECK(added.stability->stable);
  BOOST_CHECK(added.decomposition.empty());
  BOOST_CHECK_EQUAL(session.select(stable_li_o).entries.size(), 2u);

  const EntryChangeResult removed = session.remove_entry({"made_up:added-1", 1});
  BOOST_CHECK_EQUAL(removed.entry.id, "made_up:added-1");
  BOOST_CHECK_EQUAL(session.select(stable_li_o).entries.size(), 1u);
}

BOOST_AUTO_TEST_CASE(bad_requests_fail_with_a_message_naming_the_setting_and_leave_nothing_behind) {
  MadeUp m;
  SessionOptions missing = m.options();
  missing.create = false;
  Session session(missing);
  BOOST_CHECK_THROW(session.decompose({"Li2O"}), DatabaseNotFound);
  BOOST_CHECK(!std::filesystem::exists(missing.database));

  Session made(m.options());
  ReactRequest q;
  q.a = "Li";
  q.b = "O2";
  q.uncertainty.sigma = -1;
  BOOST_CHECK_EXCEPTION(made.react(q), Error,
                        [](const Error& e) { return std::string(e.what()).find("sigma") != std::string::npos; });
  q.uncertainty.sigma = 0.024;
  q.open = {{"Li", 1e6}};
  BOOST_CHECK_EXCEPTION(made.react(q), Error, [](const Error& e) {
    return std::string(e.what()).find("chemical potential of Li") != std::string::npos;
  });
  q.open = {{"Xx", -3}};
  BOOST_CHECK_THROW(made.react(q), FormulaError);
  BOOST_CHECK_THROW(made.hull({{}, false}), Error);
  SelectRequest bad;
  bad.max_e_above_hull = -0.1;
  BOOST_CHECK_THROW(made.select(bad), Error);
}

BOOST_AUTO_TEST_CASE(conditions_are_built_from_numbers_and_symbols) {
  const Condition v = voltage_condition(3.0);
  BOOST_CHECK_EQUAL(v.label, "3");
  BOOST_REQUIRE(v.voltage);
  BOOST_CHECK_EQUAL(v.open.at(3), -3.0);
  const Condition mu = chempot_condition({{"O", -1.5}, {"Li", -3.0}});
  BOOST_CHECK_EQUAL(mu.label, "Li=-3;O=-1.5");
  BOOST_CHECK(!mu.voltage);
  BOOST_CHECK(closed_condition().open.empty());
  BOOST_CHECK_THROW(voltage_condition(1000.0), Error);
  BOOST_CHECK(parse_import_kind("mp-json") == ImportKind::MpJson);
  BOOST_CHECK_EQUAL(to_string(ImportKind::PymatgenJson), "pymatgen-json");
  BOOST_CHECK_THROW(parse_import_kind("xml"), Error);
}

BOOST_AUTO_TEST_CASE(text_settings_give_open_elements_and_a_screens_conditions) {
  // Li open at 3 V (mu = -3) and O from a gas setting; the voltage goes to the one element without a potential.
  const OpenChempots mu = open_chempots({"Li"}, 3.0, {"O=-2.5"}, {});
  BOOST_REQUIRE_EQUAL(mu.size(), 2u);
  BOOST_CHECK_EQUAL(mu.at("Li"), -3.0);
  BOOST_CHECK_EQUAL(mu.at("O"), -2.5);
  BOOST_CHECK_EQUAL(open_chempots({}, 4.5, {}, {}).at("Li"), -4.5);  // a voltage alone opens Li

  ScreenRequest q;
  set_screen_conditions(q, "closed,3", {"Na"}, 4.5, {"Li=-1"}, {});
  BOOST_CHECK_EQUAL(q.open, "Na");
  BOOST_REQUIRE_EQUAL(q.conditions.size(), 4u);
  BOOST_CHECK_EQUAL(q.conditions[0].label, "closed");
  BOOST_CHECK_EQUAL(q.conditions[1].open.at(11), -3.0);  // Na, not Li, at the voltages
  BOOST_CHECK_EQUAL(q.conditions[2].label, "4.5");
  BOOST_CHECK_EQUAL(q.conditions[3].label, "Li=-1");
  BOOST_CHECK(!q.conditions[3].voltage);

  ScreenRequest none;
  set_screen_conditions(none, std::nullopt, {}, std::nullopt, {}, {});
  BOOST_CHECK_EQUAL(none.open, "Li");
  BOOST_CHECK(none.conditions.empty());  // the screen's default: closed only
  BOOST_CHECK_EXCEPTION(set_screen_conditions(none, "", {}, 3.0, {}, {}), SettingError, [](const SettingError& e) {
    return std::string(e.what()) == "conditions is empty: expected e.g. closed,3,4.5";  // given, but empty
  });
  BOOST_CHECK_EXCEPTION(set_screen_conditions(none, std::nullopt, {"Li", "Na"}, std::nullopt, {}, {}), Error, [](const Error& e) {
    return std::string(e.what()) == "screen opens one element at its voltages, got 2";
  });
  BOOST_CHECK_THROW(set_screen_conditions(none, "closed,closed", {}, std::nullopt, {}, {}), SettingError);
}

BOOST_AUTO_TEST_CASE(settings_given_as_text_are_checked_naming_the_setting) {
  const auto option = [](const SettingError& e) {
    return e.spelled([](const std::string& name) { return "--" + name; });
  };
  BOOST_CHECK(element_symbols("Li-S") == (std::vector<std::string>{"Li", "S"}));
  BOOST_CHECK(element_symbols("S,Li") == (std::vector<std::string>{"Li", "S"}));
  BOOST_CHECK_THROW(element_symbols("Li,Xx"), FormulaError);
  BOOST_CHECK_EXCEPTION(element_symbols("Li,Xx", "with"), SettingError,
                        [&](const SettingError& e) { return option(e).rfind("--with 'Li,Xx': ", 0) == 0; });

  BOOST_CHECK(parse_element_count("3") == std::make_pair(3, 3));
  BOOST_CHECK(parse_element_count("3-5") == std::make_pair(3, 5));
  for (const char* bad : {"0", "5-3", "three", "200", "3-", "3-5-7", "3 "})
    BOOST_CHECK_EXCEPTION(parse_element_count(bad), SettingError, [&](const SettingError& e) {
      return option(e) == "--elements '" + std::string(bad) + "': expected a number of elements N or a range N-M, e.g. 3-5";
    });

  BOOST_CHECK_EQUAL(parse_formation_energy("-1.71"), -1.71);
  BOOST_CHECK_EQUAL(parse_formation_energy("2e-1"), 0.2);
  for (const char* bad : {"abc", "1.5x", "", "0x10"})
    BOOST_CHECK_EXCEPTION(parse_formation_energy(bad), Error, [&](const Error& e) {
      return std::string(e.what()) == "formation energy '" + std::string(bad) + "' is not a number (eV/atom)";
    });
  for (const char* bad : {"inf", "1e999"})  // a number, but none a double holds
    BOOST_CHECK_EXCEPTION(parse_formation_energy(bad), Error, [&](const Error& e) {
      return std::string(e.what()) == "formation energy '" + std::string(bad) + "' is not a finite number (eV/atom)";
    });
}

BOOST_AUTO_TEST_CASE(a_bad_setting_of_a_request_is_named_before_any_data_is_read) {
  SessionOptions nowhere{"/nonexistent/interphase/db.sqlite", "/nonexistent/data.csv", std::nullopt, false};
  Session session(nowhere);
  const auto message = [](const std::function<void()>& f) {
    try {
      f();
    } catch (const SettingError& e) {
      return e.spelled([](const std::string& name) { return "<" + name + ">"; });
    }
    return std::string("no SettingError");
  };
  ReactRequest q;
  q.a = "Li", q.b = "O2";
  q.explain_at_x = {0.5, 1.5};
  BOOST_CHECK_EQUAL(message([&] { session.react(q); }), "<explain_at_x> 1.5: a mixing ratio lies in [0, 1]");
  q.explain_at_x.clear();
  q.uncertainty.sigma = 6;
  BOOST_CHECK_EQUAL(message([&] { session.react(q); }), "<sigma> must be a number of eV/atom from 0 to 5, got 6");
  CompareRequest c;
  c.uncertainty.sigma = -1;  // the missing samples first
  BOOST_CHECK_EQUAL(message([&] { session.compare(c); }), "compare needs <samples> N (at least 1)");
  SelectRequest s;
  s.max_e_above_hull = -0.5;
  BOOST_CHECK_EQUAL(message([&] { session.select(s); }),
                    "<max_e_above_hull> must be a non-negative number of eV/atom, got -0.500000");
  ImportRequest i;
  i.file = "/nonexistent/calcs.csv";
  i.thermo_type = "GGA_GGA+U";
  BOOST_CHECK_EQUAL(message([&] { session.import_file(i); }),
                    "<thermo_type> applies to Materials Project documents (<kind> mp-json), not to csv files");
  i.thermo_type.clear();
  i.kind = ImportKind::MpJson;
  i.sigma_column = "sigma";
  BOOST_CHECK_EQUAL(message([&] { session.import_file(i); }),
                    "<sigma_column> applies to CSV and pymatgen-json files, not to mp-json files");
}

BOOST_AUTO_TEST_CASE(a_phase_diagram_answers_for_an_entry_id_or_a_formula) {
  MadeUp m;
  Session session(m.options());
  const PhaseDiagram li_o = session.phase_diagram({"Li", "O"});
  // Li2O2 (row 4 of the CSV) lies 0.1 eV/atom above 0.75 Li2O + 0.25 O2.
  const DiagramStability by_id = session.stability_in(li_o, "made_up:4");
  BOOST_REQUIRE(by_id.e_above_hull);
  BOOST_CHECK_CLOSE(*by_id.e_above_hull, 0.1, 1e-9);
  BOOST_CHECK_CLOSE(by_id.stability.hull_energy, -1.5, 1e-9);
  const DiagramStability by_formula = session.stability_in(li_o, "Li2O2");
  BOOST_CHECK_CLOSE(by_formula.e_above_hull.value(), 0.1, 1e-9);
  // LiO3: no entry of its own, so no e_above_hull; the hull between Li2O and O2 at x_O = 0.75: -2.0 (0.25) / (2/3).
  const DiagramStability none = session.stability_in(li_o, "LiO3");
  BOOST_CHECK(!none.e_above_hull);
  BOOST_CHECK_CLOSE(none.stability.hull_energy, -0.75, 1e-9);

  const PhaseDiagram li = session.phase_diagram({"Li"});
  BOOST_CHECK_EXCEPTION(session.stability_in(li, "made_up:3"), ThermoError, [](const ThermoError& e) {
    return std::string(e.what()) == "entry 'made_up:3' (Li2O, elements Li-O) is outside the phase diagram of Li";
  });
  BOOST_CHECK_EXCEPTION(session.stability_in(li, "made_up:9"), FormulaError, [](const FormulaError& e) {
    return std::string(e.what()).rfind("'made_up:9' is neither an entry id of data set 'made_up' nor a formula (", 0) == 0;
  });
}

BOOST_AUTO_TEST_CASE(the_stored_phase_diagram_answers_as_the_qhull_one) {
  // The same hand-worked answers from the stored stability (linear programs over the stable entries).
  MadeUp m;
  Session session(m.options());
  const HullTable li_o = session.hull({{"Li", "O"}, true}).table;
  const DiagramStability by_id = session.stored_stability_in(li_o, "made_up:4");
  BOOST_REQUIRE(by_id.e_above_hull);
  BOOST_CHECK_CLOSE(*by_id.e_above_hull, 0.1, 1e-9);
  BOOST_CHECK_CLOSE(by_id.stability.hull_energy, -1.5, 1e-9);
  BOOST_CHECK_EQUAL(by_id.stability.chemsys, "Li-O");
  BOOST_CHECK_CLOSE(session.stored_stability_in(li_o, "Li2O2").e_above_hull.value(), 0.1, 1e-9);
  const DiagramStability none = session.stored_stability_in(li_o, "LiO3");
  BOOST_CHECK(!none.e_above_hull);
  BOOST_CHECK_CLOSE(none.stability.hull_energy, -0.75, 1e-9);
  BOOST_CHECK_EQUAL(none.stability.chemsys, "Li-O");

  const HullTable li = session.hull({{"Li"}, true}).table;
  BOOST_CHECK_EXCEPTION(session.stored_stability_in(li, "made_up:3"), ThermoError, [](const ThermoError& e) {
    return std::string(e.what()) == "entry 'made_up:3' (Li2O, elements Li-O) is outside the phase diagram of Li";
  });
  BOOST_CHECK_EXCEPTION(session.stored_stability_in(li, "Li2O"), ThermoError, [](const ThermoError& e) {
    return std::string(e.what()) == "composition Li2O has O, which is not in the chemical system Li";
  });
}

BOOST_AUTO_TEST_CASE(an_observer_that_asks_to_stop_ends_the_request_with_interrupted) {
  struct Stop : SessionObserver {
    int asked = 0;
    bool interrupted() override { return ++asked > 0; }
  };
  MadeUp m;
  Stop stop;
  Session session(m.options(), &stop);
  BOOST_CHECK_THROW(session.decompose({"Li2O2"}), Interrupted);
  BOOST_CHECK_GT(stop.asked, 0);
  session.set_observer(nullptr);  // nothing asks: the request runs
  BOOST_CHECK_CLOSE(session.decompose({"Li2O2"}).stability.hull_energy, -1.5, 1e-9);
}

BOOST_AUTO_TEST_CASE(every_setting_of_a_request_has_one_name_for_every_front_end) {
  // A front end given settings by name fills a request field by field.
  const auto names = [](auto q) {
    std::vector<std::string> out;
    for_each_setting(q, [&](const char* name, auto&) { out.push_back(name); });
    return out;
  };
  BOOST_CHECK(names(SweepRequest{}) ==
              (std::vector<std::string>{"a", "b", "energy", "reactant_energy", "open", "from", "to", "step", "uncertainty",
                                        "sigma", "samples", "seed", "threshold", "threads"}));
  BOOST_CHECK_EQUAL(names(SelectRequest{}).size(), 13u);  // elements beside min_elements and max_elements
  BOOST_CHECK_EQUAL(names(ImportRequest{}).size(), 9u);
  const auto screen = names(ScreenRequest{});
  BOOST_CHECK_EQUAL(std::count(screen.begin(), screen.end(), "threads"), 2);  // its pairs and its Monte Carlo

  SweepRequest q;
  for_each_setting(q, [](const std::string& name, auto& field) {
    if constexpr (std::is_same_v<std::decay_t<decltype(field)>, double>) {
      if (name == "from") field = 1.5;
      if (name == "sigma") field = 0.05;
    }
  });
  BOOST_CHECK_EQUAL(q.from, 1.5);
  BOOST_CHECK_EQUAL(q.uncertainty.sigma, 0.05);
  BOOST_CHECK_EQUAL(q.to, 5.0);
}

BOOST_AUTO_TEST_SUITE_END()
