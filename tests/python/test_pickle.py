"""Requests and results go between processes (multiprocessing, Dask, Parsl):
every result object pickles and loads equal; a Database pickles as its path,
a Dataset as its whole data; a Reaction loaded from a pickle keeps its kinks,
minimum and document, and its energy_at between two kinks is the straight
line through them (by hand below); a PhaseDiagram is refused, saying why."""

from __future__ import annotations

import multiprocessing
import pickle

import pytest

import interphase


def roundtrip(obj):
    return pickle.loads(pickle.dumps(obj))


def test_results_load_equal(db):
    screen = interphase.screen(["Li3PS4", "Xx2O"], ["LiCoO2", "Li2RuO3"], ["closed", 3.0, (2.0, 4.5)], data=db,
                               windows=True)
    got = roundtrip(screen)
    assert type(got) is interphase.ScreenRows and got == screen and got.meta == screen.meta
    assert got.to_dataframe().equals(screen.to_dataframe()) and got.to_dict() == screen.to_dict()
    sweep = interphase.sweep("Li3PS4", "LiCoO2", data=db)
    assert roundtrip(sweep) == sweep and roundtrip(sweep).to_dataframe().equals(sweep.to_dataframe())
    rows = interphase.select(with_="Li", elements=2, limit=4, data=db)
    assert roundtrip(rows) == rows and roundtrip(rows[0]).e_above_hull == rows[0].e_above_hull
    coat = interphase.coat("Li3PS4", "LiCoO2", candidates=["Li3PO4", "LiNbO3", "Xx"], data=db)
    c = roundtrip(coat)
    assert c == coat and c.to_dict() == coat.to_dict() and c.passing == coat.passing and c.funnel == coat.funnel
    entries = db.phase_diagram("Li-O").all_entries
    e = roundtrip(entries)
    assert e == entries and e[0].name == entries[0].name and e[0].composition == entries[0].composition


def test_reaction_loads_with_its_kinks(db):
    r = interphase.react("Li3PS4", "LiCoO2", data=db)
    got = roundtrip(r)
    assert got.to_dict() == r.to_dict() and got.kinks == r.kinks and got.minimum == r.minimum
    assert got.composite() == r.composite() and repr(got) == repr(r)
    k1, k2 = got.kinks[1], got.kinks[2]
    mid = (k1.x + k2.x) / 2
    assert got.energy_at(mid) == pytest.approx((k1.energy + k2.energy) / 2, abs=1e-15)
    assert got.energy_at(mid) == pytest.approx(r.energy_at(mid), abs=1e-12)
    assert got.energy_at(k1.x) == k1.energy
    with pytest.raises(interphase.Error, match="react"):
        got.composite(0.5)


def test_database_pickles_as_its_path(db):
    got = roundtrip(db)
    assert type(got) is interphase.Database and got.path == db.path and got.info() == db.info()
    assert len(pickle.dumps(db)) < 1000


def test_dataset_pickles_with_its_data():
    PDEntry = pytest.importorskip("pymatgen.analysis.phase_diagram").PDEntry
    Composition = pytest.importorskip("pymatgen.core").Composition
    entries = [PDEntry(Composition("Li"), 0.0), PDEntry(Composition("O2"), 0.0),
               PDEntry(Composition("Li2O"), -6.0), PDEntry(Composition("Li2O2"), -6.4)]
    ds = interphase.Dataset.from_pymatgen(entries)
    got = roundtrip(ds)
    assert got.path != ds.path  # a database of its own
    assert [dict(r) for r in got.stability()] == [dict(r) for r in ds.stability()]
    del ds  # its temporary directory goes; the loaded one stays
    # By hand: Li2O -2.0 eV/atom, Li2O2 -1.6 (below the Li2O-O2 line, -1.5, so stable);
    # 3/4 Li2O + 1/4 O2 (per atom) -> Li2O2: -1.6 - 3/4 (-2.0) = -0.1 eV/atom at x = 3/4.
    m = interphase.react("Li2O", "O2", data=got).minimum
    assert m.energy == pytest.approx(-0.1, abs=1e-12) and m.x == pytest.approx(0.75, abs=1e-12)


def test_phase_diagram_is_refused_saying_why(db):
    with pytest.raises(TypeError, match="view of its database"):
        pickle.dumps(db.phase_diagram("Li-O"))


def _minimum(args):
    a, b, data = args
    return interphase.react(a, b, data=data)


def test_multiprocessing_pool(db):
    pairs = [("Li3PS4", "LiCoO2"), ("Li6PS5Cl", "Li2RuO3"), ("LiPON", "LiCoO2")]
    with multiprocessing.get_context("spawn").Pool(2) as pool:
        got = pool.map(_minimum, [(a, b, db) for a, b in pairs])
    assert [r.to_dict() for r in got] == [interphase.react(a, b, data=db).to_dict() for a, b in pairs]
