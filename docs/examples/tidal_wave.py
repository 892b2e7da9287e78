"""Q2 of docs/findings.md ("tidal wave") from Python: the figure q2_tidal_wave.png, made in process.

Runs the baseline (low_altitude endorsed at year 8, world.years = 20) and the year-5 endorsement
(experiments/scenarios/q2_tidal_wave_year5.toml) for seeds 1..N with regsim.run, and draws the
share of cities listing low_altitude, its capacity utilisation and its price, one line per seed.
The same figure as scripts/findings/tidal_wave.py, without writing or parsing a CSV file.

    export PYTHONPATH=$PWD/build/release/python
    /usr/bin/python3 docs/examples/tidal_wave.py --seeds 10 --png out/q2_python.png

The cells between "# %%" lines are the cells of docs/examples/tidal_wave.ipynb.
"""
# %%
import argparse
import os

import matplotlib.pyplot as plt
import pandas as pd

import regsim

# The repository: two folders above this script (a notebook runs in its own folder).
HERE = os.path.dirname(os.path.abspath(__file__)) if "__file__" in globals() else os.getcwd()
ROOT = os.path.dirname(os.path.dirname(HERE))
BASELINE = os.path.join(ROOT, "experiments", "baseline.toml")
YEAR5 = os.path.join(ROOT, "experiments", "scenarios", "q2_tidal_wave_year5.toml")

args = argparse.ArgumentParser(description=__doc__.splitlines()[0])
args.add_argument("--seeds", type=int, default=10)
args.add_argument("--png", default="q2_tidal_wave_python.png")
a, _ = args.parse_known_args()  # (a notebook kernel passes arguments of its own)

# %%
# One run per seed and endorsement year; keep low_altitude's rows of tracks.csv as a DataFrame.
runs = []
for seed in range(1, a.seeds + 1):
    for year, config, sets in ((5, YEAR5, {}), (8, BASELINE, {"world.years": 20})):
        r = regsim.run(config, seed=seed, set=sets)
        la = r.tracks[r.tracks["track"] == "low_altitude"].assign(
            seed=seed, endorsed=year, year=lambda d: d["tick"] / 4,
            share=lambda d: d["cities_listing"] / r.cities["city"].nunique())
        runs.append(la)
low_altitude = pd.concat(runs, ignore_index=True)

# %%
# Headline numbers of the findings table: CU trough after the endorsement, peak listing share.
after = low_altitude[low_altitude["year"] >= low_altitude["endorsed"]]
per_seed = after.groupby(["endorsed", "seed"]).agg(cu_trough=("cu", "min"),
                                                   peak_share=("share", "max"))
print(per_seed.groupby("endorsed").mean().round(3))

# %%
fig, ax = plt.subplots(1, 3, figsize=(14, 3.8))
for year, color in ((5, "C3"), (8, "C0")):
    for seed, d in low_altitude[low_altitude["endorsed"] == year].groupby("seed"):
        label = f"announce year {year}" if seed == 1 else None
        year_end = d[d["tick"] % 4 == 3]  # the listing share at the end of each year
        ax[0].plot(range(len(year_end)), year_end["share"], color=color, alpha=0.35, label=label)
        ax[1].plot(d["year"], d["cu"], color=color, alpha=0.35, label=label)
        ax[2].plot(d["year"], d["price"], color=color, alpha=0.35, label=label)
    for k in range(3):
        ax[k].axvline(year, color=color, ls="--", lw=0.8)
ax[0].set_title("share of cities listing low_altitude (end of year)", fontsize=9)
ax[1].set_title("low_altitude capacity utilisation", fontsize=9)
ax[1].axhline(0.7, color="grey", lw=0.6)
ax[2].set_title("low_altitude price", fontsize=9)
for k in range(3):
    ax[k].set_xlabel("year")
    ax[k].legend(fontsize=7)
fig.suptitle(f"Q2 tidal wave from Python: one line per seed ({a.seeds} seeds), "
             "dashed = announcement", fontsize=9)
fig.tight_layout()
fig.savefig(a.png, dpi=110)
print("wrote", a.png)
