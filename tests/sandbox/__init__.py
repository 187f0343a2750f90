"""Tests of the offline sandbox (assemblyai.testing), driven with plain httpx."""
