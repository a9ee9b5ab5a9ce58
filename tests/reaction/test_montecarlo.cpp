// Monte Carlo of reaction energies on made-up systems worked out by hand:
// sigma 0 gives the exact answer, draws depend only on (seed, sample, entry),
// and far from any change of products the spread is the linear one.
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <functional>
#include <limits>
#include <string>

#include "support/close.hpp"

#include "interphase/error.hpp"
#include "interphase/hull/phase_diagram.hpp"
#include "interphase/reaction/sensitivity.hpp"
#include "interphase/reaction/uncertainty.hpp"
#include "support/entries.hpp"

BOOST_AUTO_TEST_SUITE(test_montecarlo)

using namespace interphase;
using interphase::test::entry;

namespace {

// Li-Mg-O: Li2O (-2.0), MgO (-3.0) and Li2MgO2 on their mixing line at
// x(Li2O) = 3/5 (3 + 2 atoms), where the mixture's energy is 0.6 (-2) + 0.4 (-3) = -2.4.
// Li2MgO2 at -2.8: the reaction Li2O + MgO -> Li2MgO2 releases 0.4 eV/atom;
// dE/dE(Li2MgO2) = 1, dE/dE(Li2O) = -0.6, dE/dE(MgO) = -0.4.
std::vector<Entry> li_mg_o(double mixed, std::optional<double> mixed_sigma = std::nullopt) {
  std::vector<Entry> e = {entry("Li", 0.0), entry("Mg", 0.0), entry("O2", 0.0), entry("Li2O", -2.0),
                          entry("MgO", -3.0), entry("Li2MgO2", mixed), entry("LiO2", -0.5)};
  e[5].sigma = mixed_sigma;
  return e;
}

struct Pair {
  std::shared_ptr<const StableSet> stable;
  std::shared_ptr<const UncertainSystem> system;
  Reactant a, b;
};

Pair pair(const std::vector<Entry>& entries, double sigma, const std::string& a = "Li2O",
          const std::string& b = "MgO") {
  const PhaseDiagram pd(entries);
  Pair p;
  p.stable = StableSet::of(pd);
  p.system = std::make_shared<const UncertainSystem>(p.stable, entries, sigma);
  p.a = reactant_in(pd, a);
  p.b = reactant_in(pd, b);
  return p;
}

MonteCarloOptions options(std::size_t samples, std::uint64_t seed = 7, unsigned threads = 1) {
  MonteCarloOptions mc;
  mc.samples = samples;
  mc.seed = seed;
  mc.threads = threads;
  return mc;
}

}  // namespace

BOOST_AUTO_TEST_CASE(sigma_zero_gives_the_exact_answer) {
  for (const EnergyForm form : {EnergyForm::Mutual, EnergyForm::Total}) {
    for (const ChemPots& open : {ChemPots{}, ChemPots{{3, -1.0}}}) {
      const Pair p = pair(li_mg_o(-2.8), 0.0);
      const ReactionOptions ro{form, ReactantEnergy::Entry, open};
      const InterfaceReaction exact = react(p.stable, p.a, p.b, ro);
      const auto st = monte_carlo_minimum(*p.system, p.a, p.b, ro, options(20));
      BOOST_TEST(st.samples == 20u);
      BOOST_TEST(st.mean == exact.minimum().energy);
      BOOST_TEST(st.std == 0.0);
      BOOST_TEST(st.p05 == exact.minimum().energy);
      BOOST_TEST(st.p95 == exact.minimum().energy);
      BOOST_TEST(st.p_react == (exact.minimum().energy < 0 ? 1.0 : 0.0));
      BOOST_TEST_REQUIRE(st.product_sets.size() == 1u);
      BOOST_TEST(st.product_sets[0].p == 1.0);
      std::vector<std::string> names;
      for (const auto& [name, f] : exact.minimum().products) names.push_back(name);
      std::sort(names.begin(), names.end());
      BOOST_TEST(st.product_sets[0].products == names);
    }
  }
}

