"""regsim from Python: runs, a stepped model and sweeps, with results as pandas DataFrames.

    import regsim
    r = regsim.run(seed=1, set={"world.years": 3})
    r.metrics.tail()

See docs/python.md for the whole API.
"""

import decimal
import json
import os
import sys
import warnings

_HINT = ("regsim is built for Debian's /usr/bin/python3 with python3-pandas (docs/python.md); "
         f"this is {sys.executable} (Python {sys.version.split()[0]}). Run /usr/bin/python3, or "
         "build for this interpreter with cmake -DPython3_EXECUTABLE=" + sys.executable)
try:
    import pandas as pd
except ModuleNotFoundError as e:
    raise ModuleNotFoundError(f"regsim needs pandas, which this Python lacks. {_HINT}") from e
try:
    from . import _regsim
except ImportError as e:
    raise ImportError(f"regsim's compiled module does not load here ({e}). {_HINT}") from e
from ._errors import ConfigError  # noqa: E402

ConfigError.__module__ = "regsim"  # shown as regsim.ConfigError in tracebacks

__all__ = ["run", "Model", "Result", "sweep", "read_sweep", "SweepResult", "params",
           "ConfigError", "__version__"]
__version__ = _regsim.version()


def _value_text(key, value):
    """The text of one override as regsim's --set reads it, keeping the Python type."""
    if hasattr(value, "item") and hasattr(value, "dtype"):  # numpy scalar
        value = value.item()
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return repr(value)  # shortest round trip; always a float to the reader
    if isinstance(value, str):
        return '"' + value + '"'
    raise TypeError(f"{key}: expected a bool, int, float or str, got {type(value).__name__}")


def _overrides(seed, settings):
    out = []
    for key, value in (settings or {}).items():
        out.append(f"{key}={_value_text(key, value)}")
    if seed is not None:
        out.append(f"world.seed={_value_text('world.seed', seed)}")
    return out


def _config_path(config):
    return None if config is None else os.fspath(config)


def _frame(columns):
    """A DataFrame from the core's (name, numpy array) pairs, in column order."""
    return pd.DataFrame({name: values for name, values in columns})


class Result:
    """What regsim.run returns: every output table as a DataFrame, the manifest and summary.

    The tables hold exactly the values of the CSV files ``regsim run`` writes (the same text,
    read back as pandas.read_csv(..., float_precision="round_trip") reads it).
    """

    def __init__(self, raw):
        tables = raw["tables"]
        self.metrics = _frame(tables["metrics"])  #: one row per tick (metrics.csv)
        self.tracks = _frame(tables["tracks"])  #: one row per tick and track (tracks.csv)
        self.cities = _frame(tables["cities"])  #: one row per city and year (cities.csv)
        self.cells = _frame(tables["cells"])  #: one row per city, track and year (cells.csv)
        #: one row per live firm and collection period (firms.csv), None unless asked for
        self.firms = _frame(tables["firms"]) if tables["firms"] else None
        self.nodes = _frame(tables["nodes"])  #: one row per city of the graph (nodes.csv)
        self.graph = _frame(tables["graph"])  #: one row per linked pair of cities (graph.csv)
        self.manifest = json.loads(raw["manifest"])  #: manifest.json as a dict
        self.summary = raw["summary"]  #: the figures the command line prints

    def __repr__(self):
        return "regsim.Result\n" + self.summary["text"]


def _with_firms(settings, firms):
    """Adds the output.firms keys for firms=True (every 4 ticks) or firms=N (every N ticks)."""
    if not firms:
        return settings
    out = dict(settings or {})
    out["output.firms"] = True
    if firms is not True:
        out["output.firms_every"] = int(firms)
    return out


def run(config=None, seed=None, set=None, threads=None, out=None, firms=False):
    """Runs one experiment to the end in this process and returns a Result.

    config: a run config (TOML) path; None runs the embedded default (experiments/baseline.toml).
    seed: world.seed (every run needs one, here or in the config).
    set: {"key": value} overrides, as ``--set key=value`` (e.g. {"market.kappa": 0.0}).
    threads: worker threads inside the run (default: all cores; results do not depend on it).
    out: also write the CSV files and manifest.json to this directory, as ``regsim run --out``.
    firms: True keeps firms.csv (every live firm at the last quarter of each year), an integer N
    every N ticks (the same as set={"output.firms": True, "output.firms_every": N}).
    The model runs without holding the GIL; Ctrl-C stops it between two ticks.
    """
    overrides = _overrides(seed, _with_firms(set, firms))
    argv = ["regsim.run"] + ([_config_path(config)] if config is not None else [])
    for o in overrides:
        argv += ["--set", o]
    raw = _regsim.run(_config_path(config), overrides, int(threads or 0),
                      os.fspath(out) if out is not None else "", argv)
    return Result(raw)


