// The settings record of a screen's output file: what it holds, how two
// records are compared (for a resume, and for shards of one screen), and the
// errors for a record that is missing or not one.
#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <fstream>
#include <string>

#include "interphase/error.hpp"
#include "interphase/report/screen_record.hpp"
#include "support/temp_dir.hpp"

BOOST_AUTO_TEST_SUITE(test_screen_record)

using namespace interphase;
namespace fs = std::filesystem;

namespace {

struct Made {
  ScreenRequest request;
  ScreenSettings settings;
  Made() {
    request.as = {"Li2O", "Li3O"};
    request.bs = {"LiO2"};
    request.shards = 4;
    request.shard = 2;
    Condition closed;
    closed.label = "closed";
    Condition three;
    three.label = "3";
    settings.conditions = {closed, three};
    settings.dataset = "made_up";
    settings.dataset_entries = 6;
    settings.dataset_content_hash = "abc123";
  }
  nlohmann::ordered_json record() const { return screen_record(request, settings, "csv"); }
};

}  // namespace

BOOST_AUTO_TEST_CASE(the_record_holds_every_setting_of_the_rows) {
  Made m;
  const auto r = m.record();
  BOOST_TEST(r["interphase_screen_record"] == kScreenRecordVersion);
  BOOST_TEST(r["a"].size() == 2u);
  BOOST_TEST(r["conditions"].dump() == "[\"closed\",\"3\"]");
  BOOST_TEST(r["energy"] == "mutual");
  BOOST_TEST(r["reactant_energy"] == "entry");
  BOOST_TEST(r["shard"] == 3);  // 1-based, as --shard 3/4
  BOOST_TEST(r["shards"] == 4);
  BOOST_TEST(r["sigma"].is_null());  // no uncertainty: sigma decides nothing
  BOOST_TEST(r["seed"].is_null());
  BOOST_TEST(r["dataset_content_hash"] == "abc123");
  m.request.uncertainty.samples = 100;
  m.request.uncertainty.seed = 7;
  const auto sampled = m.record();
  BOOST_TEST(sampled["samples"] == 100);
  BOOST_TEST(sampled["seed"] == 7);
  BOOST_TEST(sampled["sigma"] == kDefaultSigma);
}

BOOST_AUTO_TEST_CASE(differences_name_each_setting) {
  Made m;
  const auto was = m.record();
  BOOST_TEST(screen_record_differences(was, m.record()).empty());
  m.request.threads = 3;  // not a setting of the rows
  BOOST_TEST(screen_record_differences(was, m.record()).empty());
  m.settings.form = EnergyForm::Total;
  m.settings.dataset_content_hash = "def456";
  const auto d = screen_record_differences(was, m.record());
  BOOST_TEST_REQUIRE(d.size() == 2u);
  BOOST_TEST(d[0] == "energy: \"mutual\" then, \"total\" now");
  BOOST_TEST(d[1] == "dataset_content_hash: \"abc123\" then, \"def456\" now");
  // Shards of one screen differ in the shard alone.
  Made other;
  other.request.shard = 0;
  BOOST_TEST(screen_record_differences(was, other.record()).size() == 1u);
  BOOST_TEST(screen_record_differences(was, other.record(), false).empty());
  other.request.shards = 5;
  BOOST_TEST(screen_record_differences(was, other.record(), false).size() == 1u);
  // A long list of materials is named by its length, a short one shown.
  other.request.as.assign(50, "Li2O");
  const auto lists = screen_record_differences(was, other.record(), false);
  BOOST_TEST(lists.front() == "a: [\"Li2O\",\"Li3O\"] then, 50 formulas now");
}

BOOST_AUTO_TEST_CASE(written_then_read_and_the_errors) {
  const test::TempDir dir("screen-record");
  const fs::path out = dir.path / "rows.csv";
  BOOST_TEST(screen_record_path(out) == dir.path / "rows.csv.settings.json");
  BOOST_CHECK_THROW(read_screen_record(out), DataError);  // missing
  const auto r = Made().record();
  write_screen_record(out, r);
  BOOST_TEST(read_screen_record(out) == r);
  BOOST_TEST(fs::directory_iterator(dir.path)->path() == screen_record_path(out));  // no temporary file left
  for (const std::string text : {"not json", "[1, 2]", "{\"format\": \"csv\"}", "{\"interphase_screen_record\": 99}"}) {
    std::ofstream(screen_record_path(out), std::ios::trunc) << text;
    BOOST_CHECK_THROW(read_screen_record(out), DataError);
  }
  BOOST_CHECK_THROW(write_screen_record(dir.path / "no" / "rows.csv", r), OutputError);
}

BOOST_AUTO_TEST_SUITE_END()
