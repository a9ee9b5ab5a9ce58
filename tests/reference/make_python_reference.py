"""pymatgen-entries reference fixture for the Python module: writes
python_reference.json next to this script.

Run:  /usr/bin/python3 tests/reference/make_python_reference.py [path/to/entries.json]
(default: ../../../shared/data/samples/li-in-cl-ru-o.pymatgen-entries.json
relative to this file; Debian pymatgen 2022.11.7; a few seconds).

The entries are the sample's ComputedEntry dicts, read with
ComputedEntry.from_dict: total energies (energy + correction, eV per formula),
not formation energies. tests/python/test_pymatgen_entries.py gives the same
entries to interphase.Dataset.from_pymatgen and compares its numbers with these.

For each pair (c1, c2) in PAIRS, with pd = PhaseDiagram(all entries):

    InterfacialReactivity(Composition(c1), Composition(c2), pd, norm=True,
                          use_hull_energy=H)

for H = True ("mutual") and H = False ("total"); and at 3 V vs Li/Li+
("mutual_3V"), with gpd = GrandPotentialPhaseDiagram(entries,
{Li: mu_Li(metal) - 3}) (mu relative to the lowest pure-Li entry, as the
module's open={"Li": -3.0}):

    GrandPotentialInterfacialReactivity(Composition(c1), Composition(c2), gpd, pd,
        include_no_mixing_energy=False, norm=True, use_hull_energy=True)

Every kink of get_kinks() in pymatgen's order (increasing x, checked): x (atomic
fraction of c1, open Li included), energy (eV per atom of mixture, per non-Li
atom at 3 V), reaction (str(Reaction)), and for the closed forms the products
{reduced formula: atomic fraction} = pd.get_decomposition of the mixture.
Also, per pair, ia.minimum, and for every entry of the sample its
e_above_hull (pd.get_e_above_hull) by entry_id, and the hull energy and
decomposition of a few compositions (pd.get_hull_energy_per_atom relative to
the elemental references, i.e. as a formation energy per atom).
"""

from __future__ import annotations

import json
import os
import sys
import warnings

from pymatgen.analysis.interface_reactions import GrandPotentialInterfacialReactivity, InterfacialReactivity
from pymatgen.analysis.phase_diagram import GrandPotentialPhaseDiagram, PhaseDiagram
from pymatgen.core import Composition, Element
from pymatgen.entries.computed_entries import ComputedEntry

import _common as C

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_SAMPLE = os.path.normpath(os.path.join(HERE, "..", "..", "..", "shared", "data", "samples",
                                               "li-in-cl-ru-o.pymatgen-entries.json"))

PAIRS = [
    ("Li3InCl6", "Li2RuO3"),
    ("LiCl", "RuO2"),
    ("Li3InCl6", "Li3RuO4"),
]
COMPOSITIONS = ["Li3InCl6", "Li2RuO3", "LiInO2", "InClO", "Li2In2Ru2O7"]
VOLTAGE = 3.0


def decomposition(pd: PhaseDiagram, comp: Composition) -> dict:
    parts = pd.get_decomposition(comp)
    return {e.composition.reduced_formula: float(f)
            for e, f in sorted(parts.items(), key=lambda p: -p[1])}


def kinks(ia, pd: PhaseDiagram | None) -> list[dict]:
    out = []
    for _index, x, energy, rxn, _kjmol in ia.get_kinks():
        k = {"x": float(x), "energy": float(energy), "reaction": str(rxn)}
        if pd is not None:
            k["products"] = decomposition(pd, ia.comp1 * float(x) + ia.comp2 * (1 - float(x)))
        out.append(k)
    xs = [k["x"] for k in out]
    if not all(b > a for a, b in zip(xs, xs[1:])):
        raise RuntimeError("pymatgen's kinks are not in increasing x")
    return out


def main() -> None:
    C.ensure_hash_seed()
    sample = sys.argv[1] if len(sys.argv) > 1 else DEFAULT_SAMPLE
    with open(sample, encoding="utf-8") as f:
        entries = [ComputedEntry.from_dict(d) for d in json.load(f)]
    pd = PhaseDiagram(entries)
    li = Element("Li")
    mu_li = pd.el_refs[li].energy_per_atom - VOLTAGE
    gpd = GrandPotentialPhaseDiagram(entries, {li: mu_li})
    refs = {el.symbol: pd.el_refs[el].energy_per_atom for el in pd.elements}

    pairs = []
    for c1, c2 in PAIRS:
        rec = {"c1": c1, "c2": c2, "forms": {}}
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            for form, use_hull in (("mutual", True), ("total", False)):
                ia = InterfacialReactivity(Composition(c1), Composition(c2), pd, norm=True, use_hull_energy=use_hull)
                rec["forms"][form] = {"kinks": kinks(ia, pd),
                                      "minimum": {"x": float(ia.minimum[0]), "energy": float(ia.minimum[1])}}
            ia = GrandPotentialInterfacialReactivity(Composition(c1), Composition(c2), gpd, pd,
                                                     include_no_mixing_energy=False, norm=True, use_hull_energy=True)
            rec["forms"]["mutual_3V"] = {"kinks": kinks(ia, None),
                                         "minimum": {"x": float(ia.minimum[0]), "energy": float(ia.minimum[1])}}
        pairs.append(rec)

    def formation_hull(formula: str) -> float:
        comp = Composition(formula)
        frac = comp.fractional_composition
        return float(pd.get_hull_energy_per_atom(comp) - sum(frac[el] * refs[el.symbol] for el in comp.elements))

    out = {
        "sample": os.path.basename(sample),
        "pymatgen": "2022.11.7 (Debian)",
        "n_entries": len(entries),
        "voltage": VOLTAGE,
        "pairs": pairs,
        "e_above_hull": {e.entry_id: float(pd.get_e_above_hull(e)) for e in entries},
        "compositions": {f: {"hull_energy": formation_hull(f), "decomposition": decomposition(pd, Composition(f))}
                         for f in COMPOSITIONS},
    }
    path = os.path.join(HERE, "python_reference.json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump(out, f, indent=1)
        f.write("\n")
    print(f"wrote {path}: {len(pairs)} pairs, {len(entries)} entries")


if __name__ == "__main__":
    main()
