#!/usr/bin/python3
"""The role-play in a real browser: headless Chromium (Selenium) opens three student pages and the
teacher's panel on loopback; the students join, submit choices for two years, the years advance,
the projector and the debrief render; bad requests are refused without effect; the decision log
replays to the same state hashes. Exits 77 (skipped) only when Chromium or Selenium is missing.

    /usr/bin/python3 tests/classroom/browser_test.py --binary build/ci/apps/regsim-classroom
                     [--screenshots DIR]
"""
import argparse
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

SKIP = 77


def skip(message):
    print("SKIP: " + message)
    sys.exit(SKIP)


try:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select, WebDriverWait
except ImportError:
    skip("python3-selenium is not installed (scripts/install-deps.sh installs it)")

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver") or ("/usr/bin/chromedriver" if os.path.exists("/usr/bin/chromedriver") else None)


class Server:
    """regsim-classroom on a free loopback port, with the addresses it printed."""

    def __init__(self, binary, out, extra):
        self.proc = subprocess.Popen([binary, "--port", "0", "--bind", "127.0.0.1", "--out", out] + extra,
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        text = "".join(self.proc.stdout.readline() for _ in range(6))
        m = re.search(r"Students open\s+(http://127\.0\.0\.1:\d+)/\s+join code (\w+)", text)
        if not m:
            raise SystemExit("unexpected start-up text:\n" + text + self.proc.stderr.read())
        self.base, self.code = m.group(1), m.group(2)
        self.teacher = re.search(r"teacher#(\w+)", text).group(1)
        self.log = re.search(r"Decision log\s+(\S+)", text).group(1)

    def request(self, path, body=None, headers=None, raw=None):
        data = raw if raw is not None else (None if body is None else json.dumps(body).encode())
        req = urllib.request.Request(self.base + path, data=data, headers=headers or {},
                                     method="POST" if data is not None else "GET")
        try:
            with urllib.request.urlopen(req, timeout=10) as f:
                return f.status, json.loads(f.read() or b"null")
        except urllib.error.HTTPError as e:
            payload = e.read()
            try:
                return e.code, json.loads(payload or b"null")
            except ValueError:
                return e.code, None

    def status(self):
        return self.request("/api/projector?since=0")[1]["status"]

    def wait_status(self, test, what, timeout=60):
        end = time.time() + timeout
        while time.time() < end:
            s = self.status()
            if test(s):
                return s
            time.sleep(0.1)
        raise AssertionError("timed out waiting for " + what + ": " + json.dumps(self.status()))


def check(condition, message):
    if not condition:
        raise AssertionError(message)
    print("ok - " + message)


def make_driver():
    if not CHROMIUM or not DRIVER:
        skip("chromium and chromium-driver are not installed (scripts/install-deps.sh installs them)")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1400,1000", "--lang=en-US"):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    return webdriver.Chrome(service=Service(DRIVER), options=options)


def join(driver, server, name, city):
    driver.switch_to.new_window("window")
    driver.get(server.base + "/?code=" + server.code)
    driver.find_element(By.ID, "name").send_keys(name)
    driver.find_element(By.ID, "show").click()
    WebDriverWait(driver, 10).until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "#map circle")) > 0)
    Select(driver.find_element(By.ID, "city")).select_by_value(str(city))
    driver.find_element(By.ID, "join").click()
    WebDriverWait(driver, 10).until(lambda d: d.current_url.endswith("/student"))
    WebDriverWait(driver, 10).until(lambda d: "·" in d.find_element(By.ID, "title").text)
    return driver.current_window_handle


