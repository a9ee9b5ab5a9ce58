#pragma once
/// \file dataset_format.hpp
/// Whole-data-set tables: the stability of every entry (`stability`) and the
/// entries a query selects (`select`), written row by row to a stream.
#include <ostream>
#include <string>
#include <vector>

#include "interphase/data/database.hpp"
#include "interphase/report/result_table.hpp"
#include "interphase/session/session.hpp"

#include <nlohmann/json.hpp>

namespace interphase {

/// The columns of `stability`: id, formula, reduced_formula, e_form,
/// e_above_hull, stable, hull_energy, decomposition.
std::vector<Column> stability_columns();
/// The columns of `select`: those of `stability`, reduced_formula first.
std::vector<Column> selection_columns();
/// The rows of a query as a table (selection_columns()).
Table selection_table(const std::vector<SelectedEntry>& rows);

/// Every entry with its stored stability (rows aligned with `entries`, looked up
/// by key). CSV columns: id,formula,reduced_formula,e_form,e_above_hull,stable,
/// hull_energy,decomposition (decomposition "Li3PS4:0.6153846153846154;Li2S:...",
/// atomic fractions). JSON: a list of objects with the same keys (decomposition
/// an object). Text: an aligned table.
void write_stability(std::ostream& out, const std::vector<Entry>& entries, const std::vector<StoredStability>& rows,
                     Format format);

/// Every entry's row as write_stability's JSON has it: an array of objects.
nlohmann::ordered_json stability_rows_json(const std::vector<Entry>& entries, const std::vector<StoredStability>& rows);
nlohmann::ordered_json stability_rows_json(const StabilityResult& r);

/// The rows of a query. Text: one reduced formula per line (input for `screen`);
/// CSV: reduced_formula,id,formula,e_form,e_above_hull,stable,hull_energy,decomposition;
/// JSON: a list of objects with those keys; Markdown: a table.
void write_selection(std::ostream& out, const std::vector<SelectedEntry>& rows, Format format);

/// An added or removed entry (`db add`, `db remove`): id, formula,
/// reduced_formula, e_form, after an add its e_above_hull, stable,
/// hull_energy and decomposition (a stable entry is its own), and
/// systems_recomputed.
nlohmann::ordered_json entry_change_json(const EntryChangeResult& r);
/// The same for people, one line: "my:1: Li3InO3, e_form -1.710000 eV/atom,
/// e_above_hull 0.012000 eV/atom, decomposes to Li2O + LiInO2" after an add
/// (" (stable)" for a stable one); after a removal, "removed " and the entry.
std::string entry_change_text(const EntryChangeResult& r, bool removed);
/// A check for Session::add_entry and remove_entry that writes the change's
/// report (entry_change_text) to stdout before it is committed. If it cannot
/// be written, the change is rolled back and OutputError says so ("cannot write
/// the output: ...; the entry was not added (the database is unchanged)"), so
/// that the exit status says what happened to the database and a retry adds
/// no duplicate. What could not be written is dropped, not tried again at exit.
Session::EntryChangeCheck report_to_stdout_before_commit(bool removed);
/// "interphase: recomputed 3 of 3 chemical systems" (newline-terminated).
std::string recomputed_text(const StabilityRun& run);
/// For an import of documents that carry their own energy_above_hull: how
/// many of them our hull differs from by more than 1 meV/atom, with the
/// largest five, as lines starting "interphase: "; "" for any other import.
std::string import_comparison_text(const ImportResult& r);

/// A data set as `db info` describes it: name, n_entries, kind, source,
/// sha256, imported_at (keys sorted, as the program has always printed them).
nlohmann::json dataset_json(const DatasetInfo& d);
/// The same for people: the name and count, then source, sha256, import time.
std::string dataset_text(const DatasetInfo& d);
/// `db info` as JSON: {"database": its file, "datasets": [dataset_json of each]}.
nlohmann::json info_json(const std::string& database, const std::vector<DatasetInfo>& datasets);
/// `db info`: the database file and its data sets, as text or JSON (info_json).
std::string format_info(const std::string& database, const std::vector<DatasetInfo>& datasets, Format format);
/// `db check`: each check that passed, each problem with how to recover, and the verdict.
std::string format_health(const std::string& database, const HealthReport& report);
/// The same as JSON: {"healthy", "passed": [lines], "problems": [{"what", "remedy"}, ...]}.
nlohmann::ordered_json health_json(const HealthReport& report);

}  // namespace interphase
