"""One rule for every way into a data set, here as from the program: formation
energies within the limit, amounts within a formula's limits and none of them
0, and nothing stored on a refusal."""

from __future__ import annotations

import json
import math
import re

import pytest

import interphase


class _Entry:
    def __init__(self, composition, energy, entry_id=None):
        self.composition, self.energy, self.entry_id = composition, energy, entry_id


_ELEMENTS = [_Entry({"Li": 1}, -1.9), _Entry({"O": 2}, -9.8), _Entry({"In": 1}, -2.7)]


@pytest.fixture
def small(tmp_path) -> interphase.Database:
    csv = tmp_path / "li_in_o.csv"
    csv.write_text("formula,target\nLi,0\nO2,0\nIn,0\nLi2O,-2\nIn2O3,-1.9\n")
    return interphase.Database(str(tmp_path / "small.sqlite"), data=str(csv), create=True)


def _bytes(path: str) -> bytes:
    with open(path, "rb") as f:
        return f.read()


def test_add_keeps_the_energy_limit(small):
    small.decompose("Li2O")  # built, its stability stored
    before = _bytes(small.path)
    for e_form, expected in [(-1e300, "formation energy -1e+300 eV/atom is beyond the limit of 100 eV/atom"),
                             (150.0, "formation energy 150 eV/atom is beyond the limit of 100"),
                             (math.nan, "formation energy is not a finite number")]:
        with pytest.raises(interphase.InputError, match="^" + re.escape("cannot add LiInO2: " + expected)):
            small.add("LiInO2", e_form)
    with pytest.raises(interphase.InputError, match="elemental O at -1 eV/atom"):
        small.add("O2", -1.0)
    assert _bytes(small.path) == before
    assert small.add("LiInO2", -2.1)["e_form"] == -2.1


def test_import_limit_is_a_number_within_the_ceiling(small, tmp_path):
    csv = tmp_path / "wide.csv"
    csv.write_text("formula,target\nLi2O,-150\n")
    small.decompose("Li2O")
    before = _bytes(small.path)
    for limit, read in [(math.nan, "nan"), (math.inf, "inf"), (1e308, "1e+308")]:
        with pytest.raises(interphase.InputError,
                           match="^" + re.escape(f"max_abs_energy {read}: expected a number of eV/atom above 0 "
                                                 "and at most 1000")):
            small.import_file(str(csv), max_abs_energy=limit)
    assert _bytes(small.path) == before
    with pytest.raises(interphase.InputError, match="max_abs_energy nan"):
        interphase.Dataset.from_pymatgen(_ELEMENTS, max_abs_energy=math.nan)


def test_mp_json_amounts_follow_the_formula_limits(small, tmp_path):
    small.decompose("Li2O")
    before = _bytes(small.path)
    cases = [({"Li": 1e300, "O": 1}, None, "amount 1e+300 of Li is above the limit of 1e+09"),
             ({"Li": 1e12, "O": 1}, None, "amount 1e+12 of Li is above the limit of 1e+09"),
             ({"Li": 0, "O": 1}, None, "amount 0 of Li is not positive"),
             ({"Li": 1e-9, "O": 1}, None, "amount 1e-09 of Li is below the amount tolerance"),
             ({"Li": 1, "O": 1}, "Li2O", "formula_pretty 'Li2O' contradicts its composition Li1O1")]
    for composition, pretty, expected in cases:
        doc = {"material_id": "mp-9", "composition": composition, "formation_energy_per_atom": -2}
        if pretty:
            doc["formula_pretty"] = pretty
        path = tmp_path / "docs.json"
        path.write_text(json.dumps([doc]))
        pattern = re.escape("document 1 (mp-9): ") + ".*" + re.escape(expected)
        with pytest.raises(interphase.DataError, match=pattern) as e:
            small.import_file(str(path), kind="mp-json", name="docs")
        assert "elemental" not in str(e.value)
    assert _bytes(small.path) == before


def test_from_pymatgen_amounts_alike():
    for composition, expected in [({"Li": 1e12, "O": 1}, "amount 1e+12 of Li is above the limit of 1e+09"),
                                  ({"Li": 0.0, "O": 1}, "amount 0 of Li is not positive")]:
        with pytest.raises(interphase.DataError, match=re.escape(expected)):
            interphase.Dataset.from_pymatgen(_ELEMENTS + [_Entry(composition, -7.0, "bad")])


def test_entry_ids_are_printable_text(small):
    small.decompose("Li2O")
    before = _bytes(small.path)
    for entry_id, shown in [("my\tcalc", "'my\\tcalc' contains the control character 0x09"),
                            ("calc\n1", "'calc\\n1' contains the control character 0x0A"),
                            ("a\0b", "'a\\0b' contains a NUL byte")]:
        with pytest.raises(interphase.InputError, match="^" + re.escape("id: entry id " + shown)):
            small.add("LiInO2", -2.0, id=entry_id)
    assert _bytes(small.path) == before


def test_generated_ids_are_never_given_again(small):
    assert small.add("LiInO2", -2.0)["id"] == "li_in_o:added-1"
    assert small.add("LiInO2", -1.9)["id"] == "li_in_o:added-2"
    small.remove("li_in_o:added-2")
    assert small.add("LiInO2", -1.8)["id"] == "li_in_o:added-3"
