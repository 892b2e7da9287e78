#!/usr/bin/python3
"""Paired differences between two sweeps of the same design run with different --set values.

Pairs every run of DIR_A with the run of DIR_B that has the same factor levels and replication
(so the same seed), and prints per combination of factor levels the mean of each metric in A and
the paired difference A - B with a 95% Student t interval. Used for docs/findings.md Q9 (S3 with
its sharper endowment observation vs the rule alone) and Q7 (mobile capital switched off).
Metrics as in paired.py (summary columns, avg_/sum_ of kept series).

Usage:
  /usr/bin/python3 scripts/findings/two_sweeps.py out/q9 out/q9_noobs \
      --metrics mean_similarity,final_jaccard,mean_welfare
"""
import argparse
import os
import sys
from collections import defaultdict

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from paired import factor_columns, fmt, load, mean_ci  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("dir_a")
    ap.add_argument("dir_b")
    ap.add_argument("--metrics", required=True)
    a = ap.parse_args()
    ra, rb = load(a.dir_a, 0.8), load(a.dir_b, 0.8)
    factors = factor_columns(ra)
    metrics = a.metrics.split(",")
    index_b = {(tuple(r[f] for f in factors), r["replication"]): r for r in rb}
    groups = defaultdict(list)
    for r in ra:
        key = tuple(r[f] for f in factors)
        if (key, r["replication"]) in index_b:
            groups[key].append((r, index_b[(key, r["replication"])]))
    print("| %s | metric | n | mean A [95%% CI] | paired diff A - B [95%% CI] |" % " | ".join(factors))
    print("|" + "---|" * (len(factors) + 4))
    for key, prs in groups.items():
        for m in metrics:
            va = mean_ci([float(x[m]) for x, _ in prs])
            d = mean_ci([float(x[m]) - float(y[m]) for x, y in prs])
            print("| %s | %s | %d | %s [%s, %s] | %s [%s, %s] |" % (
                " | ".join(key), m, len(prs), fmt(va[0]), fmt(va[1]), fmt(va[2]),
                fmt(d[0]), fmt(d[1]), fmt(d[2])))


if __name__ == "__main__":
    main()
