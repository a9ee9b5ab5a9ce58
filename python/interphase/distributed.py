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

import errno
import fcntl
import json
import os
import re
import sys
import tempfile
from typing import Any, Callable, Optional, Sequence

from . import DataError, InputError, read_screen_record

__all__ = ["merge_screen", "screen_shard_keys"]


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
    return [tuple(r[:3]) for r in rows]


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
    directory = os.path.dirname(os.path.abspath(into))
    for target, data in ((into, b"".join(parts)),
                         (into + ".settings.json", (json.dumps(merged, indent=2, ensure_ascii=False) + "\n").encode())):
        fd, temp = tempfile.mkstemp(dir=directory, prefix=os.path.basename(target) + ".tmp-")
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(data)
            os.replace(temp, target)
        except BaseException:
            if os.path.exists(temp):
                os.remove(temp)
            raise
    return merged
