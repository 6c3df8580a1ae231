#!/usr/bin/env python3
"""Streams an N-d volume of any size to the service as the last `.npy` part of a multipart body and checks the
streamed `.npy` answer slab by slab against scipy (docs/API.md, "Arrays of any size: streamed `.npy` bodies").

    python3 scripts/stream-check.py --base http://127.0.0.1:8080 [--shape 1024,512,512] [--dtype float32|float64]
        [--op convolve|correlate] [--kernel 3x3x3 | box:3x3x3] [--mode same] [--boundary reflect] [--fill-value 0]
        [--stride 1 | 1,2,2] [--dilation 1 | 2,1,1] [--method auto|direct|fft] [--options-extra JSON]
        [--seed 1] [--content-length] [--no-check] [--concurrent N]
        [--stop-at FRACTION [--hold 3] | --truncate-at FRACTION | --expect-status 400]
        [--echo-port P [--rounds R]] [--timeout 120] [--json out.json]
    python3 scripts/stream-check.py --self-test          (no server: the checker's reference and the wire format)

The volume is generated slab by slab along axis 0: slab i is uniform in [-1, 1) from numpy's Generator seeded with
(seed, i), so any slab can be made again on demand; the kernel is uniform in [-1, 1) from (seed, 0, 1) (`AxBxC`) or
all ones over the count (`box:AxBxC`), in the volume's dtype. The body (parts `options`, `kernel`, then `input`, each
with a file name and a content type) goes with `Transfer-Encoding: chunked`, or with its Content-Length computed up
front (`--content-length`), from one thread while another reads the answer as it arrives: the service writes output
slabs while the body is still coming, so one thread doing both would stall both sides once the socket buffers fill.
The sender keeps one slab at a time; the checker keeps the output slab and the input slabs it reaches (the kernel's
effective extent along axis 0), made again from their seeds.

Reference (per output slab j): the input rows j*stride + t*dilation (t < kernel length) of the padded volume along
axis 0, each an input slab or made by the boundary (numpy.pad's rule: fill -> constant, symmetric -> symmetric,
reflect -> reflect, replicate -> edge), the other axes padded with numpy.pad, then the `valid` correlation with the
dilated kernel (flipped for a convolution) at every stride-th output, as one shifted strided view of the window a
tap (scipy.signal's N-d direct method is ten times slower on a 512 x 512 slab). Padding
per axis as the contract's Formulas: E = (K-1)*dilation + 1; full pads E-1 each side, same floor(E/2) before and
floor((E-1)/2) after, valid none. Tolerance: the contract's per-output bound tol * max|h| * sum|padded x| over the
taps (tol 1e-9 for float64, 1e-5 for float32). `--self-test` checks that reference, assembled slab by slab, against
the whole volume (numpy.pad + scipy.signal; scipy.signal's own modes for fill 0; scipy.ndimage for `same`) for
every mode, boundary, stride, dilation and operation on ranks 1 to 4, and checks the multipart body, the chunked
framing and the response reader on bytes made in memory.

Faults: `--stop-at F` stops sending after the fraction F of the input's data bytes, holds the socket open `--hold`
seconds, then closes its sending side: the answer must be truncated (a 200 whose body ends without its final chunk
or short of its Content-Length), a 4xx problem, or a close without an answer. `--truncate-at F` ends the input part
after the fraction F of its data bytes with the closing boundary (the HTTP body itself is complete): a truncated
200, or a 400 when no output was written. `--expect-status S`: the answer must be status S as problem+json (for
what the contract refuses on a stream, e.g. `--boundary wrap` or `--options-extra '{"correlationConvention":
"mirrored"}'` with 400). Output slabs that did arrive are checked in every case. `--concurrent N` runs N streams
at once (stream k uses seed + k), each on its own connection and threads. `--no-check` only times (the answer is
read and dropped). `--echo-port P` also sends the same upload (always with a Content-Length: the echo reads no
chunked bodies, holds the body in its heap and takes at most 2^31-1 bytes) to the bare Java socket echo of
scripts/echo/SocketEcho.java on 127.0.0.1:P, which answers with the bytes it received (start it with a heap of
about four times the body: `java -Xmx4g scripts/echo/SocketEcho.java P` for a 1 GiB volume; -Xmx2g ran out; it
serves one connection at a time, so --concurrent echo streams wait for each other); `--rounds R` alternates
service and echo R times and reports the medians and the ratio service / echo (time with --no-check: otherwise
the service's time includes the checker's; the echo's time is also this client's own ceiling).

Reports one JSON line: per stream the status, outcome (complete, truncated, refused, closed, timeout, error),
bytes sent and received (on the socket), seconds, MB/s (bytes sent / seconds / 1e6), slabs checked, max abs error
and max error / bound. Loopback only. Exit status 0 only when every stream behaved as expected: a complete 200 whose
every slab held (plain runs), or the expected fault answer with every received slab holding (fault flags).
"""
import argparse
import ast
import io
import json
import math
import os
import socket
import statistics
import sys
import threading
import time
import uuid
from collections import OrderedDict
from urllib.parse import urlparse

import numpy as np
from scipy import ndimage, signal

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from loadlib import loopback  # noqa: E402

