"""The terminal quiz: ask a set question by question on text streams, in any mode.

Reads answers from `stdin` a line at a time (a terminal or a pipe: end of input stops the set and
keeps what was answered) and writes to `out`; the session logic is `QuizSession`'s. Claim answers
take several lines, ended by an empty line. The finished session goes to the progress file.
"""

from __future__ import annotations

import os
import sys
import textwrap
from typing import TextIO

from vascular.anatomy import Anatomy
from vascular.training.exercise import ExerciseSet, Question
from vascular.training.grade import Verdict
from vascular.training.progress import ProgressFile, session_record
from vascular.training.session import QuizSession, brief

__all__ = ["ask"]

_MULTILINE = {"codes", "golden"}
_MODE_WORDS = {
    "learn": "learn: each step of the reasoning is shown, Enter for the next",
    "practice": "practice: feedback after each answer",
    "assess": "assess: the score at the end, no hints",
}


class _EndOfInputError(Exception):
    """Standard input ended."""


def _say(out: TextIO, text: str = "") -> None:
    out.write(text + "\n")
    out.flush()


def _width(out: TextIO) -> int:
    try:
        if out.isatty():
            return max(60, os.get_terminal_size(out.fileno()).columns - 1)
    except (OSError, ValueError, AttributeError):
        pass
    return 99


def _wrapped(out: TextIO, text: str, indent: str = "") -> None:
    """Each line of `text` wrapped to the terminal, continuation lines indented two more."""
    for line in text.splitlines() or [""]:
        lead = indent + line[: len(line) - len(line.lstrip())]
        _say(
            out,
            textwrap.fill(
                line.strip(),
                _width(out),
                initial_indent=lead,
                subsequent_indent=lead + "  ",
                break_on_hyphens=False,
            ),
        )


def _line(stdin: TextIO, out: TextIO, prompt: str) -> str:
    out.write(prompt)
    out.flush()
    line = stdin.readline()
    if not line:
        _say(out)
        raise _EndOfInputError
    return line.rstrip("\n")


def _claim_answer(stdin: TextIO, out: TextIO) -> list[str]:
    lines: list[str] = []
    while True:
        try:
            line = _line(stdin, out, "  line> " if lines else "answer> ")
        except _EndOfInputError:
            if lines:
                return lines
            raise
        if not line.strip():
            return lines
        lines.append(line)


def ask(
    exercises: ExerciseSet,
    mode: str,
    anatomy: Anatomy,
    stdin: TextIO | None,
    out: TextIO,
    store: ProgressFile | None,
) -> QuizSession:
    """Ask every question of `exercises` in `mode`, then show the summary and save progress."""
    session = QuizSession(exercises, mode, anatomy)
    key = exercises.key
    _wrapped(out, f"{exercises.title}: {len(exercises.questions)} questions, {_MODE_WORDS[mode]}.")
    _wrapped(out, f"To share this set: {key.options()}")
    stream = stdin if stdin is not None and not stdin.closed else None
    try:
        while not session.done and stream is not None:
            _one(session, stream, out)
    except _EndOfInputError:
        _say(out, "(end of input: the set stops here)")
    except KeyboardInterrupt:
        _finish(session, out, store)
        raise
    _finish(session, out, store)
    return session


def _header(session: QuizSession, question: Question, out: TextIO) -> None:
    total = len(session.exercises.questions)
    _say(out, "")
    _say(out, f"Question {session.index + 1}/{total} [{question.kind}]")
    _wrapped(out, question.prompt)


def _one(session: QuizSession, stdin: TextIO, out: TextIO) -> None:
    question = session.current
    assert question is not None
    _header(session, question, out)
    if session.mode == "learn":
        _learn(session, question, stdin, out)
        return
    if question.kind == "trace":
        _trace(session, stdin, out)
        return
    if question.kind in _MULTILINE:
        _say(out, "(one claim line a line, or several on one line with commas; empty line ends)")
        given: str | list[str] = _claim_answer(stdin, out)
    else:
        given = _line(stdin, out, "answer> ")
    verdict = session.answer(given)
    if session.feedback_now:
        _feedback(out, verdict)


def _learn(session: QuizSession, question: Question, stdin: TextIO, out: TextIO) -> None:
    if question.kind == "trace":
        _say(out, "Forks on the way:")
        for fork in question.forks:
            name = session.patient(question).vessel
            options = ", ".join(name(o).name for o in fork.options)
            _say(
                out, f"  at the {name(fork.at).name.lower()} ({options}): {name(fork.toward).name}"
            )
    _say(out, "Reasoning (Enter for each step):")
    for number, step in enumerate(question.explanation, 1):
        _line(stdin, out, "")
        _wrapped(out, f"{number}. {step}", "  ")
    _say(out, f"Answer: {question.answer_text}")
    session.reveal()


def _trace(session: QuizSession, stdin: TextIO, out: TextIO) -> None:
    walk = session.walk()
    shown = None
    try:
        while not walk.done:
            fork = walk.fork
            assert fork is not None
            if fork is not shown:
                _say(out, f"At the {walk.anatomy.vessel(fork.at).name.lower()}. The ways on:")
                options = [f"{n}. {name}" for n, name in enumerate(walk.options(), 1)]
                _say(out, _columns(options, _width(out)))
                shown = fork
            taken, message = walk.choose(_line(stdin, out, "branch> "))
            if taken:
                _wrapped(out, message, "  ")
            elif session.mode == "assess" and walk.wrong:
                _say(out, "  Not that way; recorded as wrong.")
                break
            else:
                _wrapped(out, f"Refused: {message} Choose again (the ways on above).", "  ")
    finally:
        verdict = session.finish_walk(walk)
    if session.feedback_now:
        _feedback(out, verdict)


def _columns(items: list[str], width: int = 96) -> str:
    """Items in as many columns as fit `width` (one column for a short list)."""
    if len(items) <= 8:
        return "\n".join(f"  {item}" for item in items)
    cell = max(len(item) for item in items) + 2
    per_row = max(1, (width - 2) // cell)
    rows = -(-len(items) // per_row)
    return "\n".join(
        "  "
        + "".join(
            items[r + c * rows].ljust(cell) for c in range(per_row) if r + c * rows < len(items)
        ).rstrip()
        for r in range(rows)
    )


def _feedback(out: TextIO, verdict: Verdict) -> None:
    _say(out, "Right." if verdict.correct else f"Not quite. The answer: {verdict.expected}")
    for note in verdict.feedback:
        _say(out, f"  - {note}")
    _say(out, "Why:")
    for step in brief(verdict):
        _wrapped(out, step, "  ")


def _finish(session: QuizSession, out: TextIO, store: ProgressFile | None) -> None:
    _say(out, "")
    summary = session.summary()
    _say(out, summary.text())
    if session.mode == "assess":
        _say(out, "Review:")
        for verdict in session.verdicts:
            mark = "right" if verdict.correct else f"wrong (the answer: {verdict.expected})"
            _wrapped(out, f"{verdict.question} [{verdict.kind}] {mark}", "  ")
    if store is None or not session.verdicts:
        return
    notice = store.add(session_record(session))
    if notice:
        sys.stderr.write(f"vascular: {notice}\n")
    _say(out, f"Progress saved to {store.path}")
