#!/usr/bin/env python3
"""Generates the PNG fixtures in src/test/resources/png/ and the planes Png.read must decode them to.

The picture is "photograph-like" (256x192; 96x72 for 16 bits, whose low bytes do not compress): smooth colour
gradients, hard-edged rectangles and a circle, thin lines, a checker patch and text (cv2.putText), drawn in floating
point and rounded to 8 or 16 bits. It is written as:
  * by cv2.imencode (libpng, compression 9): grey 8, grey 16, RGB 8, RGB 16, RGBA 8, RGBA 16 (cv2 takes BGR(A):
    channels are swapped before writing, so the files hold R, G, B);
  * by the small writer below (zlib; rows filtered by each of the five filter types, so every un-filter is exercised):
    grey+alpha 8 and 16, a palette PNG (8-bit indices into a 6x6x6 colour cube), a 4-bit palette PNG with a tRNS chunk
    (RGBA once expanded), grey of 1, 2 and 4 bits (expanded to 8 bits: x255, x85, x17 as the PNG specification scales),
    an Adam7-interlaced RGB 8, and an RGB 8 with a tRNS chunk (one transparent colour, which ImageIO reads as alpha).
  * seed-7x7.png: the seed post's 7x7 image as 8-bit grey. The post leaves its pixel values arbitrary ("you can
    imagine this image having arbitrary pixel values"); the project's seed examples use 1...49 row by row
    (docs/tutorial.md, scripts/clients), so those are the values here, multiplied by 5 (5...245) to be visible.

Every fixture is read back by libpng (cv2.imread) and must give its planes (cross_check). For each file, a .planes.gz file (shared by files with the same planes) holds the planes Png.read must return, in its order (grey, or R, G, B; then alpha):
big-endian unsigned 16-bit values, plane after plane, each row-major, gzip-compressed (mtime 0). manifest.json lists
every file with its size, depth, colours, alpha and provenance, and the corrupt files with the failure each must give:
  truncated.png (cut inside IDAT), no-iend.png (IEND removed), bad-crc-ihdr.png, bad-crc-idat.png,
  bad-deflate.png (IDAT's zlib header broken, CRC recomputed, so ImageIO must report it), short-data.png (valid
  chunks, but the image data stops halfway down the picture), not-a-png.png (a BMP),
  huge-header.png (a valid IHDR of 100000x100000 RGB and nothing else: the size limit must answer before decoding).

Also makes the benchmark input: with --bench PATH, a 2048x2048 RGB 8-bit version of the picture with mild sensor-like
noise, written by cv2.imencode with its default settings (scripts/bench-png-opencv.py and PngBenchmark read it).

Run:  /usr/bin/python3 scripts/generate_png_fixtures.py   (cv2 4.x, numpy; no randomness but a fixed seed, so reruns
give the same planes; the PNG bytes depend only on the zlib and libpng versions)
"""
import gzip
import json
import os
import struct
import sys
import zlib

import cv2
import numpy as np

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "src", "test", "resources", "png")


