#!/usr/bin/python3
"""Measures what the issue-12 investment switches do in the default world (docs/model.md 5.9,
6.9, 6.10): paired seeds, one run per (variant, seed), figures averaged over seeds.

    /usr/bin/python3 scripts/measure_investment.py BUILD/apps/regsim [--seeds 5] [--years 20]

Prints one table per question: low_altitude entrants and capacity around the year-8 endorsement,
national CU, PV and battery troughs, inter-provincial trade, and the share of entrants in the ten
largest cities (the top-demand markets), the Gini coefficient of entrants across cities and the
share of entrants in the top quarter of each track's endowments (cells.csv), under kappa 0 and 1.
"""
import argparse
import csv
import os
import statistics
import subprocess
import sys
import tempfile

VARIANTS = {
    "base": [],
    "market_access": ["firms.expectations=market_access"],
    "k0": ["market.kappa=0"],
    "k1": ["market.kappa=1"],
    "k0 market_access": ["market.kappa=0", "firms.expectations=market_access"],
    "k0.5 market_access": ["market.kappa=0.5", "firms.expectations=market_access"],
    "k1 market_access": ["market.kappa=1", "firms.expectations=market_access"],
    # Identical cities, no footloose capital: national expectations leave only the clearing to
    # kappa; market-access expectations add the investment channel.
    "same k0": ["world.heterogeneity=0", "firms.mobile_rate=0", "market.kappa=0"],
    "same k1": ["world.heterogeneity=0", "firms.mobile_rate=0", "market.kappa=1"],
    "same k0 market_access": ["world.heterogeneity=0", "firms.mobile_rate=0", "market.kappa=0",
                              "firms.expectations=market_access"],
    "same k1 market_access": ["world.heterogeneity=0", "firms.mobile_rate=0", "market.kappa=1",
                              "firms.expectations=market_access"],
    "funds": ["government.guidance_funds=true"],
    "funds tau3 cap1": ["government.guidance_funds=true", "government.fund_loss_tolerance=3",
                        "policy.state_aid_cap=1"],
    "funds tau3 cap1 budget.03": ["government.guidance_funds=true",
                                  "government.fund_loss_tolerance=3", "policy.state_aid_cap=1",
                                  "government.fund_budget=0.03"],
    "funds market_access": ["government.guidance_funds=true", "firms.expectations=market_access"],
    "platform": ["policy.coordination_platform=true"],
    "platform premium": ["policy.coordination_platform=true", "policy.platform_screening=true"],
    "platform refuse": ["policy.coordination_platform=true", "policy.platform_screening=true",
                        "policy.platform_credit=refuse"],
    "platform leverage": ["policy.coordination_platform=true", "policy.platform_screening=true",
                          "policy.platform_credit=leverage"],
    "platform disclosure": ["policy.coordination_platform=true", "policy.platform_disclosure=true"],
}


def read(path):
    with open(path, newline="") as f:
        return list(csv.DictReader(f))


def measure(out, years):
    metrics, tracks, cities = (read(os.path.join(out, n))
                               for n in ("metrics.csv", "tracks.csv", "cities.csv"))
    r = {}
    cu = [float(m["cu"]) for m in metrics if 5 * 4 <= int(m["tick"]) < years * 4]
    r["cu"] = statistics.mean(cu)
    trade = [float(m["interprovincial_trade"]) for m in metrics if 5 * 4 <= int(m["tick"])]
    r["trade"] = statistics.mean(trade)
    r["entries"] = sum(int(m["entries"]) for m in metrics)
    annual = {}
    for t in tracks:
        y = int(t["tick"]) // 4
        d = annual.setdefault((t["track"], y), {"entries": 0, "cap": [], "out": 0.0, "c": 0.0})
        d["entries"] += int(t["entries"])
        d["cap"].append(float(t["capacity"]))
        d["out"] += float(t["output"])
        d["c"] += float(t["capacity"])
    for y in range(7, 13):
        r[f"la_entries_y{y}"] = annual[("low_altitude", y)]["entries"]
        r[f"la_cap_y{y}"] = statistics.mean(annual[("low_altitude", y)]["cap"])
    for k in ("pv", "battery"):
        r[f"{k}_min_cu"] = min(annual[(k, y)]["out"] / annual[(k, y)]["c"]
                               for y in range(1, years) if annual[(k, y)]["c"] > 0)
    # Share of entrants (years 1..) in the ten cities with the largest GDP that year.
    top, total = 0, 0
    by_year = {}
    for c in cities:
        by_year.setdefault(int(c["year"]), []).append(c)
    for y, rows in by_year.items():
        if y < 1:
            continue
        rows.sort(key=lambda c: -float(c["gdp"]))
        top += sum(int(c["entries"]) for c in rows[:10])
        total += sum(int(c["entries"]) for c in rows)
    r["top10_entry_share"] = top / total if total else 0.0
    # Where entrants go (years 1..): Gini across cities, share in high-endowment cells.
    cells = read(os.path.join(out, "cells.csv"))
    per_city, endow = {}, {}
    for c in cells:
        endow.setdefault(c["track"], set()).add(float(c["log_endowment"]))
    cut = {t: sorted(v)[3 * len(v) // 4] for t, v in endow.items()}
    high, total = 0, 0
    for c in cells:
        if int(c["year"]) < 1:
            continue
        e = int(c["entries"])
        per_city[c["city"]] = per_city.get(c["city"], 0) + e
        total += e
        if float(c["log_endowment"]) >= cut[c["track"]]:
            high += e
    r["high_endow_entry_share"] = high / total if total else 0.0
    r["entry_gini"] = gini(list(per_city.values()))
    return r


def gini(x):
    x = sorted(x)
    n, s = len(x), sum(x)
    if n == 0 or s == 0:
        return 0.0
    return sum((2 * (i + 1) - n - 1) * v for i, v in enumerate(x)) / (n * s)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("regsim")
    ap.add_argument("--seeds", type=int, default=5)
    ap.add_argument("--years", type=int, default=20)
    ap.add_argument("--only", nargs="*", help="variant names to run (default: all)")
    a = ap.parse_args()
    names = a.only or list(VARIANTS)
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        for name in names:
            runs = []
            for seed in range(1, a.seeds + 1):
                out = os.path.join(tmp, f"{name.replace(' ', '_')}_{seed}")
                cmd = [a.regsim, "run", "--quiet", "--threads", "1", "--out", out, "--seed",
                       str(seed), "--set", f"world.years={a.years}"]
                for s in VARIANTS[name]:
                    cmd += ["--set", s]
                subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
                runs.append(measure(out, a.years))
            results[name] = {k: statistics.mean(r[k] for r in runs) for k in runs[0]}
            print(f"done {name}", file=sys.stderr)
    keys = list(next(iter(results.values())))
    print("variant," + ",".join(keys))
    for name, r in results.items():
        print(name + "," + ",".join(f"{r[k]:.4g}" for k in keys))


if __name__ == "__main__":
    main()
