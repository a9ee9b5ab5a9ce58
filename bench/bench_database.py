#!/usr/bin/python3
"""Benchmark: the stability of every entry of the database, pymatgen 2022.11.7 vs interphase.

Run (Debian's python, which has pymatgen):

    /usr/bin/python3 bench/bench_database.py [--interphase PATH] [--data CSV] [--repeat N] [--full]

pymatgen runs the per-system loop its users write: for each chemical system of the data
(the exact element set of some entry), one PhaseDiagram of every entry whose elements are a
subset of it, then the e_above_hull, stable flag, hull energy and decomposition of each
entry of that system.  The whole loop takes about 10 minutes on one core, so by default a
stratified random sample of the systems is timed (a seeded fraction of each size class)
and the full time is estimated from it; --full times every system.

interphase runs as the command-line program on a database built once by `db import`:
`stability --threads 1 --format csv` on a fresh copy (computes, stores and prints all
rows; timed --repeat times with its peak memory), then on the stored table, `select`,
and `db add` / `db remove` of one entry.

Before anything is reported, every entry of every timed system is compared with its row
of interphase's CSV (e_above_hull and hull energy within TOL, stable flag, decomposition
phases), so that the table never compares different work.  Disagreements are printed in
full; the exit status is then 1.

The last line printed is the whole-database ratio: pymatgen's time (estimated, or measured
with --full) over interphase's time for all entries.
"""

from __future__ import annotations

import os

# one core on both sides: numpy must not spread small linear algebra over threads
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse
import csv
import datetime
import itertools
import json
import math
import platform
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from collections import defaultdict

PYTHON = "/usr/bin/python3"
try:
    import importlib.metadata as _md

    from pymatgen.analysis.phase_diagram import PDEntry, PhaseDiagram
    from pymatgen.core import Composition
except ImportError:  # plain python3 may lack pymatgen: use Debian's
    if os.path.realpath(sys.executable) != os.path.realpath(PYTHON) and os.path.exists(PYTHON):
        os.execv(PYTHON, [PYTHON] + sys.argv)
    raise

HERE = os.path.dirname(os.path.abspath(__file__))
TOL = 1e-6  # eV/atom

# targets of issue 7 ("Speed and memory")
TARGET_ALL_S = 6.0          # all e_above_hull, one core
TARGET_RATIO = 100.0        # ... and at least this many times pymatgen's per-system loop
TARGET_PEAK_MB = 1000.0     # peak memory (1 GB)
TARGET_ADD_S = 0.5          # db add (db remove held to the same)
TARGET_SELECT_S = 0.050     # select over the whole database

SELECT_ARGS = ("select", "--with", "Li", "--stable")
SELECT_LINES = 1951
ADD_ONE = ("Li3InO3", "-1.7", "bench:1")      # changes only its own system
ADD_HULL = ("Li5InO4", "-2.9", "bench:2")     # a new hull vertex: every superset of Li-In-O
RECOMPUTED = re.compile(r"recomputed (\d+) of (\d+) chemical systems")

# Runs one interphase command and reports its wall time and peak memory.  It is started
# as a separate small python (no pymatgen) because Linux keeps the high-water RSS of the
# address space a process replaces at exec: a child spawned directly from this process
# would report at least this process's own peak (pymatgen and 132,752 entries) as its
# ru_maxrss.  The helper's children start from the helper's ~10 MB instead.
SPAWN = r"""
import json, os, subprocess, sys, time
out, err, cmd = sys.argv[1], sys.argv[2], sys.argv[3:]
with open(out, "wb") as fo, open(err, "wb") as fe:
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=fo, stderr=fe)
    _, status, ru = os.wait4(p.pid, 0)
    dt = time.perf_counter() - t0
    p.returncode = os.waitstatus_to_exitcode(status)
print(json.dumps({"seconds": dt, "cpu_s": ru.ru_utime + ru.ru_stime, "maxrss_kib": ru.ru_maxrss,
                  "exit": p.returncode}))
"""


