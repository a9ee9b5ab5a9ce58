#include "interphase/session/catalogue.hpp"

#include <algorithm>
#include <sstream>

#include "interphase/session/requests.hpp"

namespace interphase {

namespace {

using Options = std::vector<OptionDoc>;
using K = ValueKind;
using C = ValueCheck;

/// A default as the help shows it (the stream's form: 0.01, 5, 0.005).
template <class T>
std::string shown(T value) {
  std::ostringstream out;
  out << value;
  return out.str();
}

Options operator+(Options a, const Options& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

const std::string kThreadsHelp = "worker threads (default: all cores)";
const std::string kTables = "text markdown md json csv";

/// Which formats --format offers among the data options.
enum class Formats { None, Tables, TablesAndSvg };

Options data_options(Formats formats) {
  Options o = {
      {"db", "--db", K::Text,
       "SQLite database file (default: $INTERPHASE_DB, else ~/.local/share/interphase/interphase.sqlite)", "", C::NotEmpty},
      {"data", "--data", K::Text,
       "formation-energy CSV that builds the database on first use (default: $INTERPHASE_DATA, else the configured "
       "mp_e_form.csv)",
       "", C::NotEmpty},
      {"dataset", "--dataset", K::Text, "data set to use when the database holds several (see `interphase db info`)"},
  };
  if (formats == Formats::Tables)
    o.push_back({"format", "--format", K::Text,
                 "output: text (readable), markdown (tables for documents), json or csv (full precision)", kTables,
                 C::None, "text"});
  if (formats == Formats::TablesAndSvg)
    o.push_back({"format", "--format", K::Text,
                 "output: text (readable), markdown (tables for documents), json or csv (full precision),\n"
                 "or svg (a plot, to redirect into a .svg file)",
                 kTables + " svg", C::None, "text"});
  return o;
}

/// --format of the commands that also write svg and html.
OptionDoc page_format(std::string help) {
  return {"format", "--format", K::Text, std::move(help), kTables + " svg html", C::None, "text"};
}

const Options kEnergy = {
    {"energy", "--energy", K::Text,
     "mutual: reactants at their hull energies, ends at 0 (Mo's scheme, default);\n"
     "total: reactants at their own lowest entries (pymatgen's default)",
     "mutual total", C::None, "mutual"},
    {"reactant_energy", "--reactant-energy", K::Text,
     "with open elements, total form: reactants' closed energies from their own lowest entry\n"
     "(entry, default) or from the closed hull (hull)",
     "entry hull", C::None, "entry"},
};

const Options kChempots = {
    {"open", "--open", K::Texts, "open element(s), exchanged with a reservoir (e.g. Li)"},
    {"voltage", "--voltage", K::Number, "voltage vs Li/Li+ of the open element (mu = -V; Li if no --open)", "",
     C::Voltage},
    {"mu", "--mu", K::Texts,
     "chemical potential of an open element, eV relative to its reference: Li=-3.0 (repeatable)"},
    {"gas", "--gas", K::Texts, "open gas from temperature (K) and pressure (Pa): O=1000,21000 (repeatable)"},
};

const OptionDoc kSigma = {
    "sigma", "--sigma", K::Number,
    "1-sigma of every compound's formation energy without its own in the data, eV/atom, for\n"
    "--uncertainty and --samples alike (alone it implies --uncertainty; default 0.024, GGA+U\n"
    "oxide reaction energies against experiment, Hautier et al., PRB 85, 155208, 2012)",
    "", C::Sigma};

const Options kUncertainty = {
    {"uncertainty", "--uncertainty", K::Flag,
     "add energy_std_linear: the 1-sigma of the energy from every compound's formation energy,\n"
     "propagated linearly at fixed products"},
    kSigma,
};

Options monte_carlo(bool threads) {
  const UncertaintySettings u;
  Options o = {
      {"samples", "--samples", K::Count,
       "Monte Carlo: perturb every entry's formation energy by a normal draw of its 1-sigma this\n"
       "many times and recompute exactly; report the minimum's std, 5-95% interval, p_react and\n"
       "product sets (default 0: none)"},
      {"seed", "--seed", K::Count, "Monte Carlo seed: the same seed gives the same numbers", "", C::None, shown(u.seed),
       kShowDefault},
      {"threshold", "--threshold", K::Number, "Monte Carlo: a sample reacts if its minimum lies below this, eV/atom", "",
       C::EnergyThreshold, shown(u.threshold), kShowDefault},
  };
  if (threads) o.push_back({"threads", "--threads", K::Count, "Monte Carlo worker threads (default: all cores)"});
  return o;
}

const OptionDoc kThreads = {"threads", "--threads", K::Count, kThreadsHelp};
const OptionDoc kSingleOpen = {"open", "--open", K::Texts, "the open element (default Li)", "", C::None, "", kOneValue};
const OptionDoc kOutput = {"output", "--output", K::Text, ""};
const OptionDoc kQuiet = {"quiet", "--quiet", K::Flag, ""};

OptionDoc with_help(OptionDoc o, std::string help) {
  o.help = std::move(help);
  return o;
}

/// A, B and the options of a voltage range (sweep and map).
Options pair_and_range(bool with_step) {
  const SweepRequest q;
  Options o = Options{{"a", "A", K::Text, "first reactant", "", C::None, "", kRequired},
                      {"b", "B", K::Text, "second reactant", "", C::None, "", kRequired}} +
              kEnergy +
              Options{kSingleOpen,
                      {"from", "--from", K::Number, "lowest voltage, V vs Li/Li+ (mu = -V)", "", C::Voltage,
                       shown(q.from), kShowDefault},
                      {"to", "--to", K::Number, "highest voltage", "", C::Voltage, shown(q.to), kShowDefault}};
  if (with_step)
    o.push_back({"step", "--step", K::Number, "voltage step", "", C::VoltageStep, shown(q.step), kShowDefault});
  return o;
}

CommandDoc react() {
  return {"react", "Reaction energy of A and B over their mixing ratio x (atomic fraction of A), with its exact kinks",
          Options{{"a", "A", K::Text, "first reactant, e.g. Li6PS5Cl (x = 1 is pure A)", "", C::None, "", kRequired},
                  {"b", "B", K::Text, "second reactant, e.g. Li2RuO3 (x = 0 is pure B)", "", C::None, "", kRequired}} +
              kEnergy + kChempots +
              Options{{"range", "--range", K::Text,
                       "a cycling window FROM-TO (V vs Li/Li+, e.g. 2.0-4.5): Li open over every voltage in it; shows\n"
                       "the worst case (the lowest energy over x and V, exactly) and the reaction at its voltage, and\n"
                       "where each reactant's own window ends inside the range"}} +
              kUncertainty +
              Options{{"explain", "--explain", K::Flag,
                       "explain the minimum: each phase's sensitivity, how far each product may rise and each\n"
                       "competing phase must drop before the products change, the second-best products"},
                      {"explain_at_x", "--at-x", K::Numbers,
                       "explain the reaction at this atomic fraction of A too (repeatable; implies --explain)"}} +
              monte_carlo(true) + data_options(Formats::TablesAndSvg),
          "Each kink gives x as atomic, molar (formula units) and mass fraction of A, the energy in eV/atom of\n"
          "mixture, and the balanced reaction per formula unit. The 30 wt% A composite is shown too.\n"
          "With open elements the energy is per non-open atom, x still counts all atoms of the reactants, and\n"
          "the reactions show the open element taken from or given to the reservoir.\n"
          "Examples: interphase react Li6PS5Cl Li2RuO3 --energy total --format csv\n"
          "          interphase react Li6PS5Cl Li2RuO3 --open Li --voltage 4.5 --format json\n"
          "          interphase react Li2RuO3 Li3InCl6 --mu Li=-4 --gas O=298.15,21000\n"
          "          interphase react Li6PS5Cl Li2RuO3 --range 2.0-4.5   worst case over the cycling window\n"
          "          interphase react Li6PS5Cl Li2RuO3 --uncertainty --explain   +/- 1 sigma, and what decides the minimum"};
}

CommandDoc sweep() {
  return {"sweep", "Minimum reaction energy of A and B, its x and products, at each voltage",
          pair_and_range(true) + kUncertainty + monte_carlo(true) + data_options(Formats::TablesAndSvg),
          "Example: interphase sweep Li3InCl6 Li2RuO3 --from 1 --to 5 --step 0.1 --format csv"};
}

CommandDoc map() {
  return {"map", "Exact (x, V) reaction map: the rectangle partitioned into regions of one product set each",
          pair_and_range(false) +
              Options{{"color", "--color", K::Text,
                       "with --format svg: colour the regions by their products (default) or draw the reaction\n"
                       "energy as a heatmap with the region boundaries on top (energy)",
                       "products energy"}} +
              data_options(Formats::TablesAndSvg),
          "Region boundaries come from the hull's facets and their chemical-potential ranges, not from sampling;\n"
          "the reaction energy is given at each region's corners (bilinear inside).\n"
          "Examples: interphase map Li6PS5Cl Li2RuO3 --from 0 --to 5 --format json\n"
          "          interphase map Li6PS5Cl Li2RuO3 --format svg --color energy > energy_map.svg"};
}

CommandDoc compare() {
  return {"compare",
          "Monte Carlo minima of two pairs with the same draws of shared entries, and how often the second lies above",
          Options{{"pair", "PAIR", K::Texts, "the first pair, A B", "", C::None, "", kRequired | kTwoValues},
                  {"versus", "--versus", K::Texts, "the second pair, A B", "", C::None, "", kRequired | kTwoValues},
                  {"conditions", "--conditions", K::Text,
                   "comma-separated: closed, or a voltage with Li open (default closed), e.g. closed,0,3"}} +
              kEnergy + Options{kSigma} + monte_carlo(true) + data_options(Formats::Tables),
          "Every entry's draw depends only on (seed, sample, entry), so entries both pairs share (Li2RuO3, ...) move\n"
          "together in each sample: P(2nd above) is a paired comparison.\n"
          "Example: interphase compare Li6PS5Cl Li2RuO3 --versus Li3InCl6 Li2RuO3 --conditions closed,3 --samples 1000"};
}

CommandDoc screen() {
  return {
      "screen", "Minimum reaction energy of every pair: each material A against each material B, under conditions",
      Options{{"as", "A", K::Formulas, "materials on one side, e.g. electrolytes; @FILE: the formulas in FILE", "",
               C::None, "", kRequired},
              {"bs", "--against", K::Formulas, "materials on the other side, e.g. cathodes; @FILE as for A", "",
               C::None, "", kRequired},
              {"conditions", "--conditions", K::Text,
               "closed, voltages (Li open at V vs Li/Li+) and/or ranges of voltages (the worst case over\n"
               "every voltage in a cycling window), e.g. closed,3,2.0-4.5 (default closed)"}} +
          kEnergy + kChempots +
          Options{{"windows", "--windows", K::Flag,
                   "add each material's electrochemical window, and whether A's covers the condition's voltage"}} +
          kUncertainty + Options{kThreads} + monte_carlo(false) +
          Options{with_help(kOutput, "write rows to FILE (whole rows only) instead of stdout"),
                  {"resume", "--resume", K::Flag,
                   "continue an interrupted --output FILE: keep its rows, compute the rest"},
                  {"shard", "--shard", K::Text,
                   "compute the I-th of N disjoint slices of the pairs (I/N, 1 <= I <= N); the N outputs\n"
                   "concatenated in order equal one run (only the first has the CSV header)"},
                  with_help(kQuiet, "no progress and no summary on stderr")} +
          data_options(Formats::None) +
          Options{page_format("text (aligned table), csv or json (JSON Lines; both streamed row by row, full precision),\n"
                              "markdown (ranked by energy), svg (heatmap: A down, B across, a panel per condition)\n"
                              "or html (one page: heatmap, ranked table, settings)")},
      "Each pair reacts in the stable set of its own elements (and the open one), exactly as `react` computes\n"
      "it. Rows come in input order (A, then B, then condition) for any --threads; a pair that cannot be\n"
      "computed gives a row with `error` filled in and the run goes on. Exit 0 if any row was computed.\n"
      "Examples: interphase select --with Li --stable > electrolytes.txt\n"
      "          interphase screen @electrolytes.txt --against LiCoO2 Li2RuO3 --conditions closed,3,4.5 \\\n"
      "              --format csv --output screen.csv   (then --resume after an interruption)\n"
      "          interphase screen Li6PS5Cl Li3InCl6 --against Li2RuO3 --windows --format markdown"};
}

Options coat_candidates() {
  return {
      {"candidates", "--candidates", K::Formulas,
       "the candidate coatings (formulas; @FILE: the formulas in FILE, one per line). Default: every\n"
       "stable entry of the data set holding Li, of two or more elements, with no radioactive element"},
      {"with", "--with", K::Text, "candidates from the data set: elements each holds besides Li, e.g. O,P"},
      {"without", "--without", K::Text, "candidates from the data set: elements none holds, e.g. S,Cl"},
      {"elements", "--elements", K::Text, "candidates from the data set: number of elements, N or N-M"},
      {"pool_max_e_above_hull", "--pool-max-ehull", K::Number,
       "candidates from the data set: entries at most this far above the hull (eV/atom; default:\n"
       "stable ones only), for --max-ehull to judge",
       "", C::NonNegative},
  };
}

Options coat_criteria() {
  const CoatCriteria c;
  return {
      {"max_e_above_hull", "--max-ehull", K::Number, "criterion: e_above_hull at most this, eV/atom", "", C::NonNegative,
       shown(c.max_e_above_hull), kShowDefault},
      {"max_reduction", "--max-reduction", K::Number,
       "criterion: the window's reduction limit at most this, V (the electrolyte side)", "", C::Voltage,
       shown(c.max_reduction), kShowDefault},
      {"min_oxidation", "--min-oxidation", K::Number,
       "criterion: the window's oxidation limit at least this, V (default: the top of --range, else 4)", "",
       C::Voltage},
      {"max_reaction", "--max-reaction", K::Number,
       "criterion: every minimum reaction energy with each side at least minus this, eV/atom\n"
       "(closed, and per non-Li atom over --range)",
       "", C::NonNegative, shown(c.max_reaction), kShowDefault},
  };
}

CommandDoc coat() {
  return {
      "coat", "Rank candidate coatings between an electrolyte and one or more cathode states (Xiao et al. 2019)",
      Options{{"electrolyte", "ELECTROLYTE", K::Text, "the electrolyte, e.g. Li6PS5Cl", "", C::None, "", kRequired},
              {"cathodes", "CATHODE", K::Texts,
               "the cathode's states, e.g. Li2RuO3 LiRuO3 (a coating must hold against each)", "", C::None, "",
               kRequired},
              {"range", "--range", K::Text,
               "the cycling window FROM-TO (V vs Li/Li+, e.g. 2.0-4.5): every reaction also over it, Li open"}} +
          coat_candidates() + coat_criteria() + kEnergy + Options{kSigma} + monte_carlo(false) +
          Options{{"explain", "--explain", K::Text,
                   "say for this candidate which criterion it fails or nearly fails, by how\n"
                   "much, and which phases decide it"},
                  kThreads,
                  {"shard", "--shard", K::Text,
                   "compute the I-th of N disjoint slices of the candidates (I/N), written unranked as csv or json\n"
                   "rows; interphase.distributed.merge_coat ranks the N shards into one search's output"},
                  with_help(kOutput, "write the rows of --shard to FILE (whole rows only, a settings record beside it)"),
                  {"resume", "--resume", K::Flag,
                   "continue an interrupted --output FILE: keep its candidates, compute the rest"},
                  with_help(kQuiet, "no funnel on stderr")} +
          data_options(Formats::None) +
          Options{page_format("output: text, markdown, json or csv (the ranked candidates), svg (a scatter of the reaction\n"
                              "energies with each side) or html (one page: settings, funnel, scatter, sortable table)")},
      "Each candidate is computed against the electrolyte and each cathode state exactly as `react` and\n"
      "`window` compute them (x: the coating's atomic fraction), then judged: e_above_hull, window_red,\n"
      "window_ox, energy_electrolyte[_range], energy_cathode[_range] (the worst over the states). The funnel\n"
      "(candidates left after each criterion, in that order) goes to stderr and into the report. Ranking:\n"
      "passing candidates first, then failing ones, then those that could not be computed (an error row);\n"
      "within each, the least reactive first (the most negative of all its minima), ties by formula.\n"
      "Examples: interphase coat Li6PS5Cl Li2RuO3 LiRuO3 --range 2.0-4.5 --format markdown\n"
      "          interphase coat Li3PS4 LiCoO2 Li0.5CoO2 --candidates Li3PO4 LiNbO3 LiPO3 --format csv\n"
      "          interphase coat Li6PS5Cl Li2RuO3 --with O --without S,Cl --elements 3-4 --explain LiNbO3"};
}

std::vector<CommandDoc> stored_stability_commands() {
  return {
      {"window", "Electrochemical stability window and element profile of one material",
       Options{{"formula", "FORMULA", K::Text, "material, e.g. Li6PS5Cl", "", C::None, "", kRequired}, kSingleOpen} +
           data_options(Formats::Tables),
       "As the voltage rises from 0 V the equilibrium at the composition changes at critical voltages,\n"
       "taking up or giving off the open element; the window is the range where it exchanges none.\n"
       "Example: interphase window Li3InCl6 --format json"},
      {"decompose", "Stability of a composition: e_above_hull, lowest entry, decomposition products",
       Options{{"formula", "FORMULA", K::Text, "formula, e.g. Li6PS5Cl or Ca3(PO4)2", "", C::None, "", kRequired}} +
           data_options(Formats::Tables),
       ""},
      {"hull", "Stable phases of a chemical system with their formation energies",
       Options{{"chemsys", "CHEMSYS", K::Text, "chemical system, elements joined by '-', e.g. Li-In-Cl", "", C::None, "",
                kRequired},
               {"all", "--all", K::Flag, "list every entry with its e_above_hull, not only the stable ones"}} +
           data_options(Formats::Tables),
       ""},
      {"stability", "Stability of every entry of the data set: e_above_hull, hull energy, decomposition",
       Options{kThreads} + data_options(Formats::Tables),
       "Each entry is judged on the hull of its own chemical system (the same numbers as on the hull of the\n"
       "whole data set). Computed once and stored in the database; `db add` and `db remove` keep it current.\n"
       "CSV columns: id,formula,reduced_formula,e_form,e_above_hull,stable,hull_energy,decomposition\n"
       "(energies in eV/atom; decomposition as Formula:atomic_fraction;...).\n"
       "Example: interphase stability --format csv > stability.csv"},
  };
}

CommandDoc select() {
  return {"select", "Pick entries by elements and stability, e.g. the candidates of a screen",
          Options{{"with", "--with", K::Text, "elements every entry holds, e.g. Li,S"},
                  {"any", "--any", K::Text, "elements of which each entry holds at least one, e.g. Cl,Br,I"},
                  {"without", "--without", K::Text, "elements no entry holds, e.g. O,H"},
                  {"only", "--only", K::Text, "the only elements allowed, e.g. Li,P,S,Cl,O"},
                  {"elements", "--elements", K::Text, "number of elements: N or a range N-M, e.g. 3-5"},
                  {"stable", "--stable", K::Flag, "only stable entries (hull vertices)"},
                  {"max_e_above_hull", "--max-ehull", K::Number,
                   "only entries at most this far above the hull, eV/atom"},
                  {"sort", "--sort", K::Text, "order: ehull (e_above_hull, then formula; default) or formula",
                   "ehull formula", C::None, "ehull"},
                  {"limit", "--limit", K::Count, "at most this many rows", "", C::NoMinus},
                  {"polymorphs", "--polymorphs", K::Flag, "every entry, not only the lowest of each reduced formula"},
                  kThreads} +
              data_options(Formats::Tables),
          "Text output is one reduced formula per line (the lowest entry of each formula), ready for `screen`;\n"
          "csv, json and markdown add the id, e_form, e_above_hull and decomposition.\n"
          "Examples: interphase select --with Li --stable > electrolytes.txt\n"
          "          interphase select --with Li,S --without O --max-ehull 0.025 --format csv"};
}

CommandDoc db_import() {
  const ImportRequest q;
  return {"db import", "Import a data file as a new data set (all rows or none)",
          Options{{"file", "FILE", K::Text,
                   "CSV of formula + formation energy (eV/atom), or pymatgen ComputedEntry JSON", "", C::None, "",
                   kRequired},
                  {"kind", "--kind", K::Text,
                   "file kind: csv, pymatgen-json (ComputedEntry dicts), mp-json (Materials Project summary or\n"
                   "thermo documents) or auto (default: csv unless .json; then mp-json if the file names\n"
                   "formation_energy_per_atom or material_id, else pymatgen-json)",
                   "auto csv pymatgen-json mp-json", C::None, "auto"},
                  {"thermo_type", "--thermo-type", K::Text,
                   "Materials Project documents: the thermo_type to import (e.g. GGA_GGA+U, R2SCAN) when a\n"
                   "file holds several; they do not mix in one hull"},
                  {"name", "--name", K::Text, "data set name (default: the file's stem)"},
                  {"formula_column", "--formula-column", K::Text, "CSV column holding the formula", "", C::None,
                   q.formula_column, kShowDefault},
                  {"energy_column", "--energy-column", K::Text, "CSV column holding the formation energy per atom", "",
                   C::None, q.energy_column, kShowDefault},
                  {"sigma_column", "--sigma-column", K::Text,
                   "CSV column (pymatgen JSON: key of each entry) holding its 1-sigma uncertainty of the\n"
                   "formation energy, eV/atom\n"
                   "(stored per entry; an empty field: none, the calculation's --sigma applies)"},
                  {"max_abs_energy", "--max-abs-energy", K::Number,
                   "refuse formation energies beyond this magnitude, eV/atom", "", C::Positive,
                   shown(q.max_abs_energy), kShowDefault},
                  kThreads} +
              data_options(Formats::None),
          "Materials Project documents: material_id (the id), formula_pretty, composition and\n"
          "formation_energy_per_atom are read; where they carry energy_above_hull, the import reports on stderr\n"
          "how many differ from the hull of the imported data by more than 1 meV/atom, with the largest.\n"
          "Examples: interphase db import my_calcs.csv --formula-column formula --energy-column e_form\n"
          "          interphase db import mp_thermo.json --thermo-type GGA_GGA+U"};
}

std::vector<CommandDoc> db_commands() {
  return {
      {"db", "Manage the entry database", {}, ""},
      db_import(),
      {"db info", "List the data sets in the database (never builds or changes it)",
       data_options(Formats::None) +
           Options{{"format", "--format", K::Text, "output: text or json", "text json", C::None, "text"}},
       ""},
      {"db check",
       "Check the database: SQLite integrity, schema version, entry counts, content hashes and every\n"
       "stored stability result against a computation afresh; says how to recover",
       data_options(Formats::None) +
           Options{{"quick", "--quick", K::Flag,
                    "check the file, its records and hashes only, not the stored results (fast)"}},
       "Exit code 0 if the database is healthy, 2 if anything is wrong."},
      {"db add", "Add one entry and update the stored stability of the systems it changes",
       Options{{"formula", "FORMULA", K::Text, "formula, e.g. Li3InO3", "", C::None, "", kRequired},
               {"e_form", "E_FORM", K::Text, "formation energy, eV/atom", "", C::None, "", kRequired},
               {"id", "--id", K::Text, "external id (default: <data set>:added-N)"},
               kThreads} +
           data_options(Formats::None),
       "Prints the entry's stability; on stderr, how many chemical systems were recomputed.\n"
       "Example: interphase db add Li3InO3 -1.71 --id my-calc:1"},
      {"db remove", "Remove one entry and update the stored stability",
       Options{{"id", "ID", K::Text, "external id of the entry, e.g. mp_e_form:17", "", C::None, "", kRequired},
               kThreads} +
           data_options(Formats::None),
       ""},
  };
}

CommandDoc serve() {
  // The web server's defaults (serve/server.hpp's ServeOptions and ApiLimits).
  return {"serve", "The web app: pair, material, screen and coat pages and a JSON API, in a browser",
          Options{{"port", "--port", K::Integer, "TCP port (0: any free port)", "", C::Port, "8765", kShowDefault},
                  {"host", "--host", K::Text,
                   "address to listen on; other than 127.0.0.1 (e.g. 0.0.0.0) makes the app and the whole\n"
                   "database reachable from other machines, without a login (a warning says so)",
                   "", C::None, "127.0.0.1", kShowDefault},
                  {"max_jobs", "--max-jobs", K::Count,
                   "screens, coating searches and Monte Carlo runs at once (more: 503)", "", C::Jobs, "2",
                   kShowDefault},
                  {"job_seconds", "--job-seconds", K::Number,
                   "time of one screen job (POST /api/screen/jobs) before it stops as \"timed out\"", "",
                   C::JobSeconds, "600", kShowDefault}} +
              data_options(Formats::None),
          "The database is opened read-only: serve never builds or changes it, so run any command (e.g.\n"
          "`interphase react Li6PS5Cl Li2RuO3`) once first. Every API answer equals the command's --format json\n"
          "for the same request (docs/web.md). SIGINT (Ctrl-C) or SIGTERM stops it.\n"
          "Example: interphase serve --port 8765   then open http://127.0.0.1:8765/pair?a=Li6PS5Cl&b=Li2RuO3"};
}

}  // namespace

const std::vector<CommandDoc>& program_commands() {
  static const std::vector<CommandDoc> commands = [] {
    std::vector<CommandDoc> all = {react(), sweep(), map(), compare(), screen(), coat()};
    for (auto& c : stored_stability_commands()) all.push_back(std::move(c));
    all.push_back(select());
    for (auto& c : db_commands()) all.push_back(std::move(c));
    all.push_back(serve());
    return all;
  }();
  return commands;
}

const std::string& program_description() {
  static const std::string text =
      "interphase: interface phase equilibria from a formation-energy database.\n"
      "Convex hulls, decompositions and the mutual reaction energy of two materials\n"
      "at every mixing ratio (Zhu, He and Mo, J. Mater. Chem. A 2016).";
  return text;
}

const std::string& program_examples() {
  static const std::string text =
      "Examples:\n"
      "  interphase react Li6PS5Cl Li2RuO3              reaction energy over the mixing ratio\n"
      "  interphase react Li3InCl6 Li2RuO3 --format json\n"
      "  interphase react Li6PS5Cl Li2RuO3 --open Li --voltage 3   ... with Li open at 3 V vs Li/Li+\n"
      "  interphase react Li6PS5Cl Li2RuO3 --uncertainty --explain  ... with its 1-sigma and what decides it\n"
      "  interphase sweep Li6PS5Cl Li2RuO3 --from 0 --to 5         minimum at every voltage\n"
      "  interphase map Li6PS5Cl Li2RuO3 --from 0 --to 5           exact (x, V) product map\n"
      "  interphase map Li6PS5Cl Li2RuO3 --format svg > map.svg    ... as a plot\n"
      "  interphase window Li6PS5Cl                      electrochemical stability window\n"
      "  interphase screen Li6PS5Cl Li3InCl6 --against Li2RuO3 LiCoO2   minimum of every pair\n"
      "  interphase decompose Li6PS5Cl                   e_above_hull and decomposition products\n"
      "  interphase hull Li-In-Cl --all                  stable phases (and every entry)\n"
      "  interphase stability --format csv               e_above_hull of every entry of the data set\n"
      "  interphase select --with Li --stable            stable Li compounds, one formula per line\n"
      "  interphase db add Li3InO3 -1.9 --id my:1        add an entry; its stability and the hulls it changes\n"
      "  interphase db info                              what the database holds\n"
      "  interphase serve                                the web app at http://127.0.0.1:8765/\n"
      "The first command that needs data builds the database from the default data set.";
  return text;
}

std::string option_for_setting(const std::string& setting) {
  for (const CommandDoc& command : program_commands())
    for (const OptionDoc& o : command.options)
      if (o.setting == setting && o.name.rfind("--", 0) == 0) return o.name;
  std::string name = setting;
  std::replace(name.begin(), name.end(), '_', '-');
  return "--" + name;
}

}  // namespace interphase
