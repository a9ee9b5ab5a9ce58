"""Hostile requests: malformed request lines and URLs, bodies too large, a
formula holding <script>, 1,000 connections at once and a slow client. The
server answers each with the right status and stays up."""

from __future__ import annotations

import asyncio
import json
import resource
import socket
import threading
import time

import pytest

from conftest import Server


def raw(server: Server, data: bytes, timeout: float = 30) -> bytes:
    """What the server answers to these bytes, sent as they are."""
    with socket.create_connection(("127.0.0.1", server.port), timeout=timeout) as s:
        s.sendall(data)
        out = b""
        while True:
            try:
                chunk = s.recv(65536)
            except (ConnectionResetError, socket.timeout):
                break
            if not chunk:
                break
            out += chunk
        return out


def status_of(response: bytes) -> int:
    return int(response.split(b" ", 2)[1]) if response.startswith(b"HTTP/1.1 ") else 0


def still_up(server: Server) -> None:
    status, doc = server.api("decompose", formula="Li2O")
    assert status == 200 and doc["formula"] == "Li2O"


@pytest.mark.parametrize("request_bytes,expected", [
    (b"GARBAGE\r\n\r\n", {400}),
    (b"GET\r\n\r\n", {400}),
    (b"GET /api/react?a=%ZZ&b=%%% HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", {400}),
    (b"GET /api/react?a=Li2O&&&==&b HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", {400}),
    (b"GET /" + b"a" * 10000 + b" HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", {414}),
    (b"GET / HTTP/1.1\r\nHost: x\r\nX-Long: " + b"b" * 10000 + b"\r\nConnection: close\r\n\r\n", {400, 431}),
    (b"GET /api/react?a=Li2O&b=CoO HTTP/9.9\r\nHost: x\r\nConnection: close\r\n\r\n", {400, 505}),
    (b"DELETE /api/react HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", {400, 404, 405}),
    (b"POST /api/react HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 9\r\n"
     b"Connection: close\r\n\r\n{\"a\": [}", {400}),
    (b"POST /api/react HTTP/1.1\r\nHost: x\r\nContent-Length: 100000000\r\nConnection: close\r\n\r\nabc", {413}),
    (b"POST /api/react HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\nConnection: close\r\n\r\n", {400, 413}),
], ids=["garbage", "no-path", "bad-escapes", "empty-names", "long-url", "long-header", "http-9.9", "delete",
        "bad-json", "huge-length", "negative-length"])
def test_malformed_and_oversized_requests(server, request_bytes, expected):
    response = raw(server, request_bytes)
    assert status_of(response) in expected, response[:300]
    still_up(server)


def test_huge_form_body_is_413_with_a_json_error(server):
    status, _, body = server.get("/api/screen", method="POST", body=b"a=" + b"Li2O," * 30000,
                                 headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert status == 413
    assert "too large" in json.loads(body)["error"]
    still_up(server)


def test_script_in_a_formula_comes_back_as_json_text(server):
    status, headers, body = server.get("/api/react", {"a": "<script>alert(1)</script>", "b": "Li2RuO3"})
    assert status == 400
    assert headers["Content-Type"].startswith("application/json")
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert "<script>" in json.loads(body)["error"]  # the text as given, inside a JSON string
    status, _, body = server.get("/api/complete", {"prefix": "<img src=x onerror=alert(1)>"})
    assert status == 200 and json.loads(body)["formulas"] == []


async def one_request(port: int, path: str) -> int:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(f"GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".encode())
    await writer.drain()
    data = await reader.read()
    writer.close()
    return status_of(data)


async def many(port: int, n: int) -> list:
    paths = ["/api/decompose?formula=Li2O", "/api/complete?prefix=Li", "/pair", "/api/react?a=Li2O&b=CoO",
             "/api/nothing"]
    return await asyncio.gather(*(one_request(port, paths[i % len(paths)]) for i in range(n)),
                                return_exceptions=True)


def test_a_thousand_connections_at_once(server):
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < 2100:
        resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, 4096), hard))
    statuses = asyncio.run(many(server.port, 1000))
    errors = [s for s in statuses if isinstance(s, Exception)]
    assert not errors, errors[:3]
    expected = {0: 200, 1: 200, 2: 200, 3: 200, 4: 404}
    assert all(s == expected[i % 5] for i, s in enumerate(statuses)), sorted(set(statuses))
    still_up(server)


def test_a_slow_client_does_not_hold_up_the_others(server):
    """A client that sends its request a byte at a time: the others are answered meanwhile."""
    done = threading.Event()

    def slow():
        try:
            with socket.create_connection(("127.0.0.1", server.port), timeout=30) as s:
                for byte in b"GET /api/decompose?formula=Li2O HTTP/1.1\r\n":
                    if done.is_set():
                        break
                    s.sendall(bytes([byte]))
                    time.sleep(0.2)
        except OSError:
            pass  # the server closed the connection (its read timeout)

    t = threading.Thread(target=slow)
    t.start()
    try:
        for _ in range(20):
            still_up(server)
    finally:
        done.set()
        t.join()
    still_up(server)
