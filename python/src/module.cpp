// interphase._interphase: the compiled core of the Python module, a front end
// of the session layer (interphase/session) as the program is. Each call turns
// its keyword arguments into one typed request, asks the database's Session
// with the GIL released, and converts the result to Python values: the report
// layer's JSON objects (the program's --format json) become dicts and lists
// directly, never through text. interphase/__init__.py checks the arguments
// first, words the errors in Python's vocabulary and gives results their classes.
#include <functional>
#include <memory>
#include <sstream>

#include <pybind11/pybind11.h>
#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include "interphase/grand/grand.hpp"
#include "interphase/grand/limits.hpp"
#include "interphase/report/coat_format.hpp"
#include "interphase/report/coat_shard.hpp"
#include "interphase/report/dataset_format.hpp"
#include "interphase/report/format.hpp"
#include "interphase/report/open_format.hpp"
#include "interphase/report/progress.hpp"
#include "interphase/report/render.hpp"
#include "interphase/report/screen_format.hpp"
#include "interphase/report/screen_record.hpp"
#include "interphase/session/failure.hpp"
#include "interphase/session/session.hpp"
#include "interphase/session/settings.hpp"

namespace py = pybind11;
namespace fs = std::filesystem;
using Json = nlohmann::ordered_json;

namespace interphase::python {
namespace {

template <class J>
py::object to_python(const J& j) {
  using T = typename J::value_t;
  switch (j.type()) {
    case T::null: return py::none();
    case T::boolean: return py::bool_(j.template get<bool>());
    case T::number_integer: return py::int_(j.template get<std::int64_t>());
    case T::number_unsigned: return py::int_(j.template get<std::uint64_t>());
    case T::number_float: return py::float_(j.template get<double>());
    case T::string: return py::str(j.template get_ref<const std::string&>());
    case T::array: {
      py::list out;
      for (const auto& item : j) out.append(to_python(item));
      return out;
    }
    case T::object: {
      py::dict out;
      for (const auto& [key, value] : j.items()) out[py::str(key)] = to_python(value);
      return out;
    }
    default: throw Error("cannot convert a JSON value of type " + std::string(j.type_name()));
  }
}

/// The session's notices, worded as the program's, on sys.stderr (stages go to the debug log).
/// A signal (Ctrl-C) during a call runs Python's handler; the exception it
/// raises (KeyboardInterrupt) ends the call (Interrupted) and is raised in its
/// place when the call returns (raise_interrupt).
class PythonObserver final : public NoticeWriter {
 public:
  PythonObserver() : NoticeWriter(&write) {}
  void stage(const std::string& what) override { spdlog::debug("{} ...", what); }
  bool interrupted() override {
    const py::gil_scoped_acquire gil;
    if (PyErr_CheckSignals() == 0) return false;
    pending_ = std::make_unique<py::error_already_set>();  // takes the exception from Python
    return true;
  }
  /// The exception interrupted() kept (KeyboardInterrupt if none was), set as the current one. GIL held.
  void raise_interrupt() {
    if (!pending_) return PyErr_SetNone(PyExc_KeyboardInterrupt);
    pending_->restore();
    pending_.reset();
  }

