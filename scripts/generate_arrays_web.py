#!/usr/bin/env python3
"""Generates src/test/resources/golden/arrays-web.json: the expected outputs of a small 3D case
for ArraysWebTest, from scipy (never typed by hand).

One integer input of shape 3x4x5 and one integer kernel of shape 2x2x3 (an even length on two
axes, so `same` exercises the contract's lopsided crop), from a fixed seed. For each of
convolution and cross-correlation (sliding) and each of the modes full, same and valid, the
expected array is scipy.signal.convolve / scipy.signal.correlate (N-d, method="direct") with that
mode, as API.md's "Contract v2 -> N-dimensional arrays" names the reference (boundary fill with
fillValue 0, stride 1, dilation 1). As a cross-check, each result is recomputed with
method="fft" and rounded, and the "same" crop is checked against the contract's padding rule
(pad floor(E/2) before and floor((E-1)/2) after, then valid).

Two more cases, each with the reference named in its "reference":
  * the same data, cross-correlation `same` with boundary `symmetric`: numpy.pad(mode="symmetric")
    by the contract's `same` widths, then scipy.signal.correlate(mode="valid");
  * a rank-4 convolution (input 2x3x4x5, kernel 1x2x2x3, mode full, stride [1, 2, 1, 2]):
    scipy.signal.convolve(mode="full") then [::1, ::2, ::1, ::2], as the contract defines stride.

Every case carries the exact request body ArraysWebTest posts ("request") and the expected
"shape" and "expected" output (nested to the rank).

Run:  python3 scripts/generate_arrays_web.py   (numpy 2.x, scipy 1.x; fixed seed, reruns are identical)
"""
import json
import os

import numpy as np
import scipy
import scipy.signal as ss

OUT = os.path.join(os.path.dirname(__file__), "..", "src", "test", "resources", "golden", "arrays-web.json")


def ints(a):
    assert np.all(a == np.rint(a)), "integer data must give integer results"
    return np.rint(a).astype(np.int64).tolist()


def main():
    rng = np.random.default_rng(20261202)
    x = rng.integers(-9, 10, size=(3, 4, 5)).astype(np.int64)
    h = rng.integers(-4, 5, size=(2, 2, 3)).astype(np.int64)
    cases = []
    for op, endpoint, f in (("convolution", "/api/v1/arrays/convolve", ss.convolve),
                            ("cross-correlation", "/api/v1/arrays/correlate", ss.correlate)):
        for mode in ("full", "same", "valid"):
            y = f(x, h, mode=mode, method="direct")
            assert np.array_equal(y, np.rint(f(x.astype(float), h.astype(float), mode=mode, method="fft"))), "fft disagrees"
            if mode == "same":
                widths = [(k // 2, (k - 1) // 2) for k in h.shape]
                assert np.array_equal(y, f(np.pad(x, widths), h, mode="valid", method="direct")), "same crop differs from padding"
            cases.append({
                "name": "%s-%s" % (op, mode),
                "endpoint": endpoint,
                "request": {"input": x.tolist(), "kernel": h.tolist(), "mode": mode},
                "shape": list(y.shape),
                "expected": ints(y),
                "reference": "scipy.signal.%s(x, h, mode=%r, method='direct')" % (f.__name__, mode),
            })

    widths = [(k // 2, (k - 1) // 2) for k in h.shape]
    y = ss.correlate(np.pad(x, widths, mode="symmetric"), h, mode="valid", method="direct")
    assert y.shape == x.shape
    cases.append({
        "name": "cross-correlation-same-symmetric",
        "endpoint": "/api/v1/arrays/correlate",
        "request": {"input": x.tolist(), "kernel": h.tolist(), "mode": "same", "boundary": "symmetric"},
        "shape": list(y.shape),
        "expected": ints(y),
        "reference": "numpy.pad(x, %s, mode='symmetric') + scipy.signal.correlate(mode='valid', method='direct')" % widths,
    })

    x4 = rng.integers(-9, 10, size=(2, 3, 4, 5)).astype(np.int64)
    h4 = rng.integers(-4, 5, size=(1, 2, 2, 3)).astype(np.int64)
    y4 = ss.convolve(x4, h4, mode="full", method="direct")[::1, ::2, ::1, ::2]
    cases.append({
        "name": "rank4-convolution-full-strided",
        "endpoint": "/api/v1/arrays/convolve",
        "request": {"input": x4.tolist(), "kernel": h4.tolist(), "mode": "full", "stride": [1, 2, 1, 2]},
        "shape": list(y4.shape),
        "expected": ints(y4),
        "reference": "scipy.signal.convolve(x, h, mode='full', method='direct')[::1, ::2, ::1, ::2]",
    })
    doc = {
        "generator": "scripts/generate_arrays_web.py",
        "numpy": np.__version__,
        "scipy": scipy.__version__,
        "cases": cases,
    }
    with open(OUT, "w", encoding="utf-8") as fh:
        json.dump(doc, fh, separators=(",", ":"))
        fh.write("\n")


if __name__ == "__main__":
    main()
