#include "interphase/quote.hpp"
#include "interphase/report/table.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <sstream>

#include "interphase/error.hpp"

namespace interphase {

/// A plain-text table: a header row and data rows, columns padded to their widest cell.
std::string text_table(const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows) {
  std::vector<std::size_t> width(header.size(), 0);
  auto measure = [&](const std::vector<std::string>& row) {
    for (std::size_t i = 0; i < row.size() && i < width.size(); ++i) width[i] = std::max(width[i], row[i].size());
  };
  measure(header);
  for (const auto& row : rows) measure(row);
  std::ostringstream out;
  auto print = [&](const std::vector<std::string>& row) {
    std::string line;
    for (std::size_t i = 0; i < row.size(); ++i) {
      std::string cell = row[i];
      if (i + 1 < row.size()) cell.resize(width[i], ' ');
      line += cell;
      if (i + 1 < row.size()) line += "  ";
    }
    out << line << '\n';
  };
  print(header);
  for (const auto& row : rows) print(row);
  return out.str();
}

std::string markdown_table(const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows) {
  std::ostringstream out;
  auto print = [&](const std::vector<std::string>& row) {
    out << "|";
    for (const auto& cell : row) {  // a '|' inside a cell would end it: escaped as Markdown does
      out << " ";
      for (char c : cell) out << (c == '|' ? "\\|" : std::string(1, c));
      out << " |";
    }
    out << "\n";
  };
  print(header);
  out << "|";
  for (std::size_t i = 0; i < header.size(); ++i) out << "---|";
  out << "\n";
  for (const auto& row : rows) print(row);
  return out.str();
}

std::string table(const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows, Format format) {
  return format == Format::Markdown ? markdown_table(header, rows) : text_table(header, rows);
}

Format parse_format(const std::string& text) {
  if (text == "text") return Format::Text;
  if (text == "markdown" || text == "md") return Format::Markdown;
  if (text == "json") return Format::Json;
  if (text == "csv") return Format::Csv;
  throw Error("unknown format '" + text + "': expected text, markdown, json or csv");
}

namespace {

bool formula_start(char c) { return c == '=' || c == '+' || c == '-' || c == '@'; }

/// Whether a spreadsheet would read the cell as a formula: it starts with '=',
/// '+', '-' or '@' and is not a number ("-1.5" stays as it is). A cell that
/// starts with a quote before one of them is neutralised too, so that reading
/// back (csv_fields) gives every cell as it was.
bool reads_as_formula(const std::string& s) {
  if (s.size() >= 2 && s[0] == '\'' && formula_start(s[1])) return true;
  if (s.empty() || !formula_start(s[0])) return false;
  double value = 0;
  const char* first = s.data() + (s[0] == '+');
  const auto [end, error] = std::from_chars(first, s.data() + s.size(), value);
  return first == s.data() + s.size() || error == std::errc::invalid_argument || end != s.data() + s.size();
}

}  // namespace

std::string csv_quote(const std::string& text) {
  // OWASP's rule against CSV injection: a cell a spreadsheet would run as a
  // formula ("=HYPERLINK(...)" as an entry id or a formula of an @FILE) gets a
  // leading single quote, shown as text.
  const std::string s = reads_as_formula(text) ? "'" + text : text;
  if (s.find_first_of(",\"\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string full_precision(double value) { return shortest_number(value); }

std::string fixed(double value, int digits) {
  // No "-0.000": a value that rounds to zero prints as zero.
  const double rounded_away = std::abs(value) < 0.5 * std::pow(10.0, -digits) ? 0.0 : value;
  // Sized to the number: 1e300 has 301 digits before the point.
  const int size = std::snprintf(nullptr, 0, "%.*f", digits, rounded_away);
  std::string out(static_cast<std::size_t>(size > 0 ? size : 0), '\0');
  std::snprintf(out.data(), out.size() + 1, "%.*f", digits, rounded_away);
  return out;
}

std::string products_cell(const std::vector<std::pair<std::string, double>>& products) {
  std::string out;
  for (const auto& [name, fraction] : products) out += (out.empty() ? "" : ";") + name + "=" + full_precision(fraction);
  return out;
}

std::string joined(const std::vector<std::string>& names, const std::string& separator) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : separator) + n;
  return out;
}

}  // namespace interphase
