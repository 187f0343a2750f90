"""The transcription layer end to end, over real sockets, for the sync and async shells alike."""

from __future__ import annotations

import io
import wave
from pathlib import Path

import pytest

import assemblyai as aai
from assemblyai.testing import FakeAssemblyAI
from tests.lemur_backend import old_lemur_endpoints  # noqa: F401  (LeMUR's own endpoints)

from .conftest import SyncShell

SCRIPT = "Hello world. This is a test of the sandbox. Goodbye now."


def make_wav(path: Path, seconds: float = 1.0, rate: int = 8000) -> Path:
    with wave.open(str(path), "wb") as handle:
        handle.setnchannels(1)
        handle.setsampwidth(2)
        handle.setframerate(rate)
        handle.writeframes(b"\x01\x00" * int(rate * seconds))
    return path


def posted_bodies(fake: FakeAssemblyAI) -> list[dict[str, object]]:
    return [r.json for r in fake.requests_to("POST /v2/transcript")]


def test_transcribe_url_returns_completed_transcript(
    shell: SyncShell, fake: FakeAssemblyAI
) -> None:
    fake.register_script("https://example.org/hello.mp3", text=SCRIPT)
    transcript = shell.transcribe("https://example.org/hello.mp3")
    assert transcript.status == aai.TranscriptStatus.completed
    assert transcript.text == SCRIPT
    assert [w.text for w in transcript.words][:2] == ["Hello", "world."]
    # The 2026 API needs speech models; with none named the SDK sends its default pair.
    assert posted_bodies(fake) == [
        {
            "audio_url": "https://example.org/hello.mp3",
            "speech_models": ["universal-3-5-pro", "universal-2"],
        }
    ]


@pytest.mark.parametrize("kind", ["path", "pathlike", "bytes", "file"])
def test_transcribe_local_inputs_upload_first(
    shell: SyncShell, fake: FakeAssemblyAI, tmp_path: Path, kind: str
) -> None:
    wav = make_wav(tmp_path / "speech.wav")
    fake.register_script(wav, text=SCRIPT)
    data = wav.read_bytes()
    source: object = {
        "path": str(wav),
        "pathlike": wav,
        "bytes": data,
        "file": io.BytesIO(data),
    }[kind]
    transcript = shell.transcribe(source)
    assert transcript.text == SCRIPT
    assert list(fake.uploads.values()) == [data]
    (body,) = posted_bodies(fake)
    assert str(body["audio_url"]).startswith(fake.base_url)


def test_error_status_is_returned_not_raised(shell: SyncShell, fake: FakeAssemblyAI) -> None:
    fake.register_script("https://example.org/bad.mp3", error="Audio file is corrupt.")
    transcript = shell.transcribe("https://example.org/bad.mp3")
    assert transcript.status == aai.TranscriptStatus.error
    assert transcript.error == "Audio file is corrupt."


def test_config_json_reaches_the_api(shell: SyncShell, fake: FakeAssemblyAI) -> None:
    config = aai.TranscriptionConfig(
        speaker_labels=True,
        speakers_expected=2,
        punctuate=True,
        auto_chapters=True,
        sentiment_analysis=True,
        entity_detection=True,
        auto_highlights=True,
        iab_categories=True,
        content_safety=True,
    ).set_custom_spelling({"Kubernetes": ["k8s"]})
    transcript = shell.transcribe("https://example.org/all.mp3", config)
    (body,) = posted_bodies(fake)
    assert body["custom_spelling"] == [{"from": ["k8s"], "to": "Kubernetes"}]
    assert body["speaker_labels"] is True and body["speakers_expected"] == 2
    assert transcript.utterances and transcript.utterances[0].speaker
    assert transcript.chapters
    assert transcript.sentiment_analysis and transcript.entities is not None
    assert transcript.auto_highlights is not None and transcript.iab_categories is not None
    assert transcript.content_safety is not None
    rebuilt = transcript.config
    assert rebuilt.speaker_labels is True and rebuilt.custom_spelling == {"Kubernetes": ["k8s"]}


def test_summarization(shell: SyncShell, fake: FakeAssemblyAI) -> None:
    fake.register_script("https://example.org/s.mp3", text=SCRIPT)
    config = aai.TranscriptionConfig().set_summarize(
        model=aai.SummarizationModel.informative, type=aai.SummarizationType.bullets
    )
    transcript = shell.transcribe("https://example.org/s.mp3", config)
    (body,) = posted_bodies(fake)
    assert body["summarization"] is True and body["summary_type"] == "bullets"
    assert transcript.summary


