#!/usr/bin/env python3
"""Checks a running service over HTTP against numpy/scipy and with fuzzed requests.

    python3 scripts/http-check.py [--base http://localhost:8080] [--parity 300] [--fuzz 500] [--large 0]
                                  [--arrays 0] [--arrays-large 0] [--fuzz-http 0] [--fuzz-multipart 0] [--seed 1]

Parity: random requests across every parameter (1D/2D, both operations and conventions, modes,
boundaries, fill values, strides, dilations, methods, labels), compared with the reference of
scripts/generate_golden.py (scipy.signal, numpy.pad); integer data must match exactly, other data
within the contract's 1e-9·Σ|x|·max|h|. Traces must add up to their values.
Large: the same, at sizes where the fast paths engage (1D up to 40,000 with kernels up to 700 taps, 2D up
to 160² with kernels up to 33², so the SIMD blocks, row pairs, many tiles and FFT windows and tiles
run); no traces requested.
Arrays: the same on /api/v1/arrays with ranks 1 to 4 (stride and dilation as one integer or a list);
--arrays-large with volumes up to 40³ and kernels up to 9³ (4D up to 14⁴ with 5⁴).
Fuzz: mutated and random bodies to every endpoint; any 5xx, or a problem body that is not
application/problem+json or that mentions Java internals, is a failure. --fuzz-http N: malformed and
unusual HTTP sent byte for byte (methods, paths, framing, codings, Expect, huge headers), judged alike.
--fuzz-multipart N: multipart bodies with .npy (every dtype, complex too, C or Fortran order), JSON and PNG parts, valid ones
checked against scipy (integers exactly, in JSON or .npy answers) and mutated ones (truncated, bytes flipped,
renamed or missing parts, wrong types, broken boundaries), judged alike.
Exits non-zero on any failure. Needs only the standard library, numpy and scipy.
"""
import argparse
import json
import os
import random
import sys
import urllib.error
import urllib.request

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from generate_golden import reference  # noqa: E402

ENDPOINTS = ["/api/v1/signals/convolve", "/api/v1/signals/correlate", "/api/v1/images/convolve",
             "/api/v1/images/correlate", "/api/v1/arrays/convolve", "/api/v1/arrays/correlate", "/api/v1/explain"]


def post(base, path, body, raw=False):
    data = body if raw else json.dumps(body).encode()
    req = urllib.request.Request(base + path, data=data, headers={"Content-Type": "application/json"}, method="POST")
    try:
        with urllib.request.urlopen(req, timeout=60) as r:
            return r.status, r.headers.get("Content-Type"), r.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.headers.get("Content-Type"), e.read().decode()


