#!/usr/bin/python3
"""The numbers quoted in docs/classroom.md, measured headless.

The lesson uses the default experiment (experiments/baseline.toml, seed 20240501, 30 years) in
the live view; `regsim run` with the same settings gives the same numbers. Levers the class
moves at year 10 are written as a [[schedule]] entry at year 10 (a copy of baseline.toml with
one more schedule block, in OUT); restarts with other settings are `--set` runs from the start.

Prints, per act of the lesson, the quantities the page quotes.

Also prints, year by year, what the tracks panel of the live view shows for the crowded tracks
(utilisation, capacity over demand, price over the average plant's cash cost, price-war
intensity, loss-making and zombie shares), for the default run and for experiments/china.toml.

Usage:
  /usr/bin/python3 scripts/findings/classroom_numbers.py --out out/classroom [--binary regsim]
      [--set KEY=VALUE]...   (applied to every run, e.g. to rehearse a change of defaults)
"""
import argparse
import csv
import os
import sys
import subprocess
from concurrent.futures import ThreadPoolExecutor

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from regsim_binary import ROOT, default_binary  # noqa: E402

TOP4 = ["pv", "battery", "ev", "semiconductor"]


def lever_config(out, name, setting):
    """baseline.toml plus a [[schedule]] at year 10."""
    with open(os.path.join(ROOT, "experiments/baseline.toml")) as f:
        text = f.read()
    text += "\n[[schedule]]\nyear = 10\nset = { %s }\n" % setting
    path = os.path.join(out, name + ".toml")
    with open(path, "w") as f:
        f.write(text)
    return path


EXTRA_SETS = []


def run(binary, cfg, out, sets):
    sets = EXTRA_SETS + sets
    if not os.path.exists(os.path.join(out, "cities.csv")):
        cmd = [binary, "run"] + ([cfg] if cfg else []) + ["--out", out, "--quiet", "--threads", "1"]
        for kv in sets:
            cmd += ["--set", kv]
        subprocess.run(cmd, check=True)


def load(out):
    m = list(csv.DictReader(open(os.path.join(out, "metrics.csv"))))
    t = list(csv.DictReader(open(os.path.join(out, "tracks.csv"))))
    c = list(csv.DictReader(open(os.path.join(out, "cities.csv"))))
    return m, t, c


def track(t, name):
    return [r for r in t if r["track"] == name]


def col(rows, k):
    return [float(r[k]) for r in rows]