BOOST_AUTO_TEST_CASE(far_from_a_product_change_the_spread_is_linear) {
  // sigma 0.01 for all but Li2MgO2 (0.02, its own): the minimum -0.4 lies 19
  // of its sigmas from any change of products, so it stays linear:
  // sigma^2 = 0.02^2 + (0.6 * 0.01)^2 + (0.4 * 0.01)^2 = 4.52e-4.
  const Pair p = pair(li_mg_o(-2.8, 0.02), 0.01);
  const double analytic = std::sqrt(0.02 * 0.02 + 0.36e-4 + 0.16e-4);
  // The analytic propagation with the same per-entry rule gives it exactly.
  const InterfaceReaction exact = react(p.stable, p.a, p.b, {});
  CHECK_ABS(energy_std_linear(sensitivities(exact, exact.minimum(), {}), entry_sigmas(0.01)), analytic, 1e-12);
  const std::size_t n = 4000;
  const auto samples = sample_minima(*p.system, p.a, p.b, {}, options(n, 11, 2));
  const auto st = summarize(samples, 0.0);
  // Standard error of a normal sample's std: sigma / sqrt(2 (n - 1)) ~ 1.1 %; 4 of them.
  CHECK_ABS(st.std, analytic, 4 * analytic / std::sqrt(2.0 * (n - 1)));
  CHECK_ABS(st.mean, -0.4, 4 * analytic / std::sqrt(double(n)));
  BOOST_TEST(st.p_react == 1.0);
  BOOST_TEST_REQUIRE(st.product_sets.size() == 1u);
  BOOST_TEST(st.product_sets[0].products == std::vector<std::string>{"Li2MgO2"});
  for (const auto& s : samples) CHECK_ABS(s.x, 0.6, 1e-9);
  // 5-95%: the mean -/+ 1.645 sigma of a normal, within sampling error.
  CHECK_ABS(st.p05, -0.4 - 1.6449 * analytic, 0.15 * analytic);
  CHECK_ABS(st.p95, -0.4 + 1.6449 * analytic, 0.15 * analytic);
}

BOOST_AUTO_TEST_CASE(p_react_where_the_minimum_is_zero) {
  // Li2MgO2 exactly on the mixing line (-2.4): a sample reacts iff its net
  // shift is negative, P = 1/2; below -0.01 with sigma_net = 0.01 sqrt(1.52),
  // P = Phi(-0.01 / 0.012329) = Phi(-0.8111) = 0.2087.
  const Pair p = pair(li_mg_o(-2.4), 0.01);
  const std::size_t n = 4000;
  const auto samples = sample_minima(*p.system, p.a, p.b, {}, options(n, 3, 2));
  const double se = std::sqrt(0.25 / n);
  CHECK_ABS(summarize(samples, 0.0).p_react, 0.5, 4 * se);
  CHECK_ABS(summarize(samples, -0.01).p_react, 0.2087, 4 * se);
  // No sample lies above 0: a positive shift only lifts Li2MgO2 off the hull.
  for (const auto& s : samples) BOOST_TEST(s.energy <= 1e-12);
  // Two product sets: Li2MgO2 when it reacts, the reactant B (x = 0) when not.
  const auto st = summarize(samples, 0.0);
  BOOST_TEST(st.product_sets.size() == 2u);
  CHECK_ABS(st.product_sets[0].p + st.product_sets[1].p, 1.0, 1e-12);
}

BOOST_AUTO_TEST_CASE(deterministic_for_a_seed_and_any_thread_count) {
  const Pair p = pair(li_mg_o(-2.42), 0.02);
  const auto one = sample_minima(*p.system, p.a, p.b, {}, options(300, 5, 1));
  const auto two = sample_minima(*p.system, p.a, p.b, {}, options(300, 5, 2));
  const auto three = sample_minima(*p.system, p.a, p.b, {}, options(300, 5, 3));
  const auto again = sample_minima(*p.system, p.a, p.b, {}, options(300, 5, 2));
  const auto other = sample_minima(*p.system, p.a, p.b, {}, options(300, 6, 2));
  bool differs = false;
  for (std::size_t i = 0; i < one.size(); ++i) {
    BOOST_TEST(one[i].energy == two[i].energy);
    BOOST_TEST(one[i].energy == three[i].energy);
    BOOST_TEST(one[i].energy == again[i].energy);
    BOOST_TEST(one[i].products == two[i].products);
    differs = differs || one[i].energy != other[i].energy;
  }
  BOOST_TEST(differs);
}

