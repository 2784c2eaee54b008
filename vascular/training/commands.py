"""``vascular quiz``: the trainer in a terminal, and its non-interactive forms.

``vascular quiz [--level L] [--seed N] [--count 20] [--mode learn|practice|assess] [--kinds ...]``
asks a set interactively, reading answers from standard input (a terminal or a pipe);
``--json`` prints the set instead. ``quiz grade SET ANSWERS`` grades answers to a set,
``quiz levels`` lists the levels, ``quiz export`` prints the progress file's results as CSV or
JSON, ``quiz sheet`` an exercise sheet with its answer key. Errors are raised as
`VascularError`s for the CLI to report (exit 2).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

__all__ = ["add_parser"]

_LEVEL_DEFAULT = "visceral"


def add_parser(
    subparsers: Any, parents: Sequence[argparse.ArgumentParser]
) -> argparse.ArgumentParser:
    """Add ``quiz`` and its subcommands to the CLI's `subparsers`.

    Args:
        subparsers: what ``ArgumentParser.add_subparsers`` returned.
        parents: the CLI's common option parsers (``--json`` and ``--data``).
    """
    quiz = subparsers.add_parser(
        "quiz",
        parents=list(parents),
        help="the trainer: a seeded exercise set answered by the engine, asked in the terminal",
    )
    _set_options(quiz)
    quiz.add_argument(
        "--mode",
        choices=["learn", "practice", "assess"],
        default="practice",
        help="learn: the reasoning step by step; practice (default): feedback after each "
        "answer; assess: the score at the end, no hints",
    )
    quiz.add_argument("--progress", metavar="FILE", type=Path, help=_PROGRESS_HELP)
    quiz.add_argument(
        "--no-progress", action="store_true", help="do not record this session in the progress file"
    )
    quiz.set_defaults(quiz_handler=_run)
    commands = quiz.add_subparsers(dest="quiz_command", metavar="{grade,levels,export,sheet}")
    grader = commands.add_parser(
        "grade", parents=list(parents), help="grade answers (JSON) to a set made with --json"
    )
    grader.add_argument("set", help="the set, as 'vascular quiz --json' wrote it")
    grader.add_argument(
        "answers", help='the answers: {"q1": "2", "q2": ["36247-LT", "+36248-LT"], ...}'
    )
    grader.set_defaults(quiz_handler=_grade)
    lister = commands.add_parser("levels", parents=list(parents), help="the levels and kinds")
    lister.set_defaults(quiz_handler=_levels)
    export = commands.add_parser(
        "export", parents=list(parents), help="the progress file's answers, as CSV or JSON"
    )
    export.add_argument("--format", choices=["csv", "json"], default="csv", help="default csv")
    export.add_argument("--progress", metavar="FILE", type=Path, help=_PROGRESS_HELP)
    export.set_defaults(quiz_handler=_export)
    sheet = commands.add_parser(
        "sheet", parents=list(parents), help="an exercise sheet (Markdown) and its answer key"
    )
    _set_options(sheet)
    sheet.add_argument(
        "--key", action="store_true", help="print the answer key (default: the questions)"
    )
    sheet.set_defaults(quiz_handler=_sheet)
    parser: argparse.ArgumentParser = quiz
    return parser


_PROGRESS_HELP = (
    "the progress file (default: $VASCULAR_PROGRESS_FILE, else "
    "$XDG_DATA_HOME/vascular-coding/training-progress.json)"
)


def _set_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--level", default=_LEVEL_DEFAULT, help="the level (see 'vascular quiz levels')"
    )
    parser.add_argument(
        "--seed",
        type=int,
        help="the set's seed, 0 to 4294967295 (default: drawn at random and shown, to share)",
    )
    parser.add_argument("--count", type=int, default=20, help="questions in the set (default 20)")
    parser.add_argument(
        "--kinds", help="comma-separated question kinds (default: the level's; see 'quiz levels')"
    )
    parser.add_argument(
        "--access",
        metavar="VESSEL",
        help="the vessel punctured for every question (default: the level's accesses)",
    )


def _make(args: argparse.Namespace) -> Any:
    from vascular.loading import load_anatomy
    from vascular.training.generate import MAX_SEED, make_set

    seed = args.seed if args.seed is not None else random.SystemRandom().randint(0, MAX_SEED)
    anatomy = load_anatomy(args.data)
    exercises = make_set(
        args.level, seed, args.count, args.kinds, anatomy=anatomy, access=args.access
    )
    return exercises, anatomy


def _write(out: TextIO, text: str) -> None:
    out.write(text + "\n")
    out.flush()


def _run(args: argparse.Namespace, out: TextIO) -> None:
    from vascular.training.asking import ask

    exercises, anatomy = _make(args)
    if args.json:
        _write(out, json.dumps(exercises.to_json(), indent=2))
        return
    from vascular.training.progress import ProgressFile

    store = None if args.no_progress else ProgressFile(args.progress)
    ask(exercises, args.mode, anatomy, sys.stdin, out, store)


def _read_json(source: str, what: str) -> Any:
    from vascular.training.errors import ExerciseError

    try:
        text = sys.stdin.read() if source == "-" else Path(source).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise ExerciseError(f"cannot read the {what} {source}: {error}") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise ExerciseError(
            f"the {what} {source} is not JSON: line {error.lineno} column {error.colno}: "
            f"{error.msg}"
        ) from None


def _grade(args: argparse.Namespace, out: TextIO) -> None:
    from vascular.loading import load_anatomy
    from vascular.training.errors import ExerciseError
    from vascular.training.exercise import ExerciseSet
    from vascular.training.generate import make_set
    from vascular.training.grade import grade_set
    from vascular.training.session import summarize

    exercises = ExerciseSet.from_json(_read_json(args.set, "set"), args.set)
    answers = _read_json(args.answers, "answers")
    if isinstance(answers, dict) and isinstance(answers.get("answers"), dict | list):
        answers = answers["answers"]
    if isinstance(answers, list):
        answers = {q.id: a for q, a in zip(exercises.questions, answers, strict=False)}
    if not isinstance(answers, dict):
        raise ExerciseError(
            f"the answers {args.answers} must be an object by question id, or a list in order"
        )
    anatomy = load_anatomy(args.data)
    key = exercises.key
    fresh = make_set(
        key.level, key.seed, key.count, key.kinds, anatomy=anatomy, access=key.access or None
    )
    if fresh.questions != exercises.questions:
        sys.stderr.write(
            "vascular: warning: this set is not the one this version makes from its seed, level "
            "and kinds (edited, or made by another version); graded against the set's answers\n"
        )
    verdicts = grade_set(exercises, answers, anatomy)
    summary = summarize(verdicts, "assess")
    if args.json:
        data = {"verdicts": [v.to_json() for v in verdicts], "summary": summary.to_json()}
        _write(out, json.dumps(data, indent=2))
        return
    lines = []
    for verdict in verdicts:
        mark = "right" if verdict.correct else "wrong"
        lines.append(f"{verdict.question} [{verdict.kind}] {mark}: {verdict.given or '-'}")
        if not verdict.correct:
            lines.append(f"    expected: {verdict.expected}")
            lines += [f"    {note}" for note in verdict.feedback]
    _write(out, "\n".join([*lines, "", summary.text()]))


def _levels(args: argparse.Namespace, out: TextIO) -> None:
    from vascular.training.levels import levels

    known = levels(args.data)
    if args.json:
        data = [
            {"id": lv.id, "title": lv.title, "about": lv.about, "kinds": list(lv.kinds)}
            for lv in known.values()
        ]
        _write(out, json.dumps(data, indent=2))
        return
    text = []
    for level in known.values():
        text += [
            f"{level.id}: {level.title}",
            f"  {level.about}",
            f"  kinds: {', '.join(level.kinds)}",
        ]
    _write(out, "\n".join(text))


def _export(args: argparse.Namespace, out: TextIO) -> None:
    from vascular.training.progress import ProgressFile, export_csv

    rows, notice = ProgressFile(args.progress).rows()
    if notice:
        sys.stderr.write(f"vascular: {notice}\n")
    if args.json or args.format == "json":
        _write(out, json.dumps(rows, indent=2))
    else:
        out.write(export_csv(rows))


def _sheet(args: argparse.Namespace, out: TextIO) -> None:
    from vascular.training.sheet import answer_key, exercise_sheet

    exercises, _ = _make(args)
    if args.json:
        _write(out, json.dumps(exercises.to_json(), indent=2))
        return
    _write(out, answer_key(exercises) if args.key else exercise_sheet(exercises))
