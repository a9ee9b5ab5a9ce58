"""Interface-reaction reference fixture: writes reaction_reference.json next to this script.

Run:  /usr/bin/python3 tests/reference/make_reaction_reference.py [path/to/mp_e_form.csv]
(default CSV: ../../../shared/data/mp_e_form.csv relative to this file;
Debian pymatgen 2022.11.7; runtime about 5-10 s wall, 2 cores, depending on load).

For each reactant pair (c1, c2) in PAIRS, pd = PhaseDiagram(all mp_e_form entries
whose elements are a subset of elements(c1) | elements(c2)) and

    InterfacialReactivity(Composition(c1), Composition(c2), pd, norm=True,
                          use_hull_energy=H)

for H = True ("mutual": reactant energies are the hull energies at their
compositions, dE(0) = dE(1) = 0) and H = False ("total": reactant energies are
the lowest entry of that composition among pd.qhull_entries).  Every kink of
get_kinks() is recorded in pymatgen's order (increasing x, checked) with
    index, x (atomic fraction of c1), energy (eV/atom of mixture),
    reaction (str(Reaction), as pymatgen prints it), energy_kj_per_mol
    (pymatgen's per-mol-of-reaction-formula value), molar_x
    (ia._get_original_composition_ratio(reaction) = c1 coefficient /
    (c1 + c2 coefficients), formula units), mass_x (mass fraction of c1,
    computed here from x, not by pymatgen), products {reduced formula: atomic
    fraction} = pd.get_decomposition(x*c1 + (1-x)*c2 normalised), and
    product_ids {mp_e_form id: atomic fraction}.
Per form also minimum = ia.minimum (x, energy) and e1, e2 (eV/atom) used.
Per pair also the reactants: the lowest entry of each composition, its
e_above_hull, hull energy and decomposition in the pair's hull.
"""

from __future__ import annotations

import sys
import warnings

from pymatgen.analysis.interface_reactions import InterfacialReactivity
from pymatgen.analysis.phase_diagram import PhaseDiagram
from pymatgen.core import Composition

import _common as C

PAIRS = [
    ("Li6PS5Cl", "Li2RuO3"),
    ("Li3InCl6", "Li2RuO3"),
    ("Li3PS4", "Li2RuO3"),
    ("Li6PS5Cl", "LiCoO2"),
    ("Li3PS4", "LiCoO2"),
    ("Li3InCl6", "LiCoO2"),
    ("LiCl", "RuO2"),
    ("Li2S", "In2O3"),
    ("Li7La3Zr2O12", "LiCoO2"),
    ("Li3PO4", "Li2RuO3"),
    ("Li10GeP2S12", "LiCoO2"),
    ("Li6PS5Cl", "Li3InCl6"),
]


def reactant_info(pd: PhaseDiagram, entries: list, formula: str) -> dict:
    comp = Composition(formula)
    same = [e for e in entries if e.composition.reduced_composition == comp.reduced_composition]
    if not same:
        raise RuntimeError(f"no entry for {formula}")
    low = min(same, key=lambda e: e.energy_per_atom)
    return {
        "formula": formula,
        "reduced_formula": comp.reduced_formula,
        "n_polymorphs": len(same),
        "lowest_entry_id": C.entry_id(low),
        "lowest_e_form": low.energy_per_atom,
        "e_above_hull": float(pd.get_e_above_hull(low)),
        "hull_energy": float(pd.get_hull_energy_per_atom(comp)),
        "decomposition": C.decomp_dict(pd.get_decomposition(comp)),
    }


def mass_fraction(x: float, c1: Composition, c2: Composition) -> float:
    m1 = c1.weight / c1.num_atoms  # mass per atom
    m2 = c2.weight / c2.num_atoms
    return float(x * m1 / (x * m1 + (1 - x) * m2))


