"""ImagingDialog: what imaging from a placement showed, where the position can show several."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label, SelectionList

__all__ = ["ImagingDialog"]


class ImagingDialog(ModalScreen[bool | list[str] | None]):
    """Returns the territories chosen, False for no imaging, or None when cancelled."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, vessel: str, territories: tuple[str, ...], chosen: tuple[str, ...]) -> None:
        """The vessel's name, the territories it can image, those already chosen."""
        super().__init__()
        self.vessel, self.territories, self.chosen = vessel, territories, chosen

    def compose(self) -> ComposeResult:
        """The territories, then the buttons."""
        with Vertical(classes="dialog", id="imaging-dialog"):
            yield Label(
                f"Imaging from the {self.vessel}: what did it show?", classes="dialog-title"
            )
            yield SelectionList[str](
                *((t, t, t in self.chosen) for t in self.territories), id="imaging-territories"
            )
            with Horizontal(classes="dialog-buttons"):
                yield Button("Set", variant="primary", id="imaging-set")
                yield Button("No imaging", id="imaging-none")
                yield Button("Cancel", id="imaging-cancel")

    def on_mount(self) -> None:
        """Start in the list (space ticks a territory)."""
        self.query_one(SelectionList).focus()

    @on(Button.Pressed, "#imaging-set")
    def _set(self) -> None:
        chosen = list(self.query_one("#imaging-territories", SelectionList).selected)
        self.dismiss(chosen or False)

    @on(Button.Pressed, "#imaging-none")
    def _none(self) -> None:
        self.dismiss(False)

    @on(Button.Pressed, "#imaging-cancel")
    def action_cancel(self) -> None:
        """Close without a change."""
        self.dismiss(None)
