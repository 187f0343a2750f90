"""The 2026 streaming surface beside 0.45.4's: renamed parameters, self-describing encodings,
`api_key=`, `keep_alive()` and the official 1.0.0 names, for both clients against the sandbox;
and the handshake query compared with what the official 1.0.0 itself builds.
"""

from __future__ import annotations

import ast
import asyncio
import json
import os
import subprocess
import urllib.parse
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import assemblyai.streaming.v3 as v3
from assemblyai._core.exceptions import ConfigurationError
from assemblyai.streaming.v3 import (
    AsyncStreamingClient,
    StreamingClient,
    StreamingClientOptions,
    StreamingParameters,
    StreamingSessionParameters,
)
from assemblyai.streaming.v3 import _protocol as protocol
from assemblyai.testing import FakeAssemblyAI

from .drivers import KINDS, make_driver

pytestmark = pytest.mark.timeout(60)

ROOT = Path(__file__).resolve().parents[2]
OFFICIAL_1 = Path(
    os.environ.get("ASSEMBLYAI_OFFICIAL_VENV_1", ROOT / "bench" / ".official-venv-1.0.0")
)


@pytest.fixture
def fake() -> Iterator[FakeAssemblyAI]:
    with FakeAssemblyAI() as fake:
        yield fake


def options(fake: FakeAssemblyAI) -> StreamingClientOptions:
    return StreamingClientOptions(api_host=fake.streaming_url, api_key=fake.api_key)


def query_of(params: StreamingParameters) -> dict[str, str]:
    request = protocol.connect_request(StreamingClientOptions(api_key="key"), params)
    return dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(request.url).query))


# ---- renamed parameters ------------------------------------------------------------------------


def test_former_names_are_sent_under_the_new_ones() -> None:
    old = StreamingParameters(
        sample_rate=16_000,
        min_end_of_turn_silence_when_confident=300,
        noise_suppression_model="far-field",
        noise_suppression_threshold=0.4,
    )
    assert query_of(old) == {
        "min_turn_silence": "300",
        "sample_rate": "16000",
        "voice_focus": "far-field",
        "voice_focus_threshold": "0.4",
    }
    assert old.min_end_of_turn_silence_when_confident == 300  # still readable as given
    both = StreamingParameters(
        sample_rate=16_000, min_end_of_turn_silence_when_confident=300, min_turn_silence=120
    )
    assert query_of(both) == {"min_turn_silence": "120", "sample_rate": "16000"}


@pytest.mark.parametrize("kind", KINDS)
def test_set_params_takes_the_former_name(kind: str, fake: FakeAssemblyAI) -> None:
    async def scenario() -> None:
        driver = make_driver(kind, options(fake))
        await driver.connect(StreamingParameters(sample_rate=16_000))
        await driver.set_params(
            StreamingSessionParameters(min_end_of_turn_silence_when_confident=500)
        )
        await driver.set_params(
            StreamingSessionParameters(
                min_end_of_turn_silence_when_confident=500, min_turn_silence=90
            )
        )
        await driver.disconnect(terminate=True)

    asyncio.run(scenario())
    (session,) = fake.streaming_sessions
    updates = [m for m in session.messages if m["type"] == "UpdateConfiguration"]
    assert updates == [
        {"type": "UpdateConfiguration", "min_turn_silence": 500},
        {"type": "UpdateConfiguration", "min_turn_silence": 90},
    ]
    assert session.config["min_turn_silence"] == 90


# ---- encodings without a sample rate ------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["opus", "ogg_opus", "aac"])
@pytest.mark.parametrize("kind", KINDS)
def test_self_describing_encodings_need_no_sample_rate(
    kind: str, encoding: str, fake: FakeAssemblyAI
) -> None:
    async def scenario() -> None:
        driver = make_driver(kind, options(fake))
        await driver.connect(StreamingParameters(encoding=encoding))
        await driver.stream([b"\x4f\x67\x67\x53" * 100] * 3)
        await driver.disconnect(terminate=True)
        assert driver.errors == []

    asyncio.run(scenario())
    (session,) = fake.streaming_sessions
    assert session.query == {"encoding": encoding}
    assert session.wait_closed() and session.close_code == 1000 and session.problems == []


