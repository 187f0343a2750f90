"""The ``assemblyai`` command-line tool (also ``python -m assemblyai``).

``import assemblyai`` never imports this package; the console script and ``python -m
assemblyai`` do. :func:`main` takes the arguments and returns the exit status, so it can be
called in-process (the tests do, with a ``FakeAssemblyAI`` running).

Modules, one concern each: ``_app`` (parser, settings, sandbox, exit statuses),
``_transcribe``, ``_batch`` (+ ``_batch_state``, the pure resume logic, and
``_batch_store``, inputs and the state file), ``_manage``
(get/list/delete/subtitles/search), ``_lemur``, ``_stream``, ``_config_flags`` (every
``TranscriptionConfig`` option as a flag), ``_output`` (formats), ``_progress`` (terminal
feedback) and ``_common``.
"""

from assemblyai.cli._app import build_parser, main

__all__ = ["build_parser", "main"]
