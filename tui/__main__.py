"""`vascular-tui [CASE.json] [--data DIR] [--ncci-db FILE]`: the app on the embedded atlas."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

__all__ = ["main"]


def main(argv: Sequence[str] | None = None) -> int:
    """Parse the arguments and run the app; returns the exit status."""
    parser = argparse.ArgumentParser(prog="vascular-tui", description=__doc__)
    parser.add_argument("case", nargs="?", type=Path, help="a case file to open (JSON)")
    parser.add_argument("--data", type=Path, metavar="DIR", help="another anatomy data directory")
    parser.add_argument(
        "--recover", action="store_true", help="open the last discarded case (kept at each discard)"
    )
    parser.add_argument(
        "--ncci-db",
        type=Path,
        metavar="FILE",
        help="the NCCI database the claim is checked against (default: $VASCULAR_NCCI_DB or the "
        "one 'vascular ncci import' fills)",
    )
    args = parser.parse_args(argv)
    try:
        from tui.app import make_app
    except ImportError as error:  # textual is an extra: pip install "vascular-coding[tui]"
        sys.stderr.write(
            f"vascular-tui: the app needs Textual: pip install 'vascular-coding[tui]' ({error})\n"
        )
        return 2
    make_app(
        case_path=args.case, data_dir=args.data, recover=args.recover, ncci_db=args.ncci_db
    ).run()
    return 0


if __name__ == "__main__":
    sys.exit(main())
