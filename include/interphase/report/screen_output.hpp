#pragma once
/// \file screen_output.hpp
/// A screen run to its output: a file written whole row by whole row (and
/// resumed after an interruption) or a stream, in any format, and the numbers
/// of the run. The one place that decides what a screen's output file holds.
#include <cstddef>
#include <filesystem>
#include <ostream>
#include <string>

#include "interphase/report/screen_format.hpp"
#include "interphase/session/requests.hpp"

namespace interphase {

/// Where a screen's rows go, and how.
struct ScreenOutput {
  /// text, markdown (md), csv or json (JSON Lines; both streamed row by row),
  /// svg (the heatmap) or html (one page).
  std::string format = "text";
  std::filesystem::path file;  ///< empty: the stream given to write_screen
  bool resume = false;         ///< keep the rows already in `file` and compute the rest
};

/// What a run of a screen wrote.
struct ScreenSummary {
  std::size_t rows = 0;    ///< rows computed and written by this run
  std::size_t errors = 0;  ///< of those, rows with an error
  bool resumed = false;    ///< the run went on after rows already in the file
  double seconds = 0;
  /// Whether any row was computed, or there was none to compute.
  bool ok() const { return rows > errors || rows == 0; }
};

/// SettingError unless `output` can hold what `request` asks, checked before
/// anything runs: svg and html show no uncertainty ("{uncertainty} and
/// {samples} write text, markdown, json or csv, not svg"), and only a csv or
/// json {output} file can be resumed.
void check_screen_output(const ScreenOutput& output, const ScreenRequest& request);

/// Run `screen` (prepared for `request`) into `output`: its file, or else
/// `out`. CSV (with its header in the first shard) and JSON Lines go out row
/// by row as they come, the other formats once all rows are in. The file is
/// locked while the run writes it (RowFile: DataError if another run holds
/// it), and a CSV or JSON Lines file gets its settings record
/// (screen_record.hpp). Resuming a file that holds anything, its record must
/// be this run's (same settings and data set) and its rows this screen's
/// first rows (DataError naming the file if not, the file unchanged), and the
/// run goes on after them. A file or `out` that cannot be written is an
/// OutputError. `progress` as for Screen::run.
ScreenSummary write_screen(PreparedScreen& screen, const ScreenRequest& request, const ScreenOutput& output,
                           std::ostream& out, const ScreenProgress& progress = {});

/// "interphase: screen: 12 rows (11 computed, 1 with an error) in 0.3 s",
/// with " after resuming" when it did, and a newline.
std::string screen_summary(const ScreenSummary& summary);

}  // namespace interphase
