/// \file csv_import.cpp
/// Parsing a CSV of formulas and formation energies per atom into entries.
///
/// The dialect is RFC 4180, minimally: comma-separated, fields optionally in
/// double quotes ("" is a quote inside one), LF, CRLF or CR line ends, an
/// optional UTF-8 byte-order mark. Unquoted fields are trimmed of blanks.
/// Row numbers count records from the header (row 0); blank lines count but
/// are skipped. A record may be at most kMaxCsvRecordBytes long; fields may
/// not hold control characters. Records are read one at a time, so an import's
/// memory does not grow with the file.
#include <charconv>
#include <cmath>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "interphase/composition/composition.hpp"
#include "interphase/data/database.hpp"
#include "interphase/data/entry.hpp"
#include "interphase/error.hpp"
#include "interphase/quote.hpp"

#include "detail.hpp"

namespace interphase::data::detail {

namespace {

/// Reads records one at a time from a byte source, holding only the current
/// record (at most kMaxCsvRecordBytes).
class CsvReader {
 public:
  CsvReader(ByteSource& in, const std::string& source) : in_(in), source_(source) {
    constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";
    for (const char c : kByteOrderMark) {
      if (peek() != static_cast<unsigned char>(c)) return;
      ++pos_;
    }
  }

  /// Read the next record into `fields`; false at the end of the input.
  bool next(std::vector<std::string>& fields) {
    if (peek() < 0) return false;
    ++row_;
    record_bytes_ = 0;
    fields.clear();
    fields.emplace_back();
    for (int c = peek(); c >= 0; c = peek()) {
      if (c == '\n' || c == '\r') {
        skip_line_end();
        return true;
      }
      if (c == ',') {
        take();
        fields.emplace_back();
      } else if (c == '"' && is_blank(fields.back())) {
        fields.back() = read_quoted();
      } else {
        fields.back() += take();
      }
    }
    return true;
  }

  /// The row of the last record read (the header is row 0).
  long row() const { return row_; }

 private:
  ByteSource& in_;
  const std::string& source_;
  std::string_view chunk_;
  std::size_t pos_ = 0;
  long row_ = -1;
  std::size_t record_bytes_ = 0;

  static bool is_blank(std::string_view s) { return s.find_first_not_of(" \t") == std::string_view::npos; }

  /// The next byte (0-255), or -1 at the end of the input.
  int peek() {
    while (pos_ == chunk_.size()) {
      chunk_ = in_.read();
      pos_ = 0;
      if (chunk_.empty()) return -1;
    }
    return static_cast<unsigned char>(chunk_[pos_]);
  }

  /// Consume the byte peek() returned, counting it against the record limit.
  char take() {
    if (++record_bytes_ > kMaxCsvRecordBytes) {
      throw DataError(source_ + ": row " + std::to_string(row_) + ": record longer than " +
                      std::to_string(kMaxCsvRecordBytes) + " bytes (the limit); is this a CSV file?");
    }
    return chunk_[pos_++];
  }

  void skip_line_end() {
    if (take() == '\r' && peek() == '\n') take();
  }

  /// A quoted field starting at the opening quote; leaves the input after the closing quote.
  std::string read_quoted() {
    std::string value;
    take();
    for (int c = peek(); c >= 0; c = peek()) {
      take();
      if (c != '"') {
        value += static_cast<char>(c);
      } else if (peek() == '"') {
        value += static_cast<char>(take());
      } else {
        expect_field_end();
        return value;
      }
    }
    throw DataError(source_ + ": row " + std::to_string(row_) + ": unterminated quoted field");
  }