def test_exports_and_search(shell: SyncShell, fake: FakeAssemblyAI) -> None:
    fake.register_script("https://example.org/e.mp3", text=SCRIPT)
    transcript = shell.transcribe("https://example.org/e.mp3")
    srt = shell.srt(transcript)
    assert srt.startswith("1\n00:00:00,000 --> ")
    assert "Hello world." in srt
    vtt = shell.vtt(transcript, 10)
    assert vtt.startswith("WEBVTT")
    assert fake.requests_to("GET /v2/transcript/{transcript_id}/{subtitle_format}")[-1].query == {
        "chars_per_caption": ["10"]
    }
    sentences = shell.sentences(transcript)
    assert [s.text for s in sentences] == [
        "Hello world.",
        "This is a test of the sandbox.",
        "Goodbye now.",
    ]
    assert shell.paragraphs(transcript)[0].text.startswith("Hello world.")
    matches = shell.search(transcript, ["hello", "sandbox"])
    assert sorted((m.text, m.count) for m in matches) == [("hello", 1), ("sandbox", 1)]
    (search,) = fake.requests_to("GET /v2/transcript/{transcript_id}/word-search")
    assert search.query == {"words": ["hello,sandbox"]}


def test_get_by_id_and_delete(shell: SyncShell, fake: FakeAssemblyAI) -> None:
    fake.register_script("https://example.org/d.mp3", text=SCRIPT)
    transcript_id = shell.submit("https://example.org/d.mp3").id
    fetched = shell.get(transcript_id)
    assert fetched.id == transcript_id and fetched.text == SCRIPT
    deleted = shell.delete(transcript_id)
    assert deleted.text == "Deleted by user."
    assert deleted.audio_url == "http://deleted_by_user"


def test_unknown_id_raises_not_found(shell: SyncShell, fake: FakeAssemblyAI) -> None:
    with pytest.raises(aai.TranscriptError) as caught:
        shell.get("does-not-exist")
    assert isinstance(caught.value, aai.NotFoundError)
    assert caught.value.status_code == 404
    assert "failed to retrieve transcript does-not-exist" in str(caught.value)


def test_wrong_key_raises_authentication_error(shell: SyncShell, fake: FakeAssemblyAI) -> None:
    aai.settings.api_key = "wrong-key"
    with pytest.raises(aai.AuthenticationError) as caught:
        shell.transcribe("https://example.org/a.mp3")
    assert caught.value.status_code == 401
    assert "wrong-key" not in str(caught.value)


def test_list_and_paginate(shell: SyncShell, fake: FakeAssemblyAI) -> None:
    ids = [shell.submit(f"https://example.org/{n}.mp3").id for n in range(7)]
    page = shell.list(aai.ListTranscriptParameters(limit=3))
    assert len(page.transcripts) == 3
    assert page.page_details.before_id_of_prev_url == page.transcripts[-1].id
    walked = shell.iter_all({"limit": 3})
    assert sorted(item.id for item in walked) == sorted(ids)
    assert len({item.id for item in walked}) == 7
    completed = shell.list(aai.ListTranscriptParameters(status=aai.TranscriptStatus.completed))
    assert all(item.status == "completed" for item in completed.transcripts)


def test_group_keeps_input_order(shell: SyncShell, fake: FakeAssemblyAI) -> None:
    urls = [f"https://example.org/g{n}.mp3" for n in range(6)]
    for n, url in enumerate(urls):
        fake.register_script(url, text=f"Number {n}.", processing_time=0.3 - n * 0.05)
    transcripts = shell.group(urls)
    assert [t.text for t in transcripts] == [f"Number {n}." for n in range(6)]


def test_polling_deadline_raises_typed_timeout(shell: SyncShell, fake: FakeAssemblyAI) -> None:
    fake.register_script("https://example.org/slow.mp3", processing_time=30)
    with pytest.raises(aai.APITimeoutError) as caught:
        shell.transcribe("https://example.org/slow.mp3", polling_timeout=0.2)
    assert isinstance(caught.value, aai.TranscriptError)
    assert "after 0.2 s" in str(caught.value)


def test_redacted_audio(shell: SyncShell, fake: FakeAssemblyAI, tmp_path: Path) -> None:
    config = aai.TranscriptionConfig().set_redact_pii(
        policies=[aai.PIIRedactionPolicy.person_name], redact_audio=True
    )
    transcript = shell.transcribe("https://example.org/pii.mp3", config)
    url = shell.redacted_url(transcript)
    assert url.startswith(fake.base_url)
    target = tmp_path / "redacted.wav"
    shell.save_redacted(transcript, target)
    assert target.read_bytes()[:4] == b"RIFF"
    assert not (tmp_path / "redacted.wav.part").exists()


def test_redacted_audio_needs_redaction_config(shell: SyncShell, fake: FakeAssemblyAI) -> None:
    transcript = shell.transcribe("https://example.org/plain.mp3")
    with pytest.raises(ValueError, match="redact_pii"):
        shell.redacted_url(transcript)


