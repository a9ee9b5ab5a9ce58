"""examples/slurm/ as a user runs it, without a Slurm cluster: the example is
copied and its two lines changed (the database and the screen), then every
task of the array script runs with the variables Slurm sets for an array task
(SLURM_ARRAY_TASK_ID 1..N, SLURM_SUBMIT_DIR, ...), then the merge script. The
merged CSV must be byte-identical to one unsharded run's; a task interrupted
and run again (requeued) continues; the merge refuses shards that are
missing, twice, incomplete, still being written, or of other settings or of
another data set (after db add), and writes nothing then.

ctest runs it (tests/CMakeLists.txt, distributed.slurm) with PYTHONPATH,
INTERPHASE_CLI, INTERPHASE_DATA and INTERPHASE_DISTRIBUTED_DB set."""

from __future__ import annotations

import fcntl
import os
import shutil
import subprocess

import pytest

import interphase
from interphase.distributed import merge_screen, screen_shard_keys

HERE = os.path.dirname(os.path.abspath(__file__))
EXAMPLE = os.path.join(HERE, "..", "..", "examples", "slurm")
SHARDS = 4
# A bad formula (Xx2O) gives error rows, which are rows of the result like any other (placed so
# that no shard holds only error rows: such a task exits 2, which Slurm counts as failed).
SCREEN = ("Li3PS4 Li6PS5Cl Xx2O LiPON Li3InCl6 --against LiCoO2 Li0.5CoO2 Li2RuO3 "
          "--conditions closed,3,4.5 --samples 20 --seed 7")


def cli() -> str:
    return os.environ["INTERPHASE_CLI"]


@pytest.fixture(scope="module")
def database() -> str:
    """The tests' database, built and its stability stored (as prepare.sh does)."""
    db = os.environ["INTERPHASE_DISTRIBUTED_DB"]
    os.makedirs(os.path.dirname(db), exist_ok=True)
    subprocess.run([cli(), "stability", "--db", db, "--format", "csv"], check=True, stdout=subprocess.DEVNULL)
    return db


def job(tmp_path, db: str, screen: str = SCREEN, name: str = "job", search: str = "SCREEN") -> str:
    """A copy of examples/slurm with its two lines changed, as a user makes it:
    DB, and SCREEN (or COAT, `search`) set to `screen`."""
    d = str(tmp_path / name)
    shutil.copytree(EXAMPLE, d)
    path = os.path.join(d, "settings.sh")
    lines = open(path).read().splitlines()
    changed = [f"DB={db}" if l.startswith("DB=") else f"{search}=({screen})" if l.startswith(search + "=") else l
               for l in lines]
    assert sum(a != b for a, b in zip(lines, changed)) == 2
    open(path, "w").write("\n".join(changed) + "\n")
    return d


def env(d: str, **slurm) -> dict:
    e = {**os.environ, "INTERPHASE": cli(), "SHARDS": str(SHARDS), "SLURM_SUBMIT_DIR": d, "SLURM_JOB_NAME": "t"}
    e.pop("INTERPHASE_DB", None)  # the scripts name the database with --db
    e.update({k: str(v) for k, v in slurm.items()})
    return e


def task(d: str, i: int) -> subprocess.CompletedProcess:
    """Array task i as Slurm starts it: the batch script with SLURM_* set."""
    return subprocess.run(["bash", os.path.join(d, "screen.sbatch")], cwd=d, capture_output=True, text=True,
                          env=env(d, SLURM_ARRAY_JOB_ID=1000, SLURM_JOB_ID=1000 + i, SLURM_ARRAY_TASK_ID=i,
                                  SLURM_ARRAY_TASK_MIN=1, SLURM_ARRAY_TASK_MAX=SHARDS,
                                  SLURM_ARRAY_TASK_COUNT=SHARDS, SLURM_CPUS_PER_TASK=1))


def merge(d: str) -> subprocess.CompletedProcess:
    return subprocess.run(["bash", os.path.join(d, "merge.sbatch")], cwd=d, capture_output=True, text=True,
                          env=env(d, SLURM_JOB_ID=2000))


def shard(d: str, i: int) -> str:
    return os.path.join(d, "shards", f"shard-{i:04d}-of-{SHARDS}.csv")


