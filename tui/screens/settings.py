"""SettingsScreen: the case's name, the claim, the policy options (D1-D6), variants, constructs.

The claim is what the NCCI check reads: the date of service, whose claim (practitioner or
hospital) and the other codes on the same claim (imaging, E/M), typed as 75726-26 36248x2.
Variants are the patient's congenital anatomy; constructs are connections an earlier procedure
made (a TIPS, a dialysis fistula or graft), listed apart and saved in the case's `constructs`.
A date or a code the library refuses is said in the dialog, which stays open with what was typed.
"""

from __future__ import annotations

from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, SelectionList

from tui import editing
from tui.claim import claim_codes_text, read_claim_codes
from tui.editing import CaseSettings
from tui.widgets.text_input import TextInput
from vascular import Anatomy, Case, CaseError, Options

__all__ = ["SettingsScreen"]

_SETTINGS = (
    ("practitioner (the professional claim)", "practitioner"),
    ("hospital outpatient (the facility claim)", "hospital"),
)


class SettingsScreen(ModalScreen[CaseSettings | None]):
    """Returns the `CaseSettings` or None; saved with the case."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]
    AUTO_FOCUS = "#settings-name"
    """The first field, not the scrolling container around the fields."""
    DEFAULT_CSS = """
    #settings-constructs { height: auto; max-height: 8; }
    #settings-error { color: $text-error; height: auto; }
    """

    def __init__(self, case: Case, anatomy: Anatomy) -> None:
        """The current case and the atlas (for its variants)."""
        super().__init__()
        self.case, self.anatomy = case, anatomy

    def compose(self) -> ComposeResult:
        """A row per option, the variants, the buttons."""
        with Vertical(classes="dialog", id="settings"):
            yield Label("Case settings (saved with the case)", classes="dialog-title")
            with VerticalScroll(id="settings-fields"):
                yield Label("Case name")
                yield TextInput(
                    self.case.name or "", placeholder="report number or title", id="settings-name"
                )
                yield Label("Date of service, for the NCCI check (YYYY-MM-DD)")
                yield TextInput(
                    self.case.date_of_service or "",
                    placeholder="YYYY-MM-DD",
                    id="settings-date",
                )
                yield Label("Whose claim, for the NCCI check")
                yield Select(
                    _SETTINGS,
                    value=self.case.setting or "practitioner",
                    allow_blank=False,
                    id="settings-setting",
                )
                yield Label(
                    "Other codes on the same claim (imaging, E/M), checked with the coded lines",
                    classes="settings-help",
                )
                yield TextInput(
                    claim_codes_text(self.case),
                    placeholder="none; e.g. 75726-26 76937",
                    id="settings-claim-codes",
                )
                settings = self.anatomy.rules.settings(self.case.options)
                for name, option in self.anatomy.rules.options.items():
                    yield Label(f"{name}: {option.summary}", classes="settings-help")
                    yield Select(
                        [
                            (f"{value}{' (default)' if value == option.default else ''}", value)
                            for value in option.choices
                        ],
                        value=settings.get(name),
                        allow_blank=False,
                        id=f"option-{name}",
                    )
                yield Label("Variant anatomy of this patient", classes="settings-help")
                yield SelectionList[str](
                    *(
                        (variant.name, variant.id, variant.id in self.case.variants)
                        for variant in self.anatomy.variants.values()
                        if variant.kind != "construct"
                    ),
                    id="settings-variants",
                )
                yield Label(
                    "Constructs: connections made by an earlier procedure (TIPS, dialysis access)",
                    classes="settings-help",
                )
                yield SelectionList[str](
                    *(
                        (variant.name, variant.id, variant.id in self.case.constructs)
                        for variant in self.anatomy.variants.values()
                        if variant.kind == "construct"
                    ),
                    id="settings-constructs",
                )
            yield Label("", id="settings-error", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Apply", variant="primary", id="settings-apply")
                yield Button("Cancel", id="settings-cancel")

    @on(Input.Submitted)
    @on(Button.Pressed, "#settings-apply")
    def _apply(self) -> None:
        """Apply (the button, or Enter in a text field), unless the library refuses a field."""
        values: dict[str, Any] = {
            name: self.query_one(f"#option-{name}", Select).value
            for name in self.anatomy.rules.options
        }
        name = self.query_one("#settings-name", Input).value.strip() or None
        variants = list(self.query_one("#settings-variants", SelectionList).selected)
        constructs = list(self.query_one("#settings-constructs", SelectionList).selected)
        date = self.query_one("#settings-date", Input).value.strip() or None
        setting = str(self.query_one("#settings-setting", Select).value)
        if setting == "practitioner" and self.case.setting is None:
            setting_kept: str | None = None  # practitioner is what no setting means
        else:
            setting_kept = setting
        try:
            codes = read_claim_codes(self.query_one("#settings-claim-codes", Input).value)
            editing.set_claim(self.case, date, setting_kept, codes)  # the library's checks
        except (ValueError, CaseError) as error:
            self.query_one("#settings-error", Label).update(f"Not applied: {error}")
            return
        self.dismiss(
            CaseSettings(
                name,
                Options(**values),
                variants,
                constructs,
                date,
                setting_kept,
                tuple(codes),
            )
        )

    @on(Button.Pressed, "#settings-cancel")
    def action_cancel(self) -> None:
        """Close without a change."""
        self.dismiss(None)
