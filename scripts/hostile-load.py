#!/usr/bin/env python3
"""Seed requests while hostile clients hold connections: slow bodies and idle connections.

    python3 scripts/hostile-load.py --base http://127.0.0.1:8080 [--slow 1000] [--idle 5000]
                                    [--slow-length 100000] [--duration 20] [--rate 20] [--json out.json]

Opens --idle connections that send nothing and --slow connections that send the headers of a
POST with Content-Length: --slow-length (100000: a large body, of which the service admits only a few at
once; 1000: a small one, which it must admit, so each holds what reading a body holds) and then 2 body bytes a second (both reopened when the server
closes them, as an attacker would), waits until they are open (they live in a process of their own, so their reconnects do not stall
the timings), then sends seed requests (the seed
Q&A's 1D example, each on a new connection, --rate a second for --duration seconds) and reports
their success rate and latency percentiles, with what the hostile connections saw (how many were
open, how the server ended them). Loopback addresses only; every loop is bounded in time and the
script stops by itself. Exit status 0 when seed success >= --min-success and p99 < --max-p99-ms.
"""
import argparse
import asyncio
import json
import multiprocessing
import resource
import sys
import time
import os

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from loadlib import exchange, loopback, pct  # noqa: E402

SEED = b'{"signal":[2,1,3,5,4],"kernel":[1,-1],"mode":"valid"}'
SEED_ANSWER = b'"output":[-1,2,2,-1]'


class Stats:
    def __init__(self):
        self.open_slow = 0
        self.open_idle = 0
        self.slow_opened = 0
        self.idle_opened = 0
        self.slow_endings = {}
        self.idle_closed = 0
        self.connect_errors = 0


async def hold_idle(host, port, stats, stop):
    while not stop.is_set():
        try:
            r, w = await asyncio.wait_for(asyncio.open_connection(host, port), 5)
        except (OSError, asyncio.TimeoutError):
            stats.connect_errors += 1
            await asyncio.sleep(0.5)
            continue
        stats.open_idle += 1
        stats.idle_opened += 1
        try:
            while not stop.is_set():
                try:
                    data = await asyncio.wait_for(r.read(1024), 1)
                except asyncio.TimeoutError:
                    continue
                if not data:
                    stats.idle_closed += 1
                    break
        except OSError:
            stats.idle_closed += 1
        finally:
            stats.open_idle -= 1
            w.close()


async def hold_slow(host, port, stats, stop, length):
    head = ("POST /api/v1/signals/convolve HTTP/1.1\r\nHost: %s\r\nContent-Type: application/json\r\n"
            "Content-Length: %d\r\n\r\n" % (host, length)).encode()
    while not stop.is_set():
        try:
            r, w = await asyncio.wait_for(asyncio.open_connection(host, port), 5)
            w.write(head)
            await w.drain()
        except (OSError, asyncio.TimeoutError):
            stats.connect_errors += 1
            await asyncio.sleep(0.5)
            continue
        stats.open_slow += 1
        stats.slow_opened += 1
        ending = "held"
        try:
            w.write(b'{"')
            while not stop.is_set():
                try:
                    data = await asyncio.wait_for(r.read(256), 1)
                    if not data:
                        ending = "closed"
                        break
                    ending = data.split(b"\r\n", 1)[0].decode(errors="replace")[:12]
                    break
                except asyncio.TimeoutError:
                    w.write(b"00")  # 2 bytes a second
                    await w.drain()
        except OSError:
            ending = "reset"
        finally:
            stats.open_slow -= 1
            if ending != "held" or not stop.is_set():
                stats.slow_endings[ending] = stats.slow_endings.get(ending, 0) + 1
            w.close()


async def seed_request(host, port, path, timeout):
    a = await exchange(host, port, path, SEED, timeout)
    return a.status == 200 and SEED_ANSWER in a.body, a.total_ms, a.status


async def seed_run(host, port, a, seconds):
    """Seed requests at --rate a second for the given seconds, each on its own connection; their results."""
    seeds = []
    interval = 1.0 / a.rate
    t_start = time.perf_counter()
    for i in range(int(seconds * a.rate)):
        delay = t_start + i * interval - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        seeds.append(asyncio.create_task(seed_request(host, port, a.path, a.timeout)))
    return [await s for s in seeds]


def summary(results):
    lat = sorted(r[1] for r in results)
    return {"requests": len(results), "success": sum(1 for r in results if r[0]) / max(1, len(results)),
            "p50_ms": round(pct(lat, 0.5), 1), "p99_ms": round(pct(lat, 0.99), 1)}


