#!/usr/bin/env python3
"""Generates src/test/resources/golden/element-types.json for the element types of Contract v3 (never typed by hand).

  * "resultTypes": numpy.result_type of every pair of the dtypes a .npy part may have (bool, int8 … uint64, float32,
    float64), and the type the service computes in for that pair: numpy's own when it is float32 or float64, int64 for
    every pair of integers and bools (the exact-integer path of v1; numpy would say int64, uint64 or float64).
  * "float32": float32 data convolved and correlated by scipy in float32 (scipy.signal.convolve / correlate,
    method "direct", on float32 arrays: numpy's float32 result), with the bound the contract gives float32 results
    (1e-5 · Σ|padded x| · max|h|, per output), for 1D, 2D and 3D in each mode; each case carries its request body for the
    JSON path ("dtype": "float32") and the .npy path (the data written with np.save as '<f4').
  * "rules": a signal and a kernel of integer values as .npy parts of two dtypes each, and the type the answer must
    say (as in "resultTypes").

Run:  python3 scripts/generate_element_types.py   (numpy 2.x, scipy 1.x; fixed seed, reruns are identical)
"""
import base64
import io
import json
import os

import numpy as np
import scipy
import scipy.signal as ss

OUT = os.path.join(os.path.dirname(__file__), "..", "src", "test", "resources", "golden", "element-types.json")
TYPES = ["bool", "int8", "uint8", "int16", "uint16", "int32", "uint32", "int64", "uint64", "float32", "float64"]


def computed(a, b):
    if np.dtype(a).kind in "biu" and np.dtype(b).kind in "biu":
        return "int64"  # the contract's exact-integer path, whatever numpy says (int64 with uint64 is float64 there)
    return np.result_type(np.dtype(a), np.dtype(b)).name


def npy(a):
    b = io.BytesIO()
    np.save(b, a)
    return base64.b64encode(b.getvalue()).decode()


def main():
    rng = np.random.default_rng(26)
    result_types = [{"a": a, "b": b, "numpy": np.result_type(np.dtype(a), np.dtype(b)).name, "computed": computed(a, b)}
                    for a in TYPES for b in TYPES]
    cases = []
    shapes = {1: ((23,), (4,)), 2: ((9, 11), (3, 2)), 3: ((4, 5, 6), (2, 3, 2))}
    for rank, (xs, hs) in shapes.items():
        x = rng.standard_normal(xs).astype(np.float32)
        h = rng.standard_normal(hs).astype(np.float32)
        endpoint = {1: "signals", 2: "images", 3: "arrays"}[rank]
        fields = {1: ("signal", "kernel"), 2: ("image", "kernel"), 3: ("input", "kernel")}[rank]
        for op in ("convolve", "correlate"):
            for mode in ("full", "same", "valid"):
                f = ss.convolve if op == "convolve" else ss.correlate
                y = f(x, h, mode=mode, method="direct")
                assert y.dtype == np.float32
                full = f(np.abs(x.astype(np.float64)), np.ones(hs), mode=mode, method="direct")
                bound = 1e-5 * full * float(np.max(np.abs(h)))
                cases.append({
                    "endpoint": "/api/v1/%s/%s" % (endpoint, op),
                    "request": {fields[0]: x.tolist(), fields[1]: h.tolist(), "mode": mode, "dtype": "float32"},
                    "parts": {fields[0]: npy(x), fields[1]: npy(h)},
                    "options": {"mode": mode},
                    "shape": list(y.shape),
                    "expected": y.astype(np.float64).ravel().tolist(),
                    "bound": bound.ravel().tolist(),
                })
    rules = []
    for ta in ("float32", "float64", "int16", "int32", "uint8", "bool"):
        for tb in ("float32", "float64", "int16", "int32"):
            x = rng.integers(0, 2, 7) if ta == "bool" else rng.integers(-3, 4, 7)
            h = rng.integers(-2, 3, 3)
            rules.append({"signal": npy(x.astype(ta)), "kernel": npy(h.astype(tb)), "a": ta, "b": tb, "dtype": computed(ta, tb)})
    doc = {
        "provenance": "scripts/generate_element_types.py with numpy %s, scipy %s: numpy.result_type, and "
                      "scipy.signal.convolve/correlate(method='direct') on float32 data (seed 26)" % (np.__version__, scipy.__version__),
        "resultTypes": result_types,
        "float32": cases,
        "rules": rules,
    }
    with open(OUT, "w") as out:
        json.dump(doc, out, indent=1)
        out.write("\n")
    print("wrote", OUT, len(result_types), "pairs,", len(cases), "float32 cases")


if __name__ == "__main__":
    main()
