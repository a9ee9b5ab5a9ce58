"""samples has a limit, said as an InputError naming it: -1, 2**64 and 1.5
once reached the binding layer or were truncated, and 10**8 took 4 GB."""

from __future__ import annotations

import pytest

import interphase
from conftest import cli_error


@pytest.fixture(scope="module")
def li_o(tmp_path_factory) -> interphase.Database:
    d = tmp_path_factory.mktemp("li_o_samples")
    csv = d / "li_o.csv"
    csv.write_text("formula,target\nLi,0\nO2,0\nLi2O,-2\nLi2O2,-1.6\n")
    return interphase.Database(str(d / "li_o.sqlite"), data=str(csv), create=True)


@pytest.mark.parametrize("samples, expected", [
    (-1, "samples must be 0 or more, got -1"),
    (2 ** 64, "samples must be a whole number below 2\\*\\*64, got 18446744073709551616"),
    (2 ** 64 - 1, "samples 18446744073709551615 is above the limit of 1000000 samples"),
    (2 * 10 ** 6, "samples 2000000 is above the limit of 1000000 samples"),
    (1.5, "samples must be a whole number, got 1.5"),
])
def test_react_sweep_and_screen_name_samples(li_o, samples, expected):
    for call in (lambda: interphase.react("Li2O", "O2", data=li_o, samples=samples),
                 lambda: interphase.sweep("Li2O", "O2", data=li_o, samples=samples),
                 lambda: interphase.screen(["Li2O"], ["O2"], data=li_o, samples=samples)):
        with pytest.raises(interphase.InputError, match=expected):
            call()


def test_a_sweep_bounds_voltages_times_samples(li_o):
    with pytest.raises(interphase.InputError, match="samples 100000 at each of 501 voltages: a sweep computes at most "
                                                     "10000000 sampled reactions .* or a larger step$"):
        interphase.sweep("Li2O", "O2", data=li_o, samples=100000)


def test_a_whole_float_is_a_count(li_o):
    r = interphase.react("Li2O", "O2", data=li_o, samples=4.0, sigma=0)
    assert r.to_dict()["monte_carlo"]["samples"] == 4


def test_the_program_says_the_same(db):
    with pytest.raises(interphase.InputError) as e:
        interphase.react("Li2O", "LiCl", data=db, samples=2 * 10 ** 6)
    assert str(e.value) == cli_error("react", "Li2O", "LiCl", "--samples", "2000000").replace("--samples", "samples")
