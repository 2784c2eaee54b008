"""Properties of name reading on the embedded atlas: total, bounded, and consistent everywhere."""

from __future__ import annotations

import functools

import pytest
from hypothesis import given, note, settings
from hypothesis import strategies as st

from tests.strategies import atlas
from vascular.errors import VesselNameError
from vascular.names import MAX_NAME_CHARS, NameReading


@functools.cache
def _words() -> tuple[str, ...]:
    """Every token of every name and alias, the side words, and some punctuation."""
    found = {"right", "left", "R", "L", "rt", "lt", ",", "-", "/", "(", ")", "vein", "PA", "of"}
    for record in atlas():
        for text in (record.name, *record.aliases):
            found.update(text.split())
    for variant in atlas().variants.values():
        for text in variant.aliases:
            found.update(text.split())
    found.update(["replaced", "accessory", "aberrant", "from", "distal", "proximal"])
    return tuple(sorted(found))


any_text = st.text(alphabet=st.characters(codec=None), max_size=300)
huge_text = st.builds(
    lambda piece, times: piece * times,
    st.text(alphabet=st.characters(codec=None), min_size=1, max_size=12),
    st.integers(min_value=1, max_value=100_000),
)
atlas_words = st.lists(st.sampled_from(_words()), min_size=1, max_size=7).map(" ".join)
names = st.one_of(any_text, atlas_words)


def _consistent(reading: NameReading) -> None:
    """The fields each kind promises."""
    anatomy = atlas()
    if reading.kind == "vessel":
        assert reading.vessel in anatomy
        assert reading.reason == ""
        assert reading.candidates == ()
        return
    assert reading.reason
    assert reading.note == ""
    if reading.kind == "class":
        assert len(reading.candidates) >= 2
        assert reading.label
    if reading.kind == "ambiguous":
        assert reading.candidates
    if reading.kind == "variant":
        assert reading.label in anatomy.variants
        assert reading.vessel in anatomy
    if reading.kind == "unknown":
        assert reading.candidates == ()
        assert all(s.id in anatomy and s.id in s.ids for s in reading.suggestions)
    assert all(c in anatomy for c in reading.candidates)
    assert len(set(reading.candidates)) == len(reading.candidates)


@given(text=names, role=st.sampled_from(["placement", "access"]))
def test_any_text_reads_without_raising_and_keeps_its_promises(text: str, role: str) -> None:
    reading = atlas().read_name(text, "access" if role == "access" else "placement")
    note(repr(reading))
    assert reading.text == text
    _consistent(reading)


@settings(deadline=None)  # building a 100k-character example is what takes the time
@given(text=huge_text)
def test_a_huge_text_is_read_at_once_as_unknown(text: str) -> None:
    reading = atlas().read_name(text)
    if len(text.strip()) > MAX_NAME_CHARS:
        assert reading.kind == "unknown"
        assert reading.suggestions == ()
        assert f"at most {MAX_NAME_CHARS} characters" in reading.reason
    _consistent(reading)
    assert len(atlas().complete(text)) <= 8
    assert len(atlas().names.suggestions(text)) <= 5


@given(text=names)
def test_resolve_agrees_with_read(text: str) -> None:
    reading = atlas().read_name(text)
    if reading.kind == "vessel":
        assert atlas().resolve(text).id == reading.vessel
        return
    with pytest.raises(VesselNameError) as raised:
        atlas().resolve(text)
    assert raised.value.reading == reading
    assert raised.value.reason == reading.reason
    assert raised.value.suggestion_ids == tuple(s.id for s in reading.suggestions)


@given(text=names, limit=st.integers(min_value=0, max_value=12))
def test_completion_starts_with_the_reading_and_respects_the_limit(text: str, limit: int) -> None:
    reading = atlas().read_name(text)
    found = atlas().complete(text, limit)
    assert len(found) <= limit
    assert len({s.id for s in found}) == len(found)
    if not found:
        return
    if reading.kind == "vessel":
        assert found[0].id == reading.vessel
    elif reading.kind in ("class", "ambiguous"):
        head = reading.candidates[:limit]
        assert tuple(s.id for s in found[: len(head)]) == head
