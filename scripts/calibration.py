#!/usr/bin/env python3
"""Measures regsim's calibration targets (domain-models.md section 4, issue 12 item 9) over seeds.

Usage: scripts/calibration.py [--regsim build/release/apps/regsim] [--seeds 20] [--jobs 2]
                              [--set KEY=VALUE ...] [--json FILE] [--detail SEED] [--world default|china]
For each seed 1..N it runs the default world (experiments/baseline.toml, embedded), two variants
(kappa 1 with alpha1 1.0; kappa 0 with the S3 rule) and the China world (experiments/china.toml),
each on one thread, --jobs runs at a time. It prints a markdown table: every target with its range,
the simulated mean and the half-width of its 95% interval over seeds (1.96 x standard error), the
share of seeds inside the range, and met/missed (met = the mean lies inside the range). Nothing is
special-cased: every figure comes from the same model and config. --detail SEED prints the
year-by-year figures of one default run instead (national CU, PV and battery troughs, price falls,
loss and zombie shares); --world default (or china) runs that world alone and prints its rows only
(a quick look at one switch, or at a variant of the China config given with --china). Definitions of every moment are in docs/calibration.md.
"""
import argparse, concurrent.futures, csv, json, math, os, shutil, statistics, subprocess, sys
import tempfile

SIGNAL_YEAR = 8             # the low-altitude endorsement of baseline.toml and china.toml
HOT = "low_altitude"
MATURE = ("pv", "battery", "ev")   # established tracks with many incumbents at year 0
GLUT_TRACKS = ("pv", "battery")
GLUT_CU = 0.62              # annual track CU below this is a glut (issue 12 item 9)
FIRST_YEAR = 3              # years 0-2 are the start-up (warm start, first investment round)
NORMAL_FROM = 5             # "normal" years start here (as the old national CU moment)
NORMAL_SHARE = 0.10         # a glut in a track with this share of national capacity is not normal

HERE = os.path.dirname(os.path.abspath(__file__))
CHINA = os.path.join(HERE, "..", "experiments", "china.toml")


def run(regsim, out, seed, sets, config=None):
    cmd = [regsim, "run", "--quiet", "--threads", "1", "--seed", str(seed), "--out", out]
    if config:
        cmd.insert(2, config)
    for s in sets:
        cmd += ["--set", s]
    subprocess.run(cmd, check=True)
    read = lambda f: list(csv.DictReader(open(os.path.join(out, f))))
    return read("metrics.csv"), read("tracks.csv"), read("cities.csv")


def yearly(rows, col):
    vals = [float(r[col]) for r in rows]
    return [sum(vals[i:i + 4]) / 4 for i in range(0, len(vals) - 3, 4)]


def track_rows(t, name):
    return [r for r in t if r["track"] == name]


def largest_fall(prices, first=0):
    """Largest fall of the annual price within 3 years: max over y of 1 - min(p[y..y+3]) / p[y]."""
    return max(1 - min(prices[y:y + 4]) / prices[y] for y in range(first, len(prices) - 3))


def longest_spell(values, below):
    """Length of the longest run of consecutive values under `below`."""
    best = run_len = 0
    for v in values:
        run_len = run_len + 1 if v < below else 0
        best = max(best, run_len)
    return best


def national_cu_normal(m, t):
    """Mean annual national CU over normal years: years >= NORMAL_FROM in which no track holding
    NORMAL_SHARE or more of national capacity has an annual CU below GLUT_CU."""
    cu = yearly(m, "cu")
    cap = yearly(m, "capacity")
    tracks = sorted({r["track"] for r in t})
    tcu = {k: yearly(track_rows(t, k), "cu") for k in tracks}
    tcap = {k: yearly(track_rows(t, k), "capacity") for k in tracks}
    normal = [y for y in range(NORMAL_FROM, len(cu))
              if not any(tcu[k][y] < GLUT_CU and tcap[k][y] >= NORMAL_SHARE * cap[y] for k in tracks)]
    return (sum(cu[y] for y in normal) / len(normal) if normal else float("nan")), len(normal)


