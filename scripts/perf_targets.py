#!/usr/bin/python3
"""Measures every performance target of docs/performance.md and prints the tables.

Runs the Release binary (built here if missing) on the default and large worlds, reads the
firm counts from the outputs, measures memory bandwidth with the STREAM-style triad of
regsim_bench (if built, see scripts/bench.sh), and times one tick at 1x, 4x and 16x the default
numbers of cities and firms (fixed map, as in the model: a denser country; and fixed density: a
larger map), fitting the exponent of time per tick.

Usage:
  /usr/bin/python3 scripts/perf_targets.py [--build build/release] [--repeat 3] [--quick]
      [--bench build/bench/bench/regsim_bench] [--skip-large] [--skip-scaling]
      [--set KEY=VALUE ...]   (applied to every run: how candidate model settings are timed)
Wall times are the best of --repeat runs (the least disturbed by other load); user CPU and peak
memory come from the kernel's accounting of each child (wait4).
"""
import argparse
import csv
import math
import os
import re
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def run_once(cmd):
    """Runs cmd, returns (wall s, user s, peak RSS MiB, stdout)."""
    start = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    out, err = "", ""
    _, status, usage = os.wait4(p.pid, 0)
    wall = time.perf_counter() - start
    out = p.stdout.read()
    err = p.stderr.read()
    p.returncode = os.waitstatus_to_exitcode(status)
    if p.returncode != 0:
        sys.exit(f"command failed ({p.returncode}): {' '.join(cmd)}\n{err}")
    return wall, usage.ru_utime, usage.ru_maxrss / 1024.0, out


def best_of(cmd, repeat):
    runs = [run_once(cmd) for _ in range(repeat)]
    best = min(runs, key=lambda r: r[0])
    return best, runs


def firm_ticks(out_dir):
    with open(os.path.join(out_dir, "metrics.csv")) as f:
        return sum(int(r["firms"]) for r in csv.DictReader(f))


