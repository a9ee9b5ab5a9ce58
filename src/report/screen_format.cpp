#include "interphase/report/screen_format.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "interphase/error.hpp"
#include "interphase/report/format.hpp"

namespace interphase {
namespace {

using Json = nlohmann::ordered_json;

std::string optional_cell(const std::optional<double>& v) { return v ? full_precision(*v) : ""; }
Json optional_json(const std::optional<double>& v) { return v ? Json(*v) : Json(nullptr); }

Json window_json(const std::optional<MaterialWindow>& w) {
  if (!w) return nullptr;
  Json j{{"reduction_V", optional_json(w->reduction)}, {"oxidation_V", optional_json(w->oxidation)}};
  if (!w->error.empty()) j["error"] = w->error;
  return j;
}

/// Split one CSV record into fields (quotes as csv_quote writes them).
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
  return out;
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

std::string screen_csv_header(bool windows, bool uncertainty, bool monte_carlo) {
  std::string h = "A,B,condition,chemsys,energy,x,x_mass,products,reaction,error";
  if (windows) h += ",A_reduction_V,A_oxidation_V,B_reduction_V,B_oxidation_V,A_covers_V";
  if (uncertainty) h += ",energy_std_linear";
  if (monte_carlo) h += ",energy_std,energy_p05,energy_p95,p_react,products_p_max,p_products_max";
  return h + "\n";
}

std::optional<bool> window_covers(const ScreenRow& row) {
  if (!row.condition || !row.condition->voltage || !row.a_window || !row.a_window->error.empty()) return std::nullopt;
  const double v = *row.condition->voltage;
  const auto& w = *row.a_window;
  return (!w.reduction || *w.reduction <= v) && (!w.oxidation || v <= *w.oxidation);
}

std::string screen_csv_row(const ScreenRow& row, bool windows, bool uncertainty, bool monte_carlo) {
  std::string out = csv_quote(row.a) + "," + csv_quote(row.b) + "," + csv_quote(row.condition->label) + "," + row.chemsys + ",";
  if (row.minimum) {
    const Kink& m = *row.minimum;
    out += full_precision(m.energy) + "," + full_precision(m.x) + "," + full_precision(m.x_mass) + "," +
           csv_quote(products_cell(m.products)) + "," + csv_quote(m.reaction.to_string()) + ",";
  } else {
    out += ",,,,,";
  }
  out += csv_quote(row.error);
  if (windows) {
    const auto cells = [](const std::optional<MaterialWindow>& w) {
      return w ? optional_cell(w->reduction) + "," + optional_cell(w->oxidation) : std::string(",");
    };
    const auto covers = window_covers(row);
    out += ',';
    out += cells(row.a_window);
    out += ',';
    out += cells(row.b_window);
    out += ',';
    if (covers) out += *covers ? "true" : "false";
  }
  if (uncertainty) {
    out += ',';
    out += optional_cell(row.energy_std_linear);
  }
  if (monte_carlo) {
    if (row.monte_carlo) {
      const auto& st = *row.monte_carlo;
      for (const double v : {st.std, st.p05, st.p95, st.p_react}) {
        out += ',';
        out += full_precision(v);
      }
      out += ',';
      out += csv_quote(product_set_names(st.product_sets.front().products));
      out += ',';
      out += full_precision(st.product_sets.front().p);
    } else {
      out += ",,,,,,";
    }
  }
  return out + "\n";
}

std::string screen_json_line(const ScreenRow& row, bool windows, bool uncertainty, bool monte_carlo) {
  Json j;
  j["A"] = row.a;
  j["B"] = row.b;
  j["condition"] = row.condition->label;
  j["chemsys"] = row.chemsys.empty() ? Json(nullptr) : Json(row.chemsys);
  if (row.minimum) {
    j["energy"] = row.minimum->energy;
    j["x"] = row.minimum->x;
    j["x_mass"] = row.minimum->x_mass;
    j["products"] = products_json(row.minimum->products);
    j["reaction"] = row.minimum->reaction.to_string();
  } else {
    for (const char* key : {"energy", "x", "x_mass", "products", "reaction"}) j[key] = nullptr;
  }
  j["error"] = row.error.empty() ? Json(nullptr) : Json(row.error);
  if (windows) {
    j["windows"] = {{"A", window_json(row.a_window)}, {"B", window_json(row.b_window)}};
    const auto covers = window_covers(row);
    j["A_covers_V"] = covers ? Json(*covers) : Json(nullptr);
  }
  if (uncertainty) j["energy_std_linear"] = optional_json(row.energy_std_linear);
  if (monte_carlo) {
    if (row.monte_carlo) {
      add_monte_carlo_json(j, *row.monte_carlo);
    } else {
      for (const char* key : {"energy_std", "energy_p05", "energy_p95", "p_react", "product_sets"}) j[key] = nullptr;
    }
  }
  return j.dump() + "\n";
}

std::string screen_text(const std::vector<ScreenRow>& rows, const ScreenSettings& settings) {
  std::ostringstream out;
  out << "minimum " << to_string(settings.form) << " reaction energy of each pair";
  if (!settings.dataset.empty()) out << " (data set " << settings.dataset << ")";
  out << "\nE in eV per atom of the mixture (closed) or per non-" << settings.open << " atom (" << settings.open
      << " open at V vs " << settings.open << "/" << settings.open << "+); x, x_mass: fractions of A\n";
  if (settings.uncertainty)
    out << "sigma_lin: 1-sigma of E_min, every compound's formation energy +/- " << sigma_words(settings)
        << ", propagated linearly\n";
  out << "\n";
  std::vector<std::string> header = {"A", "B", "condition", "E_min", "x", "x_mass", "products"};
  if (settings.windows) header.insert(header.end(), {"A window", "A covers V"});
  if (settings.uncertainty) header.push_back("sigma_lin");
  if (settings.monte_carlo) header.insert(header.end(), {"E_std", "E_p05", "E_p95", "p_react"});
  std::vector<std::vector<std::string>> table;
  for (const auto& r : rows) {
    std::vector<std::string> cells = {r.a, r.b, r.condition->voltage ? r.condition->label + " V" : r.condition->label};
    if (r.minimum) {
      cells.insert(cells.end(), {fixed(r.minimum->energy, 6), fixed(r.minimum->x, 4), fixed(r.minimum->x_mass, 4),
                                 product_names(r.minimum->products)});
    } else {
      cells.insert(cells.end(), {"-", "-", "-", "error: " + r.error});
    }
    if (settings.windows) {
      const auto& w = r.a_window;
      cells.push_back(!w || !w->error.empty() ? "-"
                                              : (w->reduction ? fixed(*w->reduction, 2) : "0") + "-" +
                                                    (w->oxidation ? fixed(*w->oxidation, 2) : "inf") + " V");
      const auto covers = window_covers(r);
      cells.push_back(covers ? (*covers ? "yes" : "no") : "");
    }
    if (settings.uncertainty) cells.push_back(r.energy_std_linear ? fixed(*r.energy_std_linear, 6) : "-");
    if (settings.monte_carlo) {
      if (r.monte_carlo) {
        for (const double v : {r.monte_carlo->std, r.monte_carlo->p05, r.monte_carlo->p95}) cells.push_back(fixed(v, 6));
        cells.push_back(fixed(r.monte_carlo->p_react, 3));
      } else {
        cells.insert(cells.end(), {"-", "-", "-", "-"});
      }
    }
    table.push_back(std::move(cells));
  }
  out << text_table(header, table);
  return out.str();
}

ScreenTable screen_ranked(const std::vector<ScreenRow>& rows, const ScreenSettings& settings) {
  ScreenTable t;
  for (const auto& r : rows) t.order.push_back(&r);
  std::stable_sort(t.order.begin(), t.order.end(), [](const ScreenRow* p, const ScreenRow* q) {
    if (p->minimum.has_value() != q->minimum.has_value()) return p->minimum.has_value();
    return p->minimum && p->minimum->energy < q->minimum->energy;
  });
  t.header = {"rank", "A", "B", "condition", "E_min", "x", "products"};
  if (settings.windows) t.header.insert(t.header.end(), {"A window (V)", "A covers V"});
  if (settings.uncertainty) t.header.push_back("sigma_lin");
  if (settings.monte_carlo) t.header.insert(t.header.end(), {"E_std", "E 5-95%", "p_react"});
  std::size_t rank = 0;
  for (const auto* r : t.order) {
    std::vector<std::string> cells = {r->minimum ? std::to_string(++rank) : "-", r->a, r->b,
                                      r->condition->voltage ? r->condition->label + " V" : r->condition->label};
    if (r->minimum) {
      cells.push_back(fixed(r->minimum->energy, 4));
      cells.push_back(fixed(r->minimum->x, 3));
      cells.push_back(product_names(r->minimum->products));
    } else {
      cells.insert(cells.end(), {"-", "-", "error: " + r->error});
    }
    if (settings.windows) {
      const auto& w = r->a_window;
      cells.push_back(!w || !w->error.empty() ? "-"
                                              : (w->reduction ? fixed(*w->reduction, 2) : "0") + "-" +
                                                    (w->oxidation ? fixed(*w->oxidation, 2) : "inf"));
      const auto covers = window_covers(*r);
      cells.push_back(covers ? (*covers ? "yes" : "no") : "");
    }
    if (settings.uncertainty) cells.push_back(r->energy_std_linear ? fixed(*r->energy_std_linear, 4) : "-");
    if (settings.monte_carlo) {
      if (r->monte_carlo) {
        cells.push_back(fixed(r->monte_carlo->std, 4));
        cells.push_back(fixed(r->monte_carlo->p05, 4) + " to " + fixed(r->monte_carlo->p95, 4));
        cells.push_back(fixed(r->monte_carlo->p_react, 3));
      } else {
        cells.insert(cells.end(), {"-", "-", "-"});
      }
    }
    t.rows.push_back(std::move(cells));
  }
  return t;
}

std::string screen_units(const ScreenSettings& settings) {
  return "E in eV per atom of the mixture (closed) or per non-" + settings.open + " atom (" + settings.open +
         " open at the condition's voltage, V vs " + settings.open + "/" + settings.open + "+); x: atomic fraction of A.";
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

RowFile::RowFile(const std::filesystem::path& path, bool resume) : path_(path) {
  fd_ = ::open(path.c_str(), O_WRONLY | O_CREAT | (resume ? 0 : O_TRUNC), 0644);
  if (fd_ < 0) throw DataError("cannot write '" + path.string() + "': " + std::strerror(errno));
  size_ = ::lseek(fd_, 0, SEEK_END);
  if (resume && size_ > 0) {
    // Cut a trailing partial line: find the last newline.
    std::ifstream in(path, std::ios::binary);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const auto last = text.find_last_of('\n');
    const long long keep = last == std::string::npos ? 0 : static_cast<long long>(last) + 1;
    if (keep != size_) {
      if (::ftruncate(fd_, keep) != 0) throw DataError("cannot resume '" + path.string() + "': " + std::strerror(errno));
      size_ = keep;
    }
    ::lseek(fd_, 0, SEEK_END);
  }
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
      throw DataError("cannot write '" + path_.string() + "': " + std::strerror(errno));
    }
    written += static_cast<std::size_t>(n);
  }
  size_ += static_cast<long long>(text.size());
}

}  // namespace interphase
