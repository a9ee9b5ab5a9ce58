"""Open-lithium reference fixture: writes grand_reference.json next to this script.

Run:  /usr/bin/python3 tests/reference/make_grand_reference.py [path/to/mp_e_form.csv]
(default CSV: ../../../shared/data/mp_e_form.csv relative to this file;
Debian pymatgen 2022.11.7; runtime about 16-19 s wall, 2 cores, depending on load).

Entries: see _common.py.  Li metal's formation energy is 0, so pymatgen's
absolute Li chemical potentials are the relative ones, mu = -V (eV, V vs Li/Li+).

a) element_profiles: for each formula F in PROFILE_FORMULAS,
   pd = PhaseDiagram(entries in elements(F) | {Li}) and
   steps = pd.get_element_profile(Element("Li"), Composition(F)), recorded in
   pymatgen's order (chempot decreasing, i.e. V increasing, starting with the
   Li-metal facet at chempot 0).  Step k is pymatgen's critical composition k on
   the ray from Li towards the Li-free composition; its 'chempot' is the Li
   chemical potential of the hull facet on the Li-rich side of that critical
   composition, and its phase equilibrium ('entries', the reaction) holds for
   V in [V_k, V_{k+1}] (the last step: V >= V_last).  This is how pymatgen's own
   plot_element_profile draws it.  Evolution > 0: Li taken up per formula unit
   of F; < 0: Li given off.
   Stability window (derived here, not a pymatgen function): the step k whose
   evolution is 0 (|evolution| < 1e-8; then F's composition is itself a critical
   composition): reduction onset = V_k = -chempot_k, oxidation onset =
   V_{k+1} = -chempot_{k+1} (null if k is the last step: nothing to oxidise by
   giving off Li, e.g. Li-free RuO2).  Products below / above the window are
   the phases of steps k-1 / k+1.  If no step has zero evolution (F lies inside a
   facet of the Li-containing hull) the window collapses to a point: the V of the
   first step with negative evolution (that step's Li-rich facet contains F).

b) grand_reactions: for pairs GRAND_PAIRS at V in GRAND_VOLTAGES,
   grand_pd = GrandPotentialPhaseDiagram(entries, {Li: -V}) and
   pd = PhaseDiagram(entries) (entries of elements(c1) | elements(c2) | {Li}),
   GrandPotentialInterfacialReactivity(c1, c2, grand_pd, pd,
       include_no_mixing_energy=B, norm=True, use_hull_energy=H) for the forms
   mutual (B=False, H=True), total_entry (B=True, H=False), total_hull (B=True, H=True).
   Kinks in pymatgen's order (increasing x) with x (atomic fraction of c1 in
   the original, Li-containing reactants), x_grand (position on the projected
   Li-free line, = ia._reverse_convert(x, factor1, factor2)), energy (eV per
   non-Li atom of mixture), reaction str, energy_kj_per_mol, molar_x, products
   {reduced formula of the full (Li-containing) phase: fraction of the Li-free
   atoms} from grand_pd.get_decomposition(x_grand*comp1 + (1-x_grand)*comp2),
   product_ids.  Plus minimum = ia.minimum, e1/e2 used and the grand hull at
   the projected end points.

c) sweep: for SWEEP_PAIRS, forms mutual and total_entry, V = k/10, k = 0..50:
   ia.minimum (x, energy), n_kinks and the reaction/products at the minimum.
"""

from __future__ import annotations

import sys
import warnings

from pymatgen.analysis.interface_reactions import GrandPotentialInterfacialReactivity
from pymatgen.analysis.phase_diagram import GrandPotentialPhaseDiagram, PhaseDiagram
from pymatgen.core import Composition, Element

import _common as C

LI = Element("Li")
PROFILE_FORMULAS = ["Li6PS5Cl", "Li3InCl6", "Li2RuO3", "Li3PS4", "LiCoO2", "LiCl", "Li2S", "Li3PO4",
                    "In2O3", "RuO2"]
GRAND_PAIRS = [("Li6PS5Cl", "Li2RuO3"), ("Li3InCl6", "Li2RuO3"), ("Li3PS4", "LiCoO2")]
GRAND_VOLTAGES = [0.0, 1.0, 2.0, 3.0, 3.5, 4.5, 5.0]
SWEEP_PAIRS = [("Li6PS5Cl", "Li2RuO3"), ("Li3InCl6", "Li2RuO3")]
SWEEP_VOLTAGES = [k / 10 for k in range(51)]
FORMS = {  # name: (include_no_mixing_energy, use_hull_energy)
    "mutual": (False, True),
    "total_entry": (True, False),
    "total_hull": (True, True),
}
ZERO_EVO = 1e-8


