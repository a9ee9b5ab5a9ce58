"""The coating search and the cycling window from Python: the same numbers
as the program (``coat`` and ``react --range``, ``screen --conditions``), a
DataFrame with the program's CSV columns, pymatgen's numbers for the
literature's coatings (tests/reference/coat_reference.json, written by
tests/reference/make_coat_reference.py), and errors naming the argument."""

from __future__ import annotations

import csv
import io
import json
import os

import pytest

import interphase
from conftest import REFERENCE_DIR, cli_json, run_cli

LITERATURE = ["Li3PO4", "LiNbO3", "LiTaO3", "Li2ZrO3", "LiPO3", "LiH2PO4"]


@pytest.fixture(scope="module")
def reference() -> dict:
    with open(os.path.join(REFERENCE_DIR, "coat_reference.json"), encoding="utf-8") as f:
        return json.load(f)


@pytest.fixture(scope="module")
def literature_coat(db) -> interphase.CoatResult:
    return interphase.coat("Li6PS5Cl", ["Li2RuO3", "LiRuO3"], range=(2.0, 4.5), candidates=LITERATURE, data=db)


def test_coat_equals_the_program(literature_coat):
    program = cli_json("coat", "Li6PS5Cl", "Li2RuO3", "LiRuO3", "--range", "2.0-4.5", "--quiet",
                       "--candidates", *LITERATURE)
    assert literature_coat.to_dict() == program
    assert [c["coating"] for c in literature_coat] == [c["coating"] for c in program["candidates"]]
    assert literature_coat.funnel[0]["left"] == len(LITERATURE)


def test_dataframe_has_the_csv_columns(literature_coat):
    text = run_cli("coat", "Li6PS5Cl", "Li2RuO3", "LiRuO3", "--range", "2.0-4.5", "--quiet", "--format", "csv",
                   "--candidates", *LITERATURE).stdout
    rows = list(csv.DictReader(io.StringIO(text)))
    df = literature_coat.to_dataframe()
    assert list(df.columns) == list(rows[0].keys())
    for (_, mine), theirs in zip(df.iterrows(), rows):
        assert mine["coating"] == theirs["coating"]
        assert mine["failed"] == theirs["failed"]
        assert mine["energy_cathode_range"] == pytest.approx(float(theirs["energy_cathode_range"]), abs=1e-12)


def test_literature_coatings_match_pymatgen(literature_coat, reference):
    by = {c["formula"]: c for c in reference["candidates"]}
    for c in literature_coat:
        ref = by[c["coating"]]
        assert c["e_above_hull"] == pytest.approx(ref["e_above_hull"], abs=1e-6)
        assert c["li_fraction"] == pytest.approx(ref["li_fraction"], abs=1e-12)
        assert c["window_red"] == pytest.approx(ref["window"]["window"]["reduction_onset"], abs=1e-6)
        assert c["window_ox"] == pytest.approx(ref["window"]["window"]["oxidation_onset"], abs=1e-6)
        closed = ref["closed"]["Li6PS5Cl"]["minimum"]["energy"]
        assert c["energy_electrolyte"] == pytest.approx(closed, abs=1e-6)


def test_react_range_equals_the_program(db):
    mine = interphase.react("Li6PS5Cl", "Li2RuO3", range=(2.0, 4.5), data=db).to_dict()
    assert mine == cli_json("react", "Li6PS5Cl", "Li2RuO3", "--range", "2.0-4.5")
    assert mine == interphase.react("Li6PS5Cl", "Li2RuO3", range="2.0-4.5", data=db).to_dict()
    # No voltage of the range goes lower than its worst case.
    worst = mine["range"]["energy"]
    for v in (2.0, 3.0, 4.5):
        assert worst <= interphase.react("Li6PS5Cl", "Li2RuO3", voltage=v, data=db).minimum.energy + 1e-9


def test_screen_range_condition(db):
    rows = interphase.screen(["Li6PS5Cl", "Li3InCl6"], "Li2RuO3", conditions=["closed", (2.0, 4.5)], data=db)
    df = rows.to_dataframe()
    assert "V_min" in df.columns and "A_holds_range" in df.columns
    assert list(df["condition"].astype(str)) == ["closed", "2-4.5", "closed", "2-4.5"]
    program = run_cli("screen", "Li6PS5Cl", "Li3InCl6", "--against", "Li2RuO3", "--conditions", "closed,2.0-4.5",
                      "--format", "json", "--quiet").stdout.splitlines()
    assert rows.to_dict()["rows"] == [json.loads(line) for line in program]


@pytest.mark.parametrize("bad, words", [
    ({"range": (4.5, 2.0)}, "range"),
    ({"range": "4.5-2"}, "range"),
    ({"range": "two-four"}, "range"),
])
def test_bad_ranges_name_the_argument(db, bad, words):
    with pytest.raises(interphase.InputError, match=words):
        interphase.react("Li6PS5Cl", "Li2RuO3", data=db, **bad)
    with pytest.raises(interphase.InputError, match=words):
        interphase.coat("Li6PS5Cl", "Li2RuO3", candidates=["Li3PO4"], data=db, **bad)


def test_coat_refuses_without_a_cathode(db):
    with pytest.raises(interphase.InputError, match="cathode"):
        interphase.coat("Li6PS5Cl", [], data=db)
