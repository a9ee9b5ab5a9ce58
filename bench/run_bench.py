#!/usr/bin/python3
"""Benchmark: the same user tasks through pymatgen 2022.11.7 and through interphase.

Run (Debian's python, which has pymatgen):

    /usr/bin/python3 bench/run_bench.py [--interphase PATH] [--data CSV] [--repeat N]

Every job goes from the CSV to the answer.  pymatgen works in this process: the CSV
is read once into PDEntry objects (timed as its own row), and each job then filters
the entries of its chemical system from that list, builds the phase diagram(s) and
computes the answer, as a user script would.  interphase runs as the command-line
program (`interphase ... --format json --db TMP/db.sqlite`), the database being built
once in a temporary directory before any job is timed (timed as its own row).  Each
job is timed --repeat times on each side and the median is reported.

Before a job's times are reported its headline numbers from the two sides are
compared (minimum reaction energy and its x, e_above_hull and decomposition,
window onsets, ... within TOL), so that the table never compares different work.
Disagreements are printed in detail; the exit status is then 1.

The last line printed is the overall ratio: the sum of the pymatgen job times over
the sum of the interphase job times (one-off rows excluded).
"""

from __future__ import annotations

import argparse
import csv
import datetime
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import warnings

PYTHON = "/usr/bin/python3"
try:
    import importlib.metadata as _md

    from pymatgen.analysis.interface_reactions import (GrandPotentialInterfacialReactivity,
                                                       InterfacialReactivity)
    from pymatgen.analysis.phase_diagram import GrandPotentialPhaseDiagram, PDEntry, PhaseDiagram
    from pymatgen.core import Composition, Element
except ImportError:  # plain python3 may lack pymatgen: use Debian's
    if os.path.realpath(sys.executable) != os.path.realpath(PYTHON) and os.path.exists(PYTHON):
        os.execv(PYTHON, [PYTHON] + sys.argv)
    raise

HERE = os.path.dirname(os.path.abspath(__file__))
TOL = 1e-6            # eV/atom, V and fractions alike
ZERO_EVO = 1e-8       # |Li evolution| below which a profile step exchanges no Li (as tests/reference)
LI = Element("Li")

PAIRS = [("Li6PS5Cl", "Li2RuO3"), ("Li3InCl6", "Li2RuO3")]
WINDOW_FORMULAS = ["Li6PS5Cl", "Li3InCl6", "Li2RuO3"]
SWEEP_VOLTAGES = [k / 10 for k in range(51)]           # 0..5 V, step 0.1
ELECTROLYTES = ["Li6PS5Cl", "Li3InCl6", "Li3PS4", "Li7La3Zr2O12", "Li10GeP2S12"]
CATHODES = ["Li2RuO3", "LiCoO2", "LiFePO4"]


# ======================================================================= pymatgen side
class Entries:
    """All CSV rows as PDEntry objects (the convention of tests/reference/_common.py),
    each with its element set so that a job can pick its chemical system quickly."""

    def __init__(self, csv_path: str):
        self.entries: list = []
        self.elsets: list = []
        with open(csv_path, newline="") as f:
            reader = csv.reader(f)
            header = next(reader)
            if [h.strip() for h in header[:2]] != ["formula", "target"]:
                raise SystemExit(f"{csv_path}: unexpected header {header}")
            for row, rec in enumerate(reader, start=1):
                formula = rec[0].strip()
                comp = Composition(formula)
                self.entries.append(PDEntry(comp, float(rec[1]) * comp.num_atoms, name=formula,
                                            attribute=f"mp_e_form:{row}"))
                self.elsets.append(frozenset(el.symbol for el in comp.elements))

    def of(self, elements) -> list:
        """Entries whose elements are a subset of `elements`."""
        els = frozenset(str(e) for e in elements)
        return [e for e, s in zip(self.entries, self.elsets) if s <= els]


def elements_of(*formulas) -> set:
    return {el.symbol for f in formulas for el in Composition(f).elements}


def reduced(entry) -> str:
    return getattr(entry, "original_entry", entry).composition.reduced_formula


