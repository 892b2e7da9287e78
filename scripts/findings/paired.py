#!/usr/bin/python3
"""Paired comparisons for a regsim grid sweep, beyond `regsim analyze`.

Reads DIR/summary.csv (and DIR/series.csv when the sweep kept series) and, for one factor F,
prints for every combination of the other factors the mean of each metric at each level of F and
the paired difference (same replication = same seed) against F's first level, with a 95% Student
t interval over replications. Optionally draws the paired differences to a PNG.

Series metrics are summarised per run as `avg_<m>` (mean over ticks) and, for cu,
`qtr_cu_below_<x>` (quarters with national CU below x, default 0.8) and `sum_<m>` (sum over ticks).

With --did G (a second factor), also prints the difference in differences: for each level of F,
(paired diff vs F's first level at G's last level) - (the same at G's first level), paired by
replication, e.g. how much a switch G changes the effect of F.

Usage:
  /usr/bin/python3 scripts/findings/paired.py DIR --factor market.kappa \
      --metrics mean_cu,avg_producer_surplus [--png out.png] [--title T] [--cu-threshold 0.8] \
      [--did OTHER_FACTOR]
"""
import argparse
import csv
import math
import os
from collections import defaultdict

from scipy.stats import t as student_t


def t975(df):
    """The 97.5% quantile of Student's t with df degrees of freedom (SciPy, Debian's
    python3-scipy): the half-width factor of a 95% interval."""
    return float(student_t.ppf(0.975, df))


def mean_ci(xs):
    xs = [x for x in xs if x == x and abs(x) != float("inf")]
    n = len(xs)
    if n == 0:
        return float("nan"), float("nan"), float("nan")
    m = sum(xs) / n
    if n == 1:
        return m, float("nan"), float("nan")
    sd = math.sqrt(sum((x - m) ** 2 for x in xs) / (n - 1))
    h = t975(n - 1) * sd / math.sqrt(n)
    return m, m - h, m + h


def load(directory, cu_threshold):
    with open(os.path.join(directory, "summary.csv")) as f:
        rows = [r for r in csv.DictReader(f) if r["status"] == "ok"]
    series_path = os.path.join(directory, "series.csv")
    if os.path.exists(series_path):
        acc = defaultdict(lambda: defaultdict(list))
        with open(series_path) as f:
            for r in csv.DictReader(f):
                for k, v in r.items():
                    if k not in ("run_id", "tick"):
                        acc[r["run_id"]][k].append(float(v))
        for r in rows:
            for k, vs in acc.get(r["run_id"], {}).items():
                r["avg_" + k] = str(sum(vs) / len(vs))
                r["sum_" + k] = str(sum(vs))
                if k == "cu":
                    r["qtr_cu_below_%g" % cu_threshold] = str(sum(1 for v in vs if v < cu_threshold))
    return rows


def factor_columns(rows):
    header = list(rows[0].keys())
    return header[header.index("seed") + 1: header.index("status")]


def analyse(rows, factor, metrics):
    factors = factor_columns(rows)
    others = [f for f in factors if f != factor]
    levels = []
    for r in rows:
        if r[factor] not in levels:
            levels.append(r[factor])
    groups = defaultdict(dict)  # (other levels) -> level -> replication -> row
    for r in rows:
        groups[tuple(r[o] for o in others)].setdefault(r[factor], {})[r["replication"]] = r
    out = []
    for key in sorted(groups, key=lambda k: [rows_order(rows, others, k)]):
        g = groups[key]
        ref = g.get(levels[0], {})
        for lv in levels:
            cur = g.get(lv, {})
            for m in metrics:
                vals = [float(r[m]) for r in cur.values()]
                diffs = [float(cur[rep][m]) - float(ref[rep][m]) for rep in cur if rep in ref]
                out.append(dict(others=dict(zip(others, key)), level=lv, metric=m,
                                mean=mean_ci(vals), diff=mean_ci(diffs), n=len(diffs)))
    return others, levels, out


