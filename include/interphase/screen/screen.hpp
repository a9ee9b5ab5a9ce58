#pragma once
/// \file screen.hpp
/// Screening many pairs: the minimum reaction energy of every material A
/// against every material B, under several conditions, in parallel, with rows
/// delivered in input order.
///
/// The stable entries of the data set are read once; the stable set of each
/// pair's elements is assembled from them (the stable entries of its
/// subsystems) without a hull or a query, and shared by the pair's
/// conditions. Each row is computed exactly as `interphase react` computes that
/// pair, so the numbers are the same to the last digit.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <istream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "interphase/data/database.hpp"
#include "interphase/reaction/interface.hpp"
#include "interphase/reaction/open.hpp"
#include "interphase/reaction/uncertainty.hpp"
#include "interphase/reaction/sensitivity.hpp"

namespace interphase {

/// One condition of a screen: nothing open ("closed"), open elements at
/// fixed chemical potentials (a voltage V: Li at mu = -V), or one element open
/// over a voltage range (a cycling window: the worst case over it).
struct Condition {
  ChemPots open;      ///< fixed chemical potentials; empty: closed or a range
  std::string label;  ///< "closed", "3", "4.5" (volts), "2-4.5" (a range), or "Li=-3;O=-2"
  /// The voltage of a single open element, if the condition is one.
  std::optional<double> voltage;
  /// A range: `range_element` open over every voltage in it; the row's minimum
  /// is the lowest over x and V (range_minimum), at ScreenRow::voltage.
  std::optional<VoltageRange> range;
  int range_element = kLithium;
  /// Whether an element is open (fixed potentials or a range): energies per non-open atom.
  bool is_open() const { return !open.empty() || range.has_value(); }
};

/// "closed,3,4.5,2.0-4.5" -> closed, then `element` open at 3 V, at 4.5 V and
/// over 2.0-4.5 V. Throws SettingError naming a token that is neither "closed",
/// a finite voltage nor a range within the documented limits, or a condition
/// given twice.
std::vector<Condition> parse_conditions(const std::string& text, int element = kLithium);

/// "2/8" -> shard 1 (0-based) of 8: the second of eight disjoint slices of a
/// screen's pairs. SettingError naming {shard} unless it is I/N with 1 <= I <= N.
std::pair<std::size_t, std::size_t> parse_shard(const std::string& text);

/// Formulas of a command line: each argument as it is, except "@FILE", which
/// stands for the formulas in FILE, one per line (blank lines and text after
/// '#' skipped; "@-" reads `in`). Throws DataError naming a file that cannot be read.
std::vector<std::string> expand_formula_arguments(const std::vector<std::string>& arguments, std::istream& in);

/// The electrochemical window of a material with the screen's open element.
struct MaterialWindow {
  std::optional<double> reduction, oxidation;  ///< V; absent: none / unbounded
  std::string error;                           ///< why there is none, if it failed
};

/// One row: a pair under one condition.
struct ScreenRow {
  std::size_t index = 0;  ///< position among all rows of the unsharded screen
  std::string a, b;       ///< formulas as given
  Condition condition;    ///< the row's condition (a copy: a row outlives the Screen that made it)
  std::size_t condition_index = 0;  ///< its position in ScreenOptions::conditions
  std::string chemsys;    ///< of the closed stable set the pair reacted in
  std::optional<Kink> minimum;  ///< the lowest kink; absent if the pair failed
  std::string error;            ///< what went wrong, one line; empty if none
  std::optional<MaterialWindow> a_window, b_window;  ///< with ScreenOptions::windows
  std::optional<double> energy_std_linear;  ///< the minimum's analytic 1-sigma, with ScreenOptions::uncertainty
  std::optional<MinimumStatistics> monte_carlo;      ///< with ScreenOptions::monte_carlo
  /// Range conditions: where the minimum lies (V), and whether each material's
  /// own window covers the range (else from which voltage it decomposes).
  std::optional<double> voltage;
  std::optional<RangeHold> a_hold, b_hold;
};

/// Whether any of the conditions is a voltage range.
bool has_range(const std::vector<Condition>& conditions);

struct ScreenOptions {
  std::vector<Condition> conditions;  ///< default: closed only
  EnergyForm form = EnergyForm::Mutual;
  ReactantEnergy source = ReactantEnergy::Entry;
  bool windows = false;       ///< add each material's electrochemical window
  int window_element = kLithium;  ///< the open element of the windows
  unsigned threads = 0;       ///< 0: all cores
  /// Consecutive pairs one worker computes together (at least 1). Pairs of a
  /// job that share a chemical system share its stable set; in the mutual form
  /// a range's worst voltage is found once for B's that differ only in the
  /// range's element (a cathode's lithiated and delithiated states: the energy
  /// per non-Li atom is the same function of V), then each B's reaction there.
  std::size_t pairs_per_job = 1;
  std::size_t shard = 0;      ///< this shard, 0-based ...
  std::size_t shards = 1;     ///< ... of this many disjoint slices of the pairs
  bool uncertainty = false;   ///< add the minimum's analytic 1-sigma (energy_std_linear)
  /// 1-sigma (eV/atom) of every compound's formation energy without its own
  /// (Entry::sigma), for the analytic 1-sigma and the Monte Carlo alike.
  double sigma = kDefaultSigma;
  /// Monte Carlo of each row's minimum (every pair sampled with these options,
  /// one thread per pair: the screen's threads run pairs; their sigma is
  /// `sigma`); none: exact only.
  std::optional<MonteCarloOptions> monte_carlo;
};

/// What a screen is, as its reports say about how it was computed.
struct ScreenSettings {
  EnergyForm form = EnergyForm::Mutual;
  std::vector<Condition> conditions;
  bool windows = false;
  std::string open = "Li";     ///< the element open at a condition's voltage
  std::string dataset;         ///< data set name
  std::string dataset_source;  ///< its file
  std::int64_t dataset_entries = 0;  ///< its entries (0: not known)
  std::string dataset_sha256;        ///< hex SHA-256 of its file, as `db info` shows it
  std::string dataset_content_hash;  ///< hash of its entries' content (changes with every add and remove)
  ReactantEnergy source = ReactantEnergy::Entry;  ///< the reactants' energies in the total form with an open element
  bool uncertainty = false;    ///< rows carry energy_std_linear ...
  double sigma = kDefaultSigma;  ///< ... from this 1-sigma of every compound without its own, eV/atom
  bool own_sigmas = false;     ///< ... or its own, where the data set gives one (Entry::sigma)
  bool monte_carlo = false;    ///< rows carry Monte Carlo statistics
  bool ranges = false;         ///< a condition is a voltage range: rows carry its voltage and holds
};

/// Progress of a run: rows done and in all (this shard).
using ScreenProgress = std::function<void(std::size_t done, std::size_t total)>;

class Screen {
 public:
  /// Every A against every B of data set `dataset_id` (whose stored stability
  /// must be current). Formulas are parsed per row: a bad one makes error rows.
  Screen(const Database& db, std::int64_t dataset_id, std::vector<std::string> as, std::vector<std::string> bs,
         ScreenOptions options);
  ~Screen();
  Screen(const Screen&) = delete;
  Screen& operator=(const Screen&) = delete;

  /// Rows of the unsharded screen, and the first and one-past-last row of this shard.
  std::size_t total_rows() const;
  std::size_t first_row() const;
  std::size_t end_row() const;
  /// (A, B, condition label) of a row of the unsharded screen.
  std::vector<std::string> row_key(std::size_t index) const;
  const ScreenOptions& options() const { return options_; }

  /// Compute this shard's rows from `from` (a row index; earlier rows are
  /// skipped, as when resuming), calling `sink` with each in order, from the
  /// calling thread, while the others are being computed. `progress` is
  /// called from the calling thread after each row.
  void run(const std::function<void(const ScreenRow&)>& sink, std::size_t from = 0,
           const ScreenProgress& progress = {});

  /// One pair, all its conditions, without threads (rows numbered as in the whole screen).
  std::vector<ScreenRow> pair_rows(std::size_t pair) const;

 private:
  struct Job;
  std::vector<ScreenRow> pair_rows(std::size_t pair, Job& job) const;
  struct Data;
  std::unique_ptr<Data> data_;
  std::vector<std::string> as_, bs_;
  ScreenOptions options_;
};

}  // namespace interphase
