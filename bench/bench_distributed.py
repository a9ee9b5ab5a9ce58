#!/usr/bin/python3
"""Benchmark: a screen with --samples 200 through Dask (interphase.distributed.screen)
on 1 and 2 worker processes, the overhead of one task, and of one Slurm array task.

Run (Debian's python, with python3-distributed; the module built in build/python):

    PYTHONPATH=build/python /usr/bin/python3 bench/bench_distributed.py [--db DB] [--electrolytes 8]

The screen is a seeded subset of the 117,060-row screen of run_bench.py's job 8
(every stable Li compound x 20 cathodes x closed,3,4.5): --electrolytes of the
1,951 stable Li compounds (random.Random(2026)) x the same 20 cathodes x the 3
conditions, each row with 200 Monte Carlo samples (seed 0). It is timed:
  - locally, interphase.screen(threads=1) (one core, no Dask);
  - through LocalCluster(n_workers=W, threads_per_worker=1, processes=True) for
    W = 1 and 2 (the cluster started before the clock, the default tasks: four
    per worker), the result checked equal to the local one.
The overhead of one task: the same W=1 cluster on a cheap screen (closed only, no
samples, 40 compounds x 20 cathodes) cut into 1, 8 and 32 tasks; the time added per
extra task (least squares over the three) is what each task costs beyond its rows
(scheduling, sending the rows back, and the library's opening of a screen). The
same for a Slurm task: `interphase screen --shard I/N --output` of the cheap
screen, N = 1 and 8 processes one after another.
Prints a Markdown table for bench/README.md.
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time

import interphase
from interphase import distributed as ipd

CATHODES = ["LiCoO2", "LiNiO2", "LiMnO2", "LiMn2O4", "LiFePO4", "LiMnPO4", "LiCoPO4", "LiNiPO4", "Li2RuO3",
            "Li2MnO3", "Li2NiMn3O8", "LiVO2", "Li3V2(PO4)3", "LiFeO2", "Li2FeSiO4", "LiCrO2", "LiTiS2", "LiV3O8",
            "LiFeBO3", "Li2FeP2O7"]
CONDITIONS = ["closed", 3.0, 4.5]


def timed(f):
    t = time.perf_counter()
    out = f()
    return time.perf_counter() - t, out


def cpu_seconds() -> float:
    """User + system CPU time of this process so far (run on each worker)."""
    import resource
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def slope(xs, ys):
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs)


def main() -> int:
    from distributed import Client, LocalCluster

    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--db", help="database (default: the default database)")
    p.add_argument("--electrolytes", type=int, default=8)
    p.add_argument("--samples", type=int, default=200)
    p.add_argument("--interphase", default=os.path.join(os.path.dirname(__file__), "..", "build", "interphase"))
    a = p.parse_args()
    db = interphase.Database(a.db) if a.db else interphase.default_database()
    stable = [r.reduced_formula for r in interphase.select(with_="Li", stable=True, data=db)]
    subset = random.Random(2026).sample(stable, a.electrolytes)
    kw = dict(conditions=CONDITIONS, samples=a.samples, data=db)
    rows = len(subset) * len(CATHODES) * len(CONDITIONS)
    print(f"screen: {len(subset)} of {len(stable)} stable Li compounds x {len(CATHODES)} cathodes x "
          f"{len(CONDITIONS)} conditions = {rows} rows, --samples {a.samples}", file=sys.stderr)
    local_t, local = timed(lambda: interphase.screen(subset, CATHODES, threads=1, **kw))
    times, cpu = {}, {}
    load = os.getloadavg()[0]
    for w in (1, 2):
        with LocalCluster(n_workers=w, threads_per_worker=1, processes=True, dashboard_address=None) as c, \
                Client(c) as client:
            ipd.screen(subset[:1], CATHODES[:1], client=client, data=db)  # workers up, module imported
            before = client.run(cpu_seconds)
            times[w], got = timed(lambda: ipd.screen(subset, CATHODES, client=client, **kw))
            after = client.run(cpu_seconds)
            cpu[w] = sum(after[k] - before[k] for k in after)
            assert got == local, f"{w} workers: rows differ from the local call"
            if w == 1:
                cheap = stable[:40]
                counts = [1, 8, 32]
                cheap_t = [timed(lambda: ipd.screen(cheap, CATHODES, client=client, data=db, tasks=n))[0]
                           for n in counts]
    task_overhead = slope(counts, cheap_t)
    with tempfile.TemporaryDirectory() as tmp:
        def shards(n):
            for i in range(1, n + 1):
                subprocess.run([a.interphase, "screen", *stable[:40], "--against", *CATHODES, "--db", db.path,
                                "--format", "csv", "--shard", f"{i}/{n}", "--output", os.path.join(tmp, f"{n}-{i}.csv"),
                                "--threads", "1", "--quiet"], check=True)
        slurm_t = [timed(lambda: shards(n))[0] for n in (1, 8)]
    slurm_overhead = (slurm_t[1] - slurm_t[0]) / 7
    per_row = times[1] / rows
    print("| measure | value |\n| --- | --- |")
    print(f"| rows ({len(subset)} x {len(CATHODES)} x {len(CONDITIONS)}, --samples {a.samples}) | {rows} |")
    print(f"| local, interphase.screen(threads=1) | {local_t:.1f} s ({local_t / rows * 1000:.0f} ms/row) |")
    for w in (1, 2):
        print(f"| Dask, {w} worker{'s' * (w > 1)} ({4 * w} tasks) | {times[w]:.1f} s wall, {cpu[w]:.1f} s CPU on the "
              f"workers ({cpu[w] / (w * times[w]) * 100:.0f} % of {w} core{'s' * (w > 1)}) |")
    print(f"| speed-up, 2 workers over 1 | {times[1] / times[2]:.2f}x wall; {cpu[1] / cpu[2]:.2f} CPU-time ratio |")
    print(f"| load average (1 min) at the start, on {os.cpu_count()} cores | {load:.1f} |")
    print(f"| cheap screen (800 rows, closed) in 1 / 8 / 32 tasks, 1 worker | "
          f"{' / '.join(f'{t:.2f}' for t in cheap_t)} s |")
    print(f"| overhead of one Dask task | {task_overhead * 1000:.0f} ms |")
    print(f"| overhead of one Slurm task (a process: start, open, write) | {slurm_overhead * 1000:.0f} ms |")
    print(f"| smallest task keeping the Dask overhead under 5 % (rows at {per_row * 1000:.0f} ms) | "
          f"{task_overhead / (0.05 * per_row):.0f} rows |")
    print(f"| smallest shard keeping the Slurm overhead under 5 % | {slurm_overhead / (0.05 * per_row):.0f} rows |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
