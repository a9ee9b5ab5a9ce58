#include "interphase/report/screen_format.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <tuple>

#include <nlohmann/json.hpp>

#include "interphase/error.hpp"
#include "interphase/report/format.hpp"
#include "interphase/report/result_table.hpp"

namespace interphase {
namespace {

using Json = nlohmann::ordered_json;

Json window_json(const std::optional<MaterialWindow>& w) {
  if (!w) return nullptr;
  Json j{{"reduction_V", json_cell({}, number_or_null(w->reduction))},
         {"oxidation_V", json_cell({}, number_or_null(w->oxidation))}};
  if (!w->error.empty()) j["error"] = w->error;
  return j;
}

/// "1.72-2.14" (0 and inf for open ends), or null without a window.
Cell window_range(const std::optional<MaterialWindow>& w) {
  if (!w || !w->error.empty()) return {};
  return (w->reduction ? fixed(*w->reduction, 2) : "0") + "-" + (w->oxidation ? fixed(*w->oxidation, 2) : "inf");
}

std::vector<Column> make_screen_columns(bool windows, bool uncertainty, bool monte_carlo, bool ranges) {
  std::vector<Column> c = {
      {"A", "", CellType::Text, "material A as given"},
      {"B", "", CellType::Text, "material B as given"},
      {"condition", "", CellType::Text, "closed, a voltage (V vs the open element's metal) or chemical potentials"},
      {"chemsys", "", CellType::Text, "chemical system of the pair (null if it failed before)"},
      {"energy", "eV/atom", CellType::Number, "minimum reaction energy, per atom (closed) or per non-open atom"},
      {"x", "", CellType::Number, "atomic fraction of A at the minimum"},
      {"x_mass", "", CellType::Number, "mass fraction of A at the minimum"},
      {"products", "", CellType::Products, "products at the minimum: reduced formula -> atomic fraction"},
      {"reaction", "", CellType::Text, "balanced reaction at the minimum"},
      {"error", "", CellType::Text, "why the row has no result (null if it has one)"}};
  if (ranges) {
    c.push_back({"V_min", "V", CellType::Number, "range condition: the voltage where the minimum lies"});
    for (const char* m : {"A", "B"}) {
      const std::string s(m);
      c.push_back({s + "_holds_range", "", CellType::Boolean,
                   "range condition: whether " + s + "'s own window covers the whole range"});
      c.push_back({s + "_reduced_below_V", "V", CellType::Number,
                   "range condition: " + s + " decomposes by itself (takes up the open element) below this voltage"});
      c.push_back({s + "_oxidized_above_V", "V", CellType::Number,
                   "range condition: " + s + " decomposes by itself (gives off the open element) above this voltage"});
    }
  }
  if (windows) {
    // JSON nests the windows per material (screen_json_line).
    c.push_back(Column("A_reduction_V", "V", CellType::Number, "A's window: lowest stable voltage").only(kCsv));
    c.push_back(Column("A_oxidation_V", "V", CellType::Number, "A's window: highest stable voltage").only(kCsv));
    c.push_back(Column("B_reduction_V", "V", CellType::Number, "B's window: lowest stable voltage").only(kCsv));
    c.push_back(Column("B_oxidation_V", "V", CellType::Number, "B's window: highest stable voltage").only(kCsv));
    c.push_back(Column("A_covers_V", "", CellType::Boolean, "whether A's window holds the condition's voltage").only(kCsv));
  }
  if (uncertainty)  // JSON writes it after the windows (screen_json_line)
    c.push_back(Column("energy_std_linear", "eV/atom", CellType::Number,
                       "1-sigma of energy from every compound's formation-energy sigma, linear at fixed products")
                    .only(kCsv));
  if (monte_carlo) {  // JSON writes them last (screen_json_line)
    auto mc = monte_carlo_columns();
    const Column sets = mc.back();
    mc.pop_back();
    c.insert(c.end(), mc.begin(), mc.end());
    c.push_back(Column("products_p_max", "", CellType::Text, "Monte Carlo: the most probable product set at the minimum")
                    .only(kCsv));
    c.push_back(Column("p_products_max", "", CellType::Number, "Monte Carlo: the probability of products_p_max")
                    .only(kCsv));
    c.push_back(Column(sets).only(kJson));
  }
  // Text presentations.
  c.push_back(Column("condition_shown", "", CellType::Text, "the condition, with its unit").only(kTextOnly));
  c.push_back(Column("A_window_range", "V", CellType::Text, "A's window as a range").only(kTextOnly));
  if (monte_carlo)
    c.push_back(Column("energy_range", "eV/atom", CellType::Text, "Monte Carlo: 5-95% interval of the minimum")
                    .only(kTextOnly));
  if (ranges) {
    c.push_back(Column("A_in_range", "", CellType::Text, "A over the range: holds, or where it decomposes").only(kTextOnly));
    c.push_back(Column("B_in_range", "", CellType::Text, "B over the range: holds, or where it decomposes").only(kTextOnly));
  }
  return c;
}

/// A material over a range in words: "holds", "decomposes below 1.72 V", "... above 2.14 V".
Cell hold_words(const std::optional<RangeHold>& h) {
  if (!h) return {};
  if (h->holds) return std::string("holds");
  std::string out;
  if (h->reduced_below) out = "below " + fixed(*h->reduced_below, 2) + " V";
  if (h->oxidized_above) out += (out.empty() ? "" : ", ") + std::string("above ") + fixed(*h->oxidized_above, 2) + " V";
  return out.empty() ? std::string("decomposes everywhere") : "decomposes " + out;
}


/// Product names joined by " + " (the CSV cell of a product set).
std::string product_set_names(const std::vector<std::string>& products) {
  std::string out;
  for (const auto& n : products) out += (out.empty() ? "" : " + ") + n;
  return out;
}

/// The formation energies' 1-sigma in words: "0.024 eV/atom", or the data's own first.
std::string sigma_words(const ScreenSettings& settings) {
  const std::string uniform = full_precision(settings.sigma) + " eV/atom";
  return settings.own_sigmas ? "its own sigma from the data (else " + uniform + ")" : uniform;
}

}  // namespace

std::vector<std::string> csv_fields(const std::string& line) {
  std::vector<std::string> out(1);
  bool quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
        out.back() += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        out.back() += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      out.emplace_back();
    } else {
      out.back() += c;
    }
  }
  for (auto& field : out)  // the quote csv_quote puts before a cell a spreadsheet would run as a formula
    if (field.size() >= 2 && field[0] == '\'' && (field[1] == '=' || field[1] == '+' || field[1] == '-' || field[1] == '@'))
      field.erase(0, 1);
  return out;
}

