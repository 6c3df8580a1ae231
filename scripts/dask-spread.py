#!/usr/bin/env python3
"""Spreads one N-d convolution over the replicas behind the gateway: dask cuts the volume into blocks with halos
(dask.array.map_overlap), each block plus its halo goes to the service as one multipart .npy request in `valid` mode
(so the service pads nothing), and dask puts the answers together. The result is the contract's `same` mode with the
chosen boundary on the whole volume (docs/operations.md, "Large volumes: streamed to one replica, or spread over many").

    python3 scripts/dask-spread.py --base http://127.0.0.1:18080 [--shape 64,48,40] [--chunks 16,48,40 | 16,24,20]
        [--dtype float64|float32] [--kernel 3x3x3 | box:3x3x3] [--boundary reflect] [--fill-value 0]
        [--op convolve|correlate] [--workers 4] [--seed 1] [--check [--by-block]] [--json out.json]

The volume: block (i, j, …) of the chunk grid is uniform in [-1, 1) from numpy's Generator seeded with (seed, i, j,
…); the kernel as scripts/stream-check.py makes it (`AxBxC` uniform from (seed, 0, 1), `box:AxBxC` ones over the
count). Halo on each axis: floor(E/2) with E the kernel's length (the reach of `same`); each block's answer has
`valid` length block + 2*halo - E + 1 >= block, of which the first `block` outputs are kept (for an even kernel the one
extra output is the next block's first). Boundaries from dask's own padding where dask has the service's rule:
fill -> a constant (`boundary=fillValue`), symmetric -> dask's 'reflect' (it repeats the edge: d c b a | a b c d),
replicate -> 'nearest', wrap -> 'periodic'. dask has no mirror that leaves the edge out (the service's and numpy's
`reflect`: d c b | a b c d): for it the volume is padded lazily with dask.array.pad(mode='reflect') (numpy.pad's rule,
block by block) and map_overlap adds halos only between blocks (boundary='none').
Blocks are sent by dask's threaded scheduler with --workers threads, each request on its own connection with
`Accept: application/x-npy`; a 503 is retried after its Retry-After (at most 10 times).
--check: compares with numpy.pad + scipy.signal on the whole volume when it has at most 2^24 elements, otherwise
output block by block, each from the input window it reaches (fetched from the dask volume by index, not through
map_overlap's halos; --by-block forces that at any size); bound 1e-9 (float64) or 1e-5 (float32) times max|h| times sum|padded x| over the taps.
Loopback only. Prints one JSON line; exit status 0 when every block was answered and, with --check, every output held.
"""
import argparse
import http.client
import io
import json
import math
import os
import sys
import threading
import time
import uuid
from urllib.parse import urlparse

import numpy as np
from scipy import signal

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from loadlib import loopback  # noqa: E402

try:
    import dask
    import dask.array as da
except ImportError:
    sys.exit("dask-spread: dask is not installed for %s; install it with\n"
             "  %s -m pip install --no-index --find-links /opt/pypi/files dask\n"
             "(or from PyPI: pip install dask); scripts/dask-check does that when it is missing" % (sys.executable, sys.executable))

DASK_BOUNDARY = {"symmetric": "reflect", "replicate": "nearest", "wrap": "periodic"}  # fill: the value itself
NP_PAD = {"symmetric": "symmetric", "reflect": "reflect", "replicate": "edge", "wrap": "wrap"}
TOL = {"float64": 1e-9, "float32": 1e-5}


def make_kernel(spec, rank, seed, dtype):
    """As scripts/stream-check.py: `AxBxC` uniform in [-1, 1) from (seed, 0, 1); `box:AxBxC` ones over the count."""
    dims = tuple(int(v) for v in spec.split(":")[-1].lower().split("x"))
    if len(dims) != rank:
        raise SystemExit("dask-spread: the kernel %s needs %d lengths" % (spec, rank))
    if spec.startswith("box:"):
        return np.full(dims, 1.0 / math.prod(dims), dtype=dtype)
    return (np.random.default_rng([seed, 0, 1]).random(dims) * 2 - 1).astype(dtype)


def volume(shape, chunks, dtype, seed):
    """The lazy volume: each block made from its own seed, so no process ever holds more than its blocks."""
    def block(block_info=None):
        info = block_info[None]
        shape_b = info["chunk-shape"]
        dt = np.dtype(dtype)
        rng = np.random.default_rng([seed, *info["chunk-location"]])
        return rng.random(shape_b, dtype=dt.type) * dt.type(2) - dt.type(1)
    return da.map_blocks(block, chunks=da.core.normalize_chunks(chunks, shape, dtype=dtype), dtype=dtype,
                         meta=np.empty((0,) * len(shape), dtype=dtype))


