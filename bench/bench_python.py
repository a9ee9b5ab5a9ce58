#!/usr/bin/python3
"""Benchmark: interphase.screen through the Python module vs the program's screen.

Run (after the build, with Debian's python, which the module is built for):

    /usr/bin/python3 bench/bench_python.py [--build DIR] [--pairs 1000] [--threads N] [--repeat 5]

The same 1,000 pairs (40 Li-S electrolytes x 25 Li-O cathodes, picked from the
default data with `interphase select`) are screened closed and at 3 V, once by
`interphase screen @A --against @B --format json` (a process, its output
discarded) and once by `interphase.screen(A, B, conditions=["closed", 3])` in
this process, each on a Database opened afresh. Both sides use the same
database (built once in a temporary directory, its stability stored, before
anything is timed) and the same number of threads. The rows of the two sides
are compared first; each side is timed --repeat times and the median is
reported. The binding should add no per-pair cost worth measuring: the exit
status is 1 if the module takes more than 1.2 times the program's time, or if
the rows differ.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--build", default=os.path.join(HERE, "..", "build"), help="build directory (default ../build)")
    p.add_argument("--pairs", type=int, default=1000, help="pairs to screen (default 1000: 40 x 25)")
    p.add_argument("--threads", type=int, default=0, help="worker threads (default 0: all cores)")
    p.add_argument("--repeat", type=int, default=5, help="timings per side (median reported)")
    args = p.parse_args()

    build = os.path.abspath(args.build)
    program = os.path.join(build, "interphase")
    sys.path.insert(0, os.path.join(build, "python"))
    import interphase

    with tempfile.TemporaryDirectory(prefix="interphase-bench-") as tmp:
        db_path = os.path.join(tmp, "db.sqlite")
        env = dict(os.environ, INTERPHASE_DB=db_path)

        def run(*cli: str) -> str:
            return subprocess.run([program, *cli], env=env, check=True, capture_output=True, text=True).stdout

        # The database and its stability, once, untimed; then the materials.
        run("select", "--with", "Li", "--stable", "--limit", "1")
        n_b = 25
        n_a = max(1, args.pairs // n_b)
        a_list = run("select", "--with", "Li,S", "--without", "O", "--stable", "--elements", "3-4", "--sort",
                     "formula", "--limit", str(n_a)).split()
        b_list = run("select", "--with", "Li,O", "--any", "Co,Ni,Mn,Fe", "--without", "S", "--stable", "--elements",
                     "3-4", "--sort", "formula", "--limit", str(n_b)).split()
        a_file, b_file = os.path.join(tmp, "a.txt"), os.path.join(tmp, "b.txt")
        with open(a_file, "w") as f:
            f.write("\n".join(a_list) + "\n")
        with open(b_file, "w") as f:
            f.write("\n".join(b_list) + "\n")
        pairs = len(a_list) * len(b_list)
        cli = [program, "screen", "@" + a_file, "--against", "@" + b_file, "--conditions", "closed,3",
               "--threads", str(args.threads), "--format", "json", "--quiet"]

        def program_side() -> list:
            done = subprocess.run(cli, env=env, check=True, capture_output=True, text=True)
            return done.stdout.splitlines()

        def module_side() -> list:
            db = interphase.Database(db_path)
            return interphase.screen(a_list, b_list, conditions=["closed", 3], data=db,
                                     threads=args.threads or None)

        # Same work on both sides.
        ours = module_side().to_dict()["rows"]
        theirs = [json.loads(line) for line in program_side()]
        if ours != theirs:
            print(f"rows differ: module {len(ours)}, program {len(theirs)}", file=sys.stderr)
            return 1

        def timed(side) -> list:
            times = []
            for _ in range(args.repeat):
                start = time.perf_counter()
                side()
                times.append(time.perf_counter() - start)
            return times

        t_program = timed(program_side)
        t_module = timed(module_side)

    m_program, m_module = statistics.median(t_program), statistics.median(t_module)
    ratio = m_module / m_program
    errors = sum(r["error"] is not None for r in ours)
    print(f"screen of {pairs} pairs ({len(a_list)} x {len(b_list)}), closed and 3 V: {len(ours)} rows "
          f"({errors} with an error), threads {args.threads or 'all'}, median of {args.repeat}")
    print(f"  program  interphase screen      {m_program:7.3f} s   ({', '.join(f'{t:.3f}' for t in t_program)})")
    print(f"  module   interphase.screen()    {m_module:7.3f} s   ({', '.join(f'{t:.3f}' for t in t_module)})")
    print(f"ratio module / program: {ratio:.3f} (limit 1.2)")
    return 0 if ratio <= 1.2 else 1


if __name__ == "__main__":
    sys.exit(main())
