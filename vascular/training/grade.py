"""Grading: read a learner's answer the ways a coder writes it and compare it with the engine's.

Pure; no I/O. Claim lines are compared as a claim: units on one line (``+36248 x2``) or as
repeated lines, modifiers in any order, with or without the ``+`` of an add-on, in any case and
spacing. Every verdict carries what was wrong and the engine's reasoning.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

from vascular.anatomy import Anatomy
from vascular.frozen import record
from vascular.loading import load_anatomy
from vascular.training.errors import ExerciseError
from vascular.training.exercise import ExerciseSet, Question
from vascular.training.forks import match_option

__all__ = ["Verdict", "grade", "grade_set", "read_claim"]


@record
class Verdict:
    """One answer graded: right or not, what was expected, what was wrong, the reasoning."""

    question: str
    kind: str
    correct: bool
    given: str
    expected: str
    feedback: tuple[str, ...]
    explanation: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        """The verdict as JSON."""
        return {
            "question": self.question,
            "kind": self.kind,
            "correct": self.correct,
            "given": self.given,
            "expected": self.expected,
            "feedback": list(self.feedback),
            "explanation": list(self.explanation),
        }


_CODE = re.compile(r"^\+?(\d{5})$")
_UNITS = re.compile(
    r"^(?:[x\N{MULTIPLICATION SIGN}*](\d{1,3})|(\d{1,3})[x\N{MULTIPLICATION SIGN}]|\((\d{1,3})\))$"
)
_MODIFIER = re.compile(r"^[A-Z0-9]{2}$")
_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6}
_NON_SELECTIVE = {"non-selective", "nonselective", "non selective", "none", "0", "ns", "trunk"}
_YES = {"yes", "y", "true", "selective", "sel"}
_NO = {"no", "n", "false", "non-selective", "nonselective", "non selective", "ns"}

ClaimKey = tuple[str, frozenset[str]]


def read_claim(answer: Any) -> tuple[Counter[ClaimKey], list[str]]:
    """The claim an answer gives, as units per (code, modifiers), and what could not be read.

    Lines are separated by new lines, commas or semicolons; an answer may also be a list.
    """
    parts = _parts(answer)
    units: Counter[ClaimKey] = Counter()
    unread = []
    for part in parts:
        text = re.sub(r"(?i)\s*([x\N{MULTIPLICATION SIGN}*])\s*(\d)", r" \1\2", part.strip())
        text = re.sub(r"(?i)\bunits?\b", "", text)
        text = re.sub(r"(\d{5})([A-Za-z])", r"\1 \2", text)
        tokens = [t for t in re.split(r"[\s\-]+", text.upper()) if t]
        if not tokens:
            continue
        code = _CODE.match(tokens[0])
        if code is None:
            unread.append(part.strip())
            continue
        count, modifiers, bad = 1, set(), False
        for token in tokens[1:]:
            amount = _UNITS.match(token.lower())
            if amount:
                count = int(next(g for g in amount.groups() if g))
            elif _MODIFIER.match(token):
                modifiers.add(token)
            else:
                bad = True
        if bad:
            unread.append(part.strip())
            continue
        units[(code.group(1), frozenset(modifiers))] += count
    return units, unread


def _parts(answer: Any) -> list[str]:
    if isinstance(answer, str):
        return [p for p in re.split(r"[\n,;]+", answer) if p.strip()]
    if isinstance(answer, Sequence):
        return [p for item in answer for p in _parts(item)]
    return [str(answer)]


def _show(key: ClaimKey, units: int) -> str:
    code, modifiers = key
    return code + "".join(f"-{m}" for m in sorted(modifiers)) + (f" x{units}" if units > 1 else "")


def _claim_feedback(expected: Any, given: Any) -> tuple[bool, list[str]]:
    want, _ = read_claim(expected)
    got, unread = read_claim(given)
    notes = [f"could not read '{text}' as a claim line (code, modifiers, units)" for text in unread]
    for code in sorted({key[0] for key in want} | {key[0] for key in got}):
        wanted = {key: units for key, units in want.items() if key[0] == code}
        gave = {key: units for key, units in got.items() if key[0] == code}
        if wanted == gave:
            continue
        if not gave:
            notes += [f"missing: {_show(key, units)}" for key, units in wanted.items()]
        elif not wanted:
            notes += [f"not on this claim: {_show(key, units)}" for key, units in gave.items()]
        elif sum(wanted.values()) != sum(gave.values()) and wanted.keys() == gave.keys():
            notes.append(
                f"{code}: {sum(gave.values())} units given, the claim has {sum(wanted.values())}"
            )
        else:
            shown = ", ".join(_show(k, u) for k, u in sorted(gave.items(), key=str))
            right = ", ".join(_show(k, u) for k, u in sorted(wanted.items(), key=str))
            notes.append(f"{code}: given as {shown}; the claim has {right}")
    return want == got and not unread, notes


def _order_of(text: str) -> int | str | None:
    words = text.strip().lower().replace("order", "").strip()
    if words in _NON_SELECTIVE:
        return None
    match = re.fullmatch(r"(\d+)(?:st|nd|rd|th)?", words)
    if match:
        return int(match.group(1))
    return _ORDINALS.get(words, "?")


def _text(answer: Any) -> str:
    if isinstance(answer, list | tuple):
        return ", ".join(map(str, answer))
    return "" if answer is None else str(answer)


def grade(question: Question, answer: Any, anatomy: Anatomy | None = None) -> Verdict:
    """Grade one answer (text, or for trace and codes a list) against the engine's answer."""
    patient = anatomy or load_anatomy()
    variants = question.case.get("variants") or ()
    if variants:
        patient = patient.with_variants(*variants)
    correct, notes = _CHECKS[question.kind](question, answer, patient)
    return Verdict(
        question.id,
        question.kind,
        correct,
        _text(answer),
        question.answer_text,
        tuple(notes),
        question.explanation,
    )


