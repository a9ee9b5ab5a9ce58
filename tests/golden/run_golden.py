#!/usr/bin/python3
"""A byte-for-byte record of the program's outputs, to check restructurings against.

    run_golden.py run --program PATH --out DIR [--jobs N] [--only 3,17,...]
    run_golden.py compare DIR_A DIR_B

`run` executes every invocation of invocations.txt (beside this script) with
the program at PATH and writes, for invocation number i (1-based, 3 digits):

    DIR/NNN.cmd    the invocation line, preceded by its directives (see below)
    DIR/NNN.out    stdout (normalised, see NORMALISATIONS)
    DIR/NNN.err    stderr (normalised)
    DIR/NNN.code   exit code, or "timeout"
    DIR/NNN.files  the files the invocation left in {tmp} (names and contents;
                   database files by name only), normalised
    DIR/NNN.pre    only for invocations with `#% pre` steps: their exit codes,
                   stdout and stderr (normalised)

plus DIR/prepare.err and DIR/prepare.code (the preparation of the database,
below) and DIR/run.json (the program, the count and the time; not compared).

`compare` compares two such directories file by file, prints every invocation
that differs (with a short unified diff of its first difference), and ends
with `N identical, M differ`; exit status 1 if any differ (or the invocation
lists themselves differ), else 0.

invocations.txt
---------------
One invocation a line: the arguments after `interphase`, split as a POSIX shell
splits them (shlex). Blank lines and lines starting with `#` are skipped. The
line `{none}` stands for the bare program (no arguments). Placeholders:

    {tmp}   a fresh, empty directory of this invocation (for --output files,
            new databases, ...); whatever is left in it is recorded in NNN.files
    {db}    the path of this invocation's private database (as INTERPHASE_DB)

Directives, lines starting with `#%`, apply to the next invocation:

    #% pre ARGS...       run the program with ARGS first, in the same setting
                         (same private database, {tmp}, env); recorded in NNN.pre
    #% copy SRC DEST     copy SRC (relative to this directory) to {tmp}/DEST first
    #% stdin FILE        stdin from FILE (relative to this directory), not /dev/null
    #% env NAME=VALUE    set an environment variable (placeholders expanded)
    #% unset NAME        remove an environment variable

Setting of every invocation
---------------------------
- cwd: this directory (tests/golden), so `@inputs/...` and `inputs/...` resolve.
- stdin: /dev/null (unless `#% stdin`).
- environment: only PATH, HOME (a scratch directory), LC_ALL=C, TZ=UTC,
  INTERPHASE_DB (the private database) and INTERPHASE_DATA (the default CSV,
  ../../../shared/data/mp_e_form.csv from this directory, or --data).
- the private database: the run first builds one database with the program
  under test itself (`PROGRAM stability --format csv` on a fresh INTERPHASE_DB:
  the first-run import of the default data, then the stored stability), then
  copies it afresh for EVERY invocation (about 35 MB; a copy takes a few tens
  of milliseconds), so that db add/remove/import and anything else that writes
  never changes what another invocation sees, whatever the order or --jobs.
- a timeout of 300 s per program call.

NORMALISATIONS
--------------
Applied to stdout, stderr, the `#% pre` record and the text of NNN.files. Each
replaces something that differs from run to run, never anything the program
computes:

 1. Paths of this run's scratch directories, which are random: the private
    database path -> {db}, its directory -> {dbdir}, the invocation's temp
    directory -> {tmp}, the scratch HOME -> {home}, the run's scratch root ->
    {work}. Also this directory -> {golden} and the default data file's
    directory -> {data}, so that a baseline made from another checkout compares.
 2. Temporary database names `NAME.building-PID-N` -> `NAME.building-{pid}-{n}`
    (the first run's build file carries the process id).
 3. ISO 8601 UTC times `2024-01-31T12:34:56Z` -> {timestamp} (a data set's
    `imported_at`, shown by db info and db import).
 4. Durations: `in 1.2 s` and `done in 0.00 s` -> `in {time} s`; `(0.19 s in
    all)` -> `({time} s in all)` (the stability computation, screen summaries,
    -v stage timings and the import's -v line).
 5. -v log clock times `[15:59:05.164]` -> `[{clock}]`.
 6. Rates and estimates of screen's progress line: `123 rows/s` -> `{rate}
    rows/s`, `1:05 left` -> `{eta} left` (only on a terminal, so never here,
    but harmless).
"""

