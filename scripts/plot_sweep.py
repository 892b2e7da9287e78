#!/usr/bin/python3
"""Plots the tables of `regsim analyze DIR` (DIR/analysis/*.csv) as PNG files in DIR/analysis/plots.

Called by `regsim analyze`; run it by hand with:  MPLBACKEND=Agg /usr/bin/python3 plot_sweep.py DIR/analysis
Uses only the standard library and matplotlib (Debian: python3-matplotlib). Exit code 3 when
matplotlib is missing, so that regsim can say why the plots were skipped.
"""
import csv
import math
import os
import re
import sys

MAIN_METRICS = [
    "final_cu", "mean_price_index", "final_similarity", "final_jaccard", "final_zombie_share",
    "subsidy_gdp", "mean_welfare", "final_tfp", "final_gdp", "final_theil",
]
MAX_SCATTER_POINTS = 20000


def number(text):
    try:
        value = float(text)
    except (TypeError, ValueError):
        return None
    return value if math.isfinite(value) else None


def read_csv(path):
    if not os.path.exists(path):
        return []
    with open(path, newline="") as f:
        return list(csv.DictReader(f))


def safe(name):
    return re.sub(r"[^A-Za-z0-9._-]", "_", name)


def by_key(rows, *keys):
    out = {}
    for row in rows:
        out.setdefault(tuple(row[k] for k in keys), []).append(row)
    return out


def grid(plt, count, title):
    cols = min(count, 3)
    rows = (count + cols - 1) // cols
    fig, axes = plt.subplots(rows, cols, figsize=(4.2 * cols, 3.2 * rows), squeeze=False)
    fig.suptitle(title)
    for ax in axes.flat[count:]:
        ax.set_visible(False)
    return fig, list(axes.flat)


def positions(levels):
    """Numeric x positions when every level is a number, else evenly spaced categories."""
    values = [number(level) for level in levels]
    if all(v is not None for v in values):
        return values, None
    return list(range(len(levels))), levels


def errorbar(ax, levels, rows, mean_key, lo_key, hi_key, **style):
    xs, ys, lows, highs = [], [], [], []
    x_all, labels = positions(levels)
    for x, row in zip(x_all, rows):
        y = number(row[mean_key])
        if y is None:
            continue
        lo, hi = number(row[lo_key]), number(row[hi_key])
        xs.append(x)
        ys.append(y)
        lows.append(y - lo if lo is not None else 0.0)
        highs.append(hi - y if hi is not None else 0.0)
    ax.errorbar(xs, ys, yerr=[lows, highs], marker="o", capsize=3, **style)
    if labels is not None:
        ax.set_xticks(range(len(labels)))
        ax.set_xticklabels(labels, rotation=30, ha="right")


def plot_factor_means(plt, analysis, out):
    rows = read_csv(os.path.join(analysis, "factor_means.csv"))
    for (factor,), factor_rows in by_key(rows, "factor").items():
        metrics = [m for m in MAIN_METRICS if any(r["metric"] == m for r in factor_rows)]
        fig, axes = grid(plt, len(metrics), f"{factor}: mean and 95% CI over replications")
        for ax, metric in zip(axes, metrics):
            series = [r for r in factor_rows if r["metric"] == metric]
            errorbar(ax, [r["level"] for r in series], series, "mean", "ci_lo", "ci_hi")
            ax.set_title(metric, fontsize=10)
            ax.set_xlabel(factor)
        fig.tight_layout()
        fig.savefig(os.path.join(out, f"factor_{safe(factor)}.png"), dpi=100)
        plt.close(fig)


