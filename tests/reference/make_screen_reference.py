"""Screen reference fixture: writes screen_reference.json next to this script.

Run:  /usr/bin/python3 tests/reference/make_screen_reference.py [path/to/mp_e_form.csv]
(default CSV: ../../../shared/data/mp_e_form.csv relative to this file;
Debian pymatgen 2022.11.7; runtime about 11 minutes (684 s) wall on 2 cores.)

What `interphase screen` computes per row, from pymatgen: the minimum mutual
reaction energy of a pair (A, B) under three conditions, closed and lithium
open at 3 V and at 4.5 V, for a seeded sample of about 120 pairs.

Sample (random.Random(SEED), everything else deterministic):
  * A: the stable Li compounds of the data.  For every reduced formula with Li
    and at least one other element, its lowest entry (the first of exact ties
    in data order) is stable if that entry object is one of
    PhaseDiagram(entries of its own chemical system).stable_entries; only the
    candidates the sampling draws are checked.  A is written as the reduced
    formula.
  * B: the cathodes of CATHODES, as written there.
  * groups, in this order in the fixture:
      seed    (Li6PS5Cl, Li2RuO3) and (Li3InCl6, Li2RuO3) - the seed experiment;
              Li6PS5Cl is metastable, the one A that is not a stable compound;
      large   LARGE_PER_SIZE pairs each whose union has 7, 8 and 9 elements
              (A with >= 4 elements, drawn from all such (A, B) combinations);
      inert   N_INERT pairs that do not react in the closed system: A is a Li
              compound that shares a hull facet with B in B's own chemical
              system (so the segment A-B lies on the hull, every closed kink
              is 0); drawn from all such neighbours of all cathodes;
      random  A drawn uniformly from the Li compounds, B from CATHODES, union
              of at most MAX_RANDOM_ELEMENTS elements (larger systems are the
              large group's; this keeps the run to minutes), until the total
              is N_PAIRS.
    Left out everywhere: A with B's reduced formula, and pairs whose Li-free
    compositions are proportional (with Li open both reactants project to one
    point: no mixing line).

Per pair: pd = PhaseDiagram(all entries whose elements lie in elements(A) |
elements(B)), the same entries as the reaction fixtures (see _common.py).
  closed: InterfacialReactivity(Composition(A), Composition(B), pd, norm=True,
          use_hull_energy=True)   (Mo's mutual form, as make_reaction_reference.py)
  "3", "4.5": gpd = GrandPotentialPhaseDiagram(entries, {Li: -V}),
          GrandPotentialInterfacialReactivity(Composition(A), Composition(B),
          gpd, pd, include_no_mixing_energy=False, norm=True, use_hull_energy=True)
          (the mutual form, as make_grand_reference.py)
From one get_kinks() call per condition:
  minimum   = pymatgen's ia.minimum, i.e. the first kink of lowest energy:
              x (atomic fraction of A among the original, Li-containing
              reactants, pymatgen's convention in both cases), energy (eV/atom
              of mixture; per non-Li atom when Li is open)
  unique    = no other kink has an energy within TIE (1e-6 eV) of the minimum
  tied_x    = x of every kink within TIE of the minimum (the minimum's included)
  products  = {reduced formula of the full phase: atomic fraction} at the
              minimum: pd.get_decomposition(x*comp1 + (1-x)*comp2) closed;
              gpd.get_decomposition at the projected position
              x_grand = ia._reverse_convert(x, factor1, factor2) when Li is open
              (fractions of the non-Li atoms), as in make_grand_reference.py
  reaction  = str(Reaction) at the minimum (information only)
  n_kinks   = len(get_kinks())
Per pair also chemsys (alphabetical), n_elements and n_entries (entries of the
closed system, as the data has them).
"""

from __future__ import annotations

import random
import sys
import warnings

from pymatgen.analysis.interface_reactions import GrandPotentialInterfacialReactivity, InterfacialReactivity
from pymatgen.analysis.phase_diagram import GrandPotentialPhaseDiagram, PhaseDiagram
from pymatgen.core import Composition

import _common as C

SEED = 8
N_PAIRS = 120
LARGE_PER_SIZE = 3
N_INERT = 5
MAX_RANDOM_ELEMENTS = 6
TIE = 1e-6
CATHODES = ["LiCoO2", "LiNiO2", "LiMnO2", "LiMn2O4", "LiFePO4", "LiMnPO4", "LiCoPO4", "LiNiPO4", "Li2RuO3",
            "Li2MnO3", "Li2NiMn3O8", "LiVO2", "Li3V2(PO4)3", "LiFeO2", "Li2FeSiO4", "LiCrO2", "LiTiS2", "LiV3O8",
            "LiFeBO3", "Li2FeP2O7"]