from __future__ import annotations

import argparse
import concurrent.futures
import difflib
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
INVOCATIONS = HERE / "invocations.txt"
DEFAULT_DATA = (HERE / ".." / ".." / ".." / "shared" / "data" / "mp_e_form.csv").resolve()
DB_NAME = "interphase.sqlite"
TIMEOUT = 300
SUFFIXES = ("cmd", "out", "err", "code", "files", "pre")


class Invocation:
    def __init__(self, number: int, line: str, directives: list[tuple[str, str]]):
        self.number = number
        self.line = line
        self.directives = directives

    @property
    def stem(self) -> str:
        return f"{self.number:03d}"

    def record(self) -> str:
        return "".join(f"#% {name} {rest}\n" for name, rest in self.directives) + self.line + "\n"


def read_invocations(path: Path) -> list[Invocation]:
    out: list[Invocation] = []
    pending: list[tuple[str, str]] = []
    for lineno, raw in enumerate(path.read_text().splitlines(), 1):
        line = raw.strip()
        if line.startswith("#%"):
            name, _, rest = line[2:].strip().partition(" ")
            if name not in ("pre", "copy", "stdin", "env", "unset"):
                sys.exit(f"{path}:{lineno}: unknown directive '{name}'")
            pending.append((name, rest.strip()))
            continue
        if not line or line.startswith("#"):
            continue
        try:
            shlex.split(line) if line != "{none}" else []
        except ValueError as e:
            sys.exit(f"{path}:{lineno}: {e}")
        out.append(Invocation(len(out) + 1, line, pending))
        pending = []
    if pending:
        sys.exit(f"{path}: directives after the last invocation")
    return out


# ---------------------------------------------------------------- normalising


class Normaliser:
    def __init__(self, paths: list[tuple[str, str]]):
        # Longest first, so that a directory inside another is replaced first;
        # each path also in its resolved form (if /tmp is a link).
        pairs = []
        for path, name in paths:
            for variant in {path, os.path.realpath(path)}:
                pairs.append((variant.encode(), name.encode()))
        self.paths = sorted(pairs, key=lambda p: -len(p[0]))

    RULES = [
        # 2. first-run build file names carry the process id
        (re.compile(rb"\.building-\d+-\d+"), rb".building-{pid}-{n}"),
        # 3. ISO 8601 UTC times (imported_at)
        (re.compile(rb"\b\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ"), rb"{timestamp}"),
        # 4. durations
        (re.compile(rb"\bin \d+(?:\.\d+)? s\b"), rb"in {time} s"),
        (re.compile(rb"\(\d+(?:\.\d+)? s in all\)"), rb"({time} s in all)"),
        # 5. -v clock times
        (re.compile(rb"\[\d\d:\d\d:\d\d\.\d{3}\]"), rb"[{clock}]"),
        # 6. progress rates and estimates
        (re.compile(rb"\b\d+(?:\.\d+)? rows/s\b"), rb"{rate} rows/s"),
        (re.compile(rb"\b\d+:\d\d left\b"), rb"{eta} left"),
    ]

    def __call__(self, data: bytes) -> bytes:
        for path, name in self.paths:
            data = data.replace(path, name)
        for pattern, replacement in self.RULES:
            data = pattern.sub(replacement, data)
        return data


# ---------------------------------------------------------------- running


def base_env(home: Path, db: Path, data: Path) -> dict[str, str]:
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(home),
        "LC_ALL": "C",
        "TZ": "UTC",
        "INTERPHASE_DB": str(db),
        "INTERPHASE_DATA": str(data),
    }


