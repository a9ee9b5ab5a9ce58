// interphase: the command-line front end. It parses arguments and calls the library.
#include <cstdio>
#include <iostream>
#include <optional>
#include <string>

#include <CLI/CLI.hpp>
#include <spdlog/spdlog.h>
#include <spdlog/sinks/stdout_color_sinks.h>

#include "interphase/data/database.hpp"
#include "interphase/error.hpp"
#include "interphase/hull/load.hpp"
#include "interphase/hull/stability.hpp"
#include "interphase/reaction/interface.hpp"
#include "interphase/report/format.hpp"

namespace {

using namespace interphase;

/// Options every data-reading command shares.
struct DataOptions {
  std::string db;        // database file; empty: default_database_path()
  std::string data;      // default data set to build it from; empty: default_data_path()
  std::string dataset;   // data set name; empty: the only one, or mp_e_form
  std::string format = "text";

  Database open() const { return open_or_create_database(db, data); }
  std::optional<std::string> dataset_name() const {
    return dataset.empty() ? std::nullopt : std::optional<std::string>(dataset);
  }
};

void add_data_options(CLI::App* cmd, DataOptions& o, bool with_format = true) {
  cmd->add_option("--db", o.db, "SQLite database file (default: $INTERPHASE_DB, else ~/.local/share/interphase/interphase.sqlite)");
  cmd->add_option("--data", o.data, "formation-energy CSV that builds the database on first use (default: $INTERPHASE_DATA, else the configured mp_e_form.csv)");
  cmd->add_option("--dataset", o.dataset, "data set to use when the database holds several (see `interphase db info`)");
  if (with_format)
    cmd->add_option("--format", o.format, "output: text (readable), json or csv (full precision)")
        ->check(CLI::IsMember({"text", "json", "csv"}));
}

int run_react(const DataOptions& o, const std::string& a, const std::string& b, const std::string& energy) {
  const Reactant ra = Reactant::parse(a), rb = Reactant::parse(b);
  const EnergyForm form = parse_energy_form(energy);
  const Database db = o.open();
  const auto dataset = db.resolve_dataset(o.dataset_name());
  const PhaseDiagram pd = load_phase_diagram(db, dataset.id, elements_of({ra.composition, rb.composition}));
  const InterfaceReaction r = react(pd, ra, rb, form);
  ReactionContext ctx;
  ctx.form = form;
  ctx.chemsys = pd.chemsys();
  std::cout << format_reaction(r, ctx, parse_format(o.format));
  return 0;
}

int run_decompose(const DataOptions& o, const std::string& formula) {
  const Composition c = Composition::parse(formula);
  const Database db = o.open();
  const auto dataset = db.resolve_dataset(o.dataset_name());
  const PhaseDiagram pd = load_phase_diagram(db, dataset.id, c.elements());
  std::cout << format_stability(pd, formula, stability(pd, c), parse_format(o.format));
  return 0;
}

int run_hull(const DataOptions& o, const std::string& chemsys, bool all) {
  const auto elements = parse_chemsys(chemsys);
  const Database db = o.open();
  const auto dataset = db.resolve_dataset(o.dataset_name());
  const PhaseDiagram pd = load_phase_diagram(db, dataset.id, elements);
  std::cout << format_hull(pd, all, parse_format(o.format));
  return 0;
}

void print_dataset(const DatasetInfo& d) {
  std::cout << d.name << ": " << d.n_entries << " entries (" << d.kind << ")\n"
            << "  source       " << d.source << "\n"
            << "  sha256       " << d.sha256 << "\n"
            << "  imported at  " << d.imported_at << "\n";
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{
      "interphase: interface phase equilibria from a formation-energy database.\n"
      "Convex hulls, decompositions and the mutual reaction energy of two materials\n"
      "at every mixing ratio (Zhu, He and Mo, J. Mater. Chem. A 2016).",
      "interphase"};
  app.footer(
      "Examples:\n"
      "  interphase react Li6PS5Cl Li2RuO3              reaction energy over the mixing ratio\n"
      "  interphase react Li3InCl6 Li2RuO3 --format json\n"
      "  interphase decompose Li6PS5Cl                   e_above_hull and decomposition products\n"
      "  interphase hull Li-In-Cl --all                  stable phases (and every entry)\n"
      "  interphase db info                              what the database holds\n"
      "The first command that needs data builds the database from the default data set.");
  app.require_subcommand(1);
  bool verbose = false;
  app.add_flag("-v,--verbose", verbose, "log what the engine does (to stderr)");
  app.set_version_flag("--version", "interphase 0.1.0");

  DataOptions opts;
  std::string a, b, energy = "mutual", formula, chemsys, file, columns_formula = "formula", columns_energy = "target",
                     name, kind = "auto";
  bool all = false;

  auto* react_cmd = app.add_subcommand(
      "react", "Reaction energy of A and B over their mixing ratio x (atomic fraction of A), with its exact kinks");
  react_cmd->add_option("A", a, "first reactant, e.g. Li6PS5Cl (x = 1 is pure A)")->required();
  react_cmd->add_option("B", b, "second reactant, e.g. Li2RuO3 (x = 0 is pure B)")->required();
  react_cmd->add_option("--energy", energy,
                        "mutual: reactants at their hull energies, ends at 0 (Mo's scheme, default);\n"
                        "total: reactants at their own lowest entries (pymatgen's default)")
      ->check(CLI::IsMember({"mutual", "total"}));
  add_data_options(react_cmd, opts);
  react_cmd->footer(
      "Each kink gives x as atomic, molar (formula units) and mass fraction of A, the energy in eV/atom of\n"
      "mixture, and the balanced reaction per formula unit. The 30 wt% A composite is shown too.\n"
      "Example: interphase react Li6PS5Cl Li2RuO3 --energy total --format csv");

  auto* decompose_cmd =
      app.add_subcommand("decompose", "Stability of a composition: e_above_hull, lowest entry, decomposition products");
  decompose_cmd->add_option("FORMULA", formula, "formula, e.g. Li6PS5Cl or Ca3(PO4)2")->required();
  add_data_options(decompose_cmd, opts);

  auto* hull_cmd = app.add_subcommand("hull", "Stable phases of a chemical system with their formation energies");
  hull_cmd->add_option("CHEMSYS", chemsys, "chemical system, elements joined by '-', e.g. Li-In-Cl")->required();
  hull_cmd->add_flag("--all", all, "list every entry with its e_above_hull, not only the stable ones");
  add_data_options(hull_cmd, opts);

  auto* db_cmd = app.add_subcommand("db", "Manage the entry database");
  db_cmd->require_subcommand(1);
  auto* import_cmd = db_cmd->add_subcommand("import", "Import a data file as a new data set (all rows or none)");
  import_cmd->add_option("FILE", file, "CSV of formula + formation energy (eV/atom), or pymatgen ComputedEntry JSON")
      ->required();
  import_cmd->add_option("--kind", kind, "file kind: csv, pymatgen-json or auto (by extension)")
      ->check(CLI::IsMember({"auto", "csv", "pymatgen-json"}));
  import_cmd->add_option("--name", name, "data set name (default: the file's stem)");
  import_cmd->add_option("--formula-column", columns_formula, "CSV column holding the formula")->capture_default_str();
  import_cmd->add_option("--energy-column", columns_energy, "CSV column holding the formation energy per atom")
      ->capture_default_str();
  add_data_options(import_cmd, opts, false);
  auto* info_cmd = db_cmd->add_subcommand("info", "List the data sets in the database");
  add_data_options(info_cmd, opts, false);

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return 2;
  }

