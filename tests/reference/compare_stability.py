"""Compare `interphase stability --format csv` output with the pymatgen reference.

Usage:
    /usr/bin/python3 tests/reference/compare_stability.py OURS.csv [REFERENCE.csv] [--subset]

REFERENCE.csv defaults to build/stability_reference.csv, the full file written
by make_stability_reference.py.  With --subset the reference may hold only some
ids (e.g. the committed tests/reference/stability_sample_reference.csv): ids of
OURS that it lacks are counted but not mismatches.  Both files have the columns

    id,formula,reduced_formula,e_form,e_above_hull,stable,hull_energy,decomposition

with decomposition as "Formula:fraction;Formula:fraction".  Per id:
    |d e_form| <= 1e-9, |d e_above_hull| <= 1e-6, |d hull_energy| <= 1e-6,
    the same stable flag, the same set of decomposition phases (reduced
    formulas) and each fraction within 1e-6.
The formula column must match exactly; reduced_formula is not compared (our
program and pymatgen may write a composition differently, e.g. pymatgen's
polyanion grouping 'Li3(RuO3)2'), and decomposition phases are matched by
composition, so 'Li5P(S2Cl)2' and 'Li5PS4Cl2' are the same phase.
Every reference id must be present in OURS, and (without --subset) no other ids.  Prints the
number of mismatches by kind and the first 20 mismatching rows with both rows;
exit status 1 on any mismatch, 0 otherwise.  Needs no pymatgen.
"""

from __future__ import annotations

import argparse
import collections
import csv
import math
import os
import re
import sys
from fractions import Fraction

DEFAULT_REFERENCE = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "build", "stability_reference.csv"))
COLUMNS = ["id", "formula", "reduced_formula", "e_form", "e_above_hull", "stable", "hull_energy", "decomposition"]
TOL = {"e_form": 1e-9, "e_above_hull": 1e-6, "hull_energy": 1e-6, "fraction": 1e-6}
MAX_SHOWN = 20

_TOKEN = re.compile(r"([A-Z][a-z]?|\(|\)|\[|\])(\d*\.?\d*)")
_norm_cache: dict[str, tuple] = {}


def _parse_formula(formula: str) -> dict[str, Fraction]:
    """Element amounts of a formula, with (...)n groups (pymatgen's reduced formulas)."""
    stack: list[collections.Counter] = [collections.Counter()]
    pos = 0
    for m in _TOKEN.finditer(formula):
        if m.start() != pos:
            raise ValueError(f"cannot parse formula {formula!r}")
        pos = m.end()
        tok, num = m.group(1), m.group(2)
        amt = Fraction(num) if num else Fraction(1)
        if tok in "([":
            if num:
                raise ValueError(f"cannot parse formula {formula!r}")
            stack.append(collections.Counter())
        elif tok in ")]":
            if len(stack) < 2:
                raise ValueError(f"unbalanced formula {formula!r}")
            inner = stack.pop()
            for el, a in inner.items():
                stack[-1][el] += a * amt
        else:
            stack[-1][tok] += amt
    if pos != len(formula) or len(stack) != 1:
        raise ValueError(f"cannot parse formula {formula!r}")
    return dict(stack[0])


def composition_key(formula: str) -> tuple:
    """A formula's normalised composition (atomic fractions), the key that matches
    a phase regardless of how it is written."""
    key = _norm_cache.get(formula)
    if key is None:
        amounts = _parse_formula(formula)
        total = sum(amounts.values())
        key = tuple(sorted((el, a / total) for el, a in amounts.items() if a))
        _norm_cache[formula] = key
    return key


def parse_decomposition(text: str) -> dict[tuple, tuple[str, float]]:
    """{composition key: (formula as written, fraction)}."""
    out: dict[tuple, tuple[str, float]] = {}
    text = text.strip()
    if not text:
        return out
    for part in text.split(";"):
        formula, sep, frac = part.rpartition(":")
        if not sep:
            raise ValueError(f"bad decomposition item {part!r}")
        key = composition_key(formula.strip())
        if key in out:
            raise ValueError(f"phase {formula} twice in decomposition {text!r}")
        out[key] = (formula.strip(), float(frac))
    return out


