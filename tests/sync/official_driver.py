"""Runs synchronous-API cases under the official SDK 1.0.0, in its own venv (not under ours).

Reads a JSON list of cases on stdin and prints one JSON outcome per case; the test runs the
same cases through our package with :func:`run_cases`. The settings come
from ``ASSEMBLYAI_*`` environment variables (the sandbox's address and key). Kept free of our
package: it runs with ``python -I`` from a directory where ours cannot be imported.
"""

import asyncio
import io
import json
import sys

import assemblyai as aai


def _data(case):
    path = case["path"]
    if case["form"] == "path":
        return path
    with open(path, "rb") as file:
        content = file.read()
    if case["form"] == "file":
        stream = io.BytesIO(content)
        stream.name = path
        return stream
    return content


def _outcome(run):
    try:
        result = run()
    except aai.SyncTranscriptError as error:
        return {
            "error": "SyncTranscriptError",
            "status_code": error.status_code,
            "error_code": error.error_code,
            "retry_after": error.retry_after,
        }
    except (ValueError, TypeError) as error:
        return {
            "error": type(error).__name__,
            "value_error": isinstance(error, ValueError),
            "message": str(error),
        }
    if isinstance(result, bool):
        return {"warm": result}
    return {"result": result.dict()}


def run_cases(cases):
    """One outcome per case (also called in-process with our package, for the other side)."""
    outcomes = []
    for case in cases:
        config = aai.SyncTranscriptionConfig(**case["config"])
        if case["form"] == "warm":
            outcomes.append(
                _outcome(lambda config=config: aai.SyncTranscriber(config=config).warm())
            )
        elif case.get("shell") == "async":

            async def run(case=case, config=config):
                async with aai.AsyncSyncTranscriber() as transcriber:
                    return await transcriber.transcribe(_data(case), config)

            outcomes.append(_outcome(lambda run=run: asyncio.run(run())))
        else:
            outcomes.append(
                _outcome(
                    lambda case=case, config=config: aai.SyncTranscriber().transcribe(
                        _data(case), config
                    )
                )
            )
    return outcomes


if __name__ == "__main__":
    json.dump(run_cases(json.load(sys.stdin)), sys.stdout)