def kinks_minimum(ia) -> dict:
    """All kinks (the table a user asks for) and the minimum taken from them, with the
    key of pymatgen's InterfacialReactivity.minimum (which would call get_kinks again)."""
    kinks = ia.get_kinks()
    x, e = min(((x, energy) for _, x, energy, _, _ in kinks), key=lambda t: t[1])
    # the x of the minimum is a headline number only if no other kink is as low (within TOL);
    # a pair that does not react has E = 0 (to rounding) at both ends, and x is then arbitrary
    unique = all(abs(k[1] - x) <= TOL for k in kinks if k[2] <= e + TOL)
    return {"n_kinks": len(kinks), "x": float(x), "energy": float(e), "x_unique": unique}


def pmg_react(db: Entries, a: str, b: str) -> dict:
    pd = PhaseDiagram(db.of(elements_of(a, b)))
    out = {}
    for form, use_hull in (("mutual", True), ("total", False)):
        ia = InterfacialReactivity(Composition(a), Composition(b), pd, norm=True, use_hull_energy=use_hull)
        out[form] = kinks_minimum(ia)
    return out


def pmg_decompose(db: Entries, formula: str) -> dict:
    comp = Composition(formula)
    entries = db.of(elements_of(formula))
    pd = PhaseDiagram(entries)
    same = [e for e in entries if e.composition.reduced_composition == comp.reduced_composition]
    low = min(same, key=lambda e: e.energy_per_atom)
    return {"e_above_hull": float(pd.get_e_above_hull(low)),
            "hull_energy": float(pd.get_hull_energy_per_atom(comp)),
            "decomposition": {reduced(e): float(v) for e, v in pd.get_decomposition(comp).items()}}


def pmg_grand_react(db: Entries, a: str, b: str, volts: float) -> dict:
    entries = db.of(elements_of(a, b) | {"Li"})
    pd = PhaseDiagram(entries)  # required argument (unused by the mutual form)
    gpd = GrandPotentialPhaseDiagram(entries, {LI: -volts})
    ia = GrandPotentialInterfacialReactivity(Composition(a), Composition(b), gpd, pd,
                                             include_no_mixing_energy=False, norm=True, use_hull_energy=True)
    return kinks_minimum(ia)


def pmg_window(db: Entries, formula: str) -> dict:
    """Window from pymatgen's element profile, derived as tests/reference/make_grand_reference.py
    does: the onsets around the step that exchanges no Li."""
    pd = PhaseDiagram(db.of(elements_of(formula) | {"Li"}))
    prof = pd.get_element_profile(LI, Composition(formula))
    vs = [-float(s["chempot"]) + 0.0 for s in prof]
    evo = [float(s["evolution"]) for s in prof]
    zero = [i for i, e in enumerate(evo) if abs(e) < ZERO_EVO]
    if zero:
        k = zero[0]
        lo, hi = vs[k], (vs[k + 1] if k + 1 < len(vs) else None)
    else:  # the composition lies inside a facet: the window is a point
        k = next(i for i, e in enumerate(evo) if e < 0)
        lo = hi = vs[k]
    return {"reduction_V": lo, "oxidation_V": hi, "n_steps": len(prof)}


def pmg_sweep(db: Entries, a: str, b: str) -> list:
    entries = db.of(elements_of(a, b) | {"Li"})
    pd = PhaseDiagram(entries)  # required argument, built once for the sweep
    rows = []
    for v in SWEEP_VOLTAGES:
        gpd = GrandPotentialPhaseDiagram(entries, {LI: -v})
        ia = GrandPotentialInterfacialReactivity(Composition(a), Composition(b), gpd, pd,
                                                 include_no_mixing_energy=False, norm=True, use_hull_energy=True)
        rows.append({"V": v, **kinks_minimum(ia)})
    return rows


def pmg_screen(db: Entries) -> dict:
    out = {}
    for a in ELECTROLYTES:
        for b in CATHODES:
            pd = PhaseDiagram(db.of(elements_of(a, b)))
            ia = InterfacialReactivity(Composition(a), Composition(b), pd, norm=True, use_hull_energy=True)
            out[f"{a}/{b}"] = kinks_minimum(ia)
    return out


# ======================================================================= interphase side
class Interphase:
    def __init__(self, exe: str, db: str, data: str):
        self.exe, self.db, self.data = exe, db, data

    def run(self, *args) -> dict:
        cmd = [self.exe, *args, "--format", "json", "--db", self.db, "--data", self.data]
        p = subprocess.run(cmd, capture_output=True, text=True)
        if p.returncode != 0:
            raise RuntimeError(f"{' '.join(cmd)} failed ({p.returncode}): {p.stderr.strip()}")
        return p.stdout

    def timed(self, calls):
        """Run every call (a tuple of arguments), return the raw outputs: parsing is left
        out of the timing, the program's work (from database to printed JSON) is in it."""
        return [self.run(*c) for c in calls]


