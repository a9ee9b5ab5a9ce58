"""Reaction energy per mole of reaction formula: writes kj_reference.json next to this script.

Run:  /usr/bin/python3 tests/reference/make_kj_reference.py [path/to/mp_e_form.csv]
(default CSV: ../../../shared/data/mp_e_form.csv relative to this file;
Debian pymatgen 2022.11.7; a few seconds.)

Entries: see _common.py.  For the seed pairs (Li6PS5Cl/Li2RuO3, Li3InCl6/Li2RuO3)
every kink of get_kinks() with its 5th element, energy_per_rxn_formula (kJ/mol):

    closed: pd = PhaseDiagram(entries of elements(c1) | elements(c2)),
            InterfacialReactivity(c1, c2, pd, norm=True, use_hull_energy=H),
            forms mutual (H=True) and total (H=False);
    Li open at 3 V: grand_pd = GrandPotentialPhaseDiagram(entries of
            elements(c1) | elements(c2) | {Li}, {Li: -3.0}),
            GrandPotentialInterfacialReactivity(c1, c2, grand_pd, pd,
            include_no_mixing_energy=B, norm=True, use_hull_energy=H), forms
            mutual (B=False, H=True), total_entry (True, False), total_hull (True, True).

pymatgen's definition (interface_reactions.py, get_kinks):
    energy_kj_mol = energy * ia._get_elmt_amt_in_rxn(rxn) / n_atoms * EV_TO_KJ_PER_MOL
with n_atoms = x*comp1.num_atoms + (1-x)*comp2.num_atoms = 1 (norm=True: comp1,
comp2 are fractional, the open elements removed first in the grand case),
_get_elmt_amt_in_rxn = atoms of pd.elements (the non-open elements) on one side
of the reaction, which is normalised to molar_x c1 + (1 - molar_x) c2 (formulas
as given), and EV_TO_KJ_PER_MOL = 96.4853.  Each kink also records
reaction_atoms = that atom count, as pymatgen computes it.
"""

from __future__ import annotations

import sys
import warnings

from pymatgen.analysis.interface_reactions import GrandPotentialInterfacialReactivity, InterfacialReactivity
from pymatgen.analysis.phase_diagram import GrandPotentialPhaseDiagram, PhaseDiagram
from pymatgen.core import Composition

import _common as C

PAIRS = [("Li6PS5Cl", "Li2RuO3"), ("Li3InCl6", "Li2RuO3")]
VOLTAGE = 3.0
CLOSED_FORMS = {"mutual": True, "total": False}  # name: use_hull_energy
OPEN_FORMS = {  # name: (include_no_mixing_energy, use_hull_energy)
    "mutual": (False, True),
    "total_entry": (True, False),
    "total_hull": (True, True),
}


def kinks_of(ia) -> list[dict]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        kinks = ia.get_kinks()
    out = []
    for index, x, energy, rxn, kjmol in kinks:
        out.append({
            "index": int(index),
            "x": float(x),
            "energy": float(energy),
            "energy_kj_mol": float(kjmol),
            "reaction_atoms": float(ia._get_elmt_amt_in_rxn(rxn)),
            "molar_x": float(ia._get_original_composition_ratio(rxn)),
            "reaction": str(rxn),
        })
    xs = [k["x"] for k in out]
    if xs != sorted(xs):
        raise RuntimeError("kinks not in increasing x")
    return out


def build_pair(ds: C.Dataset, f1: str, f2: str) -> dict:
    c1, c2 = Composition(f1), Composition(f2)
    pd, entries = ds.phase_diagram(C.elements_of(f1, f2))
    rec = {"c1": f1, "c2": f2, "closed": {"chemsys": "-".join(el.symbol for el in pd.elements),
                                          "n_entries": len(entries), "forms": {}}}
    for form, use_hull in CLOSED_FORMS.items():
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            ia = InterfacialReactivity(c1, c2, pd, norm=True, use_hull_energy=use_hull)
        rec["closed"]["forms"][form] = {"use_hull_energy": use_hull, "kinks": kinks_of(ia)}
        print(f"{f1}/{f2} closed {form}: {len(rec['closed']['forms'][form]['kinks'])} kinks")
    pd, entries = ds.phase_diagram(C.elements_of(f1, f2) | {"Li"})
    gpd = GrandPotentialPhaseDiagram(entries, {C.LI: -VOLTAGE})
    rec["open"] = {"V": VOLTAGE, "mu": {"Li": -VOLTAGE}, "n_entries": len(entries), "forms": {}}
    for form, (inc, use_hull) in OPEN_FORMS.items():
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            ia = GrandPotentialInterfacialReactivity(c1, c2, gpd, pd, include_no_mixing_energy=inc, norm=True,
                                                     use_hull_energy=use_hull)
        rec["open"]["forms"][form] = {"include_no_mixing_energy": inc, "use_hull_energy": use_hull,
                                      "kinks": kinks_of(ia)}
        print(f"{f1}/{f2} Li open at {VOLTAGE} V {form}: {len(rec['open']['forms'][form]['kinks'])} kinks")
    return rec


def main():
    C.ensure_hash_seed()
    timer = C.Timer()
    csv_path = C.csv_path_from_argv()
    ds = C.Dataset(csv_path)
    out = {
        "generator": C.generator_info(__file__, csv_path),
        "ev_to_kj_per_mol": InterfacialReactivity.EV_TO_KJ_PER_MOL,
        "notes": [
            "energy_kj_mol = the 5th element of get_kinks() (energy_per_rxn_formula): energy * reaction_atoms "
            "* ev_to_kj_per_mol, kJ per mole of the reaction as normalised, molar_x c1 + (1 - molar_x) c2 (+ open "
            "elements) -> products",
            "reaction_atoms = ia._get_elmt_amt_in_rxn(reaction): atoms of the phase diagram's elements on one "
            "side of the reaction (with Li open: the non-Li atoms, as the energy is per non-Li atom)",
            "x = atomic fraction of c1 among all atoms of the reactants (Li included); energy in eV per atom "
            "of the mixture (per non-Li atom with Li open); kinks in pymatgen's order (increasing x)",
            "molar_x = ia._get_original_composition_ratio(reaction): c1 coefficient / (c1 + c2 coefficients)",
            "open: mu_Li = -V eV (Li metal's formation energy is 0); forms as in grand_reference.json",
        ],
        "pairs": [build_pair(ds, f1, f2) for f1, f2 in PAIRS],
    }
    C.write_json(out, "kj_reference.json")
    print(f"runtime {timer}")


if __name__ == "__main__":
    sys.exit(main())
