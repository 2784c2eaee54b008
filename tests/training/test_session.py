"""Quiz sessions: learn, practice and assess; trace questions walked fork by fork."""

from __future__ import annotations

import pytest

from tests.strategies import atlas
from vascular.training import ExerciseError, QuizSession, make_set


def test_practice_grades_each_answer_and_summarises_by_kind() -> None:
    exercises = make_set("visceral", 8, 6, "order,selective", anatomy=atlas())
    session = QuizSession(exercises, "practice", atlas())
    assert session.feedback_now
    while not session.done:
        question = session.current
        assert question is not None
        given = "wrong" if question.kind == "selective" else question.answer
        session.answer(given)
    summary = session.summary()
    assert (summary.asked, summary.correct, summary.percent) == (6, 3, 50)
    assert [(s.kind, s.asked, s.correct) for s in summary.by_kind] == [
        ("order", 3, 3),
        ("selective", 3, 0),
    ]
    assert "Score: 3/6 (50%)" in summary.text()
    with pytest.raises(ExerciseError, match="the set is done"):
        session.answer("1")


def test_assess_holds_feedback_until_the_end() -> None:
    session = QuizSession(make_set("veins", 1, 2, anatomy=atlas()), "assess", atlas())
    assert not session.feedback_now


def test_learn_shows_and_scores_nothing() -> None:
    session = QuizSession(make_set("arm", 1, 3, anatomy=atlas()), "learn", atlas())
    shown = [session.reveal() for _ in range(3)]
    assert all(question.explanation for question in shown)
    assert session.done
    assert session.summary().text().startswith("Learned 3 questions.")


def test_an_unknown_mode_is_refused() -> None:
    with pytest.raises(ExerciseError, match="unknown mode 'exam'"):
        QuizSession(make_set("arm", 1, 1, anatomy=atlas()), "exam", atlas())


def test_a_wrong_branch_is_refused_with_the_reason() -> None:
    exercises = make_set("visceral", 4, 3, "trace", anatomy=atlas())
    session = QuizSession(exercises, "practice", atlas())
    walk = session.walk()
    fork = walk.fork
    assert fork is not None
    wrong = next(option for option in fork.options if option != fork.toward)
    taken, reason = walk.choose(atlas().vessel(wrong).name)
    assert not taken
    assert "the way to the" in reason or "the way on is" in reason
    assert atlas().vessel(fork.toward).name.lower() in reason
    taken, message = walk.choose("not a vessel at all")
    assert not taken
    assert "not one of the ways on" in message
    while not walk.done:
        current = walk.fork
        assert current is not None
        number = current.options.index(current.toward) + 1
        assert walk.choose(str(number))[0]
    verdict = session.finish_walk(walk)
    assert not verdict.correct
    assert verdict.feedback
    second = session.walk()
    while not second.done:
        current = second.fork
        assert current is not None
        second.choose(atlas().vessel(current.toward).name)
    assert session.finish_walk(second).correct


def test_a_walk_is_only_for_a_trace_question() -> None:
    session = QuizSession(make_set("visceral", 4, 1, "order", anatomy=atlas()), "practice")
    with pytest.raises(ExerciseError, match="not a trace question"):
        session.walk()
