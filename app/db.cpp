// interphase db: import, add, remove, info and check.
#include <stdio_ext.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <iostream>

#include "cli.hpp"
#include "interphase/report/dataset_format.hpp"

namespace interphase::cli {

int run_import(const Values& v) {
  ImportRequest q;
  v.fill(q, {"kind"});
  q.kind = parse_import_kind(v.text("kind"));
  const ImportResult r = v.session().import_file(q);
  std::cout << dataset_text(r.dataset) << std::flush;
  std::cerr << import_comparison_text(r);
  return 0;
}
const Register kDbImport{"db import", {run_import}};

namespace {

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

}  // namespace

int run_add(const Values& v) {
  Composition::parse(v.text("formula"));  // a bad formula before a bad energy, as the arguments come
  const AddEntryRequest q{v.text("formula"), parse_formation_energy(v.text("e_form")), v.text("id"),
                          v.get<unsigned>("threads")};
  try {
    const EntryChangeResult r = v.session().add_entry(q, report_before_commit(false));
    std::cerr << recomputed_text(r.run);
  } catch (const ReportNotWritten& e) {
    return report_failed(e, "the entry was not added");
  }
  return 0;
}
const Register kDbAdd{"db add", {run_add}};

int run_remove(const Values& v) {
  try {
    const EntryChangeResult r = v.session().remove_entry({v.text("id"), v.get<unsigned>("threads")}, report_before_commit(true));
    std::cerr << recomputed_text(r.run);
  } catch (const ReportNotWritten& e) {
    return report_failed(e, "the entry was not removed");
  }
  return 0;
}
const Register kDbRemove{"db remove", {run_remove}};

int run_info(const Values& v) {
  const InfoResult r = v.session().info();
  std::cout << format_info(r.database.string(), r.datasets, v.format() == "json" ? Format::Json : Format::Text);
  return 0;
}
const Register kDbInfo{"db info", {run_info, false}};

int run_check(const Values& v) {
  const Session session = v.session();
  const HealthReport report = session.check(v.flag("quick"));
  std::cout << format_health(session.database_path().string(), report);
  if (report.healthy()) return 0;
  std::cerr << "interphase: error: database '" << session.database_path().string() << "' has "
            << report.problems.size() << " problem(s); see above\n";
  return 2;
}
const Register kDbCheck{"db check", {run_check, false}};

}  // namespace interphase::cli