const std::vector<Column>& screen_columns(bool windows, bool uncertainty, bool monte_carlo, bool ranges) {
  static const std::vector<std::vector<Column>> columns = [] {
    std::vector<std::vector<Column>> all;
    for (int k = 0; k < 16; ++k) all.push_back(make_screen_columns(k & 1, k & 2, k & 4, k & 8));
    return all;
  }();
  return columns[(windows ? 1 : 0) + (uncertainty ? 2 : 0) + (monte_carlo ? 4 : 0) + (ranges ? 8 : 0)];
}

std::vector<Cell> screen_cells(const ScreenRow& row, bool windows, bool uncertainty, bool monte_carlo, bool ranges) {
  std::vector<Cell> cells = {row.a, row.b, row.condition.label, text_or_null(row.chemsys)};
  if (row.minimum) {
    const Kink& m = *row.minimum;
    cells.insert(cells.end(), {m.energy, m.x, m.x_mass, m.products, m.reaction.to_string()});
  } else {
    cells.insert(cells.end(), 5, Cell());
  }
  cells.push_back(text_or_null(row.error));
  if (ranges) {
    cells.push_back(number_or_null(row.voltage));
    for (const auto* h : {&row.a_hold, &row.b_hold}) {
      cells.push_back(*h ? Cell((*h)->holds) : Cell());
      cells.push_back(*h ? number_or_null((*h)->reduced_below) : Cell());
      cells.push_back(*h ? number_or_null((*h)->oxidized_above) : Cell());
    }
  }
  if (windows) {
    for (const auto* w : {&row.a_window, &row.b_window}) {
      cells.push_back(*w ? number_or_null((*w)->reduction) : Cell());
      cells.push_back(*w ? number_or_null((*w)->oxidation) : Cell());
    }
    const auto covers = window_covers(row);
    cells.push_back(covers ? Cell(*covers) : Cell());
  }
  if (uncertainty) cells.push_back(number_or_null(row.energy_std_linear));
  const MinimumStatistics* st = row.monte_carlo ? &*row.monte_carlo : nullptr;
  if (monte_carlo) {
    if (st) {
      cells.insert(cells.end(), {st->std, st->p05, st->p95, st->p_react});
      if (st->product_sets.empty()) {
        cells.insert(cells.end(), 2, Cell());
      } else {
        cells.push_back(product_set_names(st->product_sets.front().products));
        cells.push_back(st->product_sets.front().p);
      }
      cells.push_back(product_sets(*st));
    } else {
      cells.insert(cells.end(), 7, Cell());
    }
  }
  cells.push_back(row.condition.voltage || row.condition.range ? row.condition.label + " V" : row.condition.label);
  cells.push_back(window_range(row.a_window));
  if (monte_carlo) cells.push_back(st ? Cell(fixed(st->p05, 4) + " to " + fixed(st->p95, 4)) : Cell());
  if (ranges) {
    cells.push_back(hold_words(row.a_hold));
    cells.push_back(hold_words(row.b_hold));
  }
  return cells;
}

