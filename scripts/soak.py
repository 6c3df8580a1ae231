#!/usr/bin/env python3
"""Soak: a mix of request sizes at 70% of capacity for a long time; nothing may drift (docs/operations.md).

    python3 scripts/soak.py --base http://127.0.0.1:8080 --pid PID [--seconds 1200] [--compare 300]
                            [--load 0.7] [--json out.json]

First measures capacity: 8 workers send the mix back to back for --probe seconds (the rate of 200s is the
capacity). Then requests of the mix arrive at --load x capacity (open loop, each on its own connection)
for --warmup + --seconds. The mix: the seed request, a 1D 20,000 x 63 request, a 2D 256 x 256 image with
a 15 x 15 kernel, a 1D 200,000 x 4,095 direct request (weights 10:4:4:1). Every --window seconds it
samples the service: heap after GC (Micrometer's jvm_memory_usage_after_gc of the long-lived pool, and
jvm_gc_live_data_size_bytes), the process's RSS (/proc/PID/status), live threads, and the window's p99
latency. Compares the first and the last --compare seconds of the measured run: each of heap after GC,
RSS, threads and p99 must drift less than --max-drift (10%). Loopback only; bounded in time.
"""
import argparse
import asyncio
import json
import random
import sys
import time
import urllib.request
import os

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from loadlib import exchange, loopback, pct  # noqa: E402

SEED = b'{"signal":[2,1,3,5,4],"kernel":[1,-1],"mode":"valid"}'


def bodies():
    r = random.Random(5)
    small = json.dumps({"signal": [r.randint(-9, 9) for _ in range(20_000)], "kernel": [r.randint(-2, 2) for _ in range(63)]})
    image = json.dumps({"image": [[r.randint(-9, 9) for _ in range(256)] for _ in range(256)],
                        "kernel": [[r.randint(-2, 2) for _ in range(15)] for _ in range(15)], "mode": "same"})
    heavy = '{"signal":[%s],"kernel":[%s],"mode":"valid","method":"direct"}' % (
        ",".join(str(i % 7) for i in range(200_000)), ",".join(str(i % 5 - 2) for i in range(4_095)))
    return [("seed", "/api/v1/signals/convolve", SEED, 10), ("1d", "/api/v1/signals/convolve", small.encode(), 4),
            ("2d", "/api/v1/images/convolve", image.encode(), 4), ("heavy", "/api/v1/signals/convolve", heavy.encode(), 1)]


async def request(host, port, path, body, timeout):
    a = await exchange(host, port, path, body, timeout)
    return a.status, a.total_ms


def metrics(base, pid):
    text = urllib.request.urlopen(base + "/actuator/prometheus", timeout=10).read().decode()
    out = {}
    for line in text.splitlines():
        if line.startswith("jvm_memory_usage_after_gc{") and 'pool="long-lived"' in line:
            out["heap_after_gc_ratio"] = float(line.rsplit(" ", 1)[1])
        elif line.startswith("jvm_gc_live_data_size_bytes"):
            out["live_data_bytes"] = float(line.rsplit(" ", 1)[1])
        elif line.startswith("jvm_threads_live_threads"):
            out["threads"] = float(line.rsplit(" ", 1)[1])
    if pid:
        with open("/proc/%d/status" % pid) as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    out["rss_bytes"] = float(line.split()[1]) * 1024
    return out


async def main(a):
    host, port = loopback(a.base, "soak")
    mix = bodies()
    choices = [m for m in mix for _ in range(m[3])]
    rnd = random.Random(11)
    # capacity: 8 workers back to back
    done = []
    stop = time.time() + a.probe

    async def worker():
        while time.time() < stop:
            _, path, body, _ = rnd.choice(choices)
            s, _ = await request(host, port, path, body, a.timeout)
            done.append(s)
    await asyncio.gather(*(worker() for _ in range(8)))
    capacity = sum(1 for s in done if s == 200) / a.probe
    rate = a.load * capacity
    print("soak: capacity %.1f requests/s; running at %.1f/s for %.0f + %.0f s" % (capacity, rate, a.warmup, a.seconds), flush=True)
    windows = []
    current = []
    statuses = {}
    pending = set()
    t0 = time.time()
    end = t0 + a.warmup + a.seconds
    next_sample = t0 + a.warmup + a.window
    i = 0

    async def one(path, body):
        s, ms = await request(host, port, path, body, a.timeout)
        statuses[str(s)] = statuses.get(str(s), 0) + 1
        if time.time() >= t0 + a.warmup:
            current.append(ms)

    while time.time() < end:
        delay = t0 + i / rate - time.time()
        if delay > 0:
            await asyncio.sleep(min(delay, 0.05))
            if t0 + i / rate > time.time():
                continue
        _, path, body, _ = rnd.choice(choices)
        task = asyncio.create_task(one(path, body))
        pending.add(task)
        task.add_done_callback(pending.discard)
        i += 1
        if time.time() >= next_sample:
            m = await asyncio.get_running_loop().run_in_executor(None, metrics, a.base, a.pid)
            m["t"] = round(time.time() - t0 - a.warmup, 1)
            m["requests"] = len(current)
            m["p99_ms"] = pct(current, 0.99)
            windows.append(m)
            current = []
            next_sample += a.window
    await asyncio.gather(*pending)
    n = max(1, int(a.compare / a.window))
    first, last = windows[:n], windows[-n:]

    def avg(ws, key):
        v = [w[key] for w in ws if w.get(key) is not None]
        return sum(v) / len(v) if v else None
    drift = {}
    for key in ("heap_after_gc_ratio", "rss_bytes", "threads", "p99_ms"):
        f, l = avg(first, key), avg(last, key)
        drift[key] = {"first": f, "last": l, "drift": None if not f or l is None else round((l - f) / f, 3)}
    ok_share = statuses.get("200", 0) / max(1, sum(statuses.values()))
    good = all(d["drift"] is None or d["drift"] < a.max_drift for d in drift.values()) and ok_share >= 0.99
    report = {"base": a.base, "capacity_per_s": round(capacity, 1), "rate_per_s": round(rate, 1), "seconds": a.seconds,
              "statuses": statuses, "drift": drift, "windows": windows}
    print(json.dumps({k: v for k, v in report.items() if k != "windows"}, indent=1))
    if a.json:
        with open(a.json, "w") as f:
            json.dump(report, f, indent=1)
    print("soak: %s: %.2f%% of requests 200; drift (last vs first %d s): %s" % (
        "PASS" if good else "FAIL", 100 * ok_share, a.compare,
        ", ".join("%s %+.1f%%" % (k, 100 * d["drift"]) for k, d in drift.items() if d["drift"] is not None)))
    return 0 if good else 1


if __name__ == "__main__":
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--base", required=True)
    p.add_argument("--pid", type=int, help="the service's process id, for its RSS")
    p.add_argument("--seconds", type=float, default=1200)
    p.add_argument("--warmup", type=float, default=30)
    p.add_argument("--probe", type=float, default=10)
    p.add_argument("--window", type=float, default=10)
    p.add_argument("--compare", type=float, default=300)
    p.add_argument("--load", type=float, default=0.7)
    p.add_argument("--max-drift", type=float, default=0.10)
    p.add_argument("--timeout", type=float, default=30)
    p.add_argument("--json")
    sys.exit(asyncio.run(main(p.parse_args())))
