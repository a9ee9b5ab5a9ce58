/// \file montecarlo.cpp
/// Monte Carlo samples of a reaction: counter-based draws per entry, the
/// candidate set perturbed per sample, the reaction recomputed exactly.
#include <algorithm>
#include <charconv>
#include <atomic>
#include <cmath>
#include <exception>
#include <limits>
#include <map>
#include <mutex>
#include <numbers>
#include <set>
#include <string>
#include <thread>

#include <spdlog/spdlog.h>

#include "interphase/quote.hpp"
#include "interphase/data/database.hpp"
#include "interphase/error.hpp"
#include "interphase/reaction/uncertainty.hpp"
#include "interphase/tolerances.hpp"

namespace interphase {
namespace {

std::uint64_t splitmix64(std::uint64_t x) {
  x += 0x9E3779B97F4A7C15ULL;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
  return x ^ (x >> 31);
}

/// A uniform in (0, 1) from 53 bits of a hash (never 0, so the logarithm is finite).
double open_uniform(std::uint64_t h) { return (static_cast<double>(h >> 11) + 0.5) * 0x1.0p-53; }

bool single_element(const Entry& e) { return e.composition.amounts().size() == 1; }

/// The fraction of samples i where holds(x[i].energy, y[i].energy): Error unless
/// the two runs have the same, non-zero number of samples.
template <class Holds>
double paired_fraction(const std::vector<MinimumSample>& x, const std::vector<MinimumSample>& y, Holds holds) {
  if (x.size() != y.size() || x.empty())
    throw Error("a paired comparison needs the same number of samples of both pairs (got " + std::to_string(x.size()) +
                " and " + std::to_string(y.size()) + ")");
  std::size_t count = 0;
  for (std::size_t i = 0; i < x.size(); ++i)
    if (holds(x[i].energy, y[i].energy)) ++count;
  return static_cast<double>(count) / static_cast<double>(x.size());
}

}  // namespace

double standard_normal(std::uint64_t seed, std::uint64_t sample, std::uint64_t entry) {
  const std::uint64_t h = splitmix64(splitmix64(splitmix64(seed) ^ sample) ^ entry);
  const double u1 = open_uniform(splitmix64(h ^ 0x1ULL)), u2 = open_uniform(splitmix64(h ^ 0x2ULL));
  return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);
}

std::uint64_t draw_key(const Entry& e) {
  if (e.key > 0) return static_cast<std::uint64_t>(e.key);
  std::uint64_t h = 0xcbf29ce484222325ULL;  // FNV-1a of the external id
  for (const unsigned char c : e.id) h = (h ^ c) * 0x100000001b3ULL;
  return h | (std::uint64_t{1} << 63);
}

UncertainSystem::UncertainSystem(std::shared_ptr<const StableSet> stable, const std::vector<Entry>& entries, double sigma,
                                 double window_sigmas)
    : sigma_(sigma) {
  if (!stable->open().empty()) throw ThermoError("an uncertain system is made from a closed stable set");
  if (!std::isfinite(sigma) || sigma < 0 || sigma > kMaxSigma)
    throw Error("sigma " + shortest_number(sigma) + " eV/atom: expected a finite number from 0 to " +
                shortest_number(kMaxSigma) + " eV/atom");
  if (!std::isfinite(window_sigmas) || window_sigmas < 0)
    throw Error("candidate window " + shortest_number(window_sigmas) + " sigma: expected a finite number >= 0");
  double largest = 0;
  for (const Entry& e : entries) largest = std::max(largest, entry_sigma(e));
  uncertain_ = largest > 0;
  if (!uncertain_) {
    candidates_ = std::move(stable);
  } else {
    std::set<std::uint64_t> in_stable;
    std::vector<Entry> phases;
    for (std::size_t i = 0; i < stable->size(); ++i) {
      phases.push_back(stable->entry(i));
      in_stable.insert(draw_key(stable->entry(i)));
    }
    const double window = window_sigmas * largest;
    for (const Entry& e : entries) {
      if (single_element(e) || in_stable.count(draw_key(e))) continue;
      if (e.e_form - stable->hull_energy(e.composition) <= window + tol::kSampledOnHull) phases.push_back(e);
    }
    candidates_ = std::make_shared<const StableSet>(std::move(phases), stable->elements());
    spdlog::debug("Monte Carlo in {}: {} stable phases and {} more within {} eV/atom of the hull, of {} entries",
                  stable->chemsys(), stable->size(), candidates_->size() - stable->size(), window, entries.size());
  }
  for (std::size_t i = 0; i < candidates_->size(); ++i) {
    const Entry& e = candidates_->entry(i);
    const bool implicit = e.key == 0 && e.id.starts_with("reference:");
    sigmas_.push_back(implicit ? 0.0 : entry_sigma(e));
    keys_.push_back(draw_key(e));
  }
}

