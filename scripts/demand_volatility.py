#!/usr/bin/env python3
"""Detrended volatility of annual PV, battery and NEV demand: the evidence behind cycle_sd.

Usage: scripts/demand_volatility.py [--check] [--episode]
Prints, for each public series in docs/model.md section 4.5, the sd of log level around a fitted
log-linear (and log-quadratic) trend, with degrees of freedom n - (degree + 1), and the lag-1
autocorrelation of the residuals: the figures tracks.<name>.cycle_sd and cycle_rho are read from.
--check asserts that the figures quoted in docs/model.md are what these series give (a ctest).
--episode prints the dated home-demand multipliers of experiments/episodes/pv_battery_2022_24.toml:
each year's exp(residual) around the log-linear trend of the series extended to 2024.
Pure Python (no numpy), so it runs wherever the tests run.
"""
import math, sys

# (track, label, first year, values); None marks a year the source digest did not give.
SERIES = [
    ("pv", "China new PV installations, GW (NEA)", 2015,
     [15.1, 34.5, 52.8, 44.3, 30.1, 48.2, 53, 87.4, 216.9]),
    ("pv", "world new PV installations, GW (IEA)", 2012,
     [30.0, 38.4, 40.1, 50.9, 76.8, 99, 109, 121]),
    ("battery", "China power-battery installations, GWh (CABIA), 2020 left out", 2017,
     [36.4, 56.9, 62.2, None, 154.5, 294.6, 387.7]),
    ("battery", "China power-battery installations, GWh (CABIA), with 2020 = 63.6", 2017,
     [36.4, 56.9, 62.2, 63.6, 154.5, 294.6, 387.7]),
    ("ev", "China NEV sales, million (CAAM)", 2018, [1.25, 1.20, 1.35, 3.52, 6.89]),
]


# The episode's series: the PV and battery rows above (battery with 2020) plus 2024. PV: 277.17 GW
# (NEA, January 2025, via pv-tech). Batteries: 2023 x 1.392, the January-November 2024 growth of
# installations (CABIA via Gasgoo, December 2024) applied to the year, as the full year was not
# collected.
EPISODE = [("pv", 2015, SERIES[0][3] + [277.17]),
           ("battery", 2017, SERIES[3][3] + [round(387.7 * 1.392, 1)])]


def solve(a, b):
    """Gaussian elimination with partial pivoting for the small normal equations."""
    n = len(b)
    m = [row[:] + [b[i]] for i, row in enumerate(a)]
    for c in range(n):
        p = max(range(c, n), key=lambda r: abs(m[r][c]))
        m[c], m[p] = m[p], m[c]
        for r in range(c + 1, n):
            f = m[r][c] / m[c][c]
            for k in range(c, n + 1):
                m[r][k] -= f * m[c][k]
    x = [0.0] * n
    for r in reversed(range(n)):
        x[r] = (m[r][n] - sum(m[r][k] * x[k] for k in range(r + 1, n))) / m[r][r]
    return x


def residuals(years, logs, degree):
    """Residuals of a least-squares polynomial of the given degree in the year."""
    t0 = sum(years) / len(years)
    basis = [[(y - t0) ** d for d in range(degree + 1)] for y in years]
    ata = [[sum(row[i] * row[j] for row in basis) for j in range(degree + 1)]
           for i in range(degree + 1)]
    atb = [sum(row[i] * v for row, v in zip(basis, logs)) for i in range(degree + 1)]
    coef = solve(ata, atb)
    return [v - sum(c * b for c, b in zip(coef, row)) for row, v in zip(basis, logs)]


def stats(first, values, degree):
    pts = [(first + i, math.log(v)) for i, v in enumerate(values) if v is not None]
    years, logs = [p[0] for p in pts], [p[1] for p in pts]
    r = residuals(years, logs, degree)
    sd = math.sqrt(sum(e * e for e in r) / (len(r) - degree - 1))
    a, b = r[:-1], r[1:]  # lag-1 autocorrelation: Pearson correlation of consecutive pairs
    ma, mb = sum(a) / len(a), sum(b) / len(b)
    cov = sum((x - ma) * (y - mb) for x, y in zip(a, b))
    ac1 = cov / math.sqrt(sum((x - ma) ** 2 for x in a) * sum((y - mb) ** 2 for y in b))
    return sd, ac1


def table():
    rows = []
    for track, label, first, values in SERIES:
        lin, quad = stats(first, values, 1), stats(first, values, 2)
        rows.append((track, label, first, first + len(values) - 1, lin, quad))
    return rows


def episode():
    for track, first, values in EPISODE:
        years = list(range(first, first + len(values)))
        r = residuals(years, [math.log(v) for v in values], 1)
        print(track + ": " + ", ".join(f"{y} {math.exp(e):.3f}" for y, e in zip(years, r)))


def main():
    if "--episode" in sys.argv[1:]:
        episode()
        return 0
    rows = table()
    print("| track | series | years | sd (linear trend) | lag-1 | sd (quadratic trend) |")
    print("|---|---|---|---|---|---|")
    for track, label, y0, y1, lin, quad in rows:
        print(f"| {track} | {label} | {y0}-{y1} | {lin[0]:.3f} | {lin[1]:+.2f} | {quad[0]:.3f} |")
    if "--check" in sys.argv[1:]:
        got = {label: (lin, quad) for _, label, _, _, lin, quad in rows}
        quoted = [  # docs/model.md section 4.5: (series, linear sd, lag-1, quadratic sd or None)
            (SERIES[0][1], 0.42, 0.29, None), (SERIES[1][1], 0.10, 0.19, None),
            (SERIES[2][1], 0.15, -0.08, None), (SERIES[3][1], 0.28, None, 0.24),
            (SERIES[4][1], 0.38, None, 0.18)]
        bad = []
        for label, sd, ac, qsd in quoted:
            lin, quad = got[label]
            if abs(lin[0] - sd) > 0.005 or (ac is not None and abs(lin[1] - ac) > 0.005) or \
               (qsd is not None and abs(quad[0] - qsd) > 0.005):
                bad.append(label)
        if bad:
            print("figures quoted in docs/model.md differ for: " + "; ".join(bad))
            return 1
        print("docs/model.md figures reproduced")
    return 0


if __name__ == "__main__":
    sys.exit(main())