def did(rows, factor, g, metrics):
    factors = factor_columns(rows)
    rest = [f for f in factors if f not in (factor, g)]
    flev, glev = [], []
    for r in rows:
        if r[factor] not in flev:
            flev.append(r[factor])
        if r[g] not in glev:
            glev.append(r[g])
    idx = {(tuple(r[o] for o in rest), r[factor], r[g], r["replication"]): r for r in rows}
    keys = []
    for r in rows:
        k = tuple(r[o] for o in rest)
        if k not in keys:
            keys.append(k)
    print()
    print("| %s | %s | metric | (diff vs %s=%s at %s=%s) - (same at %s=%s) [95%% CI] |" %
          (" | ".join(rest) or "-", factor, factor, flev[0], g, glev[-1], g, glev[0]))
    print("|" + "---|" * (len(rest or ["-"]) + 3))
    reps = sorted({r["replication"] for r in rows}, key=lambda x: int(x))
    for k in keys:
        for lv in flev[1:]:
            for m in metrics:
                vals = []
                for rep in reps:
                    try:
                        a1 = float(idx[(k, lv, glev[-1], rep)][m]) - float(idx[(k, flev[0], glev[-1], rep)][m])
                        a0 = float(idx[(k, lv, glev[0], rep)][m]) - float(idx[(k, flev[0], glev[0], rep)][m])
                    except KeyError:
                        continue
                    vals.append(a1 - a0)
                d = mean_ci(vals)
                print("| %s | %s | %s | %s [%s, %s] |" % (" | ".join(k) or "-", lv, m, fmt(d[0]),
                                                         fmt(d[1]), fmt(d[2])))


def rows_order(rows, others, key):
    for i, r in enumerate(rows):
        if tuple(r[o] for o in others) == key:
            return i
    return 0


def fmt(x):
    if x != x:
        return "nan"
    return "%.4g" % x


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("dir")
    ap.add_argument("--factor", required=True)
    ap.add_argument("--metrics", required=True)
    ap.add_argument("--png")
    ap.add_argument("--title", default="")
    ap.add_argument("--cu-threshold", type=float, default=0.8)
    ap.add_argument("--did", help="second factor: print the difference in differences")
    a = ap.parse_args()
    rows = load(a.dir, a.cu_threshold)
    metrics = a.metrics.split(",")
    others, levels, res = analyse(rows, a.factor, metrics)
    print("| %s | %s | metric | mean [95%% CI] | paired diff vs %s=%s [95%% CI] |" %
          (" | ".join(others) or "-", a.factor, a.factor, levels[0]))
    print("|" + "---|" * (len(others or ["-"]) + 4))
    for e in res:
        m, d = e["mean"], e["diff"]
        print("| %s | %s | %s | %s [%s, %s] | %s [%s, %s] |" % (
            " | ".join(e["others"].values()) or "-", e["level"], e["metric"], fmt(m[0]), fmt(m[1]),
            fmt(m[2]), fmt(d[0]), fmt(d[1]), fmt(d[2])))
    if a.did:
        did(rows, a.factor, a.did, metrics)
    if a.png:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
        n = len(metrics)
        cols = min(3, n)
        nrows = (n + cols - 1) // cols
        fig, axes = plt.subplots(nrows, cols, figsize=(4.6 * cols, 3.4 * nrows), squeeze=False)
        combos = []
        for e in res:
            c = tuple(e["others"].items())
            if c not in combos:
                combos.append(c)
        try:
            xs = [float(lv) for lv in levels]
        except ValueError:
            xs = list(range(len(levels)))
        for i, m in enumerate(metrics):
            ax = axes[i // cols][i % cols]
            for j, c in enumerate(combos):
                pts = [e for e in res if e["metric"] == m and tuple(e["others"].items()) == c]
                ys = [p["diff"][0] for p in pts]
                lo = [p["diff"][0] - p["diff"][1] if p["diff"][1] == p["diff"][1] else 0 for p in pts]
                hi = [p["diff"][2] - p["diff"][0] if p["diff"][2] == p["diff"][2] else 0 for p in pts]
                off = (j - (len(combos) - 1) / 2) * 0.012 * (max(xs) - min(xs) or 1)
                ax.errorbar([x + off for x in xs], ys, yerr=[lo, hi], marker="o", capsize=3,
                            label=", ".join("%s=%s" % (k.split(".")[-1], v) for k, v in c) or "all")
            ax.axhline(0, color="grey", lw=0.8)
            ax.set_title(m, fontsize=9)
            ax.set_xlabel(a.factor, fontsize=8)
            if not all(isinstance(x, float) for x in xs) or xs == list(range(len(levels))):
                ax.set_xticks(xs)
                ax.set_xticklabels(levels, fontsize=7)
            ax.tick_params(labelsize=7)
        for k in range(n, nrows * cols):
            axes[k // cols][k % cols].axis("off")
        axes[0][0].legend(fontsize=6)
        fig.suptitle((a.title + "\n" if a.title else "") +
                     "paired difference vs %s = %s (95%% CI over replications)" %
                     (a.factor, levels[0]), fontsize=9)
        fig.tight_layout()
        os.makedirs(os.path.dirname(os.path.abspath(a.png)), exist_ok=True)
        fig.savefig(a.png, dpi=110)
        print("wrote", a.png)


if __name__ == "__main__":
    main()
