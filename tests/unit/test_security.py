"""The API key stays secret, goes to the API host only, and TLS is verified by default."""

from __future__ import annotations

import logging
import re
import ssl
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

import assemblyai as aai
from assemblyai._http.transport import RetryTransport, configure_logging
from tests.faults import payloads
from tests.faults.harness import API_KEY, make_settings
from tests.faults.server import ScriptedServer, drop_before_body, fail, respond
from tests.lemur_backend import old_lemur_endpoints  # noqa: F401  (LeMUR's own endpoints)

T1 = "/v2/transcript/t1"


@pytest.fixture
def server() -> Iterator[ScriptedServer]:
    with ScriptedServer() as api:
        yield api


@pytest.fixture
def client(server: ScriptedServer) -> Iterator[aai.Client]:
    with aai.Client(settings=make_settings(server.url)) as made:
        yield made


# --- never in str or repr --------------------------------------------------------------------


def test_settings_and_clients_do_not_show_the_key(
    client: aai.Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(aai.settings, "api_key", API_KEY)
    shown = [
        repr(aai.settings),
        str(aai.settings),
        repr(client.settings),
        repr(client),
        str(client),
        repr(client.http_client.headers),
        repr(aai.Transcriber(client=client)),
        repr(aai.Transcript("t1", client=client)),
        repr(aai.Lemur(client=client)),
    ]
    for text in shown:
        assert API_KEY not in text
    assert "'***'" in repr(aai.settings)
    # ...while the key is still what is sent.
    assert client.http_client.headers["authorization"] == API_KEY


def test_a_malformed_key_is_not_echoed() -> None:
    with pytest.raises(aai.ConfigurationError) as caught:
        aai.Client(settings=aai.Settings(api_key=f" {API_KEY}\n"))
    assert API_KEY not in str(caught.value)


def test_a_malformed_key_from_the_environment_is_not_echoed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("ASSEMBLYAI_API_KEY", API_KEY)
    monkeypatch.setenv("ASSEMBLYAI_MAX_RETRIES", "x")
    with pytest.raises(aai.ConfigurationError) as caught:
        aai.Settings()
    assert API_KEY not in str(caught.value)


@pytest.mark.parametrize("status", [400, 401, 403, 404, 500])
def test_errors_never_carry_the_key_even_when_the_api_echoes_it(
    server: ScriptedServer, client: aai.Client, status: int
) -> None:
    server.route("GET", T1, then=fail(status, f"Invalid API key {API_KEY}"))
    with pytest.raises(aai.APIStatusError) as caught:
        aai.Transcript("t1", client=client).wait_for_completion()
    error = caught.value
    for text in (str(error), repr(error), repr(error.body), str(error.api_message)):
        assert API_KEY not in text
    assert "Invalid API key ***" in str(error)
    assert API_KEY not in repr(vars(error))


def test_connection_errors_never_carry_the_key(server: ScriptedServer) -> None:
    server.route("GET", T1, then=drop_before_body())
    with (
        aai.Client(settings=make_settings(server.url, max_retries=0)) as client,
        pytest.raises(aai.APIConnectionError) as caught,
    ):
        aai.Transcript("t1", client=client).wait_for_completion()
    assert API_KEY not in str(caught.value) and API_KEY not in repr(vars(caught.value))


# --- never in the logs -----------------------------------------------------------------------


def _exercise(server: ScriptedServer, client: aai.Client) -> None:
    """Successes, retries, errors and an upload, all of which are logged."""
    server.route("GET", T1, fail(503), respond(200, json=payloads.transcript()))
    server.route("POST", "/v2/upload", respond(200, json=payloads.uploaded()))
    server.route("POST", "/lemur/v3/generate/task", fail(401, "Invalid API key"))
    aai.Transcript("t1", client=client).wait_for_completion()
    aai.Transcriber(client=client).upload_file(b"audio bytes")
    with pytest.raises(aai.AuthenticationError):
        aai.Lemur(client=client).task("Summarise", input_text="x")


def test_nothing_logged_at_any_level_contains_the_key(
    server: ScriptedServer, client: aai.Client, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)  # every logger: ours, httpx and httpcore
    _exercise(server, client)
    assert caplog.records
    for record in caplog.records:
        assert API_KEY not in record.getMessage(), record.name
        assert API_KEY not in repr(record.args)
    ours = [r.getMessage() for r in caplog.records if r.name == "assemblyai"]
    url = f"{server.url}{T1}"
    assert any(re.fullmatch(rf"GET {url} -> 503 in \d+\.\d{{3}}s", m) for m in ours), ours
    assert any(
        re.fullmatch(rf"GET {url} failed \(HTTP 503\); retry 1 in \d+\.\d\ds", m) for m in ours
    )
    assert any(re.fullmatch(rf"GET {url} -> 200 in \d+\.\d{{3}}s", m) for m in ours)
    assert any(m.startswith(f"POST {server.url}/v2/upload -> 200") for m in ours)
    assert any(m.startswith(f"POST {server.url}/lemur/v3/generate/task -> 401") for m in ours)


@pytest.fixture
def restore_sdk_logger() -> Iterator[logging.Logger]:
    logger = logging.getLogger("assemblyai")
    handlers, level = list(logger.handlers), logger.level
    yield logger
    logger.handlers[:] = handlers
    logger.setLevel(level)


@pytest.mark.parametrize(
    ("value", "level"), [("debug", logging.DEBUG), ("INFO", logging.INFO), ("loud", None)]
)
def test_assemblyai_log_environment_variable(
    server: ScriptedServer,
    client: aai.Client,
    capsys: pytest.CaptureFixture[str],
    restore_sdk_logger: logging.Logger,
    value: str,
    level: int | None,
) -> None:
    configure_logging({"ASSEMBLYAI_LOG": value})
    ours = [h for h in restore_sdk_logger.handlers if getattr(h, "_assemblyai", False)]
    if level is None:
        assert not ours
        return
    assert len(ours) == 1 and restore_sdk_logger.level == level
    configure_logging({"ASSEMBLYAI_LOG": value})  # idempotent: still one handler
    assert len([h for h in restore_sdk_logger.handlers if getattr(h, "_assemblyai", False)]) == 1
    _exercise(server, client)
    err = capsys.readouterr().err
    assert API_KEY not in err
    assert f"GET {server.url}{T1} -> 200 in " in err
    assert "retry 1 in" in err
    assert ("(attempt 1)" in err) is (level == logging.DEBUG)


# --- Authorization goes to the API host only -------------------------------------------------


@pytest.mark.parametrize(
    ("url", "keeps_key"),
    [
        ("https://api.assemblyai.com/v2/transcript", True),
        ("https://API.AssemblyAI.com/v2/upload", True),
        ("https://api.assemblyai.com:443/v2/transcript", True),
        ("http://api.assemblyai.com/v2/transcript", False),  # never in clear text
        ("https://api.assemblyai.com:8443/v2/transcript", False),
        ("https://cdn.assemblyai.com/redacted.wav", False),
        ("https://assemblyai-redacted.s3.amazonaws.com/a.wav?X-Amz-Signature=x", False),
        ("https://api.assemblyai.com.evil.example/v2/transcript", False),
        ("https://api.assemblyai.com@evil.example/v2/transcript", False),
        ("https://example.org/my-audio.mp3", False),
    ],
)
def test_the_key_is_sent_only_to_the_api_origin(url: str, keeps_key: bool) -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200)

    transport = RetryTransport(
        httpx.MockTransport(handler),
        api_origin=httpx.URL("https://api.assemblyai.com"),
        max_retries=lambda: 0,
    )
    with httpx.Client(transport=transport, headers={"Authorization": API_KEY}) as http:
        http.get(url)
    (request,) = seen
    assert ("authorization" in request.headers) is keeps_key


