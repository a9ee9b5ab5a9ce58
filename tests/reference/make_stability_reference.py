"""Stability of every entry of mp_e_form.csv, the pymatgen reference.

Run:
    /usr/bin/python3 tests/reference/make_stability_reference.py \
        [path/to/mp_e_form.csv] [--output build/stability_reference.csv] [--jobs 2]

(default CSV: ../../../shared/data/mp_e_form.csv relative to this file; Debian
pymatgen 2022.11.7.)  Writes

  * the FULL reference (one row per data row, 18.7 MB) to --output, by
    default build/stability_reference.csv (build/ is not committed);
  * the committed sample tests/reference/stability_sample_reference.csv (about
    2,000 rows, same columns) and its provenance
    tests/reference/stability_sample_reference.meta.json.

Check a CSV written by `interphase stability --format csv` against the full file
with compare_stability.py (no pymatgen needed).

Method (SCIENCE.md, "Stability of every entry in a data set").  Entries follow
_common.py: row i -> PDEntry(Composition(formula), target * num_atoms,
name=formula, attribute="mp_e_form:<i>").  Every chemical system that occurs in
the data (the exact element set of some entry) gets one exact pymatgen
PhaseDiagram (not PatchedPhaseDiagram) of all entries whose elements are a
subset of the system, as if in data-row order (the entries are indexed by
element set and the 2^n - 1 subsets are enumerated; see "Speed-ups").  Each entry is judged ONLY in the
PhaseDiagram of its own chemical system.  Columns:

    id               mp_e_form:<row>
    formula          as in the CSV
    reduced_formula  Composition(formula).reduced_formula
    e_form           target (float, eV/atom) as read from the CSV
    e_above_hull     pd.get_e_above_hull(entry); if pymatgen refuses (an e_above_hull
                     below -1e-8) pd.get_decomp_and_e_above_hull(entry,
                     allow_negative=True)[1] - never needed on this data set
    stable           true iff the entry OBJECT is one of pd.stable_entries (identity):
                     only the lowest entry of a reduced composition is a hull vertex,
                     pymatgen keeps the first of exact ties in data order
    hull_energy      pd.get_hull_energy_per_atom(entry.composition)
    decomposition    pd.get_decomposition(entry.composition) as
                     "Formula:fraction;Formula:fraction", the reduced formula of each
                     product phase and its atomic fraction (repr), sorted by
                     descending fraction, ties by formula; a vertex decomposes to
                     itself ("Li2O:1.0"), a polymorph to its composition's vertex
Floats are written with repr() (round trip), booleans as true/false, rows in
data-row order.

Notes on pymatgen's semantics (pinned by this reference):
  * get_e_above_hull first asks `entry in pd.stable_entries` (set membership:
    hash of the unreduced formula and the total energy to 8 decimals, then
    np.allclose), and returns exactly 0.0 for any entry equal to a vertex, e.g.
    an exact duplicate row.  Those rows are `stable=false` here (not the
    vertex object) but have e_above_hull 0.0.  The eq-semantics flag
    (`entry in pd.stable_entries`) is computed and its difference from the
    identity flag reported at the end of a run; it is not a column.
  * PhaseDiagram puts only the lowest entry of each reduced composition, and of
    those only entries with formation energy < -1e-11 eV/atom (plus the
    elemental references), into Qhull ("Qt i"); points lying exactly on a
    facet may or may not come out as vertices.  Rows with e_above_hull == 0.0
    that are not stable are collected into the sample as ties.
  * e_form is the CSV target; pymatgen's energy_per_atom, target*n/n, could
    differ from it in the last bit (it does not on this data set).

The sample (select_sample): every entry of SAMPLE_SYSTEMS and their
subsystems, every row of a reduced composition with several entries within
POLYMORPH_SYSTEMS, every single-element row, every row of an 8- or 9-element
system, every row with e_above_hull <= 1e-6 that is not stable (exact ties
included), then a random.Random(2026) sample of the other rows up to 2,000;
the meta file lists how many rows each criterion matched and added.

Speed-ups, neither of which changes a bit of the output: the entries of a
system are handed to PhaseDiagram already in its own sort order (presort_rank)
and Composition.reduced_composition is memoised (cache_reduced_compositions).
Each run re-judges the 20 largest and 20 seeded random systems without either
(data order, plain pymatgen) and compares every field exactly (--verify).

Measured on mp_e_form.csv (132,752 rows), 2 cores, --jobs 2:
  * runtime 8.4 min wall (501 s: 35 s loading and pre-sorting, 443 s of
    PhaseDiagrams, the rest verification and writing), 11.5 min when the
    machine was busy; peak RSS 0.6 GB.  Two runs wrote byte-identical files
    (sha256 5373246d83d27a1feac1dbc12bb297f8c5ed1de748b56e11cc4b0231ae105cf1).
  * 132,752 entries in 45,611 chemical systems (7,398,447 entries over all
    PhaseDiagrams); no PhaseDiagram failed, pymatgen issued no warning, no
    e_above_hull was negative (the allow_negative fallback never ran), and
    energy_per_atom equals the CSV target for every row.
  * 35,408 stable entries (identity).  A count of 35,443 is 35,408 plus the 35
    rows that lie within 1e-8 eV/atom (in fact within 9e-16) of the hull
    without being its vertex: all are elemental polymorphs of H, N, F and Cl
    whose targets are 0.0, 4.4e-16 or 8.9e-16 eV/atom (e.g. the 5 F and 3 Cl
    rows at 0.0, of which only the first, mp_e_form:12099 F4 and
    mp_e_form:11931 Cl4, is the vertex; for N the vertex is mp_e_form:12111
    N10 at 0.0 and 13 other N rows have 8.9e-16).  The compounds closest to
    the hull without being stable are 1.7e-7 to 7.5e-7 eV/atom above it (mp_e_form:38318 Nb3Si6, 17263 Cd8P16, 35634
    Si6Ta3, 87403 Ga4O8Pb2).
  * eq semantics (`entry in pd.stable_entries`) flags 35,415 rows: 7 more, the
    exact-formula duplicates of a vertex with the same energy to 8 decimals,
    mp_e_form:12186, 12775, 12805 (H1, vertex 12772), 12680 (Cl4, vertex
    11931), 12728, 12729, 12808 (F4, vertex 12099).  Their e_above_hull is
    0.0 through get_e_above_hull's short-cut (12186 and 12805 have e_form
    4.4e-16, 12775 8.9e-16 above the vertex's 0.0).  Two more rows have
    e_above_hull exactly 0.0 without being stable, both computed:
    mp_e_form:12676 F8 and 12755 Cl16 (same energy, other formula).
"""

