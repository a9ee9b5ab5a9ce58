"""Plots of reactions and sweeps with matplotlib (imported only when a plot is asked for)."""

from __future__ import annotations

import re

_NUMBER = re.compile(r"(\d+(?:\.\d+)?)")


def pyplot():
    try:
        import matplotlib.pyplot as plt
    except ImportError:
        raise ImportError("plot() needs matplotlib, which is not installed "
                          "(Debian: apt install python3-matplotlib; else pip install matplotlib)") from None
    return plt


def mathtext(formula: str) -> str:
    """A formula with its amounts as subscripts: "Li6PS5Cl" -> "$\\mathregular{Li_{6}PS_{5}Cl}$"."""
    return "$\\mathregular{" + _NUMBER.sub(r"_{\1}", formula) + "}$"


def _open_words(open: dict) -> str:
    """", Li open at 3 V vs Li/Li+" or ", open O at mu = -1.5 eV"."""
    words = []
    for el, mu in open.items():
        if el == "Li":
            words.append(f"Li open at {-mu:g} V vs Li/Li+")
        else:
            words.append(f"{el} open at mu = {mu:g} eV")
    return "".join(", " + w for w in words)


def energy_label(open) -> str:
    """The energy axis: per atom of the mixture, or per non-open atom."""
    if not open:
        return "reaction energy, eV/atom"
    return f"reaction energy, eV per non-{'/'.join(open)} atom"


def _axes(ax):
    if ax is not None:
        return ax
    _, ax = pyplot().subplots()
    return ax


def reaction(r, ax=None, annotate: bool = True):
    """The reaction energy over x through the kinks (each labelled with its
    index in r.kinks), the minimum marked with a star."""
    ax = _axes(ax)
    a, b = r.reactants
    xs = [k.x for k in r.kinks]
    es = [k.energy for k in r.kinks]
    ax.plot(xs, es, "o-", color="tab:blue", label=f"{mathtext(a)} + {mathtext(b)}")
    if annotate:
        for i, k in enumerate(r.kinks):
            ax.annotate(str(i), (k.x, k.energy), textcoords="offset points", xytext=(0, 7), ha="center", fontsize=8)
    m = r.minimum
    products = " + ".join(mathtext(p) for p in m.products)
    ax.plot([m.x], [m.energy], "*", color="tab:red", markersize=15, zorder=3,
            label=f"minimum {m.energy:.4f} at x = {m.x:.4f}: {products}")
    ax.axhline(0, color="grey", lw=0.6)
    ax.set_xlim(0, 1)
    ax.margins(y=0.15)
    ax.set_xlabel(f"x, atomic fraction of {mathtext(a)}")
    ax.set_ylabel(energy_label(r.open))
    ax.set_title(f"{mathtext(a)} + {mathtext(b)}, {r.energy_form}{_open_words(r.open)}")
    ax.legend(fontsize=8, frameon=False, loc="lower left")
    return ax


def sweep(rows, ax=None):
    """The minimum reaction energy at each voltage."""
    ax = _axes(ax)
    a, b = rows.meta["reactants"]
    el = rows.meta["open"]
    ax.plot([r.V for r in rows], [r.energy for r in rows], "-", color="tab:blue")
    ax.axhline(0, color="grey", lw=0.6)
    ax.set_xlabel(f"V vs {el}/{el}+")
    ax.set_ylabel("minimum " + energy_label([el]))
    ax.set_title(f"{mathtext(a)} + {mathtext(b)}, {rows.meta['energy']}, {el} open")
    return ax
