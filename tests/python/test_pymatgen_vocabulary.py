"""What a pymatgen user expects: Compositions and entries wherever a formula
goes, pymatgen's PhaseDiagram method names (equal to the older names, to the
fixture written by pymatgen, and to pymatgen itself where it is installed),
clear TypeErrors naming the argument, and select() equal to the program's."""

from __future__ import annotations

import json
import os

import pytest

import interphase
from conftest import REFERENCE_DIR, SAMPLES_DIR, cli_json

SAMPLE = os.path.join(SAMPLES_DIR, "li-in-cl-ru-o.pymatgen-entries.json")
TOL = 1e-9


class Entry:
    """A pymatgen-like entry without pymatgen: .composition (a dict), .energy, .entry_id."""

    def __init__(self, composition: dict, energy: float = 0.0, entry_id=None):
        self.composition = composition
        self.energy = energy
        self.entry_id = entry_id


@pytest.fixture(scope="module")
def sample_dicts() -> list:
    with open(SAMPLE, encoding="utf-8") as f:
        return json.load(f)


@pytest.fixture(scope="module")
def sample(sample_dicts) -> interphase.Dataset:
    entries = [Entry(dict(d["composition"]), d["energy"] + d.get("correction", 0.0), d.get("entry_id"))
               for d in sample_dicts]
    return interphase.Dataset.from_pymatgen(entries)


@pytest.fixture(scope="module")
def reference() -> dict:
    with open(os.path.join(REFERENCE_DIR, "python_reference.json"), encoding="utf-8") as f:
        return json.load(f)


def test_mappings_and_entries_are_formulas(db):
    expected = interphase.react("Li6PS5Cl", "Li2RuO3", data=db).to_dict()
    a = Entry({"Li": 6, "P": 1, "S": 5, "Cl": 1})
    assert interphase.react(a, {"Li": 2, "Ru": 1, "O": 3}, data=db).to_dict() == expected
    stable = {e.name: e for e in db.phase_diagram("Li-Ru-O").stable_entries}
    r = interphase.react("Li6PS5Cl", stable["Li2RuO3"], data=db)  # a PhaseEntry is an entry
    assert r.to_dict() == expected
    assert db.decompose(stable["Li2RuO3"].composition) == db.decompose("Li2RuO3")


def test_pymatgen_compositions_and_entries_are_formulas(db):
    core = pytest.importorskip("pymatgen.core")
    entries = pytest.importorskip("pymatgen.entries.computed_entries")
    Composition = core.Composition
    assert Composition("Li6PS5Cl").formula == "Li6 P1 S5 Cl1"  # the module drops the 1s: "Li6PS5Cl"
    expected = interphase.react("Li6PS5Cl", "Li2RuO3", data=db, voltage=3).to_dict()
    got = interphase.react(Composition("Li6PS5Cl"), Composition("Li2RuO3"), data=db, voltage=3).to_dict()
    assert got == expected and got["reactants"] == ["Li6PS5Cl", "Li2RuO3"]
    a = entries.ComputedEntry(Composition("Li6PS5Cl"), -100.0)
    b = entries.ComputedEntry("Li2RuO3", -50.0)
    assert interphase.react(a, b, data=db, voltage=3).to_dict() == expected
    # A composition not in lowest terms keeps its formula unit: x_molar counts Li4O2.
    r = interphase.react(Composition("Li4O2"), "LiCl", data=db)
    assert r.reactants[0] == "Li4O2"
    assert [k.x for k in r.kinks] == [k.x for k in interphase.react("Li2O", "LiCl", data=db).kinks]
    rows = interphase.screen([Composition("Li6PS5Cl"), a], [b], voltage=3, data=db)
    assert [r.energy for r in rows] == [expected["minimum"]["energy"]] * 2
    pd = db.phase_diagram(["Li", "P", "S", "Cl"])
    assert pd.get_decomposition(Composition("Li6PS5Cl")) == pd.get_decomposition("Li6PS5Cl")
    assert interphase.window(Composition("Li3InCl6"), data=db) == interphase.window("Li3InCl6", data=db)


def test_a_wrong_type_is_a_type_error_naming_the_argument(db):
    with pytest.raises(TypeError, match=r"react\(\) argument 'a' must be a formula .*not int"):
        interphase.react(3, "Li2RuO3", data=db)
    with pytest.raises(TypeError, match="argument 'b'"):
        interphase.react("Li2O", object(), data=db)
    with pytest.raises(TypeError, match="argument 'voltage' must be a number"):
        interphase.react("Li2O", "LiCl", data=db, voltage="3")
    with pytest.raises(TypeError, match="argument 'samples' must be a whole number"):
        interphase.react("Li2O", "LiCl", data=db, samples="5")
    with pytest.raises(interphase.InputError, match="samples must be a whole number, got 1.5"):  # not truncated
        interphase.react("Li2O", "LiCl", data=db, samples=1.5)
    with pytest.raises(TypeError, match=r"screen\(\) argument 'a_list\[1\]'"):
        interphase.screen(["Li2O", 5], "LiCl", data=db)
    with pytest.raises(TypeError, match="argument 'data'"):
        interphase.react("Li2O", "LiCl", data=42)


