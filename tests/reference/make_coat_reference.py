"""Coating candidates between an electrolyte and a cathode: writes coat_reference.json next to this script.

Run:  /usr/bin/python3 tests/reference/make_coat_reference.py [path/to/mp_e_form.csv]
(default CSV: ../../../shared/data/mp_e_form.csv relative to this file; Debian pymatgen
2022.11.7; the script re-executes itself with PYTHONHASHSEED=0; the voltage grids run in
worker processes, at most two (COAT_REFERENCE_JOBS=1 for one); about 6 min of CPU, 8-9 min wall
on 2 busy cores; the output is the same byte for byte from run to run.)

Entries: see _common.py.  For each candidate coating C in CANDIDATES, against the
electrolyte Li6PS5Cl and the cathode states Li2RuO3 and LiRuO3 (delithiated) (PARTNERS):

a) own: pd = PhaseDiagram(entries of elements(C)); the lowest entry of C's reduced
   formula (smallest energy per atom, the first in data order on a tie), its id,
   e_form and pd.get_e_above_hull(lowest); li_fraction = Composition(C).get_atomic_fraction(Li).

b) window: pymatgen's get_element_profile(Li, C) in PhaseDiagram(entries of elements(C) | {Li}),
   recorded and turned into a window exactly as make_grand_reference.py's element_profile
   does (the onsets around the step that exchanges no Li, |evolution| < 1e-8; a point window
   where no step has zero evolution).

c) closed: for each partner P, pd = PhaseDiagram(entries of elements(C) | elements(P)),
   InterfacialReactivity(Composition(C), Composition(P), pd, norm=True, use_hull_energy=True)
   (the mutual form). The coating is c1 (A), so x is the atomic fraction of the COATING in
   x*C + (1-x)*P (each normalised to one atom). Every kink's (x, energy), and the minimum
   (ia.minimum: the first kink of lowest energy) in full as make_reaction_reference.py
   records kinks: x, energy (eV/atom), reaction, molar_x, mass_x, products {reduced
   formula: atomic fraction} from pd.get_decomposition. x_unique: no other kink at another
   x lies within 1e-6 eV/atom of the minimum (false for pairs that do not react, whose
   minimum is 0 at both ends up to rounding).

d) range (candidates in RANGE_CANDIDATES only): Li open over RANGE = 2.0-4.5 V on the grid
   V_j = (200 + j)/100, j = 0..250 (0.01 V). At each V, entries = all entries of
   elements(C) | elements(P) | {Li}, grand_pd = GrandPotentialPhaseDiagram(entries, {Li: -V})
   (built once per chemical system and V: Li2RuO3 and LiRuO3 share it), pd = PhaseDiagram(entries),
   GrandPotentialInterfacialReactivity(Composition(C), Composition(P), grand_pd, pd,
   include_no_mixing_energy=False, norm=True, use_hull_energy=True): the mutual form, energy
   per non-Li atom of the mixture, x the atomic fraction of the coating among the original
   (Li-containing) reactants. Recorded: the minimum over x at every grid V (energies, in grid
   order), and the grid minimum (lowest over the grid; the lowest V on a tie) with its V and
   its kink in full as make_grand_reference.py's grand_kinks records it (products {reduced
   formula of the full phase: fraction of non-Li atoms}).
"""

from __future__ import annotations

import hashlib
import multiprocessing as mp
import os
import sys
import warnings

from pymatgen.analysis.interface_reactions import GrandPotentialInterfacialReactivity, InterfacialReactivity
from pymatgen.analysis.phase_diagram import GrandPotentialPhaseDiagram
from pymatgen.core import Composition

import _common as C
import make_grand_reference as G
import make_reaction_reference as R

ELECTROLYTE = "Li6PS5Cl"
CATHODES = ["Li2RuO3", "LiRuO3"]
PARTNERS = [ELECTROLYTE] + CATHODES
# The coatings of the literature (Xiao et al. 2019 and the ones it compares), then others
# chosen to vary: binary salts, oxyanion salts, halides, nitrides, metastable compounds
# (Li3OCl, Li7La3Zr2O12, Li2Ti3O7, LiLaO2, Li3ScF6), and ones that react strongly (Li2O2,
# LiNO3, LiBH4, Li3PS4).
LITERATURE = ["Li3PO4", "LiNbO3", "LiTaO3", "Li2ZrO3", "Li2SiO3", "Li4Ti5O12", "LiPO3", "LiH2PO4",
              "LiTi2(PO4)3", "Li3BO3", "LiAlO2"]
