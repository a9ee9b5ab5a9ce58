#!/usr/bin/python3
"""Benchmark: the coating search of issue 16, pymatgen 2022.11.7 vs `interphase coat`.

Run (Debian's python, which has pymatgen):

    /usr/bin/python3 bench/bench_coat.py [--interphase PATH] [--data CSV] [--sample N] [--seed S]
                                         [--repeat N] [--samples N] [--json FILE]

interphase runs as the command-line program, on a database built once in a temporary
directory (`db import`, then `stability`; not timed):

    interphase coat Li6PS5Cl Li2RuO3 LiRuO3 --range 2.0-4.5 --format csv
    interphase coat Li6PS5Cl Li2RuO3 LiRuO3 --range 2.0-4.5 --format csv --samples 200

each timed --repeat times as a whole process (the median is reported). Its candidates are
its default: every stable entry holding Li, of two or more elements, with no radioactive
element.

pymatgen does, per candidate C, what the issue counts: a window and four interface
reactions. From the CSV loaded once into PDEntry objects (tests/reference/_common.py's
convention, shared with run_bench.py), per candidate:
  - PhaseDiagram of C's elements (C holds Li): e_above_hull of C's lowest entry and
    get_element_profile(Li, C) in the same diagram, the window as run_bench.py's job 5 takes it;
  - PhaseDiagram of C + Li6PS5Cl: InterfacialReactivity (closed, mutual), and
    GrandPotentialPhaseDiagram at the top of the range (Li at -4.5 eV) with
    GrandPotentialInterfacialReactivity (mutual): ONE voltage, where `coat` covers every
    voltage of the range against every partner, so pymatgen is spared the sweep;
  - PhaseDiagram of C + Ru-O, built once for both cathode states: InterfacialReactivity
    (closed, mutual) with Li2RuO3 and with LiRuO3.
It runs on a seeded random sample of the candidates (--sample, default 40;
random.Random(--seed)), and its time is scaled to all of them: (sum over the sample) /
(sample size) x (number of candidates). Every sampled candidate's numbers are checked
against its row of coat's CSV (TOL): e_above_hull, window_red, window_ox, li_fraction,
energy_electrolyte, energy_cathode (the worst of the two states), and the range energy
against the electrolyte, which can be no higher than pymatgen's at 4.5 V.

If the program has no `coat` command, the script says so, times the pymatgen side
alone (its candidates then from `select --with Li --stable` with the same filter) and
exits with status 2. Disagreements: exit status 1. The last line printed is the ratio.
"""

from __future__ import annotations

import os

# one core for pymatgen: numpy must not spread small linear algebra over threads
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse
import csv
import datetime
import io
import json
import platform
import random
import resource
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
    from pymatgen.analysis.phase_diagram import GrandPotentialPhaseDiagram, PhaseDiagram
    from pymatgen.core import Composition, Element
except ImportError:  # plain python3 may lack pymatgen: use Debian's
    if os.path.realpath(sys.executable) != os.path.realpath(PYTHON) and os.path.exists(PYTHON):
        os.execv(PYTHON, [PYTHON] + sys.argv)
    raise

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from run_bench import ZERO_EVO, Entries, elements_of  # noqa: E402  (CSV -> PDEntry as run_bench.py)

TOL = 1e-6
LI = Element("Li")
ELECTROLYTE = "Li6PS5Cl"
CATHODES = ["Li2RuO3", "LiRuO3"]
RANGE = (2.0, 4.5)
COAT_ARGS = ["coat", ELECTROLYTE, *CATHODES, "--range", f"{RANGE[0]}-{RANGE[1]}", "--format", "csv"]
# issue 16's targets
TARGET_COAT_S = 1.0
TARGET_RATIO = 300.0
TARGET_SAMPLES_S = 30.0


def radioactive(z: int) -> bool:
    """Never a candidate (as `coat`'s default): Tc, Pm and Z >= 84."""
    return z in (43, 61) or z >= 84


