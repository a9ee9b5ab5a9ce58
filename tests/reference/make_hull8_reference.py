"""Eight-element hull reference: writes hull8_reference.json next to this script.

Run:  /usr/bin/python3 tests/reference/make_hull8_reference.py [path/to/mp_e_form.csv]
(Debian pymatgen 2022.11.7; a few minutes: the larger system has 7420 entries.)

For two eight-element chemical systems of the default data, pymatgen's
PhaseDiagram of every entry whose elements lie in the system, and for every
entry (CSV order) a compact row [id, e_above_hull, hull_vertex]; plus the
number of lower facets and the stable reduced formulas. The hull_reference.json
fixture carries full decompositions for smaller systems; this one checks that
hulls in eight dimensions (and the candidate filtering they use) are right.
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import _common  # noqa: E402

from pymatgen.analysis.phase_diagram import PhaseDiagram  # noqa: E402

SYSTEMS = ["Cl-Ge-In-Li-O-P-Ru-S", "Co-F-Fe-Li-Mn-Ni-O-P"]


def main() -> None:
    _common.ensure_hash_seed()
    data = _common.Dataset(_common.csv_path_from_argv())
    systems = []
    for chemsys in SYSTEMS:
        entries = data.entries_in(_common.chemsys_elements(chemsys))
        pd = PhaseDiagram(entries)
        vertices = {id(pd.qhull_entries[i]) for f in pd.facets for i in f}
        rows = [[_common.entry_id(e), pd.get_e_above_hull(e), id(e) in vertices] for e in entries]
        systems.append({
            "chemsys": chemsys,
            "n_entries": len(entries),
            "n_facets": len(pd.facets),
            "stable": sorted(e.composition.reduced_formula for e in pd.stable_entries),
            "rows": rows,
        })
    out = {
        "generator": {"script": "make_hull8_reference.py", "entry_convention": "see _common.py"},
        "notes": ["rows: [id, e_above_hull (eV/atom), hull_vertex] in CSV order",
                  "hull_vertex: the entry object is a vertex of one of pymatgen's lower facets",
                  "n_facets: pymatgen's lower facets (triangulated, flat ones dropped)"],
        "systems": systems,
    }
    print(_common.write_json(out, "hull8_reference.json"))


if __name__ == "__main__":
    main()
