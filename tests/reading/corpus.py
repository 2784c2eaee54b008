"""The note corpus (tests/reading/notes/) and how a reading is compared with its expected case.

Each note ``NN_name.txt`` has ``NN_name.json`` beside it: ``case`` (the case a careful coder
records from the note; null when the note supports none), ``queries`` (the kinds of physician
query the note calls for), or ``error`` (the note is refused), and ``why``. Shared by the corpus
test and ``benchmarks/bench_reader.py``.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from vascular import Anatomy, NoteError, code_case, read_note

NOTES = Path(__file__).parent / "notes"

Step = tuple[str, str, Any, bool]


def notes() -> Iterator[tuple[str, str, dict[str, Any]]]:
    """(name, note text, expected) for every note in the corpus, in name order."""
    for path in sorted(NOTES.glob("*.txt")):
        expected = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
        yield path.stem, path.read_text(encoding="utf-8"), expected


def _imaging(value: Any) -> Any:
    if isinstance(value, list):
        return frozenset(value)
    return bool(value)


def accesses(case: dict[str, Any] | None) -> list[tuple[str, str | None]]:
    """Each access as (vessel, direction)."""
    return [(a["vessel"], a.get("direction")) for a in (case or {}).get("accesses", [])]


def placements(case: dict[str, Any] | None) -> list[Step]:
    """Each placement as (vessel, access, imaging, sampling)."""
    return [
        (
            p["vessel"],
            p.get("access", "A"),
            _imaging(p.get("imaging", False)),
            bool(p.get("sampling", False)),
        )
        for p in (case or {}).get("placements", [])
    ]


def same_step(expected: Step, proposed: Step) -> bool:
    """A proposed placement matches: vessel, access and sampling equal; imaging as given.

    Imaging ``true`` expected is met by any imaging; a territory list must be the same set.
    """
    if expected[:2] != proposed[:2] or expected[3] != proposed[3]:
        return False
    want, got = expected[2], proposed[2]
    if want is True:
        return bool(got)
    return bool(want == got)


def matched_steps(expected: list[Step], proposed: list[Step]) -> int:
    """How many proposed placements match an expected one (each used once)."""
    left = list(expected)
    found = 0
    for step in proposed:
        for index, want in enumerate(left):
            if same_step(want, step):
                found += 1
                del left[index]
                break
    return found


def codes(case: dict[str, Any] | None, anatomy: Anatomy) -> Counter[str]:
    """The claim lines a case codes to, as 'code-modifiers x units' (empty for no case)."""
    if not case:
        return Counter()
    result = code_case(case, anatomy, rationale=False)
    return Counter(
        f"{'-'.join([line.code, *line.modifiers])} x{line.units}" for line in result.lines
    )


def reading_of(text: str, anatomy: Anatomy) -> tuple[dict[str, Any] | None, list[str], str]:
    """(proposed case, query kinds, error type or '') for a note."""
    try:
        reading = read_note(text, anatomy)
    except NoteError:
        return None, [], "NoteError"
    return reading.case, sorted({q.kind for q in reading.queries}), ""
