"""The web app's JSON API: each answer equals the program's --format json for
the same request, byte for byte; errors are JSON with the right status; the
database is never written; SIGTERM stops the server cleanly."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess

import pytest

from conftest import SEED_PAIRS, Server, cli_path, run_cli

HERE = os.path.dirname(os.path.abspath(__file__))
DATA_SMALL = os.path.join(HERE, "..", "data_small")


@pytest.mark.parametrize("a,b", SEED_PAIRS)
@pytest.mark.parametrize("query,args", [
    ({}, []),
    ({"voltage": "3"}, ["--voltage", "3"]),
    ({"energy": "total"}, ["--energy", "total"]),
    ({"range": "2.0-4.5"}, ["--range", "2.0-4.5"]),
    ({"voltage": "4.5", "uncertainty": "true"}, ["--voltage", "4.5", "--uncertainty"]),
    ({"mu": "Li=-2.5"}, ["--mu", "Li=-2.5"]),
    ({"explain": "true"}, ["--explain"]),
])
def test_react_equals_the_program(server, a, b, query, args):
    status, headers, body = server.get("/api/react", {"a": a, "b": b, **query})
    assert status == 200, body
    assert headers["Content-Type"].startswith("application/json")
    assert body == run_cli("react", a, b, *args, "--format", "json")


@pytest.mark.parametrize("a,b", SEED_PAIRS)
@pytest.mark.parametrize("query,args", [
    ({}, []),
    ({"voltage": "3"}, ["--voltage", "3"]),
    ({"range": "2.0-4.5", "energy": "total"}, ["--range", "2.0-4.5", "--energy", "total"]),
])
def test_react_svg_is_the_programs_figure(server, a, b, query, args):
    """What the pair page downloads as SVG and PNG: react --format svg, byte for byte."""
    status, headers, body = server.get("/api/react_svg", {"a": a, "b": b, **query})
    assert status == 200, body
    assert headers["Content-Type"].startswith("image/svg+xml")
    assert body == run_cli("react", a, b, *args, "--format", "svg")
    assert "class=\"table-number\"" in body  # the products table under the plot
    status, headers, body = server.get("/api/react_svg", {"a": a, "b": "Xx2O"})
    assert status == 400 and headers["Content-Type"].startswith("application/json") and "error" in json.loads(body)
    # As the program refuses --format svg with --uncertainty (a plot shows no band), in the API's names.
    status, _, body = server.get("/api/react_svg", {"a": a, "b": b, "uncertainty": "true"})
    assert status == 400
    assert json.loads(body)["error"] == "explain, uncertainty and samples write text, markdown, json or csv, not svg"


@pytest.mark.parametrize("a,b", SEED_PAIRS)
def test_map_and_sweep_equal_the_program(server, a, b):
    _, _, body = server.get("/api/map", {"a": a, "b": b, "start": "0", "stop": "5"})
    assert body == run_cli("map", a, b, "--from", "0", "--to", "5", "--format", "json")
    _, _, body = server.get("/api/sweep", {"a": a, "b": b, "start": "1", "stop": "4", "step": "0.5"})
    assert body == run_cli("sweep", a, b, "--from", "1", "--to", "4", "--step", "0.5", "--format", "json")


def test_material_endpoints_equal_the_program(server):
    for endpoint, query, args in [
        ("window", {"formula": "Li6PS5Cl"}, ["window", "Li6PS5Cl"]),
        ("decompose", {"formula": "Li6PS5Cl"}, ["decompose", "Li6PS5Cl"]),
        ("hull", {"chemsys": "Li-In-Cl"}, ["hull", "Li-In-Cl"]),
        ("hull", {"chemsys": "Li-In-Cl", "all": "true"}, ["hull", "Li-In-Cl", "--all"]),
        ("select", {"with": "Li,S", "only": "Li,P,S", "stable": "true"},
         ["select", "--with", "Li,S", "--only", "Li,P,S", "--stable"]),
    ]:
        status, _, body = server.get("/api/" + endpoint, query)
        assert status == 200, (endpoint, body)
        assert body == run_cli(*args, "--format", "json"), endpoint


def test_screen_and_coat_equal_the_program(server):
    query = {"a": "Li6PS5Cl,Li3InCl6", "b": ["Li2RuO3", "LiCoO2"], "conditions": "closed,3,2.0-4.5"}
    status, _, body = server.get("/api/screen", query)
    assert status == 200, body
    assert body == run_cli("screen", "Li6PS5Cl", "Li3InCl6", "--against", "Li2RuO3", "LiCoO2",
                           "--conditions", "closed,3,2.0-4.5", "--format", "json", "--quiet")
    query = {"electrolyte": "Li6PS5Cl", "cathodes": "Li2RuO3", "candidates": "Li3PO4,LiNbO3,Li2SiO3,LiTaO3"}
    status, _, body = server.get("/api/coat", query)
    assert status == 200, body
    assert body == run_cli("coat", "Li6PS5Cl", "Li2RuO3", "--candidates", "Li3PO4", "LiNbO3", "Li2SiO3",
                           "LiTaO3", "--format", "json")


def test_completion_lists_formulas_of_the_data_set(server):
    status, doc = server.api("complete", prefix="Li6PS")
    assert status == 200
    assert "Li6PS5Cl" in doc["formulas"]
    assert all(f.startswith("Li6PS") for f in doc["formulas"])
    assert server.api("complete", prefix="Zz")[1]["formulas"] == []


@pytest.mark.parametrize("query,words", [
    ({"a": "Li6PS5Cl"}, "formula"),                                   # b missing: an empty formula
    ({"a": "Li6PS5Cl", "b": "Xx2O"}, "Xx"),                           # unknown element
    ({"a": "Li6PS5Cl", "b": "Li2RuO3", "voltage": "abc"}, "voltage"),
    ({"a": "Li6PS5Cl", "b": "Li2RuO3", "voltage": "nan"}, "voltage"),
    ({"a": "Li6PS5Cl", "b": "Li2RuO3", "voltage": "1e9"}, "voltage"),
    ({"a": "Li6PS5Cl", "b": "Li2RuO3", "range": "4.5-2"}, "range"),
    ({"a": "Li6PS5Cl", "b": "Li2RuO3", "energy": "both"}, "both"),
    ({"a": "Li6PS5Cl", "b": "Li2RuO3", "colour": "red"}, "colour"),    # no such setting
    ({"a": "Li6PS5Cl", "b": "Li2RuO3", "threads": "64"}, "threads"),  # the server's, not the request's
    ({"a": "Li6PS5Cl", "b": "Li2RuO3", "samples": "100000"}, "samples"),
    ({"a": "Li" * 200, "b": "Li2RuO3"}, "longer than"),
    ({"a": ["Li6PS5Cl", "Li3InCl6"], "b": "Li2RuO3"}, "given 2 times"),
])
def test_bad_requests_are_400_with_a_json_error(server, query, words):
    status, doc = server.api("react", **query)
    assert status == 400, doc
    assert list(doc) == ["error"] and words in doc["error"], doc


def test_settings_are_named_as_in_python(server):
    status, doc = server.api("map", a="Li6PS5Cl", b="Li2RuO3", start="4", stop="1")
    assert status == 400 and "empty" in doc["error"], doc
    status, doc = server.api("sweep", a="Li6PS5Cl", b="Li2RuO3", step="x")
    assert status == 400 and doc["error"].startswith("step "), doc


def test_limits_of_a_screen(server):
    many = ",".join(["Li2O"] * 600)
    status, doc = server.api("screen", a=many, b="Li2RuO3")
    assert status == 400 and "600 formulas" in doc["error"], doc
    status, doc = server.api("screen", a=",".join(["Li2O"] * 200), b=",".join(["LiCoO2"] * 200), conditions="closed,3")
    assert status == 400 and "80000 rows" in doc["error"], doc


def test_pages_assets_and_unknown_paths(server):
    for path in ["/", "/pair", "/material", "/screen", "/coat", "/static/common.js", "/static/style.css"]:
        status, headers, body = server.get(path)
        assert status == 200, path
        assert "default-src 'none'" in headers["Content-Security-Policy"]
        assert headers["X-Content-Type-Options"] == "nosniff"
    for path in ["/static/../CMakeLists.txt", "/static/%2e%2e/%2e%2e/etc/passwd", "/etc/passwd", "/api/nothing",
                 "/static/", "/web/pair.html"]:
        status, headers, body = server.get(path)
        assert status in (400, 404), (path, status)
        assert "error" in json.loads(body)


def test_posted_form_is_the_query(server):
    status, _, body = server.get("/api/react", method="POST", body=b"a=Li6PS5Cl&b=Li2RuO3&voltage=3",
                                 headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert status == 200
    assert body == run_cli("react", "Li6PS5Cl", "Li2RuO3", "--voltage", "3", "--format", "json")


def digest(path: str) -> str:
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def test_database_is_read_only(db, tmp_path):
    copy = tmp_path / "copy.sqlite"
    shutil.copy(db, copy)
    before = digest(copy)
    s = Server(str(copy))
    try:
        assert s.api("react", a="Li6PS5Cl", b="Li2RuO3")[0] == 200
        assert s.api("decompose", formula="Li3InCl6")[0] == 200
    finally:
        assert s.stop() == 0
    assert digest(copy) == before
    os.chmod(copy, 0o444)  # a file the server cannot write serves all the same
    s = Server(str(copy))
    try:
        assert s.api("window", formula="Li3InCl6")[0] == 200
    finally:
        assert s.stop() == 0


def test_stability_not_stored_is_503_and_says_how_to_store_it(tmp_path):
    db = tmp_path / "made_up.sqlite"
    done = subprocess.run([cli_path(), "db", "import", os.path.join(DATA_SMALL, "cli_li_o.csv"), "--db", str(db)],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    # What the import stored, undone, as a data set whose stability was never computed.
    with sqlite3.connect(db) as c:
        c.execute("DELETE FROM stability_state")
    s = Server(str(db))
    try:
        status, doc = s.api("decompose", formula="Li2O")
        assert status == 503 and "interphase stability --db" in doc["error"], doc
    finally:
        assert s.stop() == 0


def test_a_database_that_does_not_exist_is_an_error(tmp_path):
    done = subprocess.run([cli_path(), "serve", "--port", "0", "--db", str(tmp_path / "none.sqlite")],
                          capture_output=True, text=True, timeout=30)
    assert done.returncode == 2
    assert "does not exist" in done.stderr
    assert not (tmp_path / "none.sqlite").exists()


def test_other_hosts_warn_and_sigint_stops(db):
    proc = subprocess.Popen([cli_path(), "serve", "--port", "0", "--host", "0.0.0.0", "--db", db],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    line = proc.stdout.readline()
    assert "http://0.0.0.0:" in line
    proc.send_signal(2)  # SIGINT
    assert proc.wait(timeout=10) == 0
    err = proc.stderr.read()
    assert "warning" in err and "other machines" in err
    proc.stdout.close()
    proc.stderr.close()