def choose(driver, handle, year, tracks, rate, bailouts):
    """Ticks `tracks`, sets the subsidy slider and the bailout box, submits for `year` (1-based)."""
    driver.switch_to.window(handle)
    wait = WebDriverWait(driver, 20)
    # A page in a background window may not have polled yet: wait for this year's open form.
    wait.until(lambda d: d.find_element(By.ID, "decide-title").text.endswith("year %d" % year)
               and d.find_element(By.ID, "submit").is_enabled())
    for box in driver.find_elements(By.CSS_SELECTOR, "#tracks input"):
        if box.is_selected() != (box.get_attribute("value") in tracks):
            if not box.is_enabled():  # at the list size: make room first
                continue
            box.click()
    for box in driver.find_elements(By.CSS_SELECTOR, "#tracks input"):
        if box.is_selected() != (box.get_attribute("value") in tracks):
            box.click()
    driver.execute_script("const r = document.getElementById('rate'); r.value = arguments[0];"
                          "r.dispatchEvent(new Event('input'));", rate)
    if driver.find_element(By.ID, "bailouts").is_selected() != bailouts:
        driver.find_element(By.ID, "bailouts").click()
    driver.find_element(By.ID, "submit").click()
    # The page says so once the server accepted it (the last submission may start the year at once).
    wait.until(lambda d: "Submitted" in d.find_element(By.ID, "message").text)


def bad_requests(server, seat, city, other_city):
    """Malformed and foreign requests: each refused with an error, none changing the session."""
    before = server.status()
    good = {"seat": seat, "city": city, "tracks": ["pv"], "subsidy_rate": 0.1, "bailouts": True}
    cases = [
        ("wrong token", dict(good, seat="0" * 32), 403),
        ("another city's id", dict(good, city=other_city), 403),
        ("unknown track", dict(good, tracks=["moon_base"]), 400),
        ("too many tracks", dict(good, tracks=["pv", "ev", "ai", "battery", "biomedicine"]), 400),
        ("subsidy out of range", dict(good, subsidy_rate=3), 400),
        ("wrong type", dict(good, bailouts="yes"), 400),
        ("unknown key", dict(good, hack=1), 400),
    ]
    for what, body, expected in cases:
        code, reply = server.request("/api/decision", body)
        check(code == expected and "error" in reply, "%s refused with %d (%s)" % (what, code, reply["error"]))
    code, reply = server.request("/api/decision", raw=b"{\"seat\": ")
    check(code == 400, "junk JSON refused with 400")
    code, _ = server.request("/api/decision", raw=b"{" + b" " * (200 * 1024) + b"}")
    check(code == 413, "a 200 kB body refused with 413")
    code, _ = server.request("/api/state", headers={"X-Seat-Token": "forged"})
    check(code == 403, "a forged seat token cannot read a city")
    code, _ = server.request("/api/teacher", {"action": "end"}, headers={"X-Teacher-Token": "guess"})
    check(code == 403, "a guessed teacher token cannot end the session")
    after = server.status()
    check(after["v"] == before["v"] and after["submitted"] == before["submitted"],
          "the refused requests changed nothing (version %d, %d submitted)" % (after["v"], after["submitted"]))


