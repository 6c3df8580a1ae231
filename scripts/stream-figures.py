#!/usr/bin/env python3
"""The streamed-volume figures against a running service (scripts/stream-figures starts one under -Xmx512m).

    python3 scripts/stream-figures.py --base http://127.0.0.1:18130 --pid PID [--quick] [--only S1,S2,S3,faults]

S1: a 1 GiB float32 volume (1024x512x512) x 3x3x3, same, reflect: checked slab by slab against scipy, then timed against
    the service's streaming echo of the same bytes (/bench/bare/stream-echo, bench profile) in interleaved rounds;
    target: service / echo <= 1.5.
S2: a 4 GiB float32 input (4096x512x512) completes; the service's peak resident memory (VmRSS, sampled every 50 ms)
    for it within 1.25x of that for a 64 MiB input (64x512x512).
S3: a 15x15x15 kernel on the 1 GiB volume completes (every 64th output slab checked: the reference sums 3,375 shifted
    slabs a slab), its peak resident memory reported.
Faults: a client that stops at half of a 1 GiB body, a part truncated at half, 4 concurrent 256 MiB streams: no
    OutOfMemoryError, the service healthy after each (a seed request answers), resident memory back within 1.25x of its
    baseline within 30 s (the baseline: resident memory at rest after the warm-up, once the idle collections have
    given back what they will).
--quick divides the first axis by 16. Prints one line a figure and a JSON summary; exit status 0 when all held.
Loopback only.
"""
import argparse
import json
import os
import subprocess
import sys
import threading
import time
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
SEED = b'{"signal":[2,1,3,5,4],"kernel":[1,-1],"mode":"valid"}'


def rss_kib(pid):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


class Peak:
    """The peak VmRSS of a process while a block runs, sampled every 50 ms."""

    def __init__(self, pid):
        self.pid, self.peak, self.stop = pid, 0, threading.Event()

    def __enter__(self):
        self.peak = rss_kib(self.pid)
        self.thread = threading.Thread(target=self.run, daemon=True)
        self.thread.start()
        return self

    def run(self):
        while not self.stop.wait(0.05):
            self.peak = max(self.peak, rss_kib(self.pid))

    def __exit__(self, *exc):
        self.stop.set()
        self.thread.join()


def check(base, *args):
    cmd = [sys.executable, os.path.join(HERE, "stream-check.py"), "--base", base, "--timeout", "600", *args]
    out = subprocess.run(cmd, capture_output=True, text=True)
    line = out.stdout.strip().splitlines()[-1] if out.stdout.strip() else "{}"
    try:
        report = json.loads(line)
    except ValueError:
        report = {"ok": False, "raw": out.stdout[-500:] + out.stderr[-500:]}
    return report


def healthy(base):
    req = urllib.request.Request(base + "/api/v1/signals/convolve", data=SEED, headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=10) as r:
        return r.status == 200 and b'"output":[-1,2,2,-1]' in r.read()


def settle(pid, baseline_kib, seconds=30):
    """Seconds until VmRSS is within 1.25x of the baseline (None when it is not within `seconds`), and VmRSS in MiB then."""
    t0 = time.time()
    while time.time() - t0 < seconds:
        rss = rss_kib(pid)
        if rss <= 1.25 * baseline_kib:
            return round(time.time() - t0, 1), round(rss / 1024, 1)
        time.sleep(0.5)
    return None, round(rss_kib(pid) / 1024, 1)


