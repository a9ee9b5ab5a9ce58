#include <boost/test/unit_test.hpp>

/// Data-set reports on the made-up Li-O data set: every entry's stability as
/// JSON rows, an added or removed entry, an import's comparison with the
/// file's own energy_above_hull, db info and db check; and the session's
/// results rendered whole as their fields are.
#include <string>

#include "interphase/report/dataset_format.hpp"
#include "interphase/report/open_format.hpp"
#include "support/made_up_session.hpp"

BOOST_AUTO_TEST_SUITE(test_dataset_format)

using namespace interphase;

BOOST_AUTO_TEST_CASE(every_entry_is_one_json_object_with_its_named_decomposition) {
  test::MadeUpLiO m;
  Session session(m.options());
  const StabilityResult r = session.stability({1});
  const auto rows = stability_rows_json(r.entries, r.rows);
  BOOST_REQUIRE_EQUAL(rows.size(), 4u);
  const auto& li2o2 = rows[3];
  BOOST_TEST(li2o2["id"].get<std::string>() == "made_up:4");
  BOOST_TEST(li2o2["reduced_formula"].get<std::string>() == "Li2O2");  // a peroxide, as pymatgen names it
  BOOST_TEST(li2o2["e_above_hull"].get<double>() == 0.1, boost::test_tools::tolerance(1e-9));
  BOOST_TEST(!li2o2["stable"].get<bool>());
  // 0.75 Li2O + 0.25 O2 in atomic fractions.
  BOOST_TEST(li2o2["decomposition"]["Li2O"].get<double>() == 0.75, boost::test_tools::tolerance(1e-9));
  BOOST_TEST(li2o2["decomposition"]["O2"].get<double>() == 0.25, boost::test_tools::tolerance(1e-9));
  BOOST_TEST(rows[2]["stable"].get<bool>());
}

BOOST_AUTO_TEST_CASE(an_added_entry_says_where_it_lies_and_a_removed_one_what_it_was) {
  test::MadeUpLiO m;
  Session session(m.options());
  const EntryChangeResult above = session.add_entry({"Li2O3", -1.0, "my:1", 1});
  // Li2O3 (x_O = 0.6): hull -2.0 * 0.4 / (2/3) = -1.2; at -1.0 it lies 0.2 above, into Li2O + O2.
  BOOST_TEST(entry_change_text(above, false) ==
             "my:1: Li2O3, e_form -1.000000 eV/atom, e_above_hull 0.200000 eV/atom, decomposes to Li2O + O2\n");
  const auto j = entry_change_json(above);
  BOOST_TEST(j["decomposition"]["Li2O"].get<double>() == 0.6, boost::test_tools::tolerance(1e-9));
  BOOST_TEST(j["decomposition"]["O2"].get<double>() == 0.4, boost::test_tools::tolerance(1e-9));
  BOOST_TEST(j.contains("systems_recomputed"));
  const EntryChangeResult stable = session.add_entry({"Li2O", -2.5, "my:2", 1});
  BOOST_TEST(entry_change_text(stable, false) ==
             "my:2: Li2O, e_form -2.500000 eV/atom, e_above_hull 0.000000 eV/atom (stable)\n");
  BOOST_TEST(entry_change_json(stable)["decomposition"]["Li2O"].get<double>() == 1.0);  // a stable entry is its own
  const EntryChangeResult removed = session.remove_entry({"my:1", 1});
  BOOST_TEST(entry_change_text(removed, true) == "removed my:1: Li2O3, e_form -1.000000 eV/atom\n");
  BOOST_TEST(!entry_change_json(removed).contains("stable"));
  StabilityRun run;
  run.systems = 3, run.recomputed = 2;
  BOOST_TEST(recomputed_text(run) == "interphase: recomputed 2 of 3 chemical systems\n");
}

