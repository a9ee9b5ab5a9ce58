#include "interphase/report/screen_output.hpp"

#include <chrono>
#include <memory>
#include <vector>

#include "interphase/error.hpp"
#include "interphase/report/screen_record.hpp"
#include "interphase/report/table.hpp"

namespace interphase {

namespace {

bool is_plot(const std::string& format) { return format == "svg" || format == "html"; }

/// The format of the rows: a plot's rows are collected as for text.
Format row_format(const std::string& format) { return is_plot(format) ? Format::Text : parse_format(format); }

bool streamed(Format format) { return format == Format::Csv || format == Format::Json; }

/// Resuming: the rows already in the file must be this screen's first rows;
/// the row to go on from.
std::size_t resume_from(const ScreenOutput& o, const Screen& screen, Format format, const std::string& header) {
  const std::size_t from = screen.first_row();
  const std::string name = "cannot resume '" + o.file.string() + "': ";
  const auto keys = read_screen_keys(o.file, format, header);
  if (keys.size() > screen.end_row() - screen.first_row())
    throw DataError(name + "it holds more rows than this screen has");
  for (std::size_t i = 0; i < keys.size(); ++i) {
    if (keys[i] != screen.row_key(from + i))
      throw DataError(name + "its row " + std::to_string(i + 1) + " (" + keys[i][0] + ", " + keys[i][1] + ", " +
                      keys[i][2] + ") is not this screen's (other materials, conditions or shard?)");
  }
  return from + keys.size();
}

/// Resuming: the file's settings record must be this run's (same settings, same data set).
void check_record(const ScreenOutput& o, const nlohmann::ordered_json& record) {
  const std::string name = "cannot resume '" + o.file.string() + "': ";
  nlohmann::ordered_json was;
  try {
    was = read_screen_record(o.file);
  } catch (const DataError& e) {
    throw DataError(name + e.what() + ", so whether its rows have this run's settings and data set cannot be told; "
                    "start it again without --resume");
  }
  const auto differences = screen_record_differences(was, record);
  if (differences.empty()) return;
  std::string list;
  for (const auto& d : differences) list += (list.empty() ? "" : "; ") + d;
  throw DataError(name + "it was written with other settings or another data set (" + list +
                  "); run it again with those, or start it afresh without --resume");
}

/// The output file, locked, with what it should keep: resuming, its whole
/// rows (after checking its record and rows); else nothing. The row to go on from.
std::size_t open_output(RowFile& file, const ScreenOutput& o, const Screen& screen, Format format,
                        const std::string& header, const nlohmann::ordered_json& record) {
  if (o.resume && !file.regular())
    throw SettingError("{resume} continues a regular file, and '" + SettingError::literal(o.file.string()) + "' is not one");
  if (o.resume && !file.empty()) {
    check_record(o, record);
    const std::size_t from = resume_from(o, screen, format, header);
    file.cut_partial_line();
    return from;
  }
  file.truncate();
  // Only a regular file gets a record (not /dev/stdout or a pipe); the rows first emptied, so
  // a file left empty by an interruption here is started afresh by a resume.
  if (file.regular() && streamed(format)) write_screen_record(o.file, record);
  return screen.first_row();
}

/// The rows collected, in the format asked.
std::string render(const std::vector<ScreenRow>& rows, const ScreenSettings& settings, const std::string& format) {
  if (format == "svg") return svg_screen(rows, settings);
  if (format == "html") return html_screen(rows, settings);
  if (row_format(format) == Format::Markdown) return screen_markdown(rows, settings);
  return screen_text(rows, settings);
}

}  // namespace

void check_screen_output(const ScreenOutput& output, const ScreenRequest& request) {
  if (is_plot(output.format) && (request.uncertainty.linear || request.uncertainty.samples > 0))
    throw SettingError("{uncertainty} and {samples} write text, markdown, json or csv, not " + output.format);
  if (output.resume && (output.file.empty() || !streamed(row_format(output.format))))
    throw SettingError("{resume} continues an {output} FILE written as csv or json");
}

ScreenSummary write_screen(PreparedScreen& prepared, const ScreenRequest& q, const ScreenOutput& o, std::ostream& out,
                           const ScreenProgress& progress) {
  check_screen_output(o, q);
  Screen& screen = *prepared.screen;
  const bool windows = q.windows, linear = q.uncertainty.linear, mc = q.uncertainty.samples > 0;
  const bool ranges = prepared.settings.ranges;
  const Format format = row_format(o.format);
  const std::string header = format == Format::Csv && q.shard == 0 ? screen_csv_header(windows, linear, mc, ranges) : "";
  std::unique_ptr<RowFile> file;
  std::size_t from = screen.first_row();
  if (!o.file.empty()) {
    file = std::make_unique<RowFile>(o.file);  // locked until the run ends
    const std::string record_format = format == Format::Csv ? "csv" : "json";
    from = open_output(*file, o, screen, format, header, screen_record(q, prepared.settings, record_format));
  }
  const auto emit = [&](const std::string& text) {
    if (file) return file->write(text);
    out << text;
    if (!out) throw OutputError("cannot write the output: the stream refused it");
  };
  if (!header.empty() && (!file || file->empty())) emit(header);

  ScreenSummary summary;
  std::vector<ScreenRow> kept;
  const auto start = std::chrono::steady_clock::now();
  screen.run(
      [&](const ScreenRow& row) {
        ++summary.rows;
        summary.errors += !row.error.empty();
        if (format == Format::Csv) emit(screen_csv_row(row, windows, linear, mc, ranges));
        else if (format == Format::Json) emit(screen_json_line(row, windows, linear, mc, ranges));
        else kept.push_back(row);
      },
      from, progress);
  if (!streamed(format)) emit(render(kept, prepared.settings, o.format));
  summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  summary.resumed = from > screen.first_row();
  return summary;
}

std::string screen_summary(const ScreenSummary& s) {
  return "interphase: screen: " + std::to_string(s.rows) + " rows (" + std::to_string(s.rows - s.errors) +
         " computed, " + std::to_string(s.errors) + " with an error) in " + fixed(s.seconds, 1) + " s" +
         (s.resumed ? " after resuming" : "") + "\n";
}

}  // namespace interphase