from __future__ import annotations

import argparse
import collections
import csv
import datetime
import itertools
import json
import multiprocessing as mp
import os
import random
import sys
import time
import warnings

from pymatgen.analysis.phase_diagram import PhaseDiagram
from pymatgen.core import Composition

import _common as C

DEFAULT_OUTPUT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "build", "stability_reference.csv"))
SAMPLE_NAME = "stability_sample_reference.csv"
META_NAME = "stability_sample_reference.meta.json"
COLUMNS = ["id", "formula", "reduced_formula", "e_form", "e_above_hull", "stable", "hull_energy", "decomposition"]

# Sample: every entry of these systems (their subsystems' entries included) ...
SAMPLE_SYSTEMS = ["Cl-In-Li", "Cl-Li-P-S", "Li-O-Ru"]
# ... and every row of these systems whose reduced composition has several entries.
POLYMORPH_SYSTEMS = ["Cu-O", "Fe-O", "Mn-O", "Ti-O", "V-O"]
SAMPLE_TARGET = 2000
SAMPLE_SEED = 2026

# Globals of the worker processes (inherited through fork, built once in the parent).
_DS: C.Dataset | None = None
_BY_SET: dict[frozenset, list[int]] = {}
_RANK: dict[int, int] = {}  # row -> position in PhaseDiagram's own sort order (see presort_rank)

