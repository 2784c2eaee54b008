"""The trainer: exercises answered by the coding engine, grading, quiz sessions and progress.

`make_set(level, seed, count, kinds)` makes a reproducible `ExerciseSet` (JSON-able questions,
answers and step-by-step reasoning, for a quiz, a printed sheet or a learning platform);
`grade(question, answer)` checks an answer, accepting the ways a coder writes the same thing;
`QuizSession` runs a set in learn, practice or assess mode; `ProgressFile` keeps a learner's
results. Built on `vascular.api`; reads the level files under ``anatomy_data/training/``.
"""

from __future__ import annotations

from vascular.training.errors import ExerciseError, ProgressFileError
from vascular.training.exercise import ExerciseSet, Fork, Question, SetKey
from vascular.training.generate import MAX_COUNT, MAX_SEED, make_set, parse_kinds
from vascular.training.grade import Verdict, grade, grade_set
from vascular.training.levels import KINDS, GoldenExercise, Level, golden_exercises, levels
from vascular.training.progress import ProgressFile, default_progress_path
from vascular.training.session import MODES, QuizSession, Summary, TraceWalk, brief

brief_reasoning = brief
"""What to show after an answer (`vascular.training.session.brief`)."""

training_levels = levels
"""The trainer's levels by id (`levels`, under the name the `vascular` package exports)."""

__all__ = [
    "KINDS",
    "MAX_COUNT",
    "MAX_SEED",
    "MODES",
    "ExerciseError",
    "ExerciseSet",
    "Fork",
    "GoldenExercise",
    "Level",
    "ProgressFile",
    "ProgressFileError",
    "Question",
    "QuizSession",
    "SetKey",
    "Summary",
    "TraceWalk",
    "Verdict",
    "brief_reasoning",
    "default_progress_path",
    "golden_exercises",
    "grade",
    "grade_set",
    "levels",
    "make_set",
    "parse_kinds",
    "training_levels",
]
