#!/usr/bin/env python3
"""A bare HTTP/1.1 echo on a plain socket, one connection at a time: reads the headers and the Content-Length body,
writes the body back and closes. A floor for scripts/bench-binary --floors. Usage: socket_echo.py PORT"""
import socket
import sys

server = socket.socket()
server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
server.bind(("127.0.0.1", int(sys.argv[1])))
server.listen(16)
while True:
    conn, _ = server.accept()
    f = conn.makefile("rb")
    length = 0
    while True:
        line = f.readline()
        if line in (b"\r\n", b""):
            break
        if line.lower().startswith(b"content-length:"):
            length = int(line.split(b":")[1])
    body = f.read(length)
    conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: %d\r\n"
                 b"Connection: close\r\n\r\n" % length + body)
    f.close()
    conn.close()