BOUNDARIES = ("fill", "wrap", "symmetric", "reflect", "replicate")
STREAMED_BOUNDARIES = ("fill", "symmetric", "reflect", "replicate")  # wrap needs the input's end first: refused
MODES = ("full", "same", "valid")
NP_PAD = {"symmetric": "symmetric", "reflect": "reflect", "replicate": "edge", "wrap": "wrap"}
ND_MODE = {"fill": "constant", "symmetric": "reflect", "reflect": "mirror", "replicate": "nearest"}
TOL = {"float64": 1e-9, "float32": 1e-5}
DESCR = {"float64": "<f8", "float32": "<f4"}


# ---------------------------------------------------------------- the volume, the kernel and the index algebra

def input_slab(seed, i, rest, dtype):
    """Slab i along axis 0 of the volume: uniform in [-1, 1), from a Generator seeded with (seed, i)."""
    dt = np.dtype(dtype)
    rng = np.random.default_rng([seed, i])
    return rng.random(rest, dtype=dt.type) * dt.type(2) - dt.type(1)


def make_kernel(spec, rank, seed, dtype):
    """`AxBxC`: uniform in [-1, 1) from a Generator seeded with (seed, 0, 1); `box:AxBxC`: ones over the count."""
    box = spec.startswith("box:")
    dims = tuple(int(v) for v in spec.split(":")[-1].lower().split("x"))
    if len(dims) != rank or min(dims) < 1:
        raise ValueError("kernel %s: needs %d positive lengths (one per axis of the volume)" % (spec, rank))
    dt = np.dtype(dtype)
    if box:
        return np.full(dims, 1.0 / math.prod(dims), dtype=dt)
    rng = np.random.default_rng([seed, 0, 1])
    return (rng.random(dims) * 2 - 1).astype(dt)


def per_axis(value, rank, name):
    v = [int(p) for p in str(value).split(",")] if not isinstance(value, (list, tuple)) else list(value)
    if len(v) == 1:
        v = v * rank
    if len(v) != rank or min(v) < 1:
        raise ValueError("%s: one integer >= 1, or one per axis (%d)" % (name, rank))
    return v


