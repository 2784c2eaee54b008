"""``vascular batch`` and ``vascular audit``: many cases in, one JSON line out per case, in order.

`add_parser` hangs both commands on the CLI's subparsers (the handler rides on the parsed
arguments as ``batch_handler``); `add_ncci_arguments` gives ``code``, ``batch`` and ``audit``
the same ``--ncci`` options. Output goes to standard output as it is coded, or to ``-o FILE``
written to a temporary file beside it and renamed at the end (an interrupted or failed run leaves
no half-written file). A progress bar (tqdm) shows on a terminal only; the summary goes to stderr.
Exit status: 0 every case coded, 1 the run finished but some cases are errors (each has its line
in the output), 2 the run could not be done (unreadable input, a malformed JSON array, bad usage,
an NCCI database that is not ours), 3 internal error, 130 interrupted.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import IO, Any, TextIO

from vascular.replacing import replacing, write_replacing

__all__ = ["EXIT_SOME_ERRORS", "add_ncci_arguments", "add_parser", "ncci_settings", "run"]

EXIT_SOME_ERRORS = 1
"""The run finished, and some cases could not be coded (see their error lines)."""


def add_ncci_arguments(parser: argparse.ArgumentParser) -> None:
    """The ``--ncci`` options, shared by ``code``, ``batch`` and ``audit``."""
    group = parser.add_argument_group("NCCI edits (see docs/ncci.md)")
    group.add_argument(
        "--ncci",
        action="store_true",
        help="check the claim (the coded lines plus the case's claim_codes) against the NCCI PTP "
        "and MUE edits in force on the date of service",
    )
    group.add_argument(
        "--date-of-service",
        metavar="YYYY-MM-DD",
        help="the date of service, for cases that give no date_of_service",
    )
    group.add_argument(
        "--setting",
        choices=["practitioner", "hospital"],
        default="practitioner",
        help="whose claim, for cases that give no setting: practitioner (default) or outpatient "
        "hospital",
    )
    group.add_argument(
        "--ncci-db",
        metavar="PATH",
        help="the NCCI database (default: $VASCULAR_NCCI_DB, else "
        "$XDG_DATA_HOME/vascular-coding/ncci.sqlite3)",
    )


def ncci_settings(args: argparse.Namespace) -> Any:
    """The `vascular.claim_check.NcciSettings` the arguments ask for, or None without --ncci."""
    if not getattr(args, "ncci", False):
        return None
    from vascular.claim_check import NcciSettings

    return NcciSettings(args.ncci_db, args.date_of_service, args.setting)


def add_parser(subparsers: Any, parents: Sequence[argparse.ArgumentParser]) -> None:
    """Add ``batch`` and ``audit`` to the CLI's `subparsers` (`parents`: ``--data``)."""
    for command, text in (
        ("batch", "code many cases (JSON Lines, a JSON array or a folder): one JSON line each"),
        ("audit", "compare each case's billed lines with the lines its route supports"),
    ):
        parser = subparsers.add_parser(command, parents=list(parents), help=text)
        parser.add_argument(
            "input",
            metavar="IN",
            help="JSON Lines (one case a line), a JSON array of cases, a folder of .json case "
            "files, or - for standard input",
        )
        parser.add_argument("-o", "--output", metavar="OUT", help="write here (default: stdout)")
        parser.add_argument(
            "--workers", type=_positive, metavar="N", help="worker processes (default: the cores)"
        )
        parser.add_argument(
            "--no-rationale",
            action="store_true",
            help="leave out the reasons' words (faster; rule ids stay)",
        )
        if command == "batch":
            parser.add_argument(
                "--audit", action="store_true", help="also audit the billed lines (vascular audit)"
            )
        parser.add_argument(
            "--json-summary", action="store_true", help="print the summary on stderr as JSON"
        )
        parser.add_argument("--summary-json", metavar="PATH", help="also write the summary here")
        parser.add_argument(
            "--summary-csv",
            metavar="PATH",
            help="also write a CSV here: the audit's counts by code and kind when auditing, "
            "else the lines by code",
        )
        parser.add_argument(
            "--chunk-size", type=_positive, default=200, metavar="N", help=argparse.SUPPRESS
        )
        parser.add_argument("--no-progress", action="store_true", help="no progress bar")
        add_ncci_arguments(parser)
        parser.set_defaults(batch_handler=run, audit_mode=command == "audit")


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text!r} must be at least 1")
    return value


def run(args: argparse.Namespace, out: TextIO) -> int:
    """Run ``batch`` or ``audit``; returns the exit status (0, or 1 when some cases failed)."""
    from vascular.batch import BatchOptions, code_items
    from vascular.batch_input import read_items
    from vascular.batch_summary import BatchSummary

    audit = bool(args.audit_mode or getattr(args, "audit", False))
    ncci = ncci_settings(args)
    data = str(args.data) if args.data else None
    options = BatchOptions(not args.no_rationale, audit, ncci, data)
    stdin = getattr(sys.stdin, "buffer", None) if sys.stdin is not None else None
    items, size = read_items(args.input, stdin)
    summary = BatchSummary(audit=audit, ncci=ncci is not None)
    outcomes = code_items(items, options, workers=args.workers, chunk_size=args.chunk_size)
    try:
        with _Output(args.output, out) as target, _Progress(args, size) as progress:
            for outcome in outcomes:
                target.write(outcome.text)
                summary.add(outcome)
                progress.update(outcome.end if size else summary.cases)
    finally:
        outcomes.close()  # stop the workers, also when interrupted
    summary.finish()
    if args.summary_json:
        write_replacing(Path(args.summary_json), json.dumps(summary.to_json(), indent=2) + "\n")
    if args.summary_csv:
        write_replacing(Path(args.summary_csv), summary.csv())
    report = json.dumps(summary.to_json()) if args.json_summary else summary.text()
    sys.stderr.write(report + "\n")
    return EXIT_SOME_ERRORS if summary.failed else 0


class _Output:
    """Standard output, or a temporary file renamed onto the target when all went well."""

    def __init__(self, path: str | None, stdout: TextIO) -> None:
        self.path = Path(path) if path else None
        self.stream: IO[str] = stdout
        self._file: contextlib.AbstractContextManager[IO[str]] | None = None

    def __enter__(self) -> _Output:
        if self.path is not None:
            self._file = replacing(self.path)
            self.stream = self._file.__enter__()
        return self

    def write(self, text: str) -> None:
        self.stream.write(text + "\n")

    def __exit__(self, *exc: Any) -> None:
        if self._file is None:
            self.stream.flush()
            return
        self._file.__exit__(*exc)


class _Progress:
    """A tqdm bar on stderr when it is a terminal (bytes of the input, or cases); else nothing."""

    def __init__(self, args: argparse.Namespace, size: int | None) -> None:
        self.bar: Any = None
        if args.no_progress or not _is_terminal(sys.stderr):
            return
        from tqdm import tqdm

        unit, scale = (
            ("B", True)
            if size and args.input != "-" and not _is_folder(args)
            else (
                " cases",
                False,
            )
        )
        self.bar = tqdm(total=size, unit=unit, unit_scale=scale, file=sys.stderr, leave=False)
        self.done = 0

    def update(self, position: int) -> None:
        if self.bar is not None and position > self.done:
            self.bar.update(position - self.done)
            self.done = position

    def __enter__(self) -> _Progress:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.close()


def _is_folder(args: argparse.Namespace) -> bool:
    return args.input != "-" and Path(args.input).is_dir()


def _is_terminal(stream: TextIO | None) -> bool:
    try:
        return stream is not None and stream.isatty()
    except (ValueError, AttributeError):
        return False