Table screen_table(const std::vector<ScreenRow>& rows, bool windows, bool uncertainty, bool monte_carlo, bool ranges) {
  Table t{screen_columns(windows, uncertainty, monte_carlo, ranges), {}};
  t.rows.reserve(rows.size());
  for (const auto& r : rows) t.rows.push_back(screen_cells(r, windows, uncertainty, monte_carlo, ranges));
  return t;
}

std::string screen_csv_header(bool windows, bool uncertainty, bool monte_carlo, bool ranges) {
  return csv_header(screen_columns(windows, uncertainty, monte_carlo, ranges));
}

std::optional<bool> window_covers(const ScreenRow& row) {
  if (!row.condition.voltage || !row.a_window || !row.a_window->error.empty()) return std::nullopt;
  const double v = *row.condition.voltage;
  const auto& w = *row.a_window;
  return (!w.reduction || *w.reduction <= v) && (!w.oxidation || v <= *w.oxidation);
}

std::string screen_csv_row(const ScreenRow& row, bool windows, bool uncertainty, bool monte_carlo, bool ranges) {
  return csv_row(screen_columns(windows, uncertainty, monte_carlo, ranges),
                 screen_cells(row, windows, uncertainty, monte_carlo, ranges));
}

Json screen_json_row(const ScreenRow& row, bool windows, bool uncertainty, bool monte_carlo, bool ranges) {
  const auto& columns = screen_columns(windows, uncertainty, monte_carlo, ranges);
  const auto cells = screen_cells(row, windows, uncertainty, monte_carlo, ranges);
  const Table shape{columns, {}};
  Json j = json_row(columns, cells);
  if (windows) {
    j["windows"] = {{"A", window_json(row.a_window)}, {"B", window_json(row.b_window)}};
    j["A_covers_V"] = json_cell({}, cells.at(shape.index("A_covers_V")));
  }
  // After the windows, as in the CSV.
  if (uncertainty) j["energy_std_linear"] = json_cell({}, cells.at(shape.index("energy_std_linear")));
  if (monte_carlo)  // last, after energy_std_linear
    for (const Column& c : monte_carlo_columns()) {
      Json value = std::move(j[c.name]);
      j.erase(c.name);
      j[c.name] = std::move(value);
    }
  return j;
}

std::string screen_json_line(const ScreenRow& row, bool windows, bool uncertainty, bool monte_carlo, bool ranges) {
  return screen_json_row(row, windows, uncertainty, monte_carlo, ranges).dump() + "\n";
}

