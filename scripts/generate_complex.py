#!/usr/bin/env python3
"""Generates src/test/resources/golden/complex.json: complex convolution and correlation of Contract v3 (never typed by hand).

Reference: numpy/scipy in complex128, on the data as the service holds them (complex64 cases: the float32 values,
written exactly, so the service's rounding to complex64 changes nothing):
  * numpy.pad by the contract's widths (dilated kernel length E per axis: full E-1 on both sides, same floor(E/2)
    before and floor((E-1)/2) after, valid none) with the boundary's numpy mode (fill = constant with fillValue + 0i,
    wrap = wrap, symmetric = symmetric, reflect = reflect, replicate = edge), then scipy.signal.convolve /
    scipy.signal.correlate (method "direct") in "valid" mode with the dilated kernel (dilation - 1 zeros between taps),
    then the mirrored convention (reversal on every axis) and the stride ([::s]) as scripts/generate_golden.py does.
    scipy.signal.correlate conjugates its second argument, which is the contract's default; for "conjugate": false the
    kernel handed to scipy is conj(h), so that the two conjugations cancel.
  * every case is checked again, independently of numpy.pad and scipy, by a loop over the outputs and taps straight
    from the contract's definitions (y[m] = sum_k conj(h[k]) x[m+k] for sliding correlation, the boundary rules as
    index maps), and the "conjugate": false cases also against numpy's own sum without conjugation.
  * "bound" per output (applies to re and im separately): 1e-9 (complex128) or 1e-5 (complex64) times the sum of |x|
    over the padded input values that output's taps meet, times max|h|.
  * "resultTypes": numpy.result_type of every pair of bool, int8 ... uint64, float32, float64, complex64, complex128,
    restricted as the contract says: a pair of integers or bools is "int64" (the exact-integer path), every other pair
    is numpy's type.

Run:  python3 scripts/generate_complex.py   (numpy 2.x, scipy 1.x; fixed seed, so reruns are identical)
"""
import itertools
import json
import os

import numpy as np
import scipy
import scipy.signal as ss

OUT = os.path.join(os.path.dirname(__file__), "..", "src", "test", "resources", "golden", "complex.json")
NP_MODE = {"fill": "constant", "wrap": "wrap", "symmetric": "symmetric", "reflect": "reflect", "replicate": "edge"}
BOUNDARIES = list(NP_MODE)
MODES = ["full", "same", "valid"]
TYPES = ["bool", "int8", "uint8", "int16", "uint16", "int32", "uint32", "int64", "uint64", "float32", "float64",
         "complex64", "complex128"]
FIELDS = {"signals": "signal", "images": "image", "arrays": "input"}
# (operation, correlationConvention, conjugate)
OPS = [("convolve", None, None), ("correlate", "sliding", True), ("correlate", "mirrored", True),
       ("correlate", "sliding", False), ("correlate", "mirrored", False)]

rng = np.random.default_rng(20261215)


# ---------------------------------------------------------------- reference


def dilate(h, d):
    shape = tuple((k - 1) * di + 1 for k, di in zip(h.shape, d))
    out = np.zeros(shape, dtype=np.complex128)
    out[tuple(slice(None, None, di) for di in d)] = h
    return out