def plot_paired(plt, analysis, out):
    rows = read_csv(os.path.join(analysis, "paired_differences.csv"))
    for (factor,), factor_rows in by_key(rows, "factor").items():
        metrics = [m for m in MAIN_METRICS if any(r["metric"] == m for r in factor_rows)]
        reference = factor_rows[0]["reference"]
        fig, axes = grid(plt, len(metrics),
                         f"{factor}: paired difference to {reference} (same seeds), 95% CI")
        for ax, metric in zip(axes, metrics):
            series = [r for r in factor_rows if r["metric"] == metric]
            errorbar(ax, [r["level"] for r in series], series, "mean_diff", "ci_lo", "ci_hi",
                     linestyle="none")
            ax.axhline(0.0, color="grey", linewidth=0.8)
            ax.set_title(metric, fontsize=10)
            ax.set_xlabel(factor)
        fig.tight_layout()
        fig.savefig(os.path.join(out, f"paired_{safe(factor)}.png"), dpi=100)
        plt.close(fig)


def plot_sobol(plt, analysis, out):
    rows = read_csv(os.path.join(analysis, "sobol_indices.csv"))
    if not rows:
        return
    metrics = [m for m in MAIN_METRICS if any(r["metric"] == m for r in rows)]
    fig, axes = grid(plt, len(metrics), "Sobol indices with 95% bootstrap intervals")
    for ax, metric in zip(axes, metrics):
        series = [r for r in rows if r["metric"] == metric]
        names = [r["factor"] for r in series]
        for offset, key, label in ((-0.2, "S1", "first order"), (0.2, "ST", "total")):
            xs, ys, lows, highs = [], [], [], []
            for i, r in enumerate(series):
                y = number(r[key])
                if y is None:
                    continue
                lo, hi = number(r[key + "_lo"]), number(r[key + "_hi"])
                xs.append(i + offset)
                ys.append(y)
                lows.append(max(0.0, y - lo) if lo is not None else 0.0)
                highs.append(max(0.0, hi - y) if hi is not None else 0.0)
            ax.bar(xs, ys, width=0.4, yerr=[lows, highs], capsize=2, label=label)
        ax.set_xticks(range(len(names)))
        ax.set_xticklabels(names, rotation=30, ha="right", fontsize=8)
        ax.set_title(metric, fontsize=10)
        ax.axhline(0.0, color="grey", linewidth=0.8)
    axes[0].legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(os.path.join(out, "sobol_indices.png"), dpi=100)
    plt.close(fig)


def plot_scatter(plt, analysis, out):
    """Continuous designs (lhs, sobol): every run's outputs against each factor."""
    rows = read_csv(os.path.join(os.path.dirname(os.path.abspath(analysis)), "summary.csv"))
    rows = [r for r in rows if r.get("status") == "ok"][:MAX_SCATTER_POINTS]
    if not rows:
        return
    columns = list(rows[0].keys())
    factors = columns[columns.index("seed") + 1:columns.index("status")]
    for factor in factors:
        xs = [number(r[factor]) for r in rows]
        if any(x is None for x in xs) or len(set(xs)) <= 10:
            continue  # categorical or few levels: factor_*.png shows it
        metrics = [m for m in MAIN_METRICS if m in columns]
        fig, axes = grid(plt, len(metrics), f"every run against {factor}")
        for ax, metric in zip(axes, metrics):
            pts = [(x, number(r[metric])) for x, r in zip(xs, rows)]
            pts = [(x, y) for x, y in pts if y is not None]
            ax.scatter([p[0] for p in pts], [p[1] for p in pts], s=4, alpha=0.5)
            ax.set_title(metric, fontsize=10)
            ax.set_xlabel(factor)
        fig.tight_layout()
        fig.savefig(os.path.join(out, f"scatter_{safe(factor)}.png"), dpi=100)
        plt.close(fig)


def main():
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return 3
    analysis = sys.argv[1]
    out = os.path.join(analysis, "plots")
    os.makedirs(out, exist_ok=True)
    plot_factor_means(plt, analysis, out)
    plot_paired(plt, analysis, out)
    plot_sobol(plt, analysis, out)
    plot_scatter(plt, analysis, out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
