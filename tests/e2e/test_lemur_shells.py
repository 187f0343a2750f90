"""``aai.Lemur`` and ``aai.AsyncLemur`` are two shells over one core (``assemblyai._lemur.core``).

Neither inherits from the other: the blocking shell's 0.45.4 futures (``task_async``...) do
not leak into the asyncio one, where they would hand back a Future holding a coroutine that
never runs. Whatever a call sends is decided by the core, so both shells send the same. These
run on LeMUR's own endpoints; ``test_lemur_on_gateway.py`` does the same on LLM Gateway.
"""

from __future__ import annotations

import asyncio
import inspect
from typing import Any

import pytest

import assemblyai as aai
from assemblyai._lemur.core import LemurCore
from assemblyai.testing import FakeAssemblyAI
from tests.lemur_backend import old_lemur_endpoints  # noqa: F401  (LeMUR's own endpoints)

from .conftest import SyncShell

CALLS: list[tuple[str, tuple[Any, ...], dict[str, Any]]] = [
    ("task", ("List the decisions.",), {"context": {"team": "sales"}, "max_output_size": 200}),
    ("summarize", (), {"context": "a call", "answer_format": "one line", "temperature": 0.2}),
    ("action_items", (), {"final_model": aai.LemurModel.claude3_5_sonnet}),
    ("question", (aai.LemurQuestion(question="Done?", answer_options=["yes", "no"]),), {}),
]


def test_the_shells_share_a_core_and_no_ancestry() -> None:
    assert not issubclass(aai.AsyncLemur, aai.Lemur)
    assert not issubclass(aai.Lemur, aai.AsyncLemur)
    assert isinstance(aai.Lemur()._core, LemurCore)
    assert isinstance(aai.AsyncLemur()._core, LemurCore)


def test_every_asyncio_call_is_a_coroutine_and_none_returns_a_future() -> None:
    public = {name for name in dir(aai.AsyncLemur) if not name.startswith("_")}
    assert public == {
        "action_items",
        "get_response_data",
        "purge",
        "question",
        "summarize",
        "task",
    }
    for name in public:
        assert inspect.iscoroutinefunction(getattr(aai.AsyncLemur, name)), name
    # The blocking shell keeps 0.45.4's futures.
    assert {"task_async", "question_async", "purge_request_data_async"} <= set(dir(aai.Lemur))


def test_the_shells_take_the_same_parameters() -> None:
    for name in ("question", "summarize", "action_items", "task", "get_response_data"):
        sync = inspect.signature(getattr(aai.Lemur, name))
        asyncio_ = inspect.signature(getattr(aai.AsyncLemur, name))
        assert sync.parameters == asyncio_.parameters, name
        assert sync.return_annotation == asyncio_.return_annotation, name


@pytest.mark.parametrize(("method", "args", "kwargs"), CALLS, ids=[c[0] for c in CALLS])
def test_both_shells_send_the_same_request(
    fake: FakeAssemblyAI, method: str, args: tuple[Any, ...], kwargs: dict[str, Any]
) -> None:
    transcript_id = SyncShell().transcribe("https://example.org/l.mp3").id
    sources = [aai.LemurTranscriptSource(transcript_id)]
    before = len(fake.requests)
    sync_answer = getattr(aai.Lemur(sources=sources), method)(*args, **kwargs)
    sent_sync = fake.requests[before:]

    async def call_async() -> Any:
        lemur = aai.AsyncLemur(sources=sources, client=aai.Client(settings=aai.settings))
        try:
            return await getattr(lemur, method)(*args, **kwargs)
        finally:
            await lemur._core.client.aclose()

    before = len(fake.requests)
    async_answer = asyncio.run(call_async())
    sent_async = fake.requests[before:]
    assert [(r.method, r.path, r.json) for r in sent_sync] == [
        (r.method, r.path, r.json) for r in sent_async
    ]
    assert sent_sync[0].json["transcript_ids"] == [transcript_id]
    assert type(sync_answer) is type(async_answer)

    # Reading a stored answer back and purging it go through the same core too.
    request_id = sync_answer.request_id
    stored = aai.Lemur().get_response_data(request_id)

    async def read_and_purge() -> tuple[Any, Any]:
        lemur = aai.AsyncLemur(client=aai.Client(settings=aai.settings))
        try:
            return (
                await lemur.get_response_data(request_id),
                await lemur.purge(request_id),
            )
        finally:
            await lemur._core.client.aclose()

    stored_async, purged = asyncio.run(read_and_purge())
    assert type(stored) is type(stored_async)
    assert stored.response == stored_async.response
    assert purged.deleted is True and purged.request_id_to_purge == request_id
