#pragma once
/// \file coat.hpp
/// Coating search: candidate coatings C for the interface between an
/// electrolyte A and one or more states of a cathode B (lithiated,
/// delithiated, ...), judged by the criteria of the literature (Xiao, Miara,
/// Wang and Ceder, Joule 3, 1252, 2019) and ranked.
///
/// A coat is a screen (screen.hpp) of every candidate against A and each B,
/// closed and, with a cycling range, over the range (Li open), with windows:
/// the stable entries are read once, the stable set of each pair assembled
/// from them, the pairs computed on all cores, each number exactly as `react`
/// and `window` compute it. Each candidate's rows are then judged:
///
///   e_above_hull              e_above_hull <= max_e_above_hull          (eV/atom)
///   window_red                reduction limit <= max_reduction           (V)
///   window_ox                 oxidation limit >= the range's top, or 4 V (V)
///   energy_electrolyte        closed minimum with A >= -max_reaction     (eV/atom)
///   energy_electrolyte_range  range minimum with A >= -max_reaction      (eV per non-Li atom)
///   energy_cathode            closed minimum with every B >= -max_reaction
///   energy_cathode_range      range minimum with every B >= -max_reaction
///
/// (the _range criteria only with a range; a value within 1e-9 of its limit
/// passes). A window without an oxidation limit is unbounded; a candidate
/// without a window (it gives off Li at every voltage) fails both window
/// criteria. The funnel counts the candidates left after
/// each criterion in this order, as a paper's screening funnel does. The
/// ranking puts every candidate that passes first, then those that fail, then
/// those that could not be computed; within each group the least reactive
/// first, by the most negative of all its reaction minima (closed and over
/// the range, against every side; energies within kCoatRankResolution of each
/// other tie, so that rounding noise cannot reorder them), ties by formula (as
/// text, byte order).
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "interphase/data/database.hpp"
#include "interphase/reaction/interface.hpp"
#include "interphase/reaction/open.hpp"
#include "interphase/reaction/uncertainty.hpp"
#include "interphase/screen/screen.hpp"
#include "interphase/tolerances.hpp"

namespace interphase {

/// The names of the criteria, in the funnel's order (also the report's column names).
inline constexpr const char* kCoatEhull = "e_above_hull";
inline constexpr const char* kCoatReduction = "window_red";
inline constexpr const char* kCoatOxidation = "window_ox";
inline constexpr const char* kCoatElectrolyte = "energy_electrolyte";
inline constexpr const char* kCoatElectrolyteRange = "energy_electrolyte_range";
inline constexpr const char* kCoatCathode = "energy_cathode";
inline constexpr const char* kCoatCathodeRange = "energy_cathode_range";

/// A value within this of its limit passes (V, eV/atom).
inline constexpr double kCoatLimitTolerance = tol::kCoatLimit;

/// Energies that round to the same multiple of this (eV/atom) rank as equal.
inline constexpr double kCoatRankResolution = tol::kCoatRankResolution;

/// The oxidation limit a coating's window must reach when no range is given (Xiao 2019), V.
inline constexpr double kCoatDefaultOxidation = 4.0;

/// What a coating must satisfy. Defaults: Xiao et al. 2019.
struct CoatCriteria {
  double max_e_above_hull = 0.005;  ///< eV/atom
  double max_reduction = 2.7;       ///< V: the window reaches down to at most this (the electrolyte side)
  /// V: the window reaches up to at least this (the charged cathode); none:
  /// the top of the range, or kCoatDefaultOxidation without one.
  std::optional<double> min_oxidation;
  double max_reaction = 0.1;  ///< eV/atom (per non-Li atom over a range): every minimum at least -max_reaction
  /// The oxidation limit asked for, given the range.
  double oxidation_limit(const std::optional<VoltageRange>& range) const;
  /// SettingError naming {max-ehull}, {max-reduction}, {min-oxidation} or
  /// {max-reaction} if one is negative or not finite.
  void check() const;
};

/// The criteria that apply, in the funnel's order (the _range ones only with a range).
std::vector<std::string> coat_criteria(bool range);

/// A candidate's minimum reaction with one side under one condition.
struct CoatReaction {
  /// The minimum; Kink::x is the coating's atomic fraction in its mixture with
  /// the side (x = 1: pure coating). None if it could not be computed.
  std::optional<Kink> minimum;
  std::optional<double> voltage;  ///< over a range: the voltage of the minimum
  std::string chemsys;            ///< of the pair's stable set
  std::string error;              ///< why there is no minimum
};

/// A candidate against one side: the electrolyte or one cathode state.
struct CoatSide {
  std::string formula;                ///< the side as given
  CoatReaction closed;
  std::optional<CoatReaction> range;  ///< with a range
};

/// One candidate coating, computed and judged.
struct CoatCandidate {
  std::string formula;  ///< as given (from the data set: its reduced formula)
  std::size_t rank = 0;  ///< 1-based position after ranking (0: not ranked yet)
  std::optional<double> e_above_hull;   ///< eV/atom, of its lowest entry
  std::optional<MaterialWindow> window;  ///< its Li window
  std::optional<RangeHold> hold;        ///< over the range: whether its window covers it
  std::optional<double> li_fraction;    ///< Li atoms per atom (none if the formula does not parse)
  CoatSide electrolyte;
  std::vector<CoatSide> cathodes;       ///< one per cathode state, in the order given
  std::vector<std::string> failed;      ///< the criteria it misses, in the funnel's order
  bool passes = false;                  ///< computed and no criterion missed
  std::string error;                    ///< why it could not be computed (then it neither passes nor fails)
  std::optional<double> p_pass;         ///< Monte Carlo: the fraction of samples in which it passes every criterion

