#!/usr/bin/env python3
"""The binary-body figures N1 and P1 (docs/performance.md) against a running service (started with the bench profile for /bench/bare/echo;
scripts/bench-binary does that). Run with Debian's /usr/bin/python3, which has numpy and OpenCV.

  N1  a 1024x1024 float64 image with a 3x3 kernel, mode same: JSON in and out, against multipart .npy in and
      Accept: application/x-npy out, against the bare echo of the same .npy bytes (16 MB moved: 8 MB each way).
  P1  a 2048x2048 RGB PNG, Gaussian 5x5, mode same, boundary reflect (OpenCV's BORDER_REFLECT_101), Accept: image/png,
      against OpenCV in this process: cv2.imdecode, cv2.GaussianBlur(5x5, sigma 0), cv2.imencode('.png') on the same
      bytes. The service's picture is checked against OpenCV's (at most 1 apart: OpenCV blurs 8-bit data in fixed point).

Prints "BENCH <name> median_ms=..." lines and the ratios. Medians of --runs after 2 warm-up runs.
"""
import argparse
import http.client
import io
import json
import statistics
import time
import urllib.parse
import uuid

import cv2
import numpy as np

ap = argparse.ArgumentParser()
ap.add_argument("--base", default="http://127.0.0.1:8080")
ap.add_argument("--runs", type=int, default=10)
ap.add_argument("--floor", action="append", default=[], metavar="NAME=URL",
                help="also time the .npy echo against a bare echo server at URL (scripts/bench-binary --floors)")
ap.add_argument("--n1-only", action="store_true", help="skip P1")
args = ap.parse_args()
url = urllib.parse.urlparse(args.base)


def post(path, body, headers, base=None):
    u = base or url
    conn = http.client.HTTPConnection(u.hostname, u.port or 80, timeout=600)
    t0 = time.perf_counter()
    conn.request("POST", path, body=body, headers=headers)
    r = conn.getresponse()
    data = r.read()
    t1 = time.perf_counter()
    conn.close()
    if r.status != 200:
        raise SystemExit("%s: HTTP %d %s" % (path, r.status, data[:300]))
    return t1 - t0, data, r


def timed(name, fn):
    times = []
    result = None
    for i in range(args.runs + 2):
        t, result = fn()
        if i >= 2:
            times.append(t)
    med = statistics.median(times) * 1000
    print("BENCH %s median_ms=%.1f min_ms=%.1f max_ms=%.1f" % (name, med, min(times) * 1000, max(times) * 1000), flush=True)
    return med, result


def npy(a):
    buf = io.BytesIO()
    np.save(buf, a)
    return buf.getvalue()


def multipart(parts):
    boundary = uuid.uuid4().hex
    out = []
    for name, ctype, payload in parts:
        out.append(("--%s\r\nContent-Disposition: form-data; name=\"%s\"; filename=\"%s\"\r\nContent-Type: %s\r\n\r\n"
                    % (boundary, name, name, ctype)).encode() + payload + b"\r\n")
    return b"".join(out) + ("--%s--\r\n" % boundary).encode(), "multipart/form-data; boundary=" + boundary


# ---- N1: .npy round trip against JSON and the bare echo
rng = np.random.default_rng(12)
x = rng.standard_normal((1024, 1024))
h = rng.standard_normal((3, 3))
expected = cv2.filter2D(x, -1, h[::-1, ::-1], borderType=cv2.BORDER_CONSTANT)  # convolution, same, zero fill
json_body = json.dumps({"image": x.tolist(), "kernel": h.tolist(), "mode": "same"}).encode()


def n1_json():
    t, data, _ = post("/api/v1/images/convolve", json_body, {"Content-Type": "application/json", "Accept": "application/json"})
    return t, data


json_ms, data = timed("N1 json", n1_json)
assert np.allclose(np.array(json.loads(data)["output"]), expected, rtol=1e-12, atol=1e-12), "JSON result differs from OpenCV"
body, ctype = multipart([("image", "application/x-npy", npy(x)), ("kernel", "application/x-npy", npy(h)),
                         ("options", "application/json", b'{"mode": "same"}')])


