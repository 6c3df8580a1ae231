#!/usr/bin/env python3
"""Generates src/test/resources/golden/python-repr.json: doubles and the text Python's json module writes for them
(repr), for the warm-up's request bodies, which are written the way most callers' JSON is (never typed by hand).

  * "cases": [bits, text] pairs, bits the IEEE 754 bits of the double as a 16-digit hex string: Gaussian values as
    the warm-up draws them, and values spread over every decade from 1e-30 to 1e30 (both signs), the edges of the plain
    layout (1e-4, 1e16 and their neighbours), integral values and -0.0.

Run:  python3 scripts/generate_python_repr.py   (fixed seed, reruns are identical)
"""
import json
import os
import struct

import numpy as np

OUT = os.path.join(os.path.dirname(__file__), "..", "src", "test", "resources", "golden", "python-repr.json")


def bits(v):
    return "%016x" % struct.unpack("<Q", struct.pack("<d", v))[0]


rng = np.random.default_rng(20261207)
values = list(rng.standard_normal(400))
for e in range(-30, 31):
    for m in rng.uniform(1, 10, 4):
        values.append(float(m) * 10.0 ** e)
        values.append(-float(m) * 10.0 ** e)
for edge in (1e-4, 1e16, 1e-5, 1e15):
    values += [edge, np.nextafter(edge, 0), np.nextafter(edge, np.inf), -edge]
values += [0.0, -0.0, 1.0, -2.0, 123456789.0, 1e22, 5e-324, 1.7976931348623157e308]
cases = [[bits(float(v)), json.dumps(float(v))] for v in values]
with open(OUT, "w") as f:
    f.write('{"generator": "scripts/generate_python_repr.py", "cases": [\n')
    f.write(",\n".join(json.dumps(c) for c in cases))
    f.write("\n]}\n")
print("wrote", len(cases), "cases to", OUT)
