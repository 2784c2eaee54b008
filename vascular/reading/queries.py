"""Physician queries: documentation gaps turned into polite, specific, non-leading questions.

The wording is data (``queries`` in ``anatomy_data/reading.yaml``): each kind has one template,
filled with the vessel's name and the note's own words. A question offers every possibility the
note leaves open (and "cannot be determined"), never the answer that would pay more.
"""

from __future__ import annotations

from vascular.reading.model import Evidence, Query
from vascular.reading.words import ReaderWords

__all__ = ["Queries"]

_QUOTE_CHARS = 160


def _quote(evidence: Evidence | None) -> str:
    if evidence is None:
        return ""
    text = " ".join(evidence.sentence.split())
    if len(text) > _QUOTE_CHARS:
        text = text[: _QUOTE_CHARS - 3].rstrip() + "..."
    return text.rstrip(".").replace('"', "'")


class Queries:
    """The queries raised while reading one note, each once."""

    def __init__(self, words: ReaderWords) -> None:
        """No queries yet."""
        self._templates = words.queries
        self._found: list[Query] = []
        self._asked: set[tuple[str, int, str]] = set()

    def ask(self, kind: str, evidence: Evidence | None, **fields: str) -> None:
        """Raise a query of `kind` about `evidence`, its template filled with `fields`."""
        template = self._templates.get(kind)
        if template is None:
            return
        # one question per gap: the same vessel in the same sentence is asked once
        key = (kind, evidence.start if evidence else -1, fields.get("name", fields.get("text", "")))
        text = template.format_map({"quote": _quote(evidence), **fields})
        if key not in self._asked and all(query.text != text for query in self._found):
            self._asked.add(key)
            self._found.append(Query(kind, text, evidence))

    @property
    def raised(self) -> tuple[Query, ...]:
        """The queries in the order raised."""
        return tuple(self._found)
