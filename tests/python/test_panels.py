"""Panels (cells.csv, firms.csv, nodes.csv, graph.csv) add up to the aggregates they refine."""
import numpy as np
import pandas as pd
import pytest

import regsim
from conftest import cli_sets, read_table, run_cli, small


@pytest.fixture(scope="module")
def result():
    return regsim.run(seed=6, set=small(**{"world.years": 4}), firms=True)


def year_end(tracks):
    """tracks.csv rows of each year's last quarter, with the year."""
    last = tracks[tracks["tick"] % 4 == 3].copy()
    last["year"] = last["tick"] // 4
    return last.set_index(["year", "track"])


def test_cells_cover_every_city_track_and_year(result):
    cells = result.cells
    assert len(cells) == 4 * 24 * 12
    assert not cells.duplicated(["year", "city", "track"]).any()


def test_cells_add_up_to_the_tracks(result):
    cells = result.cells.groupby(["year", "track"]).sum(numeric_only=True)
    last = year_end(result.tracks).loc[cells.index]
    assert np.allclose(cells["capacity"], last["capacity"], rtol=1e-8, atol=1e-8)
    assert np.allclose(cells["output"], last["output"], rtol=1e-8, atol=1e-8)
    assert (cells["firms"] == last["firms"]).all()
    yearly = result.tracks.assign(year=result.tracks["tick"] // 4)
    yearly = yearly.groupby(["year", "track"])[["entries", "exits", "subsidies"]].sum()
    yearly = yearly.loc[cells.index]
    assert (cells["entries"] == yearly["entries"]).all()
    assert (cells["exits"] == yearly["exits"]).all()
    assert np.allclose(cells["subsidies"], yearly["subsidies"], rtol=1e-8, atol=1e-6)
    zombie_share = last["zombie_share"]
    assert np.allclose(cells["zombies"] / cells["firms"].clip(lower=1),
                       zombie_share.where(cells["firms"] > 0, 0.0), atol=1e-9)


def test_cell_subsidies_add_up_to_the_cities(result):
    by_city = result.cells.groupby(["year", "city"])["subsidies"].sum()
    cities = result.cities.set_index(["year", "city"])["subsidies"].loc[by_city.index]
    assert np.allclose(by_city, cities, rtol=1e-8, atol=1e-6)


def test_listed_cells_match_the_priority_lists(result):
    cities = result.cities.set_index(["year", "city"])
    for (year, city), group in result.cells.groupby(["year", "city"]):
        listed = set(group.loc[group["listed"] == 1, "track"])
        text = cities.loc[(year, city), "priority_tracks"]
        assert listed == (set(text.split(";")) if isinstance(text, str) else set())


def test_firms_at_each_year_end_add_up(result):
    firms = result.firms
    assert sorted(firms["tick"].unique()) == [3, 7, 11, 15]
    counts = firms.groupby("tick").size()
    metrics = result.metrics.set_index("tick")["firms"].loc[counts.index]
    assert (counts == metrics).all()
    # Capacity in tracks.csv is that of the quarter's clearing, before the quarter's exits.
    cap = firms.groupby(["tick", "track"])["capacity"].sum()
    tracks = result.tracks.set_index(["tick", "track"])["capacity"].loc[cap.index]
    exits = result.tracks.set_index(["tick", "track"])["exits"].loc[cap.index]
    assert (cap <= tracks * (1 + 1e-9) + 1e-9).all()
    # Without exits only depreciation separates them; a shake-out (a price war in a glutted track
    # under the default Cournot conduct) can retire more than a tenth in one quarter.
    assert ((cap >= 0.9 * tracks) | (exits > 0)).all()
    assert set(firms["zombie"].unique()) <= {0, 1} and set(firms["mobile"].unique()) <= {0, 1}


def test_firms_every_n_ticks_and_off_by_default():
    r = regsim.run(seed=6, set=small(), firms=2)
    assert sorted(r.firms["tick"].unique()) == [1, 3, 5, 7, 9, 11]
    assert regsim.run(seed=6, set=small()).firms is None


def test_graph_and_nodes(result):
    nodes, graph = result.nodes, result.graph
    assert list(nodes["city"]) == list(range(24))
    assert set(nodes["name"]) == set(result.cities["name"])
    pairs = set(zip(graph["from"], graph["to"]))
    assert all((b, a) in pairs for a, b in pairs)  # the graph is undirected
    assert (graph["from"] != graph["to"]).all()
    edges = graph.dropna(subset=["edge_km"])
    assert len(edges) > 0 and (edges["edge_km"] > 0).all()
    near = graph.dropna(subset=["distance_km"])
    assert ((near["weight"] > 0) & (near["weight"] <= 1)).all()
    weights = graph.set_index(["from", "to"])["weight"]
    flipped = weights.copy()
    flipped.index = flipped.index.swaplevel()
    assert np.allclose(weights.sort_index(), flipped.sort_index())


def test_the_cli_writes_the_same_panels(result, regsim_binary, tmp_path):
    done = run_cli(regsim_binary, "run", "--out", str(tmp_path), "--seed", "6", "--quiet",
                   "--firms", *cli_sets(small(**{"world.years": 4})))
    assert done.returncode == 0, done.stderr
    for name in ("cells", "firms", "nodes", "graph"):
        pd.testing.assert_frame_equal(getattr(result, name), read_table(tmp_path / f"{name}.csv"),
                                      check_exact=True)