# ======================================================================= pymatgen side
def lowest_entry(entries: list, comp: Composition):
    same = [e for e in entries if e.composition.reduced_composition == comp.reduced_composition]
    return min(same, key=lambda e: e.energy_per_atom)


def window(pd, comp: Composition) -> tuple:
    """The Li window from pymatgen's element profile, as run_bench.py's job 5 (pmg_window) takes it."""
    prof = pd.get_element_profile(LI, comp)
    vs = [-float(s["chempot"]) + 0.0 for s in prof]
    evo = [float(s["evolution"]) for s in prof]
    zero = [i for i, e in enumerate(evo) if abs(e) < ZERO_EVO]
    if zero:
        k = zero[0]
        return vs[k], (vs[k + 1] if k + 1 < len(vs) else None)
    k = next(i for i, e in enumerate(evo) if e < 0)  # inside a facet: a point
    return vs[k], vs[k]


def closed_minimum(c1: str, c2: str, pd) -> float:
    ia = InterfacialReactivity(Composition(c1), Composition(c2), pd, norm=True, use_hull_energy=True)
    return float(min(k[2] for k in ia.get_kinks()))


def pmg_candidate(db: Entries, coating: str) -> dict:
    """A window and four interface reactions for one candidate, as a pymatgen user writes them."""
    comp = Composition(coating)
    own = db.of(elements_of(coating))
    pd_own = PhaseDiagram(own)
    e_hull = float(pd_own.get_e_above_hull(lowest_entry(own, comp)))
    red, ox = window(pd_own, comp)  # C holds Li: its own diagram is the one the profile needs
    el_entries = db.of(elements_of(coating, ELECTROLYTE))
    pd_el = PhaseDiagram(el_entries)
    e_el = closed_minimum(coating, ELECTROLYTE, pd_el)
    gpd = GrandPotentialPhaseDiagram(el_entries, {LI: -RANGE[1]})
    gia = GrandPotentialInterfacialReactivity(comp, Composition(ELECTROLYTE), gpd, pd_el,
                                              include_no_mixing_energy=False, norm=True, use_hull_energy=True)
    e_el_top = float(min(k[2] for k in gia.get_kinks()))
    pd_cat = PhaseDiagram(db.of(elements_of(coating, *CATHODES)))
    e_cat = min(closed_minimum(coating, b, pd_cat) for b in CATHODES)
    return {"e_above_hull": e_hull, "window_red": red, "window_ox": ox,
            "li_fraction": float(comp.get_atomic_fraction(LI)), "energy_electrolyte": e_el,
            "energy_electrolyte_at_top": e_el_top, "energy_cathode": e_cat}


# ======================================================================= interphase side
class Program:
    def __init__(self, exe: str, db: str, data: str):
        self.exe, self.db, self.data = exe, db, data

    def run(self, *args, check=True) -> subprocess.CompletedProcess:
        p = subprocess.run([self.exe, *args, "--db", self.db, "--data", self.data], capture_output=True, text=True)
        if check and p.returncode != 0:
            raise RuntimeError(f"interphase {' '.join(args)} failed ({p.returncode}): {p.stderr.strip()}")
        return p

    def has_coat(self) -> bool:
        p = subprocess.run([self.exe, "coat", "--help"], capture_output=True, text=True)
        return p.returncode == 0 and "coat" in p.stdout

    def timed(self, args, repeat: int):
        """Median wall time of `repeat` runs of the whole process, the median CPU time (user + system,
        all its threads) and the last run's output."""
        times, cpu, out = [], [], None
        for _ in range(repeat):
            r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
            t0 = time.perf_counter()
            out = self.run(*args)
            times.append(time.perf_counter() - t0)
            r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu.append(r1.ru_utime - r0.ru_utime + r1.ru_stime - r0.ru_stime)
        return statistics.median(times), times, statistics.median(cpu), out


def coat_rows(csv_text: str) -> dict:
    return {r["coating"]: r for r in csv.DictReader(io.StringIO(csv_text))}


