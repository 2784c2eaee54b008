"""AccessDialog: pick the vessel punctured (a common site, or any vessel by name), the direction."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, OptionList, RadioButton, RadioSet
from textual.widgets.option_list import Option

from tui.widgets.text_input import TextInput
from vascular import Anatomy, Direction, VesselNameError

__all__ = ["COMMON_SITES", "AccessDialog"]

COMMON_SITES: tuple[str, ...] = (
    "right_common_femoral_artery",
    "left_common_femoral_artery",
    "right_radial_artery",
    "left_radial_artery",
    "right_brachial_artery",
    "left_brachial_artery",
    "right_common_femoral_vein",
    "left_common_femoral_vein",
    "right_internal_jugular_vein",
    "left_internal_jugular_vein",
    "right_basilic_vein",
    "left_basilic_vein",
    "right_popliteal_vein",
    "right_portal_vein",
    "abdominal_aorta",
    "right_common_carotid_artery",
)
"""The puncture sites offered first (any vessel can be typed)."""

_DIRECTIONS: dict[str, Direction | None] = {
    "toward": None,
    "retrograde": "retrograde",
    "antegrade": "antegrade",
}


class AccessDialog(ModalScreen[tuple[str, Direction | None] | None]):
    """Returns (vessel id, direction or None for toward the heart), or None when cancelled."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(
        self,
        anatomy: Anatomy,
        title: str = "Add an access: the vessel punctured",
        text: str = "",
        direction: Direction | None = None,
        action: str = "Add",
    ) -> None:
        """The dialog over an atlas; `text` and `direction` prefill it (to change an access)."""
        super().__init__()
        self.anatomy = anatomy
        self.title_text, self.text, self.direction, self.action_word = (
            title,
            text,
            direction,
            action,
        )

    def compose(self) -> ComposeResult:
        """Sites, a name box, the direction, and the buttons."""
        with Vertical(id="access-dialog", classes="dialog"):
            yield Label(self.title_text, classes="dialog-title")
            yield TextInput(
                self.text,
                placeholder="vessel punctured (R CFA, left radial, RIJ...)",
                id="access-name",
            )
            sites = [
                Option(self.anatomy.vessel(v).name, id=v) for v in COMMON_SITES if v in self.anatomy
            ]
            yield OptionList(*sites, id="access-sites")
            with RadioSet(id="access-direction"):
                yield RadioButton("toward the heart", value=self.direction is None, id="toward")
                yield RadioButton(
                    "retrograde", value=self.direction == "retrograde", id="retrograde"
                )
                yield RadioButton("antegrade", value=self.direction == "antegrade", id="antegrade")
            yield Label("", id="access-error", classes="dialog-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button(self.action_word, variant="primary", id="access-add")
                yield Button("Cancel", id="access-cancel")

    def on_mount(self) -> None:
        """Start in the name box."""
        self.query_one("#access-name", Input).focus()

    def _direction(self) -> Direction | None:
        pressed = self.query_one("#access-direction", RadioSet).pressed_button
        return _DIRECTIONS[pressed.id or "toward"] if pressed is not None else None

    def _finish(self, vessel_id: str) -> None:
        self.dismiss((vessel_id, self._direction()))

    @on(Input.Submitted, "#access-name")
    @on(Button.Pressed, "#access-add")
    def _add(self) -> None:
        text = self.query_one("#access-name", Input).value.strip()
        if not text:
            sites = self.query_one("#access-sites", OptionList)
            if sites.highlighted is not None:
                option = sites.get_option_at_index(sites.highlighted)
                if option.id is not None:
                    self._finish(option.id)
                    return
            self.query_one("#access-error", Label).update(
                "Type the vessel punctured or pick a site."
            )
            return
        try:
            self._finish(self.anatomy.resolve(text, "access").id)
        except VesselNameError as error:
            self.query_one("#access-error", Label).update(str(error))

    @on(OptionList.OptionSelected, "#access-sites")
    def _pick(self, event: OptionList.OptionSelected) -> None:
        if event.option.id is not None:
            self._finish(event.option.id)

    @on(Button.Pressed, "#access-cancel")
    def action_cancel(self) -> None:
        """Close without adding."""
        self.dismiss(None)
