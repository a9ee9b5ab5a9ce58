"""Shared fixtures of the web app's tests (tests/serve).

ctest runs them (tests/CMakeLists.txt) with INTERPHASE_CLI (the built
program), INTERPHASE_DB (a database of these tests, in the build tree, built
from INTERPHASE_DATA on first use) and INTERPHASE_ARTIFACTS (where the browser
tests write their screenshots). Each test module starts its own server on a
free port (--port 0; the port is read from the URL it prints).
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest

SEED_PAIRS = [("Li6PS5Cl", "Li2RuO3"), ("Li3InCl6", "Li2RuO3")]


def cli_path() -> str:
    path = os.environ.get("INTERPHASE_CLI")
    if not path or not os.path.exists(path):
        pytest.skip("INTERPHASE_CLI does not name the built interphase program")
    return path


def database() -> str:
    path = os.environ.get("INTERPHASE_DB")
    if not path:
        pytest.skip("INTERPHASE_DB is not set")
    return path


def run_cli(*args: str) -> str:
    """The program's standard output for these arguments on the tests' database."""
    done = subprocess.run([cli_path(), *args, "--db", database()], capture_output=True)
    assert done.returncode == 0, (args, done.stderr)
    return done.stdout.decode()


class Server:
    """`interphase serve --port 0` on a database, stopped with SIGTERM."""

    def __init__(self, db: str, *extra: str):
        self.proc = subprocess.Popen([cli_path(), "serve", "--port", "0", "--db", db, *extra],
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        self.first_line = self.proc.stdout.readline()
        match = re.search(r"http://127\.0\.0\.1:(\d+)/", self.first_line)
        if not match:
            self.proc.kill()
            raise AssertionError(f"serve printed no URL: {self.first_line!r} {self.proc.stderr.read()}")
        self.port = int(match.group(1))
        self.url = f"http://127.0.0.1:{self.port}"

    def get(self, path: str, query: dict | None = None, method: str = "GET", body: bytes | None = None,
            headers: dict | None = None):
        """(status, headers, body text) of one request."""
        url = self.url + path + ("?" + urllib.parse.urlencode(query, doseq=True) if query else "")
        request = urllib.request.Request(url, data=body, method=method, headers=headers or {})
        try:
            with urllib.request.urlopen(request, timeout=60) as r:
                return r.status, dict(r.headers), r.read().decode()
        except urllib.error.HTTPError as e:
            return e.code, dict(e.headers), e.read().decode()

    def api(self, endpoint: str, **query):
        status, _, body = self.get("/api/" + endpoint, query)
        return status, json.loads(body) if body.startswith(("{", "[")) else body

    def stop(self) -> int:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
        try:
            return self.proc.wait(timeout=10)
        finally:
            self.proc.stdout.close()
            self.proc.stderr.close()


@pytest.fixture(scope="session")
def db() -> str:
    """The tests' database, built from the default data with its stability stored."""
    run_cli("decompose", "Li2O")
    return database()


@pytest.fixture(scope="module")
def server(db):
    s = Server(db)
    yield s
    assert s.stop() == 0


def wait_until(predicate, timeout=10.0):
    end = time.time() + timeout
    while time.time() < end:
        if predicate():
            return True
        time.sleep(0.05)
    return False
