// interphase._interphase: the compiled core of the Python module. Like the
// command line it only parses, calls the library and converts: results come
// back as the report layer's JSON (the CLI's --format json), turned into
// Python objects; interphase/__init__.py gives them their classes.
#include <cerrno>
#include <chrono>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include <pybind11/pybind11.h>
#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>
#include <spdlog/sinks/stdout_color_sinks.h>

#include "interphase/data/database.hpp"
#include "interphase/error.hpp"
#include "interphase/grand/limits.hpp"
#include "interphase/grand/profile.hpp"
#include "interphase/hull/dataset_stability.hpp"
#include "interphase/hull/load.hpp"
#include "interphase/hull/stability.hpp"
#include "interphase/reaction/map.hpp"
#include "interphase/reaction/open.hpp"
#include "interphase/reaction/setup.hpp"
#include "interphase/reaction/uncertainty.hpp"
#include "interphase/data/sigma.hpp"
#include "interphase/report/dataset_format.hpp"
#include "interphase/report/format.hpp"
#include "interphase/report/open_format.hpp"
#include "interphase/report/screen_format.hpp"
#include "interphase/screen/screen.hpp"

namespace py = pybind11;
namespace fs = std::filesystem;
using Json = nlohmann::ordered_json;

namespace interphase::python {
namespace {

/// A file the user named does not exist (raised as FileNotFoundError).
class MissingFile : public DataError {
 public:
  using DataError::DataError;
};

/// The Python exception classes (interphase.Error and its subclasses), set by
/// interphase/__init__.py through _register_errors.
struct Errors {
  py::object input, data, missing, thermo, base;
};
Errors& errors() {
  static Errors* e = new Errors();  // never destroyed: Python objects outlive static destruction
  return *e;
}

/// Call `f`; a DataError while `file` does not exist becomes MissingFile.
template <class F>
auto about_file(const fs::path& file, F&& f) {
  try {
    return f();
  } catch (const DataError& e) {
    std::error_code error;
    if (!file.empty() && !fs::exists(file, error) && !error) throw MissingFile(e.what());
    throw;
  }
}

py::object to_python(const Json& j) {
  switch (j.type()) {
    case Json::value_t::null: return py::none();
    case Json::value_t::boolean: return py::bool_(j.get<bool>());
    case Json::value_t::number_integer: return py::int_(j.get<std::int64_t>());
    case Json::value_t::number_unsigned: return py::int_(j.get<std::uint64_t>());
    case Json::value_t::number_float: return py::float_(j.get<double>());
    case Json::value_t::string: return py::str(j.get_ref<const std::string&>());
    case Json::value_t::array: {
      py::list out(j.size());
      std::size_t i = 0;
      for (const auto& item : j) out[i++] = to_python(item);
      return out;
    }
    case Json::value_t::object: {
      py::dict out;
      for (const auto& [key, value] : j.items()) out[py::str(key)] = to_python(value);
      return out;
    }
    default: throw Error("cannot convert a JSON value of type " + std::string(j.type_name()));
  }
}

/// Chemical potentials from Python's open= (symbol -> mu), voltage= and gas=
/// (symbol -> (T, p)), through the library's checks and messages.
ChemPots chempots(const std::map<std::string, double>& open, const std::optional<double>& voltage,
                  const std::vector<std::string>& open_elements, const std::map<std::string, std::pair<double, double>>& gas) {
  std::vector<std::string> mu, gases;
  for (const auto& [el, value] : open) mu.push_back(el + "=" + full_precision(value));
  for (const auto& [el, tp] : gas) gases.push_back(el + "=" + full_precision(tp.first) + "," + full_precision(tp.second));
  if (voltage) check_voltage(*voltage, "voltage");
  return resolve_chempots(open_elements, voltage, mu, gases);
}

/// A database file and the data set to use: opened on first use, built from
/// the default data if it holds none (as the command line does).
class PyDatabase {
 public:
  PyDatabase(const std::optional<fs::path>& path, const std::optional<fs::path>& data,
             const std::optional<std::string>& dataset)
      : path_(path ? *path : default_database_path()), data_(data ? *data : fs::path()), dataset_(dataset) {}

