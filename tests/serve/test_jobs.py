"""Screens as server-side jobs (POST /api/screen/jobs, GET its progress and
rows, DELETE to cancel): the rows equal the program's `screen --format json`,
progress advances, Cancel stops the job, and the limits (concurrent jobs,
time per job) are answered with the right status.

A slow job: Monte Carlo on every row (200 samples each), 200 rows."""

from __future__ import annotations

import json
import time

import pytest

from conftest import Server, run_cli, wait_until

ELECTROLYTES = ["Li6PS5Cl", "Li3InCl6", "Li3PS4", "Li10GeP2S12", "Li7La3Zr2O12", "Li3YCl6", "Li3ScCl6", "Li3ErCl6",
                "Li6PS5Br", "Li3OCl"]
CATHODES = ["Li2RuO3", "LiCoO2", "LiNiO2", "LiMn2O4", "LiFePO4"]


def slow_screen() -> dict:
    """10 x 5 pairs at 4 conditions with 200 Monte Carlo samples a row: several seconds on 2 cores."""
    return {"a": ",".join(ELECTROLYTES), "b": ",".join(CATHODES), "conditions": "closed,3,4,4.5", "samples": "200"}


def start(server: Server, query: dict):
    status, _, body = server.get("/api/screen/jobs", query, method="POST", body=b"")
    return status, json.loads(body)


def job(server: Server, job_id: str) -> dict:
    status, _, body = server.get(f"/api/screen/jobs/{job_id}")
    assert status == 200, body
    return json.loads(body)


def finished(server: Server, job_id: str, timeout: float = 120) -> dict:
    assert wait_until(lambda: job(server, job_id)["state"] != "running", timeout)
    return job(server, job_id)


@pytest.fixture(scope="module")
def server(db):
    s = Server(db, "--max-jobs", "1")
    yield s
    assert s.stop() == 0


def test_a_job_gives_the_programs_rows(server):
    query = {"a": "Li6PS5Cl,Li3InCl6", "b": "Li2RuO3,LiCoO2", "conditions": "closed,3"}
    status, started = start(server, query)
    assert status == 202 and started["state"] == "running" and len(started["id"]) == 16
    done = finished(server, started["id"])
    assert done["state"] == "done" and done["done"] == done["total"] == 8 and "error" not in done
    status, headers, rows = server.get(f"/api/screen/jobs/{started['id']}/rows")
    assert status == 200 and headers["Content-Type"].startswith("application/x-ndjson")
    assert rows == run_cli("screen", "Li6PS5Cl", "Li3InCl6", "--against", "Li2RuO3", "LiCoO2", "--conditions", "closed,3",
                           "--format", "json", "--quiet")


def test_progress_advances_and_cancel_stops_the_job(server):
    status, started = start(server, slow_screen())
    assert status == 202
    job_id = started["id"]
    assert wait_until(lambda: job(server, job_id)["done"] > 0, 60)
    first = job(server, job_id)
    assert first["state"] == "running" and first["total"] == 200
    assert wait_until(lambda: job(server, job_id)["done"] > first["done"], 60), "progress did not advance"
    # One job at a time here: a second one, and a screen in one request, wait for it (503).
    status, busy = start(server, slow_screen())
    assert status == 503 and "running" in busy["error"]
    assert server.api("screen", a="Li2O", b="LiCoO2", samples="10")[0] == 503
    # Cancel: the job stops after the row it is computing, well before the end, and stays stopped.
    status, _, body = server.get(f"/api/screen/jobs/{job_id}", method="DELETE")
    assert status == 200 and json.loads(body)["id"] == job_id
    stopped = finished(server, job_id, 30)
    assert stopped["state"] == "cancelled" and stopped["done"] < stopped["total"]
    time.sleep(0.5)
    assert job(server, job_id)["done"] == stopped["done"]
    rows = server.get(f"/api/screen/jobs/{job_id}/rows")[2].splitlines()
    assert len(rows) == stopped["done"] and all(json.loads(r)["A"] in ELECTROLYTES for r in rows)
    # Its slot is free again.
    status, again = start(server, {"a": "Li2O", "b": "LiCoO2"})
    assert status == 202 and finished(server, again["id"])["state"] == "done"


def test_bad_requests_and_unknown_jobs(server):
    status, doc = start(server, {"a": "Li2O", "b": "LiCoO2", "conditions": "hot"})
    assert status == 400 and "conditions" in doc["error"]
    status, doc = start(server, {"a": ",".join(["Li2O"] * 200), "b": ",".join(["LiCoO2"] * 200)})
    assert status == 400 and "limit" in doc["error"]
    for method in ("GET", "DELETE"):
        status, _, body = server.get("/api/screen/jobs/0123456789abcdef", method=method)
        assert status == 404 and "no screen job" in json.loads(body)["error"]
    assert server.get("/api/screen/jobs/../../etc/passwd")[0] == 404
    assert server.get("/api/screen/jobs/0123456789abcdef/rows")[0] == 404


def test_a_job_past_the_time_limit_stops(db):
    s = Server(db, "--job-seconds", "1")
    try:
        status, started = start(s, slow_screen())
        assert status == 202
        stopped = finished(s, started["id"], 60)
        assert stopped["state"] == "timed out" and stopped["done"] < stopped["total"]
        assert "limit of 1 s" in stopped["error"] and 1 <= stopped["seconds"] < 10
    finally:
        assert s.stop() == 0
