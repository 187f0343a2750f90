"""``wss://`` with the platform's trust store: ``SSL_CERT_FILE`` is honoured, bad certs refused."""

from __future__ import annotations

import ssl
from collections.abc import Iterator
from pathlib import Path

import pytest
import trustme

from assemblyai.streaming.v3 import (
    StreamingClient,
    StreamingClientOptions,
    StreamingError,
    StreamingEvents,
    StreamingParameters,
)

from .server import FakeStreamingServer

pytestmark = pytest.mark.timeout(30)


@pytest.fixture
def ca() -> trustme.CA:
    return trustme.CA()


@pytest.fixture
def tls_server(ca: trustme.CA) -> Iterator[FakeStreamingServer]:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("localhost", "127.0.0.1").configure_cert(context)
    with FakeStreamingServer(tls=context) as server:
        yield server
    assert server.errors == []


def test_wss_trusts_ssl_cert_file(
    ca: trustme.CA, tls_server: FakeStreamingServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bundle = tmp_path / "ca.pem"
    ca.cert_pem.write_to_path(str(bundle))
    monkeypatch.setenv("SSL_CERT_FILE", str(bundle))
    terminations = []
    client = StreamingClient(
        StreamingClientOptions(api_host=tls_server.url, api_key=tls_server.api_key)
    )
    client.on(StreamingEvents.Termination, lambda c, e: terminations.append(e))
    client.connect(StreamingParameters(sample_rate=16_000))
    client.disconnect(terminate=True)
    assert len(terminations) == 1


def test_untrusted_certificate_is_refused(tls_server: FakeStreamingServer) -> None:
    client = StreamingClient(
        StreamingClientOptions(api_host=tls_server.url, api_key=tls_server.api_key)
    )
    with pytest.raises(
        StreamingError, match=r"CERTIFICATE_VERIFY_FAILED|certificate verify failed"
    ):
        client.connect(StreamingParameters(sample_rate=16_000))
