"""This SDK's own version, and the official releases of ``assemblyai`` it stands in for.

The distribution has the official SDK's name, so that ``import assemblyai`` code runs
unchanged; its version is its own, so that ``pip`` (and a user reading ``pip list``) can tell
which of the two is installed. It is above both official releases, so a requirement such as
``assemblyai>=0.45`` or ``assemblyai>=1.0`` is met by it.
"""

__version__ = "1.1.0"

# Code written for these official releases runs unchanged on this SDK.
DROP_IN_FOR: tuple[str, ...] = ("0.45.4", "1.0.0")
