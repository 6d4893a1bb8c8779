#!/usr/bin/env python3
"""A steady load through access-app while mesh-console shifts the split on a schedule; prints Markdown tables.

For DURATION seconds, THREADS keep-alive connections call /api/hello, together RATE calls a second on a fixed
schedule. Latency runs from when a call was due, not from when it was sent, so a stall that holds calls back is
counted against them (no coordinated omission). Every INTERVAL seconds the next split of the cycle
100/0 -> 90/10 -> 50/50 -> 0/100 -> 50/50 -> 90/10 is PUT through the console's REST API, and every app's VmRSS is
read from /proc, with the share of CPU time the hypervisor gave to other guests (steal), which slows every app at
once. The first minute is the baseline the later ones are compared with. Standard library only; every
loop is bounded by DURATION.
"""
import sys
import threading
import time

from local_mesh_probe import Access, mesh_arguments, percentile, signed_in

CYCLE = ((100, 0), (90, 10), (50, 50), (0, 100), (50, 50), (90, 10))
WINDOW = 60  # seconds per row of the latency table


def rss_mib(pid):
    with open(f"/proc/{pid}/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    raise ValueError(f"no VmRSS for process {pid}")


def load(access_url, rate, threads, start, duration, calls):
    """Calls due at start + i / per_thread_rate; appends (due offset s, latency ms, ok) to `calls`."""
    per_thread = rate / threads

    def work(first):
        access = Access(access_url)
        for i in range(int(duration * per_thread)):
            due = start + (i + first / threads) / per_thread
            # Waiting for the moment a call is due is the schedule itself, not a wait for a condition.
            time.sleep(max(0.0, due - time.monotonic()))
            ok = access.call() in ("v1", "v2")
            calls.append((due - start, (time.monotonic() - due) * 1000, ok))

    workers = [threading.Thread(target=work, args=(t,)) for t in range(threads)]
    for worker in workers:
        worker.start()
    return workers


def cpu_jiffies():
    """(stolen, total) CPU time of the whole machine so far: time the hypervisor gave to other guests counts as stolen."""
    with open("/proc/stat", encoding="ascii") as stat:
        fields = [int(f) for f in stat.readline().split()[1:]]
    return fields[7], sum(fields[:8])


def shifts_and_memory(console, apps, start, duration, interval, rss, puts, cpu):
    for tick in range(duration // interval + 1):
        time.sleep(max(0.0, start + tick * interval - time.monotonic()))
        cpu.append((time.monotonic() - start, *cpu_jiffies()))
        for name, pid in apps.items():
            rss.setdefault(name, []).append(rss_mib(pid))
        if tick * interval < duration:
            puts.append(console.shift(*CYCLE[tick % len(CYCLE)]) * 1000)


def stolen_percent(cpu, begin, end):
    """Share of the machine's CPU time stolen between the samples nearest to `begin` and `end` seconds."""
    first = min(cpu, key=lambda sample: abs(sample[0] - begin))
    last = min(cpu, key=lambda sample: abs(sample[0] - end))
    total = last[2] - first[2]
    return 100 * (last[1] - first[1]) / total if total else 0.0


def latency_table(calls, cpu):
    rows = ["| Minute | calls | errors | p50 ms | p99 ms | max ms | p99 vs minute 1 | CPU stolen |",
            "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    baseline = None
    for minute in range(int(max(c[0] for c in calls) // WINDOW) + 1):
        window = [c for c in calls if minute * WINDOW <= c[0] < (minute + 1) * WINDOW]
        lat = [c[1] for c in window]
        p99 = percentile(lat, 99)
        baseline = baseline or p99
        rows.append(f"| {minute + 1} | {len(window)} | {sum(not c[2] for c in window)} | {percentile(lat, 50):.2f}"
                    f" | {p99:.2f} | {max(lat):.2f} | {p99 / baseline:.2f}"
                    f" | {stolen_percent(cpu, minute * WINDOW, (minute + 1) * WINDOW):.0f} % |")
    lat = [c[1] for c in calls]
    rows.append(f"| all | {len(calls)} | {sum(not c[2] for c in calls)} | {percentile(lat, 50):.2f}"
                f" | {percentile(lat, 99):.2f} | {max(lat):.2f} | | {stolen_percent(cpu, 0, cpu[-1][0]):.0f} % |")
    return "\n".join(rows)


def slope(values, interval):
    """Least-squares trend in MiB per minute over the samples."""
    n = len(values)
    xs = [i * interval / 60 for i in range(n)]
    mx, my = sum(xs) / n, sum(values) / n
    return sum((x - mx) * (y - my) for x, y in zip(xs, values)) / sum((x - mx) ** 2 for x in xs)


def memory_table(rss, interval):
    rows = ["| App | RSS at start MiB | at half time | at end | max | end vs start | trend MiB/min |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for name, values in rss.items():
        rows.append(f"| {name} | {values[0]:.0f} | {values[len(values) // 2]:.0f} | {values[-1]:.0f}"
                    f" | {max(values):.0f} | {values[-1] / values[0]:.2f} | {slope(values, interval):+.2f} |")
    return "\n".join(rows)


def main():
    parser = mesh_arguments(__doc__)
    parser.add_argument("--duration", type=int, default=600, help="seconds")
    parser.add_argument("--interval", type=int, default=30, help="seconds between shifts")
    parser.add_argument("--rate", type=int, default=100, help="calls per second, all connections together")
    parser.add_argument("--threads", type=int, default=4, help="connections")
    parser.add_argument("apps", nargs="+", help="NAME=PID of every app whose memory is sampled")
    args = parser.parse_args()
    console = signed_in(args)
    apps = dict(app.split("=", 1) for app in args.apps)

    calls, rss, puts, cpu = [], {}, [], []
    start = time.monotonic() + 1
    workers = load(args.access, args.rate, args.threads, start, args.duration, calls)
    shifts_and_memory(console, apps, start, args.duration, args.interval, rss, puts, cpu)
    for worker in workers:
        worker.join(timeout=args.duration + 60)
    if any(worker.is_alive() for worker in workers):
        sys.exit("the load did not finish within a minute of its duration")
    calls.sort()
    print(f"{len(puts)} shifts through the REST API, PUT p50 {percentile(puts, 50):.1f} ms,"
          f" max {max(puts):.1f} ms; {args.rate} calls/s from {args.threads} connections for {args.duration} s\n")
    print(latency_table(calls, cpu))
    print()
    print(memory_table(rss, args.interval))


if __name__ == "__main__":
    main()
