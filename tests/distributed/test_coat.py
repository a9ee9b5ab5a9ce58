"""A coating search in shards: `interphase coat --shard I/N --output FILE
--resume` writes each slice's candidates unranked, with a settings record and
a lock; interphase.distributed.merge_coat checks the shards and writes the
search exactly as one unsharded `coat` run writes it (text, Markdown, CSV,
JSON), refusing shards that are missing, repeated, incomplete, of other
settings or of another data set; interphase.distributed.coat on a Dask
LocalCluster gives the local interphase.coat result.

ctest runs it (tests/CMakeLists.txt, distributed.coat) with PYTHONPATH,
INTERPHASE_CLI, INTERPHASE_DATA and INTERPHASE_DISTRIBUTED_DB set."""

from __future__ import annotations

import json
import os
import shutil
import subprocess

import pytest

import interphase
from interphase import distributed as ipd

CLI = os.environ.get("INTERPHASE_CLI", "interphase")
# A few candidates (one twice, one the data set does not know: an error row).
CANDIDATES = ["Li3PO4", "LiNbO3", "LiPO3", "Li2SiO3", "LiTaO3", "Li3PO4", "Li4Ti5O12", "LiAlO2", "Xx2O", "Li2ZrO3",
              "Li3BO3"]
SEARCH = ["Li3PS4", "LiCoO2", "Li0.5CoO2", "--range", "3-4.5", "--candidates", *CANDIDATES]
FORMATS = ["text", "markdown", "csv", "json"]


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    path = os.environ["INTERPHASE_DISTRIBUTED_DB"]
    os.makedirs(os.path.dirname(path), exist_ok=True)
    subprocess.run([CLI, "stability", "--db", path, "--format", "csv"], check=True, stdout=subprocess.DEVNULL)
    own = str(tmp_path_factory.mktemp("coatdb") / "interphase.sqlite")  # db add changes it below
    shutil.copy(path, own)
    return own


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def run(db: str, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    return subprocess.run([CLI, "coat", *args, "--db", db, "--quiet"], capture_output=True, check=check)


def shards(db: str, where, n: int, fmt: str, extra=()) -> list:
    out = []
    for i in range(1, n + 1):
        path = str(where / f"shard-{i}-of-{n}.{fmt}")
        run(db, *SEARCH, *extra, "--format", fmt, "--shard", f"{i}/{n}", "--output", path, "--resume")
        out.append(path)
    return out


@pytest.mark.parametrize("fmt,n,extra", [("csv", 3, ()), ("json", 4, ("--samples", "5", "--seed", "3"))])
def test_merge_equals_one_run(db, tmp_path, fmt, n, extra):
    paths = shards(db, tmp_path, n, fmt, extra)
    record = json.load(open(paths[1] + ".settings.json"))
    assert record["interphase_coat_record"] == 1 and record["shard"] == 2 and record["shards"] == n
    assert record["candidate_formulas"] == list(dict.fromkeys(CANDIDATES))  # each once, in order
    for form in FORMATS:
        want = run(db, *SEARCH, *extra, "--format", form).stdout
        into = tmp_path / f"merged.{form}"
        result = ipd.merge_coat(list(reversed(paths)), into, format=form)
        assert into.read_bytes() == want, form
        # Readable as the program's own files are (the umask's mode, not a temporary file's 0600).
        assert os.stat(into).st_mode & 0o777 == os.stat(paths[0]).st_mode & 0o777 == 0o666 & ~_umask(), form
    assert result.to_dict() == json.loads(run(db, *SEARCH, *extra, "--format", "json").stdout)


def test_shard_rows_are_unranked_slices(db, tmp_path):
    paths = shards(db, tmp_path, 2, "json")
    coatings = [[json.loads(line)["coating"] for line in open(p)] for p in paths]
    assert coatings == [["Li3PO4", "LiNbO3", "LiPO3", "Li2SiO3", "LiTaO3"],
                        ["Li4Ti5O12", "LiAlO2", "Xx2O", "Li2ZrO3", "Li3BO3"]]
    assert json.loads(open(paths[1]).read().splitlines()[2])["error"]  # Xx2O: its error, not a number


def test_merge_refuses(db, tmp_path):
    paths = shards(db, tmp_path, 3, "csv")
    with pytest.raises(interphase.DataError, match="shards 2 of 3 are missing"):
        ipd.merge_coat([paths[0], paths[2]])
    with pytest.raises(interphase.DataError, match="given twice"):
        ipd.merge_coat([paths[0], paths[0], paths[1], paths[2]])
    other = tmp_path / "other"
    other.mkdir()
    mutual = shards(db, other, 3, "csv", ("--energy", "total"))
    with pytest.raises(interphase.DataError, match="not shards of one coating search: energy"):
        ipd.merge_coat([paths[0], mutual[1], paths[2]])
    whole = open(paths[1], "rb").read()
    open(paths[1], "wb").write(whole[:-40])  # cut in the middle of its last row
    with pytest.raises(interphase.DataError, match="middle of a row"):
        ipd.merge_coat(paths)
    open(paths[1], "wb").write(whole[:whole.rindex(b"\n", 0, len(whole) - 1) + 1])  # its last row gone
    with pytest.raises(interphase.DataError, match="incomplete: 2 of its 3 candidates"):
        ipd.merge_coat(paths, tmp_path / "never.csv")
    assert not (tmp_path / "never.csv").exists()
    # The task run again with --resume finishes it; the merge is then equal again.
    run(db, *SEARCH, "--format", "csv", "--shard", "2/3", "--output", paths[1], "--resume")
    assert open(paths[1], "rb").read() == whole
    assert ipd.merge_coat(paths).to_dict() == json.loads(run(db, *SEARCH, "--format", "json").stdout)


def test_resume_refuses_other_settings_and_data_set(db, tmp_path):
    path = shards(db, tmp_path, 2, "csv")[0]
    before = open(path, "rb").read()
    r = run(db, *SEARCH, "--max-reaction", "0.2", "--format", "csv", "--shard", "1/2", "--output", path, "--resume",
            check=False)
    assert r.returncode != 0 and b"other settings or another data set" in r.stderr and b"max_reaction" in r.stderr
    assert open(path, "rb").read() == before
    other = str(tmp_path / "other.sqlite")
    shutil.copy(db, other)
    subprocess.run([CLI, "db", "add", "Li7Zz", "-1.0", "--db", other], capture_output=True)
    subprocess.run([CLI, "db", "add", "LiFeO9", "-0.5", "--db", other], capture_output=True, check=True)
    r = run(other, *SEARCH, "--format", "csv", "--shard", "1/2", "--output", path, "--resume", check=False)
    assert r.returncode != 0 and b"dataset_content_hash" in r.stderr
    assert open(path, "rb").read() == before
    # A shard of the changed data set is refused by the merge.
    second = str(tmp_path / "second.csv")
    run(other, *SEARCH, "--format", "csv", "--shard", "2/2", "--output", second)
    with pytest.raises(interphase.DataError, match="dataset_content_hash"):
        ipd.merge_coat([path, second])


def test_shard_refuses_a_format_it_cannot_resume(db, tmp_path):
    r = run(db, *SEARCH, "--format", "markdown", "--shard", "1/2", check=False)
    assert r.returncode != 0 and b"csv or json" in r.stderr


def test_dask_equals_local(db):
    distributed = pytest.importorskip("distributed")
    kw = dict(range=(3.0, 4.5), candidates=CANDIDATES, samples=5, seed=3)
    want = interphase.coat("Li3PS4", ["LiCoO2", "Li0.5CoO2"], data=db, **kw)
    seen = []
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as c, \
            distributed.Client(c) as client:
        got = ipd.coat("Li3PS4", ["LiCoO2", "Li0.5CoO2"], data=db, client=client, tasks=4,
                       progress=lambda done, total: seen.append((done, total)), **kw)
    assert got.to_dict() == want.to_dict()
    assert got.to_dataframe().equals(want.to_dataframe())
    assert seen[-1] == (10, 10) and len(seen) == 4


def test_dask_worker_killed_mid_run_loses_and_repeats_no_candidate(db):
    """A worker killed while it computes a slice: Dask runs the slice again
    elsewhere, and the result is still the local one, every candidate once."""
    distributed = pytest.importorskip("distributed")
    from _workers import killer
    pool = [r.reduced_formula for r in interphase.select(with_="Li", elements=(2, 4), stable=True, limit=240,
                                                         data=db)]
    kw = dict(range=(3.0, 4.5), candidates=pool + ["Xx2O"], samples=20, seed=5)
    want = interphase.coat("Li3PS4", ["LiCoO2", "Li0.5CoO2"], data=db, **kw)
    killed = []
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as c, \
            distributed.Client(c) as client:

        got = ipd.coat("Li3PS4", ["LiCoO2", "Li0.5CoO2"], data=db, client=client, tasks=16,
                       progress=killer(client, killed), **kw)
    assert killed, "no worker was busy to kill: the run ended too soon for the test"
    assert got.to_dict() == want.to_dict()
    assert got.to_dataframe().equals(want.to_dataframe())
    assert len(want.to_dict()["candidates"]) >= len(pool)
