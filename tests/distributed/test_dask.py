"""interphase.distributed.screen on a Dask LocalCluster of two worker
processes (Debian's python3-distributed): the same ScreenRows as the local
interphase.screen, row for row and as a DataFrame; the pairs of one chemical
system in one task; the database only read by the workers; and a worker
killed while it computes a task loses no row and gives none twice.

ctest runs it (tests/CMakeLists.txt, distributed.dask) with PYTHONPATH,
INTERPHASE_CLI, INTERPHASE_DATA and INTERPHASE_DISTRIBUTED_DB set."""

from __future__ import annotations

import hashlib
import os
import re
import subprocess

import pytest

distributed = pytest.importorskip("distributed")

import interphase
from interphase import distributed as ipd
from _workers import killer

CATHODES = ["LiCoO2", "Li0.5CoO2", "Li2RuO3", "LiMn2O4", "LiFePO4"]


@pytest.fixture(scope="module")
def db() -> interphase.Database:
    path = os.environ["INTERPHASE_DISTRIBUTED_DB"]
    os.makedirs(os.path.dirname(path), exist_ok=True)
    subprocess.run([os.environ["INTERPHASE_CLI"], "stability", "--db", path, "--format", "csv"], check=True,
                   stdout=subprocess.DEVNULL)
    return interphase.Database(path)


@pytest.fixture(scope="module")
def electrolytes(db) -> list:
    rows = interphase.select(with_="Li", elements=(2, 4), stable=True, limit=60, data=db)
    return [r.reduced_formula for r in rows] + ["Xx2O"]  # and one the data set does not know: error rows


@pytest.fixture(scope="module")
def client():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as c, \
            distributed.Client(c) as cl:
        yield cl


def same(got: interphase.ScreenRows, want: interphase.ScreenRows) -> None:
    assert len(got) == len(want)
    assert list(got) == list(want)
    assert got._labels == want._labels and got.columns == want.columns and got.meta == want.meta
    assert got.to_dataframe().equals(want.to_dataframe())
    assert got.to_dict() == want.to_dict()


def files(path: str) -> dict:
    """The bytes of the database and its journals, hashed."""
    out = {}
    for p in (path, path + "-wal", path + "-shm"):
        if os.path.exists(p):
            out[p] = hashlib.sha256(open(p, "rb").read()).hexdigest()
    return out


def test_equal_to_the_local_call(client, db, electrolytes):
    kw = dict(conditions=["closed", 3.0, 4.5, (2.0, 4.5)], windows=True, uncertainty=True)
    local = interphase.screen(electrolytes, CATHODES, data=db, **kw)
    before = files(db.path)
    seen = []
    got = ipd.screen(electrolytes, CATHODES, data=db, client=client, progress=lambda d, t: seen.append((d, t)), **kw)
    same(got, local)
    assert files(db.path) == before  # the workers only read it
    total = len(electrolytes) * len(CATHODES) * 4
    assert seen[-1] == (total, total) and [d for d, _ in seen] == sorted(d for d, _ in seen)
    assert any(r.error for r in got) and got[0]["A"] == electrolytes[0]


def test_monte_carlo_rows_equal_the_local_call(client, db, electrolytes):
    kw = dict(conditions=["closed", 3.0], samples=10, seed=5, energy="total")
    same(ipd.screen(electrolytes[:12], CATHODES[:3], data=str(db.path), client=client, **kw),
         interphase.screen(electrolytes[:12], CATHODES[:3], data=db, **kw))


def test_tasks_keep_each_chemical_system_together():
    a = ["Li2S", "Li2SO4", "Li3PS4", "LiCl", "Li6PS5Cl"]
    b = ["LiCoO2", "CoS2"]
    # By hand: Li2S and Li2SO4 both make Co-Li-O-S (Li2S + LiCoO2, Li2SO4 + CoS2): one group;
    # Li3PS4 makes Co-Li-O-P-S and Co-Li-P-S, which no other A makes, as do LiCl and Li6PS5Cl theirs.
    assert ipd.screen_tasks(a, b, 8) == [([0, 1], [0, 1]), ([2], [0, 1]), ([3], [0, 1]), ([4], [0, 1])]
    # In 2 tasks, largest group first onto the task with fewest pairs: {0, 1}, {2}, {3} (with 2), {4} (a tie: the first).
    assert ipd.screen_tasks(a, b, 2) == [([0, 1, 4], [0, 1]), ([2, 3], [0, 1])]
    # More element sets on B's side: B is split, every A in every task.
    assert ipd.screen_tasks(b, a, 8) == [([0, 1], [0, 1]), ([0, 1], [2]), ([0, 1], [3]), ([0, 1], [4])]


def test_tasks_cover_every_pair_once(electrolytes):
    for tasks in (1, 3, 8, 1000):
        plan = ipd.screen_tasks(electrolytes, CATHODES, tasks)
        pairs = [(i, j) for ia, jb in plan for i in ia for j in jb]
        assert sorted(pairs) == [(i, j) for i in range(len(electrolytes)) for j in range(len(CATHODES))]
        systems = {}
        for n, (ia, jb) in enumerate(plan):
            for i in ia:
                for j in jb:
                    s = frozenset(re.findall("[A-Z][a-z]?", electrolytes[i] + CATHODES[j]))
                    assert systems.setdefault(s, n) == n, s


def test_a_worker_killed_mid_run_loses_and_repeats_no_row(client, db, electrolytes):
    kw = dict(conditions=["closed", 3.0, 4.5], samples=4, seed=11)
    materials = electrolytes[:24]
    local = interphase.screen(materials, CATHODES, data=db, **kw)
    killed = []
    got = ipd.screen(materials, CATHODES, data=db, client=client, progress=killer(client, killed), tasks=16, **kw)
    assert killed, "no worker was busy to kill: the run ended too soon for the test"
    same(got, local)


def test_bad_arguments_are_refused_before_any_task(client, db):
    with pytest.raises(interphase.InputError, match="energy"):
        ipd.screen(["Li3PS4"], ["LiCoO2"], data=db, client=client, energy="both")
    with pytest.raises(interphase.InputError, match="both sides"):
        ipd.screen([], ["LiCoO2"], data=db, client=client)


def test_rows_of_another_data_set_are_refused(client, db, tmp_path):
    """A worker whose file at the database's path is another data set (here: the same data after
    a db add, put in the worker's place of the database): refused, not mixed."""
    changed = str(tmp_path / "changed.sqlite")
    with open(db.path, "rb") as src, open(changed, "wb") as dst:
        dst.write(src.read())
    subprocess.run([os.environ["INTERPHASE_CLI"], "db", "add", "Li5CoO4", "-2.0", "--db", changed], check=True,
                   capture_output=True)
    assert ipd.dataset_identity(changed)[2] != ipd.dataset_identity(db.path)[2]
    key = (os.path.abspath(db.path), None)

    def swap(key=key, changed=changed):
        from interphase import Database, distributed
        distributed._opened[key] = Database(changed)

    def restore(key=key):
        from interphase import distributed
        distributed._opened.pop(key, None)

    client.run(swap)
    try:
        with pytest.raises(interphase.DataError, match="another data set"):
            ipd.screen(["Li3PS4", "LiPON"], CATHODES, data=db, client=client)
    finally:
        client.run(restore)