std::string screen_text(const std::vector<ScreenRow>& rows, const ScreenSettings& settings) {
  std::ostringstream out;
  out << "minimum " << to_string(settings.form) << " reaction energy of each pair";
  if (!settings.dataset.empty()) out << " (data set " << settings.dataset << ")";
  out << "\nE in eV per atom of the mixture (closed) or per non-" << settings.open << " atom (" << settings.open
      << " open at V vs " << settings.open << "/" << settings.open << "+); x, x_mass: fractions of A\n";
  if (settings.ranges)
    out << "a range V1-V2: the lowest E over every voltage in it, at V (" << settings.open
        << " open); A, B over range: where its own window ends inside the range\n";
  if (settings.uncertainty)
    out << "sigma_lin: 1-sigma of E_min, every compound's formation energy +/- " << sigma_words(settings)
        << ", propagated linearly\n";
  out << "\n";
  std::vector<TextColumn> view = {{"A"}, {"B"}, {"condition_shown", "condition"}, {"energy", "E_min", 6, "-"},
                                  {"x", "", 4, "-"}, {"x_mass", "", 4, "-"}};
  if (settings.ranges) view.emplace_back("V_min", "at V", 2, "-");
  view.emplace_back("products", "", 0, "", "error");
  if (settings.ranges) view.insert(view.end(), {{"A_in_range", "A over range"}, {"B_in_range", "B over range"}});
  if (settings.windows)
    view.insert(view.end(), {{"A_window_range", "A window", 2, "-", "", " V"}, {"A_covers_V", "A covers V"}});
  if (settings.uncertainty) view.emplace_back("energy_std_linear", "sigma_lin", 6, "-");
  if (settings.monte_carlo)
    view.insert(view.end(), {{"energy_std", "E_std", 6, "-"}, {"energy_p05", "E_p05", 6, "-"},
                             {"energy_p95", "E_p95", 6, "-"}, {"p_react", "", 3, "-"}});
  const auto [header, cells] =
      text_view(screen_table(rows, settings.windows, settings.uncertainty, settings.monte_carlo, settings.ranges), view);
  out << text_table(header, cells);
  return out.str();
}

ScreenTable screen_ranked(const std::vector<ScreenRow>& rows, const ScreenSettings& settings) {
  ScreenTable out;
  for (const auto& r : rows) out.order.push_back(&r);
  std::stable_sort(out.order.begin(), out.order.end(), [](const ScreenRow* p, const ScreenRow* q) {
    if (p->minimum.has_value() != q->minimum.has_value()) return p->minimum.has_value();
    return p->minimum && p->minimum->energy < q->minimum->energy;
  });
  // The rows with a result numbered by energy; failed rows last, unnumbered.
  Table t{screen_columns(settings.windows, settings.uncertainty, settings.monte_carlo, settings.ranges), {}};
  t.columns.push_back(Column("rank", "", CellType::Number, "1 for the most reactive pair").only(kTextOnly));
  std::size_t rank = 0;
  for (const auto* r : out.order) {
    t.rows.push_back(screen_cells(*r, settings.windows, settings.uncertainty, settings.monte_carlo, settings.ranges));
    t.rows.back().push_back(r->minimum ? Cell(static_cast<double>(++rank)) : Cell());
  }
  std::vector<TextColumn> view = {{"rank", "", 0, "-"}, {"A"}, {"B"}, {"condition_shown", "condition"},
                                  {"energy", "E_min", 4, "-"}, {"x", "", 3, "-"}};
  if (settings.ranges) view.emplace_back("V_min", "at V", 2, "-");
  view.emplace_back("products", "", 0, "", "error");
  if (settings.ranges) view.insert(view.end(), {{"A_in_range", "A over range"}, {"B_in_range", "B over range"}});
  if (settings.windows)
    view.insert(view.end(), {{"A_window_range", "A window (V)", 2, "-"}, {"A_covers_V", "A covers V"}});
  if (settings.uncertainty) view.emplace_back("energy_std_linear", "sigma_lin", 4, "-");
  if (settings.monte_carlo)
    view.insert(view.end(), {{"energy_std", "E_std", 4, "-"}, {"energy_range", "E 5-95%", 0, "-"}, {"p_react", "", 3, "-"}});
  std::tie(out.header, out.rows) = text_view(t, view);
  return out;
}

std::string screen_units(const ScreenSettings& settings) {
  return "E in eV per atom of the mixture (closed) or per non-" + settings.open + " atom (" + settings.open +
         " open at the condition's voltage, V vs " + settings.open + "/" + settings.open + "+); x: atomic fraction of A." +
         (settings.ranges ? " A range V1-V2: the lowest E over every voltage in it, at V." : "");
}

