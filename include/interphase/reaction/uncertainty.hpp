#pragma once
/// \file uncertainty.hpp
/// Monte Carlo uncertainty of a reaction energy: every entry's formation energy
/// perturbed independently by its 1-sigma, the hull and the reaction recomputed
/// exactly in each sample, and the minimum summarised.
///
/// Draws are counter-based: the standard normal of an entry in a sample depends
/// only on (seed, sample, entry), never on the thread or the order of work. Two
/// pairs that share entries (Li2RuO3, LiCl, ...) therefore see the same shifts
/// of those entries in the same sample: their minima are a paired comparison.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <Eigen/Dense>

#include "interphase/data/entry.hpp"
#include "interphase/data/sigma.hpp"
#include "interphase/hull/stable_set.hpp"
#include "interphase/reaction/interface.hpp"

namespace interphase {

/// Entries up to this many sigma (the largest of the system) above the hull
/// take part in the samples. A phase further above practically never reaches
/// the hull: the difference of its draw and the hull's must exceed 12/sqrt(2)
/// ~ 8.5 standard deviations (p ~ 1e-17 per sample).
inline constexpr double kCandidateWindowSigmas = 12.0;

/// A standard normal draw for `entry` in `sample` of the run `seed`
/// (splitmix64 of the three -> two uniforms in (0, 1) -> Box-Muller).
double standard_normal(std::uint64_t seed, std::uint64_t sample, std::uint64_t entry);

/// The number an entry's draws are keyed by: its database row id (Entry::key),
/// or for an entry not stored a hash of its external id (top bit set).
std::uint64_t draw_key(const Entry& e);

/// Most samples one Monte Carlo run draws (docs/errors.md "Limits"). A run
/// holds every sample's minimum and product set until it summarises them (of
/// the order of 100 bytes each, so about 100 MB at the limit), and each sample
/// is a hull and a reaction computed exactly; at a million samples the 5-95%
/// interval no longer moves in the third decimal.
inline constexpr std::size_t kMaxSamples = 1'000'000;
/// Most sampled reactions one sweep computes: its voltages times the samples.
/// Each voltage keeps the product sets its samples found (at worst one per
/// sample) until the sweep ends, so memory as well as time grow with the product.
inline constexpr std::size_t kMaxSweepSamples = 10'000'000;

/// SettingError naming {samples} unless 1 <= samples <= kMaxSamples.
void check_samples(std::size_t samples);
/// check_samples, and SettingError naming {samples} unless `voltages` times
/// `samples` is at most kMaxSweepSamples.
void check_sweep_samples(std::size_t voltages, std::size_t samples);

/// How a Monte Carlo run samples.
struct MonteCarloOptions {
  double sigma = kDefaultSigma;   ///< eV/atom, for entries without their own Entry::sigma
  std::size_t samples = 1000;
  std::uint64_t seed = 0;
  double threshold = 0.0;          ///< a sample reacts if its minimum is below this (eV/atom)
  unsigned threads = 0;            ///< 0: the hardware's
  double window_sigmas = kCandidateWindowSigmas;
};

/// The entries a Monte Carlo run perturbs in one chemical system: the stable
/// phases and every entry within window_sigmas * (largest sigma) of the hull,
/// as one closed set (entries above the hull stay in it as points), each with
/// its sigma. Entries of a single element keep their energy: they are the
/// references formation energies are measured from. Immutable, shared between threads.
class UncertainSystem {
 public:
  /// `stable`: the closed stable set of the system; `entries`: every entry of
  /// it (Database::entries_in_system). With every sigma 0 the candidates are
  /// `stable` itself and every sample is the exact answer.
  UncertainSystem(std::shared_ptr<const StableSet> stable, const std::vector<Entry>& entries, double sigma,
                  double window_sigmas = kCandidateWindowSigmas);

  /// The closed set every sample perturbs.
  const std::shared_ptr<const StableSet>& candidates() const { return candidates_; }
  /// 1-sigma of candidate phase i (eV/atom; 0 for an element or an implicit reference).
  double sigma(std::size_t i) const { return sigmas_[i]; }
  /// The shifts of the candidates' energies in a sample (eV/atom).
  Eigen::VectorXd shifts(std::uint64_t seed, std::uint64_t sample) const;
  /// The candidates with their energies shifted in a sample.
  std::shared_ptr<const StableSet> sample(std::uint64_t seed, std::uint64_t sample) const;
  /// `r` with its own entry (Reactant::own_entry, as the analytic propagation
  /// takes it) shifted by its draw in the sample, and its own energy by the rule
  /// of own_energy against `closed`, the sample's set. A reactant without an
  /// own entry is returned as it is: the total form takes the sample's hull energy.
  Reactant reactant(const Reactant& r, const StableSet& closed, std::uint64_t seed, std::uint64_t sample) const;
  /// 1-sigma of an entry (entry_sigma in data/sigma.hpp with this system's default).
  double entry_sigma(const Entry& e) const;
  /// Whether any entry is uncertain (some sigma > 0).
  bool uncertain() const { return uncertain_; }

