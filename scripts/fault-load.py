#!/usr/bin/env python3
"""Steady load through the gateway while replicas are killed and restarted (the fault figures of docs/operations.md).

    python3 scripts/fault-load.py --base http://127.0.0.1:18080 [--seconds 60] [--workers 8] [--json out.json]

Each worker sends, back to back and each on its own connection, a mix of the seed request (light), a
2D 256 x 256 image with a 15 x 15 kernel (medium) and a 1D n = 400,000, k = 8,191 direct request (long,
a few hundred milliseconds, so some are in flight when a replica dies or is told to stop). It records
every answer with its time; scripts/gateway-check --faults kills and restarts replicas meanwhile.
Reports the answers by status and kind, every failure with its time, and the successes a second.
Loopback only; bounded in time. Exit status 0 when every request got a 200 with the right output
(computations are pure, so the gateway may retry any of them on the other replica).
"""
import argparse
import asyncio
import json
import random
import sys
import time
import os

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from loadlib import exchange, loopback  # noqa: E402

SEED = b'{"signal":[2,1,3,5,4],"kernel":[1,-1],"mode":"valid"}'


def medium():
    r = random.Random(3)
    image = [[r.randint(-9, 9) for _ in range(256)] for _ in range(256)]
    kernel = [[r.randint(-2, 2) for _ in range(15)] for _ in range(15)]
    return json.dumps({"image": image, "kernel": kernel, "mode": "same"}).encode()


def long():
    signal = ",".join(str(i % 7) for i in range(400_000))
    kernel = ",".join(str(i % 5 - 2) for i in range(8_191))
    return ('{"signal":[%s],"kernel":[%s],"mode":"valid","method":"direct"}' % (signal, kernel)).encode()


async def main(a):
    host, port = loopback(a.base, "fault-load")
    kinds = {"seed": ("/api/v1/signals/convolve", SEED, b'"output":[-1,2,2,-1]'),
             "medium": ("/api/v1/images/convolve", medium(), b'"shape":[256,256]'),
             "long": ("/api/v1/signals/convolve", long(), b'"shape":[391810]')}
    mix = ["seed"] * 6 + ["medium"] * 3 + ["long"]
    results = []
    t0 = time.time()
    stop = t0 + a.seconds

    async def worker(i):
        rnd = random.Random(i)
        while time.time() < stop:
            kind = rnd.choice(mix)
            path, body, expect = kinds[kind]
            start = time.time()
            answer = await exchange(host, port, path, body, a.timeout)
            status = answer.status
            ok = status == 200 and expect in answer.body
            results.append({"t": round(start - t0, 2), "kind": kind, "status": status, "ok": ok,
                            "ms": round((time.time() - start) * 1000, 1)})

    await asyncio.gather(*(worker(i) for i in range(a.workers)))
    failures = [r for r in results if not r["ok"]]
    by = {}
    for r in results:
        k = "%s %s" % (r["kind"], r["status"] if r["ok"] or r["status"] != 200 else "200-wrong-body")
        by[k] = by.get(k, 0) + 1
    per_second = [0] * (int(a.seconds) + 1)
    for r in results:
        if r["ok"]:
            per_second[min(int(r["t"]), len(per_second) - 1)] += 1
    report = {"base": a.base, "seconds": a.seconds, "workers": a.workers, "requests": len(results), "failures": failures,
              "answers": by, "ok_per_second": per_second}
    print(json.dumps(report, indent=1))
    if a.json:
        with open(a.json, "w") as f:
            json.dump(report, f, indent=1)
    print("fault-load: %s: %d requests, %d failed" % ("PASS" if not failures else "FAIL", len(results), len(failures)))
    return 0 if not failures else 1


if __name__ == "__main__":
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--base", required=True)
    p.add_argument("--seconds", type=float, default=60)
    p.add_argument("--workers", type=int, default=8)
    p.add_argument("--timeout", type=float, default=30)
    p.add_argument("--json")
    sys.exit(asyncio.run(main(p.parse_args())))
