#!/usr/bin/env python3
"""Edit-to-reload latency of a running `ladder serve`: appends to FILE N times and measures the
time from each write to the server's `reload` event. Prints p50 and p95 in milliseconds.

usage: reload-latency.py PORT FILE [N]
"""
import socket
import sys
import time

port, path = int(sys.argv[1]), sys.argv[2]
count = int(sys.argv[3]) if len(sys.argv) > 3 else 20

stream = socket.create_connection(("127.0.0.1", port))
stream.sendall(b"GET /__ladder/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
buffer = b""


def wait_for(marker, timeout=60):
    global buffer
    deadline = time.monotonic() + timeout
    while marker not in buffer:
        stream.settimeout(max(0.01, deadline - time.monotonic()))
        chunk = stream.recv(65536)
        if not chunk:
            raise SystemExit("the event stream closed")
        buffer += chunk
    buffer = buffer[buffer.index(marker) + len(marker):]


wait_for(b"event: ")  # the stream opens with the current state
time.sleep(0.2)
buffer = b""
latencies = []
original = open(path).read()
try:
    for n in range(count):
        start = time.monotonic()
        with open(path, "w") as f:
            f.write(original + "\n" * (n % 2 + 1))
        wait_for(b"event: reload")
        latencies.append((time.monotonic() - start) * 1000)
        time.sleep(0.15)
        buffer = b""
finally:
    with open(path, "w") as f:
        f.write(original)
latencies.sort()
p50 = latencies[len(latencies) // 2]
p95 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.95))]
print(f"edit-to-reload over {count} edits: p50 {p50:.0f} ms, p95 {p95:.0f} ms")