double UncertainSystem::entry_sigma(const Entry& e) const { return interphase::entry_sigma(e, sigma_); }

Eigen::VectorXd UncertainSystem::shifts(std::uint64_t seed, std::uint64_t sample) const {
  Eigen::VectorXd out = Eigen::VectorXd::Zero(static_cast<Eigen::Index>(sigmas_.size()));
  for (std::size_t i = 0; i < sigmas_.size(); ++i)
    if (sigmas_[i] > 0) out[static_cast<Eigen::Index>(i)] = sigmas_[i] * standard_normal(seed, sample, keys_[i]);
  return out;
}

std::shared_ptr<const StableSet> UncertainSystem::sample(std::uint64_t seed, std::uint64_t sample) const {
  if (!uncertain_) return candidates_;
  return StableSet::perturbed(candidates_, shifts(seed, sample));
}

Reactant UncertainSystem::reactant(const Reactant& r, const StableSet& closed, std::uint64_t seed,
                                   std::uint64_t sample) const {
  if (!r.own_entry) return r;  // the hull energy (of the sample), or an energy given by hand
  Entry own = *r.own_entry;
  const double s = entry_sigma(own);
  if (s > 0) own.e_form += s * standard_normal(seed, sample, draw_key(own));
  Reactant out = r;
  out.own_energy = own_energy(closed, r.composition, own);
  out.own_entry = own;
  return out;
}

void check_samples(std::size_t samples) {
  if (samples == 0) throw SettingError("{samples} must be at least 1");
  if (samples > kMaxSamples)
    throw SettingError("{samples} " + std::to_string(samples) + " is above the limit of " + std::to_string(kMaxSamples) +
                       " samples (every sample is kept in memory until the run ends)");
}

void check_sweep_samples(std::size_t voltages, std::size_t samples) {
  check_samples(samples);
  if (voltages > kMaxSweepSamples / samples)
    throw SettingError("{samples} " + std::to_string(samples) + " at each of " + std::to_string(voltages) +
                       " voltages: a sweep computes at most " + std::to_string(kMaxSweepSamples) +
                       " sampled reactions (voltages times samples); take fewer samples or a larger {step}");
}

std::vector<MinimumSample> sample_minima(const UncertainSystem& system, const Reactant& a, const Reactant& b,
                                         const ReactionOptions& options, const MonteCarloOptions& mc) {
  check_samples(mc.samples);
  std::vector<MinimumSample> out(mc.samples);
  const auto run = [&](std::size_t s) {
    const auto closed = system.sample(mc.seed, s);
    const Reactant ra = system.reactant(a, *closed, mc.seed, s), rb = system.reactant(b, *closed, mc.seed, s);
    const InterfaceReaction r = react(closed, ra, rb, options);
    const Kink& m = r.minimum();
    MinimumSample& o = out[s];
    o.energy = m.energy;
    o.x = m.x;
    o.products = product_set(m);
    o.products.erase(std::unique(o.products.begin(), o.products.end()), o.products.end());
  };
  unsigned threads = mc.threads ? mc.threads : std::max(1u, std::thread::hardware_concurrency());
  threads = static_cast<unsigned>(std::min<std::size_t>(threads, mc.samples));
  if (threads <= 1) {
    for (std::size_t s = 0; s < mc.samples; ++s) run(s);
    return out;
  }
  std::atomic<std::size_t> next{0};
  std::mutex failure_mutex;
  std::size_t failed_at = std::numeric_limits<std::size_t>::max();
  std::exception_ptr failure;
  std::vector<std::thread> pool;
  for (unsigned t = 0; t < threads; ++t) {
    pool.emplace_back([&] {
      for (std::size_t s = next++; s < mc.samples; s = next++) {
        try {
          run(s);
        } catch (...) {
          const std::lock_guard lock(failure_mutex);
          if (s < failed_at) {  // the first failing sample's error, whatever the threads
            failed_at = s;
            failure = std::current_exception();
          }
          next = mc.samples;
        }
      }
    });
  }
  for (auto& t : pool) t.join();
  if (failure) std::rethrow_exception(failure);
  return out;
}