def ip_react_calls(a, b):
    return [("react", a, b, "--energy", "mutual"), ("react", a, b, "--energy", "total")]


def ip_react(outs) -> dict:
    res = {}
    for form, txt in zip(("mutual", "total"), outs):
        d = json.loads(txt)
        res[form] = {"n_kinks": len(d["kinks"]), "x": d["minimum"]["x"], "energy": d["minimum"]["energy"]}
    return res


# ======================================================================= comparison
class Check:
    """Collects (label, pymatgen value, interphase value) and the worst deviation."""

    def __init__(self, job: str):
        self.job, self.worst, self.bad, self.skipped = job, 0.0, [], 0

    def num(self, label, p, i):
        if p is None or i is None:
            ok = p is None and i is None
            dev = 0.0 if ok else float("inf")
        else:
            dev = abs(float(p) - float(i))
            ok = dev <= TOL
        self.worst = max(self.worst, dev)
        if not ok:
            self.bad.append(f"{self.job}: {label}: pymatgen {p!r}, interphase {i!r} (|diff| {dev:.3g})")

    def x(self, label, pmin: dict, i):
        """x of the minimum, compared only where pymatgen's minimum is unique."""
        if pmin["x_unique"]:
            self.num(label, pmin["x"], i)
        else:
            self.skipped += 1

    def dict(self, label, p: dict, i: dict):
        if set(p) != set(i):
            self.bad.append(f"{self.job}: {label}: pymatgen {sorted(p)}, interphase {sorted(i)}")
            self.worst = float("inf")
            return
        for k in p:
            self.num(f"{label}[{k}]", p[k], i[k])

    def ok(self) -> bool:
        return not self.bad


def check_react(job, pair, p, i, chk: Check):
    for form in ("mutual", "total"):
        chk.num(f"{pair} {form} minimum energy (eV/atom)", p[form]["energy"], i[form]["energy"])
        chk.x(f"{pair} {form} x at minimum", p[form], i[form]["x"])


