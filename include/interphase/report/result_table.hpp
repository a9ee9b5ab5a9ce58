#pragma once
/// \file result_table.hpp
/// One typed table per result kind (react's kinks, sweep rows, a window's
/// profile, map regions, hull and stability rows, screen rows, ...) and the
/// generic writers that render any of them as CSV, JSON, aligned text or
/// Markdown.
///
/// A column has a name (the CSV header and the JSON key), a unit and a type;
/// a row holds one cell per column, or none (null). The writers format cells
/// by type alone:
///   Number    CSV and JSON: shortest exact form (full_precision); text: fixed decimals
///   Boolean   CSV/JSON: true/false; text: yes/no
///   Text      as is (CSV quoted when needed)
///   Products  reduced formula -> atomic fraction; CSV "Li2S=0.714;LiCl=0.286"
///             (or ':' between name and fraction, see Column::pair_separator),
///             JSON an object, text the names joined by " + "
///   Names     a list of formulas; CSV joined by ';', JSON an array, text joined by " + "
///   ProductSets  product sets with a probability each; CSV "Li2S + LiCl: 0.93; Li2S: 0.07",
///             JSON [{"products": [...], "p": 0.93}, ...], text as CSV with fixed decimals
/// Null cells are empty in CSV, null in JSON (or left out, Column::json_omit_null)
/// and TextColumn::null_text in text.
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

#include "interphase/report/table.hpp"

namespace interphase {

/// Products of a reaction or a decomposition: reduced formula -> atomic fraction, in order.
using Products = std::vector<std::pair<std::string, double>>;

/// Product sets, each a list of formulas with its probability, most probable first.
using ProductSets = std::vector<std::pair<std::vector<std::string>, double>>;

enum class CellType { Text, Number, Boolean, Products, Names, ProductSets };
/// "text", "number", "boolean", "products", "names" or "product_sets".
std::string to_string(CellType type);

/// A cell: null (std::monostate) or a value of its column's type.
using Cell = std::variant<std::monostate, std::string, double, bool, Products, std::vector<std::string>, ProductSets>;

/// Which writers show a column (a bit set): some columns are for scripts only
/// (CSV, JSON), some are text-only presentations of others.
enum ColumnUse : std::uint8_t { kCsv = 1, kJson = 2, kData = kCsv | kJson, kTextOnly = 4 };

struct Column {
  std::string name;         ///< CSV header and JSON key
  std::string unit;         ///< "eV/atom", "V", "" for dimensionless or text
  CellType type = CellType::Number;
  std::string description;  ///< one line: what the column holds
  /// Where the JSON writer puts the cell, if not at key `name`: "x[0]" (element
  /// 0 of array "x"), "energy.x0_V0" (key "x0_V0" of object "energy").
  std::string json_path;
  bool json_omit_null = false;  ///< leave a null cell's key out of JSON instead of writing null
  char pair_separator = '=';    ///< Products in CSV: between name and fraction
  std::uint8_t use = kData;     ///< ColumnUse bits

  Column() = default;
  Column(std::string name, std::string unit, CellType type, std::string description)
      : name(std::move(name)), unit(std::move(unit)), type(type), description(std::move(description)) {}
  Column& at_json(std::string path) { json_path = std::move(path); return *this; }
  Column& omit_null() { json_omit_null = true; return *this; }
  Column& separator(char c) { pair_separator = c; return *this; }
  Column& only(std::uint8_t writers) { use = writers; return *this; }
};

/// A typed table: columns and rows of cells (one per column).
struct Table {
  std::vector<Column> columns;
  std::vector<std::vector<Cell>> rows;

  /// Index of the column `name`; Error if there is none.
  std::size_t index(const std::string& name) const;
  /// The cell of row `row` in column `name`.
  const Cell& at(std::size_t row, const std::string& name) const { return rows.at(row).at(index(name)); }
};

/// A number cell, or null.
Cell number_or_null(const std::optional<double>& value);
/// A text cell, or null when empty.
Cell text_or_null(const std::string& text);

// ---------------------------------------------------------------- CSV

/// The names of the CSV columns, in order.
std::vector<std::string> csv_names(const std::vector<Column>& columns);
/// The header line (csv_names joined by commas), newline-terminated.
std::string csv_header(const std::vector<Column>& columns);
/// One row, newline-terminated.
std::string csv_row(const std::vector<Column>& columns, const std::vector<Cell>& row);
/// Header and every row.
std::string csv(const Table& table);

// ---------------------------------------------------------------- JSON

/// One cell as JSON (null, string, number, boolean, object of products, array of names, array of product sets).
nlohmann::ordered_json json_cell(const Column& column, const Cell& cell);
/// One row as a JSON object, keys in column order (nested by Column::json_path).
nlohmann::ordered_json json_row(const std::vector<Column>& columns, const std::vector<Cell>& row);
/// Every row: a JSON array of objects.
nlohmann::ordered_json json_rows(const Table& table);
/// The columns: [{"name", "unit", "type", "description"}, ...], for readers of the other formats.
nlohmann::ordered_json json_columns(const std::vector<Column>& columns);

// ---------------------------------------------------------------- text, Markdown

/// How a text or Markdown table shows one of a table's columns.
struct TextColumn {
  std::string column;      ///< the table's column (several, space-separated, are shown in one cell joined by ' ')
  std::string label;       ///< header; the column's name if empty
  int digits = 6;          ///< decimals of numbers
  std::string null_text;   ///< shown for null cells
  /// If set: a column shown instead, as "<fallback>: <text>", when this one is null.
  std::string fallback;
  std::string suffix;      ///< appended to cells that are not null (" V")

  TextColumn(std::string column, std::string label = "", int digits = 6, std::string null_text = "",
             std::string fallback = "", std::string suffix = "")
      : column(std::move(column)), label(std::move(label)), digits(digits), null_text(std::move(null_text)),
        fallback(std::move(fallback)), suffix(std::move(suffix)) {}
};

/// Product names joined by " + " ("Li3PO4 + Li2S + RuS2"): the text of a Products cell.
std::string product_names(const Products& products);

/// One cell as text: numbers with `digits` decimals, booleans yes/no, products and names joined by " + ".
std::string text_cell(const Cell& cell, int digits, const std::string& null_text = "");
/// A text view resolved against a table's columns: its header, and the text
/// cells of any row (so a long table can be turned into text row by row).
class TextRows {
 public:
  /// Error if the view names a column that is not among `columns`.
  TextRows(const std::vector<Column>& columns, std::vector<TextColumn> view);
  const std::vector<std::string>& header() const { return header_; }
  std::vector<std::string> operator()(const std::vector<Cell>& row) const;

 private:
  std::vector<TextColumn> view_;
  std::vector<std::string> header_;
  std::vector<std::vector<std::size_t>> indexes_;
  std::vector<std::optional<std::size_t>> fallbacks_;
};

/// The header and rows of a text view of `table`.
std::pair<std::vector<std::string>, std::vector<std::vector<std::string>>> text_view(const Table& table,
                                                                                     const std::vector<TextColumn>& view);
/// An aligned text table (Format::Text) or a Markdown table (Format::Markdown) of `table` as `view` shows it.
std::string view_table(const Table& table, const std::vector<TextColumn>& view, Format format);

}  // namespace interphase