double quantile(std::vector<double> values, double q) {
  if (values.empty()) throw Error("quantile of no values");
  std::sort(values.begin(), values.end());
  const double h = (static_cast<double>(values.size()) - 1) * q;
  const auto lo = static_cast<std::size_t>(std::floor(h));
  const std::size_t hi = std::min(lo + 1, values.size() - 1);
  const double f = h - static_cast<double>(lo);
  return f == 0 ? values[lo] : values[lo] + f * (values[hi] - values[lo]);
}

MinimumStatistics summarize(const std::vector<MinimumSample>& samples, double threshold) {
  if (samples.empty()) throw Error("no Monte Carlo samples to summarize");
  MinimumStatistics st;
  st.samples = samples.size();
  const double n = static_cast<double>(samples.size());
  // Sums of differences from the first value: equal samples give that value exactly.
  const double origin = samples.front().energy;
  double sum = 0;
  std::vector<double> energies;
  std::map<std::vector<std::string>, std::size_t> sets;
  std::size_t reacting = 0;
  for (const auto& s : samples) {
    sum += s.energy - origin;
    energies.push_back(s.energy);
    ++sets[s.products];
    if (s.energy < threshold) ++reacting;
  }
  st.mean = origin + sum / n;
  double squares = 0;
  for (const double e : energies) squares += (e - st.mean) * (e - st.mean);
  st.std = samples.size() > 1 ? std::sqrt(squares / (n - 1)) : 0.0;
  st.p05 = quantile(energies, 0.05);
  st.p95 = quantile(energies, 0.95);
  st.p_react = static_cast<double>(reacting) / n;
  for (const auto& [products, count] : sets) st.product_sets.push_back({products, static_cast<double>(count) / n});
  std::stable_sort(st.product_sets.begin(), st.product_sets.end(),
                   [](const auto& x, const auto& y) { return x.p > y.p; });
  return st;
}

double probability_above(const std::vector<MinimumSample>& x, const std::vector<MinimumSample>& y) {
  return paired_fraction(x, y, [](double ex, double ey) { return ex > ey + tol::kMinimumEnergyTie; });
}

double probability_tie(const std::vector<MinimumSample>& x, const std::vector<MinimumSample>& y) {
  return paired_fraction(x, y, [](double ex, double ey) { return std::abs(ex - ey) <= tol::kMinimumEnergyTie; });
}

MinimumStatistics monte_carlo_minimum(const UncertainSystem& system, const Reactant& a, const Reactant& b,
                                      const ReactionOptions& options, const MonteCarloOptions& mc) {
  return summarize(sample_minima(system, a, b, options, mc), mc.threshold);
}

PairedComparison compare_pairs(const UncertainSystem& first, const Reactant& a1, const Reactant& b1,
                               const UncertainSystem& second, const Reactant& a2, const Reactant& b2,
                               const ReactionOptions& options, const MonteCarloOptions& mc) {
  const auto x = sample_minima(first, a1, b1, options, mc), y = sample_minima(second, a2, b2, options, mc);
  return {summarize(x, mc.threshold), summarize(y, mc.threshold), probability_above(y, x), probability_tie(x, y)};
}

std::vector<MinimumStatistics> monte_carlo_sweep(const UncertainSystem& system, const Reactant& a, const Reactant& b,
                                                 int z, const std::vector<double>& voltages,
                                                 const ReactionOptions& options, const MonteCarloOptions& mc) {
  check_sweep_samples(voltages.size(), mc.samples);
  std::vector<MinimumStatistics> out;
  for (const double v : voltages) {
    ReactionOptions at = options;
    at.open = {{z, -v}};
    out.push_back(monte_carlo_minimum(system, a, b, at, mc));
  }
  return out;
}

std::shared_ptr<const UncertainSystem> load_uncertain_system(const Database& db, std::int64_t dataset_id,
                                                             std::shared_ptr<const StableSet> stable,
                                                             const MonteCarloOptions& mc) {
  auto entries = db.entries_in_system(stable->elements(), dataset_id);
  return std::make_shared<const UncertainSystem>(std::move(stable), std::move(entries), mc.sigma, mc.window_sigmas);
}

}  // namespace interphase