def test_lemur_generate_calls(shell: SyncShell, fake: FakeAssemblyAI) -> None:
    fake.register_script("https://example.org/l.mp3", text=SCRIPT)
    transcript_id = shell.transcribe("https://example.org/l.mp3").id
    lemur = shell.lemur([transcript_id])
    task = shell.lemur_call(
        lemur, "task", "What is said?", final_model=aai.LemurModel.claude3_5_sonnet
    )
    assert isinstance(task, aai.LemurTaskResponse) and task.response and task.request_id
    summary = shell.lemur_call(lemur, "summarize", context="a test", answer_format="one line")
    assert isinstance(summary, aai.LemurSummaryResponse)
    if fake.responses == "spec":
        assert summary.usage.input_tokens >= 0
    else:  # the real API often leaves usage out
        assert summary.usage is None
    items = shell.lemur_call(lemur, "action_items")
    assert isinstance(items, aai.LemurActionItemsResponse)
    answers = shell.lemur_call(
        lemur,
        "question",
        [aai.LemurQuestion(question="Is it a test?", answer_options=["yes", "no"])],
    )
    assert [a.question for a in answers.response] == ["Is it a test?"]
    assert answers.response[0].answer in {"yes", "no"}
    bodies = [r.json for r in fake.requests if r.path.startswith("/lemur/v3/generate")]
    assert all(body["transcript_ids"] == [transcript_id] for body in bodies)
    purged = shell.purge(task.request_id)
    assert purged.deleted is True and purged.request_id_to_purge == task.request_id


def test_lemur_input_text(shell: SyncShell, fake: FakeAssemblyAI) -> None:
    result = shell.lemur_call(shell.lemur(), "task", "Summarise", input_text="Alice: hi. Bob: bye.")
    assert result.response
    with pytest.raises(aai.LemurError) as caught:
        shell.lemur_call(shell.lemur(["no-such-transcript"]), "summarize")
    assert caught.value.status_code in {400, 404}


def test_bad_input_sends_nothing(shell: SyncShell, fake: FakeAssemblyAI, tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match=r"missing\.wav"):
        shell.transcribe(str(tmp_path / "missing.wav"))
    with pytest.raises(TypeError, match="int"):
        shell.transcribe(42)
    (tmp_path / "empty.wav").write_bytes(b"")
    with pytest.raises(aai.ConfigurationError, match="empty"):
        shell.transcribe(tmp_path / "empty.wav")
    assert fake.requests == []


def test_local_rendering_matches_the_sandbox(shell: SyncShell, fake: FakeAssemblyAI) -> None:
    fake.register_script("https://example.org/r.mp3", text=SCRIPT)
    transcript = shell.transcribe("https://example.org/r.mp3")
    requests_before = len(fake.requests)
    local_srt = transcript.render_subtitles_srt(chars_per_caption=20)
    local_vtt = transcript.render_subtitles_vtt()
    local_sentences = [s.text for s in transcript.render_sentences()]
    local_paragraphs = [p.text for p in transcript.render_paragraphs()]
    assert len(fake.requests) == requests_before, "local rendering must not call the API"
    assert local_srt == shell.srt(transcript, 20)
    assert local_vtt == shell.vtt(transcript)
    assert local_sentences == [s.text for s in shell.sentences(transcript)]
    assert local_paragraphs == [p.text for p in shell.paragraphs(transcript)]


def test_upload_file_then_transcribe_the_url(
    shell: SyncShell, fake: FakeAssemblyAI, tmp_path: Path
) -> None:
    wav = make_wav(tmp_path / "u.wav")
    url = shell.upload(wav)
    assert url.startswith(fake.base_url)
    assert list(fake.uploads.values()) == [wav.read_bytes()]
    fake.register_script(wav, text=SCRIPT)
    assert shell.transcribe(url).text == SCRIPT


def test_lemur_response_data_by_request_id(shell: SyncShell, fake: FakeAssemblyAI) -> None:
    lemur = shell.lemur()
    task = shell.lemur_call(lemur, "task", "Say hi", input_text="Alice: hi.")
    again = shell.lemur_call(lemur, "get_response_data", task.request_id)
    assert isinstance(again, aai.LemurStringResponse)
    assert (again.request_id, again.response) == (task.request_id, task.response)
    answers = shell.lemur_call(
        lemur, "question", aai.LemurQuestion(question="Hi?"), input_text="Alice: hi."
    )
    fetched = shell.lemur_call(lemur, "get_response_data", answers.request_id)
    assert isinstance(fetched, aai.LemurQuestionResponse)
    assert [a.question for a in fetched.response] == ["Hi?"]


def test_base_url_with_v2_names_the_base_url(shell: SyncShell, fake: FakeAssemblyAI) -> None:
    aai.settings.base_url = fake.base_url + "/v2"
    with pytest.raises(aai.NotFoundError) as caught:
        shell.submit("https://example.org/a.mp3")
    message = str(caught.value)
    assert "aai.settings.base_url" in message and "/v2/v2/transcript" in message
    assert "Check the id" not in message
    assert [v.target for v in fake.violations] == ["/v2/v2/transcript"]
    fake.violations.clear()
