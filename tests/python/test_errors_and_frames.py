"""Errors raise the documented exceptions with the program's one-line
messages; results convert to DataFrames with the documented columns."""

from __future__ import annotations

import os
import sys

import pytest

import interphase
from conftest import cli_error


def test_bad_formula_is_a_value_error_with_the_cli_message(db):
    with pytest.raises(ValueError) as e:
        interphase.react("Li6PS5Xx", "Li2RuO3", data=db)
    assert isinstance(e.value, interphase.InputError) and isinstance(e.value, interphase.Error)
    assert str(e.value) == cli_error("react", "Li6PS5Xx", "Li2RuO3")


def test_bad_settings_are_value_errors(db):
    with pytest.raises(ValueError, match="energy"):
        interphase.react("Li6PS5Cl", "Li2RuO3", data=db, energy="mutal")
    with pytest.raises(ValueError) as e:
        interphase.react("Li6PS5Cl", "Li2RuO3", data=db, voltage=1e9)
    assert "outside the accepted range" in str(e.value)
    with pytest.raises(ValueError):
        interphase.react("Li6PS5Cl", "Li2RuO3", data=db, open={"Li": -3.0}, voltage=3)
    with pytest.raises(ValueError):
        interphase.screen(["Li6PS5Cl"], ["Li2RuO3"], conditions=["closed", "hot"], data=db)
    with pytest.raises(ValueError):
        interphase.react("Li6PS5Cl", "Li2RuO3", data=db).composite(1.5)


def test_open_element_absent_is_the_cli_message(db):
    with pytest.raises(ValueError) as e:
        interphase.react("LiCl", "Li2O", data=db, open={"He": -1.0})
    assert str(e.value) == cli_error("react", "LiCl", "Li2O", "--mu", "He=-1")


def test_warnings_go_to_stderr_as_the_program_writes_them(db, capfd):
    r = interphase.react("LiCl", "Li2O", data=db, open={"He": -1.0, "Li": -3.0})
    assert r.open == {"Li": -3.0}
    assert "interphase: warning: open He: no compound of Cl-He-Li-O holds it" in capfd.readouterr().err
    interphase.set_log_level("error")
    try:
        interphase.react("LiCl", "Li2O", data=db, open={"He": -1.0, "Li": -3.0})
        assert "open He" not in capfd.readouterr().err
    finally:
        interphase.set_log_level("warning")


def test_missing_file_is_a_file_not_found_error(db, tmp_path):
    missing = str(tmp_path / "nothing.csv")
    with pytest.raises(FileNotFoundError) as e:
        db.import_file(missing)
    assert isinstance(e.value, interphase.DataError)
    assert str(e.value) == cli_error("db", "import", missing, "--db", str(tmp_path / "other.sqlite"))
    with pytest.raises(FileNotFoundError):  # the data that would build a new database
        interphase.Database(tmp_path / "new.sqlite", data=missing, create=True).info()
    assert not (tmp_path / "new.sqlite").exists()


def test_unknown_dataset_is_a_data_error(db):
    with pytest.raises(interphase.DataError) as e:
        interphase.react("Li2O", "LiCl", data=interphase.Database(db.path, dataset="nope"))
    assert not isinstance(e.value, ValueError)
    assert str(e.value) == cli_error("react", "Li2O", "LiCl", "--dataset", "nope")


def test_thermo_error(db):
    pd = db.phase_diagram("Li-O")
    with pytest.raises(interphase.ThermoError):
        pd.hull_energy("LiCoO2")  # Co is not in Li-O
    with pytest.raises(interphase.Error):
        pd.e_above_hull("Li5O3")  # no entry of that composition


def test_import_add_remove(tmp_path):
    csv = tmp_path / "mine.csv"
    csv.write_text("formula,target\nLi,0\nO2,0\nLi2O,-2.0\nLi2O2,-1.0\n")
    d = interphase.Database(tmp_path / "mine.sqlite")
    record = d.import_file(csv)
    assert record["name"] == "mine" and record["n_entries"] == 4
    assert [s["name"] for s in d.info()["datasets"]] == ["mine"]  # the default data was not imported
    added = d.add("LiO2", -0.5, id="my:1")
    # Li2O2 (-1.0) lies above Li2O (-2.0) + O2 (0): at LiO2 (x_O = 2/3) the hull is
    # half Li2O, half O2 by atoms, -1.0 eV/atom, so LiO2 sits 0.5 above it.
    assert added.id == "my:1" and added.e_above_hull == pytest.approx(0.5, abs=1e-12)
    assert added.decomposition == pytest.approx({"Li2O": 0.5, "O2": 0.5}, abs=1e-12)
    assert d.decompose("LiO2")["entry_id"] == "my:1"
    assert d.remove("my:1").e_form == -0.5
    with pytest.raises(interphase.DataError):
        d.remove("my:1")


def test_reaction_dataframe_columns(db):
    r = interphase.react("Li6PS5Cl", "Li2RuO3", data=db)
    df = r.to_dataframe()
    assert list(df.columns) == ["x", "x_molar", "x_mass", "energy", "energy_kj_mol", "reaction", "products"]
    assert len(df) == len(r.kinks)
    assert df["energy"].min() == r.minimum.energy
    assert list(df["x"]) == sorted(df["x"])


def test_other_dataframes(db):
    m = interphase.map("Li3InCl6", "Li2RuO3", data=db).to_dataframe()
    assert list(m.columns) == ["x0", "x1", "V0", "V1", "products", "energy_x0_V0", "energy_x1_V0",
                               "energy_x0_V1", "energy_x1_V1"]
    s = interphase.sweep("Li3InCl6", "Li2RuO3", data=db, step=1).to_dataframe()
    assert list(s.columns) == ["V", "x", "energy", "reaction", "products"] and len(s) == 6
    w = interphase.window("Li3InCl6", data=db)["profile"].to_dataframe()
    assert list(w.columns) == ["V", "mu", "evolution", "phases"]
    rows = interphase.screen("Li3InCl6", ["Li2RuO3", "LiCoO2"], conditions=["closed", 4], data=db, windows=True)
    df = rows.to_dataframe()
    # condition: an ordered Categorical of "closed" and volts (floats); V beside it, the volts to plot against.
    assert list(df.columns) == ["A", "B", "condition", "V", "chemsys", "energy", "x", "x_mass", "products", "reaction",
                                "error", "A_reduction_V", "A_oxidation_V", "B_reduction_V", "B_oxidation_V",
                                "A_covers_V"]
    assert list(df["condition"]) == ["closed", 4.0, "closed", 4.0]
    assert list(df.sort_values("condition", kind="stable")["condition"]) == ["closed", "closed", 4.0, 4.0]
    assert df["V"].isna().tolist() == [True, False, True, False] and df["V"][1] == 4.0


def test_to_dataframe_without_pandas(db, monkeypatch):
    monkeypatch.setitem(sys.modules, "pandas", None)  # import pandas now fails
    r = interphase.react("Li6PS5Cl", "Li2RuO3", data=db)
    with pytest.raises(ImportError, match="to_dataframe\\(\\) needs pandas"):
        r.to_dataframe()


def test_docstrings():
    for name in interphase.__all__:
        assert getattr(interphase, name).__doc__, name
    assert "dE(x) = E_hull(c(x))" in interphase.react.__doc__
    for method in ("import_file", "add", "remove", "info", "stability", "phase_diagram"):
        assert getattr(interphase.Database, method).__doc__, method
