"""Shared fixtures of the Python module's tests.

ctest runs them (tests/CMakeLists.txt) with PYTHONPATH=build/python, and with
INTERPHASE_DB, INTERPHASE_DATA, INTERPHASE_CLI (the built program),
INTERPHASE_SAMPLES_DIR and INTERPHASE_REFERENCE_DIR set. The module and the
program share the database INTERPHASE_DB names, built on first use.
"""

from __future__ import annotations

import json
import os
import subprocess

import pytest

import interphase

HERE = os.path.dirname(os.path.abspath(__file__))
REFERENCE_DIR = os.environ.get("INTERPHASE_REFERENCE_DIR", os.path.join(HERE, "..", "reference"))
SAMPLES_DIR = os.environ.get("INTERPHASE_SAMPLES_DIR",
                             os.path.join(HERE, "..", "..", "..", "shared", "data", "samples"))

SEED_PAIRS = [("Li6PS5Cl", "Li2RuO3"), ("Li3InCl6", "Li2RuO3")]


def cli_path() -> str:
    path = os.environ.get("INTERPHASE_CLI")
    if not path or not os.path.exists(path):
        pytest.skip("INTERPHASE_CLI does not name the built interphase program")
    return path


def run_cli(*args: str, check: bool = True) -> subprocess.CompletedProcess:
    """The program with these arguments, on the same database as the module."""
    done = subprocess.run([cli_path(), *args], capture_output=True, text=True)
    if check and done.returncode != 0:
        raise AssertionError(f"interphase {' '.join(args)} exited {done.returncode}: {done.stderr}")
    return done


def cli_json(*args: str):
    return json.loads(run_cli(*args, "--format", "json").stdout)


def cli_error(*args: str) -> str:
    """The one-line message the program prints for a bad request (exit 2)."""
    done = run_cli(*args, check=False)
    assert done.returncode == 2, (args, done.returncode, done.stderr)
    lines = [l for l in done.stderr.splitlines() if l.startswith("interphase: error: ")]
    assert len(lines) == 1, done.stderr
    return lines[0][len("interphase: error: "):]


@pytest.fixture(scope="session")
def db() -> interphase.Database:
    """The default database (INTERPHASE_DB), its stability computed."""
    d = interphase.default_database()
    d.decompose("Li2O")  # builds the database and its stored stability once
    return d
