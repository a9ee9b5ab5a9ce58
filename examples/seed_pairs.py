#!/usr/bin/python3
"""The seed pairs in Python, as one would in a notebook: react Li6PS5Cl and
Li3InCl6 with Li2RuO3 on the default data, closed and at 3 V vs Li/Li+, print
the kinks as tables and plot the reaction energy over the mixing ratio.

Run from the repository root after ./setup.sh:

    PYTHONPATH=build/python /usr/bin/python3 examples/seed_pairs.py [seed_pairs.png]

It writes seed_pairs.png (or the file named): one panel per condition, a curve
per pair through its kinks, the minimum of each marked and labelled with its
products.
"""

import sys

import matplotlib

matplotlib.use("Agg")  # no display needed
import matplotlib.pyplot as plt

import interphase

PAIRS = [("Li6PS5Cl", "Li2RuO3"), ("Li3InCl6", "Li2RuO3")]
CONDITIONS = [("closed", {}), ("Li open at 3 V", {"voltage": 3})]

out = sys.argv[1] if len(sys.argv) > 1 else "seed_pairs.png"
db = interphase.Database()  # the program's default database, built on first use

fig, axes = plt.subplots(1, len(CONDITIONS), figsize=(11, 5), sharex=True)
for ax, (title, settings) in zip(axes, CONDITIONS):
    for (a, b), colour in zip(PAIRS, ["tab:blue", "tab:orange"]):
        r = interphase.react(a, b, data=db, **settings)
        df = r.to_dataframe()
        print(f"\n{a} + {b}, {title}")
        print(df[["x", "x_mass", "energy", "reaction"]].to_string(index=False))
        m = r.minimum
        ax.plot(df["x"], df["energy"], "o-", color=colour, label=f"{a} + {b}")
        ax.plot([m.x], [m.energy], "*", color=colour, markersize=14)
        ax.annotate(" + ".join(m.products), (m.x, m.energy), textcoords="offset points", xytext=(0, -14),
                    ha="center", va="top", fontsize=7, color=colour)
        c = r.composite(0.3)
        ax.plot([c.x], [c.energy], "s", mfc="none", color=colour, markersize=8)
    ax.axhline(0, color="grey", lw=0.6)
    ax.set_title(title)
    ax.set_xlabel("x, atomic fraction of the electrolyte")
    ax.set_xlim(0, 1)
axes[0].set_ylabel("reaction energy, eV/atom")
axes[1].set_ylabel("reaction energy, eV per non-Li atom")
handles, labels = axes[0].get_legend_handles_labels()
fig.legend(handles, labels, loc="lower center", ncol=2, fontsize=9, frameon=False,
           title="star: minimum; square: the composite of 30 wt% electrolyte", title_fontsize=8)
axes[0].margins(y=0.15)
axes[1].margins(y=0.15)
fig.suptitle("Mutual reaction energy with Li2RuO3 (default data)")
fig.tight_layout(rect=(0, 0.1, 1, 1))
fig.savefig(out, dpi=120)
print(f"\nwrote {out}")
