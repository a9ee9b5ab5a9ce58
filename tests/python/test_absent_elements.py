"""An element that no entry of the data set holds is refused by name (a
ThermoError with the program's message, as screen's rows say), never taken as
an element at 0 eV: react("Li3PS4", "Og2O3") once gave -1.231 eV/atom with Og
among the products."""

from __future__ import annotations

import pytest

import interphase
from conftest import cli_error


@pytest.fixture(scope="module")
def li_o(tmp_path_factory) -> interphase.Database:
    """A made-up Li-O data set: nothing of Co or Og."""
    d = tmp_path_factory.mktemp("li_o")
    csv = d / "li_o.csv"
    csv.write_text("formula,target\nLi,0\nO2,0\nLi2O,-2\nLi2O2,-1.6\n")
    return interphase.Database(str(d / "li_o.sqlite"), data=str(csv), create=True)


def test_reactions_name_the_elements(li_o):
    calls = [lambda: interphase.react("Li2O", "CoO", data=li_o),
             lambda: interphase.react("Li2O", "CoO", data=li_o, voltage=3),
             lambda: interphase.sweep("Li2O", "CoO", data=li_o),
             lambda: interphase.map("Li2O", "CoO", data=li_o),
             lambda: interphase.window("CoO", data=li_o)]
    for call in calls:
        with pytest.raises(interphase.ThermoError, match="^no entry of the data set holds Co: no reaction to compute$"):
            call()
    with pytest.raises(interphase.ThermoError, match="holds Co Og: no reaction"):
        interphase.react("CoO", "Og2O3", data=li_o)
    assert interphase.react("Li2O", "O2", data=li_o).minimum.energy < 0


def test_hulls_and_decompositions_name_the_elements(li_o):
    with pytest.raises(interphase.ThermoError, match="^no entry of the data set holds Co: no stability of CoO to compute$"):
        li_o.decompose("CoO")
    with pytest.raises(interphase.ThermoError, match="^no entry of the data set holds Co Og: no hull of Co-Li-O-Og"):
        li_o.hull(["Li", "O", "Co", "Og"])
    with pytest.raises(interphase.ThermoError, match="^no entry of the data set holds Co: no hull of Co-O"):
        li_o.phase_diagram("Co-O")


def test_screen_rows_say_the_same(li_o):
    rows = interphase.screen(["Li2O"], ["CoO"], data=li_o)
    assert rows[0]["error"] == "no entry of the data set holds Co: no reaction to compute"


def test_the_program_says_the_same(db):
    with pytest.raises(interphase.ThermoError) as e:
        interphase.react("Li3PS4", "Og2O3", data=db)
    assert str(e.value) == cli_error("react", "Li3PS4", "Og2O3")
    assert str(e.value) == "no entry of the data set holds Og: no reaction to compute"