def test_raw_pcm_without_a_sample_rate_is_refused_before_connecting(fake: FakeAssemblyAI) -> None:
    for encoding in (None, "pcm_s16le", "pcm_mulaw"):
        with pytest.raises(ConfigurationError, match="sample_rate: is required unless encoding"):
            StreamingParameters(encoding=encoding)
    assert fake.streaming_sessions == []


# ---- api_key=, keep_alive(), the 1.0.0 names ----------------------------------------------------


@pytest.mark.parametrize("client_class", [StreamingClient, AsyncStreamingClient])
def test_api_key_wins_over_the_options_and_leaves_them_alone(client_class: type[Any]) -> None:
    given = StreamingClientOptions(api_host="ws://127.0.0.1:9", api_key="from-options")
    client = client_class(given, api_key="from-argument")
    assert client.options.api_key == "from-argument"
    assert client.options.api_host == "ws://127.0.0.1:9"
    assert given.api_key == "from-options"
    assert client_class(given).options is given
    assert client_class(api_key="alone").options.api_key == "alone"


@pytest.mark.parametrize("kind", KINDS)
def test_keep_alive_sends_keep_alive(kind: str, fake: FakeAssemblyAI) -> None:
    async def scenario() -> None:
        driver = make_driver(kind, options(fake))
        await driver.connect(StreamingParameters(sample_rate=16_000))
        if isinstance(driver.client, AsyncStreamingClient):
            await driver.client.keep_alive()
        else:
            await asyncio.to_thread(driver.client.keep_alive)
        await driver.disconnect(terminate=True)

    asyncio.run(scenario())
    (session,) = fake.streaming_sessions
    assert session.messages[0] == {"type": "KeepAlive"}


def official_names() -> list[str]:
    init = OFFICIAL_1 / "lib"
    files = sorted(init.glob("python3*/site-packages/assemblyai/streaming/v3/__init__.py"))
    if not files:
        pytest.skip(f"the official assemblyai 1.0.0 is not installed in {OFFICIAL_1}")
    tree = ast.parse(files[0].read_text())
    for node in tree.body:
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == "__all__":
            return [ast.literal_eval(element) for element in node.value.elts]  # type: ignore[attr-defined]
    raise AssertionError("no __all__ in the official streaming.v3")


# The dual-channel toolkit is another part of issue 17 (its own module, assemblyai.streaming.v3
# extras); every other name the official 1.0.0 exports is ours too.
DUAL_CHANNEL = {
    "AsyncChannelStreamer",
    "ChannelAttributionOptions",
    "ChannelStreamer",
    "DualChannelTurnEvent",
    "DualChannelWord",
    "EnergyVad",
    "VadDetector",
    "VadFrame",
    "VadResult",
    "attribute_turn",
}


def test_every_official_streaming_name_is_exported() -> None:
    missing = [n for n in official_names() if n not in DUAL_CHANNEL and not hasattr(v3, n)]
    assert missing == []
    assert v3.RealTimeTranscriber is v3.StreamingClient
    assert v3.AsyncRealTimeTranscriber is v3.AsyncStreamingClient
    assert v3.RealTimeParameters is v3.StreamingParameters
    assert v3.RealTimeSessionParameters is v3.StreamingSessionParameters
    assert v3.RealTimeTranscriberOptions is v3.StreamingClientOptions
    assert v3.RealTimeEvents is v3.StreamingEvents
    assert v3.RealTimeError is v3.StreamingError
    assert v3.RealTimeErrorCodes is v3.StreamingErrorCodes


# ---- the handshake query, against the official 1.0.0 -------------------------------------------

