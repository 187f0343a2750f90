"""Which ``Client`` a transcriber sends with: the official 1.0's ``api_key=`` over ``client=``.

Shared by the sync and asyncio transcribers, so both resolve the same way.
"""

from __future__ import annotations

import threading

from assemblyai._core import settings as _settings
from assemblyai._http.client import Client

__all__ = ["ClientSource"]


class ClientSource:
    """The client for each call, chosen once from what the transcriber was given.

    - ``client`` alone: that client, which stays the caller's (never closed here).
    - ``client`` and ``api_key``: the key wins, as in the official 1.0. A client of the
      transcriber's own is made now from a copy of ``client``'s settings with the key replaced;
      the given client is left untouched.
    - ``api_key`` alone: a client of the transcriber's own, from ``aai.settings`` with the key
      replaced. It is made again when ``aai.settings`` changes, so a later region or host
      change applies, as it does for the default client.
    - neither: the shared default client (``Client.get_default()``), or, with ``private=True``
      (the asyncio transcriber, whose pool 1.0 makes per transcriber), a client of its own made
      as in the previous case.

    A client of its own that a settings change replaced is kept until :meth:`retire_owned`, so
    closing the transcriber also closes it.
    """

    def __init__(
        self, client: Client | None, api_key: str | None, *, private: bool = False
    ) -> None:
        if client is not None and not isinstance(client, Client):
            hint = (
                " An aai.AsyncClient goes with aai.AsyncTranscriber."
                if type(client).__name__ == "AsyncClient"
                else ""
            )
            raise TypeError(f"client must be an aai.Client, not {type(client).__name__}.{hint}")
        if api_key is not None:
            _settings.check_api_key(api_key, "api_key")
        self._given = client
        self._api_key = api_key
        self._private = private
        self._lock = threading.Lock()
        self._own: Client | None = None
        self._own_from: _settings.Settings | None = None  # the aai.settings _own was made from
        self._replaced: list[Client] = []
        if client is not None and api_key is not None:
            self._own = Client(settings=client.settings, api_key=api_key)

    @property
    def given(self) -> Client | None:
        """The client the caller passed (theirs to close), if any."""
        return self._given

    @property
    def owns_client(self) -> bool:
        """Whether calls go through a client this source made (and its owner closes)."""
        if self._given is not None:
            return self._api_key is not None
        return self._api_key is not None or self._private

    def current(self) -> Client:
        """The client for a call starting now."""
        if self._given is not None:
            return self._own if self._own is not None else self._given
        if not self.owns_client:
            return Client.get_default()
        with self._lock:
            own = self._own
            if own is None or self._own_from != _settings.settings:
                snapshot = _settings.settings.copy()
                own = Client(settings=snapshot, api_key=self._api_key)
                if self._own is not None:
                    self._replaced.append(self._own)
                self._own, self._own_from = own, snapshot
            return own

    def retire_owned(self) -> list[Client]:
        """The clients this source made, for closing; later calls make new pools as needed."""
        with self._lock:
            owned = [*self._replaced, *([self._own] if self._own is not None else [])]
            self._replaced = []
        return owned if self.owns_client else []
