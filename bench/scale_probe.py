"""Times one console watching many VirtualServices (python3, standard library): start-up to the first whole answer,
GET /api/routes, and shifts, each with the API requests it cost, counted by the stand-in. Prints one JSON object."""
import argparse
import json
import time
import urllib.error
import urllib.request

from mesh_client import Console, get_json, percentile


def requests_since_last(control):
    with urllib.request.urlopen(control + "/requests", timeout=5) as response:
        return int(response.read())


def settled_requests(control, quiet_s=0.5, limit_s=10):
    """The API requests since the last count, once none has come for quiet_s (at most limit_s)."""
    total, quiet_since, deadline = 0, time.monotonic(), time.monotonic() + limit_s
    while time.monotonic() < deadline and time.monotonic() - quiet_since < quiet_s:
        more = requests_since_last(control)
        total += more
        if more:
            quiet_since = time.monotonic()
        time.sleep(0.05)
    return total


def first_whole_answer(console, count, started_ms, deadline_s):
    """Ms from the JVM's launch until GET /api/routes lists all COUNT VirtualServices."""
    deadline = time.monotonic() + deadline_s
    while time.monotonic() < deadline:
        try:
            if len(get_json(console + "/api/routes", timeout=5)) == count:
                return time.time() * 1000 - started_ms
        except (urllib.error.URLError, OSError, ValueError):
            pass
        time.sleep(0.02)
    raise SystemExit(f"the console did not list {count} VirtualServices within {deadline_s} s")


def timed(action):
    t0 = time.perf_counter()
    result = action()
    return (time.perf_counter() - t0) * 1000, result


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--console", required=True)
    parser.add_argument("--control", required=True)
    parser.add_argument("--username", required=True)
    parser.add_argument("--password-file", required=True)
    parser.add_argument("--count", type=int, required=True)
    parser.add_argument("--started-ms", type=float, required=True)
    parser.add_argument("--reads", type=int, default=200)
    parser.add_argument("--shifts", type=int, default=50)
    parser.add_argument("--startup-only", action="store_true", help="time the first whole answer, nothing else")
    args = parser.parse_args()

    startup_ms = first_whole_answer(args.console, args.count, args.started_ms, 60)
    if args.startup_only:
        print(json.dumps({"startup_ms": round(startup_ms)}))
        return
    console = Console(args.console)
    console.sign_in(args.username, args.password_file)
    listed = console.get("/api/routes")
    for _ in range(20):  # warm-up, not timed
        console.get("/api/routes")

    requests_since_last(args.control)
    reads = [timed(lambda: console.get("/api/routes"))[0] for _ in range(args.reads)]
    read_requests = requests_since_last(args.control)

    shifts = []
    requests_since_last(args.control)
    for i in range(args.shifts):
        vs = listed[(i * 7) % len(listed)]  # spread over namespaces
        path = f"/api/routes/{vs['namespace']}/{vs['name']}"
        current = console.get(path)
        route = current["routes"][0]
        v1 = (route["destinations"][0]["weight"] + 10) % 101
        body = {"route": route["name"], "weights": {"v1": v1, "v2": 100 - v1},
                "resourceVersion": current["resourceVersion"]}
        shifts.append(timed(lambda: console.send("PUT", path, body))[0])
    # Counted over all shifts (the reads between them cost nothing, as measured above): a shift's Event is sent after
    # its answer, so it is counted once the console has sent everything it queued.
    shift_requests = settled_requests(args.control)

    print(json.dumps({
        "startup_ms": round(startup_ms),
        "get_p50": percentile(reads, 0.5), "get_max": max(reads), "get_requests": read_requests / args.reads,
        "shift_p50": percentile(shifts, 0.5), "shift_max": max(shifts), "shift_requests": shift_requests / args.shifts,
    }))


if __name__ == "__main__":
    main()
