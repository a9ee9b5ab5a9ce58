// interphase db: import, add, remove, info and check.
#include <iostream>

#include "cli.hpp"
#include "interphase/report/dataset_format.hpp"

namespace interphase::cli {

namespace {

int run_import(const Values& v) {
  ImportRequest q;
  v.fill(q);
  const ImportResult r = v.session().import_file(q);
  std::cout << dataset_text(r.dataset) << std::flush;
  std::cerr << import_comparison_text(r);
  return 0;
}
const Register kDbImport{"db import", {run_import}};

int run_add(const Values& v) {
  Composition::parse(v.text("formula"));  // a bad formula before a bad energy, as the arguments come
  AddEntryRequest q;
  v.fill(q, {"e_form"});
  q.e_form = parse_formation_energy(v.text("e_form"));
  std::cerr << recomputed_text(v.session().add_entry(q, report_to_stdout_before_commit(false)).run);
  return 0;
}
const Register kDbAdd{"db add", {run_add}};

int run_remove(const Values& v) {
  RemoveEntryRequest q;
  v.fill(q);
  std::cerr << recomputed_text(v.session().remove_entry(q, report_to_stdout_before_commit(true)).run);
  return 0;
}
const Register kDbRemove{"db remove", {run_remove}};

int run_info(const Values& v) {
  std::cout << render(v.session().info(), v.format());  // no stage: it only reads
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

}  // namespace
}  // namespace interphase::cli
