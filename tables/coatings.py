#!/usr/bin/env python3
"""Write tables/coatings.md from the coating searches that make_tables.sh ran.

    python3 coatings.py POOL_DIR > coatings.md

Reads, for each search NAME, POOL_DIR/coat_NAME.json (the whole pool, `interphase
coat ... --format json`, several MB, not kept in tables/) and
coat_NAME_literature.json here (the literature's coatings given as --candidates,
so that those outside the pool have their numbers too), and places the
literature's coatings in each ranking. Standard library only.
"""

import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))

LITERATURE = ["Li3PO4", "LiNbO3", "LiTaO3", "Li2ZrO3", "Li2SiO3", "Li4Ti5O12", "LiPO3", "LiH2PO4",
              "LiTi2(PO4)3", "Li3BO3", "LiAlO2"]

# Xiao, Miara, Wang, Ceder, Joule 3, 1252 (2019), on Materials Project data of
# 2019: reaction energy with Li3PS4 (meV/atom) and Li window (V), as quoted in
# the issue and in docs/SCIENCE.md.
XIAO_REACTION = {"LiNbO3": -164, "LiTaO3": -139, "Li2ZrO3": -115}
XIAO_WINDOW = {"Li3PO4": (0.71, 4.22), "LiPO3": (2.52, 5.01), "LiH2PO4": (2.23, 4.58)}

SEARCHES = [
    ("Li6PS5Cl_Li2RuO3", "Li6PS5Cl against Li2RuO3 and delithiated LiRuO3, over the seed's 2.0-4.5 V"),
    ("Li3InCl6_Li2RuO3", "Li3InCl6 against Li2RuO3 and delithiated LiRuO3, over the seed's 2.0-4.5 V"),
    ("Li3PS4_LiCoO2", "Li3PS4 against LiCoO2 and delithiated Li0.5CoO2, closed (Xiao's setting: window up to 4.0 V)"),
]


def amounts(formula):
    """Element -> amount of a formula such as "LiTi2(PO4)3" (for matching names written in another order)."""
    def parse(text, i):
        out = {}
        while i < len(text) and text[i] != ")":
            if text[i] == "(":
                inner, i = parse(text, i + 1)
                m = re.match(r"\)(\d*\.?\d*)", text[i:])
                mult = float(m.group(1) or 1)
                i += len(m.group(0))
                for k, v in inner.items():
                    out[k] = out.get(k, 0) + v * mult
                continue
            m = re.match(r"([A-Z][a-z]?)(\d*\.?\d*)", text[i:])
            out[m.group(1)] = out.get(m.group(1), 0) + float(m.group(2) or 1)
            i += len(m.group(0))
        return out, i
    found = parse(formula, 0)[0]
    total = sum(found.values())
    return tuple(sorted((k, round(v / total, 9)) for k, v in found.items()))


def load(name, directory=HERE):
    with open(os.path.join(directory, name), encoding="utf-8") as f:
        return json.load(f)


def num(value, digits=3):
    return "-" if value is None else f"{value:.{digits}f}"


def window(c):
    red, ox = c.get("window_red"), c.get("window_ox")
    if red is None and ox is None:
        return "-"
    return f"{num(red, 2)}-{num(ox, 2) if ox is not None else 'inf'}"


def verdict(c):
    if c.get("error"):
        return "error: " + c["error"]
    return "passes" if c["passes"] else "fails " + ", ".join(c["failed"])


def row(c, rank_text):
    return (f"| {c['coating']} | {rank_text} | {verdict(c)} | {num(c['e_above_hull'])} | {window(c)} | "
            f"{num(c['energy_electrolyte'])} | {num(c['energy_electrolyte_range'])} | "
            f"{num(c['energy_cathode'])} | {num(c['energy_cathode_range'])} |")


HEADER = ("| coating | rank | verdict | e_above_hull | window (V) | E electrolyte | E electrolyte, range | "
          "E cathode | E cathode, range |\n|---|---:|---|---:|---|---:|---:|---:|---:|")


def section(name, title, out, pool_dir):
    pool = load(f"coat_{name}.json", pool_dir)
    literature = load(f"coat_{name}_literature.json")
    ranks = {amounts(c["coating"]): c["rank"] for c in pool["candidates"]}
    n = len(pool["candidates"])
    out.append(f"## {title}\n")
    out.append(f"Pool: {pool['settings'].get('candidates', f'{n} candidates')}. "
               f"Files: `coat_{name}.csv` (every candidate), `coat_{name}.md`, `coat_{name}.svg`.\n")
    out.append("Funnel (candidates left after each criterion, in order):\n")
    out.append("| stage | rule | left |\n|---|---|---:|")
    for s in pool["funnel"]:
        out.append(f"| {s['stage']} | {s['rule']} | {s['left']} |")
    out.append("\nThe top ten:\n")
    out.append(HEADER)
    for c in pool["candidates"][:10]:
        out.append(row(c, str(c["rank"])))
    out.append("\nThe literature's coatings (rank in the pool above; those outside it were given as"
               " candidates on their own, their numbers from that run):\n")
    out.append(HEADER)
    for c in sorted(literature["candidates"], key=lambda c: LITERATURE.index(c["coating"])
                    if c["coating"] in LITERATURE else len(LITERATURE)):
        rank = ranks.get(amounts(c["coating"]))
        out.append(row(c, f"{rank} of {n}" if rank else "not in the pool"))
    out.append("")
    return literature


