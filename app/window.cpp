// interphase window: the electrochemical window and element profile of one material.
#include <iostream>

#include "cli.hpp"
#include "interphase/report/open_format.hpp"

namespace interphase::cli {

namespace {
struct WindowCli {
  DataOptions data;
  std::vector<std::string> open;
  std::string formula;
};
}  // namespace

void add_window(CLI::App& app, Commands& commands) {
  auto c = std::make_shared<WindowCli>();
  auto* cmd = app.add_subcommand("window", "Electrochemical stability window and element profile of one material");
  cmd->add_option("FORMULA", c->formula, "material, e.g. Li6PS5Cl")->required();
  add_single_open(cmd, c->open);
  add_data_options(cmd, c->data);
  cmd->footer(
      "As the voltage rises from 0 V the equilibrium at the composition changes at critical voltages,\n"
      "taking up or giving off the open element; the window is the range where it exchanges none.\n"
      "Example: interphase window Li3InCl6 --format json");
  commands.push_back({cmd, [c] {
                        const WindowResult r = c->data.session().window({c->formula, single_open_symbol(c->open)});
                        stage("writing the output");
                        std::cout << format_window(*r.closed, r.formula, r.open, r.profile, c->data.table_format());
                        return 0;
                      }});
}

}  // namespace interphase::cli
