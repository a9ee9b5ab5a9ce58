// interphase decompose, hull and stability: read the stored stability of the data set.
#include <iostream>

#include "cli.hpp"
#include "interphase/report/dataset_format.hpp"
#include "interphase/report/format.hpp"

namespace interphase::cli {

void add_decompose(CLI::App& app, Commands& commands) {
  struct DecomposeCli {
    DataOptions data;
    std::string formula;
  };
  auto c = std::make_shared<DecomposeCli>();
  auto* cmd = app.add_subcommand("decompose", "Stability of a composition: e_above_hull, lowest entry, decomposition products");
  cmd->add_option("FORMULA", c->formula, "formula, e.g. Li6PS5Cl or Ca3(PO4)2")->required();
  add_data_options(cmd, c->data);
  commands.push_back({cmd, [c] {
                        const DecomposeResult r = c->data.session().decompose({c->formula});
                        stage("writing the output");
                        std::cout << format_stability(r.formula, r.stability, c->data.table_format());
                        return 0;
                      }});
}

void add_hull(CLI::App& app, Commands& commands) {
  struct HullCli {
    DataOptions data;
    std::string chemsys;
    bool all = false;
  };
  auto c = std::make_shared<HullCli>();
  auto* cmd = app.add_subcommand("hull", "Stable phases of a chemical system with their formation energies");
  cmd->add_option("CHEMSYS", c->chemsys, "chemical system, elements joined by '-', e.g. Li-In-Cl")->required();
  cmd->add_flag("--all", c->all, "list every entry with its e_above_hull, not only the stable ones");
  add_data_options(cmd, c->data);
  commands.push_back({cmd, [c] {
                        const HullResult r = c->data.session().hull({element_symbols(c->chemsys), c->all});
                        stage("writing the output");
                        std::cout << format_hull(r.table, r.all, c->data.table_format());
                        return 0;
                      }});
}

void add_stability(CLI::App& app, Commands& commands) {
  struct StabilityCli {
    DataOptions data;
    unsigned threads = 0;
  };
  auto c = std::make_shared<StabilityCli>();
  auto* cmd = app.add_subcommand("stability",
                                 "Stability of every entry of the data set: e_above_hull, hull energy, decomposition");
  cmd->add_option("--threads", c->threads, "worker threads (default: all cores)");
  add_data_options(cmd, c->data);
  cmd->footer(
      "Each entry is judged on the hull of its own chemical system (the same numbers as on the hull of the\n"
      "whole data set). Computed once and stored in the database; `db add` and `db remove` keep it current.\n"
      "CSV columns: id,formula,reduced_formula,e_form,e_above_hull,stable,hull_energy,decomposition\n"
      "(energies in eV/atom; decomposition as Formula:atomic_fraction;...).\n"
      "Example: interphase stability --format csv > stability.csv");
  commands.push_back({cmd, [c] {
                        const StabilityResult r = c->data.session().stability({c->threads});
                        stage("writing " + std::to_string(r.rows.size()) + " rows");
                        write_stability(std::cout, r.entries, r.rows, c->data.table_format());
                        return 0;
                      }});
}

}  // namespace interphase::cli
