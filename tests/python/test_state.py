"""Model.save / Model.load / Model.copy: a saved or copied model continues exactly as the original
(tables so far and pending changes included), and the CLI continues a state saved from Python."""
import json

import pandas as pd
import pytest

import regsim
from conftest import cli_sets, read_table, run_cli, small

WORLD = small(**{"world.years": 4})


def assert_same_tables(a, b):
    for table in ("metrics", "tracks", "cities", "cells"):
        pd.testing.assert_frame_equal(getattr(a, table)(), getattr(b, table)(), check_exact=True)


def test_saved_and_loaded_model_continues_as_the_original(tmp_path):
    m = regsim.Model(seed=6, set=WORLD)
    m.step(7)
    m.set("market.kappa", 0.1)  # pending: saved with the state
    path = tmp_path / "m.state"
    m.save(path)
    loaded = regsim.Model.load(path)
    assert loaded.tick == 7 and loaded.pending() == [("market.kappa", 0.1)]
    assert loaded.state_hash() == m.state_hash()
    assert_same_tables(loaded, m)  # the tables so far came back too
    m.step(9)
    loaded.step(9)
    assert loaded.finished and loaded.state_hash() == m.state_hash()
    assert_same_tables(loaded, m)
    assert loaded.applied() == m.applied()


def test_copies_are_branches_of_one_state():
    m = regsim.Model(seed=6, set=WORLD)
    m.step(8)
    unified, control = m.copy(), m.copy()
    unified.set("market.kappa", 0.0)
    for x in (m, unified, control):
        x.step(8)
    assert control.state_hash() == m.state_hash()
    assert unified.state_hash() != m.state_hash()
    assert unified.get("market.kappa") == 0.0 and m.get("market.kappa") != 0.0
    assert len(unified.metrics()) == len(m.metrics()) == 16
    pd.testing.assert_frame_equal(unified.metrics().iloc[:8], m.metrics().iloc[:8],
                                  check_exact=True)


def test_the_cli_continues_a_state_saved_in_python(tmp_path, regsim_binary):
    m = regsim.Model(seed=6, set=WORLD)
    m.step(6)
    m.save(tmp_path / "py.state")
    done = run_cli(regsim_binary, "run", "--from", str(tmp_path / "py.state"), "--out",
                   str(tmp_path / "cont"), "--quiet")
    assert done.returncode == 0, done.stderr
    full = regsim.run(seed=6, set=WORLD)
    pd.testing.assert_frame_equal(read_table(tmp_path / "cont" / "metrics.csv"), full.metrics,
                                  check_exact=True)
    pd.testing.assert_frame_equal(read_table(tmp_path / "cont" / "cells.csv"), full.cells,
                                  check_exact=True)
    manifest = json.loads((tmp_path / "cont" / "manifest.json").read_text())
    assert manifest["final_state_hash"] == full.manifest["final_state_hash"]


def test_a_state_saved_by_the_cli_loads_in_python(tmp_path, regsim_binary):
    done = run_cli(regsim_binary, "run", "--seed", "6", *cli_sets(WORLD), "--save-state",
                   str(tmp_path / "cli.state"), "--save-at", "2", "--out", str(tmp_path / "out"),
                   "--quiet")
    assert done.returncode == 0, done.stderr
    m = regsim.Model.load(tmp_path / "cli.state")
    assert m.tick == 8 and len(m.metrics()) == 8
    m.step(m.total_ticks - m.tick)
    full = regsim.run(seed=6, set=WORLD)
    pd.testing.assert_frame_equal(m.metrics(), full.metrics, check_exact=True)


def test_bad_state_files_raise_config_error(tmp_path):
    m = regsim.Model(seed=6, set=WORLD)
    m.step(4)
    good = tmp_path / "good.state"
    m.save(good)
    data = good.read_bytes()
    (tmp_path / "cut.state").write_bytes(data[: len(data) // 2])
    flipped = bytearray(data)
    flipped[len(data) // 2] ^= 1
    (tmp_path / "flip.state").write_bytes(bytes(flipped))
    for name, message in (("cut.state", "is truncated"), ("flip.state", "checksum mismatch"),
                          ("none.state", "cannot read the state file")):
        with pytest.raises(regsim.ConfigError, match=message) as e:
            regsim.Model.load(tmp_path / name)
        assert e.value.errors[0]["file"] == str(tmp_path / name)
    with pytest.raises(regsim.ConfigError, match="cannot change during a run"):
        regsim.Model.load(good).set("world.cities", 30)
