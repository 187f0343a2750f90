"""LeMUR kept alive on LLM Gateway: ``aai.Lemur``, ``transcript.lemur`` and
``transcript_group.lemur`` send chat completions (``settings.lemur_backend``'s default),
over loopback against the sandbox, for both shells.

The first tests are the LeMUR examples of the official 0.45.4 README, with the same calls and
attribute reads; they check what went over the wire: the LeMUR model mapped to a gateway
model, the transcripts' text in the prompt, structured output for questions, and one typed
answer per question.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from typing import Any

import pytest

import assemblyai as aai
from assemblyai._lemur.gateway import LemurGatewayUnsupportedError
from assemblyai.testing import FakeAssemblyAI

from .conftest import SyncShell

CHAT = "POST /v1/chat/completions"
TEXT = (
    "The customer wants a red Tesla Model 3. Their budget is forty thousand dollars. "
    "We will send the offer by Friday."
)
OTHER = "A second customer asks about a blue Volvo. They need it before summer."


@pytest.fixture(autouse=True)
def gateway_backend(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    # The default, said out loud: these tests are about the gateway backend.
    monkeypatch.delenv("ASSEMBLYAI_LEMUR_BACKEND", raising=False)
    monkeypatch.setattr(aai.settings, "lemur_backend", "llm_gateway")
    yield


@pytest.fixture
def scripted(fake: FakeAssemblyAI) -> FakeAssemblyAI:
    fake.register_script("https://example.org/customer.mp3", text=TEXT)
    fake.register_script("https://example.org/customer2.mp3", text=OTHER)
    return fake


def chats(fake: FakeAssemblyAI) -> list[dict[str, Any]]:
    return [r.json for r in fake.requests if f"{r.method} {r.path}" == CHAT]


def prompt_of(body: dict[str, Any]) -> str:
    [message] = body["messages"]
    assert message["role"] == "user"
    content: str = message["content"]
    return content


# --- the 0.45.4 README's LeMUR examples, unchanged -----------------------------------------


def test_readme_task_summarizes_an_audio_file(scripted: FakeAssemblyAI) -> None:
    transcriber = aai.Transcriber()
    transcript = transcriber.transcribe("https://example.org/customer.mp3")
    prompt = "Provide a brief summary of the transcript."
    before = len(scripted.requests)
    result = transcript.lemur.task(prompt, final_model=aai.LemurModel.claude3_5_sonnet)
    print(result.response)

    assert isinstance(result, aai.LemurTaskResponse)
    assert result.response and "Tesla" in result.response
    assert result.request_id and result.usage is not None
    assert result.usage.input_tokens and result.usage.output_tokens
    [body] = chats(scripted)
    # anthropic/claude-3-5-sonnet has no gateway counterpart: the documented default.
    assert body["model"] == "claude-sonnet-4-20250514"
    assert TEXT in prompt_of(body) and prompt in prompt_of(body)
    assert (body["max_tokens"], body["temperature"]) == (2000, 0.0)
    assert "response_format" not in body
    # The transcript's text was already loaded: no extra request for it.
    assert [f"{r.method} {r.path}" for r in scripted.requests[before:]] == [CHAT]


def test_readme_summarize_with_context_and_answer_format(scripted: FakeAssemblyAI) -> None:
    transcript = aai.Transcriber().transcribe("https://example.org/customer.mp3")
    result = transcript.lemur.summarize(
        final_model=aai.LemurModel.claude3_5_sonnet,
        context="A GitLab meeting to discuss logistics",
        answer_format="TLDR",
    )
    print(result.response)

    assert isinstance(result, aai.LemurSummaryResponse) and result.response
    [body] = chats(scripted)
    content = prompt_of(body)
    assert TEXT in content
    assert "Context: A GitLab meeting to discuss logistics" in content
    assert "Answer format: TLDR" in content


def test_readme_questions_get_one_typed_answer_each(scripted: FakeAssemblyAI) -> None:
    transcriber = aai.Transcriber()
    transcript = transcriber.transcribe("https://example.org/customer.mp3")
    questions = [
        aai.LemurQuestion(question="What car was the customer interested in?"),
        aai.LemurQuestion(question="What price range is the customer looking for?"),
    ]
    result = transcript.lemur.question(
        final_model=aai.LemurModel.claude3_5_sonnet, questions=questions
    )
    lines = []
    for q in result.response:
        lines.append(f"Question: {q.question}")
        lines.append(f"Answer: {q.answer}")

    assert isinstance(result, aai.LemurQuestionResponse)
    assert [type(q) for q in result.response] == [aai.LemurQuestionAnswer] * 2
    assert [q.question for q in result.response] == [q.question for q in questions]
    assert all(isinstance(q.answer, str) and q.answer for q in result.response)
    [body] = chats(scripted)
    schema = body["response_format"]["json_schema"]["schema"]
    assert body["response_format"]["type"] == "json_schema"
    assert schema["required"] == ["answer_1", "answer_2"]
    assert schema["properties"]["answer_1"]["description"] == questions[0].question
    assert TEXT in prompt_of(body)


def test_readme_custom_input_text(scripted: FakeAssemblyAI) -> None:
    transcriber = aai.Transcriber()
    config = aai.TranscriptionConfig(speaker_labels=True)
    transcript = transcriber.transcribe("https://example.org/customer.mp3", config=config)
    text = ""
    for utt in transcript.utterances:
        text += f"Speaker {utt.speaker}:\n{utt.text}\n"
    before = len(scripted.requests)
    result = aai.Lemur().task(
        "You are a helpful coach. Provide an analysis of the transcript "
        "and offer areas to improve with exact quotes. Include no preamble. "
        "Start with an overall summary then get into the examples with feedback.",
        input_text=text,
        final_model=aai.LemurModel.claude3_5_sonnet,
    )
    print(result.response)

    assert result.response
    # input_text alone: one chat request, nothing else.
    assert [f"{r.method} {r.path}" for r in scripted.requests[before:]] == [CHAT]
    assert f"Transcript: {text}" in prompt_of(chats(scripted)[0])


def test_readme_multiple_transcripts(scripted: FakeAssemblyAI) -> None:
    transcriber = aai.Transcriber()
    transcript_group = transcriber.transcribe_group(
        ["https://example.org/customer.mp3", "https://example.org/customer2.mp3"]
    )
    # The README's own call leaves out the prompt, which 0.45.4 required too: the same
    # TypeError there and here.
    with pytest.raises(TypeError, match="prompt"):
        transcript_group.lemur.task(  # type: ignore[call-arg]
            context="These are calls of customers asking for cars. Summarize all calls and "
            "create a TLDR.",
            final_model=aai.LemurModel.claude3_5_sonnet,
        )
    result = transcript_group.lemur.task(
        "Summarize all calls and create a TLDR.",
        context="These are calls of customers asking for cars.",
        final_model=aai.LemurModel.claude3_5_sonnet,
    )
    print(result.response)

    assert result.response
    content = prompt_of(chats(scripted)[-1])
    ids = [t.id for t in transcript_group]
    assert f"Transcript 1 (id {ids[0]}):\n{TEXT}" in content
    assert f"Transcript 2 (id {ids[1]}):\n{OTHER}" in content
    assert "Context: These are calls of customers asking for cars." in content


def test_readme_delete_lemur_data_says_why_it_cannot(scripted: FakeAssemblyAI) -> None:
    transcriber = aai.Transcriber()
    transcript_group = transcriber.transcribe_group(["https://example.org/customer.mp3"])
    result = transcript_group.lemur.summarize(
        context="Customers providing sensitive, personally identifiable information",
        answer_format="TLDR",
    )
    request_id = result.request_id
    assert request_id
    before = len(scripted.requests)
    with pytest.raises(LemurGatewayUnsupportedError) as caught:
        aai.Lemur.purge_request_data(request_id)
    assert isinstance(caught.value, aai.LemurError)
    assert "no LLM Gateway counterpart" in str(caught.value)
    assert 'aai.settings.lemur_backend to "lemur"' in str(caught.value)
    with pytest.raises(LemurGatewayUnsupportedError, match="get_response_data"):
        aai.Lemur().get_response_data(request_id)
    with pytest.raises(LemurGatewayUnsupportedError):
        aai.Lemur.purge_request_data_async(request_id).result(timeout=10)
    assert scripted.requests[before:] == []  # refused before anything was sent


def test_readme_group_by_ids_summarize(scripted: FakeAssemblyAI) -> None:
    ids = [
        aai.Transcriber().transcribe(url).id
        for url in ("https://example.org/customer.mp3", "https://example.org/customer2.mp3")
    ]
    transcript_group = aai.TranscriptGroup.get_by_ids(ids)
    summary = transcript_group.lemur.summarize(
        context="Customers asking for cars", answer_format="TLDR"
    )
    print(summary)
    assert summary.response
    content = prompt_of(chats(scripted)[-1])
    assert TEXT in content and OTHER in content


# --- both shells ----------------------------------------------------------------------------

CALLS: list[tuple[str, tuple[Any, ...], dict[str, Any]]] = [
    ("task", ("List the decisions.",), {"context": {"team": "sales"}, "max_output_size": 200}),
    ("summarize", (), {"context": "a call", "answer_format": "one line", "temperature": 0.2}),
    ("action_items", (), {"final_model": aai.LemurModel.claude_opus_4_20250514}),
    ("question", (aai.LemurQuestion(question="Bought?", answer_options=["yes", "no"]),), {}),
]


@pytest.mark.parametrize(("method", "args", "kwargs"), CALLS, ids=[c[0] for c in CALLS])
def test_both_shells_send_the_same_chat_request(
    scripted: FakeAssemblyAI, method: str, args: tuple[Any, ...], kwargs: dict[str, Any]
) -> None:
    transcript_id = SyncShell().transcribe("https://example.org/customer.mp3").id
    sources = [aai.LemurTranscriptSource(transcript_id)]
    before = len(scripted.requests)
    sync_answer = getattr(aai.Lemur(sources=sources), method)(*args, **kwargs)
    sent_sync = scripted.requests[before:]

    async def call_async() -> Any:
        lemur = aai.AsyncLemur(sources=sources, client=aai.Client(settings=aai.settings))
        try:
            return await getattr(lemur, method)(*args, **kwargs)
        finally:
            await lemur._core.client.aclose()

    before = len(scripted.requests)
    async_answer = asyncio.run(call_async())
    sent_async = scripted.requests[before:]
    # A transcript named by id is read first, then the question goes to the gateway.
    assert [(r.method, r.path) for r in sent_sync] == [
        ("GET", f"/v2/transcript/{transcript_id}"),
        ("POST", "/v1/chat/completions"),
    ]
    assert [(r.method, r.path, r.json) for r in sent_sync] == [
        (r.method, r.path, r.json) for r in sent_async
    ]
    assert type(sync_answer) is type(async_answer)
    assert sync_answer.response == async_answer.response
    body = sent_sync[-1].json
    assert TEXT in prompt_of(body)
    if "max_output_size" in kwargs:
        assert body["max_tokens"] == kwargs["max_output_size"]
    if "temperature" in kwargs:
        assert body["temperature"] == kwargs["temperature"]
    if "final_model" in kwargs:
        assert body["model"] == "claude-opus-4-20250514"
    if method == "question":
        [only] = sync_answer.response
        assert only.answer in ("yes", "no")  # the enum held
        schema = body["response_format"]["json_schema"]["schema"]
        assert schema["properties"]["answer_1"]["enum"] == ["yes", "no"]


def test_each_question_gets_exactly_one_answer_in_order(
    shell: SyncShell, scripted: FakeAssemblyAI
) -> None:
    transcript_id = shell.transcribe("https://example.org/customer.mp3").id
    questions = [
        aai.LemurQuestion(question="Which colour?", answer_options=["red", "blue", "green"]),
        aai.LemurQuestion(question="What is the budget?", answer_format="a number"),
        aai.LemurQuestion(question="When is the offer sent?", context="a sales call"),
    ]
    result = shell.lemur_call(shell.lemur([transcript_id]), "question", questions)
    assert [a.question for a in result.response] == [q.question for q in questions]
    assert result.response[0].answer == "red"
    content = prompt_of(chats(scripted)[-1])
    assert "Question 2: What is the budget?\nAnswer format: a number" in content
    assert "Question 3: When is the offer sent?\nContext: a sales call" in content


def test_stored_requests_are_refused_in_both_shells(shell: SyncShell, fake: FakeAssemblyAI) -> None:
    lemur = shell.lemur()
    with pytest.raises(LemurGatewayUnsupportedError, match="get_response_data"):
        shell.lemur_call(lemur, "get_response_data", "any-id")
    if isinstance(lemur, aai.AsyncLemur):
        with pytest.raises(LemurGatewayUnsupportedError, match=r"AsyncLemur\.purge"):
            shell.lemur_call(lemur, "purge", "any-id")
    else:
        with pytest.raises(LemurGatewayUnsupportedError, match="purge_request_data"):
            shell.purge("any-id")
    assert fake.requests == []


def test_a_gateway_failure_is_a_lemur_error(shell: SyncShell, fake: FakeAssemblyAI) -> None:
    fake.faults.add("createChatCompletion", statuses=[400], message="model not available")
    with pytest.raises(aai.LemurError) as caught:
        shell.lemur_call(shell.lemur(), "task", "Summarise", input_text="Alice: hi.")
    assert isinstance(caught.value, aai.BadRequestError)
    assert "failed to call Lemur task (on LLM Gateway)" in str(caught.value)


def test_a_transcript_that_is_not_completed_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(aai.settings, "lemur_backend", "llm_gateway")
    with FakeAssemblyAI(processing_time=30) as fake:
        queued = aai.Transcriber().submit("https://example.org/slow.mp3")
        with pytest.raises(aai.LemurError, match=r"not completed.*wait_for_completion"):
            queued.lemur.summarize()
        assert chats(fake) == []


def test_lemur_timeouts_hold_on_the_gateway(
    shell: SyncShell, fake: FakeAssemblyAI, monkeypatch: pytest.MonkeyPatch
) -> None:
    from assemblyai._core import settings as _settings

    # The plain default is shorter than this answer takes; LeMUR's own default is not.
    monkeypatch.setattr(aai.settings, "http_timeout", _settings._DefaultSeconds(0.3))
    fake.faults.add("createChatCompletion", latency=0.8, times=1)
    assert shell.lemur_call(shell.lemur(), "task", "Summarise", input_text="Alice: hi.").response
    # A timeout given to the call wins.
    monkeypatch.setattr(aai.settings, "max_retries", 0)
    fake.faults.add("createChatCompletion", latency=3.0, times=1)
    with pytest.raises(aai.APITimeoutError):
        shell.lemur_call(shell.lemur(), "task", "Summarise", input_text="x", timeout=0.3)


def test_the_lemur_backend_keeps_the_old_endpoints(
    shell: SyncShell, fake: FakeAssemblyAI, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(aai.settings, "lemur_backend", "lemur")
    transcript_id = shell.transcribe("https://example.org/l.mp3").id
    task = shell.lemur_call(shell.lemur([transcript_id]), "task", "Say hi")
    again = shell.lemur_call(shell.lemur(), "get_response_data", task.request_id)
    assert again.response == task.response
    paths = [f"{r.method} {r.path}" for r in fake.requests]
    assert "POST /lemur/v3/generate/task" in paths
    assert f"GET /lemur/v3/{task.request_id}" in paths
    assert not any(p == CHAT for p in paths)


def test_the_request_json_is_what_the_gateway_spec_allows(scripted: FakeAssemblyAI) -> None:
    # The sandbox validates every request against spec/llm-gateway.yml; this checks it saw them.
    transcript = aai.Transcriber().transcribe("https://example.org/customer.mp3")
    transcript.lemur.question([aai.LemurQuestion(question="Which car?")])
    transcript.lemur.action_items(answer_format="a numbered list")
    assert len(chats(scripted)) == 2
    scripted.assert_no_violations()
    json.dumps(chats(scripted))  # plain JSON


def test_a_clients_own_settings_choose_the_backend(fake: FakeAssemblyAI) -> None:
    # aai.settings says gateway; the client given to this Lemur says LeMUR's endpoints.
    settings = aai.settings.copy()
    settings.lemur_backend = "lemur"
    client = aai.Client(settings=settings)
    try:
        answer = aai.Lemur(client=client).task("Say hi", input_text="Alice: hi.")
    finally:
        client.close()
    assert answer.response
    assert [f"{r.method} {r.path}" for r in fake.requests] == ["POST /lemur/v3/generate/task"]
