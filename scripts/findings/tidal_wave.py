#!/usr/bin/python3
"""Q2 tidal wave: the low-altitude endorsement at year 5 (experiments/scenarios/
q2_tidal_wave_year5.toml) against the baseline's year 8, over several seeds.

Runs `regsim run` for every seed and both configs (the baseline with world.years = 20, so both
have the same horizon), reads tracks.csv and prints, per announcement year, means over seeds with
95% t intervals (and paired differences year 5 - year 8) of:
  listing share of low_altitude by year; its CU before the announcement (mean of the 4 quarters
  before) and trough after it; quarters from announcement to trough; quarters with CU < 0.7 after
  the announcement; price trough / price in the quarter before the announcement; firms losing
  money at the CU trough (loss_share x firms); entrants on the track in years 5-10 and 11-14
  (the same windows for both announcement years); and, for the documents' PV/battery numbers, the
  minimum national CU of pv and battery over the run.
Draws docs/images/findings/q2_tidal_wave.png.

Options: --set key=value (repeatable) is passed to every run of both configs, e.g. the mechanism
switch --set firms.iota=1 (firms see the whole pipeline); --compare DIR also prints the paired
differences (this run set minus DIR's, same seed and announcement year) against an earlier --out
DIR made with the same --seeds. The binary is --binary, else $REGSIM, else `regsim` on PATH, else
build/release/apps/regsim.

Usage:
  /usr/bin/python3 scripts/findings/tidal_wave.py --out out/q2_seeds --seeds 10
  /usr/bin/python3 scripts/findings/tidal_wave.py --out out/q2_iota1 --seeds 10 --set firms.iota=1 \
      --compare out/q2_seeds --png out/q2_iota1/q2_iota1.png
"""
import argparse
import csv
import os
import sys
import subprocess

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from paired import mean_ci  # noqa: E402
from regsim_binary import ROOT, default_binary  # noqa: E402

# The two runs of a seed: announcement year -> (config below ROOT, settings); the baseline runs
# 20 years so that both have the same horizon. docs/examples/tidal_wave.py runs the same in process.
CONFIGS = {8: ("experiments/baseline.toml", {"world.years": 20}),
           5: ("experiments/scenarios/q2_tidal_wave_year5.toml", {})}
KEYS = ["peak_share", "cu_before", "cu_trough", "qtrs_to_trough", "qtrs_below_70", "price_drop",
        "losing_firms", "loss_share_trough", "firms_trough", "entrants_y5_10", "entrants_y11_14",
        "pv_min_cu", "battery_min_cu"]


def run(binary, config, out, seed, extra):
    if not os.path.exists(os.path.join(out, "tracks.csv")):
        cmd = [binary, "run", config, "--out", out, "--seed", str(seed), "--quiet", "--threads",
               "2"] + extra
        subprocess.run(cmd, check=True)
    with open(os.path.join(out, "tracks.csv")) as f:
        rows = list(csv.DictReader(f))
    with open(os.path.join(out, "cities.csv")) as f:
        ncities = len({r["city"] for r in csv.DictReader(f)})
    return rows, ncities


