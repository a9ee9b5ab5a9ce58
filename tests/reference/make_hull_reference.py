"""Convex-hull reference fixture: writes hull_reference.json next to this script.

Run:  /usr/bin/python3 tests/reference/make_hull_reference.py [path/to/mp_e_form.csv]
(default CSV: ../../../shared/data/mp_e_form.csv relative to this file;
Debian pymatgen 2022.11.7; runtime about 7-20 s wall, 2 cores, depending on load).

For each chemical system in SYSTEMS, pymatgen's PhaseDiagram is built from every
mp_e_form entry whose elements are a subset of the system (see _common.py for
the entry convention) and, for every entry (CSV order), we record
    id, formula (as in the CSV), reduced_formula, e_form (eV/atom),
    e_above_hull      pd.get_e_above_hull(entry)
    hull_energy       pd.get_hull_energy_per_atom(entry.composition)
    stable            entry in pd.stable_entries   (pymatgen's set/eq semantics)
    hull_vertex       the entry object itself is a vertex of pymatgen's hull
    decomposition     {reduced formula: atomic fraction} of
                      pd.get_decomposition(entry.composition), sorted by formula
and for stable entries
    decomposition_enthalpy   pd.get_equilibrium_reaction_energy(entry)
    phase_separation_energy  pd.get_decomp_and_phase_separation_energy(entry)[1],
                             only present if it differs from the above by > 1e-8.
and for the stable compounds that are pymatgen's hull vertices (not elements)
    decomposition_enthalpy_exact           e_form - hull'(c), hull' rebuilt (exact
                                           Qhull) from all entries of the entry's
                                           element space except every entry of the
                                           same composition (= Bartel's definition,
                                           what phase_separation_energy approximates)
    decomposition_enthalpy_exact_products  decomposition of c on that hull'
    decomposition_enthalpy_without_entry   same, but only this row removed
                                           (polymorphs of it kept).
NB: pymatgen's get_equilibrium_reaction_energy rebuilds the hull from the
*stable* entries only, so when removing the entry would expose formerly
unstable phases it is more negative than the exact value (e.g. Li2S -1.2475 vs
-0.8577, Li3PS4 -0.1095 vs -0.0365 eV/atom).
Per system also `stable`: the hull vertices [{reduced_formula, id, e_form}],
sorted by reduced formula.
"""

from __future__ import annotations

import sys
import warnings

from pymatgen.analysis.phase_diagram import PhaseDiagram

import _common as C

# The 5-element system: Cl-In-Li-O-Ru (129 entries, the same subspace as
# shared/data/samples/li-in-cl-ru-o.pymatgen-entries.json).  Fe-Li-Mn-O-P has
# 2065 entries, which would push the fixture past 1 MB.
SYSTEMS = ["Cl-In-Li-O-P-Ru-S", "Li-Co-O-P", "Cl-In-Li-O-Ru", "Li-La-Zr-O", "Cl-In-Li"]


def exact_decomposition_enthalpies(entries, e) -> dict:
    """Exact hull' values by rebuilding the hull in the entry's own element space:
    without every entry of the same composition (Bartel's decomposition enthalpy,
    the quantity pymatgen's SLSQP phase-separation energy approximates), and
    without only this row (its polymorphs kept)."""
    els = e.composition.elements
    rc = e.composition.reduced_composition
    sub = [x for x in entries if set(x.composition.elements) <= set(els)]
    pd_c = PhaseDiagram([x for x in sub if x.composition.reduced_composition != rc], elements=els)
    pd_e = PhaseDiagram([x for x in sub if x is not e], elements=els)
    dec_c, h_c = pd_c.get_decomp_and_hull_energy_per_atom(e.composition)
    h_e = pd_e.get_hull_energy_per_atom(e.composition)
    return {
        "decomposition_enthalpy_exact": e.energy_per_atom - float(h_c),
        "decomposition_enthalpy_exact_products": C.decomp_dict(dec_c),
        "decomposition_enthalpy_without_entry": e.energy_per_atom - float(h_e),
    }


