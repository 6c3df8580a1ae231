#!/usr/bin/env python3
"""Heavy requests at and beyond capacity, with light ones beside them (issue 10's overload figures).

    python3 scripts/overload-load.py --base http://127.0.0.1:8080 [--capacity 8] [--seconds 15]
                                     [--light-rate 20] [--json out.json]

The heavy request is the finding's: 1D, n = 200,000, k = 4,095, direct (819 M multiply-adds, a body of
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
from urllib.parse import urlparse

LIGHT = b'{"signal":[2,1,3,5,4],"kernel":[1,-1],"mode":"valid"}'


def heavy_body(n=200_000, k=4_095):
    signal = ",".join(str(i % 7) for i in range(n))
    kernel = ",".join(str(i % 5 - 2) for i in range(k))
    return ('{"signal":[%s],"kernel":[%s],"mode":"valid","method":"direct"}' % (signal, kernel)).encode()


async def request(host, port, body, timeout, expect=False):
    """One request on a new connection; with expect, the body is sent only after 100 Continue (as curl and
    careful clients send large bodies), so a refusal costs no upload."""
    start = time.perf_counter()
    head = ("POST /api/v1/signals/convolve HTTP/1.1\r\nHost: %s\r\nContent-Type: application/json\r\n"
            "Connection: close\r\n%sContent-Length: %d\r\n\r\n" % (host, "Expect: 100-continue\r\n" if expect else "",
                                                                   len(body))).encode()
    w = None
    try:
        r, w = await asyncio.wait_for(asyncio.open_connection(host, port), timeout)
        w.write(head)
        line = None
        if expect:
            line = await asyncio.wait_for(r.readline(), timeout)
            if line.startswith(b"HTTP/1.1 100"):
                while (await r.readline()) not in (b"\r\n", b""):
                    pass
                line = None
        if line is None:
            view = memoryview(body)
            try:
                for off in range(0, len(body), 1 << 16):
                    w.write(view[off:off + (1 << 16)])
                    await w.drain()
            except OSError:
                pass  # refused while sending: the answer is already there
            line = await asyncio.wait_for(r.readline(), timeout)
        first = (time.perf_counter() - start) * 1000
        status = int(line.split()[1]) if line.startswith(b"HTTP/1.1") else 0
        retry = False
        while True:
            h = await asyncio.wait_for(r.readline(), timeout)
            if h in (b"\r\n", b""):
                break
            retry |= h.lower().startswith(b"retry-after:")
        while await asyncio.wait_for(r.read(1 << 16), timeout):
            pass
        return status, first, (time.perf_counter() - start) * 1000, retry
    except (OSError, ValueError, IndexError, asyncio.TimeoutError) as e:
        return "error:" + type(e).__name__, None, (time.perf_counter() - start) * 1000, False
    finally:
        if w is not None:
            w.close()


def pct(v, q):
    v = sorted(x for x in v if x is not None)
    return round(v[min(len(v) - 1, int(q * len(v)))], 1) if v else None


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
        "heavy_ok_per_s": round(len(ok) / seconds, 2), "heavy_ok": len(ok), "heavy_ok_ms_p50": pct([r[2] for r in ok], 0.5),
        "refused": len(refused), "refused_ms_p50": pct([r[1] for r in refused], 0.5), "refused_ms_p99": pct([r[1] for r in refused], 0.99),
        "refused_with_retry_after": sum(1 for r in refused if r[3]), "heavy_other": other,
        "light": len(light_results), "light_success": round(len(light_ok) / len(light_results), 4) if light_results else None,
        "light_ms_p50": pct([r[2] for r in light_results], 0.5), "light_ms_p99": pct([r[2] for r in light_results], 0.99),
    }


async def main(a):
    u = urlparse(a.base)
    host, port = u.hostname, u.port or 80
    if not (host in ("localhost", "::1") or host.startswith("127.")):
        sys.exit("overload-load: loopback addresses only")
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
