"""SettingsScreen: the case's name, the policy options (reference D1-D6), variants, constructs.

Variants are the patient's congenital anatomy; constructs are connections an earlier procedure
made (a TIPS, a dialysis fistula or graft), listed apart and saved in the case's `constructs`.
"""

from __future__ import annotations

from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, SelectionList

from tui.widgets.text_input import TextInput
from vascular import Anatomy, Case, Options

__all__ = ["SettingsScreen"]


class SettingsScreen(ModalScreen[tuple[str | None, Options, list[str], list[str]] | None]):
    """Returns (name, options, variants, constructs) or None; saved with the case."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]
    DEFAULT_CSS = "#settings-constructs { height: auto; max-height: 8; }"

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
            with Horizontal(classes="dialog-buttons"):
                yield Button("Apply", variant="primary", id="settings-apply")
                yield Button("Cancel", id="settings-cancel")

    @on(Button.Pressed, "#settings-apply")
    def _apply(self) -> None:
        values: dict[str, Any] = {
            name: self.query_one(f"#option-{name}", Select).value
            for name in self.anatomy.rules.options
        }
        name = self.query_one("#settings-name", Input).value.strip() or None
        variants = list(self.query_one("#settings-variants", SelectionList).selected)
        constructs = list(self.query_one("#settings-constructs", SelectionList).selected)
        self.dismiss((name, Options(**values), variants, constructs))

    @on(Button.Pressed, "#settings-cancel")
    def action_cancel(self) -> None:
        """Close without a change."""
        self.dismiss(None)