_ORIG_REDUCED_COMPOSITION = Composition.reduced_composition


def _cached_reduced_composition(self):
    try:
        return self._interphase_reduced
    except AttributeError:
        red = self._interphase_reduced = _ORIG_REDUCED_COMPOSITION.fget(self)
        return red


def cache_reduced_compositions(on: bool) -> None:
    """Memoise Composition.reduced_composition (a pure function of an immutable
    Composition that pymatgen recomputes on every call, twice per entry and per
    PhaseDiagram).  Values are unchanged; `verify` re-runs systems without it."""
    Composition.reduced_composition = property(_cached_reduced_composition) if on else _ORIG_REDUCED_COMPOSITION


def presort_rank(ds: C.Dataset) -> dict[int, int]:
    """Position of each row in sorted(rows in data order, key=reduced_composition),
    PhaseDiagram._compute's first step, done once for all rows.

    Composition ordering is lexicographic over the element order, i.e. a total
    order whose restriction to a subset is that subset's sorted order, and
    Python's sort is stable: PhaseDiagram's sort of a closure handed over in this
    order gives the same list as from data order (equal reduced compositions stay
    in data order, so pymatgen still keeps the first of exact ties in data
    order), in n-1 comparisons instead of n log n."""
    rows = sorted((r for r, *_ in ds.rows), key=lambda r: ds.entry(r).composition.reduced_composition)
    return {r: i for i, r in enumerate(rows)}


def closure_rows(system: frozenset, presorted: bool = True) -> list[int]:
    """Rows of all entries whose element set is a subset of `system`: in
    PhaseDiagram's sort order (presort_rank), else in data order."""
    els = sorted(system)
    rows: list[int] = []
    for k in range(1, len(els) + 1):
        for sub in itertools.combinations(els, k):
            rows.extend(_BY_SET.get(frozenset(sub), ()))
    rows.sort(key=_RANK.__getitem__ if presorted else None)
    return rows


def fmt_decomposition(decomp: dict) -> str:
    prods = []
    for e, amt in decomp.items():
        prods.append((e.composition.reduced_formula, float(amt)))
    if len({f for f, _ in prods}) != len(prods):
        raise RuntimeError(f"duplicate product formula in {prods}")
    prods.sort(key=lambda p: (-p[1], p[0]))
    return ";".join(f"{f}:{a!r}" for f, a in prods)


def judge_system(system: frozenset, presorted: bool = True):
    """Build the PhaseDiagram of `system` and judge the entries of exactly that system.

    Returns (system, results, stats, notes); results are tuples
    (row, reduced_formula, e_above_hull, stable, stable_eq, hull_energy, decomposition)."""
    ds = _DS
    rows = closure_rows(system, presorted)
    entries = [ds.entry(r) for r in rows]
    stats = collections.Counter()
    notes: list[str] = []
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        pd = PhaseDiagram(entries)
        vertex_ids = {id(e) for e in pd._stable_entries}
        stable_set = pd.stable_entries
        out = []
        for r in _BY_SET[system]:
            e = ds.entry(r)
            comp = e.composition
            try:
                eah = pd.get_e_above_hull(e)
            except ValueError as exc:
                eah = pd.get_decomp_and_e_above_hull(e, allow_negative=True)[1]
                stats["allow_negative_fallback"] += 1
                notes.append(f"mp_e_form:{r}: {exc}")
            eah = float(eah)
            if eah < 0:
                stats["negative_e_above_hull"] += 1
            hull = float(pd.get_hull_energy_per_atom(comp))
            dec = fmt_decomposition(pd.get_decomposition(comp))
            out.append((r, comp.reduced_formula, eah, id(e) in vertex_ids, e in stable_set, hull, dec))
    for w in caught:
        notes.append(f"{'-'.join(sorted(system))}: {w.category.__name__}: {w.message}")
        stats["warnings"] += 1
    stats["closure_entries"] = len(entries)
    return system, out, stats, notes


