// interphase select: entries by elements and stability, e.g. the candidates of a screen.
#include <iostream>
#include <tuple>

#include "cli.hpp"
#include "interphase/report/dataset_format.hpp"

namespace interphase::cli {

namespace {

struct SelectCli {
  DataOptions data;
  std::string with, any, without, only, elements, sort = "ehull";
  bool stable = false, polymorphs = false;
  std::optional<double> max_ehull;
  std::optional<std::size_t> limit;
  unsigned threads = 0;
};

/// "Li,S" or "Li-S" -> element symbols, naming the option in errors.
std::vector<std::string> element_option(const std::string& setting, const std::string& text) {
  return text.empty() ? std::vector<std::string>{} : element_symbols(text, setting);
}

int run_select(const SelectCli& c) {
  SelectRequest q;
  q.with = element_option("with", c.with);
  q.any = element_option("any", c.any);
  q.without = element_option("without", c.without);
  q.only = element_option("only", c.only);
  if (!c.elements.empty()) std::tie(q.min_elements, q.max_elements) = parse_element_count(c.elements);
  q.stable = c.stable;
  q.max_e_above_hull = c.max_ehull;
  q.sort_by_formula = c.sort == "formula";
  q.polymorphs = c.polymorphs;
  q.limit = c.limit;
  q.threads = c.threads;
  const SelectResult r = c.data.session().select(q);
  stage("writing " + std::to_string(r.entries.size()) + " entries");
  write_selection(std::cout, r.entries, c.data.table_format());
  return 0;
}

}  // namespace

void add_select(CLI::App& app, Commands& commands) {
  auto c = std::make_shared<SelectCli>();
  auto* cmd = app.add_subcommand("select", "Pick entries by elements and stability, e.g. the candidates of a screen");
  cmd->add_option("--with", c->with, "elements every entry holds, e.g. Li,S");
  cmd->add_option("--any", c->any, "elements of which each entry holds at least one, e.g. Cl,Br,I");
  cmd->add_option("--without", c->without, "elements no entry holds, e.g. O,H");
  cmd->add_option("--only", c->only, "the only elements allowed, e.g. Li,P,S,Cl,O");
  cmd->add_option("--elements", c->elements, "number of elements: N or a range N-M, e.g. 3-5");
  cmd->add_flag("--stable", c->stable, "only stable entries (hull vertices)");
  cmd->add_option("--max-ehull", c->max_ehull, "only entries at most this far above the hull, eV/atom");
  cmd->add_option("--sort", c->sort, "order: ehull (e_above_hull, then formula; default) or formula")
      ->check(CLI::IsMember({"ehull", "formula"}));
  cmd->add_option("--limit", c->limit, "at most this many rows")
      ->check(CLI::Validator([](std::string& text) -> std::string {  // size_t took -1 as no limit
        return text.find('-') == std::string::npos ? "" : "'" + text + "' is negative: give 0 or more, or leave --limit out";
      }, "N >= 0"));
  cmd->add_flag("--polymorphs", c->polymorphs, "every entry, not only the lowest of each reduced formula");
  cmd->add_option("--threads", c->threads, "worker threads (default: all cores)");
  add_data_options(cmd, c->data);
  cmd->footer(
      "Text output is one reduced formula per line (the lowest entry of each formula), ready for `screen`;\n"
      "csv, json and markdown add the id, e_form, e_above_hull and decomposition.\n"
      "Examples: interphase select --with Li --stable > electrolytes.txt\n"
      "          interphase select --with Li,S --without O --max-ehull 0.025 --format csv");
  commands.push_back({cmd, [c] { return run_select(*c); }});
}

}  // namespace interphase::cli