def glut(t):
    """The PV or battery glut: the track and year of the lowest annual CU (years >= FIRST_YEAR);
    its window runs from the first to one year past the last glut year of that track (or the trough
    year alone when the CU never falls below GLUT_CU). Returns the trough CU, the lowest annual
    price / cash cost in the window and the highest annual loss-making share in it."""
    best = None
    for k in GLUT_TRACKS:
        cu = yearly(track_rows(t, k), "cu")
        y = min(range(FIRST_YEAR, len(cu)), key=lambda i: cu[i])
        if best is None or cu[y] < best[1]:
            best = (k, cu[y], y, cu)
    k, trough, y, cu = best
    rows = track_rows(t, k)
    gl = [i for i in range(FIRST_YEAR, len(cu)) if cu[i] < GLUT_CU] or [y]
    window = range(gl[0], min(len(cu), gl[-1] + 2))
    price, cash, loss = yearly(rows, "price"), yearly(rows, "cash_cost"), yearly(rows, "loss_share")
    return trough, min(price[i] / cash[i] for i in window), max(loss[i] for i in window)


def moments_baseline(m, t, c):
    out = {}
    cu = yearly(m, "cu")
    out["cu_normal"], out["normal_years"] = national_cu_normal(m, t)
    out["cu_all"] = sum(cu[NORMAL_FROM:]) / len(cu[NORMAL_FROM:])
    rows = track_rows(t, HOT)
    hcu = yearly(rows, "cu")
    window = hcu[SIGNAL_YEAR:SIGNAL_YEAR + 8]
    out["hot_trough"] = min(window)
    out["hot_years_below"] = sum(1 for x in window if x < 0.6)
    out["hot_spell"] = longest_spell(window, 0.6)
    out["hot_below_pre"] = sum(1 for x in hcu[FIRST_YEAR:SIGNAL_YEAR] if x < 0.6)
    # Entry counts (model.md 13.9 item 6, firms.entry_scale): the first round, the signal's two
    # years, and the firm population (4,000-9,000 in the default world; model.md 12).
    entries = lambda rs, a, b: sum(int(r["entries"]) for r in rs[4 * a:4 * b])
    out["entries_y0"] = entries(m, 0, 1)
    out["hot_entries_y0"] = entries(rows, 0, 1)
    out["hot_entries_signal"] = entries(rows, SIGNAL_YEAR, SIGNAL_YEAR + 2)
    out["firms_final"] = float(m[-1]["firms"])
    out["firms_max"] = max(float(r["firms"]) for r in m)
    listing = [int(r["cities_listing"]) for r in rows[::4]]
    n = len({r["city"] for r in c})
    out["hot_listing_4y"] = listing[SIGNAL_YEAR + 4] / n
    out["hot_loss"] = max(yearly(rows, "loss_share")[SIGNAL_YEAR:])
    out["fall_any"] = max(largest_fall(yearly(track_rows(t, k), "price"))
                          for k in ("pv", "battery", HOT))
    out["fall_mature"] = max(largest_fall(yearly(track_rows(t, k), "price"), FIRST_YEAR)
                             for k in MATURE)
    out["glut_cu"], out["glut_price_cash"], out["glut_loss"] = glut(t)
    out["zombie"] = sum(yearly(m, "zombie_share")[NORMAL_FROM:]) / len(cu[NORMAL_FROM:])
    out["subsidy_gdp"] = sum(yearly(m, "subsidy_gdp")) / len(cu)
    out["jaccard"] = sum(yearly(m, "jaccard")[10:]) / len(cu[10:])
    later = [r for r in c if int(r["year"]) >= NORMAL_FROM]
    out["turnover"] = sum(1 for r in later if int(r["official_tenure"]) == 0) / len(later)
    out["p90_p10"] = sum(yearly(m, "cu_p90_p10")[NORMAL_FROM:]) / len(cu[NORMAL_FROM:])
    return out


