"""Every bad argument of a public function is an InputError (a ValueError)
naming the argument: an int beyond a float (voltage=10**400) was an
OverflowError, gas={"O": (1,)} an IndexError or TypeError, a str composition
in from_pymatgen a bare "dictionary update sequence" ValueError, a NaN energy
there named an internal temporary file, and threshold=nan gave p_react 0.
Also: a Ctrl-C during a long call interrupts it (KeyboardInterrupt)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap

import pytest

import interphase


@pytest.fixture(scope="module")
def li_o(tmp_path_factory) -> interphase.Database:
    d = tmp_path_factory.mktemp("li_o_arguments")
    csv = d / "li_o.csv"
    csv.write_text("formula,target\nLi,0\nO2,0\nLi2O,-2\nLi2O2,-1.6\n")
    return interphase.Database(str(d / "li_o.sqlite"), data=str(csv), create=True)


class _Entry:
    def __init__(self, composition, energy):
        self.composition = composition
        self.energy = energy


HUGE = 10 ** 400


@pytest.mark.parametrize("name, call, words", [
    ("voltage", lambda db: interphase.react("Li2O", "O2", data=db, voltage=HUGE), "voltage"),
    ("open", lambda db: interphase.react("Li2O", "O2", data=db, open={"Li": HUGE}), "open['Li']"),
    ("sigma", lambda db: interphase.react("Li2O", "O2", data=db, uncertainty=True, sigma=HUGE), "sigma"),
    ("threshold", lambda db: interphase.react("Li2O", "O2", data=db, samples=10, threshold=float("nan")),
     "threshold"),
    ("threshold inf", lambda db: interphase.react("Li2O", "O2", data=db, samples=10, threshold=float("inf")),
     "threshold"),
    ("gas short", lambda db: interphase.react("Li2O", "O2", data=db, gas={"O": (1,)}), "gas['O']"),
    ("gas text", lambda db: interphase.react("Li2O", "O2", data=db, gas={"O": "x"}), "gas['O']"),
    ("start", lambda db: interphase.sweep("Li2O", "O2", data=db, start=HUGE), "start"),
    ("range", lambda db: interphase.react("Li2O", "O2", data=db, range=(0, HUGE)), "range"),
    ("conditions", lambda db: interphase.screen(["Li2O"], ["O2"], data=db, conditions=[HUGE]), "conditions"),
    ("energy_at", lambda db: interphase.react("Li2O", "O2", data=db).energy_at(HUGE), "x"),
    ("composite", lambda db: interphase.react("Li2O", "O2", data=db).composite(HUGE), "wt_fraction"),
    ("e_form", lambda db: db.add("Li2O", HUGE), "e_form"),
    ("max_e_above_hull", lambda db: interphase.select(with_="Li", data=db, max_e_above_hull=HUGE),
     "max_e_above_hull"),
    ("formula amount", lambda db: interphase.react({"Li": HUGE, "O": 1}, "O2", data=db), "a: an amount"),
    ("seed", lambda db: interphase.react("Li2O", "O2", data=db, samples=10, seed=-1), "seed"),
    ("samples", lambda db: interphase.react("Li2O", "O2", data=db, samples=1.5), "samples"),
])
def test_a_bad_number_is_an_input_error_naming_the_argument(li_o, name, call, words):
    with pytest.raises(interphase.InputError) as e:
        call(li_o)
    assert isinstance(e.value, ValueError)
    assert words in str(e.value), (name, str(e.value))


@pytest.mark.parametrize("composition, energy, words", [
    ("Li2O", -14.0, "composition must be a pymatgen Composition or a mapping"),
    ({"Li": 2, "O": 1}, float("nan"), "finite"),
    ({"Li": float("inf"), "O": 1}, -14.0, "finite"),
    ({"Li": 2, "O": 1}, HUGE, "must be numbers"),
])
def test_from_pymatgen_names_the_entry_not_a_temporary_file(composition, energy, words):
    with pytest.raises(interphase.InputError) as e:
        interphase.Dataset.from_pymatgen([_Entry({"Li": 1}, -1.9), _Entry(composition, energy)])
    assert str(e.value).startswith("entry 2: ") and words in str(e.value)
    assert "interphase-" not in str(e.value) and ".json" not in str(e.value)


def test_a_phase_diagram_of_eleven_elements_reads_the_stored_stability():
    # Qhull over every entry of 11 elements took 38 s and 362 MB; the stored
    # stability and linear programs over the stable entries answer as decompose does.
    db = interphase.default_database()
    pd = db.phase_diagram("Li-Be-B-C-N-O-F-Na-Mg-Al-Si")
    assert pd.chemsys == "Al-B-Be-C-F-Li-Mg-N-Na-O-Si"
    stable = {e.name for e in pd.stable_entries}
    decomposition = pd.get_decomposition("LiBeBCNOFNaMgAlSi")
    assert set(decomposition) <= stable
    assert pytest.approx(sum(decomposition.values()), abs=1e-9) == 1
    direct = db.decompose("LiBeBCNOFNaMgAlSi")
    assert pd.get_hull_energy_per_atom("LiBeBCNOFNaMgAlSi") == direct["hull_energy"]
    assert pd.get_e_above_hull("Li2O") == 0
    with pytest.raises(interphase.ThermoError, match="Cl, which is not in the chemical system"):
        pd.get_decomposition("LiCl")


def test_ctrl_c_interrupts_a_long_call(tmp_path):
    # A screen of 60 x 60 materials at 2 conditions with 200 Monte Carlo
    # samples on one thread runs for minutes; Ctrl-C a second in must end it
    # with KeyboardInterrupt well within a minute (it was held until the call returned).
    script = textwrap.dedent("""
        import sys, interphase
        db = interphase.default_database()
        names = [r["reduced_formula"] for r in interphase.select(with_="Li", data=db, stable=True, limit=60)]
        db.decompose("Li2O")
        print("started", flush=True)
        try:
            interphase.screen(names, names, conditions=["closed", 2.0], data=db, threads=1, samples=200)
        except KeyboardInterrupt:
            print("interrupted", flush=True)
            sys.exit(0)
        print("finished", flush=True)
    """)
    p = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert p.stdout.readline().strip() == "started"
    try:
        p.wait(timeout=1.0)
    except subprocess.TimeoutExpired:
        pass
    p.send_signal(signal.SIGINT)
    try:
        out, err = p.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        p.kill()
        p.communicate()
        raise AssertionError("the call went on after Ctrl-C")
    assert out.strip() == "interrupted", err
