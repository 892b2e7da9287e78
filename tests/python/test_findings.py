"""scripts/findings: the t quantiles and intervals of paired.py, and the per-run figures of the Q2
script (which docs/examples/tidal_wave.py imports), on hand-worked inputs."""
import importlib.util
import math
import os
import sys

import pytest

from conftest import source_dir  # noqa: F401  (fixture)

# Student t 97.5% quantiles as printed in statistics tables (3 decimals).
PUBLISHED = {1: 12.706, 2: 4.303, 3: 3.182, 4: 2.776, 5: 2.571, 6: 2.447, 7: 2.365, 8: 2.306,
             9: 2.262, 10: 2.228, 11: 2.201, 12: 2.179, 13: 2.160, 14: 2.145, 15: 2.131,
             16: 2.120, 17: 2.110, 18: 2.101, 19: 2.093, 20: 2.086, 21: 2.080, 22: 2.074,
             23: 2.069, 24: 2.064, 25: 2.060, 29: 2.045, 30: 2.042, 40: 2.021, 60: 2.000,
             120: 1.980}


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


def test_t_quantiles_are_the_published_ones(source_dir):
    paired = load(source_dir, "paired")
    for df, q in PUBLISHED.items():
        assert round(paired.t975(df), 3) == q, df
    assert paired.t975(100_000) == pytest.approx(1.95996, abs=1e-4)


def test_mean_ci_is_a_student_t_interval(source_dir):
    paired = load(source_dir, "paired")
    # 1..5: mean 3, sd sqrt(2.5), half-width t(4) sd / sqrt(5) = 2.776445 x 0.707107 = 1.963243
    m, lo, hi = paired.mean_ci([1.0, 2.0, 3.0, 4.0, 5.0, float("nan"), float("inf")])
    assert m == 3.0
    assert (lo, hi) == pytest.approx((3 - 1.963243, 3 + 1.963243), abs=1e-6)
    m, lo, hi = paired.mean_ci([2.5])
    assert m == 2.5 and math.isnan(lo) and math.isnan(hi)
    assert all(math.isnan(v) for v in paired.mean_ci([]))


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


def test_q1_switches_pairs_kappa_within_each_world(source_dir, tmp_path):
    """q1_switches.effects: kappa 0 - kappa 1 per replication and sigma_theta, with the glut
    trough read from the per-track series (lowest annual CU of pv or battery from year 3)."""
    q1 = load(source_dir, "q1_switches")
    head = ["run_id", "scenario", "replication", "seed", "world.heterogeneity", "market.kappa",
            "status", "mean_cu", "mean_price_index", "avg_producer_surplus", "mean_welfare",
            "final_tfp"]
    runs, tracks = [], []
    rid = 0
    for rep in range(2):
        for het in ("0.1", "1"):
            for kappa in ("1", "0"):
                welfare = 100.0 + rep + (10.0 if kappa == "0" else 0.0) * (2 if het == "1" else 1)
                runs.append([str(rid), "0", str(rep), "7", het, kappa, "ok", "0.8", "1.0", "1",
                             str(welfare), "3"])
                for tick in range(16):  # 4 years; pv dips to 0.5 in year 3 at kappa 0 only
                    for track in ("pv", "battery", "low_altitude"):
                        cu = 0.5 if (track == "pv" and kappa == "0" and tick >= 12) else 0.7
                        tracks.append([str(rid), str(tick), track, "1", "1", str(cu), "1", "1",
                                       "0.5"])
                rid += 1
    (tmp_path / "summary.csv").write_text(
        "\n".join(",".join(r) for r in [head] + runs) + "\n")
    (tmp_path / "track_series.csv").write_text(
        "run_id,tick,track,capacity,output,cu,price,cash_cost,loss_share\n" +
        "\n".join(",".join(r) for r in tracks) + "\n")
    res = q1.effects(str(tmp_path))
    m, lo, hi, level, n = res[("0.1", "mean_welfare")]
    assert (m, lo, hi, level, n) == (10.0, 10.0, 10.0, 100.5, 2)
    assert res[("1", "mean_welfare")][0] == 20.0
    assert res[("0.1", "glut_cu")][0] == pytest.approx(-0.2)  # 0.5 - 0.7 in year 3
    assert res[("0.1", "la_trough")][0] == 0.0
    assert res[("0.1", "glut_price_cash")][0] == 0.0  # price / cash cost 1 in both
