// interphase db: import, add, remove, info and check.
#include <stdio_ext.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <iostream>

#include "cli.hpp"
#include "interphase/report/dataset_format.hpp"

namespace interphase::cli {

namespace {

struct DbCli {
  DataOptions data;
  ImportRequest import;  ///< db import's settings; the file and its kind are below, as given
  std::string file, kind = "auto";
  std::string formula, energy, id;
  unsigned threads = 0;
  bool quick = false;  ///< db check: the file only, not the stored results against a computation afresh
};

int run_import(const DbCli& c) {
  ImportRequest q = c.import;
  q.file = c.file;
  q.kind = parse_import_kind(c.kind);
  const ImportResult r = c.data.session().import_file(q);
  std::cout << dataset_text(r.dataset) << std::flush;
  std::cerr << import_comparison_text(r);
  return 0;
}

/// The report of a change could not be written (errno's value, or 0).
struct ReportNotWritten {
  int error = 0;
};

/// Writes the report of an added or removed entry before the change is
/// committed: if it cannot be written, the change is rolled back, so that the
/// exit status says what happened to the database (0: changed and reported;
/// 1: the output failed and nothing changed, so a retry adds no duplicate).
Session::EntryChangeCheck report_before_commit(bool removed) {
  return [removed](const EntryChangeResult& r) {
    errno = 0;
    std::cout << entry_change_text(r, removed) << std::flush;
    if (!std::cout.good() || std::fflush(stdout) != 0) throw ReportNotWritten{errno};
  };
}

int report_failed(const ReportNotWritten& e, const char* nothing_done) {
  __fpurge(stdout);  // what could not be written is dropped, not tried again at exit
  std::clearerr(stdout);
  std::cout.clear();
  std::cerr << "interphase: error: cannot write the output" << (e.error ? std::string(": ") + std::strerror(e.error) : "")
            << "; " << nothing_done << " (the database is unchanged)\n";
  return 1;
}

int run_add(const DbCli& c) {
  Composition::parse(c.formula);  // a bad formula before a bad energy, as the arguments come
  const AddEntryRequest q{c.formula, parse_formation_energy(c.energy), c.id, c.threads};
  try {
    const EntryChangeResult r = c.data.session().add_entry(q, report_before_commit(false));
    std::cerr << recomputed_text(r.run);
  } catch (const ReportNotWritten& e) {
    return report_failed(e, "the entry was not added");
  }
  return 0;
}

int run_remove(const DbCli& c) {
  try {
    const EntryChangeResult r = c.data.session().remove_entry({c.id, c.threads}, report_before_commit(true));
    std::cerr << recomputed_text(r.run);
  } catch (const ReportNotWritten& e) {
    return report_failed(e, "the entry was not removed");
  }
  return 0;
}

int run_info(const DbCli& c) {
  const InfoResult r = c.data.session().info();
  std::cout << format_info(r.database.string(), r.datasets, c.data.format == "json" ? Format::Json : Format::Text);
  return 0;
}

int run_check(const DbCli& c) {
  const Session session = c.data.session();
  const HealthReport report = session.check(c.quick);
  std::cout << format_health(session.database_path().string(), report);
  if (report.healthy()) return 0;
  std::cerr << "interphase: error: database '" << session.database_path().string() << "' has "
            << report.problems.size() << " problem(s); see above\n";
  return 2;
}

void add_threads(CLI::App* cmd, unsigned& threads) {
  cmd->add_option("--threads", threads, "worker threads (default: all cores)");
}

void add_import(CLI::App* db, Commands& commands, const std::shared_ptr<DbCli>& c) {
  auto* cmd = db->add_subcommand("import", "Import a data file as a new data set (all rows or none)");
  cmd->add_option("FILE", c->file, "CSV of formula + formation energy (eV/atom), or pymatgen ComputedEntry JSON")->required();
  cmd->add_option("--kind", c->kind,
                  "file kind: csv, pymatgen-json (ComputedEntry dicts), mp-json (Materials Project summary or\n"
                  "thermo documents) or auto (default: csv unless .json; then mp-json if the file names\n"
                  "formation_energy_per_atom or material_id, else pymatgen-json)")
      ->check(CLI::IsMember({"auto", "csv", "pymatgen-json", "mp-json"}));
  cmd->add_option("--thermo-type", c->import.thermo_type,
                  "Materials Project documents: the thermo_type to import (e.g. GGA_GGA+U, R2SCAN) when a\n"
                  "file holds several; they do not mix in one hull");
  cmd->add_option("--name", c->import.name, "data set name (default: the file's stem)");
  cmd->add_option("--formula-column", c->import.formula_column, "CSV column holding the formula")->capture_default_str();
  cmd->add_option("--energy-column", c->import.energy_column, "CSV column holding the formation energy per atom")
      ->capture_default_str();
  cmd->add_option("--sigma-column", c->import.sigma_column,
                  "CSV column (pymatgen JSON: key of each entry) holding its 1-sigma uncertainty of the\n"
                  "formation energy, eV/atom\n"
                  "(stored per entry; an empty field: none, the calculation's --sigma applies)");
  cmd->add_option("--max-abs-energy", c->import.max_abs_energy,
                  "refuse formation energies beyond this magnitude, eV/atom")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  add_threads(cmd, c->import.threads);
  add_data_options(cmd, c->data, Formats::None);
  cmd->footer(
      "Materials Project documents: material_id (the id), formula_pretty, composition and\n"
      "formation_energy_per_atom are read; where they carry energy_above_hull, the import reports on stderr\n"
      "how many differ from the hull of the imported data by more than 1 meV/atom, with the largest.\n"
      "Examples: interphase db import my_calcs.csv --formula-column formula --energy-column e_form\n"
      "          interphase db import mp_thermo.json --thermo-type GGA_GGA+U");
  commands.push_back({cmd, [c] { return run_import(*c); }});
}

}  // namespace

void add_db(CLI::App& app, Commands& commands) {
  auto c = std::make_shared<DbCli>();
  auto* db = app.add_subcommand("db", "Manage the entry database");
  db->require_subcommand(1);
  add_import(db, commands, c);
  auto* info = db->add_subcommand("info", "List the data sets in the database (never builds or changes it)");
  add_data_options(info, c->data, Formats::None);
  info->add_option("--format", c->data.format, "output: text or json")->check(CLI::IsMember({"text", "json"}));
  commands.push_back({info, [c] { return run_info(*c); }, false});
  auto* check = db->add_subcommand(
      "check", "Check the database: SQLite integrity, schema version, entry counts, content hashes and every\n"
               "stored stability result against a computation afresh; says how to recover");
  add_data_options(check, c->data, Formats::None);
  check->add_flag("--quick", c->quick, "check the file, its records and hashes only, not the stored results (fast)");
  check->footer("Exit code 0 if the database is healthy, 2 if anything is wrong.");
  commands.push_back({check, [c] { return run_check(*c); }, false});
  auto* add = db->add_subcommand("add", "Add one entry and update the stored stability of the systems it changes");
  add->add_option("FORMULA", c->formula, "formula, e.g. Li3InO3")->required();
  add->add_option("E_FORM", c->energy, "formation energy, eV/atom")->required();
  add->add_option("--id", c->id, "external id (default: <data set>:added-N)");
  add_threads(add, c->threads);
  add_data_options(add, c->data, Formats::None);
  add->footer("Prints the entry's stability; on stderr, how many chemical systems were recomputed.\n"
              "Example: interphase db add Li3InO3 -1.71 --id my-calc:1");
  commands.push_back({add, [c] { return run_add(*c); }});
  auto* remove = db->add_subcommand("remove", "Remove one entry and update the stored stability");
  remove->add_option("ID", c->id, "external id of the entry, e.g. mp_e_form:17")->required();
  add_threads(remove, c->threads);
  add_data_options(remove, c->data, Formats::None);
  commands.push_back({remove, [c] { return run_remove(*c); }});
}

}  // namespace interphase::cli