async def hostile(a, host, port, opened, stop_flag, out):
    """The hostile connections, in their own process so that their reconnects do not stall the seed timings."""
    stats = Stats()
    stop = asyncio.Event()
    tasks = []
    t0 = time.time()
    # open gradually: the accept queue is finite
    for i in range(a.idle):
        tasks.append(asyncio.create_task(hold_idle(host, port, stats, stop)))
        if i % 200 == 199:
            await asyncio.sleep(0.05)
    for i in range(a.slow):
        tasks.append(asyncio.create_task(hold_slow(host, port, stats, stop, a.slow_length)))
        if i % 200 == 199:
            await asyncio.sleep(0.05)
    deadline = time.time() + a.settle
    while time.time() < deadline and (stats.open_idle < a.idle * 0.95 or stats.open_slow < a.slow * 0.95):
        await asyncio.sleep(0.2)
    out["opened_in_s"] = round(time.time() - t0, 1)
    out["open_at_start"] = {"idle": stats.open_idle, "slow": stats.open_slow}
    opened.set()
    while not stop_flag.is_set():
        await asyncio.sleep(0.2)
    out["open_at_end"] = {"idle": stats.open_idle, "slow": stats.open_slow}
    stop.set()
    for t in tasks:
        t.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    out["hostile_connections_opened"] = {"idle": stats.idle_opened, "slow": stats.slow_opened}
    out["idle_closed_by_server"] = stats.idle_closed
    out["slow_endings"] = dict(stats.slow_endings)
    out["connect_errors"] = stats.connect_errors


def hostile_process(a, host, port, opened, stop_flag, out):
    raise_nofile(a.slow + a.idle + 256)
    asyncio.run(hostile(a, host, port, opened, stop_flag, out))


async def main(a):
    host, port = loopback(a.base, "hostile-load")
    # warm-up, and the baseline without hostile connections (the same schedule, measured apart)
    for _ in range(a.warmup):
        await seed_request(host, port, a.path, a.timeout)
    baseline = await seed_run(host, port, a, a.baseline)
    manager = multiprocessing.Manager()
    out = manager.dict()
    opened = multiprocessing.Event()
    stop_flag = multiprocessing.Event()
    child = multiprocessing.Process(target=hostile_process, args=(a, host, port, opened, stop_flag, out), daemon=True)
    child.start()
    opened.wait(a.settle + 30)
    results = await seed_run(host, port, a, a.duration)
    stop_flag.set()
    child.join(60)
    if child.is_alive():
        child.terminate()
    ok = [r for r in results if r[0]]
    lat = sorted(r[1] for r in results)
    statuses = {}
    for r in results:
        statuses[r[2]] = statuses.get(r[2], 0) + 1
    report = {"base": a.base, "slow": a.slow, "slow_length": a.slow_length, "idle": a.idle, "duration_s": a.duration, "rate": a.rate}
    report.update(dict(out))
    report.update({
        "seed_requests": len(results), "seed_success": len(ok) / max(1, len(results)),
        "seed_ms": {"p50": round(pct(lat, 0.5), 1), "p90": round(pct(lat, 0.9), 1), "p99": round(pct(lat, 0.99), 1),
                    "max": round(lat[-1], 1) if lat else None},
        "seed_statuses": statuses,
        "baseline_without_hostile": summary(baseline),
    })
    print(json.dumps(report, indent=1))
    if a.json:
        with open(a.json, "w") as f:
            json.dump(report, f, indent=1)
    good = report["seed_success"] >= a.min_success and pct(lat, 0.99) < a.max_p99_ms
    print("hostile-load: %s: seed success %.1f%%, p99 %.1f ms (targets >= %.0f%%, < %.0f ms)"
          % ("PASS" if good else "FAIL", 100 * report["seed_success"], pct(lat, 0.99), 100 * a.min_success, a.max_p99_ms))
    return 0 if good else 1


def raise_nofile(need):
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < need:
        resource.setrlimit(resource.RLIMIT_NOFILE, (min(need, hard), hard))


if __name__ == "__main__":
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--base", required=True)
    p.add_argument("--path", default="/api/v1/signals/convolve")
    p.add_argument("--slow", type=int, default=1000)
    p.add_argument("--idle", type=int, default=5000)
    p.add_argument("--slow-length", type=int, default=100000, help="the Content-Length the slow bodies declare")
    p.add_argument("--duration", type=float, default=20)
    p.add_argument("--rate", type=float, default=20)
    p.add_argument("--timeout", type=float, default=5)
    p.add_argument("--warmup", type=int, default=300, help="seed requests before anything is measured")
    p.add_argument("--baseline", type=float, default=5, help="seconds of seed requests measured before the hostile connections open")
    p.add_argument("--settle", type=float, default=30, help="seconds to wait for the hostile connections to open")
    p.add_argument("--min-success", type=float, default=0.99)
    p.add_argument("--max-p99-ms", type=float, default=100)
    p.add_argument("--json")
    a = p.parse_args()
    raise_nofile(int(a.rate * a.timeout) + 256)
    sys.exit(asyncio.run(main(a)))
