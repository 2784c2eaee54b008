"""SessionInterventions: adding, changing and removing a session's interventions, without Textual.

Each change goes through `CaseSession.apply`, after the library has coded the case with it: an
intervention the library refuses is never added, and its messages (per field) are what the dialog
shows. Removing a construct of the case (a row of the case list) is here too.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui import editing
from tui import interventions as intervening
from tui.coding import code
from tui.said import Said
from vascular import Case, CaseError, CaseProblem, Intervention

if TYPE_CHECKING:
    from tui.session import CaseSession

__all__ = ["SessionInterventions"]


class SessionInterventions:
    """The interventions of one session's case."""

    def __init__(self, session: CaseSession) -> None:
        """The interventions of `session`'s case."""
        self.session = session

    @property
    def case(self) -> Case:
        """The case on screen."""
        return self.session.case

    def selected(self) -> int | None:
        """The selected intervention, if an intervention is selected."""
        return self.session.selected_index("intervention", len(self.case.interventions))

    def readings(self) -> list[str]:
        """How the case list reads each intervention (code, units, diagnostic answer, family)."""
        explained = self.session.explained
        anatomy = explained.anatomy if explained else self.session.anatomy
        return [intervening.row_reading(anatomy, entry) for entry in self.case.interventions]

    def _with(self, intervention: Intervention, index: int | None) -> Case:
        if index is None:
            return editing.add_intervention(self.case, intervention)
        return editing.replace_intervention(self.case, index, intervention)

    def problems(self, intervention: Intervention, index: int | None = None) -> list[str]:
        """What the library says against adding `intervention` (or putting it at `index`).

        Empty when the case with it codes (or, for a case opened with problems, adds none).
        """
        session = self.session
        try:
            case = self._with(intervention, index)
        except CaseError as error:
            return [_field_message(p) for p in error.problems]
        coding = code(case, session.anatomy)
        if coding.coded or session.no_worse(coding):
            return []
        problems = session.new_problems(coding) if session.problems else list(coding.problems)
        return [_field_message(p) for p in problems]

    def add(self, intervention: Intervention, index: int | None = None) -> Said:
        """Add an intervention (or change the one at `index`); it becomes the selection."""
        problems = self.problems(intervention, index)
        if problems:
            return Said(f"Not done: {'; '.join(problems)}", "error")
        number = len(self.case.interventions) if index is None else index
        verb = "added" if index is None else "changed"
        said = self.session.apply(
            self._with(intervention, index), f"Intervention {number + 1} {verb}."
        )
        if not said.ok:
            return said
        self.session.selected = ("intervention", number)
        return Said(self._message(number, verb), "success")

    def _message(self, index: int, verb: str) -> str:
        entry = self.case.interventions[index]
        vessel = self.session.names().get(entry.vessel, entry.vessel)
        text = f"Intervention {index + 1} {verb}: {entry.code}, {vessel}"
        explained = self.session.explained
        if explained is None:
            return text + "."
        own = entry.code.lstrip("+")
        included = [
            line.code for line in explained.result.included_lines if line.included_in == own
        ]
        if included:
            return text + f"; it includes {', '.join(included)} (struck through in the codes)."
        return text + "; it includes no catheter line of this case."

    def remove_selected(self) -> Said | None:
        """Remove the selected intervention or construct; None when neither is selected."""
        session = self.session
        index = self.selected()
        if index is not None:
            said = session.apply(
                editing.remove_intervention(self.case, index), f"Intervention {index + 1} removed."
            )
        else:
            construct = session.selected_index("construct", len(self.case.constructs))
            if construct is None:
                return None
            kept = [c for i, c in enumerate(self.case.constructs) if i != construct]
            said = session.apply(
                editing.set_constructs(self.case, kept), f"Construct {construct + 1} removed."
            )
        if said.ok:
            session.selected = None
        return said


def _field_message(problem: CaseProblem) -> str:
    """A problem of an intervention as the dialog shows it: 'vessel: ...'."""
    where = problem.where
    if where.startswith("interventions["):
        where = where.split("]", 1)[1].lstrip(".") or "intervention"
    return f"{where}: {problem.message}" if where else problem.message
