#!/usr/bin/python3
"""Q8 within-run comparison: cities that close their clusters vs cities that stay open.

Runs `regsim run` (baseline, 30 years) with policy.closed_cluster_share = SHARE and with the
share 0 for seeds 20240501.. and reads cities.csv. In the closed run a city is "closing" if it
had closed_cells > 0 in any year (the closing set is a fixed draw per city; a drawn city with no
cell of >= 3 firms closes nothing and counts as open). Per seed and group (closing C, open O):
  gdp_growth  annual growth of the group's total GDP, first to last year (%)
  entries     entrants per city per year (local and mobile); mobile: mobile entrants
  closed      mean closed cells per city (closed run)
and the differences C - O within the closed run, the same groups in the share-0 run (same seed,
same world, nobody closes) and the difference-in-differences (closed run minus open run), which
removes the groups' built-in differences (size, endowments). Means over seeds with 95% t intervals.

Usage:
  /usr/bin/python3 scripts/findings/closed_cities.py --out out/q8_cities --seeds 10 \
      [--share 0.5] [--binary regsim] [--jobs 2] [--set key=value ...]
"""
import argparse
import csv
import os
import subprocess
import sys
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from regsim_binary import default_binary  # noqa: E402
from paired import mean_ci  # noqa: E402


def run(binary, out, seed, share, sets):
    if not os.path.exists(os.path.join(out, "cities.csv")):
        cmd = [binary, "run", "--out", out, "--seed", str(seed), "--quiet", "--threads", "1",
               "--set", "policy.closed_cluster_share=%g" % share]
        for kv in sets:
            cmd += ["--set", kv]
        subprocess.run(cmd, check=True)


def read(out):
    by = defaultdict(dict)
    with open(os.path.join(out, "cities.csv")) as f:
        for r in csv.DictReader(f):
            by[int(r["city"])][int(r["year"])] = dict(
                gdp=float(r["gdp"]), e=float(r["entries"]), m=float(r["mobile_entries"]),
                closed=float(r["closed_cells"]))
    return by


def group_stats(d, cities):
    years = sorted(d[cities[0]])
    y0, y1 = years[0], years[-1]
    g0 = sum(d[c][y0]["gdp"] for c in cities)
    g1 = sum(d[c][y1]["gdp"] for c in cities)
    n = len(cities) * len(years)
    return dict(
        gdp_growth=100 * ((g1 / g0) ** (1.0 / (y1 - y0)) - 1),
        entries=sum(d[c][y]["e"] for c in cities for y in years) / n,
        mobile=sum(d[c][y]["m"] for c in cities for y in years) / n,
        closed=sum(d[c][y]["closed"] for c in cities for y in years) / n)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default="out/q8_cities")
    ap.add_argument("--seeds", type=int, default=10)
    ap.add_argument("--first-seed", type=int, default=20240501)
    ap.add_argument("--share", type=float, default=0.5)
    ap.add_argument("--binary", default=default_binary())
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--set", action="append", default=[], metavar="KEY=VALUE")
    a = ap.parse_args()
    seeds = [a.first_seed + i for i in range(a.seeds)]
    jobs = [(os.path.join(a.out, "share%g_s%d" % (sh, s)), s, sh) for s in seeds
            for sh in (a.share, 0.0)]
    with ThreadPoolExecutor(a.jobs) as ex:
        list(ex.map(lambda j: run(a.binary, j[0], j[1], j[2], a.set), jobs))
    keys = ["gdp_growth", "entries", "mobile", "closed"]
    acc = defaultdict(list)
    for s in seeds:
        dc = read(os.path.join(a.out, "share%g_s%d" % (a.share, s)))
        do = read(os.path.join(a.out, "share0_s%d" % s))
        cities = sorted(dc)
        C = [c for c in cities if any(v["closed"] > 0 for v in dc[c].values())]
        O = [c for c in cities if c not in C]
        acc["n_closing"].append(len(C))
        acc["gdp_share_closing"].append(sum(sum(v["gdp"] for v in do[c].values()) for c in C) /
                                        sum(sum(v["gdp"] for v in do[c].values()) for c in cities))
        sc, so = group_stats(dc, C), group_stats(dc, O)
        oc, oo = group_stats(do, C), group_stats(do, O)
        for k in keys:
            acc[k + " closing, closed run"].append(sc[k])
            acc[k + " open, closed run"].append(so[k])
            acc[k + " C-O, closed run"].append(sc[k] - so[k])
            acc[k + " C-O, share-0 run"].append(oc[k] - oo[k])
            acc[k + " DiD (C-O closed - C-O share 0)"].append((sc[k] - so[k]) - (oc[k] - oo[k]))
            acc[k + " closing: closed - share 0"].append(sc[k] - oc[k])
            acc[k + " open: closed - share 0"].append(so[k] - oo[k])
    print("Q8 closing vs open cities: share %g, %d seeds (%d..%d)%s" %
          (a.share, len(seeds), seeds[0], seeds[-1], (" " + " ".join(a.set)) if a.set else ""))
    print("| quantity | mean over seeds [95% CI] |")
    print("|---|---|")
    for k, v in acc.items():
        print("| %s | %.4g [%.4g, %.4g] |" % ((k,) + mean_ci(v)))


if __name__ == "__main__":
    main()