SEED_PAIRS = [("Li6PS5Cl", "Li2RuO3"), ("Li3InCl6", "Li2RuO3")]
CONDITIONS = [("closed", None), ("3", 3.0), ("4.5", 4.5)]


class Sampler:
    """The Li compounds of the data and a cached stability check."""

    def __init__(self, ds: C.Dataset):
        self.ds = ds
        lowest: dict[str, int] = {}
        self.elements: dict[str, frozenset] = {}
        for row, formula, target, els in ds.rows:
            if "Li" not in els or len(els) < 2:
                continue
            rf = Composition(formula).reduced_formula
            if rf not in lowest or target < ds.rows[lowest[rf] - 1][2]:  # strict: first of ties stays
                lowest[rf] = row
                self.elements[rf] = els
        self.lowest = lowest
        self.pool = sorted(lowest)  # reduced formulas, a fixed order for the seeded draws
        self._stable: dict[str, bool] = {}
        self._pd: dict[frozenset, PhaseDiagram] = {}
        self.checked = 0

    def own_pd(self, els: frozenset) -> PhaseDiagram:
        if els not in self._pd:
            self._pd[els] = PhaseDiagram(self.ds.entries_in(els))
        return self._pd[els]

    def stable(self, rf: str) -> bool:
        if rf not in self._stable:
            entry = self.ds.entry(self.lowest[rf])
            pd = self.own_pd(self.elements[rf])
            self._stable[rf] = any(s is entry for s in pd.stable_entries)
            self.checked += 1
        return self._stable[rf]


def reduced(formula: str) -> str:
    return Composition(formula).reduced_formula


def li_free(formula: str):
    comp = Composition(formula)
    rest = Composition({el: amt for el, amt in comp.items() if el.symbol != "Li"})
    return rest.reduced_composition


def acceptable(a: str, b: str) -> bool:
    return reduced(a) != reduced(b) and li_free(a) != li_free(b)


def choose_pairs(ds: C.Dataset, rng: random.Random):
    s = Sampler(ds)
    chosen: list[tuple[str, str, str]] = []
    seen: set[tuple[str, str]] = set()

    def take(a, b, group):
        chosen.append((a, b, group))
        seen.add((a, b))

    for a, b in SEED_PAIRS:
        take(a, b, "seed")

    cath_els = {b: frozenset(C.elements_of(b)) for b in CATHODES}

    # large: every (A, B) with a 7-9 element union, shuffled, first stable ones per size
    for size in (7, 8, 9):
        cands = [(a, b) for a in s.pool if len(s.elements[a]) >= 4 for b in CATHODES
                 if len(s.elements[a] | cath_els[b]) == size]
        rng.shuffle(cands)
        n = 0
        for a, b in cands:
            if n == LARGE_PER_SIZE:
                break
            if (a, b) in seen or not acceptable(a, b) or not s.stable(a):
                continue
            take(a, b, "large")
            n += 1

    # inert: Li compounds that share a facet with B in B's own system
    cands = []
    for b in CATHODES:
        pd = s.own_pd(cath_els[b])
        target = Composition(b).reduced_composition
        for facet in pd.facets:
            phases = [pd.qhull_entries[i] for i in facet]
            if not any(p.composition.reduced_composition == target for p in phases):
                continue
            for p in phases:
                rf = p.composition.reduced_formula
                if rf in s.lowest and rf != reduced(b):
                    cands.append((rf, b))
    cands = sorted(set(cands))
    rng.shuffle(cands)
    n = 0
    for a, b in cands:
        if n == N_INERT:
            break
        if (a, b) in seen or not acceptable(a, b) or not s.stable(a):
            continue
        take(a, b, "inert")
        n += 1

    # random
    while len(chosen) < N_PAIRS:
        a = rng.choice(s.pool)
        b = rng.choice(CATHODES)
        if len(s.elements[a] | cath_els[b]) > MAX_RANDOM_ELEMENTS:
            continue
        if (a, b) in seen or not acceptable(a, b) or not s.stable(a):
            continue
        take(a, b, "random")
    print(f"sample: {len(chosen)} pairs; {len(s.pool)} Li compounds, {s.checked} stability checks "
          f"({sum(s._stable.values())} stable)", flush=True)
    return chosen


def mix_products(pd, comp1, comp2, x) -> dict[str, float]:
    return C.decomp_dict(pd.get_decomposition(comp1 * x + comp2 * (1 - x)))


