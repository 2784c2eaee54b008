"""`python -m tui.serve [--host H] [--port N] [--data DIR]`: the app in a web browser.

textual-serve runs one app process per browser tab and streams its terminal to the page, so a
class can follow on a projector. Serves on the loopback address unless told otherwise.
"""

from __future__ import annotations

import argparse
import shlex
import sys
from collections.abc import Sequence
from pathlib import Path

__all__ = ["DEFAULT_HOST", "DEFAULT_PORT", "app_command", "main"]

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000


def app_command(data: Path | None = None) -> str:
    """The command each browser tab runs: this Python, the app, and the data directory if given."""
    words = [sys.executable, "-m", "tui"] + (["--data", str(data)] if data else [])
    return shlex.join(words)


def main(argv: Sequence[str] | None = None) -> int:
    """Serve the app until interrupted; returns the exit status (2 when it cannot serve)."""
    parser = argparse.ArgumentParser(prog="vascular serve", description=__doc__)
    parser.add_argument("--host", default=DEFAULT_HOST)
    parser.add_argument("--port", type=int, default=DEFAULT_PORT)
    parser.add_argument("--data", type=Path)
    args = parser.parse_args(argv)
    try:
        from textual_serve.server import Server
    except ImportError as error:
        sys.stderr.write(
            f"vascular serve: needs textual-serve: pip install 'vascular-coding[tui]' ({error})\n"
        )
        return 2
    server = Server(app_command(args.data), host=args.host, port=args.port, title="vascular-coding")
    try:
        server.serve()
    except OSError as error:
        sys.stderr.write(
            f"vascular serve: cannot serve on {args.host}:{args.port}: {error.strerror or error}\n"
        )
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