def prepare_database(program: Path, work: Path, data: Path, out: Path) -> Path:
    """Build the database once with the program under test; returns its path."""
    directory = work / "prepared"
    directory.mkdir()
    home = work / "home-prepare"
    home.mkdir()
    db = directory / DB_NAME
    env = base_env(home, db, data)
    proc = subprocess.run([str(program), "stability", "--format", "csv"], cwd=HERE, env=env,
                          stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                          timeout=TIMEOUT * 2)
    norm = Normaliser([(str(db), "{db}"), (str(directory), "{dbdir}"), (str(home), "{home}"),
                       (str(work), "{work}"), (str(HERE), "{golden}"), (str(data.parent), "{data}")])
    (out / "prepare.err").write_bytes(norm(proc.stderr))
    (out / "prepare.code").write_text(f"{proc.returncode}\n")
    if proc.returncode != 0:
        sys.exit(f"preparing the database failed ({proc.returncode}):\n{proc.stderr.decode(errors='replace')}")
    leftovers = sorted(p.name for p in directory.iterdir() if p.name != DB_NAME)
    if leftovers:  # a clean exit checkpoints the WAL; anything else would be lost in the copies
        sys.exit(f"the prepared database left other files: {leftovers}")
    return db


def is_database_file(name: str) -> bool:
    return bool(re.search(r"\.(sqlite|db)(-wal|-shm|-journal)?$|\.building-", name))


def record_files(tmp: Path) -> bytes:
    """The files left in {tmp}: names (sorted) and contents; database files by name only."""
    parts: list[bytes] = []
    for path in sorted(p for p in tmp.rglob("*")):
        rel = path.relative_to(tmp).as_posix()
        if path.is_dir():
            parts.append(f"== {rel}/ (directory)\n".encode())
        elif is_database_file(path.name):
            parts.append(f"== {rel} (database file, contents not recorded)\n".encode())
        else:
            data = path.read_bytes()
            parts.append(f"== {rel} ({len(data)} bytes)\n".encode() + data + b"\n")
    return b"".join(parts)


def run_one(inv: Invocation, program: Path, prepared: Path, work: Path, data: Path, out: Path) -> float:
    start = time.monotonic()
    root = work / inv.stem
    tmp, dbdir, home = root / "tmp", root / "db", root / "home"
    for d in (tmp, dbdir, home):
        d.mkdir(parents=True)
    db = dbdir / DB_NAME
    shutil.copyfile(prepared, db)
    norm = Normaliser([(str(db), "{db}"), (str(dbdir), "{dbdir}"), (str(tmp), "{tmp}"), (str(home), "{home}"),
                       (str(work), "{work}"), (str(HERE), "{golden}"), (str(data.parent), "{data}")])

    def expand(text: str) -> str:
        return text.replace("{tmp}", str(tmp)).replace("{db}", str(db))

    def args_of(line: str) -> list[str]:
        return [] if line == "{none}" else [expand(a) for a in shlex.split(line)]

    env = base_env(home, db, data)
    stdin_path = None
    pre_steps: list[list[str]] = []
    for name, rest in inv.directives:
        if name == "pre":
            pre_steps.append(args_of(rest))
        elif name == "copy":
            src, dest = shlex.split(rest)
            target = tmp / dest
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(HERE / src, target)
        elif name == "stdin":
            stdin_path = HERE / rest
        elif name == "env":
            key, _, value = rest.partition("=")
            env[key] = expand(value)
        elif name == "unset":
            env.pop(rest, None)

    def call(args: list[str], stdin) -> tuple[str, bytes, bytes]:
        try:
            proc = subprocess.run([str(program)] + args, cwd=HERE, env=env, stdin=stdin, stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, timeout=TIMEOUT)
            return str(proc.returncode), proc.stdout, proc.stderr
        except subprocess.TimeoutExpired as e:
            return "timeout", e.stdout or b"", e.stderr or b""

    if pre_steps:
        record = b""
        for args in pre_steps:
            code, o, e = call(args, subprocess.DEVNULL)
            record += (f"== pre {shlex.join(args)}\n-- code {code}\n-- stdout\n").encode() + o + b"-- stderr\n" + e
        (out / f"{inv.stem}.pre").write_bytes(norm(record))

    if stdin_path is not None:
        with open(stdin_path, "rb") as stdin:
            code, o, e = call(args_of(inv.line), stdin)
    else:
        code, o, e = call(args_of(inv.line), subprocess.DEVNULL)

    (out / f"{inv.stem}.cmd").write_text(inv.record())
    (out / f"{inv.stem}.out").write_bytes(norm(o))
    (out / f"{inv.stem}.err").write_bytes(norm(e))
    (out / f"{inv.stem}.code").write_text(code + "\n")
    (out / f"{inv.stem}.files").write_bytes(norm(record_files(tmp)))
    shutil.rmtree(root, ignore_errors=True)
    return time.monotonic() - start


