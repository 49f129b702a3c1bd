#!/usr/bin/env python3
"""Appends records to a log while following /logs/stream; prints p50/p99 of append-to-delivery latency in ms."""
import http.client
import sys
import threading
import time

port, token, log_path, count = int(sys.argv[1]), sys.argv[2], sys.argv[3], int(sys.argv[4])
connection = http.client.HTTPConnection("127.0.0.1", port)
connection.request("GET", "/api/v1/logs/stream?file=agent&q=bench-marker", headers={"Authorization": f"Bearer {token}"})
response = connection.getresponse()
sent = {}
latencies = []

def read():
    for raw in response:
        line = raw.decode()
        if line.startswith("data:") and "bench-marker" in line:
            marker = int(line.split("bench-marker-")[1].split('"')[0])
            latencies.append((time.monotonic() - sent[marker]) * 1000)
            if len(latencies) == count:
                return

reader = threading.Thread(target=read, daemon=True)
reader.start()
time.sleep(0.5)
with open(log_path, "a", buffering=1) as log:
    for index in range(count):
        sent[index] = time.monotonic()
        log.write(f"2026-11-25 10:00:00,000 INFO [b1] bench: bench-marker-{index}\n")
        log.flush()
        time.sleep(0.05)
reader.join(timeout=10)
latencies.sort()
print(f"delivered {len(latencies)}/{count}  p50 {latencies[len(latencies) // 2]:.1f} ms  p99 {latencies[int(len(latencies) * 0.99) - 1]:.1f} ms  max {latencies[-1]:.1f} ms")
