"""interphase.distributed: one screen over many machines, one result back.

Two ways to spread a screen (``interphase screen``) and get one result:

- **Batch jobs** (Slurm job arrays, examples/slurm/): each task runs ``interphase
  screen --shard I/N --output FILE --resume``; ``merge_screen(outputs, into)``
  then checks that the N files are the N shards of one screen, each complete
  (same settings, same data set and content hash, every shard present once,
  every row of each shard there and whole, none still being written) and
  joins them into the file one unsharded run writes, byte for byte. It
  refuses anything else, naming the file and what is wrong.
- **Dask** (``screen(..., client=client)``): the pairs are split into tasks so
  that pairs of one chemical system go to the same task (a worker builds the
  stable set of a system for one task, not once per worker that meets it), each
  worker opens the database by its path and only reads it, and the rows come
  back as ``interphase.screen`` gives them: the same ScreenRows, in input
  order, equal to the local call. A task lost with its worker is computed
  again by another; every row is placed by its position in the screen, so a
  row is never lost or given twice.

A module of its own, not a ``client=`` keyword of ``interphase.screen``: Dask
is imported only here (``import interphase`` stays free of it), and its
arguments (``tasks``, ``progress``, retries) and its failures (a worker lost, a
database the workers cannot reach) are its own. Its ``screen`` takes every
keyword ``interphase.screen`` takes, so a script switches with one import.
"""

from __future__ import annotations

import builtins
import errno
import fcntl
import json
import os
import re
import sys
import tempfile
from typing import Any, Callable, Optional, Sequence

from . import DataError, InputError, read_screen_record
from . import CoatResult, Database, ScreenRows, default_database
from . import _interphase as _core

__all__ = ["merge_screen", "screen_shard_keys", "screen", "screen_tasks", "dataset_identity", "merge_coat", "coat"]


# ------------------------------------------------------------------ merging

