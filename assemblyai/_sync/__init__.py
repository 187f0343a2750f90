"""The synchronous transcription API (``https://sync.assemblyai.com``), behind ``assemblyai.sync.v1``.

Layout: ``config`` (the options and their limits), ``audio`` (WAV and raw PCM: what is sent,
checked before sending), ``errors`` (``SyncTranscriptError`` from problem details and the older
envelopes), ``requests`` (the two calls as :class:`~assemblyai._http.operations.Operation`\\ s),
all pure and shared; ``transcriber`` and ``async_transcriber`` are the two I/O shells.
"""