  auto logger = spdlog::stderr_color_mt("interphase");
  spdlog::set_default_logger(logger);
  spdlog::set_level(verbose ? spdlog::level::debug : spdlog::level::warn);

  try {
    if (*react_cmd) return run_react(opts, a, b, energy);
    if (*decompose_cmd) return run_decompose(opts, formula);
    if (*hull_cmd) return run_hull(opts, chemsys, all);
    if (*import_cmd) {
      Database db(opts.db.empty() ? default_database_path() : std::filesystem::path(opts.db));
      const bool json = kind == "pymatgen-json" ||
                        (kind == "auto" && std::filesystem::path(file).extension() == ".json");
      const DatasetInfo d = json ? db.import_pymatgen_json(file, name)
                                 : db.import_csv(file, CsvImportOptions{columns_formula, columns_energy, name});
      print_dataset(d);
      return 0;
    }
    if (*info_cmd) {
      const Database db = opts.open();
      std::cout << "database " << db.path().string() << "\n";
      for (const auto& d : db.datasets()) print_dataset(d);
      return 0;
    }
  } catch (const interphase::Error& e) {
    std::cerr << "interphase: error: " << e.what() << "\n";
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "interphase: internal error: " << e.what() << "\n";
    return 3;
  }
  return 0;
}