class Service:
    """Posts one block to the service in `valid` mode and returns the answer as an array."""

    def __init__(self, base, op, kernel):
        self.host, self.port = loopback(base, "dask-spread")
        self.path = urlparse(base).path.rstrip("/") + "/api/v1/arrays/" + op
        buf = io.BytesIO()
        np.save(buf, kernel)
        self.kernel = buf.getvalue()
        self.lock = threading.Lock()
        self.requests, self.retries, self.bytes = 0, 0, 0

    def __call__(self, block):
        boundary = "dask-spread-" + uuid.uuid4().hex
        buf = io.BytesIO()
        np.save(buf, np.ascontiguousarray(block))

        def part(name, filename, ctype, content):
            return (('--%s\r\nContent-Disposition: form-data; name="%s"; filename="%s"\r\nContent-Type: %s\r\n\r\n'
                     % (boundary, name, filename, ctype)).encode() + content + b"\r\n")
        body = (part("options", "options.json", "application/json", b'{"mode":"valid"}')
                + part("kernel", "kernel.npy", "application/x-npy", self.kernel)
                + part("input", "input.npy", "application/x-npy", buf.getvalue())
                + ("--%s--\r\n" % boundary).encode())
        for attempt in range(11):
            conn = http.client.HTTPConnection(self.host, self.port, timeout=120)
            try:
                conn.request("POST", self.path, body=body, headers={
                    "Content-Type": "multipart/form-data; boundary=" + boundary, "Accept": "application/x-npy"})
                r = conn.getresponse()
                data = r.read()
            finally:
                conn.close()
            with self.lock:
                self.requests += 1
                self.bytes += len(body) + len(data)
            if r.status == 503 and attempt < 10:
                with self.lock:
                    self.retries += 1
                time.sleep(float(r.getheader("Retry-After") or 1))
                continue
            if r.status != 200:
                raise RuntimeError("a block of shape %s was answered %d: %s" % (block.shape, r.status, data[:300]))
            return np.load(io.BytesIO(data))
        raise AssertionError("unreachable")


