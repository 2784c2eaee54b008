"""The inputs of a batch run: JSON Lines, a JSON array, or a folder of case files, as `Item`s.

Each `Item` is one input, with where it came from (line number, file) and its raw bytes: the
workers parse them, so reading stays cheap and a malformed line becomes that line's error, not the
run's. JSON Lines are streamed (memory stays flat whatever the size); an input whose first
character is ``[`` is a JSON array, read whole (give JSON Lines for large inputs); a ``.json``
file whose first character is ``{`` is one case (as `vascular code` reads it); a folder's
``*.json`` files are read in name order, one case a file. Reads files; writes nothing.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

from vascular.errors import CaseFileError
from vascular.frozen import record

__all__ = ["Item", "read_items"]

MAX_ARRAY_BYTES = 512_000_000
"""Largest JSON array read (it is read whole; JSON Lines have no limit)."""


@record
class Item:
    """One input case, as read."""

    line: int
    """Its line in the input (JSON Lines, array), or its position in the folder (1-based)."""
    payload: Any
    """The case: raw JSON bytes, or an already parsed value."""
    file: str | None = None
    """The case file, for a folder's cases."""
    end: int = 0
    """Bytes of the input read once this item is done (for the progress bar)."""
    problem: str | None = None
    """Why the input could not be read at all (an unreadable file of a folder)."""
    last: bool = False
    """The input's last line, with no newline after it (a bad one reads as a truncated file)."""


def read_items(source: str, stdin: BinaryIO | None = None) -> tuple[Iterator[Item], int | None]:
    """The items of an input, and its size in bytes when known (for the progress bar).

    Args:
        source: a JSON Lines or JSON array file, a folder of case files, or ``-`` for `stdin`.
        stdin: the standard input (binary).

    Raises:
        CaseFileError: the input cannot be opened, or is a malformed JSON array.
    """
    if source == "-":
        if stdin is None:
            raise CaseFileError("standard input is closed: give an input file, or pipe one in")
        return _from_stream(stdin, "standard input"), None
    path = Path(source)
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.suffix.lower() == ".json" and p.is_file())
        if not files:
            raise CaseFileError(f"{source} is a folder with no .json case files")
        return _from_folder(files), len(files)
    try:
        size = path.stat().st_size
    except OSError as error:
        raise CaseFileError(f"cannot read {source}: {error.strerror or error}") from None
    return _from_file(path, source), size


def _from_file(path: Path, source: str) -> Iterator[Item]:
    try:
        stream = path.open("rb")
    except OSError as error:
        raise CaseFileError(f"cannot read {source}: {error.strerror or error}") from None
    with stream:
        yield from _from_stream(stream, source, path.suffix.lower() == ".json")


def _from_folder(files: list[Path]) -> Iterator[Item]:
    for position, path in enumerate(files, start=1):
        try:
            data = path.read_bytes()
        except OSError as error:
            yield Item(position, None, path.name, position, f"cannot read: {error.strerror}")
            continue
        yield Item(position, data, path.name, position)


def _from_stream(stream: BinaryIO, name: str, single: bool = False) -> Iterator[Item]:
    first = _peek(stream)
    if first == b"[":
        yield from _from_array(stream.read(MAX_ARRAY_BYTES + 1), name)
        return
    if single and first == b"{":  # a .json file holding one case, as `vascular code` reads it
        data = stream.read(MAX_ARRAY_BYTES + 1)
        yield Item(1, data, None, len(data))
        return
    offset = 0
    number = 0
    try:
        for number, raw in enumerate(stream, start=1):
            offset += len(raw)
            text = raw.strip()
            if text:
                yield Item(number, text, None, offset, None, not raw.endswith(b"\n"))
    except OSError as error:
        raise CaseFileError(
            f"cannot read {name} after line {number}: {error.strerror or error}"
        ) from None


def _peek(stream: BinaryIO) -> bytes:
    """The first byte that is not white space (nothing is consumed from a buffered stream)."""
    peek = getattr(stream, "peek", None)
    if peek is None:
        return b""
    try:
        head: bytes = peek(4096)
    except (OSError, ValueError):
        return b""
    stripped = head.lstrip(b" \t\r\n\xef\xbb\xbf")
    return stripped[:1]


def _from_array(data: bytes, name: str) -> Iterator[Item]:
    if len(data) > MAX_ARRAY_BYTES:
        raise CaseFileError(
            f"{name} is a JSON array over {MAX_ARRAY_BYTES // 1_000_000} MB; give large inputs "
            "as JSON Lines (one case a line), which are streamed"
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise CaseFileError(f"{name} is not UTF-8 text") from None
    decoder = json.JSONDecoder()
    position = text.index("[") + 1
    line = text.count("\n", 0, position) + 1
    items: list[Item] = []
    expect_value = True
    while True:
        start = _skip_space(text, position)
        line += text.count("\n", position, start)
        if start >= len(text):
            raise _array_error(name, line, "the array is not closed (the file is truncated?)")
        if text[start] == "]" and (not expect_value or not items):
            break
        if text[start] == "," and not expect_value:
            line += text.count("\n", start, start + 1)
            position = start + 1
            expect_value = True
            continue
        if not expect_value:
            raise _array_error(name, line, "expected ',' or ']' after an array element")
        try:
            value, end = decoder.raw_decode(text, start)
        except json.JSONDecodeError as error:
            raise CaseFileError(
                f"{name} is not a valid JSON array: {error.msg} at line {error.lineno}, column "
                f"{error.colno}"
            ) from None
        except RecursionError:
            raise _array_error(name, line, "an element is nested too deeply") from None
        items.append(Item(line, value, None, end))
        line += text.count("\n", start, end)
        position = end
        expect_value = False
    rest = text[start + 1 :].strip()
    if rest:
        raise _array_error(name, line, "text after the closing ']'")
    yield from items


def _skip_space(text: str, position: int) -> int:
    while position < len(text) and text[position] in " \t\r\n":
        position += 1
    return position


def _array_error(name: str, line: int, message: str) -> CaseFileError:
    return CaseFileError(f"{name} is not a valid JSON array: {message} (line {line})")
