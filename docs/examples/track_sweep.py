"""Per-track series from a sweep: which tracks does a unified market (market.kappa) push deeper
into glut, and which does it spare?

A paired grid over market.kappa keeps every run's yearly track series ([outputs] tracks = true,
docs/experiments.md); regsim.read_sweep(...).track_series is that table as one DataFrame, keyed by
run_id. For each run and track the script takes the glut trough (the lowest capacity utilisation
of the track's years) and compares each kappa with the first, seed by seed (common random numbers:
replication r of every scenario has the same seed). Prints a markdown table; draws the mean yearly
utilisation of each track under each kappa.

    export PYTHONPATH=$PWD/build/release/python
    /usr/bin/python3 docs/examples/track_sweep.py --seeds 4 --png out/track_sweep.png
"""
import argparse
import os
import tempfile

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

import regsim  # noqa: E402

SWEEP = """[design]
kind = "grid"
replications = {seeds}
[factors]
"market.kappa" = [{kappas}]
[fixed]
"world.years" = {years}
{fixed}
[outputs]
tracks = true
track_metrics = ["capacity", "output", "cu", "price"]
tracks_every = 4
"""


def sweep_file(directory, seeds, years, kappas, sets):
    """Writes the sweep file; --set KEY=VALUE pairs become [fixed] lines."""
    fixed = "\n".join(f'"{k}" = {v}' for k, v in (s.split("=", 1) for s in sets))
    path = os.path.join(directory, "track_sweep.toml")
    with open(path, "w") as f:
        f.write(SWEEP.format(seeds=seeds, years=years, fixed=fixed,
                             kappas=", ".join(repr(float(k)) for k in kappas)))
    return path


def troughs(result):
    """One row per run and track: the lowest yearly CU, with the run's kappa and replication."""
    runs = result.summary[["run_id", "replication", "market.kappa"]]
    low = result.track_series.groupby(["run_id", "track"], as_index=False)["cu"].min()
    return low.rename(columns={"cu": "trough_cu"}).merge(runs, on="run_id")


def paired_table(low, kappas, tracks):
    """Mean trough per track and kappa, and each kappa minus the first, seed by seed."""
    wide = low.pivot_table(index=["track", "replication"], columns="market.kappa",
                           values="trough_cu")
    rows = []
    for track in tracks:
        g = wide.loc[track]
        row = {"track": track}
        for k in kappas:
            row[f"kappa {k:g}"] = g[k].mean()
        for k in kappas[1:]:
            d = g[k] - g[kappas[0]]
            row[f"{k:g} - {kappas[0]:g}"] = d.mean()
            row[f"min..max {k:g}"] = f"{d.min():+.3f}..{d.max():+.3f}"
        rows.append(row)
    return rows


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seeds", type=int, default=4)
    ap.add_argument("--years", type=int, default=30)
    ap.add_argument("--kappa", type=float, nargs="+", default=[0.0, 1.0])
    ap.add_argument("--set", action="append", default=[], metavar="KEY=VALUE",
                    help="a [fixed] value for every run (e.g. world.cities=24)")
    ap.add_argument("--jobs", type=int, default=None)
    ap.add_argument("--out", default=None, help="sweep directory (default: a temporary one)")
    ap.add_argument("--png", default="track_sweep.png")
    args = ap.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        out = args.out or os.path.join(tmp, "sweep")
        spec = sweep_file(tmp, args.seeds, args.years, args.kappa, args.set)
        result = regsim.sweep(spec, out=out, jobs=args.jobs)
        series = result.track_series  # read on first use: before the directory goes
    print(f"{len(result.summary)} runs, {len(series)} rows of track series "
          f"({series['track'].nunique()} tracks x {series['tick'].nunique()} years per run)\n")

    tracks = list(dict.fromkeys(series["track"]))  # in tracks.csv order
    rows = paired_table(troughs(result), args.kappa, tracks)
    cols = list(rows[0].keys())
    print("trough of yearly capacity utilisation, mean over seeds (paired differences: "
          "mean, and min..max over seeds)\n")
    print("| " + " | ".join(cols) + " |")
    print("|" + "---|" * len(cols))
    for r in rows:
        print("| " + " | ".join(v if isinstance(v, str) else f"{v:.3f}" for v in r.values()) + " |")

    # Mean yearly CU of each track under each kappa (over seeds).
    runs = result.summary[["run_id", "market.kappa"]]
    yearly = (series.merge(runs, on="run_id").assign(year=lambda d: d["tick"] // 4)
              .groupby(["market.kappa", "track", "year"], as_index=False)["cu"].mean())
    ncol = 4
    nrow = (len(tracks) + ncol - 1) // ncol
    fig, axes = plt.subplots(nrow, ncol, figsize=(3.2 * ncol, 2.4 * nrow), sharex=True,
                             sharey=True, squeeze=False)
    for ax, track in zip(axes.flat, tracks):
        for k, g in yearly[yearly["track"] == track].groupby("market.kappa"):
            ax.plot(g["year"], g["cu"], label=f"kappa {k:g}")
        ax.set_title(track, fontsize=9)
        ax.grid(alpha=0.3)
    for ax in list(axes.flat)[len(tracks):]:
        ax.axis("off")
    axes[0][0].legend(fontsize=8)
    fig.supxlabel("year")
    fig.supylabel("capacity utilisation (mean over seeds)")
    fig.suptitle("Per-track utilisation under each market.kappa (sweep track series)")
    fig.tight_layout()
    fig.savefig(args.png, dpi=110)
    print(f"\nfigure: {args.png}")


if __name__ == "__main__":
    main()
