"""Pre-recorded (queued and polled) transcription: ``assemblyai.prerecorded.v2``.

The official SDK 1.0's module path; the classes are the ones ``assemblyai`` exports.
"""

from assemblyai.prerecorded import v2 as v2

__all__ = ["v2"]
