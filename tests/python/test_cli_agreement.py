"""The module's numbers are the program's: for both seed pairs, closed, at
3 V, their windows and maps, the module's results equal `interphase ...
--format json` exactly (the same doubles), and the seed pairs' kinks agree
with pymatgen's (tests/reference/reaction_reference.json)."""

from __future__ import annotations

import json
import math
import os

import pytest

import interphase
from conftest import REFERENCE_DIR, SEED_PAIRS, cli_json, run_cli


@pytest.mark.parametrize("a,b", SEED_PAIRS)
def test_react_closed_equals_cli(db, a, b):
    r = interphase.react(a, b, data=db)
    expected = cli_json("react", a, b)
    assert r.to_dict() == expected
    assert [dict(k) for k in r.kinks] == expected["kinks"]
    assert r.minimum.energy == expected["minimum"]["energy"]
    assert dict(r.composite(0.3)) == expected["composite"]


@pytest.mark.parametrize("a,b", SEED_PAIRS)
def test_react_uncertainty_equals_cli(db, a, b):
    """Analytic sigma and Monte Carlo through the module are the program's."""
    expected = cli_json("react", a, b, "--uncertainty", "--samples", "200", "--seed", "7", "--threads", "2")
    got = interphase.react(a, b, data=db, uncertainty=True, samples=200, seed=7, threads=2).to_dict()
    assert got == expected
    assert "energy_std_linear" in got["minimum"] and "p_react" in got["minimum"]
    # sigma 0: the same numbers as without uncertainty, and no spread.
    zero = interphase.react(a, b, data=db, uncertainty=True, sigma=0.0).to_dict()
    assert zero["minimum"]["energy"] == cli_json("react", a, b)["minimum"]["energy"]
    assert zero["minimum"]["energy_std_linear"] == 0.0
    with pytest.raises(ValueError):
        interphase.react(a, b, data=db, uncertainty=True, sigma=-1.0)


@pytest.mark.parametrize("a,b", SEED_PAIRS)
def test_react_total_equals_cli(db, a, b):
    assert interphase.react(a, b, data=db, energy="total").to_dict() == cli_json("react", a, b, "--energy", "total")


@pytest.mark.parametrize("a,b", SEED_PAIRS)
def test_react_3V_equals_cli(db, a, b):
    expected = cli_json("react", a, b, "--open", "Li", "--voltage", "3")
    assert interphase.react(a, b, data=db, voltage=3).to_dict() == expected
    assert interphase.react(a, b, data=db, open={"Li": -3.0}).to_dict() == expected
    assert expected["open"] == {"Li": -3.0}


@pytest.mark.parametrize("formula", ["Li6PS5Cl", "Li3InCl6", "Li2RuO3"])
def test_window_equals_cli(db, formula):
    w = interphase.window(formula, data=db)
    expected = cli_json("window", formula)
    assert {**w, "profile": [dict(s) for s in w["profile"]]} == expected


@pytest.mark.parametrize("a,b", SEED_PAIRS)
def test_map_equals_cli(db, a, b):
    m = interphase.map(a, b, data=db, start=0, stop=5)
    assert m.to_dict() == cli_json("map", a, b, "--from", "0", "--to", "5")
    assert len(m) == len(m.to_dict()["regions"])


def test_sweep_equals_cli(db):
    s = interphase.sweep("Li6PS5Cl", "Li2RuO3", data=db, start=0, stop=5, step=0.5)
    assert s.to_dict() == cli_json("sweep", "Li6PS5Cl", "Li2RuO3", "--from", "0", "--to", "5", "--step", "0.5")
    assert [row.V for row in s] == pytest.approx([0.5 * i for i in range(11)])


def test_screen_equals_cli(db):
    rows = interphase.screen(["Li6PS5Cl", "Li3InCl6", "Xx2O"], ["Li2RuO3", "LiCoO2"], conditions=["closed", 3, 4.5],
                             data=db, windows=True, threads=2)
    done = run_cli("screen", "Li6PS5Cl", "Li3InCl6", "Xx2O", "--against", "Li2RuO3", "LiCoO2",
                   "--conditions", "closed,3,4.5", "--windows", "--threads", "2", "--format", "json", "--quiet")
    expected = [json.loads(line) for line in done.stdout.splitlines()]
    # The rows carry the condition as Python values (3.0), to_dict() the program's lines as they are ("3").
    assert rows.to_dict()["rows"] == expected
    assert [{**r, "condition": e["condition"]} for r, e in zip(rows, expected)] == expected
    assert len(rows) == 18 and rows[0].condition == "closed" and rows[1].condition == 3.0
    assert [r.condition for r in rows[:3]] == ["closed", 3.0, 4.5]
    assert sum(r.error is not None for r in rows) == 6  # Xx2O: an unknown element, rows with the error


def test_decompose_and_hull_equal_cli(db):
    assert db.decompose("Li6PS5Cl") == cli_json("decompose", "Li6PS5Cl")
    assert db.hull("Li-In-Cl").to_dict() == cli_json("hull", "Li-In-Cl")
    assert db.hull("Li-In-Cl", all=True).to_dict() == cli_json("hull", "Li-In-Cl", "--all")


def test_phase_diagram_agrees_with_stored_stability(db):
    pd = db.phase_diagram("Li-P-S-Cl")
    assert pd.chemsys == "Cl-Li-P-S"
    d = db.decompose("Li6PS5Cl")
    assert pd.e_above_hull("Li6PS5Cl") == pytest.approx(d["e_above_hull"], abs=1e-9)
    assert pd.hull_energy("Li6PS5Cl") == pytest.approx(d["hull_energy"], abs=1e-9)
    assert pd.decomposition("Li6PS5Cl") == pytest.approx(d["decomposition"], abs=1e-9)
    stable = {e.formula for e in pd.stable_entries}
    assert {"Li3PS4", "Li2S", "LiCl"} <= stable and "Li6PS5Cl" not in stable
    lowest = d["entry_id"]
    assert pd.e_above_hull(lowest) == pytest.approx(d["e_above_hull"], abs=1e-9)


def test_seed_pairs_match_pymatgen(db):
    """The seed pairs' kinks against pymatgen 2022.11.7 (reaction_reference.json)."""
    with open(os.path.join(REFERENCE_DIR, "reaction_reference.json"), encoding="utf-8") as f:
        ref = json.load(f)
    pairs = {(p["c1"], p["c2"]): p for p in ref["pairs"]}
    for a, b in SEED_PAIRS:
        for form in ("mutual", "total"):
            expected = pairs[(a, b)]["forms"][form]["kinks"]
            r = interphase.react(a, b, data=db, energy=form)
            assert [k.x for k in r.kinks] == pytest.approx([k["x"] for k in expected], abs=1e-6)
            assert [k.energy for k in r.kinks] == pytest.approx([k["energy"] for k in expected], abs=1e-6)
    assert interphase.react("Li6PS5Cl", "Li2RuO3", data=db).minimum.energy == pytest.approx(-0.346314, abs=5e-7)