def command_run(args: argparse.Namespace) -> int:
    program = Path(args.program).resolve()
    if not os.access(program, os.X_OK):
        sys.exit(f"not an executable program: {program}")
    data = Path(args.data).resolve() if args.data else DEFAULT_DATA
    if not data.is_file():
        sys.exit(f"no data file at {data} (give --data)")
    invocations = read_invocations(Path(args.invocations))
    if args.only:
        wanted = {int(n) for n in args.only.split(",")}
        invocations = [inv for inv in invocations if inv.number in wanted]
    out = Path(args.out)
    if out.exists():
        if not out.is_dir():
            sys.exit(f"{out} exists and is not a directory")
        if not args.only:
            for old in out.iterdir():  # a clean record: no stale files of an earlier, longer list
                if old.is_file() and (old.suffix.lstrip(".") in SUFFIXES or old.name.startswith("prepare.")):
                    old.unlink()
    out.mkdir(parents=True, exist_ok=True)

    started = time.monotonic()
    work = Path(tempfile.mkdtemp(prefix="interphase-golden-"))
    try:
        prepared = prepare_database(program, work, data, out)
        prepared_s = time.monotonic() - started
        jobs = max(1, args.jobs or os.cpu_count() or 1)
        slowest: list[tuple[float, int]] = []
        with concurrent.futures.ThreadPoolExecutor(max_workers=jobs) as pool:
            futures = {pool.submit(run_one, inv, program, prepared, work, data, out): inv for inv in invocations}
            for done, future in enumerate(concurrent.futures.as_completed(futures), 1):
                inv = futures[future]
                slowest.append((future.result(), inv.number))
                if not args.quiet:
                    print(f"\r{done}/{len(invocations)}", end="", file=sys.stderr, flush=True)
        if not args.quiet:
            print(file=sys.stderr)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    total = time.monotonic() - started
    slowest.sort(reverse=True)
    (out / "run.json").write_text(json.dumps({
        "program": str(program), "data": str(data), "invocations": len(invocations), "jobs": jobs,
        "seconds": round(total, 1), "prepare_seconds": round(prepared_s, 1),
        "slowest": [{"number": n, "seconds": round(s, 2)} for s, n in slowest[:10]],
    }, indent=1) + "\n")
    print(f"{len(invocations)} invocations of {program} in {total:.1f} s "
          f"(database prepared in {prepared_s:.1f} s, {jobs} jobs) -> {out}")
    return 0


# ---------------------------------------------------------------- comparing