def test_phase_diagram_pymatgen_names_equal_the_old_ones(db):
    pd = db.phase_diagram("Li-P-S-Cl")
    for f in ("Li6PS5Cl", "Li3PS4", "Li7P3S11", "LiCl"):
        assert pd.get_e_above_hull(f) == pd.e_above_hull(f)
        assert pd.get_decomposition(f) == pd.decomposition(f)
        assert pd.get_hull_energy_per_atom(f) == pd.hull_energy(f)
    stable = pd.stable_entries
    assert all(isinstance(e, interphase.PhaseEntry) for e in stable)
    assert [e.id for e in stable] == [e.entry_id for e in stable]
    assert {e.formula for e in stable} >= {"Li3PS4", "Li2S", "LiCl"}  # still rows
    for e in stable:
        assert pd.get_e_above_hull(e) == 0.0 and e.energy_per_atom == e.e_form
        assert pd.get_decomposition(e.composition) == {e.name: 1.0}
        assert e.composition.reduced_formula == e.name
    everything = pd.all_entries
    assert len(everything) > len(stable) and [e.id for e in everything] == [e.id for e in pd.entries]
    for e in everything[:20]:
        assert pd.get_e_above_hull(e) == pytest.approx(e.e_above_hull, abs=1e-12)


def test_an_entry_outside_the_diagram_says_so(db):
    pd = db.phase_diagram("Li-P-S-Cl")
    outside = db.decompose("LiCoO2")["entry_id"]
    with pytest.raises(interphase.ThermoError) as e:
        pd.get_e_above_hull(outside)
    assert str(e.value) == f"entry '{outside}' (LiCoO2, elements Co-Li-O) is outside the phase diagram of Cl-Li-P-S"
    with pytest.raises(interphase.InputError, match="neither an entry id of data set 'mp_e_form' nor a formula"):
        pd.get_e_above_hull("mp_e_form:999999999")
    with pytest.raises(interphase.ThermoError, match="has no entry in Cl-Li-P-S"):
        pd.get_e_above_hull("Li5PS9")


def test_phase_diagram_equals_the_pymatgen_fixture(sample, reference):
    pd = sample.phase_diagram("Li-In-Cl-Ru-O")
    for entry_id, e_above_hull in reference["e_above_hull"].items():
        assert pd.get_e_above_hull(Entry({}, entry_id=entry_id)) == pytest.approx(e_above_hull, abs=TOL), entry_id
    for formula, expected in reference["compositions"].items():
        assert pd.get_hull_energy_per_atom(formula) == pytest.approx(expected["hull_energy"], abs=TOL), formula
        assert pd.get_decomposition(formula) == pytest.approx(expected["decomposition"], abs=TOL), formula


def test_phase_diagram_equals_pymatgen(sample, sample_dicts):
    """On the same entries, pymatgen's own PhaseDiagram (where pymatgen is installed)."""
    phase_diagram = pytest.importorskip("pymatgen.analysis.phase_diagram")
    computed = pytest.importorskip("pymatgen.entries.computed_entries")
    entries = [computed.ComputedEntry.from_dict(d) for d in sample_dicts]
    theirs = phase_diagram.PhaseDiagram(entries)
    ours = sample.phase_diagram("Li-In-Cl-Ru-O")
    for e in entries:
        assert ours.get_e_above_hull(e) == pytest.approx(theirs.get_e_above_hull(e), abs=TOL), e.entry_id
    assert {e.entry_id for e in ours.stable_entries} == {e.entry_id for e in theirs.stable_entries}
    refs = {el.symbol: theirs.el_refs[el].energy_per_atom for el in theirs.elements}
    for e in entries[::7]:
        comp = e.composition
        expected = {p.composition.reduced_formula: f for p, f in theirs.get_decomposition(comp).items()}
        assert ours.get_decomposition(comp) == pytest.approx(expected, abs=TOL), comp
        frac = comp.fractional_composition
        formation = theirs.get_hull_energy_per_atom(comp) - sum(frac[el] * refs[el.symbol] for el in comp.elements)
        assert ours.get_hull_energy_per_atom(comp) == pytest.approx(formation, abs=TOL), comp
    a = next(e for e in entries if e.composition.reduced_formula == "Li3InCl6")
    r = interphase.react(a, computed.ComputedEntry("Li2RuO3", 0.0), data=sample)
    assert r.to_dict() == interphase.react("Li3InCl6", "Li2RuO3", data=sample).to_dict()


@pytest.mark.parametrize("args,query", [
    (["--with", "Li,S", "--without", "O", "--stable", "--elements", "3-4", "--limit", "25"],
     dict(with_="Li,S", without=["O"], stable=True, elements=(3, 4), limit=25)),
    (["--only", "Li,P,S,Cl", "--max-ehull", "0.03", "--sort", "formula", "--polymorphs"],
     dict(only="Li-P-S-Cl", max_e_above_hull=0.03, sort="formula", polymorphs=True)),
    (["--any", "Cl,Br,I", "--with", "Li", "--elements", "3", "--limit", "10"],
     dict(any=["Cl", "Br", "I"], with_="Li", elements=3, limit=10)),
])
def test_select_equals_cli(db, args, query):
    rows = interphase.select(data=db, **query)
    expected = cli_json("select", *args)
    assert [dict(r) for r in rows] == expected and rows
    assert rows.to_dataframe()["reduced_formula"].tolist() == [r["reduced_formula"] for r in expected]


def test_select_rows_go_into_screen(db):
    chosen = interphase.select(with_="Li", only="Li,In,Cl", stable=True, data=db)
    rows = interphase.screen(chosen, "Li2RuO3", data=db)
    assert [r.A for r in rows] == [r.reduced_formula for r in chosen]
    with pytest.raises(ValueError, match=r"elements \(3, 2\)"):
        interphase.select(elements=(3, 2), data=db)
    with pytest.raises(ValueError, match="sort"):
        interphase.select(sort="size", data=db)
