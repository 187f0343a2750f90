"""Handwritten public signatures that 0.45.4 code relies on, and that they behave as shown.

The differential suite (tests/compat/test_names.py) compares the signatures with 0.45.4's; these
tests check what the signatures promise: the values go where their names say.
"""

from __future__ import annotations

import inspect
from collections.abc import Iterator

import attrs
import pytest

import assemblyai as aai
import assemblyai.extras
import assemblyai.streaming.v3.client as v3_client
import assemblyai.streaming.v3.models as v3_models
from assemblyai import types
from assemblyai._core.settings import http_timeout_is_default
from assemblyai.testing import FakeAssemblyAI
from tests.lemur_backend import old_lemur_endpoints  # noqa: F401  (LeMUR's own endpoints)
from tests.spec_params import transcript_params

TEXT = "The launch moved to March. Sarah will write the plan."


@pytest.fixture
def fake() -> Iterator[FakeAssemblyAI]:
    with FakeAssemblyAI(processing_time=0.01, polling_interval=0.01) as sandbox:
        yield sandbox
        sandbox.assert_no_violations()


def _sent(fake: FakeAssemblyAI, endpoint: str) -> dict[str, object]:
    (request,) = fake.requests_to(f"POST /lemur/v3/generate/{endpoint}")
    assert isinstance(request.json, dict)
    return request.json


def test_lemur_futures_take_positional_arguments_in_0454_order(fake: FakeAssemblyAI) -> None:
    lemur = aai.Lemur()
    # prompt, context, final_model, max_output_size, timeout, temperature, input_text
    task = lemur.task_async("Who writes the plan?", None, None, 50, 10.0, 0.2, TEXT)
    assert "Sarah" in task.result(timeout=10).response
    assert _sent(fake, "task") | {"final_model": "x"} == {
        "prompt": "Who writes the plan?",
        "max_output_size": 50,
        "temperature": 0.2,
        "input_text": TEXT,
        "final_model": "x",
    }
    summary = lemur.summarize_async("a meeting", "one line", input_text=TEXT)
    summary.result(timeout=10)
    sent = _sent(fake, "summary")
    assert (sent["context"], sent["answer_format"]) == ("a meeting", "one line")
    items = lemur.action_items_async(None, "bullets", "default", None, None, None, TEXT)
    items.result(timeout=10)
    assert _sent(fake, "action-items")["final_model"] == "default"
    question = aai.LemurQuestion(question="When is the launch?")
    answer = lemur.question_async(question, input_text=TEXT, max_retries=0)
    assert answer.result(timeout=10).response[0].question == "When is the launch?"


def test_lemur_futures_raise_what_the_call_raises(fake: FakeAssemblyAI) -> None:
    future = aai.Lemur().task_async("Anything?")
    with pytest.raises(aai.ConfigurationError, match="input_text"):
        future.result(timeout=10)
    assert fake.requests_to("POST /lemur/v3/generate/task") == []


def test_settings_signature_names_the_fields_with_their_defaults() -> None:
    parameters = inspect.signature(aai.Settings).parameters
    assert list(parameters)[:4] == ["api_key", "http_timeout", "base_url", "polling_interval"]
    assert all(p.kind is inspect.Parameter.KEYWORD_ONLY for p in parameters.values())
    defaults = {name: p.default for name, p in parameters.items()}
    assert defaults["http_timeout"] == 30.0 and defaults["polling_interval"] == 3.0
    assert defaults["base_url"] == "https://api.assemblyai.com" and defaults["api_key"] is None
    assert set(parameters) == {f for f in aai.Settings().dict()}


def test_settings_given_values_win_over_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ASSEMBLYAI_HTTP_TIMEOUT", "12")
    monkeypatch.setenv("ASSEMBLYAI_POLLING_INTERVAL", "7")
    built = aai.Settings(polling_interval=3.0)
    assert built.polling_interval == 3.0  # given, equal to the default: still wins
    assert built.http_timeout == 12.0
    assert not http_timeout_is_default(built.http_timeout)
    monkeypatch.delenv("ASSEMBLYAI_HTTP_TIMEOUT")
    assert http_timeout_is_default(aai.Settings().http_timeout)
    assert not http_timeout_is_default(aai.Settings(http_timeout=30.0).http_timeout)
    with pytest.raises(aai.ConfigurationError, match="unknown field"):
        aai.Settings(timeout=3)  # type: ignore[call-arg]


def test_raw_config_signature_lists_every_field_and_still_takes_extras() -> None:
    parameters = inspect.signature(aai.RawTranscriptionConfig).parameters
    fields = [p for p in parameters.values() if p.kind is inspect.Parameter.KEYWORD_ONLY]
    assert {p.name for p in fields} == {f.name for f in attrs.fields(aai.RawTranscriptionConfig)}
    assert {p.name for p in fields} == set(transcript_params())
    assert all(p.default is None for p in fields)
    assert list(parameters.values())[-1].kind is inspect.Parameter.VAR_KEYWORD
    raw = aai.RawTranscriptionConfig(punctuate=False, new_api_param="on")
    assert raw.to_request_json() == {"punctuate": False, "new_api_param": "on"}


def test_realtime_word_boost_default_is_an_empty_list_never_shared() -> None:
    default = inspect.signature(aai.RealtimeTranscriber).parameters["word_boost"].default
    assert default == []
    first = aai.RealtimeTranscriber(on_data=print, on_error=print, sample_rate=16_000)
    first._word_boost.append("changed")
    assert default == []
    second = aai.RealtimeTranscriber(on_data=print, on_error=print, sample_rate=16_000)
    assert second._word_boost == []


def test_names_0454_code_imports_from_these_modules() -> None:
    assert assemblyai.extras.Client is aai.Client
    assert types.LemurSource is aai.LemurSource
    assert types.LemurTranscriptSource is aai.LemurTranscriptSource
    for name in v3_client.__all__:
        if name not in ("StreamingClient", "RealTimeTranscriber"):
            assert getattr(v3_client, name) is getattr(v3_models, name)
    assert v3_client.RealTimeTranscriber is v3_client.StreamingClient  # the 1.0.0 name


def test_extras_error_passes_import_error_details_through() -> None:
    error = assemblyai.extras.AssemblyAIExtrasNotInstalledError(name="pyaudio", path="/x")
    assert isinstance(error, ImportError)
    assert (error.name, error.path) == ("pyaudio", "/x")
    assert "pip install" in str(error)
    assert str(assemblyai.extras.AssemblyAIExtrasNotInstalledError("custom")) == "custom"