def test_a_redirect_is_not_followed_to_another_host(server: ScriptedServer) -> None:
    with ScriptedServer("127.0.0.2") as other:
        server.route("GET", T1, respond(302, headers={"Location": f"{other.url}{T1}"}))
        other.route("GET", T1, respond(200, json=payloads.transcript()))
        with (
            aai.Client(settings=make_settings(server.url)) as client,
            pytest.raises(aai.APIStatusError) as caught,
        ):
            aai.Transcript("t1", client=client).wait_for_completion()
        assert caught.value.status_code == 302
        assert other.connections == 0 and other.requests == []


def test_a_user_audio_url_is_never_fetched_by_the_sdk(server: ScriptedServer) -> None:
    with ScriptedServer("127.0.0.2") as other:
        server.route(
            "POST", "/v2/transcript", respond(200, json=payloads.transcript("t1", "queued"))
        )
        with aai.Client(settings=make_settings(server.url)) as client:
            aai.Transcriber(client=client).submit(f"{other.url}/audio.mp3")
        assert server.requests[0].json()["audio_url"] == f"{other.url}/audio.mp3"
        assert other.connections == 0


# --- TLS -------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def tls_authority(tmp_path_factory: pytest.TempPathFactory) -> tuple[ssl.SSLContext, Path]:
    """A throwaway CA (trustme), a server context with a certificate for 127.0.0.1, its PEM."""
    trustme = pytest.importorskip("trustme")
    authority = trustme.CA()
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    authority.issue_cert("127.0.0.1").configure_cert(context)
    pem = tmp_path_factory.mktemp("ca") / "ca.pem"
    authority.cert_pem.write_to_path(str(pem))
    return context, pem


@pytest.fixture
def tls_server(tls_authority: tuple[ssl.SSLContext, Path]) -> Iterator[ScriptedServer]:
    with ScriptedServer(tls=tls_authority[0]) as api:
        api.route("GET", T1, then=respond(200, json=payloads.transcript()))
        yield api


def _fetch(server: ScriptedServer, **settings: Any) -> aai.Transcript:
    with aai.Client(settings=make_settings(server.url, **settings)) as client:
        return aai.Transcript("t1", client=client).wait_for_completion()


def test_tls_is_verified_by_default(
    tls_server: ScriptedServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SSL_CERT_FILE", raising=False)
    monkeypatch.delenv("SSL_CERT_DIR", raising=False)
    assert aai.Settings().verify_tls is True
    with pytest.raises(aai.APIConnectionError) as caught:
        _fetch(tls_server)
    assert "TLS" in str(caught.value) and "SSL_CERT_FILE" in str(caught.value)
    assert not isinstance(caught.value, aai.APITimeoutError)
    # A refused certificate is not retried, and nothing (not the key) was sent.
    assert tls_server.connections == 1 and tls_server.requests == []


def test_a_ca_bundle_from_ssl_cert_file_is_trusted(
    tls_server: ScriptedServer,
    tls_authority: tuple[ssl.SSLContext, Path],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("SSL_CERT_FILE", str(tls_authority[1]))
    assert _fetch(tls_server).text == "hello world"
    assert tls_server.requests[0].headers["authorization"] == API_KEY


def test_verification_is_off_only_when_turned_off_explicitly(
    tls_server: ScriptedServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SSL_CERT_FILE", raising=False)
    assert _fetch(tls_server, verify_tls=False).text == "hello world"
    monkeypatch.setenv("ASSEMBLYAI_VERIFY_TLS", "false")
    assert aai.Settings().verify_tls is False
