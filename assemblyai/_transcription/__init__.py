"""Transcription: the sync and asyncio transcribers, transcripts, groups, the configuration and the response models with behaviour."""