def kinks_of(ia: InterfacialReactivity, pd: PhaseDiagram) -> list[dict]:
    out = []
    for index, x, energy, rxn, kjmol in ia.get_kinks():
        x = float(x)
        mix = ia.comp1 * x + ia.comp2 * (1 - x)
        decomp = pd.get_decomposition(mix)
        out.append({
            "index": int(index),
            "x": x,
            "energy": float(energy),
            "reaction": str(rxn),
            "energy_kj_per_mol": float(kjmol),
            "molar_x": float(ia._get_original_composition_ratio(rxn)),
            "mass_x": mass_fraction(x, ia.c1_original, ia.c2_original),
            "products": C.decomp_dict(decomp),
            "product_ids": C.decomp_ids(decomp),
        })
    return out


def order_of(xs: list[float]) -> str:
    if all(b > a for a, b in zip(xs, xs[1:])):
        return "increasing"
    if all(b < a for a, b in zip(xs, xs[1:])):
        return "decreasing"
    if all(b >= a for a, b in zip(xs, xs[1:])):
        return "non-decreasing (duplicate x)"
    return "unordered"


def build_pair(ds: C.Dataset, f1: str, f2: str) -> dict:
    els = C.elements_of(f1, f2)
    pd, entries = ds.phase_diagram(els)
    c1, c2 = Composition(f1), Composition(f2)
    rec = {
        "c1": f1,
        "c2": f2,
        "chemsys": "-".join(el.symbol for el in pd.elements),
        "n_entries": len(entries),
        "reactants": [reactant_info(pd, entries, f1), reactant_info(pd, entries, f2)],
        "forms": {},
    }
    for form, use_hull in (("mutual", True), ("total", False)):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            ia = InterfacialReactivity(c1, c2, pd, norm=True, use_hull_energy=use_hull)
            kinks = kinks_of(ia, pd)
            xmin, emin = ia.minimum
        xs = [k["x"] for k in kinks]
        imin = min(range(len(kinks)), key=lambda i: kinks[i]["energy"])
        rec["forms"][form] = {
            "use_hull_energy": use_hull,
            "e1": float(ia.e1),
            "e2": float(ia.e2),
            "kink_order": order_of(xs),
            "n_kinks": len(kinks),
            "minimum": {"x": float(xmin), "energy": float(emin), "kink_index": kinks[imin]["index"],
                        "reaction": kinks[imin]["reaction"], "products": kinks[imin]["products"]},
            "kinks": kinks,
        }
        print(f"{f1}/{f2} {form}: {len(kinks)} kinks ({order_of(xs)}), "
              f"min {emin:.6f} at x={xmin:.6f} {kinks[imin]['products']}")
    return rec


def main():
    C.ensure_hash_seed()
    timer = C.Timer()
    csv_path = C.csv_path_from_argv()
    ds = C.Dataset(csv_path)
    pairs = []
    for f1, f2 in PAIRS:
        try:
            pairs.append(build_pair(ds, f1, f2))
        except RuntimeError as exc:  # a reactant missing from the data
            print(f"skipping {f1}/{f2}: {exc}")
    out = {
        "generator": C.generator_info(__file__, csv_path),
        "notes": [
            "x = atomic fraction of c1 in x*c1 + (1-x)*c2 (both normalised to one atom); "
            "energies in eV/atom of mixture",
            "kinks are listed exactly as pymatgen's get_kinks() returns them: index 1..n, "
            "increasing x from 0 (pure c2) to 1 (pure c1)",
            "mutual: use_hull_energy=True, e1/e2 = hull energies per atom; total: use_hull_energy=False, "
            "e1/e2 = lowest entry energy per atom of that composition among pd.qhull_entries "
            "(entries with e_form > 0 are not qhull entries; pymatgen falls back to the hull energy if none)",
            "molar_x = pymatgen _get_original_composition_ratio(reaction): c1 coefficient / (c1 + c2 "
            "coefficients) in the balanced reaction, in formula units of the formulas given as c1, c2",
            "mass_x is derived here: x*m1/(x*m1 + (1-x)*m2), m = mass per atom",
            "products = pd.get_decomposition of the mixture at x: {reduced formula: atomic fraction}; "
            "reaction strings use pymatgen's 4-significant-digit formatting and reduced formulas",
            "minimum = ia.minimum (first kink with the lowest energy)",
        ],
        "pairs": pairs,
    }
    C.write_json(out, "reaction_reference.json")
    print(f"runtime {timer}")


if __name__ == "__main__":
    sys.exit(main())