def one_run(tmp_path, db: str) -> bytes:
    out = str(tmp_path / "one.csv")
    subprocess.run([cli(), "screen", *SCREEN.split(), "--db", db, "--format", "csv", "--output", out, "--quiet"],
                   check=True)
    return open(out, "rb").read()


@pytest.fixture(scope="module")
def done(tmp_path_factory, database):
    """Every task run, and one unsharded run to compare with."""
    tmp = tmp_path_factory.mktemp("slurm")
    d = job(tmp, database)
    for i in range(1, SHARDS + 1):
        t = task(d, i)
        assert t.returncode == 0, t.stderr
    return d, one_run(tmp, database)


def test_merged_array_is_byte_identical_to_one_run(done):
    d, one = done
    m = merge(d)
    assert m.returncode == 0, m.stderr
    merged = open(os.path.join(d, "screen.csv"), "rb").read()
    assert merged == one
    assert len(merged.splitlines()) == 1 + 5 * 3 * 3  # the header, 5 A x 3 B x 3 conditions
    assert b"Xx2O" in merged  # the error rows too


def test_merged_record_is_the_one_runs(done, tmp_path, database):
    d, _ = done
    assert merge(d).returncode == 0
    one_run(tmp_path, database)
    assert interphase.read_screen_record(os.path.join(d, "screen.csv")) == \
        interphase.read_screen_record(str(tmp_path / "one.csv"))


def test_shard_keys_slice_the_pairs_as_the_program_does():
    # 3 A x 2 B = 6 pairs in 4 shards: 6*k//4 -> pairs 0-0, 1-2, 3-3, 4-5 (hand-sliced).
    record = {"a": ["A1", "A2", "A3"], "b": ["B1", "B2"], "conditions": ["closed", "3"], "shards": 4}
    pairs = [[(k[0], k[1]) for k in screen_shard_keys({**record, "shard": s})][::2] for s in (1, 2, 3, 4)]
    assert pairs == [[("A1", "B1")], [("A1", "B2"), ("A2", "B1")], [("A2", "B2")], [("A3", "B1"), ("A3", "B2")]]


