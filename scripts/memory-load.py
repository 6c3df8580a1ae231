#!/usr/bin/env python3
"""Concurrent maximum-size uploads against a running service: does memory admission hold?

    python3 scripts/memory-load.py --base http://127.0.0.1:8080 [--concurrency 64] [--rounds 2]
                                   [--side 2048] [--json out.json]

Builds one image request of side x side random numbers (2048² with 12 decimals is about 63 MB of
JSON, just under the default 64 MiB body limit; a 3 x 3 kernel), sends it --concurrency times at once
(--rounds times), each with Expect: 100-continue as curl sends large bodies, and reports the statuses,
how fast each kind of answer came, whether the service is still up afterwards (GET
/actuator/health), and the heap the service reports (GET /actuator/prometheus, jvm_memory_used_bytes
of the heap). Loopback only; bounded in time. Exit status 0 when every answer is 200 or 503, every
503 came within --max-503-ms at the 99th percentile, at least one 200 came, and the service is up.
"""
import argparse
import asyncio
import http.client
import json
import random
import sys
import threading
import time
import os

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from loadlib import exchange, loopback, pct  # noqa: E402


def body(side, seed=7):
    r = random.Random(seed)
    rows = []
    for _ in range(side):
        rows.append("[" + ",".join("%.12f" % r.random() for _ in range(side)) + "]")
    return ('{"image":[' + ",".join(rows) + '],"kernel":[[1,2,1],[2,4,2],[1,2,1]],"mode":"same"}').encode()


async def post(host, port, payload, timeout):
    """One upload, as a careful client sends it: the body only after 100 Continue."""
    a = await exchange(host, port, "/api/v1/images/convolve", payload, timeout, expect=True)
    return a.status, a.first_ms if a.first_ms is not None else a.total_ms, a.retry_after


def get(host, port, path):
    c = http.client.HTTPConnection(host, port, timeout=10)
    try:
        c.request("GET", path)
        r = c.getresponse()
        return r.status, r.read().decode(errors="replace")
    except OSError as e:
        return "error:" + type(e).__name__, ""
    finally:
        c.close()


def heap_used(host, port):
    status, text = get(host, port, "/actuator/prometheus")
    if status != 200:
        return None
    return sum(float(l.rsplit(" ", 1)[1]) for l in text.splitlines()
               if l.startswith("jvm_memory_used_bytes") and 'area="heap"' in l)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--base", required=True)
    p.add_argument("--concurrency", type=int, default=64)
    p.add_argument("--rounds", type=int, default=2)
    p.add_argument("--side", type=int, default=2048)
    p.add_argument("--timeout", type=float, default=120)
    p.add_argument("--max-503-ms", type=float, default=100)
    p.add_argument("--json")
    a = p.parse_args()
    host, port = loopback(a.base, "memory-load")
    payload = body(a.side)
    print("memory-load: body of %.1f MB, %d concurrent, %d rounds" % (len(payload) / 1e6, a.concurrency, a.rounds), flush=True)
    results = []
    peak = [0.0]

    def watch(stop):
        while not stop.is_set():
            h = heap_used(host, port)
            if h:
                peak[0] = max(peak[0], h)
            stop.wait(0.5)

    stop = threading.Event()
    watcher = threading.Thread(target=watch, args=(stop,), daemon=True)
    watcher.start()
    t0 = time.time()
    async def rounds():
        for _ in range(a.rounds):
            results.extend(await asyncio.gather(*(post(host, port, payload, a.timeout) for _ in range(a.concurrency))))

    asyncio.run(rounds())
    stop.set()
    health = get(host, port, "/actuator/health")[0]
    statuses = {}
    for s, _, _ in results:
        statuses[str(s)] = statuses.get(str(s), 0) + 1
    ms = {k: [r[1] for r in results if str(r[0]) == k] for k in statuses}
    report = {
        "base": a.base, "body_mb": round(len(payload) / 1e6, 1), "concurrency": a.concurrency, "rounds": a.rounds,
        "seconds": round(time.time() - t0, 1), "statuses": statuses,
        "ms": {k: {"p50": round(pct(v, 0.5), 1), "p99": round(pct(v, 0.99), 1), "max": round(max(v), 1)} for k, v in ms.items()},
        "retry_after": sorted({r[2] for r in results if r[0] == 503 and r[2]}),
        "health_after": health, "heap_used_peak_mb": round(peak[0] / 1e6, 1),
    }
    print(json.dumps(report, indent=1))
    if a.json:
        with open(a.json, "w") as f:
            json.dump(report, f, indent=1)
    only_known = all(k in ("200", "503") for k in statuses)
    fast = "503" not in ms or pct(ms["503"], 0.99) <= a.max_503_ms
    good = only_known and fast and statuses.get("200", 0) > 0 and health == 200
    print("memory-load: %s: %s; 503 p99 %s ms; health after: %s" % ("PASS" if good else "FAIL", statuses,
          report["ms"].get("503", {}).get("p99", "-"), health))
    return 0 if good else 1


if __name__ == "__main__":
    sys.exit(main())