# ======================================================================= pymatgen side
class Data:
    """All CSV rows as PDEntry objects (the convention of tests/reference/_common.py),
    indexed by their exact element set: the chemical systems of the data."""

    def __init__(self, csv_path: str):
        self.entries: list = []
        self.by_elset: dict = defaultdict(list)
        with open(csv_path, newline="") as f:
            reader = csv.reader(f)
            header = next(reader)
            if [h.strip() for h in header[:2]] != ["formula", "target"]:
                raise SystemExit(f"{csv_path}: unexpected header {header}")
            for row, rec in enumerate(reader, start=1):
                formula = rec[0].strip()
                comp = Composition(formula)
                e = PDEntry(comp, float(rec[1]) * comp.num_atoms, name=formula, attribute=f"mp_e_form:{row}")
                self.entries.append(e)
                self.by_elset[frozenset(el.symbol for el in comp.elements)].append(e)


def pmg_system(data: Data, system: frozenset) -> list:
    """The user's loop body for one chemical system: its phase diagram from the entries of
    all its subsystems, then every entry of the system itself.

    One get_decomp_and_hull_energy_per_atom call per entry gives both the decomposition
    and the hull energy (get_e_above_hull, get_hull_energy_per_atom and get_decomposition
    would each search the facets again); e_above_hull is then energy_per_atom minus the
    hull energy, as get_e_above_hull computes it.  The stable set is built once per system.
    Stable means the entry object itself is a vertex (pymatgen's `in` compares
    composition and energy, which would call an exact duplicate stable too)."""
    els = sorted(system)
    entries = []
    for k in range(1, len(els) + 1):
        for sub in itertools.combinations(els, k):
            entries.extend(data.by_elset.get(frozenset(sub), ()))
    pd = PhaseDiagram(entries)
    stable = {id(e) for e in pd.stable_entries}
    out = []
    for e in data.by_elset[system]:
        decomp, hull_e = pd.get_decomp_and_hull_energy_per_atom(e.composition)
        out.append((e, e.energy_per_atom - hull_e, id(e) in stable, hull_e, decomp))
    return out


def stratified_sample(systems: list, fraction: float, minimum: int, seed: int) -> dict:
    """{size: (all systems of that size, sampled systems)}: a seeded random `fraction` of
    each size class, at least `minimum` (all of them if the class is smaller)."""
    rng = random.Random(seed)
    classes = defaultdict(list)
    for s in sorted(systems, key=lambda s: (len(s), sorted(s))):  # independent of hash order
        classes[len(s)].append(s)
    out = {}
    for size in sorted(classes):
        members = classes[size]
        n = min(len(members), max(minimum, math.ceil(fraction * len(members))))
        out[size] = (members, rng.sample(members, n))
    return out


def estimate(classes: dict, seconds: dict) -> tuple:
    """Stratified estimate of the full loop: sum over size classes of (class count x mean
    time of its sampled systems), and its standard error (with the finite-population
    correction; zero for a class timed in full)."""
    total = var = 0.0
    for members, sample in classes.values():
        t = [seconds[s] for s in sample]
        big_n, n = len(members), len(t)
        total += big_n * statistics.fmean(t)
        if n > 1:
            var += big_n ** 2 * (1 - n / big_n) * statistics.variance(t) / n
    return total, math.sqrt(var)


# ======================================================================= interphase side
class Interphase:
    def __init__(self, exe: str, tmp: str):
        self.exe, self.tmp, self.n = exe, tmp, 0

    def run(self, *args, db: str) -> dict:
        """Run `interphase ARGS --db DB` (through SPAWN); stdout and stderr go to files.
        Returns seconds, peak memory (MB), exit status, stdout path and stderr text."""
        self.n += 1
        out = os.path.join(self.tmp, f"out{self.n}.txt")
        err = os.path.join(self.tmp, f"err{self.n}.txt")
        cmd = [self.exe, *args, "--db", db]
        p = subprocess.run([sys.executable, "-S", "-c", SPAWN, out, err, *cmd], capture_output=True, text=True)
        if p.returncode != 0:
            raise SystemExit(f"could not time {' '.join(cmd)}: {p.stderr.strip()}")
        r = json.loads(p.stdout)
        with open(err) as f:
            r["stderr"] = f.read()
        r.update(out=out, cmd=" ".join(cmd[1:]), mb=r["maxrss_kib"] * 1024 / 1e6)
        return r


