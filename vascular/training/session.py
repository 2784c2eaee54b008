"""A quiz session: one exercise set worked through in learn, practice or assess mode.

No I/O: a front end (the command line, the app) shows what the session says and hands it the
learner's answers. learn shows the reasoning step by step and the answer, and scores nothing;
practice grades each answer at once and shows why; assess grades silently and gives the score
and the summary by question kind at the end.
"""

from __future__ import annotations

from typing import Any

from vascular.anatomy import Anatomy
from vascular.case import Access
from vascular.frozen import record
from vascular.loading import load_anatomy
from vascular.training.errors import ExerciseError
from vascular.training.exercise import ExerciseSet, Fork, Question
from vascular.training.forks import match_option, refusal
from vascular.training.grade import Verdict, grade
from vascular.traversal import Reading, readings

__all__ = ["MODES", "KindScore", "QuizSession", "Summary", "TraceWalk", "brief", "summarize"]

MODES: tuple[str, ...] = ("learn", "practice", "assess")


@record
class KindScore:
    """How one question kind went: asked, right."""

    kind: str
    asked: int
    correct: int


@record
class Summary:
    """The session's score, overall and by question kind."""

    mode: str
    asked: int
    correct: int
    by_kind: tuple[KindScore, ...]

    @property
    def percent(self) -> int:
        """The score out of 100 (0 with nothing asked)."""
        return round(100 * self.correct / self.asked) if self.asked else 0

    def text(self) -> str:
        """The summary as a few lines of text."""
        if not self.asked:
            return "No questions answered."
        if self.mode == "learn":
            head = f"Learned {self.asked} questions."
        else:
            head = f"Score: {self.correct}/{self.asked} ({self.percent}%)"
        rows = [
            f"  {score.kind:<11} {score.correct}/{score.asked}"
            if self.mode != "learn"
            else f"  {score.kind:<11} {score.asked}"
            for score in self.by_kind
        ]
        return "\n".join([head, "By kind:", *rows])

    def to_json(self) -> dict[str, Any]:
        """The summary as JSON."""
        return {
            "mode": self.mode,
            "asked": self.asked,
            "correct": self.correct,
            "percent": self.percent,
            "by_kind": [
                {"kind": s.kind, "asked": s.asked, "correct": s.correct} for s in self.by_kind
            ],
        }


class TraceWalk:
    """A trace question walked fork by fork: a wrong branch is refused with the reason."""

    def __init__(self, question: Question, anatomy: Anatomy) -> None:
        """Start at the first fork of `question` (a trace question)."""
        self.question = question
        self.anatomy = anatomy
        self.step = 0
        self.wrong: list[str] = []
        self.chosen: list[str] = []
        self._reads: dict[str, Reading] | None = None

    @property
    def fork(self) -> Fork | None:
        """The fork to choose at now, or None at the target."""
        forks = self.question.forks
        return forks[self.step] if self.step < len(forks) else None

    @property
    def done(self) -> bool:
        """Whether the catheter has reached the target."""
        return self.fork is None

    def options(self) -> list[str]:
        """The ways on from the current fork, as names, in the fork's order."""
        fork = self.fork
        return [] if fork is None else [self.anatomy.vessel(o).name for o in fork.options]

    def choose(self, text: str) -> tuple[bool, str]:
        """Take the branch `text` names (a number from 1, or a name).

        Returns:
            Whether it was taken, and a sentence: where the catheter is now, or why it was refused.
        """
        fork = self.fork
        if fork is None:
            return False, "the catheter is already at the target"
        choice = match_option(self.anatomy, fork.options, text)
        if choice is None:
            return False, f"'{text.strip()}' is not one of the ways on: choose by number or name"
        if choice != fork.toward:
            self.wrong.append(choice)
            return False, refusal(
                self.anatomy, fork, choice, self.question.target, self._readings()
            )
        self.chosen.append(choice)
        self.step += 1
        name = self.anatomy.vessel(choice).name
        return True, f"{name}: reached the target." if self.done else f"{name}: on we go."

    def _readings(self) -> dict[str, Reading]:
        if self._reads is None:
            access = self.question.case["accesses"][0]
            self._reads = readings(self.anatomy, Access(**access))
        return self._reads


