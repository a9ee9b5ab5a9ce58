"""Several open elements at once: writes multi_open_reference.json next to this script.

Run:  /usr/bin/python3 tests/reference/make_multi_open_reference.py [path/to/mp_e_form.csv]
(Debian pymatgen 2022.11.7; a few seconds.)

GrandPotentialInterfacialReactivity with Li and O both open, for the seed pairs
at a few (mu_Li, mu_O), in the mutual form (include_no_mixing_energy=False) and
the total form from the reactants' own entries (True, use_hull_energy=False).
Kinks are recorded as in grand_reference.json (see make_grand_reference.py):
x is the atomic fraction of c1 among all atoms of the reactants, energies are
per atom of the non-open elements, products are {reduced formula: fraction}.
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import _common as C  # noqa: E402
import make_grand_reference as G  # noqa: E402

from pymatgen.analysis.phase_diagram import GrandPotentialPhaseDiagram  # noqa: E402
from pymatgen.core import Composition, Element  # noqa: E402

PAIRS = [("Li6PS5Cl", "Li2RuO3"), ("Li3InCl6", "Li2RuO3")]
CHEMPOTS = [{"Li": -3.0, "O": -3.0}, {"Li": -4.0, "O": -2.5}, {"Li": -1.0, "O": -4.0}, {"Li": -3.0, "O": -1.0}]


def main() -> None:
    C.ensure_hash_seed()
    ds = C.Dataset(C.csv_path_from_argv())
    cases = []
    for f1, f2 in PAIRS:
        elements = C.elements_of(f1, f2) | {"Li", "O"}
        pd, entries = G.closed_pd(ds, elements)
        for mu in CHEMPOTS:
            gpd = GrandPotentialPhaseDiagram(entries, {Element(k): v for k, v in mu.items()})
            forms = {}
            for form in ["mutual", "total_entry"]:
                ia = G.grand_ia(Composition(f1), Composition(f2), gpd, pd, form)
                kinks = G.grand_kinks(ia, gpd)
                forms[form] = {"e1": float(ia.e1), "e2": float(ia.e2), "kinks": kinks,
                               "minimum": min(({"x": k["x"], "energy": k["energy"]} for k in kinks),
                                              key=lambda k: k["energy"])}
            cases.append({"c1": f1, "c2": f2, "mu": mu, "n_entries": len(entries), "forms": forms})
    out = {"generator": {"script": "make_multi_open_reference.py", "entry_convention": "see _common.py"},
           "notes": ["mu: open element -> chemical potential (eV, relative to the element's reference)",
                     "kinks as in grand_reference.json; minimum = first kink of lowest energy"],
           "cases": cases}
    print(C.write_json(out, "multi_open_reference.json"))


if __name__ == "__main__":
    main()
