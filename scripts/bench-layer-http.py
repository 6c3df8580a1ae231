#!/usr/bin/env python3
"""Times the L1 layer request (conv2d, N=8, 64 -> 64, 56x56, 3x3, padding 1) over HTTP against a running
service, in JSON and, where the service takes it, as multipart .npy bodies answered in .npy, and prints lines such as
"BENCH L1-http json median_ms=...". The in-process figure is scripts/bench-core L1.

    scripts/bench-layer-http.py [base-url] [runs] [warm-up]
        default http://localhost:8080, 8 runs, 20 warm-up requests of each kind first (not timed): a freshly started
        service runs these requests up to twice as slow while its collector is still sizing the heap
"""
import http.client
import io
import json
import statistics
import sys
import time
import urllib.parse
import uuid

import numpy as np

base = sys.argv[1] if len(sys.argv) > 1 else "http://localhost:8080"
runs = int(sys.argv[2]) if len(sys.argv) > 2 else 8
warmup = int(sys.argv[3]) if len(sys.argv) > 3 else 20
url = urllib.parse.urlparse(base)
rng = np.random.default_rng(42)
x = rng.standard_normal((8, 64, 56, 56))
w = rng.standard_normal((64, 64, 3, 3))
b = rng.standard_normal(64)


def post(body, headers):
    conn = http.client.HTTPConnection(url.hostname, url.port or 80, timeout=600)
    t0 = time.perf_counter()
    conn.request("POST", "/api/v1/layers/conv2d", body=body, headers=headers)
    r = conn.getresponse()
    data = r.read()
    t1 = time.perf_counter()
    conn.close()
    if r.status != 200:
        raise SystemExit("HTTP %d: %s" % (r.status, data[:300]))
    return t1 - t0, data


def timed(name, body, headers, check):
    for i in range(warmup):
        t, data = post(body, headers)
        if i == 0:
            check(data)
    times = []
    for i in range(runs):
        t, data = post(body, headers)
        if i == 0 and warmup == 0:
            check(data)
        times.append(t)
    print("BENCH L1-http %s median_ms=%.1f min_ms=%.1f max_ms=%.1f request_mb=%.1f" % (
        name, 1000 * statistics.median(times), 1000 * min(times), 1000 * max(times), len(body) / 1e6))


def reference():
    import numpy.lib.stride_tricks as st
    xp = np.pad(x, ((0, 0), (0, 0), (1, 1), (1, 1)))
    win = st.sliding_window_view(xp, (3, 3), axis=(2, 3))  # n, c, 56, 56, 3, 3
    return np.einsum("ncijkl,ockl->noij", win, w, optimize=True) + b[None, :, None, None]


expected = reference()

doc = {"input": x.tolist(), "weight": w.tolist(), "bias": b.tolist(), "padding": 1}
json_body = json.dumps(doc).encode()


def check_json(data):
    y = np.array(json.loads(data)["output"])
    assert np.allclose(y, expected, rtol=1e-9, atol=1e-9), "JSON result differs from numpy"


timed("json", json_body, {"Content-Type": "application/json", "Accept": "application/json"}, check_json)


def npy(a):
    buf = io.BytesIO()
    np.save(buf, a)
    return buf.getvalue()


boundary = uuid.uuid4().hex
parts = []
for name, ctype, payload in [("input", "application/x-npy", npy(x)), ("weight", "application/x-npy", npy(w)),
                             ("bias", "application/x-npy", npy(b)),
                             ("options", "application/json", json.dumps({"padding": 1}).encode())]:
    parts.append(("--%s\r\nContent-Disposition: form-data; name=\"%s\"; filename=\"%s\"\r\nContent-Type: %s\r\n\r\n"
                  % (boundary, name, name, ctype)).encode() + payload + b"\r\n")
multipart_body = b"".join(parts) + ("--%s--\r\n" % boundary).encode()


def check_npy(data):
    y = np.load(io.BytesIO(data))
    assert y.shape == expected.shape and np.allclose(y, expected, rtol=1e-9, atol=1e-9), ".npy result differs"


probe = http.client.HTTPConnection(url.hostname, url.port or 80, timeout=600)
try:
    probe.request("POST", "/api/v1/layers/conv2d", body=multipart_body,
                  headers={"Content-Type": "multipart/form-data; boundary=" + boundary, "Accept": "application/x-npy"})
    status = probe.getresponse().status
except OSError as e:  # a refused body closes the connection before it is all sent
    status = "refused (%s)" % e.__class__.__name__
probe.close()
if status == 200:
    timed("npy", multipart_body, {"Content-Type": "multipart/form-data; boundary=" + boundary,
                                  "Accept": "application/x-npy"}, check_npy)
else:
    print("# multipart .npy bodies: HTTP %s (not taken by this build)" % status)
