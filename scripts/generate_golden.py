#!/usr/bin/env python3
"""Generates src/test/resources/golden/cases.json: reference outputs from numpy/scipy.

Provenance of each expected array (recorded per case in "reference"):
  * dilation 1 and boundary fill with fillValue 0: scipy.signal.convolve / scipy.signal.correlate
    (N-d, method="direct") with the case's mode, as API.md names them; stride and the mirrored
    convention are applied to that result ([::s], and reversal on every axis before [::s]).
    1D cases are also checked against numpy.convolve / numpy.correlate where numpy defines them.
  * anything else: numpy.pad with the boundary's numpy mode (fill=constant, wrap=wrap,
    symmetric=symmetric, reflect=reflect, replicate=edge) by the contract's padding widths, then
    scipy.signal.convolve/correlate in "valid" mode with the dilated kernel (dilation-1 zeros
    between taps), then stride/mirroring as above.

Run:  python3 scripts/generate_golden.py   (numpy 2.x, scipy 1.x; fixed seed, so reruns are identical)
"""
import json
import os

import numpy as np
import scipy
import scipy.signal as ss

OUT = os.path.join(os.path.dirname(__file__), "..", "src", "test", "resources", "golden", "cases.json")
NP_MODE = {"fill": "constant", "wrap": "wrap", "symmetric": "symmetric", "reflect": "reflect", "replicate": "edge"}


def dilate(h, d):
    d = tuple(d)
    shape = tuple((k - 1) * di + 1 for k, di in zip(h.shape, d))
    out = np.zeros(shape)
    out[tuple(slice(None, None, di) for di in d)] = h
    return out


def pads(mode, span):
    if mode == "full":
        return (span - 1, span - 1)
    if mode == "same":
        return (span // 2, (span - 1) // 2)
    return (0, 0)


def reference(op, conv, x, h, mode, boundary, fill, stride, dilation):
    plain = all(d == 1 for d in dilation) and boundary == "fill" and fill == 0
    if plain:
        f = ss.convolve if op == "convolution" else ss.correlate
        y1 = f(x, h, mode=mode, method="direct")
        how = "scipy.signal.%s(mode=%s)" % ("convolve" if op == "convolution" else "correlate", mode)
        if x.ndim == 1 and x.size >= h.size:
            nf = np.convolve if op == "convolution" else np.correlate
            assert np.allclose(nf(x, h, mode=mode), y1, rtol=1e-12, atol=1e-12), "numpy and scipy disagree"
    else:
        hd = dilate(h, dilation)
        widths = [pads(mode, s) for s in hd.shape]
        if NP_MODE[boundary] == "constant":
            xp = np.pad(x, widths, mode="constant", constant_values=fill)
        else:
            xp = np.pad(x, widths, mode=NP_MODE[boundary])
        f = ss.convolve if op == "convolution" else ss.correlate
        y1 = f(xp, hd, mode="valid", method="direct")
        how = "numpy.pad(%s) + scipy.signal.%s(valid, dilated kernel)" % (
            NP_MODE[boundary], "convolve" if op == "convolution" else "correlate")
    if op == "cross-correlation" and conv == "mirrored":
        y1 = y1[tuple(slice(None, None, -1) for _ in range(y1.ndim))]
        how += ", reversed on every axis"
    y = y1[tuple(slice(None, None, s) for s in stride)]
    if any(s > 1 for s in stride):
        how += ", [::stride]"
    return y, how


def main():
    rng = np.random.default_rng(20261123)
    cases = []
    ops = [("convolution", "sliding"), ("cross-correlation", "sliding"), ("cross-correlation", "mirrored")]
    for dims in (1, 2):
        for op, conv in ops:
            for mode in ("full", "same", "valid"):
                for boundary in NP_MODE:
                    for parity in ("odd", "even"):
                        for stride in (1, 2, 3):
                            for dil in (1, 2):
                                integer = rng.random() < 0.5
                                for _ in range(50):
                                    if dims == 1:
                                        k = [int(rng.integers(1, 4)) * 2 - (1 if parity == "odd" else 0)]
                                        n = [int(rng.integers(1, 13))]
                                    else:
                                        k = [int(rng.integers(1, 3)) * 2 - (1 if parity == "odd" else 0) for _ in range(2)]
                                        n = [int(rng.integers(1, 8)) for _ in range(2)]
                                    span = [(a - 1) * dil + 1 for a in k]
                                    if mode != "valid" or all(s <= m for s, m in zip(span, n)):
                                        break
                                if integer:
                                    x = rng.integers(-9, 10, size=n).astype(float)
                                    h = rng.integers(-5, 6, size=k).astype(float)
                                    fill = float(rng.integers(-3, 4)) if boundary == "fill" else 0.0
                                else:
                                    x = np.round(rng.standard_normal(n), 6)
                                    h = np.round(rng.standard_normal(k), 6)
                                    fill = float(np.round(rng.standard_normal(), 3)) if boundary == "fill" else 0.0
                                if boundary == "fill" and rng.random() < 0.5:
                                    fill = 0.0
                                st = [stride] * dims if rng.random() < 0.5 or dims == 1 else [stride, int(rng.integers(1, 4))]
                                dl = [dil] * dims if rng.random() < 0.5 or dims == 1 else [dil, int(rng.integers(1, 3))]
                                if mode == "valid":
                                    dl = [d if (kk - 1) * d + 1 <= nn else 1 for d, kk, nn in zip(dl, k, n)]
                                y, how = reference(op, conv, x, h, mode, boundary, fill, st, dl)
                                cases.append({
                                    "name": "%dd-%s-%s-%s-%s-%s-s%s-d%s-%d" % (dims, op, conv, mode, boundary, parity,
                                                                              "x".join(map(str, st)), "x".join(map(str, dl)), len(cases)),
                                    "dims": dims, "operation": op, "convention": conv, "mode": mode,
                                    "boundary": boundary, "fillValue": fill, "stride": st, "dilation": dl,
                                    "x": x.tolist(), "h": h.tolist(), "shape": list(y.shape), "expected": y.tolist(),
                                    "integer": bool(integer), "reference": how,
                                })
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as f:
        json.dump({"generator": "scripts/generate_golden.py", "numpy": np.__version__, "scipy": scipy.__version__,
                   "cases": cases}, f, separators=(",", ":"))
    print("wrote %d cases to %s" % (len(cases), os.path.normpath(OUT)))


if __name__ == "__main__":
    main()