def n1_npy():
    t, data, _ = post("/api/v1/images/convolve", body, {"Content-Type": ctype, "Accept": "application/x-npy"})
    return t, data


npy_ms, data = timed("N1 npy", n1_npy)
y = np.load(io.BytesIO(data))
assert y.shape == expected.shape and np.allclose(y, expected, rtol=1e-12, atol=1e-12), ".npy result differs from OpenCV"
echo_body = npy(x)


def n1_echo():
    t, data, _ = post("/bench/bare/echo", echo_body, {"Content-Type": "application/octet-stream"})
    return t, data


echo_ms, data = timed("N1 echo", n1_echo)
assert data == echo_body
print("RATIO N1 json/npy=%.1f (target <= 3.5) npy/echo=%.2f (target <= 2)" % (json_ms / npy_ms, npy_ms / echo_ms), flush=True)
for floor in args.floor:  # the same bytes through a bare socket echo: what moving them costs with no server framework
    name, _, floor_url = floor.partition("=")
    floor_base = urllib.parse.urlparse(floor_url)

    def n1_floor():
        t, data, _ = post("/", echo_body, {"Content-Type": "application/octet-stream"}, floor_base)
        return t, data

    floor_ms, data = timed("N1 floor %s" % name, n1_floor)
    assert data == echo_body
    print("RATIO N1 json/floor-%s=%.1f (a .npy request as cheap as this bare echo would be this much faster than JSON)"
          % (name, json_ms / floor_ms), flush=True)
if args.n1_only:
    raise SystemExit(0)

# ---- P1: PNG 2048x2048 RGB Gaussian 5x5 against OpenCV decode, blur, encode
H = W = 2048
yy, xx = np.mgrid[0:H, 0:W]
img = np.zeros((H, W, 3), np.float64)
img[..., 0] = 255 * xx / W
img[..., 1] = 255 * yy / H
img[..., 2] = 128 + 100 * np.sin(xx / 37.0) * np.cos(yy / 53.0)
img = img.astype(np.uint8)
cv2.rectangle(img, (200, 300), (900, 800), (20, 220, 40), -1)
cv2.circle(img, (1400, 1200), 400, (250, 30, 200), -1)
for i in range(0, W, 64):
    cv2.line(img, (i, 0), (W - 1 - i, H - 1), (0, 0, 0), 1)
cv2.putText(img, "convolution service", (150, 1800), cv2.FONT_HERSHEY_SIMPLEX, 5, (255, 255, 255), 12)
img = np.clip(img.astype(np.int16) + rng.integers(-6, 7, img.shape), 0, 255).astype(np.uint8)
ok, png = cv2.imencode(".png", img)  # BGR in OpenCV's order
png = png.tobytes()


def p1_opencv():
    t0 = time.perf_counter()
    a = cv2.imdecode(np.frombuffer(png, np.uint8), cv2.IMREAD_UNCHANGED)
    b = cv2.GaussianBlur(a, (5, 5), 0)
    ok, out = cv2.imencode(".png", b)
    return time.perf_counter() - t0, b


cv_ms, blurred = timed("P1 opencv", p1_opencv)
pbody, pctype = multipart([("image", "image/png", png), ("kernel", "application/json", b'{"name": "gaussian", "size": 5}'),
                           ("options", "application/json", b'{"mode": "same", "boundary": "reflect"}')])


def p1_service():
    t, data, _ = post("/api/v1/images/convolve", pbody, {"Content-Type": pctype, "Accept": "image/png"})
    return t, data


svc_ms, data = timed("P1 service", p1_service)
got = cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_UNCHANGED)
diff = np.abs(got.astype(int) - blurred.astype(int))
print("# P1 picture against OpenCV: max difference %d, %.4f%% of values differ, PNG %.1f MB in, %.1f MB out"
      % (diff.max(), 100.0 * np.count_nonzero(diff) / diff.size, len(png) / 1e6, len(data) / 1e6))
assert diff.max() <= 1, "the service's blur differs from OpenCV's by more than 1"
print("RATIO P1 service/opencv=%.2f (target <= 2)" % (svc_ms / cv_ms), flush=True)
