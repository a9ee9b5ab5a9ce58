"""The database file the module is pointed at: an SQLite file of another
program is refused and left byte-identical, and an empty path is an
InputError naming the argument, never the default database."""

from __future__ import annotations

import sqlite3

import pytest

import interphase

_CSV = "formula,target\nLi,0\nO2,0\nLi2O,-2.0\nLi2O2,-1.6\n"


@pytest.fixture
def foreign(tmp_path):
    """An SQLite file of another program: one table, one row."""
    path = tmp_path / "foreign.sqlite"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
    con.execute("INSERT INTO notes (body) VALUES ('kept')")
    con.commit()
    con.close()
    return path


def test_a_foreign_sqlite_file_is_refused_and_left_unchanged(foreign, tmp_path):
    csv = tmp_path / "li_o.csv"
    csv.write_text(_CSV)
    before = foreign.read_bytes()
    calls = {
        "react(data=path)": lambda: interphase.react("Li2O", "Li2O2", data=str(foreign)),
        "Database(create=True)": lambda: interphase.Database(str(foreign), data=str(csv), create=True).decompose("Li2O"),
        "import_file": lambda: interphase.Database(str(foreign)).import_file(str(csv)),
        "add": lambda: interphase.Database(str(foreign)).add("Li2O", -2.1),
        "info": lambda: interphase.Database(str(foreign)).info(),
    }
    for name, call in calls.items():
        with pytest.raises(interphase.DataError, match="is not an interphase database"):
            call()
        assert foreign.read_bytes() == before, name
        assert not (tmp_path / "foreign.sqlite-wal").exists(), name


def test_an_empty_path_is_refused_by_name(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))  # where the default database would otherwise be built
    monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    csv = tmp_path / "li_o.csv"
    csv.write_text(_CSV)
    monkeypatch.setenv("INTERPHASE_DATA", str(csv))
    for call, argument in [(lambda: interphase.react("Li2O", "Li2O2", data=""), "data"),
                           (lambda: interphase.window("Li2O", data=""), "data"),
                           (lambda: interphase.Database(""), "path"),
                           (lambda: interphase.Database(str(tmp_path / "x.sqlite"), data=""), "data")]:
        with pytest.raises(interphase.InputError, match=f"{argument} is an empty path"):
            call()
    monkeypatch.setenv("INTERPHASE_DB", "")
    with pytest.raises(interphase.DataError, match="INTERPHASE_DB is set but empty"):
        interphase.Database().decompose("Li2O")
    assert not (tmp_path / ".local").exists()
