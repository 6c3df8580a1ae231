#!/usr/bin/python3
"""Generates src/test/resources/golden/named-kernels.json: the named kernels of API.md as OpenCV and numpy give them.

Reference: Debian's OpenCV 4.6 Python bindings (python3-opencv) and numpy, imported by Debian's own Python 3
(/usr/bin/python3), exactly as API.md's table "Named kernels" defines each name:
  * box: numpy.ones(shape) / count when normalised (numpy.ones(shape) when not), ranks 1 to 4.
  * gaussian: g = cv2.getGaussianKernel(size, sigma) (float64); rank 1 is g, rank r the outer product
    g x g x ... x g (numpy.multiply.outer, left to right: ((g[i]*g[j])*g[k])*g[l]).
  * sobel: (kx, ky) = cv2.getDerivKernels(1, 0, size), the 2D kernel numpy.outer(ky, kx) (rows: ky); for axis y
    cv2.getDerivKernels(0, 1, size), the same outer product (the transpose); rank 1 is kx.
  * scharr: the same with ksize = -1 (cv2.FILTER_SCHARR).
  * prewitt, laplacian, sharpen, emboss: the literal arrays of the table.
  * log: the Laplacian of the unit-mass Gaussian, (r^2 - 2 s^2) / s^4 * exp(-r^2 / (2 s^2)) / (2 pi s^2), at the
    integer offsets from the centre, minus the mean of all values; computed value by value in the order the
    Java code uses (math.exp), and checked against a vectorised numpy formula.
Per case: the request's parameters, the parameters with defaults filled in, the shape, the row-major values,
whether exact equality is expected (everything but log; for log "scale", the largest magnitude before the mean
is subtracted, on which a tolerance is set), and the properties computed here:
  * symmetric: numpy.array_equal(k, numpy.flip(k)) (unchanged by a 180-degree rotation, every axis reversed);
  * separable: rank >= 2 and every unfolding of k (axis a against the others) has numpy.linalg.matrix_rank 1.

Run:  /usr/bin/python3 scripts/generate_named_kernels.py   (no randomness: reruns are identical)
"""
import json
import math
import os

import cv2
import numpy as np

OUT = os.path.join(os.path.dirname(__file__), "..", "src", "test", "resources", "golden", "named-kernels.json")


def outer(factors):
    k = np.asarray(factors[0], dtype=np.float64)
    for f in factors[1:]:
        k = np.multiply.outer(k, np.asarray(f, dtype=np.float64))
    return k


def gaussian_vector(size, sigma):
    g = cv2.getGaussianKernel(size, sigma)
    assert g.dtype == np.float64 and g.shape == (size, 1)
    return g.ravel()


def deriv(dx, dy, size):
    kx, ky = cv2.getDerivKernels(dx, dy, size)
    return kx.ravel().astype(np.float64), ky.ravel().astype(np.float64)


