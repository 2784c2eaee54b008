"""Exercise sheets in Markdown: the questions to hand out, and the answer key apart.

Pure: text from an `ExerciseSet`; no I/O. Trace questions list the ways at each fork, so the
sheet works on paper; the key gives each answer and the engine's reasoning.
"""

from __future__ import annotations

from vascular.anatomy import Anatomy
from vascular.training.exercise import ExerciseSet

__all__ = ["answer_key", "exercise_sheet"]


def _title(exercises: ExerciseSet) -> str:
    key = exercises.key
    return (
        f"{exercises.title}: level {key.level}, seed {key.seed}, {key.count} questions "
        f"({', '.join(key.kinds)})"
    )


def exercise_sheet(exercises: ExerciseSet, anatomy: Anatomy) -> str:
    """The questions, numbered, with room to answer."""
    out = [f"# Exercises — {_title(exercises)}", ""]
    for number, question in enumerate(exercises.questions, 1):
        out.append(f"## {number}. ({question.kind})")
        out.append("")
        out += [
            line.strip() if i == 0 else "    " + line.strip()
            for i, line in enumerate(question.prompt.splitlines())
        ]
        for fork_number, fork in enumerate(question.forks, 1):
            ways = ", ".join(anatomy.vessel(o).name for o in fork.options)
            out.append(f"    fork {fork_number}: ... ways on include {ways}")
        out += ["", "Answer: ______________________________", ""]
    return "\n".join(out)


def answer_key(exercises: ExerciseSet) -> str:
    """Each answer with the engine's reasoning."""
    out = [f"# Answer key — {_title(exercises)}", ""]
    for number, question in enumerate(exercises.questions, 1):
        out += [f"## {number}. ({question.kind}) {question.answer_text}", ""]
        out += [f"- {step}" for step in question.explanation]
        out.append("")
    return "\n".join(out)