def photo(w, h, noise=0.0, seed=7):
    """An RGB picture in [0, 1], float64, shape (h, w, 3), channels R, G, B."""
    y, x = np.mgrid[0:h, 0:w].astype(np.float64)
    u, v = x / (w - 1), y / (h - 1)
    img = np.empty((h, w, 3))
    img[..., 0] = 0.15 + 0.7 * u
    img[..., 1] = 0.2 + 0.6 * v * (1 - 0.3 * u)
    img[..., 2] = 0.5 + 0.35 * np.sin(2 * np.pi * (u + 0.5 * v))
    s = w / 256.0  # shapes scale with the picture
    p = lambda a, b: (int(round(a * s)), int(round(b * s)))  # noqa: E731 (a point, scaled)
    # drawing on R, G, B float data: colours are given as (R, G, B)
    cv2.rectangle(img, p(20, 20), p(90, 70), (0.95, 0.85, 0.1), -1)
    cv2.rectangle(img, p(30, 30), p(80, 60), (0.1, 0.1, 0.6), -1)
    cv2.rectangle(img, p(150, 110), p(230, 170), (0.05, 0.05, 0.05), max(1, int(2 * s)))
    cv2.circle(img, p(190, 60), int(round(35 * s)), (0.9, 0.2, 0.2), -1)
    cv2.circle(img, p(190, 60), int(round(15 * s)), (1.0, 1.0, 1.0), -1)
    for k in range(6):  # thin lines, one pixel wide at 256x192
        cv2.line(img, p(10 + 6 * k, 100), p(120 + 6 * k, 180), (1.0, 1.0, 1.0) if k % 2 else (0.0, 0.0, 0.0), max(1, int(s)))
    c = max(1, int(round(4 * s)))  # checker patch
    x0, y0 = p(110, 20)
    for i in range(8):
        for j in range(8):
            if (i + j) % 2 == 0:
                img[y0 + i * c:y0 + (i + 1) * c, x0 + j * c:x0 + (j + 1) * c] = (1.0, 1.0, 1.0)
            else:
                img[y0 + i * c:y0 + (i + 1) * c, x0 + j * c:x0 + (j + 1) * c] = (0.0, 0.0, 0.0)
    cv2.putText(img, "conv 7x7", p(140, 100), cv2.FONT_HERSHEY_SIMPLEX, 0.6 * s, (0.0, 0.0, 0.0), max(1, int(s)), cv2.LINE_8)
    cv2.putText(img, "h[m-i,n-j]", p(12, 92), cv2.FONT_HERSHEY_PLAIN, 1.0 * s, (1.0, 1.0, 0.9), max(1, int(s)), cv2.LINE_8)
    if noise:
        img += np.random.default_rng(seed).normal(0.0, noise, img.shape)
    return np.clip(img, 0.0, 1.0)


def to_bits(img, bits):
    return np.rint(img * ((1 << bits) - 1)).astype(np.uint16 if bits == 16 else np.uint8)


def grey_of(img):
    return 0.299 * img[..., 0] + 0.587 * img[..., 1] + 0.114 * img[..., 2]


def alpha_of(h, w):
    """A gradient alpha (opaque on the left, clear on the right) with a fully transparent disc."""
    y, x = np.mgrid[0:h, 0:w]
    a = 1.0 - 0.9 * x / (w - 1) + 0.0 * y
    a[(x - w // 4) ** 2 + (y - h // 2) ** 2 < (h // 8) ** 2] = 0.0
    return a


# ---- a small PNG writer (what cv2 cannot write: grey+alpha, palettes, 1/2/4 bits, Adam7, tRNS) ----

def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def ihdr(w, h, bit_depth, colour_type, interlace=0):
    return chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, bit_depth, colour_type, 0, 0, interlace))


