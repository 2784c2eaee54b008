"""Exercise sheets in Markdown: the questions to hand out, and the answer key apart.

Pure: text from an `ExerciseSet`; no I/O. The key gives each answer and the engine's reasoning
step by step, so the sheet and its key can be printed apart.
"""

from __future__ import annotations

from vascular.training.exercise import ExerciseSet

__all__ = ["answer_key", "exercise_sheet"]


def _title(exercises: ExerciseSet) -> str:
    key = exercises.key
    return (
        f"{exercises.title}: level {key.level}, seed {key.seed}, {key.count} questions "
        f"({', '.join(key.kinds)})"
    )


def exercise_sheet(exercises: ExerciseSet) -> str:
    """The questions, numbered, with room to answer (the case of each in a text block)."""
    out = [f"# Exercises — {_title(exercises)}", ""]
    for number, question in enumerate(exercises.questions, 1):
        first, *rest = question.prompt.splitlines()
        out += [f"## {number}. ({question.kind})", "", first, ""]
        if rest:
            out += ["```text", *rest, "```", ""]
        if question.kind == "trace":
            out += ["Write the branch taken at each fork, in order.", ""]
        out += ["Answer: ______________________________", ""]
    return "\n".join(out)


def answer_key(exercises: ExerciseSet) -> str:
    """Each answer with the engine's reasoning."""
    out = [f"# Answer key — {_title(exercises)}", ""]
    for number, question in enumerate(exercises.questions, 1):
        out += [f"## {number}. ({question.kind}) {question.answer_text}", ""]
        out += [f"- {step}" for step in question.explanation]
        out.append("")
    return "\n".join(out)
