"""The REST examples of the official 1.0.0 README, run unchanged in spirit against the sandbox.

Each test is one README example, in our own words but with 1.0's calls: ``speech_models=[...]``
in every config, ``async with aai.AsyncTranscriber(...)``, ``aai.AsyncClient(settings=...)``,
``transcriber.get_by_id``/``delete_by_id``, ``transcribe_group(..., max_concurrency=...)``,
``poll_timeout=``, ``api_key=``, and the ``assemblyai.prerecorded.v2`` module path. Where the
README prints, these check that there is something to print. The README's streaming examples
(``assemblyai.streaming.v3``) and synchronous-API examples (``assemblyai.sync.v1``) are tested
by their own parts of the SDK, not here.

They run against the real-shaped sandbox, as a program written from the README meets what
the API really sends (``--assemblyai-responses=spec`` runs them against the spec-shaped one).
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

import assemblyai as aai
from assemblyai.testing import FakeAssemblyAI
from assemblyai.testing._audio import make_wav

AUDIO = "https://assembly.ai/wildfires.mp3"
MODELS = ["universal-3-5-pro", "universal-2"]
SANDBOX_RESPONSES = ("real",)


@pytest.fixture
def audio_file(tmp_path: Path) -> Path:
    path = tmp_path / "example.wav"
    path.write_bytes(make_wav(1.0))
    return path


def sent_models(fake: FakeAssemblyAI) -> list[object]:
    return [r.json["speech_models"] for r in fake.requests_to("POST /v2/transcript") if r.json]


def test_transcribe_a_local_file(fake: FakeAssemblyAI, audio_file: Path) -> None:
    config = aai.TranscriptionConfig(
        speech_models=MODELS, language_detection=True, speaker_labels=True
    )
    transcript = aai.Transcriber().transcribe(str(audio_file), config=config)
    assert transcript.status != aai.TranscriptStatus.error, transcript.error
    assert transcript.text
    assert sent_models(fake) == [MODELS]


def test_transcribe_a_url_and_binary_data(fake: FakeAssemblyAI, audio_file: Path) -> None:
    config = aai.TranscriptionConfig(speech_models=MODELS, language_detection=True)
    assert aai.Transcriber().transcribe(AUDIO, config=config).text

    transcriber = aai.Transcriber()
    data = audio_file.read_bytes()
    assert transcriber.transcribe(data).text
    upload_url = transcriber.upload_file(data)
    assert transcriber.transcribe(upload_url).text


def test_export_subtitles_sentences_paragraphs_and_word_search(fake: FakeAssemblyAI) -> None:
    config = aai.TranscriptionConfig(speech_models=MODELS, language_detection=True)
    transcript = aai.Transcriber(config=config).transcribe(AUDIO)
    assert transcript.status != "error"
    assert "-->" in transcript.export_subtitles_srt(chars_per_caption=32)
    assert transcript.export_subtitles_vtt().startswith("WEBVTT")
    assert [s.text for s in transcript.get_sentences()]
    assert [p.text for p in transcript.get_paragraphs()]
    for match in transcript.word_search(["foo", "bar", "foo bar", "42"]):
        assert f"Found '{match.text}' {match.count} times"


def test_custom_spelling(fake: FakeAssemblyAI) -> None:
    config = aai.TranscriptionConfig(speech_models=MODELS, language_detection=True)
    config.set_custom_spelling({"Gettleman": ["gettleman"], "SQL": ["Sequel"]})
    transcript = aai.Transcriber(config=config).transcribe(AUDIO)
    assert transcript.text
    (request,) = fake.requests_to("POST /v2/transcript")
    assert request.json and request.json["custom_spelling"] == [
        {"from": ["gettleman"], "to": "Gettleman"},
        {"from": ["Sequel"], "to": "SQL"},
    ]


def test_delete_then_get(fake: FakeAssemblyAI) -> None:
    config = aai.TranscriptionConfig(speech_models=MODELS, language_detection=True)
    transcript = aai.Transcriber(config=config).transcribe(AUDIO)
    assert transcript.text
    transcript.delete_by_id(transcript.id)
    transcript = aai.Transcript.get_by_id(transcript.id)
    assert transcript.text != "Hello"  # the API blanks a deleted transcript's content


def test_list_transcripts_and_paginate(fake: FakeAssemblyAI) -> None:
    transcriber = aai.Transcriber()
    for _ in range(3):
        transcriber.submit(AUDIO, aai.TranscriptionConfig(speech_models=MODELS))
    page = transcriber.list_transcripts()
    assert page.page_details and page.transcripts
    params = aai.ListTranscriptParameters(limit=3, status=aai.TranscriptStatus.completed)
    transcriber.list_transcripts(params)
    params = aai.ListTranscriptParameters(limit=1)
    page = transcriber.list_transcripts(params)
    seen = [t.id for t in page.transcripts]
    while page.page_details.before_id_of_prev_url is not None:
        params.before_id = page.page_details.before_id_of_prev_url
        page = transcriber.list_transcripts(params)
        seen += [t.id for t in page.transcripts]
    assert len(seen) == 3


def test_asyncio_transcribe_with_async_with(fake: FakeAssemblyAI, audio_file: Path) -> None:
    async def main() -> str | None:
        config = aai.TranscriptionConfig(speech_models=MODELS, speaker_labels=True)
        async with aai.AsyncTranscriber(config=config) as transcriber:
            transcript = await transcriber.transcribe(str(audio_file))
            if transcript.status == aai.TranscriptStatus.error:
                raise RuntimeError(f"Transcription failed: {transcript.error}")
            return transcript.text

    assert asyncio.run(main())
    assert sent_models(fake) == [MODELS]


def test_asyncio_many_files_concurrently(fake: FakeAssemblyAI, tmp_path: Path) -> None:
    names = ["one", "two", "three"]
    for name in names:
        (tmp_path / f"{name}.wav").write_bytes(make_wav(1.0))
    paths = [str(tmp_path / f"{name}.wav") for name in names]

    async def main() -> list[str | None]:
        async with aai.AsyncTranscriber() as transcriber:
            pair = await asyncio.gather(
                transcriber.transcribe(paths[0]), transcriber.transcribe(paths[1])
            )
            assert all(t.text for t in pair)
            transcripts = await transcriber.transcribe_group(paths, max_concurrency=2)
            kept, errors = await transcriber.transcribe_group(paths, return_failures=True)
            assert len(kept) == 3 and errors == []
            return [t.text for t in transcripts]

    assert all(asyncio.run(main()))


def test_asyncio_submit_now_collect_later(fake: FakeAssemblyAI) -> None:
    async def main() -> None:
        async with aai.AsyncTranscriber() as transcriber:
            transcript = await transcriber.submit("https://example.org/audio.mp3")
            assert transcript.id and transcript.status == aai.TranscriptStatus.queued
            transcript = await transcriber.get_by_id(transcript.id)
            assert transcript.text
            assert await transcript.get_sentences()
            assert "-->" in await transcript.export_subtitles_srt()
            deleted = await transcriber.delete_by_id(transcript.id)
            assert deleted.id == transcript.id

    asyncio.run(main())


def test_asyncio_share_one_pool(fake: FakeAssemblyAI) -> None:
    async def main() -> None:
        async with aai.AsyncClient(settings=aai.settings) as client:
            verbatim = aai.AsyncTranscriber(
                client=client, config=aai.TranscriptionConfig(disfluencies=True)
            )
            clean = aai.AsyncTranscriber(client=client)
            await verbatim.transcribe(AUDIO)
            await clean.transcribe(AUDIO)
            assert client.last_response is not None

    asyncio.run(main())
    first, second = fake.requests_to("POST /v2/transcript")
    assert first.json and first.json.get("disfluencies") is True
    assert second.json and "disfluencies" not in second.json


def test_pii_redaction_and_redacted_audio(fake: FakeAssemblyAI) -> None:
    config = aai.TranscriptionConfig(speech_models=MODELS, language_detection=True).set_redact_pii(
        policies=[
            aai.PIIRedactionPolicy.person_name,
            aai.PIIRedactionPolicy.organization,
            aai.PIIRedactionPolicy.occupation,
        ],
        substitution=aai.PIISubstitutionPolicy.hash,
        redact_audio=True,
    )
    transcript = aai.Transcriber().transcribe(AUDIO, config)
    assert transcript.id and "Maria Lopez" not in (transcript.text or "")
    assert transcript.get_redacted_audio_url().startswith("http")


def test_speech_understanding_features(fake: FakeAssemblyAI) -> None:
    config = aai.TranscriptionConfig(
        speech_models=MODELS,
        language_detection=True,
        auto_chapters=True,
        content_safety=True,
        sentiment_analysis=True,
        entity_detection=True,
        iab_categories=True,
        auto_highlights=True,
    )
    transcript = aai.Transcriber().transcribe(AUDIO, config)
    assert all(f"{c.start}-{c.end}: {c.headline}" for c in transcript.chapters)
    for result in transcript.content_safety.results:
        assert result.timestamp.start <= result.timestamp.end
        assert all(label.label for label in result.labels)
    assert all(c * 100 >= 0 for c in transcript.content_safety.summary.values())
    for score in transcript.content_safety.severity_score_summary.values():
        assert score.low + score.medium + score.high >= 0
    assert all(s.sentiment and s.start <= s.end for s in transcript.sentiment_analysis)
    assert all(e.entity_type and e.text for e in transcript.entities)
    for result in transcript.iab_categories.results:
        assert all(label.relevance >= 0 for label in result.labels)
    assert all(r >= 0 for r in transcript.iab_categories.summary.values())
    assert all(r.text and r.count >= 1 for r in transcript.auto_highlights.results)


def test_summarization(fake: FakeAssemblyAI) -> None:
    config = aai.TranscriptionConfig(
        speech_models=MODELS,
        language_detection=True,
        summarization=True,
        summary_model=aai.SummarizationModel.informative,
        summary_type=aai.SummarizationType.bullets,
    )
    transcript = aai.Transcriber().transcribe(AUDIO, config)
    assert transcript.id and transcript.summary


def test_defaults_and_per_call_override(fake: FakeAssemblyAI) -> None:
    transcriber = aai.Transcriber(
        config=aai.TranscriptionConfig(punctuate=False, format_text=False)
    )
    transcriber.transcribe("https://example.org/audio.wav")
    transcriber.config = aai.TranscriptionConfig(punctuate=False, format_text=False)
    transcriber.transcribe(
        "https://example.com/audio.mp3",
        config=aai.TranscriptionConfig(speech_models=MODELS, multichannel=True, disfluencies=True),
    )
    first, second = (r.json for r in fake.requests_to("POST /v2/transcript"))
    assert first and first["punctuate"] is False
    assert second and second["multichannel"] is True and "punctuate" not in second


def test_status_code_and_last_response(fake: FakeAssemblyAI) -> None:
    fake.faults.add("POST /v2/upload", statuses=[400], message="bad audio")
    transcriber = aai.Transcriber()
    with pytest.raises(aai.AssemblyAIError) as caught:
        transcriber.submit(b"not really audio")
    assert caught.value.status_code == 400
    client = aai.Client.get_default()
    assert client.last_response is not None and client.last_response.status_code == 400


def test_settings_polling_and_existing_transcripts(
    fake: FakeAssemblyAI, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(aai.settings, "http_timeout", 60.0)
    aai.settings.polling_interval = 0.05
    first = aai.Transcriber().submit(AUDIO)
    second = aai.Transcriber().submit(AUDIO)
    transcript = aai.Transcript.get_by_id(first.id)
    assert transcript.id == first.id and transcript.text
    group = aai.TranscriptGroup.get_by_ids([first.id, second.id])
    assert [t.id for t in group] == [first.id, second.id]
    assert aai.Transcript.get_by_id_async(first.id).result(timeout=20).text
    assert len(aai.TranscriptGroup.get_by_ids_async([first.id]).result(timeout=20).transcripts) == 1


def test_versioned_module_path_api_key_and_poll_timeout(fake: FakeAssemblyAI) -> None:
    from assemblyai.prerecorded.v2 import AsyncTranscriber, Transcriber, TranscriptionConfig

    key = aai.settings.api_key
    aai.settings.api_key = None
    transcript = Transcriber(api_key=key).transcribe(
        AUDIO, TranscriptionConfig(speech_models=MODELS), poll_timeout=30
    )
    assert transcript.text

    async def main() -> str | None:
        async with AsyncTranscriber(api_key=key) as transcriber:
            done = await transcriber.transcribe(AUDIO, poll_timeout=30)
            return done.text

    assert asyncio.run(main())