def flood(server):
    """Eight keep-alive connections send requests as fast as they can until the server refuses one
    (the per-address limit is 100 a second with a burst of 200) or 4,000 were sent."""
    import http.client
    import threading
    host, port = server.base[len("http://"):].split(":")
    before = server.status()
    codes, seen = [], threading.Event()

    def hammer():
        conn = http.client.HTTPConnection(host, int(port), timeout=10)
        for _ in range(500):
            if seen.is_set():
                break
            conn.request("GET", "/api/projector?since=0")
            res = conn.getresponse()
            res.read()
            codes.append(res.status)
            if res.status == 429:
                seen.set()
        conn.close()

    threads = [threading.Thread(target=hammer) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    check(429 in codes, "a flood from one address is cut off with 429 (%d requests, %d refused)"
          % (len(codes), codes.count(429)))
    time.sleep(2.5)
    check(server.request("/api/projector?since=0")[0] == 200, "the server answers again after the flood")
    check(server.status()["v"] == before["v"], "the flood changed nothing in the session")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", required=True)
    ap.add_argument("--screenshots", help="save student, projector, teacher and debrief pages here")
    args = ap.parse_args()
    out = tempfile.mkdtemp(prefix="regsim-classroom-test-")
    driver = make_driver()
    server = Server(args.binary, out, ["--years", "2", "--pace", "0.05", "--rate-limit", "100"])
    try:
        driver.get(server.base + "/teacher#" + server.teacher)
        teacher = driver.current_window_handle
        WebDriverWait(driver, 10).until(lambda d: server.code in d.find_element(By.ID, "join").text)
        students = [("Ana", 3), ("Bo", 17), ("Li Lei", 42)]
        handles = [join(driver, server, name, city) for name, city in students]
        check(server.status()["seats"] == 3, "three students joined from their browsers")
        driver.switch_to.window(teacher)
        Select(driver.find_element(By.ID, "lever-policy.evaluation")).select_by_value("balanced")
        WebDriverWait(driver, 10).until(lambda d: "next quarter" in d.find_element(By.ID, "message").text)
        driver.find_element(By.ID, "start").click()
        choices = [(["pv", "ai"], 0.3, True), (["battery"], 0.0, False), (["low_altitude", "ev", "ai"], 0.45, True)]
        for handle, (tracks, rate, bail) in zip(handles[:2], choices[:2]):
            choose(driver, handle, 1, tracks, rate, bail)
        seat = json.loads(driver.execute_script("return sessionStorage.getItem('regsim-seat')"))
        bad_requests(server, seat["seat"], seat["city"], 3)
        choose(driver, handles[2], 1, *choices[2])
        server.wait_status(lambda s: s["year"] == 1 and s["stage"] == "deciding", "year 2's round")
        check(True, "year 1 ran when all three had submitted")
        for handle, (tracks, rate, bail) in zip(handles, [(["ai", "biomedicine"], 0.2, False),
                                                          (["pv", "battery"], 0.1, True), (["ev"], 0.0, False)]):
            choose(driver, handle, 2, tracks, rate, bail)
            if args.screenshots and handle == handles[0]:
                WebDriverWait(driver, 10).until(lambda d: "Submitted" in d.find_element(By.ID, "in-force").text)
                driver.execute_script("window.scrollTo(0, 0)")
                driver.save_screenshot(os.path.join(args.screenshots, "classroom-student.png"))
        server.wait_status(lambda s: s["stage"] == "ended", "the end of the session")
        check(True, "year 2 ran and the session ended after its 2 years")
        driver.switch_to.window(handles[0])
        WebDriverWait(driver, 10).until(lambda d: d.find_element(By.ID, "debrief-link").is_displayed())
        driver.get(server.base + "/debrief")
        WebDriverWait(driver, 10).until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "#students tr")) == 4)
        text = driver.find_element(By.TAG_NAME, "body").text
        check("idle" in text and "Li Lei" in text and "Model" in text, "the debrief page renders every student against the model")
        check(len(driver.find_elements(By.CSS_SELECTOR, "#chart-cu path")) == 2, "the debrief charts class and model lines")
        if args.screenshots:
            driver.set_window_size(1400, 1500)
            time.sleep(0.5)  # the charts redraw at the new width
            driver.save_screenshot(os.path.join(args.screenshots, "classroom-debrief.png"))
            driver.set_window_size(1400, 1000)
        driver.get(server.base + "/projector")
        WebDriverWait(driver, 10).until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "#map circle")) == 100)
        check(len(driver.find_elements(By.CSS_SELECTOR, "#chart-cu path")) == 1, "the projector draws the map and the charts")
        if args.screenshots:
            driver.save_screenshot(os.path.join(args.screenshots, "classroom-projector.png"))
            driver.switch_to.window(teacher)
            driver.save_screenshot(os.path.join(args.screenshots, "classroom-teacher.png"))
        errors = [e for e in driver.get_log("browser") if e["level"] == "SEVERE"]
        check(not errors, "no errors in the browser console " + json.dumps(errors)[:300])
        flood(server)
    finally:
        driver.quit()
        server.proc.send_signal(signal.SIGTERM)
        server.proc.wait(timeout=30)
    check(server.proc.returncode == 0, "the server stops cleanly on SIGTERM")
    replay = subprocess.run([args.binary, "--replay", server.log], capture_output=True, text=True)
    print(replay.stdout, end="")
    check(replay.returncode == 0 and "identical" in replay.stdout and "1 lever changes" in replay.stdout,
          "the logged session (with the teacher's lever change) replays to the same state hashes")
    shutil.rmtree(out)


if __name__ == "__main__":
    main()
