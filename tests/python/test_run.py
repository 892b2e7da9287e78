"""regsim.run: in-process runs give exactly the CLI's tables; errors are Python exceptions."""
import os

import pandas as pd
import pytest

import regsim
from conftest import cli_sets, read_table, run_cli, small


@pytest.fixture(scope="module")
def cli_run(regsim_binary, tmp_path_factory):
    out = tmp_path_factory.mktemp("cli")
    done = run_cli(regsim_binary, "run", "--out", str(out), "--seed", "5", "--quiet",
                   *cli_sets(small()))
    assert done.returncode == 0, done.stderr
    return out


def test_tables_equal_the_cli_csv_files(cli_run):
    r = regsim.run(seed=5, set=small())
    for name in ("metrics", "tracks", "cities"):
        expected = read_table(cli_run / f"{name}.csv")
        pd.testing.assert_frame_equal(getattr(r, name), expected, check_exact=True)
    assert len(r.metrics) == 12 and len(r.cities) == 3 * 24


def test_manifest_and_summary(cli_run):
    r = regsim.run(seed=5, set=small(), threads=1)
    import json
    cli_manifest = json.loads((cli_run / "manifest.json").read_text())
    assert r.manifest["final_state_hash"] == cli_manifest["final_state_hash"]
    assert r.manifest["config"] == cli_manifest["config"]
    assert r.manifest["seed"] == 5
    assert r.summary["ticks"] == 12
    assert "final capacity utilisation" in repr(r)


def test_out_writes_the_cli_files(cli_run, tmp_path):
    regsim.run(seed=5, set=small(), out=tmp_path)
    for name in ("metrics.csv", "tracks.csv", "cities.csv"):
        assert (tmp_path / name).read_bytes() == (cli_run / name).read_bytes()
    assert (tmp_path / "manifest.json").exists()


def test_thread_count_does_not_change_results():
    one = regsim.run(seed=3, set=small(), threads=1)
    two = regsim.run(seed=3, set=small(), threads=2)
    pd.testing.assert_frame_equal(one.tracks, two.tracks, check_exact=True)
    assert one.manifest["final_state_hash"] == two.manifest["final_state_hash"]


def test_typed_values_and_strings():
    r = regsim.run(seed=2, set=small(**{"tournament.evaluation": "balanced",
                                        "exit.bailouts": False, "market.kappa": 0}))
    assert r.manifest["config"]["tournament.evaluation"] == "balanced"
    assert r.manifest["config"]["exit.bailouts"] is False


def test_old_keys_are_accepted_and_the_manifest_uses_the_new_ones():
    r = regsim.run(seed=2, set=small(**{"policy.evaluation": "balanced",
                                        "government.guidance_funds": False}))
    assert r.manifest["config"]["tournament.evaluation"] == "balanced"
    assert r.manifest["config"]["funds.enabled"] is False
    assert not [k for k in r.manifest["config"] if k.startswith("policy.")]


def test_config_file_and_its_errors(tmp_path, source_dir):
    r = regsim.run(os.path.join(source_dir, "experiments", "baseline.toml"), seed=1,
                   set=small(**{"world.years": 1}))
    assert len(r.metrics) == 4
    bad = tmp_path / "bad.toml"
    bad.write_text('[world]\nseed = 7\n\n[market]\nkappa = 1.5\n\n[policy]\nsubsidy_regim = "x"\n')
    with pytest.raises(regsim.ConfigError) as e:
        regsim.run(bad)
    text = str(e.value)
    assert f"{bad}:5: market.kappa: = 1.5 is outside [0, 1]" in text
    assert f"{bad}:8: policy.subsidy_regim: unknown key" in text
    assert [x["line"] for x in e.value.errors] == [5, 8]
    assert isinstance(e.value, ValueError)


def test_bad_keys_and_values_raise_without_crashing(tmp_path):
    with pytest.raises(regsim.ConfigError, match="market.kapa: unknown key"):
        regsim.run(seed=1, set={"market.kapa": 0.5})
    with pytest.raises(regsim.ConfigError, match="world.years"):
        regsim.run(seed=1, set={"world.years": 2.5})
    unseeded = tmp_path / "unseeded.toml"
    unseeded.write_text("[world]\nyears = 1\n")
    with pytest.raises(regsim.ConfigError, match="seed"):
        regsim.run(unseeded)
    with pytest.raises(regsim.ConfigError, match="/nonexistent/config.toml: cannot"):
        regsim.run("/nonexistent/config.toml", seed=1)
    with pytest.raises(TypeError, match="market.kappa"):
        regsim.run(seed=1, set={"market.kappa": [0.1]})
    # The interpreter is still fine.
    assert len(regsim.run(seed=1, set=small(**{"world.years": 1})).metrics) == 4


def test_params_lists_every_key():
    p = regsim.params()
    assert {"key", "default", "min", "max", "choices", "schedulable", "doc"} <= set(p.columns)
    row = p.set_index("key").loc["market.kappa"]
    assert row["min"] == 0 and row["max"] == 1 and bool(row["schedulable"])


def test_an_unusable_out_directory_is_a_config_error(tmp_path):
    (tmp_path / "notes.txt").write_text("not regsim's")
    with pytest.raises(regsim.ConfigError, match="out"):
        regsim.run(seed=1, set=small(**{"world.years": 1}), out=tmp_path)
    assert (tmp_path / "notes.txt").read_text() == "not regsim's"
