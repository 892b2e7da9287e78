"""regsim.sweep and regsim.read_sweep: the CLI's sweep, its tables as DataFrames."""
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


def test_sweep_errors_are_config_errors(spec, tmp_path):
    regsim.sweep(spec, out=tmp_path / "once", jobs=1)
    with pytest.raises(regsim.ConfigError, match="already"):
        regsim.sweep(spec, out=tmp_path / "once", jobs=1)
    bad = tmp_path / "bad.toml"
    bad.write_text('[design]\nkind = "grid"\n[factors]\n"market.kapa" = [0.0, 1.0]\n')
    with pytest.raises(regsim.ConfigError, match=r"bad.toml:4: factors.market.kapa"):
        regsim.sweep(bad, out=tmp_path / "bad")
