"""pymatgen entries in, pymatgen's kinks out: the sample's ComputedEntry dicts,
read as pymatgen-like objects (.composition, .energy, .entry_id; no pymatgen
needed), through Dataset.from_pymatgen, against pymatgen 2022.11.7's own
InterfacialReactivity on the same entries (tests/reference/python_reference.json,
written by tests/reference/make_python_reference.py)."""

from __future__ import annotations

import json
import os
import re

import pytest

import interphase
from conftest import REFERENCE_DIR, SAMPLES_DIR

SAMPLE = os.path.join(SAMPLES_DIR, "li-in-cl-ru-o.pymatgen-entries.json")
TOL = 1e-9  # eV/atom and atomic fractions: the same hull computed twice


class Entry:
    """What Dataset.from_pymatgen reads of a pymatgen ComputedEntry."""

    def __init__(self, d: dict):
        self.composition = dict(d["composition"])
        self.energy = d["energy"] + d.get("correction", 0.0)
        self.entry_id = d.get("entry_id")


@pytest.fixture(scope="module")
def reference() -> dict:
    with open(os.path.join(REFERENCE_DIR, "python_reference.json"), encoding="utf-8") as f:
        return json.load(f)


@pytest.fixture(scope="module")
def dataset() -> interphase.Dataset:
    with open(SAMPLE, encoding="utf-8") as f:
        entries = [Entry(d) for d in json.load(f)]
    return interphase.Dataset.from_pymatgen(entries)


def terms(side: str) -> dict:
    out = {}
    for term in side.split(" + "):
        m = re.fullmatch(r"(?:([0-9.e-]+) )?(\S+)", term.strip())
        out[m.group(2)] = float(m.group(1) or 1.0)
    return out


def same_reaction(ours: str, theirs: str) -> bool:
    """The same species with the same amounts (4 significant digits), in any order."""
    (ol, orr), (tl, tr) = ours.split(" -> "), theirs.split(" -> ")
    for a, b in ((terms(ol), terms(tl)), (terms(orr), terms(tr))):
        if a.keys() != b.keys() or any(abs(a[k] - b[k]) > 1e-3 * max(1.0, b[k]) for k in a):
            return False
    return True


def test_dataset_holds_the_entries(dataset, reference):
    info = dataset.info()["datasets"]
    assert [d["name"] for d in info] == ["pymatgen"]
    assert info[0]["n_entries"] == reference["n_entries"] and info[0]["kind"] == "pymatgen-json"


@pytest.mark.parametrize("form", ["mutual", "total", "mutual_3V"])
def test_kinks_equal_pymatgen(dataset, reference, form):
    for pair in reference["pairs"]:
        expected = pair["forms"][form]
        kwargs = {"voltage": reference["voltage"]} if form == "mutual_3V" else {"energy": form}
        r = interphase.react(pair["c1"], pair["c2"], data=dataset, **kwargs)
        label = f"{pair['c1']} + {pair['c2']} ({form})"
        assert len(r.kinks) == len(expected["kinks"]), label
        for ours, theirs in zip(r.kinks, expected["kinks"]):
            assert ours.x == pytest.approx(theirs["x"], abs=TOL), label
            assert ours.energy == pytest.approx(theirs["energy"], abs=TOL), label
            assert same_reaction(ours.reaction, theirs["reaction"]), (label, ours.reaction, theirs["reaction"])
            if "products" in theirs:
                assert ours.products == pytest.approx(theirs["products"], abs=TOL), label
        assert r.minimum.x == pytest.approx(expected["minimum"]["x"], abs=TOL), label
        assert r.minimum.energy == pytest.approx(expected["minimum"]["energy"], abs=TOL), label


def test_phase_diagram_equals_pymatgen(dataset, reference):
    pd = dataset.phase_diagram("Li-In-Cl-Ru-O")
    for entry_id, e_above_hull in reference["e_above_hull"].items():
        assert pd.e_above_hull(entry_id) == pytest.approx(e_above_hull, abs=TOL), entry_id
    for formula, expected in reference["compositions"].items():
        assert pd.hull_energy(formula) == pytest.approx(expected["hull_energy"], abs=TOL), formula
        assert pd.decomposition(formula) == pytest.approx(expected["decomposition"], abs=TOL), formula


def test_entries_without_an_element_reference_are_refused():
    entries = [Entry({"composition": {"Li": 1}, "energy": -1.9, "entry_id": "li"}),
               Entry({"composition": {"Li": 2, "O": 1}, "energy": -14.3, "entry_id": "li2o"})]
    with pytest.raises(interphase.DataError, match="no pure-element entry for O"):
        interphase.Dataset.from_pymatgen(entries)
    with pytest.raises(ValueError, match="entry 1: expected a pymatgen entry"):
        interphase.Dataset.from_pymatgen([object()])
