#pragma once
/// \file screen_format.hpp
/// Screen rows as CSV and JSON Lines (streamed, one row at a time), and the
/// whole screen as a ranked Markdown table; the output file a long screen
/// writes whole rows to and resumes from.
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "interphase/screen/screen.hpp"
#include "interphase/report/result_table.hpp"

namespace interphase {

/// A screen row's columns: A, B, condition, chemsys, energy, x, x_mass,
/// products, reaction, error, with windows A_reduction_V, A_oxidation_V,
/// B_reduction_V, B_oxidation_V, A_covers_V, with uncertainty
/// energy_std_linear, with monte_carlo energy_std, energy_p05, energy_p95,
/// p_react, then for CSV products_p_max and p_products_max (the most probable
/// product set, " + "-joined, and its probability) and for JSON product_sets;
/// then text-only presentations (condition_shown, A_window_range, and with
/// monte_carlo energy_range "p05 to p95").
const std::vector<Column>& screen_columns(bool windows, bool uncertainty = false, bool monte_carlo = false,
                                  bool ranges = false);
/// One row's cells (screen_columns).
std::vector<Cell> screen_cells(const ScreenRow& row, bool windows, bool uncertainty = false, bool monte_carlo = false,
                                  bool ranges = false);
/// Rows as a table, in their order.
Table screen_table(const std::vector<ScreenRow>& rows, bool windows, bool uncertainty = false, bool monte_carlo = false,
                                  bool ranges = false);

/// "A,B,condition,chemsys,energy,x,x_mass,products,reaction,error", then with
/// windows "A_reduction_V,A_oxidation_V,B_reduction_V,B_oxidation_V,A_covers_V",
/// then with uncertainty "energy_std_linear", then with Monte Carlo
/// "energy_std,energy_p05,energy_p95,p_react,products_p_max,p_products_max".
std::string screen_csv_header(bool windows, bool uncertainty = false, bool monte_carlo = false,
                                  bool ranges = false);
/// One CSV row (newline-terminated); numbers in full precision, products as
/// "Li2S=0.714;LiCl=0.286", empty cells for what a failed row lacks.
std::string screen_csv_row(const ScreenRow& row, bool windows, bool uncertainty = false, bool monte_carlo = false,
                           bool ranges = false);
/// One row as a JSON object with the CSV's fields (products an object,
/// windows an object per material), as each line of JSON Lines holds it.
nlohmann::ordered_json screen_json_row(const ScreenRow& row, bool windows, bool uncertainty = false,
                                       bool monte_carlo = false, bool ranges = false);
/// screen_json_row on one line (newline-terminated).
std::string screen_json_line(const ScreenRow& row, bool windows, bool uncertainty = false, bool monte_carlo = false,
                             bool ranges = false);
/// Whether A's window holds the row's voltage (none for closed rows or missing windows).
std::optional<bool> window_covers(const ScreenRow& row);

/// All rows as an aligned text table in input order.
std::string screen_text(const std::vector<ScreenRow>& rows, const ScreenSettings& settings);

/// The ranked table of screen_markdown and html_screen: rank, A, B, condition,
/// E_min, x, products (a failed row: "error: ..."), then with windows A's window
/// and whether it covers the voltage; most negative first, failed rows last
/// (ties in input order).
struct ScreenTable {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  std::vector<const ScreenRow*> order;  ///< the row each table row shows
};
ScreenTable screen_ranked(const std::vector<ScreenRow>& rows, const ScreenSettings& settings);

/// The unit sentence of the ranked table ("E in eV per atom of the mixture (closed) or ...").
std::string screen_units(const ScreenSettings& settings);

/// All rows as a Markdown table ranked by energy (most negative first; failed rows last).
std::string screen_markdown(const std::vector<ScreenRow>& rows, const ScreenSettings& settings);

/// The screen as an SVG heatmap: A down, B across, coloured by the minimum
/// reaction energy, one panel per condition (screen_plot.cpp).
std::string svg_screen(const std::vector<ScreenRow>& rows, const ScreenSettings& settings);
/// One self-contained HTML page: the heatmap, the ranked table, the settings and the data set.
std::string html_screen(const std::vector<ScreenRow>& rows, const ScreenSettings& settings);

/// The fields of one CSV record (one line), its quotes as csv_quote writes them
/// and the single quote it puts before a cell that reads as a formula removed.
std::vector<std::string> csv_fields(const std::string& line);

/// (A, B, condition) of every whole row of a screen output file already written
/// (CSV with its header, or JSON Lines); a trailing partial line is ignored.
/// `header`: the CSV header line the file must start with (with its newline),
/// empty if it has none. Throws DataError naming the file if it is not such an output.
std::vector<std::vector<std::string>> read_screen_keys(const std::filesystem::path& file, Format format,
                                                       const std::string& header);

/// An output file written row by row: each row with one write, so an
/// interruption (even kill -9) leaves whole rows only. Opening it takes an
/// exclusive lock (flock) on the file for as long as the object lives, and
/// changes nothing in it: a second run writing the same file at the same time
/// is refused (DataError naming the file) before it reads or changes anything.
/// Then truncate() starts it afresh, or cut_partial_line() keeps its whole
/// rows to resume after them.
class RowFile {
 public:
  /// OutputError naming the file if it cannot be opened for writing.
  explicit RowFile(const std::filesystem::path& path);
  ~RowFile();
  RowFile(const RowFile&) = delete;
  RowFile& operator=(const RowFile&) = delete;
  /// Whether no bytes are in the file.
  bool empty() const { return size_ == 0; }
  /// Whether it is a regular file (not a device such as /dev/full, or a pipe).
  bool regular() const { return regular_; }
  /// Empty the file.
  void truncate();
  /// Cut a trailing partial line (what an interruption can leave).
  void cut_partial_line();
  /// Append text (whole rows); OutputError naming the file if the write fails.
  void write(const std::string& text);

 private:
  std::filesystem::path path_;
  int fd_ = -1;
  long long size_ = 0;
  bool regular_ = true;
};

}  // namespace interphase