def read(path: str) -> tuple[dict[str, dict], list[str]]:
    with open(path, newline="") as f:
        reader = csv.DictReader(f)
        missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise SystemExit(f"{path}: missing columns {missing} (has {reader.fieldnames})")
        rows: dict[str, dict] = {}
        order: list[str] = []
        for rec in reader:
            i = rec["id"]
            if i in rows:
                raise SystemExit(f"{path}: id {i} twice")
            rows[i] = rec
            order.append(i)
    return rows, order


def parse_bool(text: str) -> bool:
    t = text.strip().lower()
    if t in ("true", "1"):
        return True
    if t in ("false", "0"):
        return False
    raise ValueError(f"not a boolean: {text!r}")


def compare_row(ours: dict, ref: dict) -> list[str]:
    """The kinds of mismatch of one id (empty if it agrees)."""
    kinds = []
    if ours["formula"].strip() != ref["formula"]:
        kinds.append("formula")
    for col in ("e_form", "e_above_hull", "hull_energy"):
        try:
            a, b = float(ours[col]), float(ref[col])
        except ValueError:
            kinds.append(f"{col} (unparsable)")
            continue
        if not (math.isfinite(a) and abs(a - b) <= TOL[col]):
            kinds.append(col)
    try:
        if parse_bool(ours["stable"]) != parse_bool(ref["stable"]):
            kinds.append("stable")
    except ValueError:
        kinds.append("stable (unparsable)")
    try:
        d_ours, d_ref = parse_decomposition(ours["decomposition"]), parse_decomposition(ref["decomposition"])
    except ValueError:
        kinds.append("decomposition (unparsable)")
        return kinds
    if set(d_ours) != set(d_ref):
        kinds.append("decomposition phases")
    elif any(not abs(d_ours[k][1] - d_ref[k][1]) <= TOL["fraction"] for k in d_ref):
        kinds.append("decomposition fractions")
    return kinds


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.strip().split("\n\n")[0])
    ap.add_argument("ours", help="CSV written by `interphase stability --format csv`")
    ap.add_argument("reference", nargs="?", default=DEFAULT_REFERENCE, help=f"default {DEFAULT_REFERENCE}")
    ap.add_argument("--subset", action="store_true", help="the reference holds only some ids")
    args = ap.parse_args(argv[1:])
    ours_path, ref_path = args.ours, args.reference
    ours, _ = read(ours_path)
    ref, ref_order = read(ref_path)

    counts = collections.Counter()
    shown: list[str] = []
    n_bad_rows = 0
    for i in ref_order:
        o = ours.get(i)
        if o is None:
            kinds = ["missing in ours"]
        else:
            kinds = compare_row(o, ref[i])
        if kinds:
            n_bad_rows += 1
            counts.update(kinds)
            if len(shown) < MAX_SHOWN:
                r = ref[i]
                shown.append(
                    f"{i}: {', '.join(kinds)}\n"
                    f"  ours: {','.join(o[c] for c in COLUMNS) if o else '-'}\n"
                    f"  ref:  {','.join(r[c] for c in COLUMNS)}"
                )
    extra = [i for i in ours if i not in ref]
    if extra and args.subset:
        print(f"{len(extra)} ids of ours not in the reference (--subset: not compared)")
    elif extra:
        counts["extra in ours"] = len(extra)
        n_bad_rows += len(extra)
        for i in extra[: max(0, MAX_SHOWN - len(shown))]:
            shown.append(f"{i}: extra in ours\n  ours: {','.join(ours[i][c] for c in COLUMNS)}")

    n_stable = sum(parse_bool(ref[i]["stable"]) for i in ref_order)
    print(f"reference {ref_path}: {len(ref)} rows, {n_stable} stable")
    print(f"ours      {ours_path}: {len(ours)} rows")
    print("tolerances: " + ", ".join(f"{k} {v:g}" for k, v in TOL.items()))
    if not counts:
        print("all rows agree")
        return 0
    print(f"{n_bad_rows} mismatching rows; by kind:")
    for kind, n in counts.most_common():
        print(f"  {kind}: {n}")
    print(f"first {len(shown)}:")
    for s in shown:
        print(s)
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
