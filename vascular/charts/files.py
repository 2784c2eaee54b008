"""Writing a printable document: the format from the file's suffix, written whole or not at all.

The one module of the package that does I/O (the command line calls it).
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from vascular.anatomy import Anatomy
from vascular.charts.printing import CHART_FORMATS, ChartFormat, chart_document
from vascular.errors import VascularError
from vascular.family import FamilyChart

__all__ = ["OutputFormatError", "format_of", "write_atomically", "write_chart"]


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
    descriptor, temporary = tempfile.mkstemp(dir=directory, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
        os.chmod(temporary, 0o666 & ~_umask())  # as an ordinary new file, not mkstemp's 0600
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return path


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def write_chart(anatomy: Anatomy, chart: FamilyChart, path: Path, paper: str = "a4") -> Path:
    """Write the chart to `path` in the format its suffix names; returns the path.

    Raises:
        OutputFormatError: the suffix names no chart format.
        PdfUnavailableError: a PDF was asked for and fpdf2 is not installed.
        OSError: the file cannot be written.
    """
    kind: ChartFormat = format_of(path)  # type: ignore[assignment]
    return write_atomically(path, chart_document(anatomy, chart, kind, paper))