def first_difference(a: bytes, b: bytes, name_a: str, name_b: str, context: int = 3, length: int = 12) -> str:
    """A short unified diff around the first line that differs (cheap on huge files)."""
    la = a.decode("utf-8", errors="replace").splitlines(keepends=True)
    lb = b.decode("utf-8", errors="replace").splitlines(keepends=True)
    i = 0
    while i < len(la) and i < len(lb) and la[i] == lb[i]:
        i += 1
    lo = max(0, i - context)
    diff = difflib.unified_diff(la[lo:i + length], lb[lo:i + length], name_a, name_b, n=context)
    lines = []
    hunk = re.compile(r"^@@ -(\d+)(,\d+)? \+(\d+)(,\d+)? @@")
    for line in diff:
        # The diff is of a slice: give the hunk the line numbers of the files.
        line = hunk.sub(lambda m: f"@@ -{int(m[1]) + lo}{m[2] or ''} +{int(m[3]) + lo}{m[4] or ''} @@", line)
        line = line if line.endswith("\n") else line + "\n\\ No newline at end of file\n"
        if len(line) > 300:
            line = line[:300] + " ...\n"
        lines.append(line)
    text = "".join(lines[:40])
    if i > 0:
        text = f"    (first difference at line {i + 1})\n" + text
    return text


def command_compare(args: argparse.Namespace) -> int:
    a, b = Path(args.dir_a), Path(args.dir_b)
    for d in (a, b):
        if not d.is_dir():
            sys.exit(f"not a directory: {d}")
    stems_a = {p.stem for p in a.glob("*.cmd")}
    stems_b = {p.stem for p in b.glob("*.cmd")}
    identical = differ = 0
    problems = False
    for only, there, missing in ((stems_a - stems_b, a, b), (stems_b - stems_a, b, a)):
        for stem in sorted(only):
            print(f"{stem}: only in {there} (not in {missing}): {(there / (stem + '.cmd')).read_text().strip()}")
            problems = True
    # The preparation of the database is compared as one more record.
    for name in ("prepare.err", "prepare.code"):
        pa, pb = a / name, b / name
        da = pa.read_bytes() if pa.exists() else None
        db = pb.read_bytes() if pb.exists() else None
        if da != db:
            print(f"prepare: {name} differs")
            print(first_difference(da or b"", db or b"", str(pa), str(pb)), end="")
            problems = True
    for stem in sorted(stems_a & stems_b):
        cmd = (a / f"{stem}.cmd").read_text()
        if cmd != (b / f"{stem}.cmd").read_text():
            print(f"{stem}: the invocations differ:\n  {cmd.strip()}\n  {(b / f'{stem}.cmd').read_text().strip()}")
            differ += 1
            continue
        differing = []
        for suffix in SUFFIXES[1:]:
            pa, pb = a / f"{stem}.{suffix}", b / f"{stem}.{suffix}"
            da = pa.read_bytes() if pa.exists() else None
            db = pb.read_bytes() if pb.exists() else None
            if da != db:
                differing.append((suffix, pa, pb, da, db))
        if not differing:
            identical += 1
            continue
        differ += 1
        print(f"{stem}: interphase {cmd.strip().splitlines()[-1]}")
        print(f"  differs in: {', '.join(s for s, *_ in differing)}")
        suffix, pa, pb, da, db = differing[0]
        if da is None or db is None:
            print(f"    {pa if da is None else pb} is missing")
        else:
            print(first_difference(da, db, str(pa), str(pb)), end="")
    print(f"{identical} identical, {differ} differ")
    return 1 if differ or problems else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run", help="run every invocation with PROGRAM and record the outputs in DIR")
    run.add_argument("--program", required=True, help="the interphase executable")
    run.add_argument("--out", required=True, help="directory for the record (its NNN.* files are replaced)")
    run.add_argument("--jobs", type=int, default=0, help="invocations at once (default: all cores)")
    run.add_argument("--data", help=f"the default data CSV (default: {DEFAULT_DATA})")
    run.add_argument("--invocations", default=str(INVOCATIONS), help="the list of invocations")
    run.add_argument("--only", help="comma-separated invocation numbers to run (for debugging one)")
    run.add_argument("--quiet", action="store_true", help="no progress count on stderr")
    compare = sub.add_parser("compare", help="compare two records; exit 1 if any invocation differs")
    compare.add_argument("dir_a")
    compare.add_argument("dir_b")
    args = parser.parse_args()
    return command_run(args) if args.command == "run" else command_compare(args)


if __name__ == "__main__":
    sys.exit(main())
