#!/usr/bin/env python3
"""Measures regsim's calibration moments (domain-models.md section 4) over many seeds.

Usage: scripts/calibration.py [--regsim build/release/apps/regsim] [--seeds 20] [--out DIR]
Prints a markdown table (target, simulated mean with 95% interval, pass/fail) used in
docs/calibration.md. Every figure comes from runs of the same model; nothing is special-cased.
"""
import argparse, csv, math, os, statistics, subprocess, sys, tempfile

def run(regsim, out, seed, sets):
    cmd = [regsim, "run", "--quiet", "--seed", str(seed), "--out", out]
    for s in sets:
        cmd += ["--set", s]
    subprocess.run(cmd, check=True)
    m = list(csv.DictReader(open(os.path.join(out, "metrics.csv"))))
    t = list(csv.DictReader(open(os.path.join(out, "tracks.csv"))))
    c = list(csv.DictReader(open(os.path.join(out, "cities.csv"))))
    return m, t, c

def yearly(rows, col):
    vals = [float(r[col]) for r in rows]
    return [sum(vals[i:i + 4]) / 4 for i in range(0, len(vals) - 3, 4)]

def track_rows(t, name):
    return [r for r in t if r["track"] == name]

def moments_baseline(m, t, c, signal_year=8, hot="low_altitude"):
    out = {}
    cu = yearly(m, "cu")
    out["national CU, mean over years 5-30"] = sum(cu[5:]) / len(cu[5:])
    rows = track_rows(t, hot)
    hcu = yearly(rows, "cu")
    window = hcu[signal_year:signal_year + 8]
    out[f"{hot} CU trough within 8 years of its signal"] = min(window)
    out[f"{hot} years with CU < 0.6 after its signal"] = sum(1 for x in window if x < 0.6)
    listing = [int(r["cities_listing"]) for r in rows[::4]]
    n = len({r["city"] for r in c})
    out[f"share of cities listing {hot} 4 years after its signal"] = listing[signal_year + 4] / n
    lp = yearly(rows, "loss_share")
    out[f"{hot} loss-making share of firms at its worst year after the signal"] = max(lp[signal_year:])
    drops = []
    for name in ("pv", "battery", "low_altitude"):
        p = yearly(track_rows(t, name), "price")
        drops.append(max(1 - min(p[y:y + 4]) / p[y] for y in range(len(p) - 3)))
    out["largest 3-year price fall in PV, batteries or low-altitude"] = max(drops)
    out["zombie share of firms, mean over years 5-30"] = sum(yearly(m, "zombie_share")[5:]) / 25
    out["subsidies / GDP, mean"] = sum(yearly(m, "subsidy_gdp")) / len(cu)
    out["Jaccard overlap of priority lists, mean over years 10-30"] = sum(yearly(m, "jaccard")[10:]) / 20
    out["structural similarity, final year"] = yearly(m, "similarity")[-1]
    later = [r for r in c if int(r["year"]) >= 5]
    turnover = sum(1 for r in later if int(r["official_tenure"]) == 0) / len(later)
    out["official turnover per year (years 5-30)"] = turnover
    out["implied mean completed tenure (years) = 1 / turnover"] = 1 / turnover
    promoted = [int(r["promoted"]) for r in c]
    years = len(cu)
    out["promotions per city-year"] = sum(promoted) / (n * years)
    out["CU P90/P10 within tracks, mean"] = sum(yearly(m, "cu_p90_p10")[5:]) / 25
    return out

def moments_similarity(m):
    return yearly(m, "similarity")[-1]

def mean_ci(xs):
    mu = statistics.fmean(xs)
    if len(xs) < 2:
        return mu, float("nan")
    half = 1.96 * statistics.stdev(xs) / math.sqrt(len(xs))
    return mu, half

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--regsim", default="build/release/apps/regsim")
    ap.add_argument("--seeds", type=int, default=20)
    ap.add_argument("--set", action="append", default=[], help="extra key=value for every run")
    args = ap.parse_args()
    tmp = tempfile.mkdtemp(prefix="regsim_cal_")
    base, sim_frag, sim_unified, trade0, trade1 = {}, [], [], [], []
    for seed in range(1, args.seeds + 1):
        m, t, c = run(args.regsim, tmp, seed, args.set)
        for k, v in moments_baseline(m, t, c).items():
            base.setdefault(k, []).append(v)
        m, _, _ = run(args.regsim, tmp, seed, args.set + ["market.kappa=1", "tournament.alpha1=1.0"])
        sim_frag.append(moments_similarity(m))
        trade1.append(sum(yearly(m, "interprovincial_trade")) / 30)
        m, _, _ = run(args.regsim, tmp, seed, args.set + ["market.kappa=0", "policy.smart_specialisation=true"])
        sim_unified.append(moments_similarity(m))
        trade0.append(sum(yearly(m, "interprovincial_trade")) / 30)
    rows = [(k, *mean_ci(v)) for k, v in base.items()]
    rows.append(("similarity, final year, kappa 1 and alpha1 1.0", *mean_ci(sim_frag)))
    rows.append(("similarity, final year, kappa 0 with the S3 rule", *mean_ci(sim_unified)))
    rows.append(("inter-provincial trade share of output, kappa 1 / kappa 0 (S3)",
                 *mean_ci([a / b for a, b in zip(trade1, trade0) if b > 0])))
    print(f"| moment | mean | 95% interval (±) |  ({args.seeds} seeds)")
    print("|---|---|---|")
    for k, mu, half in rows:
        print(f"| {k} | {mu:.3f} | {half:.3f} |")

if __name__ == "__main__":
    main()
