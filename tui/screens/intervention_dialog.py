"""InterventionDialog: the code, the vessel treated, the access, units and the diagnostic study.

The code completes from the intervention codes the engine knows (`tui.interventions`), the vessel
from the library's reading, as the search box does (`tui.naming`). Nothing is added until the
library codes the case with it: its message is shown in the dialog instead.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, OptionList, RadioButton, RadioSet, Select
from textual.widgets.option_list import Option

from tui import interventions as intervening
from tui import naming
from tui.widgets.text_input import TextInput
from vascular import Anatomy, Intervention

__all__ = ["InterventionDialog"]

Check = Callable[[Intervention], list[str]]
"""What the library says against an intervention (empty: it can be added)."""

_NO_STUDY = "none"


class InterventionDialog(ModalScreen[Intervention | None]):
    """Returns the intervention as entered (checked by the library), or None when cancelled."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel"),
        Binding("down", "matches", "Matches", show=False),
    ]

    DEFAULT_CSS = """
    #intervention-dialog { width: 96; overflow-y: auto; }
    #intervention-dialog .iv-row { height: auto; }
    #intervention-dialog .iv-label { width: 10; padding: 1 1 0 0; }
    #intervention-dialog #iv-code, #intervention-dialog #iv-vessel { width: 1fr; }
    #intervention-dialog #iv-units { width: 8; }
    #intervention-dialog #iv-access { width: 1fr; }
    #intervention-dialog #iv-reason { width: 1fr; }
    #intervention-dialog #iv-matches { height: 6; border: none; }
    #intervention-dialog #iv-hint { color: $text-muted; width: 100%; height: auto; max-height: 3; }
    #intervention-dialog #iv-error { width: 100%; }
    #intervention-dialog #iv-qualifies { layout: horizontal; width: auto; border: none; }
    """

    def __init__(
        self,
        anatomy: Anatomy,
        accesses: Sequence[tuple[str, str]],
        check: Check,
        entry: Intervention | None = None,
        *,
        access: str | None = None,
        vessel_name: str = "",
        title: str = "Add an intervention",
        action: str = "Add",
    ) -> None:
        """The dialog over the case's atlas.

        Args:
            anatomy: the atlas as the case reads it (with its variants and constructs).
            accesses: (id, vessel name) of each access of the case.
            check: the library's objections to an intervention.
            entry: the intervention to change (prefills the fields).
            access: the access chosen first (default the entry's, else the first).
            vessel_name: how to show the entry's vessel.
            title: the dialog's heading.
            action: the word on the button that finishes.
        """
        super().__init__()
        self.anatomy, self.accesses, self.check, self.entry = anatomy, accesses, check, entry
        first = accesses[0][0] if accesses else None
        self.access = (entry.access if entry else None) or access or first
        self.vessel_name = vessel_name or (entry.vessel if entry else "")
        self.title_text, self.action_word = title, action
        self._field = "code"

    def compose(self) -> ComposeResult:
        """Code, vessel, their matches, access and units, the diagnostic study, the buttons."""
        entry = self.entry
        diagnostic = entry.diagnostic if entry else None
        reasons = intervening.reasons(self.anatomy)
        with Vertical(id="intervention-dialog", classes="dialog"):
            yield Label(self.title_text, classes="dialog-title")
            with Horizontal(classes="iv-row"):
                yield Label("Code", classes="iv-label")
                yield TextInput(
                    entry.code if entry else "",
                    placeholder="intervention code or family words (37191, filter, carotid stent)",
                    id="iv-code",
                )
            with Horizontal(classes="iv-row"):
                yield Label("Vessel", classes="iv-label")
                yield TextInput(
                    self.vessel_name,
                    placeholder="vessel treated (infrarenal IVC, right ICA, fistula...)",
                    id="iv-vessel",
                )
            yield OptionList(id="iv-matches")
            yield Label("", id="iv-hint")
            with Horizontal(classes="iv-row"):
                yield Label("Access", classes="iv-label")
                yield Select(
                    [(f"{key} · {name}", key) for key, name in self.accesses],
                    value=self.access if self.access is not None else Select.BLANK,
                    allow_blank=not self.accesses,
                    id="iv-access",
                )
                yield Label("Units", classes="iv-label")
                yield TextInput(str(entry.units if entry else 1), type="integer", id="iv-units")
            with Horizontal(classes="iv-row"):
                yield Label("Study", classes="iv-label")
                yield Select(
                    [
                        ("no separate diagnostic study claimed", _NO_STUDY),
                        *(
                            (f"{key} ({'qualifies' if yes else 'does not qualify'})", key)
                            for key, yes, _ in reasons
                        ),
                    ],
                    value=diagnostic.reason if diagnostic else _NO_STUDY,
                    allow_blank=False,
                    id="iv-reason",
                )
            with Horizontal(classes="iv-row"):
                yield Label("Qualifies", classes="iv-label")
                answer = {None: "unstated", True: "yes", False: "no"}[
                    diagnostic.qualifies if diagnostic else None
                ]
                with RadioSet(id="iv-qualifies"):
                    yield RadioButton("not stated", value=answer == "unstated", id="unstated")
                    yield RadioButton("yes", value=answer == "yes", id="yes")
                    yield RadioButton("no", value=answer == "no", id="no")
            yield Label("", id="iv-error", classes="dialog-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button(self.action_word, variant="primary", id="iv-add")
                yield Button("Cancel", id="iv-cancel")

    def on_mount(self) -> None:
        """Start in the code box."""
        self.query_one("#iv-code", Input).focus()
        self._show_hint()

    # --- completion -------------------------------------------------------------------------------

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """The match list follows the box being typed in."""
        widget_id = event.widget.id
        if widget_id in ("iv-code", "iv-vessel") and widget_id[3:] != self._field:
            self._field = widget_id[3:]
            self._show_matches()

    @on(Input.Changed, "#iv-code")
    @on(Input.Changed, "#iv-vessel")
    def _changed(self, event: Input.Changed) -> None:
        self._field = "code" if event.input.id == "iv-code" else "vessel"
        self._show_matches()
        if self._field == "code":
            self._show_hint()

    def _show_matches(self) -> None:
        matches = self.query_one("#iv-matches", OptionList)
        matches.clear_options()
        if self._field == "code":
            text = self.query_one("#iv-code", Input).value
            matches.add_options(
                Option(known.title, id=f"code:{known.code}")
                for known in intervening.code_entries(self.anatomy, text)
            )
            return
        text = self.query_one("#iv-vessel", Input).value
        matches.add_options(
            Option(row.label, id=f"vessel:{row.vessel}" if row.vessel else None)
            for row in naming.entries(self.anatomy, text)
            if row.kind != "note"
        )

    def _show_hint(self) -> None:
        known = intervening.find_code(self.anatomy, self.query_one("#iv-code", Input).value)
        hint = self.query_one("#iv-hint", Label)
        if known is None:
            hint.update("")
            return
        retired = f" Deleted; replaced by {known.replaced_by}." if known.deleted else ""
        hint.update(f"{known.label}: {known.family}; includes {known.scope_words}.{retired}")

    def action_matches(self) -> None:
        """Down from a box goes into its matches."""
        matches = self.query_one("#iv-matches", OptionList)
        if isinstance(self.focused, Input) and matches.option_count:
            matches.focus()
            matches.highlighted = 0

    @on(OptionList.OptionSelected, "#iv-matches")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        chosen = event.option.id
        if chosen is None:
            return
        kind, value = chosen.split(":", 1)
        if kind == "code":
            known = intervening.find_code(self.anatomy, value)
            self.query_one("#iv-code", Input).value = known.label if known else value
            self.query_one("#iv-vessel", Input).focus()
        elif value in self.anatomy:
            self.query_one("#iv-vessel", Input).value = self.anatomy.vessel(value).name
            self.query_one("#iv-units", Input).focus()
        else:  # a class, as typed
            self.query_one("#iv-vessel", Input).value = value
            self.query_one("#iv-units", Input).focus()

    # --- finishing --------------------------------------------------------------------------------

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "iv-code" and not self.query_one("#iv-vessel", Input).value.strip():
            self.query_one("#iv-vessel", Input).focus()
            return
        self._add()

    @on(Button.Pressed, "#iv-add")
    def _add(self) -> None:
        error = self.query_one("#iv-error", Label)
        code = self.query_one("#iv-code", Input).value.strip()
        typed = self.query_one("#iv-vessel", Input).value.strip()
        if not code or not typed:
            error.update("Type the intervention's code and the vessel treated.")
            self.query_one("#iv-code" if not code else "#iv-vessel", Input).focus()
            return
        decision = naming.decide(self.anatomy, typed)
        units_text = self.query_one("#iv-units", Input).value.strip()
        access = self.query_one("#iv-access", Select).value
        reason = self.query_one("#iv-reason", Select).value
        pressed = self.query_one("#iv-qualifies", RadioSet).pressed_button
        answer: intervening.Answer = "unstated"
        if pressed is not None and pressed.id in ("yes", "no"):
            answer = "yes" if pressed.id == "yes" else "no"
        intervention = Intervention(
            code=code,
            vessel=decision.vessel
            if decision.vessel and decision.vessel in self.anatomy
            else typed,
            access=access if isinstance(access, str) else None,
            units=int(units_text) if units_text.isdigit() else 0,
            diagnostic=intervening.diagnostic_of(
                reason if isinstance(reason, str) and reason != _NO_STUDY else None, answer
            ),
        )
        problems = self.check(intervention)
        if problems:
            error.update("Not added: " + "\n".join(problems))
            return
        self.dismiss(intervention)

    @on(Button.Pressed, "#iv-cancel")
    def action_cancel(self) -> None:
        """Close without a change."""
        self.dismiss(None)