def parity(base, rng, count, large=False, arrays=False):
    failures = 0
    for case in range(count):
        dims = rng.choice([1, 2, 3, 4] if arrays else [1, 2])
        op = rng.choice(["convolution", "cross-correlation"])
        conv = rng.choice(["sliding", "mirrored"]) if op == "cross-correlation" else "sliding"
        mode = rng.choice(["full", "same", "valid"])
        boundary = rng.choice(["fill", "wrap", "symmetric", "reflect", "replicate"])
        integer = rng.random() < 0.5
        if arrays and dims >= 3:
            top = (40 if dims == 3 else 14) if large else (7 if dims == 3 else 4)
            n = [rng.randint(1, top) for _ in range(dims)]
            k = [rng.randint(1, (9 if dims == 3 else 5) if large else 3) for _ in range(dims)]
        elif large:
            n = [rng.randint(2000, 40000)] if dims == 1 else [rng.randint(40, 160), rng.randint(40, 160)]
            k = [rng.randint(1, 700)] if dims == 1 else [rng.randint(1, 33), rng.randint(1, 33)]
        else:
            n = [rng.randint(1, 30)] if dims == 1 else [rng.randint(1, 9), rng.randint(1, 9)]
            k = [rng.randint(1, 8)] if dims == 1 else [rng.randint(1, 4), rng.randint(1, 4)]
        st = [rng.randint(1, 3) for _ in range(dims)]
        dl = [rng.randint(1, 3) for _ in range(dims)]
        if mode == "valid":
            k = [min(a, b) for a, b in zip(k, n)]
            dl = [d if (kk - 1) * d + 1 <= nn else 1 for d, kk, nn in zip(dl, k, n)]
        if integer:
            x = np.array([rng.randint(-1000, 1000) for _ in range(int(np.prod(n)))], float).reshape(n)
            h = np.array([rng.randint(-50, 50) for _ in range(int(np.prod(k)))], float).reshape(k)
            fill = float(rng.randint(-5, 5))
        else:
            x = np.array([rng.gauss(0, 10) for _ in range(int(np.prod(n)))]).reshape(n)
            h = np.array([rng.gauss(0, 1) for _ in range(int(np.prod(k)))]).reshape(k)
            fill = rng.gauss(0, 3)
        method = rng.choice(["auto", "direct", "fft"])
        field = "input" if arrays else "signal" if dims == 1 else "image"
        body = {field: x.tolist(), "kernel": h.tolist(), "mode": mode,
                "boundary": boundary, "fillValue": fill, "method": method,
                "indexOrigin": rng.choice(["corner", "center"])}
        if arrays and rng.random() < 0.3:
            st = [st[0]] * dims
            dl = [dl[0]] * dims
            if mode == "valid":
                dl = [1] * dims
        uniform = lambda v: all(e == v[0] for e in v)
        body["stride"] = st[0] if (dims == 1 and not arrays) or (uniform(st) and rng.random() < 0.5) else st
        body["dilation"] = dl[0] if (dims == 1 and not arrays) or (uniform(dl) and rng.random() < 0.5) else dl
        if not isinstance(body["stride"], list):
            st = [st[0]] * dims
        if not isinstance(body["dilation"], list):
            dl = [dl[0]] * dims
        if op == "cross-correlation":
            body["correlationConvention"] = conv
        kind = "arrays" if arrays else "signals" if dims == 1 else "images"
        path = "/api/v1/%s/%s" % (kind, "convolve" if op == "convolution" else "correlate")
        expected, how = reference(op, conv, x, h, mode, boundary, fill, st, dl)
        if not large and expected.size * h.size <= 100000:  # the default trace term limit
            body["trace"] = {"all": True}
        status, ctype, text = post(base, path, body)
        if status != 200:
            print("PARITY FAIL %d: HTTP %d %s" % (case, status, text[:300]))
            failures += 1
            continue
        got = np.array(json.loads(text)["output"], float)
        res = json.loads(text)
        scale = max(1.0, (np.abs(x).sum() + abs(fill) * 1000) * np.abs(h).max())
        ok = got.shape == expected.shape and (
            np.array_equal(got, expected) if integer else np.allclose(got, expected, rtol=0, atol=1e-9 * scale))
        for entry in res.get("trace") or []:
            s = sum(t["product"] for t in entry["terms"])
            if abs(s - entry["value"]) > 1e-9 * scale:
                ok = False
        if not ok:
            failures += 1
            print("PARITY FAIL %d (%s, method %s): %s\n  got %s\n  expected %s" % (case, how, res["method"], json.dumps(
                {k2: v for k2, v in body.items() if k2 not in ("signal", "image", "input", "kernel", "trace")}), got.tolist(),
                expected.tolist()))
    print("%s%s: %d requests, %d failures" % ("arrays " if arrays else "", "large" if large else "parity", count, failures))
    return failures