OTHERS = ["Li2O", "LiF", "LiCl", "LiI", "Li2SO4", "LiBO2", "Li4SiO4", "Li3N", "Li2CO3", "Li3AlF6", "LiAlCl4",
          "Li4P2O7", "LiZr2(PO4)3", "Li3OCl", "Li7La3Zr2O12", "Li2Ti3O7", "LiLaO2", "Li3ScF6", "Li2O2", "LiNO3",
          "LiBH4", "Li3PS4"]
CANDIDATES = LITERATURE + OTHERS
RANGE_CANDIDATES = LITERATURE + ["LiF", "Li3OCl", "Li3N", "Li2O2"]
RANGE = (2.0, 4.5)
GRID = [(200 + j) / 100 for j in range(251)]
TIE = 1e-6

_STATE: dict = {}  # set in the parent before the pool forks


def sha256(path: str) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def x_unique(kinks: list[tuple[float, float]], x: float, energy: float) -> bool:
    return all(abs(kx - x) <= TIE for kx, ke in kinks if ke <= energy + TIE)


def own(ds: C.Dataset, formula: str) -> dict:
    comp = Composition(formula)
    pd, entries = ds.phase_diagram(C.elements_of(formula))
    same = [e for e in entries if e.composition.reduced_composition == comp.reduced_composition]
    if not same:
        raise RuntimeError(f"no entry for {formula}")
    low = min(same, key=lambda e: e.energy_per_atom)
    return {"chemsys": "-".join(el.symbol for el in pd.elements), "n_entries": len(entries),
            "n_polymorphs": len(same), "lowest_entry_id": C.entry_id(low), "lowest_e_form": low.energy_per_atom,
            "e_above_hull": float(pd.get_e_above_hull(low))}


def closed(ds: C.Dataset, coating: str, partner: str) -> dict:
    pd, entries = ds.phase_diagram(C.elements_of(coating, partner))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ia = InterfacialReactivity(Composition(coating), Composition(partner), pd, norm=True, use_hull_energy=True)
        kinks = R.kinks_of(ia, pd)
    imin = min(range(len(kinks)), key=lambda i: kinks[i]["energy"])  # ia.minimum's rule: the first lowest
    m = kinks[imin]
    xe = [[k["x"], k["energy"]] for k in kinks]
    return {"chemsys": "-".join(el.symbol for el in pd.elements), "n_entries": len(entries),
            "e1": float(ia.e1), "e2": float(ia.e2), "n_kinks": len(kinks), "kinks": xe,
            "minimum": {**{k: m[k] for k in ("index", "x", "energy", "reaction", "molar_x", "mass_x", "products")},
                        "x_unique": x_unique([tuple(k) for k in xe], m["x"], m["energy"])}}


def grand_system(task: tuple[str, tuple[str, ...]]):
    """Worker: the grid for one coating against the partners that share one chemical system."""
    coating, partners = task
    els = C.elements_of(coating, *partners) | {"Li"}
    pd, entries = _STATE["ds"].phase_diagram(els)
    rows = {p: [] for p in partners}
    best: dict = {p: None for p in partners}
    for v in GRID:
        gpd = GrandPotentialPhaseDiagram(entries, {C.LI: -v})
        for p in partners:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                ia = GrandPotentialInterfacialReactivity(Composition(coating), Composition(p), gpd, pd,
                                                         include_no_mixing_energy=False, norm=True,
                                                         use_hull_energy=True)
                kinks = ia.get_kinks()
            x, e = min(((float(k[1]), float(k[2])) for k in kinks), key=lambda t: t[1])
            rows[p].append(e)
            if best[p] is None or e < best[p][1]:
                best[p] = (v, e)
    out = {}
    for p in partners:
        v, e = best[p]
        gpd = GrandPotentialPhaseDiagram(entries, {C.LI: -v})
        ia = G.grand_ia(Composition(coating), Composition(p), gpd, pd, "mutual")
        kinks = G.grand_kinks(ia, gpd)
        imin = min(range(len(kinks)), key=lambda i: kinks[i]["energy"])
        k = kinks[imin]
        if abs(k["energy"] - e) > 1e-12:
            raise RuntimeError(f"{coating}/{p} at {v} V: minimum {k['energy']} != {e}")
        xe = [(q["x"], q["energy"]) for q in kinks]
        out[p] = {"chemsys": "-".join(sorted(els)), "n_entries": len(entries),
                  "grid_minimum": {"V": v, **k, "x_unique": x_unique(xe, k["x"], k["energy"])},
                  "minimum_at_grid": rows[p]}
    return coating, out


