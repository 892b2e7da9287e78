#!/usr/bin/python3
"""Tables of docs/findings.md Q5 and Q7: subsidy regimes paired by seed against regime `none`.

Reads DIR/summary.csv and DIR/series.csv of the Q5 or Q7 sweep (scripts/findings/paired.py's
loader: `sum_<m>` = sum of a kept series over the 80 quarters). For every combination of the
other factors and every regime other than `none`, prints the mean over replications of the
regime's own sum and the paired difference against `none` (same replication = same seed) with a
95% Student t interval.

  q5: instruments, regime, subsidies paid (sum), delta welfare (sum), delta welfare per yuan
      of subsidy (per pair: delta sum welfare / sum subsidies, then mean and interval),
      delta mean CU, delta mean zombie share.
  q7: kappa, rho_s, mobile entrants (sum), delta mobile entrants, delta welfare (sum),
      delta final GDP, delta final Theil; with --extra, also delta entries (sum), delta
      sum of GDP over the 80 quarters, delta subsidies (sum), final GDP under none, and delta
      welfare / delta subsidies (per pair); with --vs DIR2 (the same sweep run with another
      --set, e.g. firms.mobile_rate=0), the difference in differences
      (universal - none in DIR) - (universal - none in DIR2) of welfare (sum) and final GDP.

Usage:
  /usr/bin/python3 scripts/findings/subsidy_tables.py q5 out/q5
  /usr/bin/python3 scripts/findings/subsidy_tables.py q7 out/q7 [--extra] [--vs out/q7_nomobile]
"""
import argparse
import os
import sys
from collections import defaultdict

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from paired import load, mean_ci  # noqa: E402


def g(x):
    if abs(x) >= 1e4:
        return "%.3g" % x
    return "%.3g" % x


def ci(t):
    return "%s [%s, %s]" % (g(t[0]), g(t[1]), g(t[2]))


def pairs(rows, group_keys):
    """(group values) -> regime -> replication -> row"""
    out = defaultdict(lambda: defaultdict(dict))
    for r in rows:
        out[tuple(r[k] for k in group_keys)][r["policy.subsidy_regime"]][r["replication"]] = r
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("question", choices=["q5", "q7"])
    ap.add_argument("dir")
    ap.add_argument("--extra", action="store_true")
    ap.add_argument("--vs")
    a = ap.parse_args()
    rows = load(a.dir, 0.8)
    f = lambda r, m: float(r[m])
    if a.question == "q5":
        keys = ["policy.subsidy_instruments"]
        print("| instruments | regime | n | subsidies paid (sum over 80 quarters) | Δ welfare vs none (sum) "
              "| Δ welfare per yuan of subsidy | Δ mean CU | Δ mean zombie share |")
        print("|---|---|---|---|---|---|---|---|")
        groups = pairs(rows, keys)
        for key in sorted(groups, key=lambda k: ["all", "entry", "capex", "production", "land"].index(k[0])
                          if k[0] in ["all", "entry", "capex", "production", "land"] else 99):
            g_ = groups[key]
            none = g_["none"]
            for regime in ("universal", "precise", "vc"):
                cur = g_.get(regime, {})
                reps = [rep for rep in cur if rep in none]
                paid = mean_ci([f(cur[rep], "sum_subsidies") for rep in reps])
                dw = [f(cur[rep], "sum_welfare") - f(none[rep], "sum_welfare") for rep in reps]
                per = [d / f(cur[rep], "sum_subsidies") for d, rep in zip(dw, reps)
                       if f(cur[rep], "sum_subsidies") > 0]
                dcu = [f(cur[rep], "mean_cu") - f(none[rep], "mean_cu") for rep in reps]
                dz = [f(cur[rep], "mean_zombie_share") - f(none[rep], "mean_zombie_share")
                      for rep in reps]
                print("| %s | %s | %d | %.0f | %s | %s | %s | %s |" % (
                    key[0], regime, len(reps), paid[0], ci(mean_ci(dw)), ci(mean_ci(per)),
                    ci(mean_ci(dcu)), ci(mean_ci(dz))))
    else:
        keys = ["market.kappa", "subsidy.rho_s"]
        head = ("| kappa | rho_s | n | mobile entrants, universal (sum) | Δ mobile entrants vs none "
                "| Δ welfare vs none (sum over 80 quarters) | Δ final GDP | Δ final Theil |")
        if a.extra:
            head += (" Δ entries (sum) | Δ GDP (sum over 80 quarters) | Δ subsidies (sum) "
                     "| final GDP, none | Δ welfare / Δ subsidies |")
        print(head)
        print("|---" * (head.count("|") - 1) + "|")
        groups = pairs(rows, keys)
        for key in groups:
            g_ = groups[key]
            none, cur = g_["none"], g_["universal"]
            reps = [rep for rep in cur if rep in none]
            d = lambda m: ci(mean_ci([f(cur[rep], m) - f(none[rep], m) for rep in reps]))
            line = "| %s | %s | %d | %.0f | %s | %s | %s | %s |" % (
                key[0], key[1], len(reps), mean_ci([f(cur[rep], "sum_mobile_entries") for rep in reps])[0],
                d("sum_mobile_entries"), d("sum_welfare"), d("final_gdp"), d("final_theil"))
            if a.extra:
                line += " %s | %s | %s | %.0f | %s |" % (
                    d("sum_entries"), d("sum_gdp"), d("sum_subsidies"),
                    mean_ci([f(none[rep], "final_gdp") for rep in reps])[0],
                    ci(mean_ci([(f(cur[rep], "sum_welfare") - f(none[rep], "sum_welfare")) /
                                (f(cur[rep], "sum_subsidies") - f(none[rep], "sum_subsidies"))
                                for rep in reps])))
            print(line)
        if a.vs:
            groups2 = pairs(load(a.vs, 0.8), keys)
            print()
            print("| kappa | rho_s | n | DiD welfare (sum): (univ - none) here - (univ - none) in %s "
                  "| DiD final GDP |" % a.vs)
            print("|---|---|---|---|---|")
            for key in groups:
                g1, g2 = groups[key], groups2[key]
                reps = [rep for rep in g1["universal"] if rep in g1["none"] and
                        rep in g2["universal"] and rep in g2["none"]]
                dd = lambda m: ci(mean_ci([
                    (f(g1["universal"][rep], m) - f(g1["none"][rep], m)) -
                    (f(g2["universal"][rep], m) - f(g2["none"][rep], m)) for rep in reps]))
                print("| %s | %s | %d | %s | %s |" % (key[0], key[1], len(reps), dd("sum_welfare"),
                                                      dd("final_gdp")))


if __name__ == "__main__":
    main()