def junk(rng, depth=0):
    choices = [None, True, False, 0, -1, 1.5, 1e999 if False else 1e308, "", "x", "full", [], {}, [1, 2], [[1], [2, 3]],
               2 ** 31, -2 ** 63, "NaN", [None], [[None]], {"all": True}, {"outputs": [[0]]}, {"outputs": "x"},
               # complex objects, whole and broken
               {"re": [1, 2], "im": [0, 1]}, {"re": [[1]], "im": [[1, 2]]}, {"re": [1]}, {"im": [1]}, {"re": [1], "im": [1], "x": 1},
               {"re": "x", "im": [1]}, {"re": None, "im": None}, {"re": {"re": [1], "im": [1]}, "im": [1]}, {"name": "box", "re": [1]},
               "complex128", "complex64"]
    v = rng.choice(choices)
    if depth < 2 and rng.random() < 0.2:
        return [junk(rng, depth + 1) for _ in range(rng.randint(0, 3))]
    return v


def fuzz(base, rng, count):
    failures = 0
    fields = ["signal", "image", "kernel", "mode", "boundary", "fillValue", "stride", "dilation", "method", "indexOrigin",
              "correlationConvention", "trace", "operation", "input", "inputShape", "kernelShape", "outputs", "all", "kernelSymbols",
              "dtype", "conjugate", "zzz"]
    valid = {
        "/api/v1/signals/convolve": {"signal": [2, 1, 3, 5, 4], "kernel": [1, -1]},
        "/api/v1/signals/correlate": {"signal": [2, 1, 3, 5, 4], "kernel": [1, -1]},
        "/api/v1/images/convolve": {"image": [[1, 2, 3], [4, 5, 6]], "kernel": [[1, 0], [0, -1]]},
        "/api/v1/images/correlate": {"image": [[1, 2, 3], [4, 5, 6]], "kernel": [[1, 0], [0, -1]]},
        "/api/v1/arrays/convolve": {"input": [[[1, 2], [3, 4]], [[5, 6], [7, 8]]], "kernel": [[[1, -1]]]},
        "/api/v1/arrays/correlate": {"input": [[[1, 2], [3, 4]], [[5, 6], [7, 8]]], "kernel": [[[1, -1]]]},
        "/api/v1/explain": {"operation": "convolution", "inputShape": [7, 7], "kernelShape": [3, 3], "all": True},
    }
    raw_bodies = [b"", b"{", b"[]", b"null", b"1", b'{"signal": [1e999999], "kernel": [1]}', b"\xff\xfe",
                  b'{"signal": [1], "kernel": [1]} {}', b'{"signal": [' + b"[" * 5000 + b"]" * 5000 + b"]}",
                  b'{"signal": [1], "kernel": [1], "stride": 99999999999999999999}']
    for i in range(count):
        path = rng.choice(ENDPOINTS)
        if rng.random() < 0.1:
            status, ctype, text = post(base, path, rng.choice(raw_bodies), raw=True)
        else:
            body = dict(valid[path])
            for _ in range(rng.randint(1, 3)):
                body[rng.choice(fields)] = junk(rng)
            if rng.random() < 0.3:
                body.pop(rng.choice(list(body)), None)
            status, ctype, text = post(base, path, body)
        bad = status >= 500 or (status >= 400 and (not ctype or "application/problem+json" not in ctype)) \
            or "Exception" in text or "tools.jackson" in text or "java." in text
        if bad:
            failures += 1
            print("FUZZ FAIL %d: %s -> %d %s %s" % (i, path, status, ctype, text[:300]))
    print("fuzz: %d requests, %d failures" % (count, failures))
    return failures


def npy_bytes(a):
    import io
    buf = io.BytesIO()
    np.save(buf, a)
    return buf.getvalue()


def multipart_body(parts, boundary):
    out = []
    for name, ctype, filename, payload in parts:
        head = "--%s\r\nContent-Disposition: form-data; name=\"%s\"%s\r\n%s\r\n" % (
            boundary, name, "" if filename is None else "; filename=\"%s\"" % filename,
            "" if ctype is None else "Content-Type: %s\r\n" % ctype)
        out.append(head.encode() + payload + b"\r\n")
    return b"".join(out) + ("--%s--\r\n" % boundary).encode()