def log_kernel(size, sigma):
    c = (size - 1) // 2
    s2 = sigma * sigma
    values = []
    for i in range(size):
        for j in range(size):
            dy = i - c
            dx = j - c
            r2 = float(dx * dx + dy * dy)
            values.append((r2 - 2.0 * s2) / (s2 * s2) * math.exp(-r2 / (2.0 * s2)) / (2.0 * math.pi * s2))
    total = 0.0
    for v in values:
        total += v
    mean = total / len(values)
    k = np.array([v - mean for v in values]).reshape(size, size)
    scale = max(abs(v) for v in values)
    # the same by numpy, vectorised
    y, x = np.mgrid[-c:c + 1, -c:c + 1].astype(np.float64)
    r2 = x * x + y * y
    g = np.exp(-r2 / (2 * s2)) / (2 * np.pi * s2)
    ref = (r2 - 2 * s2) / s2 ** 2 * g
    assert abs(scale - np.abs(ref).max()) <= 1e-14 * scale
    ref -= ref.mean()
    # subtracting the mean cancels: compare on the scale of the values before it (kernels of a large sigma are
    # nearly constant before, so what is left after is small and carries the rounding of the larger values)
    assert np.allclose(k, ref, rtol=0, atol=1e-14 * scale), (size, sigma)
    assert (size == 1 or k.flat[k.size // 2] < 0) and abs(k.sum()) <= 1e-12 * scale * k.size
    return k, scale


def symmetric(k):
    return bool(np.array_equal(k, np.flip(k)))


def separable(k):
    if k.ndim < 2:
        return False
    for a in range(k.ndim):
        unfolding = np.moveaxis(k, a, 0).reshape(k.shape[a], -1)
        if np.linalg.matrix_rank(unfolding) != 1:
            return False
    return True


cases = []


def case(name, given, filled, rank, k, reference, scale=None):
    k = np.asarray(k, dtype=np.float64)
    assert k.ndim == rank, (name, given, rank, k.shape)
    assert np.all(np.isfinite(k))
    cases.append({
        "name": name,
        "parameters": given,
        "filled": filled,
        "rank": rank,
        "shape": list(k.shape),
        "values": [float(v) for v in k.ravel()],
        # None: the values are exact (equal to the last bit); else the scale of the tolerance 1e-15 * scale
        "scale": scale,
        "symmetric": symmetric(k),
        "separable": separable(k),
        "reference": reference,
    })


# box: ranks 1 to 4, odd and even sizes, normalised or not
BOX_SIZES = {1: [1, 2, 3, 4, 5, 8, 16, 101], 2: [1, 2, 3, 4, 5, 8, 16], 3: [1, 2, 3, 4, 5], 4: [1, 2, 3, 4]}
for rank, sizes in BOX_SIZES.items():
    for size in sizes:
        for normalize in (None, True, False):
            given = {"size": size}
            if normalize is not None:
                given["normalize"] = normalize
            norm = normalize is not False
            k = np.ones((size,) * rank)
            if norm:
                k = k / k.size
            case("box", given, {"size": size, "normalize": norm}, rank, k,
                 "numpy.ones(%s)%s" % ((size,) * rank, " / %d" % (size ** rank) if norm else ""))
    case("box", {}, {"size": 3, "normalize": True}, rank, np.ones((3,) * rank) / 3 ** rank, "numpy.ones / count (defaults)")

# gaussian: rank 1 over many sizes and sigmas, rank 2 sizes 1 to 31, ranks 3 and 4 small sizes
SIGMAS = [0.0, -1.0, 0.3, 0.5, 0.8, 1.2, 2.0, 5.0, 10.0]
for size in range(1, 32, 2):
    for sigma in SIGMAS:
        case("gaussian", {"size": size, "sigma": sigma}, {"size": size, "sigma": sigma}, 1, gaussian_vector(size, sigma),
             "cv2.getGaussianKernel(%d, %r)" % (size, sigma))
for size, sigma in [(41, 0.0), (63, 0.0), (63, 7.5), (101, 0.0), (101, 20.0), (255, 0.0), (255, 40.0), (1001, 0.0),
                    (1001, 100.0), (4095, 0.0), (4095, 3.0), (7, 1e-200), (7, 1e200), (9, 0.01), (11, 0.05), (5, 1e-3),
                    (5, 3.0e-1), (3, 0.8), (13, 1.0 / 3.0), (21, math.pi), (33, 1e5), (15, -0.5)]:
    case("gaussian", {"size": size, "sigma": sigma}, {"size": size, "sigma": sigma}, 1, gaussian_vector(size, sigma),
         "cv2.getGaussianKernel(%d, %r)" % (size, sigma))
case("gaussian", {}, {"size": 5, "sigma": 0.0}, 1, gaussian_vector(5, 0), "cv2.getGaussianKernel(5, 0) (defaults)")
case("gaussian", {"size": 11}, {"size": 11, "sigma": 0.0}, 1, gaussian_vector(11, 0), "cv2.getGaussianKernel(11, 0)")
case("gaussian", {"sigma": 1.2}, {"size": 5, "sigma": 1.2}, 1, gaussian_vector(5, 1.2), "cv2.getGaussianKernel(5, 1.2)")
for size in range(1, 32, 2):
    for sigma in [0.0, 0.3, 1.2, 5.0]:
        g = gaussian_vector(size, sigma)
        case("gaussian", {"size": size, "sigma": sigma}, {"size": size, "sigma": sigma}, 2, outer([g, g]),
             "numpy.outer(g, g), g = cv2.getGaussianKernel(%d, %r)" % (size, sigma))
for size, sigma in [(45, 0.0), (63, 0.0), (63, 30.0)]:
    g = gaussian_vector(size, sigma)
    case("gaussian", {"size": size, "sigma": sigma}, {"size": size, "sigma": sigma}, 2, outer([g, g]),
         "numpy.outer(g, g), g = cv2.getGaussianKernel(%d, %r)" % (size, sigma))
case("gaussian", {}, {"size": 5, "sigma": 0.0}, 2, outer([gaussian_vector(5, 0)] * 2), "outer of cv2.getGaussianKernel(5, 0) (defaults)")
for rank, sizes in {3: [1, 3, 5, 7, 11], 4: [1, 3, 5, 7]}.items():
    for size in sizes:
        for sigma in [0.0, 1.2]:
            g = gaussian_vector(size, sigma)
            case("gaussian", {"size": size, "sigma": sigma}, {"size": size, "sigma": sigma}, rank, outer([g] * rank),
                 "numpy.multiply.outer x%d of g = cv2.getGaussianKernel(%d, %r)" % (rank, size, sigma))
    case("gaussian", {}, {"size": 5, "sigma": 0.0}, rank, outer([gaussian_vector(5, 0)] * rank),
         "outer of cv2.getGaussianKernel(5, 0) (defaults)")

# sobel and scharr: cv2.getDerivKernels
for size in (1, 3, 5, 7):
    kx, ky = deriv(1, 0, size)
    case("sobel", {"axis": "x", "size": size}, {"axis": "x", "size": size}, 2, np.outer(ky, kx),
         "numpy.outer(ky, kx), (kx, ky) = cv2.getDerivKernels(1, 0, %d)" % size)
    kx2, ky2 = deriv(0, 1, size)
    assert np.array_equal(np.outer(ky2, kx2), np.outer(ky, kx).T)
    case("sobel", {"axis": "y", "size": size}, {"axis": "y", "size": size}, 2, np.outer(ky2, kx2),
         "numpy.outer(ky, kx), (kx, ky) = cv2.getDerivKernels(0, 1, %d)" % size)
    case("sobel", {"axis": "x", "size": size}, {"axis": "x", "size": size}, 1, kx, "kx of cv2.getDerivKernels(1, 0, %d)" % size)
    case("sobel", {"size": size}, {"axis": "x", "size": size}, 1, kx, "kx of cv2.getDerivKernels(1, 0, %d)" % size)
for axis, (dx, dy) in (("x", (1, 0)), ("y", (0, 1))):
    kx, ky = deriv(dx, dy, 3)
    case("sobel", {"axis": axis}, {"axis": axis, "size": 3}, 2, np.outer(ky, kx), "cv2.getDerivKernels(%d, %d, 3) (default size)" % (dx, dy))
    kx, ky = deriv(dx, dy, -1)
    case("scharr", {"axis": axis}, {"axis": axis}, 2, np.outer(ky, kx),
         "numpy.outer(ky, kx), (kx, ky) = cv2.getDerivKernels(%d, %d, -1)" % (dx, dy))
kx, _ = deriv(1, 0, 3)
case("sobel", {}, {"axis": "x", "size": 3}, 1, kx, "kx of cv2.getDerivKernels(1, 0, 3) (defaults)")

# the literal ones
PREWITT_X = np.array([[-1, 0, 1]] * 3, dtype=np.float64)
case("prewitt", {"axis": "x"}, {"axis": "x"}, 2, PREWITT_X, "[[-1,0,1]]*3")
case("prewitt", {"axis": "y"}, {"axis": "y"}, 2, PREWITT_X.T, "[[-1,0,1]]*3 transposed")
LAPLACIAN_4 = np.array([[0, 1, 0], [1, -4, 1], [0, 1, 0]], dtype=np.float64)
LAPLACIAN_8 = np.ones((3, 3))
LAPLACIAN_8[1, 1] = -8
case("laplacian", {}, {"neighbours": 4}, 2, LAPLACIAN_4, "[[0,1,0],[1,-4,1],[0,1,0]] (default)")
case("laplacian", {"neighbours": 4}, {"neighbours": 4}, 2, LAPLACIAN_4, "[[0,1,0],[1,-4,1],[0,1,0]]")
case("laplacian", {"neighbours": 8}, {"neighbours": 8}, 2, LAPLACIAN_8, "ones with -8 in the middle")
case("sharpen", {}, {}, 2, [[0, -1, 0], [-1, 5, -1], [0, -1, 0]], "[[0,-1,0],[-1,5,-1],[0,-1,0]]")
case("emboss", {}, {}, 2, [[-2, -1, 0], [-1, 1, 1], [0, 1, 2]], "[[-2,-1,0],[-1,1,1],[0,1,2]]")

# log
for size, sigma in [(1, 1.0), (3, 0.5), (3, 1.0), (5, 0.3), (5, 1.0), (7, 1.4), (9, 1.4), (9, 2.0), (11, 1.0 / 3.0),
                    (15, 2.5), (17, 0.1), (31, 5.0), (31, 1e-3), (21, 1e3), (45, 12.0), (63, 1e-6), (63, 1e6)]:
    k, scale = log_kernel(size, sigma)
    case("log", {"size": size, "sigma": sigma}, {"size": size, "sigma": sigma}, 2, k,
         "(r^2 - 2s^2)/s^4 * exp(-r^2/2s^2)/(2 pi s^2) minus its mean, size %d, sigma %r" % (size, sigma), scale)

if __name__ == "__main__":
    with open(OUT, "w") as f:
        json.dump({"generator": "scripts/generate_named_kernels.py", "opencv": cv2.__version__, "numpy": np.__version__,
                   "cases": cases}, f, separators=(",", ":"))
    print("%d cases -> %s" % (len(cases), os.path.normpath(OUT)))
