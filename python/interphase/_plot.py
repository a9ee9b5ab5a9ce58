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


def conditions(doc: dict) -> str:
    """"closed", "Li open at 3 V vs Li/Li+", "O open at mu(O) = -1.5 eV", or a
    cycling window's worst case: the words under the plot's title, as in the
    program's SVG and the web app."""
    rng = doc.get("range")
    if rng:
        el = rng["open"]
        return (f"{el} open over {rng['from_V']:g}\u2013{rng['to_V']:g} V vs {el}/{el}+, "
                f"worst case at {rng['voltage']:.3f} V")
    words = []
    for el, mu in (doc.get("open") or {}).items():
        words.append(f"Li open at {-mu:g} V vs Li/Li+" if el == "Li" else f"{el} open at $\\mu$({el}) = {mu:g} eV")
    return ", ".join(words) or "closed"


def energy_unit(open) -> str:
    """"eV/atom", or "eV per non-Li atom" with Li open."""
    return f"eV per non-{'/'.join(open)} atom" if open else "eV/atom"


def energy_label(open) -> str:
    """The energy axis: per atom of the mixture, or per non-open atom."""
    return "reaction energy, " + energy_unit(open)


def _axes(ax):
    if ax is not None:
        return ax
    _, ax = pyplot().subplots()
    return ax


# The reaction figure's layout, inches: the title over the axes, then the x label,
# the legend and the kink table (one row per kink and its header) under them.
_TITLE, _AXES, _XLABEL, _LEGEND, _ROW = 0.75, 3.4, 0.5, 0.62, 0.22


def _reaction_figure(rows: int):
    """A figure for the reaction plot with room under the axes for the legend and a table of `rows` kinks."""
    under = _XLABEL + _LEGEND + _ROW * (rows + 1) + 0.15
    height = _TITLE + _AXES + under
    fig, ax = pyplot().subplots(figsize=(8, height))
    fig.subplots_adjust(left=0.11, right=0.97, top=1 - _TITLE / height, bottom=under / height)
    return ax


def _number_offsets(kinks, span: float):
    """Offsets (points) of each kink's number above its marker: a kink within 0.025 of x
    and 8% of the energy span of the one before it stacks its number one line higher."""
    offsets, level = [], 0
    for i, k in enumerate(kinks):
        near = i > 0 and k.x - kinks[i - 1].x < 0.025 and abs(k.energy - kinks[i - 1].energy) < 0.08 * span
        level = level + 1 if near else 0
        offsets.append(7 + 10 * level)
    return offsets


def reaction(r, ax=None, annotate: bool = True, table=None):
    """The reaction energy over x through the kinks, numbered from 1 (kink n is
    r.kinks[n - 1]); the minimum and the 30 wt% composite marked, with their
    energies and units in the legend; under the axes the legend and the kinks'
    x, energy and products in a table (by default only on a figure made here).
    The design of `interphase react --format svg` and of the web app's plot."""
    kinks = list(r.kinks)
    table = ax is None if table is None else bool(table)
    ax = _reaction_figure(len(kinks)) if ax is None and table else _axes(ax)
    a, b = r.reactants
    unit = energy_unit(r.open)
    xs = [k.x for k in kinks]
    es = [k.energy for k in kinks]
    ax.plot(xs, es, "-", color="#1f4e9c", lw=2, zorder=2)
    ax.plot(xs, es, "o", color="#1f4e9c", mfc="white", ms=6, mew=1.5, zorder=3,
            label="kinks, numbered as in the table" if table else "kinks")
    m = r.minimum
    number = next(i for i, k in enumerate(kinks) if k.x == m.x and k.energy == m.energy) + 1
    ax.plot([m.x], [m.energy], "*", color="#c01c28", markersize=15, zorder=4,
            label=f"minimum (kink {number}): {m.energy:.4f} {unit} at x = {m.x:.3f}")
    c = r.composite(0.3)
    ax.plot([c.x], [c.energy], "D", color="#e66100", mec="#333333", ms=7, zorder=4,
            label=f"30 wt% {mathtext(a)}: {c.energy:.4f} {unit} at x = {c.x:.3f}")
    ax.axhline(0, color="grey", lw=0.6)
    ax.set_xlim(0, 1)
    lo, hi = min(es + [0.0]), max(es + [0.0])
    span = (hi - lo) or 0.1
    ax.set_ylim(lo - 0.08 * span, hi + (0.2 if annotate else 0.08) * span)
    ax.set_xlabel(f"x, atomic fraction of {mathtext(a)}")
    ax.set_ylabel(energy_label(r.open))
    ax.set_title(f"{mathtext(a)} + {mathtext(b)}\n{r.energy_form} reaction energy, {conditions(r._doc)}", fontsize=11)
    if annotate:
        for i, (k, dy) in enumerate(zip(kinks, _number_offsets(kinks, span))):
            ha = "left" if k.x < 0.02 else "right" if k.x > 0.98 else "center"  # inside the frame at the ends
            ax.annotate(str(i + 1), (k.x, k.energy), textcoords="offset points", xytext=(0, dy), ha=ha,
                        fontsize=8, color="#c01c28" if i + 1 == number else "#222222",
                        fontweight="bold" if i + 1 == number else "normal",
                        arrowprops=dict(arrowstyle="-", lw=0.5, color="#8c8c8c", shrinkA=0, shrinkB=4) if dy > 7 else None)
    if table:
        inch = 1 / (ax.figure.get_figheight() * ax.get_position().height)  # an inch in the axes' height
        ax.legend(fontsize=8, frameon=False, loc="upper left", bbox_to_anchor=(0, -_XLABEL * inch), borderaxespad=0)
        _kink_table(ax, kinks, number, unit, top=-(_XLABEL + _LEGEND) * inch, row=_ROW * inch)
    else:
        ax.legend(fontsize=8, frameon=False, loc="best")
    return ax


def _kink_table(ax, kinks, minimum: int, unit: str, top: float, row: float):
    """The kinks' number, x, energy and products in a table under the axes, from `top` down (axes fractions)."""
    rows = [[str(i + 1), f"{k.x:.4f}", f"{k.energy:.4f}", " + ".join(mathtext(p) for p in k.products)]
            for i, k in enumerate(kinks)]
    h = row * (len(rows) + 1)
    table = ax.table(cellText=rows, colLabels=["#", "x", f"E ({unit})", "products"], colLoc="left", cellLoc="left",
                     colWidths=[0.06, 0.1, 0.22, 0.62], bbox=[0, top - h, 1, h], edges="horizontal")
    table.auto_set_font_size(False)
    table.set_fontsize(8)
    for (r, _), cell in table.get_celld().items():
        cell.set_edgecolor("#cccccc")
        if r == 0:
            cell.get_text().set_fontweight("bold")
        elif r == minimum:
            cell.set_facecolor("#fbe3e4")
            cell.get_text().set_color("#a51d2d")
            cell.get_text().set_fontweight("bold")
    return table


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
