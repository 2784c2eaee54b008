"""CaseSession: the case on screen, its coding, its file and its autosave, without Textual.

The main screen owns one session and asks it for everything it shows; every edit goes through
`CaseSession.apply`, which lets the library refuse what it cannot code, and returns what to tell
the coder (`Said`). A case that could not be coded when it was opened (a typo in a vessel name)
stays open with its problems marked; an edit is then accepted when it adds no new problem, so the
coder can fix the case in place.
"""

from __future__ import annotations

from typing import Literal

from tui import editing
from tui.autosave import Autosave, StateFolder
from tui.claim import ClaimShown, ClaimWatch
from tui.coding import Coding, code, problem_index
from tui.document import CaseDocument
from tui.said import Said
from tui.session_files import SessionFiles
from tui.session_interventions import SessionInterventions
from tui.views import added_message, names_of, rationale, row_problems
from vascular import (
    Access,
    Anatomy,
    Case,
    CaseError,
    CaseProblem,
    Direction,
    Explained,
    Reading,
    VascularError,
    readings,
)

__all__ = ["CaseSession", "Said", "Selection"]

Selection = tuple[
    Literal["access", "placement", "line", "claim", "included", "intervention", "construct"], int
]


class CaseSession:
    """The case document, its coding, the selection, and the autosave of one window."""

    def __init__(
        self,
        anatomy: Anatomy,
        state: StateFolder | None = None,
        autosave: Autosave | None = None,
        claims: ClaimWatch | None = None,
    ) -> None:
        """A session over an atlas; `autosave` keeps unsaved work (None: nowhere).

        `claims` watches the NCCI database the claim is checked against (default: the default
        database, `vascular.ncci_db_path`).
        """
        self.anatomy = anatomy
        self.claims = claims if claims is not None else ClaimWatch()
        self.ncci = ClaimShown()
        """The NCCI check of the case on screen, as the panels show it."""
        self.document = CaseDocument()
        self.files = SessionFiles(self, state, autosave)
        self.interventions = SessionInterventions(self)
        self.coding = Coding()
        self.current_access: str | None = None
        self.selected: Selection | None = None
        self.replacing: int | None = None
        """The placement whose vessel the coder is choosing again, if any."""
        self._readings_key: tuple[object, ...] | None = None

    # --- what to show -----------------------------------------------------------------------------

    @property
    def case(self) -> Case:
        """The case on screen."""
        return self.document.case

    @property
    def explained(self) -> Explained | None:
        """The coding, when the case codes."""
        return self.coding.explained

    @property
    def problems(self) -> tuple[CaseProblem, ...]:
        """What stops the case from coding (empty when it codes)."""
        return self.coding.problems

    def names(self) -> dict[str, str]:
        """Display names for the vessel texts and families of the case."""
        return names_of(self.anatomy, self.case, self.explained)

    def row_problems(self) -> dict[tuple[str, int], list[CaseProblem]]:
        """The problems of each access and placement row."""
        return row_problems(self.problems)

    def rationale(self) -> tuple[str, list[str]]:
        """The title and the reasons for the reasoning panel."""
        return rationale(self.anatomy, self.case, self.coding, self.selected, self.ncci)

    def status(self) -> str:
        """Why the case has no code lines, for the codes panel (empty when it codes)."""
        if not self.problems:
            return ""
        count = len(self.problems)
        first = self.problems[0]
        where = _row_name(first)
        more = f" (and {count - 1} more)" if count > 1 else ""
        return (
            f"Cannot be coded yet: {where}{first.message}{more}. Fix it in the case list "
            "(Ctrl+L): Delete removes, r replaces."
        )

    def title(self) -> tuple[str, str]:
        """The window title and subtitle: the case's name, its file, unsaved changes."""
        name = self.case.name or "untitled case"
        path = self.document.path.name if self.document.path else "not saved"
        return f"vascular · {name}", f"{path}{' *' if self.document.dirty else ''}"

    def tree_readings(self) -> dict[str, Reading] | None:
        """Each vessel's order from the current access; None when unchanged since last asked."""
        case = self.case
        access = next(
            (a for a in case.accesses if editing.access_id(a) == self.current_access), None
        )
        key = (access, case.options, tuple(case.variants))
        if key == self._readings_key:
            return None
        self._readings_key = key
        if access is None:
            return {}
        anatomy = self.explained.anatomy if self.explained else self.anatomy
        try:
            return readings(
                anatomy, Access(vessel=access.vessel, direction=access.direction), case.options
            )
        except VascularError:  # an access the library cannot read yet shows no orders
            return {}

    # --- editing ----------------------------------------------------------------------------------

    def apply(self, case: Case, done: str) -> Said:
        """Make `case` current if the library can code it, or if it adds no new problem."""
        coding = code(case, self.anatomy)
        if case.accesses and not coding.coded and not self.no_worse(coding):
            return Said(f"Not done: {_messages(self.new_problems(coding))}", "error")
        self.document.apply(case)
        self._changed(coding)
        if self.problems and coding.problems:
            done += f" The case cannot be coded yet: {len(self.problems)} problem(s) marked."
        return Said(done, "success")

    def selected_index(self, kind: str, count: int) -> int | None:
        """The selected row of `kind` (one of `count`), if a row of that kind is selected."""
        return self._selected(kind, count)

    def new_problems(self, coding: Coding) -> list[CaseProblem]:
        """The problems of `coding` the case on screen does not have already."""
        known = {p.message for p in self.problems}
        return [p for p in coding.problems if p.message not in known]

    def no_worse(self, coding: Coding) -> bool:
        """Whether `coding` of a case opened with problems adds none."""
        return bool(self.problems) and not self.new_problems(coding)

    def _changed(self, coding: Coding | None = None) -> None:
        self.coding = coding if coding is not None else code(self.case, self.anatomy)
        self.recheck()
        ids = editing.access_ids(self.case)
        if self.current_access not in ids:
            self.current_access = ids[-1] if ids else None
        self.files.sync()

    def recheck(self) -> None:
        """Check the claim against the NCCI edits again (the database may have changed)."""
        explained = self.explained
        self.ncci = self.claims.check(self.case, explained.result if explained else None)

    def add_access(self, vessel: str, direction: Direction | None) -> Said:
        """A new puncture; it becomes the current access."""
        case = editing.add_access(self.case, vessel, direction)
        added = case.accesses[-1]
        said = self.apply(case, f"Access {added.id} added: {self.anatomy.vessel(vessel).name}.")
        if said.ok:
            self.current_access = added.id
        return said

    def add_vessel(self, vessel: str, typed: str = "", how: str = "") -> Said:
        """Add a placement (or, while replacing, set the vessel of that placement).

        `vessel` is an id, or for a class the name as typed; `typed` and `how` say how the
        coder's text was read, for the message.
        """
        if self.replacing is not None:
            return self._replace(self.replacing, vessel, typed, how)
        if self.current_access is None:
            return Said("Add an access first (Ctrl+T): the vessel punctured.", "error")
        case = editing.add_placement(self.case, vessel, self.current_access)
        index = len(case.placements) - 1
        said = self.apply(case, "Placement added.")
        if not said.ok:
            return said
        self._select_added(index)
        return self._added(index, typed, how, said)

    def _replace(self, index: int, vessel: str, typed: str, how: str) -> Said:
        said = self.apply(editing.replace_vessel(self.case, index, vessel), "Placement replaced.")
        if said.ok:
            self.replacing = None
            self.selected = ("placement", index)
            return self._added(index, typed, how, said, verb="replaced")
        return said

    def _added(self, index: int, typed: str, how: str, said: Said, verb: str = "added") -> Said:
        if self.explained is None:
            return said
        text = added_message(self.anatomy, self.case, self.explained, index, typed, how)
        return Said(f"Placement {index + 1} {verb}: {text}", "success")

    def _select_added(self, index: int) -> None:
        result = self.explained.result if self.explained else None
        vessel = result.placements[index].vessel if result else None
        if result is not None:
            for number, line in enumerate(result.lines):
                if vessel in line.vessels:
                    self.selected = ("line", number)
                    return
        self.selected = ("placement", index)

    def start_replacing(self) -> tuple[Said, str] | None:
        """Start choosing the vessel of the selected placement again; the text to search for."""
        index = self.placement_index()
        if index is None:
            return None
        self.replacing = index
        text = self.case.placements[index].vessel
        name = self.names().get(text, text)
        return (
            Said(f"Replacing placement {index + 1} ({name}): choose a vessel; Escape cancels."),
            name,
        )

    def stop_replacing(self) -> Said | None:
        """Leave the replacing of a placement without a change."""
        if self.replacing is None:
            return None
        self.replacing = None
        return Said("Not replaced.")

    def placement_index(self) -> int | None:
        """The selected placement, if a placement is selected."""
        return self._selected("placement", len(self.case.placements))

    def selected_access(self) -> int | None:
        """The selected access, if an access is selected."""
        return self._selected("access", len(self.case.accesses))

    def _selected(self, kind: str, count: int) -> int | None:
        if self.selected and self.selected[0] == kind and self.selected[1] < count:
            return self.selected[1]
        return None

    def remove_selected(self) -> Said:
        """Remove the selected placement, intervention or construct, or an access with its work."""
        other = self.interventions.remove_selected()
        if other is not None:
            return other
        access = self.selected_access()
        if access is not None:
            removed = editing.access_ids(self.case)[access]
            return self.apply(
                editing.remove_access(self.case, removed), f"Access {removed} removed."
            )
        index = self.placement_index()
        if index is None:
            return _select_first()
        return self.apply(
            editing.remove_placement(self.case, index), f"Placement {index + 1} removed."
        )

    def move(self, step: int) -> Said:
        """Move the selected placement earlier (-1) or later (1)."""
        index = self.placement_index()
        if index is None:
            return _select_first()
        said = self.apply(editing.move_placement(self.case, index, step), "Placement moved.")
        if said.ok and 0 <= index + step < len(self.case.placements):
            self.selected = ("placement", index + step)
        return said

    def toggle_sampling(self) -> Said:
        """Turn blood sampling of the selected placement on or off."""
        index = self.placement_index()
        if index is None:
            return _select_first()
        return self.apply(editing.toggle_sampling(self.case, index), "Sampling changed.")

    def set_imaging(self, index: int, imaging: bool | list[str]) -> Said:
        """Set what imaging from a placement showed."""
        done = "Imaging set." if imaging else "Imaging cleared."
        return self.apply(editing.set_imaging(self.case, index, imaging), done)

    def switch_access(self) -> Said:
        """Move the selected placement to the next access."""
        index = self.placement_index()
        if index is None:
            return _select_first()
        ids = editing.access_ids(self.case)
        if len(ids) < 2:
            return Said("There is only one access: add another (Ctrl+T) to switch to it.", "error")
        current = self.case.placements[index].access or ids[0]
        target = ids[(ids.index(current) + 1) % len(ids)]
        return self.apply(
            editing.set_access_of(self.case, index, target),
            f"Placement {index + 1} is now through access {target}.",
        )

    def replace_access(self, index: int, vessel: str, direction: Direction | None) -> Said:
        """Say which vessel an access punctured."""
        case = editing.replace_access(self.case, index, vessel, direction)
        return self.apply(case, f"Access {editing.access_ids(case)[index]} changed.")

    def change_settings(self, settings: editing.CaseSettings) -> Said:
        """The case's name, options, variants, constructs and claim (date, setting, codes)."""
        case = editing.set_options(self.case, settings.options)
        case = editing.set_variants(case, settings.variants)
        case = editing.set_constructs(case, settings.constructs)
        try:
            case = editing.set_claim(
                case, settings.date_of_service, settings.setting, list(settings.claim_codes)
            )
        except CaseError as error:
            return Said(f"Not done: {error}", "error")
        return self.apply(editing.rename(case, settings.name), "Settings applied.")

    def undo(self) -> Said:
        """Undo the last change (a New or an Open too)."""
        if not self.document.undo():
            return Said("Nothing to undo.")
        self.switched(keep_selection=True)
        return Said("Undone.", "success")

    def redo(self) -> Said:
        """Redo the last undone change."""
        if not self.document.redo():
            return Said("Nothing to redo.")
        self.switched(keep_selection=True)
        return Said("Redone.", "success")

    def select(self, selection: Selection) -> None:
        """The coder moved to an access, a placement or a line."""
        self.selected = selection
        kind, index = selection
        if kind == "access" and index < len(self.case.accesses):
            self.current_access = editing.access_ids(self.case)[index]
        elif kind == "placement" and index < len(self.case.placements):
            ids = editing.access_ids(self.case)
            self.current_access = self.case.placements[index].access or ids[0]
        elif kind == "intervention" and index < len(self.case.interventions):
            ids = editing.access_ids(self.case)
            self.current_access = self.case.interventions[index].access or ids[0]

    def switched(self, keep_selection: bool = False) -> None:
        """Another case is on screen (New, Open, Restore, Undo): recode it, show it from the top."""
        self.replacing = None
        if not keep_selection:
            self.selected = None
        self._changed()


def _messages(problems: list[CaseProblem]) -> str:
    return "; ".join(problem.message for problem in problems)


def _row_name(problem: CaseProblem) -> str:
    row = problem_index(problem)
    if row is None:
        return ""
    kind, index = row
    return f"{kind} {index + 1}: "


def _select_first() -> Said:
    return Said("Select a placement in the case list first (Ctrl+L).", "error")
