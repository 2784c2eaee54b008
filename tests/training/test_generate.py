"""Exercise sets: answered by the engine, reproducible from their key, answered by their key."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.strategies import atlas
from vascular import code_case, explain_case
from vascular.explain import written
from vascular.training import (
    KINDS,
    ExerciseError,
    ExerciseSet,
    Question,
    grade,
    levels,
    make_set,
)
from vascular.training.forks import forks_of

LEVELS = list(levels())


def engine_answer(question: Question) -> Any:
    """What the engine says now about the question's case, in the question's answer shape."""
    anatomy = atlas()
    result = code_case(question.case, anatomy)
    first = result.placements[0] if result.placements else None
    claim = [written(line, anatomy) for line in result.lines]
    if question.kind == "order":
        assert first is not None
        return first.order if first.selective else None
    if question.kind == "family":
        assert first is not None
        return first.family
    if question.kind == "selective":
        assert first is not None
        return first.selective
    if question.kind in ("codes", "golden"):
        return claim
    if question.kind == "imaging":
        return sorted({ln.code for ln in result.lines if anatomy.rules.code(ln.code).imaging})
    if question.kind == "trace":
        stop = explain_case(question.case, anatomy).tracing.stops[0]
        return [fork.toward for fork in forks_of(explain_case(question.case).anatomy, stop)]
    assert question.kind == "spot-error"
    wrong = [i + 1 for i, (a, b) in enumerate(zip(claim, question.claim, strict=True)) if a != b]
    return wrong[0] if len(wrong) == 1 else wrong


@settings(max_examples=12, deadline=None)
@given(level=st.sampled_from(LEVELS), seed=st.integers(0, 2**32 - 1))
def test_every_answer_is_the_engines_coding_of_the_same_case(level: str, seed: int) -> None:
    exercises = make_set(level, seed, 8, anatomy=atlas())
    for question in exercises.questions:
        assert question.answer == engine_answer(question), question.prompt


def test_the_same_key_makes_the_same_set() -> None:
    first = make_set("third-order", 42, 10, anatomy=atlas())
    again = make_set("third-order", 42, 10, anatomy=atlas())
    other = make_set("third-order", 43, 10, anatomy=atlas())
    assert first == again
    assert first.to_json() == again.to_json()
    assert first.questions != other.questions


def test_a_set_round_trips_through_json() -> None:
    exercises = make_set("veins", 7, 12, anatomy=atlas())
    assert ExerciseSet.from_json(exercises.to_json()) == exercises


def test_kinds_take_turns_in_the_order_given() -> None:
    exercises = make_set("visceral", 1, 6, "trace,order", anatomy=atlas())
    assert [q.kind for q in exercises.questions] == ["trace", "order"] * 3


@pytest.mark.parametrize("level", LEVELS)
def test_a_twenty_question_practice_set_is_answered_right_by_its_key(level: str) -> None:
    exercises = make_set(level, 2026, 20, anatomy=atlas())
    assert len(exercises.questions) == 20
    assert len({q.prompt for q in exercises.questions}) >= 15
    for question in exercises.questions:
        verdict = grade(question, question.answer, atlas())
        assert verdict.correct, (question.prompt, verdict.feedback)
        assert question.explanation, question.prompt


@pytest.mark.parametrize("level", LEVELS)
def test_every_level_offers_known_kinds_and_each_kind_can_be_made(level: str) -> None:
    offered = levels()[level].kinds
    assert set(offered) <= set(KINDS)
    for kind in offered:
        assert make_set(level, 5, 2, kind, anatomy=atlas()).questions


def test_golden_questions_cite_their_source_and_why() -> None:
    exercises = make_set("cervicocerebral", 3, 4, "golden", anatomy=atlas())
    for question in exercises.questions:
        assert question.sources
        assert question.sources[0] in atlas().rules.sources
        assert question.explanation[0].startswith("Why (")


def test_a_trace_question_forks_lead_to_its_target() -> None:
    anatomy = atlas()
    for question in make_set("third-order", 9, 5, "trace", anatomy=anatomy).questions:
        assert question.forks
        assert anatomy.in_subtree(question.target, question.forks[-1].toward)
        for fork in question.forks:
            assert fork.toward in fork.options
            assert len(fork.options) > 1


def test_a_spot_error_claim_differs_from_the_engines_in_one_line() -> None:
    for question in make_set("visceral", 11, 6, "spot-error", anatomy=atlas()).questions:
        assert isinstance(engine_answer(question), int)
        assert question.answer == engine_answer(question)


def test_an_access_given_replaces_the_levels_accesses() -> None:
    exercises = make_set("arm", 4, 5, "order,codes", anatomy=atlas(), access="left radial")
    assert exercises.key.access == "left_radial_artery"
    for question in exercises.questions:
        assert question.case["accesses"] == [{"vessel": "left_radial_artery"}]


@pytest.mark.parametrize(
    ("arguments", "words"),
    [
        ({"level": "nope", "seed": 1}, "unknown level 'nope'"),
        ({"level": "visceral", "seed": -1}, "seed -1 out of range"),
        ({"level": "visceral", "seed": 2**32}, "out of range"),
        ({"level": "visceral", "seed": 1, "count": 0}, "count 0 out of range"),
        ({"level": "visceral", "seed": 1, "count": 201}, "out of range"),
        ({"level": "visceral", "seed": 1, "kinds": "order,bogus"}, "unknown question kind"),
        ({"level": "veins", "seed": 1, "kinds": "family"}, "does not offer 'family'"),
        ({"level": "visceral", "seed": 1, "kinds": "golden", "access": "L radial"}, "golden"),
    ],
    ids=["level", "seed-low", "seed-high", "count-low", "count-high", "kind", "offer", "golden"],
)
def test_bad_arguments_are_refused_with_a_clear_message(arguments: Any, words: str) -> None:
    with pytest.raises(ExerciseError, match=words):
        make_set(anatomy=atlas(), **arguments)


def test_an_unknown_access_vessel_names_close_vessels() -> None:
    from vascular import UnknownVesselError

    with pytest.raises(UnknownVesselError, match="did you mean"):
        make_set("arm", 1, 2, "order", anatomy=atlas(), access="rt radil")
