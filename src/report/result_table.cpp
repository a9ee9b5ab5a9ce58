#include "interphase/report/result_table.hpp"

#include <sstream>

#include "interphase/error.hpp"

namespace interphase {
namespace {

using Json = nlohmann::ordered_json;

/// "Li2S + LiCl: 0.93; Li2S: 0.07": probabilities in full precision, or with `digits` decimals.
std::string product_sets_text(const ProductSets& sets, std::optional<int> digits) {
  std::string out;
  for (const auto& [names, p] : sets) {
    std::string set;
    for (const auto& n : names) set += (set.empty() ? "" : " + ") + n;
    out += (out.empty() ? "" : "; ") + set + ": " + (digits ? fixed(p, *digits) : full_precision(p));
  }
  return out;
}

/// Splits a JSON path ("x[0]", "energy.x0_V0", "id") into its key and the rest.
struct PathStep {
  std::string key;
  std::optional<std::size_t> index;  ///< "key[i]"
  std::string rest;                  ///< after "key.", empty at the end
};

PathStep first_step(const std::string& path) {
  PathStep step;
  const auto dot = path.find('.');
  std::string head = path.substr(0, dot);
  if (dot != std::string::npos) step.rest = path.substr(dot + 1);
  const auto bracket = head.find('[');
  if (bracket != std::string::npos && head.back() == ']') {
    step.index = std::stoul(head.substr(bracket + 1, head.size() - bracket - 2));
    head.resize(bracket);
  }
  step.key = head;
  return step;
}

void put(Json& object, const std::string& path, Json value) {
  const PathStep step = first_step(path);
  Json& slot = object[step.key];
  if (step.index) {
    if (!slot.is_array()) slot = Json::array();
    while (slot.size() <= *step.index) slot.push_back(nullptr);
    slot[*step.index] = std::move(value);
  } else if (!step.rest.empty()) {
    if (!slot.is_object()) slot = Json::object();
    put(slot, step.rest, std::move(value));
  } else {
    slot = std::move(value);
  }
}

}  // namespace

std::string to_string(CellType type) {
  switch (type) {
    case CellType::Text: return "text";
    case CellType::Number: return "number";
    case CellType::Boolean: return "boolean";
    case CellType::Products: return "products";
    case CellType::Names: return "names";
    case CellType::ProductSets: return "product_sets";
  }
  return "?";
}

std::size_t Table::index(const std::string& name) const {
  for (std::size_t i = 0; i < columns.size(); ++i)
    if (columns[i].name == name) return i;
  throw Error("table has no column '" + name + "'");
}

Cell number_or_null(const std::optional<double>& value) { return value ? Cell(*value) : Cell(); }
Cell text_or_null(const std::string& text) { return text.empty() ? Cell() : Cell(text); }

// ---------------------------------------------------------------- CSV

namespace {

std::string csv_cell(const Column& column, const Cell& cell) {
  if (const auto* s = std::get_if<std::string>(&cell)) return csv_quote(*s);
  if (const double* v = std::get_if<double>(&cell)) return full_precision(*v);
  if (const bool* b = std::get_if<bool>(&cell)) return *b ? "true" : "false";
  if (const auto* p = std::get_if<Products>(&cell)) {
    std::string out;
    for (const auto& [name, fraction] : *p)
      out += (out.empty() ? "" : ";") + name + column.pair_separator + full_precision(fraction);
    return csv_quote(out);
  }
  if (const auto* n = std::get_if<std::vector<std::string>>(&cell)) return csv_quote(joined(*n, ";"));
  if (const auto* sets = std::get_if<ProductSets>(&cell)) return csv_quote(product_sets_text(*sets, std::nullopt));
  return "";
}

}  // namespace

std::vector<std::string> csv_names(const std::vector<Column>& columns) {
  std::vector<std::string> out;
  for (const Column& c : columns)
    if (c.use & kCsv) out.push_back(c.name);
  return out;
}

std::string csv_header(const std::vector<Column>& columns) {
  const std::vector<std::string> names = csv_names(columns);
  std::string out;
  for (std::size_t i = 0; i < names.size(); ++i) out += (i ? "," : "") + names[i];
  return out + "\n";
}

std::string csv_row(const std::vector<Column>& columns, const std::vector<Cell>& row) {
  std::string out;
  bool first = true;
  for (std::size_t i = 0; i < columns.size(); ++i) {
    if (!(columns[i].use & kCsv)) continue;
    if (!first) out += ',';
    out += csv_cell(columns[i], row.at(i));
    first = false;
  }
  return out + "\n";
}

std::string csv(const Table& table) {
  std::string out = csv_header(table.columns);
  for (const auto& row : table.rows) out += csv_row(table.columns, row);
  return out;
}

// ---------------------------------------------------------------- JSON

nlohmann::ordered_json json_cell(const Column&, const Cell& cell) {
  if (const auto* s = std::get_if<std::string>(&cell)) return *s;
  if (const double* v = std::get_if<double>(&cell)) return *v;
  if (const bool* b = std::get_if<bool>(&cell)) return *b;
  if (const auto* p = std::get_if<Products>(&cell)) {
    Json j = Json::object();
    for (const auto& [name, fraction] : *p) j[name] = fraction;
    return j;
  }
  if (const auto* n = std::get_if<std::vector<std::string>>(&cell)) return *n;
  if (const auto* sets = std::get_if<ProductSets>(&cell)) {
    Json j = Json::array();
    for (const auto& [names, p] : *sets) j.push_back({{"products", names}, {"p", p}});
    return j;
  }
  return nullptr;
}

nlohmann::ordered_json json_row(const std::vector<Column>& columns, const std::vector<Cell>& row) {
  Json j = Json::object();
  for (std::size_t i = 0; i < columns.size(); ++i) {
    const Column& c = columns[i];
    if (!(c.use & kJson)) continue;
    if (c.json_omit_null && std::holds_alternative<std::monostate>(row.at(i))) continue;
    if (c.json_path.empty()) j[c.name] = json_cell(c, row.at(i));
    else put(j, c.json_path, json_cell(c, row.at(i)));
  }
  return j;
}

nlohmann::ordered_json json_rows(const Table& table) {
  Json j = Json::array();
  for (const auto& row : table.rows) j.push_back(json_row(table.columns, row));
  return j;
}

nlohmann::ordered_json json_columns(const std::vector<Column>& columns) {
  Json j = Json::array();
  for (const Column& c : columns) {
    if (!(c.use & kData)) continue;
    j.push_back({{"name", c.name}, {"unit", c.unit}, {"type", to_string(c.type)}, {"description", c.description}});
  }
  return j;
}

// ---------------------------------------------------------------- text, Markdown

std::string product_names(const Products& products) {
  std::string out;
  for (const auto& [name, fraction] : products) out += (out.empty() ? "" : " + ") + name;
  return out;
}

std::string text_cell(const Cell& cell, int digits, const std::string& null_text) {
  if (const auto* s = std::get_if<std::string>(&cell)) return *s;
  if (const double* v = std::get_if<double>(&cell)) return fixed(*v, digits);
  if (const bool* b = std::get_if<bool>(&cell)) return *b ? "yes" : "no";
  if (const auto* p = std::get_if<Products>(&cell)) return product_names(*p);
  if (const auto* n = std::get_if<std::vector<std::string>>(&cell)) return joined(*n);
  if (const auto* sets = std::get_if<ProductSets>(&cell)) return product_sets_text(*sets, digits);
  return null_text;
}

namespace {

std::size_t column_index(const std::vector<Column>& columns, const std::string& name) {
  for (std::size_t i = 0; i < columns.size(); ++i)
    if (columns[i].name == name) return i;
  throw Error("table has no column '" + name + "'");
}

}  // namespace

TextRows::TextRows(const std::vector<Column>& columns, std::vector<TextColumn> view) : view_(std::move(view)) {
  for (const TextColumn& v : view_) {
    std::vector<std::size_t> ix;
    std::istringstream names(v.column);
    for (std::string name; names >> name;) ix.push_back(column_index(columns, name));
    header_.push_back(v.label.empty() ? v.column : v.label);
    indexes_.push_back(std::move(ix));
    fallbacks_.push_back(v.fallback.empty() ? std::nullopt : std::optional<std::size_t>(column_index(columns, v.fallback)));
  }
}

std::vector<std::string> TextRows::operator()(const std::vector<Cell>& row) const {
  std::vector<std::string> cells;
  cells.reserve(view_.size());
  for (std::size_t k = 0; k < view_.size(); ++k) {
    const TextColumn& v = view_[k];
    const auto& ix = indexes_[k];
    if (fallbacks_[k] && ix.size() == 1 && std::holds_alternative<std::monostate>(row.at(ix[0]))) {
      std::string cell = v.fallback;
      cell += ": ";
      cell += text_cell(row.at(*fallbacks_[k]), v.digits, v.null_text);
      cells.push_back(std::move(cell));
      continue;
    }
    std::string cell;
    for (std::size_t i = 0; i < ix.size(); ++i) {
      const Cell& c = row.at(ix[i]);
      if (i > 0) cell += ' ';
      cell += text_cell(c, v.digits, v.null_text);
      if (!std::holds_alternative<std::monostate>(c)) cell += v.suffix;
    }
    cells.push_back(std::move(cell));
  }
  return cells;
}

std::pair<std::vector<std::string>, std::vector<std::vector<std::string>>> text_view(const Table& table,
                                                                                     const std::vector<TextColumn>& view) {
  const TextRows text(table.columns, view);
  std::vector<std::vector<std::string>> rows;
  rows.reserve(table.rows.size());
  for (const auto& row : table.rows) rows.push_back(text(row));
  return {text.header(), std::move(rows)};
}

std::string view_table(const Table& table, const std::vector<TextColumn>& view, Format format) {
  const auto [header, rows] = text_view(table, view);
  return interphase::table(header, rows, format);
}

}  // namespace interphase
