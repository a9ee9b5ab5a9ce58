#include "interphase/reaction/sensitivity.hpp"
#include "interphase/tolerances.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include "interphase/error.hpp"

namespace interphase {
namespace {

/// Weights at or below this are not products (as StableSet::decomposition).
constexpr double kFractionTolerance = tol::kNumericalTol;

/// Collects coefficients per entry id, keeping the order of first appearance.
class Collector {
 public:
  void add(const Entry& e, double product, double reactant) {
    auto [it, inserted] = index_.emplace(e.id, out_.size());
    if (inserted) {
      Sensitivity s;
      s.entry = e;
      s.name = e.name();
      out_.push_back(std::move(s));
    }
    Sensitivity& s = out_[it->second];
    s.product += product;
    s.reactant += reactant;
    s.coefficient = s.product + s.reactant;
  }
  std::vector<Sensitivity> take() { return std::move(out_); }

 private:
  std::map<std::string, std::size_t> index_;
  std::vector<Sensitivity> out_;
};

/// dPhi/dE of phase i of a set: its atoms over its non-open atoms (1 when closed).
double grand_factor(const StableSet& space, std::size_t i) {
  return space.entry(i).composition.num_atoms() / space.space_atoms(i);
}

/// Adds `scale` times the weights of a piece's basis at t (weights above the product tolerance).
void add_piece(Collector& c, const StableSet& space, const HullLP::Piece& piece, double t, double scale, bool product) {
  const Eigen::VectorXd w = piece.weights(t);
  std::vector<std::size_t> order(piece.basis.size());
  for (std::size_t k = 0; k < order.size(); ++k) order[k] = k;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return w[static_cast<Eigen::Index>(a)] > w[static_cast<Eigen::Index>(b)];
  });
  for (std::size_t k : order) {
    const double weight = w[static_cast<Eigen::Index>(k)];
    if (!(weight > kFractionTolerance)) continue;
    const auto j = static_cast<std::size_t>(piece.basis[k]);
    const double value = scale * weight * grand_factor(space, j);
    if (product) c.add(space.entry(j), value, 0.0);
    else c.add(space.entry(j), 0.0, value);
  }
}

/// The subtracted energy of one reactant in the total form: its own entry, or its closed hull energy.
void add_total_reactant(Collector& c, const StableSet& closed, const Reactant& r, const ReactionOptions& options,
                        double scale) {
  double factor = 1.0;  // dPhi_r/dE_r per closed eV/atom
  if (!options.open.empty()) {
    double closed_atoms = 0.0;
    for (const auto& [z, amount] : r.composition.amounts())
      if (!options.open.count(z)) closed_atoms += amount;
    factor = r.composition.num_atoms() / closed_atoms;
  }
  const bool own = options.open.empty() || options.source == ReactantEnergy::Entry;
  if (own && r.own_energy) {
    Entry e;
    if (r.own_entry) {
      e = *r.own_entry;
    } else {  // a reactant made by hand: its energy stands for itself
      e.id = "own:" + r.formula;
      e.formula = r.formula;
      e.composition = r.composition;
      e.e_form = *r.own_energy;
    }
    c.add(e, 0.0, -scale * factor);
    return;
  }
  for (const auto& part : closed.decomposition(r.composition).parts)
    c.add(closed.entry(part.entry), 0.0, -scale * factor * part.fraction);
}

}  // namespace

std::string Sensitivity::role() const {
  const bool p = product != 0.0, r = reactant != 0.0;
  return p && r ? "both" : p ? "product" : "reactant";
}

std::vector<Sensitivity> sensitivities(const StableSet& closed, const InterfaceReaction& r, double x,
                                       const ReactionOptions& options) {
  if (!(x >= 0.0 && x <= 1.0)) throw Error("mixing ratio x must lie in [0, 1], got " + std::to_string(x));
  const StableSet& space = r.space();
  const double t = r.position_from_x(x);
  Collector c;
  add_piece(c, space, r.piece_at(t), t, 1.0, true);
  if (options.form == EnergyForm::Mutual) {
    // The ends are hull energies evaluated as InterfaceReaction evaluates them.
    if (t > 0.0) add_piece(c, space, r.pieces().back(), 1.0, -t, false);
    if (t < 1.0) add_piece(c, space, r.pieces().front(), 0.0, -(1.0 - t), false);
  } else {
    if (t > 0.0) add_total_reactant(c, closed, r.a(), options, t);
    if (t < 1.0) add_total_reactant(c, closed, r.b(), options, 1.0 - t);
  }
  return c.take();
}

std::vector<Sensitivity> sensitivities(const InterfaceReaction& r, const Kink& k, const ReactionOptions& options) {
  return sensitivities(r.space().closed(), r, k.x, options);
}

SigmaLookup uniform_sigma(double sigma) {
  if (!std::isfinite(sigma) || sigma < 0.0)
    throw Error("sigma must be a non-negative number of eV/atom, got " + std::to_string(sigma));
  return [sigma](const Entry& e) { return e.composition.amounts().size() == 1 ? 0.0 : sigma; };
}

SigmaLookup entry_sigmas(double fallback) {
  uniform_sigma(fallback);  // the same check
  return [fallback](const Entry& e) { return entry_sigma(e, fallback); };
}

double energy_std_linear(const std::vector<Sensitivity>& s, const SigmaLookup& sigma) {
  double variance = 0.0;
  for (const auto& term : s) {
    const double part = term.coefficient * sigma(term.entry);
    variance += part * part;
  }
  return std::sqrt(variance);
}

std::vector<double> kink_std_linear(const StableSet& closed, const InterfaceReaction& r,
                                    const ReactionOptions& options, const SigmaLookup& sigma) {
  std::vector<double> out;
  for (const auto& k : r.kinks()) out.push_back(energy_std_linear(sensitivities(closed, r, k.x, options), sigma));
  return out;
}

void sweep_std_linear(const std::shared_ptr<const StableSet>& closed, const Reactant& a, const Reactant& b, int z,
                      std::vector<SweepRow>& rows, const ReactionOptions& options, const SigmaLookup& sigma) {
  std::map<double, double> done;  // voltage -> std (a grid may repeat a voltage)
  for (auto& row : rows) {
    auto it = done.find(row.voltage);
    if (it == done.end()) {
      ReactionOptions at = options;
      at.open = {{z, -row.voltage}};
      const InterfaceReaction r = react(closed, a, b, at);
      it = done.emplace(row.voltage, energy_std_linear(sensitivities(*closed, r, row.minimum.x, at), sigma)).first;
    }
    row.energy_std_linear = it->second;
  }
}

ReactionUncertainty reaction_uncertainty(const StableSet& closed, const InterfaceReaction& r,
                                         const ReactionOptions& options, double sigma, double composite_mass_fraction) {
  const SigmaLookup lookup = entry_sigmas(sigma);
  ReactionUncertainty u;
  u.sigma = sigma;
  for (std::size_t i = 0; i < closed.size() && !u.own_sigmas; ++i) u.own_sigmas = closed.entry(i).sigma.has_value();
  for (const Reactant* x : {&r.a(), &r.b()}) u.own_sigmas = u.own_sigmas || (x->own_entry && x->own_entry->sigma);
  u.kinks = kink_std_linear(closed, r, options, lookup);
  u.minimum = u.kinks[static_cast<std::size_t>(&r.minimum() - r.kinks().data())];
  u.composite = energy_std_linear(
      sensitivities(closed, r, r.x_from_mass_fraction(composite_mass_fraction), options), lookup);
  return u;
}

}  // namespace interphase
