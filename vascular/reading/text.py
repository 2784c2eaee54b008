"""A note's text in pieces, each with its character span: sections, sentences, clauses.

Pure functions of the text and the reader's words; every span indexes the original note, so
evidence can be highlighted where it was written.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from vascular import frozen
from vascular.reading.words import ReaderWords

__all__ = ["Piece", "Section", "clauses", "read_sections", "sentences"]

_HEADING = re.compile(
    r"^[ \t]*(?P<head>[A-Za-z][A-Za-z0-9 /&()'-]{0,60}?)[ \t]*:(?=[ \t]|$)", re.MULTILINE
)
_SENTENCE_END = re.compile(
    r"(?<=[.!?])[\"')\]]?\s+(?=[\"'(\[]?[A-Z0-9])|\n[ \t]*\n|\n(?=[ \t]*(?:\d+[.)]|[-*\u2022])\s)"
)
_NOT_AN_END = frozenset(
    {"fr", "dr", "approx", "eg", "e.g", "ie", "i.e", "vs", "no", "mr", "ms", "st", "cm", "mm", "ml"}
)
_PARAGRAPH = re.compile(r"\n[ \t]*\n\s*")
_LIST_MARK = re.compile(r"^\s*(?:\d+[.)]|[-*\u2022])\s+")


@frozen.record
class Piece:
    """A span of the note: its text and where it starts and ends."""

    text: str
    start: int
    end: int


@frozen.record
class Section:
    """One section of a note: its heading (lower case, '' before the first) and how it is read."""

    heading: str
    kind: str
    body: Piece


def _kind(heading: str, words: ReaderWords) -> str:
    if heading in words.read_sections:
        return "read"
    if heading in words.skip_sections:
        return "skip"
    if heading in words.title_sections:
        return "title"
    return "other"


def _headings(text: str, words: ReaderWords) -> Iterator[tuple[str, int, int]]:
    """(heading, start, end of the heading) for each line that opens a section."""
    for match in _HEADING.finditer(text):
        head = " ".join(match["head"].lower().split())
        if _kind(head, words) != "other" or match["head"].isupper():
            yield head, match.start(), match.end()


def read_sections(text: str, words: ReaderWords) -> tuple[list[Section], list[Section]]:
    """The sections to read and the sections left out.

    With a description section (technique, procedure in detail...), only those are read; without
    one, everything but the skipped sections (history, findings, impression...) is read.
    """
    found = list(_headings(text, words))
    sections: list[Section] = []
    first = found[0][1] if found else len(text)
    if text[:first].strip():
        sections.append(Section("", "other", Piece(text[:first], 0, first)))
    for position, (head, _, body_start) in enumerate(found):
        body_end = found[position + 1][1] if position + 1 < len(found) else len(text)
        kind = _kind(head, words)
        gap = _PARAGRAPH.search(text, body_start, body_end) if kind == "skip" else None
        if gap is not None and text[gap.end() : body_end].strip():
            # a skipped section ends at its paragraph: the next one is the narrative
            sections.append(
                Section(head, kind, Piece(text[body_start : gap.start()], body_start, gap.start()))
            )
            sections.append(
                Section("", "other", Piece(text[gap.end() : body_end], gap.end(), body_end))
            )
            continue
        body = Piece(text[body_start:body_end], body_start, body_end)
        sections.append(Section(head, kind, body))
    wanted = {"read"} if any(s.kind == "read" for s in sections) else {"other", "title"}
    kept = [s for s in sections if s.kind in wanted and s.body.text.strip()]
    left = [s for s in sections if s.kind not in wanted and s.body.text.strip()]
    return kept, left


def _trimmed(text: str, start: int, end: int) -> Piece | None:
    piece = text[start:end]
    mark = _LIST_MARK.match(piece)
    lead = mark.end() if mark else len(piece) - len(piece.lstrip())
    stripped = piece[lead:].rstrip()
    if not stripped:
        return None
    return Piece(stripped, start + lead, start + lead + len(stripped))


def sentences(text: str, body: Piece) -> list[Piece]:
    """The sentences of a section body, each with its span in the note."""
    found: list[Piece] = []
    start = body.start
    for match in _SENTENCE_END.finditer(text, body.start, body.end):
        before = text[start : match.start()].rstrip(".!?\"') ]").rsplit(None, 1)
        if before and before[-1].lower().rstrip(".") in _NOT_AN_END and "\n" not in match.group():
            continue
        piece = _trimmed(text, start, match.start())
        if piece:
            found.append(piece)
        start = match.end()
    piece = _trimmed(text, start, body.end)
    if piece:
        found.append(piece)
    return found


def clauses(text: str, sentence: Piece, words: ReaderWords) -> list[Piece]:
    """The clauses of a sentence: split where the dictation moves to its next step."""
    found: list[Piece] = []
    start = sentence.start
    for match in words.clause_breaks.finditer(text, sentence.start, sentence.end):
        piece = _trimmed(text, start, match.start())
        if piece:
            found.append(piece)
        start = match.start() + (1 if match.group().startswith(",") else 0)
    piece = _trimmed(text, start, sentence.end)
    if piece:
        found.append(piece)
    return found
