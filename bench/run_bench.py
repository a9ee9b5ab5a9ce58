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
import random
import resource
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
# Runs argv[2:] and writes its peak resident size (KiB) to argv[1]; exits with its status.
_MEASURE = ("import os, sys, subprocess\n"
            "p = subprocess.Popen(sys.argv[2:])\n"
            "_, status, usage = os.wait4(p.pid, 0)\n"
            "open(sys.argv[1], 'w').write(str(usage.ru_maxrss))\n"
            "sys.exit(os.waitstatus_to_exitcode(status))\n")
SCREEN_SAMPLE = [40]        # pymatgen pairs timed for job 8 (--screen-sample)
LARGE_PYMATGEN = [False]    # job 10 needs minutes of pymatgen (--large)

PAIRS = [("Li6PS5Cl", "Li2RuO3"), ("Li3InCl6", "Li2RuO3")]
WINDOW_FORMULAS = ["Li6PS5Cl", "Li3InCl6", "Li2RuO3"]
SWEEP_VOLTAGES = [k / 10 for k in range(51)]           # 0..5 V, step 0.1
ELECTROLYTES = ["Li6PS5Cl", "Li3InCl6", "Li3PS4", "Li7La3Zr2O12", "Li10GeP2S12"]
CATHODES = ["Li2RuO3", "LiCoO2", "LiFePO4"]
# Job 8: the screen of issue 8, every stable Li compound against these 20 cathodes.
SCREEN_CATHODES = ["LiCoO2", "LiNiO2", "LiMnO2", "LiMn2O4", "LiFePO4", "LiMnPO4", "LiCoPO4", "LiNiPO4", "Li2RuO3",
                   "Li2MnO3", "Li2NiMn3O8", "LiVO2", "Li3V2(PO4)3", "LiFeO2", "Li2FeSiO4", "LiCrO2", "LiTiS2", "LiV3O8",
                   "LiFeBO3", "Li2FeP2O7"]
SCREEN_CONDITIONS = [None, 3.0, 4.5]  # closed, Li open at 3 V and 4.5 V
# Job 10: a pair of 10 elements together.
LARGE_PAIR = ("Li6PS5Cl0.5Br0.5", "LiNi0.8Co0.1Mn0.05Al0.05O2")


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


def pmg_pair_conditions(db: Entries, a: str, b: str) -> dict:
    """One pair of the screen at every condition (mutual): the closed diagram is built once and
    shared by the conditions, as the screen shares it."""
    entries = db.of(elements_of(a, b) | {"Li"})
    closed_entries = db.of(elements_of(a, b))
    out = {}
    for v in SCREEN_CONDITIONS:
        if v is None:
            ia = InterfacialReactivity(Composition(a), Composition(b), PhaseDiagram(closed_entries), norm=True,
                                       use_hull_energy=True)
            key = "closed"
        else:
            pd = PhaseDiagram(entries)
            gpd = GrandPotentialPhaseDiagram(entries, {LI: -v})
            ia = GrandPotentialInterfacialReactivity(Composition(a), Composition(b), gpd, pd,
                                                     include_no_mixing_energy=False, norm=True, use_hull_energy=True)
            key = f"{v:g}"
        out[key] = kinks_minimum(ia)
    return out


