#pragma once
/// \file screen_format.hpp
/// Screen rows as CSV and JSON Lines (streamed, one row at a time), and the
/// whole screen as a ranked Markdown table; the output file a long screen
/// writes whole rows to and resumes from.
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "interphase/screen/screen.hpp"
#include "interphase/report/table.hpp"

namespace interphase {

/// What a screen report says about how it was computed.
struct ScreenSettings {
  EnergyForm form = EnergyForm::Mutual;
  std::vector<Condition> conditions;
  bool windows = false;
  bool monte_carlo = false;    ///< rows carry Monte Carlo statistics
  std::string open = "Li";     ///< the element open at a condition's voltage
  std::string dataset;         ///< data set name
  std::string dataset_source;  ///< its file
};

/// "A,B,condition,chemsys,energy,x,x_mass,products,reaction,error", then with
/// windows "A_reduction_V,A_oxidation_V,B_reduction_V,B_oxidation_V,A_covers_V".
/// With Monte Carlo, then "energy_std,energy_p05,energy_p95,p_react,products_p_max,p_products_max".
std::string screen_csv_header(bool windows, bool monte_carlo = false);
/// One CSV row (newline-terminated); numbers in full precision, products as
/// "Li2S=0.714;LiCl=0.286", empty cells for what a failed row lacks.
std::string screen_csv_row(const ScreenRow& row, bool windows, bool monte_carlo = false);
/// One JSON object on one line (newline-terminated) with the CSV's fields
/// (products an object, windows an object per material).
std::string screen_json_line(const ScreenRow& row, bool windows, bool monte_carlo = false);
/// Whether A's window holds the row's voltage (none for closed rows or missing windows).
std::optional<bool> window_covers(const ScreenRow& row);

/// All rows as an aligned text table in input order.
std::string screen_text(const std::vector<ScreenRow>& rows, const ScreenSettings& settings);

/// All rows as a Markdown table ranked by energy (most negative first; failed rows last).
std::string screen_markdown(const std::vector<ScreenRow>& rows, const ScreenSettings& settings);

/// The screen as an SVG heatmap: A down, B across, coloured by the minimum
/// reaction energy, one panel per condition (screen_plot.cpp).
std::string svg_screen(const std::vector<ScreenRow>& rows, const ScreenSettings& settings);
/// One self-contained HTML page: the heatmap, the ranked table, the settings and the data set.
std::string html_screen(const std::vector<ScreenRow>& rows, const ScreenSettings& settings);

/// (A, B, condition) of every whole row of a screen output file already written
/// (CSV with its header, or JSON Lines); a trailing partial line is ignored.
/// Throws DataError naming the file if it is not such an output.
std::vector<std::vector<std::string>> read_screen_keys(const std::filesystem::path& file, Format format, bool header);

/// An output file written row by row: each row with one write, so an
/// interruption (even kill -9) leaves whole rows only. Opened for resuming,
/// it first cuts a trailing partial line.
class RowFile {
 public:
  RowFile(const std::filesystem::path& path, bool resume);
  ~RowFile();
  RowFile(const RowFile&) = delete;
  RowFile& operator=(const RowFile&) = delete;
  /// Bytes already in the file.
  bool empty() const { return size_ == 0; }
  /// Append text (whole rows); DataError naming the file if the write fails.
  void write(const std::string& text);

 private:
  std::filesystem::path path_;
  int fd_ = -1;
  long long size_ = 0;
};

}  // namespace interphase
