#!/usr/bin/python3
"""Generates src/test/resources/golden/layers.json: CNN layers as PyTorch 1.13 computes them.

Reference: Debian's python3-torch (PyTorch 1.13), imported by Debian's own Python 3 (/usr/bin/python3;
`apt-get install -y python3-torch` first), in double precision:
  * "conv", the forward pass: torch.nn.Conv1d/2d/3d with the case's padding_mode (weights and bias set to the case's
    values; for padding_mode "zeros" this is torch.nn.functional.conv*d itself), every option of the
    contract: batch, groups, bias or none, stride, padding as an integer, per axis, "same" or "valid",
    dilation, even and odd kernels.
  * in the same cases, the backward pass: a random gradOutput, and gradInput, gradWeight and gradBias
    from autograd of (output * gradOutput).sum().
  * "transpose": torch.nn.functional.conv_transpose1d/2d/3d with stride, padding, output_padding,
    dilation, groups and bias.
A third of the cases hold small integers only, whose results are exact in double precision.

Run:  /usr/bin/python3 scripts/generate_layers.py   (fixed seed, so reruns are identical)
"""
import json
import os

import numpy as np
import torch

OUT = os.path.join(os.path.dirname(__file__), "..", "src", "test", "resources", "golden", "layers.json")
MODES = ["zeros", "reflect", "replicate", "circular"]
CONV = {1: torch.nn.Conv1d, 2: torch.nn.Conv2d, 3: torch.nn.Conv3d}
TRANSPOSE = {1: torch.nn.functional.conv_transpose1d, 2: torch.nn.functional.conv_transpose2d,
             3: torch.nn.functional.conv_transpose3d}
rng = np.random.default_rng(20261203)


def values(shape, integers):
    if integers:
        return rng.integers(-3, 4, size=shape).astype(np.float64)
    return rng.standard_normal(shape)


def nested(a):
    return a.tolist()