def at_rest(pid, seconds=120, still=30):
    """VmRSS in KiB once the idle service has given back what it will (the container's G1 collects every 3 s when idle,
    and shrinks the heap a step at a time): the least seen, once no new low (by more than 2%) has come for `still`
    seconds, or after `seconds`. The service's own warm-up before readiness and the first stream leave the heap grown,
    and a baseline read then would make "back near the baseline" hold at once."""
    t0 = time.time()
    low, low_at = rss_kib(pid), t0
    while time.time() - t0 < seconds and time.time() - low_at < still:
        time.sleep(1)
        rss = rss_kib(pid)
        if rss < 0.98 * low:
            low, low_at = rss, time.time()
        low = min(low, rss)
    return low


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--base", required=True)
    p.add_argument("--pid", type=int, required=True)
    p.add_argument("--log", default=None)
    p.add_argument("--quick", action="store_true")
    p.add_argument("--rounds", type=int, default=3)
    p.add_argument("--only", default="S1,S2,S3,faults")
    a = p.parse_args()
    only = set(a.only.split(","))
    div = 16 if a.quick else 1
    gib = "%d,512,512" % (1024 // div)
    results, ok = {}, True
    # warm-up: the JIT and the heap's first growth are not the figures
    check(a.base, "--shape", "%d,512,512" % max(8, 64 // div), "--dtype", "float32", "--no-check")
    after_warm_up = rss_kib(a.pid)
    baseline = at_rest(a.pid)
    results["rss_after_warm_up_mib"] = round(after_warm_up / 1024, 1)
    results["baseline_rss_mib"] = round(baseline / 1024, 1)
    print("resident memory: %.1f MiB after the warm-up, %.1f MiB at rest (the baseline)" % (after_warm_up / 1024, baseline / 1024),
          flush=True)
    if "S1" in only:
        with Peak(a.pid) as peak:
            r = check(a.base, "--shape", gib, "--dtype", "float32", "--mode", "same", "--boundary", "reflect")
        timed = check(a.base, "--shape", gib, "--dtype", "float32", "--mode", "same", "--boundary", "reflect", "--no-check",
                      "--echo-path", "/bench/bare/stream-echo", "--rounds", str(a.rounds))
        ratio = timed.get("ratio_service_echo")
        good = r.get("ok") and timed.get("ok") and ratio is not None and ratio <= 1.5
        results["S1"] = {"checked": r.get("ok"), "slabs_checked": r["streams"][0].get("slabs_checked") if r.get("streams") else None,
                         "max_abs_error": r["streams"][0].get("max_abs_error") if r.get("streams") else None,
                         "median_s_service": timed.get("median_seconds_service"), "median_s_echo": timed.get("median_seconds_echo"),
                         "ratio": ratio, "peak_rss_mib": round(peak.peak / 1024, 1), "ok": bool(good)}
        ok &= bool(good)
        print("S1:", json.dumps(results["S1"]), flush=True)
    if "S2" in only:
        with Peak(a.pid) as small:
            r_small = check(a.base, "--shape", "%d,512,512" % max(4, 64 // div), "--dtype", "float32", "--no-check")
        with Peak(a.pid) as large:
            r_large = check(a.base, "--shape", "%d,512,512" % (4096 // div), "--dtype", "float32", "--no-check")
        ratio = large.peak / max(1, small.peak)
        good = r_small.get("ok") and r_large.get("ok") and ratio <= 1.25
        results["S2"] = {"peak_rss_mib_64MiB": round(small.peak / 1024, 1), "peak_rss_mib_4GiB": round(large.peak / 1024, 1),
                         "ratio": round(ratio, 3), "seconds_4GiB": r_large["streams"][0].get("seconds") if r_large.get("streams") else None,
                         "ok": bool(good)}
        ok &= bool(good)
        print("S2:", json.dumps(results["S2"]), flush=True)
    if "S3" in only:
        with Peak(a.pid) as peak:
            r = check(a.base, "--shape", gib, "--dtype", "float32", "--kernel", "15x15x15", "--mode", "same", "--boundary", "reflect",
                      "--check-every", str(64 // div))
        good = r.get("ok")
        results["S3"] = {"checked": r.get("ok"), "seconds": r["streams"][0].get("seconds") if r.get("streams") else None,
                         "peak_rss_mib": round(peak.peak / 1024, 1), "ok": bool(good)}
        ok &= bool(good)
        print("S3:", json.dumps(results["S3"]), flush=True)
    if "faults" in only:
        faults = {}
        for name, args in (("stop at half", ["--shape", gib, "--stop-at", "0.5", "--hold", "3"]),
                           ("truncated part", ["--shape", gib, "--truncate-at", "0.5"]),
                           ("4 concurrent 256 MiB", ["--shape", "%d,512,512" % (256 // div), "--concurrent", "4", "--no-check"])):
            with Peak(a.pid) as peak:
                r = check(a.base, "--dtype", "float32", *args)
            statuses = sorted({s.get("status") for s in r.get("streams", [])}, key=str)
            outcomes = sorted({s.get("outcome") for s in r.get("streams", [])}, key=str)
            alive = healthy(a.base)
            back, settled = settle(a.pid, baseline)
            # 4 concurrent streams may be refused (503) when the memory budget cannot hold them: never an OutOfMemoryError
            good = (r.get("ok") or name.startswith("4") and all(s.get("status") in (200, 503) for s in r.get("streams", []))) \
                and alive and back is not None
            faults[name] = {"statuses": statuses, "outcomes": outcomes, "healthy_after": alive, "peak_rss_mib": round(peak.peak / 1024, 1),
                            "rss_back_near_baseline_s": back, "rss_then_mib": settled, "ok": bool(good)}
            ok &= bool(good)
            print("fault %s:" % name, json.dumps(faults[name]), flush=True)
        results["faults"] = faults
    if a.log and os.path.exists(a.log):
        with open(a.log) as f:
            results["out_of_memory_errors"] = f.read().count("OutOfMemoryError")
        ok &= results["out_of_memory_errors"] == 0
    results["ok"] = bool(ok)
    print(json.dumps(results))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