 private:
  std::shared_ptr<const StableSet> candidates_;
  std::vector<double> sigmas_;
  std::vector<std::uint64_t> keys_;
  double sigma_ = 0;
  bool uncertain_ = false;
};

/// The minimum of one sample.
struct MinimumSample {
  double energy = 0;                  ///< eV/atom (per non-open atom if any is open)
  double x = 0;                       ///< where (atomic fraction of A)
  std::vector<std::string> products;  ///< reduced formulas, sorted
};

/// The minimum of every sample, by sample index (0 .. samples-1); check_samples first.
std::vector<MinimumSample> sample_minima(const UncertainSystem& system, const Reactant& a, const Reactant& b,
                                         const ReactionOptions& options, const MonteCarloOptions& mc);

/// One product set at the minimum and the fraction of samples it holds in.
struct ProductSetProbability {
  std::vector<std::string> products;
  double p = 0;
};

/// What the samples say of the minimum.
struct MinimumStatistics {
  std::size_t samples = 0;
  double mean = 0;
  double std = 0;   ///< sample standard deviation (n - 1); 0 for one sample
  double p05 = 0;   ///< 5th percentile, linear interpolation between order statistics (numpy's default)
  double p95 = 0;   ///< 95th percentile, the same way
  double p_react = 0;  ///< fraction of samples with the minimum below the threshold
  std::vector<ProductSetProbability> product_sets;  ///< by p descending, then products
};

/// Statistics of sampled minima; Error if there are none.
MinimumStatistics summarize(const std::vector<MinimumSample>& samples, double threshold);

/// The q-quantile (0..1) of values by linear interpolation: h = (n-1) q on the sorted values.
double quantile(std::vector<double> values, double q);

/// The fraction of samples where x's minimum lies above y's (x less reactive;
/// by more than 1e-12 eV/atom, closer is a tie):
/// the two runs must have the same seed and number of samples, so shared
/// entries had the same draws. Error otherwise.
double probability_above(const std::vector<MinimumSample>& x, const std::vector<MinimumSample>& y);

/// The fraction of samples where x's and y's minima tie (within 1e-12 eV/atom).
double probability_tie(const std::vector<MinimumSample>& x, const std::vector<MinimumSample>& y);

/// Monte Carlo of the reaction of `a` and `b` in one go: the minimum's statistics.
MinimumStatistics monte_carlo_minimum(const UncertainSystem& system, const Reactant& a, const Reactant& b,
                                      const ReactionOptions& options, const MonteCarloOptions& mc);

/// Two pairs sampled with the same seed (shared entries, same draws) and
/// compared sample by sample.
struct PairedComparison {
  MinimumStatistics first, second;
  /// Fraction of samples where the second pair's minimum lies above the
  /// first's (the second less reactive).
  double p_second_above = 0;
  /// Fraction of samples where the two minima tie (within 1e-12 eV/atom, e.g. both 0: neither reacts).
  double p_tie = 0;
};

/// The paired comparison of the minima of A1 + B1 (in `first`) and A2 + B2
/// (in `second`) under the same options.
PairedComparison compare_pairs(const UncertainSystem& first, const Reactant& a1, const Reactant& b1,
                               const UncertainSystem& second, const Reactant& a2, const Reactant& b2,
                               const ReactionOptions& options, const MonteCarloOptions& mc);

/// Monte Carlo of the minimum at each voltage of open element `z` (mu = -V;
/// the system must hold z), the same samples (seed) at every voltage;
/// check_sweep_samples first.
std::vector<MinimumStatistics> monte_carlo_sweep(const UncertainSystem& system, const Reactant& a, const Reactant& b,
                                                 int z, const std::vector<double>& voltages,
                                                 const ReactionOptions& options, const MonteCarloOptions& mc);

/// The uncertain system of the elements of a data set (stability current),
/// the stable set `stable` already loaded for them.
class Database;
std::shared_ptr<const UncertainSystem> load_uncertain_system(const Database& db, std::int64_t dataset_id,
                                                             std::shared_ptr<const StableSet> stable,
                                                             const MonteCarloOptions& mc);

}  // namespace interphase
