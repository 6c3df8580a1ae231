#!/usr/bin/env python3
"""Generates src/test/resources/npy/: .npy files written by numpy, and manifest.json saying what each holds.

Every file is one of three kinds (the manifest's "kind"):
  * "read":  a file numpy wrote (np.save, or numpy.lib.format.write_array for versions 2.0 and 3.0), with the
             shape and the C-order values numpy reads from it ("values": float64 numbers as JSON, so float32 and
             integer data appear as the doubles they widen to; a complex file's real parts, and "imag" its imaginary
             parts). Every supported dtype (float64, float32, complex128, complex64, int8-int64, uint8-uint64, bool)
             in little and big endian (one-byte types only as numpy writes them, '|') and in C
             and Fortran order; ranks 0 to 4; zero-size arrays; format versions 1.0, 2.0, 3.0; extreme values
             (int64 and uint64 at 2^53, -0.0, subnormals, float32 values not exact in decimal); and a few headers
             laid out differently from numpy's own (keys in another order, double quotes, '<u1') that are still valid.
  * "error": a malformed or unsupported file and a substring of the message the reader must give ("exception":
             "invalid" for a 400 InvalidRequestException, "limit" for a LimitExceededException under the manifest's
             "maxElements"). Most are numpy's own files with one thing changed.
  * "write": a file np.save wrote for an int64 or float64 C-order array; the Java writer must produce exactly these
             bytes from the shape and values (and choose the same "dtype").

Run:  python3 scripts/generate_npy_fixtures.py   (numpy 2.x; fixed seed, so reruns are byte-identical)
"""
import io
import json
import os
import struct
import warnings

import numpy as np
import numpy.lib.format as fmt

OUT = os.path.join(os.path.dirname(__file__), "..", "src", "test", "resources", "npy")
MAX_ELEMENTS = 1_000_000  # the limit the Java test reads the files under
rng = np.random.default_rng(20240611)
crng = np.random.default_rng(20261207)  # complex samples
entries = []


def npy_bytes(arr, version=None, allow_pickle=False):
    buf = io.BytesIO()
    if version is None:
        np.save(buf, arr, allow_pickle=allow_pickle)
    else:
        fmt.write_array(buf, arr, version=version, allow_pickle=allow_pickle)
    return buf.getvalue()


def put(name, data):
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(data)


def c_values(arr):
    """What numpy reads back, as float64 in C order (bool as 0/1; a complex array's real parts)."""
    a = np.asarray(arr)
    if a.dtype.kind == "c":
        a = a.real
    return [float(v) for v in a.astype(np.float64).ravel(order="C")]


def imag_of(arr):
    """A complex array's imaginary parts as float64 in C order; None for a real array."""
    a = np.asarray(arr)
    return [float(v) for v in a.imag.astype(np.float64).ravel(order="C")] if a.dtype.kind == "c" else None


def read_case(name, arr, what, version=None):
    data = npy_bytes(arr, version)
    back = np.load(io.BytesIO(data))
    assert back.dtype == arr.dtype and back.shape == arr.shape and np.array_equal(back, arr)
    put(name, data)
    entry = {"file": name, "kind": "read", "what": what, "shape": list(arr.shape), "values": c_values(back)}
    if imag_of(back) is not None:
        entry["imag"] = imag_of(back)
    entries.append(entry)


def raw_case(name, header, data, what, expect=None, version=(1, 0), arr=None):
    """A file with a header written out by hand (numpy's padding to 64 bytes), then data."""
    hfmt, enc = {(1, 0): ("<H", "latin1"), (2, 0): ("<I", "latin1"), (3, 0): ("<I", "utf8")}[version]
    h = header.encode(enc) if isinstance(header, str) else header
    prefix = 6 + 2 + struct.calcsize(hfmt)
    pad = 64 - (prefix + len(h) + 1) % 64
    h = h + b" " * pad + b"\n"
    blob = fmt.magic(*version) + struct.pack(hfmt, len(h)) + h + data
    put(name, blob)
    if expect is None:
        back = np.load(io.BytesIO(blob))  # numpy reads it as the same array
        assert back.shape == arr.shape and np.array_equal(back, arr)
        entries.append({"file": name, "kind": "read", "what": what, "shape": list(arr.shape), "values": c_values(arr)})
    else:
        error_case(name, blob, what, expect, write=False)