# ======================================================================= jobs
def make_jobs(db_holder: dict, ip: Interphase):
    """Each job: (name, pymatgen callable, interphase callable, compare(p, i, check))."""
    jobs = []

    def db():
        return db_holder["entries"]

    for n, (a, b) in enumerate(PAIRS, start=1):
        def p_fn(a=a, b=b):
            return pmg_react(db(), a, b)

        def i_fn(a=a, b=b):
            return ip.timed(ip_react_calls(a, b))

        def cmp(p, i, chk, a=a, b=b):
            check_react(chk.job, f"{a}/{b}", p, ip_react(i), chk)

        jobs.append((f"{n}. react {a} {b} (mutual+total)", p_fn, i_fn, cmp))

    def p3():
        return pmg_decompose(db(), "Li6PS5Cl")

    def i3():
        return ip.timed([("decompose", "Li6PS5Cl")])

    def c3(p, i, chk):
        d = json.loads(i[0])
        chk.num("Li6PS5Cl e_above_hull (eV/atom)", p["e_above_hull"], d["e_above_hull"])
        chk.num("Li6PS5Cl hull energy (eV/atom)", p["hull_energy"], d["hull_energy"])
        chk.dict("Li6PS5Cl decomposition", p["decomposition"], d["decomposition"])

    jobs.append(("3. decompose Li6PS5Cl", p3, i3, c3))

    def p4():
        return {f"{a}/{b}": pmg_grand_react(db(), a, b, 3.0) for a, b in PAIRS}

    def i4():
        return ip.timed([("react", a, b, "--open", "Li", "--voltage", "3", "--energy", "mutual")
                         for a, b in PAIRS])

    def c4(p, i, chk):
        for (a, b), txt in zip(PAIRS, i):
            d = json.loads(txt)
            key = f"{a}/{b}"
            chk.num(f"{key} Li open 3 V mutual minimum (eV/non-Li atom)", p[key]["energy"], d["minimum"]["energy"])
            chk.x(f"{key} Li open 3 V x at minimum", p[key], d["minimum"]["x"])

    jobs.append(("4. react, Li open at 3 V, 2 pairs", p4, i4, c4))

    def p5():
        return {f: pmg_window(db(), f) for f in WINDOW_FORMULAS}

    def i5():
        return ip.timed([("window", f) for f in WINDOW_FORMULAS])

    def c5(p, i, chk):
        for f, txt in zip(WINDOW_FORMULAS, i):
            d = json.loads(txt)
            chk.num(f"{f} reduction onset (V)", p[f]["reduction_V"], d["reduction_V"])
            chk.num(f"{f} oxidation onset (V)", p[f]["oxidation_V"], d["oxidation_V"])
            chk.num(f"{f} number of profile steps", p[f]["n_steps"], len(d["profile"]))

    jobs.append(("5. window Li6PS5Cl, Li3InCl6, Li2RuO3", p5, i5, c5))

    a6, b6 = PAIRS[0]

    def p6():
        return pmg_sweep(db(), a6, b6)

    def i6():
        return ip.timed([("sweep", a6, b6, "--from", "0", "--to", "5", "--step", "0.1", "--energy", "mutual")])

    def c6(p, i, chk):
        rows = json.loads(i[0])["rows"]
        if len(rows) != len(p):
            chk.bad.append(f"{chk.job}: {len(p)} voltages in pymatgen, {len(rows)} in interphase")
            chk.worst = float("inf")
            return
        for pr, ir in zip(p, rows):
            chk.num(f"V grid at {pr['V']}", pr["V"], ir["V"])
            chk.num(f"minimum energy at {pr['V']} V (eV/non-Li atom)", pr["energy"], ir["energy"])
            chk.x(f"x at minimum at {pr['V']} V", pr, ir["x"])

    jobs.append((f"6. sweep {a6} {b6} 0-5 V step 0.1", p6, i6, c6))

    screen_pairs = [(a, b) for a in ELECTROLYTES for b in CATHODES]

    def p7():
        return pmg_screen(db())

    def i7():
        return ip.timed([("react", a, b, "--energy", "mutual") for a, b in screen_pairs])

    def c7(p, i, chk):
        for (a, b), txt in zip(screen_pairs, i):
            d = json.loads(txt)
            key = f"{a}/{b}"
            chk.num(f"{key} mutual minimum (eV/atom)", p[key]["energy"], d["minimum"]["energy"])
            chk.x(f"{key} x at minimum", p[key], d["minimum"]["x"])

    jobs.append((f"7. screen {len(ELECTROLYTES)} electrolytes x {len(CATHODES)} cathodes (mutual min)",
                 p7, i7, c7))
    return jobs


# ======================================================================= timing
def timed(fn):
    t0 = time.perf_counter()
    out = fn()
    return time.perf_counter() - t0, out


def median_of(fn, repeat):
    times, out = [], None
    for _ in range(repeat):
        t, out = timed(fn)
        times.append(t)
    return statistics.median(times), times, out


def fmt_s(t):
    return "-" if t is None else f"{t:.3f}"