BOOST_AUTO_TEST_CASE(draws_depend_only_on_seed_sample_and_entry) {
  BOOST_TEST(standard_normal(1, 2, 3) == standard_normal(1, 2, 3));
  BOOST_TEST(standard_normal(1, 2, 3) != standard_normal(1, 2, 4));
  BOOST_TEST(standard_normal(1, 2, 3) != standard_normal(1, 3, 3));
  BOOST_TEST(standard_normal(1, 2, 3) != standard_normal(2, 2, 3));
  // Standard normal: mean 0 and variance 1 within sampling error over many entries.
  const int n = 100000;
  double sum = 0, squares = 0;
  int below = 0;
  for (int k = 1; k <= n; ++k) {
    const double z = standard_normal(42, 0, static_cast<std::uint64_t>(k));
    sum += z;
    squares += z * z;
    below += z < -1.6449;
  }
  CHECK_ABS(sum / n, 0.0, 4 / std::sqrt(double(n)));
  CHECK_ABS(squares / n, 1.0, 4 * std::sqrt(2.0 / n));
  CHECK_ABS(double(below) / n, 0.05, 4 * std::sqrt(0.05 * 0.95 / n));
  // Stored entries draw by row id, others by their external id.
  Entry e = entry("Li2O", -2.0, "x:1");
  const std::uint64_t by_id = draw_key(e);
  e.key = 17;
  BOOST_TEST(draw_key(e) == 17u);
  BOOST_TEST(by_id != 17u);
}

BOOST_AUTO_TEST_CASE(shared_entries_share_draws_so_pairs_compare_paired) {
  // The same pair with A and B swapped sees the same draws of the same
  // entries: its minimum equals the original's in every sample, so neither
  // lies above the other (independent draws would give about 1/2).
  const Pair p = pair(li_mg_o(-2.42), 0.02);
  const auto ab = sample_minima(*p.system, p.a, p.b, {}, options(500, 9, 2));
  const auto ba = sample_minima(*p.system, p.b, p.a, {}, options(500, 9, 2));
  for (std::size_t i = 0; i < ab.size(); ++i) CHECK_ABS(ab[i].energy, ba[i].energy, 1e-12);
  BOOST_TEST(probability_above(ab, ba) == 0.0);
  BOOST_TEST(probability_above(ba, ab) == 0.0);
  BOOST_TEST(probability_tie(ab, ba) == 1.0);
  // A system that holds an extra entry draws the shared ones alike.
  auto more = li_mg_o(-2.42);
  more.insert(more.begin(), entry("MgO2", -2.1));  // stable, off the mixing line, first: shifts every phase index
  const Pair q = pair(more, 0.02);
  const auto ab_more = sample_minima(*q.system, q.a, q.b, {}, options(500, 9, 2));
  for (std::size_t i = 0; i < ab.size(); ++i) CHECK_ABS(ab[i].energy, ab_more[i].energy, 1e-12);
  BOOST_CHECK_THROW(probability_above(ab, std::vector<MinimumSample>(3)), Error);
}

BOOST_AUTO_TEST_CASE(total_form_takes_the_perturbed_own_entry) {
  // Li2O's own entry drawn low lowers its subtracted energy by the same shift:
  // in the total form with Li2O stable the minimum equals the mutual one.
  const Pair p = pair(li_mg_o(-2.8), 0.02);
  const auto mutual = sample_minima(*p.system, p.a, p.b, {EnergyForm::Mutual, ReactantEnergy::Entry, {}}, options(200));
  const auto total = sample_minima(*p.system, p.a, p.b, {EnergyForm::Total, ReactantEnergy::Entry, {}}, options(200));
  for (std::size_t i = 0; i < mutual.size(); ++i) CHECK_ABS(mutual[i].energy, total[i].energy, 1e-12);
}

