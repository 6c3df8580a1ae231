#!/usr/bin/env python3
"""A stand-in replica for scripts/gateway-check's saturation check: answers every POST on loopback either

    python3 scripts/stub-replica.py PORT ok          200, {"replica": PORT, "bytes": <body length>, "sha256": <of the body>}
    python3 scripts/stub-replica.py PORT saturated   503 with Retry-After: 1 and the service's problem+json "saturated"

so the gateway's rules for a saturated replica can be checked without making a real one saturated on cue.
"""
import hashlib
import json
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PORT = int(sys.argv[1])
MODE = sys.argv[2]


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        if MODE == "saturated":
            status, out, kind = 503, json.dumps({"type": "urn:convolution:problem:saturated", "title": "Saturated",
                                                 "status": 503}), "application/problem+json"
        else:
            status, out, kind = 200, json.dumps({"replica": PORT, "bytes": len(body),
                                                 "sha256": hashlib.sha256(body).hexdigest()}), "application/json"
        data = out.encode()
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("X-Seen-Request-Id", self.headers.get("X-Request-Id", ""))
        if status == 503:
            self.send_header("Retry-After", "1")
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


ThreadingHTTPServer(("127.0.0.1", PORT), Handler).serve_forever()