def _check_order(question: Question, answer: Any, anatomy: Anatomy) -> tuple[bool, list[str]]:
    read = _order_of(_text(answer))
    if read == "?":
        return False, [f"'{_text(answer)}' is not an order: give a number, or 'non-selective'"]
    return read == question.answer, []


def _check_family(question: Question, answer: Any, anatomy: Anatomy) -> tuple[bool, list[str]]:
    text = _text(answer).strip()
    if not text:
        return False, ["no answer"]
    reading = anatomy.read_name(text)
    if reading.vessel == question.answer:
        return True, []
    if reading.kind != "vessel":
        return False, [f"'{text}': {reading.reason}"]
    return False, [f"'{text}' reads as the {anatomy.vessel(str(reading.vessel)).name.lower()}"]


def _check_selective(question: Question, answer: Any, anatomy: Anatomy) -> tuple[bool, list[str]]:
    text = _text(answer).strip().lower()
    if text in _YES:
        return question.answer is True, []
    if text in _NO:
        return question.answer is False, []
    return False, [f"'{text}' is neither yes nor no"]


def _check_codes(question: Question, answer: Any, anatomy: Anatomy) -> tuple[bool, list[str]]:
    return _claim_feedback(question.answer, answer)


def _check_imaging(question: Question, answer: Any, anatomy: Anatomy) -> tuple[bool, list[str]]:
    text = _text(answer).strip().lower()
    given = set() if text in ("none", "no", "") else set(re.findall(r"\d{5}", text))
    leftover = re.sub(r"[\s,;+\-]|\d{5}|x\d+|rt|lt|50|59|xs", "", text)
    want = set(question.answer)
    notes = [f"missing: {code}" for code in sorted(want - given)]
    notes += [f"does not include the imaging here: {code}" for code in sorted(given - want)]
    if leftover and text not in ("none", "no"):
        notes.append(f"could not read all of '{_text(answer)}' as code numbers")
    return given == want and not leftover, notes


def _check_trace(question: Question, answer: Any, anatomy: Anatomy) -> tuple[bool, list[str]]:
    choices = [answer] if isinstance(answer, str) else list(answer or [])
    if isinstance(answer, str):
        choices = [c for c in re.split(r"[\n,;>]+", answer) if c.strip()]
    for index, fork in enumerate(question.forks):
        if index >= len(choices):
            return False, [f"stopped at the {anatomy.vessel(fork.at).name.lower()}"]
        chosen = match_option(anatomy, fork.options, str(choices[index]))
        if chosen != fork.toward:
            shown = anatomy.vessel(chosen).name if chosen else f"'{choices[index]}'"
            return False, [
                f"at the {anatomy.vessel(fork.at).name.lower()}: {shown} is not the way; the way "
                f"is the {anatomy.vessel(fork.toward).name.lower()}"
            ]
    return len(choices) == len(question.forks), []


def _check_spot(question: Question, answer: Any, anatomy: Anatomy) -> tuple[bool, list[str]]:
    text = _text(answer).strip().lower().removeprefix("line").strip()
    if text.isdigit():
        return int(text) == question.answer, []
    wrong = question.claim[int(question.answer) - 1] if question.claim else ""
    same, _ = _claim_feedback(wrong, text)
    return (same and bool(text)), [] if same else ["give the number of the wrong line"]


_CHECKS = {
    "order": _check_order,
    "family": _check_family,
    "selective": _check_selective,
    "codes": _check_codes,
    "golden": _check_codes,
    "imaging": _check_imaging,
    "trace": _check_trace,
    "spot-error": _check_spot,
}


def grade_set(
    exercises: ExerciseSet, answers: Mapping[str, Any], anatomy: Anatomy | None = None
) -> tuple[Verdict, ...]:
    """Grade answers given by question id ({"q1": "2", ...}); a question left out is wrong.

    Raises:
        ExerciseError: an answer names a question the set does not have.
    """
    ids = {question.id for question in exercises.questions}
    unknown = sorted(set(answers) - ids)
    if unknown:
        raise ExerciseError(
            f"answers for questions the set does not have: {', '.join(unknown)} "
            f"(it has {', '.join(q.id for q in exercises.questions)})"
        )
    return tuple(grade(q, answers.get(q.id, ""), anatomy) for q in exercises.questions)