def read_rows(path: str) -> tuple:
    """interphase's stability CSV: (header, {id: row})."""
    with open(path, newline="") as f:
        reader = csv.DictReader(f)
        return reader.fieldnames, {r["id"]: r for r in reader}


# ======================================================================= comparison
class Check:
    def __init__(self):
        self.bad: list = []
        self.rows = 0
        self.worst = 0.0

    def fail(self, msg: str):
        self.bad.append(msg)

    def num(self, label, p, i):
        dev = abs(p - i)
        self.worst = max(self.worst, dev)
        if not dev <= TOL:
            self.fail(f"{label}: pymatgen {p!r}, interphase {i!r} (|diff| {dev:.3g})")

    def ok(self) -> bool:
        return not self.bad


def compare_system(results: list, rows: dict, chk: Check):
    for e, ehull, stable, hull_e, decomp in results:
        tag = f"{e.attribute} {e.name}"
        r = rows.get(e.attribute)
        if r is None:
            chk.fail(f"{tag}: no row in interphase's CSV")
            continue
        chk.rows += 1
        try:
            chk.num(f"{tag} e_form (eV/atom)", e.energy_per_atom, float(r["e_form"]))
            chk.num(f"{tag} e_above_hull (eV/atom)", ehull, float(r["e_above_hull"]))
            chk.num(f"{tag} hull_energy (eV/atom)", hull_e, float(r["hull_energy"]))
            if r["stable"] not in ("true", "false") or (r["stable"] == "true") != stable:
                chk.fail(f"{tag} stable: pymatgen {stable}, interphase {r['stable']!r}")
            p_phases = {d.composition.reduced_formula for d in decomp}
            i_phases = {part.rsplit(":", 1)[0] for part in r["decomposition"].split(";") if part}
            if p_phases != i_phases:
                chk.fail(f"{tag} decomposition phases: pymatgen {sorted(p_phases)}, "
                         f"interphase {sorted(i_phases)} ({r['decomposition']})")
        except ValueError as exc:
            chk.fail(f"{tag}: unreadable row {r}: {exc}")


# ======================================================================= output
def median(results: list, key: str = "seconds") -> float:
    return statistics.median(r[key] for r in results)


def fmt_s(t):
    return "-" if t is None else f"{t:.3f}"


