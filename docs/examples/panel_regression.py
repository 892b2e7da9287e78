"""A panel regression on cells.csv (city x track x year) that the national and per-track series
could not support: does a city's capacity on a track grow faster when the city lists the track,
when it is endowed for it, and when its neighbours list it?

    growth_{ik,t+1} = log(1 + K_{ik,t+1}) - log(1 + K_{ik,t})
                    = b1 listed_{ik,t} + b2 neighbours_listing_{ik,t} + b3 log_endowment_{ik}
                      + b4 log_knowledge_{ik,t} + b5 log(1 + K_{ik,t}) + track x year effects + e

neighbours_listing is the spillover-weighted share of the other cities listing k (weights from
graph.csv, rows normalised), standard errors clustered by city. The track x year (x seed) effects
are absorbed by demeaning within groups: the coefficients are those of the dummy regression; the
standard errors' small-sample factor does not count the absorbed effects (0.3% smaller with 3
seeds x 20 years). OLS from statsmodels (Debian's
python3-statsmodels); a binned figure of growth against neighbours' listing.

    export PYTHONPATH=$PWD/build/release/python
    /usr/bin/python3 docs/examples/panel_regression.py --seeds 3 --png out/panel.png
"""
import argparse

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import statsmodels.formula.api as smf  # noqa: E402

import regsim  # noqa: E402


def panel(result, seed):
    """One run's cells with next year's capacity growth and the neighbours' listing share."""
    cells = result.cells.copy()
    graph = result.graph[result.graph["weight"] > 0]
    # Spatial lag: row-normalised spillover weights times the other cities' listing dummies.
    w = graph.assign(w=graph["weight"] / graph.groupby("from")["weight"].transform("sum"))
    listed = cells[["year", "city", "track", "listed"]].rename(columns={"city": "to"})
    lag = (w[["from", "to", "w"]].merge(listed, on="to")
           .assign(x=lambda d: d["w"] * d["listed"])
           .groupby(["year", "from", "track"], as_index=False)["x"].sum()
           .rename(columns={"from": "city", "x": "neighbours_listing"}))
    cells = cells.merge(lag, on=["year", "city", "track"], how="left")
    cells["neighbours_listing"] = cells["neighbours_listing"].fillna(0.0)
    cells["log_cap"] = np.log1p(cells["capacity"])
    nxt = cells[["year", "city", "track", "log_cap"]].assign(year=lambda d: d["year"] - 1)
    cells = cells.merge(nxt.rename(columns={"log_cap": "log_cap_next"}),
                        on=["year", "city", "track"])
    cells["growth"] = cells["log_cap_next"] - cells["log_cap"]
    cells["seed"] = seed
    cells["city_id"] = cells["city"].astype(str) + "/" + str(seed)
    return cells


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seeds", type=int, default=3)
    ap.add_argument("--years", type=int, default=20)
    ap.add_argument("--set", action="append", default=[], metavar="KEY=VALUE")
    ap.add_argument("--png", default="panel_regression.png")
    a = ap.parse_args()
    sets = {"world.years": a.years}
    for kv in a.set:
        key, value = kv.split("=", 1)
        sets[key] = type(regsim.params().set_index("key").loc[key, "default"])(value)
    data = pd.concat([panel(regsim.run(seed=s, set=sets), s) for s in range(1, a.seeds + 1)],
                     ignore_index=True)
    # Track x year x seed effects absorbed by demeaning within each group (Frisch-Waugh: the
    # same coefficients as with the dummies, in seconds instead of minutes).
    rows = ["listed", "neighbours_listing", "log_endowment", "log_knowledge", "log_cap"]
    group = data.groupby(["track", "year", "seed"])
    within = data[["growth"] + rows] - group[["growth"] + rows].transform("mean")
    fit = smf.ols("growth ~ 0 + " + " + ".join(rows), data=within).fit(
        cov_type="cluster", cov_kwds={"groups": data["city_id"]})
    print(f"{len(data)} city-track-years, {data['city_id'].nunique()} cities "
          f"({a.seeds} seeds), within R2 {fit.rsquared:.3f}; track x year x seed effects, "
          "errors clustered by city")
    print("| regressor | coefficient | std. error | 95% interval |")
    print("|---|---|---|---|")
    ci = fit.conf_int()
    for r in rows:
        print(f"| {r} | {fit.params[r]:+.4f} | {fit.bse[r]:.4f} | "
              f"[{ci.loc[r, 0]:+.4f}, {ci.loc[r, 1]:+.4f}] |")

    bins = np.linspace(0, 1, 11)
    data["bin"] = pd.cut(data["neighbours_listing"], bins, include_lowest=True)
    fig, ax = plt.subplots(figsize=(6.5, 4))
    for flag, color, label in ((1, "C3", "city lists the track"), (0, "C0", "city does not")):
        g = data[data["listed"] == flag].groupby("bin", observed=True)["growth"]
        mid = [b.mid for b in g.mean().index]
        ax.errorbar(mid, g.mean(), yerr=1.96 * g.sem(), color=color, marker="o", ms=4,
                    capsize=2, label=f"{label} (n = {int(g.count().sum())})")
    ax.axhline(0, color="grey", lw=0.6)
    ax.set_xlabel("neighbours' listing share (spillover-weighted), year t")
    ax.set_ylabel("capacity growth t -> t+1 (log points)")
    ax.set_title(f"cells.csv panel: {a.seeds} seeds x {a.years} years, default world",
                 fontsize=9)
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(a.png, dpi=110)
    print("wrote", a.png)


if __name__ == "__main__":
    main()
