#!/usr/bin/env python3
"""Heavy requests at and beyond capacity, with light ones beside them (the overload figures of docs/operations.md).

    python3 scripts/overload-load.py --base http://127.0.0.1:8080 [--capacity 8] [--seconds 15]
                                     [--light-rate 20] [--json out.json]

The heavy request: 1D, n = 200,000, k = 4,095, direct (819 M multiply-adds, a body of
about 400 KB); the light one the seed Q&A's example. Phases, each on new connections per request:
  unloaded: 1, 2, 4 and --capacity heavy clients back to back; the best rate of 200s is the reference
  (the capacity);
  2x and 10x: heavy requests arriving at 2 and 10 times that rate whatever the answers (open loop), each
  sent with Expect: 100-continue as careful clients send large bodies, and light requests at
  --light-rate a second;
  recovery: one heavy request right after.
Reports per phase: heavy 200s a second, the latency of refusals (503) and whether they carry
Retry-After, light success and latency. Loopback only; every phase is bounded in time.
Exit status 0 when, in both overload phases, refusals answer in < --max-refusal-p99-ms at the 99th
percentile with Retry-After, light success is >= 99%, heavy 200s a second are >= 80% of the best
unloaded rate, and the recovery request succeeds.
"""
import argparse
import asyncio
import json
import sys
import time
import os

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from loadlib import exchange, loopback, pct  # noqa: E402

LIGHT = b'{"signal":[2,1,3,5,4],"kernel":[1,-1],"mode":"valid"}'


def heavy_body(n=200_000, k=4_095):
    signal = ",".join(str(i % 7) for i in range(n))
    kernel = ",".join(str(i % 5 - 2) for i in range(k))
    return ('{"signal":[%s],"kernel":[%s],"mode":"valid","method":"direct"}' % (signal, kernel)).encode()


async def request(host, port, body, timeout, expect=False):
    a = await exchange(host, port, "/api/v1/signals/convolve", body, timeout, expect)
    return a.status, a.first_ms, a.total_ms, a.retry_after is not None


def ms(v, q):
    """A percentile in milliseconds, rounded."""
    x = pct(v, q)
    return None if x is None else round(x, 1)


async def phase(host, port, heavy, clients, seconds, light_rate, timeout, heavy_rate=0):
    """clients > 0: that many heavy clients back to back (closed loop); heavy_rate > 0: heavy requests
    arriving at that rate whatever the answers (open loop), each with Expect: 100-continue."""
    stop = time.perf_counter() + seconds
    heavy_results, light_results = [], []

    async def heavy_client():
        while time.perf_counter() < stop:
            heavy_results.append((time.perf_counter(), await request(host, port, heavy, timeout)))

    async def heavy_arrivals():
        tasks = []
        i = 0
        t0 = time.perf_counter()
        while time.perf_counter() < stop:
            delay = t0 + i / heavy_rate - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
            tasks.append(asyncio.create_task(request(host, port, heavy, timeout, expect=True)))
            i += 1
        for t in tasks:
            heavy_results.append((0, await t))

    async def light_client():
        tasks = []
        i = 0
        t0 = time.perf_counter()
        while light_rate > 0 and time.perf_counter() < stop:
            delay = t0 + i / light_rate - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
            tasks.append(asyncio.create_task(request(host, port, LIGHT, timeout)))
            i += 1
        for t in tasks:
            light_results.append(await t)

    t_start = time.perf_counter()
    await asyncio.gather(*(heavy_client() for _ in range(clients)), *([heavy_arrivals()] if heavy_rate > 0 else []), light_client())
    elapsed = time.perf_counter() - t_start
    ok = [r for _, r in heavy_results if r[0] == 200]
    refused = [r for _, r in heavy_results if r[0] == 503]
    other = {}
    for _, r in heavy_results:
        if r[0] not in (200, 503):
            other[str(r[0])] = other.get(str(r[0]), 0) + 1
    light_ok = [r for r in light_results if r[0] == 200]
    return {
        "heavy_clients": clients, "heavy_rate": heavy_rate, "seconds": round(elapsed, 1),
        "heavy_ok_per_s": round(len(ok) / seconds, 2), "heavy_ok": len(ok), "heavy_ok_ms_p50": ms([r[2] for r in ok], 0.5),
        "refused": len(refused), "refused_ms_p50": ms([r[1] for r in refused], 0.5), "refused_ms_p99": ms([r[1] for r in refused], 0.99),
        "refused_with_retry_after": sum(1 for r in refused if r[3]), "heavy_other": other,
        "light": len(light_results), "light_success": round(len(light_ok) / len(light_results), 4) if light_results else None,
        "light_ms_p50": ms([r[2] for r in light_results], 0.5), "light_ms_p99": ms([r[2] for r in light_results], 0.99),
    }


