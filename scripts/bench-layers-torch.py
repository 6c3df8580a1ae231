#!/usr/bin/python3
"""Times PyTorch on the layer workloads L1-L4 (Debian's python3-torch, /usr/bin/python3; apt-get install -y
python3-torch first), one thread, float64 and float32, the figures scripts/bench-core L1 L2 L3 L4 is compared with:
    BENCH L1 torch-float64 median_ms=... gflops=...
L1 conv2d N=8, 64 -> 64, 56x56, 3x3, padding 1; L2 its full backward (input, weight and bias gradients);
L3 conv1d N=16, 32 -> 32, length 4096, k=9; L4 conv3d N=2, 16 -> 16, 32^3, 3^3; L5 a wide layer, conv2d N=2, 512 -> 512,
14x14, 3x3, padding 1 (scripts/bench-core L5f times it in float32; not among the defaults).
    /usr/bin/python3 scripts/bench-layers-torch.py [--reps 5] [--threads 1] [L1 L2 ...]
"""
import argparse
import statistics
import time

import torch
import torch.nn.functional as F

SHAPES = {
    "L1": ((8, 64, 56, 56), (64, 64, 3, 3), 1),
    "L2": ((8, 64, 56, 56), (64, 64, 3, 3), 1),
    "L3": ((16, 32, 4096), (32, 32, 9), 0),
    "L4": ((2, 16, 32, 32, 32), (16, 16, 3, 3, 3), 0),
    "L5": ((2, 512, 14, 14), (512, 512, 3, 3), 1),
}
DEFAULT = ["L1", "L2", "L3", "L4"]
CONV = {3: F.conv1d, 4: F.conv2d, 5: F.conv3d}


def macs(x, w, y):
    out = 1
    for d in y:
        out *= d
    k = 1
    for d in w[1:]:
        k *= d
    return out * k


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--reps", type=int, default=5)
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("workloads", nargs="*", default=DEFAULT)
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    for name in a.workloads:
        xs, ws, pad = SHAPES[name]
        for dtype in (torch.float64, torch.float32):
            g = torch.Generator().manual_seed(42)
            x = torch.randn(xs, dtype=dtype, generator=g, requires_grad=name == "L2")
            w = torch.randn(ws, dtype=dtype, generator=g, requires_grad=name == "L2")
            b = torch.randn(ws[0], dtype=dtype, generator=g, requires_grad=name == "L2")
            conv = CONV[len(xs)]
            y = conv(x, w, b, padding=pad)
            gy = torch.randn(y.shape, dtype=dtype, generator=g)
            work = macs(xs, ws, tuple(y.shape)) * (2 if name == "L2" else 1)

            def run():
                if name == "L2":
                    out = conv(x, w, b, padding=pad)
                    torch.autograd.grad(out, (x, w, b), gy)
                else:
                    with torch.no_grad():
                        conv(x, w, b, padding=pad)
            run()
            times = []
            for _ in range(a.reps):
                t = time.perf_counter()
                run()
                times.append((time.perf_counter() - t) * 1000)
            med = statistics.median(times)
            # L2's torch time includes one forward pass (autograd needs it); its work counts the two gradients only
            print("BENCH %s torch-%s threads=%d median_ms=%.3f gflops=%.2f" % (name, str(dtype).replace("torch.", ""), a.threads, med,
                                                                          2 * work / med / 1e6))


if __name__ == "__main__":
    main()