def layer_case(dims, integers):
    """Random shapes and options that PyTorch accepts; None when a draw does not make a valid layer."""
    groups = int(rng.choice([1, 1, 2, 3]))
    c_in = groups * int(rng.integers(1, 3))
    c_out = groups * int(rng.integers(1, 3))
    n = int(rng.integers(1, 3))
    max_len = {1: 12, 2: 7, 3: 5}[dims]
    k = [int(rng.integers(1, 5 if dims < 3 else 4)) for _ in range(dims)]
    dil = [int(rng.choice([1, 1, 2, 3])) for _ in range(dims)]
    mode = str(rng.choice(MODES))
    kind = str(rng.choice(["int", "list", "same", "valid"]))
    stride = [1] * dims if kind == "same" else [int(rng.choice([1, 1, 2, 3])) for _ in range(dims)]
    size = [int(rng.integers(max(2, (kk - 1) * d + 1), max_len + (kk - 1) * d + 1)) for kk, d in zip(k, dil)]
    if kind == "int":
        padding = int(rng.integers(0, 3))
        per_axis = [padding] * dims
    elif kind == "list":
        per_axis = [int(rng.integers(0, 3)) for _ in range(dims)]
        padding = per_axis
    elif kind == "same":
        padding = "same"
        per_axis = [((kk - 1) * d + 1) // 2 for kk, d in zip(k, dil)]
    else:
        padding = "valid"
        per_axis = [0] * dims
    if mode == "reflect" and any(p >= s for p, s in zip(per_axis, size)):
        return None
    if mode == "circular" and any(p > s for p, s in zip(per_axis, size)):
        return None
    if any(s + 2 * p < (kk - 1) * d + 1 for s, p, kk, d in zip(size, per_axis, k, dil)):
        return None
    bias = bool(rng.integers(0, 2))
    x = values([n, c_in] + size, integers)
    w = values([c_out, c_in // groups] + k, integers)
    b = values([c_out], integers) if bias else None
    options = {"stride": stride, "padding": padding, "dilation": dil,
               "groups": groups, "paddingMode": mode}
    if all(s == stride[0] for s in stride) and rng.integers(0, 2):
        options["stride"] = stride[0]
    if all(d == dil[0] for d in dil) and rng.integers(0, 2):
        options["dilation"] = dil[0]
    module = CONV[dims](c_in, c_out, k, stride=stride, padding=padding, dilation=dil, groups=groups, bias=bias,
                        padding_mode=mode).double()
    with torch.no_grad():
        module.weight.copy_(torch.from_numpy(w))
        if bias:
            module.bias.copy_(torch.from_numpy(b))
    xt = torch.from_numpy(x).requires_grad_(True)
    y = module(xt)
    gy = values(list(y.shape), integers)
    (y * torch.from_numpy(gy)).sum().backward()
    case = {"dims": dims, "integers": integers, "input": nested(x), "weight": nested(w), **options}
    if bias:
        case["bias"] = nested(b)
    case["output"] = nested(y.detach().numpy())
    case["outputShape"] = list(y.shape)
    grads = {"gradOutput": nested(gy), "gradInput": nested(xt.grad.numpy()), "gradWeight": nested(module.weight.grad.numpy())}
    if bias:
        grads["gradBias"] = nested(module.bias.grad.numpy())
    return case, grads


def transpose_case(dims, integers):
    groups = int(rng.choice([1, 1, 2, 3]))
    c_in = groups * int(rng.integers(1, 3))
    c_out = groups * int(rng.integers(1, 3))
    n = int(rng.integers(1, 3))
    max_len = {1: 10, 2: 6, 3: 4}[dims]
    k = [int(rng.integers(1, 5 if dims < 3 else 4)) for _ in range(dims)]
    dil = [int(rng.choice([1, 1, 2])) for _ in range(dims)]
    stride = [int(rng.choice([1, 2, 3])) for _ in range(dims)]
    padding = [int(rng.integers(0, 3)) for _ in range(dims)]
    out_pad = [int(rng.integers(0, max(s, d))) for s, d in zip(stride, dil)]
    size = [int(rng.integers(1, max_len + 1)) for _ in range(dims)]
    lengths = [(s - 1) * st - 2 * p + d * (kk - 1) + op + 1 for s, st, p, d, kk, op in zip(size, stride, padding, dil, k, out_pad)]
    if any(length < 1 for length in lengths):
        return None
    bias = bool(rng.integers(0, 2))
    x = values([n, c_in] + size, integers)
    w = values([c_in, c_out // groups] + k, integers)
    b = values([c_out], integers) if bias else None
    y = TRANSPOSE[dims](torch.from_numpy(x), torch.from_numpy(w), torch.from_numpy(b) if bias else None, stride=stride,
                        padding=padding, output_padding=out_pad, groups=groups, dilation=dil)
    case = {"dims": dims, "integers": integers, "input": nested(x), "weight": nested(w), "stride": stride, "padding": padding,
            "outputPadding": out_pad, "dilation": dil, "groups": groups}
    if bias:
        case["bias"] = nested(b)
    case["output"] = nested(y.numpy())
    case["outputShape"] = list(y.shape)
    return case


def main():
    torch.manual_seed(0)
    conv, transpose = [], []
    for dims in (1, 2, 3):
        made = 0
        while made < {1: 90, 2: 90, 3: 45}[dims]:
            integers = made % 3 == 0
            drawn = layer_case(dims, integers)
            if drawn is None:
                continue
            case, grads = drawn
            case["id"] = "conv%dd-%03d" % (dims, made)
            conv.append({**case, **grads})
            made += 1
        made = 0
        while made < {1: 60, 2: 60, 3: 30}[dims]:
            case = transpose_case(dims, made % 3 == 0)
            if case is None:
                continue
            case["id"] = "conv-transpose%dd-%03d" % (dims, made)
            transpose.append(case)
            made += 1
    doc = {"reference": "PyTorch " + torch.__version__ + " (Debian python3-torch), float64",
           "conv": conv, "transpose": transpose}
    with open(OUT, "w") as f:
        json.dump(doc, f, separators=(",", ":"))
        f.write("\n")
    print("wrote", OUT, len(conv), "layer cases (forward and backward),", len(transpose), "transpose cases,",
          os.path.getsize(OUT) // 1024, "KiB")


if __name__ == "__main__":
    main()
