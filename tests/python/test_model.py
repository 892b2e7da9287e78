"""regsim.Model: stepping, live parameter changes between ticks, errors that leave it usable."""
import threading

import pandas as pd
import pytest

import regsim
from conftest import small


def test_stepping_to_the_end_equals_a_run():
    m = regsim.Model(seed=4, set=small())
    m.step(5).step(7)
    assert m.finished and m.tick == 12 and m.year == 3
    r = regsim.run(seed=4, set=small())
    pd.testing.assert_frame_equal(m.metrics(), r.metrics, check_exact=True)
    pd.testing.assert_frame_equal(m.tracks(), r.tracks, check_exact=True)
    pd.testing.assert_frame_equal(m.cities(), r.cities, check_exact=True)
    assert m.state_hash() == r.manifest["final_state_hash"]


def test_tables_grow_tick_by_tick():
    m = regsim.Model(seed=4, set=small())
    assert len(m.metrics()) == 0
    m.step(3)
    assert list(m.metrics()["tick"]) == [0, 1, 2]
    assert len(m.cities()) == 0
    m.step(1)
    assert len(m.cities()) == 24  # the first year closed


def test_set_between_ticks_equals_a_scheduled_change(tmp_path):
    m = regsim.Model(seed=4, set=small())
    m.step(6)
    m.set("market.kappa", 0.0)
    assert m.pending() == [("market.kappa", 0.0)]
    assert m.get("market.kappa") != 0.0  # applies at the start of the next tick
    m.step(6)
    assert m.get("market.kappa") == 0.0
    assert (6, "market.kappa", 0.0) in m.applied()
    config = tmp_path / "scheduled.toml"
    config.write_text('[[schedule]]\ntick = 6\nset = { "market.kappa" = 0.0 }\n')
    r = regsim.run(config, seed=4, set=small())
    pd.testing.assert_frame_equal(m.metrics(), r.metrics, check_exact=True)
    assert m.state_hash() == r.manifest["final_state_hash"]


def test_set_before_the_first_step_changes_the_setting():
    m = regsim.Model(seed=4, set=small())
    m.set("market.kappa", 0.25)
    m.set("world.cities", 30)  # allowed: nothing has run yet
    m.step(12)
    r = regsim.run(seed=4, set=small(**{"market.kappa": 0.25, "world.cities": 30}))
    pd.testing.assert_frame_equal(m.tracks(), r.tracks, check_exact=True)


def test_bad_changes_raise_and_leave_the_model_usable():
    m = regsim.Model(seed=4, set=small())
    m.step(2)
    with pytest.raises(regsim.ConfigError, match="Model.set: market.kapa: unknown key"):
        m.set("market.kapa", 0.0)
    with pytest.raises(regsim.ConfigError, match="market.kappa: .*outside"):
        m.set("market.kappa", 7.0)
    with pytest.raises(regsim.ConfigError, match="world.cities: cannot change during a run"):
        m.set("world.cities", 10)
    with pytest.raises(regsim.ConfigError, match="expected a number"):
        m.set("market.kappa", "low")
    with pytest.raises(TypeError):
        m.set("market.kappa", None)
    with pytest.raises(regsim.ConfigError):
        m.get("no.such.key")
    with pytest.raises(ValueError, match="only 10 ticks are left"):
        m.step(11)
    assert m.pending() == []
    m.step(10)
    assert m.finished
    with pytest.raises(regsim.ConfigError):  # a bad setting before the first step
        regsim.Model(seed=4, set=small()).set("world.cities", -3)


def test_the_model_runs_without_the_gil():
    """Another Python thread runs while a model steps (the GIL is released during steps)."""
    m = regsim.Model(seed=4, set=small(**{"world.cities": 100, "world.years": 10}), threads=1)
    worker = threading.Thread(target=m.step, args=(40,))
    reached = threading.Event()
    worker.start()
    helper = threading.Thread(target=reached.set)
    helper.start()
    helper.join()
    running = worker.is_alive()  # the helper ran while the model was still stepping
    worker.join()
    assert reached.is_set() and running
    assert m.finished
