#!/usr/bin/env python3
"""Shifts the local mesh's split through mesh-console's REST API and watches access-app's answers.

Prints one line per measurement, for bench/local-mesh.sh to put in its table:
  propagation P50_MS P99_MS MAX_MS SHIFTS MISSED
  put P50_MS P99_MS
  split V1_WEIGHT V2_WEIGHT V1_ANSWERS V2_ANSWERS ERRORS

Propagation is detected on traffic with a tight probe loop (no background load): one keep-alive connection calls
/api/hello back to back. The split alternates 100/0 <-> 0/100, so the first answer from the version that rose from 0
is the first request served by the new weights; the time runs from the PUT's response to that answer's arrival, so
it is at most one probe round trip late. Four untimed shifts warm the code paths first. Standard library only; every
loop is bounded in count and in time.
"""
import argparse
import http.client
import http.cookies
import json
import math
import sys
import threading
import time
from urllib.parse import urlsplit

ROUTE = "/api/routes/mesh-demo/logic-app"
PROBE_MAX_CALLS = 20_000
PROBE_MAX_SECONDS = 10.0  # a timed shift not seen by then counts as missed
SETTLE_MAX_SECONDS = 60.0  # for untimed waits: the first call through xDS discovers everything on a cold JVM
WARM_UP_SHIFTS = 4


class Access:
    """Keep-alive calls to access-app's /api/hello; each returns the answering version or 'error'."""

    def __init__(self, base):
        url = urlsplit(base)
        self.conn = http.client.HTTPConnection(url.hostname, url.port, timeout=10)

    def call(self):
        try:
            self.conn.request("GET", "/api/hello?name=bench")
            response = self.conn.getresponse()
            body = response.read()
            return json.loads(body)["version"] if response.status == 200 else "error"
        except (OSError, http.client.HTTPException, ValueError, KeyError):
            self.conn.close()
            return "error"


class Console:
    """Signed in to mesh-console; shift() PUTs a split of route logic-app-split with the version just read."""

    def __init__(self, base, username, password):
        url = urlsplit(base)
        # Generous: the first requests after start-up run in the interpreter, on a machine that may be busy.
        self.conn = http.client.HTTPConnection(url.hostname, url.port, timeout=30)
        status, _, headers = self._send("POST", "/login", {"username": username, "password": password})
        if status >= 400:
            sys.exit(f"mesh-console refused the sign-in ({status})")
        jar = http.cookies.SimpleCookie()
        for header, value in headers:
            if header.lower() == "set-cookie":
                jar.load(value)
        if "mesh-console-csrf" not in jar:
            sys.exit("mesh-console set no mesh-console-csrf cookie at sign-in")
        self.cookies = "; ".join(f"{name}={morsel.value}" for name, morsel in jar.items())
        self.csrf = jar["mesh-console-csrf"].value

    def _send(self, method, path, body=None):
        headers = {"Content-Type": "application/json"} if body is not None else {}
        if getattr(self, "cookies", None):
            headers.update({"Cookie": self.cookies, "X-CSRF-TOKEN": self.csrf})
        self.conn.request(method, path, json.dumps(body) if body is not None else None, headers)
        response = self.conn.getresponse()
        return response.status, response.read(), response.getheaders()

    def shift(self, v1, v2):
        """PUTs v1/v2; returns the PUT's round trip in seconds (the GET of resourceVersion is not timed)."""
        status, body, _ = self._send("GET", ROUTE)
        if status != 200:
            sys.exit(f"GET {ROUTE} answered {status}: {body[:200]!r}")
        version = json.loads(body)["resourceVersion"]
        start = time.perf_counter()
        status, body, _ = self._send("PUT", ROUTE, {"route": "logic-app-split", "weights": {"v1": v1, "v2": v2},
                                                    "resourceVersion": version})
        took = time.perf_counter() - start
        if status != 200:
            sys.exit(f"PUT {ROUTE} {v1}/{v2} answered {status}: {body[:200]!r}")
        return took


def until(access, done, seconds=PROBE_MAX_SECONDS):
    """Calls until done(version) is true; the time of that answer, or None after `seconds` or PROBE_MAX_CALLS."""
    deadline = time.perf_counter() + seconds
    for _ in range(PROBE_MAX_CALLS):
        version = access.call()
        now = time.perf_counter()
        if done(version):
            return now
        if now > deadline:
            break
    return None