  const fs::path& path() const { return path_; }
  const std::optional<std::string>& dataset_name() const { return dataset_; }

  /// The open database; the caller holds lock().
  Database& db() {
    if (!db_) {
      const fs::path data = data_.empty() ? default_data_path() : data_;
      db_ = std::make_unique<Database>(about_file(data, [&] { return open_or_create_database(path_, data_); }));
    }
    return *db_;
  }
  std::unique_lock<std::mutex> lock() { return std::unique_lock<std::mutex>(mutex_); }

  /// The data set, its stored stability brought up to date (saying so on stderr
  /// when that takes a while). Called with the GIL held; releases it while working.
  DatasetInfo ready(unsigned threads = 0) {
    DatasetInfo dataset;
    bool current = false;
    {
      py::gil_scoped_release release;
      auto guard = lock();
      dataset = db().resolve_dataset(dataset_);
      current = db().stability_current(dataset.id);
    }
    if (current) return dataset;
    const py::object stderr_ = py::module_::import("sys").attr("stderr");
    py::print("interphase: computing the stability of the", dataset.n_entries, "entries of data set '" + dataset.name +
                  "' (once; stored in the database) ...",
              py::arg("file") = stderr_, py::arg("flush") = true);
    const auto start = std::chrono::steady_clock::now();
    {
      py::gil_scoped_release release;
      auto guard = lock();
      ensure_stability(db(), dataset.id, threads);
    }
    const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
    py::print("interphase: ... done in", fixed(elapsed.count(), 1), "s", py::arg("file") = stderr_,
              py::arg("flush") = true);
    return dataset;
  }

  /// `db import`: the file as a new data set (the database file is created
  /// only if the import succeeds).
  Json import_file(const fs::path& file, const std::string& name, const std::string& kind_option,
                   const std::string& thermo_type, double max_abs_energy) {
    auto guard = lock();
    return about_file(file, [&] {
      const std::string kind = kind_option.empty() || kind_option == "auto" ? guess_kind(file) : kind_option;
      if (kind != "csv" && kind != "pymatgen-json" && kind != "mp-json")
        throw Error("kind '" + kind + "': expected csv, pymatgen-json, mp-json or auto");
      if (!thermo_type.empty() && kind != "mp-json")
        throw Error("thermo_type applies to Materials Project documents (kind mp-json), not to " + kind + " files");
      DatasetInfo d;
      const auto fill = [&](Database& db) {
        if (kind == "mp-json") d = db.import_mp_json(file, MpImportOptions{name, thermo_type, max_abs_energy});
        else if (kind == "pymatgen-json") d = db.import_pymatgen_json(file, name, max_abs_energy);
        else d = db.import_csv(file, CsvImportOptions{"formula", "target", name, max_abs_energy, {}});
      };
      if (db_) fill(*db_);
      else update_database(path_, fill);
      return dataset_json(d);
    });
  }

  static Json dataset_json(const DatasetInfo& d) {
    return {{"name", d.name},     {"n_entries", d.n_entries}, {"kind", d.kind},
            {"source", d.source}, {"sha256", d.sha256},       {"imported_at", d.imported_at}};
  }

 private:
  fs::path path_, data_;
  std::optional<std::string> dataset_;
  std::unique_ptr<Database> db_;
  std::mutex mutex_;
};

/// A reaction kept whole, so that any composite can be asked of it.
class PyReaction {
 public:
  PyReaction(InterfaceReaction r, ReactionContext ctx) : r_(std::move(r)), ctx_(std::move(ctx)) {}
  Json json(double composite) const {
    ReactionContext ctx = ctx_;
    ctx.composite_mass_fraction = composite;
    return reaction_json(r_, ctx);
  }
  const InterfaceReaction& reaction() const { return r_; }