def row_bytes(samples, bit_depth):
    """One row of samples (1D, interleaved) to bytes: packed below 8 bits, big-endian at 16."""
    if bit_depth == 16:
        return samples.astype(">u2").tobytes()
    if bit_depth == 8:
        return samples.astype(np.uint8).tobytes()
    per = 8 // bit_depth
    padded = np.zeros(-(-len(samples) // per) * per, dtype=np.uint16)
    padded[:len(samples)] = samples
    groups = padded.reshape(-1, per)
    packed = np.zeros(len(groups), dtype=np.uint16)
    for k in range(per):
        packed = (packed << bit_depth) | groups[:, k]
    return packed.astype(np.uint8).tobytes()


def filtered(raw, prev, bpp, kind):
    """PNG filter `kind` (0 none, 1 sub, 2 up, 3 average, 4 paeth) of one row of bytes."""
    r = np.frombuffer(raw, dtype=np.uint8).astype(np.int32)
    up = np.frombuffer(prev, dtype=np.uint8).astype(np.int32) if prev is not None else np.zeros_like(r)
    left = np.concatenate([np.zeros(bpp, dtype=np.int32), r[:-bpp]])
    upleft = np.concatenate([np.zeros(bpp, dtype=np.int32), up[:-bpp]])
    if kind == 0:
        out = r
    elif kind == 1:
        out = r - left
    elif kind == 2:
        out = r - up
    elif kind == 3:
        out = r - (left + up) // 2
    else:
        p = left + up - upleft
        pa, pb, pc = np.abs(p - left), np.abs(p - up), np.abs(p - upleft)
        pred = np.where((pa <= pb) & (pa <= pc), left, np.where(pb <= pc, up, upleft))
        out = r - pred
    return bytes([kind]) + (out & 0xFF).astype(np.uint8).tobytes()


def scanlines(samples, bit_depth, channels):
    """Filtered scanlines of an (h, w, channels) array: the first five rows by filter types 0 to 4 (so every un-filter
    is exercised), the others by the type with the smallest sum of absolute differences, as libpng chooses."""
    h = samples.shape[0]
    bpp = max(1, channels * bit_depth // 8)
    out, prev = [], None
    for yy in range(h):
        raw = row_bytes(samples[yy].reshape(-1), bit_depth)
        if yy < 5:
            out.append(filtered(raw, prev, bpp, yy))
        else:
            rows = [filtered(raw, prev, bpp, k) for k in range(5)]
            out.append(min(rows, key=lambda r: int(np.abs(np.frombuffer(r[1:], dtype=np.int8).astype(np.int32)).sum())))
        prev = raw
    return b"".join(out)


ADAM7 = [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)]


def png(samples, bit_depth, colour_type, plte=None, trns=None, interlace=False):
    """A PNG of an (h, w, channels) array of samples (indices for a palette)."""
    h, w, channels = samples.shape
    if interlace:
        data = b""
        for n, (x0, y0, dx, dy) in enumerate(ADAM7):
            sub = samples[y0::dy, x0::dx]
            if sub.size:
                data += scanlines(sub, bit_depth, channels)
    else:
        data = scanlines(samples, bit_depth, channels)
    z = zlib.compress(data, 9)
    parts = [b"\x89PNG\r\n\x1a\n", ihdr(w, h, bit_depth, colour_type, 1 if interlace else 0)]
    if plte is not None:
        parts.append(chunk(b"PLTE", plte.astype(np.uint8).tobytes()))
    if trns is not None:
        parts.append(chunk(b"tRNS", trns))
    # image data in two IDAT chunks, as encoders that stream do
    half = len(z) // 2
    parts += [chunk(b"IDAT", z[:half]), chunk(b"IDAT", z[half:]), chunk(b"IEND", b"")]
    return b"".join(parts)


def data_of(png_bytes, kind):
    """The data of every chunk of that kind, joined."""
    out, pos = b"", 8
    while pos < len(png_bytes):
        n, t = struct.unpack(">I4s", png_bytes[pos:pos + 8])
        if t == kind:
            out += png_bytes[pos + 8:pos + 8 + n]
        pos += 12 + n
    return out


def png_of_data(png_bytes, z):
    """The same PNG header with other (compressed) image data: valid chunks and CRCs around it."""
    return png_bytes[:33] + chunk(b"IDAT", z) + chunk(b"IEND", b"")


def write(name, data):
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(data)


def cv2_png(planes_hwc, level=9):
    """PNG bytes by cv2 (libpng) of an (h, w, c) R, G, B(, A) or (h, w) grey array; level None: cv2's defaults."""
    a = planes_hwc
    if a.ndim == 3 and a.shape[2] == 3:
        a = a[..., ::-1]  # R, G, B -> B, G, R
    elif a.ndim == 3 and a.shape[2] == 4:
        a = a[..., [2, 1, 0, 3]]  # R, G, B, A -> B, G, R, A
    params = [] if level is None else [cv2.IMWRITE_PNG_COMPRESSION, level]
    ok, buf = cv2.imencode(".png", np.ascontiguousarray(a), params)
    assert ok
    return buf.tobytes()


def cross_check(manifest):
    """Every fixture read back by libpng (cv2.imread, IMREAD_UNCHANGED) must give the planes written for it: an
    independent decoder vouches for the hand-written files and for the expected planes."""
    for f in manifest["fixtures"]:
        n = f["colours"] + (1 if f["alpha"] else 0)
        with open(os.path.join(OUT, f["planes"]), "rb") as fp:
            expected = np.frombuffer(gzip.decompress(fp.read()), dtype=">u2").reshape(n, f["height"], f["width"])
        a = cv2.imread(os.path.join(OUT, f["file"]), cv2.IMREAD_UNCHANGED)
        a = a[None] if a.ndim == 2 else np.moveaxis(a, 2, 0)[[2, 1, 0, 3][:a.shape[2]]]  # B, G, R(, A) -> R, G, B(, A)
        # libpng gives grey+alpha as RGBA, and drops a tRNS colour key unless asked: compare what it gives
        colours = a[:1] if f["colours"] == 1 else a[:3]
        assert np.array_equal(colours, expected[:f["colours"]]), f["file"] + ": colours differ from libpng's"
        if f["alpha"] and a.shape[0] in (2, 4):
            assert np.array_equal(a[-1], expected[-1]), f["file"] + ": alpha differs from libpng's"


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "--bench":
        big = to_bits(photo(2048, 2048, noise=0.01), 8)
        os.makedirs(os.path.dirname(os.path.abspath(sys.argv[2])), exist_ok=True)
        with open(sys.argv[2], "wb") as f:
            f.write(cv2_png(big, None))
        print("wrote", sys.argv[2])
        return
    os.makedirs(OUT, exist_ok=True)
    W, H = 256, 192
    img = photo(W, H)
    grey = grey_of(img)
    alpha = alpha_of(H, W)
    rgb8, grey8, alpha8 = to_bits(img, 8), to_bits(grey, 8), to_bits(alpha, 8)
    # 16 bits: the same picture at 96x72 (the low bytes of smooth gradients do not compress: this keeps the files small)
    small = photo(96, 72)
    rgb16, grey16, alpha16 = to_bits(small, 16), to_bits(grey_of(small), 16), to_bits(alpha_of(72, 96), 16)
    manifest = {"generator": "scripts/generate_png_fixtures.py", "planes": "big-endian uint16, plane after plane, gzip",
                "fixtures": [], "corrupt": []}
    stored = {}

    def fixture(name, data, planes, bit_depth, colours, has_alpha, source):
        """planes: (n, h, w) as Png.read must return them."""
        write(name, data)
        planes = np.asarray(planes, dtype=np.uint16)
        raw = planes.astype(">u2").tobytes()
        if raw not in stored:  # fixtures with the same planes share one file
            stored[raw] = name[:-4] + ".planes.gz"
            write(stored[raw], gzip.compress(raw, 9, mtime=0))
        manifest["fixtures"].append({"file": name, "width": int(planes.shape[2]), "height": int(planes.shape[1]),
                                     "bitDepth": bit_depth, "colours": colours, "alpha": has_alpha,
                                     "planes": stored[raw], "source": source})

    chw = lambda a: np.moveaxis(a, 2, 0)  # noqa: E731 (h, w, c) -> (c, h, w)
    fixture("grey8.png", cv2_png(grey8), [grey8], 8, 1, False, "cv2.imencode, grey 8")
    fixture("grey16.png", cv2_png(grey16), [grey16], 16, 1, False, "cv2.imencode, grey 16")
    fixture("rgb8.png", cv2_png(rgb8), chw(rgb8), 8, 3, False, "cv2.imencode, RGB 8 (written as BGR)")
    fixture("rgb16.png", cv2_png(rgb16), chw(rgb16), 16, 3, False, "cv2.imencode, RGB 16 (written as BGR)")
    rgba8 = np.dstack([rgb8, alpha8])
    rgba16 = np.dstack([rgb16, alpha16])
    fixture("rgba8.png", cv2_png(rgba8), chw(rgba8), 8, 3, True, "cv2.imencode, RGBA 8 (written as BGRA)")
    fixture("rgba16.png", cv2_png(rgba16), chw(rgba16), 16, 3, True, "cv2.imencode, RGBA 16 (written as BGRA)")
    ga8 = np.dstack([grey8, alpha8])
    ga16 = np.dstack([grey16, alpha16])
    fixture("grey-alpha8.png", png(ga8, 8, 4), chw(ga8), 8, 1, True, "hand-written, grey+alpha 8")
    fixture("grey-alpha16.png", png(ga16, 16, 4), chw(ga16), 16, 1, True, "hand-written, grey+alpha 16")

    # palette, 8-bit indices: the 6x6x6 colour cube (216 entries)
    levels = np.array([0, 51, 102, 153, 204, 255])
    cube = np.array([(r, g, b) for r in levels for g in levels for b in levels])
    q = np.rint(img * 5).astype(np.int64)
    index = q[..., 0] * 36 + q[..., 1] * 6 + q[..., 2]
    fixture("palette8.png", png(index[..., None], 8, 3, plte=cube), chw(cube[index]), 8, 3, False,
            "hand-written, palette of 216 colours, 8-bit indices")

    # palette, 4-bit indices with tRNS: 16 greys-to-reds, entries 0..5 partly transparent (tRNS shorter than PLTE)
    pal16 = np.array([(17 * k, 17 * k // 2, 255 - 17 * k) for k in range(16)])
    trns16 = bytes([0, 40, 80, 120, 160, 200])
    a16 = np.array(list(trns16) + [255] * 10)
    idx4 = np.clip(np.rint(grey * 15), 0, 15).astype(np.int64)
    fixture("palette4-trns.png", png(idx4[..., None], 4, 3, plte=pal16, trns=trns16),
            np.concatenate([chw(pal16[idx4]), a16[idx4][None]]), 8, 3, True,
            "hand-written, palette of 16 colours with tRNS, 4-bit indices")

    for bits in (1, 2, 4):
        top = (1 << bits) - 1
        g = np.clip(np.rint(grey * top), 0, top).astype(np.uint8)
        fixture("grey%d.png" % bits, png(g[..., None], bits, 0), [g.astype(np.uint16) * (255 // top)], 8, 1, False,
                "hand-written, grey %d-bit (expanded x%d)" % (bits, 255 // top))

    fixture("rgb8-interlaced.png", png(rgb8, 8, 2, interlace=True), chw(rgb8), 8, 3, False,
            "hand-written, RGB 8, Adam7 interlaced")

    key = rgb8[0, 0]  # the top-left colour is transparent
    trns = struct.pack(">HHH", *[int(v) for v in key])
    clear = np.all(rgb8 == key, axis=2)
    fixture("rgb8-trns.png", png(rgb8, 8, 2, trns=trns), np.concatenate([chw(rgb8), np.where(clear, 0, 255)[None]]), 8, 3,
            True, "hand-written, RGB 8 with a tRNS colour (read as alpha)")

    seed = (5 * (7 * np.arange(7)[:, None] + np.arange(7)[None, :] + 1)).astype(np.uint8)
    fixture("seed-7x7.png", cv2_png(seed), [seed], 8, 1, False,
            "the seed post's 7x7 image, values 1..49 row by row, x5 for visibility; cv2.imencode, grey 8")

    # ---- corrupt files ----
    good = cv2_png(rgb8)

    def corrupt(name, data, error, says):
        write(name, data)
        manifest["corrupt"].append({"file": name, "error": error, "says": says})

    corrupt("truncated.png", good[:len(good) // 2], "invalid", "ends inside the IDAT chunk")
    iend = good.rindex(b"IEND") - 4
    corrupt("no-iend.png", good[:iend], "invalid", "without an IEND chunk")
    bad = bytearray(good)
    bad[29] ^= 0xFF  # the IHDR CRC: bytes 29..32
    corrupt("bad-crc-ihdr.png", bytes(bad), "invalid", "the CRC of the IHDR chunk does not match")
    idat = good.index(b"IDAT")
    bad = bytearray(good)
    bad[idat + 4 + 100] ^= 0x55  # a byte of compressed data, CRC left as it was
    corrupt("bad-crc-idat.png", bytes(bad), "invalid", "the CRC of the IDAT chunk at byte %d does not match" % (idat - 4))
    length = struct.unpack(">I", good[idat - 4:idat])[0]
    data = bytearray(good[idat + 4:idat + 4 + length])
    data[0], data[1] = 0x78, 0x00  # a zlib header whose check bits are wrong
    bad = good[:idat - 4] + chunk(b"IDAT", bytes(data)) + good[idat + 8 + length:]
    corrupt("bad-deflate.png", bad, "invalid", "is a corrupt PNG: Error reading PNG image data: incorrect header check")
    rows = zlib.decompress(data_of(good, b"IDAT"))
    short = png_of_data(good, zlib.compress(rows[:len(rows) // 2], 9))
    corrupt("short-data.png", short, "invalid", "the compressed image data ends before the last row")
    ok, bmp = cv2.imencode(".bmp", seed)
    corrupt("not-a-png.png", bmp.tobytes(), "invalid", "is not a PNG: it does not start with the PNG signature")
    huge = b"\x89PNG\r\n\x1a\n" + ihdr(100000, 100000, 8, 2) + chunk(b"IEND", b"")
    corrupt("huge-header.png", huge, "limit", "is 100000×100000 pixels (10,000,000,000)")

    with open(os.path.join(OUT, "manifest.json"), "w") as f:
        json.dump(manifest, f, indent=1, ensure_ascii=False)
        f.write("\n")
    cross_check(manifest)
    sizes = {n: os.path.getsize(os.path.join(OUT, n)) for n in sorted(os.listdir(OUT))}
    for n, s in sizes.items():
        print("%8d  %s" % (s, n))


if __name__ == "__main__":
    main()
