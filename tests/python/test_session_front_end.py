"""The module as a front end of the session layer: a database path that does
not exist, the stability notice on sys.stderr, threads sharing a database,
screen's voltage= and typed conditions, gas= through the library, messages in
Python's words, and the plots."""

from __future__ import annotations

import json
import math
import os
import sys
from concurrent.futures import ThreadPoolExecutor

import pytest

import interphase
from conftest import SEED_PAIRS, cli_error, cli_json, run_cli


def small_csv(tmp_path) -> str:
    path = tmp_path / "mine.csv"
    path.write_text("formula,target\nLi,0\nO2,0\nLi2O,-2.0\nLi2O2,-1.0\n")
    return str(path)


def test_a_database_path_that_does_not_exist_is_file_not_found(tmp_path):
    typo = tmp_path / "typo" / "path.sqlite"
    with pytest.raises(FileNotFoundError) as e:
        interphase.Database(typo).info()
    assert isinstance(e.value, interphase.DataFileNotFoundError)
    assert str(e.value) == f"database '{typo}' does not exist (check the path, or pass create=True to build it)"
    with pytest.raises(interphase.DataFileNotFoundError):
        interphase.react("Li2O", "LiCl", data=str(typo))
    assert not typo.exists() and not typo.parent.exists()  # nothing was built there
    created = interphase.Database(tmp_path / "new.sqlite", data=small_csv(tmp_path), create=True)
    assert created.decompose("Li2O2")["e_above_hull"] == pytest.approx(0.5, abs=1e-12)  # above 3/4 Li2O + 1/4 O2
    assert (tmp_path / "new.sqlite").exists()
    assert interphase.Database(tmp_path / "new.sqlite").info()["datasets"][0]["name"] == "mine"  # now it exists


def test_the_stability_notice_goes_through_sys_stderr(tmp_path, capsys):
    d = interphase.Database(tmp_path / "new.sqlite", data=small_csv(tmp_path), create=True)
    d.hull("Li-O")
    err = capsys.readouterr().err
    assert ("interphase: computing the stability of the 4 entries of data set 'mine' (once; stored in the database)"
            " ... done in ") in err
    d.hull("Li-O")
    assert capsys.readouterr().err == ""  # stored: said once


def test_threads_share_a_database(db):
    serial = [interphase.react(a, b, data=db, voltage=v).to_dict() for a, b in SEED_PAIRS for v in (None, 3)]
    jobs = [(a, b, v) for a, b in SEED_PAIRS for v in (None, 3)] * 3
    with ThreadPoolExecutor(4) as pool:
        parallel = list(pool.map(lambda j: interphase.react(j[0], j[1], data=db, voltage=j[2]).to_dict(), jobs))
    assert parallel == serial * 3


def test_screen_voltage_keyword_and_typed_conditions(db):
    rows = interphase.screen(["Li6PS5Cl", "Li3InCl6"], "Li2RuO3", voltage=3, data=db)
    assert [r.condition for r in rows] == [3.0, 3.0]
    assert [r.energy for r in rows] == [interphase.react(a, "Li2RuO3", data=db, voltage=3).minimum.energy
                                        for a in ("Li6PS5Cl", "Li3InCl6")]
    done = run_cli("screen", "Li6PS5Cl", "Li3InCl6", "--against", "Li2RuO3", "--voltage", "3", "--format", "json",
                   "--quiet")
    assert rows.to_dict()["rows"] == [json.loads(line) for line in done.stdout.splitlines()]
    both = interphase.screen("Li6PS5Cl", "Li2RuO3", conditions="closed", voltage=[3, 4.5], data=db)
    assert [r.condition for r in both] == ["closed", 3.0, 4.5]
    chempots = interphase.screen("Li6PS5Cl", "Li2RuO3", open={"Li": -3}, data=db)
    assert chempots[0].condition == {"Li": -3.0} and chempots[0].energy == rows[0].energy
    assert chempots.to_dict()["rows"][0]["condition"] == "Li=-3"
    df = interphase.screen(["Li6PS5Cl", "Li3InCl6"], "Li2RuO3", conditions=[4.5, "closed", 3], data=db).to_dataframe()
    assert list(df["condition"].cat.categories) == [4.5, "closed", 3.0]  # the order asked, which sorting keeps
    assert list(df.sort_values(["condition", "A"])["condition"]) == [4.5, 4.5, "closed", "closed", 3.0, 3.0]
    assert df["V"].dtype.kind == "f" and math.isnan(df["V"][1]) and df["V"][2] == 3.0
    with pytest.raises(ValueError, match="condition 3.0 given twice"):
        interphase.screen("Li6PS5Cl", "Li2RuO3", conditions=[3], voltage=3, data=db)


def test_gas_becomes_a_chemical_potential_as_the_program_has_it(db):
    r = interphase.react("Li2RuO3", "Li3InCl6", data=db, open={"Li": -4}, gas={"O": (298.15, 21000)})
    assert r.to_dict() == cli_json("react", "Li2RuO3", "Li3InCl6", "--mu", "Li=-4", "--gas", "O=298.15,21000")
    with pytest.raises(ValueError, match="given twice"):
        interphase.react("Li2RuO3", "Li3InCl6", data=db, open={"O": -1}, gas={"O": (1000, 1e5)})
    with pytest.raises(ValueError, match="only O, N, Cl, F and H"):
        interphase.react("Li2RuO3", "Li3InCl6", data=db, gas={"Li": (1000, 1e5)})


