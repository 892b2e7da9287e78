"""Q2 of docs/findings.md ("tidal wave") from Python: the figure q2_tidal_wave.png, made in process.

Runs the baseline (low_altitude endorsed at year 8, world.years = 20) and the year-5 endorsement
(experiments/scenarios/q2_tidal_wave_year5.toml) for seeds 1..N with regsim.run, and draws the
share of cities listing low_altitude, its capacity utilisation and its price, one line per seed.
The same numbers and figure as scripts/findings/tidal_wave.py (its stats and draw, imported),
without writing or parsing a CSV file.

    export PYTHONPATH=$PWD/build/release/python
    /usr/bin/python3 docs/examples/tidal_wave.py --seeds 10 --png out/q2_python.png

The cells between "# %%" lines are the cells of docs/examples/tidal_wave.ipynb.
"""
# %%
import argparse
import importlib.util
import os

import pandas as pd

import regsim

# The repository: two folders above this script (a notebook runs in its own folder).
HERE = os.path.dirname(os.path.abspath(__file__)) if "__file__" in globals() else os.getcwd()
ROOT = os.path.dirname(os.path.dirname(HERE))
# The figures and the figure of scripts/findings/tidal_wave.py, one definition for both.
_spec = importlib.util.spec_from_file_location(
    "q2_findings", os.path.join(ROOT, "scripts", "findings", "tidal_wave.py"))
q2 = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(q2)

args = argparse.ArgumentParser(description=__doc__.splitlines()[0])
args.add_argument("--seeds", type=int, default=10)
args.add_argument("--png", default="q2_tidal_wave_python.png")
a, _ = args.parse_known_args()  # (a notebook kernel passes arguments of its own)

# %%
# One run per seed and announcement year, in process; the findings script's figures of each
# run's tracks table (tracks.csv as a DataFrame, rows as dicts).
res = {year: [] for year in q2.CONFIGS}
for seed in range(1, a.seeds + 1):
    for year, (config, sets) in q2.CONFIGS.items():
        r = regsim.run(os.path.join(ROOT, config), seed=seed, set=sets)
        res[year].append(q2.stats(r.tracks.to_dict("records"), r.cities["city"].nunique(), year))

# %%
# Headline numbers of the findings table: CU trough after the announcement, peak listing share.
per_seed = pd.DataFrame([{"endorsed": year, "seed": i + 1, "cu_trough": s["cu_trough"],
                          "peak_share": s["peak_share"]}
                         for year, runs in sorted(res.items()) for i, s in enumerate(runs)])
print(per_seed.groupby("endorsed")[["cu_trough", "peak_share"]].mean().round(3))

# %%
q2.draw(res, a.png, f"Q2 tidal wave from Python: one line per seed ({a.seeds} seeds), "
        "dashed = announcement")