def spread(x, kernel, boundary, fill, service):
    """The contract's `same` result of the whole volume, block by block through the service."""
    eff = kernel.shape
    depth = {i: e // 2 for i, e in enumerate(eff)}

    def block_fn(b):
        y = service(b)
        keep = tuple(slice(0, n - 2 * depth[i]) for i, n in enumerate(b.shape))
        return y[keep]

    if boundary == "reflect":
        # dask has no edge-excluding mirror: pad lazily with numpy's rule, chunk so that the pad joins the edge
        # blocks, and let map_overlap add halos between blocks only
        xp = da.pad(x, [(depth[i], depth[i]) for i in range(x.ndim)], mode="reflect")
        chunks = tuple((c[0] + depth[i],) + c[1:-1] + (c[-1] + depth[i],) if len(c) > 1 else (c[0] + 2 * depth[i],)
                       for i, c in enumerate(x.chunks))
        xp = xp.rechunk(chunks)
        return da.map_overlap(block_fn, xp, depth=depth, boundary="none", trim=False, chunks=x.chunks,
                              dtype=x.dtype, meta=np.empty((0,) * x.ndim, dtype=x.dtype))
    kind = fill if boundary == "fill" else DASK_BOUNDARY[boundary]
    return da.map_overlap(block_fn, x, depth=depth, boundary=kind, trim=False, chunks=x.chunks,
                          dtype=x.dtype, meta=np.empty((0,) * x.ndim, dtype=x.dtype), allow_rechunk=False)


def pads_same(eff):
    return [(e // 2, (e - 1) // 2) for e in eff]


def reference_whole(x, kernel, boundary, fill, op):
    """numpy.pad + scipy.signal in valid mode on the whole volume, with the per-output bound factor."""
    pads = pads_same(kernel.shape)
    xp = np.pad(x, pads, mode="constant", constant_values=fill) if boundary == "fill" else np.pad(x, pads, mode=NP_PAD[boundary])
    f = signal.convolve if op == "convolve" else signal.correlate
    y = f(xp, kernel.astype(np.float64), mode="valid", method="direct")
    bound = signal.correlate(np.abs(xp), np.ones(kernel.shape), mode="valid", method="direct")
    return y, bound


def reference_block(x, kernel, boundary, fill, op, slices):
    """The expected output block at `slices`, from the input window it reaches, fetched from x by index."""
    idx, outside = [], []
    for (b, a), n, s in zip(pads_same(kernel.shape), x.shape, slices):
        if boundary == "fill":
            full = np.arange(-b, n + a)
        else:
            full = np.pad(np.arange(n), (b, a), mode=NP_PAD[boundary])
        w = full[s.start:s.stop + kernel.shape[len(idx)] - 1]
        outside.append((w < 0) | (w >= n))
        idx.append(np.clip(w, 0, n - 1))
    win = x
    for axis, ix in enumerate(idx):
        win = da.take(win, ix, axis=axis)
    win = np.asarray(win.compute(scheduler="sync"), dtype=np.float64)
    if boundary == "fill":
        mask = np.zeros(win.shape, dtype=bool)
        for axis, out in enumerate(outside):
            shape = [1] * win.ndim
            shape[axis] = -1
            mask |= out.reshape(shape)
        win[mask] = fill
    f = signal.convolve if op == "convolve" else signal.correlate
    y = f(win, kernel.astype(np.float64), mode="valid", method="direct")
    bound = signal.correlate(np.abs(win), np.ones(kernel.shape), mode="valid", method="direct")
    return y, bound


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--base", default="http://127.0.0.1:18080")
    p.add_argument("--shape", default="64,48,40")
    p.add_argument("--chunks", default="16,48,40")
    p.add_argument("--dtype", choices=sorted(TOL), default="float64")
    p.add_argument("--kernel", default="3x3x3")
    p.add_argument("--boundary", choices=("fill", "symmetric", "reflect", "replicate", "wrap"), default="reflect")
    p.add_argument("--fill-value", type=float, default=0.0)
    p.add_argument("--op", choices=("convolve", "correlate"), default="convolve")
    p.add_argument("--workers", type=int, default=4)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--check", action="store_true")
    p.add_argument("--by-block", action="store_true", help="check block by block whatever the size")
    p.add_argument("--json", default=None)
    args = p.parse_args()
    shape = tuple(int(v) for v in args.shape.split(","))
    chunks = tuple(int(v) for v in args.chunks.split(","))
    kernel = make_kernel(args.kernel, len(shape), args.seed, args.dtype)
    for i, (e, c, n) in enumerate(zip(kernel.shape, chunks, shape)):
        if e // 2 > min(c, n - (n // c) * c or c):
            raise SystemExit("dask-spread: the halo %d on axis %d is larger than a block there (chunks %s)" % (e // 2, i, list(chunks)))
    x = volume(shape, chunks, args.dtype, args.seed)
    service = Service(args.base, args.op, kernel)
    y = spread(x, kernel, args.boundary, args.fill_value, service)
    start = time.perf_counter()
    report = {"shape": list(shape), "chunks": [list(c) for c in x.chunks], "dtype": args.dtype, "kernel": list(kernel.shape),
              "boundary": args.boundary, "op": args.op, "workers": args.workers, "blocks": math.prod(len(c) for c in x.chunks)}
    ok = True
    with dask.config.set(scheduler="threads", num_workers=args.workers):
        if args.check and math.prod(shape) <= 1 << 24 and not args.by_block:
            out = y.compute()
            seconds = time.perf_counter() - start
            want, bound = reference_whole(x.compute(scheduler="sync"), kernel, args.boundary, args.fill_value, args.op)
            pairs = [(out, want, bound)]
            report["checked"] = "whole volume"
        elif args.check:
            pairs, seconds = [], 0.0
            for index in np.ndindex(*y.numblocks):
                t = time.perf_counter()
                got = y.blocks[index].compute()
                seconds += time.perf_counter() - t
                slices = [slice(sum(c[:k]), sum(c[:k + 1])) for c, k in zip(y.chunks, index)]
                want, bound = reference_block(x, kernel, args.boundary, args.fill_value, args.op, slices)
                pairs.append((got, want, bound))
            report["checked"] = "block by block"
        else:
            y.compute()
            seconds = time.perf_counter() - start
    report.update(seconds=round(seconds, 3), requests=service.requests, retries=service.retries,
                  mb_s=round(service.bytes / seconds / 1e6, 1) if seconds else None)
    if args.check:
        hmax = float(np.abs(kernel).max())
        worst, worst_ratio, bad = 0.0, 0.0, 0
        for got, want, bound in pairs:
            if got.shape != want.shape:
                ok = False
                report["problem"] = "a block of shape %s where %s was expected" % (got.shape, want.shape)
                break
            err = np.abs(got.astype(np.float64) - want)
            limit = TOL[args.dtype] * hmax * bound + np.finfo(np.dtype(args.dtype)).eps * float(np.abs(kernel).sum())
            worst = max(worst, float(err.max()))
            worst_ratio = max(worst_ratio, float((err / limit).max()))
            bad += int(np.count_nonzero(~(err <= limit)))
        report.update(max_abs_error=worst, max_error_ratio=worst_ratio, outputs_off=bad)
        ok = ok and bad == 0
    report["ok"] = ok
    text = json.dumps(report)
    if args.json:
        with open(args.json, "w") as f:
            f.write(text + "\n")
    print(text)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
