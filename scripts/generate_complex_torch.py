#!/usr/bin/python3
"""Generates src/test/resources/golden/complex-torch.json: "conjugate": false correlation is PyTorch's complex conv*d.

Reference: Debian's python3-torch (PyTorch 1.13) under Debian's own Python 3 (/usr/bin/python3;
`apt-get install -y python3-torch` first): torch.nn.functional.conv1d/2d/3d on a 1 x 1 x ... complex128 input and a
1 x 1 x ... complex128 weight, with zero padding, stride and dilation. PyTorch does not conjugate the weight, so each
case is written as a service request with "conjugate": false, "boundary": "fill" and the same stride and dilation:
  * padding p given to the service as the input already padded with p zeros on each side and mode "valid"; or
  * the input as it is with mode "full" where p = E - 1 on every axis, or mode "same" where p = (E - 1) / 2 on every
    axis with E odd (E = (K - 1) * dilation + 1), since the contract's padding for those modes is then PyTorch's.
Every output is checked against a loop over the outputs and taps of y[m] = sum_k h[k] x[m*stride + k*dilation] (no
conjugate) on the zero-padded input. "bound" per output (re and im separately): complex128's 1e-9 times the sum of |x|
over the padded input values that output's taps meet, times max|h|.

Run:  /usr/bin/python3 scripts/generate_complex_torch.py   (fixed seed, reruns are identical)
"""
import itertools
import json
import os

import numpy as np
import torch
import torch.nn.functional as F

OUT = os.path.join(os.path.dirname(__file__), "..", "src", "test", "resources", "golden", "complex-torch.json")
CONV = {1: F.conv1d, 2: F.conv2d, 3: F.conv3d}
rng = np.random.default_rng(20261216)

# (rank, endpoint, input shape, kernel shape, padding, stride, dilation, how the service is given the padding)
SPECS = [
    (1, "signals", [9], [3], [1], [1], [1], "same"),
    (1, "signals", [10], [4], [2], [2], [1], "prepadded"),
    (1, "signals", [7], [3], [4], [1], [2], "full"),
    (1, "arrays", [12], [5], [0], [3], [2], "prepadded"),
    (2, "images", [5, 6], [3, 3], [1, 1], [1, 1], [1, 1], "same"),
    (2, "images", [6, 5], [2, 3], [1, 2], [2, 1], [1, 2], "prepadded"),
    (2, "images", [4, 4], [2, 2], [1, 1], [1, 1], [1, 1], "full"),
    (2, "arrays", [7, 6], [3, 2], [0, 1], [2, 2], [2, 1], "prepadded"),
    (3, "arrays", [4, 5, 4], [3, 3, 3], [1, 1, 1], [1, 1, 1], [1, 1, 1], "same"),
    (3, "arrays", [5, 4, 6], [2, 2, 3], [1, 0, 2], [1, 2, 1], [2, 1, 2], "prepadded"),
    (3, "arrays", [3, 4, 3], [2, 3, 2], [1, 2, 1], [1, 1, 2], [1, 1, 1], "full"),
    (3, "arrays", [6, 5, 5], [3, 2, 2], [2, 1, 1], [2, 1, 2], [1, 2, 2], "prepadded"),
]


def draw(shape):
    return np.round(rng.standard_normal(shape), 6) + 1j * np.round(rng.standard_normal(shape), 6)


def loop(xp, h, stride, dilation):
    """y[m] = sum_k h[k] xp[m*stride + k*dilation], every tap inside xp; also the sums of |xp| the taps meet."""
    spans = [(k - 1) * d + 1 for k, d in zip(h.shape, dilation)]
    counts = [len(range(0, n - e + 1, s)) for n, e, s in zip(xp.shape, spans, stride)]
    y = np.zeros(counts, dtype=np.complex128)
    w = np.zeros(counts)
    for m in itertools.product(*[range(c) for c in counts]):
        for t in itertools.product(*[range(k) for k in h.shape]):
            i = tuple(mm * s + tt * d for mm, tt, s, d in zip(m, t, stride, dilation))
            y[m] += h[t] * xp[i]
            w[m] += abs(xp[i])
    return y, w