std::string screen_markdown(const std::vector<ScreenRow>& rows, const ScreenSettings& settings) {
  std::ostringstream out;
  out << "Minimum " << to_string(settings.form) << " reaction energy of each pair, most reactive first";
  if (!settings.dataset.empty()) out << " (data set " << settings.dataset << ")";
  out << ".\n" << screen_units(settings) << "\n";
  if (settings.uncertainty)
    out << "sigma_lin: 1-sigma of E_min, every compound's formation energy +/- " << sigma_words(settings)
        << ", propagated linearly.\n";
  out << "\n";
  const ScreenTable t = screen_ranked(rows, settings);
  out << markdown_table(t.header, t.rows);
  return out.str();
}

std::vector<std::vector<std::string>> read_screen_keys(const std::filesystem::path& file, Format format,
                                                       const std::string& header) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw DataError("cannot resume '" + file.string() + "': cannot read it");
  std::vector<std::vector<std::string>> keys;
  std::string line;
  bool first = true;
  while (std::getline(in, line)) {
    if (in.eof()) break;  // no newline: a partial row
    if (format == Format::Csv && first && !header.empty()) {
      first = false;
      if (line + "\n" != header)
        throw DataError("cannot resume '" + file.string() +
                        "': its first line is not this screen's CSV header (other --windows, --uncertainty or --samples?)");
      continue;
    }
    first = false;
    if (format == Format::Csv) {
      auto fields = csv_fields(line);
      if (fields.size() < 10) throw DataError("cannot resume '" + file.string() + "': row " + std::to_string(keys.size() + 1) + " is not a screen row");
      fields.resize(3);
      keys.push_back(std::move(fields));
    } else {
      try {
        const auto j = nlohmann::json::parse(line);
        keys.push_back({j.at("A").get<std::string>(), j.at("B").get<std::string>(), j.at("condition").get<std::string>()});
      } catch (const std::exception&) {
        throw DataError("cannot resume '" + file.string() + "': line " + std::to_string(keys.size() + 1) +
                        " is not a screen row in JSON");
      }
    }
  }
  return keys;
}

RowFile::RowFile(const std::filesystem::path& path) : path_(path) {
  fd_ = ::open(path.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
  if (fd_ < 0) throw OutputError("cannot write the output '" + path.string() + "': " + std::strerror(errno));
  struct stat st {};
  regular_ = ::fstat(fd_, &st) == 0 && S_ISREG(st.st_mode);
  // Only a regular file is locked (not /dev/full, which every run may share); a file
  // system without locks (Lustre mounted noflock: ENOSYS) leaves it unlocked.
  if (regular_ && ::flock(fd_, LOCK_EX | LOCK_NB) != 0 && errno != ENOSYS && errno != ENOLCK &&
      errno != EOPNOTSUPP && errno != EINVAL) {
    const int error = errno;
    ::close(fd_);
    fd_ = -1;
    if (error == EWOULDBLOCK)
      throw DataError("cannot write '" + path.string() +
                      "': another interphase run is writing it now; let that run finish, or choose another file");
    throw OutputError("cannot lock the output '" + path.string() + "': " + std::strerror(error));
  }
  const off_t end = ::lseek(fd_, 0, SEEK_END);
  size_ = regular_ && end > 0 ? static_cast<long long>(end) : 0;
}

void RowFile::truncate() {
  if (size_ == 0) return;  // also a device such as /dev/full, which cannot be truncated
  if (::ftruncate(fd_, 0) != 0)
    throw OutputError("cannot write the output '" + path_.string() + "': " + std::strerror(errno));
  size_ = 0;
  ::lseek(fd_, 0, SEEK_SET);
}

void RowFile::cut_partial_line() {
  if (size_ == 0) return;
  std::ifstream in(path_, std::ios::binary);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const auto last = text.find_last_of('\n');
  const long long keep = last == std::string::npos ? 0 : static_cast<long long>(last) + 1;
  if (keep != size_) {
    if (::ftruncate(fd_, keep) != 0)
      throw OutputError("cannot resume '" + path_.string() + "': " + std::strerror(errno));
    size_ = keep;
  }
  ::lseek(fd_, 0, SEEK_END);
}

RowFile::~RowFile() {
  if (fd_ >= 0) ::close(fd_);
}

void RowFile::write(const std::string& text) {
  std::size_t written = 0;
  while (written < text.size()) {
    const ssize_t n = ::write(fd_, text.data() + written, text.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      throw OutputError("cannot write the output '" + path_.string() + "': " + std::strerror(errno));
    }
    written += static_cast<std::size_t>(n);
  }
  size_ += static_cast<long long>(text.size());
}

}  // namespace interphase