class Model:
    """A model stepped from Python, for notebooks: step, change levers, look at the tables.

        m = regsim.Model(seed=1)
        m.step(40)                      # ten years
        m.set("market.kappa", 0.0)      # applied at the start of the next tick
        m.step(40)
        m.metrics().plot(x="tick", y="cu")

    set() sends the same parameter changes the live view sends: they are applied between ticks
    and logged in applied(). Before the first step, set() changes the setting the world is
    built with instead (exactly as set={...} in the constructor).
    """

    def __init__(self, config=None, seed=None, set=None, threads=None, firms=False):
        self._m = _regsim.SteppedModel(_config_path(config),
                                       _overrides(seed, _with_firms(set, firms)), int(threads or 0))

    def step(self, n=1):
        """Runs n ticks (quarters); returns the model. Raises ValueError past the run's end."""
        self._m.step(int(n))
        return self

    def set(self, key, value):
        """Changes a parameter from the next tick on; a bad key or value raises ConfigError."""
        self._m.set(key, value)

    def get(self, key):
        """The value of a parameter in force now (changes from set() apply at the next step)."""
        return self._m.get(key)

    @property
    def tick(self):
        """Ticks run so far (the next tick's index)."""
        return self._m.tick

    @property
    def year(self):
        return self._m.tick // 4

    @property
    def total_ticks(self):
        return self._m.total_ticks

    @property
    def finished(self):
        return self._m.tick >= self._m.total_ticks

    def state_hash(self):
        """The hash of the whole state (manifest.json's final_state_hash at the end)."""
        return f"{self._m.state_hash():016x}"

    def save(self, path):
        """Saves the whole state (tables so far and pending changes included) to `path`,
        atomically, in the format of `regsim run --save-state`; regsim.Model.load(path) or
        `regsim run --from path` continue it."""
        self._m.save(os.fspath(path))

    @classmethod
    def load(cls, path, threads=None):
        """The model saved in `path` (Model.save or regsim run --save-state); it continues
        exactly as the saved one would have. A truncated, corrupted or other-version file raises
        ConfigError."""
        m = cls.__new__(cls)
        m._m = _regsim.SteppedModel.load(os.fspath(path), int(threads or 0))
        return m

    def copy(self):
        """A branch: a model at this point (tables and pending changes included) that
        continues exactly as this one would, with its own set() from now on."""
        m = type(self).__new__(type(self))
        m._m = self._m.copy()
        return m

    def pending(self):
        """Changes set() has queued for the next tick, as (key, value) pairs."""
        return self._m.pending()

    def applied(self):
        """Every change applied so far (schedule and set()), as (tick, key, value) triples."""
        return self._m.applied()

    def metrics(self):
        """metrics.csv so far: one row per tick run."""
        return _frame(self._m.table("metrics"))

    def tracks(self):
        """tracks.csv so far: one row per tick and track."""
        return _frame(self._m.table("tracks"))

    def cities(self):
        """cities.csv so far: one row per city and completed year."""
        return _frame(self._m.table("cities"))

    def cells(self):
        """cells.csv so far: one row per city, track and completed year."""
        return _frame(self._m.table("cells"))

    def firms(self):
        """firms.csv so far (a Model built with firms=True or N); None otherwise."""
        text = self._m.table("firms")
        return _frame(text) if text else None

    def nodes(self):
        """nodes.csv: the cities of the graph (position, province, zone, size)."""
        return _frame(self._m.table("nodes"))

    def graph(self):
        """graph.csv: linked pairs of cities (edge length, graph distance, spillover weight)."""
        return _frame(self._m.table("graph"))

    def __repr__(self):
        return f"regsim.Model(tick {self.tick} of {self.total_ticks})"


def _integer_text(x):
    """Whether the sweep's CSV export writes x as an integer (the shortest text that reads back
    to x, as C++ std::to_chars: fixed unless scientific is shorter), so read_csv makes the column
    int64 when every cell is one."""
    if x != x or x in (float("inf"), float("-inf")) or x != round(x):
        return False
    t = decimal.Decimal(repr(abs(x))).normalize().as_tuple()  # shortest digits, as to_chars
    n, e = len(t.digits), t.exponent
    return e >= 0 and n + e <= n + (n > 1) + 2 + max(2, len(str(n + e - 1)))


