"""Measures the console's health figures for bench/health.sh (python3, standard library only).

Against one local mesh read by two consoles, one per metrics source, it
  - times GET .../health?window=30s on each console against GET of the same route (the baseline), the three
    requests rotating, one at a time;
  - under a steady load through access-app at a 50/50 split, turns v2's fault switch to failing FAULT_RATE of
    its calls and times, per source, how long until the API reports v2's success rate under THRESHOLD percent
    over the window; then turns it off and waits until both sources report v2 healthy again, TRIALS times.
Every loop is bounded in count and in time. Prints lines "cost NAME p50 p99 n" and "delay NAME p50 max n missed".
"""
import argparse
import json
import threading
import time
import urllib.error

from mesh_client import ROUTE, Console, get_json, load, percentile, set_fault

THRESHOLD = 99.0
HEALTHY = 99.5


def v2_success(console, window):
    try:
        return console.get(ROUTE + "/health?window=" + window)["versions"]["v2"]["successRate"]
    except (urllib.error.URLError, KeyError, ValueError):
        return None


def await_all(consoles, window, condition, seconds):
    """Polls every 100 ms until condition(v2 success) holds on every console; returns each one's delay or None."""
    start = time.monotonic()
    seen = {}
    while len(seen) < len(consoles) and time.monotonic() - start < seconds:
        for name, console in consoles.items():
            if name not in seen and condition(v2_success(console, window)):
                seen[name] = time.monotonic() - start
        time.sleep(0.1)
    return {name: seen.get(name) for name in consoles}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--access", required=True)
    parser.add_argument("--v2", required=True, help="logic-app-v2's HTTP base URL (the fault switch)")
    parser.add_argument("--console", action="append", required=True, help="NAME=URL, the first one serves xDS")
    parser.add_argument("--username", required=True)
    parser.add_argument("--password-file", required=True)
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--trials", type=int, default=5)
    parser.add_argument("--rate", type=int, default=40)
    parser.add_argument("--fault-rate", type=float, default=0.2)
    parser.add_argument("--window", default="30s")
    args = parser.parse_args()
    window_s = int(args.window[:-1]) * (60 if args.window.endswith("m") else 1)
    consoles = {}
    for spec in args.console:
        name, url = spec.split("=", 1)
        consoles[name] = Console(url)
    primary = next(iter(consoles.values()))
    primary.sign_in(args.username, args.password_file)
    primary.shift({"v1": 50, "v2": 50})

    # The whole run is bounded: warm-up, cost, and each trial's fault and recovery.
    budget = 120 + args.queries * 0.5 + args.trials * (2 * window_s + 120)
    stop = threading.Event()
    counts = {"ok": 0, "failed": 0}
    loader = threading.Thread(target=load, args=(args.access, args.rate, stop, time.monotonic() + budget, counts),
                              daemon=True)
    loader.start()
    try:
        set_fault(args.v2, 0.0)
        warm = await_all(consoles, args.window, lambda rate: rate is not None, 90)
        if None in warm.values():
            raise SystemExit("no source saw v2's calls within 90 s: " + json.dumps(warm))

        timings = {name: [] for name in ["route"] + list(consoles)}
        for i in range(args.queries):
            order = list(timings)
            order = order[i % len(order):] + order[:i % len(order)]
            for name in order:
                url = primary.base + ROUTE if name == "route" else consoles[name].base + ROUTE + "/health?window=" + args.window
                t0 = time.perf_counter()
                get_json(url)
                timings[name].append((time.perf_counter() - t0) * 1000)
        for name, values in timings.items():
            print(f"cost {name} {percentile(values, 0.5):.2f} {percentile(values, 0.99):.2f} {len(values)}")

        delays = {name: [] for name in consoles}
        missed = {name: 0 for name in consoles}
        for _ in range(args.trials):
            set_fault(args.v2, 0.0)
            await_all(consoles, args.window, lambda rate: rate is not None and rate >= HEALTHY, window_s + 60)
            set_fault(args.v2, args.fault_rate)
            for name, delay in await_all(consoles, args.window, lambda rate: rate is not None and rate < THRESHOLD, 60).items():
                if delay is None:
                    missed[name] += 1
                else:
                    delays[name].append(delay * 1000)
        set_fault(args.v2, 0.0)
        for name, values in delays.items():
            p50 = f"{percentile(values, 0.5):.0f}" if values else "-"
            worst = f"{max(values):.0f}" if values else "-"
            print(f"delay {name} {p50} {worst} {len(values)} {missed[name]}")
        print(f"load {counts['ok']} {counts['failed']}")
    finally:
        stop.set()
        loader.join(10)


if __name__ == "__main__":
    main()
