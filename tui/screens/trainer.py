"""TrainerScreen: the trainer in the app, on the library's exercise sets and quiz sessions.

Choose a level, a mode and a seed, then answer in the box: practice shows the verdict and the
engine's reasoning after each answer, assess only the score at the end, learn the reasoning step
by step (Enter for the next). A trace question is walked fork by fork; a wrong branch is refused
with the reason. The finished session goes to the progress file, as ``vascular quiz`` does.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Footer, Input, Label, Select, Static

from vascular import (
    Anatomy,
    ExerciseSet,
    ProgressFile,
    Question,
    QuizSession,
    TraceWalk,
    VascularError,
    Verdict,
    brief_reasoning,
    make_set,
    session_record,
    training_levels,
)

__all__ = ["TrainerScreen"]

_MODES = (("Practice", "practice"), ("Learn", "learn"), ("Assess", "assess"))
"""Practice: feedback after each answer; learn: the reasoning step by step; assess: the score at
the end."""


class TrainerScreen(Screen[None]):
    """A quiz: the set's questions one by one, the verdicts and the summary."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "close", "Back")]

    def __init__(self, anatomy: Anatomy, progress: ProgressFile | None = None) -> None:
        """The trainer over `anatomy`; sessions are kept in `progress` (default: the user's)."""
        super().__init__()
        self.anatomy = anatomy
        self.progress = progress or ProgressFile()
        self.session: QuizSession | None = None
        self.walk: TraceWalk | None = None
        self.waiting = False
        """A verdict or an answer is on screen: the next Enter goes on."""
        self.steps: list[str] = []
        """Learn mode: the reasoning steps still to show."""

    def compose(self) -> ComposeResult:
        """The set-up row, the question, the feedback, the answer box."""
        levels = [(lv.title, lv.id) for lv in training_levels().values()]
        yield Label("Trainer: exercises answered by the coding engine", id="trainer-title")
        with Horizontal(id="trainer-setup"):
            yield Select(levels, value=levels[0][1], allow_blank=False, id="trainer-level")
            yield Select(_MODES, value="practice", allow_blank=False, id="trainer-mode")
            yield Input("1", placeholder="seed", type="integer", id="trainer-seed")
            yield Input("20", placeholder="count", type="integer", id="trainer-count")
            yield Button("Start", id="trainer-start", variant="primary")
        with VerticalScroll(id="trainer-body"):
            yield Static("", id="trainer-question", markup=False)
            yield Static("", id="trainer-feedback", markup=False)
        yield Input(placeholder="your answer, then Enter", id="trainer-answer")
        yield Footer()

    def on_mount(self) -> None:
        """Start on the level choice."""
        self._show_question("Choose a level, a mode and a seed, then Start.")
        self.query_one("#trainer-level", Select).focus()

    # --- starting ---------------------------------------------------------------------------

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """Start the set."""
        if event.button.id == "trainer-start":
            self.start()

    def start(self) -> None:
        """Make the set the set-up row names and ask its first question."""
        level = str(self.query_one("#trainer-level", Select).value)
        mode = str(self.query_one("#trainer-mode", Select).value)
        try:
            seed = int(self.query_one("#trainer-seed", Input).value or "0")
            count = int(self.query_one("#trainer-count", Input).value or "20")
            exercises: ExerciseSet = make_set(level, seed, count, anatomy=self.anatomy)
        except ValueError:
            self._show_feedback("The seed and the count are whole numbers.")
            return
        except VascularError as error:
            self._show_feedback(f"Cannot make this set: {error}")
            return
        self.session = QuizSession(exercises, mode, self.anatomy)
        self._show_feedback(f"{exercises.title}: {len(exercises.questions)} questions, {mode}.")
        self._ask()
        self.query_one("#trainer-answer", Input).focus()

    # --- asking -----------------------------------------------------------------------------

    def _ask(self) -> None:
        session = self.session
        assert session is not None
        question = session.current
        if question is None:
            self._finish()
            return
        total = len(session.exercises.questions)
        head = f"Question {session.index + 1}/{total} [{question.kind}]\n{question.prompt}"
        self.walk = session.walk() if question.kind == "trace" and session.mode != "learn" else None
        self.waiting = False
        self.steps = []
        if session.mode == "learn":
            self.steps = list(question.explanation)
            self._show_question(head + "\n\n(Enter: the next step of the reasoning)")
            self._show_feedback("")
            return
        if self.walk is not None:
            head += "\n\n" + self._ways(self.walk)
        elif question.kind in ("codes", "golden"):
            head += "\n\n(claim lines separated by commas: 36247-LT, +36248-LT x2)"
        self._show_question(head)

    def _ways(self, walk: TraceWalk) -> str:
        fork = walk.fork
        if fork is None:
            return ""
        ways = "\n".join(f"  {n}. {name}" for n, name in enumerate(walk.options(), 1))
        return f"At the {self.anatomy.vessel(fork.at).name.lower()}. The ways on:\n{ways}"

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """An answer (or, after a verdict, Enter to go on)."""
        if event.input.id in ("trainer-seed", "trainer-count"):
            self.start()
            return
        if event.input.id != "trainer-answer" or self.session is None:
            return
        text = event.value
        event.input.value = ""
        self.answer(text)

    def answer(self, text: str) -> None:
        """Take one line typed in the answer box."""
        session = self.session
        if session is None:
            return
        if self.waiting:
            if session.mode == "learn" and session.current is not None:
                session.reveal()
            self._ask()
            return
        question = session.current
        if question is None:
            return
        if session.mode == "learn":
            self._learn_step(question)
        elif self.walk is not None:
            self._branch(self.walk, text)
        else:
            verdict = session.answer(text)
            self._after(verdict)

    def _learn_step(self, question: Question) -> None:
        shown = list(question.explanation[: len(question.explanation) - len(self.steps)])
        if self.steps:
            shown.append(self.steps.pop(0))
        text = "\n".join(f"{n}. {step}" for n, step in enumerate(shown, 1))
        if not self.steps:
            text += f"\n\nAnswer: {question.answer_text}\n(Enter: the next question)"
            self.waiting = True
        self._show_feedback(text)

    def _branch(self, walk: TraceWalk, text: str) -> None:
        session = self.session
        assert session is not None
        taken, message = walk.choose(text)
        if not taken and session.mode == "assess" and walk.wrong:
            self._after(session.finish_walk(walk))
            return
        if not walk.done:
            question = session.current
            assert question is not None
            total = len(session.exercises.questions)
            self._show_question(
                f"Question {session.index + 1}/{total} [trace]\n{question.prompt}\n\n"
                + self._ways(walk)
            )
            self._show_feedback(message if taken else f"Refused: {message}")
            return
        self._after(session.finish_walk(walk))

    def _after(self, verdict: Verdict) -> None:
        session = self.session
        assert session is not None
        if not session.feedback_now:
            self._ask()
            return
        lines = ["Right." if verdict.correct else f"Not quite. The answer: {verdict.expected}"]
        lines += [f"  - {note}" for note in verdict.feedback]
        lines += ["", "Why:"] + [f"  {step}" for step in brief_reasoning(verdict)]
        lines += ["", "(Enter: the next question)"]
        self._show_feedback("\n".join(lines))
        self.waiting = True

    def _finish(self) -> None:
        session = self.session
        assert session is not None
        summary = session.summary()
        lines = [summary.text()]
        if session.mode == "assess":
            lines += ["", "Review:"] + [
                f"  {v.question} [{v.kind}] "
                + ("right" if v.correct else f"wrong (the answer: {v.expected})")
                for v in session.verdicts
            ]
        try:
            notice = self.progress.add(session_record(session))
            lines += ["", f"Progress saved to {self.progress.path}"]
            if notice:
                lines.append(notice)
        except VascularError as error:
            lines += ["", f"Progress not saved: {error}"]
        self._show_question("The set is done.")
        self._show_feedback("\n".join(lines))
        self.waiting = False

    # --- showing ----------------------------------------------------------------------------

    def _show_question(self, text: str) -> None:
        self.query_one("#trainer-question", Static).update(text)

    def _show_feedback(self, text: str) -> None:
        self.query_one("#trainer-feedback", Static).update(text)

    def action_close(self) -> None:
        """Back to the case."""
        self.dismiss(None)