class QuizSession:
    """One set, one mode: the questions in turn, the verdicts, the summary."""

    def __init__(self, exercises: ExerciseSet, mode: str, anatomy: Anatomy | None = None) -> None:
        """Start at the first question.

        Raises:
            ExerciseError: an unknown mode.
        """
        if mode not in MODES:
            raise ExerciseError(f"unknown mode {mode!r}; the modes: {', '.join(MODES)}")
        self.exercises = exercises
        self.mode = mode
        self.anatomy = anatomy or load_anatomy()
        self.index = 0
        self.verdicts: list[Verdict] = []

    @property
    def current(self) -> Question | None:
        """The question being asked, or None when the set is done."""
        questions = self.exercises.questions
        return questions[self.index] if self.index < len(questions) else None

    @property
    def done(self) -> bool:
        """Whether every question has been answered (or, in learn mode, shown)."""
        return self.current is None

    @property
    def feedback_now(self) -> bool:
        """Whether each verdict is shown as soon as it is given (learn and practice)."""
        return self.mode != "assess"

    def patient(self, question: Question) -> Anatomy:
        """The anatomy a question is about (the atlas with its case's variants)."""
        variants = question.case.get("variants") or ()
        return self.anatomy.with_variants(*variants) if variants else self.anatomy

    def walk(self) -> TraceWalk:
        """Walk the current trace question fork by fork.

        Raises:
            ExerciseError: the current question is not a trace question.
        """
        question = self.current
        if question is None or question.kind != "trace":
            raise ExerciseError("the current question is not a trace question")
        return TraceWalk(question, self.patient(question))

    def answer(self, given: Any) -> Verdict:
        """Grade the answer to the current question and go on to the next.

        Raises:
            ExerciseError: the set is done.
        """
        question = self.current
        if question is None:
            raise ExerciseError("the set is done: there is no question to answer")
        verdict = grade(question, given, self.anatomy)
        self.verdicts.append(verdict)
        self.index += 1
        return verdict

    def finish_walk(self, walk: TraceWalk) -> Verdict:
        """Record a walked trace question: right only if no wrong branch was tried."""
        question = self.current
        if question is None or walk.question is not question:
            raise ExerciseError("that walk is not of the current question")
        names = [walk.anatomy.vessel(v).name for v in walk.chosen]
        feedback = tuple(
            f"tried the {walk.anatomy.vessel(v).name.lower()} first" for v in walk.wrong
        )
        verdict = Verdict(
            question.id,
            question.kind,
            walk.done and not walk.wrong,
            " > ".join(names),
            question.answer_text,
            feedback,
            question.explanation,
        )
        self.verdicts.append(verdict)
        self.index += 1
        return verdict

    def reveal(self) -> Question:
        """Learn mode: take the current question as shown (reasoning and answer), unscored.

        Raises:
            ExerciseError: the set is done.
        """
        question = self.current
        if question is None:
            raise ExerciseError("the set is done: there is no question to show")
        self.verdicts.append(
            Verdict(question.id, question.kind, False, "", question.answer_text, (), ())
        )
        self.index += 1
        return question

    def summary(self) -> Summary:
        """The score so far, overall and by kind (in the order the kinds first came)."""
        return summarize(self.verdicts, self.mode)


def brief(verdict: Verdict) -> tuple[str, ...]:
    """What to show after an answer.

    The whole reasoning when it was wrong; when it was right, the sourced case's why and each
    placement's reading (its order and family).
    """
    if not verdict.correct:
        return verdict.explanation
    return (
        tuple(step for step in verdict.explanation if step.startswith(("Placement ", "Why (")))
        or verdict.explanation[:3]
    )


def summarize(verdicts: list[Verdict] | tuple[Verdict, ...], mode: str) -> Summary:
    """The score of some verdicts, overall and by kind (in the order the kinds first came)."""
    kinds: dict[str, list[int]] = {}
    for verdict in verdicts:
        tally = kinds.setdefault(verdict.kind, [0, 0])
        tally[0] += 1
        tally[1] += int(verdict.correct)
    return Summary(
        mode,
        len(verdicts),
        sum(int(v.correct) for v in verdicts),
        tuple(KindScore(kind, asked, right) for kind, (asked, right) in kinds.items()),
    )