def last_year_mean(rows, k):
    v = col(rows, k)
    return sum(v[-4:]) / 4


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default="out/classroom")
    ap.add_argument("--binary", default=default_binary())
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--set", action="append", default=[], help="KEY=VALUE for every run")
    a = ap.parse_args()
    EXTRA_SETS.extend(a.set)
    os.makedirs(a.out, exist_ok=True)
    runs = {
        "baseline": (None, []),
        "bailouts_off_y10": (lever_config(a.out, "bailouts_off_y10", '"policy.bailouts" = false'), []),
        "alpha2_y10": (lever_config(a.out, "alpha2_y10", '"tournament.alpha1" = 2.0'), []),
        "alpha0_y10": (lever_config(a.out, "alpha0_y10", '"tournament.alpha1" = 0.0'), []),
        "biomed_y10": (lever_config(a.out, "biomed_y10", '"tracks.biomedicine.signal" = 1.0'), []),
        "het15": (None, ["world.heterogeneity=1.5"]),
        "het15_k0": (None, ["world.heterogeneity=1.5", "market.kappa=0"]),
        "het15_k1": (None, ["world.heterogeneity=1.5", "market.kappa=1"]),
        "het0_k0": (None, ["world.heterogeneity=0", "market.kappa=0"]),
        "het0_k1": (None, ["world.heterogeneity=0", "market.kappa=1"]),
        "china": (os.path.join(ROOT, "experiments/china.toml"), []),
        "kappa0_y10": (lever_config(a.out, "kappa0_y10", '"market.kappa" = 0.0'), []),
    }
    with ThreadPoolExecutor(a.jobs) as ex:
        list(ex.map(lambda kv: run(a.binary, kv[1][0], os.path.join(a.out, kv[0]), kv[1][1]),
                    runs.items()))
    d = {k: load(os.path.join(a.out, k)) for k in runs}

    m, t, c = d["baseline"]
    print("== Act 1 (baseline, seed 20240501)")
    for y in range(0, 4):
        print("year %d: cities listing %s" % (y, ", ".join(
            "%s %d" % (k, int(float(track(t, k)[4 * y]["cities_listing"]))) for k in TOP4)))
    for y in range(0, 5):
        n = sum(1 for r in c if int(r["year"]) == y and float(r["cu"]) < 0.7)
        print("year %d: cities with CU < 0.7 in the last quarter (rings): %d" % (y, n))
    cu = col(m, "cu")
    print("national CU tick 0: %.3f; min over years 0-5: %.3f at tick %d; min over run %.3f at tick %d"
          % (cu[0], min(cu[:24]), cu.index(min(cu[:24])), min(cu), cu.index(min(cu))))
    zs = col(m, "zombie_share")
    print("zombie share: max over years 0-7 %.3f at tick %d; max over run %.3f at tick %d; "
          "mean of year 9 %.3f" % (max(zs[:32]), zs.index(max(zs[:32])), max(zs), zs.index(max(zs)),
                                  sum(zs[36:40]) / 4))
    la = track(t, "low_altitude")
    lcu, lcap, ldem, lp = col(la, "cu"), col(la, "capacity"), col(la, "demand"), col(la, "price")
    print("low_altitude years 0-7: min CU %.3f at tick %d, max capacity/demand %.2f" % (
        min(lcu[:32]), lcu.index(min(lcu[:32])), max(x / y for x, y in zip(lcap[:32], ldem[:32]))))
    print("low_altitude cities listing: tick 32 (year 8, Q1) %d, tick 36 %d, tick 40 %d, "
          "end of year 9 %d, end of year 10 %d" % tuple(
              int(float(la[i]["cities_listing"])) for i in (32, 36, 40, 39, 43)))
    w = range(48, 68)
    print("low_altitude years 12-16: capacity/demand max %.2f, CU min %.3f (tick %d), CU range of "
          "yearly means %.2f-%.2f" % (
              max(lcap[i] / ldem[i] for i in w), min(lcu[i] for i in w),
              min(w, key=lambda i: lcu[i]),
              min(sum(lcu[4 * y:4 * y + 4]) / 4 for y in range(12, 17)),
              max(sum(lcu[4 * y:4 * y + 4]) / 4 for y in range(12, 17))))
    yoy = [(i, lp[i] / lp[i - 4] - 1) for i in range(52, 68)]
    i, v = min(yoy, key=lambda x: x[1])
    print("low_altitude largest year-on-year price fall in years 13-16: %.0f%% at tick %d" % (100 * v, i))
    print("low_altitude price below frontier cost: ticks %s" % [
        int(r["tick"]) for r in la[44:72] if float(r["price"]) < float(r["frontier_cost"])][:12])

    print("== Act 2 (levers at year 10; baseline in brackets)")
    mb = d["baseline"][0]
    for name in ("bailouts_off_y10", "alpha2_y10", "alpha0_y10"):
        mm = d[name][0]
        z, zb = col(mm, "zombie_share"), col(mb, "zombie_share")
        cu, cub = col(mm, "cu"), col(mb, "cu")
        wf, wfb = col(mm, "welfare"), col(mb, "welfare")
        sg, sgb = col(mm, "subsidy_gdp"), col(mb, "subsidy_gdp")
        yr = lambda v, y: sum(v[4 * y:4 * y + 4]) / 4
        print("%s: zombie share year 9 %.3f; years 11, 12, 15, 20: %s [%s]" % (
            name, yr(z, 9), " ".join("%.3f" % yr(z, y) for y in (11, 12, 15, 20)),
            " ".join("%.3f" % yr(zb, y) for y in (11, 12, 15, 20))))
        print("   CU years 11, 12, 15, 20: %s [%s]; CU mean years 11-29 %.3f [%.3f]" % (
            " ".join("%.3f" % yr(cu, y) for y in (11, 12, 15, 20)),
            " ".join("%.3f" % yr(cub, y) for y in (11, 12, 15, 20)),
            sum(cu[44:]) / len(cu[44:]), sum(cub[44:]) / len(cub[44:])))
        print("   welfare years 11, 12, 15: %s [%s]; subsidy/GDP year 9 %.4f, years 12, 15, 20: %s [%s]" % (
            " ".join("%.0f" % yr(wf, y) for y in (11, 12, 15)),
            " ".join("%.0f" % yr(wfb, y) for y in (11, 12, 15)), yr(sg, 9),
            " ".join("%.4f" % yr(sg, y) for y in (12, 15, 20)),
            " ".join("%.4f" % yr(sgb, y) for y in (12, 15, 20))))
        pct = lambda k, y: 100 * (yr(col(mm, k), y) / yr(col(mb, k), y) - 1)
        print("   vs baseline: mean welfare years 10-29 %+.2f%%; firms years 20, 29 %+.1f%% %+.1f%%; "
              "employment years 20, 29 %+.1f%% %+.1f%%" % (
                  100 * (sum(wf[40:]) / sum(wfb[40:]) - 1), pct("firms", 20), pct("firms", 29),
                  pct("employment", 20), pct("employment", 29)))
    bt, btb = track(d["biomed_y10"][1], "biomedicine"), track(d["baseline"][1], "biomedicine")
    print("biomed_y10: biomedicine cities listing at ticks 36, 40, 44, 48: %s [%s]" % (
        " ".join(str(int(float(bt[i]["cities_listing"]))) for i in (36, 40, 44, 48)),
        " ".join(str(int(float(btb[i]["cities_listing"]))) for i in (36, 40, 44, 48))))
    p, pb = col(bt, "price"), col(btb, "price")
    print("   biomedicine price ticks 39, 47, 55, 63: %s [%s]" % (
        " ".join("%.3f" % p[i] for i in (39, 47, 55, 63)), " ".join("%.3f" % pb[i] for i in (39, 47, 55, 63))))

    print("== Act 3 (restarts, 30 years)")

    def summ(name):
        mm, tt, _ = d[name]
        cu = col(mm, "cu")
        la = track(tt, "low_altitude")
        return dict(
            cu_range_y5_29="%.3f-%.3f" % (min(sum(cu[4 * y:4 * y + 4]) / 4 for y in range(5, 30)),
                                           max(sum(cu[4 * y:4 * y + 4]) / 4 for y in range(5, 30))),
            cu_mean=sum(cu) / len(cu),
            final_similarity=float(mm[-1]["similarity"]),
            mean_zombie=sum(col(mm, "zombie_share")) / len(mm),
            zombie_last_year=last_year_mean(mm, "zombie_share"),
            la_max_overhang_y8_29=max(float(r["capacity"]) / float(r["demand"]) for r in la[32:]),
            welfare_last_year=last_year_mean(mm, "welfare"),
            mean_welfare=sum(col(mm, "welfare")) / len(mm))
    s = {k: summ(k) for k in ("baseline", "het15", "het15_k0", "het15_k1", "het0_k0", "het0_k1")}
    for k, v in s.items():
        print(k, ", ".join("%s %s" % (kk, ("%.3f" % vv) if isinstance(vv, float) else vv)
                           for kk, vv in v.items()))
    r = lambda a_, b_, k: 100 * (s[a_][k] / s[b_][k] - 1)
    print("het 1.5 vs baseline: welfare last year %+.1f%%, mean welfare %+.1f%%" % (
        r("het15", "baseline", "welfare_last_year"), r("het15", "baseline", "mean_welfare")))
    print("sigma 1.5: kappa 0 vs 1: welfare last year %+.1f%%, mean welfare %+.1f%%" % (
        r("het15_k0", "het15_k1", "welfare_last_year"), r("het15_k0", "het15_k1", "mean_welfare")))
    print("sigma 0:   kappa 0 vs 1: welfare last year %+.1f%%, mean welfare %+.1f%%; mean zombie "
          "%.3f vs %.3f" % (r("het0_k0", "het0_k1", "welfare_last_year"),
                            r("het0_k0", "het0_k1", "mean_welfare"),
                            s["het0_k0"]["mean_zombie"], s["het0_k1"]["mean_zombie"]))

    print("== Act 3 with a fork at year 10: kappa -> 0 [levers as before]")
    yr = lambda v, y: sum(v[4 * y:4 * y + 4]) / 4
    for name in ("kappa0_y10", "baseline"):
        mm, tt, _ = d[name]
        la = col(track(tt, "low_altitude"), "cu")
        trade = col(mm, "interprovincial_trade")  # already a share of output
        print("%s: national CU year 15 %.3f, low_altitude CU year 15 %.3f, inter-provincial trade / "
              "output year 29 %.3f, similarity at the end %.3f, welfare year 29 %.0f" % (
                  name, yr(col(mm, "cu"), 15), yr(la, 15), yr(trade, 29), float(mm[-1]["similarity"]),
                  yr(col(mm, "welfare"), 29)))
    for name in ("baseline", "china"):
        phenomena(name, d[name])


