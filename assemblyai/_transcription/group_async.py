"""Running one coroutine per audio input for the asyncio transcriber's group methods.

The official 1.0's ``AsyncTranscriber.transcribe_group``/``submit_group`` semantics: results
in input order, at most ``max_concurrency`` in flight, and no failure dropped. With
``return_failures`` every input runs and the ``AssemblyAIError`` failures come back beside the
results; without it the first failure (in input order among those that failed) is raised
once the inputs still running are cancelled.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Sequence
from typing import TypeVar

from assemblyai._core.exceptions import AssemblyAIError, ConfigurationError

__all__ = ["check_concurrency", "run_in_order"]

T = TypeVar("T")
I = TypeVar("I")  # noqa: E741 - an input item


def check_concurrency(max_concurrency: object) -> int:
    """A positive whole number of jobs in flight, refused otherwise before any request."""
    if (
        isinstance(max_concurrency, bool)
        or not isinstance(max_concurrency, int)
        or max_concurrency < 1
    ):
        raise ConfigurationError(f"max_concurrency must be >= 1, got {max_concurrency!r}.")
    return max_concurrency


async def run_in_order(
    items: Sequence[I],
    operation: Callable[[I], Awaitable[T]],
    *,
    max_concurrency: int,
    return_failures: bool,
) -> tuple[list[T], list[AssemblyAIError]]:
    """``operation`` over ``items``: the results in input order, and the collected failures.

    Only ``AssemblyAIError`` is collected; any other error is raised (after the rest are
    cancelled), since it is a bug or a cancellation rather than one input's failure.
    """
    limit = asyncio.Semaphore(max_concurrency)

    async def one(item: I) -> T:
        async with limit:
            return await operation(item)

    tasks = [asyncio.ensure_future(one(item)) for item in items]
    if not tasks:
        return [], []
    try:
        if return_failures:
            await asyncio.wait(tasks)
        else:
            await asyncio.wait(tasks, return_when=asyncio.FIRST_EXCEPTION)
    finally:
        # On a failure (or our own cancellation), nothing is left running behind the caller.
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
    results: list[T] = []
    failures: list[AssemblyAIError] = []
    for task in tasks:
        if task.cancelled():
            continue
        error = task.exception()
        if error is None:
            results.append(task.result())
        elif return_failures and isinstance(error, AssemblyAIError):
            failures.append(error)
        else:
            raise error
    return results, failures
