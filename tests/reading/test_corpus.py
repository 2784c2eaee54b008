"""The note corpus: every note reads into the case a careful coder records, with its queries."""

from __future__ import annotations

from typing import Any

import pytest

from tests.reading.corpus import accesses, codes, matched_steps, notes, placements, reading_of
from vascular import Anatomy, load_anatomy

CORPUS = list(notes())


@pytest.fixture(scope="module")
def anatomy() -> Anatomy:
    return load_anatomy()


def test_the_corpus_is_large_enough() -> None:
    assert len(CORPUS) >= 30


@pytest.mark.parametrize(("name", "text", "expected"), CORPUS, ids=[c[0] for c in CORPUS])
def test_note_reads_as_expected(
    name: str, text: str, expected: dict[str, Any], anatomy: Anatomy
) -> None:
    case, queries, error = reading_of(text, anatomy)
    assert error == expected.get("error", ""), name
    assert queries == sorted(expected["queries"]), name
    if error:
        return
    want = expected["case"]
    assert accesses(case) == accesses(want)
    proposed, wanted = placements(case), placements(want)
    assert len(proposed) == len(wanted)
    assert matched_steps(wanted, proposed) == len(wanted), (proposed, wanted)
    assert [p[0] for p in proposed] == [p[0] for p in wanted], "placements in the order performed"
    for key in ("variants", "constructs", "interventions"):
        assert (case or {}).get(key) == (want or {}).get(key)
    assert codes(case, anatomy) == codes(want, anatomy)
