"""A large upload streams from disk: memory stays bounded and every byte arrives (both shells)."""

from __future__ import annotations

import asyncio
import hashlib
import json
import threading
import tracemalloc
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

import assemblyai as aai

SIZE = 64 * 1024 * 1024
PEAK_LIMIT = 8 * 1024 * 1024


class CountingHandler(BaseHTTPRequestHandler):
    """Reads the body in small pieces and keeps only its length and hash."""

    def do_POST(self) -> None:
        length = int(self.headers["Content-Length"])
        digest = hashlib.sha256()
        left = length
        while left:
            chunk = self.rfile.read(min(left, 65536))
            if not chunk:
                break
            digest.update(chunk)
            left -= len(chunk)
        self.server.received.append((length - left, digest.hexdigest()))  # type: ignore[attr-defined]
        body = json.dumps({"upload_url": "https://cdn.example/upload/1"}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[ThreadingHTTPServer]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), CountingHandler)
    httpd.received = []  # type: ignore[attr-defined]
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd
    httpd.shutdown()
    httpd.server_close()
    thread.join(5)


@pytest.fixture(scope="module")
def big_file(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    path = tmp_path_factory.mktemp("upload") / "big.wav"
    digest = hashlib.sha256()
    block = bytes(range(256)) * 4096  # 1 MiB, not all zeros, so nothing compresses it away
    with path.open("wb") as handle:
        for _ in range(SIZE // len(block)):
            handle.write(block)
            digest.update(block)
    return path, digest.hexdigest()


@pytest.mark.parametrize("shell", ["sync", "async"])
def test_large_upload_bounded_memory(
    server: ThreadingHTTPServer, big_file: tuple[Path, str], shell: str
) -> None:
    path, expected_hash = big_file
    host, port = server.server_address[:2]
    client = aai.Client(
        settings=aai.Settings(api_key="k", base_url=f"http://{host}:{port}", max_retries=0)
    )
    tracemalloc.start()
    try:
        if shell == "sync":
            url = aai.Transcriber(client=client).upload_file(path)
        else:

            async def upload() -> str:
                try:
                    return await aai.AsyncTranscriber(client=client).upload_file(path)
                finally:
                    await client.async_http_client.aclose()

            url = asyncio.run(upload())
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
        client.close()
    assert url == "https://cdn.example/upload/1"
    assert server.received == [(SIZE, expected_hash)]  # type: ignore[attr-defined]
    assert peak < PEAK_LIMIT, f"peak traced memory {peak / 2**20:.1f} MiB"