  /// After a closing quote only blanks may follow before ',' or the line end.
  void expect_field_end() {
    while (peek() == ' ' || peek() == '\t') take();
    const int c = peek();
    if (c >= 0 && c != ',' && c != '\n' && c != '\r') {
      throw DataError(source_ + ": row " + std::to_string(row_) + ": unexpected character " +
                      in_quotes(std::string(1, static_cast<char>(c))) + " after a closing quote");
    }
  }
};

/// The problem in a FormulaError's message without the formula it names, which
/// our own message names already: "unknown element 'Xq'" from
/// "unknown element 'Xq' in formula 'Xq2O'" or "invalid formula 'Xq2O': ...".
std::string formula_problem(std::string what, const std::string& formula) {
  const std::string prefix = "invalid formula " + in_quotes(formula) + ": ";
  const std::string suffix = " in formula " + in_quotes(formula);
  if (what.starts_with(prefix)) what.erase(0, prefix.size());
  if (what.ends_with(suffix)) what.erase(what.size() - suffix.size());
  return what;
}

std::string_view trim(std::string_view s) {
  const auto first = s.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  const auto last = s.find_last_not_of(" \t");
  return s.substr(first, last - first + 1);
}

bool is_blank_record(const std::vector<std::string>& fields) {
  return fields.size() == 1 && trim(fields[0]).empty();
}

/// Column positions of the formula and the energy, from the header row.
struct CsvColumns {
  std::size_t formula = 0;
  std::size_t energy = 0;
  std::optional<std::size_t> sigma;  ///< the uncertainty's column, if one is read
  std::size_t count = 0;  ///< fields per row
};

/// The header's column names for a message: quoted, at most ten of them.
std::string join_names(const std::vector<std::string>& header) {
  constexpr std::size_t kMaxNames = 10;
  std::string out;
  for (std::size_t i = 0; i < header.size() && i < kMaxNames; ++i) {
    out += (out.empty() ? "" : ", ") + in_quotes(trim(header[i]), 40);
  }
  if (header.size() > kMaxNames) out += ", ... (" + std::to_string(header.size()) + " columns)";
  return out;
}

std::size_t find_column(const std::vector<std::string>& header, const std::string& name,
                        const std::string& source) {
  for (std::size_t i = 0; i < header.size(); ++i) {
    if (trim(header[i]) == name) return i;
  }
  const std::string_view first = trim(header.front());
  if (first.starts_with('[') || first.starts_with('{')) {
    throw DataError(source + ": row 0 (header): no column " + in_quotes(name) +
                    "; the file looks like JSON, not CSV (import it with --kind pymatgen-json)");
  }
  throw DataError(source + ": row 0 (header): no column " + in_quotes(name) + " (columns: " + join_names(header) + ")");
}

/// Every field of a record is text without control characters; else DataError
/// naming the row, the field and the character (a NUL would cut a formula short).
void require_text(const std::vector<std::string>& fields, long row, const std::string& source) {
  for (std::size_t i = 0; i < fields.size(); ++i) {
    const std::string_view field = trim(fields[i]);
    const std::size_t at = find_control_character(field);
    if (at == std::string_view::npos) continue;
    throw DataError(source + ": row " + std::to_string(row) + (row == 0 ? " (header)" : "") + ": field " +
                    std::to_string(i + 1) + " " + in_quotes(field, 40) + " contains " +
                    describe_control_character(field[at]) + " at byte " + std::to_string(at + 1) +
                    (row == 0 ? "; is this a text CSV file?" : ""));
  }
}

CsvColumns read_header(CsvReader& reader, const CsvImportOptions& options, const std::string& source) {
  std::vector<std::string> header;
  if (!reader.next(header) || is_blank_record(header)) {
    throw DataError(source + ": empty file; expected a header row naming the columns " +
                    in_quotes(options.formula_column) + " and " + in_quotes(options.energy_column));
  }
  require_text(header, 0, source);
  CsvColumns columns{find_column(header, options.formula_column, source),
                     find_column(header, options.energy_column, source), std::nullopt, header.size()};
  if (!options.sigma_column.empty()) columns.sigma = find_column(header, options.sigma_column, source);
  return columns;
}

/// A decimal number (optionally signed, with exponent), or nullopt if `text` is not one.
std::optional<double> parse_number(std::string_view text) {
  if (text.starts_with('+')) text.remove_prefix(1);
  double value = 0.0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || text.empty()) return std::nullopt;
  return value;
}

/// Parses the data rows of one file, naming file and row in every error.
class RowParser {
 public:
  RowParser(const std::string& source, const CsvImportOptions& options, const CsvColumns& columns,
            const std::string& dataset_name)
      : source_(source), options_(options), columns_(columns), dataset_name_(dataset_name) {}