def select_candidates(ip: Program) -> list:
    """`coat`'s default candidates, from `select` (when the program has no coat)."""
    out = []
    for f in ip.run("select", "--with", "Li", "--stable").stdout.split():
        els = Composition(f).elements
        if len(els) >= 2 and not any(radioactive(el.Z) for el in els):
            out.append(f)
    return out


def number(text: str):
    return None if text is None or text.strip() == "" else float(text)


def compare(sampled: dict, rows: dict) -> tuple[list, float]:
    bad, worst = [], 0.0
    for coating, p in sampled.items():
        r = rows.get(coating)
        if r is None:
            bad.append(f"{coating}: no row in coat's output")
            continue
        if r.get("failed", "").startswith("error"):
            bad.append(f"{coating}: coat could not compute it: {r['failed']}")
            continue
        for key in ("e_above_hull", "window_red", "window_ox", "li_fraction", "energy_electrolyte", "energy_cathode"):
            mine, theirs = number(r.get(key)), p[key]
            if mine is None or theirs is None:
                if (mine is None) != (theirs is None):
                    bad.append(f"{coating} {key}: pymatgen {theirs!r}, interphase {r.get(key)!r}")
                continue
            worst = max(worst, abs(mine - theirs))
            if abs(mine - theirs) > TOL:
                bad.append(f"{coating} {key}: pymatgen {theirs!r}, interphase {mine!r}")
        over_range = number(r.get("energy_electrolyte_range"))
        if over_range is None or over_range > p["energy_electrolyte_at_top"] + TOL:
            bad.append(f"{coating}: energy_electrolyte_range {over_range!r} above pymatgen's at {RANGE[1]} V "
                       f"{p['energy_electrolyte_at_top']!r}")
    return bad, worst


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--interphase", default=os.path.normpath(os.path.join(HERE, "..", "build", "interphase")),
                    help="interphase program (default: ../build/interphase relative to this script)")
    ap.add_argument("--data", default=os.path.normpath(os.path.join(HERE, "..", "..", "shared", "data",
                                                                     "mp_e_form.csv")),
                    help="formation-energy CSV (default: ../../shared/data/mp_e_form.csv relative to this script)")
    ap.add_argument("--sample", type=int, default=40, help="candidates timed through pymatgen (default 40)")
    ap.add_argument("--seed", type=int, default=2026, help="seed of the sample (default 2026)")
    ap.add_argument("--repeat", type=int, default=3, help="runs of each coat command; the median is reported")
    ap.add_argument("--samples", type=int, default=200, help="Monte Carlo samples of the second coat run (default 200)")
    ap.add_argument("--json", metavar="FILE", help="also write every timing and check to FILE")
    args = ap.parse_args()
    if args.repeat < 1 or args.sample < 1 or args.samples < 1:
        ap.error("--repeat, --sample and --samples must be at least 1")
    exe, data = os.path.abspath(args.interphase), os.path.abspath(args.data)
    for path, what in ((exe, "interphase program"), (data, "data CSV")):
        if not os.path.isfile(path):
            ap.error(f"{what} not found: {path}")
    warnings.simplefilter("ignore")

    version = subprocess.run([exe, "--version"], capture_output=True, text=True).stdout.strip()
    print(f"pymatgen {_md.version('pymatgen')} (python {platform.python_version()}) vs {exe} {version}")
    print(f"data {data}; {os.cpu_count()} cores (coat: all, pymatgen: one); "
          f"{datetime.datetime.now().isoformat(timespec='seconds')}; load average {os.getloadavg()[0]:.2f} "
          f"(other work on the machine skews the times)", flush=True)

    record: dict = {"coat_args": COAT_ARGS, "tolerance": TOL}
    tmp = tempfile.mkdtemp(prefix="interphase-bench-coat-")
    try:
        ip = Program(exe, os.path.join(tmp, "db.sqlite"), data)
        ip.run("db", "import", data)
        ip.run("stability", "--format", "csv")
        # ---- interphase first, while this process is small
        has_coat = ip.has_coat()
        t_coat = t_mc = cpu_coat = cpu_mc = None
        if has_coat:
            t_coat, record["coat_s"], cpu_coat, out = ip.timed(COAT_ARGS, args.repeat)
            rows = coat_rows(out.stdout)
            candidates = list(rows)
            print(f"interphase {' '.join(COAT_ARGS)}: {len(rows):,} candidates, median {t_coat:.3f} s "
                  f"(CPU {cpu_coat:.3f} s; target < {TARGET_COAT_S:g} s)", flush=True)
            mc_args = COAT_ARGS + ["--samples", str(args.samples)]
            t_mc, record["coat_samples_s"], cpu_mc, _ = ip.timed(mc_args, args.repeat)
            print(f"interphase {' '.join(mc_args)}: median {t_mc:.3f} s (CPU {cpu_mc:.3f} s; "
                  f"target < {TARGET_SAMPLES_S:g} s)", flush=True)
            record.update({"coat_cpu_s": cpu_coat, "coat_samples_cpu_s": cpu_mc})
        else:
            print(f"\n{exe} has no `coat` command: only the pymatgen side is timed below "
                  "(candidates from `select --with Li --stable`, two or more elements, none radioactive).\n",
                  flush=True)
            rows = {}
            candidates = select_candidates(ip)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    # ---- pymatgen on a seeded sample
    t0 = time.perf_counter()
    db = Entries(data)
    t_load = time.perf_counter() - t0
    sample = random.Random(args.seed).sample(candidates, min(args.sample, len(candidates)))
    sampled, per = {}, []
    for n, c in enumerate(sample, 1):
        t0 = time.perf_counter()
        sampled[c] = pmg_candidate(db, c)
        per.append(time.perf_counter() - t0)
        if n % 10 == 0:
            print(f"  pymatgen: {n}/{len(sample)} candidates, {sum(per):.1f} s", flush=True)
    mean = sum(per) / len(per)
    t_pmg = mean * len(candidates)
    record.update({"candidates": len(candidates), "sample": sample, "pymatgen_per_candidate_s": per,
                   "pymatgen_load_s": t_load, "pymatgen_extrapolated_s": t_pmg})

    problems, worst = compare(sampled, rows) if has_coat else ([], 0.0)
    record.update({"disagreements": problems, "max_abs_diff": worst})
    if problems:
        print(f"\nDISAGREEMENTS (tolerance {TOL:g}):")
        for line in problems:
            print("  " + line)

    print()
    print("| what | s | target |")
    print("|---|---:|---|")
    print(f"| pymatgen: load CSV -> {len(db.entries):,} PDEntry (one-off, not in the ratio) | {t_load:.3f} | |")
    print(f"| pymatgen: one candidate (window + 4 interface reactions; mean of {len(per)}, median "
          f"{statistics.median(per):.3f}) | {mean:.3f} | |")
    print(f"| pymatgen: all {len(candidates):,} candidates (scaled from the sample) | {t_pmg:.1f} | |")
    if has_coat:
        print(f"| interphase coat, {len(candidates):,} candidates x 3 partners, closed and over "
              f"{RANGE[0]}-{RANGE[1]} V (CPU {cpu_coat:.3f} s) | {t_coat:.3f} | < {TARGET_COAT_S:g} s |")
        print(f"| interphase coat ... --samples {args.samples} (CPU {cpu_mc:.3f} s) | {t_mc:.3f} | "
              f"< {TARGET_SAMPLES_S:g} s |")
    if problems:
        print(f"checks: {len(problems)} disagreements")
    elif has_coat:
        print(f"checks: the {len(sampled)} sampled candidates agree with coat's rows (largest deviation {worst:.2g})")
    print(f"load average at the end {os.getloadavg()[0]:.2f}")
    if args.json:
        with open(args.json, "w") as f:
            json.dump(record, f, indent=1)
    if not has_coat:
        print(f"no ratio: {exe} has no `coat` command")
        return 2
    ratio = t_pmg / t_coat
    print(f"ratio (pymatgen, scaled / interphase coat): {t_pmg:.1f} s / {t_coat:.3f} s = {ratio:.0f}x "
          f"(target >= {TARGET_RATIO:g}x)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