 private:
  InterfaceReaction r_;
  ReactionContext ctx_;
};

/// A phase diagram of one chemical system, with every entry (Qhull).
class PyPhaseDiagram {
 public:
  explicit PyPhaseDiagram(PhaseDiagram pd) : pd_(std::move(pd)) {}
  const PhaseDiagram& pd() const { return pd_; }

  /// A composition from a formula or an entry id of the diagram.
  Composition composition(const std::string& formula_or_id) const {
    for (const auto& e : pd_.entries())
      if (e.id == formula_or_id) return e.composition;
    return Composition::parse(formula_or_id);
  }
  std::optional<std::size_t> entry_index(const std::string& id) const {
    for (std::size_t i = 0; i < pd_.entries().size(); ++i)
      if (pd_.entries()[i].id == id) return i;
    return std::nullopt;
  }

 private:
  PhaseDiagram pd_;
};

/// Products as a dict (reduced formula -> atomic fraction), as a table's Products cell is written.
Json products_dict(const Products& products) {
  return json_cell(Column("products", "", CellType::Products, "reduced formula -> atomic fraction"), products);
}

/// The columns of a table kind as its CSV has them (name, unit, type, description):
/// the columns of the DataFrames the package builds.
Json table_columns(const std::string& kind, bool windows) {
  std::vector<Column> columns;
  if (kind == "kinks") columns = kink_columns();
  else if (kind == "sweep") columns = sweep_table({}).columns;
  else if (kind == "screen") columns = screen_columns(windows);
  else throw Error("no table kind '" + kind + "' (kinks, sweep, screen)");
  std::vector<Column> csv_columns;
  for (const Column& c : columns)
    if (c.use & kCsv) csv_columns.push_back(c);
  return json_columns(csv_columns);
}

double mass_fraction_arg(double w) {
  if (!(w >= 0 && w <= 1)) throw Error("wt_fraction " + full_precision(w) + ": expected a mass fraction from 0 to 1");
  return w;
}

}  // namespace
}  // namespace interphase::python

using namespace interphase;
using namespace interphase::python;

/// The closed set and reactants of A and B with element z open (sweep, map):
/// as the program's setup, the database read under the module's lock.
static ReactionSetup setup_open_pair(PyDatabase& d, std::int64_t dataset_id, const std::string& a, const std::string& b, int z,
                              EnergyForm form, const std::string& reactant_energy) {
  ReactionSetup s;
  {
    auto guard = d.lock();
    s = setup_reaction(d.db(), dataset_id, {a, b}, {z});
  }
  require_open_present(*s.closed, z);
  note_reactant_energies(form, reactant_energy, s.reactants);
  return s;
}

