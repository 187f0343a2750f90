"""``python -m assemblyai.testing serve``: run the sandbox in the foreground.

Example::

    $ python -m assemblyai.testing serve --port 8000 --streaming-port 8001 --api-key dev
    FakeAssemblyAI serving at http://127.0.0.1:8000
    API key: dev
    Streaming (v3 /v3/ws, v2 /v2/realtime/ws) at ws://127.0.0.1:8001
    Synchronous API (/v1/transcribe, /v1/warm) at http://127.0.0.1:8000
    $ export ASSEMBLYAI_BASE_URL=http://127.0.0.1:8000 ASSEMBLYAI_API_KEY=dev
    $ export ASSEMBLYAI_SYNC_BASE_URL=http://127.0.0.1:8000
    $ ASSEMBLYAI_STREAMING_HOST=ws://127.0.0.1:8001 python my_script.py
"""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from collections.abc import Sequence
from types import FrameType

from assemblyai.testing._fake import FakeAssemblyAI

__all__ = ["main"]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m assemblyai.testing", description="Offline sandbox of the AssemblyAI API."
    )
    commands = parser.add_subparsers(dest="command", required=True)
    serve = commands.add_parser("serve", help="serve the REST and streaming APIs until Ctrl-C")
    serve.add_argument("--host", default="127.0.0.1", help="interface to bind (default 127.0.0.1)")
    serve.add_argument("--port", type=int, default=0, help="port to bind (default: a free one)")
    serve.add_argument(
        "--streaming-port", type=int, default=0, help="port of the websocket server (default: free)"
    )
    serve.add_argument("--api-key", default="fake-api-key", help="the key to accept")
    serve.add_argument(
        "--processing-time", type=float, default=2.0, help="seconds until a transcript completes"
    )
    serve.add_argument(
        "--queue-time", type=float, default=0.5, help="seconds a transcript stays queued"
    )
    serve.add_argument(
        "--responses",
        choices=("spec", "real"),
        default="spec",
        help="answer as the spec describes the API (default) or as the real API does",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Parse ``argv`` and serve until interrupted (Ctrl-C or SIGTERM); returns the exit code."""
    args = _parser().parse_args(argv)
    stop = threading.Event()

    def on_signal(signum: int, frame: FrameType | None) -> None:
        stop.set()

    signal.signal(signal.SIGTERM, on_signal)
    fake = FakeAssemblyAI(
        api_key=args.api_key,
        host=args.host,
        port=args.port,
        processing_time=args.processing_time,
        queue_time=args.queue_time,
        strict=False,
        configure_settings=False,
        seed=None,
        streaming_port=args.streaming_port,
        responses=args.responses,
    )
    with fake:
        print(f"FakeAssemblyAI serving at {fake.base_url}", flush=True)
        print(f"API key: {fake.api_key}", flush=True)
        print(f"Streaming (v3 /v3/ws, v2 /v2/realtime/ws) at {fake.streaming_url}", flush=True)
        print(f"Synchronous API (/v1/transcribe, /v1/warm) at {fake.base_url}", flush=True)
        try:
            # wait() with a timeout keeps the main thread responsive to Ctrl-C.
            while not stop.wait(0.5):
                pass
        except KeyboardInterrupt:
            pass
    print("stopped", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