def _pair_range(pairs: int, shard: int, shards: int) -> range:
    """The pairs of shard `shard` (1-based) of `shards`, as the program slices them."""
    return range(pairs * (shard - 1) // shards, pairs * shard // shards)


def screen_shard_keys(record: dict) -> list:
    """(A, B, condition) of every row the shard a settings record describes
    must hold, in order: the pairs A x B (A, then B) sliced as ``--shard I/N``
    slices them, each under every condition."""
    a, b, conditions = record["a"], record["b"], record["conditions"]
    keys = []
    for p in _pair_range(len(a) * len(b), record["shard"], record["shards"]):
        keys.extend((a[p // len(b)], b[p % len(b)], c) for c in conditions)
    return keys


def _rows_keys(path: str, text: str, fmt: str, header: bool) -> list:
    import csv
    import io
    if fmt == "json":
        keys = []
        for n, line in enumerate(text.splitlines(), 1):
            try:
                row = json.loads(line)
                keys.append((row["A"], row["B"], row["condition"]))
            except (ValueError, KeyError, TypeError):
                raise DataError(f"shard {path!r}: line {n} is not a row of a screen's JSON Lines") from None
        return keys
    rows = list(csv.reader(io.StringIO(text)))
    if header:
        rows = rows[1:]
    # A cell a spreadsheet would run as a formula ("=1+2") is written with a leading quote (docs/errors.md).
    return [tuple(c[1:] if c[:1] == "'" and c[1:2] in ("=", "+", "-", "@") else c for c in r[:3])
            for r in rows]


def _check_not_written(path: str) -> None:
    """DataError if a run still holds the lock a screen takes on its --output."""
    fd = os.open(path, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except OSError as e:
        if e.errno in (errno.EWOULDBLOCK, errno.EAGAIN):
            raise DataError(f"shard {path!r} is still being written by a running screen (its file is locked); "
                            "merge once every task has ended") from None
        if e.errno not in (errno.ENOSYS, errno.ENOLCK, errno.EOPNOTSUPP):  # a file system without locks
            raise
    finally:
        os.close(fd)


def _differences(was: dict, now: dict) -> list:
    keys = list(dict.fromkeys([*now, *was]))
    out = []
    for k in keys:
        if k == "shard":
            continue
        a, b = was.get(k), now.get(k)
        if a != b:
            shown = [f"{len(v)} formulas" if isinstance(v, list) and len(json.dumps(v)) > 60 else json.dumps(v)
                     for v in (a, b)]
            out.append(f"{k}: {shown[0]} in one, {shown[1]} in the other")
    return out


def _read_shard(path: str, record: dict) -> bytes:
    """The rows file of one shard, checked whole: every row it must hold, in order, nothing else."""
    _check_not_written(path)
    with open(path, "rb") as f:
        data = f.read()
    fmt = record["format"]
    text = data.decode("utf-8")
    header = fmt == "csv" and record["shard"] == 1  # only the first shard has the CSV header
    if header and not text.startswith("A,B,condition,"):
        raise DataError(f"shard {path!r} (1 of {record['shards']}) does not start with a screen's CSV header: "
                        "it is not the output of a screen")
    if text and not text.endswith("\n"):
        raise DataError(f"shard {path!r} ends in the middle of a row: its task was interrupted; run it again "
                        "(the same command with --resume) to finish it")
    want, have = screen_shard_keys(record), _rows_keys(path, text, fmt, header)
    if have != want:
        where = next((i for i, (h, w) in enumerate(zip(have, want)) if h != w), min(len(have), len(want)))
        if len(have) < len(want) and where == len(have):
            raise DataError(f"shard {path!r} is incomplete: {len(have)} of its {len(want)} rows; its task has not "
                            "finished (run it again with --resume to finish it)")
        got = "nothing" if where >= len(have) else "/".join(have[where])
        expected = "nothing more" if where >= len(want) else "/".join(want[where])
        raise DataError(f"shard {path!r}: row {where + 1} is {got}, its settings record says {expected}: "
                        "the file is not that shard's output")
    return data


def merge_screen(outputs: Sequence[Any], into: Any) -> dict:
    """Join the shards of one screen into ``into`` (the file one unsharded
    run writes) and its settings record, and return that record.

    ``outputs``: the N ``--output`` files of ``interphase screen --shard I/N``
    (any order), each with the settings record the program writes beside it
    (FILE.settings.json). DataError, with ``into`` left untouched, unless they
    are every shard 1..N of one screen exactly once, with equal settings
    (materials, conditions, energy form, uncertainty, Monte Carlo, format) and
    the same data set (name, entries, content hash), each complete (every row
    of its slice, in order, ending with a whole row) and none still being
    written (locked by a running task). The file is written to a temporary
    name and renamed, so it is whole or absent."""
    paths = [os.fspath(p) for p in outputs]
    into = os.fspath(into)
    if not paths:
        raise InputError("merge_screen: no shards given (outputs is empty)")
    if os.path.abspath(into) in {os.path.abspath(p) for p in paths}:
        raise InputError(f"merge_screen: into {into!r} is one of the shards")
    records = [read_screen_record(p) for p in paths]
    first, first_path = records[0], paths[0]
    for path, record in zip(paths[1:], records[1:]):
        diff = _differences(first, record)
        if diff:
            raise DataError(f"shards {first_path!r} and {path!r} are not of one screen: " + "; ".join(diff))
    shards = first["shards"]
    by_shard: dict = {}
    for path, record in zip(paths, records):
        if record["shard"] in by_shard:
            raise DataError(f"shard {record['shard']} of {shards} given twice: {by_shard[record['shard']]!r} and "
                            f"{path!r}")
        by_shard[record["shard"]] = path
    missing = [str(i) for i in range(1, shards + 1) if i not in by_shard]
    if missing:
        raise DataError(f"shards {', '.join(missing)} of {shards} are missing (given: {len(paths)} files); "
                        "every shard is needed")
    parts = [_read_shard(by_shard[i], records[paths.index(by_shard[i])]) for i in range(1, shards + 1)]
    merged = {**first, "shard": 1, "shards": 1}
    _write_whole(into, b"".join(parts))
    _write_whole(into + ".settings.json", (json.dumps(merged, indent=2, ensure_ascii=False) + "\n").encode())
    return merged


def _umask() -> int:
    """The process's umask, read without changing it where Linux tells it."""
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except OSError:
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _write_whole(target: str, data: bytes) -> None:
    """Write `data` to a temporary name beside `target` and rename it: `target` is whole or as it was."""
    fd, temp = tempfile.mkstemp(dir=os.path.dirname(os.path.abspath(target)), prefix=os.path.basename(target) + ".tmp-")
    try:
        os.fchmod(fd, 0o666 & ~_umask())  # as any new file (mkstemp's is 0600): readable by the group if the umask says so
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(temp, target)
    except BaseException:
        if os.path.exists(temp):
            os.remove(temp)
        raise


_COAT_FORMATS = ("text", "markdown", "md", "csv", "json", "svg", "html")


def merge_coat(outputs: Sequence[Any], into: Any = None, format: str = "text") -> CoatResult:
    """The coating search made up of the shards of ``interphase coat --shard
    I/N --output FILE`` (any order), ranked and with its funnel, as a
    CoatResult equal to one unsharded run's; with ``into``, also written
    there in ``format`` (text, markdown, csv, json, svg or html), byte for byte
    the output of ``interphase coat --format FORMAT`` run once.

    The shards' candidates are computed but not ranked (the ranking and the
    funnel need every candidate); the check and the ranking are the library's
    (report/coat_shard.hpp). DataError, with ``into`` untouched, unless they
    are every shard 1..N of one search exactly once, with equal settings
    (electrolyte, cathode states, range, criteria, energy form, candidates,
    Monte Carlo, format) and the same data set (name, entries, content hash),
    each complete (every candidate of its slice, in order, each row whole) and
    none still being written (locked by a running task)."""
    paths = [os.fspath(p) for p in outputs]
    if not paths:
        raise InputError("merge_coat: no shards given (outputs is empty)")
    if format not in _COAT_FORMATS:
        raise InputError(f"merge_coat: format {format!r} is not one of {', '.join(_COAT_FORMATS)}")
    if into is not None and os.path.abspath(os.fspath(into)) in {os.path.abspath(p) for p in paths}:
        raise InputError(f"merge_coat: into {os.fspath(into)!r} is one of the shards")
    doc, text = _core.merge_coat(paths, [], format)
    if into is not None:
        _write_whole(os.fspath(into), text)
    return CoatResult(doc)


# --------------------------------------------------------------------- Dask

_ELEMENT = re.compile(r"[A-Z][a-z]?")


def _elements(formula: str) -> frozenset:
    return frozenset(_ELEMENT.findall(formula))


def _components(side: Sequence[str], other: Sequence[str]) -> list:
    """The positions of `side` in groups such that two pairs (s, o) and (s', o')
    of one chemical system have s and s' in the same group: materials of
    `side` with the same elements, joined whenever they make one chemical
    system with some materials of `other`."""
    classes: dict = {}
    for i, f in enumerate(side):
        classes.setdefault(_elements(f), []).append(i)
    parent = {e: e for e in classes}

    def root(e):
        while parent[e] != e:
            parent[e] = parent[parent[e]]
            e = parent[e]
        return e

    first: dict = {}
    for e in classes:
        for o in {_elements(f) for f in other}:
            s = root(first.setdefault(e | o, e))
            parent[root(e)] = s
    groups: dict = {}
    for e, positions in classes.items():
        groups.setdefault(root(e), []).extend(positions)
    return [sorted(g) for g in groups.values()]


def screen_tasks(a_list: Sequence[str], b_list: Sequence[str], tasks: int) -> list:
    """The pairs of a screen (A x B, by position) in at most ``tasks`` tasks,
    each (a positions, b positions), a cross product the library computes in
    one call: the pairs of one chemical system are all in the same task. The
    longer side's materials (by element sets) are split into groups that no
    chemical system spans (see _components), each task takes whole groups
    against every material of the other side; groups are given largest first
    to the task with the fewest pairs. A group larger than a task's share
    stays whole (a task then takes longer than the others)."""
    by_a = len({_elements(f) for f in a_list}) >= len({_elements(f) for f in b_list})
    side, other = (a_list, b_list) if by_a else (b_list, a_list)
    groups = sorted(_components(side, other), key=lambda g: (-len(g), g[0]))
    bins: list = [[] for _ in range(max(1, min(int(tasks), len(groups))))]
    for g in groups:
        min(bins, key=len).extend(g)
    everything = list(range(len(other)))
    return [(sorted(b), everything) if by_a else (everything, sorted(b)) for b in bins if b]


_opened: dict = {}


def dataset_identity(path: Any, dataset: Optional[str] = None) -> tuple:
    """(name, entries, content hash) of the data set a screen of the database
    at ``path`` reads (``dataset``, else the only one, else mp_e_form), read
    without writing: what a settings record names as dataset,
    dataset_entries and dataset_content_hash. The content hash changes with
    every db add and db remove."""
    import sqlite3
    path = os.path.abspath(os.fspath(path))
    rows = None
    for mode in ("ro", "ro&immutable=1"):  # immutable: a read-only directory without the WAL's -shm
        try:
            with sqlite3.connect(f"file:{path}?mode={mode}", uri=True) as con:
                rows = con.execute("SELECT name, n_entries, content_hash FROM dataset").fetchall()
            break
        except sqlite3.Error as e:
            error = e
    if rows is None:
        raise DataError(f"cannot read the data sets of the database {path!r}: {error}")
    pick = [r for r in rows if r[0] == dataset] if dataset else rows if len(rows) == 1 else \
        [r for r in rows if r[0] == "mp_e_form"]
    if len(pick) != 1:
        raise DataError(f"the database {path!r} has no data set {dataset or 'mp_e_form'!r}")
    return tuple(pick[0])


def _screen_task(database: tuple, a_sub: list, b_sub: list, kw: dict) -> tuple:
    """On a worker: the rows of a_sub x b_sub, from the database opened (once
    per worker process, by its path) and only read, and the identity of the
    data set they were computed from."""
    from . import screen as local_screen
    if database not in _opened:
        _opened[database] = Database(database[0], dataset=database[1])
    db = _opened[database]
    rows = local_screen(a_sub, b_sub, data=db, **kw)
    return list(rows), rows._labels, rows.columns, rows.meta, dataset_identity(db.path, database[1])


def _database(data: Any) -> tuple:
    if data is None:
        data = default_database()
    if isinstance(data, (str, os.PathLike)):
        data = Database(os.fspath(data))
    if not isinstance(data, Database):
        raise InputError(f"screen: data must be a Database or a database path every worker can read, "
                         f"got {type(data).__name__}")
    return data, (os.path.abspath(data.path), data.dataset)


def screen(a_list: Any, b_list: Any, conditions: Any = None, data: Any = None, energy: str = "mutual", *,
           client: Any, tasks: Optional[int] = None, progress: Optional[Callable[[int, int], None]] = None,
           threads: Optional[int] = 1, **kw) -> ScreenRows:
    """``interphase.screen`` computed on the workers of a Dask ``client``:
    the same arguments (``kw``: voltage, open, gas, windows, reactant_energy,
    uncertainty, sigma, samples, seed, threshold), the same ScreenRows, in
    input order, equal to the local call's row for row.

    The pairs are split into ``tasks`` tasks (default: four per worker
    thread of the cluster) by chemical system: the pairs of one system go to
    one task (``screen_tasks``). ``data``: a Database or a database path that
    every worker can read at the same path (a shared file system; default:
    the default database). It is first opened here, where one pair is
    computed to check the arguments and to build the database and store its
    stability if that was not done (saying so on stderr, as the local call
    does); the workers then open it by its path and only read it. ``threads``:
    threads of each task (default 1: Dask runs as many tasks at once as the
    cluster has threads). ``progress(done, total)``: called here as tasks
    end, with the rows done and in all (the local call's progress has that
    form); the local call shows no progress line, and neither does this.

    A task lost with its worker is run again by Dask on another; its rows are
    placed by their position in the screen, so none is lost or given twice
    (DataError if a row were missing or came twice). Each task says which data
    set it read (``dataset_identity``: name, entries, content hash); one
    that differs from this process's (another file at that path on a worker's
    machine, or a db add while the screen runs) is a DataError: rows of two
    data sets are never mixed."""
    from . import _conditions, _formulas, screen as local_screen
    f = "screen"
    a_list, b_list = _formulas(a_list, f, "a_list"), _formulas(b_list, f, "b_list")
    if not a_list or not b_list:
        raise InputError("a screen needs materials on both sides (a_list and b_list)")
    db, database = _database(data)
    kw = {**kw, "conditions": conditions, "energy": energy, "threads": threads}
    local_screen(a_list[:1], b_list[:1], data=db, **kw)  # the arguments checked, the stability stored
    identity = dataset_identity(*database)
    nc = len(_conditions(f, conditions, kw.get("voltage"), kw.get("open", "Li"), kw.get("gas")))
    if tasks is None:
        tasks = 4 * max(1, sum(client.nthreads().values()))
    plan = screen_tasks(a_list, b_list, int(tasks))
    futures = {client.submit(_screen_task, database, [a_list[i] for i in ia], [b_list[j] for j in jb], kw,
                             pure=False): (ia, jb)
               for ia, jb in plan}
    total = len(a_list) * len(b_list) * nc
    rows: list = [None] * total
    labels: list = [None] * total
    columns = meta = None
    done = 0
    from distributed import as_completed
    for future in as_completed(futures):
        ia, jb = futures[future]
        task_rows, task_labels, columns, meta, read = future.result()
        future.release()
        if read != identity:
            raise DataError(f"a worker read another data set at {database[0]!r} than this process: "
                            f"{read[0]!r}, {read[1]} entries, content hash {read[2][:12]} there; {identity[0]!r}, "
                            f"{identity[1]} entries, content hash {identity[2][:12]} here. The workers must read the "
                            "same database (one file on a shared file system), unchanged while the screen runs")
        if len(task_rows) != len(ia) * len(jb) * nc:
            raise DataError(f"a task gave {len(task_rows)} rows for {len(ia) * len(jb)} pairs x {nc} conditions")
        k = 0
        for i in ia:
            for j in jb:
                for c in range(nc):
                    at = (i * len(b_list) + j) * nc + c
                    if rows[at] is not None:
                        raise DataError(f"row {at + 1} ({a_list[i]}, {b_list[j]}) came twice")
                    rows[at], labels[at] = task_rows[k], task_labels[k]
                    k += 1
        done += len(task_rows)
        if progress is not None:
            progress(done, total)
    missing = [i for i, r in enumerate(rows) if r is None]
    if missing:
        raise DataError(f"{len(missing)} rows of {total} did not come back (the first: row {missing[0] + 1})")
    return ScreenRows(rows, labels, columns, meta)


# ------------------------------------------------------------- Dask: coat

def _coat_task(database: tuple, shard: int, shards: int, kw: dict) -> tuple:
    """On a worker: the rows of one shard of a coating search (JSON Lines, not
    ranked) and its settings record, from the database opened by its path."""
    if database not in _opened:
        _opened[database] = Database(database[0], dataset=database[1])
    record, rows = _opened[database]._core.coat_shard("json", shard=shard, shards=shards, **kw)
    return json.dumps(record), rows.decode("utf-8")


def coat(electrolyte: Any, cathodes: Any, range: Any = None, candidates: Any = None, data: Any = None, *,
         client: Any, tasks: Optional[int] = None, progress: Optional[Callable[[int, int], None]] = None,
         threads: Optional[int] = 1, **kw) -> CoatResult:
    """``interphase.coat`` computed on the workers of a Dask ``client``: the
    same arguments (``kw``: with_, without, elements, pool_max_e_above_hull,
    the criteria, energy, samples, seed, sigma; not explain), the same
    CoatResult, equal to the local call's.

    The candidates (each formula once, in order) are cut into ``tasks``
    slices (default: four per worker thread), each computed on a worker as
    ``coat --shard I/N`` computes it (judged, not ranked), from ``data`` (a
    Database or a database path every worker reads at the same path) opened
    there and only read; the slices come back to this process, which checks
    them (every slice once and whole, one data set) and ranks them and counts
    the funnel as ``merge_coat`` does. The arguments are checked, and the
    database built and its stability stored if needed, here first. A task lost
    with its worker is run again by Dask; each slice is placed by its number,
    so no candidate is lost or given twice. ``progress(done, total)``: the
    candidates computed and in all, as tasks end."""
    import inspect
    from . import _coat_kw, coat as local_coat
    if kw.get("explain") is not None:
        raise InputError("coat: explain is not computed on the workers; call interphase.coat(..., explain=...) "
                         "for that candidate")
    bound = inspect.signature(local_coat).bind(electrolyte, cathodes, range, candidates, None, threads=threads, **kw)
    bound.apply_defaults()
    args = dict(bound.arguments)
    del args["data"]
    request = _coat_kw(**args)
    db, database = _database(data)
    if tasks is None:
        tasks = 4 * max(1, sum(client.nthreads().values()))
    shards = max(1, int(tasks))
    # No candidate is computed here (an empty slice): the arguments checked, the stability stored, the record read.
    here, _ = db._core.coat_shard("json", shard=0, shards=1 << 40, **request)
    total = len(here["candidate_formulas"])
    futures = {client.submit(_coat_task, database, i, shards, request, pure=False): i for i in builtins.range(shards)}
    parts: dict = {}
    done = 0
    from distributed import as_completed
    for future in as_completed(futures):
        i = futures[future]
        record, rows = future.result()
        future.release()
        read = json.loads(record)
        if read["dataset_content_hash"] != here["dataset_content_hash"]:
            raise DataError(f"a worker read another data set at {database[0]!r} than this process (content hash "
                            f"{read['dataset_content_hash'][:12]} there, {here['dataset_content_hash'][:12]} here); the "
                            "workers must read the same database, unchanged while the search runs")
        if i in parts:
            raise DataError(f"slice {i + 1} of {shards} came twice")
        parts[i] = (record, rows)
        done += rows.count("\n")
        if progress is not None:
            progress(done, total)
    doc, _ = _core.merge_coat([], [parts[i] for i in sorted(parts)], "json")
    return CoatResult(doc)

