"""An application written only against the public API, the way the 0.45.4 README shows it.

Nothing here touches SDK internals: ``import assemblyai as aai`` and the sandbox from
``assemblyai.testing``. Each block mirrors a README section of the official SDK.
"""

from __future__ import annotations

import wave
from pathlib import Path

import pytest

import assemblyai as aai
from assemblyai.testing import FakeAssemblyAI, ResponseStyle

SPEECH = (
    "Hi, this is Alice from Acme. My phone number is 555 0100. "
    "We will ship the Kubernetes release on Friday. Bob will write the notes."
)


def write_wav(path: Path) -> Path:
    with wave.open(str(path), "wb") as handle:
        handle.setnchannels(1)
        handle.setsampwidth(2)
        handle.setframerate(16000)
        handle.writeframes(b"\x00\x01" * 16000 * 5)
    return path


def test_readme_application(tmp_path: Path, sandbox_responses: ResponseStyle) -> None:
    audio_file = write_wav(tmp_path / "meeting.wav")
    with FakeAssemblyAI(processing_time=0.1, responses=sandbox_responses) as fake:
        fake.register_script(audio_file, text=SPEECH)
        fake.register_script("https://example.org/meeting.mp3", text=SPEECH)

        # Transcribe a local file, a URL and bytes.
        transcriber = aai.Transcriber()
        transcript = transcriber.transcribe(str(audio_file))
        assert transcript.status == aai.TranscriptStatus.completed
        assert transcript.text == SPEECH
        from_url = transcriber.transcribe("https://example.org/meeting.mp3")
        from_bytes = transcriber.transcribe(audio_file.read_bytes())
        assert from_url.text == from_bytes.text == SPEECH

        # Subtitles, sentences and paragraphs, word search.
        srt = transcript.export_subtitles_srt(chars_per_caption=32)
        vtt = transcript.export_subtitles_vtt()
        assert srt.startswith("1\n") and vtt.startswith("WEBVTT")
        sentences = transcript.get_sentences()
        assert sentences[0].text == "Hi, this is Alice from Acme."
        assert transcript.get_paragraphs()
        matches = transcript.word_search(["Friday", "notes"])
        assert {m.text.lower() for m in matches} == {"friday", "notes"}

        # Custom spelling, speaker labels, and a config set on the transcriber by default.
        config = aai.TranscriptionConfig(speaker_labels=True)
        config.set_custom_spelling({"K8s": ["Kubernetes"]})
        spelled = aai.Transcriber(config=config).transcribe("https://example.org/meeting.mp3")
        assert "K8s" in (spelled.text or "")
        assert spelled.utterances and {u.speaker for u in spelled.utterances} <= {"A", "B"}

        # PII redaction, with the redacted audio saved to disk.
        pii = aai.TranscriptionConfig().set_redact_pii(
            policies=[aai.PIIRedactionPolicy.person_name, aai.PIIRedactionPolicy.phone_number],
            redact_audio=True,
            substitution=aai.PIISubstitutionPolicy.hash,
        )
        redacted = transcriber.transcribe("https://example.org/meeting.mp3", config=pii)
        assert "Alice" not in (redacted.text or "")
        redacted.save_redacted_audio(str(tmp_path / "redacted.wav"))
        assert (tmp_path / "redacted.wav").stat().st_size > 44

        # Every audio-intelligence option at once.
        intelligence = aai.TranscriptionConfig(
            sentiment_analysis=True,
            entity_detection=True,
            auto_highlights=True,
            iab_categories=True,
            content_safety=True,
            auto_chapters=True,
            language_detection=True,
        )
        rich = transcriber.transcribe("https://example.org/meeting.mp3", config=intelligence)
        assert rich.sentiment_analysis and rich.entities is not None and rich.chapters
        assert rich.auto_highlights is not None and rich.iab_categories is not None
        assert rich.content_safety is not None and rich.json_response["language_code"]

        # Polling interval, and the last HTTP response of the default client.
        aai.settings.polling_interval = 0.02
        aai.Transcriber().transcribe("https://example.org/meeting.mp3")
        last = aai.Client.get_default().last_response
        assert last is not None and last.status_code == 200

        # List with pagination, then delete.
        params = aai.ListTranscriptParameters(limit=2)
        page = transcriber.list_transcripts(params)
        seen = [t.id for t in page.transcripts]
        while page.page_details.before_id_of_prev_url is not None:
            params.before_id = page.page_details.before_id_of_prev_url
            page = transcriber.list_transcripts(params)
            seen.extend(t.id for t in page.transcripts)
        assert len(seen) == len(set(seen)) == len(fake.transcript_ids)
        deleted = aai.Transcript.delete_by_id(transcript.id)
        assert deleted.text == "Deleted by user."

        # LeMUR: summary, question and answer, a task over custom text, a group, purge.
        summary = transcript.lemur.summarize(
            context="A product meeting",
            answer_format="TLDR",
            final_model=aai.LemurModel.claude3_5_sonnet,
        )
        assert summary.response
        questions = [
            aai.LemurQuestion(question="When is the release?", answer_format="short sentence"),
            aai.LemurQuestion(question="Who writes notes?", answer_options=["Alice", "Bob"]),
        ]
        answers = from_url.lemur.question(questions)
        assert [a.question for a in answers.response] == [q.question for q in questions]
        text = "".join(f"Speaker {u.speaker}:\n{u.text}\n" for u in spelled.utterances or [])
        task = aai.Lemur().task("Summarise this call.", input_text=text)
        assert task.response
        group = transcriber.transcribe_group(["https://example.org/meeting.mp3", str(audio_file)])
        assert group.status == aai.TranscriptStatus.completed
        group_task = group.lemur.task(
            "What was decided?", final_model=aai.LemurModel.claude3_5_sonnet
        )
        assert group_task.response
        # LeMUR now runs on LLM Gateway, which keeps nothing to purge, and says so; LeMUR's
        # own endpoints, for accounts that still have them, purge as before.
        with pytest.raises(aai.LemurError, match="no LLM Gateway counterpart"):
            aai.Lemur.purge_request_data(group_task.request_id)
        saved_backend = aai.settings.lemur_backend
        aai.settings.lemur_backend = "lemur"
        try:
            sources = [aai.LemurSource(t) for t in group]
            old_task = aai.Lemur(sources=sources).task("What was decided?")
            purged = aai.Lemur.purge_request_data(old_task.request_id)
        finally:
            aai.settings.lemur_backend = saved_backend
        assert purged.deleted
