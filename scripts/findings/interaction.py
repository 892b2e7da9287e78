#!/usr/bin/python3
"""Interaction of two switches from four sweeps of the same design: BASE (neither), A, B, AB.

Pairs the runs of the four sweeps that have the same factor levels and replication (so the same
seed) and prints per combination of factor levels the mean and 95% Student t interval of
AB - A - B + BASE: how far the effect of both switches together differs from the sum of the
effects of each alone (0 when the two add up). Used for docs/findings.md Q6 (credit screening
and pipeline disclosure of the coordination platform). Metrics as in paired.py.

Usage:
  /usr/bin/python3 scripts/findings/interaction.py out/q6 out/q6_screening out/q6_disclosure \
      out/q6_full --metrics final_overhang,mean_cu,mean_welfare,total_entries
"""
import argparse
import os
import sys
from collections import defaultdict

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from paired import factor_columns, fmt, load, mean_ci  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("base")
    ap.add_argument("dir_a")
    ap.add_argument("dir_b")
    ap.add_argument("dir_ab")
    ap.add_argument("--metrics", required=True)
    a = ap.parse_args()
    sweeps = [load(d, 0.8) for d in (a.base, a.dir_a, a.dir_b, a.dir_ab)]
    factors = factor_columns(sweeps[0])
    metrics = a.metrics.split(",")
    index = [{(tuple(r[f] for f in factors), r["replication"]): r for r in s} for s in sweeps]
    groups = defaultdict(list)
    for key in index[0]:
        if all(key in ix for ix in index[1:]):
            groups[key[0]].append([ix[key] for ix in index])
    print("| %s | metric | n | AB - A - B + BASE [95%% CI] |" % " | ".join(factors))
    print("|" + "---|" * (len(factors) + 3))
    for key, runs in groups.items():
        for m in metrics:
            d = mean_ci([float(ab[m]) - float(x[m]) - float(y[m]) + float(b[m])
                         for b, x, y, ab in runs])
            print("| %s | %s | %d | %s [%s, %s] |" % (
                " | ".join(key), m, len(runs), fmt(d[0]), fmt(d[1]), fmt(d[2])))


if __name__ == "__main__":
    main()
