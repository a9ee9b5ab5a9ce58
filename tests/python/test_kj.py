"""Every kink's reaction energy per mole of reaction formula (energy_kj_mol,
kJ/mol) against pymatgen 2022.11.7's get_kinks() (its 5th element,
energy_per_rxn_formula; tests/reference/kj_reference.json, written by
tests/reference/make_kj_reference.py), for both seed pairs: closed (mutual and
total) and with Li open at 3 V."""

from __future__ import annotations

import json
import os

import pytest

import interphase
from conftest import REFERENCE_DIR, SEED_PAIRS


@pytest.fixture(scope="module")
def reference() -> dict:
    with open(os.path.join(REFERENCE_DIR, "kj_reference.json"), encoding="utf-8") as f:
        ref = json.load(f)
    return {(p["c1"], p["c2"]): p for p in ref["pairs"]}


def check(r: interphase.Reaction, expected: list) -> None:
    assert [k.x for k in r.kinks] == pytest.approx([k["x"] for k in expected], abs=1e-6)
    for mine, theirs in zip(r.kinks, expected):
        kj = theirs["energy_kj_mol"]
        assert mine["energy_kj_mol"] == pytest.approx(kj, rel=1e-6, abs=1e-6)
    # The same numbers in to_dict() (the program's JSON) and in the DataFrame.
    assert [k["energy_kj_mol"] for k in r.to_dict()["kinks"]] == [k["energy_kj_mol"] for k in r.kinks]
    assert list(r.to_dataframe()["energy_kj_mol"]) == [k["energy_kj_mol"] for k in r.kinks]


@pytest.mark.parametrize("pair", SEED_PAIRS, ids=lambda p: "+".join(p))
@pytest.mark.parametrize("form", ["mutual", "total"])
def test_closed_kinks_match_pymatgen(db, reference, pair, form):
    check(interphase.react(*pair, data=db, energy=form), reference[pair]["closed"]["forms"][form]["kinks"])


@pytest.mark.parametrize("pair", SEED_PAIRS, ids=lambda p: "+".join(p))
@pytest.mark.parametrize("form", ["mutual", "total_entry", "total_hull"])
def test_open_li_kinks_match_pymatgen(db, reference, pair, form):
    ref = reference[pair]["open"]
    energy, source = ("mutual", "entry") if form == "mutual" else ("total", form.split("_")[1])
    r = interphase.react(*pair, data=db, energy=energy, voltage=ref["V"], reactant_energy=source)
    check(r, ref["forms"][form]["kinks"])
