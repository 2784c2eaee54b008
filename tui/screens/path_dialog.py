"""PathDialog: ask for a file path (open, save, export), prefilled with a sensible default."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select

from tui.widgets.text_input import TextInput

__all__ = ["PathDialog"]


class PathDialog(ModalScreen[tuple[Path, str] | None]):
    """Returns (path, chosen kind) or None; `kinds` (value -> (label, suffix)) adds a choice."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(
        self,
        title: str,
        default: Path,
        action: str,
        kinds: dict[str, tuple[str, str]] | None = None,
        must_exist: bool = False,
    ) -> None:
        """A title, the default path, the button's word, optional kinds."""
        super().__init__()
        self.title_text, self.default, self.action_word = title, default, action
        self.kinds, self.must_exist = kinds, must_exist

    def compose(self) -> ComposeResult:
        """Title, optional kind choice, path box, buttons."""
        with Vertical(classes="dialog", id="path-dialog"):
            yield Label(self.title_text, classes="dialog-title")
            if self.kinds:
                yield Select(
                    [(label, value) for value, (label, _) in self.kinds.items()],
                    value=next(iter(self.kinds)),
                    allow_blank=False,
                    id="path-kind",
                )
            yield TextInput(str(self.default), id="path-input")
            yield Label("", id="path-error", classes="dialog-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button(self.action_word, variant="primary", id="path-ok")
                yield Button("Cancel", id="path-cancel")

    def on_mount(self) -> None:
        """Start in the path box."""
        self.query_one("#path-input", Input).focus()

    @on(Input.Submitted, "#path-input")
    @on(Button.Pressed, "#path-ok")
    def _done(self) -> None:
        text = self.query_one("#path-input", Input).value.strip()
        if not text:
            self.query_one("#path-error", Label).update("Type a file path.")
            return
        path = Path(text).expanduser()
        if self.must_exist and not path.is_file():
            self.query_one("#path-error", Label).update(f"No such file: {path}")
            return
        kind = ""
        if self.kinds:
            kind = str(self.query_one("#path-kind", Select).value)
        self.dismiss((path, kind))

    @on(Select.Changed, "#path-kind")
    def _kind_changed(self, event: Select.Changed) -> None:
        """Follow the kind's usual suffix in the default path."""
        if self.kinds is None or event.value not in self.kinds:
            return
        box = self.query_one("#path-input", Input)
        stem = Path(box.value).name.split(".")[0] or "case"
        folder = Path(box.value).parent
        box.value = str(folder / f"{stem}{self.kinds[str(event.value)][1]}")

    @on(Button.Pressed, "#path-cancel")
    def action_cancel(self) -> None:
        """Close without a path."""
        self.dismiss(None)