def post_multipart(base, path, data, boundary, accept="application/json"):
    req = urllib.request.Request(base + path, data=data, method="POST", headers={
        "Content-Type": "multipart/form-data; boundary=%s" % boundary, "Accept": accept})
    try:
        with urllib.request.urlopen(req, timeout=60) as r:
            return r.status, r.headers.get("Content-Type"), r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.headers.get("Content-Type"), e.read()


def fuzz_multipart(base, rng, count):
    """Multipart bodies with .npy, JSON and PNG parts: valid ones (answers checked against numpy: .npy answers equal the
    JSON answer of the same request) and mutated ones (truncated, bytes flipped, headers changed, parts renamed,
    dtypes and shapes changed, boundaries broken). Any 5xx, or a refusal that is not problem+json, is a failure."""
    failures = 0
    dtypes = ["<f8", ">f8", "<f4", "<i8", ">i4", "<i2", "|i1", "|u1", "<u2", "<u4", "|b1", "<c16", ">c8", "<f2"]
    for i in range(count):
        op = rng.choice(["convolve", "correlate"])
        family = rng.choice(["signals", "images", "arrays"])
        rank = {"signals": 1, "images": 2, "arrays": rng.randint(1, 4)}[family]
        shape = tuple(rng.randint(1, 6) for _ in range(rank))
        kshape = tuple(rng.randint(1, s) for s in shape)
        dt = rng.choice(dtypes)
        x = np.array([rng.randint(-9, 9) for _ in range(int(np.prod(shape)))]).reshape(shape)
        try:
            xa = x.astype(np.dtype(dt))
        except TypeError:
            xa = x.astype("<f8")
        if rng.random() < 0.3:
            xa = np.asfortranarray(xa)
        h = np.array([rng.randint(-3, 3) for _ in range(int(np.prod(kshape)))], float).reshape(kshape)
        names = {"signals": ("signal", "kernel"), "images": ("image", "kernel"), "arrays": ("input", "kernel")}[family]
        parts = [[names[0], "application/x-npy", "x.npy", npy_bytes(xa)], [names[1], "application/json", None, json.dumps(h.tolist()).encode()],
                 ["options", "application/json", None, b'{"mode": "full"}']]
        boundary = "b%08x" % rng.getrandbits(32)
        mutated = rng.random() < 0.6
        if mutated:
            what = rng.randrange(8)
            p = rng.choice(parts)
            if what == 0:
                p[3] = p[3][:rng.randrange(len(p[3]) + 1)]
            elif what == 1 and p[3]:
                b = bytearray(p[3])
                for _ in range(rng.randint(1, 4)):
                    b[rng.randrange(len(b))] = rng.randrange(256)
                p[3] = bytes(b)
            elif what == 2:
                p[0] = rng.choice(["zzz", "options", names[0], "", "kernel\"x"])
            elif what == 3:
                p[1] = rng.choice([None, "image/png", "text/plain", "application/x-npy", "application/json"])
            elif what == 4:
                p[3] = rng.choice([b"", b"\x93NUMPY\x01\x00", b"\x89PNG\r\n\x1a\n", b"null", b"[[1],[2,3]]", b"{}"])
            elif what == 5:
                parts.pop(rng.randrange(len(parts)))
            elif what == 6:
                parts.append(list(rng.choice(parts)))
        data = multipart_body([tuple(q) for q in parts], boundary)
        if mutated and rng.random() < 0.2:
            data = data[:rng.randrange(len(data) + 1)]
        status, ctype, body = post_multipart(base, "/api/v1/%s/%s" % (family, op), data, boundary,
                                             accept=rng.choice(["application/json", "application/x-npy", "*/*"]))
        text = body.decode("utf-8", "replace")
        bad = status >= 500 or (status >= 400 and (not ctype or "application/problem+json" not in ctype)) \
            or "Exception" in text or "java." in text
        unsupported = xa.dtype.kind == "f" and xa.dtype.itemsize == 2
        complex_data = xa.dtype.kind == "c"
        if not mutated and not bad:
            if unsupported:
                bad = status != 400  # half floats are refused, naming the part
            elif status != 200:
                bad = True
            else:
                fn = {"convolve": __import__("scipy.signal", fromlist=["x"]).convolve,
                      "correlate": __import__("scipy.signal", fromlist=["x"]).correlate}[op]
                # the values sent (uint wraps, bool 0/1; complex parts as they are)
                expected = fn(xa.astype(complex if complex_data else float), h, mode="full", method="direct")
                if ctype and "x-npy" in ctype:
                    import io
                    got = np.load(io.BytesIO(body))
                else:
                    out = json.loads(text)["output"]
                    got = np.array(out["re"], float) + 1j * np.array(out["im"], float) if isinstance(out, dict) else np.array(out, float)
                bad = got.shape != expected.shape or (got.dtype.kind == "c") != complex_data or not np.array_equal(got, expected)
        if bad:
            failures += 1
            print("MULTIPART FAIL %d: %s %s mutated=%s -> %d %s %s" % (i, family, op, mutated, status, ctype, text[:300]))
    print("fuzz-multipart: %d requests, %d failures" % (count, failures))
    return failures


