#!/usr/bin/python3
"""Measures a classroom session under load: N headless students on loopback (Python threads,
one keep-alive connection each, polling /api/state every second as the student page does, then
submitting a decision a few seconds into each planning round) while headless Chromium shows the
projector page. Reports the submission round-trip time, the poll round-trip time, the projector's
frame rate (requestAnimationFrame callbacks) and redraws per second, and the server's CPU time.

    /usr/bin/python3 scripts/classroom_load.py --binary build/release/apps/regsim-classroom \\
        [--students 30] [--years 5] [--pace 0.5] [--strategy random|herd|mixed] [--json out.json]
        [--screenshots DIR]

All students share 127.0.0.1 here, so the per-address limit is raised (--rate-limit 1000); in a
class each device has its own address and the default (100 a second) applies to each.
"""
import argparse
import http.client
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time

TRACKS = ["pv", "battery", "ev", "semiconductor", "ai", "biomedicine", "low_altitude",
          "new_materials", "equipment", "textiles", "agri_food", "tourism"]


def percentile(values, q):
    if not values:
        return float("nan")
    s = sorted(values)
    return s[min(len(s) - 1, int(round(q * (len(s) - 1))))]


class Client:
    """One keep-alive HTTP connection, as a browser tab keeps."""

    def __init__(self, host, port):
        self.conn = http.client.HTTPConnection(host, port, timeout=30)

    def call(self, method, path, body=None, headers=None):
        # One bytes body: http.client then sends headers and body in one segment (a separate body
        # segment waits ~40 ms for the delayed ACK of the first under Nagle's algorithm).
        data = None if body is None else json.dumps(body).encode()
        hdrs = dict(headers or {})
        if data is not None:
            hdrs["Content-Type"] = "application/json"
        for attempt in range(2):
            try:
                t0 = time.perf_counter()
                self.conn.request(method, path, body=data, headers=hdrs)
                res = self.conn.getresponse()
                payload = res.read()
                return res.status, json.loads(payload or b"null"), time.perf_counter() - t0
            except (http.client.HTTPException, ConnectionError, OSError):
                self.conn.close()  # the server closed an idle connection: reconnect once
                if attempt:
                    raise


def decide(rng, strategy, state):
    """A year's choice: random, or the herd (the most-listed tracks, the highest subsidy, bailouts)."""
    if strategy == "mixed":
        strategy = "herd" if rng.random() < 0.5 else "random"
    if strategy == "herd" and state is not None:
        tracks = sorted(state["tracks"], key=lambda t: -t["cities_listing"])
        limits = state["limits"]
        return [t["name"] for t in tracks[:limits["list_size"]]], limits["max_subsidy"], True
    return rng.sample(TRACKS, rng.randint(1, 4)), round(rng.uniform(0, 0.5), 3), rng.random() < 0.5


def student(i, host, port, code, seed, strategy, stop, results, hold=None):
    rng = random.Random(seed * 1000 + i)
    c = Client(host, port)
    status, reply, _ = c.call("POST", "/api/join", {"code": code, "name": "Student %d" % (i + 1), "city": 3 * i % 100})
    if status != 200:
        results["errors"].append("join %d: %s" % (i, reply))
        return
    seat, city = reply["seat"], reply["city"]
    results["seats"][i] = reply
    version, done_year, submit_at, state = 0, -1, None, None
    while not stop.is_set():
        status, reply, rtt = c.call("GET", "/api/state?since=%d" % version, headers={"X-Seat-Token": seat})
        results["poll"].append(rtt)
        if status != 200:
            results["errors"].append("poll %d: %d %s" % (i, status, reply))
            time.sleep(1)
            continue
        s = reply["status"]
        if reply["data"] is not None:
            version, state = s["v"], reply["data"]
        if s["stage"] == "ended":
            return
        if s["stage"] == "deciding" and not s["paused"] and s["year"] > done_year:
            if submit_at is None:
                submit_at = time.time() + rng.uniform(0.5, 4.0)  # reading and thinking
            if hold is not None and s["year"] == s["years"] - 1 and not hold.is_set():
                pass  # student 1 waits in the last round until its page has been photographed
            elif time.time() >= submit_at:
                tracks, rate, bailouts = decide(rng, strategy, state)
                body = {"seat": seat, "city": city, "tracks": tracks, "subsidy_rate": rate, "bailouts": bailouts}
                status, reply, rtt = c.call("POST", "/api/decision", body)
                if status == 200:
                    results["submit"].append(rtt)
                    done_year, submit_at = s["year"], None
                else:
                    results["errors"].append("submit %d: %d %s" % (i, status, reply))
        time.sleep(0.25 if submit_at else 1.0)


def cpu_seconds(pid):
    with open("/proc/%d/stat" % pid) as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def projector(base):
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        return None
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1920,1080"):
        options.add_argument(arg)
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    driver.get(base + "/projector")
    return driver


