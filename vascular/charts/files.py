"""Reading a set, writing printable documents: the format by suffix, each file whole or not at all.

The one module of the package that does I/O (the command line calls it).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from vascular.anatomy import Anatomy
from vascular.charts.printing import CHART_FORMATS, ChartFormat, chart_document
from vascular.charts.sheets import ExerciseSheet, SheetInputError, sheet_html, sheet_pdf
from vascular.errors import VascularError
from vascular.family import FamilyChart
from vascular.replacing import write_replacing

__all__ = [
    "SHEET_FORMATS",
    "OutputFormatError",
    "format_of",
    "key_path_for",
    "read_json_input",
    "write_atomically",
    "write_chart",
    "write_sheet",
]


class OutputFormatError(VascularError):
    """An output file this command cannot write: an unknown suffix or a missing folder."""


def format_of(path: Path, formats: tuple[str, ...] = CHART_FORMATS) -> str:
    """The format a file's suffix asks for ('chart.PDF' -> 'pdf').

    Raises:
        OutputFormatError: the suffix is not one of `formats`.
    """
    suffix = path.suffix.lower().lstrip(".")
    if suffix not in formats:
        choices = ", ".join(f".{f}" for f in formats)
        raise OutputFormatError(
            f"{path}: cannot tell the format from the suffix {path.suffix or '(none)'!r}; "
            f"use one of {choices}"
        )
    return suffix


def write_atomically(path: Path, data: bytes) -> Path:
    """Write `data` to a temporary file beside `path`, then rename it into place."""
    directory = path.parent if str(path.parent) else Path()
    if not directory.is_dir():
        raise OutputFormatError(f"cannot write {path}: the folder {directory} does not exist")
    return write_replacing(path, data)


def write_chart(anatomy: Anatomy, chart: FamilyChart, path: Path, paper: str = "a4") -> Path:
    """Write the chart to `path` in the format its suffix names; returns the path.

    Raises:
        OutputFormatError: the suffix names no chart format.
        PdfUnavailableError: a PDF was asked for and fpdf2 is not installed.
        OSError: the file cannot be written.
    """
    kind: ChartFormat = format_of(path)  # type: ignore[assignment]
    return write_atomically(path, chart_document(anatomy, chart, kind, paper))


SHEET_FORMATS = ("html", "pdf")
"""The formats an exercise sheet is written in."""


def key_path_for(path: Path) -> Path:
    """Where the answer key goes by default: 'sheet.pdf' -> 'sheet-key.pdf'."""
    return path.with_name(f"{path.stem}-key{path.suffix}")


def write_sheet(sheet: ExerciseSheet, path: Path, key_path: Path | None = None) -> list[Path]:
    """Write the questions to `path` and the answer key beside it (or to `key_path`).

    Raises:
        OutputFormatError: a suffix names no sheet format, or both files are one.
        PdfUnavailableError: a PDF was asked for and fpdf2 is not installed.
        OSError: a file cannot be written.
    """
    key_path = key_path or key_path_for(path)
    kinds = [format_of(path, SHEET_FORMATS), format_of(key_path, SHEET_FORMATS)]
    if key_path.resolve() == path.resolve():
        raise OutputFormatError(f"{path}: the answer key needs a file of its own")
    written = []
    for target, kind, key in ((path, kinds[0], False), (key_path, kinds[1], True)):
        data = sheet_pdf(sheet, key) if kind == "pdf" else sheet_html(sheet, key).encode()
        written.append(write_atomically(target, data))
    return written


MAX_SET_BYTES = 20_000_000
"""Largest exercise set read, in bytes."""


def read_json_input(source: str, what: str) -> Any:
    """JSON from a file, or from standard input for '-'.

    Raises:
        SheetInputError: it cannot be read, is too large, or is not JSON (with line and column).
    """
    name = "standard input" if source == "-" else source
    try:
        if source == "-":
            if sys.stdin is None or sys.stdin.closed:
                raise SheetInputError(f"standard input is closed: give the {what} as a file")
            data = getattr(sys.stdin, "buffer", sys.stdin).read(MAX_SET_BYTES + 1)
        else:
            with Path(source).open("rb") as stream:
                data = stream.read(MAX_SET_BYTES + 1)
    except OSError as error:
        raise SheetInputError(f"cannot read {name}: {error.strerror or error}") from None
    if len(data) > MAX_SET_BYTES:
        raise SheetInputError(f"{name}: larger than {MAX_SET_BYTES} bytes")
    try:
        return json.loads(data)
    except json.JSONDecodeError as error:
        raise SheetInputError(
            f"{name}: not JSON (line {error.lineno}, column {error.colno}: {error.msg})"
        ) from None
    except UnicodeDecodeError:
        raise SheetInputError(f"{name}: not UTF-8 text") from None