def verify(systems: list, results: dict[int, tuple], n: int) -> int:
    """Re-judge the n largest systems and n seeded random others the plain way (data
    order, no reduced-composition cache) and compare every field exactly."""
    pick = systems[:n] + random.Random(SAMPLE_SEED).sample(systems[n:], min(n, len(systems) - n))
    cache_reduced_compositions(False)
    bad = 0
    try:
        for s in pick:
            for res in judge_system(s, presorted=False)[1]:
                if res != results[res[0]]:
                    bad += 1
                    print(f"VERIFY MISMATCH mp_e_form:{res[0]}: {res} != {results[res[0]]}", file=sys.stderr)
    finally:
        cache_reduced_compositions(True)
    print(f"verified {len(pick)} systems the plain way: {bad} differing rows", flush=True)
    return bad


def fmt_row(ds: C.Dataset, res) -> list[str]:
    r, reduced, eah, stable, _stable_eq, hull, dec = res
    _, formula, target, _ = ds.rows[r - 1]
    return [f"mp_e_form:{r}", formula, reduced, repr(float(target)), repr(eah),
            "true" if stable else "false", repr(hull), dec]


def write_csv(path: str, ds: C.Dataset, results: list) -> None:
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    with open(path, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(COLUMNS)
        for res in results:
            w.writerow(fmt_row(ds, res))
    print(f"wrote {path} ({os.path.getsize(path)} bytes, {len(results)} rows)")


def select_sample(ds: C.Dataset, results: dict[int, tuple]) -> tuple[list[int], dict]:
    """Deterministic choice of the committed sample rows; returns (rows, {criterion:
    "<rows matching> matching, <rows not chosen by an earlier criterion> added"})."""
    chosen: dict[int, str] = {}

    def add(rows, reason):
        rows = list(rows)
        n = 0
        for r in rows:
            if r not in chosen:
                chosen[r] = reason
                n += 1
        return f"{len(rows)} matching, {n} added"

    counts = {}
    for s in SAMPLE_SYSTEMS:
        counts[f"system {s}"] = add(closure_rows(frozenset(s.split("-"))), f"system {s}")
    for s in POLYMORPH_SYSTEMS:
        rows = closure_rows(frozenset(s.split("-")))
        by_comp = collections.defaultdict(list)
        for r in rows:
            by_comp[results[r][1]].append(r)
        counts[f"polymorphs {s}"] = add([r for r in rows if len(by_comp[results[r][1]]) > 1], f"polymorphs {s}")
    counts["single element"] = add([r for r, _, _, s in ds.rows if len(s) == 1], "single element")
    counts["8-9 elements"] = add([r for r, _, _, s in ds.rows if len(s) >= 8], "8-9 elements")
    counts["e_above_hull 0 not stable"] = add(
        [r for r in sorted(results) if results[r][2] == 0.0 and not results[r][3]], "tie")
    counts["e_above_hull <= 1e-6 not stable"] = add(
        [r for r in sorted(results) if results[r][2] <= 1e-6 and not results[r][3]], "near tie")
    rest = [r for r, *_ in ds.rows if r not in chosen]
    k = max(0, SAMPLE_TARGET - len(chosen))
    counts["random"] = add(sorted(random.Random(SAMPLE_SEED).sample(rest, k)), "random")
    return sorted(chosen), counts


def main():
    C.ensure_hash_seed()
    global _DS, _BY_SET, _RANK
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("csv", nargs="?", default=C.DEFAULT_CSV)
    ap.add_argument("--output", default=DEFAULT_OUTPUT, help="full reference CSV (not in the repository)")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--no-sample", action="store_true", help="do not rewrite the committed sample")
    ap.add_argument("--verify", type=int, default=20, metavar="N",
                    help="re-judge the N largest and N random systems without the speed-ups (default 20)")
    args = ap.parse_args()
    csv_path = os.path.abspath(args.csv)

    t0 = time.time()
    ds = C.Dataset(csv_path)
    for r, *_ in ds.rows:
        ds.entry(r)
    by_set: dict[frozenset, list[int]] = collections.defaultdict(list)
    for r, _, _, s in ds.rows:
        by_set[s].append(r)
    cache_reduced_compositions(True)
    _DS, _BY_SET, _RANK = ds, dict(by_set), presort_rank(ds)
    # Largest closures first so that the pool's tail is short.
    systems = sorted(_BY_SET, key=lambda s: (-len(closure_rows(s)), sorted(s)))
    print(f"{len(ds.rows)} entries, {len(systems)} chemical systems; loaded in {time.time() - t0:.1f} s",
          flush=True)

    results: dict[int, tuple] = {}
    stats = collections.Counter()
    notes: list[str] = []
    ctx = mp.get_context("fork")
    done = 0
    with ctx.Pool(args.jobs) as pool:
        for system, out, st, nt in pool.imap_unordered(judge_system, systems, chunksize=8):
            for res in out:
                results[res[0]] = res
            stats.update(st)
            notes.extend(nt)
            done += 1
            if done % 2000 == 0 or done == len(systems):
                print(f"  {done}/{len(systems)} systems, {len(results)} entries, {time.time() - t0:.0f} s",
                      flush=True)
    if len(results) != len(ds.rows):
        raise RuntimeError(f"{len(results)} results for {len(ds.rows)} rows")
    ordered = [results[r] for r in sorted(results)]
    n_verify_bad = verify(systems, results, args.verify) if args.verify > 0 else None

    n_stable = sum(res[3] for res in ordered)
    n_stable_eq = sum(res[4] for res in ordered)
    n_diff = sum(res[3] != res[4] for res in ordered)
    n_tie = sum(res[2] == 0.0 and not res[3] for res in ordered)
    n_near = sum(res[2] <= 1e-8 and not res[3] for res in ordered)
    n_ulp = sum(ds.entry(r).energy_per_atom != t for r, _, t, _ in ds.rows)
    diff_ids = [f"mp_e_form:{res[0]}" for res in ordered if res[3] != res[4]]
    write_csv(args.output, ds, ordered)

    summary = {
        "entries": len(ordered),
        "systems": len(systems),
        "stable_identity": n_stable,
        "stable_eq_semantics": n_stable_eq,
        "eq_vs_identity_differences": n_diff,
        "eq_vs_identity_differing_ids": diff_ids[:50],
        "e_above_hull_zero_not_stable": n_tie,
        "e_above_hull_le_1e-8_not_stable": n_near,
        "energy_per_atom_differs_from_target": n_ulp,
        "negative_e_above_hull": stats["negative_e_above_hull"],
        "allow_negative_fallback": stats["allow_negative_fallback"],
        "pymatgen_warnings": stats["warnings"],
        "sum_closure_entries": stats["closure_entries"],
        "verify_differing_rows": n_verify_bad,
    }

    if not args.no_sample:
        sample_rows, reasons = select_sample(ds, results)
        path = os.path.join(C.HERE, SAMPLE_NAME)
        write_csv(path, ds, [results[r] for r in sample_rows])
        meta = C.generator_info(__file__, csv_path)
        meta.update({
            "date": datetime.date.today().isoformat(),
            "full_reference": "written by the same run to --output (default "
                              f"{DEFAULT_OUTPUT}); not committed",
            "columns": COLUMNS,
            "sample_rows": len(sample_rows),
            "sample_selection": reasons,
            "sample_systems": SAMPLE_SYSTEMS,
            "polymorph_systems": POLYMORPH_SYSTEMS,
            "random_seed": SAMPLE_SEED,
            "full_run": summary,
        })
        with open(os.path.join(C.HERE, META_NAME), "w") as f:
            json.dump(meta, f, indent=1)
            f.write("\n")
        print(f"wrote {os.path.join(C.HERE, META_NAME)}")

    for n in notes[:50]:
        print("note:", n)
    if len(notes) > 50:
        print(f"note: ... {len(notes) - 50} more")
    for k, v in summary.items():
        print(f"{k}: {v}")
    print(f"runtime {time.time() - t0:.1f} s (jobs={args.jobs})")


if __name__ == "__main__":
    sys.exit(main())
