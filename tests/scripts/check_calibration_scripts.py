#!/usr/bin/env python3
"""Checks scripts/calibration.py and scripts/episodes.py: hand-worked moments on synthetic rows,
then both scripts end to end on two seeds (calibration) and one seed of one episode.

Usage: check_calibration_scripts.py REGSIM_BINARY   (run by ctest as scripts_calibration)
"""
import json, os, subprocess, sys, tempfile

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
sys.path.insert(0, os.path.join(ROOT, "scripts"))
import calibration as C  # noqa: E402


def check(cond, what):
    if not cond:
        print("FAILED:", what)
        sys.exit(1)


def quarters(track, per_year):
    """tracks.csv-like rows: four equal quarters per year from a list of dicts of columns."""
    return [dict(track=track, **{k: str(v) for k, v in y.items()}) for y in per_year for _ in range(4)]


def unit_tests():
    # Largest 3-year fall: prices 1, 0.9, 0.5, 0.6, 0.8 -> from 1 down to 0.5 = 0.5.
    check(abs(C.largest_fall([1, 0.9, 0.5, 0.6, 0.8]) - 0.5) < 1e-12, "largest_fall")
    # Normal years: 30 years, national CU 0.8 except 0.6 in years 10-11, where track b (half the
    # capacity) is at 0.5 < 0.62: those two years are not normal, so the mean is 0.8 over 23.
    years = range(30)
    m = [dict(cu=str(0.6 if y in (10, 11) else 0.8), capacity="10") for y in years for _ in range(4)]
    t = quarters("a", [dict(cu=0.9, capacity=5) for y in years]) + quarters(
        "b", [dict(cu=0.5 if y in (10, 11) else 0.8, capacity=5) for y in years])
    mean, n = C.national_cu_normal(m, t)
    check(n == 23 and abs(mean - 0.8) < 1e-12, f"national_cu_normal {mean} {n}")
    # Glut: battery dips to 0.55 in years 6-7 (window 6-8), pv never below 0.7; price / cash cost
    # lowest 0.9 in year 7, loss share highest 0.7 in year 8.
    def year(y, cu, pc, loss):
        return dict(cu=cu, price=pc, cash_cost=1.0, loss_share=loss)
    pv = quarters("pv", [year(y, 0.7, 1.5, 0.3) for y in years])
    bat = quarters("battery", [year(y, 0.55 if y in (6, 7) else 0.8, 0.9 if y == 7 else 1.2,
                                    0.7 if y == 8 else 0.4) for y in years])
    trough, pc, loss = C.glut(pv + bat)
    check((trough, pc, loss) == (0.55, 0.9, 0.7), f"glut {trough} {pc} {loss}")
    # Longest run below 0.6: 0.5 | 0.7 | 0.5 0.5 0.55 | 0.6 (not below) | 0.4 -> 3.
    check(C.longest_spell([0.5, 0.7, 0.5, 0.5, 0.55, 0.6, 0.4], 0.6) == 3, "longest_spell")
    check(C.longest_spell([0.7, 0.8], 0.6) == 0, "longest_spell none")
    # China: capacity 10 at the end of year 7 (pipeline 0), 8 at the end of year 9 with 12 under
    # construction, 20 in the first quarter of year 10: in operation 0.8, committed 2.0, at two
    # years 2.0.
    la = [dict(track="low_altitude", capacity="10", pipeline="0", cities_listing="0", entries="0")
          for _ in range(4 * 8)]
    la += [dict(track="low_altitude", capacity="8", pipeline="12", cities_listing="120",
                entries="3") for _ in range(4 * 2)]
    la += [dict(track="low_altitude", capacity="20", pipeline="0", cities_listing="150",
                entries="0") for _ in range(4)]
    ch = C.moments_china(la, [])
    check((ch["china_listing"], ch["china_entries"], ch["china_entries_y0"]) == (120, 24, 0),
          f"china listing {ch}")
    check(abs(ch["china_capacity"] - 0.8) < 1e-12 and abs(ch["china_committed"] - 2.0) < 1e-12
          and abs(ch["china_capacity_y10"] - 2.0) < 1e-12, f"china capacity {ch}")
    # Verdicts: inside() with open sides.
    check(C.inside(0.5, None, 0.62) and not C.inside(0.7, None, 0.62) and C.inside(120, 100, None),
          "inside")


def end_to_end(regsim):
    with tempfile.TemporaryDirectory() as tmp:
        js = os.path.join(tmp, "cal.json")
        out = subprocess.run([sys.executable, os.path.join(ROOT, "scripts", "calibration.py"),
                              "--regsim", regsim, "--seeds", "2", "--jobs", "2", "--json", js],
                             check=True, capture_output=True, text=True).stdout
        rows = [l for l in out.splitlines() if l.startswith("| ") and not l.startswith("| target")]
        check(len(rows) == len(C.TARGETS) == 20, f"{len(rows)} target rows")
        check(all(l.rstrip().endswith(("| met |", "| **missed** |")) for l in rows), "verdicts")
        check("targets met" in out, "summary line")
        data = json.load(open(js))
        check(len(data["results"]) == 2, "two seeds in the json")
        for r in data["results"]:
            check(all(k in r for k, *_ in C.TARGETS), "every moment per seed")
        one = subprocess.run([sys.executable, os.path.join(ROOT, "scripts", "calibration.py"),
                              "--regsim", regsim, "--seeds", "1", "--world", "default"],
                             check=True, capture_output=True, text=True).stdout
        rows = [l for l in one.splitlines() if l.startswith("| ") and not l.startswith("| target")]
        china = [t for t in C.TARGETS if t[0].startswith(("china", "sim_", "trade"))]
        check(len(rows) == len(C.TARGETS) - len(china) and "China" not in one, "--world default")
        ch = subprocess.run([sys.executable, os.path.join(ROOT, "scripts", "calibration.py"),
                             "--regsim", regsim, "--seeds", "1", "--world", "china"],
                            check=True, capture_output=True, text=True).stdout
        rows = [l for l in ch.splitlines() if l.startswith("| ") and not l.startswith("| target")]
        check(len(rows) == 2 and "China: low_altitude entrants" in ch, "--world china")
        ep = subprocess.run([sys.executable, os.path.join(ROOT, "scripts", "episodes.py"),
                             "--regsim", regsim, "--seeds", "1", "--only", "low_altitude_2024_25"],
                            check=True, capture_output=True, text=True).stdout
        check(all(f"| {y} |" in ep for y in range(2022, 2028)), "episode years 2022-2027")
        check("provinces with a city listing low_altitude" in ep, "episode provinces line")


if __name__ == "__main__":
    unit_tests()
    end_to_end(os.path.abspath(sys.argv[1]))
    print("ok")
