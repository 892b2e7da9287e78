"""scripts/findings: the per-run figures of the Q2 script (which docs/examples/tidal_wave.py
imports), on hand-worked inputs."""
import importlib.util
import os
import sys

import pytest

from conftest import source_dir  # noqa: F401  (fixture)

def load(source_dir, name):
    """A findings script as a module (by path: docs/examples has a tidal_wave.py too)."""
    folder = os.path.join(source_dir, "scripts", "findings")
    sys.path.insert(0, folder)  # the scripts import their neighbours
    try:
        spec = importlib.util.spec_from_file_location("findings_" + name,
                                                      os.path.join(folder, name + ".py"))
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module
    finally:
        sys.path.remove(folder)


def test_q2_figures_of_one_run(source_dir):
    q2 = load(source_dir, "tidal_wave")
    cu = [0.9, 0.9, 0.9, 0.9, 0.8, 0.5, 0.6, 0.7]
    price = [1.0, 1.0, 1.0, 1.0, 0.9, 0.7, 0.8, 0.85]
    listing = [0, 0, 0, 2, 3, 4, 5, 6]
    rows = []
    for t in range(8):
        rows.append({"tick": t, "track": "pv", "cu": 0.95 - 0.1 * (t == 6), "price": 1,
                     "cities_listing": 1, "loss_share": 0, "firms": 3})
        rows.append({"tick": t, "track": "low_altitude", "cu": cu[t], "price": price[t],
                     "cities_listing": listing[t], "loss_share": 0.5 if t == 5 else 0.1,
                     "firms": 8})
        rows.append({"tick": t, "track": "battery", "cu": "0.9", "price": "1",
                     "cities_listing": "1", "loss_share": "0", "firms": "2"})  # CSV text
    s = q2.stats(rows, 10, 1)  # announced at year 1 = tick 4
    assert s["share_by_year"] == [0.2, 0.6] and s["peak_share"] == 0.6
    assert s["cu_before"] == pytest.approx(0.9)
    assert s["cu_trough"] == 0.5 and s["qtrs_to_trough"] == 1
    assert s["qtrs_below_70"] == 2  # 0.5 and 0.6; 0.7 is not below
    assert s["price_drop"] == pytest.approx(-0.3)  # 0.7 / 1.0 - 1
    assert s["losing_firms"] == 4.0 and s["loss_share_trough"] == 0.5
    assert s["pv_min_cu"] == pytest.approx(0.85) and s["battery_min_cu"] == 0.9
    assert set(q2.KEYS) <= set(s)
