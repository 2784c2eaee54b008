"""The reader's words: sections, action cues, doubts and query templates from ``reading.yaml``.

The file is data (``anatomy_data/reading.yaml``); this module only compiles its word lists into
whole-word patterns, once per process. Vessel names are never here: they are read by the atlas's
own name index.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from vascular import frozen
from vascular.errors import AnatomyDataError, DataProblem

__all__ = ["READING_FILE", "ReaderWords", "reader_words"]

READING_FILE = "reading.yaml"
"""The reader's data file, in the data directory."""

CUE_KINDS = (
    "access",
    "select",
    "image",
    "sample",
    "seen",
    "through",
    "evaluate",
    "failure",
    "negation",
    "uncertain",
    "landmark",
    "ignore",
    "contralateral",
    "ipsilateral",
)
"""The kinds of cue words the reader recognises near a vessel mention."""


def _pattern(words: Sequence[str]) -> re.Pattern[str]:
    """One case-insensitive pattern matching any of `words` as whole words (longest first)."""
    alternatives = []
    for word in sorted({w.strip() for w in words if w.strip()}, key=len, reverse=True):
        escaped = r"[\s-]+".join(re.escape(part) for part in word.split())
        head = r"\b" if word[:1].isalnum() else ""
        tail = r"\b" if word[-1:].isalnum() else ""
        # a word written in capitals in the data is an acronym: it matches only in capitals
        flags = "-i" if word.isupper() and len(word) > 1 else "i"
        alternatives.append(f"(?{flags}:{head}{escaped}{tail})")
    if not alternatives:
        return re.compile(r"(?!x)x")
    return re.compile("|".join(alternatives))


@frozen.record
class ReaderWords:
    """The reader's compiled word lists and templates.

    Attributes:
        read_sections: headings of the parts that describe what was done.
        skip_sections: headings of the parts never read.
        title_sections: headings that list procedure names (read only without a description).
        cues: per cue kind (`CUE_KINDS`), a pattern matching its words.
        clause_breaks: a pattern matching the words that start a new clause.
        approach_words: an access adjective -> the vessel name it stands for.
        vein_words: a pattern matching the words that make the name before them a vein.
        compound_words: one word naming a vessel and an imaging run -> the vessel name.
        territory_positions: the names of the positions whose imaging territory must be named.
        territory_words: per imaging territory, a pattern matching its words.
        intervention_words: per treatment kind, a pattern matching its words.
        queries: per query kind, its template.
    """

    read_sections: frozenset[str]
    skip_sections: frozenset[str]
    title_sections: frozenset[str]
    cues: Mapping[str, re.Pattern[str]]
    clause_breaks: re.Pattern[str]
    approach_words: Mapping[str, str]
    vein_words: re.Pattern[str]
    compound_words: Mapping[str, str]
    territory_positions: tuple[str, ...]
    territory_words: Mapping[str, re.Pattern[str]]
    intervention_words: Mapping[str, re.Pattern[str]]
    queries: Mapping[str, str]


def _problem(path: Path, field: str, message: str) -> AnatomyDataError:
    return AnatomyDataError(str(path.parent), [DataProblem(path.name, "-", field, message)])


def _words_of(data: Mapping[str, Any], key: str, path: Path) -> list[str]:
    value = data.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise _problem(path, key, "must be a list of words")
    return value


def _table(data: Any, key: str, path: Path) -> dict[str, Any]:
    if not isinstance(data, dict):
        raise _problem(path, key, "must be a mapping")
    return data


def parse_words(data: Any, path: Path) -> ReaderWords:
    """The reader's words from the parsed file.

    Raises:
        AnatomyDataError: the file does not have the expected shape (the field is named).
    """
    root = _table(data, "-", path)
    sections = _table(root.get("sections"), "sections", path)
    cues = _table(root.get("cues"), "cues", path)
    for kind in CUE_KINDS:
        if kind not in cues:
            raise _problem(path, f"cues.{kind}", "is missing")
    breaks = _words_of(cues, "clause_breaks", path)
    queries = _table(root.get("queries"), "queries", path)

    def patterns(key: str) -> dict[str, re.Pattern[str]]:
        table = _table(root.get(key), key, path)
        return {name: _pattern(_words_of(table, name, path)) for name in table}

    return ReaderWords(
        read_sections=frozenset(_words_of(sections, "read", path)),
        skip_sections=frozenset(_words_of(sections, "skip", path)),
        title_sections=frozenset(_words_of(sections, "titles", path)),
        cues={kind: _pattern(_words_of(cues, kind, path)) for kind in CUE_KINDS},
        clause_breaks=re.compile("|".join(re.escape(b) for b in breaks), re.IGNORECASE),
        approach_words={
            k.lower(): str(v)
            for k, v in _table(root.get("approach_words"), "approach_words", path).items()
        },
        vein_words=_pattern(_words_of(root, "vein_words", path)),
        compound_words={
            k.lower(): str(v)
            for k, v in _table(root.get("compound_words"), "compound_words", path).items()
        },
        territory_positions=tuple(_words_of(root, "territory_positions", path)),
        territory_words=patterns("territory_words"),
        intervention_words=patterns("intervention_words"),
        queries={str(k): " ".join(str(v).split()) for k, v in queries.items()},
    )


@functools.cache
def reader_words(data_dir: Path | None = None) -> ReaderWords:
    """The reader's words from `data_dir` (default: the embedded data), read once per process.

    Raises:
        AnatomyDataError: the file is missing or malformed.
    """
    import yaml

    from vascular.loading import default_data_dir

    path = (data_dir or default_data_dir()) / READING_FILE
    if not path.is_file():
        path = default_data_dir() / READING_FILE
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise _problem(path, "-", f"cannot be read: {error}") from None
    return parse_words(data, path)