async def main(a):
    host, port = loopback(a.base, "overload-load")
    heavy = heavy_body()
    for _ in range(a.warmup):  # JIT warm-up of both paths
        await request(host, port, heavy, a.timeout)
        await request(host, port, LIGHT, a.timeout)
    report = {"base": a.base, "heavy_body_bytes": len(heavy), "capacity": a.capacity, "unloaded": [], "overload": []}
    for c in sorted({1, 2, 4, a.capacity}):
        p = await phase(host, port, heavy, c, a.seconds, 0, a.timeout)
        report["unloaded"].append(p)
        print("overload-load: unloaded, %d heavy clients: %s heavy/s" % (c, p["heavy_ok_per_s"]), flush=True)
    best = max(p["heavy_ok_per_s"] for p in report["unloaded"])
    report["best_unloaded_heavy_per_s"] = best
    good = True
    for factor in (2, 10):
        p = await phase(host, port, heavy, 0, a.seconds, a.light_rate, a.timeout, heavy_rate=factor * best)
        p["factor"] = factor
        p["throughput_vs_best"] = round(p["heavy_ok_per_s"] / best, 2) if best else None
        report["overload"].append(p)
        ok = ((p["refused_ms_p99"] is None or p["refused_ms_p99"] < a.max_refusal_p99_ms)
              and p["refused_with_retry_after"] == p["refused"] and (p["light_success"] or 0) >= 0.99
              and (p["throughput_vs_best"] or 0) >= 0.8 and not p["heavy_other"])
        good &= ok
        print("overload-load: %dx: heavy %s/s (%.0f%% of best), refused %d, p99 %s ms, light %.1f%% p99 %s ms: %s"
              % (factor, p["heavy_ok_per_s"], 100 * (p["throughput_vs_best"] or 0), p["refused"], p["refused_ms_p99"],
                 100 * (p["light_success"] or 0), p["light_ms_p99"], "ok" if ok else "MISSED"), flush=True)
    rec = await request(host, port, heavy, a.timeout)
    report["recovery"] = {"status": rec[0], "ms": round(rec[2], 1)}
    good &= rec[0] == 200
    print(json.dumps(report, indent=1))
    if a.json:
        with open(a.json, "w") as f:
            json.dump(report, f, indent=1)
    print("overload-load: %s (recovery: %s in %.0f ms)" % ("PASS" if good else "FAIL", rec[0], rec[2]))
    return 0 if good else 1


if __name__ == "__main__":
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--base", required=True)
    p.add_argument("--capacity", type=int, default=8, help="the heavy lane's permits (convolution.concurrency.max-computations)")
    p.add_argument("--seconds", type=float, default=15)
    p.add_argument("--light-rate", type=float, default=20)
    p.add_argument("--timeout", type=float, default=30)
    p.add_argument("--warmup", type=int, default=20)
    p.add_argument("--max-refusal-p99-ms", type=float, default=50)
    p.add_argument("--json")
    sys.exit(asyncio.run(main(p.parse_args())))