def condition_record(kinks, products_at, x_grand_of=None) -> dict:
    xmin, emin = min(((float(x), float(e)) for _, x, e, _, _ in kinks), key=lambda i: i[1])  # = ia.minimum
    imin = next(i for i, k in enumerate(kinks) if float(k[1]) == xmin and float(k[2]) == emin)
    tied = [float(k[1]) for k in kinks if abs(float(k[2]) - emin) <= TIE]
    rec = {
        "n_kinks": len(kinks),
        "minimum": {
            "x": xmin,
            "energy": emin,
            "unique": len(tied) == 1,
            "products": products_at(xmin),
            "reaction": str(kinks[imin][3]),
        },
        "tied_x": tied,
    }
    if x_grand_of is not None:
        rec["minimum"]["x_grand"] = float(x_grand_of(xmin))
    return rec


def build_pair(ds: C.Dataset, a: str, b: str, group: str) -> dict:
    els = C.elements_of(a, b)
    entries = ds.entries_in(els)
    pd = PhaseDiagram(entries)
    c1, c2 = Composition(a), Composition(b)
    rec = {
        "a": a,
        "b": b,
        "group": group,
        "chemsys": "-".join(sorted(els)),
        "n_elements": len(els),
        "n_entries": len(entries),
        "conditions": {},
    }
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for label, volts in CONDITIONS:
            if volts is None:
                ia = InterfacialReactivity(c1, c2, pd, norm=True, use_hull_energy=True)
                kinks = ia.get_kinks()
                cond = condition_record(kinks, lambda x: mix_products(pd, ia.comp1, ia.comp2, x))
            else:
                gpd = GrandPotentialPhaseDiagram(entries, {C.LI: -volts})
                ia = GrandPotentialInterfacialReactivity(c1, c2, gpd, pd, include_no_mixing_energy=False,
                                                         norm=True, use_hull_energy=True)
                kinks = ia.get_kinks()

                def x_grand(x, ia=ia):
                    return ia._reverse_convert(x, ia.factor1, ia.factor2)

                cond = condition_record(kinks, lambda x: mix_products(gpd, ia.comp1, ia.comp2, x_grand(x)), x_grand)
            rec["conditions"][label] = cond
    line = " ".join(f"{lab}:{c['minimum']['energy']:.4f}{'' if c['minimum']['unique'] else '*'}"
                    for lab, c in rec["conditions"].items())
    print(f"{group:6s} {a} / {b} [{rec['chemsys']}, {len(entries)} entries] {line}", flush=True)
    return rec


def main():
    C.ensure_hash_seed()
    timer = C.Timer()
    csv_path = C.csv_path_from_argv()
    ds = C.Dataset(csv_path)
    rng = random.Random(SEED)
    pairs = [build_pair(ds, a, b, g) for a, b, g in choose_pairs(ds, rng)]
    for g in ("seed", "large", "inert", "random"):
        print(f"{g}: {sum(p['group'] == g for p in pairs)} pairs")
    inert_reacting = [(p["a"], p["b"]) for p in pairs
                      if p["group"] == "inert" and p["conditions"]["closed"]["minimum"]["energy"] < -1e-9]
    if inert_reacting:
        raise RuntimeError(f"inert pairs that react: {inert_reacting}")
    out = {
        "generator": dict(C.generator_info(__file__, csv_path), seed=SEED),
        "notes": [
            "pairs: A = a stable Li compound (reduced formula; Li6PS5Cl of the seed pairs is metastable), "
            "B = a cathode as written; group = seed | large (7-9 element union) | inert (closed: no reaction) "
            "| random (union of at most %d elements)" % MAX_RANDOM_ELEMENTS,
            "conditions: closed = InterfacialReactivity(use_hull_energy=True); '3', '4.5' = Li open at that "
            "voltage, GrandPotentialInterfacialReactivity(include_no_mixing_energy=False) on "
            "GrandPotentialPhaseDiagram(entries, {Li: -V}): the mutual form in both",
            "x = atomic fraction of A among the original (Li-containing) reactants (pymatgen's kink x); energy "
            "eV/atom of mixture (closed) or eV per non-Li atom of mixture (Li open)",
            "minimum = ia.minimum (first kink of lowest energy); unique = no other kink within 1e-6 eV of it; "
            "tied_x = x of all kinks within 1e-6 eV of it",
            "products = decomposition at the minimum, {reduced formula of the full phase: atomic fraction} "
            "(fraction of non-Li atoms when Li is open)",
            "n_entries = entries of the closed chemical system (elements of A and B)",
        ],
        "pairs": pairs,
    }
    C.write_json(out, "screen_reference.json")
    print(f"runtime {timer}")


if __name__ == "__main__":
    sys.exit(main())