BOOST_AUTO_TEST_CASE(quantiles_interpolate_linearly) {
  const std::vector<double> v = {5, 1, 4, 2, 3};
  CHECK_ABS(quantile(v, 0.05), 1.2, 1e-12);
  CHECK_ABS(quantile(v, 0.95), 4.8, 1e-12);
  CHECK_ABS(quantile(v, 0.5), 3.0, 1e-12);
  BOOST_TEST(quantile({2.5}, 0.95) == 2.5);
  BOOST_CHECK_THROW(quantile({}, 0.5), Error);
}

// The samples of one run and a sweep's voltages times samples are bounded, in
// the library (every front end): 2^64 - 1 samples once asked std::vector for
// more than max_size(), 1e8 took 4 GB. Refused before anything is allocated.
BOOST_AUTO_TEST_CASE(samples_are_bounded) {
  const auto message = [](const std::function<void()>& f) {
    try {
      f();
    } catch (const SettingError& e) {  // what(): the settings by their field names
      return std::string(e.what());
    }
    return std::string("(no SettingError)");
  };
  const Pair p = pair(li_mg_o(-2.8), 0.0);
  const ReactionOptions closed;
  BOOST_TEST(message([&] { sample_minima(*p.system, p.a, p.b, closed, options(0)); }) == "samples must be at least 1");
  for (const std::size_t n : {kMaxSamples + 1, std::size_t{2000000}, std::numeric_limits<std::size_t>::max()}) {
    const std::string expected = "samples " + std::to_string(n) + " is above the limit of 1000000 samples";
    BOOST_TEST(message([&] { sample_minima(*p.system, p.a, p.b, closed, options(n)); }).starts_with(expected));
    BOOST_TEST(message([&] { monte_carlo_minimum(*p.system, p.a, p.b, closed, options(n)); }).starts_with(expected));
  }
  BOOST_TEST(kMaxSamples == 1000000u);
  BOOST_TEST(kMaxSweepSamples == 10000000u);
  BOOST_CHECK_NO_THROW(check_samples(kMaxSamples));
  BOOST_CHECK_NO_THROW(check_sweep_samples(10, 1000000));
  BOOST_TEST(message([] { check_sweep_samples(11, 1000000); }).starts_with(
      "samples 1000000 at each of 11 voltages: a sweep computes at most 10000000 sampled reactions"));
  const std::vector<double> voltages(501, 0.0);
  BOOST_TEST(message([&] { monte_carlo_sweep(*p.system, p.a, p.b, 3, voltages, closed, options(100000)); })
                 .starts_with("samples 100000 at each of 501 voltages"));
  BOOST_TEST(sample_minima(*p.system, p.a, p.b, closed, options(3)).size() == 3u);
}

BOOST_AUTO_TEST_CASE(candidates_near_the_hull_join_the_samples) {
  // LiO2 lies 0.5 eV/atom above Li2O + O2's line: beyond 12 sigma of 0.02, it stays out;
  // with sigma 0.05 (window 0.6) it joins.
  const auto entries = li_mg_o(-2.8);
  const Pair narrow = pair(entries, 0.02), wide = pair(entries, 0.05);
  BOOST_TEST(narrow.system->candidates()->size() == narrow.stable->size());
  BOOST_TEST(wide.system->candidates()->size() == wide.stable->size() + 1);
  BOOST_CHECK_THROW(UncertainSystem(narrow.stable, entries, -0.1), Error);
  BOOST_CHECK_THROW(UncertainSystem(narrow.stable, entries, std::nan("")), Error);
}

BOOST_AUTO_TEST_SUITE_END()  // test_montecarlo