def main():
    out = ["# Coatings between electrolyte and cathode", "",
           "`interphase coat` on the default data (mp_e_form.csv), criteria of Xiao et al. (Joule 3, 1252,"
           " 2019): e_above_hull <= 0.005 eV/atom, Li window from <= 2.7 V up to the range's top (4.0 V"
           " without a range), every minimum mutual reaction energy with the electrolyte and each cathode"
           " state >= -0.1 eV/atom (closed) and per non-Li atom over the range. E columns: the minimum"
           " (closed, eV/atom) and the worst over the range (eV per non-Li atom); E cathode is the worst"
           " over the cathode states. Regenerate with `tables/make_tables.sh`.", ""]
    lit = {}
    for name, title in SEARCHES:
        lit[name] = section(name, title, out, sys.argv[1] if len(sys.argv) > 1 else HERE)
    out.append("## Beside the published values\n")
    out.append("Xiao et al. screened Li3PS4 against the charged cathode with Materials Project data of 2019."
               " Theirs and ours (`coat_Li3PS4_LiCoO2_literature.json`):\n")
    out.append("| coating | Xiao: E with Li3PS4 (meV/atom) | ours (meV/atom) | Xiao: window (V) | ours (V) |\n"
               "|---|---:|---:|---|---|")
    by = {c["coating"]: c for c in lit["Li3PS4_LiCoO2"]["candidates"]}
    for f in LITERATURE:
        if f not in XIAO_REACTION and f not in XIAO_WINDOW:
            continue
        c = by[f]
        theirs_e = str(XIAO_REACTION[f]) if f in XIAO_REACTION else "-"
        ours_e = "-" if c["energy_electrolyte"] is None else f"{1000 * c['energy_electrolyte']:.0f}"
        theirs_w = "-" if f not in XIAO_WINDOW else f"{XIAO_WINDOW[f][0]:.2f}-{XIAO_WINDOW[f][1]:.2f}"
        out.append(f"| {f} | {theirs_e} | {ours_e} | {theirs_w} | {window(c)} |")
    out.append("")
    out.append(
        "The windows agree within about 0.05 V, and the three coatings Xiao recommends (LiH2PO4,"
        " LiTi2(PO4)3, LiPO3) pass here too against Li3PS4 and the cathode, with Li3PO4. The reaction"
        " energies with Li3PS4 agree in sign and order for LiNbO3 and Li2ZrO3 and are a little smaller in"
        " magnitude here. LiTaO3's is much smaller: the lowest LiTaO3 entry of this data set lies 88"
        " meV/atom below the next LiTaO3 entry (`interphase select --only Li,Ta,O --polymorphs`), so it is"
        " that much more stable and reacts less. Both differences are the data's vintage: this data set is"
        " a later Materials Project release of formation energies, with other polymorphs, competing phases"
        " and corrections, and a reaction energy moves with the most stable products available"
        " (`interphase react Li3PS4 LiTaO3 --explain` names the phases that decide it here). The funnels"
        " of the paper and of this data set are therefore comparable stage by stage, not number by number.")
    out.append("")
    out.append(
        "Against the seed's Li2RuO3 the same three coatings fail the closed reaction criterion with the"
        " lithiated cathode (Xiao screened only the charged one). Over the seed's 2.0-4.5 V no candidate of"
        " the pool passes between Li6PS5Cl and Li2RuO3/LiRuO3: Li6PS5Cl's own window (1.72-2.14 V) ends"
        " inside the range, the reactions with it over the range leave 27 candidates, and none of the 17"
        " that also hold closed against both cathode states holds against them over the whole range."
        " Between Li3InCl6 and the same cathode states 8 pass, LiF first.")
    out.append("")
    out.append(
        "Nolan, Liu and Mo (ACS Energy Lett. 4, 2444, 2019) screened 236 materials against eight cathode"
        " states, lithiated and delithiated, LiCoO2 and Li0.5CoO2 among them. Their per-material energies"
        " are in their Supporting Information, which is not part of this repository, so no number of"
        " theirs is set beside ours here. `coat_Li3PS4_LiCoO2.csv` holds every candidate of this data set"
        " with its worst closed energy (eV/atom) over those two states, and `interphase coat Li3PS4 LiCoO2"
        " Li0.5CoO2 --format json` gives each state's, ready to be joined with their table by formula.")
    sys.stdout.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