PYBIND11_MODULE(_interphase, m) {
  m.doc() = "The compiled core of interphase; use the interphase package.";
  // Warnings (an open element that changes nothing, a reactant without an
  // entry of its own) go to stderr as the program writes them.
  if (!spdlog::get("interphase")) {
    auto logger = spdlog::stderr_color_mt("interphase");
    logger->set_pattern("interphase: %l: %v");
    spdlog::set_default_logger(logger);
  }
  spdlog::set_level(spdlog::level::warn);

  m.def("_register_errors", [](py::object input, py::object data, py::object missing, py::object thermo,
                               py::object base) {
    errors() = Errors{input, data, missing, thermo, base};
  });
  py::register_exception_translator([](std::exception_ptr p) {
    const Errors& e = errors();
    const auto raise = [](const py::object& type, const char* what) { PyErr_SetString(type.ptr(), what); };
    try {
      if (p) std::rethrow_exception(p);
    } catch (const MissingFile& x) {
      raise(e.missing, x.what());
    } catch (const FormulaError& x) {
      raise(e.input, x.what());
    } catch (const DataError& x) {
      raise(e.data, x.what());
    } catch (const ThermoError& x) {
      raise(e.thermo, x.what());
    } catch (const Error& x) {
      std::string what = x.what();
      if (what.starts_with("Qhull")) raise(e.thermo, ("cannot compute a convex hull: " + what).c_str());
      else raise(e.input, x.what());
    } catch (const fs::filesystem_error& x) {
      const std::string what = "cannot use '" + x.path1().string() + "': " + x.code().message();
      raise(x.code() == std::errc::no_such_file_or_directory ? e.missing : e.input, what.c_str());
    }
  });

  m.def("default_database_path", [] { return default_database_path(); });
  m.def("default_data_path", [] { return default_data_path(); });
  m.def("columns", [](const std::string& kind, bool windows) { return to_python(table_columns(kind, windows)); },
        py::arg("kind"), py::arg("windows") = false);
  m.def("set_log_level", [](const std::string& level) { spdlog::set_level(spdlog::level::from_str(level)); });

  py::class_<PyDatabase>(m, "Database")
      .def(py::init<std::optional<fs::path>, std::optional<fs::path>, std::optional<std::string>>(), py::arg("path"),
           py::arg("data"), py::arg("dataset"))
      .def_property_readonly("path", &PyDatabase::path)
      .def_property_readonly("dataset", &PyDatabase::dataset_name)
      .def("info",
           [](PyDatabase& d) {
             Json out;
             {
               py::gil_scoped_release release;
               auto guard = d.lock();
               out["database"] = d.db().path().string();
               out["datasets"] = Json::array();
               for (const auto& ds : d.db().datasets()) out["datasets"].push_back(PyDatabase::dataset_json(ds));
             }
             return to_python(out);
           })
      .def("import_file",
           [](PyDatabase& d, const fs::path& file, const std::string& name, const std::string& kind,
              const std::string& thermo_type, double max_abs_energy) {
             Json out;
             {
               py::gil_scoped_release release;
               out = d.import_file(file, name, kind, thermo_type, max_abs_energy);
             }
             return to_python(out);
           })
      .def("add",
           [](PyDatabase& d, const std::string& formula, double e_form, std::string id, unsigned threads) {
             const Composition c = Composition::parse(formula);
             if (!std::isfinite(e_form))
               throw Error("formation energy " + full_precision(e_form) + " is not a finite number (eV/atom)");
             Json out;
             {
               py::gil_scoped_release release;
               auto guard = d.lock();
               Database& db = d.db();
               const auto dataset = db.resolve_dataset(d.dataset_name());
               if (id.empty()) {
                 for (int n = 1; id.empty(); ++n) {
                   const std::string candidate = dataset.name + ":added-" + std::to_string(n);
                   try {
                     db.entry_by_id(dataset.id, candidate);
                   } catch (const DataError&) {
                     id = candidate;
                   }
                 }
               }
               const EntryChange change = add_entry(db, dataset.id, Entry{id, formula, c, e_form, 0, std::nullopt}, threads);
               const Entry& e = change.entry;
               out = {{"id", e.id}, {"formula", e.formula}, {"reduced_formula", e.name()}, {"e_form", e.e_form}};
               const auto rows = db.stability_of({e.key});
               if (!rows.empty()) {
                 const auto& s = rows.front();
                 std::vector<std::int64_t> keys;
                 for (const auto& [key, fraction] : s.decomposition) keys.push_back(key);
                 const auto names = db.phase_names(keys);
                 std::vector<std::pair<std::string, double>> products;
                 for (std::size_t i = 0; i < names.size(); ++i) products.emplace_back(names[i], s.decomposition[i].second);
                 out["e_above_hull"] = s.e_above_hull;
                 out["stable"] = s.stable;
                 out["hull_energy"] = s.hull_energy;
                 out["decomposition"] = products_dict(products);
               }
               out["systems_recomputed"] = change.run.recomputed;
             }
             return to_python(out);
           })
      .def("remove",
           [](PyDatabase& d, const std::string& id, unsigned threads) {
             Json out;
             {
               py::gil_scoped_release release;
               auto guard = d.lock();
               const auto dataset = d.db().resolve_dataset(d.dataset_name());
               const EntryChange change = remove_entry(d.db(), dataset.id, id, threads);
               out = {{"id", change.entry.id},
                      {"formula", change.entry.formula},
                      {"reduced_formula", change.entry.name()},
                      {"e_form", change.entry.e_form},
                      {"systems_recomputed", change.run.recomputed}};
             }
             return to_python(out);
           })
      .def("stability",
           [](PyDatabase& d, unsigned threads) {
             const auto dataset = d.ready(threads);
             Json out;
             {
               py::gil_scoped_release release;
               std::ostringstream text;
               {
                 auto guard = d.lock();
                 write_stability(text, d.db().entries(dataset.id), d.db().stability(dataset.id), Format::Json);
               }
               out = Json::parse(text.str());
             }
             return to_python(out);
           })
      .def("decompose",
           [](PyDatabase& d, const std::string& formula) {
             const Composition c = Composition::parse(formula);
             const auto dataset = d.ready();
             Json out;
             {
               py::gil_scoped_release release;
               auto guard = d.lock();
               out = stability_json(formula, stored_stability(d.db(), dataset.id, c));
             }
             return to_python(out);
           })
      .def("hull",
           [](PyDatabase& d, const std::string& chemsys, bool all) {
             const auto elements = parse_chemsys(chemsys);
             const auto dataset = d.ready();
             Json out;
             {
               py::gil_scoped_release release;
               auto guard = d.lock();
               out = hull_json(stored_hull_table(d.db(), dataset.id, elements), all);
             }
             return to_python(out);
           })
      .def("phase_diagram", [](PyDatabase& d, const std::string& chemsys) {
        const auto elements = parse_chemsys(chemsys);
        const auto dataset = d.ready();
        py::gil_scoped_release release;
        auto guard = d.lock();
        return std::make_unique<PyPhaseDiagram>(load_phase_diagram(d.db(), dataset.id, elements));
      });

  py::class_<PyPhaseDiagram>(m, "PhaseDiagram")
      .def_property_readonly("chemsys", [](const PyPhaseDiagram& p) { return p.pd().chemsys(); })
      .def("table", [](const PyPhaseDiagram& p, bool all) { return to_python(hull_json(hull_table(p.pd()), all)); })
      .def("stability",
           [](const PyPhaseDiagram& p, const std::string& formula_or_id) {
             const Composition c = p.composition(formula_or_id);
             return to_python(stability_json(formula_or_id, stability(p.pd(), c)));
           })
      .def("e_above_hull",
           [](const PyPhaseDiagram& p, const std::string& formula_or_id) {
             if (const auto i = p.entry_index(formula_or_id)) return p.pd().e_above_hull(*i);
             const Composition c = Composition::parse(formula_or_id);
             const Stability s = stability(p.pd(), c);
             if (!s.e_above_hull)
               throw ThermoError("'" + formula_or_id + "' has no entry in " + p.pd().chemsys() +
                                 " (hull_energy and decomposition answer for any composition)");
             return *s.e_above_hull;
           })
      .def("hull_energy",
           [](const PyPhaseDiagram& p, const std::string& formula_or_id) {
             return p.pd().hull_energy(p.composition(formula_or_id));
           })
      .def("decomposition", [](const PyPhaseDiagram& p, const std::string& formula_or_id) {
        const Stability s = stability(p.pd(), p.composition(formula_or_id));
        return to_python(products_dict(s.products));
      });

  py::class_<PyReaction>(m, "Reaction")
      .def("json", [](const PyReaction& r, double composite) { return to_python(r.json(mass_fraction_arg(composite))); },
           py::arg("composite") = 0.3)
      .def("composite",
           [](const PyReaction& r, double w) {
             return to_python(r.json(mass_fraction_arg(w))["composite"]);
           })
      .def("energy_at", [](const PyReaction& r, double x) {
        if (!(x >= 0 && x <= 1)) throw Error("x " + full_precision(x) + ": expected an atomic fraction from 0 to 1");
        return r.reaction().energy_at(x);
      });

  m.def("react",
        [](PyDatabase& d, const std::string& a, const std::string& b, const std::string& energy,
           const std::map<std::string, double>& open, const std::optional<double>& voltage,
           const std::vector<std::string>& open_elements, const std::map<std::string, std::pair<double, double>>& gas,
           const std::string& reactant_energy, bool uncertainty, const std::optional<double>& sigma_arg,
           std::size_t samples, std::uint64_t seed, double threshold, unsigned threads) {
          if (sigma_arg && !(*sigma_arg >= 0 && *sigma_arg <= kMaxSigma))
            throw Error("sigma must be a number of eV/atom from 0 to " + full_precision(kMaxSigma) + ", got " +
                        full_precision(*sigma_arg));
          const double sigma = sigma_arg.value_or(kDefaultSigma);
          ReactionOptions options;
          options.form = parse_energy_form(energy);
          options.open = chempots(open, voltage, open_elements, gas);
          options.source = parse_reactant_energy(reactant_energy);
          Composition::parse(a), Composition::parse(b);
          const auto dataset = d.ready();
          py::gil_scoped_release release;
          const auto open_of = [](const ChemPots& mu) {
            std::vector<int> z;
            for (const auto& [el, value] : mu) z.push_back(el);
            return z;
          };
          ReactionSetup s;
          {
            auto guard = d.lock();
            s = setup_reaction(d.db(), dataset.id, {a, b}, open_of(options.open));
            if (const ChemPots present = open_elements_present(*s.closed, options.open);
                present.size() != options.open.size()) {
              options.open = present;
              s = setup_reaction(d.db(), dataset.id, {a, b}, open_of(options.open));
            }
          }
          note_reactant_energies(options.form, options.open.empty() ? "entry" : reactant_energy, s.reactants);
          ReactionContext ctx;
          ctx.form = options.form;
          ctx.chemsys = s.closed->chemsys();
          for (const auto& [z, value] : options.open) ctx.open[std::string(element(z).symbol)] = value;
          InterfaceReaction r = react(s.closed, s.reactants[0], s.reactants[1], options);
          // As `react --uncertainty --samples N`: the same library calls, so to_dict() equals the program's JSON.
          if (uncertainty) ctx.uncertainty = reaction_uncertainty(*s.closed, r, options, sigma, ctx.composite_mass_fraction);
          if (samples > 0) {
            ctx.monte_carlo_options.samples = samples;
            ctx.monte_carlo_options.seed = seed;
            ctx.monte_carlo_options.threshold = threshold;
            ctx.monte_carlo_options.sigma = sigma;
            ctx.monte_carlo_options.threads = threads;
            std::shared_ptr<const UncertainSystem> system;
            {
              auto guard = d.lock();
              system = load_uncertain_system(d.db(), dataset.id, s.closed, ctx.monte_carlo_options);
            }
            ctx.monte_carlo =
                monte_carlo_minimum(*system, s.reactants[0], s.reactants[1], options, ctx.monte_carlo_options);
          }
          return std::make_unique<PyReaction>(std::move(r), ctx);
        });

  m.def("sweep", [](PyDatabase& d, const std::string& a, const std::string& b, const std::string& energy,
                    const std::string& open, double start, double stop, double step, const std::string& reactant_energy) {
    ReactionOptions options;
    options.form = parse_energy_form(energy);
    options.source = parse_reactant_energy(reactant_energy);
    const int z = single_open({open});
    check_voltage(start, "start"), check_voltage(stop, "stop"), check_within(step, 2 * kMaxAbsVoltage, "step", "V");
    const auto voltages = voltage_grid(start, stop, step);
    Composition::parse(a), Composition::parse(b);
    const auto dataset = d.ready();
    Json out;
    {
      py::gil_scoped_release release;
      const ReactionSetup s = setup_open_pair(d, dataset.id, a, b, z, options.form, reactant_energy);
      const auto rows = voltage_sweep(s.closed, s.reactants[0], s.reactants[1], z, voltages, options);
      out = sweep_json(s.reactants[0], s.reactants[1], z, options.form, rows);
    }
    return to_python(out);
  });

  m.def("map", [](PyDatabase& d, const std::string& a, const std::string& b, const std::string& energy,
                  const std::string& open, double v_from, double v_to, const std::string& reactant_energy) {
    ReactionOptions options;
    options.form = parse_energy_form(energy);
    options.source = parse_reactant_energy(reactant_energy);
    const int z = single_open({open});
    check_voltage(v_from, "start"), check_voltage(v_to, "stop");
    Composition::parse(a), Composition::parse(b);
    const auto dataset = d.ready();
    Json out;
    {
      py::gil_scoped_release release;
      const ReactionSetup s = setup_open_pair(d, dataset.id, a, b, z, options.form, reactant_energy);
      out = map_json(reaction_map(s.closed, s.reactants[0], s.reactants[1], z, v_from, v_to, options));
    }
    return to_python(out);
  });

  m.def("window", [](PyDatabase& d, const std::string& formula, const std::string& open) {
    const int z = single_open({open});
    Composition::parse(formula);
    const auto dataset = d.ready();
    Json out;
    {
      py::gil_scoped_release release;
      ReactionSetup s;
      {
        auto guard = d.lock();
        s = setup_reaction(d.db(), dataset.id, {formula}, {z});
      }
      require_open_present(*s.closed, z);
      out = window_json(*s.closed, formula, z, element_profile(*s.closed, z, s.reactants[0].composition));
    }
    return to_python(out);
  });

  m.def("screen", [](PyDatabase& d, const std::vector<std::string>& as, const std::vector<std::string>& bs,
                     const std::string& voltages, const std::vector<std::map<std::string, double>>& chempot_conditions,
                     const std::string& energy, bool windows, unsigned threads, const std::string& open,
                     const std::string& reactant_energy) {
    ScreenOptions options;
    options.form = parse_energy_form(energy);
    options.source = parse_reactant_energy(reactant_energy);
    options.windows = windows;
    options.threads = threads;
    const int z = atomic_number(open);
    options.window_element = z;
    if (!voltages.empty()) options.conditions = parse_conditions(voltages, z);
    for (const auto& mu : chempot_conditions) {
      Condition c;
      c.open = chempots(mu, std::nullopt, {}, {});
      for (const auto& [el, value] : c.open) {  // appended piecewise: GCC 12 warns falsely (-Wstringop-overflow) on a sum
        if (!c.label.empty()) c.label += ';';
        c.label.append(element(el).symbol);
        c.label += '=';
        c.label += full_precision(value);
      }
      options.conditions.push_back(std::move(c));
    }
    const auto dataset = d.ready(threads);
    std::vector<Json> rows;
    {
      py::gil_scoped_release release;
      std::unique_ptr<Screen> screen;
      {
        auto guard = d.lock();
        screen = std::make_unique<Screen>(d.db(), dataset.id, as, bs, options);
      }
      rows.reserve(screen->end_row() - screen->first_row());
      screen->run([&](const ScreenRow& row) { rows.push_back(Json::parse(screen_json_line(row, options.windows))); });
    }
    py::list out(rows.size());
    for (std::size_t i = 0; i < rows.size(); ++i) out[i] = to_python(rows[i]);
    return out;
  });
}