def test_sweep_uncertainty_equals_cli(db):
    s = interphase.sweep("Li3InCl6", "Li2RuO3", data=db, step=1, uncertainty=True)
    assert s.to_dict() == cli_json("sweep", "Li3InCl6", "Li2RuO3", "--step", "1", "--uncertainty")
    assert "energy_std_linear" in s.to_dataframe().columns


def test_messages_name_keywords_not_options(db):
    with pytest.raises(ValueError) as e:
        interphase.sweep("Li6PS5Cl", "Li2RuO3", data=db, start=3, stop=1)
    cli = cli_error("sweep", "Li6PS5Cl", "Li2RuO3", "--from", "3", "--to", "1")
    assert "--from" in cli and str(e.value) == cli.replace("--from", "start").replace("--to", "stop")
    assert str(e.value) == "voltage range is empty: start 3.000000 > stop 1.000000"
    with pytest.raises(ValueError, match="^start: 1e\\+09 V is outside the accepted range"):
        interphase.map("Li6PS5Cl", "Li2RuO3", data=db, start=1e9)
    with pytest.raises(ValueError, match="^step: "):
        interphase.sweep("Li6PS5Cl", "Li2RuO3", data=db, step=1e9)
    with pytest.raises(ValueError, match="use a larger step, or `map`"):
        interphase.sweep("Li6PS5Cl", "Li2RuO3", data=db, step=1e-6)
    for call in (lambda: interphase.screen("Li2O", "LiCl", conditions=["hot"], data=db),
                 lambda: interphase.react("Li2O", "LiCl", open="Na", data=db),
                 lambda: interphase.react("Li2O", "LiCl", open=["Li", "O"], voltage=3, data=db)):
        with pytest.raises(ValueError) as e:
            call()
        assert "--" not in str(e.value)


@pytest.fixture
def agg():
    matplotlib = pytest.importorskip("matplotlib")
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    yield plt
    plt.close("all")


def test_reaction_plot(db, agg):
    r = interphase.react("Li6PS5Cl", "Li2RuO3", data=db)
    ax = r.plot()
    assert ax.get_xlabel() == "x, atomic fraction of $\\mathregular{Li_{6}PS_{5}Cl}$"
    assert ax.get_ylabel() == "reaction energy, eV/atom"
    assert ax.get_title() == "$\\mathregular{Li_{6}PS_{5}Cl}$ + $\\mathregular{Li_{2}RuO_{3}}$\nmutual reaction energy, closed"
    # Kinks numbered from 1, as the program's SVG and the web app number them (kink n is r.kinks[n - 1]).
    assert [t.get_text() for t in ax.texts] == [str(i + 1) for i in range(len(r.kinks))]
    assert [t.xy for t in ax.texts] == [(k.x, k.energy) for k in r.kinks]
    stars = [l for l in ax.lines if l.get_marker() == "*"]
    assert len(stars) == 1 and list(stars[0].get_xdata()) == [r.minimum.x]
    assert list(stars[0].get_ydata()) == [r.minimum.energy]
    # The table under the axes: number, x and energy to 4 decimals, and the products of each kink.
    (table,) = ax.tables
    cells = table.get_celld()
    assert [cells[0, c].get_text().get_text() for c in range(4)] == ["#", "x", "E (eV/atom)", "products"]
    for i, k in enumerate(r.kinks, start=1):
        assert cells[i, 0].get_text().get_text() == str(i)
        assert abs(float(cells[i, 1].get_text().get_text()) - k.x) <= 5e-5
        assert abs(float(cells[i, 2].get_text().get_text()) - k.energy) <= 5e-5
        assert cells[i, 3].get_text().get_text().count("$\\mathregular{") == len(k.products)
    assert cells[5, 3].get_text().get_text() == ("$\\mathregular{Li_{3}PO_{4}}$ + $\\mathregular{Li_{2}S}$ + "
                                                 "$\\mathregular{RuS_{2}}$ + $\\mathregular{LiCl}$")  # the minimum's
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend[1] == f"minimum (kink 5): {r.minimum.energy:.4f} eV/atom at x = {r.minimum.x:.3f}"
    assert legend[2].startswith("30 wt% $\\mathregular{Li_{6}PS_{5}Cl}$: ") and " eV/atom at x = " in legend[2]
    open_ax = interphase.react("Li6PS5Cl", "Li2RuO3", data=db, voltage=3).plot()
    assert open_ax.get_ylabel() == "reaction energy, eV per non-Li atom"
    assert open_ax.get_title().endswith("\nmutual reaction energy, Li open at 3 V vs Li/Li+")
    assert " eV per non-Li atom at x = " in open_ax.get_legend().get_texts()[1].get_text()
    fig, axes = agg.subplots(1, 2)
    assert r.plot(ax=axes[1], annotate=False) is axes[1] and not axes[1].texts and not axes[1].tables
    sweep_ax = interphase.sweep("Li6PS5Cl", "Li2RuO3", data=db, step=0.5).plot()
    assert sweep_ax.get_xlabel() == "V vs Li/Li+"
    assert sweep_ax.get_ylabel() == "minimum reaction energy, eV per non-Li atom"


def test_plot_without_matplotlib(db, monkeypatch):
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    monkeypatch.setitem(sys.modules, "matplotlib.pyplot", None)
    with pytest.raises(ImportError, match="plot\\(\\) needs matplotlib"):
        interphase.react("Li6PS5Cl", "Li2RuO3", data=db).plot()