# ======================================================================= interphase side
class Interphase:
    def __init__(self, exe: str, db: str, data: str):
        self.exe, self.db, self.data = exe, db, data

    peak: dict = {}
    last_output = ""

    def electrolytes(self) -> list:
        """`select --with Li --stable`: the screen's electrolytes (not timed)."""
        p = subprocess.run([self.exe, "select", "--with", "Li", "--stable", "--db", self.db, "--data", self.data],
                           capture_output=True, text=True)
        if p.returncode != 0:
            raise RuntimeError(f"select failed: {p.stderr.strip()}")
        return p.stdout.split()

    def run_measured(self, *args) -> float:
        """Run one command (its output kept in last_output), return its own peak memory in MB
        (ru_maxrss of that child alone, from wait4)."""
        args = [a for a in args if a != "--output-to-string"]
        cmd = [self.exe, *args, "--db", self.db, "--data", self.data]
        # A child keeps the peak resident size of the process it was forked from
        # (Linux carries ru_maxrss across exec), and this process holds every
        # pymatgen entry. So a fresh, small python forks the command and reports
        # the command's own peak (a floor of about 10 MB, that python's size).
        with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err, \
                tempfile.NamedTemporaryFile("w+", suffix=".rss") as rss:
            proc = subprocess.Popen([PYTHON, "-S", "-c", _MEASURE, rss.name, *cmd], stdout=out, stderr=err, text=True)
            proc.wait()
            out.seek(0)
            err.seek(0)
            self.last_output = out.read()
            if proc.returncode != 0:
                raise RuntimeError(f"{' '.join(cmd)} failed ({proc.returncode}): {err.read().strip()}")
            rss.seek(0)
            return int(rss.read()) / 1024

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

    # ---- 8. the whole screen: 1,951 stable Li compounds x 20 cathodes x 3 conditions, one command;
    # pymatgen on a seeded sample of the pairs, its time scaled to all pairs.
    electrolytes = ip.electrolytes()
    pairs = [(a, b) for a in electrolytes for b in SCREEN_CATHODES]
    sample = random.Random(2026).sample(pairs, min(SCREEN_SAMPLE[0], len(pairs)))
    tmp = os.path.dirname(ip.db)
    el_file, cat_file, out_file = (os.path.join(tmp, n) for n in ("el.txt", "cathodes.txt", "screen.csv"))
    with open(el_file, "w") as f:
        f.write("\n".join(electrolytes) + "\n")
    with open(cat_file, "w") as f:
        f.write("\n".join(SCREEN_CATHODES) + "\n")

    def p8():
        return {f"{a}/{b}": pmg_pair_conditions(db(), a, b) for a, b in sample}

    def i8():
        ip.peak["8"] = ip.run_measured("screen", "@" + el_file, "--against", "@" + cat_file, "--conditions",
                                       "closed,3,4.5", "--quiet", "--format", "csv", "--output", out_file)
        return out_file

    def c8(p, path, chk):
        rows = {}
        with open(path, newline="") as f:
            for r in csv.DictReader(f):
                rows[(r["A"], r["B"], r["condition"])] = r
        if len(rows) != len(pairs) * 3:
            chk.bad.append(f"{chk.job}: {len(rows)} rows, expected {len(pairs) * 3}")
        for (a, b) in sample:
            for cond, pm in p[f"{a}/{b}"].items():
                r = rows[(a, b, cond)]
                if r["error"]:
                    chk.bad.append(f"{chk.job}: {a}/{b} {cond}: interphase error {r['error']}")
                    continue
                chk.num(f"{a}/{b} {cond} minimum", pm["energy"], float(r["energy"]))
                chk.x(f"{a}/{b} {cond} x at minimum", pm, float(r["x"]))

    jobs.append((f"8. screen {len(electrolytes):,} x {len(SCREEN_CATHODES)} cathodes x closed,3,4.5 "
                 f"({len(pairs) * 3:,} rows; pymatgen: {len(sample)} pairs, scaled)",
                 p8, i8, c8, len(pairs) / len(sample)))

    # ---- 9. the sweep at 0.001 V: 5,001 voltages; pymatgen's job 6 (51 voltages) scaled by the voltage count.
    def p9():
        return pmg_sweep(db(), a6, b6)

    def i9():
        return ip.timed([("sweep", a6, b6, "--from", "0", "--to", "5", "--step", "0.001", "--energy", "mutual")])

    def c9(p, i, chk):
        rows = json.loads(i[0])["rows"]
        by_v = {round(r["V"], 6): r for r in rows}
        if len(rows) != 5001:
            chk.bad.append(f"{chk.job}: {len(rows)} voltages, expected 5001")
        for pr in p:
            ir = by_v[round(pr["V"], 6)]
            chk.num(f"minimum energy at {pr['V']} V", pr["energy"], ir["energy"])
            chk.x(f"x at minimum at {pr['V']} V", pr, ir["x"])

    jobs.append((f"9. sweep {a6} {b6} 0-5 V step 0.001 (pymatgen: 51 voltages, scaled)", p9, i9, c9, 5001 / 51))

    # ---- 10. a pair of ten elements together, closed and at 4 V.
    la, lb = LARGE_PAIR

    def p10():
        ia = InterfacialReactivity(Composition(la), Composition(lb), PhaseDiagram(db().of(elements_of(la, lb))),
                                   norm=True, use_hull_energy=True)
        return kinks_minimum(ia)

    def i10():
        ip.peak["10"] = ip.run_measured("react", la, lb, "--format", "json", "--output-to-string")
        return ip.last_output

    def c10(p, i, chk):
        d = json.loads(i)
        chk.num("minimum (eV/atom)", p["energy"], d["minimum"]["energy"])
        chk.x("x at minimum", p, d["minimum"]["x"])

    if LARGE_PYMATGEN[0]:
        jobs.append((f"10. react {la} {lb} (10 elements)", p10, i10, c10))
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