def volts(chempot: float) -> float:
    v = -float(chempot)
    return 0.0 if v == 0 else v  # no -0.0


# ----------------------------------------------------------------- a) profiles
def element_profile(ds: C.Dataset, formula: str) -> dict:
    pd, entries = ds.phase_diagram(C.elements_of(formula) | {"Li"})
    comp = Composition(formula)
    prof = pd.get_element_profile(LI, comp)
    steps = []
    for s in prof:
        steps.append({
            "chempot": float(s["chempot"]),
            "V": volts(s["chempot"]),
            "evolution": float(s["evolution"]),
            "reaction": str(s["reaction"]),
            "phases": sorted(C.entry_reduced_formula(e) for e in s["entries"]),
            "phase_ids": sorted(C.entry_id(e) for e in s["entries"]),
        })
    zero = [i for i, s in enumerate(steps) if abs(s["evolution"]) < ZERO_EVO]
    if zero:
        k = zero[0]
        window = {
            "kind": "interval",
            "step": k,
            "reduction_onset": steps[k]["V"],
            "oxidation_onset": steps[k + 1]["V"] if k + 1 < len(steps) else None,
            "phases": steps[k]["phases"],
            "reduced_phases": steps[k - 1]["phases"] if k > 0 else None,
            "oxidized_phases": steps[k + 1]["phases"] if k + 1 < len(steps) else None,
        }
    else:
        k = next(i for i, s in enumerate(steps) if s["evolution"] < 0)
        window = {"kind": "point", "step": k, "reduction_onset": steps[k]["V"],
                  "oxidation_onset": steps[k]["V"], "phases": None,
                  "reduced_phases": steps[k - 1]["phases"], "oxidized_phases": steps[k]["phases"]}
    lo, hi = window["reduction_onset"], window["oxidation_onset"]
    print(f"profile {formula}: {len(steps)} steps, V {steps[0]['V']:.4f}..{steps[-1]['V']:.4f}, "
          f"window {lo:.4f} - {'inf' if hi is None else f'{hi:.4f}'}")
    return {
        "formula": formula,
        "chemsys": "-".join(el.symbol for el in pd.elements),
        "n_entries": len(entries),
        "li_reference_id": C.entry_id(pd.el_refs[LI]),
        "steps": steps,
        "window": window,
    }


# ----------------------------------------------------------------- b) reactions
def grand_ia(c1, c2, gpd, pd, form):
    inc, uh = FORMS[form]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return GrandPotentialInterfacialReactivity(c1, c2, gpd, pd, include_no_mixing_energy=inc,
                                                   norm=True, use_hull_energy=uh)


def grand_kinks(ia, gpd) -> list[dict]:
    out = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        kinks = ia.get_kinks()
    for index, x, energy, rxn, kjmol in kinks:
        x = float(x)
        xg = float(ia._reverse_convert(x, ia.factor1, ia.factor2))
        mix = ia.comp1 * xg + ia.comp2 * (1 - xg)
        decomp = gpd.get_decomposition(mix)
        out.append({
            "index": int(index),
            "x": x,
            "x_grand": xg,
            "energy": float(energy),
            "reaction": str(rxn),
            "energy_kj_per_mol": float(kjmol),
            "molar_x": float(ia._get_original_composition_ratio(rxn)),
            "products": C.decomp_dict(decomp),
            "product_ids": C.decomp_ids(decomp),
        })
    return out


def grand_pd(entries, V):
    return GrandPotentialPhaseDiagram(entries, {LI: -V})


