#!/usr/bin/env python3
"""Edit-to-reload latency of a running `ladder serve`: rewrites the first behaviour of FILE N
times (a real edit, so the model changes) and measures the time from each write to the server's
`reload` event, and with PAGE also to that page's new text arriving. Prints p50 and p95 in ms.

usage: reload-latency.py PORT FILE [N] [PAGE]
"""
import http.client
import socket
import sys
import time

port, path = int(sys.argv[1]), sys.argv[2]
count = int(sys.argv[3]) if len(sys.argv) > 3 else 20
page = sys.argv[4] if len(sys.argv) > 4 else None

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
latencies, page_latencies = [], []
original = open(path).read()
lines = original.split("\n")
first = next(i for i, line in enumerate(lines) if line.startswith("- "))


def percentiles(values):
    values = sorted(values)
    return values[len(values) // 2], values[min(len(values) - 1, int(len(values) * 0.95))]


try:
    for n in range(count):
        marker = f"edit{n}x"
        edited = lines[:first] + [lines[first] + f" {marker}"] + lines[first + 1:]
        start = time.monotonic()
        with open(path, "w") as f:
            f.write("\n".join(edited))
        wait_for(b"event: reload")
        latencies.append((time.monotonic() - start) * 1000)
        if page:
            connection = http.client.HTTPConnection("127.0.0.1", port)
            connection.request("GET", page)
            body = connection.getresponse().read().decode()
            connection.close()
            if marker not in body:
                raise SystemExit(f"{page} does not show the edit after the reload")
            page_latencies.append((time.monotonic() - start) * 1000)
        time.sleep(0.15)
        buffer = b""
finally:
    with open(path, "w") as f:
        f.write(original)
p50, p95 = percentiles(latencies)
print(f"edit-to-reload over {count} edits: p50 {p50:.0f} ms, p95 {p95:.0f} ms")
if page:
    p50, p95 = percentiles(page_latencies)
    print(f"edit-to-new-page ({page}) over {count} edits: p50 {p50:.0f} ms, p95 {p95:.0f} ms")
