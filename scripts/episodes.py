#!/usr/bin/env python3
"""Runs regsim's dated episodes (experiments/episodes/*.toml) and prints their simulated figures.

Usage: scripts/episodes.py [--regsim build/release/apps/regsim] [--seeds 10] [--jobs 2]
                           [--set KEY=VALUE ...] [--only NAME [--file PATH]]
For each episode and seed 1..N (world.seed = seed) it runs the episode file on one thread and
prints, per calendar year, the mean over seeds of each watched track's cities listing it,
capacity, demand, capacity utilisation, price (relative to the episode's first year), price /
cash cost, loss-making and zombie shares of its firms, entrants, and (with the rest of the world
on) the shares of output exported and of home demand imported; then the episode's summary moments
(price fall over the episode's window against the year before it, the largest fall from any year
from the one before the window to a later one in it, troughs). docs/episodes.md puts these beside the
documented facts. Nothing is fitted: the files only date the documented events.
"""
import argparse, concurrent.futures, csv, os, shutil, statistics, subprocess, sys, tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
EPISODES = os.path.join(HERE, "..", "experiments", "episodes")

# name: (file, calendar year of model year 0, watched tracks, (first, last) calendar years of
# the price-fall window, the years to print)
SPECS = {
    "pv_2011_13": ("pv_2011_13.toml", 2005, ("pv",), (2011, 2013), range(2007, 2017)),
    "pv_battery_2022_24": ("pv_battery_2022_24.toml", 2014, ("pv", "battery"), (2022, 2024),
                           range(2018, 2026)),
    "low_altitude_2024_25": ("low_altitude_2024_25.toml", 2016, ("low_altitude",), (2024, 2026),
                             range(2022, 2028)),
}
COLUMNS = ("cities_listing", "capacity", "demand", "cu", "price", "price_cash", "loss_share",
           "zombie_share", "entries", "export_share", "import_share")


def run_one(regsim, path, seed, sets):
    tmp = tempfile.mkdtemp(prefix=f"regsim_episode_{seed}_")
    try:
        cmd = [regsim, "run", path, "--quiet", "--threads", "1", "--seed", str(seed), "--out", tmp]
        for s in sets:
            cmd += ["--set", s]
        subprocess.run(cmd, check=True)
        rows = list(csv.DictReader(open(os.path.join(tmp, "tracks.csv"))))
        cities = list(csv.DictReader(open(os.path.join(tmp, "cities.csv"))))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return rows, cities


def ratio(a, b):
    return a / b if b > 0 else 0.0


def annual(rows, track):
    """Per model year: annual means of the track's quarterly values (entries summed)."""
    t = [r for r in rows if r["track"] == track]
    out = []
    for y in range(len(t) // 4):
        q = t[4 * y:4 * y + 4]
        mean = lambda c: sum(float(r[c]) for r in q) / 4
        out.append({
            "cities_listing": max(int(r["cities_listing"]) for r in q),
            "capacity": mean("capacity"), "demand": mean("demand"), "cu": mean("cu"),
            "price": mean("price"), "price_cash": mean("price") / mean("cash_cost"),
            "loss_share": mean("loss_share"), "zombie_share": mean("zombie_share"),
            "entries": sum(int(r["entries"]) for r in q),
            "export_share": ratio(sum(float(r["exports"]) for r in q),
                                  sum(float(r["output"]) for r in q)),
            "import_share": ratio(sum(float(r["imports"]) for r in q),
                                  sum(float(r["demand"]) for r in q))})
    return out


def provinces_listing(cities, track, year):
    """Provinces with at least one city listing the track at the end of model year `year`."""
    return len({r["province"] for r in cities
                if int(r["year"]) == year and track in r["priority_tracks"].split(";")})


def summarise(name, runs, seeds):
    file, base, tracks, (first, last), years = SPECS[name]
    print(f"\n### {name} ({file}; model year 0 = {base}; {seeds} seeds, means)\n")
    for k in tracks:
        per_seed = [annual(rows, k) for rows, _ in runs]
        print(f"**{k}**\n")
        print("| year | " + " | ".join(COLUMNS).replace("price_cash", "price/cash cost") +
              " | price vs " + str(years[0]) + " |")
        print("|---" * (len(COLUMNS) + 2) + "|")
        for cal in years:
            y = cal - base
            if y >= len(per_seed[0]):
                break
            vals = [statistics.fmean(s[y][c] for s in per_seed) for c in COLUMNS]
            rel = statistics.fmean(s[y]["price"] / s[years[0] - base]["price"] for s in per_seed)
            print(f"| {cal} | " + " | ".join(
                f"{v:.0f}" if c in ("cities_listing", "capacity", "demand", "entries") else f"{v:.2f}"
                for c, v in zip(COLUMNS, vals)) + f" | {rel:.2f} |")
        a, b = first - base, min(last - base, len(per_seed[0]) - 1)
        falls = [1 - min(s[y]["price"] for y in range(a, b + 1)) / s[a - 1]["price"]
                 for s in per_seed]
        troughs = [min(s[y]["cu"] for y in range(a, b + 1)) for s in per_seed]
        pc = [min(s[y]["price_cash"] for y in range(a, b + 1)) for s in per_seed]
        loss = [max(s[y]["loss_share"] for y in range(a, b + 1)) for s in per_seed]
        peak = [max(1 - s[z]["price"] / s[y]["price"] for y in range(a - 1, b + 1)
                    for z in range(y + 1, b + 1)) for s in per_seed]
        sd = lambda xs: statistics.stdev(xs) if len(xs) > 1 else 0.0
        print(f"\n{k}, {first}-{last} against {first - 1}: price fall {statistics.fmean(falls):.2f} "
              f"(sd {sd(falls):.2f}); largest fall from a year in {first - 1}-{last} to a later one "
              f"{statistics.fmean(peak):.2f} (sd {sd(peak):.2f}); "
              f"lowest annual CU {statistics.fmean(troughs):.2f} "
              f"(sd {sd(troughs):.2f}); lowest price/cash cost {statistics.fmean(pc):.2f}; "
              f"highest loss-making share {statistics.fmean(loss):.2f}")
        if k == "low_altitude":
            for cal in (first, first + 1):
                n = statistics.fmean(provinces_listing(c, k, cal - base) for _, c in runs)
                print(f"provinces with a city listing {k} at the end of {cal}: {n:.1f}")
        print()


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--regsim", default="build/release/apps/regsim")
    ap.add_argument("--seeds", type=int, default=10)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--set", action="append", default=[], help="extra key=value for every run")
    ap.add_argument("--only", choices=sorted(SPECS), help="one episode")
    ap.add_argument("--file", help="with --only: run this file instead of the episode's own "
                    "(an earlier version, for comparisons)")
    args = ap.parse_args()
    if args.file and not args.only:
        ap.error("--file needs --only")
    names = [args.only] if args.only else sorted(SPECS)
    for name in names:
        path = args.file or os.path.join(EPISODES, SPECS[name][0])
        with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
            runs = list(pool.map(lambda s: run_one(args.regsim, path, s, args.set),
                                 range(1, args.seeds + 1)))
        summarise(name, runs, args.seeds)
    return 0


if __name__ == "__main__":
    sys.exit(main())
