#!/usr/bin/python3
"""Generates src/test/resources/golden/layers-float32.json: CNN layers in float32 as PyTorch 1.13 computes them.

Reference: Debian's python3-torch (PyTorch 1.13) under Debian's own Python 3 (/usr/bin/python3;
`apt-get install -y python3-torch` first), in float32 (torch.float32 tensors, one thread):
  * "conv": torch.nn.functional.conv1d/2d/3d forward with zero padding, stride, dilation, groups and bias, and the
    gradients of (output · gradOutput).sum() by autograd (gradInput, gradWeight, gradBias);
  * "transpose": torch.nn.functional.conv_transpose1d/2d/3d with stride, padding, output_padding, dilation, groups, bias.
Each case carries its JSON request with "dtype": "float32" (the data are the float32 values, written exactly) and, for
every output and gradient element, the contract's bound: 1e-5 times the sum of the absolute values of the terms that add
up to it, bias included (the same operation run in float64 on the absolute values).

Run:  /usr/bin/python3 scripts/generate_layers_float32.py   (fixed seed, reruns are identical)
"""
import json
import os

import numpy as np
import torch
import torch.nn.functional as F

OUT = os.path.join(os.path.dirname(__file__), "..", "src", "test", "resources", "golden", "layers-float32.json")
CONV = {1: F.conv1d, 2: F.conv2d, 3: F.conv3d}
TRANSPOSE = {1: F.conv_transpose1d, 2: F.conv_transpose2d, 3: F.conv_transpose3d}
rng = np.random.default_rng(20261207)


def f32(shape):
    return rng.standard_normal(shape).astype(np.float32)


def exact(a):
    """float32 values as JSON numbers that read back as the same floats (float64 holds them exactly)."""
    return a.astype(np.float64).tolist()


def flat(t):
    return t.detach().numpy().astype(np.float64).ravel().tolist()


def conv_case(dims):
    groups = int(rng.choice([1, 2]))
    c_in, c_out, n = groups * int(rng.integers(1, 3)), groups * int(rng.integers(1, 3)), int(rng.integers(1, 3))
    k = [int(rng.integers(1, 4)) for _ in range(dims)]
    dil = [int(rng.choice([1, 2])) for _ in range(dims)]
    stride = [int(rng.choice([1, 2])) for _ in range(dims)]
    padding = [int(rng.integers(0, 2)) for _ in range(dims)]
    size = [int(rng.integers((kk - 1) * d + 1, (kk - 1) * d + 6)) for kk, d in zip(k, dil)]
    x, w, b = f32([n, c_in] + size), f32([c_out, c_in // groups] + k), f32([c_out])
    xt, wt, bt = (torch.from_numpy(a).requires_grad_(True) for a in (x, w, b))
    y = CONV[dims](xt, wt, bt, stride=stride, padding=padding, dilation=dil, groups=groups)
    gy = f32(list(y.shape))
    (y * torch.from_numpy(gy)).sum().backward()
    # the bounds: the same sums over absolute values, in float64
    xa, wa, ba = (torch.from_numpy(np.abs(a).astype(np.float64)).requires_grad_(True) for a in (x, w, b))
    ya = CONV[dims](xa, wa, ba, stride=stride, padding=padding, dilation=dil, groups=groups)
    (ya * torch.from_numpy(np.abs(gy).astype(np.float64))).sum().backward()
    request = {"input": exact(x), "weight": exact(w), "bias": exact(b), "stride": stride, "padding": padding, "dilation": dil,
               "groups": groups, "dtype": "float32"}
    return {"layer": "conv%dd" % dims, "request": request, "gradOutput": exact(gy),
            "output": flat(y), "outputBound": [1e-5 * v for v in flat(ya)],
            "gradInput": flat(xt.grad), "gradInputBound": [1e-5 * v for v in flat(xa.grad)],
            "gradWeight": flat(wt.grad), "gradWeightBound": [1e-5 * v for v in flat(wa.grad)],
            "gradBias": flat(bt.grad), "gradBiasBound": [1e-5 * v for v in flat(ba.grad)]}


def transpose_case(dims):
    groups = int(rng.choice([1, 2]))
    c_in, c_out, n = groups * int(rng.integers(1, 3)), groups * int(rng.integers(1, 3)), int(rng.integers(1, 3))
    k = [int(rng.integers(1, 4)) for _ in range(dims)]
    dil = [int(rng.choice([1, 2])) for _ in range(dims)]
    stride = [int(rng.choice([1, 2])) for _ in range(dims)]
    padding = [int(rng.integers(0, 2)) for _ in range(dims)]
    out_pad = [int(rng.integers(0, max(s, d))) for s, d in zip(stride, dil)]
    size = [int(rng.integers(1, 5)) for _ in range(dims)]
    if any((s - 1) * st - 2 * p + d * (kk - 1) + op + 1 < 1 for s, st, p, d, kk, op in zip(size, stride, padding, dil, k, out_pad)):
        return None
    x, w, b = f32([n, c_in] + size), f32([c_in, c_out // groups] + k), f32([c_out])
    y = TRANSPOSE[dims](torch.from_numpy(x), torch.from_numpy(w), torch.from_numpy(b), stride=stride, padding=padding,
                        output_padding=out_pad, groups=groups, dilation=dil)
    ya = TRANSPOSE[dims](*(torch.from_numpy(np.abs(a).astype(np.float64)) for a in (x, w, b)), stride=stride, padding=padding,
                         output_padding=out_pad, groups=groups, dilation=dil)
    request = {"input": exact(x), "weight": exact(w), "bias": exact(b), "stride": stride, "padding": padding,
               "outputPadding": out_pad, "dilation": dil, "groups": groups, "dtype": "float32"}
    return {"layer": "conv-transpose%dd" % dims, "request": request, "output": flat(y), "outputBound": [1e-5 * v for v in flat(ya)]}


def main():
    torch.manual_seed(0)
    torch.set_num_threads(1)
    conv, transpose = [], []
    for dims in (1, 2, 3):
        for _ in range(6):
            conv.append(conv_case(dims))
        made = 0
        while made < 4:
            case = transpose_case(dims)
            if case is not None:
                transpose.append(case)
                made += 1
    doc = {"reference": "PyTorch " + torch.__version__ + " (Debian python3-torch), float32, one thread; bounds 1e-5 times the "
                        "sums of absolute values in float64", "conv": conv, "transpose": transpose}
    with open(OUT, "w") as f:
        json.dump(doc, f, separators=(",", ":"))
        f.write("\n")
    print("wrote", OUT, len(conv), "conv cases,", len(transpose), "transpose cases,", os.path.getsize(OUT) // 1024, "KiB")


if __name__ == "__main__":
    main()
