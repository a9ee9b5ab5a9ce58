"""Open-lithium (x, V) product map fixture: writes grand_map_reference.json next to this script.

Run:  /usr/bin/python3 tests/reference/make_grand_map_reference.py [path/to/mp_e_form.csv]
(default CSV: ../../../shared/data/mp_e_form.csv relative to this file; Debian pymatgen
2022.11.7; the script re-executes itself with PYTHONHASHSEED=0 and spreads the voltages
over all cores with multiprocessing; about 5.5-7 min wall on 2 cores, ~0.3-0.4 ms per sample.)

What it samples, for each pair (c1, c2) in PAIRS, open element Li:
  entries   = all CSV entries whose elements are a subset of elements(c1) | elements(c2) | {Li}
              (entry convention: see _common.py)
  V         = j/100, j = 0..500 (volts vs Li/Li+), mu_Li = -V (Li metal's formation energy is 0)
  grand_pd  = GrandPotentialPhaseDiagram(entries, {Element("Li"): -V})
  x         = i/1000, i = 0..1000: atomic fraction of c1 among the ORIGINAL (Li-containing)
              reactants, the x that GrandPotentialInterfacialReactivity reports for its kinks.
  comp'     = the reactant without Li, normalised to one atom (ia.comp1 / ia.comp2)
  f         = non-Li atoms per atom of the reactant (ia.factor1 / ia.factor2)
  x_g       = x*f1 / ((1-x)*f2 + x*f1)   (InterfacialReactivity._reverse_convert), the position on
              the Li-free projected line; pymatgen converts back with x = x_g*f2/((1-x_g)*f1 + x_g*f2)
  mixture   = comp1' * x_g + comp2' * (1 - x_g)   (pymatgen Composition arithmetic)
  products  = sorted reduced formulas of the full (Li-containing) original entries of
              grand_pd.get_decomposition(mixture) (pymatgen keeps amounts > 1e-8)

Every one of the 2 x 501 x 1001 samples is a plain grand_pd.get_decomposition call (no
re-implementation of pymatgen's facet search; ~0.25 ms per call on these small systems).

Per pair the output holds
  product_sets : distinct product sets (each a sorted list of reduced formulas), numbered in
                 order of first appearance scanning V upwards, then x upwards
  rows         : one per V: runs = [[i_start, i_end, set_index], ...], maximal runs of
                 consecutive x indices (inclusive bounds) with the same product set
  energies     : one per V: the mutual reaction energy (include_no_mixing_energy=False form) at
                 x = 0, 0.25, 0.5, 0.75, 1:
                 E = grand_pd.get_hull_energy_per_atom(mixture) - x_g*e1 - (1-x_g)*e2,
                 e1, e2 = grand_pd.get_hull_energy_per_atom(comp1'), (comp2'); eV per non-Li atom
Spot check (printed and stored under generator.checks): at V = 3.00 every interior kink of
GrandPotentialInterfacialReactivity(c1, c2, grand_pd, PhaseDiagram(entries),
include_no_mixing_energy=False) must lie (within 0.001 in x) at a place where the runs change,
and every run change within 0.001 of a kink (end points x = 0, 1 included: the reactants' own
decompositions form one-sample runs there).  The script exits non-zero if the check fails.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import sys
import warnings

from pymatgen.analysis.interface_reactions import GrandPotentialInterfacialReactivity
from pymatgen.analysis.phase_diagram import GrandPotentialPhaseDiagram, PhaseDiagram
from pymatgen.core import Composition, Element

import _common as C

LI = Element("Li")
PAIRS = [("Li6PS5Cl", "Li2RuO3"), ("Li3InCl6", "Li2RuO3")]
NV = 500          # V = j/100, j = 0..NV
NX = 1000         # x = i/1000, i = 0..NX
ENERGY_I = [0, 250, 500, 750, 1000]
CHECK_J = 300     # V = 3.00 for the kink spot check
KINK_TOL = 0.001

# Set in the parent before the worker pool forks (read-only in the workers).
_STATE: dict = {}


def v_of(j: int) -> float:
    return j / 100


def x_of(i: int) -> float:
    return i / NX


def reverse_convert(x: float, f1: float, f2: float) -> float:
    """Same expression as InterfacialReactivity._reverse_convert."""
    return x * f1 / ((1 - x) * f2 + x * f1)


def li_free(formula: str) -> tuple[Composition, float]:
    """(comp', f) exactly as GrandPotentialInterfacialReactivity builds comp1/comp2 and factor1/2."""
    c = Composition(formula)
    comp = Composition({k: v for k, v in c.items() if k != LI})
    factor = comp.num_atoms / c.num_atoms
    return comp.fractional_composition, factor


def prepare_pair(ds: C.Dataset, f1: str, f2: str) -> dict:
    entries = ds.entries_in(C.elements_of(f1, f2) | {"Li"})
    comp1, fac1 = li_free(f1)
    comp2, fac2 = li_free(f2)
    xg = [reverse_convert(x_of(i), fac1, fac2) for i in range(NX + 1)]
    mixtures = [comp1 * g + comp2 * (1 - g) for g in xg]
    return {"f1": f1, "f2": f2, "entries": entries, "comp1": comp1, "comp2": comp2,
            "factor1": fac1, "factor2": fac2, "x_grand": xg, "mixtures": mixtures}


def grand_pd_at(entries, V: float) -> GrandPotentialPhaseDiagram:
    return GrandPotentialPhaseDiagram(entries, {LI: -V})


def sample_voltage(task: tuple[int, int]):
    """Worker: all x samples of one pair at one voltage, in pure pymatgen."""
    p, j = task
    st = _STATE["pairs"][p]
    gpd = grand_pd_at(st["entries"], v_of(j))
    sets = []
    for mix in st["mixtures"]:
        decomp = gpd.get_decomposition(mix)
        sets.append(tuple(sorted(C.entry_reduced_formula(e) for e in decomp)))
    e1 = gpd.get_hull_energy_per_atom(st["comp1"])
    e2 = gpd.get_hull_energy_per_atom(st["comp2"])
    mutual = []
    for i in ENERGY_I:
        g = st["x_grand"][i]
        mutual.append(float(gpd.get_hull_energy_per_atom(st["mixtures"][i]) - g * e1 - (1 - g) * e2))
    return p, j, sets, mutual, [el.symbol for el in gpd.elements]


def runs_of(sets: list[tuple], index: dict, order: list) -> list[list[int]]:
    runs = []
    start = 0
    for i in range(1, len(sets) + 1):
        if i == len(sets) or sets[i] != sets[start]:
            s = sets[start]
            if s not in index:
                index[s] = len(order)
                order.append(s)
            runs.append([start, i - 1, index[s]])
            start = i
    return runs


def kink_check(st: dict, runs: list[list[int]]) -> dict:
    """Interior kinks of pymatgen's mutual-form interface reaction at V = CHECK_J/100 vs run changes."""
    V = v_of(CHECK_J)
    gpd = grand_pd_at(st["entries"], V)
    pd = PhaseDiagram(st["entries"])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ia = GrandPotentialInterfacialReactivity(Composition(st["f1"]), Composition(st["f2"]), gpd, pd,
                                                 include_no_mixing_energy=False, norm=True,
                                                 use_hull_energy=True)
        kinks = [float(k[1]) for k in ia.get_kinks()]
    assert abs(ia.factor1 - st["factor1"]) < 1e-15 and abs(ia.factor2 - st["factor2"]) < 1e-15
    interior = [x for x in kinks if 1e-12 < x < 1 - 1e-12]
    # a run change sits between sample i_end and i_end+1: the x interval [i_end, i_end+1]/NX
    changes = [(r[1] / NX, (r[1] + 1) / NX) for r in runs[:-1]]

    def dist(x, iv):
        return max(iv[0] - x, x - iv[1], 0.0)

    kink_miss = [x for x in interior if not changes or min(dist(x, c) for c in changes) > KINK_TOL + 1e-12]
    # the end points x = 0 and x = 1 are kinks too (pymatgen lists them): the one-sample runs of the
    # reactants' own decompositions at i = 0 and i = NX end there
    change_miss = [c for c in changes if min(dist(x, c) for x in kinks) > KINK_TOL + 1e-12]
    return {"pair": f"{st['f1']}/{st['f2']}", "V": V, "kinks_x": kinks, "n_interior_kinks": len(interior),
            "n_run_changes": len(changes), "kinks_without_run_change": kink_miss,
            "run_changes_without_kink": [list(c) for c in change_miss],
            "ok": not kink_miss and not change_miss}


def main():
    C.ensure_hash_seed()
    timer = C.Timer()
    csv_path = C.csv_path_from_argv()
    ds = C.Dataset(csv_path)
    _STATE["pairs"] = [prepare_pair(ds, a, b) for a, b in PAIRS]
    tasks = [(p, j) for p in range(len(PAIRS)) for j in range(NV + 1)]
    nproc = max(1, min(os.cpu_count() or 1, 8))
    results: dict = {}
    ctx = mp.get_context("fork")
    with ctx.Pool(nproc) as pool:
        for n, (p, j, sets, mutual, els) in enumerate(pool.imap_unordered(sample_voltage, tasks, chunksize=4), 1):
            results[(p, j)] = (sets, mutual, els)
            if n % 100 == 0:
                print(f"{n}/{len(tasks)} voltages done ({timer})", flush=True)

    pairs_out, checks = [], []
    for p, st in enumerate(_STATE["pairs"]):
        index: dict = {}
        order: list = []
        rows, energies = [], []
        grand_elements = {tuple(results[(p, j)][2]) for j in range(NV + 1)}
        if len(grand_elements) != 1:
            raise RuntimeError(f"grand element order changes with V: {grand_elements}")
        for j in range(NV + 1):
            sets, mutual, _ = results[(p, j)]
            rows.append({"V": v_of(j), "runs": runs_of(sets, index, order)})
            energies.append({"V": v_of(j), "x": [x_of(i) for i in ENERGY_I], "mutual": mutual})
        chk = kink_check(st, rows[CHECK_J]["runs"])
        checks.append(chk)
        n_runs = sum(len(r["runs"]) for r in rows)
        print(f"{st['f1']}/{st['f2']}: {len(st['entries'])} entries, {len(order)} distinct product sets, "
              f"{n_runs} runs; V=3.00 kink check: {chk['n_interior_kinks']} interior kinks, "
              f"{chk['n_run_changes']} run changes, ok={chk['ok']}")
        pairs_out.append({
            "c1": st["f1"], "c2": st["f2"], "open": "Li", "x_step": 1 / NX, "V_step": 0.01,
            "chemsys": "-".join(sorted(C.elements_of(st["f1"], st["f2"]) | {"Li"})),
            "n_entries": len(st["entries"]),
            "grand_elements": list(next(iter(grand_elements))),
            "factor1": st["factor1"], "factor2": st["factor2"],
            "product_sets": [list(s) for s in order],
            "rows": rows,
            "energies": energies,
        })

    gen = C.generator_info(__file__, csv_path)
    gen["checks"] = checks
    out = {
        "generator": gen,
        "notes": [
            "open element Li; V in volts vs Li/Li+, V = j/100 for j = 0..500, mu_Li = -V eV "
            "(Li metal formation energy is 0); grand_pd = GrandPotentialPhaseDiagram(entries of "
            "elements(c1)|elements(c2)|{Li}, {Li: -V})",
            "x = i/1000 for i = 0..1000 is the atomic fraction of c1 among the ORIGINAL (Li-containing) "
            "reactants, the x GrandPotentialInterfacialReactivity reports for kinks; the position on the "
            "Li-free projected line is x_g = x*f1/((1-x)*f2 + x*f1) (f = factor1/factor2 = non-Li atoms per "
            "atom of the reactant), i.e. x = x_g*f2/((1-x_g)*f1 + x_g*f2)",
            "products at a sample: sorted reduced formulas of the full (Li-containing) original entries of "
            "grand_pd.get_decomposition(comp1'*x_g + comp2'*(1-x_g)) (comp' = reactant without Li, "
            "normalised to one atom; pymatgen drops amounts <= 1e-8); every sample is a direct pymatgen call",
            "samples lying exactly on a region boundary (e.g. x = 0, x = 1, or an x that hits a kink exactly) "
            "get the products of the boundary face (fewer phases) from pymatgen, so a one-sample run can "
            "appear between two regions",
            "rows[k].runs: maximal runs [i_start, i_end, set_index] of consecutive x indices (inclusive) "
            "with the same product set; set_index indexes product_sets, numbered in order of first "
            "appearance scanning V upwards then x upwards",
            "energies: mutual form (include_no_mixing_energy=False): E = grand_pd.get_hull_energy_per_atom("
            "mixture) - x_g*e1 - (1-x_g)*e2, e1/e2 = grand_pd.get_hull_energy_per_atom(comp1'/comp2'), "
            "eV per non-Li atom of the mixture, at x = 0, 0.25, 0.5, 0.75, 1",
            "generator.checks: at V = 3.00 the interior kinks of GrandPotentialInterfacialReactivity "
            "(mutual form) lie within 0.001 in x of run changes of that row, and every run change lies within "
            "0.001 of a kink (end-point kinks x = 0, 1 included)",
        ],
        "pairs": pairs_out,
    }
    C.write_json(out, "grand_map_reference.json")
    print(f"runtime {timer}")
    if not all(c["ok"] for c in checks):
        print("kink spot check FAILED", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