PARAMS: dict[str, Any] = {
    "sample_rate": 16_000,
    "speech_model": "u3-rt-pro",
    "min_end_of_turn_silence_when_confident": 200,
    "noise_suppression_model": "near-field",
    "keyterms_prompt": ["Grafana", "p99 latency"],
    "language_codes": ["en", "es"],
    "redact_pii_policies": ["person_name", "phone_number"],
    "prompt": "Transcribe verbatim.",
    "llm_gateway": {
        "model": "claude-sonnet-4-20250514",
        "messages": [{"role": "system", "content": "Be brief."}],
        "max_tokens": 50,
    },
    "max_speakers": 3,
    "vad_threshold": 0.5,
}

OFFICIAL_URI = """
import json, sys, logging
logging.disable(logging.CRITICAL)
from assemblyai.streaming.v3 import RealTimeParameters
from assemblyai.streaming.v3._base import _build_uri
print(_build_uri("streaming.assemblyai.com", RealTimeParameters(**json.loads(sys.argv[1]))))
"""


def test_the_query_matches_the_official_1_0_0() -> None:
    python = OFFICIAL_1 / "bin" / "python"
    if not python.exists():
        pytest.skip(f"the official assemblyai 1.0.0 is not installed in {OFFICIAL_1}")
    done = subprocess.run(
        [str(python), "-I", "-c", OFFICIAL_URI, json.dumps(PARAMS)],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
        cwd="/",
    )
    theirs = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(done.stdout.strip()).query))
    ours = query_of(StreamingParameters(**PARAMS))
    assert set(ours) == set(theirs)
    for key, value in theirs.items():
        # Lists and objects: the same JSON (1.0.0 writes it with spaces after separators).
        if value.startswith(("[", "{")):
            assert json.loads(ours[key]) == json.loads(value), key
        else:
            assert ours[key] == value, key


# ---- the sandbox's model rules -------------------------------------------------------------------


def test_the_sandbox_applies_each_models_defaults_and_warns_of_ignored_parameters(
    fake: FakeAssemblyAI,
) -> None:
    warnings: list[Any] = []
    client = StreamingClient(options(fake))
    client.on(v3.StreamingEvents.Warning, lambda _c, event: warnings.append(event))
    client.connect(StreamingParameters(sample_rate=16_000, speech_model="u3-rt-pro"))
    client.set_params(StreamingSessionParameters(end_of_turn_confidence_threshold=0.5))
    client.disconnect(terminate=True)
    client.connect(StreamingParameters(sample_rate=16_000, prompt="Spell names exactly."))
    client.disconnect(terminate=True)
    pro, english = fake.streaming_sessions
    # x-sdk-model-defaults: Universal-3 Pro's own, the spec's defaults otherwise
    assert (pro.config["min_turn_silence"], pro.config["max_turn_silence"]) == (100, 1000)
    assert (english.config["min_turn_silence"], english.config["vad_threshold"]) == (400, 0.4)
    # x-sdk-models: end_of_turn_confidence_threshold is not Universal-3 Pro's, prompt is only its
    assert [(w.warning_code, w.warning.split()[0]) for w in warnings] == [
        (2001, "end_of_turn_confidence_threshold"),
        (2001, "prompt"),
    ]


def test_a_value_the_spec_refuses_closes_the_session_with_3006() -> None:
    from websockets.exceptions import ConnectionClosed
    from websockets.sync.client import connect as ws_connect

    with FakeAssemblyAI(strict=False) as fake:
        url = fake.streaming_url + "/v3/ws?sample_rate=16000&max_speakers=11"
        received: list[dict[str, Any]] = []
        with (
            ws_connect(url, additional_headers={"Authorization": fake.api_key}) as ws,
            pytest.raises(ConnectionClosed),
        ):
            while True:
                received.append(json.loads(ws.recv(5)))
        (session,) = fake.streaming_sessions
        assert session.wait_closed() and session.close_code == 3006
    assert [m["type"] for m in received] == ["Begin", "Error"]
    assert received[1]["error_code"] == 3006 and "max_speakers" in received[1]["error"]
    assert any("max_speakers" in error for v in fake.violations for error in v.errors)
