"""``vascular ncci import`` and ``vascular ncci status``: the CLI's NCCI commands, in one module.

`add_parser` hangs the ``ncci`` command and its subcommands on the CLI's subparsers; each
subcommand's handler is stored on the parsed arguments (``ncci_handler``), so the CLI dispatches
with one entry. Output goes to the stream given (stdout); errors are raised as `NcciDataError`
for the CLI to report (exit 2, one message; a JSON object on stderr under ``--json``).
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

_DB_ENV_VAR = "VASCULAR_NCCI_DB"  # vascular.ncci.database.DB_ENV_VAR, without importing sqlite3

__all__ = ["add_parser", "run", "run_import", "run_status"]

_DB_HELP = (
    f"the NCCI database (default: ${_DB_ENV_VAR}, else $XDG_DATA_HOME/vascular-coding/ncci.sqlite3)"
)


def add_parser(
    subparsers: Any, parents: Sequence[argparse.ArgumentParser]
) -> argparse.ArgumentParser:
    """Add ``ncci import`` and ``ncci status`` to the CLI's `subparsers`.

    Args:
        subparsers: what ``ArgumentParser.add_subparsers`` returned.
        parents: the CLI's common option parsers (``--json`` among them).
    """
    ncci = subparsers.add_parser(
        "ncci", help="CMS NCCI edits: import the quarterly PTP and MUE files, show what is loaded"
    )
    commands = ncci.add_subparsers(dest="ncci_command", required=True)
    importer = commands.add_parser(
        "import",
        parents=list(parents),
        help="import CMS NCCI files (zip archives as CMS ships them, or .txt/.csv/.xlsx)",
    )
    importer.add_argument("files", nargs="+", type=Path, metavar="FILE", help="files to import")
    importer.add_argument("--db", type=Path, metavar="PATH", help=_DB_HELP)
    importer.set_defaults(ncci_handler=run_import)
    status = commands.add_parser(
        "status", parents=list(parents), help="show the NCCI quarters and files loaded"
    )
    status.add_argument("--db", type=Path, metavar="PATH", help=_DB_HELP)
    status.set_defaults(ncci_handler=run_status)
    parser: argparse.ArgumentParser = ncci
    return parser


def run(args: argparse.Namespace, out: TextIO) -> None:
    """Run the ``ncci`` subcommand the arguments name."""
    args.ncci_handler(args, out)


def _emit(out: TextIO, args: argparse.Namespace, data: dict[str, Any], text: str) -> None:
    out.write(json.dumps(data, indent=2) + "\n" if getattr(args, "json", False) else text + "\n")


def run_import(args: argparse.Namespace, out: TextIO) -> None:
    """``vascular ncci import FILE... [--db PATH] [--json]``."""
    from vascular.ncci.importing import import_files

    report = import_files(args.files, args.db)
    _emit(out, args, report.to_json(), report.text())


def run_status(args: argparse.Namespace, out: TextIO) -> None:
    """``vascular ncci status [--db PATH] [--json]``."""
    from vascular.ncci.status import ncci_status

    status = ncci_status(args.db)
    _emit(out, args, status.to_json(), status.text())