def shoot(base, seat, page, path, height):
    """A screenshot of `page` as student `seat` sees it, 1400 pixels wide."""
    driver = projector(base)
    driver.set_window_size(1400, height)
    driver.execute_script("sessionStorage.setItem('regsim-seat', arguments[0])", json.dumps(seat))
    driver.get(base + page)
    time.sleep(3)  # a few polls: the page has drawn everything
    driver.save_screenshot(path)
    driver.quit()


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--binary", required=True)
    ap.add_argument("--students", type=int, default=30)
    ap.add_argument("--years", type=int, default=5)
    ap.add_argument("--pace", type=float, default=0.5)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--strategy", choices=["random", "herd", "mixed"], default="random",
                    help="how the scripted students choose (herd: the most-listed tracks, top subsidy, "
                         "bailouts; mixed: each year a coin decides)")
    ap.add_argument("--screenshots", help="save the pages of student 1 (in the last planning round), "
                                          "the projector and the debrief here (PNG)")
    ap.add_argument("--json")
    ap.add_argument("--keep", help="keep the session's decision log and debrief in this directory")
    args = ap.parse_args()
    out = args.keep or tempfile.mkdtemp(prefix="regsim-classroom-load-")
    server = subprocess.Popen([args.binary, "--port", "0", "--bind", "127.0.0.1", "--out", out,
                               "--years", str(args.years), "--pace", str(args.pace), "--rate-limit", "1000"],
                              stdout=subprocess.PIPE, text=True)
    text = "".join(server.stdout.readline() for _ in range(6))
    base, code = re.search(r"Students open\s+(http://127\.0\.0\.1:\d+)/\s+join code (\w+)", text).groups()
    teacher = re.search(r"teacher#(\w+)", text).group(1)
    log = re.search(r"Decision log\s+(\S+)", text).group(1)
    host, port = "127.0.0.1", int(base.rsplit(":", 1)[1])
    results = {"poll": [], "submit": [], "errors": [], "seats": {}}
    hold = threading.Event() if args.screenshots else None
    stop = threading.Event()
    driver = projector(base)
    threads = [threading.Thread(target=student, args=(i, host, port, code, args.seed, args.strategy, stop, results,
                                                      hold if i == 0 else None))
               for i in range(args.students)]
    for t in threads:
        t.start()
    time.sleep(2)
    t_client = Client(host, port)
    t_client.call("POST", "/api/teacher", {"action": "start"}, {"X-Teacher-Token": teacher})
    cpu0, wall0 = cpu_seconds(server.pid), time.time()
    stats0 = driver.execute_script("return Object.assign({now: performance.now()}, window.regsimStats)") if driver else None
    deadline = time.time() + 60 * args.years + 60
    while time.time() < deadline:
        s = t_client.call("GET", "/api/projector?since=0")[1]["status"]
        if s["stage"] == "ended":
            break
        if hold is not None and not hold.is_set() and s["stage"] == "deciding" and s["year"] == s["years"] - 1:
            shoot(base, results["seats"][0], "/student", os.path.join(args.screenshots, "classroom-student.png"), 1000)
            hold.set()
        time.sleep(0.5)
    wall, cpu = time.time() - wall0, cpu_seconds(server.pid) - cpu0
    debrief = t_client.call("GET", "/api/debrief")[1]
    stats1 = driver.execute_script("return Object.assign({now: performance.now()}, window.regsimStats)") if driver else None
    stop.set()
    for t in threads:
        t.join(timeout=10)
    if driver:
        driver.quit()
    if args.screenshots:
        shoot(base, results["seats"][0], "/projector", os.path.join(args.screenshots, "classroom-projector.png"), 1000)
        shoot(base, results["seats"][0], "/debrief", os.path.join(args.screenshots, "classroom-debrief.png"), 1900)
    server.terminate()
    server.wait(timeout=30)
    replay = subprocess.run([args.binary, "--replay", log], capture_output=True, text=True)
    if not args.keep:
        shutil.rmtree(out)
    report = {
        "students": args.students, "years": args.years, "pace_s_per_quarter": args.pace,
        "session_wall_s": round(wall, 2), "server_cpu_s": round(cpu, 2),
        "submissions": len(results["submit"]),
        "submit_rtt_ms": {q: round(1000 * percentile(results["submit"], v), 2)
                          for q, v in (("median", 0.5), ("p95", 0.95), ("max", 1.0))},
        "polls": len(results["poll"]),
        "poll_rtt_ms": {q: round(1000 * percentile(results["poll"], v), 2)
                        for q, v in (("median", 0.5), ("p95", 0.95), ("max", 1.0))},
        "errors": results["errors"][:10], "error_count": len(results["errors"]),
        "replay_identical": "identical" in replay.stdout,
        "debrief": {k: debrief[k] for k in ("class_idle_value", "model_idle_value", "class_promotions",
                                            "model_promotions", "with_class", "with_model")},
    }
    if stats0 and stats1:
        seconds = (stats1["now"] - stats0["now"]) / 1000
        redraws = stats1["redraws"] - stats0["redraws"]
        report["projector"] = {
            "seconds": round(seconds, 1),
            "frames_per_s": round((stats1["frames"] - stats0["frames"]) / seconds, 1),
            "redraws_per_s": round(redraws / seconds, 2),
            "polls_per_s": round((stats1["polls"] - stats0["polls"]) / seconds, 2),
            "mean_redraw_ms": round((stats1["redraw_ms"] - stats0["redraw_ms"]) / max(1, redraws), 1),
        }
    print(json.dumps(report, indent=2))
    if args.json:
        with open(args.json, "w") as f:
            json.dump(report, f, indent=2)
    return 0 if report["error_count"] == 0 and report["replay_identical"] else 1


if __name__ == "__main__":
    sys.exit(main())