def raw_exchange(base, data, timeout=15):
    """Sends bytes as they are on a new connection and reads the answer until the server closes it."""
    import socket
    from urllib.parse import urlparse
    u = urlparse(base)
    s = socket.create_connection((u.hostname, u.port or 80), timeout=timeout)
    try:
        s.sendall(data)
        try:
            s.shutdown(socket.SHUT_WR)
        except OSError:
            pass
        out = b""
        while True:
            b = s.recv(65536)
            if not b:
                break
            out += b
        return out
    except OSError as e:
        return b"<" + type(e).__name__.encode() + b">" + (out if "out" in dir() else b"")
    finally:
        s.close()


def fuzz_http(base, rng, count):
    """Malformed and unusual HTTP, sent byte for byte: odd methods, paths with %00, %2e%2e, ../ and very long
    segments, missing, negative, repeated or wrong Content-Length, content codings, broken chunked bodies,
    Expect: 100-continue, huge headers. Every answer must be a status below 500; every 4xx or 5xx must be
    application/problem+json (HEAD: no body) with nothing of Java or of Tomcat's HTML in it."""
    failures = 0
    methods = ["POST"] * 6 + ["GET", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD", "BREW"]
    paths = ENDPOINTS + ["/api/v1/%00", "/%2e%2e/%2e%2e/etc/passwd", "/api/v1/../v1/explain", "/api//v1/explain", "/error",
                         "/api/v1/signals/convolve?x=%zz", "/api/v1/signals/convolve;jsessionid=1", "/" + "a" * 9000,
                         "/api/v1/signals/convolve/../../../x", "/api/v1/%C0%AE%C0%AE/x", "/api/v1/signals/convolve%20", "*"]
    valid = json.dumps({"signal": [2, 1, 3, 5, 4], "kernel": [1, -1]}).encode()
    bodies = [valid, b"", b"{", b"\xff\xfe\x00", b'{"signal":[1],"signal":[2],"kernel":[1]}', valid * 3]
    for i in range(count):
        method = rng.choice(methods)
        path = rng.choice(paths)
        body = rng.choice(bodies)
        headers = ["Host: fuzz", "Connection: close"]
        ctype = rng.choice(["application/json", "application/json", "text/plain", None, "application/json; charset=latin1",
                            "application/problem+json", "multipart/form-data", "application/json;;"])
        if ctype:
            headers.append("Content-Type: " + ctype)
        framing = rng.choice(["length", "length", "length", "none", "negative", "twice", "larger", "letters", "chunked",
                              "bad-chunked"])
        if framing == "length":
            headers.append("Content-Length: %d" % len(body))
        elif framing == "negative":
            headers.append("Content-Length: -%d" % (len(body) + 1))
        elif framing == "twice":
            headers += ["Content-Length: %d" % len(body), "Content-Length: %d" % (len(body) + 1)]
        elif framing == "larger":
            headers.append("Content-Length: %d" % (len(body) + rng.randint(1, 50)))
        elif framing == "letters":
            headers.append("Content-Length: ten")
        elif framing == "chunked":
            headers.append("Transfer-Encoding: chunked")
            body = (b"%x\r\n" % len(body)) + body + b"\r\n0\r\n\r\n" if body else b"0\r\n\r\n"
        elif framing == "bad-chunked":
            headers.append("Transfer-Encoding: chunked")
            body = b"zz\r\n" + body + b"\r\n"
        if rng.random() < 0.15:
            headers.append("Content-Encoding: " + rng.choice(["gzip", "deflate", "br", "identity", "gzip, identity"]))
        if rng.random() < 0.1:
            headers.append("Expect: 100-continue")
        if rng.random() < 0.05:
            headers.append("X-Big: " + "b" * rng.choice([9000, 70000]))
        if rng.random() < 0.1:
            headers.append("Accept: " + rng.choice(["text/html", "application/xml", "*/*", "application/problem+json"]))
        if rng.random() < 0.05:
            headers.append("X-Request-Id: " + rng.choice(["ok-id", "bad id with spaces", "x" * 300, "%00"]))
        data = ("%s %s HTTP/1.1\r\n" % (method, path)).encode() + "\r\n".join(headers).encode() + b"\r\n\r\n" + body
        out = raw_exchange(base, data)
        head, _, rest = out.partition(b"\r\n\r\n")
        while head.startswith(b"HTTP/1.1 100"):  # the interim answer to Expect: 100-continue
            head, _, rest = rest.partition(b"\r\n\r\n")
        lines = head.decode(errors="replace").split("\r\n")
        try:
            status = int(lines[0].split()[1])
        except (IndexError, ValueError):
            status = 0
        hdrs = {l.split(":", 1)[0].strip().lower(): l.split(":", 1)[1].strip() for l in lines[1:] if ":" in l}
        problem = "application/problem+json" in hdrs.get("content-type", "")
        text = rest.decode(errors="replace")
        # the server answers a server-wide "OPTIONS *" itself, without a body: nothing to leak, nothing to parse
        bodiless = method == "HEAD" or (path == "*" and not rest)
        bad = status == 0 or status >= 500 or (status >= 400 and not bodiless and not problem) \
            or "Exception" in text or "java." in text or "<html" in text.lower() or "tomcat" in text.lower()
        if bad:
            failures += 1
            print("HTTP FUZZ FAIL %d: %r -> %s" % (i, data[:200], out[:300]))
    print("fuzz-http: %d requests, %d failures" % (count, failures))
    return failures


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--base", default="http://localhost:8080")
    ap.add_argument("--parity", type=int, default=300)
    ap.add_argument("--fuzz", type=int, default=500)
    ap.add_argument("--large", type=int, default=0)
    ap.add_argument("--arrays", type=int, default=0, help="parity requests to /api/v1/arrays, ranks 1-4")
    ap.add_argument("--arrays-large", type=int, default=0, help="the same at sizes where 3D/4D tiles and FFT tiles engage")
    ap.add_argument("--fuzz-http", type=int, default=0, help="malformed and unusual HTTP requests sent byte for byte")
    ap.add_argument("--fuzz-multipart", type=int, default=0,
                    help="multipart bodies with .npy/JSON/PNG parts, valid (checked against scipy) and mutated")
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    f = parity(a.base, rng, a.parity) + parity(a.base, rng, a.large, large=True) \
        + parity(a.base, rng, a.arrays, arrays=True) + parity(a.base, rng, a.arrays_large, large=True, arrays=True) \
        + fuzz(a.base, rng, a.fuzz) + fuzz_http(a.base, rng, a.fuzz_http) + fuzz_multipart(a.base, rng, a.fuzz_multipart)
    sys.exit(1 if f else 0)


if __name__ == "__main__":
    main()
