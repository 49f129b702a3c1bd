#!/usr/bin/env python3
"""Connection pressure on a running workspace: idle connections, slowloris clients and open event streams, while
/api/v1/health is timed over fresh connections. Prints one JSON object with the figures.

usage: pressure.py PORT TOKEN [--idle N] [--slow N] [--sse N] [--probes N] [--hold SECONDS]
"""
import argparse, asyncio, json, resource, statistics, time


async def open_idle(port):
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    return writer


async def slowloris(port, stop):
    """Sends a request head one header line at a time, one line a second, never finishing it."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(f"GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n".encode())
    await writer.drain()
    count = 0
    while not stop.is_set():
        await asyncio.sleep(1)
        count += 1
        try:
            writer.write(f"X-Slow-{count}: {'a' * 8}\r\n".encode())
            await writer.drain()
        except (ConnectionError, OSError):
            return "closed by server"
    writer.close()
    return "held"


async def event_stream(port, token, stop):
    """Opens /api/v1/events and reads until told to stop; reports whether it stayed open."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(f"GET /api/v1/events HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nAuthorization: Bearer {token}\r\n\r\n".encode())
    await writer.drain()
    head = await reader.readuntil(b"\r\n\r\n")
    if b" 200 " not in head.split(b"\r\n")[0]:
        return "refused: " + head.split(b"\r\n")[0].decode()
    while not stop.is_set():
        try:
            chunk = await asyncio.wait_for(reader.read(4096), timeout=0.5)
            if not chunk:
                return "ended"
        except asyncio.TimeoutError:
            pass
    writer.close()
    return "open"


async def probe(port):
    """One GET /api/v1/health on a fresh connection: (milliseconds, status)."""
    started = time.perf_counter()
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(f"GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n".encode())
    await writer.drain()
    data = await reader.read()
    elapsed = (time.perf_counter() - started) * 1000
    writer.close()
    status = int(data.split(b" ", 2)[1]) if data.startswith(b"HTTP/1.1 ") else 0
    return elapsed, status


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


async def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("port", type=int)
    parser.add_argument("token")
    parser.add_argument("--idle", type=int, default=2000)
    parser.add_argument("--slow", type=int, default=200)
    parser.add_argument("--sse", type=int, default=64)
    parser.add_argument("--probes", type=int, default=200)
    parser.add_argument("--hold", type=float, default=10.0)
    options = parser.parse_args()
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))

    baseline = [await probe(options.port) for _ in range(options.probes // 4)]
    stop = asyncio.Event()
    idle = await asyncio.gather(*(open_idle(options.port) for _ in range(options.idle)))
    slow = [asyncio.create_task(slowloris(options.port, stop)) for _ in range(options.slow)]
    streams = [asyncio.create_task(event_stream(options.port, options.token, stop)) for _ in range(options.sse)]
    await asyncio.sleep(1)
    probes = []
    deadline = time.monotonic() + options.hold
    while len(probes) < options.probes or time.monotonic() < deadline:
        probes.append(await probe(options.port))
        await asyncio.sleep(max(0.0, options.hold / options.probes))
    stop.set()
    slow_results = await asyncio.gather(*slow)
    stream_results = await asyncio.gather(*streams)
    for writer in idle:
        writer.close()
    times = [elapsed for elapsed, _ in probes]
    print(json.dumps({
        "idle_connections": options.idle, "slowloris": options.slow, "event_streams": options.sse,
        "health_baseline_ms": {"median": round(statistics.median([e for e, _ in baseline]), 2)},
        "health_under_pressure_ms": {"median": round(statistics.median(times), 2), "p99": round(percentile(times, 0.99), 2),
                                     "max": round(max(times), 2), "count": len(times)},
        "health_failures": sum(1 for _, status in probes if status != 200),
        "event_streams_open": stream_results.count("open"),
        "event_stream_problems": sorted(set(r for r in stream_results if r != "open")),
        "slowloris_outcome": {r: slow_results.count(r) for r in set(slow_results)},
    }))


asyncio.run(main())
