#!/usr/bin/env python3
"""Heap one request takes per byte of its body: the basis of convolution.concurrency.memory-per-body-byte.

    python3 scripts/heap-per-byte.py --java /path/to/java --classpath CP [--side 2048] [--runs 2]

For each body form of one 2048 x 2048 float64 image with a 3 x 3 kernel (JSON with 17 significant digits, about
80 MB, and multipart .npy, about 34 MB, answered in the same form), finds by bisection the smallest -Xmx (in 16 MiB
steps) under which a fresh service answers the request 200 --runs times in a row, with the memory admission set to
admit it (memory-per-body-byte 0.5, the least it takes). The same for a request of a 16 x 16 image gives the
service's own floor; (smallest heap - floor) / body bytes is the heap a body byte takes. Prints one line per form:
    HEAP <form> body_bytes=… min_xmx_mb=… floor_mb=… per_body_byte=…
The JVM runs with the container's collector (-XX:+UseG1GC -XX:G1PeriodicGCInterval=3000). Loopback only.
"""
import argparse
import http.client
import io
import json
import os
import random
import socket
import subprocess
import sys
import time


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def npy(values, side):
    import struct
    header = "{'descr': '<f8', 'fortran_order': False, 'shape': (%d, %d), }" % (side, side)
    pad = 64 - (10 + len(header) + 1) % 64
    header = header + " " * pad + "\n"
    return b"\x93NUMPY\x01\x00" + struct.pack("<H", len(header)) + header.encode() + struct.pack("<%dd" % len(values), *values)


def bodies(side):
    r = random.Random(7)
    values = [r.gauss(0, 1) for _ in range(side * side)]
    rows = [values[i * side:(i + 1) * side] for i in range(side)]
    js = json.dumps({"image": rows, "kernel": [[1, 2, 1], [2, 4, 2], [1, 2, 1]], "mode": "same"}).encode()
    boundary = "heapperbyte"
    out = io.BytesIO()
    for name, ctype, content in (("image", "application/x-npy", npy(values, side)),
                                 ("kernel", "application/json", b"[[1, 2, 1], [2, 4, 2], [1, 2, 1]]"),
                                 ("options", "application/json", b'{"mode": "same"}')):
        out.write(("--%s\r\nContent-Disposition: form-data; name=\"%s\"; filename=\"%s\"\r\nContent-Type: %s\r\n\r\n"
                   % (boundary, name, name, ctype)).encode())
        out.write(content)
        out.write(b"\r\n")
    out.write(("--%s--\r\n" % boundary).encode())
    return {"json": (js, {"Content-Type": "application/json", "Accept": "application/json"}),
            "npy": (out.getvalue(), {"Content-Type": "multipart/form-data; boundary=" + boundary, "Accept": "application/x-npy"})}


def answers(java, classpath, xmx_mb, body, headers, runs):
    port = free_port()
    proc = subprocess.Popen([java, "--add-modules=jdk.incubator.vector", "-Xmx%dm" % xmx_mb, "-XX:+UseG1GC", "-XX:G1PeriodicGCInterval=3000", "-cp", classpath,
                             "dev.convolution.ConvolutionApplication", "--server.port=%d" % port, "--server.address=127.0.0.1",
                             "--convolution.concurrency.memory-per-body-byte=0.5", "--convolution.limits.max-body-bytes=209715200"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(120):
            try:
                c = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
                c.request("GET", "/actuator/health/readiness")
                if c.getresponse().status == 200:
                    break
            except OSError:
                pass
            if proc.poll() is not None:
                return False
            time.sleep(0.5)
        else:
            return False
        for _ in range(runs):
            try:
                c = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
                c.request("POST", "/api/v1/images/convolve", body, headers)
                resp = c.getresponse()
                resp.read()
                if resp.status != 200:
                    return False
            except OSError:
                return False
        return True
    finally:
        proc.kill()
        proc.wait()


def smallest(java, classpath, body, headers, runs, lo, hi):
    """The smallest heap in 16 MiB steps in (lo, hi] that answers; lo fails, hi answers (checked)."""
    if not answers(java, classpath, hi, body, headers, runs):
        sys.exit("no answer under -Xmx%dm" % hi)
    while hi - lo > 16:
        mid = (lo + hi) // 2 // 16 * 16
        if mid <= lo:
            break
        if answers(java, classpath, mid, body, headers, runs):
            hi = mid
        else:
            lo = mid
    return hi


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--java", default="java")
    ap.add_argument("--classpath", required=True)
    ap.add_argument("--side", type=int, default=2048)
    ap.add_argument("--runs", type=int, default=2)
    ap.add_argument("--forms", default="json,npy")
    a = ap.parse_args()
    small = bodies(16)
    big = bodies(a.side)
    floor = {}
    for form in a.forms.split(","):
        floor[form] = smallest(a.java, a.classpath, small[form][0], small[form][1], a.runs, 16, 512)
        mb = smallest(a.java, a.classpath, big[form][0], big[form][1], a.runs, floor[form], 2048)
        n = len(big[form][0])
        print("HEAP %s body_bytes=%d min_xmx_mb=%d floor_mb=%d per_body_byte=%.2f"
              % (form, n, mb, floor[form], (mb - floor[form]) * 1048576 / n), flush=True)


if __name__ == "__main__":
    main()
