"""CaseScreen: the state under the main screen: the case document, its coding, and showing both.

The screen owns the case document, calls the library on every change and sets the results on its
widgets (attributes down, messages up); the widgets never code anything.
"""

from __future__ import annotations

from pathlib import Path

from textual.screen import Screen

from tui.document import CaseDocument
from tui.files import case_json, write_atomically
from tui.widgets.case_view import CaseView
from tui.widgets.code_table import CodeTable
from tui.widgets.message_line import MessageLine
from tui.widgets.rationale_view import RationaleView
from tui.widgets.vessel_tree import VesselTree
from vascular import (
    Access,
    Anatomy,
    Case,
    CaseError,
    Explained,
    Reading,
    VascularError,
    explain_case,
    headline,
    readings,
)

__all__ = ["CaseScreen"]


class CaseScreen(Screen[None]):
    """The case, its coding and the panels that show them; subclasses add actions and layout."""

    def __init__(
        self,
        anatomy: Anatomy,
        autosave: Path | None,
        opening: Path | None = None,
        offer_autosave: bool = False,
    ) -> None:
        """A screen over an atlas; `autosave` is where unsaved work is kept (None: nowhere).

        `opening` is a case file to open once the screen is up; `offer_autosave` asks whether to
        restore the autosave instead.
        """
        super().__init__()
        self.anatomy = anatomy
        self.autosave = autosave
        self.opening = opening
        self.offer_autosave = offer_autosave
        self.document = CaseDocument()
        self.explained: Explained | None = None
        self.current_access: str | None = None
        self.selected: tuple[str, int] | None = None
        self._readings_key: tuple[object, ...] | None = None

    # --- state ------------------------------------------------------------------------------------

    def say(self, text: str, kind: str = "info") -> None:
        """Show a message on the message line (and as a toast when it is an error)."""
        self.query_one(MessageLine).say(text, kind)  # type: ignore[arg-type]
        if kind == "error":
            self.notify(text, severity="error", timeout=6)

    def try_apply(self, case: Case, done: str) -> bool:
        """Make `case` current if the library can code it; otherwise refuse with its message."""
        explained = None
        if case.accesses:
            try:
                explained = explain_case(case, self.anatomy)
            except VascularError as error:
                self.say(f"Not done: {_problems(error)}", "error")
                return False
        self.document.apply(case)
        self.refresh_case(explained)
        self.say(done, "success")
        return True

    def refresh_case(self, explained: Explained | None = None) -> None:
        """Show the case everywhere and keep the autosave current.

        The case is recoded unless `explained` is its coding already.
        """
        case = self.document.case
        self.explained = explained
        if case.accesses and explained is None:
            try:
                self.explained = explain_case(case, self.anatomy)
            except VascularError as error:
                self.say(f"This case cannot be coded: {_problems(error)}", "error")
        ids = [a.id for a in case.accesses]
        if self.current_access not in ids:
            self.current_access = ids[-1] if ids else None
        result = self.explained.result if self.explained else None
        names = self._names(case)
        self.query_one(CaseView).show(case, result.placements if result else None, names)
        self.query_one(CodeTable).show(result.lines if result else [], self.anatomy)
        self._update_readings()
        self._show_rationale()
        self._update_title()
        self._autosave()

    def _names(self, case: Case) -> dict[str, str]:
        names: dict[str, str] = {}
        families = [p.family for p in self.explained.result.placements] if self.explained else []
        texts = [a.vessel for a in case.accesses] + [p.vessel for p in case.placements]
        for text in [*texts, *(f for f in families if f)]:
            try:
                record = (
                    self.anatomy.vessel(text)
                    if text in self.anatomy
                    else self.anatomy.resolve(text)
                )
            except VascularError:
                continue
            names[text] = record.name
        return names

    def _update_readings(self) -> None:
        case = self.document.case
        access = next((a for a in case.accesses if a.id == self.current_access), None)
        key = (access, case.options, tuple(case.variants))
        if key == self._readings_key:
            return
        self._readings_key = key
        found: dict[str, Reading] = {}
        if access is not None:
            anatomy = self.explained.anatomy if self.explained else self.anatomy
            try:
                found = readings(
                    anatomy, Access(vessel=access.vessel, direction=access.direction), case.options
                )
            except CaseError:
                found = {}
        self.query_one(VesselTree).set_readings(found)

    def _update_title(self) -> None:
        name = self.document.case.name or "untitled case"
        path = self.document.path.name if self.document.path else "not saved"
        self.app.title = f"vascular · {name}"
        self.app.sub_title = f"{path}{' *' if self.document.dirty else ''}"

    def _autosave(self) -> None:
        """Keep unsaved work on disk; a saved or discarded case clears it (`clear_autosave`)."""
        if self.autosave is None or not (self.document.dirty and self.document.case.accesses):
            return
        try:
            self.autosave.parent.mkdir(parents=True, exist_ok=True)
            write_atomically(self.autosave, case_json(self.document.case))
        except OSError as error:
            self.say(f"Autosave failed: {error}", "error")

    def clear_autosave(self) -> None:
        """Forget the autosave (the case was saved, or its changes discarded)."""
        if self.autosave is not None:
            self.autosave.unlink(missing_ok=True)

    def _show_rationale(self) -> None:
        view = self.query_one(RationaleView)
        if self.explained is None:
            view.show(
                "Nothing to explain yet", ["Add an access, then the vessels the catheter entered."]
            )
            return
        result = self.explained.result
        kind, index = self.selected or ("line", 0)
        if kind == "placement" and index < len(result.placements):
            placement = result.placements[index]
            stop = self.explained.tracing.stops[index]
            route = " > ".join(self.anatomy.vessel(v).name for v in stop.route)
            view.show(
                f"Placement {index + 1}: {placement.name}",
                [f"Route: {route}", *placement.explanation],
            )
        elif result.lines and kind == "line" and index < len(result.lines):
            line = result.lines[index]
            view.show(
                f"{line.label} x{line.units}: {headline(line, self.anatomy)}",
                [*line.rationale, *result.warnings],
            )
        else:
            view.show("No code lines", result.warnings or ["Nothing coded yet."])


def _problems(error: VascularError) -> str:
    if isinstance(error, CaseError):
        return "; ".join(problem.message for problem in error.problems)
    return str(error)