def build_system(ds: C.Dataset, chemsys: str) -> dict:
    els = C.chemsys_elements(chemsys)
    entries = ds.entries_in(els)
    if len(entries) < 10:
        raise RuntimeError(f"{chemsys}: only {len(entries)} entries")
    pd = PhaseDiagram(entries)
    stable_set = pd.stable_entries
    vertex_ids = {id(e) for e in pd._stable_entries}

    recs = []
    for e in entries:
        comp = e.composition
        decomp = pd.get_decomposition(comp)
        rec = {
            "id": C.entry_id(e),
            "formula": e.name,
            "reduced_formula": comp.reduced_formula,
            "e_form": e.energy_per_atom,
            "e_above_hull": float(pd.get_e_above_hull(e)),
            "hull_energy": float(pd.get_hull_energy_per_atom(comp)),
            "stable": e in stable_set,
            "hull_vertex": id(e) in vertex_ids,
            "decomposition": C.decomp_dict(decomp),
        }
        if rec["stable"]:
            dh = float(pd.get_equilibrium_reaction_energy(e))
            rec["decomposition_enthalpy"] = dh
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                pse = float(pd.get_decomp_and_phase_separation_energy(e)[1])
            if abs(pse - dh) > 1e-8:
                rec["phase_separation_energy"] = pse
            if not e.is_element and id(e) in vertex_ids:
                rec.update(exact_decomposition_enthalpies(entries, e))
        recs.append(rec)

    stable = sorted(
        ({"reduced_formula": e.composition.reduced_formula, "id": C.entry_id(e), "e_form": e.energy_per_atom}
         for e in pd._stable_entries),
        key=lambda d: d["reduced_formula"],
    )
    n_stable_flag = sum(r["stable"] for r in recs)
    print(f"{chemsys}: {len(entries)} entries, {len(stable)} hull vertices, "
          f"{n_stable_flag} entries flagged stable")
    return {
        "chemsys": chemsys,
        "pd_elements": [el.symbol for el in pd.elements],
        "n_entries": len(entries),
        "n_qhull_entries": len(pd.qhull_entries),
        "stable": stable,
        "entries": recs,
    }


def main():
    C.ensure_hash_seed()
    timer = C.Timer()
    csv_path = C.csv_path_from_argv()
    ds = C.Dataset(csv_path)
    out = {
        "generator": C.generator_info(__file__, csv_path),
        "notes": [
            "entries are in CSV row order; e_form/e_above_hull/hull_energy/decomposition_enthalpy in eV/atom",
            "decomposition: {pymatgen reduced_formula: atomic fraction} (amounts <= 1e-8 dropped by pymatgen), "
            "sorted by formula; a stable entry decomposes to itself (its own reduced formula, 1.0) - "
            "also a polymorph flagged stable through pymatgen's equality",
            "stable = (entry in pd.stable_entries): PDEntry equality is composition-and-energy "
            "(np.allclose on total energy; hash uses the unreduced formula and energy to 8 dp), so an exact "
            "duplicate row of a hull vertex is also 'stable'; hull_vertex marks the row pymatgen actually "
            "used as the vertex (lowest energy per atom per composition, first CSV row on ties)",
            "e_above_hull of a 'stable' entry is exactly 0.0 (pymatgen short-cut)",
            "decomposition_enthalpy = pd.get_equilibrium_reaction_energy (hull rebuilt without the entry "
            "from the stable entries of the entry's own element space); 0 for elements",
            "decomposition_enthalpy (pymatgen get_equilibrium_reaction_energy) uses only the original "
            "stable entries for hull', so it is more negative than the exact definition when removing the "
            "entry exposes unstable phases; decomposition_enthalpy_exact (all entries except those of the same "
            "composition) and decomposition_enthalpy_without_entry (only this row removed) are exact rebuilds",
            "phase_separation_energy is present only where pymatgen's SLSQP-based "
            "get_decomp_and_phase_separation_energy differs from decomposition_enthalpy by > 1e-8; it is an "
            "optimiser result, good to ~1e-9 (it even varies with PYTHONHASHSEED; the script pins it to 0): "
            "compare tightly against decomposition_enthalpy_exact instead",
            "pymatgen reduced formulas order elements by electronegativity and may group polyanions, "
            "e.g. Li10GeP2S12 -> 'Li10Ge(PS6)2', InOCl -> 'InClO'",
        ],
        "systems": [build_system(ds, s) for s in SYSTEMS],
    }
    C.write_json(out, "hull_reference.json")
    print(f"runtime {timer}")


if __name__ == "__main__":
    sys.exit(main())