def grand_reactions(ds: C.Dataset, f1: str, f2: str) -> dict:
    pd, entries = ds.phase_diagram(C.elements_of(f1, f2) | {"Li"})
    c1, c2 = Composition(f1), Composition(f2)
    rec = {"c1": f1, "c2": f2, "chemsys": "-".join(el.symbol for el in pd.elements),
           "n_entries": len(entries), "voltages": []}
    for V in GRAND_VOLTAGES:
        gpd = grand_pd(entries, V)
        vrec = {"V": V, "mu_Li": -V, "grand_elements": [el.symbol for el in gpd.elements], "forms": {}}
        for form in FORMS:
            ia = grand_ia(c1, c2, gpd, pd, form)
            kinks = grand_kinks(ia, gpd)
            xmin, emin = ia.minimum
            imin = min(range(len(kinks)), key=lambda i: kinks[i]["energy"])
            vrec.setdefault("factor1", float(ia.factor1))
            vrec.setdefault("factor2", float(ia.factor2))
            vrec.setdefault("grand_hull_e1", float(gpd.get_hull_energy(ia.comp1)))
            vrec.setdefault("grand_hull_e2", float(gpd.get_hull_energy(ia.comp2)))
            vrec["forms"][form] = {
                "include_no_mixing_energy": FORMS[form][0],
                "use_hull_energy": FORMS[form][1],
                "e1": float(ia.e1),
                "e2": float(ia.e2),
                "n_kinks": len(kinks),
                "minimum": {"x": float(xmin), "energy": float(emin), "kink_index": kinks[imin]["index"]},
                "kinks": kinks,
            }
            print(f"grand {f1}/{f2} V={V} {form}: {len(kinks)} kinks, min {emin:.6f} at x={xmin:.6f}")
        rec["voltages"].append(vrec)
    return rec


# ----------------------------------------------------------------- c) sweep
def sweep(ds: C.Dataset, f1: str, f2: str) -> dict:
    pd, entries = ds.phase_diagram(C.elements_of(f1, f2) | {"Li"})
    c1, c2 = Composition(f1), Composition(f2)
    rows = {"mutual": [], "total_entry": []}
    for V in SWEEP_VOLTAGES:
        gpd = grand_pd(entries, V)
        for form in rows:
            ia = grand_ia(c1, c2, gpd, pd, form)
            kinks = grand_kinks(ia, gpd)
            xmin, emin = ia.minimum
            imin = min(range(len(kinks)), key=lambda i: kinks[i]["energy"])
            rows[form].append({"V": V, "x": float(xmin), "energy": float(emin), "n_kinks": len(kinks),
                               "reaction": kinks[imin]["reaction"], "products": kinks[imin]["products"]})
    for form, r in rows.items():
        best = min(r, key=lambda d: d["energy"])
        print(f"sweep {f1}/{f2} {form}: lowest {best['energy']:.6f} at V={best['V']} x={best['x']:.6f}")
    return {"c1": f1, "c2": f2, "forms": rows}


def main():
    C.ensure_hash_seed()
    timer = C.Timer()
    csv_path = C.csv_path_from_argv()
    ds = C.Dataset(csv_path)
    out = {
        "generator": C.generator_info(__file__, csv_path),
        "notes": [
            "V in volts vs Li/Li+, mu_Li = -V eV (Li metal formation energy is 0, so pymatgen's absolute "
            "chempot equals the relative one)",
            "element_profiles.steps: pymatgen get_element_profile order (chempot decreasing / V increasing, "
            "first step is the Li-metal facet at V=0); step k's phases hold for V in [V_k, V_{k+1}], the last "
            "for V >= V_last; steps beyond 5 V are kept; evolution = Li taken up per formula unit (>0) or "
            "given off (<0)",
            "window: interval [V_k, V_{k+1}] around the zero-evolution step k (|evolution| < 1e-8); "
            "oxidation_onset null when the zero-evolution step is the last one (Li-free formula); "
            "reduction_onset 0 with reduced_phases null when the zero-evolution step is the first one "
            "(stable against Li metal, e.g. LiCl, Li2S)",
            "grand x = atomic fraction of c1 among the original (Li-containing) reactants; pymatgen computes "
            "it from the position x_grand on the Li-free projected line (distance ratio in grand pd coordinates)"
            " then converts x = x_grand*f2/((1-x_grand)*f1 + x_grand*f2), f = non-Li atoms per atom of reactant",
            "grand energies: eV per non-Li atom of the mixture; grand products: {reduced formula of the full "
            "phase (Li included): fraction of non-Li atoms}",
            "forms: mutual = include_no_mixing_energy False (e1, e2 = grand hull at projected reactants, "
            "use_hull_energy has no effect); total_entry = (True, False): e1, e2 = (lowest entry energy - "
            "mu*N_Li)/N_nonLi of the closed reactant; total_hull = (True, True): closed hull energy instead",
            "minimum = ia.minimum (first kink with the lowest energy; may be an end point)",
        ],
        "element_profiles": [element_profile(ds, f) for f in PROFILE_FORMULAS],
        "grand_reactions": [grand_reactions(ds, a, b) for a, b in GRAND_PAIRS],
        "sweep": [sweep(ds, a, b) for a, b in SWEEP_PAIRS],
    }
    C.write_json(out, "grand_reference.json")
    print(f"runtime {timer}")


if __name__ == "__main__":
    sys.exit(main())