def fmt_ratio(p, i):
    return "-" if p is None or i is None or i == 0 else f"{p / i:.1f}"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--interphase", default=os.path.normpath(os.path.join(HERE, "..", "build", "interphase")),
                    help="interphase program (default: ../build/interphase relative to this script)")
    ap.add_argument("--data", default=os.path.normpath(os.path.join(HERE, "..", "..", "shared", "data",
                                                                     "mp_e_form.csv")),
                    help="formation-energy CSV (default: ../../shared/data/mp_e_form.csv relative to this script)")
    ap.add_argument("--repeat", type=int, default=3, help="repetitions per job; the median is reported (default 3)")
    ap.add_argument("--json", metavar="FILE", help="also write all timings and checks to FILE")
    args = ap.parse_args()
    if args.repeat < 1:
        ap.error("--repeat must be at least 1")
    exe, data = os.path.abspath(args.interphase), os.path.abspath(args.data)
    for path, what in ((exe, "interphase program"), (data, "data CSV")):
        if not os.path.isfile(path):
            ap.error(f"{what} not found: {path}")
    warnings.simplefilter("ignore")

    version = subprocess.run([exe, "--version"], capture_output=True, text=True).stdout.strip()
    print(f"pymatgen {_md.version('pymatgen')} (python {platform.python_version()}) vs {exe} {version}")
    print(f"data {data}; {os.cpu_count()} cores; median of {args.repeat}; "
          f"{datetime.datetime.now().isoformat(timespec='seconds')}; "
          f"load average {os.getloadavg()[0]:.2f} (other work on the machine skews the times)")
    sys.stdout.flush()

    rows = []  # (name, pymatgen median, interphase median, agree)
    tmp = tempfile.mkdtemp(prefix="interphase-bench-")
    try:
        # ---- one-off: python + pymatgen import (a fresh interpreter each time)
        imp = "import pymatgen.analysis.interface_reactions, pymatgen.analysis.phase_diagram"
        t_imp, _, _ = median_of(lambda: subprocess.run([sys.executable, "-c", imp], check=True), args.repeat)
        rows.append(("0a. start python + import pymatgen (one-off)", t_imp, None, None))

        # ---- one-off: CSV -> PDEntry list
        holder = {}

        def load():
            holder["entries"] = Entries(data)

        t_load, _, _ = median_of(load, args.repeat)
        rows.append((f"0b. load CSV -> {len(holder['entries'].entries):,} PDEntry (one-off)", t_load, None, None))

        # ---- one-off: interphase database
        db_path = os.path.join(tmp, "interphase.sqlite")

        def build():
            if os.path.exists(db_path):
                os.remove(db_path)
            p = subprocess.run([exe, "db", "import", data, "--db", db_path], capture_output=True, text=True)
            if p.returncode != 0:
                raise SystemExit(f"database build failed: {p.stderr.strip()}")

        t_build, _, _ = median_of(build, args.repeat)
        rows.append(("0c. build database: interphase db import (one-off)", None, t_build, None))
        ip = Interphase(exe, db_path, data)

        # ---- jobs
        problems, record = [], []
        sum_p = sum_i = 0.0
        for name, p_fn, i_fn, cmp in make_jobs(holder, ip):
            tp, tps, pout = median_of(p_fn, args.repeat)
            ti, tis, iout = median_of(i_fn, args.repeat)
            chk = Check(name)
            try:
                cmp(pout, iout, chk)
            except (KeyError, TypeError, ValueError) as exc:
                chk.bad.append(f"{name}: could not compare outputs: {exc!r}")
            problems += chk.bad
            sum_p += tp
            sum_i += ti
            rows.append((name, tp, ti, chk.ok()))
            record.append({"job": name, "pymatgen_s": tps, "interphase_s": tis, "agree": chk.ok(),
                           "max_abs_diff": chk.worst, "degenerate_x_not_compared": chk.skipped,
                           "disagreements": chk.bad})
            print(f"  {name}: pymatgen {tp:.3f} s, interphase {ti:.4f} s, "
                  f"max |diff| {chk.worst:.2g} {'ok' if chk.ok() else 'DISAGREE'}"
                  + (f" ({chk.skipped} minima degenerate in x, x not compared)" if chk.skipped else ""),
                  flush=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    if problems:
        print(f"\nDISAGREEMENTS (tolerance {TOL:g}):")
        for line in problems:
            print("  " + line)

    w = max(len(r[0]) for r in rows)
    print()
    print(f"| {'job':<{w}} | pymatgen s | interphase s | ratio | agree |")
    print(f"|{'-' * (w + 2)}|-----------:|-------------:|------:|:-----:|")
    for name, tp, ti, ok in rows:
        agree = "" if ok is None else ("yes" if ok else "NO")
        print(f"| {name:<{w}} | {fmt_s(tp):>10} | {fmt_s(ti):>12} | {fmt_ratio(tp, ti):>5} | {agree:^5} |")
    print(f"| {'sum of jobs 1-7':<{w}} | {fmt_s(sum_p):>10} | {fmt_s(sum_i):>12} | "
          f"{fmt_ratio(sum_p, sum_i):>5} | {'yes' if not problems else 'NO':^5} |")
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"one_off": {"pymatgen_import_s": t_imp, "pymatgen_load_s": t_load,
                                   "interphase_db_build_s": t_build},
                       "jobs": record, "tolerance": TOL}, f, indent=1)
    print(f"\nload average at the end {os.getloadavg()[0]:.2f}")
    print(f"overall ratio (pymatgen / interphase, jobs 1-7): {sum_p:.3f} s / {sum_i:.3f} s = "
          f"{sum_p / sum_i:.1f}x")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