def moments_china(t, c):
    rows = track_rows(t, HOT)
    s = SIGNAL_YEAR
    listing = max(int(r["cities_listing"]) for r in rows[4 * s:4 * (s + 2)])
    before = float(rows[4 * s - 1]["capacity"])            # last quarter before the signal
    after = float(rows[4 * (s + 2) - 1]["capacity"])       # last quarter of the second year
    entries = sum(int(r["entries"]) for r in rows[4 * s:4 * (s + 2)])
    entries_y0 = sum(int(r["entries"]) for r in rows[0:4])
    ratio = lambda a, b: a / b if b > 0 else math.inf
    # Beside the target (capacity in operation): capacity in operation or under construction, and
    # capacity in operation in the first quarter of year s + 2 (plants ordered in year s + 1's
    # round with a lag of 4 quarters produce from then), both over the end of year s - 1.
    committed = lambda r: float(r["capacity"]) + float(r["pipeline"])
    at_two = float(rows[4 * (s + 2)]["capacity"]) if len(rows) > 4 * (s + 2) else math.nan
    return {"china_listing": listing, "china_capacity": ratio(after, before),
            "china_entries": entries, "china_entries_y0": entries_y0,
            "china_committed": ratio(committed(rows[4 * (s + 2) - 1]), committed(rows[4 * s - 1])),
            "china_capacity_y10": ratio(at_two, before)}


def one_seed(args, seed):
    tmp = tempfile.mkdtemp(prefix=f"regsim_cal_{seed}_")
    try:
        if args.world == "china":
            _, t, c = run(args.regsim, tmp, seed, args.set, config=args.china)
            return moments_china(t, c)
        m, t, c = run(args.regsim, tmp, seed, args.set)
        out = moments_baseline(m, t, c)
        if args.world == "default":
            return out
        m, _, _ = run(args.regsim, tmp, seed, args.set + ["market.kappa=1", "tournament.alpha1=1.0"])
        out["sim_frag"] = yearly(m, "similarity")[-1]
        trade1 = sum(yearly(m, "interprovincial_trade")) / len(yearly(m, "cu"))
        m, _, _ = run(args.regsim, tmp, seed,
                      args.set + ["market.kappa=0", "policy.smart_specialisation=true"])
        out["sim_unified"] = yearly(m, "similarity")[-1]
        trade0 = sum(yearly(m, "interprovincial_trade")) / len(yearly(m, "cu"))
        out["trade_ratio"] = trade1 / trade0 if trade0 > 0 else math.nan
        _, t, c = run(args.regsim, tmp, seed, args.set, config=args.china)
        out.update(moments_china(t, c))
        return out
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