def streak(access, version, run=100):
    """Calls until `run` answers in a row come from `version` (0.9^100 rules out chance at 90/10)."""
    count = [0]

    def done(answer):
        count[0] = count[0] + 1 if answer == version else 0
        return count[0] >= run

    if until(access, done, SETTLE_MAX_SECONDS) is None:
        sys.exit(f"no run of {run} answers from {version} within {SETTLE_MAX_SECONDS:.0f} s")


def percentile(values, p):
    """Nearest rank."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]


def propagation(console, access, shifts):
    """Untimed warm-up shifts first (the first ones run cold code in the console and in gRPC), then timed ones."""
    console.shift(100, 0)
    streak(access, "v1")  # 100/0 is in effect
    delays, puts, missed = [], [], 0
    for i in range(WARM_UP_SHIFTS + shifts):
        rising, split = ("v2", (0, 100)) if i % 2 == 0 else ("v1", (100, 0))
        put = console.shift(*split)
        answered = time.perf_counter()
        seen = until(access, lambda version, rising=rising: version == rising)
        if seen is None:
            streak(access, rising)
        if i < WARM_UP_SHIFTS:
            continue
        puts.append(put)
        if seen is None:
            missed += 1
        else:
            delays.append(seen - answered)
    if not delays:
        sys.exit("no shift reached traffic")
    ms = [d * 1000 for d in delays]
    put_ms = [p * 1000 for p in puts]
    print(f"propagation {percentile(ms, 50):.1f} {percentile(ms, 99):.1f} {max(ms):.1f} {shifts} {missed}")
    print(f"put {percentile(put_ms, 50):.1f} {percentile(put_ms, 99):.1f}")


def split(console, access_url, probe, v1, v2, requests, threads):
    """From 100/0 to v1/v2, awaited by the first v2 answer; then `requests` calls from `threads` connections."""
    console.shift(100, 0)
    streak(probe, "v1")
    console.shift(v1, v2)
    if until(probe, lambda version: version == "v2", SETTLE_MAX_SECONDS) is None:
        sys.exit(f"{v1}/{v2} did not reach traffic within {SETTLE_MAX_SECONDS:.0f} s")
    counts = {}
    lock = threading.Lock()
    remaining = [requests]
    deadline = time.perf_counter() + 120

    def work():
        access = Access(access_url)
        while time.perf_counter() < deadline:
            with lock:
                if remaining[0] == 0:
                    return
                remaining[0] -= 1
            version = access.call()
            with lock:
                counts[version] = counts.get(version, 0) + 1

    workers = [threading.Thread(target=work) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    if remaining[0]:
        sys.exit(f"{v1}/{v2}: {remaining[0]} of {requests} requests not sent within 120 s")
    errors = sum(n for version, n in counts.items() if version not in ("v1", "v2"))
    print(f"split {v1} {v2} {counts.get('v1', 0)} {counts.get('v2', 0)} {errors}")


def mesh_arguments(description):
    """A parser for the options every local-mesh script takes: where the console and access-app answer, and the
    console's sign-in."""
    parser = argparse.ArgumentParser(description=description, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--console", required=True, help="mesh-console base URL")
    parser.add_argument("--access", required=True, help="base URL of the access-app on xds:///logic-app")
    parser.add_argument("--username", required=True)
    parser.add_argument("--password-file", required=True, help="a file holding the console's password")
    return parser


def signed_in(args):
    """A Console signed in with the --username and --password-file given."""
    with open(args.password_file, encoding="utf-8") as file:
        return Console(args.console, args.username, file.read().strip())


def main():
    parser = mesh_arguments(__doc__)
    parser.add_argument("--shifts", type=int, default=40)
    parser.add_argument("--split-requests", type=int, default=5000)
    parser.add_argument("--threads", type=int, default=4)
    args = parser.parse_args()

    try:
        console = signed_in(args)
        probe = Access(args.access)
        propagation(console, probe, args.shifts)
        for v1, v2 in ((90, 10), (50, 50)):
            split(console, args.access, probe, v1, v2, args.split_requests, args.threads)
        console.shift(100, 0)  # for the hop latency that follows: every call to logic-app-v1
        streak(probe, "v1")
    except (OSError, http.client.HTTPException) as e:
        sys.exit(f"mesh-console did not answer: {e!r} (see its log)")


if __name__ == "__main__":
    main()