def print_interphase_only(exe: str, data: str, repeat: int) -> None:
    """The figures of issue 8 that have no pymatgen counterpart: the exact map, the sweep's cost
    against its step, a ten-element pair, and the screen's peak memory."""
    tmp = tempfile.mkdtemp(prefix="interphase-bench-only-")
    try:
        ip = Interphase(exe, os.path.join(tmp, "db.sqlite"), data)
        subprocess.run([exe, "db", "import", data, "--db", ip.db], capture_output=True, check=True)
        subprocess.run([exe, "stability", "--db", ip.db, "--format", "csv"], capture_output=True, check=True)
        lines = []

        def measure(label, *args, target=None):
            times, peaks = [], []
            for _ in range(repeat):
                t0 = time.perf_counter()
                peaks.append(ip.run_measured(*args))
                times.append(time.perf_counter() - t0)
            t = statistics.median(times)
            lines.append((label, t, max(peaks), target))
            return t

        for a, b in PAIRS:
            measure(f"map {a} {b} 0-5 V (exact, whole command)", "map", a, b, "--format", "json", target="< 0.020 s")
        coarse = measure(f"sweep {PAIRS[0][0]} {PAIRS[0][1]} step 0.1 (51 V)", "sweep", *PAIRS[0], "--step", "0.1",
                         "--format", "csv")
        fine = measure(f"sweep {PAIRS[0][0]} {PAIRS[0][1]} step 0.001 (5,001 V)", "sweep", *PAIRS[0], "--step",
                       "0.001", "--format", "csv", target=f"< 2x step 0.1 ({2 * coarse:.3f} s)")
        measure(f"react {LARGE_PAIR[0]} {LARGE_PAIR[1]} (10 elements)", "react", *LARGE_PAIR, "--format", "json",
                target="< 1 s, < 200 MB")
        measure(f"react {LARGE_PAIR[0]} {LARGE_PAIR[1]} at 4 V", "react", *LARGE_PAIR, "--voltage", "4", "--format",
                "json", target="< 1 s, < 200 MB")
        measure(f"map {LARGE_PAIR[0]} {LARGE_PAIR[1]} 0-5 V", "map", *LARGE_PAIR, "--format", "json")
        print("\ninterphase alone (median of each, whole commands; peak memory of the process):")
        print("| command | s | peak MB | target |")
        print("|---|---:|---:|---|")
        for label, t, peak, target in lines:
            print(f"| {label} | {t:.3f} | {peak:.0f} | {target or ''} |")
        print(f"sweep step 0.001 / step 0.1 = {fine / coarse:.2f}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--interphase", default=os.path.normpath(os.path.join(HERE, "..", "build", "interphase")),
                    help="interphase program (default: ../build/interphase relative to this script)")
    ap.add_argument("--data", default=os.path.normpath(os.path.join(HERE, "..", "..", "shared", "data",
                                                                     "mp_e_form.csv")),
                    help="formation-energy CSV (default: ../../shared/data/mp_e_form.csv relative to this script)")
    ap.add_argument("--repeat", type=int, default=3, help="repetitions per job; the median is reported (default 3)")
    ap.add_argument("--json", metavar="FILE", help="also write all timings and checks to FILE")
    ap.add_argument("--screen-sample", type=int, default=40,
                    help="pairs of job 8 timed through pymatgen (scaled to all 39,020; default 40)")
    ap.add_argument("--large", action="store_true",
                    help="also time job 10, a pair of ten elements, through pymatgen (several minutes)")
    args = ap.parse_args()
    if args.repeat < 1:
        ap.error("--repeat must be at least 1")
    SCREEN_SAMPLE[0], LARGE_PYMATGEN[0] = args.screen_sample, args.large
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

        def stability():
            p = subprocess.run([exe, "stability", "--db", db_path, "--format", "csv"], capture_output=True, text=True)
            if p.returncode != 0:
                raise SystemExit(f"stability failed: {p.stderr.strip()}")

        t_stab, _ = timed(stability)
        rows.append(("0d. stability of every entry, stored: interphase stability (one-off)", None, t_stab, None))
        ip = Interphase(exe, db_path, data)

        # ---- jobs
        problems, record = [], []
        sum_p = sum_i = 0.0
        for job in make_jobs(holder, ip):
            name, p_fn, i_fn, cmp = job[:4]
            scale = job[4] if len(job) > 4 else 1.0
            tp, tps, pout = median_of(p_fn, args.repeat)
            tp, tps = tp * scale, [t * scale for t in tps]
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
        peaks = dict(ip.peak)
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
    print(f"| {'sum of all jobs':<{w}} | {fmt_s(sum_p):>10} | {fmt_s(sum_i):>12} | "
          f"{fmt_ratio(sum_p, sum_i):>5} | {'yes' if not problems else 'NO':^5} |")
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"one_off": {"pymatgen_import_s": t_imp, "pymatgen_load_s": t_load,
                                   "interphase_db_build_s": t_build},
                       "jobs": record, "tolerance": TOL}, f, indent=1)
    for job, peak in sorted(peaks.items()):
        print(f"peak memory of interphase in job {job}: {peak:.0f} MB")
    print_interphase_only(exe, data, args.repeat)
    print(f"\nload average at the end {os.getloadavg()[0]:.2f}")
    print(f"overall ratio (pymatgen / interphase, all jobs): {sum_p:.3f} s / {sum_i:.3f} s = "
          f"{sum_p / sum_i:.1f}x")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
