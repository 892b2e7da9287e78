"""regsim.sweep and regsim.read_sweep: the CLI's sweep, its tables as DataFrames."""
import numpy as np
import pandas as pd
import pytest

import regsim
from conftest import read_table, run_cli

SWEEP = """
[design]
kind = "grid"
replications = 2
[factors]
"market.kappa" = [0.0, 1.0]
[fixed]
"world.years" = 2
"world.cities" = 20
"world.provinces" = 4
[outputs]
series = true
series_metrics = ["cu", "price_index"]
tracks = true
track_metrics = ["price", "firms"]
"""


@pytest.fixture(scope="module")
def spec(tmp_path_factory):
    path = tmp_path_factory.mktemp("spec") / "tiny.toml"
    path.write_text(SWEEP)
    return path


def test_sweep_returns_the_tables_of_the_cli(spec, tmp_path, regsim_binary):
    r = regsim.sweep(spec, out=tmp_path / "py", jobs=2)
    assert len(r.summary) == 4 and set(r.summary["status"]) == {"ok"}
    assert list(r.series.columns) == ["run_id", "tick", "cu", "price_index"]
    assert len(r.series) == 4 * 8
    assert set(r.paired["factor"]) == {"market.kappa"}
    done = run_cli(regsim_binary, "sweep", str(spec), "--out", str(tmp_path / "cli"),
                   "--jobs", "1", "--quiet")
    assert done.returncode == 0, done.stderr
    pd.testing.assert_frame_equal(r.summary, read_table(tmp_path / "cli" / "summary.csv"))
    cli = regsim.read_sweep(tmp_path / "cli")  # analysis tables made on demand
    pd.testing.assert_frame_equal(r.paired, cli.paired)


def test_track_series_are_the_tracks_table_of_each_run(spec, tmp_path):
    r = regsim.sweep(spec, out=tmp_path / "tracks", jobs=2)
    t = r.track_series
    assert list(t.columns) == ["run_id", "tick", "track", "price", "firms"]
    assert len(t) == 4 * 8 * 12  # runs x ticks x tracks
    assert t["firms"].dtype == np.int64 and t["track"].dtype == object
    # Run 0 (kappa 0, replication 0) is the run regsim.run makes with its settings and seed.
    first = r.summary.iloc[0]
    alone = regsim.run(seed=int(first["seed"]), set={
        "market.kappa": float(first["market.kappa"]), "world.years": 2, "world.cities": 20,
        "world.provinces": 4}).tracks
    kept = t[t["run_id"] == 0].drop(columns="run_id").reset_index(drop=True)
    assert list(kept["track"]) == list(alone["track"]) and list(kept["tick"]) == list(alone["tick"])
    assert list(kept["firms"]) == list(alone["firms"])
    # tracks.csv has 10 significant digits; the sweep keeps every bit
    np.testing.assert_allclose(kept["price"], alone["price"], rtol=1e-9, atol=0)
    # a panel per track: mean price by kappa and track, one call away
    panel = t.merge(r.summary[["run_id", "market.kappa"]]).pivot_table(
        index="track", columns="market.kappa", values="price")
    assert panel.shape == (12, 2)
    # The same rows selected in the store, without reading the CSV
    assert_frame = pd.testing.assert_frame_equal
    assert_frame(r.track_rows(), t)
    part = r.track_rows(runs=[1, 3], tracks=["pv", "ev"], metrics=["firms"], ticks=range(2, 6))
    want = t[t["run_id"].isin([1, 3]) & t["track"].isin(["pv", "ev"]) & t["tick"].between(2, 5)]
    assert_frame(part, want[["run_id", "tick", "track", "firms"]].reset_index(drop=True))
    assert len(part) == 2 * 2 * 4
    with pytest.raises(ValueError, match="'gdp' is not a kept track metric"):
        r.track_rows(metrics=["gdp"])


def test_a_sweep_without_track_series_has_none(tmp_path):
    path = tmp_path / "plain.toml"
    path.write_text(SWEEP.replace("tracks = true\n", "").replace(
        'track_metrics = ["price", "firms"]\n', ""))
    r = regsim.sweep(path, out=tmp_path / "plain", jobs=2)
    assert r.track_series is None and not (tmp_path / "plain" / "track_series.csv").exists()
    with pytest.raises(ValueError, match="kept no track series"):
        r.track_rows()


def test_sweep_errors_are_config_errors(spec, tmp_path):
    regsim.sweep(spec, out=tmp_path / "once", jobs=1)
    with pytest.raises(regsim.ConfigError, match="already"):
        regsim.sweep(spec, out=tmp_path / "once", jobs=1)
    bad = tmp_path / "bad.toml"
    bad.write_text('[design]\nkind = "grid"\n[factors]\n"market.kapa" = [0.0, 1.0]\n')
    with pytest.raises(regsim.ConfigError, match=r"bad.toml:4: factors.market.kapa"):
        regsim.sweep(bad, out=tmp_path / "bad")
