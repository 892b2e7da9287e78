# Hostile requests against a running classroom server (regsim classroom): malformed JSON, wrong
# types, huge numbers, oversized bodies, unknown paths and methods, bad tokens, path traversal.
# Every request must get a 4xx answer (never 5xx, never a dropped connection) and the server must
# stay up and answer the lobby afterwards. Used by campaign.py (group classroom-api).
import http.client
import json
import os
import re
import signal
import subprocess
import time


def start(regsim, work):
    out = os.path.join(work, "classroom-out")
    p = subprocess.Popen([regsim, "classroom", "--port", "0", "--bind", "127.0.0.1", "--out", out,
                          "--pace", "0", "--rate-limit", "100000", "--set", "world.cities=20",
                          "--set", "world.initial_firms=200", "--years", "2"],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    text, deadline = "", time.time() + 120
    while time.time() < deadline and "Teacher" not in text:
        line = p.stdout.readline()
        if not line:
            break
        text += line
    m = re.search(r"http://127\.0\.0\.1:(\d+)/teacher#([0-9a-f]+)", text)
    code = re.search(r"join code (\w+)", text)
    if not m or not code:
        p.kill()
        raise RuntimeError("the classroom server did not start: " + text + p.stderr.read())
    return p, int(m.group(1)), m.group(2), code.group(1)


def request(port, method, path, body=None, headers=None):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        c.request(method, path, body=body, headers=headers or {})
        r = c.getresponse()
        return r.status, r.read()
    finally:
        c.close()


def cases(teacher, code):
    t = {"X-Teacher-Token": teacher, "Content-Type": "application/json"}
    j = {"Content-Type": "application/json"}
    big = "1" + "0" * 400
    return [
        ("join-not-json", "POST", "/api/join", "{not json", j),
        ("join-array", "POST", "/api/join", "[1,2]", j),
        ("join-wrong-types", "POST", "/api/join", json.dumps({"code": 1, "name": [], "city": "a"}), j),
        ("join-huge-city", "POST", "/api/join", '{"code":"%s","name":"a","city":%s}' % (code, big), j),
        ("join-uint64-city", "POST", "/api/join",
         '{"code":"%s","name":"a","city":18446744073709551615}' % code, j),
        ("join-negative-city", "POST", "/api/join", json.dumps({"code": code, "name": "a", "city": -1}), j),
        ("join-control-name", "POST", "/api/join",
         json.dumps({"code": code, "name": "a\u0000\u001b[31m", "city": 0}), j),
        ("join-huge-name", "POST", "/api/join", json.dumps({"code": code, "name": "n" * 15000, "city": 0}), j),
        ("join-extra-key", "POST", "/api/join", json.dumps({"code": code, "name": "a", "city": 0, "x": 1}), j),
        ("join-wrong-code", "POST", "/api/join", json.dumps({"code": "ZZZZZZ", "name": "a", "city": 0}), j),
        ("join-deep-json", "POST", "/api/join", "[" * 8000 + "]" * 8000, j),
        ("join-oversized", "POST", "/api/join", "x" * (1 << 20), j),
        ("join-invalid-utf8", "POST", "/api/join",
         b'{"code":"' + code.encode() + b'","name":"\xff\xfe","city":0}', j),
        ("state-no-seat", "GET", "/api/state", None, {}),
        ("state-bad-seat", "GET", "/api/state", None, {"X-Seat-Token": "x" * 4000}),
        ("state-since-huge", "GET", "/api/state?since=" + "9" * 400, None, {}),
        ("lobby-no-code", "GET", "/api/lobby", None, {}),
        ("lobby-huge-code", "GET", "/api/lobby?code=" + "A" * 6000, None, {}),
        ("decision-no-seat", "POST", "/api/decision", json.dumps({"tracks": ["pv"]}), j),
        ("teacher-no-token", "POST", "/api/teacher", json.dumps({"action": "pause"}), j),
        ("teacher-timer-huge", "POST", "/api/teacher", '{"action":"timer","seconds":%s}' % big, t),
        ("teacher-timer-negative", "POST", "/api/teacher", '{"action":"timer","seconds":-1}', t),
        ("teacher-pace-string", "POST", "/api/teacher", '{"action":"pace","seconds":"1"}', t),
        ("teacher-lever-unknown", "POST", "/api/teacher",
         json.dumps({"action": "lever", "key": "market.kapa", "value": 1}), t),
        ("teacher-lever-range", "POST", "/api/teacher",
         json.dumps({"action": "lever", "key": "market.kappa", "value": 7}), t),
        ("teacher-lever-huge", "POST", "/api/teacher",
         '{"action":"lever","key":"market.kappa","value":%s}' % big, t),
        ("teacher-lever-fixed", "POST", "/api/teacher",
         json.dumps({"action": "lever", "key": "world.cities", "value": 30}), t),
        ("teacher-lever-object", "POST", "/api/teacher",
         json.dumps({"action": "lever", "key": "market.kappa", "value": {"a": 1}}), t),
        ("teacher-lever-string", "POST", "/api/teacher",
         json.dumps({"action": "lever", "key": "policy.evaluation", "value": "x" * 10000}), t),
        ("teacher-announce-unknown", "POST", "/api/teacher",
         json.dumps({"action": "announce", "track": "../../etc"}), t),
        ("teacher-release-huge", "POST", "/api/teacher", '{"action":"release","city":%s}' % big, t),
        ("teacher-unknown-action", "POST", "/api/teacher", json.dumps({"action": "x" * 5000}), t),
        ("unknown-api", "GET", "/api/nope", None, {}),
        ("traversal", "GET", "/../../../../etc/passwd", None, {}),
        ("traversal-encoded", "GET", "/%2e%2e/%2e%2e/etc/passwd", None, {}),
        ("put", "PUT", "/api/join", "{}", j),
        ("delete", "DELETE", "/api/teacher", None, t),
        ("huge-path", "GET", "/" + "a" * 7000, None, {}),
    ]


def run(regsim, work):
    """Returns the list of problems (empty when every request was refused cleanly)."""
    p, port, teacher, code = start(regsim, work)
    problems = []
    try:
        for name, method, path, body, headers in cases(teacher, code):
            try:
                status, answer = request(port, method, path, body, headers)
            except Exception as e:  # a dropped connection, a timeout
                problems.append(f"classroom-api {name}: no answer ({e})")
                continue
            if not 400 <= status < 500:
                problems.append(f"classroom-api {name}: HTTP {status} {answer[:200]!r}")
            if b"\x00" in answer or b"\x1b" in answer:
                problems.append(f"classroom-api {name}: a control character in the answer")
        status, _ = request(port, "GET", "/api/lobby?code=" + code)
        if status != 200 or p.poll() is not None:
            problems.append(f"classroom-api: the server is down after the requests ({status})")
    finally:
        p.send_signal(signal.SIGINT)
        try:
            _, err = p.communicate(timeout=60)
        except subprocess.TimeoutExpired:
            p.kill()
            _, err = p.communicate()
            problems.append("classroom-api: the server did not stop on SIGINT within 60 s")
        for sign in ("AddressSanitizer", "runtime error:", "LeakSanitizer"):
            if sign in err:
                problems.append(f"classroom-api: '{sign}' in the server's stderr: {err[:2000]}")
        if p.returncode not in (0, -signal.SIGINT):
            problems.append(f"classroom-api: the server exited with {p.returncode}: {err[:500]}")
    return problems, len(cases(teacher, code))
