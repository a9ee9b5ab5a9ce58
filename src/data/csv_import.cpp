/// \file csv_import.cpp
/// Parsing a CSV of formulas and formation energies per atom into entries.
///
/// The dialect is RFC 4180, minimally: comma-separated, fields optionally in
/// double quotes ("" is a quote inside one), LF, CRLF or CR line ends, an
/// optional UTF-8 byte-order mark. Unquoted fields are trimmed of blanks.
/// Row numbers count records from the header (row 0); blank lines count but
/// are skipped.
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

#include "detail.hpp"

namespace interphase::data::detail {

namespace {

/// Reads records one at a time from CSV text.
class CsvReader {
 public:
  CsvReader(std::string_view text, const std::string& source) : text_(text), source_(source) {
    constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";
    if (text_.starts_with(kByteOrderMark)) pos_ = kByteOrderMark.size();
  }

  /// Read the next record into `fields`; false at the end of the text.
  bool next(std::vector<std::string>& fields) {
    if (pos_ >= text_.size()) return false;
    ++row_;
    fields.clear();
    fields.emplace_back();
    while (pos_ < text_.size()) {
      const char c = text_[pos_];
      if (c == '\n' || c == '\r') {
        skip_line_end();
        return true;
      }
      if (c == ',') {
        ++pos_;
        fields.emplace_back();
      } else if (c == '"' && is_blank(fields.back())) {
        fields.back() = read_quoted();
      } else {
        fields.back() += c;
        ++pos_;
      }
    }
    return true;
  }

  /// The row of the last record read (the header is row 0).
  long row() const { return row_; }

 private:
  std::string_view text_;
  const std::string& source_;
  std::size_t pos_ = 0;
  long row_ = -1;

  static bool is_blank(std::string_view s) { return s.find_first_not_of(" \t") == std::string_view::npos; }

  void skip_line_end() {
    if (text_[pos_] == '\r' && pos_ + 1 < text_.size() && text_[pos_ + 1] == '\n') ++pos_;
    ++pos_;
  }

  /// A quoted field starting at the opening quote; leaves pos_ after the closing quote.
  std::string read_quoted() {
    std::string value;
    for (++pos_; pos_ < text_.size(); ++pos_) {
      if (text_[pos_] != '"') {
        value += text_[pos_];
      } else if (pos_ + 1 < text_.size() && text_[pos_ + 1] == '"') {
        value += '"';
        ++pos_;
      } else {
        ++pos_;
        expect_field_end();
        return value;
      }
    }
    throw DataError(source_ + ": row " + std::to_string(row_) + ": unterminated quoted field");
  }

  /// After a closing quote only blanks may follow before ',' or the line end.
  void expect_field_end() {
    while (pos_ < text_.size() && (text_[pos_] == ' ' || text_[pos_] == '\t')) ++pos_;
    if (pos_ < text_.size() && text_[pos_] != ',' && text_[pos_] != '\n' && text_[pos_] != '\r') {
      throw DataError(source_ + ": row " + std::to_string(row_) + ": unexpected character '" +
                      std::string(1, text_[pos_]) + "' after a closing quote");
    }
  }
};

/// The problem in a FormulaError's message without the formula it names, which
/// our own message names already: "unknown element 'Xq'" from
/// "unknown element 'Xq' in formula 'Xq2O'" or "invalid formula 'Xq2O': ...".
std::string formula_problem(std::string what, const std::string& formula) {
  const std::string prefix = "invalid formula '" + formula + "': ";
  const std::string suffix = " in formula '" + formula + "'";
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
  std::size_t count = 0;  ///< fields per row
};

std::string join_names(const std::vector<std::string>& header) {
  std::string out;
  for (const auto& name : header) out += (out.empty() ? "'" : ", '") + std::string(trim(name)) + "'";
  return out;
}

std::size_t find_column(const std::vector<std::string>& header, const std::string& name,
                        const std::string& source) {
  for (std::size_t i = 0; i < header.size(); ++i) {
    if (trim(header[i]) == name) return i;
  }
  throw DataError(source + ": row 0 (header): no column '" + name + "' (columns: " + join_names(header) + ")");
}

CsvColumns read_header(CsvReader& reader, const CsvImportOptions& options, const std::string& source) {
  std::vector<std::string> header;
  if (!reader.next(header) || is_blank_record(header)) {
    throw DataError(source + ": empty file; expected a header row naming the columns '" +
                    options.formula_column + "' and '" + options.energy_column + "'");
  }
  return {find_column(header, options.formula_column, source), find_column(header, options.energy_column, source),
          header.size()};
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
    if (fields.size() != columns_.count) {
      fail(row, "expected " + std::to_string(columns_.count) + " fields as in the header, found " +
                    std::to_string(fields.size()));
    }
    Entry entry;
    entry.id = dataset_name_ + ":" + std::to_string(row);
    entry.formula = std::string(trim(fields[columns_.formula]));
    entry.composition = parse_formula(entry.formula, row);
    entry.e_form = parse_energy(trim(fields[columns_.energy]), row);
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
    if (formula.empty()) fail(row, "missing formula (column '" + options_.formula_column + "' is empty)");
    Composition composition;
    try {
      composition = Composition::parse(formula);
    } catch (const FormulaError& e) {
      fail(row, "invalid formula '" + formula + "': " + formula_problem(e.what(), formula));
    }
    if (composition.empty()) fail(row, "invalid formula '" + formula + "': no atoms");
    return composition;
  }

  double parse_energy(std::string_view text, long row) const {
    const std::string column = "column '" + options_.energy_column + "'";
    if (text.empty()) fail(row, "missing energy (" + column + " is empty)");
    const std::optional<double> value = parse_number(text);
    if (!value) fail(row, "invalid energy '" + std::string(text) + "' in " + column + ": not a number");
    if (!std::isfinite(*value)) {
      fail(row, "invalid energy '" + std::string(text) + "' in " + column + ": not a finite number");
    }
    return *value;
  }
};

}  // namespace

/// Entries of a CSV with a header row: id "<dataset_name>:<row>", the formula as
/// written, and the formation energy per atom. Throws DataError naming `source`,
/// the row and the problem.
std::vector<Entry> parse_csv_entries(std::string_view text, const std::string& source,
                                     const CsvImportOptions& options, const std::string& dataset_name) {
  CsvReader reader(text, source);
  const CsvColumns columns = read_header(reader, options, source);
  const RowParser parser(source, options, columns, dataset_name);
  std::vector<Entry> entries;
  std::vector<std::string> fields;
  while (reader.next(fields)) {
    if (!is_blank_record(fields)) entries.push_back(parser.parse(fields, reader.row()));
  }
  if (entries.empty()) throw DataError(source + ": no data rows after the header");
  return entries;
}

}  // namespace interphase::data::detail