def stats(rows, ncities, year):
    """The per-run figures of one run's tracks.csv rows (dicts of text or numbers, in file order)
    for an announcement at `year`."""
    la = [r for r in rows if r["track"] == "low_altitude"]
    t0 = 4 * year
    cu = [float(r["cu"]) for r in la]
    price = [float(r["price"]) for r in la]
    post = range(t0, len(la))
    trough = min(post, key=lambda t: cu[t])
    ptrough = min(post, key=lambda t: price[t])
    share_by_year = [float(la[4 * y + 3]["cities_listing"]) / ncities for y in range(len(la) // 4)]
    return dict(
        share_by_year=share_by_year,
        peak_share=max(share_by_year),
        cu_before=sum(cu[t0 - 4:t0]) / 4,
        cu_trough=cu[trough],
        qtrs_to_trough=trough - t0,
        qtrs_below_70=sum(1 for t in post if cu[t] < 0.7),
        price_drop=price[ptrough] / price[t0 - 1] - 1,
        losing_firms=float(la[trough]["loss_share"]) * float(la[trough]["firms"]),
        loss_share_trough=float(la[trough]["loss_share"]),
        firms_trough=float(la[trough]["firms"]),
        entrants_y5_10=sum(float(r.get("entries", 0)) for r in la[20:44]),
        entrants_y11_14=sum(float(r.get("entries", 0)) for r in la[44:60]),
        pv_min_cu=min(float(r["cu"]) for r in rows if r["track"] == "pv"),
        battery_min_cu=min(float(r["cu"]) for r in rows if r["track"] == "battery"),
        cu=cu, price=price)


def draw(res, png, title):
    """The Q2 figure: listing share, CU and price of low_altitude, one line per seed of each
    announcement year; res is {year: [stats(...) of each seed]}."""
    import matplotlib.pyplot as plt
    fig, ax = plt.subplots(1, 3, figsize=(14, 3.8))
    for y, col in ((5, "C3"), (8, "C0")):
        for i, s in enumerate(res[y]):
            lab = "announce year %d" % y if i == 0 else None
            ax[0].plot(range(len(s["share_by_year"])), s["share_by_year"], color=col, alpha=0.35,
                       label=lab)
            ax[1].plot([t / 4 for t in range(len(s["cu"]))], s["cu"], color=col, alpha=0.35, label=lab)
            ax[2].plot([t / 4 for t in range(len(s["price"]))], s["price"], color=col, alpha=0.35,
                       label=lab)
        for k in range(3):
            ax[k].axvline(y, color=col, ls="--", lw=0.8)
    ax[0].set_title("share of cities listing low_altitude (end of year)", fontsize=9)
    ax[1].set_title("low_altitude capacity utilisation", fontsize=9)
    ax[1].axhline(0.7, color="grey", lw=0.6)
    ax[2].set_title("low_altitude price", fontsize=9)
    for k in range(3):
        ax[k].set_xlabel("year")
        ax[k].legend(fontsize=7)
    fig.suptitle(title, fontsize=9)
    fig.tight_layout()
    os.makedirs(os.path.dirname(os.path.abspath(png)), exist_ok=True)
    fig.savefig(png, dpi=110)
    print("wrote", png)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default="out/q2_seeds")
    ap.add_argument("--seeds", type=int, default=10)
    ap.add_argument("--binary", default=default_binary())
    ap.add_argument("--png", default=os.path.join(ROOT, "docs/images/findings/q2_tidal_wave.png"))
    ap.add_argument("--set", action="append", default=[], metavar="KEY=VALUE",
                    help="passed to every run (both configs)")
    ap.add_argument("--compare", help="an earlier --out DIR with the same seeds: print paired diffs")
    a = ap.parse_args()
    sets = [x for kv in a.set for x in ("--set", kv)]
    configs = {year: (os.path.join(ROOT, path), [x for k, v in settings.items()
                                                  for x in ("--set", "%s=%s" % (k, v))])
               for year, (path, settings) in CONFIGS.items()}
    res = {5: [], 8: []}
    for seed in range(1, a.seeds + 1):
        for year, (cfg, extra) in configs.items():
            rows, n = run(a.binary, cfg, os.path.join(a.out, "y%d_s%d" % (year, seed)), seed,
                          extra + sets)
            res[year].append(stats(rows, n, year))
    keys = KEYS
    if a.compare:
        ref = {5: [], 8: []}
        for seed in range(1, a.seeds + 1):
            for year, (cfg, extra) in configs.items():
                d = os.path.join(a.compare, "y%d_s%d" % (year, seed))
                if not os.path.exists(os.path.join(d, "tracks.csv")):
                    raise SystemExit("--compare: %s has no tracks.csv" % d)
                rows, n = run(a.binary, cfg, d, seed, extra)
                ref[year].append(stats(rows, n, year))
        print("| metric | this - %s, announce 5 | this - %s, announce 8 |" % (a.compare, a.compare))
        print("|---|---|---|")
        for k in keys:
            ds = [mean_ci([x[k] - y[k] for x, y in zip(res[yr], ref[yr])]) for yr in (5, 8)]
            print("| %s | %.3g [%.3g, %.3g] | %.3g [%.3g, %.3g] |" % ((k,) + ds[0] + ds[1]))
        for yr in (5, 8):
            sh = [mean_ci([s["share_by_year"][i] - r["share_by_year"][i]
                           for s, r in zip(res[yr], ref[yr])])[0] for i in range(20)]
            print("listing share by year, this - compare, announce %d: %s" %
                  (yr, " ".join("%+.2f" % v for v in sh)))
        print()
    print("| metric | announce year 5 | announce year 8 (baseline) | paired diff 5 - 8 |")
    print("|---|---|---|---|")
    for k in keys:
        c = [mean_ci([s[k] for s in res[y]]) for y in (5, 8)]
        d = mean_ci([x[k] - y[k] for x, y in zip(res[5], res[8])])
        print("| %s | %.3g [%.3g, %.3g] | %.3g [%.3g, %.3g] | %.3g [%.3g, %.3g] |" %
              ((k,) + c[0] + c[1] + d))
    for y in (5, 8):
        sh = [mean_ci([s["share_by_year"][i] for s in res[y]])[0] for i in range(20)]
        print("listing share by year, announce %d: %s" % (y, " ".join("%.2f" % v for v in sh)))

    import matplotlib
    matplotlib.use("Agg")
    draw(res, a.png, "Q2 tidal wave: one line per seed (%d seeds), dashed = announcement%s" %
         (a.seeds, (" (" + ", ".join(a.set) + ")") if a.set else ""))


if __name__ == "__main__":
    main()
