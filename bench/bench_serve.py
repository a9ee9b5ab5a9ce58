#!/usr/bin/env python3
"""Load on `interphase serve`: N clients on loopback for T seconds, each
sending keep-alive requests one after another to the pair page's API calls
(react and map of both seed pairs, at 3 V and closed), in P client processes.
Reports requests/s, latency percentiles, errors, and the server's resident
memory at the start, the middle and the end (flat: no growth).

  bench/bench_serve.py build/interphase [--db FILE] [--clients 50] [--seconds 20] [--processes 2]
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import re
import signal
import statistics
import subprocess
import time

PATHS = [
    "/api/react?a=Li6PS5Cl&b=Li2RuO3&voltage=3",
    "/api/react?a=Li3InCl6&b=Li2RuO3&voltage=3",
    "/api/map?a=Li6PS5Cl&b=Li2RuO3",
    "/api/map?a=Li3InCl6&b=Li2RuO3",
    "/api/react?a=Li6PS5Cl&b=Li2RuO3",
    "/api/react?a=Li3InCl6&b=Li2RuO3",
]


async def client(port: int, seconds: float, offset: int, latencies: list, errors: list) -> None:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    end = time.perf_counter() + seconds
    i = offset
    while time.perf_counter() < end:
        path = PATHS[i % len(PATHS)]
        i += 1
        start = time.perf_counter()
        writer.write(f"GET {path} HTTP/1.1\r\nHost: bench\r\n\r\n".encode())
        try:
            head = await reader.readuntil(b"\r\n\r\n")
            length = int(re.search(rb"Content-Length: (\d+)", head, re.I).group(1))
            await reader.readexactly(length)
            status = int(head.split(b" ", 2)[1])
            keep = b"connection: close" not in head.lower()
        except (asyncio.IncompleteReadError, ConnectionError, AttributeError) as e:
            errors.append(repr(e))
            status, keep = 0, False
        latencies.append(time.perf_counter() - start)
        if status != 200:
            errors.append(status)
        if not keep:  # the server closed it (keep-alive limit): a new connection, as a browser would
            writer.close()
            reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.close()


def process(port: int, clients: int, seconds: float, first: int, queue) -> None:
    latencies: list = []
    errors: list = []

    async def main():
        await asyncio.gather(*(client(port, seconds, first + k, latencies, errors) for k in range(clients)))
    asyncio.run(main())
    queue.put((latencies, errors))


def rss_kib(pid: int) -> int:
    with open(f"/proc/{pid}/status") as f:
        return int(re.search(r"VmRSS:\s+(\d+)", f.read()).group(1))


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("program")
    p.add_argument("--db", default=None)
    p.add_argument("--clients", type=int, default=50)
    p.add_argument("--seconds", type=float, default=20)
    p.add_argument("--processes", type=int, default=2)
    a = p.parse_args()
    cmd = [a.program, "serve", "--port", "0"] + (["--db", a.db] if a.db else [])
    started = time.perf_counter()
    server = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True)
    line = server.stdout.readline()
    ready = time.perf_counter() - started
    port = int(re.search(r":(\d+)/", line).group(1))
    try:
        warm: list = []
        asyncio.run(client(port, 1.0, 0, warm, []))
        queue = multiprocessing.Queue()
        per = [a.clients // a.processes + (1 if k < a.clients % a.processes else 0) for k in range(a.processes)]
        procs = [multiprocessing.Process(target=process, args=(port, n, a.seconds, sum(per[:k]), queue))
                 for k, n in enumerate(per)]
        memory = [rss_kib(server.pid)]
        start = time.perf_counter()
        for pr in procs:
            pr.start()
        while time.perf_counter() - start < a.seconds:  # (the clients end when their results are read)
            time.sleep(1)
            memory.append(rss_kib(server.pid))
        results = [queue.get() for _ in procs]
        elapsed = time.perf_counter() - start
        for pr in procs:
            pr.join()
        latencies = sorted(x for r in results for x in r[0])
        errors = [e for r in results for e in r[1]]
        q = statistics.quantiles(latencies, n=100)
        print(f"server ready (URL printed) after {ready * 1000:.0f} ms")
        print(f"{a.clients} clients x {a.seconds:.0f} s over {len(PATHS)} paths (react and map, both seed pairs)")
        print(f"requests: {len(latencies)}  ({len(latencies) / elapsed:.0f} req/s)  errors: {len(errors)}")
        print(f"latency ms: p50 {q[49] * 1000:.2f}  p90 {q[89] * 1000:.2f}  p99 {q[98] * 1000:.2f}  max {latencies[-1] * 1000:.2f}")
        mid = memory[len(memory) // 2]
        print(f"server RSS MiB: start {memory[0] / 1024:.1f}  middle {mid / 1024:.1f}  end {memory[-1] / 1024:.1f}  max {max(memory) / 1024:.1f}")
        if errors:
            print("first errors:", errors[:5])
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=10)


if __name__ == "__main__":
    main()
