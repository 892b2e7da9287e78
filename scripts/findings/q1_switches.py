#!/usr/bin/python3
"""Q1's unification effect (kappa 0 minus kappa 1) under each model variant, side by side.

Reads sweeps of experiments/scenarios/q1_switches.toml (kappa {1, 0} x sigma_theta {0.1, 1.0},
paired replications, per-track series kept), each run with other --set values (the defaults, one
issue-12 switch reverted, all of them reverted), and prints, per variant and sigma_theta, the paired
difference kappa 0 - kappa 1 with a 95% Student t interval of:

  mean_cu          national CU, mean over quarters;
  glut_cu          the PV-or-battery glut trough: the lower of the two tracks' lowest annual CU
                   from year 3 (scripts/calibration.py, `glut`: annual = mean of the quarters);
  glut_price_cash  the lowest annual price / cash cost in that glut's window;
  la_trough        low_altitude's lowest annual CU from year 3;
  mean_price_index, avg_producer_surplus, mean_welfare (welfare in the run's accounting; the
                   percentage is of the kappa = 1 level), final_tfp.

Usage:
  /usr/bin/python3 scripts/findings/q1_switches.py default=out/q1_sw_default \
      competitive=out/q1_sw_competitive ... [--png FILE]
"""
import argparse
import csv
import importlib.util
import os
import sys
from collections import defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from paired import load, mean_ci, fmt  # noqa: E402

_spec = importlib.util.spec_from_file_location("calibration",
                                               os.path.join(HERE, "..", "calibration.py"))
calibration = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(calibration)

METRICS = ["mean_cu", "glut_cu", "glut_price_cash", "la_trough", "mean_price_index",
           "avg_producer_surplus", "mean_welfare", "final_tfp"]


def track_metrics(directory):
    """run_id -> glut_cu, glut_price_cash, la_trough from DIR/track_series.csv."""
    rows = defaultdict(list)
    with open(os.path.join(directory, "track_series.csv")) as f:
        for r in csv.DictReader(f):
            rows[r["run_id"]].append(r)
    out = {}
    for run, t in rows.items():
        trough, price_cash, _ = calibration.glut(t)
        la = calibration.yearly(calibration.track_rows(t, "low_altitude"), "cu")
        out[run] = dict(glut_cu=trough, glut_price_cash=price_cash,
                        la_trough=min(la[calibration.FIRST_YEAR:]))
    return out


def effects(directory):
    """(sigma_theta, metric) -> (mean diff, lo, hi, level at kappa 1)."""
    rows = load(directory, 0.8)
    extra = track_metrics(directory)
    for r in rows:
        r.update({k: str(v) for k, v in extra[r["run_id"]].items()})
    res = {}
    for het in sorted({r["world.heterogeneity"] for r in rows}, key=float):
        by = defaultdict(dict)
        for r in rows:
            if r["world.heterogeneity"] == het:
                by[r["replication"]][float(r["market.kappa"])] = r
        pairs = [v for v in by.values() if 0.0 in v and 1.0 in v]
        for m in METRICS:
            d = mean_ci([float(p[0.0][m]) - float(p[1.0][m]) for p in pairs])
            level = sum(float(p[1.0][m]) for p in pairs) / len(pairs)
            res[(het, m)] = d + (level, len(pairs))
    return res


def cell(e, pct=False):
    m, lo, hi, level, _ = e
    s = "%s [%s, %s]" % (fmt(m), fmt(lo), fmt(hi))
    if pct and level:
        s += " (%+.1f%%)" % (100 * m / level)
    return s


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("sweeps", nargs="+", help="NAME=DIR, one per variant")
    ap.add_argument("--png")
    a = ap.parse_args()
    variants = [s.split("=", 1) for s in a.sweeps]
    all_res = {name: effects(d) for name, d in variants}
    print("| variant | sigma_theta | n | " + " | ".join(METRICS) + " |")
    print("|" + "---|" * (len(METRICS) + 3))
    for name, _ in variants:
        res = all_res[name]
        for het in sorted({h for h, _ in res}, key=float):
            n = res[(het, METRICS[0])][4]
            print("| %s | %s | %d | %s |" % (name, het, n, " | ".join(
                cell(res[(het, m)], pct=m in ("mean_welfare", "avg_producer_surplus"))
                for m in METRICS)))
    print()
    print("Levels at kappa = 1 (mean over pairs):")
    print("| variant | sigma_theta | " + " | ".join(METRICS) + " |")
    print("|" + "---|" * (len(METRICS) + 2))
    for name, _ in variants:
        res = all_res[name]
        for het in sorted({h for h, _ in res}, key=float):
            print("| %s | %s | %s |" % (name, het, " | ".join(fmt(res[(het, m)][3])
                                                           for m in METRICS)))
    if a.png:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
        shown = [("mean_cu", "national CU (mean)", False), ("glut_cu", "PV/battery glut trough CU",
                                                            False),
                 ("mean_welfare", "welfare, % of the kappa = 1 level", True)]
        fig, axes = plt.subplots(1, 3, figsize=(13, 0.5 * len(variants) + 2.2), sharey=True)
        ys = list(range(len(variants)))
        for ax, (m, title, pct) in zip(axes, shown):
            for j, (het, col, lab) in enumerate([("0.1", "tab:red", "homogeneous (sigma 0.1)"),
                                                 ("1", "tab:blue", "heterogeneous (sigma 1)")]):
                xs, lo, hi = [], [], []
                for name, _ in variants:
                    mm, l, h, level, _ = all_res[name][(het, m)]
                    k = 100 / level if pct and level else 1
                    xs.append(mm * k)
                    lo.append((mm - l) * k)
                    hi.append((h - mm) * k)
                ax.errorbar(xs, [y + (j - 0.5) * 0.25 for y in ys], xerr=[lo, hi], fmt="o",
                            color=col, capsize=3, label=lab)
            ax.axvline(0, color="grey", lw=0.8)
            ax.set_title(title, fontsize=9)
            ax.tick_params(labelsize=8)
        axes[0].set_yticks(ys)
        axes[0].set_yticklabels([n for n, _ in variants], fontsize=8)
        axes[0].invert_yaxis()
        axes[0].legend(fontsize=7)
        fig.suptitle("Q1: unification (kappa 1 -> 0), paired difference with 95% CI, "
                     "per model variant", fontsize=10)
        fig.tight_layout()
        fig.savefig(a.png, dpi=110)
        print("wrote", a.png)


if __name__ == "__main__":
    main()
