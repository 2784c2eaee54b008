"""An exercise set and its questions, as JSON-able values.

What a quiz asks, a sheet prints and a grader checks.

No I/O. A set is identified by its seed, level, kinds and count (`SetKey`): the same key always
makes the same set. Each question carries the case it is about, the engine's answer (a JSON value
whose shape depends on the kind), the answer as a coder writes it, and the reasoning step by step.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from vascular.frozen import record
from vascular.training.errors import ExerciseError

__all__ = ["SET_FORMAT", "SET_SCHEMA_VERSION", "ExerciseSet", "Fork", "Question", "SetKey"]

SET_FORMAT = "vascular-exercise-set"
SET_SCHEMA_VERSION = 1


@record
class Fork:
    """One fork on the way to a trace question's target: the vessel, the ways on, the right one."""

    at: str
    options: tuple[str, ...]
    toward: str

    def to_json(self) -> dict[str, Any]:
        """The fork as JSON."""
        return {"at": self.at, "options": list(self.options), "toward": self.toward}


@record
class Question:
    """One exercise with the engine's answer and reasoning.

    `answer` by kind: order, an integer or null (non-selective); family, a vessel id; selective, a
    boolean; codes and golden, the claim lines as written ('36247-LT', '+36248 x2'); imaging, the
    code numbers that include the imaging; trace, the vessel id chosen at each fork; spot-error,
    the number of the wrong line (from 1).
    """

    id: str
    kind: str
    prompt: str
    case: Mapping[str, Any]
    answer: Any
    answer_text: str
    explanation: tuple[str, ...]
    """The reasoning, one step a line, from the engine's tracing and reasons."""
    sources: tuple[str, ...] = ()
    claim: tuple[str, ...] = ()
    """For spot-error: the claim shown, with its one deliberate mistake."""
    forks: tuple[Fork, ...] = ()
    """For trace: each fork on the way, in order."""
    target: str = ""
    """For trace and the one-vessel kinds: the vessel asked about."""

    def to_json(self) -> dict[str, Any]:
        """The question as JSON."""
        return {
            "id": self.id,
            "kind": self.kind,
            "prompt": self.prompt,
            "case": dict(self.case),
            "answer": self.answer,
            "answer_text": self.answer_text,
            "explanation": list(self.explanation),
            "sources": list(self.sources),
            "claim": list(self.claim),
            "forks": [fork.to_json() for fork in self.forks],
            "target": self.target,
        }

    @classmethod
    def from_json(cls, data: Any, where: str) -> Question:
        """Read a question written by `to_json`.

        Raises:
            ExerciseError: it is not a question of this format.
        """
        if not isinstance(data, dict):
            raise ExerciseError(f"{where}: expected a question object")
        try:
            return cls(
                id=str(data["id"]),
                kind=str(data["kind"]),
                prompt=str(data["prompt"]),
                case=dict(data["case"]),
                answer=data["answer"],
                answer_text=str(data["answer_text"]),
                explanation=tuple(str(step) for step in data.get("explanation", ())),
                sources=tuple(str(s) for s in data.get("sources", ())),
                claim=tuple(str(line) for line in data.get("claim", ())),
                forks=tuple(
                    Fork(str(f["at"]), tuple(map(str, f["options"])), str(f["toward"]))
                    for f in data.get("forks", ())
                ),
                target=str(data.get("target", "")),
            )
        except (KeyError, TypeError, ValueError) as error:
            raise ExerciseError(f"{where}: not a question of an exercise set ({error})") from None


@record
class SetKey:
    """What identifies a set: the same key makes the same set on the same atlas."""

    level: str
    seed: int
    count: int
    kinds: tuple[str, ...]
    access: str = ""
    """The vessel punctured for every question, when it replaces the level's accesses."""

    def options(self) -> str:
        """The key as command-line options, to share the set."""
        text = f"--level {self.level} --seed {self.seed} --count {self.count}"
        text += f" --kinds {','.join(self.kinds)}"
        return text + (f" --access {self.access}" if self.access else "")


@record
class ExerciseSet:
    """A reproducible set of questions."""

    key: SetKey
    title: str
    questions: tuple[Question, ...]

    def to_json(self) -> dict[str, Any]:
        """The set as JSON (what ``vascular quiz --json`` prints)."""
        return {
            "format": SET_FORMAT,
            "schema_version": SET_SCHEMA_VERSION,
            "level": self.key.level,
            "seed": self.key.seed,
            "count": self.key.count,
            "kinds": list(self.key.kinds),
            "access": self.key.access,
            "title": self.title,
            "questions": [question.to_json() for question in self.questions],
        }

    @classmethod
    def from_json(cls, data: Any, where: str = "the set") -> ExerciseSet:
        """Read a set written by `to_json`.

        Raises:
            ExerciseError: it is not an exercise set of this version.
        """
        if not isinstance(data, dict) or data.get("format") != SET_FORMAT:
            raise ExerciseError(f'{where}: not an exercise set (no "format": "{SET_FORMAT}")')
        if data.get("schema_version") != SET_SCHEMA_VERSION:
            raise ExerciseError(
                f"{where}: exercise set version {data.get('schema_version')!r}, this version "
                f"reads {SET_SCHEMA_VERSION}"
            )
        questions = data.get("questions")
        if not isinstance(questions, list):
            raise ExerciseError(f'{where}: "questions" must be a list')
        try:
            key = SetKey(
                str(data["level"]),
                int(data["seed"]),
                int(data["count"]),
                tuple(map(str, data["kinds"])),
                str(data.get("access", "")),
            )
        except (KeyError, TypeError, ValueError) as error:
            raise ExerciseError(
                f"{where}: level, seed, count and kinds are needed ({error})"
            ) from None
        return cls(
            key,
            str(data.get("title", "")),
            tuple(
                Question.from_json(q, f"{where}: questions[{i}]") for i, q in enumerate(questions)
            ),
        )
