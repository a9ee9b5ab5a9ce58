#!/usr/bin/python3
"""Time the same commands through two builds of the program, one after the other.

    /usr/bin/python3 bench/compare_programs.py OLD_PROGRAM NEW_PROGRAM [--repeat N] [--db FILE]

For a change that should not slow anything (a restructuring of the front ends,
say): each command runs --repeat times through each program, alternating, on one
database whose stability is already stored (built first by the new program), and
the median wall times and their ratio (new / old) are printed, one row a command.
The single commands are bound by process start-up (a few ms), so ratios within
about 10% of 1 are noise; the last line is the ratio of the summed medians.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

COMMANDS = [
    ["react", "Li6PS5Cl", "Li2RuO3", "--format", "json"],
    ["react", "Li3InCl6", "Li2RuO3", "--format", "json"],
    ["react", "Li6PS5Cl", "Li2RuO3", "--open", "Li", "--voltage", "3", "--format", "json"],
    ["react", "Li6PS5Cl", "Li2RuO3", "--uncertainty", "--explain", "--format", "json"],
    ["sweep", "Li6PS5Cl", "Li2RuO3", "--from", "0", "--to", "5", "--step", "0.01", "--format", "csv"],
    ["map", "Li6PS5Cl", "Li2RuO3", "--format", "json"],
    ["window", "Li3InCl6", "--format", "json"],
    ["decompose", "Li6PS5Cl", "--format", "json"],
    ["hull", "Li-P-S-Cl", "--all", "--format", "json"],
    ["select", "--with", "Li", "--stable", "--format", "csv"],
    ["screen", "Li6PS5Cl", "Li3InCl6", "Li3PS4", "Li2S", "--against", "Li2RuO3", "LiCoO2", "LiNiO2",
     "--conditions", "closed,3,4.5", "--format", "csv", "--quiet"],
    ["stability", "--format", "csv"],
]


def run(program: str, args: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run([program, *args], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("old")
    parser.add_argument("new")
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--db", help="database to use (default: a fresh one in a temporary directory)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, INTERPHASE_DB=args.db or os.path.join(tmp, "db.sqlite"))
        run(args.new, ["stability", "--format", "csv"], env)  # build the database and its stability once
        total_old = total_new = 0.0
        print(f"{'command':70s} {'old ms':>9s} {'new ms':>9s} {'new/old':>8s}")
        for command in COMMANDS:
            old, new = [], []
            for _ in range(args.repeat):
                old.append(run(args.old, command, env))
                new.append(run(args.new, command, env))
            mo, mn = statistics.median(old), statistics.median(new)
            total_old += mo
            total_new += mn
            print(f"{' '.join(command)[:70]:70s} {mo * 1e3:9.1f} {mn * 1e3:9.1f} {mn / mo:8.3f}")
        print(f"summed medians: old {total_old:.3f} s, new {total_new:.3f} s, new/old {total_new / total_old:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