def phenomena(name, data):
    """Year by year, what the tracks panel shows for the tracks that crowd."""
    m, t, _ = data
    cu = col(m, "cu")
    print("== The tracks panel, %s: national CU by year %s" % (
        name, " ".join("%.2f" % (sum(cu[4 * y:4 * y + 4]) / 4) for y in range(len(cu) // 4))))
    for k in ("pv", "battery", "ai", "low_altitude"):
        rows = track(t, k)
        print("%s: year  CU  capacity/demand  min price/cash cost  max war  loss share  zombie "
              "share  cities listing" % k)
        for y in range(len(rows) // 4):
            q = rows[4 * y:4 * y + 4]
            f = lambda key: [float(r[key]) for r in q]
            sales = [float(r["demand"]) + float(r["exports"]) - float(r["imports"]) for r in q]
            ratio = [p / c for p, c in zip(f("price"), f("cash_cost")) if c > 0]
            print("  %2d  %.2f  %.2f  %s  %.2f  %.2f  %.2f  %d" % (
                y, sum(f("cu")) / 4, f("capacity")[-1] / max(sales[-1], 1e-12),
                "%.2f" % min(ratio) if ratio else "  - ", max(f("war_intensity")),
                sum(f("loss_share_active")) / 4, f("zombie_share")[-1],
                int(f("cities_listing")[-1])))


if __name__ == "__main__":
    main()
