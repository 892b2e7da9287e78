"""docs/examples: the Q2 figure script, the cells.csv panel regression and the sweep track series
script run against the module just built, and the notebook holds exactly the script's cells."""
import json
import os
import subprocess
import sys

import pytest

from conftest import source_dir  # noqa: F401  (fixture)


def run_example(source_dir, tmp_path, name, *args):
    env = dict(os.environ, MPLBACKEND="Agg")
    done = subprocess.run([sys.executable, os.path.join(source_dir, "docs", "examples", name),
                           *args], cwd=tmp_path, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_the_notebook_holds_the_scripts_cells(source_dir):
    examples = os.path.join(source_dir, "docs", "examples")
    sys.path.insert(0, examples)
    try:
        import make_notebook
    finally:
        sys.path.pop(0)
    with open(os.path.join(examples, "tidal_wave.py")) as f:
        expected = make_notebook.notebook(f.read())
    with open(os.path.join(examples, "tidal_wave.ipynb")) as f:
        actual = json.load(f)
    assert actual == expected, "run /usr/bin/python3 docs/examples/make_notebook.py"
    assert len(actual["cells"]) == 5


def test_the_q2_figure_script_runs(source_dir, tmp_path):
    out = run_example(source_dir, tmp_path, "tidal_wave.py", "--seeds", "1", "--png", "q2.png")
    assert (tmp_path / "q2.png").stat().st_size > 10_000
    assert "cu_trough" in out and "peak_share" in out


def test_the_panel_regression_runs(source_dir, tmp_path):
    pytest.importorskip("statsmodels")
    out = run_example(source_dir, tmp_path, "panel_regression.py", "--seeds", "1", "--years",
                      "4", "--set", "world.cities=24", "--set", "world.provinces=3",
                      "--png", "panel.png")
    assert (tmp_path / "panel.png").stat().st_size > 10_000
    for regressor in ("listed", "neighbours_listing", "log_endowment"):
        assert f"| {regressor} | " in out
    assert "24 cities" in out


def test_the_track_sweep_script_runs(source_dir, tmp_path):
    out = run_example(source_dir, tmp_path, "track_sweep.py", "--seeds", "2", "--years", "3",
                      "--jobs", "2", "--set", "world.cities=24", "--set", "world.provinces=3",
                      "--png", "tracks.png")
    assert (tmp_path / "tracks.png").stat().st_size > 10_000
    assert "4 runs, 144 rows of track series (12 tracks x 3 years per run)" in out
    rows = [line for line in out.splitlines() if line.startswith("| ")]
    assert rows[0] == "| track | kappa 0 | kappa 1 | 1 - 0 | min..max 1 |"
    assert [r.split(" | ")[0] for r in rows[1:3]] == ["| pv", "| battery"]
    assert len(rows) == 1 + 12
