"""The ``assemblyai_fake`` fixture, for ``pytest_plugins = ["assemblyai.testing.pytest_plugin"]``.

The installed pytest plugin (entry point ``assemblyai``) is the top-level module
``_assemblyai_pytest_plugin``, so that having the SDK installed adds no import to a test run
that does not use the sandbox; this module only re-exports its fixture.
"""

from _assemblyai_pytest_plugin import assemblyai_fake

__all__ = ["assemblyai_fake"]