def error_case(name, data, what, expect, exception="invalid", write=True):
    if write:
        put(name, data)
    entries.append({"file": name, "kind": "error", "what": what, "exception": exception, "message": expect})


def write_case(name, arr, what):
    assert arr.dtype in (np.int64, np.float64) and arr.flags.c_contiguous
    data = npy_bytes(arr)
    put(name, data)
    entries.append({"file": name, "kind": "write", "what": what, "shape": list(arr.shape), "values": c_values(arr),
                    "dtype": arr.dtype.str})


def sample(dtype, shape):
    """Random values across the dtype's range, with its minimum first and maximum last (ints), or typical floats."""
    dt = np.dtype(dtype)
    n = int(np.prod(shape))
    if dt.kind == "b":
        v = rng.integers(0, 2, n).astype(bool)
        v[0], v[-1] = False, True
    elif dt.kind == "f":
        v = (rng.standard_normal(n) * 100).astype(dt)
    elif dt.kind == "c":  # a generator of its own, so that the other files' values stay as they were
        v = (crng.standard_normal(n) * 100 + 1j * crng.standard_normal(n) * 100).astype(dt)
    else:
        info = np.iinfo(dt)
        hi = min(int(info.max), 2 ** 53)
        lo = max(int(info.min), -2 ** 53)
        v = np.array([int(x) for x in rng.integers(lo, hi, n, endpoint=True, dtype=np.int64 if lo < 0 else np.uint64)],
                     dtype=object)
        v[0], v[-1] = lo, hi
        v = v.astype(dt)
    return v.reshape(shape)


def header_of(data):
    """The header dict text of a version-1.0 file numpy wrote, and the data after it."""
    hlen = struct.unpack("<H", data[8:10])[0]
    return data[10:10 + hlen].decode("latin1").rstrip(), data[10 + hlen:]


