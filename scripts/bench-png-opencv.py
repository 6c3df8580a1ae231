#!/usr/bin/env python3
"""OpenCV's side of the PNG performance target: cv2.imdecode, cv2.GaussianBlur (5x5, sigma 0) and
cv2.imencode('.png') (its defaults: zlib level 1, Sub filter, RLE strategy) on the same 2048x2048 RGB 8-bit PNG that
PngBenchmark reads, in one Python process. Prints the median of each step (and of the three in a row) over the runs,
and the sizes, as "BENCH png-opencv <step> median_ms=...". The target for the service: the whole HTTP request (PNG in,
Gaussian 5x5, PNG out) within 2x of "total" here.

Run:  /usr/bin/python3 scripts/bench-png-opencv.py [PATH] [RUNS]
      PATH defaults to target/png/photo-2048.png, made by scripts/generate_png_fixtures.py --bench when missing;
      RUNS defaults to 10.
"""
import os
import statistics
import subprocess
import sys
import time

import cv2
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "..", "target", "png", "photo-2048.png")
runs = int(sys.argv[2]) if len(sys.argv) > 2 else 10
if not os.path.exists(path):
    subprocess.run([sys.executable, os.path.join(HERE, "generate_png_fixtures.py"), "--bench", path], check=True)
with open(path, "rb") as f:
    data = f.read()
buf = np.frombuffer(data, dtype=np.uint8)


def timed(fn):
    t = time.perf_counter()
    out = fn()
    return out, (time.perf_counter() - t) * 1e3


steps = {"decode": [], "blur": [], "encode": [], "total": []}
for i in range(runs + 2):  # two warm-up rounds
    start = time.perf_counter()
    img, d = timed(lambda: cv2.imdecode(buf, cv2.IMREAD_UNCHANGED))
    out, b = timed(lambda: cv2.GaussianBlur(img, (5, 5), 0))
    (ok, png), e = timed(lambda: cv2.imencode(".png", out))
    total = (time.perf_counter() - start) * 1e3
    assert ok and img.shape == (2048, 2048, 3) and img.dtype == np.uint8
    if i >= 2:
        for k, v in zip(steps, (d, b, e, total)):
            steps[k].append(v)

print("# OpenCV %s, numpy %s, %d threads; %s: %d bytes in, %d bytes out; %d runs"
      % (cv2.__version__, np.__version__, cv2.getNumThreads(), os.path.relpath(path), len(data), len(png), runs))
for k, v in steps.items():
    print("BENCH png-opencv %s median_ms=%.3f min_ms=%.3f" % (k, statistics.median(v), min(v)))