class SweepResult:
    """The tables of a sweep directory as DataFrames (None where the sweep has none)."""

    def __init__(self, directory):
        d = os.fspath(directory)

        def read(*parts):
            path = os.path.join(d, *parts)
            return pd.read_csv(path, float_precision="round_trip") if os.path.exists(path) else None

        self.directory = d
        self.summary = read("summary.csv")  #: one row per run: factors, seed, summary metrics
        self.series = read("series.csv")  #: per-tick national metrics, when the sweep kept them
        self._track_series = None  # read on first use: the file can be large
        self.scenario_means = read("analysis", "scenario_means.csv")
        self.factor_means = read("analysis", "factor_means.csv")
        self.paired = read("analysis", "paired_differences.csv")  #: grid/oat with paired seeds
        self.sobol = read("analysis", "sobol_indices.csv")  #: sobol designs

    @property
    def track_series(self):
        """Per-tick, per-track metrics (track_series.csv: run_id, tick, track and the kept
        columns of tracks.csv), when the sweep kept them; None otherwise. Read on first use."""
        if self._track_series is None:
            path = os.path.join(self.directory, "track_series.csv")
            if os.path.exists(path):
                self._track_series = pd.read_csv(path, float_precision="round_trip")
        return self._track_series

    def track_rows(self, runs=None, tracks=None, metrics=None, ticks=None):
        """Part of the track series, selected in the store (results.sqlite) without reading the
        whole table: rows of the given run ids, track names and ticks (None: all), columns
        run_id, tick, track and the given metrics (None: every kept one). The values and types
        are those of the same rows of track_series; works on a sweep still running."""
        import sqlite3
        db = sqlite3.connect(os.path.join(self.directory, "results.sqlite"))
        try:
            kept = [r[1] for r in db.execute("PRAGMA table_info(track_series)")][4:]
            if not kept:
                raise ValueError(f"{self.directory}: the sweep kept no track series "
                                 "([outputs] tracks = true)")
            for m in metrics or []:
                if m not in kept:
                    raise ValueError(f"{m!r} is not a kept track metric (kept: {', '.join(kept)})")
            where, args = [], []
            for column, values in (("run_id", runs), ("track", tracks), ("tick", ticks)):
                if values is not None:
                    if isinstance(values, (str, int)):
                        values = [values]
                    values = [v.item() if hasattr(v, "item") else v for v in values]
                    where.append(f"{column} IN ({', '.join('?' * len(values))})")
                    args += values
            names = list(metrics) if metrics is not None else kept
            sql = ("SELECT run_id, tick, track" + "".join(f', "{m}"' for m in names) +
                   " FROM track_series" + (" WHERE " + " AND ".join(where) if where else "") +
                   " ORDER BY run_id, tick, track_index")
            frame = pd.read_sql_query(sql, db, params=args)
        finally:
            db.close()
        for m in names:
            col = frame[m].astype(float)
            frame[m] = col.astype("int64") if len(col) and col.map(_integer_text).all() else col
        return frame

    def __repr__(self):
        n = 0 if self.summary is None else len(self.summary)
        return f"regsim.SweepResult({self.directory!r}, {n} runs)"


def read_sweep(directory):
    """Reads a sweep directory; runs the analysis tables first if they are missing (no plots)."""
    d = os.fspath(directory)
    if not os.path.exists(os.path.join(d, "analysis", "scenario_means.csv")):
        _regsim.analyze(d, False, True)
    return SweepResult(d)


def sweep(spec, out, jobs=None, set=None, resume=False, retry_failed=False, quiet=True):
    """Runs a sweep file (docs/experiments.md) into the directory `out`, as ``regsim sweep``.

    jobs: runs at once (default: all cores). set: overrides for every run. resume: continue a
    sweep killed earlier. Returns read_sweep(out); warns when some runs failed.
    """
    code = _regsim.sweep(os.fspath(spec), _overrides(None, set), os.fspath(out), int(jobs or 0),
                         bool(resume), bool(retry_failed), bool(quiet))
    result = read_sweep(out)
    if code != 0:
        warnings.warn(f"some runs of the sweep failed; see the 'error' column of {out}/summary.csv")
    return result


def params():
    """Every configuration key with its default, range, whether it can change during a run and
    its meaning (``regsim params``), as a DataFrame."""
    return pd.DataFrame(_regsim.params())
