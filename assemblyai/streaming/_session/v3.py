"""The v3 client's side of a resilient session: its plan, from options and parameters."""

from __future__ import annotations

from collections.abc import Callable

import attrs

from assemblyai._core.exceptions import StreamingError
from assemblyai.streaming._connection.common import ConnectFailure
from assemblyai.streaming._session.core import Reconnect, bytes_per_second, silence
from assemblyai.streaming._session.plan import SessionPlan, Target
from assemblyai.streaming.v3 import _protocol
from assemblyai.streaming.v3.models import StreamingClientOptions, StreamingParameters

__all__ = ["v3_plan"]

_UPDATE_PREFIX = '{"type":"UpdateConfiguration"'


def _is_update(frame: str) -> bool:
    return frame.startswith(_UPDATE_PREFIX)


def v3_plan(
    *,
    options: StreamingClientOptions,
    params: StreamingParameters,
    request: _protocol.ConnectRequest,
    open_timeout: float,
    queue_size: int,
    close_timeout: float,
    session_id: Callable[[], str | None],
) -> SessionPlan:
    """The plan of a session opened with ``request`` (built from ``options``/``params``)."""

    def target(change: Reconnect | None) -> Target:
        if change is None:
            return request
        rotated = options
        if change.token is not None:
            rotated = attrs.evolve(options, token=change.token)
        new_params = change.params if change.params is not None else params
        if not isinstance(new_params, StreamingParameters):
            raise TypeError(
                f"Reconnect(params=...) takes StreamingParameters, got {type(new_params).__name__}"
            )
        return _protocol.connect_request(rotated, new_params)

    def describe_failure(failure: ConnectFailure) -> StreamingError:
        return _protocol.connect_error(failure, request)

    return SessionPlan(
        name="assemblyai-streaming",
        target=target,
        describe_close=_protocol.close_error,
        describe_failure=describe_failure,
        queue_size=queue_size,
        close_timeout=close_timeout,
        open_timeout=open_timeout,
        max_retries=options.max_connection_retries,
        retry_delay_base=options.connection_retry_delay,
        policy=options.reconnect,
        bytes_per_second=bytes_per_second(params.sample_rate, params.encoding),
        terminate_frame=_protocol.encode_terminate(),
        is_update=_is_update,
        session_id=session_id,
        keepalive_frame=silence(params.sample_rate, params.encoding),
        send_timeout=options.send_timeout,
    )
