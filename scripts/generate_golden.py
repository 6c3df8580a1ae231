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

Ranks 1 and 2 come first, from one seeded generator; ranks 3 and 4 (volumes and 4D arrays, same
references, strides and dilations per axis) follow from a second seeded generator, so adding them
left the 1D/2D cases byte for byte as they were.

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


def parity_of(k):
    if all(a % 2 == 1 for a in k):
        return "odd"
    if all(a % 2 == 0 for a in k):
        return "even"
    return "mixed"


def make_case(rng, index, dims, op, conv, mode, boundary, n, k, st, dl, integer, tag=None):
    """One case of any rank: draws the data (from rng) and computes the reference."""
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
    if mode == "valid":
        dl = [d if (kk - 1) * d + 1 <= nn else 1 for d, kk, nn in zip(dl, k, n)]
    y, how = reference(op, conv, x, h, mode, boundary, fill, st, dl)
    assert y.shape == tuple(
        len(range(0, ((nn + (kk - 1) * d) if mode == "full" else nn if mode == "same" else nn - (kk - 1) * d), s))
        for nn, kk, d, s in zip(n, k, dl, st)), "unexpected output shape"
    return {
        "name": "%dd-%s-%s-%s-%s-%s-s%s-d%s-%d" % (dims, op, conv, mode, boundary, tag or parity_of(k),
                                                  "x".join(map(str, st)), "x".join(map(str, dl)), index),
        "dims": dims, "operation": op, "convention": conv, "mode": mode,
        "boundary": boundary, "fillValue": fill, "stride": list(st), "dilation": list(dl),
        "x": x.tolist(), "h": h.tolist(), "shape": list(y.shape), "expected": y.tolist(),
        "integer": bool(integer), "reference": how,
    }


def higher_rank_cases(first_index):
    """Rank 3 (volumes) and rank 4 cases, from their own generator so that the 1D/2D cases above
    stay exactly as they were. Every operation, convention, mode and boundary, three draws each
    (stride 1 and dilation 1; a stride per axis; a dilation per axis with a stride per axis), then a
    few chosen shapes: kernels of length 1 on some axes, and valid cases where the kernel is as
    long as the input on an axis (or on every axis)."""
    rng = np.random.default_rng(20261124)
    cases = []
    ops = [("convolution", "sliding"), ("cross-correlation", "sliding"), ("cross-correlation", "mirrored")]
    max_n = {3: 7, 4: 4}
    for dims in (3, 4):
        for op, conv in ops:
            for mode in ("full", "same", "valid"):
                for boundary in NP_MODE:
                    for variant in range(3):
                        integer = rng.random() < 0.5
                        for _ in range(50):
                            k = [int(rng.integers(1, 4)) for _ in range(dims)]
                            n = [int(rng.integers(1, max_n[dims] + 1)) for _ in range(dims)]
                            if mode != "valid" or all(a <= m for a, m in zip(k, n)):
                                break
                        st = [1] * dims if variant == 0 else [int(rng.integers(1, 4)) for _ in range(dims)]
                        dl = [int(rng.integers(1, 3)) for _ in range(dims)] if variant == 2 else [1] * dims
                        cases.append(make_case(rng, first_index + len(cases), dims, op, conv, mode, boundary, n, k, st, dl,
                                               integer))
    # chosen shapes: (dims, input shape, kernel shape, mode, boundary, stride, dilation, tag)
    chosen = [
        (3, [4, 5, 6], [1, 1, 3], "full", "fill", [1, 1, 1], [1, 1, 1], "unitaxes"),
        (3, [4, 5, 6], [1, 1, 3], "same", "reflect", [1, 1, 1], [1, 1, 2], "unitaxes"),
        (3, [4, 5, 6], [1, 1, 3], "valid", "fill", [1, 2, 1], [1, 1, 1], "unitaxes"),
        (3, [5, 3, 4], [3, 1, 1], "same", "wrap", [1, 1, 1], [2, 1, 1], "unitaxes"),
        (3, [5, 3, 4], [1, 2, 1], "full", "symmetric", [2, 1, 1], [1, 1, 1], "unitaxes"),
        (3, [6, 6, 6], [1, 3, 1], "valid", "replicate", [1, 1, 2], [1, 2, 1], "unitaxes"),
        (3, [3, 5, 4], [3, 2, 4], "valid", "fill", [1, 1, 1], [1, 1, 1], "kernelasinput"),
        (3, [3, 5, 4], [3, 2, 4], "valid", "fill", [1, 2, 1], [1, 2, 1], "kernelasinput"),
        (3, [2, 3, 3], [2, 3, 3], "valid", "fill", [1, 1, 1], [1, 1, 1], "kernelasinput"),
        (3, [5, 1, 7], [3, 1, 3], "valid", "reflect", [1, 1, 1], [2, 1, 3], "kernelasinput"),
        (3, [1, 1, 1], [1, 1, 1], "valid", "fill", [1, 1, 1], [1, 1, 1], "kernelasinput"),
        (3, [1, 4, 1], [3, 2, 3], "same", "symmetric", [1, 1, 1], [1, 1, 1], "wide"),
        (3, [1, 2, 1], [3, 3, 2], "full", "reflect", [1, 2, 1], [2, 1, 1], "wide"),
        (4, [3, 4, 2, 4], [1, 1, 1, 3], "full", "fill", [1, 1, 1, 1], [1, 1, 1, 1], "unitaxes"),
        (4, [3, 4, 2, 4], [1, 2, 1, 3], "same", "wrap", [1, 1, 1, 1], [1, 1, 1, 1], "unitaxes"),
        (4, [4, 3, 4, 3], [2, 1, 1, 1], "valid", "fill", [2, 1, 1, 1], [1, 1, 1, 1], "unitaxes"),
        (4, [4, 4, 4, 4], [1, 3, 1, 2], "same", "replicate", [1, 2, 1, 1], [1, 1, 1, 2], "unitaxes"),
        (4, [2, 3, 4, 3], [2, 1, 4, 1], "valid", "fill", [1, 1, 1, 1], [1, 1, 1, 1], "kernelasinput"),
        (4, [2, 3, 4, 3], [2, 3, 4, 3], "valid", "fill", [1, 1, 1, 1], [1, 1, 1, 1], "kernelasinput"),
        (4, [3, 4, 2, 4], [2, 2, 2, 2], "valid", "symmetric", [1, 1, 1, 1], [2, 3, 1, 1], "kernelasinput"),
        (4, [1, 2, 1, 3], [2, 3, 3, 1], "full", "wrap", [1, 1, 1, 1], [1, 1, 1, 1], "wide"),
    ]
    for dims, n, k, mode, boundary, st, dl, tag in chosen:
        for op, conv in ops:
            cases.append(make_case(rng, first_index + len(cases), dims, op, conv, mode, boundary, n, k, st, dl,
                                   rng.random() < 0.5, tag))
    return cases


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
    cases.extend(higher_rank_cases(len(cases)))
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as f:
        json.dump({"generator": "scripts/generate_golden.py", "numpy": np.__version__, "scipy": scipy.__version__,
                   "cases": cases}, f, separators=(",", ":"))
    print("wrote %d cases to %s" % (len(cases), os.path.normpath(OUT)))


if __name__ == "__main__":
    main()
