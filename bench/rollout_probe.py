"""Times guarded rollbacks for bench/rollout.sh (python3, standard library only).

Under a steady load through access-app, it runs RUNS bad rollouts of each plan, alternating the plans so both see
the same machine: the route starts at 100/0 with v2 healthy, a rollout to v2 starts, and at a random moment of its
first step (10 %) v2's fault switch starts failing FAULT_RATE of its attempts. It times how long from then until
the console reads the route back at 100/0, and counts what users were exposed to in between: v2's failed attempts
(from access-app's per-attempt metrics) and the calls that failed for the user (after access-app's retries).
Every loop is bounded in count and in time. Prints one line per plan:
"rollback NAME p50_s p99_s max_s runs missed failed_attempts_per_run failed_calls_per_run".
"""
import argparse
import json
import random
import re
import threading
import time
import urllib.error
import urllib.request

from mesh_client import ROUTE, Console, load, percentile, set_fault

ATTEMPT = re.compile(r'^logic_attempts_seconds_count\{([^}]*)\} ([0-9.eE+]+)$')


def failed_v2_attempts(access):
    """v2's failed attempts so far, summed over every non-OK outcome."""
    with urllib.request.urlopen(access + "/prometheus", timeout=5) as response:
        text = response.read().decode()
    total = 0.0
    for line in text.splitlines():
        match = ATTEMPT.match(line)
        if match and 'version="v2"' in match.group(1) and 'outcome="OK"' not in match.group(1):
            total += float(match.group(2))
    return total


def failed_calls(counts):
    return sum(c["failed"] for c in counts)


def v2_weight(console):
    for route in console.get(ROUTE)["routes"]:
        if route["name"] == "logic-app-split":
            return next(d["weight"] for d in route["destinations"] if d["subset"] == "v2")
    raise SystemExit("no route logic-app-split on " + ROUTE)


def await_condition(condition, seconds, poll=0.1):
    """Polls until condition() holds; returns the seconds it took, or None after SECONDS."""
    start = time.monotonic()
    while time.monotonic() - start < seconds:
        if condition():
            return time.monotonic() - start
        time.sleep(poll)
    return None


def rollout_state(console):
    try:
        return console.get(ROUTE + "/rollout")
    except urllib.error.HTTPError as e:
        if e.code == 404:
            return None
        raise


def one_run(console, args, plan, rng, counts):
    """One bad rollout; returns (seconds to rollback or None, failed v2 attempts, failed calls)."""
    set_fault(args.v2, 0.0)
    state = rollout_state(console)
    if state and state["state"] in ("progressing", "paused"):
        console.send("POST", ROUTE + "/rollout/abort", {})
    if v2_weight(console) != 0:
        console.shift({"v1": 100, "v2": 0})
    console.send("POST", ROUTE + "/rollout", plan)
    if await_condition(lambda: v2_weight(console) > 0, 30) is None:
        raise SystemExit("the rollout never took its first step: " + json.dumps(rollout_state(console)))
    time.sleep(rng.uniform(0, plan["stepSeconds"]))
    attempts_before, calls_before = failed_v2_attempts(args.access), failed_calls(counts)
    set_fault(args.v2, args.fault_rate)
    bound = plan["stepSeconds"] * (plan["failureLimit"] + 2) + 30
    took = await_condition(lambda: v2_weight(console) == 0, bound)
    set_fault(args.v2, 0.0)
    return took, failed_v2_attempts(args.access) - attempts_before, failed_calls(counts) - calls_before


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--access", required=True)
    parser.add_argument("--v2", required=True, help="logic-app-v2's HTTP base URL (the fault switch)")
    parser.add_argument("--console", required=True)
    parser.add_argument("--username", required=True)
    parser.add_argument("--password-file", required=True)
    parser.add_argument("--plan", action="append", required=True, help="NAME=JSON rollout plan")
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--rate", type=int, default=100)
    parser.add_argument("--fault-rate", type=float, default=0.3)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    plans = {}
    for spec in args.plan:
        name, plan = spec.split("=", 1)
        plans[name] = json.loads(plan)
    console = Console(args.console)
    console.sign_in(args.username, args.password_file)

    per_run = sum(p["stepSeconds"] * (p["failureLimit"] + 3) + 60 for p in plans.values())
    stop = threading.Event()
    # Each caller keeps its own counts, so no count is lost between threads.
    counts = [{"ok": 0, "failed": 0} for _ in range(2)]
    # Two paced callers: one Python thread's blocking calls would not keep up at 100 a second on a busy machine.
    deadline = time.monotonic() + 60 + args.runs * per_run
    loaders = [threading.Thread(target=load, args=(args.access, args.rate / 2, stop, deadline, mine), daemon=True)
               for mine in counts]
    for loader in loaders:
        loader.start()
    rng = random.Random(args.seed)
    results = {name: [] for name in plans}
    try:
        for _ in range(args.runs):
            for name, plan in plans.items():
                results[name].append(one_run(console, args, plan, rng, counts))
    finally:
        stop.set()
        for loader in loaders:
            loader.join(10)
        set_fault(args.v2, 0.0)
    for name, runs in results.items():
        times = [t for t, _, _ in runs if t is not None]
        missed = len(runs) - len(times)
        attempts = sum(a for _, a, _ in runs) / len(runs)
        calls = sum(c for _, _, c in runs) / len(runs)
        if times:
            print(f"rollback {name} {percentile(times, 0.5):.1f} {percentile(times, 0.99):.1f} {max(times):.1f} "
                  f"{len(runs)} {missed} {attempts:.1f} {calls:.1f}")
        else:
            print(f"rollback {name} - - - {len(runs)} {missed} {attempts:.1f} {calls:.1f}")
    print(f"load {sum(c['ok'] for c in counts)} {failed_calls(counts)}")


if __name__ == "__main__":
    main()