  /// The closed and range minima against the electrolyte, and the most
  /// negative over the cathode states (none where any is missing).
  std::optional<double> energy_electrolyte() const;
  std::optional<double> energy_electrolyte_range() const;
  std::optional<double> energy_cathode() const;
  std::optional<double> energy_cathode_range() const;
  /// The most negative of every reaction minimum: the ranking key.
  std::optional<double> worst_energy() const;
  /// The cathode state of energy_cathode (or of the range one): its index.
  std::optional<std::size_t> worst_cathode(bool range) const;
};

/// Judge a computed candidate: fill `failed` and `passes` (a candidate with an
/// error neither passes nor fails: both stay empty/false).
void judge_coating(CoatCandidate& c, const CoatCriteria& criteria, const std::optional<VoltageRange>& range);

/// Whether a candidate meets one criterion (false for one with an error).
bool meets(const CoatCandidate& c, const std::string& criterion, const CoatCriteria& criteria,
           const std::optional<VoltageRange>& range);

/// One line of the funnel: how many candidates are left after a stage.
struct CoatStage {
  std::string stage;  ///< "candidates", "computed" or a criterion name
  std::string rule;   ///< the stage in words ("e_above_hull <= 0.005 eV/atom")
  std::size_t left = 0;
};

/// The funnel: every candidate, those computed, then those left after each
/// criterion in turn (each stage keeps the previous one's survivors that meet it).
std::vector<CoatStage> coat_funnel(const std::vector<CoatCandidate>& candidates, const CoatCriteria& criteria,
                                   const std::optional<VoltageRange>& range);

/// Sort by the ranking (file comment) and number them from 1.
void rank_coatings(std::vector<CoatCandidate>& candidates);

/// A side (the electrolyte or a cathode state) on its own.
struct CoatSideInfo {
  std::string formula;
  std::string role;  ///< "electrolyte" or "cathode"
  std::optional<MaterialWindow> window;
  std::optional<RangeHold> hold;  ///< over the range
};

/// What a coat is, as its reports say about how it was computed.
struct CoatSettings {
  std::string electrolyte;
  std::vector<std::string> cathodes;
  std::optional<VoltageRange> range;
  CoatCriteria criteria;
  double min_oxidation = kCoatDefaultOxidation;  ///< the oxidation limit applied (criteria.oxidation_limit)
  EnergyForm form = EnergyForm::Mutual;
  std::string candidates;      ///< where the candidates came from, in words
  std::string dataset;         ///< data set name
  std::string dataset_source;  ///< its file
  std::int64_t dataset_entries = 0;
  std::string dataset_content_hash;
  /// Monte Carlo of p_pass: how it was sampled (none: not sampled).
  std::optional<MonteCarloOptions> monte_carlo;
};

/// One criterion of one candidate, explained: its number against its limit
/// and the phases that decide it.
struct CoatCheck {
  std::string criterion;          ///< a criterion name (coat_criteria)
  std::string side;               ///< reaction criteria: the side that decides it (the worst cathode state)
  std::optional<double> value;    ///< the candidate's number; none: it has none (no window, ...)
  double limit = 0;               ///< the criterion's limit (-max_reaction for reaction energies)
  /// How far inside its limit the value lies (> 0), or outside (< 0), in the
  /// criterion's unit (eV/atom or V); none without a value (or without a
  /// bound: a window that reaches 0 V or has no oxidation limit).
  std::optional<double> margin;
  bool passes = false;
  /// The phases that decide it: e_above_hull the products it decomposes into;
  /// window_red and window_ox the phases it turns into beyond that end of its
  /// window; a reaction energy the products at its minimum, the one whose
  /// energy moves the minimum most first.
  std::vector<std::string> deciding;
  /// A reaction energy: the competing phase closest to changing the products
  /// at the minimum, and how far its formation energy would have to drop
  /// (eV/atom); none if no phase competes.
  std::string competitor;
  std::optional<double> competitor_margin;
};

/// Why one candidate passes or fails: every criterion with its margin.
struct CoatExplanation {
  std::string formula;
  std::size_t rank = 0;
  bool passes = false;
  std::string error;              ///< it could not be computed
  std::vector<CoatCheck> checks;  ///< in the funnel's order
  /// The criterion it fails by most, or (if it passes) the one it passes by
  /// least, relative to the limit's unit (eV/atom and V alike); empty if none.
  std::string closest;
};

/// A candidate as its caller knows it before it is computed.
struct CoatInput {
  std::string formula;
  std::optional<double> e_above_hull;  ///< eV/atom of its lowest entry
  std::string error;                    ///< known already to be bad (e.g. no entry in the data set)
};

/// How a coat is computed.
struct CoatOptions {
  std::string electrolyte;
  std::vector<std::string> cathodes;
  std::optional<VoltageRange> range;
  CoatCriteria criteria;
  EnergyForm form = EnergyForm::Mutual;
  unsigned threads = 0;  ///< 0: all cores
  /// p_pass from these samples (their sigma is every compound's without its own); none: exact only.
  std::optional<MonteCarloOptions> monte_carlo;
  /// Rank the candidates and count the funnel; false: the candidates judged,
  /// in the order given, and no funnel (a shard of a search, ranked when merged).
  bool rank = true;
};

/// The candidates, computed against the sides, judged and ranked.
struct CoatOutcome {
  std::vector<CoatCandidate> candidates;  ///< ranked
  std::vector<CoatStage> funnel;
  std::vector<CoatSideInfo> sides;        ///< the electrolyte, then each cathode state
};

/// Compute a coat on a data set whose stored stability is current. Throws
/// SettingError for a bad criterion or range, and Error naming the side for an
/// electrolyte or cathode state that cannot be used (unparsable, an element no
/// entry holds, given twice); a bad candidate becomes an error row.
CoatOutcome run_coat(const Database& db, std::int64_t dataset_id, const std::vector<CoatInput>& candidates,
                     const CoatOptions& options, const ScreenProgress& progress = {});

}  // namespace interphase
