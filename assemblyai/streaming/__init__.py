"""Live (streaming) speech-to-text.

Use ``assemblyai.streaming.v3`` (``StreamingClient``, ``AsyncStreamingClient``). The legacy v2
protocol lives on as ``assemblyai.RealtimeTranscriber``. Nothing is imported here, so
``import assemblyai`` stays cheap: streaming loads on first use.
"""
