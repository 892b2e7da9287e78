#!/usr/bin/python3
"""Q7 follow-up: where do mobile entrants go relative to cities' subsidy rates?

Runs `regsim run` (baseline, world.years = 20, market.kappa = 0.1) under the universal regime
and under regime none for seeds 20240501.. (the sweeps' seeds) and reads cities.csv (one row per
city and year: subsidy_rate, entries, mobile_entries, gdp). Years 1..19 are used (in year 0
every city has the same initial rate). Per seed:

 Universal run, top quintile = the 20% of cities with the highest subsidy_rate in that year
 (the rate set in the year's planning round, before that year's entry decisions):
   mob_top    share of the year's mobile entrants that chose a top-quintile city (summed over years)
   local_top  the same for local entrants (entries - mobile_entries)
   gdp_top    the top quintile's share of GDP (summed over years)
   mob_ratio  mob_top / gdp_top (1 = mobile entrants go where GDP is, as local entry roughly does)
   corr_mob   correlation over cities of the mean subsidy rate (years 1..19) and mobile entrants
              per unit of GDP over the run; corr_local the same for local entrants;
   corr_growth correlation over cities of the mean subsidy rate and the mean gdp_growth

 Against regime none (same seed, same world): a fixed set H = the top quintile of cities by
 mean subsidy rate in the universal run, the rest L.
   d_mob_nat  national mobile entrants, universal - none (net creation of footloose entry)
   d_mob_H, d_mob_L  mobile entrants to H and to L, universal - none (relocation shows as
              d_mob_L < 0)
   mobH_none  H's share of mobile entrants under none (where they went without subsidies)
   d_ent_nat  all entrants, universal - none; d_gdp_nat, d_gdp_H, d_gdp_L: GDP summed over
              years 1..19, universal - none, in percent of the none value

Prints means over seeds with 95% t intervals.

Usage:
  /usr/bin/python3 scripts/findings/mobile_destinations.py --out out/q7_dest --seeds 10 \
      [--binary regsim] [--kappa 0.1] [--jobs 2]
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


def run(binary, out, seed, regime, kappa):
    if not os.path.exists(os.path.join(out, "cities.csv")):
        subprocess.run([binary, "run", "--out", out, "--seed", str(seed), "--quiet", "--threads",
                        "1", "--set", "world.years=20", "--set", "market.kappa=%g" % kappa,
                        "--set", "policy.subsidy_regime=" + regime], check=True)


def read(out):
    by = defaultdict(dict)  # year -> city -> row
    with open(os.path.join(out, "cities.csv")) as f:
        for r in csv.DictReader(f):
            by[int(r["year"])][int(r["city"])] = dict(
                s=float(r["subsidy_rate"]), e=float(r["entries"]), m=float(r["mobile_entries"]),
                gdp=float(r["gdp"]), g=float(r["gdp_growth"]))
    return by


def corr(xs, ys):
    n = len(xs)
    mx, my = sum(xs) / n, sum(ys) / n
    sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys))
    sxx = sum((x - mx) ** 2 for x in xs)
    syy = sum((y - my) ** 2 for y in ys)
    return sxy / (sxx * syy) ** 0.5 if sxx > 0 and syy > 0 else float("nan")


def per_seed(u, n):
    years = [y for y in sorted(u) if y >= 1]
    cities = sorted(u[years[0]])
    q = len(cities) // 5
    mob_top = mob_all = loc_top = loc_all = gdp_top = gdp_all = 0.0
    for y in years:
        top = set(sorted(cities, key=lambda c: -u[y][c]["s"])[:q])
        for c in cities:
            r = u[y][c]
            mob_all += r["m"]
            loc_all += r["e"] - r["m"]
            gdp_all += r["gdp"]
            if c in top:
                mob_top += r["m"]
                loc_top += r["e"] - r["m"]
                gdp_top += r["gdp"]
    mean_s = {c: sum(u[y][c]["s"] for y in years) / len(years) for c in cities}
    tot = lambda d, c, k: sum(d[y][c][k] for y in years)
    mob_per_gdp = [tot(u, c, "m") / tot(u, c, "gdp") for c in cities]
    loc_per_gdp = [(tot(u, c, "e") - tot(u, c, "m")) / tot(u, c, "gdp") for c in cities]
    H = set(sorted(cities, key=lambda c: -mean_s[c])[:q])
    L = [c for c in cities if c not in H]
    sm = lambda d, cs, k: sum(tot(d, c, k) for c in cs)
    res = dict(
        mob_top=mob_top / mob_all, local_top=loc_top / loc_all, gdp_top=gdp_top / gdp_all,
        mob_ratio=(mob_top / mob_all) / (gdp_top / gdp_all),
        corr_mob=corr([mean_s[c] for c in cities], mob_per_gdp),
        corr_local=corr([mean_s[c] for c in cities], loc_per_gdp),
        corr_growth=corr([mean_s[c] for c in cities],
                         [sum(u[y][c]["g"] for y in years) / len(years) for c in cities]),
        mob_nat_univ=sm(u, cities, "m"), mob_nat_none=sm(n, cities, "m"),
        d_mob_nat=sm(u, cities, "m") - sm(n, cities, "m"),
        d_mob_H=sm(u, H, "m") - sm(n, H, "m"), d_mob_L=sm(u, L, "m") - sm(n, L, "m"),
        mobH_univ=sm(u, H, "m") / sm(u, cities, "m"), mobH_none=sm(n, H, "m") / sm(n, cities, "m"),
        gdpH_none=sm(n, H, "gdp") / sm(n, cities, "gdp"),
        d_ent_nat=sm(u, cities, "e") - sm(n, cities, "e"),
        d_local_nat=(sm(u, cities, "e") - sm(u, cities, "m")) - (sm(n, cities, "e") - sm(n, cities, "m")),
        d_gdp_nat_pct=100 * (sm(u, cities, "gdp") / sm(n, cities, "gdp") - 1),
        d_gdp_H_pct=100 * (sm(u, H, "gdp") / sm(n, H, "gdp") - 1),
        d_gdp_L_pct=100 * (sm(u, L, "gdp") / sm(n, L, "gdp") - 1),
    )
    return res


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default="out/q7_dest")
    ap.add_argument("--seeds", type=int, default=10)
    ap.add_argument("--first-seed", type=int, default=20240501)
    ap.add_argument("--kappa", type=float, default=0.1)
    ap.add_argument("--binary", default=default_binary())
    ap.add_argument("--jobs", type=int, default=2)
    a = ap.parse_args()
    seeds = [a.first_seed + i for i in range(a.seeds)]
    jobs = [(os.path.join(a.out, "%s_s%d" % (reg, s)), s, reg) for s in seeds
            for reg in ("universal", "none")]
    with ThreadPoolExecutor(a.jobs) as ex:
        list(ex.map(lambda j: run(a.binary, j[0], j[1], j[2], a.kappa), jobs))
    res = [per_seed(read(os.path.join(a.out, "universal_s%d" % s)),
                    read(os.path.join(a.out, "none_s%d" % s))) for s in seeds]
    print("Q7 mobile destinations: kappa = %g, 20 years, %d seeds (%d..%d), years 1..19" %
          (a.kappa, len(seeds), seeds[0], seeds[-1]))
    print("| quantity | mean over seeds [95% CI] |")
    print("|---|---|")
    for k in res[0]:
        m = mean_ci([r[k] for r in res])
        print("| %s | %.4g [%.4g, %.4g] |" % ((k,) + m))
    d = mean_ci([r["mob_top"] - r["gdp_top"] for r in res])
    print("| mob_top - gdp_top | %.4g [%.4g, %.4g] |" % d)
    d = mean_ci([r["mob_top"] - r["local_top"] for r in res])
    print("| mob_top - local_top | %.4g [%.4g, %.4g] |" % d)
    d = mean_ci([r["mobH_univ"] - r["mobH_none"] for r in res])
    print("| mobH_univ - mobH_none | %.4g [%.4g, %.4g] |" % d)


if __name__ == "__main__":
    main()