  Entry parse(const std::vector<std::string>& fields, long row) const {
    require_text(fields, row, source_);
    if (fields.size() != columns_.count) {
      fail(row, "expected " + std::to_string(columns_.count) + " fields as in the header, found " +
                    std::to_string(fields.size()));
    }
    Entry entry;
    entry.id = dataset_name_ + ":" + std::to_string(row);
    entry.formula = std::string(trim(fields[columns_.formula]));
    entry.composition = parse_formula(entry.formula, row);
    entry.e_form = parse_energy(trim(fields[columns_.energy]), row);
    if (const std::string problem = entry_problem(entry.composition, entry.e_form, options_.max_abs_energy);
        !problem.empty()) {
      fail(row, problem);
    }
    if (columns_.sigma) entry.sigma = parse_sigma(trim(fields[*columns_.sigma]), row);
    return entry;
  }

 private:
  const std::string& source_;
  const CsvImportOptions& options_;
  CsvColumns columns_;
  const std::string& dataset_name_;

  [[noreturn]] void fail(long row, const std::string& problem) const {
    throw DataError(source_ + ": row " + std::to_string(row) + ": " + problem);
  }

  Composition parse_formula(const std::string& formula, long row) const {
    if (formula.empty()) fail(row, "missing formula (column " + in_quotes(options_.formula_column) + " is empty)");
    Composition composition;
    try {
      composition = Composition::parse(formula);
    } catch (const FormulaError& e) {
      fail(row, "invalid formula " + in_quotes(formula) + ": " + formula_problem(e.what(), formula));
    }
    if (composition.empty()) fail(row, "invalid formula " + in_quotes(formula) + ": no atoms");
    return composition;
  }

  double parse_energy(std::string_view text, long row) const {
    const std::string column = "column " + in_quotes(options_.energy_column);
    if (text.empty()) fail(row, "missing energy (" + column + " is empty)");
    const std::optional<double> value = parse_number(text);
    if (!value) fail(row, "invalid energy " + in_quotes(text) + " in " + column + ": not a number");
    if (!std::isfinite(*value)) {
      fail(row, "invalid energy " + in_quotes(text) + " in " + column + ": not a finite number");
    }
    return *value;
  }

  /// An uncertainty (eV/atom, finite, 0 to kMaxSigma); an empty field: none.
  std::optional<double> parse_sigma(std::string_view text, long row) const {
    if (text.empty()) return std::nullopt;
    const std::string column = "column " + in_quotes(options_.sigma_column);
    const std::optional<double> value = parse_number(text);
    if (!value) fail(row, "invalid uncertainty " + in_quotes(text) + " in " + column + ": not a number");
    if (const std::string problem = sigma_problem(*value); !problem.empty())
      fail(row, "invalid uncertainty " + in_quotes(text) + " in " + column + ": " + problem);
    return *value;
  }
};

}  // namespace

std::string sigma_problem(double sigma) {
  if (!std::isfinite(sigma)) return "not a finite number";
  if (sigma < 0) return "negative (a standard deviation is at least 0)";
  if (sigma > kMaxSigma)
    return "above " + shortest_number(kMaxSigma) + " eV/atom, the largest accepted (is it in eV/atom?)";
  return {};
}

/// Entries of a CSV with a header row: id "<dataset_name>:<row>", the formula as
/// written, and the formation energy per atom. Throws DataError naming `source`,
/// the row and the problem.
std::size_t parse_csv(ByteSource& in, const std::string& source, const CsvImportOptions& options,
                      const std::string& dataset_name, const EntrySink& sink) {
  CsvReader reader(in, source);
  const CsvColumns columns = read_header(reader, options, source);
  const RowParser parser(source, options, columns, dataset_name);
  std::size_t count = 0;
  std::vector<std::string> fields;
  while (reader.next(fields)) {
    if (is_blank_record(fields)) continue;
    sink(parser.parse(fields, reader.row()));
    ++count;
  }
  if (count == 0) throw DataError(source + ": no data rows after the header");
  return count;
}

std::vector<Entry> parse_csv_entries(std::string_view text, const std::string& source,
                                     const CsvImportOptions& options, const std::string& dataset_name) {
  TextSource in(text);
  std::vector<Entry> entries;
  parse_csv(in, source, options, dataset_name, [&entries](Entry&& e) { entries.push_back(std::move(e)); });
  return entries;
}

}  // namespace interphase::data::detail