BOOST_AUTO_TEST_CASE(an_import_compares_the_files_own_energy_above_hull_with_ours) {
  ImportResult r;
  BOOST_TEST(import_comparison_text(r) == "");  // a file without its own: nothing to say
  r.reported.resize(7);
  BOOST_TEST(import_comparison_text(r) ==
             "interphase: energy_above_hull of 7 documents compared with the hull of this data set: 0 differ by more "
             "than 1 meV/atom\n");
  for (int i = 0; i < 6; ++i) r.differences.push_back({"mp-" + std::to_string(i), "LiO", 0.5, 0.25});
  const std::string text = import_comparison_text(r);
  BOOST_TEST(text.find("6 differ by more than 1 meV/atom; the largest:\n") != std::string::npos);
  BOOST_TEST(text.find("  mp-0 LiO: ours 0.5000, file 0.2500 eV/atom (difference 0.2500)\n") != std::string::npos);
  BOOST_TEST(text.find("mp-4") != std::string::npos);
  BOOST_TEST(text.find("mp-5") == std::string::npos);  // five at most
}

BOOST_AUTO_TEST_CASE(db_info_lists_the_file_and_each_data_set) {
  DatasetInfo d;
  d.name = "mine";
  d.n_entries = 4;
  const auto j = info_json("/tmp/x.sqlite", {d});
  BOOST_TEST(j["database"].get<std::string>() == "/tmp/x.sqlite");
  BOOST_REQUIRE_EQUAL(j["datasets"].size(), 1u);
  BOOST_TEST(j["datasets"][0]["name"].get<std::string>() == "mine");
  BOOST_TEST(j["datasets"][0]["n_entries"].get<int>() == 4);
  BOOST_TEST(format_info("/tmp/x.sqlite", {d}, Format::Json) == j.dump(1) + "\n");
  BOOST_TEST(info_json("/tmp/x.sqlite", {})["datasets"].empty());
}

BOOST_AUTO_TEST_CASE(db_check_as_json_holds_each_passed_check_and_each_problem_with_its_remedy) {
  HealthReport r;
  r.passed = {"SQLite integrity check: ok"};
  const auto healthy = health_json(r);
  BOOST_TEST(healthy["healthy"].get<bool>());
  BOOST_TEST(healthy["passed"][0].get<std::string>() == "SQLite integrity check: ok");
  BOOST_TEST(healthy["problems"].is_array());
  BOOST_TEST(healthy["problems"].empty());
  r.problems = {{"entry count 3, recorded 4", "import the data set again"}};
  const auto damaged = health_json(r);
  BOOST_TEST(!damaged["healthy"].get<bool>());
  BOOST_REQUIRE_EQUAL(damaged["problems"].size(), 1u);
  BOOST_TEST(damaged["problems"][0]["what"].get<std::string>() == "entry count 3, recorded 4");
  BOOST_TEST(damaged["problems"][0]["remedy"].get<std::string>() == "import the data set again");
  BOOST_TEST(damaged.dump() == R"({"healthy":false,"passed":["SQLite integrity check: ok"],)"
                               R"("problems":[{"what":"entry count 3, recorded 4","remedy":"import the data set again"}]})");
}

BOOST_AUTO_TEST_CASE(a_sessions_result_renders_as_its_fields_do) {
  test::MadeUpLiO m;
  Session session(m.options());
  const DecomposeResult d = session.decompose({"Li2O2"});
  BOOST_TEST(stability_json(d) == stability_json(d.formula, d.stability));
  BOOST_TEST(stability_json(d)["e_above_hull"].get<double>() == 0.1, boost::test_tools::tolerance(1e-9));
  const HullResult all = session.hull({{"Li", "O"}, true});
  BOOST_TEST(hull_json(all) == hull_json(all.table, true));
  BOOST_TEST(hull_json(all)["entries"].size() == 4u);
  BOOST_TEST(hull_json(session.hull({{"Li", "O"}, false}))["entries"].size() == 3u);  // Li2O2 is above the hull
  const StabilityResult st = session.stability({1});
  BOOST_TEST(stability_rows_json(st) == stability_rows_json(st.entries, st.rows));
  const SweepResult sw = session.sweep({"Li2O", "O2", {}, "Li", 0, 1, 0.5, {}});
  BOOST_TEST(sweep_json(sw) == sweep_json(sw.a, sw.b, sw.open, sw.form, sw.rows));
  BOOST_TEST(sweep_json(sw)["rows"].size() == 3u);  // 0, 0.5 and 1 V
  const WindowResult w = session.window({"Li2O", "Li"});
  BOOST_TEST(window_json(w) == window_json(*w.closed, w.formula, w.open, w.profile));
  BOOST_TEST(window_json(w)["formula"].get<std::string>() == "Li2O");
}

BOOST_AUTO_TEST_SUITE_END()  // test_dataset_format
