"""Pickling of the module's objects, so that multiprocessing, Dask, Parsl or
jobflow can send requests and results between processes (docs/python.md,
"Parallel and distributed").

- Row, Kink, Rows, Sweep, ScreenRows, PhaseEntry: plain data, pickled as such.
- CoatResult: its document (the program's JSON), rebuilt on loading.
- Reaction: its document; the loaded Reaction has every attribute, to_dict,
  to_dataframe and plot; ``energy_at(x)`` interpolates between its kinks (the
  reaction energy is linear between them) and ``composite()`` gives the stored
  30 wt% composite (another fraction: react again).
- Database: its path and data set, opened again by path where it is loaded
  (the other process must see the file at that path: the same machine or a
  shared file system).
- Dataset (``Dataset.from_pymatgen``): its whole database, copied into the
  pickle and into a temporary database of its own where it is loaded, so that
  it goes anywhere (it lives in a temporary directory of this process).
- PhaseDiagram: a view of its database, not pickled (TypeError saying so).
"""

from __future__ import annotations

import copyreg
import os
import sqlite3
import tempfile
from bisect import bisect_left

from . import CoatResult, Database, Dataset, Error, PhaseDiagram, Reaction


def _open_database(path: str, dataset):
    return Database(path, dataset=dataset)


def _database_bytes(path: str) -> bytes:
    """A consistent copy of the database file (what its WAL holds included)."""
    with tempfile.TemporaryDirectory(prefix="interphase-") as tmp:
        copy = os.path.join(tmp, "copy.sqlite")
        src = sqlite3.connect(f"file:{os.path.abspath(path)}?mode=ro", uri=True)
        dst = sqlite3.connect(copy)
        try:
            src.backup(dst)
        finally:
            dst.close()
            src.close()
        with open(copy, "rb") as f:
            return f.read()


def _load_dataset(data: bytes, dataset):
    def fill(directory: str) -> Dataset:
        path = os.path.join(directory, "interphase.sqlite")
        with open(path, "wb") as f:
            f.write(data)
        return Dataset(path, dataset=dataset)

    return Dataset._in_temporary_directory(fill)


class _StoredReaction:
    """The core of a loaded Reaction: its document, without the database."""

    def __init__(self, doc: dict):
        self._doc = doc
        self._x = [k["x"] for k in doc["kinks"]]

    def json(self, composite: float) -> dict:
        if composite != 0.3:
            raise Error(f"composite({composite}) of a Reaction loaded from a pickle: it holds the 30 wt% composite "
                        "only (composite(0.3)); call react() again for another fraction")
        return self._doc

    def energy_at(self, x: float) -> float:
        kinks, xs = self._doc["kinks"], self._x
        i = bisect_left(xs, x)
        if i < len(xs) and xs[i] == x:
            return kinks[i]["energy"]
        lo, hi = kinks[i - 1], kinks[i]  # kinks run from x = 0 to x = 1
        t = (x - lo["x"]) / (hi["x"] - lo["x"])
        return lo["energy"] + t * (hi["energy"] - lo["energy"])


def _load_reaction(doc: dict) -> Reaction:
    return Reaction(_StoredReaction(doc))


def _refuse_phase_diagram(pd):
    raise TypeError(f"cannot pickle PhaseDiagram {pd.chemsys}: it is a view of its database; pickle the Database "
                    "(or its path) and call phase_diagram() again where it is needed")


copyreg.pickle(Database, lambda d: (_open_database, (d.path, d.dataset)))
copyreg.pickle(Dataset, lambda d: (_load_dataset, (_database_bytes(d.path), d.dataset)))
copyreg.pickle(Reaction, lambda r: (_load_reaction, (r._doc,)))
copyreg.pickle(CoatResult, lambda r: (CoatResult, (r._document,)))
copyreg.pickle(PhaseDiagram, _refuse_phase_diagram)