def main():
    C.ensure_hash_seed()
    timer = C.Timer()
    csv_path = C.csv_path_from_argv()
    ds = C.Dataset(csv_path)
    _STATE["ds"] = ds
    candidates = []
    for c in CANDIDATES:
        comp = Composition(c)
        rec = {"formula": c, "reduced_formula": comp.reduced_formula,
               "li_fraction": float(comp.get_atomic_fraction("Li")), **own(ds, c),
               "window": G.element_profile(ds, c), "closed": {p: closed(ds, c, p) for p in PARTNERS}}
        mins = ", ".join(f"{p} {rec['closed'][p]['minimum']['energy']:.4f}" for p in PARTNERS)
        w = rec["window"]["window"]
        print(f"{c}: e_above_hull {rec['e_above_hull']:.4f}, window {w['reduction_onset']:.3f}-"
              f"{w['oxidation_onset'] if w['oxidation_onset'] is None else round(w['oxidation_onset'], 3)}, "
              f"closed {mins} ({timer})", flush=True)
        candidates.append(rec)

    # the grid: one task per coating and chemical system (the cathode states share theirs)
    tasks = []
    for c in RANGE_CANDIDATES:
        by_system: dict = {}
        for p in PARTNERS:
            by_system.setdefault(frozenset(C.elements_of(c, p) | {"Li"}), []).append(p)
        tasks += [(c, tuple(ps)) for ps in by_system.values()]
    jobs = 1 if os.environ.get("COAT_REFERENCE_JOBS") == "1" else max(1, min(os.cpu_count() or 1, 2))
    ranges: dict = {c: {} for c in RANGE_CANDIDATES}
    with mp.get_context("fork").Pool(jobs) as pool:
        for n, (c, out) in enumerate(pool.imap_unordered(grand_system, tasks), 1):
            ranges[c].update(out)
            lows = ", ".join(f"{p} {r['grid_minimum']['energy']:.4f} at {r['grid_minimum']['V']} V"
                             for p, r in out.items())
            print(f"range {n}/{len(tasks)} {c}: {lows} ({timer})", flush=True)
    for rec in candidates:
        if rec["formula"] in ranges:
            rec["range"] = {p: ranges[rec["formula"]][p] for p in PARTNERS}

    gen = C.generator_info(__file__, csv_path)
    gen["command"] = "/usr/bin/python3 tests/reference/make_coat_reference.py" + (
        f" {sys.argv[1]}" if len(sys.argv) > 1 else "")
    gen["csv_sha256"] = sha256(csv_path)
    out = {
        "generator": gen,
        "electrolyte": ELECTROLYTE,
        "cathodes": CATHODES,
        "range": {"from": RANGE[0], "to": RANGE[1], "step": 0.01, "grid": GRID},
        "notes": [
            "x = atomic fraction of the COATING (reactant A, pymatgen's c1) in the mixture with the partner "
            "(electrolyte or cathode state, B, c2); with Li open, among the original (Li-containing) reactants",
            "e_above_hull: of the lowest entry of the coating's reduced formula, in the phase diagram of its own "
            "elements (eV/atom); li_fraction: Li atoms per atom of the formula",
            "window: make_grand_reference.py's element_profile (steps of get_element_profile(Li, C) and the "
            "window around the step with |evolution| < 1e-8; null oxidation_onset: no upper limit)",
            "closed: InterfacialReactivity(C, P, pd, norm=True, use_hull_energy=True) (mutual form), eV/atom "
            "of the mixture; kinks = [x, energy] of every get_kinks() kink; minimum = the first kink of lowest "
            "energy (ia.minimum), products = pd.get_decomposition there {reduced formula: atomic fraction}; "
            "x_unique false: another kink within 1e-6 eV/atom of the minimum lies at another x",
            "range: Li open, mu_Li = -V eV, V on range.grid (2.00..4.50 V, step 0.01); "
            "GrandPotentialInterfacialReactivity(C, P, GrandPotentialPhaseDiagram(entries, {Li: -V}), "
            "PhaseDiagram(entries), include_no_mixing_energy=False, norm=True, use_hull_energy=True) (mutual "
            "form), eV per non-Li atom of the mixture; minimum_at_grid[j] = its lowest kink energy at grid[j]; "
            "grid_minimum = the lowest of those (lowest V on a tie) with its kink in full (products: {reduced "
            "formula of the full phase: fraction of non-Li atoms}); the exact minimum over the range can only "
            "be lower, between grid points",
        ],
        "candidates": candidates,
    }
    C.write_json(out, "coat_reference.json")
    print(f"runtime {timer}")


if __name__ == "__main__":
    sys.exit(main())
