#!/usr/bin/env python3
# Hostile-input campaign against the regsim command line: every config key at bad values (NaN,
# inf, out of range, wrong types, huge strings), TOML syntax abuse, schedules, sweep files, map
# files, classroom logs, special files and command-line arguments. Each input must exit 2 with a
# message naming the file, line and key (or the option), in bounded time, without a crash, a
# sanitizer report or a byte written to the output directory. --extremes also runs every numeric
# key at both ends of its range in a small world: exit 0 without NaN or inf in any output, or
# exit 2 naming the key. The classroom server gets hostile HTTP requests (hostile_classroom.py).
# Usage: campaign.py REGSIM [--extremes] [--only GROUP] [--jobs N]
import argparse
import concurrent.futures
import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile

import hostile_cases as cases
import hostile_classroom

CRASH_SIGNS = ("AddressSanitizer", "LeakSanitizer", "runtime error:", "terminate called",
               "Segmentation fault", "core dumped", "Assertion", "std::bad_alloc")
MAX_STDERR = 64 * 1024


def tree_digest(path):
    """A digest of every name and byte under path (None when it does not exist)."""
    if not os.path.lexists(path):
        return None
    h = hashlib.sha256()
    for root, dirs, files in os.walk(path):
        dirs.sort()
        for name in sorted(files):
            p = os.path.join(root, name)
            h.update(os.path.relpath(p, path).encode())
            if os.path.isfile(p) and not os.path.islink(p):
                with open(p, "rb") as f:
                    h.update(f.read())
    return h.hexdigest()


def check(case, regsim, work, timeout):
    """Runs one case in its own directory; returns a list of problems ("" when it passed)."""
    d = os.path.join(work, re.sub(r"[^A-Za-z0-9_.-]", "_", case.name)[:120])
    os.makedirs(d)
    case.materialise(d)
    out = os.path.join(d, "out")
    if case.existing_out:
        os.makedirs(out)
        for name, text in (("manifest.json", '{"regsim": "earlier run"}\n'),
                           ("metrics.csv", "tick,gdp\n0,1\n")):
            with open(os.path.join(out, name), "w") as f:
                f.write(text)
    before_out = tree_digest(out)
    before_dir = sorted(os.listdir(d))
    args = [a.replace("{dir}", d).replace("{out}", out) for a in case.args]
    try:
        p = subprocess.run([regsim] + args, cwd=d, stdin=subprocess.DEVNULL,
                           capture_output=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return [f"{case.name}: no answer within {timeout} s (hang)"]
    err = p.stderr.decode("utf-8", "replace")
    problems = []
    if len(p.stderr) > MAX_STDERR:
        problems.append(f"stderr is {len(p.stderr)} bytes")
    for sign in CRASH_SIGNS:
        if sign in err:
            problems.append(f"'{sign}' in stderr")
    if p.returncode < 0:
        problems.append(f"killed by signal {-p.returncode}")
    if case.expect == "usage":
        if p.returncode != 2:
            problems.append(f"exit {p.returncode}, expected 2")
        for pattern in case.must:
            pattern = pattern.replace("{dir}", d)
            if not re.search(pattern, err):
                problems.append(f"stderr lacks /{pattern}/")
        if tree_digest(out) != before_out:
            problems.append("the output directory changed")
        if sorted(os.listdir(d)) != before_dir:
            extra = sorted(set(os.listdir(d)) - set(before_dir))
            problems.append(f"files appeared beside the inputs: {extra}")
    elif case.expect == "run":
        if p.returncode == 0:
            problems += scan_outputs(out)
        elif p.returncode == 2:
            for pattern in case.must:
                if not re.search(pattern, err):
                    problems.append(f"exit 2 but stderr lacks /{pattern}/")
            if tree_digest(out) != before_out:
                problems.append("exit 2 but the output directory changed")
        else:
            problems.append(f"exit {p.returncode}, expected 0 or 2")
    if problems:
        shown = err if len(err) < 1500 else err[:1500] + "..."
        return [f"{case.name}: {'; '.join(problems)}\n    args: {' '.join(args)[:300]}\n"
                f"    stderr: {shown.strip()}"]
    shutil.rmtree(d, ignore_errors=True)
    return []


NONFINITE = re.compile(rb"(^|,)(-?nan|-?inf|-?infinity)(,|$)", re.I | re.M)


def scan_outputs(out):
    problems = []
    if not os.path.isfile(os.path.join(out, "manifest.json")):
        return ["exit 0 but no manifest.json"]
    for name in os.listdir(out):
        if name.endswith(".csv"):
            with open(os.path.join(out, name), "rb") as f:
                m = NONFINITE.search(f.read())
            if m:
                problems.append(f"{name} holds {m.group(2).decode()}")
    return problems


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("regsim")
    ap.add_argument("--extremes", action="store_true", help="also run every key at its ends")
    ap.add_argument("--only", help="run only the groups whose name contains this")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--timeout", type=float, default=120)
    ap.add_argument("--keep", action="store_true", help="keep the work directory")
    a = ap.parse_args()
    regsim = os.path.abspath(a.regsim)
    keys = cases.parse_params(subprocess.run([regsim, "params"], capture_output=True,
                                             check=True).stdout.decode())
    groups = cases.groups(keys, a.extremes)
    if a.only:
        groups = {g: c for g, c in groups.items() if a.only in g}
    work = tempfile.mkdtemp(prefix="regsim-hostile-")
    failures, total = [], 0
    with concurrent.futures.ThreadPoolExecutor(a.jobs) as pool:
        for group, group_cases in groups.items():
            futures = [pool.submit(check, c, regsim, work, a.timeout) for c in group_cases]
            failed = [p for f in futures for p in f.result()]
            total += len(group_cases)
            print(f"{group}: {len(group_cases)} cases, {len(failed)} failed", flush=True)
            failures += failed
    if not a.only or a.only in "classroom-api":
        has_classroom = subprocess.run([regsim, "classroom", "--help"],
                                       capture_output=True).returncode == 0
        if has_classroom:
            problems, n = hostile_classroom.run(regsim, work)
            total += n
            print(f"classroom-api: {n} requests, {len(problems)} failed", flush=True)
            failures += problems
        else:
            print("classroom-api: skipped (regsim-classroom not built)")
    for f in failures:
        print("FAIL " + f)
    print(f"{total} cases ({len(keys)} keys), {len(failures)} failed; work in {work}")
    if not a.keep and not failures:
        shutil.rmtree(work, ignore_errors=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
