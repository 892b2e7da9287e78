"""Shared helpers of the Python module's tests: the regsim binary and a small world."""
import os
import subprocess

import pandas as pd
import pytest

SMALL = {"world.cities": 24, "world.provinces": 4, "world.years": 3}


def small(**extra):
    """Overrides of a small, quick world (dict for regsim.run's set=)."""
    out = dict(SMALL)
    out.update(extra)
    return out


def cli_sets(settings):
    """The same overrides as regsim's --set arguments."""
    args = []
    for key, value in settings.items():
        text = ("true" if value else "false") if isinstance(value, bool) else str(value)
        args += ["--set", f"{key}={text}"]
    return args


@pytest.fixture(scope="session")
def regsim_binary():
    path = os.environ.get("REGSIM_BINARY")
    if not path:
        pytest.skip("REGSIM_BINARY is not set (ctest sets it)")
    return path


@pytest.fixture(scope="session")
def source_dir():
    return os.environ.get("REGSIM_SOURCE_DIR", os.path.join(os.path.dirname(__file__), "..", ".."))


def run_cli(binary, *args):
    """Runs the regsim command; returns the completed process (never raises on exit codes)."""
    return subprocess.run([binary, *args], capture_output=True, text=True)


def read_table(path):
    """A CSV output as the Python module promises to return it."""
    return pd.read_csv(path, float_precision="round_trip")