 private:
  static void write(const std::string& text) {
    const py::gil_scoped_acquire gil;
    try {
      if (const py::object err = py::module_::import("sys").attr("stderr"); !err.is_none())
        py::print(text, py::arg("end") = "", py::arg("file") = err, py::arg("flush") = true);
    } catch (py::error_already_set& e) {
      e.discard_as_unraisable("interphase notice");
    }
  }
  std::unique_ptr<py::error_already_set> pending_;
};

PythonObserver& observer() {
  static auto* o = new PythonObserver;  // never destroyed: Python objects outlive static destruction
  return *o;
}

/// A failed call as the package's exception, worded by describe_failure with
/// settings spelled as this module's keywords (start, not from).
void translate(std::exception_ptr p) {
  using K = Failure::Kind;
  const Failure f = describe_failure(p, [](const std::string& name) -> std::string {
    return name == "from" ? "start" : name == "to" ? "stop" : name == "mu" ? "open" : name == "with" ? "with_" : name;
  });
  if (f.kind == K::Internal) std::rethrow_exception(p);  // to pybind11's own translation (RuntimeError, ...)
  if (f.kind == K::Interrupted) return observer().raise_interrupt();
  const char* type = f.kind == K::MissingFile ? "DataFileNotFoundError"
                     : f.kind == K::Data      ? "DataError"
                     : f.kind == K::Thermo    ? "ThermoError"
                                              : "InputError";  // bad input, or an output this module never writes
  PyErr_SetString(py::module_::import("interphase").attr(type).ptr(), f.message.c_str());
}

/// interphase.Database: a database file and the Session that answers for it.
std::shared_ptr<Session> open_database(const std::optional<fs::path>& path, const std::optional<fs::path>& data,
                                       const std::optional<std::string>& dataset, bool create) {
  SessionOptions o{path.value_or(fs::path()), data.value_or(fs::path()), dataset, create};
  return std::make_shared<Session>(std::move(o), &observer());
}

/// f() with the GIL released: a session has its own lock, so threads may share it.
template <class F>
auto call(F&& f) {
  const py::gil_scoped_release release;
  return f();
}
/// call(f), the JSON document f answers with as dicts and lists.
template <class F>
py::object call_json(F&& f) {
  return to_python(call(std::forward<F>(f)));
}

/// A request from keyword arguments named as its settings (set_settings); None keeps a default.
template <class Q>
Q request(const py::kwargs& kw) {
  Q q;
  set_settings(q, kw.cast<std::map<std::string, SettingValue>>(), true);
  return q;
}

/// `screen`: (the rows as the program's JSON Lines have them, the index in `conditions` of each row's condition).
py::tuple screen(Session& s, const py::list& conditions, const py::kwargs& kw) {
  ScreenRequest q = request<ScreenRequest>(kw);
  for (const py::handle c : conditions) q.conditions.push_back(condition_of(c.cast<SettingValue>(), q.open));
  const bool linear = q.uncertainty.linear, sampled = q.uncertainty.samples > 0;
  Json rows = Json::array();
  std::vector<std::size_t> indices;
  call([&] {
    const PreparedScreen prepared = s.screen(q);
    prepared.screen->run(
        [&](const ScreenRow& row) {
          rows.push_back(screen_json_row(row, q.windows, linear, sampled, prepared.settings.ranges));
          indices.push_back(row.condition_index);
        },
        0, [&](std::size_t, std::size_t) { s.check_interrupt(); });
  });
  return py::make_tuple(to_python(rows), indices);
}

/// A chemical system with every entry and its stored stability (the table
/// `hull --all` prints), asked by entry id or formula: linear programs over the
/// stored stable entries, so that it takes no longer with many elements.
struct PyPhaseDiagram {
  HullTable table;
  std::shared_ptr<Session> session;
};

/// The CSV columns of a react's kinks, a sweep's rows or a screen's rows.
std::vector<std::string> columns(const std::string& kind, bool windows, bool linear, bool sampled, bool ranges) {
  return csv_names(kind == "kinks"   ? kink_columns(linear, sampled)
                   : kind == "sweep" ? sweep_table({}).columns
                                     : screen_columns(windows, linear, sampled, ranges));
}

/// The Database method `name`: the settings of request Q as keyword arguments
/// (request<Q>), `ask(session, request)`, and its result's JSON document as
/// dicts and lists (to_json).
template <class Q, class Ask>
void def_json(py::class_<Session, std::shared_ptr<Session>>& db, const char* name, Ask ask) {
  db.def(name, [ask](Session& s, const py::kwargs& kw) {
    const Q q = request<Q>(kw);
    return call_json([&] { return to_json(std::invoke(ask, s, q)); });
  });
}

void bind_reactions(py::class_<Session, std::shared_ptr<Session>>& db) {
  db.def("react", [](Session& s, const py::kwargs& kw) {
    const auto q = request<ReactRequest>(kw);
    return call([&] { return s.react(q); });
  });
  def_json<SweepRequest>(db, "sweep", &Session::sweep);
  def_json<MapRequest>(db, "map", &Session::map);
  def_json<WindowRequest>(db, "window", &Session::window);
  db.def("screen", &screen);
  def_json<CoatRequest>(db, "coat", &Session::coat);
  db.def("coat_shard", [](Session& s, const std::string& format, const py::kwargs& kw) {
    const auto q = request<CoatRequest>(kw);
    std::ostringstream rows;
    const auto summary = call([&] { return write_coat_shard(s, q, CoatShardOutput{format, {}, false}, rows); });
    return py::make_tuple(to_python(summary.record), py::bytes(rows.str()));
  });
}

/// The shards of a coating search (files, or (record JSON, rows) pairs) merged:
/// the document (coat --format json) and the search written in `format`.
py::tuple merge_coat(const std::vector<fs::path>& files, const std::vector<std::pair<std::string, std::string>>& parts,
                     const std::string& format) {
  const CoatResult r = call([&] {
    std::vector<CoatShard> shards;
    for (const auto& f : files) shards.push_back(read_coat_shard(f));
    for (std::size_t i = 0; i < parts.size(); ++i)
      shards.push_back({"part " + std::to_string(i + 1), Json::parse(parts[i].first), parts[i].second});
    return merge_coat_shards(shards);
  });
  return py::make_tuple(to_python(to_json(r)), py::bytes(render(r, format)));
}

void bind_data(py::class_<Session, std::shared_ptr<Session>>& db) {
  db.def("check", [](Session& s, bool quick) { return call_json([&] { return health_json(s.check(quick)); }); });
  db.def("info", [](Session& s) {
    return call_json([&] {
      const auto sets = s.with_database([](Database& b) { return b.datasets(); });
      return info_json(s.database_path().string(), sets);
    });
  });
  def_json<StabilityRequest>(db, "stability", &Session::stability);
  def_json<SelectRequest>(db, "select", &Session::select);
  def_json<DecomposeRequest>(db, "decompose", &Session::decompose);
  def_json<HullRequest>(db, "hull", &Session::hull);
  db.def("phase_diagram", [](const std::shared_ptr<Session>& s, const std::vector<std::string>& elements) {
    return PyPhaseDiagram{call([&] { return s->hull({elements, true}).table; }), s};
  });
  def_json<ImportRequest>(db, "import_file", &Session::import_file);
  def_json<AddEntryRequest>(db, "add", [](Session& s, const AddEntryRequest& q) { return s.add_entry(q); });
  def_json<RemoveEntryRequest>(db, "remove", [](Session& s, const RemoveEntryRequest& q) { return s.remove_entry(q); });
}

void bind_results(py::module_& m) {
  py::class_<ReactResult>(m, "Reaction")  // kept whole, so that any composite can be asked of it
      .def("json", [](const ReactResult& r, double composite) {
            ReactionContext context = r.context;
            context.composite_mass_fraction = composite;
            return to_python(reaction_json(r.reaction, context));
          }, py::arg("composite") = 0.3)
      .def("energy_at", [](const ReactResult& r, double x) { return r.reaction.energy_at(x); });
  py::class_<PyPhaseDiagram>(m, "PhaseDiagram")
      .def_property_readonly("chemsys", [](const PyPhaseDiagram& p) { return p.table.chemsys; })
      .def("table", [](const PyPhaseDiagram& p, bool all) { return to_python(hull_json(p.table, all)); })
      .def("entries", [](const PyPhaseDiagram& p) { return to_python(entries_json(p.table)); })
      .def("ask", [](const PyPhaseDiagram& p, const std::string& key) {
        return call_json([&] { return to_json(key, p.session->stored_stability_in(p.table, key)); });
      });
}

}  // namespace
}  // namespace interphase::python