# (key, target as the documents state it, lo, hi, what is measured); lo/hi None = unbounded side.
TARGETS = [
    ("cu_normal", "national CU in normal years 0.73-0.82 (NBS; issue 12)", 0.73, 0.82,
     "national CU, mean over normal years (see docs)"),
    ("glut_cu", "PV or batteries below 0.62 annual CU in a glut", None, 0.62,
     "lowest annual CU of PV or batteries, years 3-29"),
    ("fall_mature", "largest 3-year price fall of a mature track 40-75%", 0.40, 0.75,
     "largest 3-year fall of PV, battery or EV annual price, years 3-29"),
    ("glut_price_cash", "glut trough price at or below cash cost", None, 1.0,
     "lowest annual price / cash cost in the PV-or-battery glut"),
    ("glut_loss", "more than half the glut track's firms loss-making", 0.5, None,
     "highest annual loss-making share in the glut"),
    ("china_listing", "100+ China cities list an endorsed track within 2 years", 100, None,
     "China: most cities listing low_altitude in years 8-9"),
    ("china_capacity", "... and its capacity rises within 2 years", 1.0, None,
     "China: low_altitude capacity end of year 9 / end of year 7"),
    ("hot_trough", "CU of a tidal-wave track dips to 40-60% (4.1)", 0.40, 0.60,
     "low_altitude annual CU trough, years 8-15"),
    ("hot_years_below", "... for 2-4 years (4.1)", 2, 4, "low_altitude years with CU < 0.6, years 8-15"),
    ("p90_p10", "leaders > 80%, tail < 30% (4.1)", 0.8 / 0.3, None,
     "firm CU P90/P10 within tracks, years 5-29 (> 2.7 needed)"),
    ("fall_any", "price falls 40-75% over 2-3 years of overbuild (4.2)", 0.40, 0.75,
     "largest 3-year fall of PV, battery or low_altitude annual price"),
    ("hot_loss", "loss-making firms > 50% at the trough (4.2)", 0.5, None,
     "low_altitude, worst year after the signal"),
    ("hot_listing_4y", "60-95% of regions list an endorsed track in 3-5 years (4.3)", 0.60, 0.95,
     "share listing low_altitude 4 years after the signal"),
    ("jaccard", "Jaccard overlap of priority lists 0.4-0.7 (4.3)", 0.40, 0.70, "years 10-29"),
    ("zombie", "zombie share 5-10% in normal times (4.4)", 0.05, 0.10, "years 5-29"),
    ("subsidy_gdp", "subsidies 1.5-2% of GDP (4.5)", 0.015, 0.020, "all years"),
    ("sim_frag", "similarity 0.7-0.9, kappa 1, strong tournament (4.6)", 0.70, 0.90,
     "final year, kappa 1, alpha1 1.0"),
    ("sim_unified", "similarity 0.4-0.6, kappa 0 with S3 (4.6)", 0.40, 0.60,
     "final year, kappa 0, S3 rule"),
    ("turnover", "official turnover 25-35% a year (4.7)", 0.25, 0.35, "years 5-29"),
    ("trade_ratio", ">= 30% less inter-provincial trade at kappa 1 (4.8)", None, 0.70,
     "inter-provincial trade share, kappa 1 / kappa 0 (S3)"),
]
INFO = [("cu_all", "national CU, all years 5-29 (NBS all industry 0.73-0.77)"),
        ("normal_years", "normal years among years 5-29"),
        ("china_entries", "China: low_altitude entrants in years 8-9"),
        ("china_committed", "China: low_altitude capacity in operation or under construction, "
                            "end of year 9 / end of year 7"),
        ("china_capacity_y10", "China: low_altitude capacity in the first quarter of year 10 / "
                               "end of year 7"),
        ("hot_spell", "low_altitude: longest run of consecutive years with CU < 0.6, years 8-15"),
        ("hot_below_pre", "low_altitude: years with CU < 0.6 before the signal, years 3-7"),
        ("entries_y0", "entrants in year 0 (the first round), all tracks"),
        ("hot_entries_y0", "low_altitude: entrants in year 0"),
        ("hot_entries_signal", "low_altitude: entrants in years 8-9"),
        ("china_entries_y0", "China: low_altitude entrants in year 0"),
        ("firms_final", "firms in the last quarter (4,000-9,000 in the default world)"),
        ("firms_max", "most firms in any quarter")]


def inside(v, lo, hi):
    return (lo is None or v >= lo) and (hi is None or v <= hi)


def mean_ci(xs):
    xs = [x for x in xs if not math.isnan(x)]
    if not xs:
        return math.nan, math.nan
    mu = statistics.fmean(xs)
    return mu, (1.96 * statistics.stdev(xs) / math.sqrt(len(xs)) if len(xs) > 1 else math.nan)


def fmt_range(lo, hi):
    g = lambda v: f"{v:.3g}"
    return f"{g(lo)}-{g(hi)}" if lo is not None and hi is not None else (
        f"<= {g(hi)}" if lo is None else f">= {g(lo)}")


