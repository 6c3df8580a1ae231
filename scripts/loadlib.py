"""Shared pieces of the load scripts (hostile-load, memory-load, overload-load, fault-load, soak): one HTTP
exchange on its own connection, sent byte for byte with asyncio, the loopback rule, and percentiles."""
import asyncio
import sys
import time
from collections import namedtuple
from urllib.parse import urlparse

Answer = namedtuple("Answer", "status first_ms total_ms retry_after body")


def loopback(base, script):
    """(host, port) of a loopback base URL; exits for any other address (load goes to this machine only)."""
    u = urlparse(base)
    host = u.hostname
    if not (host in ("localhost", "::1") or host.startswith("127.")):
        sys.exit("%s: loopback addresses only (127.0.0.0/8, localhost, ::1)" % script)
    return host, u.port or 80


async def exchange(host, port, path, body, timeout, expect=False):
    """POSTs body (JSON) on a new connection with Connection: close and reads the answer to the end.
    With expect, sends Expect: 100-continue and the body only after 100 Continue, as careful clients send
    large bodies (a refusal then costs no upload). The body goes in 64 KiB slices, so one upload never holds
    up the timings of others. status is an int, or "error:<name>" when the exchange failed."""
    start = time.perf_counter()
    head = ("POST %s HTTP/1.1\r\nHost: %s\r\nContent-Type: application/json\r\nConnection: close\r\n%s"
            "Content-Length: %d\r\n\r\n" % (path, host, "Expect: 100-continue\r\n" if expect else "", len(body))).encode()
    w = None
    try:
        r, w = await asyncio.wait_for(asyncio.open_connection(host, port), timeout)
        w.write(head)
        line = None
        if expect:
            line = await asyncio.wait_for(r.readline(), timeout)
            if line.startswith(b"HTTP/1.1 100"):
                while (await r.readline()) not in (b"\r\n", b""):
                    pass
                line = None
        if line is None:
            view = memoryview(body)
            try:
                for off in range(0, len(body), 1 << 16):
                    w.write(view[off:off + (1 << 16)])
                    await w.drain()
            except OSError:
                pass  # refused while sending: the answer is already there
            line = await asyncio.wait_for(r.readline(), timeout)
        first = (time.perf_counter() - start) * 1000
        status = int(line.split()[1]) if line.startswith(b"HTTP/1.1") else 0
        retry = None
        while True:
            h = await asyncio.wait_for(r.readline(), timeout)
            if h in (b"\r\n", b""):
                break
            k, _, v = h.decode(errors="replace").partition(":")
            if k.strip().lower() == "retry-after":
                retry = v.strip()
        rest = await asyncio.wait_for(r.read(), timeout)
        return Answer(status, first, (time.perf_counter() - start) * 1000, retry, rest)
    except (OSError, ValueError, IndexError, asyncio.TimeoutError) as e:
        return Answer("error:" + type(e).__name__, None, (time.perf_counter() - start) * 1000, None, b"")
    finally:
        if w is not None:
            w.close()


def pct(values, q):
    """The q-quantile of the values that are not None, or None when there are none."""
    v = sorted(x for x in values if x is not None)
    return v[min(len(v) - 1, int(q * len(v)))] if v else None