PYBIND11_MODULE(_interphase, m) {
  using namespace interphase;
  using namespace interphase::python;
  m.doc() = "The compiled core of interphase; use the interphase package.";
  // Warnings (an open element that changes nothing, a reactant without an
  // entry of its own) go to stderr as the program writes them.
  if (!spdlog::get("interphase")) log_to_stderr(false);
  spdlog::set_level(spdlog::level::warn);
  py::register_exception_translator(&translate);
  m.def("default_database_path", [] { return default_database_path(); });
  m.def("default_data_path", [] { return default_data_path(); });
  m.def("columns", &columns);
  m.def("set_log_level", [](const std::string& level) { spdlog::set_level(spdlog::level::from_str(level)); });
  m.def("gas_chempot", [](const std::string& symbol, double temperature, double pressure) {
    return gas_chempot_correction(atomic_number(symbol), temperature, pressure);
  });
  m.def("check_voltage", [](double volts, const std::string& what) { check_voltage(volts, what); });
  m.def("read_screen_record", [](const fs::path& output) { return to_python(read_screen_record(output)); });
  m.def("merge_coat", &merge_coat);
  py::class_<Session, std::shared_ptr<Session>> db(m, "Database");
  db.def(py::init(&open_database))
      .def_property_readonly("path", &Session::database_path)
      .def_property_readonly("dataset", [](const Session& s) { return s.options().dataset; });
  bind_reactions(db);
  bind_data(db);
  bind_results(m);
}
