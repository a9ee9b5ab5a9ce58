// Uses the installed library on a made-up Li-S system whose answers are known
// by hand: Li and S at 0 eV/atom, Li2S at -1.0 and LiS at -0.3 eV/atom.
//  - hull: Li2S lies on it; at LiS (x_S = 1/2) the hull runs from Li2S
//    (x_S = 1/3, -1.0) to S (x_S = 1, 0): -1.0 * (1 - 1/2) / (1 - 1/3) = -0.75,
//    so LiS lies 0.45 eV/atom above it.
//  - reaction of Li and S: dE(x) is the hull itself, lowest at Li2S,
//    x = 2/3 (atomic fraction of Li), -1.0 eV/atom; kinks at 0, 2/3 and 1.
#include <cmath>
#include <iostream>
#include <string>
#include <vector>

#include "interphase/hull/phase_diagram.hpp"
#include "interphase/hull/stable_set.hpp"
#include "interphase/reaction/interface.hpp"

namespace {

interphase::Entry entry(const std::string& formula, double e_form) {
  interphase::Entry e;
  e.id = formula;
  e.formula = formula;
  e.composition = interphase::Composition::parse(formula);
  e.e_form = e_form;
  return e;
}

int failures = 0;

void expect(const std::string& what, double got, double expected) {
  const bool ok = std::abs(got - expected) < 1e-9;
  std::cout << (ok ? "ok   " : "FAIL ") << what << ": " << got << " (expected " << expected << ")\n";
  failures += !ok;
}

}  // namespace

int main() {
  using namespace interphase;
  const PhaseDiagram pd = PhaseDiagram::from_formation_energies(
      {entry("Li", 0.0), entry("S", 0.0), entry("Li2S", -1.0), entry("LiS", -0.3)});
  expect("e_above_hull(Li2S)", pd.e_above_hull(2), 0.0);
  expect("e_above_hull(LiS)", pd.e_above_hull(3), 0.45);
  expect("hull energy at LiS", pd.hull_energy(Composition::parse("LiS")), -0.75);

  const InterfaceReaction r = react(StableSet::of(pd), Reactant::parse("Li"), Reactant::parse("S"));
  expect("kinks", static_cast<double>(r.kinks().size()), 3.0);
  expect("minimum x", r.minimum().x, 2.0 / 3.0);
  expect("minimum energy", r.minimum().energy, -1.0);
  const bool li2s = r.minimum().products.size() == 1 && r.minimum().products[0].first == "Li2S";
  std::cout << (li2s ? "ok   " : "FAIL ") << "minimum products: Li2S\n";
  failures += !li2s;
  return failures == 0 ? 0 : 1;
}