def pads(mode, span):
    if mode == "full":
        return (span - 1, span - 1)
    if mode == "same":
        return (span // 2, (span - 1) // 2)
    return (0, 0)


def padded(x, widths, boundary, fill):
    if boundary == "fill":
        return np.pad(x, widths, mode="constant", constant_values=fill)
    return np.pad(x, widths, mode=NP_MODE[boundary])


def reference(op, conv, conj, x, h, mode, boundary, fill, stride, dilation):
    """scipy on the numpy.pad-ded input; returns (y, window sums of |padded x|, reference text)."""
    x = x.astype(np.complex128)
    h = h.astype(np.complex128)
    hd = dilate(h, dilation)
    widths = [pads(mode, s) for s in hd.shape]
    xp = padded(x, widths, boundary, fill)
    if op == "convolve":
        y1 = ss.convolve(xp, hd, mode="valid", method="direct")
        how = "numpy.pad(%s) + scipy.signal.convolve(valid, dilated kernel)" % NP_MODE[boundary]
    elif conj:
        y1 = ss.correlate(xp, hd, mode="valid", method="direct")
        how = "numpy.pad(%s) + scipy.signal.correlate(valid, dilated kernel)" % NP_MODE[boundary]
    else:
        y1 = ss.correlate(xp, np.conj(hd), mode="valid", method="direct")
        how = "numpy.pad(%s) + scipy.signal.correlate(valid, conj(dilated kernel))" % NP_MODE[boundary]
    taps = dilate(np.ones(h.shape), dilation).real
    window = ss.correlate(np.abs(xp), taps, mode="valid", method="direct")
    if op == "correlate" and conv == "mirrored":
        flip = tuple(slice(None, None, -1) for _ in range(y1.ndim))
        y1, window = y1[flip], window[flip]
        how += ", reversed on every axis"
    st = tuple(slice(None, None, s) for s in stride)
    if any(s > 1 for s in stride):
        how += ", [::stride]"
    return y1[st], window[st], how


def source_index(i, n, boundary):
    """The input index a (possibly outside) position i takes its value from, from the contract's words; None = fill."""
    if 0 <= i < n:
        return i
    if boundary == "fill":
        return None
    if boundary == "wrap":
        return i % n
    if boundary == "replicate":
        return min(max(i, 0), n - 1)
    if boundary == "symmetric":  # d c b a | a b c d | d c b a: period 2n
        j = i % (2 * n)
        return j if j < n else 2 * n - 1 - j
    if boundary == "reflect":  # d c b | a b c d | c b a: period 2n - 2; one element repeats
        if n == 1:
            return 0
        j = i % (2 * n - 2)
        return j if j < n else 2 * n - 2 - j
    raise ValueError(boundary)


def naive(op, conv, conj, x, h, mode, boundary, fill, stride, dilation):
    """Loop over outputs and taps from the contract's formulas; independent of numpy.pad and scipy."""
    x = x.astype(np.complex128)
    h = h.astype(np.complex128)
    dims = x.ndim
    spans = [(k - 1) * d + 1 for k, d in zip(h.shape, dilation)]
    before = [pads(mode, e)[0] for e in spans]
    counts = [n + sum(pads(mode, e)) - e + 1 for n, e in zip(x.shape, spans)]
    y = np.zeros(counts, dtype=np.complex128)
    for m in itertools.product(*[range(c) for c in counts]):
        acc = 0j
        for t in itertools.product(*[range(k) for k in h.shape]):
            idx = []
            for a in range(dims):
                idx.append(source_index(m[a] + t[a] * dilation[a] - before[a], x.shape[a], boundary))
            xv = complex(fill) if any(i is None for i in idx) else x[tuple(idx)]
            if op == "convolve":
                hv = h[tuple(k - 1 - ti for k, ti in zip(h.shape, t))]  # y[m] = sum_i x[i] h[m - i]
            else:
                hv = np.conj(h[t]) if conj else h[t]  # y[m] = sum_k conj(h[k]) x[m + k]
            acc += hv * xv
        y[m] = acc
    if op == "correlate" and conv == "mirrored":
        y = y[tuple(slice(None, None, -1) for _ in range(dims))]
    return y[tuple(slice(None, None, s) for s in stride)]


def kernel_as_applied(op, conj, h):
    h = h.astype(np.complex128)
    if op == "convolve":
        return h[tuple(slice(None, None, -1) for _ in range(h.ndim))]
    return np.conj(h) if conj else h


# ---------------------------------------------------------------- data


def draw(shape, dtype, kind):
    """kind: complex | real | integer (complex with integer parts) | realint (real integers)."""
    if kind in ("integer", "realint"):
        re = rng.integers(-6, 7, size=shape).astype(np.float64)
        im = rng.integers(-6, 7, size=shape).astype(np.float64) if kind == "integer" else np.zeros(shape)
    else:
        re = rng.standard_normal(shape)
        im = rng.standard_normal(shape) if kind == "complex" else np.zeros(shape)
        if dtype == "complex64":
            re, im = re.astype(np.float32).astype(np.float64), im.astype(np.float32).astype(np.float64)
        else:
            re, im = np.round(re, 6), np.round(im, 6)
    return re + 1j * im


def json_array(v, kind):
    """The request's form: real kinds as plain numbers, complex kinds as {"re", "im"}; integers as JSON integers."""
    def nums(a):
        if kind in ("integer", "realint"):
            return a.astype(np.int64).tolist()
        return a.tolist()
    if kind in ("real", "realint"):
        return nums(v.real)
    return {"re": nums(v.real), "im": nums(v.imag)}


def axis_value(values, endpoint):
    """stride/dilation as the request writes it: an integer where all axes agree (signals: always), else a list."""
    if endpoint == "signals" or len(set(values)) == 1 and rng.random() < 0.7:
        return int(values[0])
    return [int(v) for v in values]


def shapes_for(rank, mode, dilation):
    max_n = {1: 11, 2: 6, 3: 4, 4: 3}[rank]
    max_k = {1: 4, 2: 3, 3: 2, 4: 2}[rank]
    for _ in range(200):
        n = [int(rng.integers(1, max_n + 1)) for _ in range(rank)]
        k = [int(rng.integers(1, max_k + 1)) for _ in range(rank)]
        if mode != "valid" or all((kk - 1) * d + 1 <= nn for kk, d, nn in zip(k, dilation, n)):
            return n, k
    raise RuntimeError("no shapes")


def make_case(tag, endpoint, rank, op, conv, conj, mode, boundary, dtype, n, k, stride, dilation, method, fill,
              xkind, hkind, request_dtype, explicit=()):
    x = draw(n, dtype, xkind)
    h = draw(k, dtype, hkind)
    y, window, how = reference(op, conv, conj, x, h, mode, boundary, fill, stride, dilation)
    check = naive(op, conv, conj, x, h, mode, boundary, fill, stride, dilation)
    scale = 1e-9 if dtype == "complex128" else 1e-5
    bound = scale * window * float(np.max(np.abs(h)))
    if method == "fft" and not np.all(bound > 0):
        return None  # an output whose taps meet only zeros: exactly 0 by the loop, not promised to an FFT by the bound
    tol = 1e-12 * (window * float(np.max(np.abs(h))) + 1)
    assert np.all(np.abs(check.real - y.real) <= tol) and np.all(np.abs(check.imag - y.imag) <= tol), tag
    if op == "correlate" and not conj:
        # numpy's definition of the unconjugated sum: sliding windows of the padded input times h, no conjugate
        hd = dilate(h, dilation)
        xp = padded(x.astype(np.complex128), [pads(mode, s) for s in hd.shape], boundary, fill)
        win = np.lib.stride_tricks.sliding_window_view(xp, hd.shape)
        y1 = np.einsum(win, list(range(2 * rank)), hd, list(range(rank, 2 * rank)), list(range(rank)))
        if conv == "mirrored":
            y1 = y1[tuple(slice(None, None, -1) for _ in range(rank))]
        y1 = y1[tuple(slice(None, None, s) for s in stride)]
        assert np.allclose(y1, y, rtol=0, atol=1e-12 * (np.max(np.abs(y)) + 1)), tag
    expected_shape = [len(range(0, (nn + (kk - 1) * d) if mode == "full" else nn if mode == "same"
                                else nn - (kk - 1) * d, s)) for nn, kk, d, s in zip(n, k, dilation, stride)]
    assert list(y.shape) == expected_shape, tag
    request = {FIELDS[endpoint]: json_array(x, xkind), "kernel": json_array(h, hkind), "mode": mode,
               "boundary": boundary}
    if boundary == "fill" and (fill != 0 or "fillValue" in explicit):
        request["fillValue"] = fill
    if any(s != 1 for s in stride) or "stride" in explicit:
        request["stride"] = axis_value(stride, endpoint)
    if any(d != 1 for d in dilation) or "dilation" in explicit:
        request["dilation"] = axis_value(dilation, endpoint)
    if method is not None:
        request["method"] = method
    if op == "correlate":
        if conv == "mirrored" or "correlationConvention" in explicit:
            request["correlationConvention"] = conv
        if not conj or "conjugate" in explicit:
            request["conjugate"] = bool(conj)
    if request_dtype is not None:
        request["dtype"] = request_dtype
    g = kernel_as_applied(op, conj, h)
    name = "%s-%s-%dd-%s-%s%s-%s-%s-%s-s%s-d%s" % (
        tag, endpoint, rank, dtype, op, "" if op == "convolve" else "-%s-%s" % (conv, "conj" if conj else "noconj"),
        mode, boundary, method or "auto", "x".join(map(str, stride)), "x".join(map(str, dilation)))
    return {
        "name": name,
        "path": "/api/v1/%s/%s" % (endpoint, op),
        "request": request,
        "dtype": dtype,
        "shape": list(y.shape),
        "re": y.real.ravel().tolist(),
        "im": y.imag.ravel().tolist(),
        "bound": bound.ravel().tolist(),
        "kernelAsApplied": {"re": g.real.ravel().tolist(), "im": g.imag.ravel().tolist()},
        "reference": how,
    }


def fill_value(boundary):
    if boundary != "fill" or rng.random() < 0.4:
        return 0.0
    return float(rng.choice([-2.5, -1.25, -0.75, 0.5, 1.5, 3.0]))  # exact in float32 too


def grid_cases():
    """Every operation (convolution; correlation sliding and mirrored, conjugated and not) in every mode, on every
    endpoint and rank; boundaries rotate so that each (rank, mode) meets all five, and each (mode, boundary) pair
    several times; dtype, method, stride and dilation vary from case to case."""
    cases = []
    places = [("signals", 1), ("images", 2), ("arrays", 1), ("arrays", 2), ("arrays", 3), ("arrays", 4)]
    methods = ["direct", "fft", None]
    for r, (endpoint, rank) in enumerate(places):
        for o, (op, conv, conj) in enumerate(OPS):
            for m, mode in enumerate(MODES):
                c = len(cases)
                boundary = BOUNDARIES[(o + 2 * m + 3 * r) % 5]
                dtype = "complex64" if (c + r) % 2 else "complex128"
                method = methods[c % 3]
                variant = (c // 3 + r) % 3  # 0 plain, 1 strided, 2 dilated (and maybe strided)
                stride = [1] * rank
                dilation = [1] * rank
                if variant >= 1:
                    if endpoint == "signals":
                        stride = [int(rng.integers(2, 4))] * rank
                    else:
                        stride = [int(rng.integers(1, 4)) for _ in range(rank)]
                        if all(s == 1 for s in stride):
                            stride[0] = 2
                if variant == 2:
                    if endpoint == "signals":
                        dilation = [2] * rank
                    else:
                        dilation = [int(rng.integers(1, 3)) for _ in range(rank)]
                        dilation[-1] = 2
                    if rng.random() < 0.5:
                        stride = [1] * rank
                request_dtype = "complex64" if dtype == "complex64" else ("complex128" if rng.random() < 0.3 else None)
                explicit = ("correlationConvention", "conjugate") if c % 7 == 0 else ()
                fill = fill_value(boundary)
                case = None
                while case is None:
                    n, k = shapes_for(rank, mode, dilation)
                    case = make_case("grid", endpoint, rank, op, conv, conj, mode, boundary, dtype, n, k, stride,
                                     dilation, method, fill, "complex", "complex", request_dtype, explicit)
                cases.append(case)
    return cases


def mixed_cases():
    """Mixed types: complex kernel on real data, real kernel on complex data, integer-valued complex data, and a
    complex dtype asked for on real data (the result is complex, its imaginary parts zero)."""
    specs = [
        # tag, endpoint, rank, op, conv, conj, mode, boundary, dtype, n, k, stride, dilation, method, fill, xkind, hkind, request dtype
        ("realdata-complexkernel", "signals", 1, "correlate", "sliding", True, "full", "fill", "complex128", [9], [3], [1], [1], "direct", 0.0, "real", "complex", None),
        ("realdata-complexkernel", "signals", 1, "correlate", "sliding", False, "same", "reflect", "complex128", [8], [4], [1], [1], "direct", 0.0, "real", "complex", None),
        ("realdata-complexkernel", "images", 2, "convolve", None, None, "same", "symmetric", "complex128", [5, 6], [3, 2], [1, 2], [1, 1], "fft", 0.0, "real", "complex", None),
        ("realdata-complexkernel", "arrays", 3, "correlate", "mirrored", True, "valid", "fill", "complex64", [4, 3, 5], [2, 2, 2], [1, 1, 2], [1, 1, 2], "direct", 0.0, "real", "complex", "complex64"),
        ("realintdata-complexkernel", "signals", 1, "convolve", None, None, "full", "wrap", "complex128", [7], [3], [1], [1], None, 0.0, "realint", "complex", None),
        ("complexdata-realkernel", "images", 2, "correlate", "sliding", True, "same", "replicate", "complex128", [6, 5], [3, 3], [1, 1], [1, 1], "direct", 0.0, "complex", "real", None),
        ("complexdata-realkernel", "signals", 1, "convolve", None, None, "valid", "fill", "complex64", [10], [3], [2], [2], "fft", 0.0, "complex", "real", "complex64"),
        ("complexdata-realkernel", "arrays", 2, "correlate", "mirrored", False, "full", "fill", "complex128", [4, 5], [2, 3], [1, 1], [1, 1], "direct", -1.25, "complex", "real", None),
        ("complexdata-realintkernel", "arrays", 4, "convolve", None, None, "same", "wrap", "complex128", [3, 2, 3, 3], [2, 1, 2, 2], [1, 1, 1, 1], [1, 1, 1, 1], None, 0.0, "complex", "realint", None),
        ("integer", "signals", 1, "correlate", "sliding", True, "full", "fill", "complex128", [11], [4], [1], [1], "fft", 2.0, "integer", "integer", None),
        ("integer", "images", 2, "convolve", None, None, "valid", "fill", "complex128", [6, 6], [3, 2], [1, 1], [1, 1], "direct", 0.0, "integer", "integer", None),
        ("integer", "arrays", 3, "correlate", "mirrored", True, "same", "symmetric", "complex64", [3, 4, 3], [2, 3, 2], [1, 2, 1], [1, 1, 1], "fft", 0.0, "integer", "integer", "complex64"),
        ("integer", "images", 2, "correlate", "sliding", False, "same", "reflect", "complex128", [5, 5], [2, 3], [1, 1], [2, 1], "fft", 0.0, "integer", "integer", None),
        ("realdata-dtype", "signals", 1, "convolve", None, None, "full", "fill", "complex128", [8], [3], [1], [1], "direct", 0.0, "real", "real", "complex128"),
        ("realdata-dtype", "images", 2, "correlate", "sliding", True, "same", "reflect", "complex128", [5, 6], [3, 3], [1, 1], [1, 1], "fft", 0.0, "real", "real", "complex128"),
        ("realintdata-dtype", "arrays", 2, "correlate", "mirrored", False, "valid", "fill", "complex128", [5, 4], [2, 2], [2, 1], [1, 1], None, 0.0, "realint", "realint", "complex128"),
        ("realdata-dtype", "arrays", 3, "convolve", None, None, "same", "replicate", "complex64", [3, 4, 4], [2, 2, 3], [1, 1, 1], [1, 1, 1], "direct", 0.0, "real", "real", "complex64"),
    ]
    cases = [make_case(*s) for s in specs]
    assert all(c is not None for c in cases)
    return cases


def result_types():
    out = []
    for a in TYPES:
        for b in TYPES:
            numpy_name = np.result_type(np.dtype(a), np.dtype(b)).name
            both_integer = np.dtype(a).kind in "biu" and np.dtype(b).kind in "biu"
            out.append({"a": a, "b": b, "numpy": numpy_name, "result": "int64" if both_integer else numpy_name})
    return out


def main():
    cases = grid_cases() + mixed_cases()
    names = [c["name"] for c in cases]
    assert len(set(names)) == len(names), "duplicate names"
    for c in cases:  # complex64 data are float32 values, so the service's rounding is the identity
        if c["dtype"] == "complex64":
            for field in (f for f in ("signal", "image", "input", "kernel") if f in c["request"]):
                v = c["request"][field]
                for part in ((v["re"], v["im"]) if isinstance(v, dict) else (v,)):
                    a = np.asarray(part, dtype=np.float64)
                    assert np.array_equal(a.astype(np.float32).astype(np.float64), a), c["name"]
    doc = {
        "provenance": "scripts/generate_complex.py with numpy %s, scipy %s (seed 20261215): numpy.pad by the contract's "
                      "widths, then scipy.signal.convolve/correlate(valid, method='direct') with the dilated kernel in "
                      "complex128 (correlate conjugates the kernel; for conjugate=false it is given conj(h)), mirrored "
                      "and strided after; each case checked again by a loop from the contract's definitions. bound: "
                      "1e-9 (complex128) or 1e-5 (complex64) times the sum of |x| over the padded values the output's "
                      "taps meet, times max|h|, for re and im separately. resultTypes: numpy.result_type, integer "
                      "pairs int64." % (np.__version__, scipy.__version__),
        "resultTypes": result_types(),
        "cases": cases,
    }
    with open(OUT, "w") as f:
        json.dump(doc, f, separators=(",", ":"))
        f.write("\n")
    counts = {}
    for c in cases:
        key = (c["path"].split("/")[3], len(c["shape"]), c["dtype"])
        counts[key] = counts.get(key, 0) + 1
    print("wrote %d cases (%d grid, %d mixed) and %d result types to %s (%d bytes)" % (
        len(cases), sum(1 for c in cases if c["name"].startswith("grid")),
        sum(1 for c in cases if not c["name"].startswith("grid")), len(doc["resultTypes"]), os.path.normpath(OUT),
        os.path.getsize(OUT)))
    for key in sorted(counts):
        print("  %s rank %d %s: %d" % (key + (counts[key],)))


if __name__ == "__main__":
    main()