def table(results, nseeds):
    lines = [f"| target | range | measured | mean ± 95% ({nseeds} seeds) | seeds in range | verdict |",
             "|---|---|---|---|---|---|"]
    met = 0
    rows = [t for t in TARGETS if t[0] in results[0]]
    for key, target, lo, hi, what in rows:
        xs = [r[key] for r in results]
        mu, half = mean_ci(xs)
        ok = inside(mu, lo, hi)
        met += ok
        share = sum(inside(x, lo, hi) for x in xs) / len(xs)
        lines.append(f"| {target} | {fmt_range(lo, hi)} | {what} | {mu:.3f} ± {half:.3f} | "
                     f"{share:.0%} | {'met' if ok else '**missed**'} |")
    lines.append(f"\n{met} of {len(rows)} targets met ({met / len(rows):.0%}).\n")
    for key, what in INFO:
        if key not in results[0]:
            continue
        mu, half = mean_ci([r[key] for r in results])
        lines.append(f"- {what}: {mu:.3f} ± {half:.3f}")
    return "\n".join(lines), met


def detail(args, seed):
    """Year-by-year figures of one default run (issue 12's "Done means")."""
    tmp = tempfile.mkdtemp(prefix=f"regsim_cal_detail_{seed}_")
    try:
        m, t, _ = run(args.regsim, tmp, seed, args.set)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    cu = yearly(m, "cu")
    print(f"default run, seed {seed}, sets {args.set or 'none'}")
    print("national CU by year: " + " ".join(f"{y}:{v:.3f}" for y, v in enumerate(cu)))
    print(f"national CU, normal years: {national_cu_normal(m, t)[0]:.3f} "
          f"({national_cu_normal(m, t)[1]} normal years); all years 5-29: {sum(cu[5:]) / len(cu[5:]):.3f}")
    print("national zombie share by year: " +
          " ".join(f"{v:.3f}" for v in yearly(m, "zombie_share")))
    print("national loss-making share by year: " +
          " ".join(f"{v:.3f}" for v in yearly(m, "loss_share")))
    for k in ("pv", "battery", "ev", HOT):
        rows = track_rows(t, k)
        tcu, price, cash = yearly(rows, "cu"), yearly(rows, "price"), yearly(rows, "cash_cost")
        loss, zomb = yearly(rows, "loss_share"), yearly(rows, "zombie_share")
        y = min(range(FIRST_YEAR, len(tcu)), key=lambda i: tcu[i])
        q = min(range(4 * FIRST_YEAR, len(rows)),
                key=lambda i: float(rows[i]["price"]) / float(rows[i]["cash_cost"]))
        print(f"{k}: CU trough {tcu[y]:.3f} in year {y}; largest 3-year price fall "
              f"{largest_fall(price, FIRST_YEAR):.3f}; lowest quarterly price/cash cost "
              f"{float(rows[q]['price']) / float(rows[q]['cash_cost']):.3f} (tick {q}); "
              f"peak annual loss share {max(loss[FIRST_YEAR:]):.3f}; peak annual zombie share "
              f"{max(zomb[FIRST_YEAR:]):.3f}")
        print(f"  CU by year: " + " ".join(f"{v:.2f}" for v in tcu))
        print(f"  price/cash cost by year: " + " ".join(f"{p / c:.2f}" for p, c in zip(price, cash)))
        print(f"  loss share by year: " + " ".join(f"{v:.2f}" for v in loss))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--regsim", default="build/release/apps/regsim")
    ap.add_argument("--seeds", type=int, default=20)
    ap.add_argument("--jobs", type=int, default=2, help="runs at a time (each on one thread)")
    ap.add_argument("--set", action="append", default=[], help="extra key=value for every run")
    ap.add_argument("--china", default=CHINA, help="the China world's config")
    ap.add_argument("--json", help="also write every seed's moments to this file")
    ap.add_argument("--detail", type=int, metavar="SEED", help="year-by-year figures of one run")
    ap.add_argument("--world", choices=("all", "default", "china"), default="all",
                    help="default or china: run only that world and print its rows")
    args = ap.parse_args()
    if args.detail is not None:
        detail(args, args.detail)
        return 0
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        results = list(pool.map(lambda s: one_seed(args, s), range(1, args.seeds + 1)))
    text, met = table(results, args.seeds)
    print(text)
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"sets": args.set, "seeds": args.seeds, "met": met,
                       "targets": sum(1 for t in TARGETS if t[0] in results[0]),
                       "results": results}, f, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
