"""The case as the library codes it: the explanation, or every problem that stops the coding.

Textual-free. `code` is the app's one call into the engine. `vascular.code_case` reads every name
in the case (an interpretation such as 'R HA' gets its note, a class such as 'hepatic vein' is
coded member by member and accepted only when they all code alike); `vascular.explain_case` keeps
the tracing the reasoning panel shows (each placement's route) but does not read names that way
yet, so a case naming something other than vessel ids is coded by `code_case` and traced with
the vessels it settled on. When `explain_case` reads names as `code_case` does, this is one call.
"""

from __future__ import annotations

from dataclasses import dataclass

from vascular import (
    Anatomy,
    Case,
    CaseError,
    CaseProblem,
    Explained,
    VascularError,
    code_case,
    explain_case,
)

__all__ = ["Coding", "code", "problem_index"]


@dataclass(frozen=True)
class Coding:
    """A case's coding: `explained` when it codes, else the `problems` that stop it."""

    explained: Explained | None = None
    problems: tuple[CaseProblem, ...] = ()

    @property
    def coded(self) -> bool:
        """Whether the case codes (an empty case neither codes nor has problems)."""
        return self.explained is not None


def code(case: Case, anatomy: Anatomy) -> Coding:
    """Code `case`: its explanation, or its problems (never raises for a case that cannot code)."""
    if not case.accesses:
        return Coding()
    try:
        if all(p.vessel in anatomy for p in case.placements):
            return Coding(explain_case(case, anatomy))
        result = code_case(case, anatomy)
        settled = case.replace(
            placements=tuple(
                placement.replace(vessel=read.vessel)
                for placement, read in zip(case.placements, result.placements, strict=True)
            )
        )
        traced = explain_case(settled, anatomy)
        return Coding(Explained(traced.anatomy, traced.tracing, result))
    except CaseError as error:
        return Coding(problems=error.problems)
    except VascularError as error:  # variants that cannot go together, and the like
        return Coding(problems=(CaseProblem("case", str(error)),))


def problem_index(problem: CaseProblem) -> tuple[str, int] | None:
    """The row a problem belongs to: ('placement', i), ('access', i) or ('intervention', i).

    None for the whole case.
    """
    for kind, prefix in (
        ("placement", "placements["),
        ("access", "accesses["),
        ("intervention", "interventions["),
    ):
        if problem.where.startswith(prefix):
            number = problem.where[len(prefix) :].split("]", 1)[0]
            if number.isdigit():
                return kind, int(number)
    return None
