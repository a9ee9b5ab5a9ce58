"""Database.check compares every stored stability result with a computation
afresh (each way of changing them with sqlite3 is found; quick=True keeps the
cheap check), and read_screen_record reads the settings record a screen's
--output file carries."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess

import pytest

import interphase

# Made-up Li-O data (by hand, SCIENCE.md): Li2O -2.0 and Li2O2 -1.6 stable;
# Li3O -1.0 lies 0.5 above Li + Li2O; LiO2 -0.9 lies 1/6 above Li2O2 + O2.
_CSV = "formula,target\nLi,0\nO2,0\nLi3O,-1.0\nLi2O,-2.0\nLi2O2,-1.6\nLiO2,-0.9\n"

_TAMPERED = {
    "flag and energy": ("UPDATE stability SET e_above_hull = 0.5, stable = 1 WHERE {row}", "LiO2",
                        "stored as stable, computed not stable"),
    "energy": ("UPDATE stability SET e_above_hull = 0.3 WHERE {row}", "LiO2",
               "e_above_hull 0.3 stored, 0.166667 computed"),
    "missing entry": ("UPDATE stability SET decomposition = '999999:1' WHERE {row}", "LiO2",
                      "names entry row 999999, which the data set does not hold"),
}


def _database(tmp_path, name):
    csv = tmp_path / "li_o.csv"
    csv.write_text(_CSV)
    path = tmp_path / name
    db = interphase.Database(str(path), create=True)
    db.import_file(str(csv), name="li_o")
    db.stability()
    return path


def test_an_untouched_database_is_healthy(tmp_path):
    path = _database(tmp_path, "db.sqlite")
    report = interphase.Database(str(path)).check()
    assert report["healthy"], report
    assert any("computation afresh" in line for line in report["passed"]), report
    quick = interphase.Database(str(path)).check(quick=True)
    assert quick["healthy"] and not any("afresh" in line for line in quick["passed"]), quick
    with pytest.raises(interphase.InputError, match="quick"):
        interphase.Database(str(path)).check(quick="yes")


@pytest.mark.parametrize("case", sorted(_TAMPERED))
def test_each_tampered_result_fails_the_check(tmp_path, case):
    sql, formula, expected = _TAMPERED[case]
    path = _database(tmp_path, "db.sqlite")
    con = sqlite3.connect(path)
    con.execute(sql.format(row=f"entry_id = (SELECT id FROM entry WHERE reduced_formula = '{formula}')"))
    con.commit()
    con.close()
    before = path.read_bytes()
    report = interphase.Database(str(path)).check()
    assert not report["healthy"]
    text = " ".join(p["what"] for p in report["problems"])
    assert formula in text and expected in text, text
    assert interphase.Database(str(path)).check(quick=True)["healthy"]
    assert path.read_bytes() == before


def test_the_screen_record_is_read_as_written(tmp_path):
    path = _database(tmp_path, "db.sqlite")
    out = tmp_path / "screen.csv"
    cli = os.environ.get("INTERPHASE_CLI")
    if not cli:
        pytest.skip("INTERPHASE_CLI not set")
    subprocess.run([cli, "screen", "Li2O", "--against", "LiO2", "--conditions", "closed,1", "--quiet", "--format",
                    "csv", "--output", str(out), "--db", str(path)], check=True)
    record = interphase.read_screen_record(out)
    assert record == json.loads((tmp_path / "screen.csv.settings.json").read_text())
    assert record["a"] == ["Li2O"] and record["conditions"] == ["closed", "1"] and record["dataset"] == "li_o"
    with pytest.raises(interphase.DataError, match="settings record"):
        interphase.read_screen_record(tmp_path / "none.csv")
