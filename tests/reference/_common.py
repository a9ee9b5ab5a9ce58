"""Shared helpers for the pymatgen reference-fixture scripts in this directory.

Not a fixture generator itself: imported by make_*_reference.py.

Entries come from mp_e_form.csv (columns formula,target; target = formation
energy in eV/atom).  Data row i (1-based; the header is row 0) becomes

    PDEntry(Composition(formula), target * Composition(formula).num_atoms,
            name=formula, attribute="mp_e_form:<i>")

i.e. the entry's total energy is the formation energy per formula as written,
the name is the CSV formula (pymatgen's interface-reaction code rebuilds
compositions with Composition(entry.name), so the name must stay a formula),
and the attribute is the stable id.

Run the scripts with Debian's python: /usr/bin/python3 (pymatgen 2022.11.7).
"""

from __future__ import annotations

import csv
import json
import math
import os
import re
import sys
import time
from typing import Iterable

from pymatgen.analysis.phase_diagram import PDEntry, PhaseDiagram
from pymatgen.core import Composition, Element

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_CSV = os.path.normpath(os.path.join(HERE, "..", "..", "..", "shared", "data", "mp_e_form.csv"))

_SYM = re.compile(r"[A-Z][a-z]?")


def ensure_hash_seed() -> None:
    """Re-run the script with PYTHONHASHSEED=0 so that set iteration orders inside
    pymatgen (element sets of a GrandPotentialPhaseDiagram, the competing-entry set
    of the SLSQP phase-separation energy) and therefore the last bits of the
    fixtures are reproducible from run to run."""
    if os.environ.get("PYTHONHASHSEED") != "0":
        env = dict(os.environ, PYTHONHASHSEED="0")
        sys.stdout.flush()
        os.execve(sys.executable, [sys.executable] + sys.argv, env)


def csv_path_from_argv(argv=None) -> str:
    """CSV path: first command-line argument, else the default next to the project."""
    argv = sys.argv if argv is None else argv
    path = argv[1] if len(argv) > 1 else DEFAULT_CSV
    return os.path.abspath(path)


class Dataset:
    """The CSV rows, with a cheap element-set index so that subsystems load fast."""

    def __init__(self, csv_path: str):
        self.csv_path = csv_path
        self.rows: list[tuple[int, str, float, frozenset]] = []
        with open(csv_path, newline="") as f:
            reader = csv.reader(f)
            header = next(reader)
            if [h.strip() for h in header[:2]] != ["formula", "target"]:
                raise ValueError(f"unexpected header {header} in {csv_path}")
            for i, rec in enumerate(reader, start=1):
                formula, target = rec[0].strip(), float(rec[1])
                self.rows.append((i, formula, target, frozenset(_SYM.findall(formula))))
        self._cache: dict[int, PDEntry] = {}
        self._diagrams: dict[frozenset, tuple[PhaseDiagram, list[PDEntry]]] = {}

    def entry(self, row: int) -> PDEntry:
        e = self._cache.get(row)
        if e is None:
            _, formula, target, _ = self.rows[row - 1]
            comp = Composition(formula)
            e = PDEntry(comp, target * comp.num_atoms, name=formula, attribute=f"mp_e_form:{row}")
            self._cache[row] = e
        return e

    def entries_in(self, elements: Iterable) -> list[PDEntry]:
        """All entries whose elements are a subset of `elements`, in CSV order."""
        els = frozenset(str(e) for e in elements)
        return [self.entry(i) for i, _, _, s in self.rows if s <= els]

    def phase_diagram(self, elements: Iterable) -> tuple[PhaseDiagram, list[PDEntry]]:
        """pymatgen's PhaseDiagram of the entries_in(elements), and those entries; built once per element set."""
        key = frozenset(str(e) for e in elements)
        if key not in self._diagrams:
            entries = self.entries_in(key)
            self._diagrams[key] = (PhaseDiagram(entries), entries)
        return self._diagrams[key]


def chemsys_elements(chemsys: str) -> list[str]:
    return chemsys.split("-")


def elements_of(*formulas: str) -> set[str]:
    out: set[str] = set()
    for f in formulas:
        out |= {el.symbol for el in Composition(f).elements}
    return out


def entry_id(entry) -> str:
    """The mp_e_form:<row> id (works for PDEntry and GrandPotPDEntry)."""
    e = getattr(entry, "original_entry", entry)
    return e.attribute


def entry_formula(entry) -> str:
    """The CSV formula of an entry (its name)."""
    e = getattr(entry, "original_entry", entry)
    return e.name


def entry_reduced_formula(entry) -> str:
    """Reduced formula of the entry's full composition (Li included for grand entries)."""
    e = getattr(entry, "original_entry", entry)
    return e.composition.reduced_formula


def e_form_per_atom(entry) -> float:
    e = getattr(entry, "original_entry", entry)
    return e.energy_per_atom


def decomp_dict(decomp: dict) -> dict[str, float]:
    """{reduced formula (full composition): amount} sorted by formula.

    The products of a hull decomposition are hull vertices, one per composition,
    so reduced formulas are unique keys."""
    out: dict[str, float] = {}
    for e, amt in decomp.items():
        key = entry_reduced_formula(e)
        if key in out:
            raise RuntimeError(f"duplicate product {key} in decomposition")
        out[key] = float(amt)
    return dict(sorted(out.items()))


def decomp_ids(decomp: dict) -> dict[str, float]:
    """{mp_e_form id: amount} sorted by id."""
    return dict(sorted((entry_id(e), float(a)) for e, a in decomp.items()))


def check_finite(obj, path="$"):
    if isinstance(obj, float):
        if not math.isfinite(obj):
            raise ValueError(f"non-finite float at {path}")
    elif isinstance(obj, dict):
        for k, v in obj.items():
            check_finite(v, f"{path}.{k}")
    elif isinstance(obj, (list, tuple)):
        for i, v in enumerate(obj):
            check_finite(v, f"{path}[{i}]")


def write_json(obj, name: str) -> str:
    """Compact JSON next to the scripts; floats keep full precision (repr)."""
    check_finite(obj)
    path = os.path.join(HERE, name)
    with open(path, "w") as f:
        json.dump(obj, f, separators=(",", ":"), allow_nan=False)
        f.write("\n")
    size = os.path.getsize(path)
    print(f"wrote {path} ({size} bytes)")
    if size > 900_000:
        print("WARNING: fixture is close to or above 1 MB", file=sys.stderr)
    return path


def generator_info(script: str, csv_path: str) -> dict:
    import importlib.metadata as md

    return {
        "script": os.path.basename(script),
        "pymatgen": md.version("pymatgen"),
        "python": sys.version.split()[0],
        "csv": os.path.relpath(csv_path, HERE),
        "entry_convention": "row i (1-based, header row 0) -> PDEntry(Composition(formula), "
        "target*num_atoms, name=formula, attribute='mp_e_form:<i>')",
    }


class Timer:
    def __init__(self):
        self.t0 = time.time()

    def __str__(self):
        return f"{time.time() - self.t0:.1f} s"


LI = Element("Li")
