"""Odd input from Python: select's contradictory filters named by this
module's keywords, data= naming no file, and screen's conditions."""

from __future__ import annotations

import re

import pytest

import interphase


@pytest.fixture
def small(tmp_path) -> interphase.Database:
    csv = tmp_path / "li_co_o.csv"
    csv.write_text("formula,target\nLi,0\nO2,0\nCo,0\nLi2O,-2\nCoO,-1.2\nLiCoO2,-1.8\n")
    d = interphase.Database(str(tmp_path / "small.sqlite"), data=str(csv), create=True)
    d.decompose("Li2O")  # built, its stability stored
    return d


def test_select_errors_name_the_keywords(small):
    # The library names the filter {with}; the keyword is with_ (with is Python's own word).
    for kwargs, expected in [({"with_": "Li", "without": "Li"}, "with_ and without both name Li"),
                             ({"with_": "Co", "only": "Li,O"}, "with_ names Co, which only leaves out"),
                             ({"stable": True, "max_e_above_hull": 0.1}, "stable and max_e_above_hull: give one")]:
        with pytest.raises(interphase.InputError, match="^" + re.escape(expected)):
            interphase.select(data=small, **kwargs)


def test_missing_data_file_is_refused_always(small, tmp_path):
    # The database holds data already; data= naming no file was passed over in silence.
    missing = str(tmp_path / "no-such.csv")
    d = interphase.Database(small.path, data=missing)
    with pytest.raises(interphase.DataFileNotFoundError,
                       match="^" + re.escape(f"data '{missing}': No such file or directory")):
        d.decompose("Li2O")


def test_conditions_each_once_and_some(small):
    for conditions in ([0, -0.0], ["closed", "closed"]):
        with pytest.raises(interphase.InputError, match="given twice in conditions"):
            interphase.screen(["Li2O"], ["CoO"], conditions, data=small)
    for conditions, expected in [("", "condition '' in conditions: expected"), ("0x3", "condition '0x3' in conditions"),
                                 ([], "conditions is empty")]:
        with pytest.raises(interphase.InputError, match="^" + re.escape(expected)):
            interphase.screen(["Li2O"], ["CoO"], conditions, data=small)