def axis_value(values, endpoint):
    if endpoint == "signals" or len(set(values)) == 1:
        return int(values[0])
    return [int(v) for v in values]


def main():
    torch.set_num_threads(1)
    field = {"signals": "signal", "images": "image", "arrays": "input"}
    cases = []
    for rank, endpoint, n, k, pad, stride, dilation, how in SPECS:
        x = draw(n)
        h = draw(k)
        spans = [(kk - 1) * d + 1 for kk, d in zip(k, dilation)]
        if how == "full":
            assert all(p == e - 1 for p, e in zip(pad, spans))
        if how == "same":
            assert all(e % 2 == 1 and p == (e - 1) // 2 for p, e in zip(pad, spans))
        out = CONV[rank](torch.from_numpy(x.reshape([1, 1] + n)), torch.from_numpy(h.reshape([1, 1] + k)),
                         stride=stride, padding=pad, dilation=dilation)
        assert out.dtype == torch.complex128
        y = out.numpy().reshape(out.shape[2:])
        xp = np.pad(x, [(p, p) for p in pad])
        check, window = loop(xp, h, stride, dilation)
        bound = 1e-9 * window * float(np.max(np.abs(h)))
        assert check.shape == y.shape
        assert np.all(np.abs(check.real - y.real) <= bound * 1e-3) and np.all(np.abs(check.imag - y.imag) <= bound * 1e-3)
        # PyTorch does not conjugate: the conjugated sum differs (the weights are not real)
        conj, _ = loop(xp, np.conj(h), stride, dilation)
        assert not np.allclose(conj, y)
        data = xp if how == "prepadded" else x
        request = {field[endpoint]: {"re": data.real.tolist(), "im": data.imag.tolist()},
                   "kernel": {"re": h.real.tolist(), "im": h.imag.tolist()},
                   "mode": "valid" if how == "prepadded" else how, "boundary": "fill", "conjugate": False}
        if any(s != 1 for s in stride):
            request["stride"] = axis_value(stride, endpoint)
        if any(d != 1 for d in dilation):
            request["dilation"] = axis_value(dilation, endpoint)
        if len(cases) % 2:
            request["dtype"] = "complex128"
        cases.append({
            "name": "torch-conv%dd-%s-%s-p%s-s%s-d%s" % (rank, endpoint, how, "x".join(map(str, pad)),
                                                          "x".join(map(str, stride)), "x".join(map(str, dilation))),
            "path": "/api/v1/%s/correlate" % endpoint,
            "request": request,
            "dtype": "complex128",
            "shape": list(y.shape),
            "re": y.real.ravel().tolist(),
            "im": y.imag.ravel().tolist(),
            "bound": bound.ravel().tolist(),
            "kernelAsApplied": {"re": h.real.ravel().tolist(), "im": h.imag.ravel().tolist()},
            "reference": "torch.nn.functional.conv%dd(padding=%s, stride=%s, dilation=%s) in complex128; the service "
                         "gets %s" % (rank, pad, stride, dilation,
                                      "the input zero-padded by hand, mode valid" if how == "prepadded"
                                      else "the input as it is, mode %s (the same zero padding)" % how),
            "torch": {"padding": pad, "stride": stride, "dilation": dilation},
        })
    doc = {
        "provenance": "scripts/generate_complex_torch.py with PyTorch %s and numpy %s (Debian's python3-torch, seed "
                      "20261216): torch.nn.functional.conv1d/2d/3d on complex128 tensors, which do not conjugate the "
                      "weight, as the service's correlation with \"conjugate\": false; checked by a loop from the "
                      "definition. bound: 1e-9 times the sum of |x| over the padded values the output's taps meet, "
                      "times max|h|, for re and im separately." % (torch.__version__, np.__version__),
        "cases": cases,
    }
    with open(OUT, "w") as f:
        json.dump(doc, f, separators=(",", ":"))
        f.write("\n")
    print("wrote %d cases to %s (%d bytes)" % (len(cases), os.path.normpath(OUT), os.path.getsize(OUT)))
    for rank in (1, 2, 3):
        print("  conv%dd: %d" % (rank, sum(1 for s in SPECS if s[0] == rank)))


if __name__ == "__main__":
    main()