def mark(ok):
    return "" if ok is None else ("met" if ok else "NOT MET")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--interphase", default=os.path.normpath(os.path.join(HERE, "..", "build", "interphase")),
                    help="interphase program (default: ../build/interphase relative to this script)")
    ap.add_argument("--data", default=os.path.normpath(os.path.join(HERE, "..", "..", "shared", "data",
                                                                     "mp_e_form.csv")),
                    help="formation-energy CSV (default: ../../shared/data/mp_e_form.csv relative to this script)")
    ap.add_argument("--repeat", type=int, default=5,
                    help="repetitions of each interphase command; the median is reported (default 5)")
    ap.add_argument("--full", action="store_true",
                    help="time pymatgen on every chemical system (about 10 minutes) instead of a sample")
    ap.add_argument("--fraction", type=float, default=0.05,
                    help="sampled fraction of each size class (default 0.05)")
    ap.add_argument("--min-per-class", type=int, default=20,
                    help="sampled systems per size class at least (all if fewer; default 20)")
    ap.add_argument("--seed", type=int, default=7, help="seed of the sample (default 7)")
    ap.add_argument("--json", metavar="FILE", help="also write every timing and check to FILE")
    args = ap.parse_args()
    if args.repeat < 1:
        ap.error("--repeat must be at least 1")
    if not 0 < args.fraction <= 1 or args.min_per_class < 1:
        ap.error("--fraction must be in (0, 1] and --min-per-class at least 1")
    exe, data_csv = os.path.abspath(args.interphase), os.path.abspath(args.data)
    for path, what in ((exe, "interphase program"), (data_csv, "data CSV")):
        if not os.path.isfile(path):
            ap.error(f"{what} not found: {path}")
    warnings.simplefilter("ignore")

    version = subprocess.run([exe, "--version"], capture_output=True, text=True).stdout.strip()
    print(f"pymatgen {_md.version('pymatgen')} (python {platform.python_version()}) vs {exe} {version}")
    print(f"data {data_csv}; {os.cpu_count()} cores, one used by each side; interphase: median of {args.repeat}; "
          f"{datetime.datetime.now().isoformat(timespec='seconds')}")
    load_start = os.getloadavg()
    print(f"load average {load_start[0]:.2f} {load_start[1]:.2f} {load_start[2]:.2f} "
          f"(other work on the machine skews the times)", flush=True)

    problems: list = []
    tmp = tempfile.mkdtemp(prefix="interphase-bench-db-")
    try:
        ip = Interphase(exe, tmp)

        # ---------------------------------------------------------------- interphase
        # (first, while this process is small: see SPAWN)
        fresh = os.path.join(tmp, "db.sqlite")
        t0 = time.perf_counter()
        p = subprocess.run([exe, "db", "import", data_csv, "--db", fresh], capture_output=True, text=True)
        t_build = time.perf_counter() - t0
        if p.returncode != 0:
            raise SystemExit(f"database build failed: {p.stderr.strip()}")

        work = os.path.join(tmp, "work.sqlite")
        runs_all = []
        for _ in range(args.repeat):
            shutil.copyfile(fresh, work)  # no stored stability: every run computes all rows
            r = ip.run("stability", "--threads", "1", "--format", "csv", db=work)
            if r["exit"] != 0 or "computing the stability" not in r["stderr"]:
                problems.append(f"stability on a fresh database: exit {r['exit']}, stderr {r['stderr'].strip()!r} "
                                "(expected it to compute every row)")
            runs_all.append(r)
        t_all = median(runs_all)
        peak_mb = max(r["mb"] for r in runs_all)
        csv_all = runs_all[-1]["out"]
        with open(csv_all, "rb") as f:
            ref_bytes = f.read()
        for r in runs_all[:-1]:
            with open(r["out"], "rb") as f:
                if f.read() != ref_bytes:
                    problems.append(f"stability CSV differs between repetitions ({r['out']})")
        header, rows = read_rows(csv_all)
        want = ["id", "formula", "reduced_formula", "e_form", "e_above_hull", "stable", "hull_energy", "decomposition"]
        if header != want:
            problems.append(f"stability CSV header {header}, expected {want}")
        n_stable_ip = sum(r["stable"] == "true" for r in rows.values())
        print(f"  interphase stability (computes and stores all {len(rows):,} rows, 1 thread): "
              f"{t_all:.3f} s, peak {peak_mb:.0f} MB; {n_stable_ip:,} stable", flush=True)

        # the database in `work` now holds the stored stability
        runs_stored = []
        for _ in range(args.repeat):
            r = ip.run("stability", "--threads", "1", "--format", "csv", db=work)
            with open(r["out"], "rb") as f:
                same = f.read() == ref_bytes
            if r["exit"] != 0 or "computing" in r["stderr"] or not same:
                problems.append(f"stability from the store: exit {r['exit']}, stderr {r['stderr'].strip()!r}, "
                                f"CSV {'identical to' if same else 'DIFFERENT from'} the computed one")
            runs_stored.append(r)

        runs_select = []
        for _ in range(args.repeat):
            r = ip.run(*SELECT_ARGS, "--threads", "1", db=work)
            with open(r["out"]) as f:
                n = sum(1 for line in f if line.strip())
            if r["exit"] != 0 or n != SELECT_LINES:
                problems.append(f"{' '.join(SELECT_ARGS)}: exit {r['exit']}, {n} lines (expected {SELECT_LINES})")
            runs_select.append(r)

        def add_remove(formula, e_form, ident, expect=None):
            adds, removes, counts = [], [], set()
            for _ in range(args.repeat):
                for op, argv, bucket in (("add", ("db", "add", formula, e_form, "--id", ident), adds),
                                         ("remove", ("db", "remove", ident), removes)):
                    r = ip.run(*argv, "--threads", "1", db=work)
                    m = RECOMPUTED.search(r["stderr"])
                    if r["exit"] != 0 or not m:
                        problems.append(f"db {op} {ident}: exit {r['exit']}, stderr {r['stderr'].strip()!r}")
                    else:
                        counts.add((int(m.group(1)), int(m.group(2))))
                        if expect is not None and m.group(0) != expect:
                            problems.append(f"db {op} {ident}: stderr says {m.group(0)!r}, expected {expect!r}")
                    bucket.append(r)
            return adds, removes, counts

        n_systems = len({frozenset(re.findall(r"[A-Z][a-z]?", r["formula"])) for r in rows.values()})
        add1, rem1, cnt1 = add_remove(*ADD_ONE, expect=f"recomputed 1 of {n_systems} chemical systems")
        add2, rem2, cnt2 = add_remove(*ADD_HULL)
        if len(cnt2) > 1:
            problems.append(f"db add/remove {ADD_HULL[2]}: the recomputed count varies: {sorted(cnt2)}")
        recomputed2 = max(cnt2)[0] if cnt2 else None

        # after every add and remove, the store must hold exactly the full computation again
        r = ip.run("stability", "--threads", "1", "--format", "csv", db=work)
        with open(r["out"], "rb") as f:
            if f.read() != ref_bytes:
                problems.append("after the db add / db remove pairs the stored stability differs from the "
                                "full computation on a fresh database")
        print(f"  stored read {median(runs_stored):.3f} s; select {median(runs_select) * 1e3:.1f} ms; "
              f"db add/remove {ADD_ONE[0]} {median(add1):.3f}/{median(rem1):.3f} s; "
              f"db add/remove {ADD_HULL[0]} {median(add2):.3f}/{median(rem2):.3f} s "
              f"(recomputed {recomputed2} systems)", flush=True)

        # ---------------------------------------------------------------- pymatgen
        t_imp0 = time.perf_counter()
        subprocess.run([sys.executable, "-c", "import pymatgen.analysis.phase_diagram"], check=True)
        t_imp = time.perf_counter() - t_imp0
        t0 = time.perf_counter()
        data = Data(data_csv)
        t_load = time.perf_counter() - t0
        systems = list(data.by_elset)
        if len(systems) != n_systems:
            problems.append(f"pymatgen sees {len(systems)} chemical systems, interphase's CSV {n_systems}")
        classes = stratified_sample(systems, args.fraction, args.min_per_class, args.seed)
        todo = systems if args.full else [s for _, smp in classes.values() for s in smp]
        todo = sorted(todo, key=lambda s: (len(s), sorted(s)))
        random.Random(args.seed + 1).shuffle(todo)  # load changes hit every size class alike
        n_todo_entries = sum(len(data.by_elset[s]) for s in todo)
        print(f"  pymatgen: {'every' if args.full else 'a stratified sample of'} {len(todo):,} of {len(systems):,} "
              f"chemical systems ({n_todo_entries:,} entries) ...", flush=True)
        seconds, cpu, results, errors = {}, {}, {}, []
        t_loop0 = time.perf_counter()
        for k, s in enumerate(todo, start=1):
            c0 = time.process_time()
            t0 = time.perf_counter()
            try:
                res = pmg_system(data, s)
            except Exception as exc:  # reported as a failed check below
                res = None
                errors.append(f"{'-'.join(sorted(s))}: pymatgen raised {exc!r}")
            seconds[s] = time.perf_counter() - t0
            cpu[s] = time.process_time() - c0
            results[s] = res
            if k % 5000 == 0:
                print(f"    {k:,} systems, {time.perf_counter() - t_loop0:.0f} s", flush=True)
        t_loop = time.perf_counter() - t_loop0
        problems += errors

        sizes = sorted(classes)
        per_class = []
        for size in sizes:
            members, sample = classes[size]
            timed_here = [s for s in members if s in seconds]
            per_class.append({"elements": size, "systems": len(members), "timed": len(timed_here),
                              "mean_s": statistics.fmean(seconds[s] for s in timed_here),
                              "mean_cpu_s": statistics.fmean(cpu[s] for s in timed_here)})
        if args.full:
            t_pmg, c_pmg = sum(seconds.values()), sum(cpu.values())
            # what the default sample would have estimated from these very times
            est_from_full, se_from_full = estimate(classes, seconds)
        else:
            t_pmg, se = estimate(classes, seconds)
            c_pmg = estimate(classes, cpu)[0]

        # ---------------------------------------------------------------- checks
        chk = Check()
        for s in todo:
            if results[s] is not None:
                compare_system(results[s], rows, chk)
        n_stable_pmg = sum(st for s in todo if results[s] for _, _, st, _, _ in results[s])
        problems += chk.bad
        print(f"  checked {chk.rows:,} rows of {len(todo):,} systems against pymatgen: "
              f"{'all agree' if chk.ok() and not errors else f'{len(chk.bad) + len(errors)} disagreements'}, "
              f"max |diff| {chk.worst:.2g} eV/atom; stable: pymatgen {n_stable_pmg:,}, "
              f"interphase {sum(rows[e.attribute]['stable'] == 'true' for s in todo if results[s] for e, *_ in results[s]):,}",
              flush=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    # ---------------------------------------------------------------- report
    if problems:
        print(f"\nCHECK FAILURES (tolerance {TOL:g} eV/atom):")
        for line in problems[:200]:
            print("  " + line)
        if len(problems) > 200:
            print(f"  ... and {len(problems) - 200} more")

    print("\npymatgen per-system loop, by number of elements:")
    print("| elements | systems | timed | mean s/system | class total s | mean cpu s/system |")
    print("|---:|---:|---:|---:|---:|---:|")
    for c in per_class:
        print(f"| {c['elements']} | {c['systems']:,} | {c['timed']:,} | {c['mean_s']:.4f} | "
              f"{c['systems'] * c['mean_s']:.1f} | {c['mean_cpu_s']:.4f} |")

    n_entries = len(rows)
    ratio = t_pmg / t_all
    if args.full:
        p_label = "measured, every system"
    else:
        p_label = f"ESTIMATED from {len(todo):,} sampled systems"
    rows_out = [
        ("0a. start python + import pymatgen (one-off)", t_imp, None, None, "", None),
        (f"0b. load CSV -> {len(data.entries):,} PDEntry by element set (one-off)", t_load, None, None, "", None),
        ("0c. build database: interphase db import (one-off)", None, t_build, None, "", None),
        (f"stability of all {n_entries:,} entries, 1 core (pymatgen {p_label})", t_pmg, t_all,
         f"{ratio:.0f}", f"< {TARGET_ALL_S:g} s, >= {TARGET_RATIO:g}x",
         t_all < TARGET_ALL_S and ratio >= TARGET_RATIO),
        ("peak memory of interphase stability (MB, not s)", None, peak_mb, None, f"< {TARGET_PEAK_MB:g} MB",
         peak_mb < TARGET_PEAK_MB),
        ("stability again, read from the store", None, median(runs_stored), None, f"< {TARGET_ALL_S:g} s",
         median(runs_stored) < TARGET_ALL_S),
        (f"select --with Li --stable ({SELECT_LINES:,} lines)", None, median(runs_select), None,
         f"< {TARGET_SELECT_S * 1e3:g} ms", median(runs_select) < TARGET_SELECT_S),
        (f"db add {ADD_ONE[0]} {ADD_ONE[1]} (recomputes 1 system)", None, median(add1), None,
         f"< {TARGET_ADD_S:g} s", median(add1) < TARGET_ADD_S),
        (f"db remove {ADD_ONE[2]}", None, median(rem1), None, f"< {TARGET_ADD_S:g} s", median(rem1) < TARGET_ADD_S),
        (f"db add {ADD_HULL[0]} {ADD_HULL[1]} (recomputes {recomputed2} systems)", None, median(add2), None,
         f"< {TARGET_ADD_S:g} s", median(add2) < TARGET_ADD_S),
        (f"db remove {ADD_HULL[2]}", None, median(rem2), None, f"< {TARGET_ADD_S:g} s", median(rem2) < TARGET_ADD_S),
    ]
    w = max(len(r[0]) for r in rows_out)
    print()
    print(f"| {'job':<{w}} | pymatgen s | interphase s | ratio | target              | met     |")
    print(f"|{'-' * (w + 2)}|-----------:|-------------:|------:|---------------------|---------|")
    for name, tp, ti, rt, target, ok in rows_out:
        ti_s = f"{ti:.0f}" if name.startswith("peak memory") else fmt_s(ti)
        print(f"| {name:<{w}} | {fmt_s(tp):>10} | {ti_s:>12} | {rt or '-':>5} | {target:<19} | {mark(ok):<7} |")
    print()
    print(f"checks: {chk.rows:,} rows of {len(todo):,} chemical systems compared with pymatgen "
          f"(e_above_hull and hull energy within {TOL:g} eV/atom, stable flag, decomposition phases): "
          + ("all agree" if not problems else f"{len(problems)} FAILED (listed above)"))
    if args.full:
        print(f"pymatgen loop measured on every system: {t_pmg:.1f} s (wall {t_loop:.1f} s). The default sample "
              f"({sum(len(smp) for _, smp in classes.values()):,} systems, seed {args.seed}) would have estimated "
              f"{est_from_full:.1f} s +- {2 * se_from_full:.1f} s from these times.")
    else:
        print(f"pymatgen full loop ESTIMATED from a stratified sample of {len(todo):,} of {len(systems):,} "
              f"systems ({args.fraction:g} of each size class, at least {args.min_per_class}, seed {args.seed}; "
              f"the sample itself took {t_loop:.1f} s): {t_pmg:.1f} s +- {2 * se:.1f} s (2 standard errors). "
              "--full measures it.")
    c_all = median(runs_all, "cpu_s")
    print(f"CPU time (user+sys; less sensitive to other load than the wall times above): all entries "
          f"pymatgen {c_pmg:.1f} s{'' if args.full else ' (estimated)'}, interphase {c_all:.3f} s = "
          f"{c_pmg / c_all:.0f}x; stored read {median(runs_stored, 'cpu_s'):.3f} s; "
          f"select {median(runs_select, 'cpu_s') * 1e3:.0f} ms; db add/remove {ADD_ONE[0]} "
          f"{median(add1, 'cpu_s'):.3f}/{median(rem1, 'cpu_s'):.3f} s, {ADD_HULL[0]} "
          f"{median(add2, 'cpu_s'):.3f}/{median(rem2, 'cpu_s'):.3f} s")
    load_end = os.getloadavg()
    print(f"load average at the end {load_end[0]:.2f} {load_end[1]:.2f} {load_end[2]:.2f}")

    if args.json:
        with open(args.json, "w") as f:
            json.dump({
                "mode": "full" if args.full else "sample",
                "load_average": {"start": load_start, "end": load_end},
                "one_off": {"pymatgen_import_s": t_imp, "pymatgen_load_s": t_load, "interphase_db_import_s": t_build},
                "pymatgen": {"total_s": t_pmg, "estimated": not args.full,
                             "standard_error_s": None if args.full else se,
                             "estimate_from_default_sample_s": est_from_full if args.full else None,
                             "systems_timed": len(todo), "systems": len(systems), "per_class": per_class,
                             "seed": args.seed, "fraction": args.fraction, "min_per_class": args.min_per_class,
                             "cpu_s": c_pmg,
                             "per_system_s": {"-".join(sorted(s)): t for s, t in seconds.items()},
                             "per_system_cpu_s": {"-".join(sorted(s)): t for s, t in cpu.items()}},
                "interphase": {
                    "stability_computed_s": [r["seconds"] for r in runs_all],
                    "stability_computed_cpu_s": [r["cpu_s"] for r in runs_all],
                    "stability_peak_mb": [r["mb"] for r in runs_all],
                    "stability_stored_s": [r["seconds"] for r in runs_stored],
                    "select_s": [r["seconds"] for r in runs_select],
                    "select_cpu_s": [r["cpu_s"] for r in runs_select],
                    "db_add_one_s": [r["seconds"] for r in add1], "db_remove_one_s": [r["seconds"] for r in rem1],
                    "db_add_hull_s": [r["seconds"] for r in add2], "db_remove_hull_s": [r["seconds"] for r in rem2],
                    "db_add_cpu_s": [r["cpu_s"] for r in add1 + add2],
                    "db_remove_cpu_s": [r["cpu_s"] for r in rem1 + rem2],
                    "db_add_hull_recomputed": recomputed2, "stable_entries": n_stable_ip},
                "ratio": ratio,
                "checks": {"rows": chk.rows, "max_abs_diff": chk.worst, "tolerance": TOL, "failures": problems},
            }, f, indent=1)

    print(f"whole-database ratio (pymatgen / interphase): {t_pmg:.1f} s / {t_all:.3f} s = {ratio:.0f}x")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