def main():
    os.makedirs(OUT, exist_ok=True)
    for f in os.listdir(OUT):
        if f.endswith(".npy") or f == "manifest.json":
            os.remove(os.path.join(OUT, f))

    # Every supported dtype x byte order x C/Fortran order, shape (2, 3).
    codes = ["f8", "f4", "i1", "i2", "i4", "i8", "u1", "u2", "u4", "u8", "b1", "c16", "c8"]
    for code in codes:
        orders = ["|"] if code[1:] == "1" else ["<", ">"]
        for bo in orders:
            dt = np.dtype(bo + code)
            a = sample(dt, (2, 3))
            tag = {"<": "le", ">": "be", "|": "na"}[bo]
            read_case(f"{code}_{tag}_c.npy", np.ascontiguousarray(a), f"{dt.name} {dt.str}, C order")
            f = np.asfortranarray(a)
            assert not f.flags.c_contiguous
            read_case(f"{code}_{tag}_f.npy", f, f"{dt.name} {dt.str}, Fortran order")

    # Ranks 0 to 4, in both orders where order matters.
    for bo, tag in (("<", "le"), (">", "be")):
        a = sample(bo + "f8", (2, 3, 4))
        read_case(f"f8_{tag}_2x3x4_c.npy", a, "rank 3, C order")
        read_case(f"f8_{tag}_2x3x4_f.npy", np.asfortranarray(a), "rank 3, Fortran order")
    a = sample("<i4", (2, 1, 3, 2))
    read_case("i4_le_2x1x3x2_f.npy", np.asfortranarray(a), "rank 4 with an axis of 1, Fortran order")
    read_case("i2_be_3x2x2x2_f.npy", np.asfortranarray(sample(">i2", (3, 2, 2, 2))), "rank 4, Fortran order, big endian")
    read_case("f8_le_3.npy", sample("<f8", (3,)), "rank 1")
    read_case("f8_le_scalar.npy", np.array(2.5), "rank 0 (a scalar)")
    read_case("i8_be_scalar.npy", np.array(-7, dtype=">i8"), "rank 0 int64, big endian")
    read_case("f8_le_1.npy", np.array([-3.25]), "one element, rank 1")
    read_case("f4_be_1x1_f.npy", np.asfortranarray(np.array([[0.1]], dtype=">f4")), "one element, rank 2")
    read_case("f8_le_0.npy", np.zeros((0,)), "zero elements, rank 1")
    read_case("u2_le_2x0.npy", np.zeros((2, 0), dtype="<u2"), "zero elements, rank 2")
    read_case("f8_le_3x0x2_f.npy", np.asfortranarray(np.zeros((3, 0, 2))), "zero elements, Fortran order")

    # Format versions 2.0 and 3.0 (4-byte header length; 3.0's header is UTF-8).
    for version in ((2, 0), (3, 0)):
        v = f"v{version[0]}"
        read_case(f"f8_le_c_{v}.npy", sample("<f8", (2, 3)), f"version {version[0]}.0", version)
        read_case(f"i2_be_f_{v}.npy", np.asfortranarray(sample(">i2", (2, 3))), f"version {version[0]}.0, big endian, Fortran",
                  version)
        read_case(f"u1_na_3_{v}.npy", sample("u1", (3,)), f"version {version[0]}.0, uint8", version)

    # Extremes that must be read exactly.
    read_case("i8_le_exact_limits.npy", np.array([-2 ** 53, 2 ** 53, 0, -1, 2 ** 53 - 1, -(2 ** 53) + 1], dtype="<i8"),
              "int64 at -2^53 and 2^53 (the integers a double holds exactly)")
    read_case("i8_be_exact_limits.npy", np.array([[-2 ** 53], [2 ** 53]], dtype=">i8"), "int64 at ±2^53, big endian")
    read_case("u8_le_exact_limit.npy", np.array([0, 1, 2 ** 53], dtype="<u8"), "uint64 up to 2^53")
    read_case("u8_be_exact_limit.npy", np.array([2 ** 53, 12345678901234], dtype=">u8"), "uint64 up to 2^53, big endian")
    read_case("u4_le_max.npy", np.array([0, 2 ** 32 - 1, 2 ** 31], dtype="<u4"), "uint32 max and 2^31")
    read_case("f8_le_extremes.npy",
              np.array([-0.0, 0.0, 5e-324, -5e-324, np.finfo(np.float64).max, -np.finfo(np.float64).max,
                        np.finfo(np.float64).tiny, 0.1, 1 / 3, 2.0 ** 53 + 2], dtype="<f8"),
              "float64 -0.0, subnormals, max, 0.1, 1/3")
    read_case("f8_be_negative_zero.npy", np.array([[-0.0, 1.0], [0.0, -1.0]], dtype=">f8"), "-0.0 big endian")
    read_case("f4_le_inexact.npy",
              np.array([0.1, 1 / 3, 16777217.0, np.finfo(np.float32).max, np.finfo(np.float32).smallest_subnormal, -0.0,
                        np.pi, -2.7182817], dtype="<f4"),
              "float32 values not exact in decimal, max, smallest subnormal, -0.0")
    read_case("f4_be_inexact.npy", np.array([0.1, -0.2, 0.3], dtype=">f4"), "float32 not exact in decimal, big endian")

    # Headers laid out differently from numpy's own, still valid.
    base = np.arange(6, dtype="<f8").reshape(2, 3) / 8
    raw_case("hdr_keys_reordered.npy", "{'shape': (2, 3), 'fortran_order': False, 'descr': '<f8'}", base.tobytes(),
             "keys in another order, no trailing comma", arr=base)
    raw_case("hdr_double_quotes.npy", '{"descr": "<f8", "fortran_order": False, "shape": (2,3),}', base.tobytes(),
             "double-quoted strings, no space in the shape", arr=base)
    raw_case("hdr_u1_little.npy", "{'descr': '<u1', 'fortran_order': False, 'shape': (4,), }", bytes([0, 1, 128, 255]),
             "'<u1' rather than '|u1'", arr=np.array([0, 1, 128, 255], dtype="u1"))
    raw_case("hdr_i1_big.npy", "{'descr': '>i1', 'fortran_order': True, 'shape': (2, 2), }", bytes([1, 2, 0x80, 0x7F]),
             "'>i1', Fortran order", arr=np.array([[1, -128], [2, 127]], dtype="i1"))
    raw_case("hdr_v3_handwritten.npy", "{'descr': '<i2', 'fortran_order': False, 'shape': (2,), }",
             np.array([-5, 7], dtype="<i2").tobytes(), "version 3.0 header", version=(3, 0),
             arr=np.array([-5, 7], dtype="i2"))

    # Files numpy's writer produces for the Java writer to match byte for byte.
    write_case("write_i8_2x3.npy", np.arange(-3, 3, dtype=np.int64).reshape(2, 3) * 1000, "int64 (2, 3)")
    write_case("write_f8_2x3.npy", rng.standard_normal((2, 3)), "float64 (2, 3)")
    write_case("write_i8_5.npy", np.array([7, -2, 0, 2 ** 53, -2 ** 53], dtype=np.int64), "int64 (5,) with ±2^53")
    write_case("write_f8_scalar.npy", np.array(0.1), "float64 scalar")
    write_case("write_i8_scalar.npy", np.array(42, dtype=np.int64), "int64 scalar")
    write_case("write_f8_2x3x4.npy", rng.standard_normal((2, 3, 4)) * 1e5, "float64 (2, 3, 4)")
    write_case("write_f8_negative_zero.npy", np.array([[1.0, -0.0], [2.0, 3.0]]), "integers and -0.0: float64")
    write_case("write_f8_beyond_2_53.npy", np.array([1.0, 2.0 ** 53 + 2]), "an integer beyond 2^53: float64")
    write_case("write_i8_10x1.npy", np.arange(10, dtype=np.int64).reshape(10, 1), "int64 (10, 1)")
    write_case("write_i8_1234567x0.npy", np.zeros((1234567, 0), dtype=np.int64), "zero-size with a seven-digit axis")
    write_case("write_f8_rank5.npy", rng.standard_normal((1, 2, 1, 2, 3)), "float64 rank 5")
    write_case("write_i8_empty.npy", np.zeros((0,), dtype=np.int64), "no values: int64")

    # Malformed files.
    good = npy_bytes(np.arange(6, dtype="<f8").reshape(2, 3))
    error_case("bad_magic.npy", b"\x93NUMPZ" + good[6:], "magic string misspelt", "is not a .npy file: it does not start with")
    error_case("bad_magic_png.npy", b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, "a PNG", "is not a .npy file")
    error_case("empty.npy", b"", "no bytes", "is not a .npy file: it is empty")
    error_case("magic_only.npy", good[:6], "the magic string alone", "is truncated")
    error_case("version_4_0.npy", good[:6] + b"\x04\x00" + good[8:], "version 4.0", "has .npy format version 4.0; supported")
    error_case("version_1_1.npy", good[:6] + b"\x01\x01" + good[8:], "version 1.1", "has .npy format version 1.1")
    error_case("header_length_short.npy", good[:9], "ends inside the header length", "is truncated")
    error_case("header_cut.npy", good[:40], "ends inside the header", "is truncated: its .npy header says it is 118 bytes long")
    d = b"\x00" * 48
    raw_case("header_not_dict.npy", "[1, 2]", d, "header a list", "the header is not a dict")
    raw_case("header_missing_key.npy", "{'descr': '<f8', 'shape': (2, 3), }", d, "no fortran_order",
             "the key 'fortran_order' is missing")
    raw_case("header_extra_key.npy", "{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), 'extra': 1, }", d,
             "an extra key", "unexpected key 'extra'")
    raw_case("header_duplicate_key.npy", "{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), 'shape': (2, 3)}", d,
             "a key twice", "the key 'shape' appears twice")
    raw_case("header_syntax.npy", "{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), ", d, "dict not closed",
             "has a bad .npy header")
    raw_case("header_garbage_after.npy", "{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3)} x", d,
             "text after the dict", "after the header's dict")
    raw_case("header_shape_list.npy", "{'descr': '<f8', 'fortran_order': False, 'shape': [2, 3], }", d, "shape a list",
             "'shape' must be a tuple of non-negative integers")
    raw_case("header_shape_int.npy", "{'descr': '<f8', 'fortran_order': False, 'shape': (6), }", d,
             "shape (6) is an int, not a tuple", "'shape' must be a tuple of non-negative integers")
    raw_case("header_shape_negative.npy", "{'descr': '<f8', 'fortran_order': False, 'shape': (-2, -3), }", d,
             "negative lengths", "'shape' must be a tuple of non-negative integers")
    raw_case("header_shape_float.npy", "{'descr': '<f8', 'fortran_order': False, 'shape': (2.0, 3), }", d,
             "a float length", "the number '2.0' is not an integer")
    raw_case("header_fortran_int.npy", "{'descr': '<f8', 'fortran_order': 0, 'shape': (2, 3), }", d,
             "fortran_order 0", "'fortran_order' must be True or False")
    raw_case("header_descr_int.npy", "{'descr': 8, 'fortran_order': False, 'shape': (2, 3), }", d, "descr an int",
             "'descr' must be a dtype string")
    raw_case("header_v3_bad_utf8.npy", b"{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), } \xff", d,
             "version 3.0 header not UTF-8", "must be UTF-8", version=(3, 0))
    raw_case("rank_33.npy", "{'descr': '|u1', 'fortran_order': False, 'shape': (" + "1, " * 33 + "), }", b"\x00",
             "33 axes", "has 33 axes")
    raw_case("descr_native_order.npy", "{'descr': '=f8', 'fortran_order': False, 'shape': (2, 3), }", d,
             "'=' byte order", "does not state its byte order")
    raw_case("descr_pipe_multibyte.npy", "{'descr': '|i4', 'fortran_order': False, 'shape': (2, 6), }", d,
             "'|' on a four-byte type", "does not state its byte order")
    raw_case("descr_unknown.npy", "{'descr': '<x7', 'fortran_order': False, 'shape': (2, 3), }", d,
             "not a dtype", "has dtype '<x7', which is not a dtype read here")
    blob = npy_bytes(np.zeros((0,)))  # reuse numpy's layout, then claim 10^12 elements
    h, _ = header_of(blob)
    raw = h.replace("(0,)", "(1000000, 1000000)")
    hb = raw.encode("latin1")
    pad = 64 - (10 + len(hb) + 1) % 64
    hb = hb + b" " * pad + b"\n"
    error_case("limit_huge_shape.npy", fmt.magic(1, 0) + struct.pack("<H", len(hb)) + hb,
               "a header claiming 10^12 float64 elements and no data", f"more than the limit of {MAX_ELEMENTS}", "limit")

    # Data that does not match the shape.
    error_case("truncated_data.npy", good[:-8], "one value short",
               "is truncated: the header says 6 float64 values (shape (2, 3), 48 bytes) but 40 bytes follow")
    error_case("trailing_bytes.npy", good + b"\x00" * 3, "three bytes too many",
               "has trailing bytes: the header says 6 float64 values (shape (2, 3), 48 bytes) but 51 bytes follow")
    error_case("truncated_scalar.npy", npy_bytes(np.array(1.5))[:-1], "a scalar one byte short", "is truncated")
    error_case("trailing_zero_size.npy", npy_bytes(np.zeros((0, 3))) + b"\x00" * 8, "zero-size array with data",
               "has trailing bytes")

    # Dtypes not read here (numpy writes them; the reader names them).
    unsupported = [
        ("float16.npy", np.array([1.5, 2.5], dtype="<f2"), "'<f2' (float16)"),
        ("unicode.npy", np.array(["ab", "c"]), "'<U2' (str)"),
        ("bytes.npy", np.array([b"ab"]), "'|S2' (bytes)"),
        ("datetime64.npy", np.array(["2024-01-01"], dtype="datetime64[D]"), "'<M8[D]' (datetime64)"),
        ("structured.npy", np.zeros(2, dtype=[("a", "<i4"), ("b", "<f8")]), "has a structured dtype [('a', '<i4'), ('b', '<f8')]"),
    ]
    for name, arr, expect in unsupported:
        error_case(name, npy_bytes(arr), f"dtype {arr.dtype}", expect + "; supported: float64, float32, complex128, complex64, int8-int64")
    # numpy's long double is '<f16' on x86-64 Linux (80 bits in 16 bytes, the rest unset): written out by hand.
    raw_case("longdouble.npy", "{'descr': '<f16', 'fortran_order': False, 'shape': (1,), }", bytes(16), "dtype float128",
             "'<f16' (float128); supported")
    raw_case("clongdouble.npy", "{'descr': '<c32', 'fortran_order': False, 'shape': (1,), }", bytes(32), "dtype complex256",
             "'<c32' (complex256); supported")
    # A field name numpy can only write in a version-3.0 (UTF-8) header.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # "Stored array in format 3.0": the point of the case
        uni = npy_bytes(np.zeros(1, dtype=[("\u03a9", "<i4")]))
    assert uni[6:8] == b"\x03\x00"
    error_case("structured_v3_utf8.npy", uni, "structured dtype with a non-ASCII field name, version 3.0",
               "has a structured dtype [('\u03a9', '<i4')]")
    obj = np.array([{"a": 1}, None], dtype=object)
    error_case("object_pickled.npy", npy_bytes(obj, allow_pickle=True), "object dtype, pickled",
               "'|O' (object: pickled Python objects)")

    # Values a double cannot hold, or that are not numbers.
    for name, arr, expect in [
        ("f8_nan.npy", np.array([1.0, np.nan, 2.0]), "holds NaN at flat index 1; values must be finite numbers"),
        ("f8_inf_be.npy", np.array([[1.0, 2.0], [np.inf, 0.0]], dtype=">f8"), "holds inf at flat index 2"),
        ("c16_nan_imag.npy", np.array([1 + 1j, complex(2, np.nan)]), "holds NaN in the imaginary part at flat index 1"),
        ("c8_inf_real_be.npy", np.array([complex(np.inf, 0), 1j], dtype=">c8"), "holds inf at flat index 0"),
        ("f4_neg_inf.npy", np.array([0.5, -np.inf], dtype="<f4"), "holds -inf at flat index 1"),
        ("i8_beyond_2_53.npy", np.array([0, 2 ** 53 + 1], dtype="<i8"),
         "holds the int64 value 9007199254740993 at flat index 1, beyond ±2^53"),
        ("i8_below_minus_2_53_be.npy", np.array([-(2 ** 53) - 1], dtype=">i8"),
         "holds the int64 value -9007199254740993 at flat index 0"),
        ("i8_min.npy", np.array([np.iinfo(np.int64).min], dtype="<i8"), "int64 value -9223372036854775808"),
        ("u8_max.npy", np.array([1, np.iinfo(np.uint64).max], dtype="<u8"),
         "holds the uint64 value 18446744073709551615 at flat index 1"),
        ("u8_2_63_be.npy", np.array([2 ** 63], dtype=">u8"), "uint64 value 9223372036854775808"),
        ("u8_2_53_plus_1.npy", np.array([2 ** 53 + 1], dtype="<u8"), "uint64 value 9007199254740993"),
    ]:
        error_case(name, npy_bytes(arr), f"{arr.dtype.str} values {arr.ravel().tolist()}", expect)

    # A NaN and a too-large integer in Fortran-order files: the message gives the C-order flat index.
    a = np.arange(12, dtype=np.float64).reshape(3, 4)
    a[1, 2] = np.nan
    f = np.asfortranarray(a)
    c_index = int(np.ravel_multi_index((1, 2), a.shape))
    assert c_index != int(np.ravel_multi_index((1, 2), a.shape, order="F"))
    error_case("f8_nan_fortran.npy", npy_bytes(f), "NaN in a Fortran-order file", f"holds NaN at flat index {c_index};")
    b = np.zeros((2, 3, 2), dtype=">i8")
    b[1, 0, 1] = 2 ** 60
    c_index = int(np.ravel_multi_index((1, 0, 1), b.shape))
    error_case("i8_big_fortran.npy", npy_bytes(np.asfortranarray(b)), "int64 2^60 in a Fortran-order file",
               f"holds the int64 value {2 ** 60} at flat index {c_index},")

    # A bool byte other than 0 or 1 (numpy writes only 0 and 1).
    bb = bytearray(npy_bytes(np.array([[True, False], [False, True]])))
    bb[-2] = 2
    error_case("bool_byte_2.npy", bytes(bb), "bool byte 2", "holds the byte 2 at flat index 2 of its bool data")

    manifest = {
        "generator": "scripts/generate_npy_fixtures.py",
        "numpy": np.__version__,
        "maxElements": MAX_ELEMENTS,
        "files": entries,
    }
    head = {k: v for k, v in manifest.items() if k != "files"}
    with open(os.path.join(OUT, "manifest.json"), "w") as f:  # one file a line, for readable diffs
        f.write(json.dumps(head)[:-1] + ', "files": [\n')
        f.write(",\n".join(json.dumps(e, ensure_ascii=False) for e in entries))
        f.write("\n]}\n")
    json.load(open(os.path.join(OUT, "manifest.json")))
    print(f"wrote {len(entries)} files and manifest.json to {os.path.normpath(OUT)}")


if __name__ == "__main__":
    main()
