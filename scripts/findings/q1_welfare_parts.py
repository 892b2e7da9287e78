#!/usr/bin/python3
"""Q1: where unification's welfare change comes from, component by component.

Runs the baseline experiment as q1_switches.toml's cells do (20 years, alpha1 = 1.0,
sigma_theta 0.1 and 1.0, kappa 1 and 0) for seeds 20240501.. (the seeds of the sweep's
replications), reads metrics.csv and prints, per sigma_theta, the paired difference kappa 0 -
kappa 1 of the mean per quarter of each component of the full welfare measure (docs/model.md 10:
welfare_full = consumer_surplus_ref + operating_surplus - capital_cost - exit_loss -
public_funds_full - job_loss_cost), of the legacy measure (welfare_legacy = consumer_surplus +
producer_surplus - public_funds_legacy - idle_capital_cost) and of national output and capacity,
with 95% t intervals.

Usage:
  /usr/bin/python3 scripts/findings/q1_welfare_parts.py --out out/q1_parts --seeds 10 [--jobs 2]
      [--binary regsim] [--set KEY=VALUE]...
"""
import argparse
import csv
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from paired import mean_ci, fmt  # noqa: E402
from regsim_binary import ROOT, default_binary  # noqa: E402

PARTS = ["welfare_full", "consumer_surplus_ref", "operating_surplus", "capital_cost", "exit_loss",
         "public_funds_full", "job_loss_cost", "welfare_legacy", "consumer_surplus",
         "producer_surplus", "idle_capital_cost", "public_funds_legacy", "output", "capacity"]
SIGNS = {"capital_cost": -1, "exit_loss": -1, "public_funds_full": -1, "job_loss_cost": -1,
         "idle_capital_cost": -1, "public_funds_legacy": -1}


def run(binary, out, seed, het, kappa, sets):
    if not os.path.exists(os.path.join(out, "metrics.csv")):
        cmd = [binary, "run", os.path.join(ROOT, "experiments/baseline.toml"), "--out", out,
               "--quiet", "--threads", "1", "--seed", str(seed), "--set", "world.years=20",
               "--set", "tournament.alpha1=1.0", "--set", "world.heterogeneity=%s" % het,
               "--set", "market.kappa=%s" % kappa]
        for kv in sets:
            cmd += ["--set", kv]
        subprocess.run(cmd, check=True)
    with open(os.path.join(out, "metrics.csv")) as f:
        rows = list(csv.DictReader(f))
    return {p: sum(float(r[p]) for r in rows) / len(rows) for p in PARTS}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default="out/q1_parts")
    ap.add_argument("--seeds", type=int, default=10)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--binary", default=default_binary())
    ap.add_argument("--set", action="append", default=[], metavar="KEY=VALUE")
    a = ap.parse_args()
    cells = [(het, kappa, seed) for het in ("0.1", "1.0") for kappa in ("1", "0")
             for seed in range(20240501, 20240501 + a.seeds)]
    with ThreadPoolExecutor(a.jobs) as pool:
        res = dict(zip(cells, pool.map(
            lambda c: run(a.binary, os.path.join(a.out, "s%s_k%s_%d" % c), c[2], c[0], c[1],
                          a.set), cells)))
    print("| component (sign in welfare) | sigma_theta | mean at kappa 1 | kappa 0 - kappa 1 [95% CI] |")
    print("|---|---|---|---|")
    for het in ("0.1", "1.0"):
        seeds = range(20240501, 20240501 + a.seeds)
        for p in PARTS:
            lev = sum(res[(het, "1", s)][p] for s in seeds) / a.seeds
            d = mean_ci([res[(het, "0", s)][p] - res[(het, "1", s)][p] for s in seeds])
            sign = {-1: "−", 1: "+"}[SIGNS.get(p, 1)] if p not in ("output", "capacity") else ""
            print("| %s (%s) | %s | %s | %s [%s, %s] |" % (p, sign, het, fmt(lev), fmt(d[0]),
                                                           fmt(d[1]), fmt(d[2])))


if __name__ == "__main__":
    main()
