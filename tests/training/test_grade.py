"""Grading accepts the ways a coder writes the same answer and rejects wrong ones."""

from __future__ import annotations

from typing import Any

import pytest

from tests.strategies import atlas
from vascular.training import Question, grade
from vascular.training.exercise import Fork
from vascular.training.grade import read_claim


def question(kind: str, answer: Any, **extra: Any) -> Question:
    case = {"accesses": [{"vessel": "right_common_femoral_artery"}], "placements": []}
    return Question(
        id="q1",
        kind=kind,
        prompt="?",
        case=case,
        answer=answer,
        answer_text=str(answer),
        explanation=("step",),
        **extra,
    )


CLAIM = ["36247-LT", "+36248-LT x2", "36245-59"]


@pytest.mark.parametrize(
    "given",
    [
        "36247-LT, +36248-LT x2, 36245-59",
        "36247-LT\n+36248-LT\n+36248-LT\n36245-59",
        "36247 lt; 36248 LT x 2; 36245 59",
        "36245-59, 36248-LT \N{MULTIPLICATION SIGN}2, 36247-LT",
        "36247LT, 36248-LT 2x, 36245-59",
        ["36247-LT", "+36248-LT", "36248-LT", "36245-59"],
        "  36247 - LT ,36248-LT*2,  36245-59 ",
    ],
    ids=["one-line", "repeated-lines", "spaces-case", "order", "glued", "list", "punctuation"],
)
def test_equivalent_claims_are_accepted(given: Any) -> None:
    assert grade(question("codes", CLAIM), given, atlas()).correct


def test_modifier_order_does_not_matter() -> None:
    target = question("codes", ["36248-59-LT"])
    assert grade(target, "36248-LT-59", atlas()).correct
    assert grade(target, "36248 59 LT", atlas()).correct


@pytest.mark.parametrize(
    ("given", "note"),
    [
        ("36247-LT, +36248-LT, 36245-59", "1 units given, the claim has 2"),
        ("36247-RT, +36248-LT x2, 36245-59", "given as 36247-RT; the claim has 36247-LT"),
        ("36247-LT, +36248-LT x2", "missing: 36245-59"),
        ("36247-LT, +36248-LT x2, 36245-59, 36200", "not on this claim: 36200"),
        ("36247-LT, +36248-LT x2, 36245-59, hello", "could not read 'hello'"),
        ("", "missing: 36247-LT"),
    ],
    ids=["units", "side", "missing", "extra", "unreadable", "empty"],
)
def test_wrong_claims_are_rejected_with_what_is_wrong(given: str, note: str) -> None:
    verdict = grade(question("codes", CLAIM), given, atlas())
    assert not verdict.correct
    assert any(note in text for text in verdict.feedback), verdict.feedback
    assert verdict.explanation == ("step",)


def test_read_claim_counts_units_per_code_and_modifiers() -> None:
    units, unread = read_claim("+36248-LT x2, 36248 lt")
    assert dict(units) == {("36248", frozenset({"LT"})): 3}
    assert unread == []


@pytest.mark.parametrize(
    ("answer", "given", "right"),
    [
        (3, "3", True),
        (3, "3rd", True),
        (3, "third order", True),
        (3, " Order 3 ", True),
        (3, "2", False),
        (None, "non-selective", True),
        (None, "0", True),
        (2, "non-selective", False),
        (2, "banana", False),
    ],
)
def test_orders(answer: int | None, given: str, right: bool) -> None:
    assert grade(question("order", answer), given, atlas()).correct is right


@pytest.mark.parametrize(
    ("given", "right"),
    [
        ("celiac trunk", True),
        ("Celiac", True),
        ("celiac_trunk", True),
        ("SMA", False),
        ("hepatc", False),
    ],
)
def test_families_are_read_as_names(given: str, right: bool) -> None:
    assert grade(question("family", "celiac_trunk"), given, atlas()).correct is right


@pytest.mark.parametrize(
    ("given", "right"), [("yes", True), ("Y", True), ("selective", True), ("no", False)]
)
def test_selective_yes_or_no(given: str, right: bool) -> None:
    assert grade(question("selective", True), given, atlas()).correct is right


@pytest.mark.parametrize(
    ("given", "right"),
    [("36224, 36226", True), ("+36226 36224-50", True), ("36224", False), ("none", False)],
)
def test_imaging_codes(given: str, right: bool) -> None:
    assert grade(question("imaging", ["36224", "36226"]), given, atlas()).correct is right


def test_trace_answers_by_name_or_number_and_refuses_a_wrong_branch() -> None:
    forks = (
        Fork(
            "abdominal_aorta",
            ("celiac_trunk", "superior_mesenteric_artery", "right_renal_artery"),
            "celiac_trunk",
        ),
        Fork(
            "celiac_trunk",
            ("left_gastric_artery", "splenic_artery", "common_hepatic_artery"),
            "splenic_artery",
        ),
    )
    target = question("trace", ["celiac_trunk", "splenic_artery"], forks=forks)
    assert grade(target, ["celiac", "splenic artery"], atlas()).correct
    assert grade(target, "1, 2", atlas()).correct
    assert grade(target, "celiac trunk > splenic", atlas()).correct
    wrong = grade(target, ["SMA", "splenic"], atlas())
    assert not wrong.correct
    assert "the way is the celiac trunk" in wrong.feedback[0]
    assert not grade(target, ["celiac"], atlas()).correct


def test_spot_error_by_number_or_by_the_wrong_line() -> None:
    target = question("spot-error", 2, claim=("36247-LT", "+36248-LT x3"))
    assert grade(target, "2", atlas()).correct
    assert grade(target, "line 2", atlas()).correct
    assert grade(target, "+36248 LT x3", atlas()).correct
    assert not grade(target, "1", atlas()).correct