def profile_table(text):
    """Parses `regsim run --profile` output into {phase: ms per tick}."""
    rows = {}
    for line in text.splitlines():
        m = re.match(r"^(.*?)\s+([0-9.]+)\s+([0-9.]+)%\s+([0-9.]+)$", line)
        if m:
            rows[m.group(1).strip()] = float(m.group(4))
    return rows


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", default=os.path.join(ROOT, "build", "release"))
    ap.add_argument("--bench", default=os.path.join(ROOT, "build", "bench", "bench", "regsim_bench"))
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--skip-large", action="store_true")
    ap.add_argument("--skip-scaling", action="store_true")
    ap.add_argument("--scaling-years", type=int, default=10)
    ap.add_argument("--set", action="append", default=[], metavar="KEY=VALUE",
                    help="parameter override for every run (repeatable)")
    a = ap.parse_args()
    regsim = os.path.join(a.build, "apps", "regsim")
    sets = [x for kv in a.set for x in ("--set", kv)]
    if not os.path.exists(regsim):
        subprocess.run(["cmake", "--preset", "release"], cwd=ROOT, check=True)
        subprocess.run(["cmake", "--build", a.build, "--target", "regsim"], cwd=ROOT, check=True)
    tmp = tempfile.mkdtemp(prefix="regsim_perf_")
    print(f"binary: {regsim}" + (f"; settings: {' '.join(a.set)}" if a.set else ""))
    print(f"machine: {os.cpu_count()} cores; load average at start "
          f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}\n")

    print("| target | measured | goal | command |")
    print("|---|---|---|---|")
    out = os.path.join(tmp, "default")
    cmd = [regsim, "run", "--quiet", "--threads", "1", "--out", out] + sets
    (wall, user, rss, _), _ = best_of(cmd, max(a.repeat, 5))
    ft = firm_ticks(out)
    print(f"| default world, 1 thread | {wall:.3f} s wall ({user:.3f} s user), {rss:.0f} MiB, "
          f"{ft / 1e6:.2f} M firm-ticks | < 0.3 s | `regsim run --quiet --threads 1` |")
    large_ft_rate = None
    if not a.skip_large:
        large = os.path.join(ROOT, "experiments", "large.toml")
        res = {}
        for t in (1, 2):
            out = os.path.join(tmp, f"large{t}")
            cmd = [regsim, "run", large, "--quiet", "--threads", str(t), "--out", out] + sets
            (wall, user, rss, _), _ = best_of(cmd, a.repeat)
            res[t] = (wall, user, rss)
        ft = firm_ticks(os.path.join(tmp, "large1"))
        w1, u1, r1 = res[1]
        w2, u2, r2 = res[2]
        large_ft_rate = ft / w1
        print(f"| large world, 1 thread | {w1:.2f} s wall ({u1:.2f} s user) | < 10 s | "
              f"`regsim run experiments/large.toml --quiet --threads 1` |")
        print(f"| large world, 2 threads | {w2:.2f} s wall, speedup {w1 / w2:.2f}x | >= 1.7x | "
              f"`... --threads 2` |")
        print(f"| large world, peak memory | {max(r1, r2):.0f} MiB | < 1024 MiB | (wait4 ru_maxrss) |")
        print(f"| large world, throughput | {ft / 1e6:.1f} M firm-ticks in {w1:.2f} s = "
              f"{large_ft_rate / 1e6:.2f} M firm-ticks/s/core | >= 20 M | (firms summed over ticks "
              f"of metrics.csv / wall at 1 thread) |")
    if os.path.exists(a.bench):
        bench = subprocess.run([a.bench, "--benchmark_filter=bm_triad",
                                "--benchmark_format=csv"], capture_output=True, text=True,
                               check=True).stdout
        bw = {}
        for row in csv.DictReader(l for l in bench.splitlines() if not l.startswith("#")):
            if row.get("name", "").startswith("bm_triad"):
                bw[row["name"]] = float(row["bytes_per_second"])
        for name, v in sorted(bw.items()):
            print(f"| memory bandwidth, triad {name.split('/')[1].split('/')[0]} thread(s) | "
                  f"{v / 1e9:.1f} GB/s | (measured) | `regsim_bench --benchmark_filter=bm_triad` |")
    else:
        print(f"\n(no {a.bench}: run scripts/bench.sh --benchmark_filter=bm_triad for the "
              "bandwidth)")

    if a.skip_scaling:
        return
    print(f"\nTime per tick, 1 thread, {a.scaling_years} years, 12 tracks "
          "(best of --repeat runs; world construction excluded):\n")
    phases = ["market clearing", "knowledge", "investment & entry", "firm accounts",
              "exit & bailouts", "GDP", "metrics", "commissioning", "government plans"]
    for label, extent in (("fixed map (1,500 km square, the default)", lambda s: 1500.0),
                          ("fixed density (map side x sqrt(scale))",
                           lambda s: 1500.0 * math.sqrt(s))):
        print(f"**{label}**\n")
        print("| scale | cities | initial firms | mean firms | ms/tick | "
              + " | ".join(phases) + " |")
        print("|---" * (5 + len(phases)) + "|")
        per_tick = {}
        phase_ms = {}
        for s in (1, 4, 16):
            out = os.path.join(tmp, f"scale{s}")
            cmd = [regsim, "run", "--quiet", "--threads", "1", "--profile", "--out", out,
                   "--set", f"world.cities={100 * s}", "--set", f"world.initial_firms={4000 * s}",
                   "--set", f"world.years={a.scaling_years}",
                   "--set", f"world.extent_km={extent(s)}"] + sets
            (wall, user, rss, text), _ = best_of(cmd, a.repeat)
            prof = profile_table(text)
            ticks = 4 * a.scaling_years
            ms = (prof["total (wall)"] * ticks - prof["world construction"] * ticks) / ticks
            with open(os.path.join(out, "metrics.csv")) as f:
                firms = [int(r["firms"]) for r in csv.DictReader(f)]
            per_tick[s] = ms
            phase_ms[s] = prof
            print(f"| {s}x | {100 * s} | {4000 * s} | {sum(firms) / len(firms):.0f} | {ms:.2f} | "
                  + " | ".join(f"{prof.get(p, 0):.2f}" for p in phases) + " |")
        e = math.log(per_tick[16] / per_tick[1]) / math.log(16)
        print(f"\nexponent of time per tick, 1x -> 16x: **{e:.2f}**; by phase: "
              + ", ".join(f"{p} {math.log(max(phase_ms[16].get(p, 0), 1e-9) / max(phase_ms[1].get(p, 0), 1e-9)) / math.log(16):.2f}"
                          for p in phases) + "\n")


if __name__ == "__main__":
    main()
