#!/usr/bin/env python3
"""Pictures filtered by each named kernel, computed by OpenCV, for the images endpoints' PNG path.

Run with Debian's Python (cv2 4.6, numpy): /usr/bin/python3 scripts/generate_filtered_pictures.py

Sources (made by scripts/generate_png_fixtures.py): the seed's 7x7 example as an 8-bit grey picture (png/seed-7x7.png)
and the photograph-like test picture (png/rgb8.png: gradients, edges, a circle, thin lines, a checker patch, text).
Each is cross-correlated with every named kernel as cv2.filter2D does it (the kernel unflipped), in float64, with
OpenCV's BORDER_REFLECT_101 (the service's boundary "reflect"), mode same, each colour channel on its own, then scaled
to 8-bit pixels by the rule the request names (API.md: clip rounds half to even and clips; abs takes |y| first;
normalize maps the channel's [min, max] onto 0..255). The Laplacian of Gaussian is shown with abs: under normalize its
response to the picture's flat and linear areas, 0 give or take rounding, falls on a tie (127.5) when min = -max). The kernels' values come from OpenCV (getGaussianKernel,
getDerivKernels) and the contract's table. Writes src/test/resources/png/filtered/<source>-<case>.png and
manifest.json (the request options of each case); the Java test posts each source with those options and compares.
"""
import json
import os

import cv2
import numpy as np

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
SRC = os.path.join(ROOT, "src", "test", "resources", "png")
OUT = os.path.join(SRC, "filtered")


def gaussian(size, sigma=0.0):
    g = cv2.getGaussianKernel(size, sigma, cv2.CV_64F)
    return g @ g.T


def deriv(size, axis):
    kx, ky = cv2.getDerivKernels(1, 0, size, ktype=cv2.CV_64F)
    k = ky @ kx.T  # rows smoothing, columns derivative: the x derivative
    return k if axis == "x" else k.T


def log(size, sigma):
    c = (size - 1) / 2
    y, x = np.mgrid[0:size, 0:size] - c
    r2 = x * x + y * y
    g = np.exp(-r2 / (2 * sigma * sigma)) / (2 * np.pi * sigma * sigma)
    k = g * (r2 - 2 * sigma * sigma) / sigma ** 4
    return k - k.mean()


CASES = [
    ("box5", {"name": "box", "size": 5}, np.ones((5, 5)) / 25, "clip"),
    ("gaussian5", {"name": "gaussian", "size": 5}, gaussian(5), "clip"),
    ("gaussian9-s2", {"name": "gaussian", "size": 9, "sigma": 2.0}, gaussian(9, 2.0), "clip"),
    ("sobel-x", {"name": "sobel", "axis": "x"}, deriv(3, "x"), "abs"),
    ("sobel-y", {"name": "sobel", "axis": "y"}, deriv(3, "y"), "abs"),
    ("scharr-x", {"name": "scharr", "axis": "x"}, deriv(-1, "x"), "abs"),
    ("prewitt-y", {"name": "prewitt", "axis": "y"}, np.array([[-1, 0, 1]] * 3, float).T, "abs"),
    ("laplacian4", {"name": "laplacian"}, np.array([[0, 1, 0], [1, -4, 1], [0, 1, 0]], float), "abs"),
    ("laplacian8", {"name": "laplacian", "neighbours": 8}, np.array([[1, 1, 1], [1, -8, 1], [1, 1, 1]], float), "abs"),
    ("log9-s1.4", {"name": "log", "size": 9, "sigma": 1.4}, log(9, 1.4), "abs"),
    ("sharpen", {"name": "sharpen"}, np.array([[0, -1, 0], [-1, 5, -1], [0, -1, 0]], float), "clip"),
    ("emboss", {"name": "emboss"}, np.array([[-2, -1, 0], [-1, 1, 1], [0, 1, 2]], float), "normalize"),
]


def scale(y, rule):
    if rule == "clip":
        return np.clip(np.rint(y), 0, 255)
    if rule == "abs":
        return np.clip(np.rint(np.abs(y)), 0, 255)
    lo, hi = y.min(), y.max()
    if not hi > lo:
        return np.zeros_like(y)
    return np.clip(np.rint((y - lo) * (255.0 / (hi - lo))), 0, 255)


def main():
    os.makedirs(OUT, exist_ok=True)
    manifest = []
    for source in ["seed-7x7", "rgb8"]:
        img = cv2.imread(os.path.join(SRC, source + ".png"), cv2.IMREAD_UNCHANGED)
        planes = [img] if img.ndim == 2 else [img[..., c] for c in (2, 1, 0)]  # cv2 holds BGR: ours are R, G, B
        for name, kernel_request, kernel, rule in CASES:
            out = []
            for p in planes:
                y = cv2.filter2D(p.astype(np.float64), cv2.CV_64F, kernel, borderType=cv2.BORDER_REFLECT_101)
                out.append(scale(y, rule).astype(np.uint8))
            picture = out[0] if len(out) == 1 else np.dstack([out[2], out[1], out[0]])
            file = "%s-%s.png" % (source, name)
            cv2.imwrite(os.path.join(OUT, file), picture, [cv2.IMWRITE_PNG_COMPRESSION, 9])
            manifest.append({"source": source + ".png", "expected": file, "kernel": kernel_request,
                             "options": {"mode": "same", "boundary": "reflect", "png": {"scale": rule}}})
    with open(os.path.join(OUT, "manifest.json"), "w") as f:
        json.dump(manifest, f, indent=1)
        f.write("\n")
    print("wrote %d pictures to %s" % (len(manifest), OUT))


if __name__ == "__main__":
    main()