class Plan:
    """The contract's index algebra on every axis: effective kernel length, padding, output shape."""

    def __init__(self, shape, kshape, mode, stride, dilation):
        self.shape, self.kshape, self.mode = tuple(shape), tuple(kshape), mode
        self.stride, self.dilation = list(stride), list(dilation)
        self.eff = [(k - 1) * d + 1 for k, d in zip(kshape, dilation)]
        if mode == "full":
            self.pads = [(e - 1, e - 1) for e in self.eff]
        elif mode == "same":
            self.pads = [(e // 2, (e - 1) // 2) for e in self.eff]
        elif mode == "valid":
            self.pads = [(0, 0)] * len(shape)
        else:
            raise ValueError("mode %s" % mode)
        if any(e > n for e, n in zip(self.eff, shape)) and mode == "valid":
            raise ValueError("valid: the effective kernel %s does not fit in the input %s" % (self.eff, list(shape)))
        self.out = tuple((n + b + a - e) // s + 1 for n, (b, a), e, s in zip(shape, self.pads, self.eff, self.stride))


def dilate(h, dilation):
    """The kernel with dilation - 1 zeros between taps on every axis."""
    out = np.zeros([(k - 1) * d + 1 for k, d in zip(h.shape, dilation)], dtype=h.dtype)
    out[tuple(slice(None, None, d) for d in dilation)] = h
    return out


def pad_nd(x, pads, boundary, fill):
    if boundary == "fill":
        return np.pad(x, pads, mode="constant", constant_values=fill)
    return np.pad(x, pads, mode=NP_PAD[boundary])


def whole_reference(x, h, plan, op, boundary, fill):
    """The contract's definition on the whole volume: numpy.pad, then scipy.signal in valid mode with the dilated
    kernel, then every stride-th output."""
    xp = pad_nd(x.astype(np.float64), plan.pads, boundary, fill)
    hd = dilate(h.astype(np.float64), plan.dilation)
    f = signal.convolve if op == "convolve" else signal.correlate
    y = f(xp, hd, mode="valid", method="direct")
    return y[tuple(slice(None, None, s) for s in plan.stride)]


class SlabReference:
    """The expected output slab j along axis 0, made from the input slabs it reaches (and no others), with the
    contract's per-output error bound. Keeps at most the kernel's effective extent along axis 0 of input slabs."""

    def __init__(self, plan, op, boundary, fill, kernel, slab_of):
        self.plan, self.op, self.boundary, self.fill = plan, op, boundary, float(fill)
        self.slab_of = slab_of  # i -> input slab i (any dtype; compared in float64)
        n0 = plan.shape[0]
        b0, a0 = plan.pads[0]
        if boundary == "fill":
            rows = np.arange(-b0, n0 + a0)
            rows[(rows < 0) | (rows >= n0)] = -1
        else:
            rows = np.pad(np.arange(n0), (b0, a0), mode=NP_PAD[boundary])
        self.rows = rows  # padded row along axis 0 -> input row, or -1 for the fill value
        h = kernel.astype(np.float64)
        # correlation with the kernel as it meets the input: convolution is correlation with the kernel flipped
        self.k = h if op == "correlate" else h[tuple(slice(None, None, -1) for _ in h.shape)]
        self.hmax = float(np.max(np.abs(h)))
        self.cache = OrderedDict()
        self.keep = plan.eff[0] + 1
        self.rest = plan.shape[1:]

    def row(self, p):
        r = int(self.rows[p])
        if r < 0:
            return np.full(self.rest, self.fill)
        if r in self.cache:
            self.cache.move_to_end(r)
            return self.cache[r]
        s = np.asarray(self.slab_of(r), dtype=np.float64)
        self.cache[r] = s
        while len(self.cache) > self.keep:
            self.cache.popitem(last=False)
        return s

    def output(self, j):
        """(expected slab, bound per output) for output slab j."""
        p = self.plan
        s0, d0, k0 = p.stride[0], p.dilation[0], p.kshape[0]
        # the rows the dilated kernel meets along axis 0 (no others), the other axes padded whole
        win = np.stack([self.row(j * s0 + t * d0) for t in range(k0)])
        win = pad_nd(win, [(0, 0)] + p.pads[1:], self.boundary, self.fill)
        y = np.zeros(p.out[1:])
        bound = np.zeros(p.out[1:])
        # the valid correlation of the window with the dilated kernel at the strided outputs only: one shifted,
        # strided view of the window a tap (the same sums as scipy.signal in valid mode, then every stride-th)
        for tap in np.ndindex(*self.k.shape):
            view = win[(tap[0],) + tuple(slice(t * d, t * d + (n - 1) * s + 1, s)
                                         for t, d, n, s in zip(tap[1:], p.dilation[1:], p.out[1:], p.stride[1:]))]
            y += self.k[tap] * view
            bound += np.abs(view)
        return y, bound * self.hmax


# ---------------------------------------------------------------- the request body

class Body:
    """The multipart body as pieces made on demand: options, kernel, then input (npy header, then the slabs as they
    are generated). `data_limit` ends the input's data after that many bytes (with the closing boundary when
    `close` is true; without it and without anything after it when false, for --stop-at)."""

    def __init__(self, options, kernel, shape, dtype, seed, data_limit=None, close=True):
        self.boundary = "stream-check-" + uuid.uuid4().hex
        self.shape, self.dtype, self.seed = tuple(shape), np.dtype(dtype).newbyteorder("<"), seed
        self.rest = self.shape[1:]
        self.slab_bytes = math.prod(self.rest) * self.dtype.itemsize
        self.data_bytes = self.shape[0] * self.slab_bytes
        self.data_limit = self.data_bytes if data_limit is None else min(data_limit, self.data_bytes)
        self.close = close
        kbuf = io.BytesIO()
        np.save(kbuf, np.ascontiguousarray(kernel, dtype=kernel.dtype.newbyteorder("<")))
        hbuf = io.BytesIO()
        np.lib.format.write_array_header_1_0(hbuf, {"descr": self.dtype.str, "fortran_order": False, "shape": self.shape})
        self.prefix = (self.part("options", "options.json", "application/json", json.dumps(options).encode())
                       + self.part("kernel", "kernel.npy", "application/x-npy", kbuf.getvalue())
                       + self.head("input", "input.npy", "application/x-npy") + hbuf.getvalue())
        self.closing = ("\r\n--%s--\r\n" % self.boundary).encode()

    def head(self, name, filename, ctype):
        return ('--%s\r\nContent-Disposition: form-data; name="%s"; filename="%s"\r\nContent-Type: %s\r\n\r\n'
                % (self.boundary, name, filename, ctype)).encode()

    def part(self, name, filename, ctype, content):
        return self.head(name, filename, ctype) + content + b"\r\n"

    def content_type(self):
        return "multipart/form-data; boundary=" + self.boundary

    def full_length(self):
        """The length of the whole body as planned with no fault (what a --stop-at request declares)."""
        return len(self.prefix) + self.data_bytes + len(self.closing)

    def length(self):
        """The length of the body that is sent (with --truncate-at: the shortened one)."""
        return len(self.prefix) + self.data_limit + (len(self.closing) if self.close else 0)

    def pieces(self):
        yield self.prefix
        left = self.data_limit
        for i in range(self.shape[0]):
            if left <= 0:
                break
            s = np.ascontiguousarray(input_slab(self.seed, i, self.rest, self.dtype), dtype=self.dtype)
            view = memoryview(s).cast("B")
            if left < len(view):
                view = view[:left]
            left -= len(view)
            yield view
        if self.close:
            yield self.closing


# ---------------------------------------------------------------- the response reader

class Closed(Exception):
    pass


class Reader:
    """Reads an HTTP/1.1 response from a socket as it arrives: head, then a chunked, Content-Length or
    close-delimited body; `complete` is true once the body's end was read (final chunk, or Content-Length)."""

    def __init__(self, sock):
        self.sock, self.buf, self.eof, self.raw = sock, bytearray(), False, 0
        self.chunked, self.left, self.complete, self.framing_error = False, None, False, None

    def _more(self):
        if self.eof:
            return False
        data = self.sock.recv(1 << 20)
        if not data:
            self.eof = True
            return False
        self.raw += len(data)
        self.buf += data
        return True

    def line(self):
        while True:
            i = self.buf.find(b"\r\n")
            if i >= 0:
                out = bytes(self.buf[:i])
                del self.buf[:i + 2]
                return out
            if len(self.buf) > 65536 or not self._more():
                raise Closed("the connection ended inside a header or chunk-size line")

    def _take(self, n):
        while len(self.buf) < n:
            if not self._more():
                break
        out = bytes(self.buf[:n])
        del self.buf[:n]
        return out

    def head(self):
        """(status, headers as a dict of lower-case names); skips 1xx answers."""
        while True:
            status_line = self.line()
            parts = status_line.split(None, 2)
            if len(parts) < 2 or not parts[0].startswith(b"HTTP/1."):
                raise Closed("not an HTTP/1.x status line: %r" % status_line[:80])
            status = int(parts[1])
            headers = {}
            while True:
                h = self.line()
                if not h:
                    break
                k, _, v = h.decode("latin-1").partition(":")
                headers[k.strip().lower()] = v.strip()
            if 100 <= status < 200:
                continue
            te = headers.get("transfer-encoding", "").lower()
            self.chunked = "chunked" in te
            if not self.chunked and "content-length" in headers:
                self.left = int(headers["content-length"])
                self.complete = self.left == 0
            return status, headers

    def read(self, n):
        """Up to n body bytes: exactly n unless the body ends (or breaks off) first."""
        out = bytearray()
        while len(out) < n and not self.complete:
            if self.chunked:
                if not self.left:
                    if self.left == 0 and self.line() != b"":  # the CRLF after the chunk before
                        self.framing_error = "a chunk not followed by CRLF"
                        break
                    try:
                        size = int(self.line().split(b";")[0].strip() or b"x", 16)
                    except ValueError:
                        self.framing_error = "a chunk size that is not hexadecimal"
                        break
                    if size == 0:
                        while self.line():  # trailers
                            pass
                        self.complete = True
                        break
                    self.left = size
                got = self._take(min(self.left, n - len(out)))
                self.left -= len(got)
                out += got
                if not got:
                    break
            elif self.left is not None:
                got = self._take(min(self.left, n - len(out)))
                self.left -= len(got)
                out += got
                if self.left == 0:
                    self.complete = True
                if not got:
                    break
            else:
                got = self._take(n - len(out))
                out += got
                if not got:
                    break
        return bytes(out)

    def drain(self, limit=None):
        """Reads the rest of the body (at most limit bytes kept); returns (kept bytes, total bytes)."""
        kept, total = bytearray(), 0
        while True:
            try:
                got = self.read(1 << 20)
            except Closed:
                break
            if not got:
                break
            total += len(got)
            if limit is None or len(kept) < limit:
                kept += got[:None if limit is None else limit - len(kept)]
        return bytes(kept), total


def parse_npy_header(read):
    """(shape, dtype string, fortran_order) from the start of a .npy stream; read(n) gives the next n bytes."""
    magic = read(8)
    if len(magic) < 8 or magic[:6] != b"\x93NUMPY":
        raise ValueError("the answer does not start with the .npy magic: %r" % magic[:8])
    size_bytes = 2 if magic[6] == 1 else 4
    raw = read(size_bytes)
    if len(raw) < size_bytes:
        raise ValueError("the .npy header length is cut short")
    text = read(int.from_bytes(raw, "little"))
    d = ast.literal_eval(text.decode("latin-1"))
    return tuple(d["shape"]), d["descr"], d["fortran_order"]


# ---------------------------------------------------------------- one stream

def send(sock, head, body, chunked, state, stop=False, hold=0.0):
    """The sending thread: head, then the body's pieces (chunked or as they are), made and forgotten one by one."""
    try:
        sock.sendall(head)
        state["sent"] += len(head)
        for piece in body.pieces():
            if chunked:
                frame = b"%x\r\n" % len(piece)
                sock.sendall(frame)
                sock.sendall(piece)
                sock.sendall(b"\r\n")
                state["sent"] += len(frame) + len(piece) + 2
            else:
                sock.sendall(piece)
                state["sent"] += len(piece)
        if stop:
            state["held_at"] = time.perf_counter()
            time.sleep(hold)
            sock.shutdown(socket.SHUT_WR)
        elif chunked:
            sock.sendall(b"0\r\n\r\n")
            state["sent"] += 5
        state["send_done"] = True
    except OSError as e:
        state["send_error"] = type(e).__name__


def run_stream(args, k, target):
    """One request on its own connection; returns its report (a dict)."""
    seed = args.seed + k
    shape = args.shape
    dtype = args.dtype
    kernel = make_kernel(args.kernel, len(shape), args.seed, dtype)
    try:
        plan = Plan(shape, kernel.shape, args.mode, per_axis(args.stride or 1, len(shape), "stride"),
                    per_axis(args.dilation or 1, len(shape), "dilation"))
    except ValueError:
        plan = None  # only with --expect-status (main refuses such a plan otherwise)
    options = {"mode": args.mode, "boundary": args.boundary}
    if args.boundary == "fill":
        options["fillValue"] = args.fill_value
    for name in ("stride", "dilation"):
        v = getattr(args, name)
        if v is not None:
            options[name] = per_axis(v, len(shape), name) if "," in str(v) else int(v)
    if args.method:
        options["method"] = args.method
    if args.options_extra:
        options.update(json.loads(args.options_extra))
    data_bytes = math.prod(shape) * np.dtype(dtype).itemsize
    fault = "stop" if args.stop_at is not None else "truncate" if args.truncate_at is not None else None
    echo = target == "echo"
    limit = None
    if fault and not echo:
        limit = int((args.stop_at if fault == "stop" else args.truncate_at) * data_bytes)
    body = Body(options, kernel, shape, dtype, seed, data_limit=limit, close=fault != "stop" or echo)
    in_service = echo and args.echo_path  # the service's own streaming echo (the bench profile): same server stack
    chunked = not (args.content_length or (echo and not in_service))
    host, port = (("127.0.0.1", args.echo_port) if echo and not in_service else loopback(args.base, "stream-check"))
    path = (urlparse(args.base).path.rstrip("/") if not echo or in_service else "") + (
        args.echo_path if in_service else "/api/v1/arrays/" + args.op)
    lines = ["POST %s HTTP/1.1" % path, "Host: %s:%d" % (host, port), "Content-Type: " + body.content_type(),
             "Accept: application/x-npy", "Connection: close", "X-Request-Id: stream-check-%s-%d-%s" % (target, k, uuid.uuid4().hex[:8])]
    if chunked:
        lines.append("Transfer-Encoding: chunked")
    else:
        declared = body.full_length() if fault == "stop" and not echo else body.length()
        if echo and not in_service and declared > 2 ** 31 - 1:
            raise SystemExit("stream-check: the echo takes bodies of at most 2^31-1 bytes; this one is %d" % declared)
        lines.append("Content-Length: %d" % declared)
    head = ("\r\n".join(lines) + "\r\n\r\n").encode()

    report = {"target": target, "stream": k, "status": None, "outcome": None, "bytes_sent": 0, "bytes_received": 0,
              "seconds": None, "mb_s": None, "slabs_checked": 0, "max_abs_error": 0.0, "max_error_ratio": 0.0}
    state = {"sent": 0, "send_done": False}
    sock = socket.create_connection((host, port), timeout=args.timeout)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    start = time.perf_counter()
    sender = threading.Thread(target=send, args=(sock, head, body, chunked, state, fault == "stop" and not echo, args.hold),
                              daemon=True)
    sender.start()
    reader = Reader(sock)
    bad = []
    try:
        status, headers = reader.head()
        report["status"] = status
        if status != 200:
            kept, _ = reader.drain(1 << 16)
            report["outcome"] = "refused"
            report["content_type"] = headers.get("content-type")
            try:
                report["detail"] = json.loads(kept).get("detail")
            except ValueError:
                report["detail"] = kept[:200].decode("utf-8", "replace")
        elif plan is None or args.expect_status is not None:
            _, total = reader.drain(0)
            report["outcome"] = "complete" if reader.complete else "truncated"
            bad.append("a 200 (%d body bytes) where %s was expected" % (total, args.expect_status))
        elif echo:
            _, total = reader.drain(0)
            report["outcome"] = "complete" if reader.complete else "truncated"
            if total != body.length():
                bad.append("the echo answered %d bytes for %d sent" % (total, body.length()))
        else:
            report["outcome"] = read_npy_answer(args, reader, headers, plan, kernel, seed, report, bad)
    except Closed as e:
        report["outcome"] = "closed" if report["status"] is None else "truncated"
        report["detail"] = str(e)
    except socket.timeout:
        report["outcome"] = "timeout"
    except OSError as e:
        report["outcome"] = "closed" if report["status"] is None else "truncated"
        report["detail"] = type(e).__name__
    except ValueError as e:
        report["outcome"] = "error"
        bad.append(str(e))
    seconds = time.perf_counter() - start
    try:
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass
    sock.close()
    sender.join(args.hold + 10)
    report.update(bytes_sent=state["sent"], bytes_received=reader.raw, seconds=round(seconds, 4),
                  mb_s=round(state["sent"] / seconds / 1e6, 1) if seconds > 0 else None)
    if "send_error" in state:
        report["send_error"] = state["send_error"]
    if reader.framing_error:
        bad.append(reader.framing_error)
    report["ok"] = judge(args, report, fault, echo, bad)
    if bad:
        report["problems"] = bad[:10]
    return report


def read_npy_answer(args, reader, headers, plan, kernel, seed, report, bad):
    """Reads the .npy answer slab by slab and checks each; returns the outcome."""
    ctype = headers.get("content-type", "")
    if not ctype.startswith("application/x-npy"):
        bad.append("a 200 with Content-Type %r, not application/x-npy" % ctype)
    try:
        shape, descr, fortran = parse_npy_header(reader.read)
    except Closed:
        return "truncated"
    except (ValueError, SyntaxError, KeyError) as e:
        if not reader.complete and reader.eof:
            return "truncated"
        bad.append("the answer's .npy header: %s" % e)
        return "error"
    want = DESCR[args.dtype]  # the kernel has the volume's dtype: the result keeps it
    if plan is not None and shape != plan.out:
        bad.append("the answer's shape %s is not the contract's %s" % (list(shape), list(plan.out)))
        return "error"
    if descr != want or fortran:
        bad.append("the answer's dtype %s (fortran_order %s), not %s in C order" % (descr, fortran, want))
        return "error"
    rest = shape[1:]
    nbytes = math.prod(rest) * np.dtype(descr).itemsize
    ref = None
    if not args.no_check:
        ref = SlabReference(plan, args.op, args.boundary, args.fill_value, kernel,
                            lambda i: input_slab(seed, i, args.shape[1:], args.dtype))
    tol = TOL[args.dtype]
    floor = np.finfo(np.dtype(args.dtype)).eps * float(np.sum(np.abs(kernel))) * max(1.0, abs(args.fill_value))
    for j in range(shape[0]):
        data = reader.read(nbytes)
        if len(data) < nbytes:
            return "truncated"
        if ref is None or j % args.check_every:
            continue
        got = np.frombuffer(data, dtype=descr).reshape(rest).astype(np.float64)
        want_y, bound = ref.output(j)
        err = np.abs(got - want_y)
        limit = tol * bound + floor
        report["slabs_checked"] += 1
        if not np.all(np.isfinite(got)):
            bad.append("output slab %d has values that are not finite" % j)
            continue
        report["max_abs_error"] = max(report["max_abs_error"], float(err.max(initial=0.0)))
        report["max_error_ratio"] = max(report["max_error_ratio"], float((err / limit).max(initial=0.0)))
        if np.any(err > limit):
            idx = np.unravel_index(int(np.argmax(err - limit)), err.shape) if err.ndim else ()
            bad.append("output [%s] = %r, expected %r (bound %.3g)" % (
                ",".join(str(v) for v in (j,) + tuple(int(i) for i in idx)), float(got[idx]), float(want_y[idx]), float(limit[idx])))
    extra = reader.read(1)
    if extra:
        bad.append("bytes after the last output slab")
        return "error"
    if not reader.complete:
        return "truncated"
    return "complete"


def judge(args, report, fault, echo, bad):
    outcome, status = report["outcome"], report["status"]
    if bad:
        return False
    if echo:
        return outcome == "complete" and status == 200
    if args.expect_status is not None:
        return status == args.expect_status and (report.get("content_type") or "").startswith("application/problem+json")
    if fault == "stop":
        return outcome in ("truncated", "closed") or (outcome == "refused" and 400 <= status < 500)
    if fault == "truncate":
        return outcome == "truncated" or (outcome == "refused" and status == 400)
    return outcome == "complete" and status == 200


# ---------------------------------------------------------------- self-test (no server)

def self_test():
    """The slab-by-slab reference against whole-volume references, and the wire format on bytes in memory."""
    failures, cases = [], 0
    shapes = {1: [(11,)], 2: [(8, 7)], 3: [(7, 6, 5)], 4: [(5, 4, 3, 4)]}
    kernels = {1: [(3,), (4,)], 2: [(3, 3), (2, 3)], 3: [(3, 3, 3), (2, 3, 4)], 4: [(3, 1, 2, 3)]}
    strides = {1: [1, 2, 3], 2: [1, 2, (2, 1)], 3: [1, 2, (1, 2, 3)], 4: [1, (2, 1, 1, 2)]}
    dilations = {1: [1, 2], 2: [1, 2, (1, 3)], 3: [1, 2, (2, 1, 1)], 4: [1, (1, 2, 1, 1)]}
    for rank in (1, 2, 3, 4):
        for shape in shapes[rank]:
            x = np.stack([input_slab(7, i, shape[1:], "float64") for i in range(shape[0])])
            for ks in kernels[rank]:
                h = make_kernel("x".join(map(str, ks)), rank, 7, "float64")
                for mode in MODES:
                    for boundary, fill in [("fill", 0.0), ("fill", 0.75)] + [(b, 0.0) for b in STREAMED_BOUNDARIES[1:]]:
                        for st in strides[rank]:
                            for dl in dilations[rank]:
                                stride, dilation = per_axis(st, rank, "stride"), per_axis(dl, rank, "dilation")
                                try:
                                    plan = Plan(shape, ks, mode, stride, dilation)
                                except ValueError:
                                    continue
                                for op in ("convolve", "correlate"):
                                    cases += 1
                                    check_case(x, h, plan, op, boundary, fill, failures)
    failures += wire_self_test()
    for f in failures[:20]:
        print("self-test: FAIL: " + f, file=sys.stderr)
    print(json.dumps({"self_test": "ok" if not failures else "fail", "cases": cases, "failures": len(failures)}))
    return 0 if not failures else 1


def close(a, b, scale=1.0):
    return a.shape == b.shape and np.allclose(a, b, rtol=1e-12, atol=1e-12 * scale)


def check_case(x, h, plan, op, boundary, fill, failures):
    name = "%s %s %s fill=%g shape=%s kernel=%s stride=%s dilation=%s" % (
        op, plan.mode, boundary, fill, list(x.shape), list(h.shape), plan.stride, plan.dilation)
    whole = whole_reference(x, h, plan, op, boundary, fill)
    if whole.shape != plan.out:
        failures.append("%s: whole-volume shape %s, plan %s" % (name, whole.shape, plan.out))
    ref = SlabReference(plan, op, boundary, fill, h, lambda i: x[i])
    slabs, bounds = zip(*(ref.output(j) for j in range(plan.out[0])))
    streamed, bound = np.stack(slabs), np.stack(bounds)
    scale = float(np.abs(h).sum()) * max(1.0, abs(fill))
    if not close(streamed, whole, scale):
        failures.append("%s: slab by slab differs from the whole volume" % name)
    # the bound is sum|padded x| over the taps times max|h|: it holds |y| for every output
    if not np.all(np.abs(whole) <= bound * (1 + 1e-12) + 1e-300):
        failures.append("%s: the error bound is below |y| somewhere" % name)
    hd = dilate(h, plan.dilation)
    cut = tuple(slice(None, None, s) for s in plan.stride)
    f = signal.convolve if op == "convolve" else signal.correlate
    if boundary == "fill" and fill == 0.0:
        # scipy.signal's own full/same/valid (zero padding), with the dilated kernel, strided
        own = f(x, hd, mode=plan.mode, method="direct")[cut]
        if not close(own, whole, scale):
            failures.append("%s: differs from scipy.signal.%s(mode=%s)" % (name, op, plan.mode))
    if plan.mode == "same" and all(e <= n for e, n in zip(plan.eff, x.shape)):
        # scipy.ndimage on the whole volume: correlate centres a kernel of length E at floor(E/2) (origin 0), as
        # `same` does; convolve needs origin -1 on the axes where E is even to put the extra padding after
        origin = [0] * x.ndim if op == "correlate" else [-1 if e % 2 == 0 else 0 for e in plan.eff]
        g = ndimage.convolve if op == "convolve" else ndimage.correlate
        nd = g(x, hd, mode=ND_MODE[boundary], cval=fill, origin=origin)[cut]
        if not close(nd, whole, scale):
            failures.append("%s: differs from scipy.ndimage.%s(mode=%s, origin=%s)" % (name, op, ND_MODE[boundary], origin))


class FakeSocket:
    """recv from bytes in pieces of varying sizes (to exercise the reader's buffering)."""

    def __init__(self, data, seed=0):
        self.data, self.pos, self.rng = data, 0, np.random.default_rng(seed)

    def recv(self, n):
        k = min(n, int(self.rng.integers(1, 700)))
        out = self.data[self.pos:self.pos + k]
        self.pos += len(out)
        return out


def parse_multipart(body, boundary):
    """{name: (headers text, content)} of a multipart body, split at its boundary lines (test helper)."""
    delim = b"\r\n--" + boundary.encode()
    assert body.startswith(delim[2:] + b"\r\n"), "the body does not start with its boundary"
    parts, rest = {}, body[len(delim) - 2:]
    while True:
        assert rest[:2] in (b"\r\n", b"--"), "a boundary followed by %r" % rest[:2]
        if rest[:2] == b"--":
            assert rest == b"--\r\n", "text after the closing boundary"
            return parts
        end = rest.find(delim)
        if end < 0:
            raise AssertionError("a part without a boundary after it")
        text = rest[2:end]
        hdr, _, content = text.partition(b"\r\n\r\n")
        name = hdr.split(b'name="')[1].split(b'"')[0].decode()
        parts[name] = (hdr.decode(), content)
        rest = rest[end + len(delim):]


def wire_self_test():
    failures = []
    shape, dtype = (6, 5, 4), "float32"
    kernel = make_kernel("3x3x2", 3, 1, dtype)
    x = np.stack([input_slab(1, i, shape[1:], dtype) for i in range(shape[0])])
    opts = {"mode": "same", "boundary": "reflect"}
    try:
        for limit in (None, 0, 7, 80, x.nbytes - 1):
            body = Body(opts, kernel, shape, dtype, 1, data_limit=limit)
            raw = b"".join(bytes(p) for p in body.pieces())
            assert len(raw) == body.length(), "computed length %d, body %d" % (body.length(), len(raw))
            parts = parse_multipart(raw, body.boundary)
            assert list(parts) == ["options", "kernel", "input"], "part order %s" % list(parts)
            for name, (hdr, _) in parts.items():
                assert 'filename="' in hdr and "Content-Type: " in hdr, "part %s headers %r" % (name, hdr)
            assert json.loads(parts["options"][1]) == opts
            k = np.load(io.BytesIO(parts["kernel"][1]))
            assert k.dtype == np.dtype("<f4") and np.array_equal(k, kernel), "kernel part"
            content = parts["input"][1]
            if limit is None:
                v = np.load(io.BytesIO(content))
                assert v.dtype == np.dtype("<f4") and not np.isfortran(v) and np.array_equal(v, x), "input part"
                assert body.full_length() == body.length()
                assert parse_npy_header(io.BytesIO(content).read) == (shape, "<f4", False)
            else:
                assert len(content) == len(body.prefix) - body.prefix.rfind(b"\r\n\r\n") - 4 + limit, "truncated input length"
        stop = Body(opts, kernel, shape, dtype, 1, data_limit=33, close=False)
        raw = b"".join(bytes(p) for p in stop.pieces())
        assert len(raw) == stop.length() and raw.find(stop.closing) < 0 and stop.full_length() > len(raw), "stop-at body"
        # chunked framing of the pieces, read back by the response reader (whole and cut before the final chunk)
        payload = [bytes(p) for p in Body(opts, kernel, shape, dtype, 1).pieces()]
        chunked = b"".join(b"%x\r\n" % len(p) + p + b"\r\n" for p in payload)
        head = b"HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Type: application/x-npy\r\n\r\n"
        for data, whole in ((head + chunked + b"0\r\nX-T: 1\r\n\r\n", True), (head + chunked, False), (head + chunked[:-9], False)):
            r = Reader(FakeSocket(data))
            status, headers = r.head()
            assert status == 200 and headers["content-type"] == "application/x-npy"
            got = bytearray()
            while True:
                try:
                    b = r.read(997)
                except Closed:
                    break
                if not b:
                    break
                got += b
            assert r.complete == whole, "chunked complete=%s, expected %s" % (r.complete, whole)
            assert bytes(got) == b"".join(payload)[:len(got)] and (not whole or len(got) == sum(map(len, payload)))
        cl = b"HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n0123456789"
        for data, whole in ((cl, True), (cl[:-3], False)):
            r = Reader(FakeSocket(data))
            r.head()
            assert r.read(100) == b"0123456789"[:len(data) - len(cl) + 10] and r.complete == whole, "Content-Length body"
    except AssertionError as e:
        failures.append("wire format: %s" % e)
    return failures


# ---------------------------------------------------------------- main

def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--base", default="http://127.0.0.1:8080")
    p.add_argument("--shape", default="64,48,40")
    p.add_argument("--dtype", choices=sorted(TOL), default="float32")
    p.add_argument("--op", choices=("convolve", "correlate"), default="convolve")
    p.add_argument("--kernel", default="3x3x3")
    p.add_argument("--mode", choices=MODES, default="same")
    p.add_argument("--boundary", choices=BOUNDARIES, default="reflect")
    p.add_argument("--fill-value", type=float, default=0.0)
    p.add_argument("--stride", default=None)
    p.add_argument("--dilation", default=None)
    p.add_argument("--method", choices=("auto", "direct", "fft"), default=None)
    p.add_argument("--options-extra", default=None, help="JSON object merged into options")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--content-length", action="store_true")
    p.add_argument("--no-check", action="store_true")
    p.add_argument("--check-every", type=int, default=1,
                   help="check every Nth output slab only (a large kernel's reference costs its taps a slab)")
    p.add_argument("--concurrent", type=int, default=1)
    p.add_argument("--stop-at", type=float, default=None)
    p.add_argument("--hold", type=float, default=3.0)
    p.add_argument("--truncate-at", type=float, default=None)
    p.add_argument("--expect-status", type=int, default=None)
    p.add_argument("--echo-port", type=int, default=None)
    p.add_argument("--echo-path", default=None,
                   help="the echo is this path on --base (the bench profile's /bench/bare/stream-echo: Tomcat copying the "
                        "body back as it arrives), sent as the service request is (chunked unless --content-length)")
    p.add_argument("--rounds", type=int, default=1)
    p.add_argument("--timeout", type=float, default=120.0)
    p.add_argument("--json", default=None)
    p.add_argument("--self-test", action="store_true")
    args = p.parse_args()
    if args.self_test:
        return self_test()
    args.shape = tuple(int(v) for v in args.shape.split(","))
    loopback(args.base, "stream-check")
    if sum(v is not None for v in (args.stop_at, args.truncate_at, args.expect_status)) > 1:
        p.error("--stop-at, --truncate-at and --expect-status exclude each other")
    for name in ("stop_at", "truncate_at"):
        v = getattr(args, name)
        if v is not None and not 0 <= v <= 1:
            p.error("--%s takes a fraction in [0, 1]" % name.replace("_", "-"))
    if args.expect_status is None:
        try:
            Plan(args.shape, make_kernel(args.kernel, len(args.shape), args.seed, args.dtype).shape, args.mode,
                 per_axis(args.stride or 1, len(args.shape), "stride"), per_axis(args.dilation or 1, len(args.shape), "dilation"))
        except ValueError as e:
            p.error(str(e))
        if args.boundary == "wrap":
            p.error("wrap is refused on a stream (it needs the input's end first): check that with --expect-status 400")

    def batch(target):
        out = [None] * args.concurrent
        def one(k):
            try:
                out[k] = run_stream(args, k, target)
            except Exception as e:  # a stream that broke is a failed stream, reported as such
                out[k] = {"target": target, "stream": k, "ok": False, "outcome": "error", "problems": [repr(e)]}

        threads = [threading.Thread(target=one, args=(k,)) for k in range(args.concurrent)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        return out

    rounds = []
    for _ in range(max(1, args.rounds)):
        r = {"service": batch("service")}
        if args.echo_port or args.echo_path:
            r["echo"] = batch("echo")
        rounds.append(r)
    streams = [s for r in rounds for s in r["service"]]
    echoes = [s for r in rounds for s in r.get("echo", [])]
    report = {"shape": list(args.shape), "dtype": args.dtype, "op": args.op, "kernel": args.kernel, "mode": args.mode,
              "boundary": args.boundary, "concurrent": args.concurrent, "rounds": len(rounds),
              "ok": all(s["ok"] for s in streams + echoes), "streams": streams}
    if echoes:
        report["echo"] = echoes
        med_s = statistics.median(s.get("seconds") or math.nan for s in streams)
        med_e = statistics.median(s.get("seconds") or math.nan for s in echoes)
        report.update(median_seconds_service=round(med_s, 4), median_seconds_echo=round(med_e, 4),
                      ratio_service_echo=round(med_s / med_e, 3) if med_e else None)
    text = json.dumps(report)
    if args.json:
        with open(args.json, "w") as f:
            f.write(text + "\n")
    print(text)
    return 0 if report["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