def test_requeued_task_continues(tmp_path, database, done):
    _, one = done
    d = job(tmp_path, database)
    for i in range(1, SHARDS + 1):
        assert task(d, i).returncode == 0
    path = shard(d, 3)
    text = open(path, "rb").read()
    lines = text.splitlines(keepends=True)
    open(path, "wb").write(lines[0] + lines[1][: len(lines[1]) // 2])  # killed in the middle of its second row
    refused = merge(d)
    assert refused.returncode == 1
    assert "ends in the middle of a row" in refused.stderr and "shard-0003" in refused.stderr
    assert not os.path.exists(os.path.join(d, "screen.csv"))
    open(path, "wb").write(lines[0])  # killed between rows
    refused = merge(d)
    assert refused.returncode == 1 and f"incomplete: 1 of its {len(lines)} rows" in refused.stderr
    again = task(d, 3)  # requeued: the same command, --resume keeps the first row
    assert again.returncode == 0, again.stderr
    assert open(path, "rb").read() == text
    assert merge(d).returncode == 0
    assert open(os.path.join(d, "screen.csv"), "rb").read() == one


def test_task_outside_the_shards_is_refused(tmp_path, database):
    d = job(tmp_path, database)
    t = task(d, SHARDS + 1)
    assert t.returncode == 2 and f"not one of the shards 1..{SHARDS}" in t.stderr
    assert not os.path.exists(shard(d, SHARDS + 1))


def test_missing_and_repeated_shards_are_refused(done, tmp_path):
    d, _ = done
    paths = [shard(d, i) for i in range(1, SHARDS + 1)]
    into = str(tmp_path / "merged.csv")
    with pytest.raises(interphase.DataError, match=r"shards 2, 4 of 4 are missing"):
        merge_screen([paths[0], paths[2]], into)
    with pytest.raises(interphase.DataError, match=r"shard 3 of 4 given twice"):
        merge_screen(paths + [paths[2]], into)
    with pytest.raises(interphase.InputError, match="is one of the shards"):
        merge_screen(paths, paths[0])
    assert not os.path.exists(into)


def test_shard_still_being_written_is_refused(done, tmp_path):
    d, _ = done
    paths = [shard(d, i) for i in range(1, SHARDS + 1)]
    with open(paths[1]) as f:
        fcntl.flock(f, fcntl.LOCK_EX)  # as a running task holds it
        with pytest.raises(interphase.DataError, match="still being written"):
            merge_screen(paths, str(tmp_path / "merged.csv"))
    assert not os.path.exists(tmp_path / "merged.csv")


def test_shards_of_other_settings_are_refused(done, tmp_path, database):
    d, _ = done
    other = job(tmp_path, database, SCREEN + " --energy total", "other")
    assert task(other, 2).returncode == 0
    paths = [shard(d, i) for i in range(1, SHARDS + 1)]
    paths[1] = shard(other, 2)
    m = subprocess.run(["python3", os.path.join(d, "merge.py"), "--into", str(tmp_path / "m.csv"), *paths],
                       capture_output=True, text=True)
    assert m.returncode == 1
    assert "refused, nothing written" in m.stderr and 'energy: "mutual" in one, "total" in the other' in m.stderr
    assert not os.path.exists(tmp_path / "m.csv")


def test_shards_of_another_data_set_are_refused(done, tmp_path, database):
    """A task that read the database after a db add: the same settings, another content hash."""
    d, _ = done
    changed = str(tmp_path / "changed.sqlite")
    shutil.copyfile(database, changed)
    subprocess.run([cli(), "db", "add", "Li5CoO4", "-2.0", "--db", changed], check=True, capture_output=True)
    other = job(tmp_path, changed, name="other")
    assert task(other, 4).returncode == 0
    paths = [shard(d, i) for i in range(1, SHARDS + 1)]
    paths[3] = shard(other, 4)
    with pytest.raises(interphase.DataError) as e:
        merge_screen(paths, str(tmp_path / "m.csv"))
    assert "dataset_content_hash" in str(e.value) and "shard-0004" in str(e.value)
    assert not os.path.exists(tmp_path / "m.csv")


COAT = "Li3PS4 LiCoO2 Li0.5CoO2 --range 3-4.5 --candidates Li3PO4 LiNbO3 LiPO3 Li2SiO3 LiTaO3 LiAlO2 --samples 5"


def test_coat_array_equals_one_run(tmp_path, database):
    """The coat array as a user runs it: the two lines DB and COAT changed, every
    task of coat.sbatch, then merge_coat.sbatch: the same Markdown as one run;
    a task interrupted and run again continues; a missing shard is refused."""
    d = job(tmp_path, database, COAT, "coat", search="COAT")

    def run(script: str, **slurm) -> subprocess.CompletedProcess:
        return subprocess.run(["bash", os.path.join(d, script)], cwd=d, capture_output=True, text=True,
                              env=env(d, **slurm))

    def array_task(i: int) -> subprocess.CompletedProcess:
        return run("coat.sbatch", SLURM_ARRAY_JOB_ID=1000, SLURM_JOB_ID=1000 + i, SLURM_ARRAY_TASK_ID=i,
                   SLURM_ARRAY_TASK_COUNT=SHARDS, SLURM_CPUS_PER_TASK=1)

    for i in range(1, SHARDS + 1):
        assert array_task(i).returncode == 0
    one = subprocess.run([cli(), "coat", *COAT.split(), "--db", database, "--format", "markdown", "--quiet"],
                         capture_output=True, check=True).stdout
    r = run("merge_coat.sbatch", SLURM_JOB_ID=2000)
    assert r.returncode == 0, r.stderr
    assert open(os.path.join(d, "coat.md"), "rb").read() == one
    # Task 2 interrupted after its first row: requeued, it continues; the merge is equal again.
    second = os.path.join(d, "shards", f"coat-0002-of-{SHARDS}.csv")
    whole = open(second, "rb").read()
    open(second, "wb").write(whole[:whole.index(b"\n", whole.index(b"\n") + 1) + 1])
    os.remove(os.path.join(d, "coat.md"))
    r = run("merge_coat.sbatch", SLURM_JOB_ID=2001)
    assert r.returncode == 1 and "incomplete" in r.stderr and not os.path.exists(os.path.join(d, "coat.md"))
    assert array_task(2).returncode == 0 and open(second, "rb").read() == whole
    os.remove(os.path.join(d, "shards", f"coat-0003-of-{SHARDS}.csv"))
    r = run("merge_coat.sbatch", SLURM_JOB_ID=2002)
    assert r.returncode == 1 and f"shards 3 of {SHARDS} are missing" in r.stderr
